/* whatif (docs/commands.md §2.15): a stored run's period re-scored with one
 * company's input cells changed, every other row as archived; checked like
 * a bundle (the cells are changed in the archived files before ingest reads
 * them); with --target, the smallest change of each quantitative input that
 * alone reaches a score. Nothing is written to the archive. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/i18n.h"
#include "cescore/numtext.h"
#include "cescore/records.h"
#include "cescore/score.h"
#include "cescore/version.h"
#include "cli_cmds.h"
#include "cli_env.h"
#include "cli_msg.h"
#include "cli_opts.h"
#include "cli_pipeline.h"

#define MAX_EDITS (2 * CLI_MAX_SETS) /* the --set cells and the totals that follow them */

/* The files whose cells --set may change: one row per company. */
static const ces_file_kind EDITABLE[] = {CES_FILE_COMPLAINTS, CES_FILE_STATISTICS, CES_FILE_QUALITATIVE,
                                         CES_FILE_MEDIATION};

typedef struct {
    ces_cell_edit cells[MAX_EDITS];
    char text[MAX_EDITS][128]; /* each cell's file.column=value, split */
    size_t n;
} edit_list;

/* Everything a what-if works with. */
typedef struct {
    cli_ctx *c;
    ces_stored_run run;
    ces_config cfg;
    ces_calendar cal;     /* the run's calendar (a case-level run), lent to cfg */
    ces_dataset archived; /* the run's import */
    ces_dataset edited;   /* the same with the cells changed */
    ces_prior_archive prior;
    int has_prior;
    const char *code;   /* --company */
    const char *scored; /* the scored company it belongs to (itself or its parent) */
    edit_list edits;
} whatif;

/* ---- the cells ---- */

/* The record field a column of file k holds (the column's own name but one). */
static const ces_field *field_of(ces_file_kind k, const char *column)
{
    const ces_record *rec = ces_dataset_record(k);
    const char *key = !strcmp(column, "withdrawn_before_transfer") ? "withdrawn" : column;
    for (size_t i = 0; rec && i < rec->n; i++)
        if (!strcmp(rec->fields[i].key, key))
            return &rec->fields[i];
    return NULL;
}

/* The company's own row of file k, or NULL. */
static void *own_row(const ces_dataset *ds, ces_file_kind k, const char *code)
{
    size_t n;
    const ces_record *rec = ces_dataset_record(k);
    char *rows = ces_dataset_rows(ds, k, &n);
    for (size_t i = 0; rows && i < n; i++)
        if (!strcmp(ces_dataset_row_code(k, rows + i * rec->size), code))
            return rows + i * rec->size;
    return NULL;
}

/* A number as a bundle's cell: a count as an integer, an amount as the
 * shortest plain decimal that reads back as the same double. */
static void cell_text(const ces_field *f, double v, char *buf, size_t n)
{
    if (f->type != CES_FT_DBL) {
        snprintf(buf, n, "%.0f", v);
        return;
    }
    char text[32];
    ces_shortest_text(v, text);
    if (strchr(text, 'e'))
        snprintf(buf, n, "%.6f", v);
    else
        snprintf(buf, n, "%s", text);
}

static ces_status add_edit(whatif *w, ces_file_kind k, const char *column, const char *value)
{
    edit_list *e = &w->edits;
    if (e->n == MAX_EDITS)
        return cli_error(CES_ERR_USAGE, "whatif: too many cells to change");
    char *t = e->text[e->n];
    snprintf(t, sizeof e->text[e->n], "%s%c%s", column, '\0', value);
    e->cells[e->n++] = (ces_cell_edit){k, w->code, t, t + strlen(t) + 1};
    return CES_OK;
}

static const ces_cell_edit *find_edit(const whatif *w, ces_file_kind k, const char *column)
{
    for (size_t i = 0; i < w->edits.n; i++)
        if (w->edits.cells[i].file == k && !strcmp(w->edits.cells[i].column, column))
            return &w->edits.cells[i];
    return NULL;
}

