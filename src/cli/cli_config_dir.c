/* The directory of the default config files, fixed when the executable is
 * built (the source tree's config/) or installed (the installed data
 * directory): CMakeLists.txt compiles this file once per executable with its
 * own CES_DEFAULT_CONFIG_DIR. Nothing is searched relative to the executable. */
#include "cli_env.h"

#ifndef CES_DEFAULT_CONFIG_DIR
#error "CES_DEFAULT_CONFIG_DIR must name the default config directory"
#endif

const char cli_default_config_dir[] = CES_DEFAULT_CONFIG_DIR;
