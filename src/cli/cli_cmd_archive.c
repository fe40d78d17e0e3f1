/* Commands that work from the archive alone: score, report, show, history. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/findings.h"
#include "cescore/i18n.h"
#include "cescore/records.h"
#include "cescore/time.h"
#include "cli_cmds.h"
#include "cli_env.h"
#include "cli_msg.h"
#include "cli_opts.h"
#include "cli_pipeline.h"

ces_status cmd_score(cli_ctx *c)
{
    ces_dataset ds;
    memset(&ds, 0, sizeof ds);
    ces_results fresh; /* the run's figures, published without reading them back */
    memset(&fresh, 0, sizeof fresh);
    long import_id = 0, run_id = 0;
    ces_status st = ces_archive_latest_import(c->a, c->period, &import_id);
    if (st == CES_OK && import_id == 0)
        st = cli_error(CES_ERR_INVALID,
                       "score: period %s has no archived inputs (cescore import %s BUNDLE)", c->period,
                       c->period);
    else if (st == CES_OK)
        st = ces_archive_load_dataset(c->a, c->period, import_id, &ds);
    if (st == CES_OK) /* counted with the config and calendar in force */
        st = cli_derive_cases(c->a, import_id, &c->cfg, c->o, &ds, &c->d);
    if (st != CES_OK && st != CES_ERR_INVALID)
        cli_stage_fail(c, st);
    else if (st == CES_ERR_INVALID)
        cli_flush(c);
    if (st == CES_OK)
        st = cli_score_and_store(c, &ds, import_id, &run_id, &fresh);
    if (st == CES_OK)
        st = cli_publish_run(c, run_id, &ds, &fresh);
    ces_results_free(&fresh);
    ces_dataset_free(&ds);
    return st;
}

ces_status cmd_report(cli_ctx *c) { return cli_publish_run(c, c->o->run, NULL, NULL); }

ces_status cmd_show(cli_ctx *c)
{
    const cli_opts *o = c->o;
    ces_stored_run run;
    ces_config cfg;
    ces_status st = cli_load_stored_run(c, o->run, &run, &cfg, NULL);
    if (st == CES_OK && (o->json || o->company))
        st = cli_derive(c, &run, &cfg, NULL);
    if (st == CES_OK)
        cli_say_run(c, &run);
    if (st == CES_OK) {
        ces_report_ctx ctx;
        cli_report_ctx(&run, &cfg, NULL, !o->chinese, &ctx); /* the terminal's language */
        if (o->json)
            st = cli_write_outputs(c, &ctx);
        if (st == CES_OK && o->company) {
            st = ces_report_scorecard_text(&ctx, o->company, cli_stdout(c));
            if (st != CES_OK)
                cli_error(st, "show: no company %s in run %ld of %s", o->company, run.run_id, c->period);
        } else if (st == CES_OK && cli_text_wanted(o)) {
            ces_report_ranking_text(&ctx, cli_stdout(c));
        }
    }
    ces_config_free(&cfg);
    ces_stored_run_free(&run);
    return st;
}

/* One history entry as a JSON object, its fields by their keys. */
static cJSON *entry_json(const ces_record *rec, const void *row)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; i < rec->n; i++) {
        const ces_field *f = &rec->fields[i];
        if (ces_field_is_text(f))
            cJSON_AddStringToObject(o, f->key, ces_field_text(f, row));
        else
            cJSON_AddNumberToObject(o, f->key, ces_field_num(f, row));
    }
    return o;
}

/* The entries rows[0..n) of rec as an array named key of root. */
static cJSON *entries_json(cJSON *root, const char *key, const ces_record *rec, const void *rows,
                           size_t n)
{
    cJSON *a = cJSON_AddArrayToObject(root, key);
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, entry_json(rec, (const char *)rows + i * rec->size));
    return a;
}

static cJSON *history_json(const ces_history *h)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *imports = entries_json(root, "imports", &CES_REC_IMPORT_ENTRY, h->imports, h->n_imports);
    for (size_t i = 0; i < h->n_imports; i++) {
        const ces_import_entry *e = &h->imports[i];
        cJSON *files = cJSON_AddArrayToObject(cJSON_GetArrayItem(imports, (int)i), "files");
        for (int k = 0; k < CES_FILE_COUNT; k++) {
            if (!e->files[k].present)
                continue;
            cJSON *f = cJSON_CreateObject();
            cJSON_AddStringToObject(f, "name", ces_file_name((ces_file_kind)k));
            cJSON_AddNumberToObject(f, "rows", (double)e->files[k].rows);
            cJSON_AddStringToObject(f, "sha256", e->files[k].sha256);
            cJSON_AddItemToArray(files, f);
        }
        if (e->accepted) { /* schema v4: who accepted which findings, when */
            cJSON *acc = cJSON_AddObjectToObject(cJSON_GetArrayItem(imports, (int)i), "acceptance");
            cJSON_AddStringToObject(acc, "by", e->acceptance.operator_name);
            cJSON_AddStringToObject(acc, "time", e->acceptance.time);
            entries_json(acc, "findings", &CES_REC_FINDING, e->acceptance.findings.items,
                         e->acceptance.findings.n);
        }
    }
    entries_json(root, "runs", &CES_REC_RUN_ENTRY, h->runs, h->n_runs);
    entries_json(root, "reviews", &CES_REC_REVIEW_ENTRY, h->reviews, h->n_reviews);
    entries_json(root, "finalizations", &CES_REC_FINALIZATION_ENTRY, h->finalizations,
                 h->n_finalizations);
    return root;
}

