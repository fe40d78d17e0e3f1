/* Fuzz the archive loader on corrupted databases: the input is a SQLite
 * file (seeded with real archives), opened as an archive and read every way
 * the commands read one: verify, history, every run and import loaded, the
 * prior figures. A finding of verify or a refusal is fine; a crash is not. */
#include <unistd.h>

#include "cescore/archive.h"
#include "fuzz_common.h"

static char path[64], journal[80];

static void write_db(const uint8_t *data, size_t size)
{
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
        abort();
    unlink(journal); /* no hot journal of the last input */
}

/* An import's case list, kept in chunks: read to its end. */
static void read_cases(ces_archive *a, long import_id)
{
    ces_archive_file *f = NULL;
    ces_byte_source src;
    unsigned char buf[4096];
    if (ces_archive_file_open(a, import_id, CES_FILE_CASES, &f, &src) != CES_OK)
        return;
    for (size_t got = 1; got && src.read(src.ctx, buf, sizeof buf, &got) == CES_OK;)
        ;
    ces_archive_file_close(f);
}

static void read_everything(ces_archive *a)
{
    ces_verify_report r;
    ces_archive_verify(a, &r);
    ces_history h;
    memset(&h, 0, sizeof h);
    if (ces_archive_history(a, NULL, &h) == CES_OK) {
        for (size_t i = 0; i < h.n_runs && i < 8; i++) {
            ces_stored_run run;
            if (ces_archive_load_run(a, NULL, h.runs[i].id, &run) == CES_OK)
                ces_stored_run_free(&run);
            ces_prior_archive p;
            int found;
            if (ces_archive_prior_figures_of_run(a, h.runs[i].id, &p, &found) == CES_OK)
                ces_prior_archive_free(&p);
        }
        for (size_t i = 0; i < h.n_imports && i < 8; i++) {
            ces_dataset ds;
            if (ces_archive_load_dataset(a, h.imports[i].period, h.imports[i].id, &ds) == CES_OK)
                ces_dataset_free(&ds);
            read_cases(a, h.imports[i].id);
            ces_prior_archive p;
            int found;
            if (ces_archive_prior_figures(a, h.imports[i].period, &p, &found) == CES_OK)
                ces_prior_archive_free(&p);
        }
    }
    ces_history_free(&h);
    ces_chain_entry *ch = NULL;
    size_t n;
    if (ces_archive_chain(a, &ch, &n) == CES_OK)
        free(ch);
    int ok;
    char msg[256];
    ces_archive_quick_check(a, &ok, msg, sizeof msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/ces_fuzz_archive_%ld.db", (long)getpid());
        snprintf(journal, sizeof journal, "%s-journal", path);
    }
    write_db(data, size);
    ces_diags d;
    ces_diags_init(&d);
    ces_archive *a = NULL;
    if (ces_archive_open(path, CES_ARCHIVE_EXISTING, &a, &d) == CES_OK)
        read_everything(a);
    ces_archive_close(a);
    ces_diags_free(&d);
    unlink(path);
    unlink(journal);
    return 0;
}
