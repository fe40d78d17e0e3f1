/* The messages' language (cli_i18n.h). GNU gettext looks a message up in the
 * catalogs named by LANGUAGE only when the LC_MESSAGES locale is not "C":
 * a machine may have no locale generated but C and C.UTF-8, so LC_MESSAGES
 * is set to C.UTF-8 (always there with glibc) and LANGUAGE to zh_CN. Only
 * LC_MESSAGES changes: numbers are read and printed in the "C" locale. The
 * catalogs' text (cescore's, and glibc's for strerror) is handed out as UTF-8
 * whatever LC_CTYPE says. */
#include "cli_i18n.h"

#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/i18n.h"

static int chinese;

/* The value of --lang in argv ("--lang X" or "--lang=X"), the last one; NULL
 * when absent. A value other than zh or en is left to the option parser. */
static const char *lang_option(int argc, char **argv)
{
    const char *v = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--"))
            break;
        if (!strcmp(argv[i], "--lang") && i + 1 < argc)
            v = argv[++i];
        else if (!strncmp(argv[i], "--lang=", 7))
            v = argv[i] + 7;
    }
    return v;
}

/* 1 when the environment asks for Chinese: the first of these variables
 * that is set and not empty decides (for LANGUAGE, its first entry). */
static int env_chinese(void)
{
    static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return v[0] == 'z' && v[1] == 'h' &&
                   (v[2] == '\0' || v[2] == '_' || v[2] == '.' || v[2] == '@' || v[2] == ':' ||
                    v[2] == '-');
    }
    return 0;
}

int cli_i18n_init(int argc, char **argv)
{
    const char *opt = lang_option(argc, argv);
    if (opt && !strcmp(opt, "zh"))
        chinese = 1;
    else if (opt && !strcmp(opt, "en"))
        chinese = 0;
    else
        chinese = env_chinese();
    if (!chinese)
        return 0; /* LC_MESSAGES stays "C": every message is its English msgid */
    setenv("LANGUAGE", "zh_CN", 1);
    if (!setlocale(LC_MESSAGES, "C.UTF-8") && !setlocale(LC_MESSAGES, "C.utf8")) {
        chinese = 0;
        return 0;
    }
    bindtextdomain(CES_TEXT_DOMAIN, cli_locale_dir);
    bind_textdomain_codeset(CES_TEXT_DOMAIN, "UTF-8");
    /* strerror's text, from glibc's own catalog when the system has it (Debian's
     * libc-l10n), in UTF-8 too: else it would be converted to LC_CTYPE's ASCII */
    bind_textdomain_codeset("libc", "UTF-8");
    return 1;
}

int cli_i18n_chinese(void) { return chinese; }
