/* What cases.csv comes to (docs/method.md §6.6): each valid case counted
 * for its company code as of the period's last day, its deadline counted on
 * the working-day calendar; the most overdue cases kept per code; the
 * complaints per channel, product and reason. Memory grows with the
 * companies and their categories, never with the cases. */
#ifndef CESCORE_INGEST_CASE_TALLY_H
#define CESCORE_INGEST_CASE_TALLY_H

#include <stddef.h>

#include "cescore/calendar.h"
#include "cescore/dataset.h"
#include "cescore/diag.h"
#include "cescore/period.h"

/* The analysis columns, in the order of the results (docs/method.md §6.6). */
enum { ING_DIM_CHANNEL, ING_DIM_PRODUCT, ING_DIM_REASON, ING_DIM_COUNT };

/* Different values counted apart per company and column; further values
 * are counted together under ING_OTHER_VALUES, with a warning. */
#define ING_CATEGORY_MAX 500
#define ING_OTHER_VALUES "(other values)"

/* A line of business (险种类别) and its id. */
typedef enum { ING_LINE_MOTOR, ING_LINE_NONMOTOR, ING_LINE_LIFE } ing_line;

/* One case that passed every check. Dates YYYYMMDD, 0 when empty. */
typedef struct {
    const char *case_id, *code;
    long line;
    size_t company; /* index in ds->companies */
    ing_line kind;
    int withdrawn;
    int received, transferred, responded;
    const char *category[ING_DIM_COUNT]; /* NULL when the column is absent */
} ing_case;

typedef struct ing_tally ing_tally;

/* For the period's cases, their deadline the working_days-th working day
 * after the transfer on cal (which must have the period's year). */
ces_status ing_tally_new(ces_period p, int working_days, const ces_calendar *cal, size_t n_companies,
                         ing_tally **out);
/* Forget every case (the file is read again from its start). */
void ing_tally_reset(ing_tally *t);
ces_status ing_tally_add(ing_tally *t, const ing_case *c);
/* The result, codes from ds->companies (company = code), into *out; a
 * warning to d for each company and column whose values were too many. */
ces_status ing_tally_output(const ing_tally *t, const ces_dataset *ds, ces_case_data *out, ces_diags *d);
void ing_tally_free(ing_tally *t);

#endif
