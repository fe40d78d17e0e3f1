/* Bytes of an input file -> UTF-8 text (BOM stripped, GB18030 decoded). */
#ifndef CESCORE_INGEST_DECODE_H
#define CESCORE_INGEST_DECODE_H

#include <stddef.h>
#include "cescore/diag.h"
#include "cescore/status.h"

/* 1 when bytes are strict UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
int ing_utf8_valid(const unsigned char *s, size_t len);

/* Decode bytes to NUL-terminated UTF-8 text in *text (caller frees) and set
 * encoding to "UTF-8", "UTF-8-BOM" or "GB18030". When the bytes are valid in
 * neither encoding (or hold a NUL byte), add an error naming fname and the
 * first bad line and return CES_ERR_INVALID. CES_ERR_NOMEM / CES_ERR_INTERNAL
 * when memory or iconv fails. */
ces_status ing_decode(const unsigned char *bytes, size_t len, const char *fname, char **text,
                      size_t *text_len, char encoding[16], ces_diags *d);

#endif