/* --set FILE.COLUMN=VALUE (FILE with or without .csv). */
static ces_status parse_set(whatif *w, const char *arg)
{
    const char *dot = strchr(arg, '.'), *eq = strchr(arg, '=');
    if (dot && !strncmp(dot, ".csv.", 5))
        dot += 4;
    if (!dot || !eq || eq < dot || eq == dot + 1)
        return cli_error(CES_ERR_USAGE,
                         "whatif: --set takes FILE.COLUMN=VALUE (complaints.motor=120), not \"%s\"",
                         arg);
    char file[64], column[64];
    snprintf(file, sizeof file, "%.*s", (int)(strchr(arg, '.') - arg), arg);
    snprintf(column, sizeof column, "%.*s", (int)(eq - dot - 1), dot + 1);
    for (size_t i = 0; i < sizeof EDITABLE / sizeof *EDITABLE; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s", ces_file_name(EDITABLE[i]));
        name[strlen(name) - 4] = '\0'; /* without ".csv" */
        if (strcmp(file, name))
            continue;
        if (!w->archived.files[EDITABLE[i]].present)
            return cli_error(CES_ERR_INVALID, "whatif: the inputs of run %ld have no %s", w->run.run_id,
                             ces_file_name(EDITABLE[i]));
        return add_edit(w, EDITABLE[i], column, eq + 1);
    }
    return cli_error(
        CES_ERR_USAGE,
        "whatif: --set %s: a file of one row per company is changed: complaints, statistics, "
        "qualitative or mediation",
        arg);
}

/* A cell's value after the edits (the edit's text, else the archived row's). */
static int value_after(const whatif *w, ces_file_kind k, const char *column, double *v)
{
    const ces_cell_edit *e = find_edit(w, k, column);
    const void *row = own_row(&w->archived, k, w->code);
    const ces_field *f = field_of(k, column);
    if (e) {
        char *end;
        *v = strtod(e->value, &end);
        return *e->value && !*end && !strchr(e->value, ',') ? 0 : -1;
    }
    if (!row || !f)
        return -1;
    *v = ces_field_num(f, row);
    return 0;
}

/* pc rows keep their sums (docs/inputs.md §4.2, §4.3): a changed motor or
 * nonmotor count sets total, a changed motor or non-motor premium sets
 * premium_wan, unless the command sets those too. */
static ces_status follow_sums(whatif *w)
{
    static const struct {
        ces_file_kind file;
        const char *sum, *a, *b;
    } SUMS[] = {{CES_FILE_COMPLAINTS, "total", "motor", "nonmotor"},
                {CES_FILE_STATISTICS, "premium_wan", "motor_premium_wan", "nonmotor_premium_wan"}};
    for (size_t i = 0; i < sizeof SUMS / sizeof *SUMS; i++) {
        double a, b;
        char text[64];
        if (find_edit(w, SUMS[i].file, SUMS[i].sum) ||
            (!find_edit(w, SUMS[i].file, SUMS[i].a) && !find_edit(w, SUMS[i].file, SUMS[i].b)))
            continue;
        if (value_after(w, SUMS[i].file, SUMS[i].a, &a) || value_after(w, SUMS[i].file, SUMS[i].b, &b))
            continue; /* ingest says what is wrong with the cell */
        cell_text(field_of(SUMS[i].file, SUMS[i].sum), a + b, text, sizeof text);
        ces_status st = add_edit(w, SUMS[i].file, SUMS[i].sum, text);
        if (st != CES_OK)
            return st;
    }
    return CES_OK;
}

/* ---- the changed period ---- */

/* The run's files, changed and checked like a bundle; the rows of every file
 * not changed are the archived ones (a deduction's points stay as archived). */
