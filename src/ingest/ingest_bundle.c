/* Bundle directory -> dataset: read the files, decode, split into records,
 * check every rule of docs/inputs.md, collect every problem. Also owns the
 * dataset's lifetime (ces_dataset_free, dataset.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cescore/archive.h"
#include "cescore/code_index.h"
#include "cescore/dataset.h"
#include "cescore/file.h"
#include "cescore/i18n.h"
#include "cescore/ingest.h"
#include "cescore/sha256.h"
#include "ingest_cases.h"
#include "ingest_companies.h"
#include "ingest_complete.h"
#include "ingest_csv.h"
#include "ingest_decode.h"
#include "ingest_qual.h"
#include "ingest_quant.h"
#include "ingest_rows.h"
#include "ingest_text.h"

/* complaints.csv may give way to cases.csv (docs/inputs.md §1). */
static int file_required(const ces_dataset *ds, ces_file_kind k)
{
    if (k == CES_FILE_COMPLAINTS && ds->files[CES_FILE_CASES].present)
        return 0;
    return k <= CES_FILE_QUALITATIVE;
}

/* The field separator of a file decoded from UTF-16: a tab when its first
 * line has tabs and no comma (Excel's "Unicode text" export), else ','. */
static char utf16_delim(const char *t, size_t len)
{
    size_t tabs = 0, commas = 0;
    for (size_t i = 0; i < len && t[i] != '\n' && t[i] != '\r'; i++) {
        tabs += t[i] == '\t';
        commas += t[i] == ',';
    }
    return tabs && !commas ? '\t' : ',';
}

/* Say once what was made of file k's text: its encoding when it is not one
 * a CSV export usually has, and the Unicode spaces trimmed. */
static void say_reading(ing_ctx *c, ces_file_kind k, const ing_csv_spaces *sp)
{
    const char *enc = c->ds->files[k].encoding;
    if (!strncmp(enc, "UTF-16", 6) && c->delim[k] == '\t')
        ces_diag_add(c->d, CES_DIAG_WARNING, ces_file_name(k), 0, NULL, enc,
                     "read as %s text with tabs between the fields (Excel's \"Unicode text\"); the "
                     "archive keeps the file as given",
                     enc);
    else if (!strncmp(enc, "UTF-16", 6))
        ces_diag_add(c->d, CES_DIAG_WARNING, ces_file_name(k), 0, NULL, enc,
                     "read as %s text; the archive keeps the file as given", enc);
    if (sp->fields) {
        char text[256];
        snprintf(text, sizeof text,
                 ces_ntr("invisible spaces (U+%04X and the like) around %zu value trimmed like spaces",
                         "invisible spaces (U+%04X and the like) around %zu values trimmed like spaces",
                         sp->fields),
                 sp->cp, sp->fields);
        ces_diag_add_text(c->d, CES_DIAG_WARNING, ces_file_name(k), sp->line, NULL, 0, NULL, text);
    }
}

/* Hash and decode file k, and check its CSV structure. */
static void load_table(ing_ctx *c, ces_file_kind k)
{
    ces_input_file *f = &c->ds->files[k];
    ces_status st;
    ing_csv_spaces spaces;
    f->rows = 0;
    st = ces_sha256_hex(f->bytes ? (const void *)f->bytes : "", f->len, f->sha256);
    if (st != CES_OK)
        ces_diag_add(c->d, CES_DIAG_ERROR, ces_file_name(k), 0, NULL, NULL, "cannot compute its sha256");
    else
        st = ing_decode(f->bytes ? f->bytes : (const unsigned char *)"", f->len, ces_file_name(k),
                        &c->text[k], &c->text_len[k], &c->owned[k], f->encoding, c->d);
    c->delim[k] = st == CES_OK && !strncmp(f->encoding, "UTF-16", 6)
                      ? utf16_delim(c->text[k], c->text_len[k])
                      : ',';
    if (st == CES_OK)
        st = ing_csv_check(c->text[k], c->text_len[k], ces_file_name(k), c->delim[k], &c->records[k],
                           &spaces, c->d);
    if (st == CES_OK)
        say_reading(c, k, &spaces);
    if (st == CES_ERR_NOMEM || st == CES_ERR_INTERNAL)
        c->nomem = 1;
    c->parsed[k] = st == CES_OK;
}

