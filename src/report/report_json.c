/* The results JSON of docs/outputs.md: a stable contract read by other parties'
 * scripts. Built with cJSON, whose number printing round-trips doubles. */
#include "cescore/report.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/version.h"
#include "cescore/file.h"

/* A JSON number that reads back as exactly v: the shortest of %.15g, %.16g,
 * %.17g that round-trips. (cJSON's own printer accepts 15 digits when they
 * come back within an epsilon, which can lose the last bit of a value.) */
static void add_num(cJSON *o, const char *key, double v)
{
    if (!isfinite(v)) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    if (v == 0)
        v = 0; /* no "-0" */
    char buf[32];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    cJSON_AddRawToObject(o, key, buf);
}

static void add_num_or_null(cJSON *o, const char *key, int has, double v)
{
    if (has)
        add_num(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

static cJSON *flags_json(unsigned flags)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < CES_FLAG_COUNT; i++)
        if (flags & (1u << i))
            cJSON_AddItemToArray(a, cJSON_CreateString(ces_flag_id(1u << i)));
    return a;
}

static cJSON *indicator_json(const ces_config *cfg, ces_ind id, const ces_ind_result *r)
{
    cJSON *o = cJSON_CreateObject();
    switch (ces_ind_kind(id)) {
    case CES_KIND_CHECKLIST: {
        cJSON *missing = cJSON_AddArrayToObject(o, "missing_items");
        const ces_cfg_indicator *ci = &cfg->ind[id];
        for (size_t i = 0; i < ci->n_items; i++)
            if (r->missing & (1u << i))
                cJSON_AddItemToArray(missing, cJSON_CreateString(ci->items[i].id));
        add_num(o, "max", r->max);
        break;
    }
    case CES_KIND_DEDUCTION:
        add_num(o, "points", r->points);
        add_num(o, "cap", r->max);
        break;
    case CES_KIND_VOLUME:
        cJSON_AddBoolToObject(o, "applicable", r->applicable);
        add_num(o, "numerator", r->numerator);
        add_num(o, "denominator", r->denominator);
        add_num_or_null(o, "value", r->has_value, r->value);
        add_num_or_null(o, "benchmark", r->has_benchmark, r->benchmark);
        add_num_or_null(o, "raw", r->applicable, r->raw);
        add_num(o, "weight", r->weight);
        add_num(o, "effective_weight", r->effective_weight);
        break;
    case CES_KIND_CHANGE:
        add_num_or_null(o, "current", r->has_current, r->current);
        add_num_or_null(o, "prior", r->has_prior, r->prior);
        add_num_or_null(o, "value", r->has_value && !r->value_inf, r->value);
        if (r->value_inf)
            cJSON_AddBoolToObject(o, "value_infinite", 1);
        break;
    case CES_KIND_RATE:
        add_num(o, "numerator", r->numerator);
        add_num(o, "denominator", r->denominator);
        add_num_or_null(o, "value", r->has_value, r->value);
        if (id != CES_IND_TIMELINESS)
            add_num_or_null(o, "benchmark", r->has_benchmark, r->benchmark);
        break;
    }
    add_num(o, "score", r->score);
    return o;
}

static cJSON *company_json(const ces_config *cfg, const ces_company_result *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "code", c->code);
    cJSON_AddStringToObject(o, "name", c->name);
    cJSON_AddStringToObject(o, "group", ces_group_id(c->group));
    add_num(o, "rank", c->rank);
    add_num(o, "total", c->total);
    add_num(o, "qualitative", c->qualitative);
    add_num(o, "quantitative", c->quantitative);
    add_num(o, "volume_block", c->volume_block);
    cJSON_AddItemToObject(o, "flags", flags_json(c->flags));
    cJSON *kids = cJSON_AddArrayToObject(o, "rolled_up");
    for (size_t i = 0; i < c->n_children; i++)
        cJSON_AddItemToArray(kids, cJSON_CreateString(c->children[i]));
    cJSON *inds = cJSON_AddObjectToObject(o, "indicators");
    for (int i = 0; i < CES_IND_COUNT; i++)
        if (c->ind[i].present)
            cJSON_AddItemToObject(inds, ces_ind_id((ces_ind)i), indicator_json(cfg, (ces_ind)i, &c->ind[i]));
    return o;
}

