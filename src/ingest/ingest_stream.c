/* A CSV file read as a stream: raw chunks -> sha256 -> UTF-8 text (checked
 * as it comes; at the first byte invalid in UTF-8 the reading starts over as
 * GB18030, decoded by iconv) -> physical lines (the characters XML 1.0
 * forbids replaced) -> the CSV reader of the files read whole, fed in
 * pieces -> one record at a time. Memory stays that of one chunk and one
 * record, whatever the size. */
#include "ingest_stream.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/i18n.h"
#include "cescore/sha256.h"
#include "ingest_decode.h"

#define CHUNK (256u * 1024u)
#define HEAD 4 /* room before a chunk for the incomplete sequence of the one before */

enum { RESTART = -1 }; /* pass(): the file is not UTF-8, read it again as GB18030 */

typedef struct {
    const ces_byte_source *src;
    const char *fname;
    const ing_stream_fns *fns;
    ces_diags *d;
    ing_stream_info *info;
    const char
        *conv;  /* decoding this encoding through iconv (GB18030, UTF-16LE/BE); NULL: checking UTF-8 */
    iconv_t cd; /* conv -> UTF-8 */
    unsigned char *raw;
    char *text;                /* GB18030 decoded */
    size_t carry;              /* bytes of an incomplete sequence kept before the next chunk */
    unsigned long long offset; /* bytes read before the current chunk */
    int started;               /* text has been handed on (a BOM is only at the start) */
    ces_sha256 *sha;
    /* lines and records */
    ing_csv *csv;  /* the records of the text fed to it (ingest_csv.c) */
    ces_diags xml; /* this pass's warnings of characters XML forbids (a pass may start over) */
    long line;     /* the physical line being fed */
    int cr_pending;
    int header_seen, stop, nomem;
} stream;

/* ---- records ---- */

/* 1 when the reading cannot go on: a callback stopped it, memory failed or
 * the CSV is malformed. */
static int halted(const stream *s)
{
    long line;
    return s->stop || s->nomem || ing_csv_status(s->csv, &line) != CES_OK;
}

/* A record that is not blank, to the header or row callback. */
static void hand_on(stream *s, const ing_record *rec)
{
    const ing_stream_fns *f = s->fns;
    int r;
    if (!s->header_seen) {
        s->header_seen = 1;
        r = f->header(f->ctx, rec);
    } else {
        s->info->rows++;
        r = f->row(f->ctx, rec);
    }
    s->stop |= r != 0;
}

/* ---- lines ---- */

/* A piece of one physical line (ending it when terminated) into the CSV
 * reader, the characters XML 1.0 forbids replaced first as in a file read
 * whole (ing_decode). */
static void piece(stream *s, const char *t, size_t n, int terminated)
{
    ing_record rec;
    char *clean = NULL;
    if (halted(s) || (!n && !terminated))
        return;
    if (ing_xml_clean(t, n, s->line, s->fname, &s->xml, &clean, &n) != CES_OK) {
        s->nomem = 1;
        return;
    }
    if (ing_csv_feed(s->csv, clean ? clean : t, n, terminated, &rec))
        hand_on(s, &rec);
    free(clean);
    if (terminated)
        s->line++;
}

/* Decoded text, split at LF, CRLF and lone CR (a CR ending the text waits
 * for the next text, which may start with its LF). Line ends are found with
 * memchr, which scans many bytes at a time. */
static void feed_text(stream *s, const char *t, size_t n)
{
    size_t start = 0;
    if (s->cr_pending && n) {
        s->cr_pending = 0;
        int lf = t[0] == '\n';
        piece(s, lf ? "\r\n" : "\r", lf ? 2 : 1, 1);
        start = (size_t)lf;
    }
    while (start < n && !halted(s)) {
        const char *lf = memchr(t + start, '\n', n - start);
        size_t end = lf ? (size_t)(lf - t) : n;
        const char *cr = memchr(t + start, '\r', end - start);
        size_t next;
        if (cr && (size_t)(cr - t) + 1 == n) { /* the text ends with a CR: wait for what follows */
            piece(s, t + start, (size_t)(cr - t) - start, 0);
            s->cr_pending = 1;
            return;
        }
        if (cr && !(lf && (size_t)(cr - t) + 1 == end)) /* a lone CR ends a line */
            next = (size_t)(cr - t) + 1;
        else /* LF or CRLF, or the rest of the text */
            next = lf ? end + 1 : n;
        piece(s, t + start, next - start, next < n || lf || cr);
        start = next;
    }
}

