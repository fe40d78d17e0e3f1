/* archive: the parsed rows of an import, one table per input file. */
#ifndef CESCORE_ARCHIVE_ROWS_H
#define CESCORE_ARCHIVE_ROWS_H

#include "archive_db.h"

/* Insert every row of ds under import_id (inside the caller's operation). */
ces_status arch_insert_rows(ces_archive *a, long import_id, const ces_dataset *ds);
/* Load every row of import_id into out (zeroed arrays, in seq order). On
 * failure out holds what was loaded so far, to be freed with ces_dataset_free. */
ces_status arch_load_rows(ces_archive *a, long import_id, ces_dataset *out);

#endif
