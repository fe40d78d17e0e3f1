/* The audit commands: rerun, review, finalize, export, verify (docs/audit.md).
 * rerun and review share one recomputation (the run's stored config, its
 * import, the prior figures it used) and one comparison (ces_results_compare). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/i18n.h"
#include "cescore/numtext.h"
#include "cescore/score.h"
#include "cescore/sha256.h"
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
    fprintf(fp, _("  %s %s%s%s: stored %s, recomputed %s\n"), cli_text(d->company),
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
    ces_status st = cli_recompute(c->a, run, o, &r, &c->d);
    if (st != CES_OK)
        cli_stage_fail(c, st);
    if (st == CES_OK) {
        size_t n = ces_results_compare(&run->results, &r, NULL, NULL);
        if (o->json)
            st = comparison_json(c, run, &r, n);
        if (n) {
            if (cli_text_wanted(o) || !o->json) {
                printf(ces_ntr("run %ld of %s: %zu difference (company, indicator, field: stored, "
                               "recomputed)\n",
                               "run %ld of %s: %zu differences (company, indicator, field: stored, "
                               "recomputed)\n",
                               n),
                       run->run_id, run->period, n);
                ces_results_compare(&run->results, &r, print_difference, stdout);
                fflush(stdout);
            }
            st = cli_error(CES_ERR_DIFFERENT,
                           ces_ntr("%s: run %ld of %s is not reproduced: %zu figure differs",
                                   "%s: run %ld of %s is not reproduced: %zu figures differ", n),
                           c->cmd->name, run->run_id, run->period, n);
        } else if (cli_text_wanted(o)) {
            printf(
                _("run %ld of %s reproduced: %zu companies, %zu excluded, every figure and rank identical\n"),
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
    cli_say_run(c, &run);
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
        printf(_("review %ld: run %ld of %s approved by %s\n"), review_id, run.run_id, c->period,
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
        printf(
            _("finalization %ld: run %ld is the published run of %s (by %s); its inputs are frozen\n"),
            fin_id, c->o->run, c->period, cli_text(cli_operator(c->o)));
    if (st == CES_OK) /* what the auditor records, also with --quiet */
        printf(_("chain head: entry %ld, hash %s (cescore verify --head %s)\n"), pos, head, head);
    return st;
}

/* ---- export ---- */

/* One file of an export: its name in DIR and its bytes (borrowed); a file
 * the archive keeps as a stream (cases.csv) has none: it is copied out of
 * the archive in chunks, its sha256 the archived one. */
typedef struct {
    const char *name;
    const char *bytes;
    size_t len;
    char sha256[65];
    int streamed; /* 1: kind is read from the archive of import_id */
    ces_file_kind kind;
} export_file;

#define EXPORT_CALENDAR_MAX 64 /* years of a case-level run's calendar */

typedef struct {
    export_file files[CES_FILE_COUNT + 3 + EXPORT_CALENDAR_MAX];
    size_t n;
    ces_buf prior, sums;                          /* the generated prior.csv and SHA256SUMS */
    char calendar_names[EXPORT_CALENDAR_MAX][32]; /* "calendar/2024.json" */
} export_set;

static ces_status add_file(export_set *x, const char *name, const void *bytes, size_t len)
{
    export_file *f = &x->files[x->n++];
    f->name = name;
    f->bytes = bytes ? bytes : "";
    f->len = bytes ? len : 0;
    ces_status st = ces_sha256_hex(f->bytes, f->len, f->sha256);
    return st == CES_OK ? st : cli_error(st, "export: cannot compute the sha256 of %s", name);
}

/* A double as the shortest decimal text that reads back as exactly v. */
static void exact_number(ces_buf *b, double v)
{
    char text[64];
    ces_shortest_text(v, text);
    if (strchr(text, 'e')) /* the bundle's amounts are plain decimals */
        snprintf(text, sizeof text, "%.17f", v);
    ces_buf_printf(b, "%s", text);
}

