/* Per-company workbooks (--per-company DIR): DIR/<code>.xlsx for every scored
 * company, with its scorecard, rank, group benchmarks and average, so that
 * the insurer can re-compute its score by hand. All files are first written
 * into a temporary directory next to DIR, then moved into place. */
#define _GNU_SOURCE /* renameat2 and RENAME_EXCHANGE */
#include "cescore/report.h"
#include "cescore/time.h"
#include "report_xlsx_analysis.h"
#include "report_xlsx_detail.h"
#include "report_xlsx_labels.h"
#include "report_xlsx_method.h"
#include "report_xlsx_sheet.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EN (ctx->english)

typedef struct {
    const ces_report_ctx *ctx;
    const ces_company_result *c;
} company_arg;

/* label: value; the value overflows into the empty cells to its right
 * rather than widening the indicator table's name column */
static int kv_text(xl_sheet *s, int row, xl_label label, const char *value)
{
    xl_str(s, row, 0, xl_t(s->english, label));
    xl_note(s, row, 1, value);
    return row + 1;
}

static int kv_num(xl_sheet *s, int row, xl_label label, double v, int decimals)
{
    xl_str(s, row, 0, xl_t(s->english, label));
    xl_num(s, row, 1, v, decimals);
    return row + 1;
}

static int card_head(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row)
{
    const ces_group_result *g = &ctx->results->groups[c->group];
    char buf[128];
    row = kv_text(s, row, XL_CODE, c->code);
    row = kv_text(s, row, XL_NAME, c->name);
    row = kv_text(s, row, XL_GROUP, xl_group(EN, c->group));
    xl_period_text(ctx, buf, sizeof buf);
    row = kv_text(s, row, XL_PERIOD, buf);
    row = kv_num(s, row, XL_RANK, c->rank, 0);
    row = kv_num(s, row, XL_COUNT_LABEL, g->count, 0);
    row = kv_num(s, row, XL_TOTAL, c->total, 2);
    row = kv_num(s, row, XL_QUALITATIVE, c->qualitative, 2);
    row = kv_num(s, row, XL_QUANTITATIVE, c->quantitative, 2);
    row = kv_num(s, row, XL_AVERAGE, g->average_total, 2);
    row = kv_num(s, row, XL_BELOW_AVERAGE, g->below_average, 0);
    ces_buf b = {0};
    for (size_t k = 0; k < c->n_children; k++)
        ces_buf_printf(&b, "%s%s", k ? ", " : "", c->children[k]);
    if (b.p)
        row = kv_text(s, row, XL_ROLLED_UP_CHILDREN, b.p);
    ces_buf_free(&b);
    for (int k = 0; k < CES_FLAG_COUNT; k++)
        if (c->flags & (1u << k))
            ces_buf_printf(&b, "%s%s", b.len ? (EN ? ", " : "、") : "", xl_flag(EN, 1u << k));
    row = kv_text(s, row, XL_FLAGS, b.p ? b.p : xl_t(EN, XL_NONE));
    ces_buf_free(&b);
    row = kv_num(s, row, XL_RUN_ID, (double)ctx->run_id, 0);
    row = kv_text(s, row, XL_STATUS, xl_status(EN, ctx->status));
    ces_time_beijing(ctx->run_time, EN, buf, sizeof buf);
    row = kv_text(s, row, XL_RUN_TIME, buf);
    row = kv_text(s, row, XL_CONFIG, ctx->cfg->name);
    return row + 1;
}

static int card_indicators(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row)
{
    xl_section(s, row++, 0, xl_t(EN, XL_M_INDICATORS));
    xl_indicator_header(s, ctx, row++, 0);
    for (int i = 0; i < CES_IND_COUNT; i++)
        if (xl_ind_in_group((ces_ind)i, c->group) && c->ind[i].present)
            xl_indicator_row(s, ctx, c, (ces_ind)i, row++, 0);
    row = xl_subtotal_rows(s, ctx, c, row, XL_IC_NAME, XL_IC_SCORE, XL_IC_ARITH);
    row = xl_sensitivity_rows(s, ctx, c, row, 0, 0);
    return row + 1;
}

