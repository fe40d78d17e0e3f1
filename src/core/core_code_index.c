/* Company codes to numbers (code_index.h): an open-addressing hash table
 * over the entries, the codes copied once into one block. */
#include "cescore/code_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cescore/grow.h"

static uint64_t hash(const char *s)
{
    uint64_t h = 14695981039346656037ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* The slot of code: the one holding it, or the free one where it goes. */
static size_t slot_of(const ces_code_index *ix, const char *code)
{
    size_t mask = ix->n_slots - 1, i = (size_t)hash(code) & mask;
    while (ix->slots[i] && strcmp(ix->keys + ix->e[ix->slots[i] - 1].key, code) != 0)
        i = (i + 1) & mask;
    return i;
}

/* Double the slots (at least 16) and place every entry again. */
static int grow_slots(ces_code_index *ix)
{
    size_t n = ix->n_slots ? 2 * ix->n_slots : 16;
    uint32_t *slots = n / 2 < UINT32_MAX ? calloc(n, sizeof *slots) : NULL;
    if (!slots)
        return -1;
    free(ix->slots);
    ix->slots = slots;
    ix->n_slots = n;
    for (size_t k = 0; k < ix->n; k++)
        ix->slots[slot_of(ix, ix->keys + ix->e[k].key)] = (uint32_t)(k + 1);
    return 0;
}

/* Room for one more entry and its code of len bytes. */
static int reserve(ces_code_index *ix, size_t len)
{
    if (CES_GROW(ix->e, ix->cap, ix->n, 16) ||
        ces_grow(&ix->keys, &ix->keys_cap, ix->keys_len + len + 1, 1, 256))
        return -1;
    if (2 * (ix->n + 1) > ix->n_slots) /* at most half full */
        return grow_slots(ix);
    return 0;
}

int ces_code_index_add(ces_code_index *ix, const char *code, long value, long *first)
{
    size_t len = strlen(code);
    if (ix->n_slots) {
        size_t i = slot_of(ix, code);
        if (ix->slots[i]) {
            *first = ix->e[ix->slots[i] - 1].value;
            return 0;
        }
    }
    if (reserve(ix, len) != 0)
        return -1;
    memcpy(ix->keys + ix->keys_len, code, len + 1);
    ix->e[ix->n] = (ces_code_index_entry){ix->keys_len, value};
    ix->keys_len += len + 1;
    ix->slots[slot_of(ix, code)] = (uint32_t)(ix->n + 1);
    *first = value;
    ix->n++;
    return 0;
}

long ces_code_index_find(const ces_code_index *ix, const char *code)
{
    if (!code || !code[0] || !ix->n_slots)
        return -1;
    size_t i = slot_of(ix, code);
    return ix->slots[i] ? ix->e[ix->slots[i] - 1].value : -1;
}

void ces_code_index_free(ces_code_index *ix)
{
    free(ix->keys);
    free(ix->e);
    free(ix->slots);
    memset(ix, 0, sizeof *ix);
}
