/* archive: the bytes of a file read as a stream (cases.csv), stored in
 * order as chunks of one MiB (import_file_chunks, schema v3): written while
 * the file is read, read back one chunk at a time, never held whole. */
#ifndef CESCORE_ARCHIVE_CHUNKS_H
#define CESCORE_ARCHIVE_CHUNKS_H

#include "archive_db.h"

#define ARCH_CHUNK_BYTES (1u << 20)

/* Store file f (its bytes, else the file at its path) as the chunks of
 * file k of import_id. They must still be the bytes that were checked:
 * f->len bytes whose sha256 is f->sha256 (else CES_ERR_IO, "NAME changed
 * while it was archived"). */
ces_status arch_chunks_store(ces_archive *a, long import_id, ces_file_kind k, const ces_input_file *f);

/* The sha256 of the stored bytes of file k of an import, read chunk by chunk. */
ces_status arch_chunks_sha256(ces_archive *a, long import_id, ces_file_kind k, char out[65]);

#endif
