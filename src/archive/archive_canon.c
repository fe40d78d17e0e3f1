/* archive: canonical serialisation of imports and runs, and the hash chain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive_canon.h"
#include "archive_db.h"
#include "archive_schema.h"

#include "cescore/sha256.h"

/* ---- imports ---- */

static void canon_files(ces_buf *b, const ces_dataset *ds)
{
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        const ces_input_file *f = &ds->files[k];
        if (!f->present)
            continue;
        ces_buf_raw(b, "file", 4);
        ces_buf_str(b, "kind", arch_file_kind_id((ces_file_kind)k));
        ces_buf_str(b, "name", ces_file_name((ces_file_kind)k));
        ces_buf_str(b, "sha256", f->sha256);
        ces_buf_str(b, "encoding", f->encoding);
        ces_buf_int(b, "rows", (long long)f->rows);
        ces_buf_raw(b, "\n", 1);
    }
}

static void row_head(ces_buf *b, const char *what, size_t seq, long line, const char *code)
{
    ces_buf_raw(b, what, strlen(what));
    ces_buf_int(b, "seq", (long long)seq);
    ces_buf_int(b, "line", line);
    ces_buf_str(b, "code", code);
}

static void canon_companies(ces_buf *b, const ces_dataset *ds)
{
    for (size_t i = 0; i < ds->n_companies; i++) {
        const ces_company *c = &ds->companies[i];
        row_head(b, "company", i, c->line, c->code);
        ces_buf_str(b, "name", c->name);
        ces_buf_str(b, "group", ces_group_id(c->group));
        ces_buf_str(b, "org_type", ces_org_type_id(c->org_type));
        ces_buf_str(b, "parent_code", c->parent_code);
        ces_buf_int(b, "open_date", c->open_date);
        ces_buf_raw(b, "\n", 1);
    }
    for (size_t i = 0; i < ds->n_complaints; i++) {
        const ces_complaints_row *c = &ds->complaints[i];
        row_head(b, "complaints", i, c->line, c->code);
        ces_buf_int(b, "total", c->total);
        ces_buf_int(b, "motor", c->motor);
        ces_buf_int(b, "nonmotor", c->nonmotor);
        ces_buf_int(b, "withdrawn", c->withdrawn);
        ces_buf_int(b, "transferred", c->transferred);
        ces_buf_int(b, "on_time", c->on_time);
        ces_buf_raw(b, "\n", 1);
    }
}

static void canon_statistics(ces_buf *b, const ces_dataset *ds)
{
    for (size_t i = 0; i < ds->n_statistics; i++) {
        const ces_statistics_row *s = &ds->statistics[i];
        row_head(b, "statistics", i, s->line, s->code);
        ces_buf_dbl(b, "premium_wan", s->premium_wan);
        ces_buf_dbl(b, "motor_premium_wan", s->motor_premium_wan);
        ces_buf_dbl(b, "nonmotor_premium_wan", s->nonmotor_premium_wan);
        ces_buf_int(b, "nonmotor_policies", s->nonmotor_policies);
        ces_buf_int(b, "prior_inforce_policies", s->prior_inforce_policies);
        ces_buf_int(b, "new_policies", s->new_policies);
        ces_buf_int(b, "prior_inforce_persons", s->prior_inforce_persons);
        ces_buf_int(b, "new_persons", s->new_persons);
        ces_buf_raw(b, "\n", 1);
    }
}

static void canon_qualitative(ces_buf *b, const ces_dataset *ds)
{
    for (size_t i = 0; i < ds->n_qualitative; i++) {
        const ces_qualitative_row *q = &ds->qualitative[i];
        row_head(b, "qualitative", i, q->line, q->code);
        ces_buf_str(b, "note", q->note);
        for (int c = 0; c < 2; c++)
            for (int k = 0; k < CES_MAX_ITEMS; k++)
                if (q->established[c][k])
                    ces_buf_printf(b, " item=%d:%d:%u", c, k, q->established[c][k]);
        ces_buf_raw(b, "\n", 1);
    }
}

static void canon_other_rows(ces_buf *b, const ces_dataset *ds)
{
    for (size_t i = 0; i < ds->n_mediation; i++) {
        const ces_mediation_row *m = &ds->mediation[i];
        row_head(b, "mediation", i, m->line, m->code);
        ces_buf_int(b, "needed", m->needed);
        ces_buf_int(b, "succeeded", m->succeeded);
        ces_buf_raw(b, "\n", 1);
    }
    for (size_t i = 0; i < ds->n_deductions; i++) {
        const ces_deduction_row *d = &ds->deductions[i];
        row_head(b, "deduction", i, d->line, d->code);
        ces_buf_str(b, "indicator", ces_ded_id(d->indicator));
        ces_buf_str(b, "category", d->category);
        ces_buf_dbl(b, "points", d->points);
        ces_buf_int(b, "points_given", d->points_given);
        ces_buf_int(b, "date", d->date);
        ces_buf_str(b, "reference", d->reference);
        ces_buf_str(b, "description", d->description);
        ces_buf_raw(b, "\n", 1);
    }
    for (size_t i = 0; i < ds->n_prior; i++) {
        const ces_prior_row *p = &ds->prior[i];
        row_head(b, "prior", i, p->line, p->code);
        ces_buf_int(b, "total", p->total);
        ces_buf_dbl(b, "premium_wan", p->premium_wan);
        ces_buf_raw(b, "\n", 1);
    }
}

