/* Header row -> column positions, by canonical name or alias. */
#include "ingest_header.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/i18n.h"
#include "ingest_columns.h"
#include "ingest_csv.h"
#include "ingest_text.h"

ces_diag_col ing_diag_col(const ing_col *cols, int j)
{
    ces_diag_col col = {NULL, NULL, -1};
    if (j >= 0)
        col = (ces_diag_col){cols[j].name, cols[j].header, cols[j].idx};
    return col;
}

static int header_names(const ces_columns *aliases, ces_file_kind k, const ing_col *c, const char *h)
{
    return ing_columns_match(aliases, k, c->name, h) || (c->alt && ing_name_eq(c->alt, h));
}

static int header_near(const ces_columns *aliases, ces_file_kind k, const ing_col *c, const char *h)
{
    return ing_columns_match_loose(aliases, k, c->name, h) ||
           (c->alt && ing_columns_match_loose(NULL, k, c->alt, h));
}

/* "J, L–N" of the fields in fields[0..n) (ascending) into buf. */
static void letter_ranges(const int *fields, size_t n, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < len;) {
        size_t j = i;
        while (j + 1 < n && fields[j + 1] == fields[j] + 1)
            j++;
        char a[8], b[8];
        ces_column_letter(fields[i], a, sizeof a);
        ces_column_letter(fields[j], b, sizeof b);
        if (j == i)
            used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? ", " : "", a);
        else
            used += (size_t)snprintf(buf + used, len - used, "%s%s–%s", i ? ", " : "", a, b);
        i = j + 1;
    }
}

/* One warning for the header cells of the file that are empty. */
static void empty_headers(const ing_record *hdr, const char *fname, ces_diags *d)
{
    int *fields = malloc((hdr->n + 1) * sizeof *fields);
    size_t n = 0;
    if (!fields)
        return;
    const char *h = hdr->fields;
    for (size_t i = 0; i < hdr->n; i++, h = i < hdr->n ? ing_next_field(h) : h)
        if (!h[0])
            fields[n++] = (int)i;
    if (n == 1) {
        ces_diag_col col = {NULL, "", fields[0]};
        ces_diag_add_col(d, CES_DIAG_WARNING, fname, hdr->line, &col, NULL,
                         "no header, ignored (a value under it is an error)");
    } else if (n > 1) {
        char letters[256];
        letter_ranges(fields, n, letters, sizeof letters);
        ces_diag_add(d, CES_DIAG_WARNING, fname, hdr->line, NULL, NULL,
                     "columns %s have no header, ignored (a value under one is an error)", letters);
    }
    free(fields);
}

/* The column of cols[0..n) whose header h would be but for spaces or line
 * breaks, -1 when none. */
static int near_column(const ces_columns *aliases, ces_file_kind k, const ing_col *cols, size_t n,
                       const char *h)
{
    for (size_t j = 0; j < n; j++)
        if (cols[j].idx < 0 && header_near(aliases, k, &cols[j], h))
            return (int)j;
    return -1;
}

/* A header that names no column: a warning, with a hint when it is a known
 * header but for spaces or line breaks (*near: that column, else -1). */
static void unknown_header(const ing_record *hdr, size_t i, const char *h, ces_file_kind k,
                           const ces_columns *aliases, const ing_col *cols, size_t n, int *near,
                           ces_diags *d)
{
    ces_diag_col col = {NULL, h, (int)i};
    int j = near_column(aliases, k, cols, n, h);
    if (j >= 0)
        ces_diag_add_col(d, CES_DIAG_WARNING, ces_file_name(k), hdr->line, &col, h,
                         "unknown column, ignored; it differs from %s only by spaces or line breaks: "
                         "write the header without them",
                         cols[j].name);
    else
        ces_diag_add_col(d, CES_DIAG_WARNING, ces_file_name(k), hdr->line, &col, h,
                         "unknown column, ignored");
    if (j >= 0 && near[j] < 0)
        near[j] = (int)i;
}

int ing_header_map(const ing_record *hdr, ces_file_kind k, const ces_columns *aliases, ing_col *cols,
                   size_t n, ces_diags *d)
{
    const char *fname = ces_file_name(k);
    int ok = 0;
    int *near = malloc((n + 1) * sizeof *near);
    if (!near)
        return -1;
    for (size_t j = 0; j < n; j++) {
        cols[j].idx = -1;
        cols[j].header = NULL;
        near[j] = -1;
    }
    empty_headers(hdr, fname, d);
    const char *h = hdr->fields;
    for (size_t i = 0; i < hdr->n; i++, h = i < hdr->n ? ing_next_field(h) : h) {
        size_t j = 0;
        while (j < n && !header_names(aliases, k, &cols[j], h))
            j++;
        if (h[0] == '\0') {
            /* said once for the file (empty_headers) */
        } else if (j == n) {
            unknown_header(hdr, i, h, k, aliases, cols, n, near, d);
        } else if (cols[j].idx >= 0) {
            ces_diag_col col = {cols[j].name, h, (int)i};
            ces_diag_add_col(d, CES_DIAG_ERROR, fname, hdr->line, &col, h,
                             "%s names the same column as %s (%s)", h, cols[j].header,
                             ing_letter(cols[j].idx));
            ok = -1;
        } else {
            cols[j].idx = (int)i;
            cols[j].header = h;
        }
    }
    for (size_t j = 0; j < n; j++) {
        if (!cols[j].required || cols[j].idx >= 0)
            continue;
        if (near[j] >= 0)
            ces_diag_add(d, CES_DIAG_ERROR, fname, hdr->line, cols[j].name, NULL,
                         "missing required column (column %s differs from its header only by spaces or "
                         "line breaks)",
                         ing_letter(near[j]));
        else
            ces_diag_add(d, CES_DIAG_ERROR, fname, hdr->line, cols[j].name, NULL,
                         "missing required column");
        ok = -1;
    }
    free(near);
    return ok;
}
