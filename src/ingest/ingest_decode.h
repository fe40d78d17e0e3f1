/* Bytes of an input file -> UTF-8 text (BOM stripped, GB18030 decoded). */
#ifndef CESCORE_INGEST_DECODE_H
#define CESCORE_INGEST_DECODE_H

#include <stddef.h>
#include "cescore/diag.h"
#include "cescore/status.h"

/* 1 when bytes are strict UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
int ing_utf8_valid(const unsigned char *s, size_t len);

/* Decode bytes to UTF-8 text (*text, *text_len bytes) and set encoding to
 * "UTF-8", "UTF-8-BOM" or "GB18030". UTF-8 input is not copied: *text points
 * into bytes and *owned is NULL; otherwise *text is *owned, which the caller
 * frees. A character that XML 1.0 forbids (a C0 control other than tab, LF
 * and CR; U+FFFE, U+FFFF), which no workbook can hold, is replaced with
 * U+FFFD and warned about (fname:line). When the bytes are valid in neither
 * encoding (or hold a NUL byte), add an error naming fname and the first bad
 * line and return CES_ERR_INVALID. CES_ERR_NOMEM / CES_ERR_INTERNAL when
 * memory or iconv fails. */
ces_status ing_decode(const unsigned char *bytes, size_t len, const char *fname, const char **text,
                      size_t *text_len, char **owned, char encoding[16], ces_diags *d);

/* The same rule for a piece of text read as a stream (len bytes of UTF-8
 * starting on physical line `line`, named fname in warnings): *clean is
 * NULL when it holds no forbidden character, else a malloc'ed copy
 * (*clean_len bytes, NUL-terminated) with each as U+FFFD. */
ces_status ing_xml_clean(const char *t, size_t len, long line, const char *fname, ces_diags *d,
                         char **clean, size_t *clean_len);

#endif
