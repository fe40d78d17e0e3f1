/* Reading whole files. */
#ifndef CESCORE_INGEST_IO_H
#define CESCORE_INGEST_IO_H

#include <stddef.h>

/* Read path into a malloc'd buffer (one extra NUL byte, not counted in *len).
 * Returns 0, or an errno value (ENOMEM when out of memory). */
int ing_read_file(const char *path, unsigned char **bytes, size_t *len);

#endif
