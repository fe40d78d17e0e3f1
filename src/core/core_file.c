/* Output files are written to a temporary file next to the target, flushed
 * to disk and renamed into place: a failed command leaves no half-written file. */
#include "cescore/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

ces_status ces_temp_create(const char *path, char **tmp_out, ces_diags *d)
{
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp)
        return CES_ERR_NOMEM;
    snprintf(tmp, n, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: cannot create a temporary file: %s",
                     path, strerror(errno));
        free(tmp);
        return CES_ERR_IO;
    }
    /* mkstemp makes the file private (0600); an output is an ordinary file */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || close(fd) != 0) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: %s", tmp, strerror(errno));
        unlink(tmp);
        free(tmp);
        return CES_ERR_IO;
    }
    *tmp_out = tmp;
    return CES_OK;
}

ces_status ces_temp_commit(char *tmp, const char *path, ces_diags *d)
{
    int ok = 0;
    int fd = open(tmp, O_RDONLY);
    if (fd >= 0) {
        ok = fsync(fd) == 0;
        ok = close(fd) == 0 && ok;
    }
    if (ok)
        ok = rename(tmp, path) == 0;
    if (!ok) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: cannot write: %s", path,
                     strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return ok ? CES_OK : CES_ERR_IO;
}

void ces_temp_discard(char *tmp)
{
    if (tmp)
        unlink(tmp);
    free(tmp);
}

ces_status ces_write_file_atomic(const char *path, const void *bytes, size_t len, ces_diags *d)
{
    char *tmp = NULL;
    ces_status st = ces_temp_create(path, &tmp, d);
    if (st != CES_OK)
        return st;
    FILE *fp = fopen(tmp, "wb");
    int ok = fp && fwrite(bytes, 1, len, fp) == len;
    if (fp && fclose(fp) != 0)
        ok = 0;
    if (!ok) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: cannot write: %s", path,
                     strerror(errno));
        ces_temp_discard(tmp);
        return CES_ERR_IO;
    }
    return ces_temp_commit(tmp, path, d);
}
