/* report: writes what score produced; computes nothing new. Every file is
 * written to a temporary beside its target and renamed into place: by the
 * function itself, or (the _at and _into forms) by the caller's set of
 * outputs (outputs.h), which puts them in place with the archive's commit. */
#ifndef CESCORE_REPORT_H
#define CESCORE_REPORT_H

#include <stdio.h>
#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/diag.h"
#include "cescore/outputs.h"
#include "cescore/results.h"
#include "cescore/status.h"

typedef struct {
    const ces_results *results;
    const ces_config *cfg; /* the config the run was computed with */
    long run_id;
    const char *run_time; /* ISO 8601 UTC, the run's recorded time */
    const char *engine_version;
    const char *operator_name;
    const ces_input_file *files;   /* CES_FILE_COUNT entries: present, sha256, rows */
    const ces_dataset *dataset;    /* the run's inputs (deduction rows); may be NULL */
    int english;                   /* --lang en */
    long finalization_pos;         /* a finalized run's finalization: its chain position (0 when */
    const char *finalization_hash; /* not finalized) and hash, the chain's head after finalize */
} ces_report_ctx;

/* Results JSON of docs/outputs.md. The string is malloc'ed, NUL-terminated, ends with "\n". */
char *ces_report_json_string(const ces_report_ctx *ctx);
ces_status ces_report_json(const ces_report_ctx *ctx, const char *path, ces_diags *d);

/* Workbook of docs/outputs.md and per-company workbooks (docs/workbook.md). */
ces_status ces_report_xlsx(const ces_report_ctx *ctx, const char *path, ces_diags *d);
/* The workbook written at `at` itself, a temporary of the caller's for path. */
ces_status ces_report_xlsx_at(const ces_report_ctx *ctx, const char *at, const char *path, ces_diags *d);
/* DIR/<code>.xlsx for every scored company, as a folder of outputs of kind
 * "scorecards" (outputs.h): DIR is replaced as a whole, and only when it is
 * new, empty or holds nothing but scorecards cescore wrote there. */
ces_status ces_report_per_company(const ces_report_ctx *ctx, const char *dir, ces_diags *d);
/* The scorecards written into folder f of the caller's outputs. */
ces_status ces_report_per_company_into(const ces_report_ctx *ctx, ces_output_folder *f, ces_diags *d);
/* The kind of the scorecards' folder of outputs. */
#define CES_SCORECARDS_KIND "scorecards"

/* Terminal: the ranking of both groups, and one company's scorecard with its arithmetic. */
void ces_report_ranking_text(const ces_report_ctx *ctx, FILE *fp);
ces_status ces_report_scorecard_text(const ces_report_ctx *ctx, const char *code, FILE *fp);

/* Rounded display helpers shared by the writers: "%.2f"-style formatting that
 * never depends on the locale. */
void ces_format_fixed(double v, int decimals, char *buf, size_t n);

#endif
