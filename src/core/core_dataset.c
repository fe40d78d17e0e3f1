/* The dataset's lifetime, its rows by input file and their records, and the
 * names of the input files (dataset.h). */
#include <stdlib.h>
#include <string.h>

#include "cescore/dataset.h"

static const char *const file_names[CES_FILE_COUNT] = {
    "companies.csv", "complaints.csv", "statistics.csv", "qualitative.csv",
    "mediation.csv", "deductions.csv", "prior.csv",      "cases.csv",
};

const char *ces_file_name(ces_file_kind k)
{
    return (unsigned)k < CES_FILE_COUNT ? file_names[k] : NULL;
}

CES_INPUT_RECORD(CES_REC_COMPANY, ces_company, "company", "companies", CES_COMPANY_FIELDS)
CES_INPUT_RECORD(CES_REC_COMPLAINTS, ces_complaints_row, "complaints", "complaints",
                 CES_COMPLAINTS_FIELDS)
CES_INPUT_RECORD(CES_REC_STATISTICS, ces_statistics_row, "statistics", "statistics",
                 CES_STATISTICS_FIELDS)
CES_INPUT_RECORD(CES_REC_QUALITATIVE, ces_qualitative_row, "qualitative", "qualitative_rows",
                 CES_QUALITATIVE_FIELDS)
CES_INPUT_RECORD(CES_REC_MEDIATION, ces_mediation_row, "mediation", "mediation", CES_MEDIATION_FIELDS)
CES_INPUT_RECORD(CES_REC_DEDUCTION, ces_deduction_row, "deduction", "deductions", CES_DEDUCTION_FIELDS)
CES_INPUT_RECORD(CES_REC_PRIOR, ces_prior_row, "prior", "prior_rows", CES_PRIOR_FIELDS)
CES_INPUT_RECORD(CES_REC_CASE_COUNT, ces_case_count, "case_count", NULL, CES_CASE_COUNT_FIELDS)

int ces_file_streamed(ces_file_kind k) { return k == CES_FILE_CASES; }

void ces_case_data_free(ces_case_data *cd)
{
    ces_record_free_array(&CES_REC_CASE_COUNT, cd->counts, cd->n_counts);
    ces_record_free_array(&CES_REC_CASE_OVERDUE, cd->overdue, cd->n_overdue);
    ces_record_free_array(&CES_REC_CASE_CATEGORY, cd->categories, cd->n_categories);
    memset(cd, 0, sizeof *cd);
}

const ces_record *ces_dataset_record(ces_file_kind k)
{
    switch (k) {
#define RECORD_OF(kind, type, array, record)                                                            \
    case kind: return &record;
        CES_DATASET_ROWS(RECORD_OF)
#undef RECORD_OF
    default: return NULL;
    }
}

void *ces_dataset_rows(const ces_dataset *ds, ces_file_kind k, size_t *n)
{
    switch (k) {
#define ROWS_OF(kind, type, array, record)                                                              \
    case kind: *n = ds->n_##array; return ds->array;
        CES_DATASET_ROWS(ROWS_OF)
#undef ROWS_OF
    default: *n = 0; return NULL;
    }
}

const char *ces_dataset_row_code(ces_file_kind k, const void *row)
{
    /* an input record's fields begin with line, code (CES_INPUT_RECORD) */
    const ces_record *rec = ces_dataset_record(k);
    return rec ? ces_field_text(&rec->fields[1], row) : NULL;
}

void ces_dataset_set_rows(ces_dataset *ds, ces_file_kind k, void *rows, size_t n)
{
    switch (k) {
#define SET_ROWS(kind, type, array, record)                                                             \
    case kind:                                                                                          \
        ds->array = rows;                                                                               \
        ds->n_##array = n;                                                                              \
        break;
        CES_DATASET_ROWS(SET_ROWS)
#undef SET_ROWS
    default: break;
    }
}

/* Free every parsed row, keep files[] (bytes and metadata) and period. */
void ces_dataset_free_rows(ces_dataset *ds)
{
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        const ces_record *rec = ces_dataset_record((ces_file_kind)k);
        size_t n;
        void *rows = ces_dataset_rows(ds, (ces_file_kind)k, &n);
        if (rec)
            ces_record_free_array(rec, rows, n);
        ces_dataset_set_rows(ds, (ces_file_kind)k, NULL, 0);
    }
    ces_case_data_free(&ds->cases);
}

void ces_dataset_free(ces_dataset *ds)
{
    if (!ds)
        return;
    ces_dataset_free_rows(ds);
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        free(ds->files[k].bytes);
        free(ds->files[k].path);
        free(ds->files[k].header);
    }
    memset(ds, 0, sizeof *ds);
}

int ces_case_more_overdue(const ces_case_overdue *a, const ces_case_overdue *b)
{
    if (a->days_overdue != b->days_overdue)
        return a->days_overdue > b->days_overdue;
    if (a->transferred_date != b->transferred_date)
        return a->transferred_date < b->transferred_date;
    return a->line < b->line;
}
