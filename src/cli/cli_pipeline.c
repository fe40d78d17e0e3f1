/* Shared steps of the commands: ingest -> archive -> score -> report. */
#include <stdio.h>
#include <string.h>

#include "cescore/score.h"
#include "cescore/version.h"
#include "cli_env.h"
#include "cli_opts.h"
#include "cli_pipeline.h"

ces_status cli_ingest(const cli_opts *o, const char *dir, ces_period period, const ces_config *cfg,
                      ces_dataset *ds)
{
    ces_columns *cols = NULL;
    ces_status st = cli_load_columns(o, &cols);
    if (st != CES_OK)
        return st;
    ces_diags d;
    ces_diags_init(&d);
    st = ces_ingest_bundle(dir, period, cfg, cols, ds, &d);
    if (d.errors || !o->quiet)
        ces_diags_print(&d, stderr);
    if (st == CES_ERR_INVALID)
        fprintf(stderr, "cescore: %s: %zu error%s; nothing was archived or written\n", dir, d.errors,
                d.errors == 1 ? "" : "s");
    else if (st != CES_OK && d.count == 0)
        fprintf(stderr, "cescore: %s: cannot read the bundle (%s)\n", dir, ces_status_name(st));
    ces_diags_free(&d);
    ces_columns_free(cols);
    return st;
}

ces_status cli_score_and_store(const cli_opts *o, ces_archive *a, const ces_config *cfg,
                               const ces_dataset *ds, long import_id, long *run_id)
{
    ces_prior_archive prior = {0};
    int found = 0;
    ces_status st = CES_OK;
    if (!ds->files[CES_FILE_PRIOR].present) {
        char prior_period[8];
        ces_period_format(ces_period_prior(ds->period, cfg->prior_rule), prior_period);
        st = ces_archive_prior_figures(a, prior_period, &prior, &found);
        if (st != CES_OK)
            return cli_archive_fail(a, st);
    }
    ces_results r;
    memset(&r, 0, sizeof r);
    st = ces_score(ds, cfg, found ? &prior : NULL, &r);
    if (st != CES_OK) {
        fprintf(stderr, "cescore: scoring failed: %s\n", ces_status_name(st));
    } else {
        char now[32];
        cli_now(now, sizeof now);
        st = ces_archive_save_run(a, import_id, cfg, &r, CES_ENGINE_VERSION, cli_operator(o), now, run_id);
        if (st != CES_OK)
            cli_archive_fail(a, st);
    }
    ces_results_free(&r);
    ces_prior_archive_free(&prior);
    return st;
}

ces_status cli_publish_run(const cli_opts *o, ces_archive *a, const char *period, long run_id,
                           const ces_dataset *ds)
{
    ces_stored_run run;
    memset(&run, 0, sizeof run);
    ces_status st = ces_archive_load_run(a, period, run_id, &run);
    if (st != CES_OK)
        return cli_archive_fail(a, st);
    ces_config cfg;
    memset(&cfg, 0, sizeof cfg);
    ces_dataset loaded;
    memset(&loaded, 0, sizeof loaded);
    st = cli_parse_stored_config(run.config_text, run.config_len, run.config_name, &cfg);
    if (st == CES_OK && !ds && (o->out || o->per_company)) {
        st = ces_archive_load_dataset(a, period, run.import_id, &loaded);
        if (st != CES_OK)
            cli_archive_fail(a, st);
        ds = &loaded;
    }
    if (st == CES_OK) {
        ces_report_ctx ctx;
        cli_report_ctx(&run, &cfg, ds, o->english, &ctx);
        st = cli_write_outputs(o, &ctx);
        if (st == CES_OK && cli_text_wanted(o))
            ces_report_ranking_text(&ctx, stdout);
    }
    ces_dataset_free(&loaded);
    ces_config_free(&cfg);
    ces_stored_run_free(&run);
    return st;
}
