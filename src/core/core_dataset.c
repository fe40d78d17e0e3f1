/* The dataset's lifetime and the names of the input files (dataset.h). */
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

/* Free every parsed row, keep files[] (bytes and metadata) and period. */
void ces_dataset_free_rows(ces_dataset *ds)
{
    for (size_t i = 0; i < ds->n_companies; i++) {
        free(ds->companies[i].code);
        free(ds->companies[i].name);
        free(ds->companies[i].parent_code);
    }
    for (size_t i = 0; i < ds->n_complaints; i++)
        free(ds->complaints[i].code);
    for (size_t i = 0; i < ds->n_statistics; i++)
        free(ds->statistics[i].code);
    for (size_t i = 0; i < ds->n_qualitative; i++) {
        free(ds->qualitative[i].code);
        free(ds->qualitative[i].note);
    }
    for (size_t i = 0; i < ds->n_mediation; i++)
        free(ds->mediation[i].code);
    for (size_t i = 0; i < ds->n_deductions; i++) {
        free(ds->deductions[i].code);
        free(ds->deductions[i].category);
        free(ds->deductions[i].reference);
        free(ds->deductions[i].description);
    }
    for (size_t i = 0; i < ds->n_prior; i++)
        free(ds->prior[i].code);
    free(ds->companies);
    free(ds->complaints);
    free(ds->statistics);
    free(ds->qualitative);
    free(ds->mediation);
    free(ds->deductions);
    free(ds->prior);
    ds->companies = NULL;
    ds->complaints = NULL;
    ds->statistics = NULL;
    ds->qualitative = NULL;
    ds->mediation = NULL;
    ds->deductions = NULL;
    ds->prior = NULL;
    ds->n_companies = ds->n_complaints = ds->n_statistics = ds->n_qualitative = 0;
    ds->n_mediation = ds->n_deductions = ds->n_prior = 0;
}

void ces_dataset_free(ces_dataset *ds)
{
    if (!ds)
        return;
    ces_dataset_free_rows(ds);
    for (int k = 0; k < CES_FILE_COUNT; k++)
        free(ds->files[k].bytes);
    memset(ds, 0, sizeof *ds);
}

