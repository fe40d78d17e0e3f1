/* UTF-8 text -> CSV records (libcsv, RFC 4180), read one at a time, each
 * with the physical line where it starts; fields trimmed; blank records
 * skipped. A record's fields live in the reader's one buffer until the next
 * record is read: parsing allocates nothing per field or per record, so a
 * file costs its text and its longest record. */
#ifndef CESCORE_INGEST_CSV_H
#define CESCORE_INGEST_CSV_H

#include <stddef.h>
#include "cescore/diag.h"
#include "cescore/status.h"

typedef struct {
    const char *fields; /* the record's n fields, trimmed, each NUL-terminated, one after the other */
    size_t n;
    long line;          /* physical line of the record's first byte (1-based) */
    const size_t *offs; /* where each field starts in fields, or NULL (ing_cell then counts) */
} ing_record;

typedef struct ing_csv ing_csv;

/* The spaces beyond ASCII ones that a reader trimmed from its fields
 * (ing_uspace: U+00A0, U+3000...): how many fields, the first one's line
 * and code point. */
typedef struct {
    size_t fields;
    long line;
    unsigned cp;
} ing_csv_spaces;

/* A reader of the records of text (len bytes, which must outlive it). */
ces_status ing_csv_open(const char *text, size_t len, ing_csv **out);
/* The next record into *rec (valid until the next call): 1, or 0 at the end
 * of the text, at a quoting error or when memory failed (ing_csv_status). */
int ing_csv_next(ing_csv *r, ing_record *rec);
/* A reader fed in pieces (a stream, ingest_stream.c): each piece is part
 * of one physical line, terminated says it ends that line (its LF, CRLF or
 * lone CR included). ing_csv_feed answers 1 when a record that is not blank
 * ended with the piece: *rec holds it until the next call. ing_csv_finish,
 * at the end of the text, hands out the last record the same way. After a
 * quoting error or a memory failure both answer 0 (ing_csv_status). */
ces_status ing_csv_open_pieces(ing_csv **out);
int ing_csv_feed(ing_csv *r, const char *t, size_t n, int terminated, ing_record *rec);
int ing_csv_finish(ing_csv *r, ing_record *rec);
/* After ing_csv_next, ing_csv_feed or ing_csv_finish answered 0: CES_OK at the end of the text;
 * CES_ERR_INVALID at a quoting error, *line being where; CES_ERR_NOMEM. */
ces_status ing_csv_status(const ing_csv *r, long *line);
void ing_csv_close(ing_csv *r);
/* Separate fields with delim ('\t' for a tab-separated "Unicode text"
 * export) instead of a comma; before the first record. */
void ing_csv_set_delim(ing_csv *r, char delim);
/* The Unicode spaces trimmed so far. */
ing_csv_spaces ing_csv_spaces_of(const ing_csv *r);
/* A copy of rec's fields into *block (malloc'ed), *copy reading them:
 * a record kept beyond the next one read (a file's header). -1 without
 * memory. */
int ing_record_copy(const ing_record *rec, ing_record *copy, char **block);

/* Read the whole of text once (fields separated by delim) to check its
 * structure and count its records (blank ones not counted); *spaces: the
 * Unicode spaces trimmed. A quoting error adds "FNAME:LINE: malformed CSV:
 * ..." and returns CES_ERR_INVALID. CES_ERR_NOMEM when memory fails. */
ces_status ing_csv_check(const char *text, size_t len, const char *fname, char delim, size_t *records,
                         ing_csv_spaces *spaces, ces_diags *d);

/* The field at idx of r, "" when idx < 0 or beyond the record. */
const char *ing_cell(const ing_record *r, int idx);
/* The field after f, a field of a record that has one after it. */
const char *ing_next_field(const char *f);

#endif
