/* A period's inputs as typed rows: what ingest produces from a bundle, what
 * the archive stores and loads back, and what score reads. Every row keeps
 * the line it came from. Strings are owned by the dataset (ces_dataset_free). */
#ifndef CESCORE_DATASET_H
#define CESCORE_DATASET_H

#include <stddef.h>
#include <stdint.h>
#include "cescore/config.h"
#include "cescore/model.h"
#include "cescore/period.h"

/* Input files of docs/inputs.md, in this order. */
typedef enum {
    CES_FILE_COMPANIES = 0, CES_FILE_COMPLAINTS, CES_FILE_STATISTICS, CES_FILE_QUALITATIVE,
    CES_FILE_MEDIATION, CES_FILE_DEDUCTIONS, CES_FILE_PRIOR, CES_FILE_CASES, CES_FILE_COUNT
} ces_file_kind;

const char *ces_file_name(ces_file_kind k);  /* "companies.csv" */

typedef struct {
    int present;            /* the bundle had this file */
    unsigned char *bytes;   /* the file exactly as read (for the archive and export) */
    size_t len;
    char sha256[65];
    char encoding[16];      /* "UTF-8", "UTF-8-BOM", "GB18030" */
    size_t rows;            /* data rows (blank lines not counted) */
} ces_input_file;

typedef struct {
    char *code, *name;
    ces_group group;
    ces_org_type org_type;
    char *parent_code;      /* NULL when empty */
    int open_date;          /* YYYYMMDD */
    long line;
} ces_company;

typedef struct {
    char *code;
    int64_t total, motor, nonmotor, withdrawn, transferred, on_time;
    long line;
} ces_complaints_row;

typedef struct {
    char *code;
    double premium_wan, motor_premium_wan, nonmotor_premium_wan;
    int64_t nonmotor_policies, prior_inforce_policies, new_policies,
            prior_inforce_persons, new_persons;
    long line;
} ces_statistics_row;

typedef struct {
    char *code;
    /* established[c][i]: checklist c (0 = qual.systems, 1 = qual.mechanisms),
     * item i in the order of the config's items of that checklist. */
    unsigned char established[2][CES_MAX_ITEMS];
    char *note;             /* NULL when absent */
    long line;
} ces_qualitative_row;

typedef struct {
    char *code;
    int64_t needed, succeeded;
    long line;
} ces_mediation_row;

typedef struct {
    char *code;
    ces_ded indicator;
    char *category;         /* canonical category id, NULL when empty */
    double points;          /* resolved: as given, else the category's points */
    int points_given;       /* 1 when the points column was non-empty */
    int date;               /* YYYYMMDD */
    char *reference, *description; /* NULL when empty */
    long line;
} ces_deduction_row;

typedef struct {
    char *code;
    int64_t total;
    double premium_wan;
    long line;
} ces_prior_row;

typedef struct {
    ces_period period;
    ces_input_file files[CES_FILE_COUNT];
    ces_company *companies;          size_t n_companies;
    ces_complaints_row *complaints;  size_t n_complaints;
    ces_statistics_row *statistics;  size_t n_statistics;
    ces_qualitative_row *qualitative; size_t n_qualitative;
    ces_mediation_row *mediation;    size_t n_mediation;
    ces_deduction_row *deductions;   size_t n_deductions;
    ces_prior_row *prior;            size_t n_prior;   /* files[CES_FILE_PRIOR].present tells if prior.csv was given */
} ces_dataset;

/* Free every parsed row; keep files[] (bytes and metadata) and period. */
void ces_dataset_free_rows(ces_dataset *ds);
/* Free the rows and the files' bytes; *ds is zeroed. */
void ces_dataset_free(ces_dataset *ds);

#endif