static void ctx_free(ing_ctx *c)
{
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        free(c->owned[k]);
        free(c->headers[k]);
        ces_code_index_free(&c->index[k]);
    }
    ces_code_index_free(&c->co_index);
    ces_code_index_free(&c->folded_codes);
    ces_code_index_free(&c->names);
    free(c->co);
    free(c->has_cases);
}

/* The workbook (NAME.xlsx, NAME.xls, any case) beside the missing file k
 * of the bundle in dir, into buf; 0 when there is one. */
static int workbook_beside(const char *dir, ces_file_kind k, char *buf, size_t n)
{
    static const char *const ext[] = {"xlsx", "xls", "XLSX", "XLS", "Xlsx"};
    const char *name = ces_file_name(k);
    size_t stem = strlen(name) - 4; /* without ".csv" */
    for (size_t i = 0; dir && i < sizeof ext / sizeof *ext; i++) {
        char path[4096];
        struct stat sb;
        snprintf(buf, n, "%.*s.%s", (int)stem, name, ext[i]);
        snprintf(path, sizeof path, "%s/%s", dir, buf);
        if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
            return 0;
    }
    return -1;
}

static void check_presence(ing_ctx *c)
{
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        const ces_input_file *f = &c->ds->files[k];
        char book[64];
        int required = file_required(c->ds, (ces_file_kind)k);
        if (f->present)
            continue;
        int book_there = workbook_beside(c->dir, (ces_file_kind)k, book, sizeof book) == 0;
        if (book_there && required)
            ces_diag_add(c->d, CES_DIAG_ERROR, ces_file_name(k), 0, NULL, book,
                         "required file is missing; %s is there: save it as CSV UTF-8 (comma delimited) "
                         "under this name",
                         book);
        else if (book_there)
            ces_diag_add(
                c->d, CES_DIAG_WARNING, ces_file_name(k), 0, NULL, book,
                "not in the bundle, but %s is: save it as CSV UTF-8 (comma delimited) under this "
                "name if it is this file",
                book);
        else if (required)
            ces_diag_add(c->d, CES_DIAG_ERROR, ces_file_name(k), 0, NULL, NULL,
                         "required file is missing");
    }
}

/* Every file of ds checked and parsed, the cells of edits changed first;
 * cases.csv, read as a stream, last. */
static ces_status ingest_files(ces_dataset *ds, const ces_config *cfg, const ces_columns *cols,
                               const ces_cell_edit *edits, size_t n_edits, ces_progress_fn progress,
                               void *progress_ctx, const char *dir, ces_diags *diags)
{
    ing_ctx c = {.ds = ds,
                 .dir = dir,
                 .cfg = cfg,
                 .aliases = cols,
                 .d = diags,
                 .errors0 = diags->errors,
                 .edits = edits,
                 .n_edits = n_edits,
                 .progress = progress,
                 .progress_ctx = progress_ctx};
    size_t errors0 = diags->errors;
    ces_dataset_free_rows(ds);
    check_presence(&c);
    for (int k = 0; k < CES_FILE_COUNT && !c.nomem; k++)
        if (ds->files[k].present && !ces_file_streamed((ces_file_kind)k))
            load_table(&c, (ces_file_kind)k);
    void (*const parse[])(ing_ctx *) = {
        ing_parse_companies, ing_parse_complaints, ing_parse_statistics, ing_parse_qualitative,
        ing_parse_mediation, ing_parse_deductions, ing_parse_prior,
    };
    for (size_t i = 0; i < sizeof parse / sizeof parse[0] && !c.nomem; i++) {
        parse[i](&c);
        ing_report_mess(&c, (ces_file_kind)i);
    }
    /* an archived case list (neither bytes nor path) is read by ces_ingest_cases */
    const ces_input_file *cf = &ds->files[CES_FILE_CASES];
    if (!c.nomem && (cf->bytes || cf->path || !cf->len))
        ing_parse_cases(&c);
    ing_check_completeness(&c);
    ctx_free(&c);
    if (c.nomem) {
        ces_dataset_free_rows(ds);
        return CES_ERR_NOMEM;
    }
    if (diags->errors > errors0) {
        ces_dataset_free_rows(ds);
        return CES_ERR_INVALID;
    }
    return CES_OK;
}