/* prior.csv with exactly the figures the run used from the archive: those of
 * the companies it scored (docs/method.md §6.2.1 matches them by code). A
 * figure of an entity now rolled up into another was not used, and in a
 * prior.csv it would be added to its parent's: it is left out. */
static ces_status prior_csv(cli_ctx *c, const ces_stored_run *run, export_set *x)
{
    ces_prior_archive p;
    int found = 0;
    ces_status st = ces_archive_prior_figures_of_run(c->a, run->run_id, &p, &found);
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    ces_buf_printf(&x->prior, "code,total,premium_wan\n");
    for (size_t i = 0; found && i < p.n; i++) {
        int known = 0;
        for (size_t k = 0; k < run->results.n_companies && !known; k++)
            known = !strcmp(run->results.companies[k].code, p.rows[i].code);
        if (!known)
            continue;
        ces_buf_printf(&x->prior, "%s,%.0f,", p.rows[i].code, p.rows[i].total);
        exact_number(&x->prior, p.rows[i].premium_wan);
        ces_buf_printf(&x->prior, "\n");
    }
    ces_prior_archive_free(&p);
    if (x->prior.oom)
        return cli_error(CES_ERR_NOMEM, "out of memory");
    return add_file(x, "prior.csv", x->prior.p, x->prior.len);
}

/* The first occurrence of the string s in h[0..n), or NULL. */
static const char *find_bytes(const char *h, size_t n, const char *s)
{
    size_t k = strlen(s);
    for (size_t i = 0; k <= n && i <= n - k; i++)
        if (!memcmp(h + i, s, k))
            return h + i;
    return NULL;
}

/* The files of a case-level run's calendar, byte-identical, as
 * calendar/YYYY.json: its recorded text is {"files": {\n"2023.json": BYTES,\n
 * "2024.json": BYTES\n}}\n (ces_calendar_compose), so each file's bytes lie
 * between its name and the next; the split is checked by composing the text
 * again from them. */
static ces_status calendar_files(const ces_stored_run *run, export_set *x)
{
    static const char head[] = "{\"files\": {\n", tail[] = "\n}}\n";
    const char *t = run->calendar_text;
    size_t len = run->calendar_len, hl = sizeof head - 1, tl = sizeof tail - 1;
    cJSON *root = cJSON_ParseWithLength(t, len);
    const cJSON *files = cJSON_GetObjectItemCaseSensitive(root, "files");
    size_t n = (size_t)cJSON_GetArraySize(files), pos = hl, first = x->n;
    int ok = cJSON_IsObject(files) && n <= EXPORT_CALENDAR_MAX && len >= hl + tl &&
             !memcmp(t, head, hl) && !memcmp(t + len - tl, tail, tl);
    const cJSON *f = ok ? files->child : NULL;
    for (size_t i = 0; ok && f; i++, f = f->next) {
        char marker[64], next[72];
        snprintf(marker, sizeof marker, "%s\"%.24s\": ", i ? ",\n" : "", f->string);
        ok = strlen(f->string) <= 24 && len - pos >= strlen(marker) &&
             !memcmp(t + pos, marker, strlen(marker));
        if (!ok)
            break;
        size_t start = pos + strlen(marker), end = len - tl;
        if (f->next) {
            snprintf(next, sizeof next, ",\n\"%.24s\": ", f->next->string);
            const char *hit = find_bytes(t + start, len - start, next);
            ok = hit != NULL;
            end = hit ? (size_t)(hit - t) : end;
        }
        snprintf(x->calendar_names[i], sizeof x->calendar_names[i], "calendar/%.20s", f->string);
        export_file *e = &x->files[x->n++];
        *e = (export_file){x->calendar_names[i], t + start, end - start, "", 0, CES_FILE_CASES};
        ok = ok && ces_sha256_hex(e->bytes, e->len, e->sha256) == CES_OK;
        pos = end;
    }
    ces_buf again = {0}; /* composed again from the pieces */
    ces_buf_raw(&again, head, hl);
    for (size_t i = first; ok && i < x->n; i++) {
        ces_buf_printf(&again, "%s\"%s\": ", i > first ? ",\n" : "", x->files[i].name + 9);
        ces_buf_raw(&again, x->files[i].bytes, x->files[i].len);
    }
    ces_buf_raw(&again, tail, tl);
    ok = ok && !again.oom && again.len == len && !memcmp(again.p, t, len);
    ces_buf_free(&again);
    cJSON_Delete(root);
    if (!ok)
        return cli_error(CES_ERR_INTERNAL, "export: run %ld's calendar cannot be split into its files",
                         run->run_id);
    return CES_OK;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const export_file *)a)->name, ((const export_file *)b)->name);
}

