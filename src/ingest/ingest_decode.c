/* Bytes of an input file -> UTF-8 text: strict UTF-8 check, BOM strip,
 * otherwise GB18030 through glibc iconv. */
#include "ingest_decode.h"
#include "cescore/i18n.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/text.h"

int ing_utf8_valid(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned cp;
        size_t n = ces_utf8_next((const char *)s + i, len - i, &cp);
        if (n == 0)
            return 0;
        i += n;
    }
    return 1;
}

static long line_at(const unsigned char *s, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n')
            line++;
    return line;
}

static void bad_bytes(ces_diags *d, const char *fname, const unsigned char *s, size_t len, size_t off)
{
    char hex[16] = ""; /* up to four bytes from the bad one: "ff 30 30 30" */
    size_t n = len - off < 4 ? len - off : 4, used = 0;
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(hex + used, sizeof hex - used, "%s%02x", i ? " " : "", s[off + i]);
    ces_diag_add(d, CES_DIAG_ERROR, fname, line_at(s, off), NULL, hex,
                 "bytes valid in neither UTF-8 nor GB18030: %s", hex);
}

/* from -> UTF-8 (from: "GB18030", "UTF-16LE"...). On a bad sequence
 * *bad_off is set and CES_ERR_INVALID returned. */
static ces_status to_utf8(const char *from, const unsigned char *bytes, size_t len, char **out,
                          size_t *out_len, size_t *bad_off)
{
    iconv_t cd = iconv_open("UTF-8", from);
    size_t cap = 2 * len + 16;
    char *buf, *in = (char *)bytes, *op;
    size_t inleft = len, outleft;
    ces_status st = CES_OK;
    if (cd == (iconv_t)-1)
        return CES_ERR_INTERNAL;
    buf = malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return CES_ERR_NOMEM;
    }
    op = buf;
    outleft = cap - 1;
    while (inleft > 0) {
        if (iconv(cd, &in, &inleft, &op, &outleft) != (size_t)-1)
            continue;
        if (errno == E2BIG) { /* cannot happen with 2x room (UTF-16: 1.5x); be safe */
            st = CES_ERR_INTERNAL;
        } else {
            *bad_off = (size_t)(in - (char *)bytes);
            st = CES_ERR_INVALID;
        }
        break;
    }
    iconv_close(cd);
    if (st != CES_OK) {
        free(buf);
        return st;
    }
    *op = '\0';
    *out = buf;
    *out_len = (size_t)(op - buf);
    return CES_OK;
}

/* Strip a leading U+FEFF (GB18030 files may carry one too) in place. */
static void strip_bom(char *t, size_t *len)
{
    if (*len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) {
        memmove(t, t + 3, *len - 3 + 1);
        *len -= 3;
    }
}

/* 1 when t may hold a character XML 1.0 forbids: a C0 control other than
 * tab, LF and CR, or the lead byte of U+FFFE / U+FFFF (a quick look first,
 * since almost no text has one). */
static int may_hold_forbidden(const char *t, size_t len)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    for (size_t i = 0; i < len;) {
        uint64_t w, ef;
        if (i + 8 <= len) { /* eight bytes at once: none below 0x20, none 0xEF */
            memcpy(&w, t + i, 8);
            ef = w ^ (0xEF * ones);
            if (!((w - 0x20 * ones) & ~w & highs) && !((ef - ones) & ~ef & highs)) {
                i += 8;
                continue;
            }
        }
        for (size_t end = i + 8 < len ? i + 8 : len; i < end; i++) {
            unsigned char b = (unsigned char)t[i];
            if (b < 0x20 ? b != '\t' && b != '\n' && b != '\r' : b == 0xEF)
                return 1;
        }
    }
    return 0;
}

/* The characters XML 1.0 forbids in text (starting on line `line`), one
 * warning each (counted past the cap); *grown: the text's length once each
 * is U+FFFD (3 bytes). */
static size_t forbidden_chars(const char *t, size_t len, long line, const char *fname, ces_diags *d,
                              size_t *grown)
{
    size_t n = 0;
    *grown = len;
    for (size_t i = 0; i < len;) {
        unsigned cp = 0;
        size_t k = ces_utf8_next(t + i, len - i, &cp);
        if (k == 0)
            k = 1; /* cannot happen: the text is UTF-8 */
        if (cp == '\n')
            line++;
        if (k && !ces_xml_char_ok(cp)) {
            n++;
            *grown += 3 - k;
            ces_diag_add(d, CES_DIAG_WARNING, fname, line, NULL, NULL,
                         "character U+%04X, which XML 1.0 and so a workbook cannot hold, "
                         "replaced with U+FFFD",
                         cp);
        }
        i += k;
    }
    return n;
}

/* A copy of text (len bytes) into a buffer of size bytes + 1 with every
 * character XML 1.0 forbids as U+FFFD. */
