/* Files: reading a whole file, and writing outputs through a temporary file
 * beside the target that is renamed into place, so that a failed command
 * leaves no half-written file. */
#ifndef CESCORE_FILE_H
#define CESCORE_FILE_H

#include <stddef.h>

#include "cescore/diag.h"
#include "cescore/status.h"

/* Read path into a malloc'd buffer (one extra NUL byte, not counted in *len).
 * Returns 0, or an errno value (ENOMEM when out of memory; EISDIR for a
 * directory). Opening never blocks on a FIFO without a writer. */
int ces_read_file(const char *path, unsigned char **bytes, size_t *len);

/* Besides errno values, what ces_read_file_limited answers: */
#define CES_READ_NOT_REGULAR (-1) /* regular_only, and path is a FIFO, device or socket */
#define CES_READ_TOO_LARGE (-2)   /* more than max bytes (a device such as /dev/zero too) */

/* The same, reading at most max bytes (SIZE_MAX: no limit) and, when
 * regular_only, nothing but a regular file (a symbolic link to one is
 * followed). Whatever the file is, no more than max + 1 bytes are read. */
int ces_read_file_limited(const char *path, size_t max, int regular_only, unsigned char **bytes,
                          size_t *len);
/* What ces_read_file_limited checks before it reads, without reading: 0
 * when path may be read, else what ces_read_file_limited would answer (a
 * file read later as a stream is held to the rules of the files read whole). */
int ces_check_file_limited(const char *path, size_t max, int regular_only);
/* Open path for reading without blocking on a FIFO that has no writer (reads
 * then block as usual, a late writer is waited for): a descriptor, or -1
 * with errno set. */
int ces_open_for_reading(const char *path);
/* What a failure of ces_read_file_limited with limit max means, in English. */
const char *ces_read_strerror(int err, size_t max);

/* Every output goes through a temporary file beside its target
 * ("path.cescore-tmp-PID-XXXXXX", outputs.h): create one (mode 0666 &
 * ~umask, like a plain fopen; stale temporaries of dead processes in that
 * folder are removed first), let the writer fill it by name, then commit it
 * (fsync and rename onto path) or discard it. Both free *tmp. */
ces_status ces_temp_create(const char *path, char **tmp, ces_diags *d);
ces_status ces_temp_commit(char *tmp, const char *path, ces_diags *d);
void ces_temp_discard(char *tmp);

/* Write len bytes to path through such a temporary file. */
ces_status ces_write_file_atomic(const char *path, const void *bytes, size_t len, ces_diags *d);

/* Write len bytes to the file at (created or truncated); name is the output
 * the message names on failure (CES_ERR_IO). */
ces_status ces_write_bytes(const char *at, const void *bytes, size_t len, const char *name,
                           ces_diags *d);
/* fsync the file or folder at path: 0, or an errno value. */
int ces_fsync_path(const char *path);

#endif
