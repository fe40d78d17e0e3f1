/* The steps that import, score and publish share: ingest a bundle, score an
 * archived import and store the run, publish a stored run. */
#ifndef CESCORE_CLI_PIPELINE_H
#define CESCORE_CLI_PIPELINE_H

#include "cli_env.h"

/* Ingest BUNDLE for period, printing every diagnostic (warnings unless quiet). */
ces_status cli_ingest(const cli_opts *o, const char *dir, ces_period period, const ces_config *cfg,
                      ces_dataset *ds);
/* Score ds (an import of the archive) with cfg, taking the prior period's
 * figures from the archive when the bundle has no prior.csv; store the run. */
ces_status cli_score_and_store(const cli_opts *o, ces_archive *a, const ces_config *cfg,
                               const ces_dataset *ds, long import_id, long *run_id);
/* Load a stored run, write the requested outputs from it and print the ranking
 * (unless quiet). ds may be NULL: then the run's inputs are loaded. */
ces_status cli_publish_run(const cli_opts *o, ces_archive *a, const char *period, long run_id,
                           const ces_dataset *ds);

#endif
