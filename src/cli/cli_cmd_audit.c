/* The audit commands: rerun, review, finalize, export, verify (docs/audit.md).
 * rerun and review share one recomputation (the run's stored config, its
 * import, the prior figures it used) and one comparison (ces_results_compare). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cescore/score.h"
#include "cescore/version.h"
#include "cli_cmd_audit.h"
#include "cli_env.h"
#include "cli_opts.h"

static ces_status need_run(const cli_opts *o)
{
    if (o->run)
        return CES_OK;
    fprintf(stderr, "cescore: %s: --run N is required (cescore history lists the runs)\nusage: cescore %s\n",
            cli_current->name, cli_current->synopsis);
    return CES_ERR_USAGE;
}

/* ---- recomputing a stored run ---- */

/* Score the run's import again with the run's own config text and the
 * prior-period figures it used; out receives every figure. */
static ces_status recompute(ces_archive *a, const ces_stored_run *run, ces_results *out)
{
    ces_config cfg;
    memset(&cfg, 0, sizeof cfg);
    ces_dataset ds;
    memset(&ds, 0, sizeof ds);
    ces_prior_archive prior;
    memset(&prior, 0, sizeof prior);
    int found = 0;
    ces_status st = cli_parse_stored_config(run->config_text, run->config_len, run->config_name, &cfg);
    if (st != CES_OK)
        fprintf(stderr, "cescore: %s: the stored config of run %ld no longer parses\n",
                cli_current->name, run->run_id);
    if (st == CES_OK && (st = ces_archive_load_dataset(a, run->period, run->import_id, &ds)) != CES_OK)
        cli_archive_fail(a, st);
    if (st == CES_OK && run->results.prior_source == CES_PRIOR_SOURCE_ARCHIVE &&
        (st = ces_archive_prior_figures_of_run(a, run->run_id, &prior, &found)) != CES_OK)
        cli_archive_fail(a, st);
    if (st == CES_OK) {
        st = ces_score(&ds, &cfg, found ? &prior : NULL, out);
        if (st != CES_OK)
            fprintf(stderr, "cescore: %s: scoring failed: %s\n", cli_current->name, ces_status_name(st));
    }
    ces_prior_archive_free(&prior);
    ces_dataset_free(&ds);
    ces_config_free(&cfg);
    return st;
}

static void print_difference(const ces_difference *d, void *ctx)
{
    FILE *fp = ctx;
    fprintf(fp, "  %s %s%s%s: stored %s, recomputed %s\n", d->company,
            d->indicator ? d->indicator : "", d->indicator ? " " : "", d->field, d->stored,
            d->recomputed);
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
static ces_status comparison_json(const cli_opts *o, const ces_stored_run *run, const ces_results *r,
                                  size_t n)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "period", run->period);
    cJSON_AddNumberToObject(root, "run_id", (double)run->run_id);
    cJSON_AddBoolToObject(root, "reproduced", n == 0);
    cJSON *diffs = cJSON_AddArrayToObject(root, "differences");
    ces_results_compare(&run->results, r, add_difference_json, diffs);
    return cli_emit_json(o, root);
}

/* Recompute run (of period, 0 = latest) and compare: CES_OK when identical,
 * CES_ERR_DIFFERENT after printing each difference. */
static ces_status recompute_and_compare(const cli_opts *o, ces_archive *a, const ces_stored_run *run)
{
    ces_results r;
    memset(&r, 0, sizeof r);
    ces_status st = recompute(a, run, &r);
    if (st == CES_OK) {
        size_t n = ces_results_compare(&run->results, &r, NULL, NULL);
        if (o->json)
            st = comparison_json(o, run, &r, n);
        if (n) {
            if (cli_text_wanted(o) || !o->json) {
                printf("run %ld of %s: %zu difference%s (company, indicator, field: stored, recomputed)\n",
                       run->run_id, run->period, n, n == 1 ? "" : "s");
                ces_results_compare(&run->results, &r, print_difference, stdout);
                fflush(stdout);
            }
            fprintf(stderr, "cescore: %s: run %ld of %s is not reproduced: %zu figure%s differ%s\n",
                    cli_current->name, run->run_id, run->period, n, n == 1 ? "" : "s",
                    n == 1 ? "s" : "");
            st = CES_ERR_DIFFERENT;
        } else if (cli_text_wanted(o)) {
            printf("run %ld of %s reproduced: %zu companies, %zu excluded, every figure and rank identical\n",
                   run->run_id, run->period, run->results.n_companies, run->results.n_excluded);
        }
    }
    ces_results_free(&r);
    return st;
}

