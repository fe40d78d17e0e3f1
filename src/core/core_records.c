/* What is done with any record (records.h) field by field: read and set a
 * field, free a row's strings, write its canonical text
 * (docs/archive-schema.md, "Canonical text"). The descriptors themselves are
 * defined beside their structs' functions: core_dataset.c, core_results.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/records.h"

/* Enumerations are read and set as int. */
_Static_assert(sizeof(ces_group) == sizeof(int), "ces_group is int-sized");
_Static_assert(sizeof(ces_org_type) == sizeof(int), "ces_org_type is int-sized");
_Static_assert(sizeof(ces_ded) == sizeof(int), "ces_ded is int-sized");
_Static_assert(sizeof(ces_excl_reason) == sizeof(int), "ces_excl_reason is int-sized");

/* ---- one field ---- */

static void *at(const ces_field *f, const void *row) { return (char *)row + f->offset; }

int ces_field_is_text(const ces_field *f)
{
    return f->type == CES_FT_STR || f->type == CES_FT_CHARS || f->type == CES_FT_ENUM;
}

/* The value of type T at p (a field's storage need not be aligned). */
#define READ_AS(T, p)                                                                                   \
    do {                                                                                                \
        T v_;                                                                                           \
        memcpy(&v_, p, sizeof v_);                                                                      \
        return v_;                                                                                      \
    } while (0)

long long ces_field_int(const ces_field *f, const void *row)
{
    const void *p = at(f, row);
    switch (f->type) {
    case CES_FT_INT:
    case CES_FT_ENUM: READ_AS(int, p);
    case CES_FT_LONG: READ_AS(long, p);
    case CES_FT_I64: READ_AS(int64_t, p);
    case CES_FT_UINT: READ_AS(unsigned, p);
    case CES_FT_STR:
    case CES_FT_CHARS:
    case CES_FT_DBL: break;
    }
    return 0;
}

double ces_field_dbl(const ces_field *f, const void *row)
{
    double v = 0.0;
    if (f->type == CES_FT_DBL)
        memcpy(&v, at(f, row), sizeof v);
    return v;
}

double ces_field_num(const ces_field *f, const void *row)
{
    return f->type == CES_FT_DBL ? ces_field_dbl(f, row) : (double)ces_field_int(f, row);
}

const char *ces_field_text(const ces_field *f, const void *row)
{
    if (f->type == CES_FT_ENUM)
        return f->en->id((int)ces_field_int(f, row));
    if (f->type == CES_FT_CHARS)
        return at(f, row);
    const char *s = NULL;
    if (f->type == CES_FT_STR)
        memcpy(&s, at(f, row), sizeof s);
    return s;
}

void ces_field_set_int(const ces_field *f, void *row, long long v)
{
    void *p = at(f, row);
    switch (f->type) {
    case CES_FT_INT:
    case CES_FT_ENUM: {
        int x = (int)v;
        memcpy(p, &x, sizeof x);
        break;
    }
    case CES_FT_LONG: {
        long x = (long)v;
        memcpy(p, &x, sizeof x);
        break;
    }
    case CES_FT_I64: {
        int64_t x = v;
        memcpy(p, &x, sizeof x);
        break;
    }
    case CES_FT_UINT: {
        unsigned x = (unsigned)v;
        memcpy(p, &x, sizeof x);
        break;
    }
    case CES_FT_STR:
    case CES_FT_CHARS:
    case CES_FT_DBL: break;
    }
}

void ces_field_set_dbl(const ces_field *f, void *row, double v)
{
    if (f->type == CES_FT_DBL)
        memcpy(at(f, row), &v, sizeof v);
}

void ces_field_set_str(const ces_field *f, void *row, char *s)
{
    if (f->type == CES_FT_STR)
        memcpy(at(f, row), &s, sizeof s);
}

void ces_field_copy_text(const ces_field *f, void *row, const char *s)
{
    if (f->type == CES_FT_CHARS && f->size)
        snprintf(at(f, row), f->size, "%s", s ? s : "");
}

/* ---- a whole row ---- */

void ces_record_free(const ces_record *rec, void *row)
{
    for (size_t i = 0; i < rec->n; i++) {
        const ces_field *f = &rec->fields[i];
        if (f->type == CES_FT_STR) {
            free((char *)ces_field_text(f, row));
            ces_field_set_str(f, row, NULL);
        }
    }
}

void ces_record_free_array(const ces_record *rec, void *rows, size_t n)
{
    for (size_t i = 0; rows && i < n; i++)
        ces_record_free(rec, (char *)rows + rec->size * i);
    free(rows);
}

void ces_record_canon(ces_buf *b, const ces_record *rec, const void *row)
{
    for (size_t i = 0; i < rec->n; i++) {
        const ces_field *f = &rec->fields[i];
        if (ces_field_is_text(f))
            ces_buf_str(b, f->key, ces_field_text(f, row));
        else if (f->type == CES_FT_DBL)
            ces_buf_dbl(b, f->key, ces_field_dbl(f, row));
        else
            ces_buf_int(b, f->key, ces_field_int(f, row));
    }
}
