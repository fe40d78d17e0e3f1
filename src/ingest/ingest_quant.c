/* complaints.csv, statistics.csv, mediation.csv, prior.csv: counts and amounts. */
#include "ingest_quant.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_csv.h"
#include "ingest_header.h"
#include "ingest_rows.h"
#include "ingest_text.h"

/* Group of the company of a row, -1 when unknown. */
static int row_group(const ing_ctx *c, long ci) { return ci >= 0 ? c->co[ci].group : -1; }

/* "value exceeds other (other value)" when a > b; both as read. */
static void check_le(const ing_row *r, int col_a, int64_t a, int col_b, int64_t b)
{
    if (a > b)
        ing_err(r, col_a, ing_val(r, col_a), "%s exceeds %s (%s)", ing_val(r, col_a),
                ing_col_name(r, col_b), ing_val(r, col_b));
}

/* ---- complaints.csv ---- */

enum { K_CODE, K_TOTAL, K_MOTOR, K_NONMOTOR, K_WITHDRAWN, K_TRANSFERRED, K_ON_TIME, K_NAME, K_N };

static const ing_col complaints_cols[K_N] = {
    {"code", NULL, 1, -1, NULL},
    {"total", NULL, 1, -1, NULL},
    {"motor", NULL, 0, -1, NULL},
    {"nonmotor", NULL, 0, -1, NULL},
    {"withdrawn_before_transfer", NULL, 1, -1, NULL},
    {"transferred", NULL, 1, -1, NULL},
    {"on_time", NULL, 1, -1, NULL},
    {"name", NULL, 0, -1, NULL},
};

/* motor / nonmotor: required for pc, empty or 0 for life. */
static int motor_cell(const ing_row *r, int col, int group, int64_t *out)
{
    if (group == CES_GROUP_PC && !ing_val(r, col)[0]) {
        ing_err(r, col, "", "empty value, a count is required for pc");
        return -1;
    }
    if (ing_count(r, col, 1, out) != 0)
        return -1;
    if (group == CES_GROUP_LIFE && *out != 0) {
        ing_err(r, col, ing_val(r, col), "%s must be empty or 0 for life", ing_val(r, col));
        return -1;
    }
    return 0;
}

static void complaints_row(const ing_row *r, void *p, const void *arg)
{
    ces_complaints_row *row = p;
    (void)arg;
    int ok = 1;
    int group = row_group(r->ctx, ing_row_code(r, 1, &ok));
    int bad_total = ing_count(r, K_TOTAL, 0, &row->total);
    int bad_motor = motor_cell(r, K_MOTOR, group, &row->motor);
    int bad_nonmotor = motor_cell(r, K_NONMOTOR, group, &row->nonmotor);
    int bad_withdrawn = ing_count(r, K_WITHDRAWN, 0, &row->withdrawn);
    int bad_transferred = ing_count(r, K_TRANSFERRED, 0, &row->transferred);
    int bad_on_time = ing_count(r, K_ON_TIME, 0, &row->on_time);
    if (!bad_total && !bad_motor && !bad_nonmotor && group == CES_GROUP_PC &&
        row->motor + row->nonmotor != row->total)
        ing_err(r, K_TOTAL, ing_val(r, K_TOTAL), "%s differs from %s + %s (%s + %s = %lld)",
                ing_val(r, K_TOTAL), ing_col_name(r, K_MOTOR), ing_col_name(r, K_NONMOTOR),
                ing_val(r, K_MOTOR), ing_val(r, K_NONMOTOR), (long long)(row->motor + row->nonmotor));
    if (!bad_withdrawn && !bad_total)
        check_le(r, K_WITHDRAWN, row->withdrawn, K_TOTAL, row->total);
    if (!bad_transferred && !bad_total)
        check_le(r, K_TRANSFERRED, row->transferred, K_TOTAL, row->total);
    if (!bad_on_time && !bad_transferred)
        check_le(r, K_ON_TIME, row->on_time, K_TRANSFERRED, row->transferred);
    ing_check_fields(r);
}

void ing_parse_complaints(ing_ctx *c)
{
    ing_read_rows(c, CES_FILE_COMPLAINTS, complaints_cols, K_N, complaints_row, NULL);
}

/* ---- statistics.csv ---- */

enum {
    S_CODE,
    S_PREMIUM,
    S_MOTOR_PREMIUM,
    S_NONMOTOR_PREMIUM,
    S_NONMOTOR_POLICIES,
    S_PRIOR_POLICIES,
    S_NEW_POLICIES,
    S_PRIOR_PERSONS,
    S_NEW_PERSONS,
    S_NAME,
    S_N
};