static ces_status ingest_edited(whatif *w)
{
    cli_ctx *c = w->c;
    ces_dataset *ed = &w->edited;
    ed->period = w->archived.period;
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        const ces_input_file *f = &w->archived.files[k];
        ed->files[k] = *f;
        ed->files[k].header = NULL;
        if (f->header && !(ed->files[k].header = strdup(f->header)))
            return cli_error(CES_ERR_NOMEM, "out of memory");
        if (!f->bytes) /* a case list stays in the archive, counted below */
            continue;
        ed->files[k].bytes = f->len ? malloc(f->len) : NULL;
        if (f->len && !ed->files[k].bytes)
            return cli_error(CES_ERR_NOMEM, "out of memory");
        if (f->len)
            memcpy(ed->files[k].bytes, f->bytes, f->len);
    }
    ces_columns *cols = NULL;
    ces_status st = cli_load_columns(c->o, &cols);
    ces_diags d;
    ces_diags_init(&d);
    if (st == CES_OK)
        st = ces_ingest_files_edited(ed, &w->cfg, cols, w->edits.cells, w->edits.n, &d);
    if (st == CES_OK) /* the archived case list, counted with the run's config and calendar */
        st = cli_derive_cases(c->a, w->run.import_id, &w->cfg, c->o, ed, &d);
    cli_print_diags(c->o, &d);
    ces_columns_free(cols);
    if (st == CES_ERR_INVALID)
        return cli_error(st, "whatif: the changed inputs are not a valid bundle; nothing was scored");
    if (st != CES_OK)
        return cli_error(st, "whatif: %s", ces_status_name(st));
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        size_t na, ne;
        void *a = ces_dataset_rows(&w->archived, (ces_file_kind)k, &na);
        void *e = ces_dataset_rows(ed, (ces_file_kind)k, &ne);
        int changed = 0;
        for (size_t i = 0; i < w->edits.n; i++)
            changed |= w->edits.cells[i].file == (ces_file_kind)k;
        if (changed || !ces_dataset_record((ces_file_kind)k))
            continue;
        ces_dataset_set_rows(ed, (ces_file_kind)k, a, na); /* swapped, so each is freed once */
        ces_dataset_set_rows(&w->archived, (ces_file_kind)k, e, ne);
    }
    return CES_OK;
}

static const ces_company_result *find_company(const ces_results *r, const char *code)
{
    for (size_t i = 0; code && i < r->n_companies; i++)
        if (!strcmp(r->companies[i].code, code))
            return &r->companies[i];
    return NULL;
}

/* The scored company whose rows --company names: itself or its parent. */
static ces_status scored_company(whatif *w)
{
    const ces_results *r = &w->run.results;
    if (find_company(r, w->code)) {
        w->scored = w->code;
        return CES_OK;
    }
    for (size_t i = 0; i < r->n_excluded; i++)
        if (!strcmp(r->excluded[i].code, w->code)) {
            if (r->excluded[i].into && find_company(r, r->excluded[i].into)) {
                w->scored = r->excluded[i].into;
                return CES_OK;
            }
            return cli_error(CES_ERR_INVALID, "whatif: %s is not scored in run %ld (%s)", w->code,
                             w->run.run_id, ces_excl_reason_id(r->excluded[i].reason));
        }
    return cli_error(CES_ERR_INVALID, "whatif: no company %s in run %ld of %s", w->code, w->run.run_id,
                     w->c->period);
}

/* A company whose complaints are counted from cases.csv has no row of
 * complaints.csv to change (a code in both files is an error): said
 * plainly, after counting the archived case list. */
static ces_status refuse_case_level(whatif *w)
{
    int complaints = 0;
    for (size_t i = 0; i < w->edits.n; i++)
        complaints |= w->edits.cells[i].file == CES_FILE_COMPLAINTS;
    if (!complaints || !w->archived.files[CES_FILE_CASES].present)
        return CES_OK;
    cli_ctx *c = w->c;
    ces_diags d;
    ces_diags_init(&d);
    ces_status st = cli_derive_cases(c->a, w->run.import_id, &w->cfg, c->o, &w->archived, &d);
    cli_print_diags(c->o, &d);
    if (st != CES_OK)
        return cli_error(st, "whatif: the case list of run %ld cannot be counted: %s", w->run.run_id,
                         ces_status_name(st));
    const ces_case_data *cd = &w->archived.cases;
    for (size_t i = 0; i < cd->n_counts; i++)
        if (!strcmp(cd->counts[i].code, w->code))
            return cli_error(CES_ERR_INVALID,
                             "whatif: the complaints of %s are counted from cases.csv (case by case), "
                             "not from complaints.csv: --set complaints.* cannot change them",
                             w->code);
    return CES_OK;
}

