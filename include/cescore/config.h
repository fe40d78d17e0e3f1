/* The scoring method in force: every weight, cap, item deduction, category's
 * points, method name and parameter of docs/method.md, read from
 * config/shanghai-2018.json (or a copy). The indicator set itself is fixed
 * (model.h); the config gives its numbers. */
#ifndef CESCORE_CONFIG_H
#define CESCORE_CONFIG_H

#include <stddef.h>
#include "cescore/calendar.h"
#include "cescore/diag.h"
#include "cescore/model.h"
#include "cescore/period.h"
#include "cescore/status.h"

#define CES_MAX_ITEMS 32 /* checklist items or deduction categories per indicator */
#define CES_NAME_LEN 160
#define CES_DEFAULT_RESPONSE_WORKING_DAYS 15 /* docs/method.md §6.6 */
#define CES_DEFAULT_ANALYSIS_HALF_YEAR 25
#define CES_DEFAULT_ANALYSIS_YEAR 50
/* plausibility.premium_factor when a config does not give it (docs/inputs.md §6) */
#define CES_DEFAULT_PREMIUM_FACTOR 1000
/* The largest scoring config or header-alias file read (a bigger one is
 * refused before it is parsed). */
#define CES_CONFIG_MAX_BYTES ((size_t)1 << 20)

typedef enum {
    CES_METHOD_CHECKLIST = 0,     /* "checklist": max - sum(deduction of items not established), >= 0 */
    CES_METHOD_CAPPED_SUM,        /* "capped_sum": min(cap, sum of points) */
    CES_METHOD_MEDIAN_SCALED,     /* "median_scaled": docs/method.md §6.1 */
    CES_METHOD_LINEAR_CHANGE,     /* "linear_change": docs/method.md §6.2 */
    CES_METHOD_RATIO,             /* "ratio": max * numerator/denominator (§6.3) */
    CES_METHOD_RATIO_TO_BENCHMARK /* "ratio_to_benchmark": max * min(1, r / B) (§6.4, §6.5) */
} ces_method;

typedef enum {
    CES_SCOPE_PEER = 0, /* "peer": pooled over the peer set (§6.4) */
    CES_SCOPE_INDUSTRY  /* "industry": pooled over all eligible companies of both groups (§6.5) */
} ces_scope;

typedef struct {
    char id[64];           /* "sys_handling_rules" / "late_report" */
    char zh[CES_NAME_LEN]; /* "投诉处理工作制度" */
    char en[CES_NAME_LEN];
    double points; /* deduction when not established / category points */
} ces_cfg_item;

typedef struct {
    ces_ind ind;
    char zh[CES_NAME_LEN]; /* "车险亿元保费投诉量" */
    char en[CES_NAME_LEN];
    double max; /* max points, or the cap of a deduction */
    ces_method method;
    char method_name[48];
    /* method parameters (only those of the method are meaningful) */
    double zero_at_multiple;       /* median_scaled: k */
    double small_base;             /* median_scaled, optional: a denominator > 0 below it is
                                      flagged small_base (docs/method.md §13); 0 = none */
    double c_full, c_zero;         /* linear_change */
    double missing_score_fraction; /* linear_change: fraction of max when x unavailable */
    ces_scope benchmark_scope;     /* ratio_to_benchmark */
    /* checklist items (CHECKLIST) or deduction categories (CAPPED_SUM) */
    ces_cfg_item items[CES_MAX_ITEMS];
    size_t n_items;
} ces_cfg_indicator;

typedef struct {
    char name[64]; /* "shanghai-2018" */
    char *path;    /* file it was read from */
    char *text;    /* the file's bytes, NUL-terminated */
    size_t text_len;
    char sha256[65];            /* hex of text */
    double qualitative_points;  /* 30 */
    double quantitative_points; /* 70 */
    double volume_points;       /* 30: the volume block */
    ces_prior_rule prior_rule;
    int decimals;                         /* 2 */
    double round_epsilon;                 /* 1e-9 */
    ces_cfg_indicator ind[CES_IND_COUNT]; /* indexed by ces_ind */
    /* case-level complaints (docs/method.md §6.6): a transferred case's
     * deadline in working days, and the complaints above which a company's
     * are analysed (per ces_period_kind: a half-year, a year); both keys are
     * optional, with these defaults, so that every config stays valid */
    int response_working_days;  /* 15 */
    long analysis_threshold[2]; /* 25, 50 */
    /* plausibility checks of a bundle (docs/inputs.md §6): a company's
     * premium this factor or more away from its prior premium stops run and
     * import until accepted; optional (CES_DEFAULT_PREMIUM_FACTOR) */
    long premium_factor;
    const ces_calendar *calendar; /* the working-day calendar deadlines are counted
                                                   on (borrowed; set by the caller, NULL: none) */
} ces_config;

/* Parse and validate a config from its bytes (score/score_config.c; reading
 * the file is the command line's, cli_config_read) (text need not be NUL-terminated).
 * Every problem is added to diags naming the key path (e.g.
 * "indicators.quant.mediation.method: unknown method \"foo\""), file = source_name.
 * Returns CES_OK, CES_ERR_INVALID (see diags) or CES_ERR_NOMEM. */
ces_status ces_config_parse(const char *text, size_t len, const char *source_name, ces_config *out,
                            ces_diags *diags);
void ces_config_free(ces_config *cfg);
/* Find an item/category by id or Chinese name; NULL when absent. */
const ces_cfg_item *ces_config_item(const ces_cfg_indicator *ci, const char *id_or_zh);

#endif