/* A recorded time as people read it (Beijing time); the JSON keeps ISO 8601 UTC. */
static const char *shown(const char *iso, char buf[64])
{
    ces_time_beijing(iso, 0, buf, 64);
    return buf;
}

static void print_history(const ces_history *h, FILE *fp)
{
    char t[64];
    fprintf(fp, _("Imports\n"));
    if (!h->n_imports)
        fprintf(fp, _("  (none)\n"));
    for (size_t i = 0; i < h->n_imports; i++) {
        const ces_import_entry *e = &h->imports[i];
        fprintf(fp, _("  import %ld  %s  version %d  by %s  at %s\n"), e->id, cli_text(e->period),
                e->version, cli_text(e->operator_name), cli_text(shown(e->time, t)));
        for (int k = 0; k < CES_FILE_COUNT; k++)
            if (e->files[k].present)
                fprintf(fp, _("    %-16s %6zu rows  sha256 %s\n"), ces_file_name((ces_file_kind)k),
                        e->files[k].rows, e->files[k].sha256);
        if (!e->accepted)
            continue;
        fprintf(fp, _("    findings accepted by %s at %s:\n"), cli_text(e->acceptance.operator_name),
                cli_text(shown(e->acceptance.time, t)));
        for (size_t k = 0; k < e->acceptance.findings.n; k++) {
            const ces_finding *x = &e->acceptance.findings.items[k];
            char text[1024];
            ces_finding_text(x, text, sizeof text);
            if (x->line)
                fprintf(fp, "      %s:%ld: %s\n", cli_text(x->file), x->line, cli_text(text));
            else
                fprintf(fp, "      %s: %s\n", cli_text(x->file), cli_text(text));
        }
    }
    fprintf(fp, _("Runs\n"));
    if (!h->n_runs)
        fprintf(fp, _("  (none)\n"));
    for (size_t i = 0; i < h->n_runs; i++) {
        const ces_run_entry *e = &h->runs[i];
        fprintf(fp, _("  run %ld  %s  import %ld  by %s  at %s  engine %s\n    config %s sha256 %s\n"),
                e->id, cli_text(e->period), e->import_id, cli_text(e->operator_name),
                cli_text(shown(e->time, t)), cli_text(e->engine_version), cli_text(e->config_name),
                cli_text(e->config_sha256));
    }
    fprintf(fp, _("Reviews\n"));
    if (!h->n_reviews)
        fprintf(fp, _("  (none)\n"));
    for (size_t i = 0; i < h->n_reviews; i++) {
        const ces_review_entry *e = &h->reviews[i];
        fprintf(fp, _("  review %ld  %s  run %ld  %s  by %s  at %s  engine %s\n"), e->id,
                cli_text(e->period), e->run_id, cli_text(e->outcome), cli_text(e->operator_name),
                cli_text(shown(e->time, t)), cli_text(e->engine_version));
    }
    fprintf(fp, _("Finalizations\n"));
    if (!h->n_finalizations)
        fprintf(fp, _("  (none)\n"));
    for (size_t i = 0; i < h->n_finalizations; i++) {
        const ces_finalization_entry *e = &h->finalizations[i];
        fprintf(fp, _("  finalization %ld  %s  run %ld  review %ld  by %s  at %s\n"), e->id,
                cli_text(e->period), e->run_id, e->review_id, cli_text(e->operator_name),
                cli_text(shown(e->time, t)));
    }
}

ces_status cmd_history(cli_ctx *c)
{
    ces_history h;
    memset(&h, 0, sizeof h);
    ces_status st = ces_archive_history(c->a, c->period[0] ? c->period : NULL, &h);
    if (st != CES_OK)
        cli_stage_fail(c, st);
    else if (c->o->json)
        st = cli_emit_json(c, history_json(&h));
    if (st == CES_OK && cli_text_wanted(c->o))
        print_history(&h, stdout);
    ces_history_free(&h);
    return st;
}
