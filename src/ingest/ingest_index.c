/* A sorted index of codes: bsearch lookup, first occurrence of duplicates. */
#include "ingest_index.h"

#include <stdlib.h>
#include <string.h>

static int cmp_entry(const void *a, const void *b)
{
    const ing_index_entry *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    if (c)
        return c;
    return (x->row > y->row) - (x->row < y->row);
}

int ing_index_build(ing_index *ix, const char *const *codes, size_t n)
{
    memset(ix, 0, sizeof *ix);
    ix->e = malloc((n ? n : 1) * sizeof *ix->e);
    ix->first = malloc((n ? n : 1) * sizeof *ix->first);
    if (!ix->e || !ix->first) {
        ing_index_free(ix);
        return -1;
    }
    ix->n_rows = n;
    for (size_t i = 0; i < n; i++) {
        ix->first[i] = -1;
        if (codes[i] && codes[i][0])
            ix->e[ix->n++] = (ing_index_entry){codes[i], i};
    }
    qsort(ix->e, ix->n, sizeof *ix->e, cmp_entry);
    for (size_t i = 0; i < ix->n; i++) {
        size_t f = (i > 0 && strcmp(ix->e[i].code, ix->e[i - 1].code) == 0)
                       ? (size_t)ix->first[ix->e[i - 1].row]
                       : ix->e[i].row;
        ix->first[ix->e[i].row] = (long)f;
    }
    return 0;
}

long ing_index_find(const ing_index *ix, const char *code)
{
    size_t lo = 0, hi = ix->n;
    if (!code || !code[0])
        return -1;
    while (lo < hi) { /* lower bound: the first row of equal codes */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ix->e[mid].code, code) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < ix->n && strcmp(ix->e[lo].code, code) == 0)
        return (long)ix->e[lo].row;
    return -1;
}

void ing_index_free(ing_index *ix)
{
    free(ix->e);
    free(ix->first);
    memset(ix, 0, sizeof *ix);
}