void arch_canon_import(ces_buf *b, const arch_import_meta *m, const ces_dataset *ds)
{
    ces_buf_raw(b, "cescore-import 1\n", 17);
    ces_buf_raw(b, "import", 6);
    ces_buf_int(b, "id", m->id);
    ces_buf_str(b, "period", m->period);
    ces_buf_int(b, "version", m->version);
    ces_buf_str(b, "time", m->time);
    ces_buf_str(b, "operator", m->operator_name);
    ces_buf_raw(b, "\n", 1);
    canon_files(b, ds);
    canon_companies(b, ds);
    canon_statistics(b, ds);
    canon_qualitative(b, ds);
    canon_other_rows(b, ds);
}

/* ---- runs ---- */

static void canon_run_head(ces_buf *b, const arch_run_meta *m, const ces_results *r)
{
    ces_buf_raw(b, "cescore-run 1\n", 14);
    ces_buf_raw(b, "run", 3);
    ces_buf_int(b, "id", m->id);
    ces_buf_int(b, "import_id", m->import_id);
    ces_buf_str(b, "period", m->period);
    ces_buf_str(b, "time", m->time);
    ces_buf_str(b, "operator", m->operator_name);
    ces_buf_str(b, "engine_version", m->engine_version);
    ces_buf_str(b, "config_name", m->config_name);
    ces_buf_str(b, "config_sha256", m->config_sha256);
    ces_buf_raw(b, "\nprior", 6);
    ces_buf_str(b, "source", ces_prior_source_id(r->prior_source));
    ces_buf_int(b, "run_id", r->prior_run_id);
    ces_buf_str(b, "period", r->prior_period);
    ces_buf_raw(b, "\nindustry", 9);
    if (r->has_industry_mediation)
        ces_buf_dbl(b, "mediation", r->industry_mediation);
    else
        ces_buf_str(b, "mediation", NULL);
    ces_buf_raw(b, "\n", 1);
}

static void canon_groups(ces_buf *b, const ces_results *r)
{
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        const ces_group_result *gr = &r->groups[g];
        ces_buf_raw(b, "group", 5);
        ces_buf_str(b, "group", ces_group_id((ces_group)g));
        ces_buf_int(b, "count", gr->count);
        ces_buf_dbl(b, "average_total", gr->average_total);
        ces_buf_int(b, "below_average", gr->below_average);
        ces_buf_raw(b, "\n", 1);
        for (int i = 0; i < CES_IND_COUNT; i++) {
            ces_buf_raw(b, "benchmark", 9);
            ces_buf_str(b, "indicator", ces_ind_id((ces_ind)i));
            ces_buf_int(b, "has", gr->has_benchmark[i]);
            ces_buf_dbl(b, "value", gr->benchmark[i]);
            ces_buf_raw(b, "\n", 1);
        }
    }
}

static void canon_indicator(ces_buf *b, ces_ind i, const ces_ind_result *x)
{
    ces_buf_raw(b, "indicator", 9);
    ces_buf_str(b, "id", ces_ind_id(i));
    ces_buf_int(b, "present", x->present);
    ces_buf_int(b, "applicable", x->applicable);
    ces_buf_int(b, "has_value", x->has_value);
    ces_buf_int(b, "value_inf", x->value_inf);
    ces_buf_int(b, "has_benchmark", x->has_benchmark);
    ces_buf_int(b, "has_current", x->has_current);
    ces_buf_int(b, "has_prior", x->has_prior);
    ces_buf_dbl(b, "numerator", x->numerator);
    ces_buf_dbl(b, "denominator", x->denominator);
    ces_buf_dbl(b, "value", x->value);
    ces_buf_dbl(b, "benchmark", x->benchmark);
    ces_buf_dbl(b, "current", x->current);
    ces_buf_dbl(b, "prior", x->prior);
    ces_buf_dbl(b, "raw", x->raw);
    ces_buf_dbl(b, "weight", x->weight);
    ces_buf_dbl(b, "effective_weight", x->effective_weight);
    ces_buf_dbl(b, "points", x->points);
    ces_buf_dbl(b, "max", x->max);
    ces_buf_dbl(b, "score", x->score);
    ces_buf_int(b, "missing", x->missing);
    ces_buf_raw(b, "\n", 1);
}

/* The start of a line about a run's company: what, its position, its code. */
static void pos_head(ces_buf *b, const char *what, size_t pos, const char *code)
{
    ces_buf_raw(b, what, strlen(what));
    ces_buf_int(b, "position", (long long)pos);
    ces_buf_str(b, "code", code);
}

