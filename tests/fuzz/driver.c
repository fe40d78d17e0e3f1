/* Runs a fuzz harness on files, without libFuzzer: every file named on the
 * command line, or every file of every folder named there. ctest runs each
 * harness so on its committed corpus and its regression inputs (plain and
 * under AddressSanitizer); a crash fails the test. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cescore/file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    unsigned char *bytes;
    size_t len;
    if (ces_read_file(path, &bytes, &len) != 0) {
        fprintf(stderr, "driver: cannot read %s\n", path);
        return 1;
    }
    LLVMFuzzerTestOneInput(bytes, len);
    free(bytes);
    return 0;
}

int main(int argc, char **argv)
{
    int bad = 0, n = 0;
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) != 0) {
            fprintf(stderr, "driver: no %s\n", argv[i]);
            bad = 1;
            continue;
        }
        if (!S_ISDIR(sb.st_mode)) {
            bad |= run_file(argv[i]);
            n++;
            continue;
        }
        struct dirent **list;
        int m = scandir(argv[i], &list, NULL, alphasort);
        for (int j = 0; j < m; j++) {
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", argv[i], list[j]->d_name);
            if (list[j]->d_name[0] != '.' && stat(p, &sb) == 0 && S_ISREG(sb.st_mode)) {
                bad |= run_file(p);
                n++;
            }
            free(list[j]);
        }
        free(list);
    }
    printf("driver: %d inputs run\n", n);
    return bad || n == 0;
}
