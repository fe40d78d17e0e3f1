/* Capturing a library's messages on standard error (capture.h). */
#include "cescore/capture.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void ces_capture_begin(ces_capture *cap)
{
    cap->saved = -1;
    cap->into = tmpfile();
    fflush(stderr);
    if (cap->into && (cap->saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)) >= 0 &&
        dup2(fileno(cap->into), STDERR_FILENO) >= 0)
        return;
    if (cap->saved >= 0)
        close(cap->saved);
    if (cap->into)
        fclose(cap->into);
    cap->saved = -1;
    cap->into = NULL;
}

/* One captured line (without its newline) as a diagnostic. */
static void add_line(char *line, ces_diags *d, const char *file, const char *library)
{
    ces_diag_level level = CES_DIAG_WARNING;
    const char *text = line;
    if (!strncmp(line, "[ERROR]", 7)) {
        level = CES_DIAG_ERROR;
        text = line + 7;
        if (*text == '[') { /* [source.c:123] */
            const char *end = strchr(text, ']');
            text = end ? end + 1 : text;
        }
    } else if (!strncmp(line, "[WARNING]", 9)) {
        text = line + 9;
    }
    while (*text == ':' || *text == ' ')
        text++;
    if (*text)
        ces_diag_add(d, level, file, 0, NULL, NULL, "%s: %s", library, text);
}

void ces_capture_end(ces_capture *cap, ces_diags *d, const char *file, const char *library)
{
    if (cap->saved < 0)
        return;
    fflush(stderr);
    dup2(cap->saved, STDERR_FILENO);
    close(cap->saved);
    cap->saved = -1;
    char *line = NULL;
    size_t n = 0;
    ssize_t len;
    rewind(cap->into);
    while ((len = getline(&line, &n, cap->into)) > 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        add_line(line, d, file, library);
    }
    free(line);
    fclose(cap->into);
    cap->into = NULL;
}
