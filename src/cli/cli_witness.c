/* The witness file (cli_witness.h). */
#include "cli_witness.h"
#include "cescore/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cescore/file.h"
#include "cescore/grow.h"
#include "cli_env.h"
#include "cli_msg.h"

typedef struct {
    long pos;
    char hash[65];
} witness_line;

void cli_witness_path(const cli_ctx *c, char *buf, size_t n)
{
    if (c->o->witness)
        snprintf(buf, n, "%s", c->o->witness);
    else
        snprintf(buf, n, "%s.chain", c->o->db);
}

static int is_hash(const char *s)
{
    size_t i = 0;
    for (; s[i]; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return i == 64;
}

/* The witness file's lines (none when it does not exist). CES_ERR_DIFFERENT
 * with why for a line that is not "N HASH". */
static ces_status read_witness(const char *path, witness_line **out, size_t *n, char *why, size_t wn)
{
    unsigned char *bytes;
    size_t len;
    *out = NULL;
    *n = 0;
    int err = ces_read_file_limited(path, (size_t)64 << 20, 1, &bytes, &len);
    if (err == ENOENT)
        return CES_OK;
    if (err)
        return cli_error(err == ENOMEM ? CES_ERR_NOMEM : CES_ERR_IO,
                         "%s: cannot read the witness file: %s", cli_text(path),
                         ces_read_strerror(err, (size_t)64 << 20));
    ces_status st = CES_OK;
    size_t cap = 0;
    long lineno = 0;
    for (char *line = (char *)bytes, *next; st == CES_OK && line < (char *)bytes + len; line = next) {
        char *nl = memchr(line, '\n', (size_t)((char *)bytes + len - line));
        next = nl ? nl + 1 : (char *)bytes + len;
        if (nl)
            *nl = '\0';
        lineno++;
        witness_line w;
        char hash[80], extra;
        if (sscanf(line, "%ld %79s %c", &w.pos, hash, &extra) != 2 || w.pos <= 0 || !is_hash(hash)) {
            snprintf(why, wn, _("the witness file %s, line %ld, is not \"N HASH\""), path, lineno);
            st = CES_ERR_DIFFERENT;
            break;
        }
        memcpy(w.hash, hash, 65);
        if (CES_GROW(*out, cap, *n, 64)) {
            st = CES_ERR_NOMEM;
            break;
        }
        (*out)[(*n)++] = w;
    }
    free(bytes);
    if (st != CES_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return st;
}

/* Every witnessed head against the chain; *last: the last position witnessed. */
static ces_status compare(const char *wpath, const witness_line *w, size_t nw, const ces_chain_entry *ch,
                          size_t nc, long *last, char *why, size_t n)
{
    *last = 0;
    for (size_t i = 0; i < nw; i++) {
        if (w[i].pos > *last)
            *last = w[i].pos;
        if ((size_t)w[i].pos > nc) {
            snprintf(why, n,
                     _("the witness file %s records entry %ld (hash %s), but the archive ends at entry "
                       "%zu: its tail was removed"),
                     wpath, w[i].pos, w[i].hash, nc);
            return CES_ERR_DIFFERENT;
        }
        if (strcmp(ch[w[i].pos - 1].hash, w[i].hash)) {
            snprintf(why, n,
                     _("entry %ld (%s %ld) has hash %s, the witness file %s records %s: the chain was "
                       "rewritten"),
                     w[i].pos, ch[w[i].pos - 1].entry, ch[w[i].pos - 1].id, ch[w[i].pos - 1].hash, wpath,
                     w[i].hash);
            return CES_ERR_DIFFERENT;
        }
    }
    return CES_OK;
}

/* The chain and the witness file compared; *last as in compare. */
static ces_status check_witness(cli_ctx *c, ces_chain_entry **ch, size_t *nc, long *last, char *why,
                                size_t n)
{
    char wpath[4096];
    witness_line *w = NULL;
    size_t nw = 0;
    cli_witness_path(c, wpath, sizeof wpath);
    ces_status st = ces_archive_chain(c->a, ch, nc);
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    st = read_witness(wpath, &w, &nw, why, n);
    if (st == CES_OK)
        st = compare(wpath, w, nw, *ch, *nc, last, why, n);
    free(w);
    return st;
}

ces_status cli_archive_check(cli_ctx *c, char *why, size_t n)
{
    int ok = 0;
    char msg[256];
    ces_status st = ces_archive_quick_check(c->a, &ok, msg, sizeof msg);
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    if (!ok) {
        snprintf(why, n, _("SQLite's quick_check: %s"), msg);
        return CES_ERR_DIFFERENT;
    }
    ces_chain_entry *ch = NULL;
    size_t nc = 0;
    long last;
    st = check_witness(c, &ch, &nc, &last, why, n);
    free(ch);
    return st;
}

ces_status cli_chain_head(cli_ctx *c, long *pos, char hash[65])
{
    ces_chain_entry *ch = NULL;
    size_t nc = 0;
    ces_status st = ces_archive_chain(c->a, &ch, &nc);
    *pos = 0;
    hash[0] = '\0';
    if (st == CES_OK && nc) {
        *pos = ch[nc - 1].pos;
        memcpy(hash, ch[nc - 1].hash, 65);
    }
    free(ch);
    if (st != CES_OK)
        return cli_stage_fail(c, st);
    return CES_OK;
}

void cli_witness_append(cli_ctx *c)
{
    char wpath[4096], hash[65], why[512] = "";
    witness_line *w = NULL;
    size_t nw = 0;
    long pos, last = 0;
    cli_witness_path(c, wpath, sizeof wpath);
    if (cli_chain_head(c, &pos, hash) != CES_OK || pos == 0)
        return;
    if (read_witness(wpath, &w, &nw, why, sizeof why) != CES_OK) {
        cli_alert("%s; the new head (entry %ld, %s) was not added to it",
                  why[0] ? why : _("the witness file cannot be read"), pos, hash);
        return;
    }
    for (size_t i = 0; i < nw; i++)
        if (w[i].pos > last)
            last = w[i].pos;
    free(w);
    if (pos <= last)
        return;
    char line[128];
    int len = snprintf(line, sizeof line, "%ld %s\n", pos, hash);
    int fd = open(wpath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    int ok = fd >= 0 && write(fd, line, (size_t)len) == len && fsync(fd) == 0;
    int e = errno;
    if (fd >= 0 && close(fd) != 0)
        ok = 0;
    if (!ok)
        cli_alert(
            "the archive was written, but its head (entry %ld, %s) could not be added to the "
            "witness file %s: %s",
            pos, hash, cli_text(wpath), strerror(e));
}

ces_status cli_witness_verify(cli_ctx *c, const char *head, const char **failed, long *witnessed,
                              char *why, size_t n)
{
    ces_chain_entry *ch = NULL;
    size_t nc = 0;
    *failed = NULL;
    ces_status st = check_witness(c, &ch, &nc, witnessed, why, n);
    if (st == CES_ERR_DIFFERENT) {
        *failed = "witness";
        st = CES_OK;
    } else if (st == CES_OK && head) {
        size_t i = 0;
        while (i < nc && strcmp(ch[i].hash, head))
            i++;
        if (i == nc) {
            snprintf(why, n,
                     _("%s is no entry of the chain: the archive does not descend from it (its tail was "
                       "removed, or the chain rewritten)"),
                     head);
            *failed = "head";
        }
    }
    free(ch);
    return st;
}
