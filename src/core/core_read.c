/* Reading whole files (file.h). */
#include "cescore/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int ces_read_file(const char *path, unsigned char **bytes, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t n = 0, cap = 0, got;
    int err = 0;
    *bytes = NULL;
    *len = 0;
    if (!fp)
        return errno ? errno : EIO;
    do {
        if (cap - n < 2) {
            unsigned char *nb = realloc(buf, cap = cap ? 2 * cap : 65536);
            if (!nb) {
                err = ENOMEM;
                break;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n - 1, fp);
        n += got;
    } while (got > 0);
    if (!err && ferror(fp))
        err = errno ? errno : EIO;
    fclose(fp);
    if (err) {
        free(buf);
        return err;
    }
    buf[n] = '\0';
    *bytes = buf;
    *len = n;
    return 0;
}
