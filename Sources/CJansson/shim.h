#ifndef TAXA_CJANSSON_SHIM_H
#define TAXA_CJANSSON_SHIM_H

/* jansson exposes several essentials as macros, which Swift cannot import.
   These static inline shims give them a callable form; nothing else lives here. */
#include <jansson.h>

static inline int taxa_json_typeof(const json_t *json) {
    return json ? (int)json_typeof(json) : -1;
}

static inline void taxa_json_decref(json_t *json) {
    json_decref(json);
}

static inline json_t *taxa_json_incref(json_t *json) {
    return json_incref(json);
}

/* Flags used by taxa, as constants (they are macros in jansson.h). */
static const size_t TAXA_JSON_REJECT_DUPLICATES = JSON_REJECT_DUPLICATES;
static const size_t TAXA_JSON_DECODE_ANY = JSON_DECODE_ANY;

#endif
