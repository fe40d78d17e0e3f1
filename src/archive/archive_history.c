/* archive: the history of imports, runs, reviews and finalizations, in id
 * order: each a list of its entry record (archive.h). */
#include <stdlib.h>
#include <string.h>

#include "archive_db.h"
#include "archive_import.h"
#include "archive_records.h"
#include "cescore/archive.h"

CES_RECORD(CES_REC_IMPORT_ENTRY, ces_import_entry, NULL, "imports", CES_IMPORT_ENTRY_FIELDS)
CES_RECORD(CES_REC_RUN_ENTRY, ces_run_entry, NULL, "runs", CES_RUN_ENTRY_FIELDS)
CES_RECORD(CES_REC_REVIEW_ENTRY, ces_review_entry, NULL, "reviews", CES_REVIEW_ENTRY_FIELDS)
CES_RECORD(CES_REC_FINALIZATION_ENTRY, ces_finalization_entry, NULL, "finalizations",
           CES_FINALIZATION_ENTRY_FIELDS)

/* Every table is read for one period (?1) or, when it is NULL, all of them. */
static const arch_keying BY_PERIOD = {NULL, "?1 IS NULL OR period = ?1", "id", NULL};

/* The files (without bytes) and the acceptance of every loaded import. */
static ces_status load_import_files(ces_archive *a, ces_history *h)
{
    ces_status res = CES_OK;
    for (size_t k = 0; res == CES_OK && k < h->n_imports; k++) {
        res = arch_load_files(a, h->imports[k].id, h->imports[k].files, 0);
        if (res == CES_OK) /* schema v4 */
            res = ces_archive_acceptance(a, h->imports[k].id, &h->imports[k].acceptance,
                                         &h->imports[k].accepted);
    }
    return res;
}

ces_status ces_archive_history(ces_archive *a, const char *period, ces_history *out)
{
    memset(out, 0, sizeof *out);
    ces_status st = CES_OK;
    out->imports = arch_rec_load_array(a, &CES_REC_IMPORT_ENTRY, &BY_PERIOD, period, 0, &out->n_imports,
                                       &st);
    if (st == CES_OK)
        st = load_import_files(a, out);
    out->runs = arch_rec_load_array(a, &CES_REC_RUN_ENTRY, &BY_PERIOD, period, 0, &out->n_runs, &st);
    out->reviews = arch_rec_load_array(a, &CES_REC_REVIEW_ENTRY, &BY_PERIOD, period, 0, &out->n_reviews,
                                       &st);
    out->finalizations = arch_rec_load_array(a, &CES_REC_FINALIZATION_ENTRY, &BY_PERIOD, period, 0,
                                             &out->n_finalizations, &st);
    if (st != CES_OK)
        ces_history_free(out);
    return st;
}

void ces_history_free(ces_history *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n_imports; i++) {
        ces_record_free(&CES_REC_IMPORT_ENTRY, &h->imports[i]);
        for (int k = 0; k < CES_FILE_COUNT; k++) {
            free(h->imports[i].files[k].bytes);
            free(h->imports[i].files[k].header);
        }
        ces_acceptance_free(&h->imports[i].acceptance);
    }
    free(h->imports);
    ces_record_free_array(&CES_REC_RUN_ENTRY, h->runs, h->n_runs);
    ces_record_free_array(&CES_REC_REVIEW_ENTRY, h->reviews, h->n_reviews);
    ces_record_free_array(&CES_REC_FINALIZATION_ENTRY, h->finalizations, h->n_finalizations);
    memset(h, 0, sizeof *h);
}
