/* Header row -> column positions, by canonical name or alias. */
#include "ingest_header.h"

#include <string.h>

#include "ingest_columns.h"
#include "ingest_csv.h"
#include "ingest_text.h"

static int header_names(const ces_columns *aliases, ces_file_kind k, const ing_col *c, const char *h)
{
    return ing_columns_match(aliases, k, c->name, h) || (c->alt && ing_name_eq(c->alt, h));
}

int ing_header_map(const ing_record *hdr, ces_file_kind k, const ces_columns *aliases, ing_col *cols,
                   size_t n, ces_diags *d)
{
    const char *fname = ces_file_name(k);
    int ok = 0;
    for (size_t j = 0; j < n; j++)
        cols[j].idx = -1;
    const char *h = hdr->fields;
    for (size_t i = 0; i < hdr->n; i++, h = i < hdr->n ? ing_next_field(h) : h) {
        size_t j = 0;
        while (j < n && !header_names(aliases, k, &cols[j], h))
            j++;
        if (h[0] == '\0') {
            ces_diag_add(d, CES_DIAG_WARNING, fname, hdr->line, NULL, NULL,
                         "field %zu has an empty header, ignored", i + 1);
        } else if (j == n) {
            ces_diag_add(d, CES_DIAG_WARNING, fname, hdr->line, h, h, "unknown column, ignored");
        } else if (cols[j].idx >= 0) {
            ces_diag_add(d, CES_DIAG_ERROR, fname, hdr->line, cols[j].name, h,
                         "%s names the same column as %s", h, ing_cell(hdr, cols[j].idx));
            ok = -1;
        } else {
            cols[j].idx = (int)i;
        }
    }
    for (size_t j = 0; j < n; j++) {
        if (cols[j].required && cols[j].idx < 0) {
            ces_diag_add(d, CES_DIAG_ERROR, fname, hdr->line, cols[j].name, NULL,
                         "missing required column");
            ok = -1;
        }
    }
    return ok;
}