static void canon_company(ces_buf *b, size_t pos, const ces_company_result *c)
{
    pos_head(b, "company", pos, c->code);
    ces_buf_str(b, "name", c->name);
    ces_buf_str(b, "group", ces_group_id(c->group));
    ces_buf_int(b, "rank", c->rank);
    ces_buf_dbl(b, "total", c->total);
    ces_buf_dbl(b, "qualitative", c->qualitative);
    ces_buf_dbl(b, "quantitative", c->quantitative);
    ces_buf_dbl(b, "volume_block", c->volume_block);
    ces_buf_int(b, "flags", c->flags);
    ces_buf_dbl(b, "complaints_total", c->complaints_total);
    ces_buf_dbl(b, "premium_wan", c->premium_wan);
    ces_buf_raw(b, "\n", 1);
    for (size_t k = 0; k < c->n_children; k++) {
        pos_head(b, "child", k, c->children[k]);
        ces_buf_raw(b, "\n", 1);
    }
    for (int i = 0; i < CES_IND_COUNT; i++)
        canon_indicator(b, (ces_ind)i, &c->ind[i]);
}

void arch_canon_run(ces_buf *b, const arch_run_meta *m, const ces_results *r)
{
    canon_run_head(b, m, r);
    canon_groups(b, r);
    for (size_t i = 0; i < r->n_companies; i++)
        canon_company(b, i, &r->companies[i]);
    for (size_t i = 0; i < r->n_excluded; i++) {
        const ces_excluded *e = &r->excluded[i];
        pos_head(b, "excluded", i, e->code);
        ces_buf_str(b, "name", e->name);
        ces_buf_str(b, "group", ces_group_id(e->group));
        ces_buf_str(b, "reason", ces_excl_reason_id(e->reason));
        ces_buf_str(b, "into", e->into);
        ces_buf_raw(b, "\n", 1);
    }
}

/* ---- reviews and finalizations ---- */

void arch_canon_review(ces_buf *b, const arch_review_meta *m)
{
    ces_buf_raw(b, "cescore-review 1\nreview", 23);
    ces_buf_int(b, "id", m->id);
    ces_buf_int(b, "run_id", m->run_id);
    ces_buf_str(b, "period", m->period);
    ces_buf_str(b, "operator", m->operator_name);
    ces_buf_str(b, "time", m->time);
    ces_buf_str(b, "engine_version", m->engine_version);
    ces_buf_str(b, "outcome", m->outcome);
    ces_buf_str(b, "run_hash", m->run_hash);
    ces_buf_raw(b, "\n", 1);
}

void arch_canon_finalization(ces_buf *b, const arch_finalization_meta *m)
{
    ces_buf_raw(b, "cescore-finalization 1\nfinalization", 35);
    ces_buf_int(b, "id", m->id);
    ces_buf_int(b, "run_id", m->run_id);
    if (m->review_id)
        ces_buf_int(b, "review_id", m->review_id);
    else
        ces_buf_str(b, "review_id", NULL);
    ces_buf_str(b, "period", m->period);
    ces_buf_str(b, "operator", m->operator_name);
    ces_buf_str(b, "time", m->time);
    ces_buf_str(b, "run_hash", m->run_hash);
    ces_buf_raw(b, "\n", 1);
}

/* ---- chain ---- */

void arch_chain_hash(const char *prev_hash, const ces_buf *text, char out[65])
{
    ces_buf all = {0};
    ces_buf_raw(&all, prev_hash, strlen(prev_hash));
    if (text->len)
        ces_buf_raw(&all, text->p, text->len);
    if (all.oom) {
        out[0] = '\0';
    } else {
        ces_sha256_hex(all.p, all.len, out);
    }
    ces_buf_free(&all);
}

/* Where arch_chain_next writes the last entry's position + 1 and hash. */
typedef struct {
    long *pos;
    char *prev_hash;
} chain_head;

/* arch_row_fn: the last chain row into the chain_head ctx */
static ces_status read_chain_head(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    chain_head *h = ctx;
    (void)a;
    *h->pos = (long)sqlite3_column_int64(st, 0) + 1;
    arch_col_copy(st, 1, h->prev_hash, 65);
    return CES_OK;
}

ces_status arch_chain_next(ces_archive *a, long *pos, char prev_hash[65])
{
    chain_head h = {pos, prev_hash};
    int found;
    ces_status res = arch_query_row(a,
        "SELECT chain_pos, hash FROM chain ORDER BY chain_pos DESC LIMIT 1", NULL, 0,
        read_chain_head, &h, &found);
    if (res == CES_OK && !found) {
        *pos = 1;
        snprintf(prev_hash, 65, "%s", ARCH_GENESIS_HASH);
    }
    return res;
}

ces_status arch_chain_reserve(ces_archive *a, const char *next_id_sql, long *id, long *pos,
                              char prev_hash[65])
{
    ces_status st = arch_query_long(a, next_id_sql, NULL, 0, 1, id);
    return st == CES_OK ? arch_chain_next(a, pos, prev_hash) : st;
}

ces_status arch_chain_seal(ces_archive *a, ces_buf *text, const char *prev_hash, char hash[65])
{
    if (text->oom) {
        ces_buf_free(text);
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    }
    arch_chain_hash(prev_hash, text, hash);
    ces_buf_free(text);
    return CES_OK;
}
