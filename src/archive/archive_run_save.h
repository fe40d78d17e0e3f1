/* archive: storing a run (archive_run_save.c) and loading it back
 * (archive_run_load.c). */
#ifndef CESCORE_ARCHIVE_RUN_SAVE_H
#define CESCORE_ARCHIVE_RUN_SAVE_H

#include "archive_db.h"

/* Insert the figures of r under run_id (groups, benchmarks, companies,
 * children, excluded, cases; the indicators are stored with the run's text,
 * schema v5), inside the caller's operation. */
ces_status arch_insert_run_figures(ces_archive *a, long run_id, const ces_results *r);

#endif
