/* Messages a library prints on standard error (libxlsxwriter writes
 * "[ERROR][packager.c:123]: ..." lines there itself), captured while it
 * works and reported as cescore's own diagnostics instead. */
#ifndef CESCORE_CAPTURE_H
#define CESCORE_CAPTURE_H

#include <stdio.h>

#include "cescore/diag.h"

typedef struct {
    int saved;  /* the real standard error (a dup), -1 when not capturing */
    FILE *into; /* an anonymous temporary file standard error writes to meanwhile */
} ces_capture;

/* Send standard error into a temporary file from now on. When that cannot be
 * done nothing is captured (the library's lines then reach the terminal). */
void ces_capture_begin(ces_capture *cap);
/* Restore standard error and add each captured line to d as a diagnostic of
 * file (may be NULL): "[ERROR]..." lines as errors, the others as warnings,
 * each "libxlsxwriter: TEXT" without the library's source location. */
void ces_capture_end(ces_capture *cap, ces_diags *d, const char *file, const char *library);

#endif