static int card_benchmarks(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row)
{
    const ces_results *r = ctx->results;
    const ces_group_result *g = &r->groups[c->group];
    xl_section(s, row++, 0, xl_t(EN, XL_BENCHMARKS));
    xl_header_wrap(s, row, 0, xl_t(EN, XL_IND_ID));
    xl_header_wrap(s, row, 1, xl_t(EN, XL_IND_NAME));
    xl_header_wrap(s, row, 2, xl_t(EN, XL_BENCHMARK));
    xl_header_wrap(s, row++, 3, xl_t(EN, XL_BENCH_KIND));
    for (int i = 0; i < CES_IND_COUNT; i++) {
        if (!g->has_benchmark[i])
            continue;
        xl_wrap(s, row, 0, ces_ind_id((ces_ind)i));
        xl_wrap(s, row, 1, EN ? ctx->cfg->ind[i].en : ctx->cfg->ind[i].zh);
        xl_ind_value(s, row, 2, (ces_ind)i, g->benchmark[i]);
        xl_note(s, row++, 3,
                xl_t(EN, ces_ind_kind((ces_ind)i) == CES_KIND_VOLUME ? XL_BENCH_MEDIAN
                                                                     : XL_BENCH_POOLED_PEER));
    }
    if (r->has_industry_mediation) {
        xl_wrap(s, row, 0, ces_ind_id(CES_IND_MEDIATION));
        xl_wrap(s, row, 1, xl_t(EN, XL_INDUSTRY_MEDIATION));
        xl_pct(s, row, 2, r->industry_mediation);
        xl_note(s, row++, 3, xl_t(EN, XL_BENCH_POOLED_INDUSTRY));
    }
    xl_wrap(s, row, 1, xl_t(EN, XL_AVERAGE));
    xl_score(s, row++, 2, g->average_total);
    return row + 1;
}

static int card_deductions(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row)
{
    static const xl_label H[] = {XL_ORIG_CODE, XL_INDICATOR, XL_CATEGORY,   XL_POINTS,
                                 XL_DATE,      XL_REFERENCE, XL_DESCRIPTION};
    const ces_dataset *ds = ctx->dataset;
    int any = 0;
    for (size_t k = 0; ds && k < ds->n_deductions; k++)
        any |= xl_deduction_belongs(ctx, &ds->deductions[k], c);
    if (!any)
        return row;
    xl_section(s, row++, 0, xl_t(EN, XL_DED_ROWS));
    for (int k = 0; k < 7; k++)
        xl_header_wrap(s, row, k, xl_t(EN, H[k]));
    row++;
    for (size_t k = 0; k < ds->n_deductions; k++) {
        const ces_deduction_row *d = &ds->deductions[k];
        if (!xl_deduction_belongs(ctx, d, c))
            continue;
        const ces_cfg_indicator *ci = &ctx->cfg->ind[ces_ded_indicator(d->indicator)];
        const ces_cfg_item *it = d->category ? ces_config_item(ci, d->category) : NULL;
        xl_wrap(s, row, 0, d->code);
        xl_wrap(s, row, 1, EN ? ci->en : ci->zh);
        xl_wrap(s, row, 2, it ? (EN ? it->en : it->zh) : d->category);
        xl_score(s, row, 3, d->points);
        xl_date(s, row, 4, d->date);
        xl_wrap(s, row, 5, d->reference);
        xl_note(s, row++, 6, d->description); /* the last column: overflows to the right */
    }
    return row + 1;
}

