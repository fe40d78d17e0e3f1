/* archive: private helpers of the audit trail (reviews, finalizations,
 * verify). */
#ifndef CESCORE_ARCHIVE_AUDIT_H
#define CESCORE_ARCHIVE_AUDIT_H

#include "archive/archive_db.h"

/* The few fields of a run the audit trail needs. */
typedef struct {
    long id;
    char period[8];
    char operator_name[256];
    char hash[65];
} arch_run_brief;

/* Read run_id's brief; CES_ERR_INVALID "run N does not exist" when absent. */
ces_status arch_load_run_brief(ces_archive *a, long run_id, arch_run_brief *out);

#endif
