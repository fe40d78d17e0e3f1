/* archive: insert and load the parsed rows of an import. Each table keeps
 * seq (the row's index in its file's rows) and the source line; loading
 * orders by seq, which reproduces the dataset's arrays exactly. */
#include <stdlib.h>
#include <string.h>

#include "archive_db.h"
#include "archive_rows.h"

/* ---- insert ---- */

static void bind_head(sqlite3_stmt *st, long import_id, size_t seq, long line, const char *code)
{
    sqlite3_bind_int64(st, 1, import_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)seq);
    sqlite3_bind_int64(st, 3, line);
    arch_bind_text(st, 4, code);
}

static ces_status insert_companies(ces_archive *a, long id, const ces_dataset *ds)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(a,
        "INSERT INTO companies (import_id, seq, line, code, name, grp, org_type, parent_code,"
        " open_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", &st);
    for (size_t i = 0; res == CES_OK && i < ds->n_companies; i++) {
        const ces_company *c = &ds->companies[i];
        bind_head(st, id, i, c->line, c->code);
        arch_bind_text(st, 5, c->name);
        arch_bind_text(st, 6, ces_group_id(c->group));
        arch_bind_text(st, 7, ces_org_type_id(c->org_type));
        arch_bind_text(st, 8, c->parent_code);
        sqlite3_bind_int(st, 9, c->open_date);
        res = arch_exec_stmt(a, st);
    }
    sqlite3_finalize(st);
    return res;
}

static ces_status insert_complaints(ces_archive *a, long id, const ces_dataset *ds)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(a,
        "INSERT INTO complaints (import_id, seq, line, code, total, motor, nonmotor, withdrawn,"
        " transferred, on_time) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", &st);
    for (size_t i = 0; res == CES_OK && i < ds->n_complaints; i++) {
        const ces_complaints_row *c = &ds->complaints[i];
        bind_head(st, id, i, c->line, c->code);
        arch_bind_int64(st, 5, c->total);
        arch_bind_int64(st, 6, c->motor);
        arch_bind_int64(st, 7, c->nonmotor);
        arch_bind_int64(st, 8, c->withdrawn);
        arch_bind_int64(st, 9, c->transferred);
        arch_bind_int64(st, 10, c->on_time);
        res = arch_exec_stmt(a, st);
    }
    sqlite3_finalize(st);
    return res;
}

static ces_status insert_statistics(ces_archive *a, long id, const ces_dataset *ds)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(a,
        "INSERT INTO statistics (import_id, seq, line, code, premium_wan, motor_premium_wan,"
        " nonmotor_premium_wan, nonmotor_policies, prior_inforce_policies, new_policies,"
        " prior_inforce_persons, new_persons)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", &st);
    for (size_t i = 0; res == CES_OK && i < ds->n_statistics; i++) {
        const ces_statistics_row *s = &ds->statistics[i];
        bind_head(st, id, i, s->line, s->code);
        arch_bind_double(st, 5, s->premium_wan);
        arch_bind_double(st, 6, s->motor_premium_wan);
        arch_bind_double(st, 7, s->nonmotor_premium_wan);
        arch_bind_int64(st, 8, s->nonmotor_policies);
        arch_bind_int64(st, 9, s->prior_inforce_policies);
        arch_bind_int64(st, 10, s->new_policies);
        arch_bind_int64(st, 11, s->prior_inforce_persons);
        arch_bind_int64(st, 12, s->new_persons);
        res = arch_exec_stmt(a, st);
    }
    sqlite3_finalize(st);
    return res;
}

static ces_status insert_items(ces_archive *a, sqlite3_stmt *st, long id, size_t seq,
                               const ces_qualitative_row *q)
{
    ces_status res = CES_OK;
    for (int c = 0; res == CES_OK && c < 2; c++)
        for (int k = 0; res == CES_OK && k < CES_MAX_ITEMS; k++) {
            if (!q->established[c][k])
                continue; /* not stored = not established */
            bind_head(st, id, seq, q->line, q->code);
            sqlite3_bind_int(st, 5, c);
            sqlite3_bind_int(st, 6, k);
            sqlite3_bind_int(st, 7, q->established[c][k]);
            res = arch_exec_stmt(a, st);
        }
    return res;
}

