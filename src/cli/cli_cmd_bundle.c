/* Commands that read a bundle: validate, import, run. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_cmd_bundle.h"
#include "cli_env.h"
#include "cli_opts.h"
#include "cli_pipeline.h"

static ces_status print_validation_json(const cli_opts *o, const ces_diags *d);

/* Ingest the bundle of args[0..1] with the config in force. */
static ces_status load_bundle(const cli_opts *o, ces_config *cfg, ces_dataset *ds)
{
    ces_period period;
    ces_status st = cli_period(cli_current, o->args[0], &period);
    if (st == CES_OK)
        st = cli_load_config(o, cfg);
    if (st == CES_OK)
        st = cli_ingest(o, o->args[1], period, cfg, ds);
    return st;
}

int cmd_validate(const cli_opts *o)
{
    ces_period period;
    ces_config cfg;
    memset(&cfg, 0, sizeof cfg);
    ces_status st = cli_period(cli_current, o->args[0], &period);
    if (st == CES_OK)
        st = cli_load_config(o, &cfg);
    ces_columns *cols = NULL;
    if (st == CES_OK)
        st = cli_load_columns(o, &cols);
    if (st == CES_OK) {
        ces_dataset ds;
        memset(&ds, 0, sizeof ds);
        ces_diags d;
        ces_diags_init(&d);
        st = ces_ingest_bundle(o->args[1], period, &cfg, cols, &ds, &d);
        if (d.errors || !o->quiet)
            ces_diags_print(&d, stderr);
        if (o->json && print_validation_json(o, &d) != CES_OK && st == CES_OK)
            st = CES_ERR_IO;
        if (st == CES_OK && !o->quiet)
            printf("%s: valid bundle for %s: %zu institutions, %zu complaint rows, %zu deductions\n",
                   o->args[1], o->args[0], ds.n_companies, ds.n_complaints, ds.n_deductions);
        else if (st == CES_ERR_INVALID)
            fprintf(stderr, "cescore: %s: %zu error%s\n", o->args[1], d.errors, d.errors == 1 ? "" : "s");
        else if (st != CES_OK && d.count == 0)
            fprintf(stderr, "cescore: %s: cannot read the bundle (%s)\n", o->args[1], ces_status_name(st));
        ces_diags_free(&d);
        ces_dataset_free(&ds);
    }
    ces_columns_free(cols);
    ces_config_free(&cfg);
    return ces_status_exit_code(st);
}

static ces_status print_validation_json(const cli_opts *o, const ces_diags *d)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddBoolToObject(root, "valid", d->errors == 0);
    cJSON_AddNumberToObject(root, "errors", (double)d->errors);
    cJSON *items = cJSON_AddArrayToObject(root, "problems");
    for (size_t i = 0; i < d->count; i++) {
        const ces_diag *x = &d->items[i];
        cJSON *it = cJSON_CreateObject();
        cJSON_AddStringToObject(it, "level", x->level == CES_DIAG_ERROR ? "error" : "warning");
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
    return cli_emit_json(o, root);
}

/* import --json: what was archived, file by file. */
static ces_status print_import_json(const cli_opts *o, const ces_dataset *ds, long import_id, int reused)
{
    char period[8];
    ces_period_format(ds->period, period);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "period", period);
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
    return cli_emit_json(o, root);
}

/* Archive ds (reusing an identical import); the caller holds the transaction. */
static ces_status archive_import(const cli_opts *o, ces_archive *a, const ces_dataset *ds, long *import_id,
                                 int *reused)
{
    char now[32];
    cli_now(now, sizeof now);
    ces_status st = ces_archive_import(a, ds, cli_operator(o), now, o->replace, import_id, reused);
    if (st != CES_OK)
        return cli_archive_fail(a, st);
    if (cli_text_wanted(o))
        printf(*reused ? "%s: inputs identical to import %ld, reused\n" : "%s: archived as import %ld\n",
               o->args[0], *import_id);
    return CES_OK;
}

/* import, and run: validate the bundle, archive it and, for run, score it and
 * write the outputs, all in one transaction: any failure leaves the archive
 * as it was. */
static int import_bundle(const cli_opts *o, int score_and_publish)
{
    ces_config cfg;
    memset(&cfg, 0, sizeof cfg);
    ces_dataset ds;
    memset(&ds, 0, sizeof ds);
    ces_archive *a = NULL;
    ces_status st = load_bundle(o, &cfg, &ds);
    if (st == CES_OK)
        st = cli_open_archive(o, &a);
    if (st == CES_OK && (st = ces_archive_begin(a)) != CES_OK) {
        cli_archive_fail(a, st);
    } else if (st == CES_OK) {
        long import_id = 0, run_id = 0;
        int reused = 0;
        char period[8];
        ces_period_format(ds.period, period);
        st = archive_import(o, a, &ds, &import_id, &reused);
        if (st == CES_OK && score_and_publish)
            st = cli_score_and_store(o, a, &cfg, &ds, import_id, &run_id);
        if (st == CES_OK && score_and_publish)
            st = cli_publish_run(o, a, period, run_id, &ds);
        if (st == CES_OK && !score_and_publish && o->json)
            st = print_import_json(o, &ds, import_id, reused);
        st = cli_end_transaction(a, st);
    }
    ces_archive_close(a);
    ces_dataset_free(&ds);
    ces_config_free(&cfg);
    return ces_status_exit_code(st);
}

int cmd_import(const cli_opts *o) { return import_bundle(o, 0); }

int cmd_run(const cli_opts *o) { return import_bundle(o, 1); }
