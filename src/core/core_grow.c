/* Growable arrays (grow.h). */
#include "cescore/grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int ces_grow(void *items, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : first ? first : 1;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return -1;
        c *= 2;
    }
    if (c > SIZE_MAX / size)
        return -1;
    void *old, *p;
    memcpy(&old, items, sizeof old);
    p = realloc(old, c * size);
    if (!p)
        return -1;
    memcpy(items, &p, sizeof p);
    *cap = c;
    return 0;
}