static ces_status insert_qualitative(ces_archive *a, long id, const ces_dataset *ds)
{
    sqlite3_stmt *row, *item = NULL;
    ces_status res = arch_prepare(a,
        "INSERT INTO qualitative_rows (import_id, seq, line, code, note)"
        " VALUES (?1, ?2, ?3, ?4, ?5)", &row);
    if (res == CES_OK)
        res = arch_prepare(a,
            "INSERT INTO qualitative_items (import_id, seq, line, code, checklist, item_index,"
            " established) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &item);
    for (size_t i = 0; res == CES_OK && i < ds->n_qualitative; i++) {
        const ces_qualitative_row *q = &ds->qualitative[i];
        bind_head(row, id, i, q->line, q->code);
        arch_bind_text(row, 5, q->note);
        res = arch_exec_stmt(a, row);
        if (res == CES_OK)
            res = insert_items(a, item, id, i, q);
    }
    sqlite3_finalize(row);
    sqlite3_finalize(item);
    return res;
}

static ces_status insert_mediation(ces_archive *a, long id, const ces_dataset *ds)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(a,
        "INSERT INTO mediation (import_id, seq, line, code, needed, succeeded)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &st);
    for (size_t i = 0; res == CES_OK && i < ds->n_mediation; i++) {
        const ces_mediation_row *m = &ds->mediation[i];
        bind_head(st, id, i, m->line, m->code);
        arch_bind_int64(st, 5, m->needed);
        arch_bind_int64(st, 6, m->succeeded);
        res = arch_exec_stmt(a, st);
    }
    sqlite3_finalize(st);
    return res;
}

static ces_status insert_deductions(ces_archive *a, long id, const ces_dataset *ds)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(a,
        "INSERT INTO deductions (import_id, seq, line, code, indicator, category, points,"
        " points_given, date, reference, description)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", &st);
    for (size_t i = 0; res == CES_OK && i < ds->n_deductions; i++) {
        const ces_deduction_row *d = &ds->deductions[i];
        bind_head(st, id, i, d->line, d->code);
        arch_bind_text(st, 5, ces_ded_id(d->indicator));
        arch_bind_text(st, 6, d->category);
        arch_bind_double(st, 7, d->points);
        sqlite3_bind_int(st, 8, d->points_given);
        sqlite3_bind_int(st, 9, d->date);
        arch_bind_text(st, 10, d->reference);
        arch_bind_text(st, 11, d->description);
        res = arch_exec_stmt(a, st);
    }
    sqlite3_finalize(st);
    return res;
}

static ces_status insert_prior(ces_archive *a, long id, const ces_dataset *ds)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(a,
        "INSERT INTO prior_rows (import_id, seq, line, code, total, premium_wan)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &st);
    for (size_t i = 0; res == CES_OK && i < ds->n_prior; i++) {
        const ces_prior_row *p = &ds->prior[i];
        bind_head(st, id, i, p->line, p->code);
        arch_bind_int64(st, 5, p->total);
        arch_bind_double(st, 6, p->premium_wan);
        res = arch_exec_stmt(a, st);
    }
    sqlite3_finalize(st);
    return res;
}

ces_status arch_insert_rows(ces_archive *a, long import_id, const ces_dataset *ds)
{
    ces_status st = insert_companies(a, import_id, ds);
    if (st == CES_OK)
        st = insert_complaints(a, import_id, ds);
    if (st == CES_OK)
        st = insert_statistics(a, import_id, ds);
    if (st == CES_OK)
        st = insert_qualitative(a, import_id, ds);
    if (st == CES_OK)
        st = insert_mediation(a, import_id, ds);
    if (st == CES_OK)
        st = insert_deductions(a, import_id, ds);
    if (st == CES_OK)
        st = insert_prior(a, import_id, ds);
    return st;
}

/* ---- load ---- */

/* CES_ERR_INTERNAL naming a stored enum id (column col) this engine can't parse. */
static ces_status bad_value(ces_archive *a, const char *what, sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    return arch_fail(a, CES_ERR_INTERNAL, "archive holds an unknown %s \"%s\"", what,
                     s ? (const char *)s : "");
}

/* The fill functions (arch_row_fn) read one element from the current row;
 * columns 0.. are the table's own columns after import_id and seq, starting
 * with line and code. */

