/* archive: private helpers of the audit trail (reviews, finalizations,
 * verify). */
#ifndef CESCORE_ARCHIVE_AUDIT_H
#define CESCORE_ARCHIVE_AUDIT_H

#include "archive_db.h"

/* The few fields of a run the audit trail needs. */
typedef struct {
    long id;
    char period[8];
    char operator_name[256];
    char hash[65];
} arch_run_brief;

/* Read run_id's brief; CES_ERR_INVALID "run N does not exist" when absent. */
ces_status arch_load_run_brief(ces_archive *a, long run_id, arch_run_brief *out);

/* arch_query_row of the one row sql gives for run_id (bound to ?2);
 * CES_ERR_INVALID "run N does not exist" when there is none. */
ces_status arch_query_run(ces_archive *a, const char *sql, long run_id, arch_row_fn fn, void *ctx);

/* The figures (code, complaints total, premium) each company of a run was
 * scored with, in position order, keyed by run id: a prior period's figures. */
extern const arch_table ARCH_RUN_FIGURES;
/* Load t's figures of run_id into out->rows / out->n and set *found = 1; on
 * failure out is freed. */
ces_status arch_load_prior_rows(ces_archive *a, const arch_table *t, long run_id, ces_prior_archive *out,
                                int *found);

#endif
