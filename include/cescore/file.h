/* Files: reading a whole file, and writing outputs through a temporary file
 * beside the target that is renamed into place, so that a failed command
 * leaves no half-written file. */
#ifndef CESCORE_FILE_H
#define CESCORE_FILE_H

#include <stddef.h>

#include "cescore/diag.h"
#include "cescore/status.h"

/* Read path into a malloc'd buffer (one extra NUL byte, not counted in *len).
 * Returns 0, or an errno value (ENOMEM when out of memory). */
int ces_read_file(const char *path, unsigned char **bytes, size_t *len);

/* Every output goes through a temporary file beside its target: create one
 * (mode 0666 & ~umask, like a plain fopen), let the writer fill it by name, then
 * commit it (fsync and rename onto path) or discard it. Both free *tmp. */
ces_status ces_temp_create(const char *path, char **tmp, ces_diags *d);
ces_status ces_temp_commit(char *tmp, const char *path, ces_diags *d);
void ces_temp_discard(char *tmp);

/* Write len bytes to path through such a temporary file. */
ces_status ces_write_file_atomic(const char *path, const void *bytes, size_t len, ces_diags *d);

#endif
