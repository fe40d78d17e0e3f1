/* Fuzz a whole bundle, one input file at a time: the first byte of the input
 * chooses the file (companies.csv ... cases.csv), the rest replaces it in the
 * valid bundle fixtures/rules/valid-minimal. A bundle that validates is then
 * scored and written as the results JSON, so that ingest, score and the JSON
 * writer all see what a hostile bundle can make of a dataset. */
#include "cescore/report.h"
#include "cescore/score.h"
#include "fuzz_common.h"

static ces_config cfg;
static ces_columns *cols;
static ces_input_file base[CES_FILE_COUNT];

/* The dataset and config outlive every input: libFuzzer never returns. */
static void init(void)
{
    fuzz_config(&cfg);
    cols = fuzz_columns();
    fuzz_bundle_files(base);
}

static void score_and_write(const ces_dataset *ds)
{
    ces_results r;
    memset(&r, 0, sizeof r);
    if (ces_score(ds, &cfg, NULL, &r) == CES_OK) {
        ces_report_ctx ctx = {.results = &r,
                              .cfg = &cfg,
                              .run_id = 1,
                              .run_time = "2024-07-20T09:00:00Z",
                              .engine_version = "1.0.0",
                              .operator_name = "fuzz",
                              .files = ds->files,
                              .dataset = ds};
        free(ces_report_json_string(&ctx));
    }
    ces_results_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        init();
        ready = 1;
    }
    if (size < 1)
        return 0;
    int chosen = data[0] % CES_FILE_COUNT;
    ces_dataset ds;
    memset(&ds, 0, sizeof ds);
    ces_period_parse("2024H1", &ds.period);
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        const unsigned char *bytes = k == chosen ? data + 1 : base[k].bytes;
        size_t len = k == chosen ? size - 1 : base[k].len;
        if (k != chosen && !base[k].present)
            continue;
        ds.files[k].present = 1;
        ds.files[k].bytes = malloc(len + 1);
        if (!ds.files[k].bytes)
            abort();
        if (len)
            memcpy(ds.files[k].bytes, bytes, len);
        ds.files[k].bytes[len] = '\0';
        ds.files[k].len = len;
    }
    ces_diags d;
    ces_diags_init(&d);
    if (ces_ingest_files(&ds, &cfg, cols, &d) == CES_OK)
        score_and_write(&ds);
    ces_diags_free(&d);
    ces_dataset_free(&ds);
    return 0;
}