/* What an export holds: the run's input files byte-identical, prior.csv when
 * the run took its prior figures from the archive, the run's config text as
 * config.json, and SHA256SUMS over all of them (sha256sum -c reads it). */
static ces_status export_set_build(cli_ctx *c, const ces_stored_run *run, const ces_dataset *ds,
                                   export_set *x)
{
    ces_status st = CES_OK;
    for (int k = 0; st == CES_OK && k < CES_FILE_COUNT; k++) {
        const ces_input_file *f = &ds->files[k];
        if (!f->present)
            continue;
        if (ces_file_streamed((ces_file_kind)k) && !f->bytes) {
            export_file *e = &x->files[x->n++];
            *e = (export_file){ces_file_name((ces_file_kind)k), NULL, f->len, "", 1, (ces_file_kind)k};
            snprintf(e->sha256, sizeof e->sha256, "%s", f->sha256);
        } else {
            st = add_file(x, ces_file_name((ces_file_kind)k), f->bytes, f->len);
        }
    }
    if (st == CES_OK && run->results.prior_source == CES_PRIOR_SOURCE_ARCHIVE)
        st = prior_csv(c, run, x);
    if (st == CES_OK)
        st = add_file(x, "config.json", run->config_text, run->config_len);
    if (st == CES_OK && run->calendar_text)
        st = calendar_files(run, x);
    if (st != CES_OK)
        return st;
    qsort(x->files, x->n, sizeof *x->files, by_name);
    for (size_t i = 0; i < x->n; i++)
        ces_buf_printf(&x->sums, "%s  %s\n", x->files[i].sha256, x->files[i].name);
    if (x->sums.oom)
        return cli_error(CES_ERR_NOMEM, "out of memory");
    return add_file(x, "SHA256SUMS", x->sums.p, x->sums.len);
}

/* A file the archive keeps as a stream (cases.csv), copied out in chunks
 * into tmp, the export's file name. */
static ces_status export_streamed(cli_ctx *c, long import_id, ces_file_kind k, const char *tmp,
                                  const char *name, ces_diags *d)
{
    ces_archive_file *f = NULL;
    ces_byte_source src;
    FILE *fp = NULL;
    unsigned char *buf = malloc(1u << 20);
    ces_status st = buf ? ces_archive_file_open(c->a, import_id, k, &f, &src) : CES_ERR_NOMEM;
    if (st == CES_OK && !(fp = fopen(tmp, "wb")))
        st = CES_ERR_IO;
    for (size_t got = 1; st == CES_OK && got;)
        if ((st = src.read(src.ctx, buf, 1u << 20, &got)) == CES_OK && got &&
            fwrite(buf, 1, got, fp) != got)
            st = CES_ERR_IO;
    if (fp && fclose(fp) != 0 && st == CES_OK)
        st = CES_ERR_IO;
    if (st == CES_ERR_IO && !d->count)
        ces_diag_add(d, CES_DIAG_ERROR, name, 0, NULL, NULL, "cannot write %s", name);
    ces_archive_file_close(f);
    free(buf);
    return st;
}

/* The export's files into DIR, a folder of outputs of kind "export": a new
 * or empty folder, or with --force one holding a previous export only. */
