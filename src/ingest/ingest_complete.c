/* Completeness: every eligible evaluated company has a row in complaints.csv,
 * statistics.csv and qualitative.csv (rolled-up entities may be absent). With
 * cases.csv, a company without complaints has no row in either file: it has
 * none, and one warning lists such companies (docs/inputs.md §2.6). */
#include "ingest_complete.h"

#include "cescore/code_index.h"
#include "ingest_rows.h"

static const ces_file_kind required_rows[3] = {CES_FILE_COMPLAINTS, CES_FILE_STATISTICS,
                                               CES_FILE_QUALITATIVE};

static int must_report(const ing_ctx *c, size_t i)
{
    const ing_company_info *info = &c->co[i];
    if (ces_code_index_find(&c->co_index, c->ds->companies[i].code) != (long)i || info->org_type < 0 ||
        info->group < 0 || info->open_date == 0)
        return 0;
    return ces_org_type_treatment((ces_org_type)info->org_type) == CES_TREAT_EVALUATED &&
           ces_period_eligible(c->ds->period, info->open_date);
}

/* Companies with neither a row of complaints.csv nor a case: zero complaints. */
static void warn_no_complaints(ing_ctx *c)
{
    const ces_dataset *ds = c->ds;
    int complaints = c->usable[CES_FILE_COMPLAINTS];
    for (size_t i = 0; i < ds->n_companies; i++) {
        const ces_company *co = &ds->companies[i];
        if (!must_report(c, i) || c->has_cases[i] ||
            (complaints && ces_code_index_find(&c->index[CES_FILE_COMPLAINTS], co->code) >= 0))
            continue;
        ces_diag_add(c->d, CES_DIAG_WARNING, ces_file_name(CES_FILE_CASES), 0, "code", co->code,
                     "no row for %s (%s) in cases.csv or complaints.csv: it has no complaints", co->code,
                     co->name);
    }
}

void ing_check_completeness(ing_ctx *c)
{
    const ces_dataset *ds = c->ds;
    if (!c->usable[CES_FILE_COMPANIES] || c->nomem)
        return;
    int cases = ds->files[CES_FILE_CASES].present;
    if (cases && c->cases_usable && c->has_cases)
        warn_no_complaints(c);
    for (int f = 0; f < 3; f++) {
        ces_file_kind k = required_rows[f];
        if (!c->usable[k] || (k == CES_FILE_COMPLAINTS && cases))
            continue;
        for (size_t i = 0; i < ds->n_companies; i++) {
            const ces_company *co = &ds->companies[i];
            if (must_report(c, i) && ces_code_index_find(&c->index[k], co->code) < 0)
                ces_diag_add(c->d, CES_DIAG_ERROR, ces_file_name(k), 0, "code", co->code,
                             "no row for %s (%s)", co->code, co->name);
        }
    }
}
