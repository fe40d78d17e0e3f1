/* What the fuzz harnesses share: the fixtures and config they start from,
 * located at build time (CES_FUZZ_ROOT, the source tree). Each harness is
 * built twice: for libFuzzer (clang, tests/fuzz/run.sh) and with
 * tests/fuzz/driver.c as an ordinary program that runs the committed corpus
 * and regression inputs under ctest. */
#ifndef CESCORE_FUZZ_COMMON_H
#define CESCORE_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/file.h"
#include "cescore/ingest.h"

#ifndef CES_FUZZ_ROOT
#error "CES_FUZZ_ROOT must name the source tree"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A file of the source tree, read whole (exits when it cannot be). */
static inline unsigned char *fuzz_read(const char *rel, size_t *len)
{
    char path[4096];
    unsigned char *bytes;
    snprintf(path, sizeof path, "%s/%s", CES_FUZZ_ROOT, rel);
    if (ces_read_file(path, &bytes, len) != 0) {
        fprintf(stderr, "fuzz: cannot read %s\n", path);
        exit(2);
    }
    return bytes;
}

/* The shipped config (exits when it does not load). */
static inline void fuzz_config(ces_config *cfg)
{
    size_t len;
    unsigned char *text = fuzz_read("config/shanghai-2018.json", &len);
    ces_diags d;
    ces_diags_init(&d);
    if (ces_config_parse((const char *)text, len, "shanghai-2018.json", cfg, &d) != CES_OK)
        exit(2);
    ces_diags_free(&d);
    free(text);
}

/* The shipped header aliases (exits when they do not load). */
static inline ces_columns *fuzz_columns(void)
{
    size_t len;
    unsigned char *text = fuzz_read("config/columns.json", &len);
    ces_columns *cols = NULL;
    ces_diags d;
    ces_diags_init(&d);
    if (ces_columns_parse((const char *)text, len, "columns.json", &cols, &d) != CES_OK)
        exit(2);
    ces_diags_free(&d);
    free(text);
    return cols;
}

/* The files of fixtures/rules/valid-minimal (a valid bundle of 2024H1) into
 * files[], each present one malloc'ed. */
static inline void fuzz_bundle_files(ces_input_file files[CES_FILE_COUNT])
{
    memset(files, 0, CES_FILE_COUNT * sizeof *files);
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        char rel[256], path[4096];
        snprintf(rel, sizeof rel, "fixtures/rules/valid-minimal/%s", ces_file_name((ces_file_kind)k));
        snprintf(path, sizeof path, "%s/%s", CES_FUZZ_ROOT, rel);
        if (ces_read_file(path, &files[k].bytes, &files[k].len) == 0)
            files[k].present = 1;
    }
}

#endif