static const ing_col statistics_cols[S_N] = {
    {"code", NULL, 1, -1, NULL},
    {"premium_wan", NULL, 1, -1, NULL},
    {"motor_premium_wan", NULL, 0, -1, NULL},
    {"nonmotor_premium_wan", NULL, 0, -1, NULL},
    {"nonmotor_policies", NULL, 0, -1, NULL},
    {"prior_inforce_policies", NULL, 0, -1, NULL},
    {"new_policies", NULL, 0, -1, NULL},
    {"prior_inforce_persons", NULL, 0, -1, NULL},
    {"new_persons", NULL, 0, -1, NULL},
    {"name", NULL, 0, -1, NULL},
};

#define PREMIUM_TOLERANCE 0.01

static void statistics_row(const ing_row *r, void *p, const void *arg)
{
    ces_statistics_row *row = p;
    (void)arg;
    int ok = 1;
    long ci = ing_row_code(r, 1, &ok);
    int bad = ing_amount(r, S_PREMIUM, 0, &row->premium_wan);
    int bad_parts = ing_amount(r, S_MOTOR_PREMIUM, 1, &row->motor_premium_wan);
    bad_parts |= ing_amount(r, S_NONMOTOR_PREMIUM, 1, &row->nonmotor_premium_wan);
    ing_count(r, S_NONMOTOR_POLICIES, 1, &row->nonmotor_policies);
    ing_count(r, S_PRIOR_POLICIES, 1, &row->prior_inforce_policies);
    ing_count(r, S_NEW_POLICIES, 1, &row->new_policies);
    ing_count(r, S_PRIOR_PERSONS, 1, &row->prior_inforce_persons);
    ing_count(r, S_NEW_PERSONS, 1, &row->new_persons);
    if (!bad && !bad_parts && row_group(r->ctx, ci) == CES_GROUP_PC) {
        double sum = row->motor_premium_wan + row->nonmotor_premium_wan;
        if (fabs(sum - row->premium_wan) > PREMIUM_TOLERANCE + 1e-9) {
            char buf[64];
            const char *m = ing_val(r, S_MOTOR_PREMIUM), *n = ing_val(r, S_NONMOTOR_PREMIUM);
            ing_format_amount(sum, buf, sizeof buf);
            ing_err(r, S_PREMIUM, ing_val(r, S_PREMIUM),
                    "%s differs from %s + %s (%s + %s = %s) by more than 0.01", ing_val(r, S_PREMIUM),
                    ing_col_name(r, S_MOTOR_PREMIUM), ing_col_name(r, S_NONMOTOR_PREMIUM), *m ? m : "0",
                    *n ? n : "0", buf);
        }
    }
    ing_check_fields(r);
}

void ing_parse_statistics(ing_ctx *c)
{
    ing_read_rows(c, CES_FILE_STATISTICS, statistics_cols, S_N, statistics_row, NULL);
}

/* ---- mediation.csv ---- */

enum { M_CODE, M_NEEDED, M_SUCCEEDED, M_NAME, M_N };

static const ing_col mediation_cols[M_N] = {
    {"code", NULL, 1, -1, NULL},
    {"needed", NULL, 1, -1, NULL},
    {"succeeded", NULL, 1, -1, NULL},
    {"name", NULL, 0, -1, NULL},
};

static void mediation_row(const ing_row *r, void *p, const void *arg)
{
    ces_mediation_row *row = p;
    int ok = 1, bad;
    (void)arg;
    ing_row_code(r, 1, &ok);
    bad = ing_count(r, M_NEEDED, 0, &row->needed);
    bad |= ing_count(r, M_SUCCEEDED, 0, &row->succeeded);
    if (!bad)
        check_le(r, M_SUCCEEDED, row->succeeded, M_NEEDED, row->needed);
    ing_check_fields(r);
}

void ing_parse_mediation(ing_ctx *c)
{
    ing_read_rows(c, CES_FILE_MEDIATION, mediation_cols, M_N, mediation_row, NULL);
}

/* ---- prior.csv ---- */

enum { P_CODE, P_TOTAL, P_PREMIUM, P_NAME, P_N };

static const ing_col prior_cols[P_N] = {
    {"code", NULL, 1, -1, NULL},
    {"total", NULL, 1, -1, NULL},
    {"premium_wan", NULL, 1, -1, NULL},
    {"name", NULL, 0, -1, NULL},
};

static void prior_row(const ing_row *r, void *p, const void *arg)
{
    ces_prior_row *row = p;
    int ok = 1;
    (void)arg;
    ing_row_code(r, 1, &ok);
    ing_count(r, P_TOTAL, 0, &row->total);
    ing_amount(r, P_PREMIUM, 0, &row->premium_wan);
    ing_check_fields(r);
}

void ing_parse_prior(ing_ctx *c) { ing_read_rows(c, CES_FILE_PRIOR, prior_cols, P_N, prior_row, NULL); }