int cmd_rerun(const cli_opts *o)
{
    char period[8];
    ces_archive *a = NULL;
    ces_status st = cli_period_id(cli_current, o->args[0], period);
    if (st == CES_OK)
        st = cli_open_archive(o, &a);
    if (st == CES_OK) {
        ces_stored_run run;
        st = ces_archive_load_run(a, period, o->run, &run);
        if (st != CES_OK) {
            cli_archive_fail(a, st);
        } else {
            st = recompute_and_compare(o, a, &run);
            ces_stored_run_free(&run);
        }
    }
    ces_archive_close(a);
    return ces_status_exit_code(st);
}

/* ---- review and finalize ---- */

int cmd_review(const cli_opts *o)
{
    char period[8];
    ces_archive *a = NULL;
    ces_status st = cli_period_id(cli_current, o->args[0], period);
    if (st == CES_OK)
        st = need_run(o);
    if (st == CES_OK)
        st = cli_open_archive(o, &a);
    /* the write lock first: what is recomputed is what is approved */
    if (st == CES_OK && (st = ces_archive_begin(a)) != CES_OK)
        cli_archive_fail(a, st);
    else if (st == CES_OK) {
        ces_stored_run run;
        const char *by = cli_operator(o);
        st = ces_archive_load_run(a, period, o->run, &run);
        if (st != CES_OK) {
            cli_archive_fail(a, st);
            ces_archive_rollback(a);
        } else {
            if (!strcmp(by, run.operator_name)) {
                fprintf(stderr, "cescore: review: run %ld was computed by %s; its review must be by someone else\n",
                        run.run_id, run.operator_name);
                st = CES_ERR_CONFLICT;
            }
            if (st == CES_OK)
                st = recompute_and_compare(o, a, &run);
            long review_id = 0;
            char now[32];
            cli_now(now, sizeof now);
            if (st == CES_OK &&
                (st = ces_archive_record_review(a, run.run_id, by, now, CES_ENGINE_VERSION, &review_id)) != CES_OK)
                cli_archive_fail(a, st);
            if ((st = cli_end_transaction(a, st)) == CES_OK && !o->quiet)
                printf("review %ld: run %ld of %s approved by %s\n", review_id, run.run_id, period, by);
            ces_stored_run_free(&run);
        }
    }
    ces_archive_close(a);
    return ces_status_exit_code(st);
}

int cmd_finalize(const cli_opts *o)
{
    char period[8];
    ces_archive *a = NULL;
    ces_status st = cli_period_id(cli_current, o->args[0], period);
    if (st == CES_OK)
        st = need_run(o);
    if (st == CES_OK)
        st = cli_open_archive(o, &a);
    if (st == CES_OK && (st = ces_archive_begin(a)) != CES_OK)
        cli_archive_fail(a, st);
    else if (st == CES_OK) {
        ces_stored_run run;
        long fin_id = 0;
        char now[32];
        cli_now(now, sizeof now);
        st = ces_archive_load_run(a, period, o->run, &run);
        if (st == CES_OK) {
            st = ces_archive_finalize(a, run.run_id, cli_operator(o), now, &fin_id);
            ces_stored_run_free(&run);
        }
        if (st != CES_OK)
            cli_archive_fail(a, st);
        if ((st = cli_end_transaction(a, st)) == CES_OK && !o->quiet) {
            printf("finalization %ld: run %ld is the published run of %s (by %s); its inputs are frozen\n",
                   fin_id, o->run, period, cli_operator(o));
        }
    }
    ces_archive_close(a);
    return ces_status_exit_code(st);
}

