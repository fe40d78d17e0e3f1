/* Commands that read a bundle: validate, import, run. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/i18n.h"
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
static ces_status import_json(cli_ctx *c, const ces_dataset *ds, long import_id, int reused)
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
    return cli_emit_json(c, root);
}

/* Archive ds, reusing an identical import; inside the command's transaction. */
static ces_status archive_import(cli_ctx *c, const ces_dataset *ds, long *import_id, int *reused)
{
    char now[32];
    cli_now(now, sizeof now);
    ces_status st = ces_archive_import(c->a, ds, cli_operator(c->o), now, c->o->replace, import_id,
                                       reused);
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    if (cli_text_wanted(c->o))
        fprintf(cli_stdout(c),
                *reused ? _("%s: inputs identical to import %ld, reused\n")
                        : _("%s: archived as import %ld\n"),
                c->o->args[0], *import_id);
    return CES_OK;
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
    ces_status st = cli_ingest(c, c->o->args[1], &ds);
    if (st == CES_OK)
        st = cli_open_archive(c);
    if (st == CES_OK)
        st = archive_import(c, &ds, &import_id, &reused);
    if (st == CES_OK && score_and_publish)
        st = cli_score_and_store(c, &ds, import_id, &run_id);
    if (st == CES_OK && score_and_publish)
        st = cli_publish_run(c, run_id, &ds);
    if (st == CES_OK && !score_and_publish && c->o->json)
        st = import_json(c, &ds, import_id, reused);
    ces_dataset_free(&ds);
    return st;
}

ces_status cmd_import(cli_ctx *c) { return import_bundle(c, 0); }

ces_status cmd_run(cli_ctx *c) { return import_bundle(c, 1); }
