/* ces_score and its variants (score.h): pure functions of (dataset, config,
 * prior figures or published figures) -> results. */
#include <stdlib.h>
#include <string.h>

#include "score_cases.h"
#include "score_company.h"
#include "score_derive.h"
#include "score_engine.h"
#include "score_peers.h"
#include "score_rank.h"
#include "score_rollup.h"

/* The children rolled up into a scored company move into its result. */
static void take_children(sc_agg *a, ces_company_result *c)
{
    c->children = a->children;
    c->n_children = a->n_children;
    a->children = NULL;
    a->n_children = 0;
}

/* One result per scored company, in ru order. */
static ces_status init_companies(const ces_dataset *ds, sc_rollup *ru, ces_results *out)
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

/* The bureau's run: benchmarks over the peer set, ranks among the scored. */
static ces_status run(const ces_dataset *ds, const ces_config *cfg, sc_rollup *ru, ces_results *out)
{
    sc_peers peers;
    sc_bench bench[CES_GROUP_COUNT];
    ces_status st = init_companies(ds, ru, out);
    if (st != CES_OK || (st = sc_peers_build(ru, &peers)) != CES_OK)
        return st;
    sc_peers_publish(&peers, cfg, out);
    for (int g = 0; g < CES_GROUP_COUNT; g++)
        sc_peers_bench(&peers, cfg, (ces_group)g, &bench[g]);
    for (size_t i = 0; i < ru->n; i++)
        sc_company(&ru->agg[i], cfg, &bench[ru->agg[i].group], &out->companies[i]);
    sc_rank(cfg, out);
    /* the derived figures from the same roll-up and peers, which
     * ces_score_derive would build again */
    st = sc_derive(ds, ru, &peers, NULL, cfg, out);
    sc_peers_free(&peers);
    return st == CES_OK ? sc_cases(ds, cfg, ru, out) : st;
}

/* A self-check: published benchmarks, ranks among the published totals. */
static ces_status run_published(const ces_dataset *ds, const ces_config *cfg, const ces_published *pub,
                                sc_rollup *ru, ces_results *out)
{
    sc_board boards[CES_GROUP_COUNT];
    memset(boards, 0, sizeof boards);
    ces_status st = init_companies(ds, ru, out);
    for (int g = 0; g < CES_GROUP_COUNT && st == CES_OK; g++)
        st = sc_board_of_published(pub, (ces_group)g, &boards[g]);
    memcpy(out->groups, pub->groups, sizeof out->groups);
    out->has_industry_mediation = pub->has_industry_mediation;
    out->industry_mediation = pub->industry_mediation;
    for (size_t i = 0; i < ru->n && st == CES_OK; i++) {
        ces_company_result *c = &out->companies[i];
        sc_bench b;
        sc_published_bench(pub, cfg, &ru->agg[i], &b);
        sc_company(&ru->agg[i], cfg, &b, c);
        int has_own = 0;
        double own = 0;
        for (size_t k = 0; k < pub->n_ranking && !has_own; k++)
            if (pub->ranking[k].code && !strcmp(pub->ranking[k].code, c->code) &&
                pub->ranking[k].group == c->group) {
                has_own = 1;
                own = pub->ranking[k].total;
            }
        c->rank = sc_board_rank(&boards[c->group], c->total, has_own, own);
    }
    for (int g = 0; g < CES_GROUP_COUNT; g++)
        sc_board_free(&boards[g]);
    if (st == CES_OK) {
        sc_sort(out);
        st = sc_derive(ds, ru, NULL, pub, cfg, out);
    }
    return st == CES_OK ? sc_cases(ds, cfg, ru, out) : st;
}

/* Both modes: check, roll up, score; out is emptied on failure. */
static ces_status score(const ces_dataset *ds, const ces_config *cfg, const ces_prior_archive *archive,
                        const ces_published *pub, ces_results *out)
{
    sc_rollup ru;
    ces_status st;

    if (!out)
        return CES_ERR_INTERNAL;
    memset(out, 0, sizeof *out);
    if (!ds || !cfg)
        return CES_ERR_INTERNAL;
    if ((st = sc_check_methods(cfg)) != CES_OK)
        return st;
    out->period = ds->period;
    st = sc_rollup_build(ds, cfg, archive, &ru);
    if (st != CES_OK)
        return st;
    move_rollup_info(&ru, out);
    st = pub ? run_published(ds, cfg, pub, &ru, out) : run(ds, cfg, &ru, out);
    sc_rollup_free(&ru);
    if (st != CES_OK)
        ces_results_free(out);
    return st;
}

ces_status ces_score(const ces_dataset *ds, const ces_config *cfg, const ces_prior_archive *archive,
                     ces_results *out)
{
    return score(ds, cfg, archive, NULL, out);
}

ces_status ces_score_published(const ces_dataset *ds, const ces_config *cfg, const ces_published *pub,
                               ces_results *out)
{
    if (!pub)
        return CES_ERR_INTERNAL;
    return score(ds, cfg, NULL, pub, out);
}

ces_status ces_score_derive(const ces_dataset *ds, const ces_config *cfg,
                            const ces_prior_archive *archive, ces_results *r)
{
    sc_rollup ru;
    sc_peers peers;
    if (!ds || !cfg || !r)
        return CES_ERR_INTERNAL;
    ces_status st = sc_check_methods(cfg);
    if (st != CES_OK || (st = sc_rollup_build(ds, cfg, archive, &ru)) != CES_OK)
        return st;
    st = sc_peers_build(&ru, &peers);
    if (st == CES_OK) {
        st = sc_derive(ds, &ru, &peers, NULL, cfg, r);
        sc_peers_free(&peers);
    }
    sc_rollup_free(&ru);
    return st;
}
