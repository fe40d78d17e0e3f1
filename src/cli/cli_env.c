/* Environment and shared steps of the commands. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cescore/i18n.h"
#include "cescore/jobs.h"
#include "cescore/text.h"
#include "cescore/time.h"
#include "cli_env.h"
#include "cli_msg.h"
#include "cli_opts.h"
#include "cli_progress.h"
#include "cli_witness.h"

void cli_bundled_path(const char *file, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", cli_default_config_dir, file);
}

void cli_now(char *buf, size_t n)
{
    time_t now = time(NULL);
    struct tm tm;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        time_t t = (time_t)v;
        /* a value that is not a time gmtime can show falls back to the clock */
        if (!*end && v >= 0 && errno == 0 && gmtime_r(&t, &tm) && tm.tm_year + 1900 <= 9999) {
            strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
            return;
        }
    }
    gmtime_r(&now, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *cli_operator(const cli_opts *o)
{
    if (o->by && *o->by)
        return o->by;
    const char *user = getenv("USER");
    if (user && *user)
        return user;
    struct passwd *pw = getpwuid(getuid());
    return pw && pw->pw_name ? pw->pw_name : "unknown";
}

ces_status cli_check_operator(const cli_command *c, const char *name)
{
    int ok = *name && !ces_text_needs_escape(name) && ces_utf8_chars(name) <= CLI_OPERATOR_MAX;
    for (const char *s = name; ok && *s;) {
        unsigned cp;
        size_t k = ces_utf8_next(s, strlen(s), &cp);
        ok = k > 0 && ces_xml_char_ok(cp);
        s += k;
    }
    if (ok)
        return CES_OK;
    return cli_error(CES_ERR_USAGE,
                     "%s: the operator \"%s\" is not a name (at most %d characters, no control "
                     "characters); give one with --by NAME",
                     c->name, cli_text(name), CLI_OPERATOR_MAX);
}

ces_status cli_max_file_bytes(size_t *max)
{
    const char *v = getenv("CESCORE_MAX_FILE_SIZE");
    *max = CES_MAX_INPUT_BYTES;
    if (!v || !*v)
        return CES_OK;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    int shift = *end == 'K' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
    if (shift)
        end++;
    if (errno || end == v || *end || v[0] == '-' || n == 0 || n > (SIZE_MAX >> shift))
        return cli_error(CES_ERR_USAGE,
                         "CESCORE_MAX_FILE_SIZE=%s is not a size (bytes, or a number with K, M or G)",
                         v);
    *max = (size_t)n << shift;
    return CES_OK;
}

ces_status cli_jobs(unsigned *jobs)
{
    const char *v = getenv("CESCORE_JOBS");
    *jobs = ces_jobs_available();
    if (!v || !*v)
        return CES_OK;
    if (!(*jobs = ces_jobs_parse(v)))
        return cli_error(CES_ERR_USAGE, "CESCORE_JOBS=%s is not a number of threads from 1 to %d",
                         cli_text(v), CES_JOBS_MAX);
    return CES_OK;
}

ces_status cli_ingest_bundle(cli_ctx *c, const char *dir, const ces_columns *cols, ces_dataset *ds,
                             ces_diags *d)
{
    ces_ingest_opts opts = {0};
    cli_progress pr;
    memset(ds, 0, sizeof *ds);
    ces_status st = cli_max_file_bytes(&opts.max_file_bytes);
    if (st != CES_OK)
        return st;
    cli_progress_init(&pr, c->o, "cases.csv");
    opts.progress = cli_progress_update;
    opts.progress_ctx = &pr;
    st = ces_ingest_bundle_opts(dir, c->p, &c->cfg, cols, &opts, ds, d);
    cli_progress_end(&pr);
    return st;
}

ces_status cli_period(const cli_command *c, const char *arg, ces_period *p)
{
    if (ces_period_parse(arg, p) == 0)
        return CES_OK;
    return cli_error(CES_ERR_USAGE, "%s: period \"%s\" is not of the form YYYYH1 or YYYYFY", c->name,
                     arg);
}

/* --option's path when given, else the bundled file's. */
static void config_file(const char *option, const char *bundled, char *buf, size_t n)
{
    if (option)
        snprintf(buf, n, "%s", option);
    else
        cli_bundled_path(bundled, buf, n);
}

/* Print every problem found loading a config file (what: _("the config")), free them. */
static ces_status report_loaded(ces_status st, ces_diags *d, const char *path, const char *what)
{
    int silent = d->count == 0;
    ces_diags_print(d, stderr);
    ces_diags_free(d);
    if (st == CES_ERR_IO && silent)
        cli_error(st, "%s: cannot read %s", path ? path : "?", what);
    return st;
}

ces_status cli_config_read(const char *path, ces_config *cfg, ces_diags *d)
{
    unsigned char *bytes = NULL;
    size_t len = 0;
    memset(cfg, 0, sizeof *cfg);
    int err = ces_read_file_limited(path, CES_CONFIG_MAX_BYTES, 0, &bytes, &len);
    if (err == ENOMEM)
        return CES_ERR_NOMEM;
    if (err == CES_READ_TOO_LARGE) {
        ces_diag_add(d, CES_DIAG_ERROR, path, 0, NULL, NULL, "%s; not a scoring config",
                     ces_read_strerror(err, CES_CONFIG_MAX_BYTES));
        return CES_ERR_INVALID;
    }
    if (err) {
        ces_diag_add(d, CES_DIAG_ERROR, path, 0, NULL, NULL, "cannot read: %s",
                     ces_read_strerror(err, CES_CONFIG_MAX_BYTES));
        return CES_ERR_IO;
    }
    ces_status st = ces_config_parse((const char *)bytes, len, path, cfg, d);
    free(bytes);
    return st;
}

ces_status cli_load_config(cli_ctx *c)
{
    const cli_opts *o = c->o;
    ces_config *cfg = &c->cfg;
    char path[PATH_MAX];
    config_file(o->config, "shanghai-2018.json", path, sizeof path);
    snprintf(c->cfg_path, sizeof c->cfg_path, "%s", path);
    ces_diags d;
    ces_diags_init(&d);
    return report_loaded(cli_config_read(path, cfg, &d), &d, path, _("the config"));
}

ces_status cli_load_stored_run(cli_ctx *c, long run_id, ces_stored_run *run, ces_config *cfg,
                               ces_results *fresh)
{
    memset(run, 0, sizeof *run);
    memset(cfg, 0, sizeof *cfg);
    ces_status st = fresh ? ces_archive_load_run_head(c->a, c->period, run_id, run)
                          : ces_archive_load_run(c->a, c->period, run_id, run);
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    if (fresh) { /* the figures just stored, as they were stored */
        ces_results_free(&run->results);
        run->results = *fresh;
        memset(fresh, 0, sizeof *fresh);
    }
    ces_diags d;
    ces_diags_init(&d);
    st = ces_config_parse(run->config_text, run->config_len, run->config_name, cfg, &d);
    return report_loaded(st, &d, run->config_name, _("the run's config"));
}

ces_status cli_load_columns(const cli_opts *o, ces_columns **cols)
{
    char path[PATH_MAX];
    config_file(o->columns, "columns.json", path, sizeof path);
    ces_diags d;
    ces_diags_init(&d);
    return report_loaded(ces_columns_load(path, cols, &d), &d, path, _("the column aliases"));
}

/* The *.json files of dir, read. CES_ERR_IO (reported to d) when unreadable. */
static ces_status read_calendar_dir(const char *dir, ces_calendar_file **files, size_t *n, ces_diags *d)
{
    struct dirent **list = NULL;
    int count = scandir(dir, &list, NULL, alphasort);
    ces_status st = CES_OK;
    *files = NULL;
    *n = 0;
    if (count < 0) {
        ces_diag_add(d, CES_DIAG_ERROR, dir, 0, NULL, NULL, "cannot read the calendar directory: %s",
                     strerror(errno));
        return CES_ERR_IO;
    }
    *files = calloc((size_t)count + 1, sizeof **files);
    for (int i = 0; i < count; i++) {
        const char *name = list[i]->d_name;
        size_t len = strlen(name);
        if (st == CES_OK && *files && len > 5 && !strcmp(name + len - 5, ".json")) {
            char path[PATH_MAX + 256];
            unsigned char *bytes = NULL;
            size_t blen = 0;
            snprintf(path, sizeof path, "%s/%s", dir, name);
            int err = ces_read_file(path, &bytes, &blen);
            if (err) {
                ces_diag_add(d, CES_DIAG_ERROR, path, 0, NULL, NULL, "cannot read: %s", strerror(err));
                st = err == ENOMEM ? CES_ERR_NOMEM : CES_ERR_IO;
            } else {
                (*files)[(*n)++] = (ces_calendar_file){strdup(name), (char *)bytes, blen};
            }
        }
        free(list[i]);
    }
    free(list);
    return *files ? st : CES_ERR_NOMEM;
}

ces_status cli_load_calendar(const cli_opts *o, ces_calendar *cal)
{
    char dir[PATH_MAX];
    struct stat sb;
    config_file(o->calendar, "calendar", dir, sizeof dir);
    ces_diags d;
    ces_diags_init(&d);
    ces_calendar_file *files = NULL;
    size_t n = 0;
    ces_status st = CES_OK;
    if (o->calendar || stat(dir, &sb) == 0)
        st = read_calendar_dir(dir, &files, &n, &d);
    if (st == CES_OK)
        st = ces_calendar_compose(files, n, dir, cal, &d);
    for (size_t i = 0; i < n; i++) {
        free((char *)files[i].name);
        free((char *)files[i].text);
    }
    free(files);
    return report_loaded(st, &d, dir, _("the working-day calendar"));
}

ces_status cli_parse_stored_calendar(const char *text, size_t len, long run_id, ces_calendar *cal)
{
    char name[64];
    snprintf(name, sizeof name, _("run %ld's calendar"), run_id);
    ces_diags d;
    ces_diags_init(&d);
    return report_loaded(ces_calendar_parse(text, len, name, cal, &d), &d, name,
                         _("the run's calendar"));
}

/* Check the archive just opened (CLI_CHECKS): a command that writes
 * refuses an archive that fails (exit 5); report and show say so and go on. */
static ces_status check_archive(cli_ctx *c)
{
    char why[1024] = "";
    ces_status st = cli_archive_check(c, why, sizeof why);
    if (st != CES_OK && st != CES_ERR_DIFFERENT && !(c->cmd->setup & CLI_WRITES)) {
        cli_alert("the archive %s could not be checked; what follows is unchecked", cli_text(c->o->db));
        return CES_OK; /* reading goes on: the auditor may still look */
    }
    if (st != CES_ERR_DIFFERENT)
        return st;
    if (c->cmd->setup & CLI_WRITES)
        return cli_error(st,
                         "%s: the archive %s does not pass its check: %s; nothing was written (cescore "
                         "verify names what does not match)",
                         c->cmd->name, cli_text(c->o->db), why);
    cli_alert(
        "the archive %s does not pass its check: %s; what follows may not be what was written "
        "(cescore verify)",
        cli_text(c->o->db), why);
    return CES_OK;
}

ces_status cli_open_archive(cli_ctx *c)
{
    ces_archive_mode mode = (c->cmd->setup & CLI_ARCHIVE_LATE) ? CES_ARCHIVE_CREATE
                                                               : CES_ARCHIVE_EXISTING;
    ces_status st = ces_archive_open(c->o->db, mode, &c->a, &c->d);
    if (st == CES_OK)
        ces_archive_set_jobs(c->a, c->jobs);
    if (st == CES_OK && (c->cmd->setup & CLI_WRITES)) {
        st = ces_archive_begin(c->a);
        c->in_tx = st == CES_OK;
    }
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    return (c->cmd->setup & CLI_CHECKS) ? check_archive(c) : CES_OK;
}

ces_status cli_commit(cli_ctx *c)
{
    if (!c->in_tx)
        return CES_OK;
    c->in_tx = 0;
    ces_status st = ces_archive_commit(c->a);
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    cli_witness_append(c);
    return CES_OK;
}

void cli_rollback(cli_ctx *c)
{
    if (c->in_tx)
        ces_archive_rollback(c->a);
    c->in_tx = 0;
}

void cli_say_run(cli_ctx *c, const ces_stored_run *run)
{
    if (!cli_text_wanted(c->o))
        return;
    long published = 0;
    if (ces_archive_finalized_run(c->a, run->period, &published) != CES_OK)
        cli_flush(c);
    const char *status = ces_run_status_id(run->status);
    char time[64];
    ces_time_beijing(run->time, 0, time, sizeof time);
    if (run->status == CES_RUN_FINAL)
        printf(_("%s: run %ld, the finalized (published) run, computed %s by %s\n"), run->period,
               run->run_id, time, cli_text(run->operator_name));
    else if (published)
        printf(_("%s: run %ld (%s), computed %s by %s; the period is finalized with run %ld\n"),
               run->period, run->run_id, status, time, cli_text(run->operator_name), published);
    else
        printf(_("%s: run %ld (%s%s), computed %s by %s; the period is not finalized\n"), run->period,
               run->run_id, status, (c->cmd->setup & CLI_WRITES) || c->o->run ? "" : _(", the latest"),
               time, cli_text(run->operator_name));
}

void cli_say_provenance(const cli_ctx *c, const ces_stored_run *run)
{
    if (!cli_text_wanted(c->o))
        return;
    const ces_results *r = &run->results;
    printf(_("config %s (sha256 %.12s)\n"), cli_text(c->cfg_path[0] ? c->cfg_path : run->config_name),
           run->config_sha256 ? run->config_sha256 : "");
    switch (r->prior_source) {
    case CES_PRIOR_SOURCE_ARCHIVE:
        printf(_("prior %s: run %ld in the archive\n"), r->prior_period, r->prior_run_id);
        break;
    case CES_PRIOR_SOURCE_CSV: printf(_("prior %s: prior.csv\n"), r->prior_period); break;
    case CES_PRIOR_SOURCE_NONE:
        /* said once, loudly: every row would otherwise carry no_prior */
        printf(_("prior %s: none, neither in the archive nor prior.csv: every company gets the "
                 "change-rate points for want of a prior period; import and run %s first, or add "
                 "prior.csv to the bundle\n"),
               r->prior_period, r->prior_period);
        break;
    }
}

ces_status cli_stage_fail(cli_ctx *c, ces_status st)
{
    if (c->d.count == 0)
        return cli_error(st, "%s", ces_status_name(st));
    cli_flush(c);
    return st;
}

FILE *cli_stdout(cli_ctx *c) { return c->later ? c->later : stdout; }

ces_status cli_emit_json(cli_ctx *c, cJSON *root)
{
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text)
        return cli_error(CES_ERR_NOMEM, "out of memory while writing JSON");
    ces_status st = CES_OK;
    if (!strcmp(c->o->json, "-")) {
        fputs(text, cli_stdout(c));
        fputc('\n', cli_stdout(c));
    } else {
        ces_diags d;
        ces_diags_init(&d);
        st = ces_outputs_bytes(c->out, c->o->json, text, strlen(text), &d);
        cli_print_diags(c->o, &d);
    }
    cJSON_free(text);
    return st;
}

