/* A command's outputs, committed with its archive transaction
 * (docs/outputs.md §6). Every output is first written to a temporary beside
 * its final path; when every one is written (ces_outputs_ready) and the
 * archive has committed, ces_outputs_publish renames them into place. On any
 * failure before that, ces_outputs_free removes every temporary and no final
 * path has changed.
 *
 * A folder of outputs (the scorecards of --per-company, an export) is
 * written into a temporary folder, marked by a manifest written last
 * (CES_MANIFEST_NAME: each file's name and sha256), and put in place of the
 * folder as a whole. An existing folder is replaced only when it is empty or
 * holds nothing but the files of its own manifest, unchanged: cescore never
 * deletes a file it did not write, never follows a symbolic link to a
 * folder, and the replaced folder keeps its mode.
 *
 * Temporaries are named "NAME.cescore-tmp-PID-XXXXXX". SIGINT, SIGTERM and
 * SIGHUP remove the temporaries of the running command and exit 128 + the
 * signal (ces_outputs_catch_signals); one left by a process that no longer
 * runs (SIGKILL, a power cut) is removed by the next command that writes an
 * output in the same folder. */
#ifndef CESCORE_OUTPUTS_H
#define CESCORE_OUTPUTS_H

#include <stddef.h>

#include "cescore/diag.h"
#include "cescore/status.h"

#define CES_MANIFEST_NAME "cescore-manifest.txt"
/* The kind of an export's folder (the scorecards' is in report.h). */
#define CES_EXPORT_KIND "export"

typedef struct ces_outputs ces_outputs;
typedef struct ces_output_folder ces_output_folder;

/* Remove the temporaries of the running process on SIGINT, SIGTERM and
 * SIGHUP, then exit 130, 143 or 129. Call once, early. */
void ces_outputs_catch_signals(void);

/* A new, empty set of outputs (NULL when out of memory). */
ces_outputs *ces_outputs_new(void);
/* Remove every temporary not yet published and free o (NULL is fine). */
void ces_outputs_free(ces_outputs *o);

/* An output file at path: *tmp is the temporary the writer fills (it exists,
 * empty, mode 0666 & ~umask; it belongs to o). A path given twice, or one
 * inside a folder of outputs of o, is refused (CES_ERR_USAGE). */
ces_status ces_outputs_file(ces_outputs *o, const char *path, const char **tmp, ces_diags *d);
/* The same, writing len bytes at once. */
ces_status ces_outputs_bytes(ces_outputs *o, const char *path, const void *bytes, size_t len,
                             ces_diags *d);

/* A folder of outputs at dir, of a kind ("scorecards", "export") that its
 * manifest records. An existing dir must be a folder (not a symbolic link)
 * that is empty or holds only the unchanged files of a manifest of the same
 * kind; replace_previous = 0 refuses such a manifest's folder too (only an
 * empty one is taken). Refusals are CES_ERR_IO and name the file in the way.
 * *f belongs to o. */
ces_status ces_outputs_folder(ces_outputs *o, const char *dir, const char *kind, int replace_previous,
                              ces_output_folder **f, ces_diags *d);
/* A file of folder f, by its name: a plain name, or one in a subfolder of
 * f ("calendar/2024.json", one level; the manifest lists it so). *tmp is
 * where the writer puts it: the writer creates it (fopen "wb": mode 0666 &
 * ~umask), on any thread; it is removed with the folder should the command
 * fail or be interrupted. A name given twice, also where case is ignored,
 * is refused (CES_ERR_INVALID). */
ces_status ces_outputs_folder_file(ces_output_folder *f, const char *name, const char **tmp,
                                   ces_diags *d);
/* The same, writing len bytes at once. */
ces_status ces_outputs_folder_bytes(ces_output_folder *f, const char *name, const void *bytes,
                                    size_t len, ces_diags *d);

/* Every output is written: flush each to disk and write each folder's
 * manifest, last. Nothing is in place yet. */
ces_status ces_outputs_ready(ces_outputs *o, ces_diags *d);
/* Put every output in place (after the archive committed). A failure here
 * is reported for the output concerned; the others are still put in place. */
ces_status ces_outputs_publish(ces_outputs *o, ces_diags *d);

/* Remove the temporaries of cescore's naming in dir that a process which no
 * longer runs left behind (a folder only when it holds regular files only). */
void ces_outputs_sweep(const char *dir);

#endif
