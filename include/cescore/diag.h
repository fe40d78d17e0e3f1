/* Diagnostics: every problem found in a bundle or a config, each naming
 * file, line, column and value. Errors, warnings and plausibility findings
 * are collected, not printed, so that a run reports all of them: the first
 * CES_DIAG_MAX_ERRORS errors and CES_DIAG_MAX_WARNINGS warnings are kept,
 * the rest counted (ces_diags.unlimited keeps every one). A warning
 * identical to one kept (same file, column and text: the same thing on
 * another line) is counted on that one instead of kept again. Messages are
 * translated (cescore/i18n.h): fmt is the English msgid. */
#ifndef CESCORE_DIAG_H
#define CESCORE_DIAG_H

#include <stddef.h>
#include <stdio.h>

#define CES_DIAG_MAX_ERRORS 100
#define CES_DIAG_MAX_WARNINGS 100
/* A value longer than this (in bytes) is kept cut, with "…" after it. */
#define CES_DIAG_MAX_VALUE 1024
/* Lines of a merged warning kept besides its own (all of them when unlimited). */
#define CES_DIAG_MORE_LINES 8

/* A finding (docs/inputs.md §6) is a figure that is valid but implausible:
 * it stops run and import until someone accepts it (--accept-warnings). */
typedef enum { CES_DIAG_ERROR = 0, CES_DIAG_WARNING = 1, CES_DIAG_FINDING = 2 } ces_diag_level;

/* Where in a file a problem is: a column by its canonical id, the header
 * the file gave it (as written) and its field's position. */
typedef struct {
    const char *id;     /* canonical column ("on_time"); NULL for a field no column names */
    const char *header; /* the header cell as the file wrote it; NULL when not known */
    int field;          /* 0-based field of the record (column letter A = 0); -1 when absent */
} ces_diag_col;

typedef struct {
    ces_diag_level level;
    char *file;       /* "complaints.csv", or a config file name; may be NULL */
    long line;        /* 1-based, header = 1; 0 when the whole file is meant */
    char *column;     /* canonical column name, or a config file's key path; may be NULL */
    char *header;     /* the column's header as the file wrote it; may be NULL */
    int field;        /* 0-based field (column letter), -1 when not known */
    int is_key;       /* column holds a config key path (ces_diag_add_key) */
    char *value;      /* the offending value as read; may be NULL */
    char *text;       /* the message without its location */
    char *message;    /* fully formatted line: location, then text */
    size_t repeats;   /* identical warnings counted on this one (other lines) */
    long *more_lines; /* the lines of the first of them (CES_DIAG_MORE_LINES, or all) */
    size_t n_more_lines;
} ces_diag;

typedef struct {
    ces_diag *items;
    size_t count, cap;
    size_t errors; /* errors seen, including those past the limit */
    size_t warnings;
    size_t findings;
    size_t dropped;          /* errors not stored because CES_DIAG_MAX_ERRORS was reached */
    size_t dropped_warnings; /* warnings not stored because CES_DIAG_MAX_WARNINGS was reached */
    int unlimited;           /* keep every diagnostic (validate --json lists them all) */
    size_t *slots;           /* warnings kept, by (file, column, text): index + 1, 0 = free */
    size_t n_slots;
} ces_diags;

void ces_diags_init(ces_diags *d);
void ces_diags_free(ces_diags *d);

/* Add a diagnostic. The stored message is
 *   "FILE:LINE: column COLUMN: TEXT"   (parts omitted when NULL/0)
 * where TEXT is printf-formatted from fmt (translated), e.g.
 *   ces_diag_add(d, CES_DIAG_ERROR, "complaints.csv", 14, "on_time", "12",
 *                "%s exceeds transferred (%s)", "12", "9");
 *   -> "complaints.csv:14: column on_time: 12 exceeds transferred (9)"
 * An invisible character of TEXT (a no-break or ideographic space, a zero
 * width space...) is shown as "<U+00A0>". */
void ces_diag_add(ces_diags *d, ces_diag_level level, const char *file, long line, const char *column,
                  const char *value, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* The same naming a column of the file as it stands there:
 *   "complaints.csv:14: column 按时处理反馈件数 (G) [on_time]: TEXT"
 * ("column on_time (G)" when the header is the canonical id itself). */
void ces_diag_add_col(ces_diags *d, ces_diag_level level, const char *file, long line,
                      const ces_diag_col *col, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* The same for a config file: the location is a key path, and the message
 * reads "FILE: key indicators.quant.mediation.method: TEXT". */
void ces_diag_add_key(ces_diags *d, ces_diag_level level, const char *file, const char *key,
                      const char *value, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Add text that is already formatted and translated (a caller's own
 * message function); col and is_key as above (col may be NULL). */
void ces_diag_add_text(ces_diags *d, ces_diag_level level, const char *file, long line,
                       const ces_diag_col *col, int is_key, const char *value, const char *text);

/* Add every diagnostic of src to d, in order, as if added there (errors and
 * warnings beyond d's caps are counted, not stored); src is left as it is. */
void ces_diags_append(ces_diags *d, const ces_diags *src);

/* 1 when a diagnostic of this level would only be counted, not kept (its
 * cap is reached): a caller may skip formatting it. */
int ces_diags_full(const ces_diags *d, ces_diag_level level);

/* Print every stored diagnostic to fp as "cescore: <message>" (warnings as
 * "cescore: warning: <message>", findings "cescore: finding: <message>"), a
 * merged warning with how many more there are and where, then
 * "cescore: N more errors not shown" and "cescore: N more warnings not
 * shown" if any. At most CES_DIAG_MAX_ERRORS errors and as many warnings
 * are printed, also from an unlimited set. Each message is printed with its
 * control characters shown escaped (text.h): a value read from an input
 * never reaches the terminal raw. */
void ces_diags_print(const ces_diags *d, FILE *fp);

/* The column letter of field i (0 = "A", 26 = "AA") into buf (at least 8 bytes). */
void ces_column_letter(int field, char *buf, size_t n);

#endif
