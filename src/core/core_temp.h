/* The temporaries of the running process, which a signal handler removes
 * (outputs.h), and their naming: "NAME.cescore-tmp-PID-XXXXXX". */
#ifndef CESCORE_CORE_TEMP_H
#define CESCORE_CORE_TEMP_H

#include <stddef.h>

/* The infix of every temporary's name. */
#define CORE_TEMP_INFIX ".cescore-tmp-"

/* Record path as a temporary of this process: a file, or a folder removed
 * after the files recorded after it. Returns -1 when out of memory. */
int core_temp_register(const char *path, int is_dir);
/* Forget path (renamed into place, or removed). */
void core_temp_forget(const char *path);
/* "path.cescore-tmp-PID-XXXXXX" for mkstemp/mkdtemp (malloc'ed, NULL when
 * out of memory). */
char *core_temp_name(const char *path);

#endif
