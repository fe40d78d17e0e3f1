/* Environment and shared steps of the commands. */
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

#include "cescore/text.h"
#include "cli_env.h"
#include "cli_msg.h"
#include "cli_opts.h"
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

ces_status cli_ingest_bundle(cli_ctx *c, const char *dir, const ces_columns *cols, ces_dataset *ds,
                             ces_diags *d)
{
    size_t max;
    memset(ds, 0, sizeof *ds);
    ces_status st = cli_max_file_bytes(&max);
    if (st == CES_OK)
        st = ces_ingest_bundle_limited(dir, c->p, &c->cfg, cols, max, ds, d);
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

ces_status cli_load_config(const cli_opts *o, ces_config *cfg)
{
    char path[PATH_MAX];
    config_file(o->config, "shanghai-2018.json", path, sizeof path);
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
    ces_status st = ces_archive_open(c->o->db, &c->a, &c->d);
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
    ctx->run_time = run->time;
    ctx->engine_version = run->engine_version;
    ctx->operator_name = run->operator_name;
    ctx->files = run->files;
    ctx->dataset = ds;
    ctx->english = english;
    if (run->finalized && run->finalization_pos > 0) {
        ctx->finalization_pos = run->finalization_pos;
        ctx->finalization_hash = run->finalization_hash;
    }
}

/* Reserve the outputs of a stored run before writing any (a folder or path
 * that is refused stops the command before work is done): *folder for
 * --per-company, *book for --out. */
static ces_status reserve_outputs(cli_ctx *c, ces_output_folder **folder, const char **book,
                                  ces_diags *d)
{
    const cli_opts *o = c->o;
    ces_status st = CES_OK;
    if (o->per_company)
        st = ces_outputs_folder(c->out, o->per_company, CES_SCORECARDS_KIND, 1, folder, d);
    if (st == CES_OK && o->out)
        st = ces_outputs_file(c->out, o->out, book, d);
    return st;
}

ces_status cli_write_outputs(cli_ctx *c, const ces_report_ctx *ctx)
{
    const cli_opts *o = c->o;
    ces_diags d;
    ces_diags_init(&d);
    ces_output_folder *folder = NULL;
    const char *book = NULL;
    ces_status st = reserve_outputs(c, &folder, &book, &d);
    if (st == CES_OK && o->json) {
        char *text = ces_report_json_string(ctx);
        if (!text)
            st = CES_ERR_NOMEM;
        else if (!strcmp(o->json, "-"))
            fputs(text, cli_stdout(c));
        else
            st = ces_outputs_bytes(c->out, o->json, text, strlen(text), &d);
        free(text);
    }
    if (st == CES_OK && book)
        st = ces_report_xlsx_at(ctx, book, o->out, &d);
    if (st == CES_OK && folder)
        st = ces_report_per_company_into(ctx, folder, &d);
    if (st != CES_OK && d.count == 0)
        ces_diag_add(&d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s", ces_status_name(st));
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
