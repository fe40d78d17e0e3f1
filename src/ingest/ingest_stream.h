/* A CSV file read as a stream (docs/inputs.md §2, §4.8): bytes from a source
 * are hashed, decoded (UTF-8, else GB18030), split into physical lines and
 * CSV records (libcsv) and handed over one record at a time, so that neither
 * the file nor its rows are ever held whole. The rules are those of the
 * files read whole (ingest_decode.c, ingest_csv.c): the same encodings,
 * dialect, trimming, blank records and line numbers. */
#ifndef CESCORE_INGEST_STREAM_H
#define CESCORE_INGEST_STREAM_H

#include <stddef.h>

#include "cescore/diag.h"
#include "cescore/status.h"
#include "cescore/stream.h"
#include "ingest_csv.h"

typedef struct {
    /* The first non-blank record, then each later one; the record (its
     * trimmed fields) lasts until the call returns. Return -1 to stop. */
    int (*header)(void *ctx, const ing_record *rec);
    int (*row)(void *ctx, const ing_record *rec);
    /* The file is not UTF-8 after all: the reading starts over as GB18030;
     * forget every record seen so far. */
    void (*restart)(void *ctx);
    void *ctx;
    ces_progress_fn progress; /* may be NULL */
    void *progress_ctx;
} ing_stream_fns;

/* What was read: sha256 and length of the bytes, the encoding, the data
 * records after the header. */
typedef struct {
    char sha256[65];
    char encoding[16];
    unsigned long long len;
    size_t rows;
} ing_stream_info;

/* Read src to its end (or until a callback stops it). A NUL byte, bytes
 * valid in neither encoding, malformed CSV or an empty file are reported to
 * d naming fname and the line, and return CES_ERR_INVALID (the file is
 * unusable; records before the problem were handed over). CES_ERR_IO when
 * src fails, CES_ERR_NOMEM, CES_ERR_INTERNAL when iconv or libcrypto fails. */
ces_status ing_stream_read(const ces_byte_source *src, const char *fname, const ing_stream_fns *fns,
                           ing_stream_info *info, ces_diags *d);

#endif