static ces_status fill_company(ces_archive *a, sqlite3_stmt *st, void *elem)
{
    ces_company *c = elem;
    int oom = 0;
    c->line = (long)sqlite3_column_int64(st, 0);
    c->code = arch_col_strdup(st, 1, &oom);
    c->name = arch_col_strdup(st, 2, &oom);
    int g = ces_group_parse((const char *)sqlite3_column_text(st, 3));
    int t = ces_org_type_parse((const char *)sqlite3_column_text(st, 4));
    c->parent_code = arch_col_strdup(st, 5, &oom);
    c->open_date = sqlite3_column_int(st, 6);
    if (g < 0)
        return bad_value(a, "group", st, 3);
    if (t < 0)
        return bad_value(a, "org_type", st, 4);
    c->group = (ces_group)g;
    c->org_type = (ces_org_type)t;
    return arch_oom_or_ok(a, oom);
}

static ces_status fill_complaints(ces_archive *a, sqlite3_stmt *st, void *elem)
{
    ces_complaints_row *c = elem;
    int oom = 0;
    c->line = (long)sqlite3_column_int64(st, 0);
    c->code = arch_col_strdup(st, 1, &oom);
    c->total = sqlite3_column_int64(st, 2);
    c->motor = sqlite3_column_int64(st, 3);
    c->nonmotor = sqlite3_column_int64(st, 4);
    c->withdrawn = sqlite3_column_int64(st, 5);
    c->transferred = sqlite3_column_int64(st, 6);
    c->on_time = sqlite3_column_int64(st, 7);
    return arch_oom_or_ok(a, oom);
}

static ces_status fill_statistics(ces_archive *a, sqlite3_stmt *st, void *elem)
{
    ces_statistics_row *s = elem;
    int oom = 0;
    s->line = (long)sqlite3_column_int64(st, 0);
    s->code = arch_col_strdup(st, 1, &oom);
    s->premium_wan = arch_col_double(st, 2);
    s->motor_premium_wan = arch_col_double(st, 3);
    s->nonmotor_premium_wan = arch_col_double(st, 4);
    s->nonmotor_policies = sqlite3_column_int64(st, 5);
    s->prior_inforce_policies = sqlite3_column_int64(st, 6);
    s->new_policies = sqlite3_column_int64(st, 7);
    s->prior_inforce_persons = sqlite3_column_int64(st, 8);
    s->new_persons = sqlite3_column_int64(st, 9);
    return arch_oom_or_ok(a, oom);
}

static ces_status fill_qualitative(ces_archive *a, sqlite3_stmt *st, void *elem)
{
    ces_qualitative_row *q = elem;
    int oom = 0;
    q->line = (long)sqlite3_column_int64(st, 0);
    q->code = arch_col_strdup(st, 1, &oom);
    q->note = arch_col_strdup(st, 2, &oom);
    return arch_oom_or_ok(a, oom);
}

static ces_status fill_mediation(ces_archive *a, sqlite3_stmt *st, void *elem)
{
    ces_mediation_row *m = elem;
    int oom = 0;
    m->line = (long)sqlite3_column_int64(st, 0);
    m->code = arch_col_strdup(st, 1, &oom);
    m->needed = sqlite3_column_int64(st, 2);
    m->succeeded = sqlite3_column_int64(st, 3);
    return arch_oom_or_ok(a, oom);
}

static ces_status fill_deduction(ces_archive *a, sqlite3_stmt *st, void *elem)
{
    ces_deduction_row *d = elem;
    int oom = 0;
    d->line = (long)sqlite3_column_int64(st, 0);
    d->code = arch_col_strdup(st, 1, &oom);
    int ded = ces_ded_parse((const char *)sqlite3_column_text(st, 2));
    d->category = arch_col_strdup(st, 3, &oom);
    d->points = arch_col_double(st, 4);
    d->points_given = sqlite3_column_int(st, 5);
    d->date = sqlite3_column_int(st, 6);
    d->reference = arch_col_strdup(st, 7, &oom);
    d->description = arch_col_strdup(st, 8, &oom);
    if (ded < 0)
        return bad_value(a, "deduction indicator", st, 2);
    d->indicator = (ces_ded)ded;
    return arch_oom_or_ok(a, oom);
}

static ces_status fill_prior(ces_archive *a, sqlite3_stmt *st, void *elem)
{
    ces_prior_row *p = elem;
    int oom = 0;
    p->line = (long)sqlite3_column_int64(st, 0);
    p->code = arch_col_strdup(st, 1, &oom);
    p->total = sqlite3_column_int64(st, 2);
    p->premium_wan = arch_col_double(st, 3);
    return arch_oom_or_ok(a, oom);
}