/* ---- what it says ---- */

static const char *f2(double v, char *buf)
{
    ces_format_fixed(v, 2, buf, 32);
    return buf;
}

static void print_cells(const whatif *w)
{
    for (size_t i = 0; i < w->edits.n; i++) {
        const ces_cell_edit *e = &w->edits.cells[i];
        const ces_field *f = field_of(e->file, e->column);
        const void *row = own_row(&w->archived, e->file, w->code);
        char was[64];
        snprintf(was, sizeof was, "%s", _("no row"));
        if (row && f && !ces_field_is_text(f))
            cell_text(f, ces_field_num(f, row), was, sizeof was);
        printf(_("  %s %s: %s = %s%s%s%s\n"), ces_file_name(e->file), cli_text(w->code),
               cli_text(e->column), cli_text(e->value), f && !ces_field_is_text(f) ? " (was " : "",
               f && !ces_field_is_text(f) ? was : "", f && !ces_field_is_text(f) ? ")" : "");
    }
}

static void print_indicators(const ces_company_result *a, const ces_company_result *b)
{
    char x[32], y[32];
    for (int i = 0; i < CES_IND_COUNT; i++) {
        const ces_ind_result *p = &a->ind[i], *q = &b->ind[i];
        if (!p->present || (p->score == q->score && p->value == q->value &&
                            p->benchmark == q->benchmark && p->has_value == q->has_value))
            continue;
        printf(_("  %-32s score %s -> %s"), ces_ind_id((ces_ind)i), f2(p->score, x), f2(q->score, y));
        if (p->has_value || q->has_value)
            printf(_(", value %s -> %s"), p->has_value ? (ces_format_fixed(p->value, 4, x, 32), x) : "-",
                   q->has_value ? (ces_format_fixed(q->value, 4, y, 32), y) : "-");
        if (p->has_benchmark && q->has_benchmark && p->benchmark != q->benchmark)
            printf(_(", benchmark %s -> %s"), (ces_format_fixed(p->benchmark, 4, x, 32), x),
                   (ces_format_fixed(q->benchmark, 4, y, 32), y));
        putchar('\n');
    }
}

static void print_company(const whatif *w, const ces_results *nr)
{
    const ces_company_result *a = find_company(&w->run.results, w->scored),
                             *b = find_company(nr, w->scored);
    char x[32], y[32], p[32], q[32], s[32], t[32];
    printf(
        _("%s %s: total %s -> %s, rank %d -> %d of %d (qualitative %s -> %s, quantitative %s -> %s)\n"),
        cli_text(a->code), cli_text(a->name), f2(a->total, x), f2(b->total, y), a->rank, b->rank,
        nr->groups[b->group].count, f2(a->qualitative, p), f2(b->qualitative, q), f2(a->quantitative, s),
        f2(b->quantitative, t));
    print_indicators(a, b);
}

static void print_rank_changes(const whatif *w, const ces_results *nr)
{
    size_t n = 0;
    char x[32], y[32];
    for (size_t i = 0; i < nr->n_companies; i++) {
        const ces_company_result *b = &nr->companies[i], *a = find_company(&w->run.results, b->code);
        if (!a || a->rank == b->rank || !strcmp(b->code, w->scored))
            continue;
        if (n++ == 0)
            printf(_("Other companies whose rank changes:\n"));
        printf(_("  %-14s rank %d -> %d, total %s -> %s  %s\n"), cli_text(b->code), a->rank, b->rank,
               f2(a->total, x), f2(b->total, y), cli_text(b->name));
    }
    if (n == 0)
        printf(_("No other company's rank changes.\n"));
}

