/* Progress of a long read (cases.csv) on a terminal: rows, rows per second
 * and the time left, on standard error, only when it is a terminal and
 * --quiet is not given; nothing for a read shorter than a second. */
#ifndef CESCORE_CLI_PROGRESS_H
#define CESCORE_CLI_PROGRESS_H

#include "cescore/stream.h"
#include "cli_opts.h"

typedef struct {
    int on;    /* standard error is a terminal and not --quiet */
    int shown; /* a progress line is on the screen */
    double start, last;
    const char *what;
    double (*now)(void); /* the clock, in seconds: CLOCK_MONOTONIC (a test sets its own) */
} cli_progress;

void cli_progress_init(cli_progress *p, const cli_opts *o, const char *what);
/* A ces_progress_fn; ctx is the cli_progress. */
void cli_progress_update(const ces_progress *pr, void *ctx);
/* Ends the line shown, if any. */
void cli_progress_end(cli_progress *p);

#endif
