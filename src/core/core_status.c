/* The engine's status enum mapped to the exit codes of docs/commands.md. */
#include "cescore/status.h"

#include "cescore/i18n.h"

int ces_status_exit_code(ces_status st)
{
    switch (st) {
    case CES_OK: return 0;
    case CES_ERR_USAGE: return 2;
    case CES_ERR_INVALID: return 3;
    case CES_ERR_CONFLICT: return 4;
    case CES_ERR_DIFFERENT: return 5;
    case CES_ERR_IO:
    case CES_ERR_INTERNAL:
    case CES_ERR_NOMEM: return 1;
    }
    return 1;
}

const char *ces_status_name(ces_status st)
{
    switch (st) {
    case CES_OK: return _("success");
    case CES_ERR_IO: return _("I/O failure");
    case CES_ERR_INTERNAL: return _("internal error");
    case CES_ERR_NOMEM: return _("out of memory");
    case CES_ERR_USAGE: return _("usage error");
    case CES_ERR_INVALID: return _("invalid input");
    case CES_ERR_CONFLICT: return _("archive conflict");
    case CES_ERR_DIFFERENT: return _("difference found");
    }
    return _("unknown status");
}