int cli_text_wanted(const cli_opts *o) { return !o->quiet && !(o->json && !strcmp(o->json, "-")); }

void cli_report_ctx(const ces_stored_run *run, const ces_config *cfg, const ces_dataset *ds, int english,
                    ces_report_ctx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->results = &run->results;
    ctx->cfg = cfg;
    ctx->run_id = run->run_id;
    ctx->status = run->status;
    ctx->run_time = run->time;
    ctx->engine_version = run->engine_version;
    ctx->operator_name = run->operator_name;
    ctx->files = run->files;
    ctx->dataset = ds;
    ctx->calendar_sha256 = run->calendar_sha256;
    ctx->calendar_text = run->calendar_text;
    ctx->calendar_len = run->calendar_len;
    ctx->english = english;
    if (run->status == CES_RUN_FINAL && run->finalization_pos > 0) {
        ctx->finalization_pos = run->finalization_pos;
        ctx->finalization_hash = run->finalization_hash;
    }
}

/* Reserve the outputs of a stored run before writing any (a folder or path
 * that is refused stops the command before work is done): *folder for
 * --per-company, *book for --out, *publication for --publish. */
static ces_status reserve_outputs(cli_ctx *c, ces_output_folder **folder, const char **book,
                                  const char **publication, ces_diags *d)
{
    const cli_opts *o = c->o;
    ces_status st = CES_OK;
    if (o->per_company)
        st = ces_outputs_folder(c->out, o->per_company, CES_SCORECARDS_KIND, 1, folder, d);
    if (st == CES_OK && o->out)
        st = ces_outputs_file(c->out, o->out, book, d);
    if (st == CES_OK && o->publish)
        st = ces_outputs_file(c->out, o->publish, publication, d);
    return st;
}

