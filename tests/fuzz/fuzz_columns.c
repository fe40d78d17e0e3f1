/* Fuzz columns.json, the header aliases: parse it, and when it loads, read
 * the valid bundle fixtures/rules/valid-minimal with it. */
#include "fuzz_common.h"

static ces_config cfg;
static ces_input_file base[CES_FILE_COUNT];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        fuzz_config(&cfg);
        fuzz_bundle_files(base);
        ready = 1;
    }
    ces_columns *cols = NULL;
    ces_diags d;
    ces_diags_init(&d);
    if (ces_columns_parse((const char *)data, size, "fuzz.json", &cols, &d) == CES_OK) {
        ces_dataset ds;
        memset(&ds, 0, sizeof ds);
        ces_period_parse("2024H1", &ds.period);
        for (int k = 0; k < CES_FILE_COUNT; k++) {
            ds.files[k] = base[k];
            if (base[k].present && !(ds.files[k].bytes = malloc(base[k].len + 1)))
                abort();
            if (base[k].present)
                memcpy(ds.files[k].bytes, base[k].bytes, base[k].len + 1);
        }
        ces_ingest_files(&ds, &cfg, cols, &d);
        ces_dataset_free(&ds);
        ces_columns_free(cols);
    }
    ces_diags_free(&d);
    return 0;
}
