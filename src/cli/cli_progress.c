/* A progress line rewritten in place ("\r") at most four times a second. */
#include "cli_progress.h"
#include "cescore/i18n.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define FIRST_AFTER 1.0 /* seconds before the first line */
#define EVERY 0.25

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_init(cli_progress *p, const cli_opts *o, const char *what)
{
    p->on = !o->quiet && isatty(STDERR_FILENO);
    p->shown = 0;
    p->now = now;
    p->start = p->last = now();
    p->what = what;
}

/* n with thousands separators into buf. */
static const char *grouped(unsigned long long n, char *buf, size_t size)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%llu", n);
    size_t o = 0;
    for (int i = 0; i < len && o + 2 < size; i++) {
        if (i && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

void cli_progress_update(const ces_progress *pr, void *ctx)
{
    cli_progress *p = ctx;
    double t = p->now(), elapsed = t - p->start;
    if (!p->on || elapsed < FIRST_AFTER || t - p->last < EVERY)
        return;
    p->last = t;
    char rows[32], rate[32], left[48] = "";
    double per_s = (double)pr->rows / elapsed;
    if (pr->total_bytes && pr->bytes && pr->bytes <= pr->total_bytes)
        snprintf(left, sizeof left, _(", about %.0f s left"),
                 elapsed * (double)(pr->total_bytes - pr->bytes) / (double)pr->bytes);
    fputc('\r', stderr);
    fprintf(stderr, _("%s: %s rows, %s rows/s%s   "), p->what, grouped(pr->rows, rows, sizeof rows),
            grouped((unsigned long long)per_s, rate, sizeof rate), left);
    fflush(stderr);
    p->shown = 1;
}

void cli_progress_end(cli_progress *p)
{
    if (p->shown)
        fprintf(stderr, "\r%*s\r", 72, "");
    p->shown = 0;
}
