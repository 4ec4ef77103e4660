#ifndef TAXA_PARSE_ARENA_H
#define TAXA_PARSE_ARENA_H

/* A per-thread bump allocator for short-lived trees: the service builds each request's JSON
   tree in it and empties it as a whole when the request is answered, instead of a malloc and
   a free per value. Knows nothing of JSON; JSONDocument.swift hands these functions to jansson. */

#include <stddef.h>

typedef struct taxa_parse_arena taxa_parse_arena;

/* Allocation and release functions with malloc's and free's contracts. While the calling
   thread's arena is open for allocation, memory comes from it; otherwise from malloc. Freeing
   arena memory does nothing (the arena is emptied whole); anything else goes to free. */
void *taxa_arena_malloc(size_t size);
void taxa_arena_free(void *pointer);

/* Opens the calling thread's arena for allocation and returns it; NULL when a tree built in it
   is still alive (the caller then allocates as usual). */
taxa_parse_arena *taxa_arena_begin(void);

/* Stops allocating from `arena`; what was allocated stays valid until taxa_arena_reset. */
void taxa_arena_stop(taxa_parse_arena *arena);

/* Empties `arena` (everything allocated in it becomes invalid) and returns memory beyond its
   first chunk to the system. */
void taxa_arena_reset(taxa_parse_arena *arena);

#endif
