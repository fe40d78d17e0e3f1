/* The audit commands: rerun, review, finalize, export, verify (docs/audit.md).
 * rerun and review share one recomputation (the run's stored config, its
 * import, the prior figures it used) and one comparison (ces_results_compare). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/score.h"
#include "cescore/version.h"
#include "cli_cmds.h"
#include "cli_env.h"
#include "cli_msg.h"
#include "cli_opts.h"
#include "cli_pipeline.h"

static void print_difference(const ces_difference *d, void *ctx)
{
    FILE *fp = ctx;
    fprintf(fp, "  %s %s%s%s: stored %s, recomputed %s\n", cli_text(d->company),
            d->indicator ? d->indicator : "", d->indicator ? " " : "", d->field, cli_text(d->stored),
            cli_text(d->recomputed));
}

static void add_difference_json(const ces_difference *d, void *ctx)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "company", d->company);
    if (d->indicator)
        cJSON_AddStringToObject(o, "indicator", d->indicator);
    else
        cJSON_AddNullToObject(o, "indicator");
    cJSON_AddStringToObject(o, "field", d->field);
    cJSON_AddStringToObject(o, "stored", d->stored);
    cJSON_AddStringToObject(o, "recomputed", d->recomputed);
    cJSON_AddItemToArray(ctx, o);
}

/* --json of rerun: {period, run_id, reproduced, differences: [...]}. */
static ces_status comparison_json(cli_ctx *c, const ces_stored_run *run, const ces_results *r, size_t n)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "period", run->period);
    cJSON_AddNumberToObject(root, "run_id", (double)run->run_id);
    cJSON_AddBoolToObject(root, "reproduced", n == 0);
    cJSON *diffs = cJSON_AddArrayToObject(root, "differences");
    ces_results_compare(&run->results, r, add_difference_json, diffs);
    return cli_emit_json(c, root);
}

/* Recompute run and compare: CES_OK when identical, CES_ERR_DIFFERENT after
 * printing each difference. */
static ces_status recompute_and_compare(cli_ctx *c, const ces_stored_run *run)
{
    const cli_opts *o = c->o;
    ces_results r;
    memset(&r, 0, sizeof r);
    ces_status st = cli_recompute(c->a, run, &r, &c->d);
    if (st != CES_OK)
        cli_stage_fail(c, st);
    if (st == CES_OK) {
        size_t n = ces_results_compare(&run->results, &r, NULL, NULL);
        if (o->json)
            st = comparison_json(c, run, &r, n);
        if (n) {
            if (cli_text_wanted(o) || !o->json) {
                printf(
                    "run %ld of %s: %zu difference%s (company, indicator, field: stored, recomputed)\n",
                    run->run_id, run->period, n, n == 1 ? "" : "s");
                ces_results_compare(&run->results, &r, print_difference, stdout);
                fflush(stdout);
            }
            st = cli_error(CES_ERR_DIFFERENT,
                           "%s: run %ld of %s is not reproduced: %zu figure%s differ%s", c->cmd->name,
                           run->run_id, run->period, n, n == 1 ? "" : "s", n == 1 ? "s" : "");
        } else if (cli_text_wanted(o)) {
            printf(
                "run %ld of %s reproduced: %zu companies, %zu excluded, every figure and rank identical\n",
                run->run_id, run->period, run->results.n_companies, run->results.n_excluded);
        }
    }
    ces_results_free(&r);
    return st;
}

ces_status cmd_rerun(cli_ctx *c)
{
    ces_stored_run run;
    ces_status st = ces_archive_load_run(c->a, c->period, c->o->run, &run);
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    st = recompute_and_compare(c, &run);
    ces_stored_run_free(&run);
    return st;
}

/* ---- review and finalize ---- */

/* Inside the command's write transaction: what is recomputed is what is approved. */
ces_status cmd_review(cli_ctx *c)
{
    ces_stored_run run;
    const char *by = cli_operator(c->o);
    ces_status st = ces_archive_load_run(c->a, c->period, c->o->run, &run);
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    if (!strcmp(by, run.operator_name))
        st = cli_error(CES_ERR_CONFLICT,
                       "review: run %ld was computed by %s; its review must be by someone else",
                       run.run_id, run.operator_name);
    if (st == CES_OK)
        st = recompute_and_compare(c, &run);
    long review_id = 0;
    char now[32];
    cli_now(now, sizeof now);
    if (st == CES_OK && (st = ces_archive_record_review(c->a, run.run_id, by, now, CES_ENGINE_VERSION,
                                                        &review_id)) != CES_OK)
        cli_stage_fail(c, st);
    if (st == CES_OK && (st = cli_commit(c)) == CES_OK && !c->o->quiet)
        printf("review %ld: run %ld of %s approved by %s\n", review_id, run.run_id, c->period,
               cli_text(by));
    ces_stored_run_free(&run);
    return st;
}

