/* Rank sensitivity and small_base (docs/method.md §13): each company's
 * total with one complaint fewer and one more, exactly as a run of the
 * changed inputs computes it, its benchmarks moved in O(log n) from the
 * peers' sorted values and sums (score_peers.c), its rank found on the
 * group's sorted totals: O(n log n) for a whole run. */
#include "score_derive.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "score_rank.h"
#include "score_rates.h"
#include "score_volume.h"

void sc_published_bench(const ces_published *pub, const ces_config *cfg, const sc_agg *a, sc_bench *b)
{
    const ces_group_result *g = &pub->groups[a->group];
    memset(b, 0, sizeof *b);
    for (int ind = 0; ind < CES_IND_COUNT; ind++) {
        double num, den;
        int mediation_industry = ind == CES_IND_MEDIATION &&
                                 cfg->ind[ind].benchmark_scope == CES_SCOPE_INDUSTRY;
        if (ces_ind_kind((ces_ind)ind) == CES_KIND_VOLUME) {
            if (ces_ind_group((ces_ind)ind) != (int)a->group)
                continue;
            sc_volume_inputs((ces_ind)ind, a, &num, &den);
        } else if (ind == CES_IND_WITHDRAWAL || ind == CES_IND_MEDIATION) {
            sc_rate_inputs((ces_ind)ind, a, &num, &den);
        } else {
            continue;
        }
        b->has[ind] = mediation_industry ? pub->has_industry_mediation : g->has_benchmark[ind];
        b->b[ind] = mediation_industry ? pub->industry_mediation : g->benchmark[ind];
        if (!b->has[ind] && den > 0) { /* the only company it applies to */
            b->has[ind] = 1;
            b->b[ind] = num / den;
        }
    }
}

/* docs/method.md §13: the complaint taken away (more = 0) or added. pc: of
 * the line with the larger premium (motor when motor premium > non-motor
 * premium, else non-motor); one taken away comes from the other line when
 * that line has none. Taking one away keeps withdrawn and transferred <=
 * total and on_time <= transferred. 0 when there is none to take away. */
static int variant(const sc_agg *a, int more, sc_agg *v, ces_line *line)
{
    double d = more ? 1 : -1;
    *v = *a;
    *line = CES_LINE_TOTAL;
    if (a->group == CES_GROUP_PC) {
        *line = a->motor_premium_wan > a->nonmotor_premium_wan ? CES_LINE_MOTOR : CES_LINE_NONMOTOR;
        if (!more && (*line == CES_LINE_MOTOR ? a->motor : a->nonmotor) < 1)
            *line = *line == CES_LINE_MOTOR ? CES_LINE_NONMOTOR : CES_LINE_MOTOR;
    }
    if (!more && a->total < 1)
        return 0;
    v->total += d;
    if (*line == CES_LINE_MOTOR)
        v->motor += d;
    else if (*line == CES_LINE_NONMOTOR)
        v->nonmotor += d;
    v->withdrawn = fmin(v->withdrawn, v->total);
    v->transferred = fmin(v->transferred, v->total);
    v->on_time = fmin(v->on_time, v->transferred);
    return 1;
}

/* Where one company stands: its group's board and its own entry on it. */
typedef struct {
    const sc_board *board;
    int has_own;
    double own;
} standing;

static void sensitivity(const sc_agg *a, int more, const sc_peers *peers, const ces_published *pub,
                        const ces_config *cfg, const standing *at, ces_sensitivity *s)
{
    sc_agg v;
    ces_line line;
    memset(s, 0, sizeof *s);
    s->exists = variant(a, more, &v, &line);
    s->line = line;
    if (!s->exists)
        return;
    sc_bench b;
    if (pub)
        sc_published_bench(pub, cfg, &v, &b);
    else
        sc_peers_bench_moved(peers, cfg, a, &v, &b);
    ces_company_result tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.group = a->group;
    sc_company(&v, cfg, &b, &tmp);
    s->total = tmp.total;
    s->rank = sc_board_rank(at->board, tmp.total, at->has_own, at->own);
}

static void small_base(const ces_config *cfg, ces_company_result *c)
{
    for (int ind = 0; ind < CES_IND_COUNT; ind++) {
        ces_ind_result *x = &c->ind[ind];
        x->small_base = ces_ind_kind((ces_ind)ind) == CES_KIND_VOLUME && x->present && x->applicable &&
                        x->denominator < cfg->ind[ind].small_base;
    }
}

/* r's companies by code, to find each company of the roll-up in r. */
typedef struct {
    const char *code;
    ces_company_result *c;
} by_code;

static int cmp_by_code(const void *pa, const void *pb)
{
    return strcmp(((const by_code *)pa)->code, ((const by_code *)pb)->code);
}

static ces_company_result *find(const by_code *index, size_t n, const char *code)
{
    by_code key = {code, NULL};
    const by_code *hit = bsearch(&key, index, n, sizeof *index, cmp_by_code);
    return hit ? hit->c : NULL;
}

static const ces_published_entry *published_entry(const ces_published *pub, const char *code)
{
    for (size_t i = 0; i < pub->n_ranking; i++)
        if (pub->ranking[i].code && !strcmp(pub->ranking[i].code, code))
            return &pub->ranking[i];
    return NULL;
}

static ces_status derive_all(const ces_dataset *ds, const sc_rollup *ru, const sc_peers *peers,
                             const ces_published *pub, const ces_config *cfg, const by_code *index,
                             const sc_board *boards, ces_results *r)
{
    for (size_t i = 0; i < ru->n; i++) {
        const sc_agg *a = &ru->agg[i];
        ces_company_result *c = find(index, r->n_companies, ds->companies[a->company].code);
        if (!c || c->group != a->group)
            return CES_ERR_INVALID;
        standing at = {&boards[a->group], 1, c->total};
        if (pub) { /* a self-check's bundle is small: a linear search is enough */
            const ces_published_entry *e = published_entry(pub, c->code);
            at.has_own = e && e->group == c->group;
            at.own = e ? e->total : 0;
        }
        sensitivity(a, 0, peers, pub, cfg, &at, &c->fewer);
        sensitivity(a, 1, peers, pub, cfg, &at, &c->more);
        small_base(cfg, c);
    }
    r->derived = 1;
    return CES_OK;
}

ces_status sc_derive(const ces_dataset *ds, const sc_rollup *ru, const sc_peers *peers,
                     const ces_published *pub, const ces_config *cfg, ces_results *r)
{
    sc_board boards[CES_GROUP_COUNT];
    memset(boards, 0, sizeof boards);
    by_code *index = malloc((r->n_companies ? r->n_companies : 1) * sizeof *index);
    ces_status st = index ? CES_OK : CES_ERR_NOMEM;
    for (int g = 0; g < CES_GROUP_COUNT && st == CES_OK; g++)
        st = pub ? sc_board_of_published(pub, (ces_group)g, &boards[g])
                 : sc_board_of_results(r, (ces_group)g, &boards[g]);
    if (st == CES_OK) {
        for (size_t i = 0; i < r->n_companies; i++)
            index[i] = (by_code){r->companies[i].code ? r->companies[i].code : "", &r->companies[i]};
        qsort(index, r->n_companies, sizeof *index, cmp_by_code);
        st = derive_all(ds, ru, peers, pub, cfg, index, boards, r);
    }
    for (int g = 0; g < CES_GROUP_COUNT; g++)
        sc_board_free(&boards[g]);
    free(index);
    return st;
}
