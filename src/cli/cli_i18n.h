/* The language of the command line's messages (cescore/i18n.h): chosen once,
 * at the start of main, before anything is printed. */
#ifndef CESCORE_CLI_I18N_H
#define CESCORE_CLI_I18N_H

/* The directory of the compiled catalogs (<dir>/zh_CN/LC_MESSAGES/cescore.mo),
 * fixed when the executable is built or installed (cli_config_dir.c). */
extern const char cli_locale_dir[];

/* Choose the messages' language from argv and the environment and set
 * gettext up for it: --lang zh or --lang en (anywhere in argv, before or
 * after the command) wins; else Chinese when the first of LANGUAGE, LC_ALL,
 * LC_MESSAGES and LANG that is set names Chinese (zh, zh_CN.UTF-8...), else
 * English. Needs no installed locale: only LC_MESSAGES changes (to C.UTF-8),
 * never LC_NUMERIC or LC_CTYPE. Returns 1 when the messages are Chinese. */
int cli_i18n_init(int argc, char **argv);

/* 1 when the messages are in Chinese (after cli_i18n_init). */
int cli_i18n_chinese(void);

#endif
