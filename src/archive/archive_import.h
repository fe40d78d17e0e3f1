/* archive: private helpers of the import side, shared with history/run. */
#ifndef CESCORE_ARCHIVE_IMPORT_H
#define CESCORE_ARCHIVE_IMPORT_H

#include "archive/archive_db.h"

/* Fill files[] (present, sha256, encoding, rows, len; bytes only when
 * with_bytes) from import_files of an import. files must be zeroed. */
ces_status arch_load_files(ces_archive *a, long import_id, ces_input_file files[CES_FILE_COUNT],
                           int with_bytes);

/* The import a (period, import_id) pair names: import_id 0 = the latest of
 * period. CES_ERR_INVALID with a message when there is none. */
ces_status arch_resolve_import(ces_archive *a, const char *period, long import_id, long *out,
                               char period_out[8]);

#endif