/* ---- decoding ---- */

/* Physical line (1-based) of the byte at offset: the source read again. */
static long line_of(stream *s, unsigned long long offset)
{
    long line = 1;
    unsigned long long pos = 0;
    if (s->src->rewind(s->src->ctx) != CES_OK)
        return 0;
    while (pos < offset) {
        size_t got = 0;
        if (s->src->read(s->src->ctx, s->raw, CHUNK, &got) != CES_OK || !got)
            break;
        for (size_t i = 0; i < got && pos < offset; i++, pos++)
            line += s->raw[i] == '\n';
    }
    return line;
}

static void bad_bytes(stream *s, const unsigned char *b, size_t avail, unsigned long long offset)
{
    char hex[16] = ""; /* up to four bytes from the bad one: "ff 30 30 30" */
    size_t n = avail < 4 ? avail : 4, used = 0;
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(hex + used, sizeof hex - used, "%s%02x", i ? " " : "", b[i]);
    long line = line_of(s, offset);
    if (s->conv && !strncmp(s->conv, "UTF-16", 6))
        ces_diag_add(s->d, CES_DIAG_ERROR, s->fname, line, NULL, hex,
                     "bytes not valid %s after its byte order mark: %s", s->conv,
                     hex[0] ? hex : _("(an odd byte at the end)"));
    else
        ces_diag_add(s->d, CES_DIAG_ERROR, s->fname, line, NULL, hex,
                     "bytes valid in neither UTF-8 nor GB18030: %s", hex);
}

/* Length of the UTF-8 sequence at b (n bytes there): > 0 valid, 0 invalid,
 * -1 cut short by the end of the bytes. */
