/* Shared steps of the commands: ingest -> archive -> score -> report. */
#include <stdio.h>
#include <string.h>

#include "cescore/i18n.h"
#include "cescore/score.h"
#include "cescore/version.h"
#include "cli_env.h"
#include "cli_msg.h"
#include "cli_opts.h"
#include "cli_pipeline.h"
#include "cli_progress.h"

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
        cli_error(st,
                  ces_ntr("%s: %zu error; nothing was archived or written",
                          "%s: %zu errors; nothing was archived or written", errors),
                  dir, errors);
    else if (st != CES_OK && st != CES_ERR_USAGE && count == 0)
        cli_error(st, "%s: cannot read the bundle (%s)", dir, ces_status_name(st));
    ces_columns_free(cols);
    return st;
}

ces_status cli_derive_cases(ces_archive *a, long import_id, const ces_config *cfg, const cli_opts *o,
                            ces_dataset *ds, ces_diags *d)
{
    if (!ds->files[CES_FILE_CASES].present)
        return CES_OK;
    ces_archive_file *f = NULL;
    ces_byte_source src;
    ces_status st = ces_archive_file_open(a, import_id, CES_FILE_CASES, &f, &src);
    if (st == CES_OK) {
        cli_progress pr;
        cli_progress_init(&pr, o, "cases.csv");
        st = ces_ingest_cases(ds, cfg, NULL, &src, cli_progress_update, &pr, d);
        cli_progress_end(&pr);
    }
    ces_archive_file_close(f);
    return st;
}

ces_status cli_score_prior(cli_ctx *c, const ces_dataset *ds, ces_prior_archive *prior, int *found)
{
    memset(prior, 0, sizeof *prior);
    *found = 0;
    if (ds->files[CES_FILE_PRIOR].present)
        return CES_OK;
    char prior_period[8];
    ces_period_format(ces_period_prior(ds->period, c->cfg.prior_rule), prior_period);
    ces_status st = ces_archive_prior_figures(c->a, prior_period, prior, found);
    return st == CES_OK ? st : cli_stage_fail(c, st);
}

ces_status cli_score(cli_ctx *c, const ces_dataset *ds, const ces_prior_archive *prior, int found,
                     ces_results *r)
{
    memset(r, 0, sizeof *r);
    ces_status st = ces_score(ds, &c->cfg, found ? prior : NULL, r);
    if (st != CES_OK)
        cli_error(st, "scoring failed: %s", ces_status_name(st));
    return st;
}

ces_status cli_store_run(cli_ctx *c, long import_id, const ces_results *r, long *run_id)
{
    char now[32];
    cli_now(now, sizeof now);
    ces_status st = ces_archive_save_run(c->a, import_id, &c->cfg, r, CES_ENGINE_VERSION,
                                         cli_operator(c->o), now, run_id);
    return st == CES_OK ? st : cli_stage_fail(c, st);
}

ces_status cli_score_and_store(cli_ctx *c, const ces_dataset *ds, long import_id, long *run_id,
                               ces_results *kept)
{
    ces_prior_archive prior;
    int found;
    ces_results r;
    memset(&r, 0, sizeof r);
    ces_status st = cli_score_prior(c, ds, &prior, &found);
    if (st == CES_OK)
        st = cli_score(c, ds, &prior, found, &r);
    if (st == CES_OK)
        st = cli_store_run(c, import_id, &r, run_id);
    if (st == CES_OK && kept)
        *kept = r; /* the caller's now */
    else
        ces_results_free(&r);
    ces_prior_archive_free(&prior);
    return st;
}

/* The prior period's published (finalized) run, for the ranking sheets' rank
 * change: *run_id = 0 and nothing loaded when the archive holds none. */
static ces_status load_prior_published(cli_ctx *c, const ces_config *cfg, ces_stored_run *out,
                                       long *run_id)
{
    char period[8];
    ces_period_format(ces_period_prior(c->p, cfg->prior_rule), period);
    *run_id = 0;
    ces_status st = ces_archive_finalized_run(c->a, period, run_id);
    if (st == CES_OK && *run_id)
        st = ces_archive_load_run(c->a, period, *run_id, out);
    if (st != CES_OK) {
        *run_id = 0;
        return cli_stage_fail(c, st);
    }
    return CES_OK;
}

/* The calendar a run recorded, parsed into cal and lent to cfg. */
static ces_status stored_calendar(const ces_stored_run *run, ces_config *cfg, ces_calendar *cal,
                                  ces_diags *d)
{
    char name[64];
    if (!run->calendar_text)
        return CES_OK;
    snprintf(name, sizeof name, _("run %ld's calendar"), run->run_id);
    ces_status st = ces_calendar_parse(run->calendar_text, run->calendar_len, name, cal, d);
    if (st == CES_OK)
        cfg->calendar = cal;
    return st;
}

