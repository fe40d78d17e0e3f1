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
#include "cescore/records.h"

/* Input files of docs/inputs.md, in this order. */
typedef enum {
    CES_FILE_COMPANIES = 0,
    CES_FILE_COMPLAINTS,
    CES_FILE_STATISTICS,
    CES_FILE_QUALITATIVE,
    CES_FILE_MEDIATION,
    CES_FILE_DEDUCTIONS,
    CES_FILE_PRIOR,
    CES_FILE_CASES,
    CES_FILE_COUNT
} ces_file_kind;

const char *ces_file_name(ces_file_kind k); /* "companies.csv" */

typedef struct {
    int present;          /* the bundle had this file */
    unsigned char *bytes; /* the file exactly as read (for the archive and export) */
    size_t len;
    char sha256[65];
    char encoding[16]; /* "UTF-8", "UTF-8-BOM", "GB18030" */
    size_t rows;       /* data rows (blank lines not counted) */
    /* a file read as a stream (cases.csv), never held whole: bytes is NULL;
     * path is where ingest and the archive read it (NULL once archived: the
     * archive reads it back, archive.h) */
    char *path;
    /* how a streamed file's header was read: the canonical column of each
     * field, tab-separated, empty for a field ignored; archived with the
     * import so that the file is read again exactly so, whatever the
     * header aliases in force (NULL for the files held whole) */
    char *header;
} ces_input_file;

/* An input row: code, the list's fields, line (records.h). */
#define CES_INPUT_ROW(FIELDS, T)                                                                        \
    struct {                                                                                            \
        CES_ROW_CODE(CES_MEMBER, T) FIELDS(CES_MEMBER, T) CES_ROW_LINE(CES_MEMBER, T)                   \
    }

/* An input row's descriptor: line and code, then its list. */
#define CES_INPUT_RECORD(name, T, tag, table, LIST)                                                     \
    CES_DESCRIBE(name, T, tag, table,                                                                   \
                 CES_ROW_LINE(CES_FIELD_DESC, T) CES_ROW_CODE(CES_FIELD_DESC, T)                        \
                     LIST(CES_FIELD_DESC, T))

typedef CES_INPUT_ROW(CES_COMPANY_FIELDS, ces_company) ces_company;
typedef CES_INPUT_ROW(CES_COMPLAINTS_FIELDS, ces_complaints_row) ces_complaints_row;
typedef CES_INPUT_ROW(CES_STATISTICS_FIELDS, ces_statistics_row) ces_statistics_row;
typedef CES_INPUT_ROW(CES_MEDIATION_FIELDS, ces_mediation_row) ces_mediation_row;
typedef CES_INPUT_ROW(CES_DEDUCTION_FIELDS, ces_deduction_row) ces_deduction_row;
typedef CES_INPUT_ROW(CES_PRIOR_FIELDS, ces_prior_row) ces_prior_row;

typedef struct {
    CES_ROW_CODE(CES_MEMBER, ces_qualitative_row)
    /* established[c][i]: checklist c (0 = qual.systems, 1 = qual.mechanisms),
     * item i in the order of the config's items of that checklist. */
    unsigned char established[2][CES_MAX_ITEMS];
    CES_QUALITATIVE_FIELDS(CES_MEMBER, ces_qualitative_row)
    CES_ROW_LINE(CES_MEMBER, ces_qualitative_row)
} ces_qualitative_row;

/* The parsed rows of each input file: X(file kind, row type, array, record).
 * The dataset holds the array and its length n_<array>. */
#define CES_DATASET_ROWS(X)                                                                             \
    X(CES_FILE_COMPANIES, ces_company, companies, CES_REC_COMPANY)                                      \
    X(CES_FILE_COMPLAINTS, ces_complaints_row, complaints, CES_REC_COMPLAINTS)                          \
    X(CES_FILE_STATISTICS, ces_statistics_row, statistics, CES_REC_STATISTICS)                          \
    X(CES_FILE_QUALITATIVE, ces_qualitative_row, qualitative, CES_REC_QUALITATIVE)                      \
    X(CES_FILE_MEDIATION, ces_mediation_row, mediation, CES_REC_MEDIATION)                              \
    X(CES_FILE_DEDUCTIONS, ces_deduction_row, deductions, CES_REC_DEDUCTION)                            \
    X(CES_FILE_PRIOR, ces_prior_row, prior, CES_REC_PRIOR)

#define CES_DATASET_ARRAY(kind, type, array, record)                                                    \
    type *array;                                                                                        \
    size_t n_##array;

/* ---- cases.csv (docs/inputs.md §4.8, docs/method.md §6.6) ---- */

#define CES_CASE_OVERDUE_MAX 20 /* overdue cases kept per company, most overdue first */

typedef CES_INPUT_ROW(CES_CASE_COUNT_FIELDS, ces_case_count) ces_case_count;

typedef struct {
    CES_CASE_OVERDUE_FIELDS(CES_MEMBER, ces_case_overdue)
} ces_case_overdue;

typedef struct {
    CES_CASE_CATEGORY_FIELDS(CES_MEMBER, ces_case_category)
} ces_case_category;

/* 1 when case a is more overdue than case b: more days overdue, then the
 * earlier transfer, then the earlier row of cases.csv. */
int ces_case_more_overdue(const ces_case_overdue *a, const ces_case_overdue *b);

/* What cases.csv comes to, derived while it is read (with the config's
 * response_working_days and calendar), per company code: its counts (line:
 * its first row), its most overdue cases (up to CES_CASE_OVERDUE_MAX,
 * most overdue first) and its complaints per channel, product and reason
 * (the columns present). Codes in order of first appearance; company =
 * the code. Not archived with the import: a run derives it again from the
 * archived file, and stores what it made of it with its results. */
typedef struct {
    ces_case_count *counts;
    size_t n_counts;
    ces_case_overdue *overdue;
    size_t n_overdue;
    ces_case_category *categories;
    size_t n_categories;
} ces_case_data;

typedef struct {
    ces_period period;
    ces_input_file files[CES_FILE_COUNT];
    /* files[CES_FILE_PRIOR].present tells if prior.csv was given */
    CES_DATASET_ROWS(CES_DATASET_ARRAY)
    ces_case_data cases; /* derived from files[CES_FILE_CASES] */
} ces_dataset;

/* The record of a file's rows (records.h); NULL for a file without parsed
 * rows (cases.csv). */
const ces_record *ces_dataset_record(ces_file_kind k);
/* A file's parsed rows and their count (NULL and 0 without rows). */
void *ces_dataset_rows(const ces_dataset *ds, ces_file_kind k, size_t *n);
/* The company code of a row of file k (every input row has one). */
const char *ces_dataset_row_code(ces_file_kind k, const void *row);
/* Set a file's rows: the dataset takes the array. */
void ces_dataset_set_rows(ces_dataset *ds, ces_file_kind k, void *rows, size_t n);

/* 1 for the files read as a stream rather than held whole (cases.csv). */
int ces_file_streamed(ces_file_kind k);

/* Free every parsed row and the derived case data; keep files[] (bytes and
 * metadata) and period. */
void ces_dataset_free_rows(ces_dataset *ds);
void ces_case_data_free(ces_case_data *cd);
/* Free the rows and the files' bytes; *ds is zeroed. */
void ces_dataset_free(ces_dataset *ds);

#endif
