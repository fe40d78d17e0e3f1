/* Bytes read in chunks, for an input too large to hold whole (cases.csv,
 * docs/inputs.md §4.8): from a file of the bundle, from memory, or (archive.h)
 * from a file stored in the archive; and the progress a long read reports. */
#ifndef CESCORE_STREAM_H
#define CESCORE_STREAM_H

#include <stddef.h>

#include "cescore/status.h"

typedef struct {
    /* Read up to cap bytes into buf; *got = 0 at the end. CES_ERR_IO on failure. */
    ces_status (*read)(void *ctx, unsigned char *buf, size_t cap, size_t *got);
    /* Start again from the first byte. */
    ces_status (*rewind)(void *ctx);
    void *ctx;
    unsigned long long size; /* bytes in all (for progress), 0 when unknown */
} ces_byte_source;

/* A file opened for reading as a source. */
typedef struct {
    int fd;
} ces_file_source;

/* Open path; on failure returns CES_ERR_IO (CES_ERR_NOMEM) with errno's
 * value in *err. Close with ces_file_source_close. */
ces_status ces_file_source_open(const char *path, ces_file_source *fs, ces_byte_source *src, int *err);
void ces_file_source_close(ces_file_source *fs);

/* len bytes at p (borrowed: they must outlive the source). */
typedef struct {
    const unsigned char *p;
    size_t len, pos;
} ces_mem_source;

void ces_mem_source_init(ces_mem_source *m, const void *p, size_t len, ces_byte_source *src);

/* How far a long read has come: rows so far, bytes read of total_bytes. */
typedef struct {
    unsigned long long rows, bytes, total_bytes;
} ces_progress;

typedef void (*ces_progress_fn)(const ces_progress *p, void *ctx);

#endif
