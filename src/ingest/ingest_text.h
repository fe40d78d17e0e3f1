/* Small string helpers private to ingest. */
#ifndef CESCORE_INGEST_TEXT_H
#define CESCORE_INGEST_TEXT_H

#include <stddef.h>

/* Trim ASCII spaces and tabs in place; returns s. */
char *ing_trim(char *s);
/* 1 when a and b are equal ignoring surrounding spaces/tabs and ASCII case. */
int ing_name_eq(const char *a, const char *b);
/* strdup of s, or NULL when s is NULL or empty (sets *nomem on failure). */
char *ing_dup_or_null(const char *s, int *nomem);
/* strdup of s (never NULL unless out of memory, then sets *nomem). */
char *ing_dup(const char *s, int *nomem);
/* Format YYYYMMDD as "YYYY-MM-DD" into buf (at least 11 bytes). */
void ing_format_date(int yyyymmdd, char *buf);

/* The column letter of field i ("A", "AA"), valid until four more calls. */
const char *ing_letter(int field);

/* The length of the UTF-8 sequence at s (n bytes there) when it is a space
 * that a web page or a spreadsheet leaves around a value: a no-break space
 * (U+00A0), the ideographic space (U+3000), another Unicode space
 * (U+1680, U+2000-U+200A, U+202F, U+205F), a zero-width space (U+200B) or a
 * byte order mark (U+FEFF); else 0. Such spaces are trimmed like ASCII
 * spaces (docs/inputs.md §2.2). *cp receives its code point. */
size_t ing_uspace(const char *s, size_t n, unsigned *cp);
/* s with the full-width forms of ASCII (U+FF01-U+FF5E: ０-９, ，, ．, －, ／...),
 * which an input method in full-width mode types, as ASCII, into buf (n
 * bytes). Returns 1 when something was changed, 0 when s is as it was, -1
 * when buf is too small. */
int ing_fold_fullwidth(const char *s, char *buf, size_t n);
/* s without any space (ASCII, Unicode spaces, line breaks) and with ASCII
 * letters in lower case and full-width forms as ASCII, into buf (n bytes):
 * two headers or names that differ only so give the same text. */
void ing_squeeze(const char *s, char *buf, size_t n);
/* 1 when s is a number in scientific notation ("1.23457E+11", "3E5"), as
 * Excel shows a long number in a column not formatted as text. */
int ing_scientific(const char *s);

#endif
