/* The state of one ingest run and the helpers every file's row checks use:
 * read a cell as a count/amount/date, report an error naming file, line,
 * column and value, check a row's code. */
#ifndef CESCORE_INGEST_ROWS_H
#define CESCORE_INGEST_ROWS_H

#include <stdint.h>
#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/diag.h"
#include "cescore/ingest.h"
#include "cescore/stream.h"
#include "ingest_csv.h"
#include "ingest_header.h"
#include "ingest_index.h"

/* What companies.csv says of a company, -1 / 0 where its cell was invalid. */
typedef struct {
    int group;     /* ces_group or -1 */
    int org_type;  /* ces_org_type or -1 */
    int open_date; /* YYYYMMDD or 0 */
} ing_company_info;

typedef struct {
    ces_dataset *ds;
    const ces_config *cfg;
    const ces_columns *aliases;
    ces_diags *d;
    int nomem;
    int parsed[CES_FILE_COUNT]; /* decoded and split into records */
    int usable[CES_FILE_COUNT]; /* header usable: rows were checked */
    ing_table tables[CES_FILE_COUNT];
    ing_index index[CES_FILE_COUNT]; /* codes of each file's data records (row i = record i+1) */
    ing_company_info *co;            /* parallel to ds->companies */
    ing_index co_index;              /* codes of ds->companies */
    const ces_cell_edit *edits;      /* cells to change before the row checks */
    size_t n_edits;
    unsigned char *has_cases; /* parallel to ds->companies: cases.csv has rows for it */
    int cases_usable;         /* cases.csv was read and its header was usable */
    ces_progress_fn progress; /* how far cases.csv has been read (may be NULL) */
    void *progress_ctx;
} ing_ctx;

typedef struct {
    ing_ctx *ctx;
    ces_file_kind file;
    const ing_record *rec;
    const ing_col *cols;
    size_t row; /* data row index (record row + 1) */
} ing_row;

/* Cell of column col (index into the file's ing_col array), "" when absent. */
const char *ing_val(const ing_row *r, int col);
/* Error at r's file and line, column cols[col].name (col < 0: none). */
void ing_err(const ing_row *r, int col, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Cell parsers: 0 when *out was set, -1 when an error was reported.
 * empty_zero: an empty cell is 0 (else it is an error). */
int ing_count(const ing_row *r, int col, int empty_zero, int64_t *out);
int ing_amount(const ing_row *r, int col, int empty_zero, double *out);
int ing_date(const ing_row *r, int col, int *out);

/* Header, code index and data-row count of file k. Returns 0 when its rows
 * can be checked (cols[0] must be the code column), -1 otherwise. */
int ing_begin_file(ing_ctx *c, ces_file_kind k, ing_col *cols, size_t n);
/* Checks a data row's code (cols[0]) in a file other than companies.csv:
 * non-empty, known (when companies.csv was usable), not repeated (when
 * unique). Returns the company's index in ds->companies, -1 when unknown
 * or invalid; sets *ok = 0 when an error was reported. */
long ing_row_code(const ing_row *r, int unique, int *ok);
/* Error for fields beyond the header that hold something. */
void ing_check_extra(const ing_row *r);
/* Format an amount for messages: up to 6 decimals, trailing zeros trimmed. */
void ing_format_amount(double v, char *buf, size_t n);

#endif
