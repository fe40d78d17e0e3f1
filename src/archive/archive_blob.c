/* archive: stored files written and read in chunks through SQLite's
 * incremental blob I/O: a file is inserted as a zeroblob of its length, then
 * filled from its path, its sha256 computed on the way. */
#include <stdlib.h>
#include <string.h>

#include "archive_blob.h"
#include "cescore/sha256.h"
#include "cescore/stream.h"

#define CHUNK (1u << 20)

struct ces_archive_file {
    ces_archive *a;
    sqlite3_blob *blob;
    int size, pos;
};

static ces_status blob_read(void *ctx, unsigned char *buf, size_t cap, size_t *got)
{
    ces_archive_file *f = ctx;
    int n = f->size - f->pos;
    if ((size_t)n > cap)
        n = (int)cap;
    *got = 0;
    if (n <= 0)
        return CES_OK;
    int rc = sqlite3_blob_read(f->blob, buf, n, f->pos);
    if (rc != SQLITE_OK)
        return arch_sqlite_fail(f->a, rc);
    f->pos += n;
    *got = (size_t)n;
    return CES_OK;
}

static ces_status blob_rewind(void *ctx)
{
    ((ces_archive_file *)ctx)->pos = 0;
    return CES_OK;
}

ces_status ces_archive_file_open(ces_archive *a, long import_id, ces_file_kind k, ces_archive_file **out,
                                 ces_byte_source *src)
{
    sqlite3_stmt *st;
    long rowid = 0;
    *out = NULL;
    memset(src, 0, sizeof *src);
    ces_status res = arch_prepare_keyed(
        a, "SELECT rowid FROM import_files WHERE kind = ?1 AND import_id = ?2", arch_file_kind_id(k),
        import_id, &st);
    if (res != CES_OK)
        return res;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        rowid = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return arch_sqlite_fail(a, rc);
    if (!rowid)
        return arch_fail(a, CES_ERR_INVALID, "import %ld has no %s", import_id, ces_file_name(k));
    ces_archive_file *f = calloc(1, sizeof *f);
    if (!f)
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    f->a = a;
    rc = sqlite3_blob_open(a->db, "main", "import_files", "bytes", rowid, 0, &f->blob);
    if (rc != SQLITE_OK) {
        free(f);
        return arch_sqlite_fail(a, rc);
    }
    f->size = sqlite3_blob_bytes(f->blob);
    src->read = blob_read;
    src->rewind = blob_rewind;
    src->ctx = f;
    src->size = (unsigned long long)f->size;
    *out = f;
    return CES_OK;
}

void ces_archive_file_close(ces_archive_file *f)
{
    if (!f)
        return;
    sqlite3_blob_close(f->blob);
    free(f);
}

ces_status arch_blob_sha256(ces_archive *a, long import_id, ces_file_kind k, char out[65])
{
    ces_archive_file *f = NULL;
    ces_byte_source src;
    ces_sha256 *h = NULL;
    unsigned char *buf = malloc(CHUNK);
    out[0] = '\0';
    ces_status st = buf ? ces_archive_file_open(a, import_id, k, &f, &src) : CES_ERR_NOMEM;
    if (st == CES_OK)
        st = ces_sha256_begin(&h);
    for (size_t got = 1; st == CES_OK && got;)
        if ((st = src.read(src.ctx, buf, CHUNK, &got)) == CES_OK)
            st = ces_sha256_update(h, buf, got);
    if (st == CES_OK)
        st = ces_sha256_end(h, out);
    else
        ces_sha256_discard(h);
    ces_archive_file_close(f);
    free(buf);
    return st;
}

/* Copy the file into the open blob, hashing it. */
static ces_status fill(ces_archive *a, sqlite3_blob *blob, const ces_byte_source *src,
                       unsigned char *buf, unsigned long long len, ces_sha256 *h,
                       unsigned long long *written)
{
    ces_status st = CES_OK;
    *written = 0;
    for (size_t got = 1; st == CES_OK && got;) {
        if ((st = src->read(src->ctx, buf, CHUNK, &got)) != CES_OK || !got)
            break;
        if (*written + got > len)
            return CES_ERR_IO; /* it grew: reported by the caller */
        int rc = sqlite3_blob_write(blob, buf, (int)got, (int)*written);
        if (rc != SQLITE_OK)
            return arch_sqlite_fail(a, rc);
        *written += got;
        st = ces_sha256_update(h, buf, got);
    }
    return st;
}

ces_status arch_blob_store(ces_archive *a, sqlite3_int64 rowid, const char *path, const char *name,
                           unsigned long long len, const char *sha)
{
    ces_file_source fs = {-1};
    ces_byte_source src;
    sqlite3_blob *blob = NULL;
    ces_sha256 *h = NULL;
    unsigned long long written = 0;
    char now[65] = "";
    int err = 0;
    unsigned char *buf = malloc(CHUNK);
    if (!buf)
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    ces_status st = ces_file_source_open(path, &fs, &src, &err);
    if (st != CES_OK)
        st = arch_fail(a, st, "cannot read %s again to archive it", path);
    int rc = st == CES_OK ? sqlite3_blob_open(a->db, "main", "import_files", "bytes", rowid, 1, &blob)
                          : SQLITE_OK;
    if (rc != SQLITE_OK)
        st = arch_sqlite_fail(a, rc);
    if (st == CES_OK && (st = ces_sha256_begin(&h)) == CES_OK)
        st = fill(a, blob, &src, buf, len, h, &written);
    if (st == CES_OK || st == CES_ERR_IO) {
        ces_status hs = ces_sha256_end(h, now);
        h = NULL;
        if (st == CES_OK)
            st = hs;
    }
    ces_sha256_discard(h);
    if ((st == CES_OK || st == CES_ERR_IO) && (written != len || strcmp(now, sha)))
        st = arch_fail(a, CES_ERR_IO,
                       "%s changed while it was archived (it was checked with sha256 %s); nothing was "
                       "archived",
                       name, sha);
    if (blob)
        sqlite3_blob_close(blob);
    ces_file_source_close(&fs);
    free(buf);
    return st;
}