ces_status ces_ingest_files(ces_dataset *ds, const ces_config *cfg, const ces_columns *cols,
                            ces_diags *diags)
{
    return ingest_files(ds, cfg, cols, NULL, 0, NULL, NULL, NULL, diags);
}

ces_status ces_ingest_files_edited(ces_dataset *ds, const ces_config *cfg, const ces_columns *cols,
                                   const ces_cell_edit *edits, size_t n, ces_diags *diags)
{
    return ingest_files(ds, cfg, cols, edits, n, NULL, NULL, NULL, diags);
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
            known |= strcmp(name, ces_file_name(k)) == 0;
        if (!known && len > 4 && strcasecmp(name + len - 4, ".csv") == 0)
            ces_diag_add(d, CES_DIAG_WARNING, name, 0, NULL, name,
                         "not an input file of a bundle, ignored");
        free(list[i]);
    }
    free(list);
}

/* Read every file of dir into ds->files (a streamed file: its path).
 * CES_ERR_IO with a diagnostic when a file exists but cannot be read;
 * CES_ERR_INVALID when one is not a regular file or is larger than max
 * bytes (it is not read). */
static ces_status read_files(const char *dir, size_t max, ces_dataset *ds, ces_diags *d)
{
    ces_status st = CES_OK;
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        ces_input_file *f = &ds->files[k];
        size_t plen = strlen(dir) + strlen(ces_file_name(k)) + 2;
        char *path = malloc(plen);
        int err;
        if (!path)
            return CES_ERR_NOMEM;
        snprintf(path, plen, "%s/%s", dir, ces_file_name(k));
        if (ces_file_streamed((ces_file_kind)k)) /* checked now, read as a stream later */
            err = ces_check_file_limited(path, max, 1);
        else
            err = ces_read_file_limited(path, max, 1, &f->bytes, &f->len);
        if (err == 0 && ces_file_streamed((ces_file_kind)k)) {
            f->present = 1;
            f->path = path; /* read as a stream, from here */
            path = NULL;
        } else if (err == 0) {
            f->present = 1;
        } else if (err == ENOMEM) {
            st = CES_ERR_NOMEM;
        } else if (err == CES_READ_NOT_REGULAR || err == CES_READ_TOO_LARGE) {
            ces_diag_add(d, CES_DIAG_ERROR, ces_file_name(k), 0, NULL, NULL, "%s",
                         ces_read_strerror(err, max));
            if (st == CES_OK)
                st = CES_ERR_INVALID;
        } else if (err != ENOENT) {
            ces_diag_add(d, CES_DIAG_ERROR, ces_file_name(k), 0, NULL, path, "cannot read %s: %s", path,
                         strerror(err));
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
    return ces_ingest_bundle_opts(dir, period, cfg, cols, NULL, out, diags);
}

ces_status ces_ingest_bundle_opts(const char *dir, ces_period period, const ces_config *cfg,
                                  const ces_columns *cols, const ces_ingest_opts *opts, ces_dataset *out,
                                  ces_diags *diags)
{
    ces_ingest_opts none = {0};
    if (!opts)
        opts = &none;
    size_t max_file_bytes = opts->max_file_bytes ? opts->max_file_bytes : CES_MAX_INPUT_BYTES;
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
    st = read_files(dir, max_file_bytes, out, diags);
    if (st == CES_OK)
        st = ingest_files(out, cfg, cols, NULL, 0, opts->progress, opts->progress_ctx, dir, diags);
    if (st != CES_OK)
        ces_dataset_free(out);
    return st;
}
