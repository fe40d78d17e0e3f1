/* archive: private helpers of the import side, shared with history/run. */
#ifndef CESCORE_ARCHIVE_IMPORT_H
#define CESCORE_ARCHIVE_IMPORT_H

#include "archive_db.h"

/* Fill files[] (present, sha256, encoding, rows, len; bytes only when
 * with_bytes) from import_files of an import. files must be zeroed. */
ces_status arch_load_files(ces_archive *a, long import_id, ces_input_file files[CES_FILE_COUNT],
                           int with_bytes);

/* An entry kind that belongs to a period (imports, runs): the SQL of the
 * latest id of a period (?1) and of the period of an id (?2), and the words
 * of its errors ("import 3 does not exist", "period P has no archived import"). */
typedef struct {
    const char *noun, *none;
    const char *latest_sql, *period_sql;
} arch_entry_kind;

/* The entry a (period, id) pair names: id 0 = the latest of period (NULL =
 * any). *out = that id; period_out receives its period. CES_ERR_INVALID with a
 * message when there is none or it belongs to another period. */
ces_status arch_resolve_entry(ces_archive *a, const arch_entry_kind *k, const char *period, long id,
                              long *out, char period_out[8]);

/* arch_resolve_entry for imports. */
ces_status arch_resolve_import(ces_archive *a, const char *period, long import_id, long *out,
                               char period_out[8]);

/* *same = 1 when import_id holds exactly ds's present files (kind, sha256
 * of their bytes and, for a streamed file, the way its header was read). */
ces_status arch_same_files(ces_archive *a, long import_id, const ces_dataset *ds, int *same);

#endif
