/* Commands that read a bundle: validate, import, run. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cescore/findings.h"
#include "cescore/i18n.h"
#include "cescore/jobs.h"

#include "cli_cmds.h"
#include "cli_env.h"
#include "cli_msg.h"
#include "cli_opts.h"
#include "cli_pipeline.h"
#include "cli_progress.h"

/* validate --json: every problem found. */
static ces_status validation_json(cli_ctx *c, const ces_diags *d)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddBoolToObject(root, "valid", d->errors == 0);
    cJSON_AddNumberToObject(root, "errors", (double)d->errors);
    cJSON_AddNumberToObject(root, "warnings", (double)d->warnings);
    cJSON *items = cJSON_AddArrayToObject(root, "problems");
    for (size_t i = 0; i < d->count; i++) {
        const ces_diag *x = &d->items[i];
        cJSON *it = cJSON_CreateObject();
        cJSON_AddStringToObject(it, "level",
                                x->level == CES_DIAG_ERROR     ? "error"
                                : x->level == CES_DIAG_FINDING ? "finding"
                                                               : "warning");
        if (x->file)
            cJSON_AddStringToObject(it, "file", x->file);
        cJSON_AddNumberToObject(it, "line", (double)x->line);
        if (x->column)
            cJSON_AddStringToObject(it, x->is_key ? "key" : "column", x->column);
        if (x->value)
            cJSON_AddStringToObject(it, "value", x->value);
        cJSON_AddStringToObject(it, "message", x->message);
        cJSON_AddItemToArray(items, it);
    }
    return cli_emit_json(c, root);
}

/* ", 1234 cases" for a bundle with cases.csv, else "". */
static const char *cases_note(const ces_dataset *ds, char *buf, size_t n)
{
    buf[0] = '\0';
    if (ds->files[CES_FILE_CASES].present)
        snprintf(buf, n, _(", %zu cases"), ds->files[CES_FILE_CASES].rows);
    return buf;
}

ces_status cmd_validate(cli_ctx *c)
{
    char note[64];
    const cli_opts *o = c->o;
    ces_columns *cols = NULL;
    ces_status st = cli_load_columns(o, &cols);
    if (st != CES_OK)
        return st;
    ces_dataset ds;
    memset(&ds, 0, sizeof ds);
    ces_diags d;
    ces_diags_init(&d);
    d.unlimited = o->json != NULL; /* the JSON lists every problem, the terminal its first 100 */
    st = cli_ingest_bundle(c, o->args[1], cols, &ds, &d);
    if (d.errors || !o->quiet)
        ces_diags_print(&d, stderr);
    if (o->json && validation_json(c, &d) != CES_OK && st == CES_OK)
        st = CES_ERR_IO;
    if (st == CES_OK && !o->quiet)
        printf(_("%s: valid bundle for %s: %zu institutions, %zu complaint rows, %zu deductions%s\n"),
               cli_text(o->args[1]), o->args[0], ds.n_companies, ds.n_complaints, ds.n_deductions,
               cases_note(&ds, note, sizeof note));
    else if (st == CES_ERR_INVALID)
        cli_error(st, ces_ntr("%s: %zu error", "%s: %zu errors", d.errors), o->args[1], d.errors);
    else if (st != CES_OK && st != CES_ERR_USAGE && d.count == 0)
        cli_error(st, "%s: cannot read the bundle (%s)", o->args[1], ces_status_name(st));
    ces_diags_free(&d);
    ces_dataset_free(&ds);
    ces_columns_free(cols);
    return st;
}

/* import --json: what was archived, file by file. */
static ces_status import_json(cli_ctx *c, const ces_dataset *ds, long import_id, int reused,
                              const ces_acceptance *acc)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "period", c->period);
    cJSON_AddNumberToObject(root, "import_id", (double)import_id);
    cJSON_AddBoolToObject(root, "reused", reused);
    cJSON *files = cJSON_AddArrayToObject(root, "files");
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        const ces_input_file *f = &ds->files[k];
        if (!f->present)
            continue;
        cJSON *it = cJSON_CreateObject();
        cJSON_AddStringToObject(it, "name", ces_file_name((ces_file_kind)k));
        cJSON_AddStringToObject(it, "encoding", f->encoding);
        cJSON_AddNumberToObject(it, "rows", (double)f->rows);
        cJSON_AddStringToObject(it, "sha256", f->sha256);
        cJSON_AddItemToArray(files, it);
    }
    if (acc->findings.n) { /* accepted by this command (history has every acceptance) */
        cJSON *a = cJSON_AddObjectToObject(root, "acceptance");
        cJSON_AddStringToObject(a, "by", acc->operator_name);
        cJSON_AddStringToObject(a, "time", acc->time);
        cJSON_AddNumberToObject(a, "findings", (double)acc->findings.n);
    }
    return cli_emit_json(c, root);
}

