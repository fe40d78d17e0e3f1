/* Byte sources (stream.h): a file read with read(2), bytes in memory. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cescore/file.h"
#include "cescore/stream.h"

static ces_status file_read(void *ctx, unsigned char *buf, size_t cap, size_t *got)
{
    ces_file_source *fs = ctx;
    *got = 0;
    for (;;) {
        ssize_t n = read(fs->fd, buf, cap);
        if (n >= 0) {
            *got = (size_t)n;
            return CES_OK;
        }
        if (errno != EINTR)
            return CES_ERR_IO;
    }
}

static ces_status file_rewind(void *ctx)
{
    ces_file_source *fs = ctx;
    return lseek(fs->fd, 0, SEEK_SET) == 0 ? CES_OK : CES_ERR_IO;
}

ces_status ces_file_source_open(const char *path, ces_file_source *fs, ces_byte_source *src, int *err)
{
    struct stat sb;
    memset(src, 0, sizeof *src);
    *err = 0;
    fs->fd = ces_open_for_reading(path);
    if (fs->fd < 0 || fstat(fs->fd, &sb) != 0) {
        *err = errno;
        ces_file_source_close(fs);
        return *err == ENOMEM ? CES_ERR_NOMEM : CES_ERR_IO;
    }
    if (S_ISDIR(sb.st_mode)) {
        *err = EISDIR;
        ces_file_source_close(fs);
        return CES_ERR_IO;
    }
    src->read = file_read;
    src->rewind = file_rewind;
    src->ctx = fs;
    src->size = S_ISREG(sb.st_mode) ? (unsigned long long)sb.st_size : 0;
    return CES_OK;
}

void ces_file_source_close(ces_file_source *fs)
{
    if (fs->fd >= 0)
        close(fs->fd);
    fs->fd = -1;
}

static ces_status mem_read(void *ctx, unsigned char *buf, size_t cap, size_t *got)
{
    ces_mem_source *m = ctx;
    size_t n = m->len - m->pos < cap ? m->len - m->pos : cap;
    if (n)
        memcpy(buf, m->p + m->pos, n);
    m->pos += n;
    *got = n;
    return CES_OK;
}

static ces_status mem_rewind(void *ctx)
{
    ((ces_mem_source *)ctx)->pos = 0;
    return CES_OK;
}

void ces_mem_source_init(ces_mem_source *m, const void *p, size_t len, ces_byte_source *src)
{
    m->p = p;
    m->len = p ? len : 0;
    m->pos = 0;
    src->read = mem_read;
    src->rewind = mem_rewind;
    src->ctx = m;
    src->size = m->len;
}