ces_status cmd_finalize(cli_ctx *c)
{
    ces_stored_run run;
    long fin_id = 0;
    char now[32];
    cli_now(now, sizeof now);
    ces_status st = ces_archive_load_run(c->a, c->period, c->o->run, &run);
    if (st == CES_OK) {
        st = ces_archive_finalize(c->a, run.run_id, cli_operator(c->o), now, &fin_id);
        ces_stored_run_free(&run);
    }
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    if ((st = cli_commit(c)) == CES_OK && !c->o->quiet)
        printf("finalization %ld: run %ld is the published run of %s (by %s); its inputs are frozen\n",
               fin_id, c->o->run, c->period, cli_text(cli_operator(c->o)));
    return st;
}

/* ---- export ---- */

/* The import's files into DIR, a folder of outputs of kind "export": a new
 * or empty folder, or with --force one holding a previous export only. */
static ces_status write_files(cli_ctx *c, const ces_dataset *ds, const char *dir, long import_id)
{
    const cli_opts *o = c->o;
    ces_output_folder *f = NULL;
    ces_diags d;
    ces_diags_init(&d);
    ces_status st = ces_outputs_folder(c->out, dir, CES_EXPORT_KIND, o->force, &f, &d);
    cli_print_diags(o, &d);
    if (st == CES_ERR_CONFLICT)
        st = cli_error(CES_ERR_IO, "export: --force replaces the files of a previous export");
    for (int k = 0; st == CES_OK && k < CES_FILE_COUNT; k++) {
        const ces_input_file *in = &ds->files[k];
        if (!in->present)
            continue;
        st = ces_outputs_folder_bytes(f, ces_file_name((ces_file_kind)k),
                                      in->bytes ? (const void *)in->bytes : (const void *)"",
                                      in->bytes ? in->len : 0, &d);
        cli_print_diags(o, &d);
        if (st == CES_OK && !o->quiet)
            fprintf(cli_stdout(c), "  %-16s %8zu bytes  sha256 %s\n", ces_file_name((ces_file_kind)k),
                    in->len, in->sha256);
    }
    if (st == CES_OK && !o->quiet)
        fprintf(cli_stdout(c), "import %ld written to %s\n", import_id, cli_text(dir));
    return st;
}

ces_status cmd_export(cli_ctx *c)
{
    long import_id = c->o->import_id;
    ces_dataset ds;
    memset(&ds, 0, sizeof ds);
    ces_status st = CES_OK;
    if (!import_id)
        st = ces_archive_latest_import(c->a, c->period, &import_id);
    if (st == CES_OK)
        st = ces_archive_load_dataset(c->a, c->period, import_id, &ds);
    if (st != CES_OK)
        cli_stage_fail(c, st);
    else
        st = write_files(c, &ds, c->o->args[1], import_id);
    ces_dataset_free(&ds);
    return st;
}

/* ---- verify ---- */

/* --json of verify: {archive, ok, entries, head_hash, failure: {...} | null}. */
static ces_status verify_json(cli_ctx *c, const ces_verify_report *r)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "archive", c->o->db);
    cJSON_AddBoolToObject(root, "ok", r->ok);
    cJSON_AddNumberToObject(root, "entries", (double)r->entries);
    if (r->ok) {
        cJSON_AddStringToObject(root, "head_hash", r->head_hash);
        cJSON_AddNullToObject(root, "failure");
    } else {
        cJSON *f = cJSON_AddObjectToObject(root, "failure");
        cJSON_AddStringToObject(f, "entry", r->entry);
        cJSON_AddNumberToObject(f, "id", (double)r->id);
        cJSON_AddNumberToObject(f, "chain_position", (double)r->chain_pos);
        cJSON_AddStringToObject(f, "message", r->message);
    }
    return cli_emit_json(c, root);
}

ces_status cmd_verify(cli_ctx *c)
{
    const cli_opts *o = c->o;
    ces_verify_report r;
    ces_status st = ces_archive_verify(c->a, &r);
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    if (o->json)
        st = verify_json(c, &r);
    if (st == CES_OK && !r.ok) {
        if (r.chain_pos)
            cli_error(st, "verify: %s %ld (chain position %ld) does not match: %s", r.entry, r.id,
                      r.chain_pos, r.message);
        else
            cli_error(st, "verify: %s: %s", r.entry, r.message);
        if (cli_text_wanted(o))
            printf("%s: %ld entr%s verified before the failure\n", cli_text(o->db), r.entries,
                   r.entries == 1 ? "y" : "ies");
        st = CES_ERR_DIFFERENT;
    } else if (st == CES_OK && cli_text_wanted(o)) {
        printf("%s: integrity ok; hash chain ok: %ld entr%s; head %s\n", cli_text(o->db), r.entries,
               r.entries == 1 ? "y" : "ies", r.head_hash);
    }
    return st;
}
