/* config/columns.json: for each input file, each canonical column and the
 * header aliases that name it. */
#include "ingest_columns.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/file.h"
#include "ingest_text.h"

typedef struct {
    char *canon;
    char **aliases;
    size_t n_aliases;
} col_aliases;

struct ces_columns {
    col_aliases *cols[CES_FILE_COUNT];
    size_t n_cols[CES_FILE_COUNT];
};

void ces_columns_free(ces_columns *c)
{
    if (!c)
        return;
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        for (size_t i = 0; i < c->n_cols[k]; i++) {
            for (size_t j = 0; j < c->cols[k][i].n_aliases; j++)
                free(c->cols[k][i].aliases[j]);
            free(c->cols[k][i].aliases);
            free(c->cols[k][i].canon);
        }
        free(c->cols[k]);
    }
    free(c);
}

static int file_kind_of(const char *name)
{
    for (int k = 0; k < CES_FILE_COUNT; k++)
        if (strcmp(ces_file_name((ces_file_kind)k), name) == 0)
            return k;
    return -1;
}

/* Another column of the same file already claims alias a? Returns its name. */
static const char *alias_owner(const ces_columns *c, int k, const char *a)
{
    for (size_t i = 0; i < c->n_cols[k]; i++) {
        if (ing_name_eq(c->cols[k][i].canon, a))
            return c->cols[k][i].canon;
        for (size_t j = 0; j < c->cols[k][i].n_aliases; j++)
            if (ing_name_eq(c->cols[k][i].aliases[j], a))
                return c->cols[k][i].canon;
    }
    return NULL;
}

/* Parse one "column": [aliases] entry into c->cols[k] (already sized). */
static ces_status parse_column(ces_columns *c, int k, const cJSON *col, const char *src, ces_diags *d)
{
    col_aliases *ca = &c->cols[k][c->n_cols[k]];
    const char *fname = ces_file_name((ces_file_kind)k);
    int n = cJSON_GetArraySize(col);
    const cJSON *a;
    ces_status st = CES_OK;
    if (!cJSON_IsArray(col)) {
        ces_diag_add(d, CES_DIAG_ERROR, src, 0, NULL, NULL, "files.%s.%s: not an array of strings",
                     fname, col->string);
        return CES_ERR_INVALID;
    }
    ca->canon = strdup(col->string);
    ca->aliases = calloc((size_t)n + 1, sizeof *ca->aliases);
    if (!ca->canon || !ca->aliases) {
        free(ca->canon);
        free(ca->aliases);
        return CES_ERR_NOMEM;
    }
    c->n_cols[k]++;
    cJSON_ArrayForEach(a, col)
    {
        const char *owner;
        if (!cJSON_IsString(a) || !a->valuestring[0]) {
            ces_diag_add(d, CES_DIAG_ERROR, src, 0, NULL, NULL,
                         "files.%s.%s: aliases must be non-empty strings", fname, col->string);
            st = CES_ERR_INVALID;
            continue;
        }
        owner = alias_owner(c, k, a->valuestring);
        if (owner && strcmp(owner, col->string) != 0) {
            ces_diag_add(d, CES_DIAG_ERROR, src, 0, NULL, a->valuestring,
                         "files.%s.%s: alias \"%s\" already names column %s", fname, col->string,
                         a->valuestring, owner);
            st = CES_ERR_INVALID;
            continue;
        }
        if (!(ca->aliases[ca->n_aliases] = strdup(a->valuestring)))
            return CES_ERR_NOMEM;
        ca->n_aliases++;
    }
    return st;
}

/* The first member of obj before `until` whose key is `key`: a key given
 * twice (cJSON keeps both members, and lookups see the first only). */
static const cJSON *earlier_member(const cJSON *obj, const cJSON *until, const char *key)
{
    for (const cJSON *m = obj->child; m && m != until; m = m->next)
        if (m->string && key && strcmp(m->string, key) == 0)
            return m;
    return NULL;
}