ces_status cli_run_inputs(cli_ctx *c, const ces_stored_run *run, const ces_config *cfg, ces_dataset *ds)
{
    ces_status st = ces_archive_load_dataset(c->a, run->period, run->import_id, ds);
    if (st != CES_OK || !ds->files[CES_FILE_CASES].present)
        return st;
    ces_config counted = *cfg; /* shallow: only its calendar is changed, to the run's */
    ces_calendar cal;
    memset(&cal, 0, sizeof cal);
    ces_diags d;
    ces_diags_init(&d);
    st = stored_calendar(run, &counted, &cal, &d);
    if (st == CES_OK)
        st = cli_derive_cases(c->a, run->import_id, &counted, c->o, ds, &d);
    ces_calendar_free(&cal);
    if (st != CES_OK && st != CES_ERR_INVALID) /* INVALID: said by the caller */
        ces_diags_append(&c->d, &d);
    ces_diags_free(&d);
    return st;
}

ces_status cli_derive(cli_ctx *c, ces_stored_run *run, const ces_config *cfg, const ces_dataset *ds)
{
    ces_dataset loaded;
    memset(&loaded, 0, sizeof loaded);
    ces_prior_archive prior;
    memset(&prior, 0, sizeof prior);
    int found = 0;
    ces_status st = CES_OK;
    if (!ds) {
        st = cli_run_inputs(c, run, cfg, &loaded);
        ds = &loaded;
    }
    if (st == CES_OK && run->results.prior_source == CES_PRIOR_SOURCE_ARCHIVE)
        st = ces_archive_prior_figures_of_run(c->a, run->run_id, &prior, &found);
    if (st == CES_OK)
        st = ces_score_derive(ds, cfg, found ? &prior : NULL, &run->results);
    if (st == CES_ERR_INVALID) {
        cli_warning(c,
                    "run %ld: the rank sensitivity and small bases cannot be derived from its inputs "
                    "by this engine; the outputs leave them out",
                    run->run_id);
        run->results.derived = 0;
        st = CES_OK;
    } else if (st != CES_OK) {
        cli_stage_fail(c, st);
    }
    ces_prior_archive_free(&prior);
    ces_dataset_free(&loaded);
    return st;
}

ces_status cli_publish_run(cli_ctx *c, long run_id, const ces_dataset *ds, ces_results *fresh)
{
    const cli_opts *o = c->o;
    ces_stored_run run;
    ces_config cfg;
    ces_dataset loaded;
    memset(&loaded, 0, sizeof loaded);
    ces_status st = cli_load_stored_run(c, run_id, &run, &cfg, fresh);
    int uncounted = 0; /* its case list could not be counted again: nothing derived */
    if (st == CES_OK && !ds && (o->out || o->per_company)) {
        st = cli_run_inputs(c, &run, &cfg, &loaded);
        if (st == CES_ERR_INVALID)
            uncounted = 1, st = CES_OK;
        else if (st != CES_OK)
            cli_stage_fail(c, st);
        ds = &loaded;
    }
    ces_stored_run prior;
    memset(&prior, 0, sizeof prior);
    long prior_id = 0;
    if (st == CES_OK && (o->out || o->publish))
        st = load_prior_published(c, &cfg, &prior, &prior_id);
    /* the figures just scored come with their derived figures (ces_score) */
    int derived = fresh && run.results.derived;
    if (st == CES_OK && !derived && (o->json || o->out || o->per_company || o->publish))
        st = cli_derive(c, &run, &cfg, uncounted ? NULL : ds);
    if (st == CES_OK) {
        cli_say_run(c, &run);
        cli_say_provenance(c, &run);
        ces_report_ctx ctx;
        cli_report_ctx(&run, &cfg, ds, o->english, &ctx);
        ctx.prior_published = prior_id ? &prior.results : NULL;
        ctx.prior_published_run_id = prior_id;
        ces_acceptance acc; /* the audit sheet shows its import's accepted findings */
        int accepted = 0;
        st = ces_archive_acceptance(c->a, run.import_id, &acc, &accepted);
        ctx.acceptance = accepted ? &acc : NULL;
        if (st != CES_OK)
            cli_stage_fail(c, st);
        else
            st = cli_write_outputs(c, &ctx);
        if (accepted)
            ces_acceptance_free(&acc);
        if (st == CES_OK && cli_text_wanted(o))
            ces_report_ranking_text(&ctx, cli_stdout(c));
    }
    ces_stored_run_free(&prior);
    ces_dataset_free(&loaded);
    ces_config_free(&cfg);
    ces_stored_run_free(&run);
    return st;
}

ces_status cli_recompute(ces_archive *a, const ces_stored_run *run, const cli_opts *o, ces_results *out,
                         ces_diags *d)
{
    ces_config cfg;
    memset(&cfg, 0, sizeof cfg);
    ces_calendar cal;
    memset(&cal, 0, sizeof cal);
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
        st = stored_calendar(run, &cfg, &cal, d);
    if (st == CES_OK)
        st = ces_archive_load_dataset(a, run->period, run->import_id, &ds);
    if (st == CES_OK) /* the case list counted again with the run's config and calendar */
        st = cli_derive_cases(a, run->import_id, &cfg, o, &ds, d);
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
    ces_calendar_free(&cal);
    return st;
}
