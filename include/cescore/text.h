/* Text from the inputs on its way out: to a terminal (control characters
 * shown escaped), into a workbook (the characters XML 1.0 allows, Excel's
 * limit of a cell) and into a file name (a company's scorecard). One place
 * for each rule, so that validation and the writers apply the same one. */
#ifndef CESCORE_TEXT_H
#define CESCORE_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "cescore/buf.h"

/* The most characters a workbook cell holds (Excel's limit, which
 * libxlsxwriter enforces by refusing the cell). */
#define CES_CELL_MAX_CHARS 32767

/* The UTF-8 sequence at s (n bytes available): its length, and its code point
 * in *cp; 0 when the bytes are not UTF-8 (overlong, surrogate, beyond
 * U+10FFFF, cut short). */
size_t ces_utf8_next(const char *s, size_t n, unsigned *cp);

/* src copied into dst (n > 0 bytes), cut at a character boundary when
 * longer, so that the copy stays UTF-8. */
void ces_utf8_copy(char *dst, size_t n, const char *src);

/* 1 when code point cp is a character of XML 1.0: tab, LF, CR,
 * U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF. Everything else (the
 * other C0 controls, U+FFFE, U+FFFF) makes a workbook's XML not well-formed. */
int ces_xml_char_ok(unsigned cp);

/* The characters (code points) of UTF-8 text s; a byte that is not UTF-8
 * counts as one. */
size_t ces_utf8_chars(const char *s);

/* Text for a terminal: s with every control character shown escaped, so that
 * an input can neither move the cursor nor start a new line: "\n", "\r",
 * "\t", other C0 controls and DEL as "\x1b", C1 controls and the
 * bidirectional overrides as "\u009b", a byte that is not UTF-8 as "\xff".
 * Everything else is copied. NULL is written as "(null)". */
void ces_buf_escaped(ces_buf *b, const char *s);
void ces_fputs_escaped(const char *s, FILE *fp);
/* 1 when ces_buf_escaped would change s. */
int ces_text_needs_escape(const char *s);

/* The file name of a company's scorecard, "<code>.xlsx" with '/', '\\' and
 * control characters replaced by '_' and a leading '.' prefixed with '_'
 * (docs/workbook.md). Returns 0, or -1 when the name does not fit in n bytes
 * or is longer than a file name may be (255 bytes). */
int ces_scorecard_file_name(const char *code, char *buf, size_t n);

#endif