static cJSON *groups_json(const ces_results *r)
{
    cJSON *groups = cJSON_CreateObject();
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        const ces_group_result *gr = &r->groups[g];
        cJSON *o = cJSON_AddObjectToObject(groups, ces_group_id((ces_group)g));
        add_num(o, "count", gr->count);
        add_num(o, "average_total", gr->average_total);
        add_num(o, "below_average", gr->below_average);
        cJSON *b = cJSON_AddObjectToObject(o, "benchmarks");
        for (int i = 0; i < CES_IND_COUNT; i++)
            if (gr->has_benchmark[i])
                add_num(b, ces_ind_id((ces_ind)i), gr->benchmark[i]);
    }
    return groups;
}

static cJSON *excluded_json(const ces_results *r)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < r->n_excluded; i++) {
        const ces_excluded *e = &r->excluded[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "code", e->code);
        cJSON_AddStringToObject(o, "name", e->name);
        cJSON_AddStringToObject(o, "group", ces_group_id(e->group));
        cJSON_AddStringToObject(o, "reason", ces_excl_reason_id(e->reason));
        if (e->into)
            cJSON_AddStringToObject(o, "into", e->into);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

char *ces_report_json_string(const ces_report_ctx *ctx)
{
    const ces_results *r = ctx->results;
    char period[8];
    ces_period_format(r->period, period);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "period", period);
    cJSON_AddStringToObject(root, "engine_version",
                            ctx->engine_version ? ctx->engine_version : CES_ENGINE_VERSION);
    cJSON *cfg = cJSON_AddObjectToObject(root, "config");
    cJSON_AddStringToObject(cfg, "name", ctx->cfg->name);
    cJSON_AddStringToObject(cfg, "sha256", ctx->cfg->sha256);
    add_num(root, "run_id", (double)ctx->run_id);
    if (ctx->run_time)
        cJSON_AddStringToObject(root, "run_time", ctx->run_time);
    cJSON *prior = cJSON_AddObjectToObject(root, "prior");
    cJSON_AddStringToObject(prior, "period", r->prior_period);
    cJSON_AddStringToObject(prior, "source", ces_prior_source_id(r->prior_source));
    if (r->prior_source == CES_PRIOR_SOURCE_ARCHIVE)
        add_num(prior, "run_id", (double)r->prior_run_id);
    cJSON_AddItemToObject(root, "groups", groups_json(r));
    cJSON *industry = cJSON_AddObjectToObject(root, "industry");
    add_num_or_null(industry, "quant.mediation", r->has_industry_mediation, r->industry_mediation);
    cJSON *companies = cJSON_AddArrayToObject(root, "companies");
    for (size_t i = 0; i < r->n_companies; i++)
        cJSON_AddItemToArray(companies, company_json(ctx->cfg, &r->companies[i]));
    cJSON_AddItemToObject(root, "excluded", excluded_json(r));

    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return NULL;
    size_t n = strlen(text);
    char *out = malloc(n + 2);
    if (out) {
        memcpy(out, text, n);
        out[n] = '\n';
        out[n + 1] = '\0';
    }
    cJSON_free(text);
    return out;
}

ces_status ces_report_json(const ces_report_ctx *ctx, const char *path, ces_diags *d)
{
    char *text = ces_report_json_string(ctx);
    if (!text) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: out of memory while building the results JSON", path);
        return CES_ERR_NOMEM;
    }
    ces_status st = ces_write_file_atomic(path, text, strlen(text), d);
    free(text);
    return st;
}
