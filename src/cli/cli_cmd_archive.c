/* Commands that work from the archive alone: score, report, show, history. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_cmd_archive.h"
#include "cli_env.h"
#include "cli_msg.h"
#include "cli_opts.h"
#include "cli_pipeline.h"

ces_status cmd_score(cli_ctx *c)
{
    ces_dataset ds;
    memset(&ds, 0, sizeof ds);
    long import_id = 0, run_id = 0;
    ces_status st = ces_archive_latest_import(c->a, c->period, &import_id);
    if (st == CES_OK && import_id == 0)
        st = cli_error(CES_ERR_INVALID, "score: period %s has no archived inputs (cescore import %s BUNDLE)",
                       c->period, c->period);
    else if (st == CES_OK)
        st = ces_archive_load_dataset(c->a, c->period, import_id, &ds);
    if (st != CES_OK && st != CES_ERR_INVALID)
        cli_stage_fail(c, st);
    if (st == CES_OK)
        st = cli_score_and_store(c, &ds, import_id, &run_id);
    if (st == CES_OK)
        st = cli_publish_run(c, run_id, &ds);
    ces_dataset_free(&ds);
    return st;
}

ces_status cmd_report(cli_ctx *c)
{
    return cli_publish_run(c, c->o->run, NULL);
}

ces_status cmd_show(cli_ctx *c)
{
    const cli_opts *o = c->o;
    ces_stored_run run;
    memset(&run, 0, sizeof run);
    ces_config cfg;
    memset(&cfg, 0, sizeof cfg);
    ces_status st = ces_archive_load_run(c->a, c->period, o->run, &run);
    if (st != CES_OK)
        cli_stage_fail(c, st);
    else
        st = cli_parse_stored_config(run.config_text, run.config_len, run.config_name, &cfg);
    if (st == CES_OK) {
        ces_report_ctx ctx;
        cli_report_ctx(&run, &cfg, NULL, o->english, &ctx);
        if (o->json)
            st = cli_write_outputs(o, &ctx);
        if (st == CES_OK && o->company) {
            st = ces_report_scorecard_text(&ctx, o->company, stdout);
            if (st != CES_OK)
                cli_error(st, "show: no company %s in run %ld of %s", o->company, run.run_id, c->period);
        } else if (st == CES_OK && cli_text_wanted(o)) {
            ces_report_ranking_text(&ctx, stdout);
        }
    }
    ces_config_free(&cfg);
    ces_stored_run_free(&run);
    return st;
}

static cJSON *history_json(const ces_history *h)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *imports = cJSON_AddArrayToObject(root, "imports");
    for (size_t i = 0; i < h->n_imports; i++) {
        const ces_import_entry *e = &h->imports[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "id", (double)e->id);
        cJSON_AddStringToObject(o, "period", e->period);
        cJSON_AddNumberToObject(o, "version", e->version);
        cJSON_AddStringToObject(o, "time", e->time);
        cJSON_AddStringToObject(o, "by", e->operator_name);
        cJSON_AddStringToObject(o, "hash", e->hash);
        cJSON *files = cJSON_AddArrayToObject(o, "files");
        for (int k = 0; k < CES_FILE_COUNT; k++) {
            if (!e->files[k].present)
                continue;
            cJSON *f = cJSON_CreateObject();
            cJSON_AddStringToObject(f, "name", ces_file_name((ces_file_kind)k));
            cJSON_AddNumberToObject(f, "rows", (double)e->files[k].rows);
            cJSON_AddStringToObject(f, "sha256", e->files[k].sha256);
            cJSON_AddItemToArray(files, f);
        }
        cJSON_AddItemToArray(imports, o);
    }
    cJSON *runs = cJSON_AddArrayToObject(root, "runs");
    for (size_t i = 0; i < h->n_runs; i++) {
        const ces_run_entry *e = &h->runs[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "id", (double)e->id);
        cJSON_AddNumberToObject(o, "import_id", (double)e->import_id);
        cJSON_AddStringToObject(o, "period", e->period);
        cJSON_AddStringToObject(o, "time", e->time);
        cJSON_AddStringToObject(o, "by", e->operator_name);
        cJSON_AddStringToObject(o, "engine_version", e->engine_version);
        cJSON_AddStringToObject(o, "config", e->config_name);
        cJSON_AddStringToObject(o, "config_sha256", e->config_sha256);
        cJSON_AddStringToObject(o, "hash", e->hash);
        cJSON_AddItemToArray(runs, o);
    }
    cJSON *reviews = cJSON_AddArrayToObject(root, "reviews");
    for (size_t i = 0; i < h->n_reviews; i++) {
        const ces_review_entry *e = &h->reviews[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "id", (double)e->id);
        cJSON_AddNumberToObject(o, "run_id", (double)e->run_id);
        cJSON_AddStringToObject(o, "period", e->period);
        cJSON_AddStringToObject(o, "time", e->time);
        cJSON_AddStringToObject(o, "by", e->operator_name);
        cJSON_AddStringToObject(o, "engine_version", e->engine_version);
        cJSON_AddStringToObject(o, "outcome", e->outcome);
        cJSON_AddStringToObject(o, "hash", e->hash);
        cJSON_AddItemToArray(reviews, o);
    }
    cJSON *fins = cJSON_AddArrayToObject(root, "finalizations");
    for (size_t i = 0; i < h->n_finalizations; i++) {
        const ces_finalization_entry *e = &h->finalizations[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "id", (double)e->id);
        cJSON_AddNumberToObject(o, "run_id", (double)e->run_id);
        cJSON_AddNumberToObject(o, "review_id", (double)e->review_id);
        cJSON_AddStringToObject(o, "period", e->period);
        cJSON_AddStringToObject(o, "time", e->time);
        cJSON_AddStringToObject(o, "by", e->operator_name);
        cJSON_AddStringToObject(o, "hash", e->hash);
        cJSON_AddItemToArray(fins, o);
    }
    return root;
}

static void print_history(const ces_history *h, FILE *fp)
{
    fprintf(fp, "Imports\n");
    if (!h->n_imports)
        fprintf(fp, "  (none)\n");
    for (size_t i = 0; i < h->n_imports; i++) {
        const ces_import_entry *e = &h->imports[i];
        fprintf(fp, "  import %ld  %s  version %d  by %s  at %s\n", e->id, e->period, e->version,
                e->operator_name, e->time);
        for (int k = 0; k < CES_FILE_COUNT; k++)
            if (e->files[k].present)
                fprintf(fp, "    %-16s %6zu rows  sha256 %s\n", ces_file_name((ces_file_kind)k),
                        e->files[k].rows, e->files[k].sha256);
    }
    fprintf(fp, "Runs\n");
    if (!h->n_runs)
        fprintf(fp, "  (none)\n");
    for (size_t i = 0; i < h->n_runs; i++) {
        const ces_run_entry *e = &h->runs[i];
        fprintf(fp, "  run %ld  %s  import %ld  by %s  at %s  engine %s\n    config %s sha256 %s\n", e->id,
                e->period, e->import_id, e->operator_name, e->time, e->engine_version, e->config_name,
                e->config_sha256);
    }
    fprintf(fp, "Reviews\n");
    if (!h->n_reviews)
        fprintf(fp, "  (none)\n");
    for (size_t i = 0; i < h->n_reviews; i++) {
        const ces_review_entry *e = &h->reviews[i];
        fprintf(fp, "  review %ld  %s  run %ld  %s  by %s  at %s  engine %s\n", e->id, e->period,
                e->run_id, e->outcome, e->operator_name, e->time, e->engine_version);
    }
    fprintf(fp, "Finalizations\n");
    if (!h->n_finalizations)
        fprintf(fp, "  (none)\n");
    for (size_t i = 0; i < h->n_finalizations; i++) {
        const ces_finalization_entry *e = &h->finalizations[i];
        fprintf(fp, "  finalization %ld  %s  run %ld  review %ld  by %s  at %s\n", e->id, e->period,
                e->run_id, e->review_id, e->operator_name, e->time);
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
