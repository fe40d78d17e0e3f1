/* archive: files stored as ordered chunks. Writing reads the file in
 * chunks of ARCH_CHUNK_BYTES, inserting each as a row and hashing it;
 * reading steps through the rows in order, handing out their bytes. */
#include <stdlib.h>
#include <string.h>

#include "archive_chunks.h"
#include "cescore/sha256.h"
#include "cescore/stream.h"

struct ces_archive_file {
    ces_archive *a;
    sqlite3_stmt *st;           /* the chunks in order */
    const unsigned char *chunk; /* the current one (sqlite's until the next step) */
    size_t len, pos;
    int done;
};

static ces_status next_chunk(ces_archive_file *f)
{
    int rc = sqlite3_step(f->st);
    f->pos = 0;
    f->len = 0;
    f->chunk = NULL;
    if (rc == SQLITE_DONE) {
        f->done = 1;
        return CES_OK;
    }
    if (rc != SQLITE_ROW)
        return arch_sqlite_fail(f->a, rc);
    f->chunk = sqlite3_column_blob(f->st, 0);
    f->len = (size_t)sqlite3_column_bytes(f->st, 0);
    return CES_OK;
}

static ces_status chunk_read(void *ctx, unsigned char *buf, size_t cap, size_t *got)
{
    ces_archive_file *f = ctx;
    ces_status st = CES_OK;
    *got = 0;
    while (*got < cap && st == CES_OK && !f->done) {
        if (f->pos == f->len) {
            st = next_chunk(f);
            continue;
        }
        size_t n = f->len - f->pos < cap - *got ? f->len - f->pos : cap - *got;
        memcpy(buf + *got, f->chunk + f->pos, n);
        f->pos += n;
        *got += n;
    }
    return st;
}

static ces_status chunk_rewind(void *ctx)
{
    ces_archive_file *f = ctx;
    sqlite3_reset(f->st);
    f->chunk = NULL;
    f->len = f->pos = 0;
    f->done = 0;
    return CES_OK;
}

ces_status ces_archive_file_open(ces_archive *a, long import_id, ces_file_kind k, ces_archive_file **out,
                                 ces_byte_source *src)
{
    long size = -1;
    *out = NULL;
    memset(src, 0, sizeof *src);
    ces_status st = arch_query_long(
        a,
        "SELECT (SELECT COALESCE(sum(length(c.bytes)), 0) FROM import_file_chunks c"
        " WHERE c.import_id = f.import_id AND c.kind = f.kind)"
        " FROM import_files f WHERE f.kind = ?1 AND f.import_id = ?2",
        arch_file_kind_id(k), import_id, -1, &size);
    if (st != CES_OK)
        return st;
    if (size < 0)
        return arch_fail(a, CES_ERR_INVALID, "import %ld has no %s", import_id, ces_file_name(k));
    ces_archive_file *f = calloc(1, sizeof *f);
    if (!f)
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    f->a = a;
    st = arch_prepare_keyed(a,
                            "SELECT bytes FROM import_file_chunks WHERE kind = ?1 AND import_id = ?2"
                            " ORDER BY seq",
                            arch_file_kind_id(k), import_id, &f->st);
    if (st != CES_OK) {
        free(f);
        return st;
    }
    src->read = chunk_read;
    src->rewind = chunk_rewind;
    src->ctx = f;
    src->size = (unsigned long long)size;
    *out = f;
    return CES_OK;
}

void ces_archive_file_close(ces_archive_file *f)
{
    if (!f)
        return;
    sqlite3_finalize(f->st);
    free(f);
}

ces_status arch_chunks_sha256(ces_archive *a, long import_id, ces_file_kind k, char out[65])
{
    ces_archive_file *f = NULL;
    ces_byte_source src;
    ces_sha256 *h = NULL;
    unsigned char *buf = malloc(ARCH_CHUNK_BYTES);
    out[0] = '\0';
    ces_status st = buf ? ces_archive_file_open(a, import_id, k, &f, &src) : CES_ERR_NOMEM;
    if (st == CES_OK)
        st = ces_sha256_begin(&h);
    for (size_t got = 1; st == CES_OK && got;)
        if ((st = src.read(src.ctx, buf, ARCH_CHUNK_BYTES, &got)) == CES_OK)
            st = ces_sha256_update(h, buf, got);
    if (st == CES_OK)
        st = ces_sha256_end(h, out);
    else
        ces_sha256_discard(h);
    ces_archive_file_close(f);
    free(buf);
    return st;
}

/* Each chunk of the file as a row, hashed on the way; *written bytes. */
static ces_status insert_chunks(ces_archive *a, sqlite3_stmt *st, const ces_byte_source *src,
                                unsigned char *buf, long import_id, ces_file_kind k, ces_sha256 *h,
                                unsigned long long *written)
{
    ces_status res = CES_OK;
    *written = 0;
    for (long seq = 0; res == CES_OK; seq++) {
        size_t got = 0;
        if ((res = src->read(src->ctx, buf, ARCH_CHUNK_BYTES, &got)) != CES_OK || !got)
            break;
        sqlite3_bind_int64(st, 1, import_id);
        arch_bind_text(st, 2, arch_file_kind_id(k));
        sqlite3_bind_int64(st, 3, seq);
        sqlite3_bind_blob64(st, 4, buf, got, SQLITE_STATIC);
        res = arch_exec_stmt(a, st);
        if (res == CES_OK)
            res = ces_sha256_update(h, buf, got);
        *written += got;
    }
    return res;
}

ces_status arch_chunks_store(ces_archive *a, long import_id, ces_file_kind k, const ces_input_file *f)
{
    ces_file_source fs = {-1};
    ces_mem_source ms;
    ces_byte_source src;
    const char *path = f->path ? f->path : ces_file_name(k), *sha = f->sha256;
    unsigned long long len = f->len;
    sqlite3_stmt *st = NULL;
    ces_sha256 *h = NULL;
    unsigned long long written = 0;
    char now[65] = "";
    int err = 0;
    const char *name = ces_file_name(k);
    unsigned char *buf = malloc(ARCH_CHUNK_BYTES);
    if (!buf)
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    ces_status res = CES_OK;
    if (f->bytes || !f->path)
        ces_mem_source_init(&ms, f->bytes, f->len, &src);
    else if ((res = ces_file_source_open(path, &fs, &src, &err)) != CES_OK)
        res = arch_fail(a, res, "cannot read %s again to archive it", path);
    if (res == CES_OK)
        res = arch_prepare(a,
                           "INSERT INTO import_file_chunks (import_id, kind, seq, bytes)"
                           " VALUES (?1, ?2, ?3, ?4)",
                           &st);
    if (res == CES_OK && (res = ces_sha256_begin(&h)) == CES_OK)
        res = insert_chunks(a, st, &src, buf, import_id, k, h, &written);
    if (res == CES_OK) {
        res = ces_sha256_end(h, now);
        h = NULL;
    }
    ces_sha256_discard(h);
    if (res == CES_OK && (written != len || strcmp(now, sha)))
        res = arch_fail(a, CES_ERR_IO,
                        "%s changed while it was archived (it was checked with sha256 %s); nothing was "
                        "archived",
                        name, sha);
    sqlite3_finalize(st);
    ces_file_source_close(&fs);
    free(buf);
    return res;
}
