/* A sorted index of the codes of one file's rows: lookup and duplicates. */
#ifndef CESCORE_INGEST_INDEX_H
#define CESCORE_INGEST_INDEX_H

#include <stddef.h>

typedef struct {
    const char *code; /* borrowed */
    size_t row;
} ing_index_entry;

typedef struct {
    ing_index_entry *e; /* sorted by code, then row */
    size_t n;
    long *first; /* first[row]: first row with the same code, -1 when no code */
    size_t n_rows;
} ing_index;

/* codes[i] is row i's code (NULL or "" = none). The strings are borrowed and
 * must outlive the index. Returns -1 when out of memory. */
int ing_index_build(ing_index *ix, const char *const *codes, size_t n);
/* First row whose code is code, -1 when none. */
long ing_index_find(const ing_index *ix, const char *code);
void ing_index_free(ing_index *ix);

#endif