/* ---- export ---- */

static ces_status make_dir(const char *dir)
{
    struct stat sb;
    if (mkdir(dir, 0777) == 0 || (errno == EEXIST && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode)))
        return CES_OK;
    fprintf(stderr, "cescore: export: cannot create directory %s: %s\n", dir, strerror(errno));
    return CES_ERR_IO;
}

static ces_status write_files(const cli_opts *o, const ces_dataset *ds, const char *dir, long import_id)
{
    ces_status st = make_dir(dir);
    for (int k = 0; st == CES_OK && k < CES_FILE_COUNT; k++) {
        const ces_input_file *f = &ds->files[k];
        if (!f->present)
            continue;
        char path[PATH_MAX], err[512] = "";
        snprintf(path, sizeof path, "%s/%s", dir, ces_file_name((ces_file_kind)k));
        st = ces_write_file_atomic(path, f->bytes ? (const void *)f->bytes : (const void *)"",
                                   f->bytes ? f->len : 0, err, sizeof err);
        if (st != CES_OK)
            fprintf(stderr, "cescore: export: %s\n", err[0] ? err : path);
        else if (!o->quiet)
            printf("  %-16s %8zu bytes  sha256 %s\n", ces_file_name((ces_file_kind)k), f->len, f->sha256);
    }
    if (st == CES_OK && !o->quiet)
        printf("import %ld written to %s\n", import_id, dir);
    return st;
}

int cmd_export(const cli_opts *o)
{
    char period[8];
    ces_archive *a = NULL;
    ces_status st = cli_period_id(cli_current, o->args[0], period);
    if (st == CES_OK)
        st = cli_open_archive(o, &a);
    if (st == CES_OK) {
        long import_id = o->import_id;
        ces_dataset ds;
        memset(&ds, 0, sizeof ds);
        if (!import_id)
            st = ces_archive_latest_import(a, period, &import_id);
        if (st == CES_OK)
            st = ces_archive_load_dataset(a, period, import_id, &ds);
        if (st != CES_OK)
            cli_archive_fail(a, st);
        else
            st = write_files(o, &ds, o->args[1], import_id);
        ces_dataset_free(&ds);
    }
    ces_archive_close(a);
    return ces_status_exit_code(st);
}

/* ---- verify ---- */

/* --json of verify: {archive, ok, entries, head_hash, failure: {...} | null}. */
static ces_status verify_json(const cli_opts *o, const ces_verify_report *r)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "archive", o->db);
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
    return cli_emit_json(o, root);
}

int cmd_verify(const cli_opts *o)
{
    ces_archive *a = NULL;
    ces_status st = cli_open_archive(o, &a);
    if (st == CES_OK) {
        ces_verify_report r;
        st = ces_archive_verify(a, &r);
        if (st != CES_OK)
            cli_archive_fail(a, st);
        else if (o->json)
            st = verify_json(o, &r);
        if (st == CES_OK && !r.ok) {
            if (r.chain_pos)
                fprintf(stderr, "cescore: verify: %s %ld (chain position %ld) does not match: %s\n",
                        r.entry, r.id, r.chain_pos, r.message);
            else
                fprintf(stderr, "cescore: verify: %s: %s\n", r.entry, r.message);
            if (cli_text_wanted(o))
                printf("%s: %ld entr%s verified before the failure\n", o->db, r.entries,
                       r.entries == 1 ? "y" : "ies");
            st = CES_ERR_DIFFERENT;
        } else if (st == CES_OK && cli_text_wanted(o)) {
            printf("%s: integrity ok; hash chain ok: %ld entr%s; head %s\n", o->db, r.entries,
                   r.entries == 1 ? "y" : "ies", r.head_hash);
        }
    }
    ces_archive_close(a);
    return ces_status_exit_code(st);
}
