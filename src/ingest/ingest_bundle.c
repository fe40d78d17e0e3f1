/* Bundle directory -> dataset: read the files, decode, split into records,
 * check every rule of inputs.md, collect every problem. Also owns the
 * dataset's lifetime (ces_dataset_free, dataset.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cescore/archive.h"
#include "cescore/dataset.h"
#include "cescore/ingest.h"
#include "ingest/ingest_companies.h"
#include "ingest/ingest_complete.h"
#include "ingest/ingest_csv.h"
#include "ingest/ingest_decode.h"
#include "ingest/ingest_index.h"
#include "ingest/ingest_io.h"
#include "ingest/ingest_qual.h"
#include "ingest/ingest_quant.h"
#include "ingest/ingest_rows.h"

static const char *const file_names[CES_FILE_COUNT] = {
    "companies.csv", "complaints.csv", "statistics.csv", "qualitative.csv",
    "mediation.csv", "deductions.csv", "prior.csv",      "cases.csv",
};

const char *ces_file_name(ces_file_kind k)
{
    return (unsigned)k < CES_FILE_COUNT ? file_names[k] : NULL;
}

static int file_required(ces_file_kind k)
{
    return k <= CES_FILE_QUALITATIVE;
}

/* Free every parsed row, keep files[] (bytes and metadata) and period. */
static void free_rows(ces_dataset *ds)
{
    for (size_t i = 0; i < ds->n_companies; i++) {
        free(ds->companies[i].code);
        free(ds->companies[i].name);
        free(ds->companies[i].parent_code);
    }
    for (size_t i = 0; i < ds->n_complaints; i++)
        free(ds->complaints[i].code);
    for (size_t i = 0; i < ds->n_statistics; i++)
        free(ds->statistics[i].code);
    for (size_t i = 0; i < ds->n_qualitative; i++) {
        free(ds->qualitative[i].code);
        free(ds->qualitative[i].note);
    }
    for (size_t i = 0; i < ds->n_mediation; i++)
        free(ds->mediation[i].code);
    for (size_t i = 0; i < ds->n_deductions; i++) {
        free(ds->deductions[i].code);
        free(ds->deductions[i].category);
        free(ds->deductions[i].reference);
        free(ds->deductions[i].description);
    }
    for (size_t i = 0; i < ds->n_prior; i++)
        free(ds->prior[i].code);
    free(ds->companies);
    free(ds->complaints);
    free(ds->statistics);
    free(ds->qualitative);
    free(ds->mediation);
    free(ds->deductions);
    free(ds->prior);
    ds->companies = NULL;
    ds->complaints = NULL;
    ds->statistics = NULL;
    ds->qualitative = NULL;
    ds->mediation = NULL;
    ds->deductions = NULL;
    ds->prior = NULL;
    ds->n_companies = ds->n_complaints = ds->n_statistics = ds->n_qualitative = 0;
    ds->n_mediation = ds->n_deductions = ds->n_prior = 0;
}

void ces_dataset_free(ces_dataset *ds)
{
    if (!ds)
        return;
    free_rows(ds);
    for (int k = 0; k < CES_FILE_COUNT; k++)
        free(ds->files[k].bytes);
    memset(ds, 0, sizeof *ds);
}

/* Hash, decode and split file k into c->tables[k]. */
static void load_table(ing_ctx *c, ces_file_kind k)
{
    ces_input_file *f = &c->ds->files[k];
    char *text = NULL;
    size_t len = 0;
    ces_status st;
    f->rows = 0;
    ces_sha256_hex(f->bytes ? (const void *)f->bytes : "", f->len, f->sha256);
    st = ing_decode(f->bytes ? f->bytes : (const unsigned char *)"", f->len, file_names[k],
                    &text, &len, f->encoding, c->d);
    if (st == CES_OK)
        st = ing_csv_parse(text, len, file_names[k], &c->tables[k], c->d);
    free(text);
    if (st == CES_ERR_NOMEM || st == CES_ERR_INTERNAL)
        c->nomem = 1;
    c->parsed[k] = st == CES_OK;
}

static void ctx_free(ing_ctx *c)
{
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        ing_table_free(&c->tables[k]);
        ing_index_free(&c->index[k]);
    }
    ing_index_free(&c->co_index);
    free(c->co);
}