ces_status cli_write_outputs(cli_ctx *c, const ces_report_ctx *run_ctx)
{
    const cli_opts *o = c->o;
    ces_report_ctx with_jobs = *run_ctx; /* CESCORE_JOBS: the threads any output is made on */
    with_jobs.jobs = c->jobs;
    const ces_report_ctx *ctx = &with_jobs;
    ces_diags d;
    ces_diags_init(&d);
    ces_output_folder *folder = NULL;
    const char *book = NULL, *publication = NULL;
    ces_status st = reserve_outputs(c, &folder, &book, &publication, &d);
    if (st == CES_OK && o->json) { /* streamed: never the whole text in memory */
        const char *at = NULL;
        if (!strcmp(o->json, "-"))
            st = ces_report_json_to(ctx, cli_stdout(c));
        else if ((st = ces_outputs_file(c->out, o->json, &at, &d)) == CES_OK)
            st = ces_report_json_at(ctx, at, o->json, &d);
    }
    if (st == CES_OK && book)
        st = ces_report_xlsx_at(ctx, book, o->out, &d);
    if (st == CES_OK && publication)
        st = ces_report_publication_at(ctx, publication, o->publish, &d);
    if (st == CES_OK && folder)
        st = ces_report_per_company_into(ctx, folder, &d);
    if (st == CES_OK && cli_text_wanted(o)) {
        const char *written[] = {o->json && strcmp(o->json, "-") ? o->json : NULL, o->out, o->publish,
                                 o->per_company};
        for (size_t i = 0; i < sizeof written / sizeof *written; i++)
            if (written[i]) {
                fputs(_("wrote "), cli_stdout(c));
                ces_fputs_escaped(written[i], cli_stdout(c));
                fputs(i == 3 ? _("/ (one scorecard per company)\n") : "\n", cli_stdout(c));
            }
    }
    if (st != CES_OK && d.count == 0)
        ces_diag_add_text(&d, CES_DIAG_ERROR, NULL, 0, NULL, 0, NULL, ces_status_name(st));
    cli_print_diags(o, &d);
    return st;
}

