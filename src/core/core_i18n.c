/* Translation of messages through GNU gettext (cescore/i18n.h). glibc
 * holds libintl; the catalog's directory, the language and the output
 * codeset (UTF-8) are set by the command line. */
#include "cescore/i18n.h"

#include <libintl.h>

const char *ces_tr(const char *msgid)
{
    return msgid && *msgid ? dgettext(CES_TEXT_DOMAIN, msgid) : msgid;
}

const char *ces_ntr(const char *singular, const char *plural, unsigned long n)
{
    return dngettext(CES_TEXT_DOMAIN, singular, plural, n);
}