#define COUNT_SQL(t) "SELECT count(*) FROM " t " WHERE import_id = ?2"
#define WHERE_SQL " WHERE import_id = ?2 ORDER BY seq"

static const arch_table COMPANIES = {
    COUNT_SQL("companies"),
    "SELECT line, code, name, grp, org_type, parent_code, open_date FROM companies" WHERE_SQL,
    sizeof(ces_company), fill_company, "import"};
static const arch_table COMPLAINTS = {
    COUNT_SQL("complaints"),
    "SELECT line, code, total, motor, nonmotor, withdrawn, transferred, on_time FROM complaints"
    WHERE_SQL, sizeof(ces_complaints_row), fill_complaints, "import"};
static const arch_table STATISTICS = {
    COUNT_SQL("statistics"),
    "SELECT line, code, premium_wan, motor_premium_wan, nonmotor_premium_wan, nonmotor_policies,"
    " prior_inforce_policies, new_policies, prior_inforce_persons, new_persons FROM statistics"
    WHERE_SQL, sizeof(ces_statistics_row), fill_statistics, "import"};
static const arch_table QUALITATIVE = {
    COUNT_SQL("qualitative_rows"),
    "SELECT line, code, note FROM qualitative_rows" WHERE_SQL,
    sizeof(ces_qualitative_row), fill_qualitative, "import"};
static const arch_table MEDIATION = {
    COUNT_SQL("mediation"),
    "SELECT line, code, needed, succeeded FROM mediation" WHERE_SQL,
    sizeof(ces_mediation_row), fill_mediation, "import"};
static const arch_table DEDUCTIONS = {
    COUNT_SQL("deductions"),
    "SELECT line, code, indicator, category, points, points_given, date, reference, description"
    " FROM deductions" WHERE_SQL, sizeof(ces_deduction_row), fill_deduction, "import"};
static const arch_table PRIOR = {
    COUNT_SQL("prior_rows"),
    "SELECT line, code, total, premium_wan FROM prior_rows" WHERE_SQL,
    sizeof(ces_prior_row), fill_prior, "import"};

/* What load_item needs besides the row. */
typedef struct {
    long import_id;
    ces_dataset *out;
} items_ctx;

/* One qualitative_items row: marks an item of an already loaded row. */
static ces_status load_item(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    items_ctx *x = ctx;
    sqlite3_int64 seq = sqlite3_column_int64(st, 0);
    int c = sqlite3_column_int(st, 1), k = sqlite3_column_int(st, 2);
    if (seq < 0 || (size_t)seq >= x->out->n_qualitative || c < 0 || c > 1 || k < 0 ||
        k >= CES_MAX_ITEMS)
        return arch_fail(a, CES_ERR_INTERNAL, "archive: qualitative item out of range in import %ld",
                         x->import_id);
    x->out->qualitative[seq].established[c][k] = (unsigned char)sqlite3_column_int(st, 3);
    return CES_OK;
}

/* The established items of every qualitative row of import_id. */
static ces_status load_items(ces_archive *a, long import_id, ces_dataset *out)
{
    items_ctx x = {import_id, out};
    return arch_each_row(a,
        "SELECT seq, checklist, item_index, established FROM qualitative_items"
        " WHERE import_id = ?2", NULL, import_id, load_item, &x);
}

ces_status arch_load_rows(ces_archive *a, long id, ces_dataset *out)
{
    ces_status st = CES_OK;
    out->companies = arch_load_array(a, &COMPANIES, NULL, id, &out->n_companies, &st);
    out->complaints = arch_load_array(a, &COMPLAINTS, NULL, id, &out->n_complaints, &st);
    out->statistics = arch_load_array(a, &STATISTICS, NULL, id, &out->n_statistics, &st);
    out->qualitative = arch_load_array(a, &QUALITATIVE, NULL, id, &out->n_qualitative, &st);
    if (st == CES_OK)
        st = load_items(a, id, out);
    out->mediation = arch_load_array(a, &MEDIATION, NULL, id, &out->n_mediation, &st);
    out->deductions = arch_load_array(a, &DEDUCTIONS, NULL, id, &out->n_deductions, &st);
    out->prior = arch_load_array(a, &PRIOR, NULL, id, &out->n_prior, &st);
    return st;
}