static ces_status write_files(cli_ctx *c, const export_set *x, const char *dir, long import_id)
{
    const cli_opts *o = c->o;
    ces_output_folder *folder = NULL;
    ces_diags d;
    ces_diags_init(&d);
    ces_status st = ces_outputs_folder(c->out, dir, CES_EXPORT_KIND, o->force, &folder, &d);
    cli_print_diags(o, &d);
    if (st == CES_ERR_CONFLICT)
        st = cli_error(CES_ERR_IO, "export: --force replaces the files of a previous export");
    for (size_t i = 0; st == CES_OK && i < x->n; i++) {
        const export_file *f = &x->files[i];
        const char *tmp;
        if (!f->streamed)
            st = ces_outputs_folder_bytes(folder, f->name, f->bytes, f->len, &d);
        else if ((st = ces_outputs_folder_file(folder, f->name, &tmp, &d)) == CES_OK)
            st = export_streamed(c, import_id, f->kind, tmp, f->name, &d);
        if (st != CES_OK && !d.count)
            cli_stage_fail(c, st);
        cli_print_diags(o, &d);
        if (st == CES_OK && !o->quiet)
            fprintf(cli_stdout(c), _("  %-16s %8zu bytes  sha256 %s\n"), f->name, f->len, f->sha256);
    }
    return st;
}

ces_status cmd_export(cli_ctx *c)
{
    ces_stored_run run;
    ces_dataset ds;
    memset(&ds, 0, sizeof ds);
    export_set x;
    memset(&x, 0, sizeof x);
    ces_status st = ces_archive_load_run(c->a, c->period, c->o->run, &run);
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    cli_say_run(c, &run);
    st = ces_archive_load_dataset(c->a, c->period, run.import_id, &ds);
    if (st != CES_OK)
        cli_stage_fail(c, st);
    if (st == CES_OK)
        st = export_set_build(c, &run, &ds, &x);
    if (st == CES_OK)
        st = write_files(c, &x, c->o->args[1], run.import_id);
    if (st == CES_OK && !c->o->quiet) {
        FILE *fp = cli_stdout(c);
        const char *dir = cli_text(c->o->args[1]);
        fprintf(
            fp,
            _("run %ld of %s (import %ld) written to %s; re-run it with: cescore run %s %s --config %s/config.json"),
            run.run_id, c->period, run.import_id, dir, c->period, dir, dir);
        if (run.calendar_text)
            fprintf(fp, " --calendar %s/calendar", dir); /* not translated: a command line */
        fputc('\n', fp);
    }
    ces_buf_free(&x.prior);
    ces_buf_free(&x.sums);
    ces_dataset_free(&ds);
    ces_stored_run_free(&run);
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
            fprintf(cli_stdout(c),
                    ces_ntr("%s: %ld entry verified before the failure\n",
                            "%s: %ld entries verified before the failure\n", (unsigned long)r.entries),
                    cli_text(o->db), r.entries);
        st = CES_ERR_DIFFERENT;
    } else if (st == CES_OK && cli_text_wanted(o)) {
        FILE *fp = cli_stdout(c);
        fprintf(fp,
                ces_ntr("%s: integrity ok; hash chain ok: %ld entry; head %s\n",
                        "%s: integrity ok; hash chain ok: %ld entries; head %s\n",
                        (unsigned long)r.entries),
                cli_text(o->db), r.entries, r.head_hash);
        if (witnessed)
            fprintf(fp, _("witness %s: every head it records, up to entry %ld, is in the chain\n"),
                    cli_text(wpath), witnessed);
        else
            fprintf(fp, _("witness %s: none (every write command of this version appends to it)\n"),
                    cli_text(wpath));
        if (witnessed && witnessed < r.entries)
            fprintf(fp, _("witness %s: entries %ld to %ld are not in it yet\n"), cli_text(wpath),
                    witnessed + 1, r.entries);
        if (o->head)
            fprintf(fp, _("head %s: in the chain\n"), o->head);
    }
    return st;
}
