/* Messages in the user's language (GNU gettext, text domain "cescore"):
 * every message of the command line and of the stages' diagnostics is an
 * English msgid translated through the catalog po/zh_CN.po, which CMake
 * builds and installs. The command line chooses the language once, at its
 * start (src/cli/cli_i18n.c); until then, and when no catalog is found,
 * every message is its English msgid. Translating a message reads nothing
 * but the catalog and never touches how numbers are read or printed. */
#ifndef CESCORE_I18N_H
#define CESCORE_I18N_H

#define CES_TEXT_DOMAIN "cescore"

/* The translation of msgid in the language chosen (msgid itself when there
 * is none). The text is static: never freed, valid for the process. */
const char *ces_tr(const char *msgid) __attribute__((format_arg(1)));
/* The same for a message with a count: singular or plural, as the
 * language's rule for n says. */
const char *ces_ntr(const char *singular, const char *plural, unsigned long n)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)));

/* _("...") marks a message and translates it; N_("...") only marks it, for
 * a table whose entries are translated where they are printed (_()).
 * xgettext finds both (CMakeLists.txt, target pot). */
#define _(msgid) ces_tr(msgid)
#define N_(msgid) msgid

#endif
