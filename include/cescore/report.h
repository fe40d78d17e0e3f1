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
#include "cescore/findings.h"
#include "cescore/outputs.h"
#include "cescore/results.h"
#include "cescore/status.h"

typedef struct {
    const ces_results *results;
    const ces_config *cfg; /* the config the run was computed with */
    long run_id;
    ces_run_status status; /* the run's standing when the outputs are written */
    const char *run_time;  /* ISO 8601 UTC, the run's recorded time */
    const char *engine_version;
    const char *operator_name;
    const ces_input_file *files; /* CES_FILE_COUNT entries: present, sha256, rows */
    const ces_dataset *dataset;  /* the run's inputs (deduction rows); may be NULL */
    int english;                 /* --lang en */
    const char *calendar_sha256; /* the working-day calendar of a case-level run, else NULL */
    const char *calendar_text;   /* ... and its recorded text (calendar_len bytes) */
    size_t calendar_len;
    /* The prior period's published (finalized) run, for the ranking sheets'
     * rank change; NULL when the archive holds none. */
    const ces_results *prior_published;
    long prior_published_run_id;
    long finalization_pos;         /* a finalized run's finalization: its chain position (0 when */
    const char *finalization_hash; /* not finalized) and hash, the chain's head after finalize */
    /* who accepted which plausibility findings of the run's import, and
     * when (docs/inputs.md §6); NULL when it has no acceptance */
    const ces_acceptance *acceptance;
    /* the threads that write the per-company scorecards (jobs.h); 0: one
     * per available processor. The files are the same for any number. */
    unsigned jobs;
} ces_report_ctx;

/* Results JSON of docs/outputs.md. The string is malloc'ed, NUL-terminated, ends with "\n". */
char *ces_report_json_string(const ces_report_ctx *ctx);
ces_status ces_report_json(const ces_report_ctx *ctx, const char *path, ces_diags *d);
/* The same bytes written as a stream, one company at a time (never the
 * whole text in memory): into f (CES_ERR_NOMEM, CES_ERR_IO), or into the
 * file at `at`, a temporary of the caller's outputs for path (as the _at of
 * the workbooks below). */
ces_status ces_report_json_to(const ces_report_ctx *ctx, FILE *f);
ces_status ces_report_json_at(const ces_report_ctx *ctx, const char *at, const char *path, ces_diags *d);

/* The benchmarks JSON of docs/outputs.md §3.5: what the bureau publishes of
 * a run (its config text, the groups' benchmarks, the industry figure, the
 * published ranking), nothing of any company's inputs. ctx->cfg->text must
 * be the run's config text. malloc'ed, ends with "\n"; NULL without memory. */
#define CES_BENCHMARKS_FORMAT "cescore-benchmarks 1"
char *ces_report_benchmarks_json_string(const ces_report_ctx *ctx);

/* Workbook of docs/outputs.md and per-company workbooks (docs/workbook.md). */
ces_status ces_report_xlsx(const ces_report_ctx *ctx, const char *path, ces_diags *d);
/* The workbook written at `at` itself, a temporary of the caller's outputs
 * (outputs.h) for path, which the messages name. So are the other _at. */
ces_status ces_report_xlsx_at(const ces_report_ctx *ctx, const char *at, const char *path, ces_diags *d);
/* DIR/<code>.xlsx for every scored company, as a folder of outputs of kind
 * "scorecards" (outputs.h): DIR is replaced as a whole, and only when it is
 * new, empty or holds nothing but scorecards cescore wrote there. */
ces_status ces_report_per_company(const ces_report_ctx *ctx, const char *dir, ces_diags *d);
/* The publication workbook (docs/workbook.md): the overview, both rankings and
 * the methodology only, nothing of a company's inputs. */
ces_status ces_report_publication(const ces_report_ctx *ctx, const char *path, ces_diags *d);
ces_status ces_report_publication_at(const ces_report_ctx *ctx, const char *at, const char *path,
                                     ces_diags *d);
/* One company's scorecard workbook (as in ces_report_per_company) at path.
 * CES_ERR_INVALID when ctx has no company code. */
ces_status ces_report_scorecard(const ces_report_ctx *ctx, const char *code, const char *path,
                                ces_diags *d);
ces_status ces_report_scorecard_at(const ces_report_ctx *ctx, const char *code, const char *at,
                                   const char *path, ces_diags *d);
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
