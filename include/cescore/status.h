/* One status enum for the whole engine; cli/ maps it to the exit codes of docs/commands.md. */
#ifndef CESCORE_STATUS_H
#define CESCORE_STATUS_H

typedef enum {
    CES_OK = 0,
    CES_ERR_IO,       /* exit 1: file or database I/O failed */
    CES_ERR_INTERNAL, /* exit 1: a bug or an impossible state */
    CES_ERR_NOMEM,    /* exit 1: out of memory */
    CES_ERR_USAGE,    /* exit 2: bad command line */
    CES_ERR_INVALID,  /* exit 3: the bundle or the config is invalid */
    CES_ERR_CONFLICT, /* exit 4: archive conflict (already imported, finalized, locked) */
    CES_ERR_DIFFERENT /* exit 5: rerun found a difference */
} ces_status;

/* Exit code of docs/commands.md for a status. */
int ces_status_exit_code(ces_status st);
/* Short English name, e.g. "invalid input". */
const char *ces_status_name(ces_status st);

#endif
