#include "parse_arena.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

enum { FIRST_CHUNK = 64 << 10, ALIGN = 16 };

/* A chunk of arena memory; allocations follow its header. */
typedef struct chunk {
    struct chunk *previous;
    char *end;
} chunk;

#define HEADER ((sizeof(chunk) + ALIGN - 1) & ~(size_t)(ALIGN - 1))

struct taxa_parse_arena {
    char *cursor;   /* the next allocation, in `current` */
    char *limit;    /* `current`'s end while a tree is being built here; NULL otherwise */
    chunk *current;
    chunk *first;
    int in_use;     /* a tree built here is alive */
};

static __thread taxa_parse_arena *thread_arena;
static pthread_key_t arena_key;
static pthread_once_t arena_key_once = PTHREAD_ONCE_INIT;

static chunk *new_chunk(size_t size, chunk *previous) {
    chunk *c = malloc(size);
    if (c == NULL) abort();
    c->previous = previous;
    c->end = (char *)c + size;
    return c;
}

static void destroy_arena(void *raw) {
    taxa_parse_arena *arena = raw;
    /* Runs as the thread ends: anything allocated after it (another key's destructor) must not
       find the freed arena. */
    thread_arena = NULL;
    taxa_arena_reset(arena);
    free(arena->first);
    free(arena);
}

static void make_key(void) {
    if (pthread_key_create(&arena_key, destroy_arena) != 0) abort();
}

/* A new chunk for an allocation that does not fit in the current one; kept out of line so
   that the fast path (a jansson value: some 64 per mix request) saves and restores no registers. */
static __attribute__((noinline)) void *grow(taxa_parse_arena *arena, size_t rounded) {
    size_t size_needed = rounded + HEADER;
    arena->current = new_chunk(size_needed > FIRST_CHUNK ? size_needed : FIRST_CHUNK, arena->current);
    arena->limit = arena->current->end;
    arena->cursor = (char *)arena->current + HEADER + rounded;
    return (char *)arena->current + HEADER;
}

/* Whether `pointer` lies in `first` or a chunk before it. */
static __attribute__((noinline)) int in_chunks(const chunk *first, const void *pointer) {
    for (const chunk *c = first; c != NULL; c = c->previous) {
        if ((const char *)pointer >= (const char *)c && (const char *)pointer < c->end) return 1;
    }
    return 0;
}

void *taxa_arena_malloc(size_t size) {
    taxa_parse_arena *arena = thread_arena;
    if (__builtin_expect(arena == NULL || arena->limit == NULL, 0)) return malloc(size);
    size_t rounded = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    char *result = arena->cursor;
    if (__builtin_expect((size_t)(arena->limit - result) >= rounded, 1)) {
        arena->cursor = result + rounded;
        return result;
    }
    return grow(arena, rounded);
}

void taxa_arena_free(void *pointer) {
    if (pointer == NULL) return;
    taxa_parse_arena *arena = thread_arena;
    if (arena != NULL && arena->in_use) {
        /* Most of what jansson frees while a tree is alive is in the current chunk. */
        if ((char *)pointer >= (char *)arena->current && (char *)pointer < arena->current->end) return;
        if (in_chunks(arena->current->previous, pointer)) return;
    }
    free(pointer);
}

taxa_parse_arena *taxa_arena_begin(void) {
    taxa_parse_arena *arena = thread_arena;
    if (arena == NULL) {
        pthread_once(&arena_key_once, make_key);
        arena = malloc(sizeof *arena);
        if (arena == NULL) abort();
        arena->first = new_chunk(FIRST_CHUNK, NULL);
        arena->current = arena->first;
        arena->cursor = (char *)arena->first + HEADER;
        arena->limit = NULL;
        arena->in_use = 0;
        thread_arena = arena;
        pthread_setspecific(arena_key, arena); /* freed when the thread ends */
    }
    if (arena->in_use) return NULL;
    arena->in_use = 1;
    arena->limit = arena->current->end;
    return arena;
}

void taxa_arena_stop(taxa_parse_arena *arena) {
    arena->limit = NULL;
}

void taxa_arena_reset(taxa_parse_arena *arena) {
    while (arena->current != arena->first) {
        chunk *previous = arena->current->previous;
        free(arena->current);
        arena->current = previous;
    }
    arena->cursor = (char *)arena->first + HEADER;
    arena->limit = NULL;
    arena->in_use = 0;
}