/* Archive ds, reusing an identical import, with the acceptance of its
 * findings (acc: none when it holds none); inside the command's transaction. */
static ces_status archive_import(cli_ctx *c, const ces_dataset *ds, const ces_acceptance *acc,
                                 long *import_id, int *reused)
{
    char now[32];
    cli_now(now, sizeof now);
    ces_status st = ces_archive_import_accepted(c->a, ds, cli_operator(c->o), now, c->o->replace, acc,
                                                import_id, reused);
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    if (cli_text_wanted(c->o))
        fprintf(cli_stdout(c),
                *reused ? _("%s: inputs identical to import %ld, reused\n")
                        : _("%s: archived as import %ld\n"),
                c->o->args[0], *import_id);
    return CES_OK;
}

/* The plausibility findings of ds (docs/inputs.md §6) into f: its files
 * identical to another period's import (when there is an archive), its
 * premiums a factor away from their prior ones (prior.csv, else the
 * archive's run of the prior period, as scoring takes them). */
static ces_status find_findings(cli_ctx *c, const ces_dataset *ds, ces_findings *f)
{
    ces_status st = CES_OK;
    ces_prior_archive prior;
    memset(&prior, 0, sizeof prior);
    int found = 0;
    if (c->a) {
        ces_file_fact *facts = NULL;
        size_t n = 0;
        st = ces_archive_file_facts(c->a, ds, &facts, &n);
        if (st == CES_OK)
            st = ces_findings_same_files(ds, facts, n, f);
        free(facts);
        if (st == CES_OK && !ds->files[CES_FILE_PRIOR].present) {
            char period[8];
            ces_period_format(ces_period_prior(ds->period, c->cfg.prior_rule), period);
            st = ces_archive_prior_figures(c->a, period, &prior, &found);
        }
        if (st != CES_OK)
            cli_stage_fail(c, st);
    }
    if (st == CES_OK) {
        st = ces_findings_premiums(ds, &c->cfg, found ? &prior : NULL, f);
        if (st == CES_ERR_INVALID) /* a dataset scoring refuses: scoring says why */
            st = CES_OK;
        else if (st != CES_OK)
            cli_error(st, "%s", ces_status_name(st));
    }
    ces_prior_archive_free(&prior);
    return st;
}

/* Stop at findings nobody has accepted (exit 3, nothing written) unless
 * --accept-warnings --by NAME: then acc holds the acceptance to archive
 * with the import. Findings already accepted for these very inputs (the
 * period's latest import) pass: they were looked at. */
static ces_status check_findings(cli_ctx *c, const ces_dataset *ds, ces_acceptance *acc)
{
    const cli_opts *o = c->o;
    ces_findings f;
    memset(&f, 0, sizeof f);
    ces_status st = find_findings(c, ds, &f);
    int accepted = 0;
    if (st == CES_OK && f.n && c->a && !o->accept_warnings) {
        st = ces_archive_findings_accepted(c->a, ds, &f, &accepted);
        if (st != CES_OK)
            cli_stage_fail(c, st);
    }
    if (st != CES_OK || !f.n) {
        if (st == CES_OK && o->accept_warnings)
            cli_warning(
                c, _("%s: --accept-warnings: no plausibility findings, nothing to accept or record"),
                o->args[1]);
        ces_findings_free(&f);
        return st;
    }
    ces_diags d;
    ces_diags_init(&d);
    ces_findings_to_diags(&f, &d);
    if (!o->quiet || (!accepted && !o->accept_warnings)) /* they decide the exit status */
        ces_diags_print(&d, stderr);
    ces_diags_free(&d);
    if (accepted) {
        cli_warning(c,
                    ces_ntr("%s: %zu plausibility finding, accepted already for these inputs "
                            "(cescore history shows who and when)",
                            "%s: %zu plausibility findings, accepted already for these inputs "
                            "(cescore history shows who and when)",
                            f.n),
                    o->args[1], f.n);
        ces_findings_free(&f);
        return CES_OK;
    }
    if (!o->accept_warnings) {
        st = cli_error(CES_ERR_INVALID,
                       ces_ntr("%s: %zu plausibility finding: nothing was archived or written; if the "
                               "figure is right after all, run again with --accept-warnings --by NAME",
                               "%s: %zu plausibility findings: nothing was archived or written; if the "
                               "figures are right after all, run again with --accept-warnings --by NAME",
                               f.n),
                       o->args[1], f.n);
        ces_findings_free(&f);
        return st;
    }
    char now[32];
    cli_now(now, sizeof now);
    acc->operator_name = strdup(o->by);
    acc->time = strdup(now);
    acc->findings = f;
    if (!acc->operator_name || !acc->time)
        return cli_error(CES_ERR_NOMEM, "out of memory");
    cli_warning(
        c,
        ces_ntr("%s: %zu plausibility finding accepted by %s; the archive records the acceptance with "
                "the import",
                "%s: %zu plausibility findings accepted by %s; the archive records the acceptance with "
                "the import",
                f.n),
        o->args[1], f.n, cli_text(o->by));
    return CES_OK;
}

