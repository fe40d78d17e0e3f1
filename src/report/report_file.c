/* Output files are written to a temporary file next to the target, flushed
 * to disk and renamed into place: a failed command leaves no half-written file. */
#include "cescore/report.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

ces_status ces_write_file_atomic(const char *path, const void *bytes, size_t len, char *err,
                                 size_t errlen)
{
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp)
        return CES_ERR_NOMEM;
    snprintf(tmp, n, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create a temporary file: %s", path, strerror(errno));
        free(tmp);
        return CES_ERR_IO;
    }
    const char *p = bytes;
    size_t left = len;
    int ok = 1;
    while (ok && left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            ok = 0;
        else {
            p += w;
            left -= (size_t)w;
        }
    }
    if (ok && fsync(fd) != 0)
        ok = 0;
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = 0;
        saved = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = 0;
        saved = errno;
    }
    if (!ok) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(saved));
        unlink(tmp);
    }
    free(tmp);
    return ok ? CES_OK : CES_ERR_IO;
}

void ces_format_fixed(double v, int decimals, char *buf, size_t n)
{
    /* snprintf's %f follows LC_NUMERIC, which the CLI pins to "C"; guard the
     * decimal point anyway so no locale can ever leak into a figure. */
    if (!isfinite(v)) {
        snprintf(buf, n, "%s", isnan(v) ? "-" : (v > 0 ? "inf" : "-inf"));
        return;
    }
    snprintf(buf, n, "%.*f", decimals, v);
    for (char *c = buf; *c; c++)
        if (*c == ',')
            *c = '.';
}