static ces_status write_json(whatif *w, const ces_results *nr)
{
    char now[32];
    cli_now(now, sizeof now);
    ces_report_ctx ctx;
    cli_report_ctx(&w->run, &w->cfg, &w->edited, 0, &ctx);
    ctx.results = nr;
    ctx.status = CES_RUN_WHATIF;
    ctx.run_time = now;
    ctx.engine_version = CES_ENGINE_VERSION;
    ctx.operator_name = cli_operator(w->c->o);
    ctx.files = w->edited.files;
    return cli_write_outputs(w->c, &ctx);
}

/* ---- --target ---- */

/* A quantitative input the target search changes alone: the column of its
 * file, the group it is used for (-1: both), the sum that follows it on pc
 * rows, the bounds that keep the row valid (docs/inputs.md §4). */
typedef struct {
    ces_file_kind file;
    const char *column;
    int group;
    const char *follows;
} target_input;

static const target_input TARGETS[] = {
    {CES_FILE_COMPLAINTS, "motor", CES_GROUP_PC, "total"},
    {CES_FILE_COMPLAINTS, "nonmotor", CES_GROUP_PC, "total"},
    {CES_FILE_COMPLAINTS, "total", CES_GROUP_LIFE, NULL},
    {CES_FILE_COMPLAINTS, "withdrawn_before_transfer", -1, NULL},
    {CES_FILE_COMPLAINTS, "transferred", -1, NULL},
    {CES_FILE_COMPLAINTS, "on_time", -1, NULL},
    {CES_FILE_STATISTICS, "premium_wan", CES_GROUP_LIFE, NULL},
    {CES_FILE_STATISTICS, "motor_premium_wan", CES_GROUP_PC, "premium_wan"},
    {CES_FILE_STATISTICS, "nonmotor_premium_wan", CES_GROUP_PC, "premium_wan"},
    {CES_FILE_STATISTICS, "nonmotor_policies", CES_GROUP_PC, NULL},
    {CES_FILE_STATISTICS, "new_policies", CES_GROUP_LIFE, NULL},
    {CES_FILE_STATISTICS, "new_persons", CES_GROUP_LIFE, NULL},
    {CES_FILE_MEDIATION, "needed", -1, NULL},
    {CES_FILE_MEDIATION, "succeeded", -1, NULL},
};

static double num(const void *row, ces_file_kind k, const char *column)
{
    return ces_field_num(field_of(k, column), row);
}

/* [lo, hi] of the input's value in row that keeps the row valid. */
static void bounds(const target_input *t, const void *row, double v0, double *lo, double *hi)
{
    ces_file_kind k = t->file;
    *lo = 0;
    *hi = fmax(field_of(k, t->column)->type == CES_FT_DBL ? 10000 : 1000, 100 * v0);
    if (k == CES_FILE_COMPLAINTS) {
        double total = num(row, k, "total"), w = num(row, k, "withdrawn_before_transfer");
        double tr = num(row, k, "transferred"), on = num(row, k, "on_time");
        if (!strcmp(t->column, "motor") || !strcmp(t->column, "nonmotor"))
            *lo = fmax(0, fmax(w, tr) - (total - v0));
        else if (!strcmp(t->column, "total"))
            *lo = fmax(w, tr);
        else if (!strcmp(t->column, "withdrawn_before_transfer"))
            *hi = total;
        else if (!strcmp(t->column, "transferred")) {
            *lo = on;
            *hi = total;
        } else
            *hi = tr;
    } else if (k == CES_FILE_MEDIATION) {
        if (!strcmp(t->column, "needed"))
            *lo = num(row, k, "succeeded");
        else
            *hi = num(row, k, "needed");
    }
}

typedef struct {
    whatif *w;
    const target_input *t;
    void *row;
    const ces_field *f, *follow;
    double v0, f0, unit;
    double total;
    int rank;
} probe;