static void check_presence(ing_ctx *c)
{
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        const ces_input_file *f = &c->ds->files[k];
        if (!f->present && file_required((ces_file_kind)k))
            ces_diag_add(c->d, CES_DIAG_ERROR, file_names[k], 0, NULL, NULL,
                         "required file is missing");
        if (f->present && k == CES_FILE_CASES)
            ces_diag_add(c->d, CES_DIAG_ERROR, file_names[k], 0, NULL, NULL,
                         "case-level complaints are not supported by this version");
    }
}

ces_status ces_ingest_files(ces_dataset *ds, const ces_config *cfg, const ces_columns *cols,
                            ces_diags *diags)
{
    ing_ctx c = { .ds = ds, .cfg = cfg, .aliases = cols, .d = diags };
    size_t errors0 = diags->errors;
    free_rows(ds);
    check_presence(&c);
    for (int k = 0; k < CES_FILE_COUNT && !c.nomem; k++)
        if (ds->files[k].present)
            load_table(&c, (ces_file_kind)k);
    void (*const parse[])(ing_ctx *) = {
        ing_parse_companies, ing_parse_complaints,  ing_parse_statistics,
        ing_parse_qualitative, ing_parse_mediation, ing_parse_deductions,
        ing_parse_prior,
    };
    for (size_t i = 0; i < sizeof parse / sizeof parse[0] && !c.nomem; i++)
        parse[i](&c);
    ing_check_completeness(&c);
    ctx_free(&c);
    if (c.nomem) {
        free_rows(ds);
        return CES_ERR_NOMEM;
    }
    if (diags->errors > errors0) {
        free_rows(ds);
        return CES_ERR_INVALID;
    }
    return CES_OK;
}

/* Warn about *.csv files of the bundle that no rule reads (a misspelt name). */
static void warn_unknown_files(const char *dir, ces_diags *d)
{
    struct dirent **list = NULL;
    int n = scandir(dir, &list, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        size_t len = strlen(name);
        int known = 0;
        for (int k = 0; k < CES_FILE_COUNT; k++)
            known |= strcmp(name, file_names[k]) == 0;
        if (!known && len > 4 && strcasecmp(name + len - 4, ".csv") == 0)
            ces_diag_add(d, CES_DIAG_WARNING, name, 0, NULL, name,
                         "not an input file of a bundle, ignored");
        free(list[i]);
    }
    free(list);
}

/* Read every file of dir into ds->files. CES_ERR_IO with a diagnostic when
 * a file exists but cannot be read. */
static ces_status read_files(const char *dir, ces_dataset *ds, ces_diags *d)
{
    ces_status st = CES_OK;
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        ces_input_file *f = &ds->files[k];
        size_t plen = strlen(dir) + strlen(file_names[k]) + 2;
        char *path = malloc(plen);
        int err;
        if (!path)
            return CES_ERR_NOMEM;
        snprintf(path, plen, "%s/%s", dir, file_names[k]);
        err = ing_read_file(path, &f->bytes, &f->len);
        if (err == 0) {
            f->present = 1;
        } else if (err == ENOMEM) {
            st = CES_ERR_NOMEM;
        } else if (err != ENOENT) {
            ces_diag_add(d, CES_DIAG_ERROR, file_names[k], 0, NULL, path, "cannot read %s: %s",
                         path, strerror(err));
            if (st == CES_OK)
                st = CES_ERR_IO;
        }
        free(path);
    }
    return st;
}

ces_status ces_ingest_bundle(const char *dir, ces_period period, const ces_config *cfg,
                             const ces_columns *cols, ces_dataset *out, ces_diags *diags)
{
    struct stat sb;
    ces_status st;
    int err = 0;
    memset(out, 0, sizeof *out);
    out->period = period;
    if (stat(dir, &sb) != 0)
        err = errno;
    else if (!S_ISDIR(sb.st_mode))
        err = ENOTDIR;
    if (err) {
        ces_diag_add(diags, CES_DIAG_ERROR, dir, 0, NULL, dir, "cannot read bundle directory: %s",
                     strerror(err));
        return CES_ERR_IO;
    }
    warn_unknown_files(dir, diags);
    st = read_files(dir, out, diags);
    if (st == CES_OK)
        st = ces_ingest_files(out, cfg, cols, diags);
    if (st != CES_OK)
        ces_dataset_free(out);
    return st;
}
