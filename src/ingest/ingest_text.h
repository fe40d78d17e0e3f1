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

#endif