static ces_status build_company(lxw_workbook *wb, const void *arg, ces_diags *d)
{
    const company_arg *a = arg;
    const ces_report_ctx *ctx = a->ctx;
    char title[512], period[8];
    ces_period_format(ctx->results->period, period);
    snprintf(title, sizeof title, "%s %s %s", xl_t(EN, XL_SCORECARD_TITLE), period, a->c->code);
    ces_status st = xl_set_properties(wb, ctx, title, 1, d);
    if (st != CES_OK)
        return st;
    xl_formats f;
    xl_formats_init(wb, &f);
    xl_sheet card, method;
    if (xl_sheet_add(&card, wb, &f, EN, xl_t(EN, XL_SHEET_SCORECARD)) != 0 ||
        xl_sheet_add(&method, wb, &f, EN, xl_t(EN, XL_SHEET_METHOD)) != 0) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "cannot add the scorecard's sheets");
        return CES_ERR_INTERNAL;
    }
    char head[512], disp[64];
    ces_period_display(ctx->results->period, EN, disp, sizeof disp);
    snprintf(head, sizeof head, EN ? "%s — %s — %s (%s)" : "%s %s — %s（%s）",
             EN ? xl_t(EN, XL_SCORECARD_TITLE) : disp, EN ? disp : xl_t(EN, XL_SCORECARD_TITLE),
             a->c->code, xl_status(EN, ctx->status));
    xl_title(&card, 0, 0, head);
    int row = card_head(&card, ctx, a->c, 2);
    row = card_indicators(&card, ctx, a->c, row);
    row = card_benchmarks(&card, ctx, a->c, row);
    row = card_deductions(&card, ctx, a->c, row);
    xl_case_rows(&card, ctx, a->c, row);
    xl_fit_columns(&card, 40);
    snprintf(head, sizeof head, "%s %s", xl_t(EN, XL_SCORECARD_TITLE), a->c->code);
    xl_print_setup(&card, ctx, head, 0, 0);
    xl_methodology_sheet(&method, ctx);
    if ((st = xl_sheet_status(&card, d)) != CES_OK)
        return st;
    return xl_sheet_status(&method, d);
}

/* A file name from a company code: '/', '\\' and control characters become
 * '_', and a leading '.' is prefixed with '_'. */
static void safe_name(const char *code, char *out, size_t n)
{
    size_t j = 0;
    if (code[0] == '.' && j + 1 < n)
        out[j++] = '_';
    for (const char *p = code; *p && j + 1 < n; p++)
        out[j++] = (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20) ? '_' : *p;
    out[j] = '\0';
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

static ces_status write_all(const ces_report_ctx *ctx, const char *tmpdir, ces_diags *d)
{
    for (size_t k = 0; k < ctx->results->n_companies; k++) {
        const ces_company_result *c = &ctx->results->companies[k];
        char name[512], path[4096];
        safe_name(c->code, name, sizeof name);
        snprintf(path, sizeof path, "%s/%s.xlsx", tmpdir, name);
        if (access(path, F_OK) == 0) {
            ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL,
                         "company codes %s and another give the same file name %s.xlsx", c->code, name);
            return CES_ERR_INVALID;
        }
        company_arg a = {ctx, c};
        ces_status st = xl_write_workbook(path, build_company, &a, d);
        if (st != CES_OK)
            return st;
    }
    return CES_OK;
}

/* The name of an entry of dir that is not a scorecard (a regular *.xlsx
 * file), or NULL when dir holds scorecards only: such a directory may be
 * replaced as a whole; anything else in it is the user's and is never touched. */
static const char *foreign_entry(const char *dir, char *buf, size_t n)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(buf, n, "(unreadable: %s)", strerror(errno));
        return buf;
    }
    const char *found = NULL;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        size_t len = strlen(e->d_name);
        char path[4096];
        struct stat sb;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".xlsx") || lstat(path, &sb) ||
            !S_ISREG(sb.st_mode)) {
            snprintf(buf, n, "%s", e->d_name);
            found = buf;
        }
    }
    closedir(d);
    return found;
}

/* Put the new scorecards of tmpdir in place of the old ones of dir, so that
 * dir holds a workbook for every scored company and for no one else. The two
 * directories are exchanged atomically where the file system can; the old
 * scorecards end up in tmpdir, which the caller removes. */