static ces_status parse_file(ces_columns *c, const cJSON *files, const cJSON *f, const char *src,
                             ces_diags *d)
{
    int k = file_kind_of(f->string);
    const cJSON *col;
    ces_status st = CES_OK;
    if (earlier_member(files, f, f->string)) {
        ces_diag_add(d, CES_DIAG_ERROR, src, 0, NULL, f->string, "files.%s: the file is named twice",
                     f->string);
        return CES_ERR_INVALID;
    }
    if (k < 0) {
        ces_diag_add(d, CES_DIAG_WARNING, src, 0, NULL, f->string,
                     "files.%s: unknown input file, ignored", f->string);
        return CES_OK;
    }
    if (!cJSON_IsObject(f)) {
        ces_diag_add(d, CES_DIAG_ERROR, src, 0, NULL, NULL, "files.%s: not an object", f->string);
        return CES_ERR_INVALID;
    }
    c->cols[k] = calloc((size_t)cJSON_GetArraySize(f) + 1, sizeof *c->cols[k]);
    if (!c->cols[k])
        return CES_ERR_NOMEM;
    cJSON_ArrayForEach(col, f)
    {
        if (earlier_member(f, col, col->string)) {
            ces_diag_add(d, CES_DIAG_ERROR, src, 0, NULL, col->string,
                         "files.%s.%s: the column is named twice", f->string, col->string);
            st = CES_ERR_INVALID;
            continue;
        }
        ces_status s = parse_column(c, k, col, src, d);
        if (s == CES_ERR_NOMEM)
            return s;
        if (s != CES_OK)
            st = s;
    }
    return st;
}

ces_status ces_columns_parse(const char *text, size_t len, const char *source_name, ces_columns **out,
                             ces_diags *diags)
{
    cJSON *root = cJSON_ParseWithLength(text, len);
    const cJSON *files, *f;
    ces_columns *c;
    ces_status st = CES_OK;
    *out = NULL;
    if (!root) {
        ces_diag_add(diags, CES_DIAG_ERROR, source_name, 0, NULL, NULL, "not valid JSON");
        return CES_ERR_INVALID;
    }
    files = cJSON_GetObjectItemCaseSensitive(root, "files");
    if (!cJSON_IsObject(files)) {
        ces_diag_add(diags, CES_DIAG_ERROR, source_name, 0, NULL, NULL,
                     "files: missing or not an object");
        cJSON_Delete(root);
        return CES_ERR_INVALID;
    }
    if (!(c = calloc(1, sizeof *c))) {
        cJSON_Delete(root);
        return CES_ERR_NOMEM;
    }
    cJSON_ArrayForEach(f, files)
    {
        ces_status s = parse_file(c, files, f, source_name, diags);
        if (s != CES_OK && st != CES_ERR_NOMEM)
            st = s;
    }
    cJSON_Delete(root);
    if (st != CES_OK) {
        ces_columns_free(c);
        return st;
    }
    *out = c;
    return CES_OK;
}

ces_status ces_columns_load(const char *path, ces_columns **out, ces_diags *diags)
{
    unsigned char *buf;
    size_t len;
    const char *base = strrchr(path, '/');
    ces_status st;
    int err = ces_read_file_limited(path, CES_CONFIG_MAX_BYTES, 0, &buf, &len);
    *out = NULL;
    if (err == ENOMEM)
        return CES_ERR_NOMEM;
    if (err == CES_READ_TOO_LARGE) {
        ces_diag_add(diags, CES_DIAG_ERROR, path, 0, NULL, NULL, "%s; not a header-alias file",
                     ces_read_strerror(err, CES_CONFIG_MAX_BYTES));
        return CES_ERR_INVALID;
    }
    if (err) {
        ces_diag_add(diags, CES_DIAG_ERROR, path, 0, NULL, NULL, "cannot read: %s",
                     ces_read_strerror(err, CES_CONFIG_MAX_BYTES));
        return CES_ERR_IO;
    }
    st = ces_columns_parse((const char *)buf, len, base ? base + 1 : path, out, diags);
    free(buf);
    return st;
}

int ing_columns_match(const ces_columns *c, ces_file_kind k, const char *canon, const char *header)
{
    if (ing_name_eq(canon, header))
        return 1;
    if (!c)
        return 0;
    for (size_t i = 0; i < c->n_cols[k]; i++) {
        if (strcmp(c->cols[k][i].canon, canon) != 0)
            continue;
        for (size_t j = 0; j < c->cols[k][i].n_aliases; j++)
            if (ing_name_eq(c->cols[k][i].aliases[j], header))
                return 1;
    }
    return 0;
}

int ing_columns_match_loose(const ces_columns *c, ces_file_kind k, const char *canon, const char *header)
{
    char h[512], a[512];
    ing_squeeze(header, h, sizeof h);
    if (!h[0])
        return 0;
    ing_squeeze(canon, a, sizeof a);
    if (!strcmp(a, h))
        return 1;
    for (size_t i = 0; c && i < c->n_cols[k]; i++) {
        if (strcmp(c->cols[k][i].canon, canon) != 0)
            continue;
        for (size_t j = 0; j < c->cols[k][i].n_aliases; j++) {
            ing_squeeze(c->cols[k][i].aliases[j], a, sizeof a);
            if (!strcmp(a, h))
                return 1;
        }
    }
    return 0;
}