/* Score the period with the input at v0 + steps * unit; 1 when the company's
 * total reaches the target. */
static int reaches(probe *p, double steps)
{
    whatif *w = p->w;
    double v = p->unit == 1 ? p->v0 + steps : (round(p->v0 * 100) + steps) / 100.0;
    if (p->f->type == CES_FT_DBL)
        ces_field_set_dbl(p->f, p->row, v);
    else
        ces_field_set_int(p->f, p->row, (long long)v);
    if (p->follow && p->follow->type == CES_FT_DBL)
        ces_field_set_dbl(p->follow, p->row, p->f0 + (v - p->v0));
    else if (p->follow)
        ces_field_set_int(p->follow, p->row, (long long)(p->f0 + (v - p->v0)));
    ces_results r;
    int ok = 0;
    if (ces_score(&w->edited, &w->cfg, w->has_prior ? &w->prior : NULL, &r) == CES_OK) {
        const ces_company_result *c = find_company(&r, w->scored);
        ok = c && c->total >= w->c->o->target;
        p->total = c ? c->total : 0;
        p->rank = c ? c->rank : 0;
        ces_results_free(&r);
    }
    return ok;
}

/* The fewest steps (up to max) in one direction that reach the target, or
 * 0: doubling, then halving (the total moves one way as one input does). */
static double search(probe *p, double dir, double max)
{
    double prev = 0, k = 1;
    if (max < 1)
        return 0;
    for (;;) {
        if (reaches(p, dir * k))
            break;
        prev = k;
        if (k >= max)
            return 0;
        k = fmin(2 * k, max);
    }
    double lo = prev + 1, hi = k;
    while (lo < hi) {
        double mid = floor((lo + hi) / 2);
        if (reaches(p, dir * mid))
            hi = mid;
        else
            lo = mid + 1;
    }
    return hi;
}

static void target_one(whatif *w, const target_input *t)
{
    void *row = own_row(&w->edited, t->file, w->code);
    char a[64], b[64], x[32], name[96];
    snprintf(name, sizeof name, "%.*s.%s", (int)strlen(ces_file_name(t->file)) - 4,
             ces_file_name(t->file), t->column);
    if (!row) {
        printf(_("  %-36s %s has no row\n"), name, cli_text(w->code));
        return;
    }
    probe p = {
        w, t, row, field_of(t->file, t->column), t->follows ? field_of(t->file, t->follows) : NULL, 0, 0,
        1, 0, 0};
    p.v0 = ces_field_num(p.f, row);
    p.f0 = p.follow ? ces_field_num(p.follow, row) : 0;
    p.unit = p.f->type == CES_FT_DBL ? 0.01 : 1;
    double lo, hi, best = 0, dir = 0;
    bounds(t, row, p.v0, &lo, &hi);
    double up = search(&p, 1, floor((hi - p.v0) / p.unit + 1e-9));
    double down = search(&p, -1, floor((p.v0 - lo) / p.unit + 1e-9));
    if (up && (!down || up <= down)) {
        best = up;
        dir = 1;
    } else if (down) {
        best = down;
        dir = -1;
    }
    cell_text(p.f, p.v0, a, sizeof a);
    if (dir) {
        reaches(&p, dir * best);
        cell_text(p.f, p.unit == 1 ? p.v0 + dir * best : (round(p.v0 * 100) + dir * best) / 100.0, b,
                  sizeof b);
        printf(_("  %-36s %s -> %s: total %s, rank %d\n"), name, a, b, f2(p.total, x), p.rank);
    } else {
        cell_text(p.f, lo, b, sizeof b);
        printf(_("  %-36s %s: not reachable (tried %s to "), name, a, b);
        cell_text(p.f, hi, b, sizeof b);
        printf("%s)\n", b);
    }
    reaches(&p, 0); /* the row as it was */
}

