/* One channel for every message of the command line (cli_msg.h). */
#include <stdarg.h>
#include <stdio.h>

#include "cescore/i18n.h"
#include "cescore/text.h"
#include "cli_msg.h"

static void say(ces_diag_level level, const char *fmt, va_list ap)
{
    char text[2048];
    vsnprintf(text, sizeof text, _(fmt), ap);
    ces_diags d;
    ces_diags_init(&d);
    ces_diag_add_text(&d, level, NULL, 0, NULL, 0, NULL, text);
    ces_diags_print(&d, stderr);
    ces_diags_free(&d);
}

ces_status cli_error(ces_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(CES_DIAG_ERROR, fmt, ap);
    va_end(ap);
    return st;
}

void cli_alert(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(CES_DIAG_WARNING, fmt, ap);
    va_end(ap);
}

void cli_warning(const cli_ctx *c, const char *fmt, ...)
{
    if (c->o->quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    say(CES_DIAG_WARNING, fmt, ap);
    va_end(ap);
}

void cli_print_diags(const cli_opts *o, ces_diags *d)
{
    if (d->errors || !o->quiet)
        ces_diags_print(d, stderr);
    ces_diags_free(d);
    ces_diags_init(d);
}

void cli_flush(cli_ctx *c) { cli_print_diags(c->o, &c->d); }

const char *cli_text(const char *s)
{
    static ces_buf ring[8];
    static unsigned next;
    if (s && !ces_text_needs_escape(s))
        return s;
    ces_buf *b = &ring[next++ % 8];
    b->len = 0;
    ces_buf_escaped(b, s);
    return b->p && !b->oom ? b->p : "?";
}
