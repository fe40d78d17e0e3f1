/* The premium plausibility check (findings.h, docs/inputs.md §6): a
 * company's premium a factor of cfg->premium_factor or more away from its
 * prior premium, both rolled up as scoring rolls them up. */
#include <string.h>

#include "cescore/findings.h"
#include "score_rollup.h"

/* The line of code's own statistics.csv row (0 when it has none). */
static long statistics_line(const ces_dataset *ds, const char *code)
{
    for (size_t i = 0; i < ds->n_statistics; i++)
        if (ds->statistics[i].code && strcmp(ds->statistics[i].code, code) == 0)
            return ds->statistics[i].line;
    return 0;
}

ces_status ces_findings_premiums(const ces_dataset *ds, const ces_config *cfg,
                                 const ces_prior_archive *archive, ces_findings *f)
{
    sc_rollup ru;
    ces_status st = sc_rollup_build(ds, cfg, archive, &ru);
    if (st != CES_OK)
        return st;
    double factor = (double)cfg->premium_factor;
    for (size_t s = 0; s < ru.n && st == CES_OK; s++) {
        const sc_agg *a = &ru.agg[s];
        double now = a->premium_wan, prior = a->prior_premium_wan;
        if (!a->has_prior || !(now > 0) || !(prior > 0))
            continue;
        if (!(now >= prior * factor || prior >= now * factor))
            continue;
        const char *code = ds->companies[a->company].code;
        ces_finding x = {.kind = CES_FINDING_PREMIUM,
                         .file = (char *)ces_file_name(CES_FILE_STATISTICS),
                         .line = statistics_line(ds, code),
                         .code = (char *)code,
                         .figure = now,
                         .prior = prior,
                         .source = (char *)ces_prior_source_id(ru.prior_source),
                         .other_period = ru.prior_period,
                         .other_id = ru.prior_source == CES_PRIOR_SOURCE_ARCHIVE ? ru.prior_run_id : 0};
        st = ces_findings_add(f, &x);
    }
    sc_rollup_free(&ru);
    return st;
}
