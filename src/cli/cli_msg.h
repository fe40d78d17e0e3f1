/* The command line's one channel for problems: every message, from a stage
 * (ces_diags) or from the command line itself, is a ces_diag printed as
 * "cescore: ..." on standard error by ces_diags_print. */
#ifndef CESCORE_CLI_MSG_H
#define CESCORE_CLI_MSG_H

#include "cli_opts.h"

/* Print one error line now and return st (for the command line's own checks). */
ces_status cli_error(ces_status st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print one warning line now, also with --quiet: a protection of the
 * archive that did not hold. */
void cli_alert(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print one warning line now, unless --quiet. */
void cli_warning(const cli_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print what the stages reported into c->d (errors always; warnings unless
 * --quiet with no error among them) and empty it. */
void cli_flush(cli_ctx *c);
/* Print the diagnostics d of one step the same way and free them. */
void cli_print_diags(const cli_opts *o, ces_diags *d);
/* Text from an input or the archive for printf: s itself, or when it holds
 * control characters a copy with them shown escaped (text.h), valid until
 * seven more calls. */
const char *cli_text(const char *s);

#endif
