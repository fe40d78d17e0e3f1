/* Diagnostics: every problem found in a bundle or a config, each naming
 * file, line, column and value. Errors and warnings are collected, not
 * printed, so that a run reports all of them: the first CES_DIAG_MAX_ERRORS
 * errors and CES_DIAG_MAX_WARNINGS warnings are kept, the rest counted. */
#ifndef CESCORE_DIAG_H
#define CESCORE_DIAG_H

#include <stddef.h>
#include <stdio.h>

#define CES_DIAG_MAX_ERRORS 100
#define CES_DIAG_MAX_WARNINGS 100
/* A value longer than this (in bytes) is kept cut, with "…" after it. */
#define CES_DIAG_MAX_VALUE 1024

typedef enum { CES_DIAG_ERROR = 0, CES_DIAG_WARNING = 1 } ces_diag_level;

typedef struct {
    ces_diag_level level;
    char *file;    /* "complaints.csv", or a config file name; may be NULL */
    long line;     /* 1-based, header = 1; 0 when the whole file is meant */
    char *column;  /* canonical column name, or a config file's key path; may be NULL */
    int is_key;    /* column holds a config key path (ces_diag_add_key) */
    char *value;   /* the offending value as read; may be NULL */
    char *message; /* fully formatted line, see ces_diag_format */
} ces_diag;

typedef struct {
    ces_diag *items;
    size_t count, cap;
    size_t errors; /* errors seen, including those past the limit */
    size_t warnings;
    size_t dropped;          /* errors not stored because CES_DIAG_MAX_ERRORS was reached */
    size_t dropped_warnings; /* warnings not stored because CES_DIAG_MAX_WARNINGS was reached */
} ces_diags;

void ces_diags_init(ces_diags *d);
void ces_diags_free(ces_diags *d);

/* Add a diagnostic. The stored message is
 *   "FILE:LINE: column COLUMN: TEXT"   (parts omitted when NULL/0)
 * where TEXT is printf-formatted from fmt, e.g.
 *   ces_diag_add(d, CES_DIAG_ERROR, "complaints.csv", 14, "on_time", "12",
 *                "%s exceeds transferred (%s)", "12", "9");
 *   -> "complaints.csv:14: column on_time: 12 exceeds transferred (9)" */
void ces_diag_add(ces_diags *d, ces_diag_level level, const char *file, long line, const char *column,
                  const char *value, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* The same for a config file: the location is a key path, and the message
 * reads "FILE: key indicators.quant.mediation.method: TEXT". */
void ces_diag_add_key(ces_diags *d, ces_diag_level level, const char *file, const char *key,
                      const char *value, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Add every diagnostic of src to d, in order, as if added there (errors and
 * warnings beyond d's caps are counted, not stored); src is left as it is. */
void ces_diags_append(ces_diags *d, const ces_diags *src);

/* 1 when a diagnostic of this level would only be counted, not kept (its
 * cap is reached): a caller may skip formatting it. */
int ces_diags_full(const ces_diags *d, ces_diag_level level);

/* Print every stored diagnostic to fp as "cescore: <message>" (warnings as
 * "cescore: warning: <message>"), then "cescore: N more errors not shown" and
 * "cescore: N more warnings not shown" if any. Each message is printed with
 * its control characters shown escaped (text.h): a value read from an input
 * never reaches the terminal raw. */
void ces_diags_print(const ces_diags *d, FILE *fp);

#endif
