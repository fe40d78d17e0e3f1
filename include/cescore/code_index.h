/* Company codes to numbers: for each distinct code, the number the caller
 * gave with its first occurrence (ingest: a row's line, for "first on line
 * N", or a company's index; the workbook writers: an entry of their own
 * table). A hash table keeps a copy of each distinct code once: about 30
 * bytes and the code per distinct code. A zeroed ces_code_index is empty. */
#ifndef CESCORE_CODE_INDEX_H
#define CESCORE_CODE_INDEX_H

#include <stddef.h>

#include <stdint.h>

typedef struct {
    size_t key; /* offset of the code in the index's keys */
    long value; /* what was given with the code's first row */
} ces_code_index_entry;

typedef struct {
    char *keys; /* the codes, each NUL-terminated */
    size_t keys_len, keys_cap;
    ces_code_index_entry *e;
    size_t n, cap;
    uint32_t *slots; /* open addressing: entry index + 1, 0 when free */
    size_t n_slots;
} ces_code_index;

/* Add code (not empty) with value (>= 0): *first is then the value given
 * with its first row, value itself when the code is new. Returns -1 when out
 * of memory. */
int ces_code_index_add(ces_code_index *ix, const char *code, long value, long *first);
/* The value given with the first row whose code is code, -1 when none (or
 * code is empty). */
long ces_code_index_find(const ces_code_index *ix, const char *code);
void ces_code_index_free(ces_code_index *ix);

#endif
