/* The state of one ingest run and the helpers every file's row checks use:
 * read a cell as a count/amount/date, report an error naming file, line,
 * column and value, check a row's code. */
#ifndef CESCORE_INGEST_ROWS_H
#define CESCORE_INGEST_ROWS_H

#include <stdint.h>
#include "cescore/code_index.h"
#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/diag.h"
#include "cescore/ingest.h"
#include "cescore/stream.h"
#include "ingest_csv.h"
#include "ingest_header.h"

/* What companies.csv says of a company, -1 / 0 where its cell was invalid. */
typedef struct {
    int group;     /* ces_group or -1 */
    int org_type;  /* ces_org_type or -1 */
    int open_date; /* YYYYMMDD or 0 */
} ing_company_info;

/* Harmless mess of one kind normalised in a file's cells (docs/inputs.md
 * §2.4), said once per file: how many cells, the first one and what it was
 * read as. */
typedef struct {
    size_t n;
    long line;
    ces_diag_col col;
    char value[64], as[64];
} ing_mess;

enum { ING_MESS_FULLWIDTH, ING_MESS_FRACTION, ING_MESS_COUNT };

typedef struct {
    ces_dataset *ds;
    const ces_config *cfg;
    const ces_columns *aliases;
    ces_diags *d;
    size_t errors0; /* d->errors before this bundle */
    int nomem;
    int parsed[CES_FILE_COUNT];       /* decoded and its CSV structure checked */
    int usable[CES_FILE_COUNT];       /* header usable: rows were checked */
    const char *text[CES_FILE_COUNT]; /* each file's UTF-8 text (into its bytes, or owned[k]) */
    size_t text_len[CES_FILE_COUNT];
    char *owned[CES_FILE_COUNT];          /* a decoded copy, when one was needed */
    size_t records[CES_FILE_COUNT];       /* non-blank records, the header included */
    size_t header_n[CES_FILE_COUNT];      /* fields of the header */
    ces_code_index index[CES_FILE_COUNT]; /* codes of each file's data rows, added as they are read */
    ing_company_info *co;                 /* parallel to ds->companies */
    ces_code_index co_index;              /* codes of ds->companies (row = index there) */
    const ces_cell_edit *edits;           /* cells to change before the row checks */
    size_t n_edits;
    unsigned char *has_cases; /* parallel to ds->companies: cases.csv has rows for it */
    int cases_usable;         /* cases.csv was read and its header was usable */
    ces_progress_fn progress; /* how far cases.csv has been read (may be NULL) */
    void *progress_ctx;
    char *headers[CES_FILE_COUNT];     /* each file's header record, copied (ing_begin_file) */
    ing_record header[CES_FILE_COUNT]; /* ... read from that copy */
    char delim[CES_FILE_COUNT];        /* the field separator: ',' or '\t' (a UTF-16 "Unicode text") */
    ing_mess mess[CES_FILE_COUNT][ING_MESS_COUNT];
    ces_code_index folded_codes; /* companies' codes, case and leading zeros folded ... */
    ces_code_index names;        /* ... and their names squeezed (ing_squeeze), for hints */
    int hints_built;
    const char *dir; /* the bundle's directory; NULL for files from the archive */
} ing_ctx;

typedef struct {
    ing_ctx *ctx;
    ces_file_kind file;
    const ing_record *rec;
    const ing_col *cols;
    size_t row;    /* data row index (0 = the record after the header) */
    size_t n_cols; /* of cols */
} ing_row;

/* One pass over the data rows of a file (ing_begin_file, ing_next_row). */
typedef struct {
    ing_ctx *ctx;
    ces_file_kind file;
    const ing_col *cols;
    size_t n_cols;
    ing_csv *csv;
    ing_record rec;
    size_t row;
    int ended;      /* the file's records were all handed out */
    long last_line; /* of the last record handed out */
    /* the cells ing_ctx.edits change, applied to each record as it is read */
    int *edit_field;         /* the field edit e sets, -1 when not one of this file's */
    unsigned char *edit_new; /* edit e's code has no row: one is added after the last */
    size_t next_new;         /* the next edit to look at for such a row */
    char *edited;            /* an edited record's fields */
    size_t edited_cap;
} ing_rows;

/* Cell of column col (index into the file's ing_col array), "" when absent. */
const char *ing_val(const ing_row *r, int col);
/* Error at r's file and line, column cols[col] (col < 0: none), named as
 * the file wrote its header; fmt is translated (cescore/i18n.h). */
