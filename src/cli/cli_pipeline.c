/* Shared steps of the commands: ingest -> archive -> score -> report. */
#include <stdio.h>
#include <string.h>

#include "cescore/score.h"
#include "cescore/version.h"
#include "cli_env.h"
#include "cli_msg.h"
#include "cli_opts.h"
#include "cli_pipeline.h"

ces_status cli_ingest(cli_ctx *c, const char *dir, ces_dataset *ds)
{
    ces_columns *cols = NULL;
    ces_status st = cli_load_columns(c->o, &cols);
    if (st != CES_OK)
        return st;
    ces_diags d;
    ces_diags_init(&d);
    st = cli_ingest_bundle(c, dir, cols, ds, &d);
    size_t errors = d.errors, count = d.count;
    cli_print_diags(c->o, &d);
    if (st == CES_ERR_INVALID)
        cli_error(st, "%s: %zu error%s; nothing was archived or written", dir, errors,
                  errors == 1 ? "" : "s");
    else if (st != CES_OK && st != CES_ERR_USAGE && count == 0)
        cli_error(st, "%s: cannot read the bundle (%s)", dir, ces_status_name(st));
    ces_columns_free(cols);
    return st;
}

ces_status cli_score_and_store(cli_ctx *c, const ces_dataset *ds, long import_id, long *run_id)
{
    ces_prior_archive prior = {0};
    int found = 0;
    ces_status st = CES_OK;
    if (!ds->files[CES_FILE_PRIOR].present) {
        char prior_period[8];
        ces_period_format(ces_period_prior(ds->period, c->cfg.prior_rule), prior_period);
        st = ces_archive_prior_figures(c->a, prior_period, &prior, &found);
        if (st != CES_OK)
            return cli_stage_fail(c, st);
    }
    ces_results r;
    memset(&r, 0, sizeof r);
    st = ces_score(ds, &c->cfg, found ? &prior : NULL, &r);
    if (st != CES_OK) {
        cli_error(st, "scoring failed: %s", ces_status_name(st));
    } else {
        char now[32];
        cli_now(now, sizeof now);
        st = ces_archive_save_run(c->a, import_id, &c->cfg, &r, CES_ENGINE_VERSION, cli_operator(c->o),
                                  now, run_id);
        if (st != CES_OK)
            cli_stage_fail(c, st);
    }
    ces_results_free(&r);
    ces_prior_archive_free(&prior);
    return st;
}

ces_status cli_publish_run(cli_ctx *c, long run_id, const ces_dataset *ds)
{
    const cli_opts *o = c->o;
    ces_stored_run run;
    memset(&run, 0, sizeof run);
    ces_status st = ces_archive_load_run(c->a, c->period, run_id, &run);
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    ces_config cfg;
    memset(&cfg, 0, sizeof cfg);
    ces_dataset loaded;
    memset(&loaded, 0, sizeof loaded);
    st = cli_parse_stored_config(run.config_text, run.config_len, run.config_name, &cfg);
    if (st == CES_OK && !ds && (o->out || o->per_company)) {
        st = ces_archive_load_dataset(c->a, c->period, run.import_id, &loaded);
        if (st != CES_OK)
            cli_stage_fail(c, st);
        ds = &loaded;
    }
    if (st == CES_OK) {
        ces_report_ctx ctx;
        cli_report_ctx(&run, &cfg, ds, o->english, &ctx);
        st = cli_write_outputs(c, &ctx);
        if (st == CES_OK && cli_text_wanted(o))
            ces_report_ranking_text(&ctx, cli_stdout(c));
    }
    ces_dataset_free(&loaded);
    ces_config_free(&cfg);
    ces_stored_run_free(&run);
    return st;
}

ces_status cli_recompute(ces_archive *a, const ces_stored_run *run, ces_results *out, ces_diags *d)
{
    ces_config cfg;
    memset(&cfg, 0, sizeof cfg);
    ces_dataset ds;
    memset(&ds, 0, sizeof ds);
    ces_prior_archive prior;
    memset(&prior, 0, sizeof prior);
    int found = 0;
    ces_status st = ces_config_parse(run->config_text, run->config_len, run->config_name, &cfg, d);
    if (st != CES_OK)
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL,
                     "the stored config of run %ld no longer parses", run->run_id);
    if (st == CES_OK)
        st = ces_archive_load_dataset(a, run->period, run->import_id, &ds);
    if (st == CES_OK && run->results.prior_source == CES_PRIOR_SOURCE_ARCHIVE)
        st = ces_archive_prior_figures_of_run(a, run->run_id, &prior, &found);
    if (st == CES_OK) {
        st = ces_score(&ds, &cfg, found ? &prior : NULL, out);
        if (st != CES_OK)
            ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "scoring failed: %s",
                         ces_status_name(st));
    }
    ces_prior_archive_free(&prior);
    ces_dataset_free(&ds);
    ces_config_free(&cfg);
    return st;
}
