/* The directory of the default config files, fixed when the executable is
 * built (the source tree's config/) or installed (the installed data
 * directory), and that of the message catalogs (the build tree's locale/, the
 * installed locale directory): CMakeLists.txt compiles this file once per
 * executable with its own CES_DEFAULT_CONFIG_DIR and CES_LOCALE_DIR. Nothing
 * is searched relative to the executable. */
#include "cli_env.h"
#include "cli_i18n.h"

#ifndef CES_DEFAULT_CONFIG_DIR
#error "CES_DEFAULT_CONFIG_DIR must name the default config directory"
#endif

const char cli_default_config_dir[] = CES_DEFAULT_CONFIG_DIR;

#ifndef CES_LOCALE_DIR
#error "CES_LOCALE_DIR must name the directory of the compiled message catalogs"
#endif

const char cli_locale_dir[] = CES_LOCALE_DIR;