void ing_err(const ing_row *r, int col, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The same as a warning. */
void ing_warn(const ing_row *r, int col, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* How column col is named in a message's text: its header as the file
 * wrote it, else its canonical name. */
const char *ing_col_name(const ing_row *r, int col);

/* Cell parsers: 0 when *out was set, -1 when an error was reported.
 * empty_zero: an empty cell is 0 (else it is an error). */
int ing_count(const ing_row *r, int col, int empty_zero, int64_t *out);
int ing_amount(const ing_row *r, int col, int empty_zero, double *out);
int ing_date(const ing_row *r, int col, int *out);

/* The warnings of the harmless mess normalised in file k (ing_mess), one
 * per kind; called once the file's rows have been read. */
void ing_report_mess(ing_ctx *c, ces_file_kind k);
/* Reading file k's text: a reader with the file's field separator. */
ces_status ing_open_text(ing_ctx *c, ces_file_kind k, ing_csv **out);
/* The code of companies.csv that code would be but for letter case or
 * leading zeros ("00310001" for "310001"), NULL when none. */
const char *ing_code_hint(ing_ctx *c, const char *code);
/* Error for a code that is not one of companies.csv, with a hint when its
 * cause is guessable (ing_code_hint, scientific notation). */
void ing_unknown_code(const ing_row *r, int col, const char *code);
/* A name column (name_col >= 0) whose value contradicts companies.csv for
 * the row's company ci (>= 0) is an error, naming the company whose name it
 * is when there is one (codes swapped between rows). */
void ing_check_name(const ing_row *r, int name_col, long ci);
/* The index in cols[0..n) of the column named name, -1 when none. */
int ing_col_index(const ing_col *cols, size_t n, const char *name);

/* Header and data-row count of file k, and a first pass over its rows in
 * *it. Returns 0 when its rows can be checked (cols[0] must be the code
 * column), -1 otherwise (then *it needs no ing_end_rows). */
int ing_begin_file(ing_ctx *c, ces_file_kind k, ing_col *cols, size_t n, ing_rows *it);
/* Start another pass over the data rows of a file begun with ing_begin_file
 * (companies.csv is read twice). The cells of c->edits are changed in every
 * pass alike (a row an edit adds comes after the last). Returns -1 when memory failed (c->nomem). */
int ing_rewind_rows(ing_rows *it);
/* The next data row into *r: 1, or 0 after the last (or when memory failed:
 * c->nomem is then set). r->rec stays valid until the next call. */
int ing_next_row(ing_rows *it, ing_row *r);
void ing_end_rows(ing_rows *it);

/* Checks a data row's cells into `row` (zeroed; the file's row type), every
 * field but code and line; arg is ing_read_rows's. */
typedef void (*ing_fill_fn)(const ing_row *r, void *row, const void *arg);
/* The most columns a file's reader knows (qualitative.csv: code, note, two
 * checklists, name). */
#define ING_MAX_COLS (2 * CES_MAX_ITEMS + 8)
/* Every data row of file k (its columns as for ing_begin_file, at most
 * ING_MAX_COLS) into the dataset's array of that file: `fill` checks each; a
 * row kept (ing_keep_row) gets its code and line, another is freed and its
 * slot reused. */
void ing_read_rows(ing_ctx *c, ces_file_kind k, const ing_col *cols, size_t n_cols, ing_fill_fn fill,
                   const void *arg);
/* Checks a data row's code (cols[0]) in a file other than companies.csv:
 * non-empty, known (when companies.csv was usable), not repeated (when
 * unique), its name column (when the file has one, ing_check_name) not
 * contradicting companies.csv; adds it to the file's index. Returns the company's index in
 * ds->companies, -1 when unknown or invalid; sets *ok = 0 when an error was
 * reported. */
long ing_row_code(const ing_row *r, int unique, int *ok);
/* 1 when the row (of a file other than companies.csv) is to be kept: it has
 * a code, and the bundle has no error so far. The rows of a bundle with an
 * error are discarded when ingest ends, so once one is found the later rows
 * are still checked but not kept: a huge invalid file costs no memory
 * beyond its text. */
int ing_keep_row(const ing_row *r, int code_col);
/* Errors for fields beyond the header and fields under an empty header
 * cell that hold something, and for a cell of a known column longer than a
 * workbook cell holds (CES_CELL_MAX_CHARS): validation owns the limits of
 * the outputs. Every row check calls it once. */
void ing_check_fields(const ing_row *r);
/* Format an amount for messages: up to 6 decimals, trailing zeros trimmed. */
void ing_format_amount(double v, char *buf, size_t n);

#endif
