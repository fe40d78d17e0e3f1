/* The codes of one file's rows, built as the rows are read: for each
 * distinct code, a number the caller gives with its first row (the row's
 * line, or the company's index), for duplicates ("first on line N") and
 * lookups. A hash table keeps a copy of each distinct code once: about 30
 * bytes and the code per distinct code. */
#ifndef CESCORE_INGEST_INDEX_H
#define CESCORE_INGEST_INDEX_H

#include <stddef.h>

#include <stdint.h>

typedef struct {
    size_t key; /* offset of the code in the index's keys */
    long value; /* what was given with the code's first row */
} ing_index_entry;

typedef struct {
    char *keys; /* the codes, each NUL-terminated */
    size_t keys_len, keys_cap;
    ing_index_entry *e;
    size_t n, cap;
    uint32_t *slots; /* open addressing: entry index + 1, 0 when free */
    size_t n_slots;
} ing_index;

/* Add code (not empty) with value (>= 0): *first is then the value given
 * with its first row, value itself when the code is new. Returns -1 when out
 * of memory. */
int ing_index_add(ing_index *ix, const char *code, long value, long *first);
/* The value given with the first row whose code is code, -1 when none (or
 * code is empty). */
long ing_index_find(const ing_index *ix, const char *code);
void ing_index_free(ing_index *ix);

#endif