/* A run's two independent steps, on two threads (jobs.h) when there are:
 * storing the import (job 0) and scoring its dataset (job 1; pure, so it
 * neither touches the archive nor prints unless it fails). */
typedef struct {
    cli_ctx *c;
    const ces_dataset *ds;
    const ces_acceptance *acc;
    long *import_id;
    int *reused;
    const ces_prior_archive *prior;
    int found;
    ces_results *r;
    ces_status st[2];
} import_and_score;

static int import_or_score(void *arg, size_t i)
{
    import_and_score *j = arg;
    j->st[i] = i == 0 ? archive_import(j->c, j->ds, j->acc, j->import_id, j->reused)
                      : cli_score(j->c, j->ds, j->prior, j->found, j->r);
    return 0; /* the other runs all the same: its work is freed or kept below */
}

/* Import ds and score it, then store the run: the run's results in *r. */
static ces_status import_score_store(cli_ctx *c, const ces_dataset *ds, const ces_acceptance *acc,
                                     long *import_id, int *reused, long *run_id, ces_results *r)
{
    ces_prior_archive prior;
    int found;
    ces_status st = cli_score_prior(c, ds, &prior, &found);
    import_and_score j = {c, ds, acc, import_id, reused, &prior, found, r, {CES_OK, CES_OK}};
    if (st == CES_OK) {
        ces_jobs_run(2, c->jobs, import_or_score, &j);
        st = j.st[0] != CES_OK ? j.st[0] : j.st[1];
    }
    if (st == CES_OK)
        st = cli_store_run(c, *import_id, r, run_id);
    ces_prior_archive_free(&prior);
    return st;
}

/* import, and run: validate the bundle, archive it and, for run, score it and
 * write the outputs, all in the command's one transaction: any failure
 * leaves the archive as it was. */
static ces_status import_bundle(cli_ctx *c, int score_and_publish)
{
    ces_dataset ds;
    memset(&ds, 0, sizeof ds);
    long import_id = 0, run_id = 0;
    int reused = 0;
    ces_acceptance acc;
    memset(&acc, 0, sizeof acc);
    ces_results fresh; /* the run's figures, published without reading them back */
    memset(&fresh, 0, sizeof fresh);
    struct stat sb;
    ces_status st = cli_ingest(c, c->o->args[1], &ds);
    /* an archive is opened before the plausibility checks (they look up its
     * facts); a missing one is created only once they let the bundle in */
    int exists = stat(c->o->db, &sb) == 0;
    if (st == CES_OK && exists)
        st = cli_open_archive(c);
    if (st == CES_OK)
        st = check_findings(c, &ds, &acc);
    if (st == CES_OK && !exists)
        st = cli_open_archive(c);
    if (st == CES_OK && !score_and_publish)
        st = archive_import(c, &ds, &acc, &import_id, &reused);
    if (st == CES_OK && score_and_publish)
        st = import_score_store(c, &ds, &acc, &import_id, &reused, &run_id, &fresh);
    if (st == CES_OK && score_and_publish)
        st = cli_publish_run(c, run_id, &ds, &fresh);
    if (st == CES_OK && !score_and_publish && c->o->json)
        st = import_json(c, &ds, import_id, reused, &acc);
    ces_results_free(&fresh);
    ces_acceptance_free(&acc);
    ces_dataset_free(&ds);
    return st;
}

ces_status cmd_import(cli_ctx *c) { return import_bundle(c, 0); }

ces_status cmd_run(cli_ctx *c) { return import_bundle(c, 1); }