static int utf8_seq(const unsigned char *b, size_t n)
{
    unsigned c = b[0];
    int len;
    unsigned long cp, min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, cp = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, cp = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, cp = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    for (int i = 1; i < len; i++) {
        if ((size_t)i >= n)
            return -1;
        if ((b[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b[i] & 0x3F);
    }
    return cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : len;
}

/* UTF-8: check b[0..n), hand on its complete sequences, keep the rest. */
static int take_utf8(stream *s, const unsigned char *b, size_t n, int eof)
{
    size_t i = 0;
    while (i < n) {
        uint64_t w;
        if (i + 8 <= n && (memcpy(&w, b + i, 8), !(w & 0x8080808080808080ULL))) {
            i += 8; /* eight ASCII bytes at once */
            continue;
        }
        if (b[i] < 0x80) {
            i++;
            continue;
        }
        int k = utf8_seq(b + i, n - i);
        if (k == 0 || (k < 0 && eof))
            return RESTART;
        if (k < 0)
            break;
        i += (size_t)k;
    }
    size_t skip = 0;
    if (!s->started && i >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) {
        snprintf(s->info->encoding, sizeof s->info->encoding, "UTF-8-BOM");
        skip = 3;
    }
    if (i)
        s->started = 1;
    feed_text(s, (const char *)b + skip, i - skip);
    s->carry = n - i;
    return 0;
}

/* GB18030 or UTF-16: decode b[0..n) through iconv, hand on the text, keep
 * an incomplete sequence at the end. */
static int take_iconv(stream *s, unsigned char *b, size_t n, int eof, unsigned long long at)
{
    char *in = (char *)b;
    size_t left = n;
    while (left) {
        char *out = s->text;
        size_t room = 2 * CHUNK;
        size_t r = iconv(s->cd, &in, &left, &out, &room);
        int err = r == (size_t)-1 ? errno : 0;
        size_t made = (size_t)(out - s->text);
        size_t skip = !s->started && made >= 3 && memcmp(s->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        if (made)
            s->started = 1;
        feed_text(s, s->text + skip, made - skip);
        if (err == E2BIG)
            continue;
        if (err == EINVAL && !eof)
            break;
        if (err == EILSEQ || err == EINVAL) {
            bad_bytes(s, (unsigned char *)in, left, at + (unsigned long long)(in - (char *)b));
            return CES_ERR_INVALID;
        }
        if (err)
            return CES_ERR_INTERNAL;
    }
    s->carry = left;
    return 0;
}

/* ---- one pass over the file ---- */

static ces_status start_pass(stream *s, const char *conv)
{
    s->conv = conv;
    s->carry = 0;
    s->offset = 0;
    s->started = 0;
    s->line = 1;
    s->cr_pending = 0;
    s->header_seen = 0;
    s->info->rows = 0;
    snprintf(s->info->encoding, sizeof s->info->encoding, "%s", conv ? conv : "UTF-8");
    ces_sha256_discard(s->sha);
    s->sha = NULL;
    ces_diags_free(&s->xml);
    ces_diags_init(&s->xml);
    ces_status st = ing_csv_open_pieces(&s->csv);
    if (st == CES_OK)
        st = ces_sha256_begin(&s->sha);
    if (st == CES_OK && conv && (s->cd = iconv_open("UTF-8", conv)) == (iconv_t)-1)
        st = CES_ERR_INTERNAL;
    if (st == CES_OK && s->src->rewind(s->src->ctx) != CES_OK)
        st = CES_ERR_IO;
    return st;
}

static void end_pass(stream *s)
{
    ing_csv_close(s->csv);
    s->csv = NULL;
    if (s->conv && s->cd != (iconv_t)-1)
        iconv_close(s->cd);
    s->cd = (iconv_t)-1;
}

static void report_progress(const stream *s)
{
    const ing_stream_fns *f = s->fns;
    if (!f->progress)
        return;
    ces_progress p = {s->info->rows, s->offset, s->src->size};
    f->progress(&p, f->progress_ctx);
}

/* One chunk: hash, NUL check, decode. */
static int take_chunk(stream *s, size_t got, int eof)
{
    unsigned char *b = s->raw + HEAD - s->carry;
    unsigned long long at = s->offset - s->carry;
    int utf16 = s->conv && !strncmp(s->conv, "UTF-16", 6);
    const unsigned char *nul = got && !utf16 ? memchr(s->raw + HEAD, '\0', got) : NULL;
    if (ces_sha256_update(s->sha, s->raw + HEAD, got) != CES_OK)
        return CES_ERR_INTERNAL;
    s->offset += got;
    if (nul) {
        ces_diag_add(s->d, CES_DIAG_ERROR, s->fname,
                     line_of(s, at + s->carry + (size_t)(nul - s->raw - HEAD)), NULL, "00",
                     "NUL byte in a text file");
        return CES_ERR_INVALID;
    }
    size_t n = s->carry + got;
    int r = s->conv ? take_iconv(s, b, n, eof, at) : take_utf8(s, b, n, eof);
    if (r == 0 && s->carry) /* the incomplete sequence goes before the next chunk */
        memmove(s->raw + HEAD - s->carry, b + n - s->carry, s->carry);
    return r;
}

/* Say once what was made of the file's text (as ingest_bundle.c does for
 * a file read whole): a UTF-16 encoding, the Unicode spaces trimmed. */
static void say_reading(stream *s)
{
    ing_csv_spaces sp = ing_csv_spaces_of(s->csv);
    if (s->conv && !strncmp(s->conv, "UTF-16", 6))
        ces_diag_add(&s->xml, CES_DIAG_WARNING, s->fname, 0, NULL, s->conv,
                     "read as %s text; the archive keeps the file as given", s->conv);
    if (sp.fields) {
        char text[256];
        snprintf(text, sizeof text,
                 ces_ntr("invisible spaces (U+%04X and the like) around %zu value trimmed like spaces",
                         "invisible spaces (U+%04X and the like) around %zu values trimmed like spaces",
                         sp.fields),
                 sp.cp, sp.fields);
        ces_diag_add_text(&s->xml, CES_DIAG_WARNING, s->fname, sp.line, NULL, 0, NULL, text);
    }
}

static int pass(stream *s)
{
    int r = 0;
    for (;;) {
        size_t got = 0;
        if (s->src->read(s->src->ctx, s->raw + HEAD, CHUNK, &got) != CES_OK)
            return CES_ERR_IO;
        r = take_chunk(s, got, got == 0);
        if (r != 0 || got == 0 || halted(s))
            break;
        report_progress(s);
    }
    if (r != 0 || s->nomem)
        return s->nomem ? CES_ERR_NOMEM : r;
    if (s->cr_pending) {
        s->cr_pending = 0;
        piece(s, "\r", 1, 1);
    }
    ing_record rec;
    if (!halted(s) && ing_csv_finish(s->csv, &rec))
        hand_on(s, &rec);
    long bad_line;
    ces_status st = ing_csv_status(s->csv, &bad_line);
    if (s->nomem || st == CES_ERR_NOMEM)
        return CES_ERR_NOMEM;
    if (st == CES_ERR_INVALID) {
        ces_diag_add(s->d, CES_DIAG_ERROR, s->fname, bad_line, NULL, NULL,
                     "malformed CSV: misplaced or unbalanced quote");
        return CES_ERR_INVALID;
    }
    if (!s->header_seen) {
        ces_diag_add(s->d, CES_DIAG_ERROR, s->fname, 0, NULL, NULL, "the file is empty (no header row)");
        return CES_ERR_INVALID;
    }
    say_reading(s);
    report_progress(s);
    return CES_OK;
}

/* The UTF-16 encoding the source's byte order mark names, NULL when none. */
static const char *utf16_bom(stream *s)
{
    unsigned char b[2];
    size_t got = 0, more = 0;
    if (s->src->rewind(s->src->ctx) != CES_OK || s->src->read(s->src->ctx, b, 2, &got) != CES_OK)
        return NULL;
    if (got == 1 && s->src->read(s->src->ctx, b + 1, 1, &more) != CES_OK)
        return NULL;
    if (got + more < 2)
        return NULL;
    if (b[0] == 0xFF && b[1] == 0xFE)
        return "UTF-16LE";
    return b[0] == 0xFE && b[1] == 0xFF ? "UTF-16BE" : NULL;
}

static ces_status run(stream *s)
{
    ces_status st = start_pass(s, utf16_bom(s));
    int r = st == CES_OK ? pass(s) : (int)st;
    end_pass(s);
    if (r == RESTART) {
        if (s->fns->restart)
            s->fns->restart(s->fns->ctx);
        st = start_pass(s, "GB18030");
        r = st == CES_OK ? pass(s) : (int)st;
        end_pass(s);
    }
    st = (ces_status)r;
    /* the file's digest and length, when it was read to its end */
    if (st == CES_OK && !s->stop)
        st = ces_sha256_end(s->sha, s->info->sha256);
    else
        ces_sha256_discard(s->sha);
    s->sha = NULL;
    s->info->len = s->offset;
    return st;
}

ces_status ing_stream_read(const ces_byte_source *src, const char *fname, const ing_stream_fns *fns,
                           ing_stream_info *info, ces_diags *d)
{
    stream s = {.src = src, .fname = fname, .fns = fns, .d = d, .info = info, .cd = (iconv_t)-1};
    memset(info, 0, sizeof *info);
    ces_diags_init(&s.xml);
    s.raw = malloc(CHUNK + HEAD);
    s.text = malloc(2 * CHUNK + 16);
    ces_status st = s.raw && s.text ? run(&s) : CES_ERR_NOMEM;
    ces_diags_append(d, &s.xml);
    ces_diags_free(&s.xml);
    free(s.raw);
    free(s.text);
    return st;
}
