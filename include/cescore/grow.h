/* Growable arrays: one way to make room for one more element. */
#ifndef CESCORE_GROW_H
#define CESCORE_GROW_H

#include <stddef.h>

/* Room for at least `need` elements of `size` bytes in *items (capacity
 * *cap, in elements): doubles the capacity, from `first`, until it holds
 * them. Returns 0, or -1 when out of memory (*items and *cap unchanged). The
 * caller owns *items (free). */
int ces_grow(void *items, size_t *cap, size_t need, size_t size, size_t first);

/* The common case: room for element n of array `arr` with capacity `cap`. */
#define CES_GROW(arr, cap, n, first) ces_grow(&(arr), &(cap), (n) + 1, sizeof *(arr), (first))

#endif
