/* ces_score: a pure function of (dataset, config, prior figures) -> results. */
#include <stdlib.h>
#include <string.h>

#include "score_cases.h"
#include "score_deduct.h"
#include "score_engine.h"
#include "score_rank.h"
#include "score_rates.h"
#include "score_rollup.h"
#include "score_volume.h"

/* Which indicators the company has (those of its group and of both). */
static void init_indicators(const ces_config *cfg, ces_company_result *c)
{
    for (int ind = 0; ind < CES_IND_COUNT; ind++) {
        int g = ces_ind_group((ces_ind)ind);
        ces_ind_result *r = &c->ind[ind];
        r->present = g < 0 || g == (int)c->group;
        r->applicable = r->present;
        r->max = r->present ? cfg->ind[ind].max : 0;
    }
}

/* The children rolled up into a scored company move into its result. */
static void take_children(sc_agg *a, ces_company_result *c)
{
    c->children = a->children;
    c->n_children = a->n_children;
    a->children = NULL;
    a->n_children = 0;
}

/* One result per scored company, in ru order. */
static ces_status init_companies(const ces_dataset *ds, const ces_config *cfg, sc_rollup *ru,
                                 ces_results *out)
{
    out->companies = calloc(ru->n ? ru->n : 1, sizeof *out->companies);
    if (!out->companies)
        return CES_ERR_NOMEM;
    out->n_companies = ru->n;
    for (size_t i = 0; i < ru->n; i++) {
        sc_agg *a = &ru->agg[i];
        const ces_company *co = &ds->companies[a->company];
        ces_company_result *c = &out->companies[i];
        c->code = strdup(co->code);
        c->name = strdup(co->name ? co->name : "");
        if (!c->code || !c->name)
            return CES_ERR_NOMEM;
        c->group = a->group;
        c->complaints_total = a->total;
        c->premium_wan = a->premium_wan;
        take_children(a, c);
        init_indicators(cfg, c);
    }
    return CES_OK;
}

static void move_rollup_info(sc_rollup *ru, ces_results *out)
{
    out->excluded = ru->excluded;
    out->n_excluded = ru->n_excluded;
    ru->excluded = NULL;
    ru->n_excluded = 0;
    out->prior_source = ru->prior_source;
    out->prior_run_id = ru->prior_run_id;
    memcpy(out->prior_period, ru->prior_period, sizeof out->prior_period);
}

static ces_status run(const ces_dataset *ds, const ces_config *cfg, sc_rollup *ru, ces_results *out)
{
    ces_status st;
    move_rollup_info(ru, out);
    if ((st = init_companies(ds, cfg, ru, out)) != CES_OK || (st = sc_volume(ru, cfg, out)) != CES_OK ||
        (st = sc_rates(ru, cfg, out)) != CES_OK || (st = sc_deduct(ru, cfg, out)) != CES_OK)
        return st;
    sc_totals(cfg, out);
    sc_rank(cfg, out);
    return sc_cases(ds, cfg, ru, out);
}

ces_status ces_score(const ces_dataset *ds, const ces_config *cfg, const ces_prior_archive *archive,
                     ces_results *out)
{
    sc_rollup ru;
    ces_status st;

    if (!out)
        return CES_ERR_INTERNAL;
    memset(out, 0, sizeof *out);
    if (!ds || !cfg)
        return CES_ERR_INTERNAL;
    out->period = ds->period;
    st = sc_rollup_build(ds, cfg, archive, &ru);
    if (st != CES_OK)
        return st;
    st = run(ds, cfg, &ru, out);
    sc_rollup_free(&ru);
    if (st != CES_OK)
        ces_results_free(out);
    return st;
}