static char *replace_forbidden(const char *t, size_t len, size_t size)
{
    char *out = malloc(size + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < len;) {
        unsigned cp = 0;
        size_t k = ces_utf8_next(t + i, len - i, &cp);
        if (k == 0)
            k = 1;
        if (!ces_xml_char_ok(cp)) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else {
            memcpy(o, t + i, k);
            o += k;
        }
        i += k;
    }
    *o = '\0';
    return out;
}

ces_status ing_xml_clean(const char *t, size_t len, long line, const char *fname, ces_diags *d,
                         char **clean, size_t *clean_len)
{
    size_t size;
    *clean = NULL;
    *clean_len = len;
    if (!may_hold_forbidden(t, len) || forbidden_chars(t, len, line, fname, d, &size) == 0)
        return CES_OK;
    if (!(*clean = replace_forbidden(t, len, size)))
        return CES_ERR_NOMEM;
    *clean_len = size;
    return CES_OK;
}

/* Replace the characters XML 1.0 forbids in *text (warning about each);
 * *owned is freed and replaced when a copy was needed. */
static ces_status clean_text(const char **text, size_t *len, char **owned, const char *fname,
                             ces_diags *d)
{
    char *clean;
    ces_status st = ing_xml_clean(*text, *len, 1, fname, d, &clean, len);
    if (clean) {
        free(*owned);
        *owned = clean;
        *text = clean;
    }
    return st;
}

/* The UTF-16 encoding named by the byte order mark that starts bytes
 * ("UTF-16LE", "UTF-16BE"), NULL when there is none. */
static const char *utf16_bom(const unsigned char *b, size_t len)
{
    if (len >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        return "UTF-16LE";
    if (len >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        return "UTF-16BE";
    return NULL;
}

/* A file with a UTF-16 byte order mark, as Excel's "Unicode text" saves it:
 * decoded as UTF-16 (the mark dropped); bytes that are not UTF-16 (an odd
 * length, a lone surrogate) are an error naming the line. */
static ces_status decode_utf16(const char *enc, const unsigned char *bytes, size_t len,
                               const char *fname, const char **text, size_t *text_len, char **owned,
                               char encoding[16], ces_diags *d)
{
    char *t = NULL;
    size_t bad = 0;
    ces_status st = to_utf8(enc, bytes + 2, len - 2, &t, text_len, &bad);
    if (st == CES_ERR_INVALID) {
        long line = 1; /* lines counted in code units of the encoding */
        int le = enc[6] == 'L';
        for (size_t i = 2; i + 1 < bad + 2; i += 2)
            line += (le ? bytes[i] == '\n' && bytes[i + 1] == 0 : bytes[i] == 0 && bytes[i + 1] == '\n');
        char hex[16] = "";
        size_t n = len - 2 - bad < 4 ? len - 2 - bad : 4, used = 0;
        for (size_t i = 0; i < n; i++)
            used += (size_t)snprintf(hex + used, sizeof hex - used, "%s%02x", i ? " " : "",
                                     bytes[2 + bad + i]);
        ces_diag_add(d, CES_DIAG_ERROR, fname, line, NULL, hex,
                     "bytes not valid %s after its byte order mark: %s", enc,
                     hex[0] ? hex : _("(an odd byte at the end)"));
    }
    if (st != CES_OK)
        return st;
    strip_bom(t, text_len);
    snprintf(encoding, 16, "%s", enc);
    *owned = t;
    *text = t;
    return clean_text(text, text_len, owned, fname, d);
}

ces_status ing_decode(const unsigned char *bytes, size_t len, const char *fname, const char **text,
                      size_t *text_len, char **owned, char encoding[16], ces_diags *d)
{
    const unsigned char *nul = len ? memchr(bytes, '\0', len) : NULL;
    size_t bad = 0;
    ces_status st;
    const char *utf16 = utf16_bom(bytes, len);
    *text = NULL;
    *owned = NULL;
    *text_len = 0;
    if (utf16)
        return decode_utf16(utf16, bytes, len, fname, text, text_len, owned, encoding, d);
    if (nul) {
        ces_diag_add(d, CES_DIAG_ERROR, fname, line_at(bytes, (size_t)(nul - bytes)), NULL, "00",
                     "NUL byte in a text file");
        return CES_ERR_INVALID;
    }
    if (ing_utf8_valid(bytes, len)) {
        int bom = len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0;
        snprintf(encoding, 16, "%s", bom ? "UTF-8-BOM" : "UTF-8");
        *text = (const char *)bytes + (bom ? 3 : 0);
        *text_len = len - (bom ? 3 : 0);
        return clean_text(text, text_len, owned, fname, d);
    }
    char *t = NULL;
    st = to_utf8("GB18030", bytes, len, &t, text_len, &bad);
    if (st == CES_ERR_INVALID)
        bad_bytes(d, fname, bytes, len, bad);
    if (st != CES_OK)
        return st;
    strip_bom(t, text_len);
    snprintf(encoding, 16, "%s", "GB18030");
    *owned = t;
    *text = t;
    return clean_text(text, text_len, owned, fname, d);
}
