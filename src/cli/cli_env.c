/* Environment and shared steps of the commands. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cescore/time.h"
#include "cli_env.h"
#include "cli_msg.h"
#include "cli_opts.h"

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

/* Print every problem found loading a config file (what: "the config"), free them. */
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
    int err = ces_read_file(path, &bytes, &len);
    if (err == ENOMEM)
        return CES_ERR_NOMEM;
    if (err) {
        ces_diag_add(d, CES_DIAG_ERROR, path, 0, NULL, NULL, "cannot read: %s", strerror(err));
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
    return report_loaded(cli_config_read(path, cfg, &d), &d, path, "the config");
}

ces_status cli_parse_stored_config(const char *text, size_t len, const char *name, ces_config *cfg)
{
    ces_diags d;
    ces_diags_init(&d);
    return report_loaded(ces_config_parse(text, len, name, cfg, &d), &d, name, "the run's config");
}

ces_status cli_load_columns(const cli_opts *o, ces_columns **cols)
{
    char path[PATH_MAX];
    config_file(o->columns, "columns.json", path, sizeof path);
    ces_diags d;
    ces_diags_init(&d);
    return report_loaded(ces_columns_load(path, cols, &d), &d, path, "the column aliases");
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
    return report_loaded(st, &d, dir, "the working-day calendar");
}

ces_status cli_parse_stored_calendar(const char *text, size_t len, long run_id, ces_calendar *cal)
{
    char name[64];
    snprintf(name, sizeof name, "run %ld's calendar", run_id);
    ces_diags d;
    ces_diags_init(&d);
    return report_loaded(ces_calendar_parse(text, len, name, cal, &d), &d, name, "the run's calendar");
}

ces_status cli_open_archive(cli_ctx *c)
{
    ces_archive_mode mode = (c->cmd->setup & CLI_ARCHIVE_LATE) ? CES_ARCHIVE_CREATE
                                                               : CES_ARCHIVE_EXISTING;
    ces_status st = ces_archive_open(c->o->db, mode, &c->a, &c->d);
    if (st == CES_OK && (c->cmd->setup & CLI_WRITES)) {
        st = ces_archive_begin(c->a);
        c->in_tx = st == CES_OK;
    }
    return st == CES_OK ? st : cli_stage_fail(c, st);
}

ces_status cli_commit(cli_ctx *c)
{
    if (!c->in_tx)
        return CES_OK;
    c->in_tx = 0;
    ces_status st = ces_archive_commit(c->a);
    return st == CES_OK ? st : cli_stage_fail(c, st);
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
        printf("%s: run %ld, the finalized (published) run, computed %s by %s\n", run->period,
               run->run_id, time, run->operator_name);
    else if (published)
        printf("%s: run %ld (%s), computed %s by %s; the period is finalized with run %ld\n",
               run->period, run->run_id, status, time, run->operator_name, published);
    else
        printf("%s: run %ld (%s%s), computed %s by %s; the period is not finalized\n", run->period,
               run->run_id, status, (c->cmd->setup & CLI_WRITES) || c->o->run ? "" : ", the latest",
               time, run->operator_name);
}

void cli_say_provenance(const cli_ctx *c, const ces_stored_run *run)
{
    if (!cli_text_wanted(c->o))
        return;
    const ces_results *r = &run->results;
    printf("config %s (sha256 %.12s)\n", c->cfg_path[0] ? c->cfg_path : run->config_name,
           run->config_sha256 ? run->config_sha256 : "");
    switch (r->prior_source) {
    case CES_PRIOR_SOURCE_ARCHIVE:
        printf("prior %s: run %ld in the archive\n", r->prior_period, r->prior_run_id);
        break;
    case CES_PRIOR_SOURCE_CSV: printf("prior %s: prior.csv\n", r->prior_period); break;
    case CES_PRIOR_SOURCE_NONE:
        printf("prior %s: none, neither in the archive nor prior.csv\n", r->prior_period);
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

ces_status cli_emit_json(const cli_ctx *c, cJSON *root)
{
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text)
        return cli_error(CES_ERR_NOMEM, "out of memory while writing JSON");
    ces_status st = CES_OK;
    if (!strcmp(c->o->json, "-")) {
        puts(text);
    } else {
        ces_diags d;
        ces_diags_init(&d);
        st = ces_write_file_atomic(c->o->json, text, strlen(text), &d);
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
}

ces_status cli_write_outputs(const cli_opts *o, const ces_report_ctx *ctx)
{
    ces_diags d;
    ces_diags_init(&d);
    ces_status st = CES_OK;
    if (o->json) {
        if (!strcmp(o->json, "-")) {
            char *text = ces_report_json_string(ctx);
            if (!text)
                return cli_error(CES_ERR_NOMEM, "out of memory while building the results JSON");
            fputs(text, stdout);
            free(text);
        } else {
            st = ces_report_json(ctx, o->json, &d);
        }
    }
    if (st == CES_OK && o->out)
        st = ces_report_xlsx(ctx, o->out, &d);
    if (st == CES_OK && o->publish)
        st = ces_report_publication(ctx, o->publish, &d);
    if (st == CES_OK && o->per_company)
        st = ces_report_per_company(ctx, o->per_company, &d);
    if (st == CES_OK && cli_text_wanted(o)) {
        const char *written[] = {o->json && strcmp(o->json, "-") ? o->json : NULL, o->out,
                                 o->per_company};
        for (size_t i = 0; i < sizeof written / sizeof *written; i++)
            if (written[i])
                printf("wrote %s%s\n", written[i], i == 2 ? "/ (one scorecard per company)" : "");
    }
    if (st != CES_OK && d.count == 0)
        ces_diag_add(&d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s", ces_status_name(st));
    cli_print_diags(o, &d);
    return st;
}
