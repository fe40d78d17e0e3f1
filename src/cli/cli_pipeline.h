/* The steps that the commands compose: ingest a bundle, score an archived
 * import and store the run, publish a stored run, and recompute a stored run
 * (rerun, review). Each reports through the command's channel (cli_msg.h). */
#ifndef CESCORE_CLI_PIPELINE_H
#define CESCORE_CLI_PIPELINE_H

#include "cli_env.h"

/* Ingest BUNDLE for the command's period with its config, printing every
 * diagnostic (warnings unless quiet). */
ces_status cli_ingest(cli_ctx *c, const char *dir, ces_dataset *ds);
/* The prior period's figures scoring takes from the archive (*found = 0
 * when there is no such run, or ds has its own prior.csv). */
ces_status cli_score_prior(cli_ctx *c, const ces_dataset *ds, ces_prior_archive *prior, int *found);
/* Score ds with the command's config and those figures (found 0: none);
 * touches neither the archive nor the terminal unless it fails. */
ces_status cli_score(cli_ctx *c, const ces_dataset *ds, const ces_prior_archive *prior, int found,
                     ces_results *r);
/* Store r as a run of import import_id. */
ces_status cli_store_run(cli_ctx *c, long import_id, const ces_results *r, long *run_id);
/* Score ds (an import of the archive) with the command's config, taking the
 * prior period's figures from the archive when the bundle has no prior.csv;
 * store the run. kept (NULL: none) gets the run's results, for
 * cli_publish_run to publish without reading them back. */
ces_status cli_score_and_store(cli_ctx *c, const ces_dataset *ds, long import_id, long *run_id,
                               ces_results *kept);
/* The inputs of a stored run as it was scored: its import, and its case list
 * (if any) counted again with cfg (the run's config) and the run's calendar.
 * CES_ERR_INVALID when this engine cannot count the archived case list
 * again (ds then holds the rows without the case counts); other failures
 * leave their problems in c->d. */
ces_status cli_run_inputs(cli_ctx *c, const ces_stored_run *run, const ces_config *cfg, ces_dataset *ds);
/* Fill the derived figures of a stored run (rank sensitivity, small_base:
 * ces_score_derive) from its inputs ds (NULL: loaded by cli_run_inputs),
 * its config cfg and the prior figures it used. A run this engine cannot
 * derive them for is written without them, with a warning. */
ces_status cli_derive(cli_ctx *c, ces_stored_run *run, const ces_config *cfg, const ces_dataset *ds);
/* Load a stored run of the command's period (run_id 0 = latest), write the
 * requested outputs from it and print the ranking (unless quiet). ds may be
 * NULL: then the run's inputs are loaded when an output needs them. fresh
 * (NULL: none) is the run's results as cli_score_and_store kept them: the
 * figures are taken from it (it is left empty) instead of the archive. */
ces_status cli_publish_run(cli_ctx *c, long run_id, const ces_dataset *ds, ces_results *fresh);

/* An archived case-level import's cases.csv read again from the archive and
 * counted into ds->cases with cfg (its response_working_days and calendar);
 * nothing for an import without cases.csv. Progress on a terminal unless
 * --quiet; problems go to d. */
ces_status cli_derive_cases(ces_archive *a, long import_id, const ces_config *cfg, const cli_opts *o,
                            ces_dataset *ds, ces_diags *d);

/* Score a stored run again from what the archive keeps of it: its import
 * (its case list counted again), its own config and calendar and the
 * prior-period figures it used. Prints nothing but progress: problems go
 * to d. out receives every recomputed figure. */
ces_status cli_recompute(ces_archive *a, const ces_stored_run *run, const cli_opts *o, ces_results *out,
                         ces_diags *d);

#endif
