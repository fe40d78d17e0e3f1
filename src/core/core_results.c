/* The records of results, freeing results, prior source names (results.h). */
#include <stdlib.h>
#include <string.h>

#include "cescore/results.h"

CES_RECORD(CES_REC_IND_RESULT, ces_ind_result, "indicator", "run_indicators", CES_IND_RESULT_FIELDS)
CES_RECORD(CES_REC_COMPANY_RESULT, ces_company_result, "company", "run_companies",
           CES_COMPANY_RESULT_FIELDS)
CES_RECORD(CES_REC_GROUP_RESULT, ces_group_result, "group", "run_groups", CES_GROUP_RESULT_FIELDS)
CES_RECORD(CES_REC_EXCLUDED, ces_excluded, "excluded", "run_excluded", CES_EXCLUDED_FIELDS)
CES_RECORD(CES_REC_CASE_SUMMARY, ces_case_summary, "case_counts", "run_case_counts",
           CES_CASE_SUMMARY_FIELDS)
CES_RECORD(CES_REC_CASE_OVERDUE, ces_case_overdue, "overdue_case", "run_case_overdue",
           CES_CASE_OVERDUE_FIELDS)
CES_RECORD(CES_REC_CASE_CATEGORY, ces_case_category, "case_category", "run_case_categories",
           CES_CASE_CATEGORY_FIELDS)
CES_RECORD(CES_REC_SENSITIVITY, ces_sensitivity, NULL, NULL, CES_SENSITIVITY_FIELDS)
CES_RECORD(CES_REC_IND_DERIVED, ces_ind_result, NULL, NULL, CES_IND_DERIVED_FIELDS)

void ces_results_free(ces_results *r)
{
    if (!r)
        return;
    for (size_t i = 0; r->companies && i < r->n_companies; i++) {
        ces_company_result *c = &r->companies[i];
        ces_record_free(&CES_REC_COMPANY_RESULT, c);
        for (size_t k = 0; c->children && k < c->n_children; k++)
            free(c->children[k]);
        free(c->children);
    }
    free(r->companies);
    ces_record_free_array(&CES_REC_EXCLUDED, r->excluded, r->n_excluded);
    ces_record_free_array(&CES_REC_CASE_SUMMARY, r->case_counts, r->n_case_counts);
    ces_record_free_array(&CES_REC_CASE_OVERDUE, r->overdue_cases, r->n_overdue_cases);
    ces_record_free_array(&CES_REC_CASE_CATEGORY, r->case_categories, r->n_case_categories);
    memset(r, 0, sizeof *r);
}

const ces_case_summary *ces_results_case_counts(const ces_results *r, const char *code)
{
    for (size_t i = 0; code && i < r->n_case_counts; i++)
        if (!strcmp(r->case_counts[i].code, code))
            return &r->case_counts[i];
    return NULL;
}

/* The run of rows rows[0..n) of rec whose first field (their company) is
 * code: they are grouped by company. */
static const void *company_rows(const ces_record *rec, const void *rows, size_t n, const char *code,
                                size_t *count)
{
    const char *p = rows, *first = NULL;
    *count = 0;
    for (size_t i = 0; code && i < n; i++) {
        const char *company = ces_field_text(&rec->fields[0], p + i * rec->size);
        if (company && !strcmp(company, code)) {
            if (!first)
                first = p + i * rec->size;
            (*count)++;
        } else if (first) {
            break;
        }
    }
    return first;
}

const ces_case_overdue *ces_results_overdue(const ces_results *r, const char *code, size_t *n)
{
    return company_rows(&CES_REC_CASE_OVERDUE, r->overdue_cases, r->n_overdue_cases, code, n);
}

const ces_case_category *ces_results_categories(const ces_results *r, const char *code, size_t *n)
{
    return company_rows(&CES_REC_CASE_CATEGORY, r->case_categories, r->n_case_categories, code, n);
}

const char *ces_prior_source_id(ces_prior_source s)
{
    switch (s) {
    case CES_PRIOR_SOURCE_NONE: return "none";
    case CES_PRIOR_SOURCE_CSV: return "prior.csv";
    case CES_PRIOR_SOURCE_ARCHIVE: return "archive";
    }
    return NULL;
}

static const char *const RUN_STATUS[][2] = {
    {"draft", "草稿"},     {"reviewed", "已复核"}, {"final", "正式"},
    {"selfcheck", "自测"}, {"whatif", "假设"},
};

const char *ces_run_status_id(ces_run_status s)
{
    return (unsigned)s < sizeof RUN_STATUS / sizeof RUN_STATUS[0] ? RUN_STATUS[s][0] : NULL;
}

const char *ces_run_status_zh(ces_run_status s)
{
    return (unsigned)s < sizeof RUN_STATUS / sizeof RUN_STATUS[0] ? RUN_STATUS[s][1] : NULL;
}
