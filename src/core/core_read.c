/* Reading whole files (file.h), bounded: a FIFO, a device or a file that
 * grows without end can neither block a command nor exhaust its memory. */
#include "cescore/file.h"
#include "cescore/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int ces_open_for_reading(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

/* Read fd to its end into a malloc'ed buffer (one NUL byte after the
 * content); at most max + 1 bytes are read, so that a larger file is told
 * apart. hint: the file's size when known, for a single allocation. */
static int read_all(int fd, size_t max, size_t hint, unsigned char **bytes, size_t *len)
{
    size_t n = 0, cap = hint < 65536 ? 65536 : hint;
    if (max != SIZE_MAX && cap > max + 2)
        cap = max + 2;
    unsigned char *buf = malloc(cap);
    if (!buf)
        return ENOMEM;
    for (;;) {
        if (cap - n < 2) {
            size_t ncap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
            if (max != SIZE_MAX && ncap > max + 2)
                ncap = max + 2;
            unsigned char *nb = ncap > cap ? realloc(buf, ncap) : NULL;
            if (!nb) {
                free(buf);
                return ENOMEM;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t got = read(fd, buf + n, cap - n - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno ? errno : EIO;
            free(buf);
            return e;
        }
        n += (size_t)got;
        if (max != SIZE_MAX && n > max) {
            free(buf);
            return CES_READ_TOO_LARGE;
        }
        if (got == 0)
            break;
    }
    buf[n] = '\0';
    *bytes = buf;
    *len = n;
    return 0;
}

/* What ces_read_file_limited refuses of the file open at fd (sb: its status). */
static int check_fd(int fd, size_t max, int regular_only, struct stat *sb)
{
    if (fstat(fd, sb) != 0)
        return errno ? errno : EIO;
    if (S_ISDIR(sb->st_mode))
        return EISDIR;
    if (regular_only && !S_ISREG(sb->st_mode))
        return CES_READ_NOT_REGULAR;
    if (S_ISREG(sb->st_mode) && max != SIZE_MAX && (uintmax_t)sb->st_size > (uintmax_t)max)
        return CES_READ_TOO_LARGE;
    return 0;
}

int ces_read_file_limited(const char *path, size_t max, int regular_only, unsigned char **bytes,
                          size_t *len)
{
    struct stat sb;
    *bytes = NULL;
    *len = 0;
    int fd = ces_open_for_reading(path);
    if (fd < 0)
        return errno ? errno : EIO;
    int err = check_fd(fd, max, regular_only, &sb);
    if (!err)
        err = read_all(fd, max, S_ISREG(sb.st_mode) ? (size_t)sb.st_size + 2 : 0, bytes, len);
    close(fd);
    return err;
}

int ces_check_file_limited(const char *path, size_t max, int regular_only)
{
    struct stat sb;
    int fd = ces_open_for_reading(path);
    if (fd < 0)
        return errno ? errno : EIO;
    int err = check_fd(fd, max, regular_only, &sb);
    close(fd);
    return err;
}

int ces_read_file(const char *path, unsigned char **bytes, size_t *len)
{
    return ces_read_file_limited(path, SIZE_MAX, 0, bytes, len);
}

const char *ces_read_strerror(int err, size_t max)
{
    static char text[96];
    if (err == CES_READ_NOT_REGULAR)
        return _("not a regular file (a FIFO, a device or a socket)");
    if (err == CES_READ_TOO_LARGE) {
        if (max % (1u << 30) == 0)
            snprintf(text, sizeof text, _("larger than the limit of %zu GiB"), max >> 30);
        else if (max % (1u << 20) == 0)
            snprintf(text, sizeof text, _("larger than the limit of %zu MiB"), max >> 20);
        else if (max % (1u << 10) == 0)
            snprintf(text, sizeof text, _("larger than the limit of %zu KiB"), max >> 10);
        else
            snprintf(text, sizeof text, _("larger than the limit of %zu bytes"), max);
        return text;
    }
    return strerror(err);
}
