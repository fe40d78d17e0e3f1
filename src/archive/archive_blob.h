/* archive: the bytes of a stored file written and read in chunks
 * (sqlite3_blob), for the inputs read as a stream (cases.csv), which are
 * never held whole. */
#ifndef CESCORE_ARCHIVE_BLOB_H
#define CESCORE_ARCHIVE_BLOB_H

#include "archive_db.h"

/* The largest file the archive keeps in one blob (SQLite's default limit). */
#define ARCH_MAX_FILE_BYTES 1000000000ULL

/* Fill the zeroed blob of import_files row rowid from the file at path,
 * which must still be the bytes that were checked: len bytes whose sha256
 * is sha (else CES_ERR_IO, "NAME changed while it was archived"). */
ces_status arch_blob_store(ces_archive *a, sqlite3_int64 rowid, const char *path, const char *name,
                           unsigned long long len, const char *sha);

/* The sha256 of the stored bytes of file k of an import, read in chunks. */
ces_status arch_blob_sha256(ces_archive *a, long import_id, ces_file_kind k, char out[65]);

#endif
