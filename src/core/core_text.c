/* Text from the inputs on its way out (text.h): terminal escaping, XML 1.0
 * characters, character counts, scorecard file names. */
#include "cescore/text.h"

#include <stdio.h>
#include <string.h>

#define NAME_MAX_BYTES 255 /* the longest file name of Linux and Windows file systems */

size_t ces_utf8_next(const char *s, size_t n, unsigned *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0], min;
    size_t len;
    if (n == 0)
        return 0;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        c &= 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        c &= 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        c &= 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

void ces_utf8_copy(char *dst, size_t n, const char *src)
{
    size_t len = strlen(src);
    if (len >= n) {
        len = n - 1;
        while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(dst, src, len);
    dst[len] = '\0';
}

int ces_xml_char_ok(unsigned cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

size_t ces_utf8_chars(const char *s)
{
    size_t n = 0, left = s ? strlen(s) : 0;
    while (left > 0) {
        unsigned cp;
        size_t k = ces_utf8_next(s, left, &cp);
        if (k == 0)
            k = 1;
        s += k;
        left -= k;
        n++;
    }
    return n;
}

/* A code point a terminal acts on: C0 controls, DEL, C1 controls and the
 * bidirectional embeddings, overrides and isolates (which reorder what
 * follows them on the line). */
static int is_control(unsigned cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

/* The escape of control code point cp. */
static void escape_one(ces_buf *b, unsigned cp)
{
    if (cp == '\n')
        ces_buf_raw(b, "\\n", 2);
    else if (cp == '\r')
        ces_buf_raw(b, "\\r", 2);
    else if (cp == '\t')
        ces_buf_raw(b, "\\t", 2);
    else if (cp <= 0x7F)
        ces_buf_printf(b, "\\x%02x", cp);
    else
        ces_buf_printf(b, "\\u%04x", cp);
}

void ces_buf_escaped(ces_buf *b, const char *s)
{
    if (!s) {
        ces_buf_raw(b, "(null)", 6);
        return;
    }
    size_t left = strlen(s);
    while (left > 0) {
        const char *run = s;
        unsigned cp = 0;
        size_t k;
        /* copy the longest run that needs no escape at once */
        while (left > 0 && (k = ces_utf8_next(s, left, &cp)) != 0 && !is_control(cp)) {
            s += k;
            left -= k;
        }
        if (s > run)
            ces_buf_raw(b, run, (size_t)(s - run));
        if (left == 0)
            break;
        k = ces_utf8_next(s, left, &cp);
        if (k == 0) {
            ces_buf_printf(b, "\\x%02x", (unsigned char)*s);
            k = 1;
        } else {
            escape_one(b, cp);
        }
        s += k;
        left -= k;
    }
}

int ces_text_needs_escape(const char *s)
{
    size_t left = s ? strlen(s) : 0;
    while (left > 0) {
        unsigned cp;
        size_t k = ces_utf8_next(s, left, &cp);
        if (k == 0 || is_control(cp))
            return 1;
        s += k;
        left -= k;
    }
    return 0;
}

void ces_fputs_escaped(const char *s, FILE *fp)
{
    if (!ces_text_needs_escape(s) && s) {
        fputs(s, fp);
        return;
    }
    ces_buf b = {0};
    ces_buf_escaped(&b, s);
    if (b.p)
        fputs(b.p, fp);
    ces_buf_free(&b);
}

int ces_scorecard_file_name(const char *code, char *buf, size_t n)
{
    size_t j = 0;
    if (!code || n == 0)
        return -1;
    if (code[0] == '.' && j + 1 < n)
        buf[j++] = '_';
    for (const char *p = code; *p; p++) {
        if (j + 1 >= n)
            return -1;
        unsigned char ch = (unsigned char)*p;
        buf[j++] = (ch == '/' || ch == '\\' || ch < 0x20) ? '_' : (char)ch;
    }
    if (j + 6 > n)
        return -1;
    memcpy(buf + j, ".xlsx", 6);
    return j + 5 > NAME_MAX_BYTES ? -1 : 0;
}