static ces_status replace_dir(const char *tmpdir, const char *dir, ces_diags *d)
{
    char foreign[512];
    if (foreign_entry(dir, foreign, sizeof foreign)) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL,
                     "%s: holds %s, which is not a scorecard; write the scorecards to a new or "
                     "empty directory",
                     dir, foreign);
        return CES_ERR_IO;
    }
    if (renameat2(AT_FDCWD, tmpdir, AT_FDCWD, dir, RENAME_EXCHANGE) == 0)
        return CES_OK;
    if (errno != EINVAL && errno != ENOSYS) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: cannot replace: %s", dir,
                     strerror(errno));
        return CES_ERR_IO;
    }
    /* no atomic exchange here: move the old directory aside, then the new one in */
    size_t n = strlen(dir) + 16;
    char *old = malloc(n);
    if (!old)
        return CES_ERR_NOMEM;
    snprintf(old, n, "%s.oldXXXXXX", dir);
    ces_status st = CES_ERR_IO;
    if (!mkdtemp(old)) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: cannot replace: %s", dir,
                     strerror(errno));
    } else if (rename(dir, old) != 0) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: cannot replace: %s", dir,
                     strerror(errno));
        rmdir(old);
    } else if (rename(tmpdir, dir) != 0) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: cannot replace: %s", dir,
                     strerror(errno));
        rename(old, dir); /* put the old scorecards back */
    } else {
        st = CES_OK;
        if (rename(old, tmpdir) != 0) /* the caller removes tmpdir */
            remove_tree(old);
    }
    free(old);
    return st;
}

ces_status ces_report_scorecard(const ces_report_ctx *ctx, const char *code, const char *path,
                                ces_diags *d)
{
    for (size_t k = 0; ctx && ctx->results && k < ctx->results->n_companies; k++)
        if (!strcmp(ctx->results->companies[k].code, code)) {
            company_arg a = {ctx, &ctx->results->companies[k]};
            return xl_write_workbook(path, build_company, &a, d);
        }
    ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: no company %s to write a scorecard for",
                 path, code);
    return CES_ERR_INVALID;
}

ces_status ces_report_per_company(const ces_report_ctx *ctx, const char *dir, ces_diags *d)
{
    if (!ctx || !ctx->results || !ctx->cfg || !dir || !*dir) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "per-company workbooks: nothing to write");
        return CES_ERR_INTERNAL;
    }
    time_t t;
    if (ces_time_parse(ctx->run_time, &t) != 0) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL,
                     "the run's time \"%s\" is not an ISO 8601 UTC time",
                     ctx->run_time ? ctx->run_time : "");
        return CES_ERR_INVALID;
    }
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        len--;
    char *tmpdir = malloc(len + 16);
    if (!tmpdir)
        return CES_ERR_NOMEM;
    snprintf(tmpdir, len + 16, "%.*s.tmpXXXXXX", (int)len, dir);
    if (!mkdtemp(tmpdir)) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL,
                     "%s: cannot create a temporary directory: %s", dir, strerror(errno));
        free(tmpdir);
        return CES_ERR_IO;
    }
    ces_status st = write_all(ctx, tmpdir, d);
    if (st == CES_OK) {
        struct stat sb;
        if (stat(dir, &sb) != 0 && errno == ENOENT) {
            mode_t mask = umask(0);
            umask(mask);
            if (chmod(tmpdir, 0777 & ~mask) != 0 || rename(tmpdir, dir) != 0) {
                ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: cannot create: %s", dir,
                             strerror(errno));
                st = CES_ERR_IO;
            }
        } else if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
            ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: not a directory", dir);
            st = CES_ERR_IO;
        } else {
            st = replace_dir(tmpdir, dir, d);
        }
    }
    remove_tree(tmpdir); /* the old scorecards, or nothing when the new ones were renamed into place */
    free(tmpdir);
    return st;
}
