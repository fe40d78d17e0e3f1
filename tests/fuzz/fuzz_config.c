/* Fuzz the scoring config: parse it, and when it loads, ingest the valid
 * bundle fixtures/rules/valid-minimal with it and score that (a config in
 * force meets archived inputs that were read with another one: score). */
#include "cescore/score.h"
#include "fuzz_common.h"

static ces_config shipped;
static ces_columns *cols;
static ces_dataset base;

static void init(void)
{
    fuzz_config(&shipped);
    cols = fuzz_columns();
    memset(&base, 0, sizeof base);
    fuzz_bundle_files(base.files);
    ces_period_parse("2024H1", &base.period);
    ces_diags d;
    ces_diags_init(&d);
    if (ces_ingest_files(&base, &shipped, cols, &d) != CES_OK)
        exit(2);
    ces_diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        init();
        ready = 1;
    }
    ces_config cfg;
    ces_diags d;
    ces_diags_init(&d);
    if (ces_config_parse((const char *)data, size, "fuzz.json", &cfg, &d) == CES_OK) {
        ces_results r;
        memset(&r, 0, sizeof r);
        ces_score(&base, &cfg, NULL, &r);
        ces_results_free(&r);
        /* and the bundle read with it: its checklist items are the columns */
        ces_dataset ds;
        memset(&ds, 0, sizeof ds);
        ds.period = base.period;
        for (int k = 0; k < CES_FILE_COUNT; k++) {
            ds.files[k] = base.files[k];
            if (base.files[k].present && !(ds.files[k].bytes = malloc(base.files[k].len + 1)))
                abort();
            if (base.files[k].present)
                memcpy(ds.files[k].bytes, base.files[k].bytes, base.files[k].len + 1);
        }
        if (ces_ingest_files(&ds, &cfg, cols, &d) == CES_OK) {
            memset(&r, 0, sizeof r);
            ces_score(&ds, &cfg, NULL, &r);
            ces_results_free(&r);
        }
        ces_dataset_free(&ds);
        ces_config_free(&cfg);
    }
    ces_diags_free(&d);
    return 0;
}