/* A command whose outputs report what it found writes them also when it
 * found a problem (validate: an invalid bundle; rerun, verify: a difference). */
static int findings(const cli_ctx *c, ces_status st)
{
    return (c->cmd->setup & CLI_FINDINGS) && (st == CES_ERR_INVALID || st == CES_ERR_DIFFERENT);
}

/* Flush every output to disk and write the folders' manifests. */
static ces_status outputs_ready(cli_ctx *c)
{
    ces_diags d;
    ces_diags_init(&d);
    ces_status st = ces_outputs_ready(c->out, &d);
    cli_print_diags(c->o, &d);
    return st;
}

/* Put the outputs in place and print the results held back. */
static ces_status publish(cli_ctx *c, int committed)
{
    ces_diags d;
    ces_diags_init(&d);
    ces_status st = ces_outputs_publish(c->out, &d);
    cli_print_diags(c->o, &d);
    if (st != CES_OK && committed)
        cli_error(st,
                  "%s: the archive was written, but not every output is in place; cescore report "
                  "writes a stored run's outputs again",
                  c->cmd->name);
    if (c->later && fflush(c->later) == 0 && c->later_len)
        fwrite(c->later_text, 1, c->later_len, stdout);
    return st;
}

ces_status cli_finish(cli_ctx *c, ces_status st)
{
    int wrote = c->in_tx;
    if (st == CES_OK)
        st = outputs_ready(c);
    if (st == CES_OK)
        st = cli_commit(c);
    else
        cli_rollback(c);
    if (st == CES_OK) {
        ces_status p = publish(c, wrote);
        return p;
    }
    if (findings(c, st) && outputs_ready(c) == CES_OK) {
        publish(c, 0);
        return st;
    }
    return st;
}