static void targets(whatif *w, const ces_results *nr)
{
    const ces_company_result *c = find_company(nr, w->scored);
    char x[32], y[32];
    printf(
        _("Target %s for %s (now %s, rank %d): the smallest change of each input alone, %s's own row\n"),
        f2(w->c->o->target, x), cli_text(w->scored), f2(c->total, y), c->rank, cli_text(w->code));
    if (c->total >= w->c->o->target) {
        printf(_("  already reached\n"));
        return;
    }
    for (size_t i = 0; i < sizeof TARGETS / sizeof *TARGETS; i++)
        if ((TARGETS[i].group < 0 || TARGETS[i].group == (int)c->group) &&
            w->edited.files[TARGETS[i].file].present)
            target_one(w, &TARGETS[i]);
}

/* ---- the command ---- */

static ces_status load(whatif *w)
{
    cli_ctx *c = w->c;
    ces_status st = cli_load_stored_run(c, c->o->run, &w->run, &w->cfg, NULL);
    if (st == CES_OK && w->run.calendar_text &&
        (st = cli_parse_stored_calendar(w->run.calendar_text, w->run.calendar_len, w->run.run_id,
                                        &w->cal)) == CES_OK)
        w->cfg.calendar = &w->cal;
    if (st == CES_OK &&
        (st = ces_archive_load_dataset(c->a, c->period, w->run.import_id, &w->archived)) != CES_OK)
        return cli_stage_fail(c, st);
    if (st == CES_OK && w->run.results.prior_source == CES_PRIOR_SOURCE_ARCHIVE &&
        (st = ces_archive_prior_figures_of_run(c->a, w->run.run_id, &w->prior, &w->has_prior)) != CES_OK)
        return cli_stage_fail(c, st);
    return st;
}

static ces_status run_whatif(whatif *w)
{
    const cli_opts *o = w->c->o;
    ces_status st = load(w);
    if (st == CES_OK)
        st = scored_company(w);
    for (int i = 0; st == CES_OK && i < o->n_sets; i++)
        st = parse_set(w, o->sets[i]);
    if (st == CES_OK)
        st = refuse_case_level(w);
    if (st == CES_OK && (st = follow_sums(w)) == CES_OK)
        st = ingest_edited(w);
    ces_results nr;
    memset(&nr, 0, sizeof nr);
    const ces_prior_archive *prior = w->has_prior ? &w->prior : NULL;
    if (st == CES_OK &&
        ((st = ces_score(&w->edited, &w->cfg, prior, &nr)) != CES_OK ||
         (o->json && (st = ces_score_derive(&w->edited, &w->cfg, prior, &nr)) != CES_OK)))
        cli_error(st, "whatif: scoring failed: %s", ces_status_name(st));
    if (st == CES_OK && cli_text_wanted(o)) {
        cli_say_run(w->c, &w->run);
        printf(_("What if (nothing is archived):\n"));
        print_cells(w);
        if (w->edits.n) {
            print_company(w, &nr);
            print_rank_changes(w, &nr);
        }
    }
    if (st == CES_OK && o->json)
        st = write_json(w, &nr);
    if (st == CES_OK && o->has_target && cli_text_wanted(o))
        targets(w, &nr);
    ces_results_free(&nr);
    return st;
}

ces_status cmd_whatif(cli_ctx *c)
{
    const cli_opts *o = c->o;
    if (!o->company || (!o->n_sets && !o->has_target)) {
        cli_error(CES_ERR_USAGE,
                  "whatif: --company CODE and at least one --set FILE.COLUMN=VALUE or --target "
                  "SCORE are required");
        return cli_usage_line(c->cmd);
    }
    whatif *w = calloc(1, sizeof *w);
    if (!w)
        return cli_error(CES_ERR_NOMEM, "out of memory");
    w->c = c;
    w->code = o->company;
    ces_status st = run_whatif(w);
    ces_prior_archive_free(&w->prior);
    ces_dataset_free(&w->edited);
    ces_dataset_free(&w->archived);
    ces_config_free(&w->cfg);
    ces_calendar_free(&w->cal);
    ces_stored_run_free(&w->run);
    free(w);
    return st;
}
