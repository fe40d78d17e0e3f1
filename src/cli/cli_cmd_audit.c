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
#include "cli_witness.h"

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
    if ((st = cli_commit(c)) != CES_OK)
        return st;
    long pos;
    char head[65];
    st = cli_chain_head(c, &pos, head);
    if (st == CES_OK && !c->o->quiet)
        printf("finalization %ld: run %ld is the published run of %s (by %s); its inputs are frozen\n",
               fin_id, c->o->run, c->period, cli_text(cli_operator(c->o)));
    if (st == CES_OK) /* what the auditor records, also with --quiet */
        printf("chain head: entry %ld, hash %s (cescore verify --head %s)\n", pos, head, head);
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

/* --json of verify: {archive, ok, entries, head_hash, witness: {path, entries} | null,
 * failure: {...} | null}. */
static ces_status verify_json(cli_ctx *c, const ces_verify_report *r, const char *wpath, long witnessed)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "archive", c->o->db);
    cJSON_AddBoolToObject(root, "ok", r->ok);
    cJSON_AddNumberToObject(root, "entries", (double)r->entries);
    if (r->ok)
        cJSON_AddStringToObject(root, "head_hash", r->head_hash);
    if (witnessed > 0) {
        cJSON *w = cJSON_AddObjectToObject(root, "witness");
        cJSON_AddStringToObject(w, "path", wpath);
        cJSON_AddNumberToObject(w, "entries", (double)witnessed);
    } else {
        cJSON_AddNullToObject(root, "witness");
    }
    if (r->ok) {
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

/* A --head that is not a sha256 in hex is a usage error. */
static ces_status check_head_arg(const char *head)
{
    size_t n = 0;
    for (; head[n]; n++)
        if (!((head[n] >= '0' && head[n] <= '9') || (head[n] >= 'a' && head[n] <= 'f')))
            break;
    if (n == 64 && !head[n])
        return CES_OK;
    return cli_error(CES_ERR_USAGE,
                     "verify: --head takes a head hash (64 lowercase hex digits), not \"%s\"",
                     cli_text(head));
}

/* After the chain verified: the witness file and --head; a mismatch turns
 * r into a failure of entry "witness" or "head". */
static ces_status check_witness(cli_ctx *c, ces_verify_report *r, long *witnessed)
{
    char why[sizeof r->message];
    const char *failed = NULL;
    ces_status st = cli_witness_verify(c, c->o->head, &failed, witnessed, why, sizeof why);
    if (st == CES_OK && failed) {
        r->ok = 0;
        snprintf(r->entry, sizeof r->entry, "%s", failed);
        r->id = 0;
        r->chain_pos = 0;
        snprintf(r->message, sizeof r->message, "%s", why);
    }
    return st;
}

ces_status cmd_verify(cli_ctx *c)
{
    const cli_opts *o = c->o;
    ces_verify_report r;
    char wpath[4096];
    long witnessed = 0;
    cli_witness_path(c, wpath, sizeof wpath);
    if (o->head && check_head_arg(o->head) != CES_OK)
        return CES_ERR_USAGE;
    ces_status st = ces_archive_verify(c->a, &r);
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    if (r.ok)
        st = check_witness(c, &r, &witnessed);
    if (st == CES_OK && o->json)
        st = verify_json(c, &r, wpath, witnessed);
    if (st == CES_OK && !r.ok) {
        if (r.chain_pos)
            cli_error(st, "verify: %s %ld (chain position %ld) does not match: %s", r.entry, r.id,
                      r.chain_pos, r.message);
        else
            cli_error(st, "verify: %s: %s", r.entry, r.message);
        if (cli_text_wanted(o))
            fprintf(cli_stdout(c), "%s: %ld entr%s verified before the failure\n", cli_text(o->db),
                    r.entries, r.entries == 1 ? "y" : "ies");
        st = CES_ERR_DIFFERENT;
    } else if (st == CES_OK && cli_text_wanted(o)) {
        FILE *fp = cli_stdout(c);
        fprintf(fp, "%s: integrity ok; hash chain ok: %ld entr%s; head %s\n", cli_text(o->db), r.entries,
                r.entries == 1 ? "y" : "ies", r.head_hash);
        if (witnessed)
            fprintf(fp, "witness %s: every head it records, up to entry %ld, is in the chain\n",
                    cli_text(wpath), witnessed);
        else
            fprintf(fp, "witness %s: none (every write command of this version appends to it)\n",
                    cli_text(wpath));
        if (witnessed && witnessed < r.entries)
            fprintf(fp, "witness %s: entries %ld to %ld are not in it yet\n", cli_text(wpath),
                    witnessed + 1, r.entries);
        if (o->head)
            fprintf(fp, "head %s: in the chain\n", o->head);
    }
    return st;
}
