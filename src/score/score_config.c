/* The scoring config (config/shanghai-2018.json): parse with cJSON, validate
 * every key, naming its key path in each diagnostic, and fill ces_config. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/archive.h"
#include "cescore/config.h"
#include "cescore/i18n.h"
#include "cescore/sha256.h"
#include "cescore/text.h"
#include "score_config.h"

#define PATH_LEN 256

typedef struct {
    const char *file;
    ces_diags *diags;
    int errors;
} cfg_ctx;

static const struct {
    const char *name;
    ces_method method;
} METHODS[] = {
    {"checklist", CES_METHOD_CHECKLIST},
    {"capped_sum", CES_METHOD_CAPPED_SUM},
    {"median_scaled", CES_METHOD_MEDIAN_SCALED},
    {"linear_change", CES_METHOD_LINEAR_CHANGE},
    {"ratio", CES_METHOD_RATIO},
    {"ratio_to_benchmark", CES_METHOD_RATIO_TO_BENCHMARK},
};
#define N_METHODS (sizeof METHODS / sizeof METHODS[0])

const char *sc_method_name(ces_method m)
{
    for (size_t i = 0; i < N_METHODS; i++)
        if (METHODS[i].method == m)
            return METHODS[i].name;
    return NULL;
}

/* The one method each indicator may use (docs/method.md §3-§6). */
static ces_method allowed_method(ces_ind ind)
{
    switch (ces_ind_kind(ind)) {
    case CES_KIND_CHECKLIST: return CES_METHOD_CHECKLIST;
    case CES_KIND_DEDUCTION: return CES_METHOD_CAPPED_SUM;
    case CES_KIND_VOLUME: return CES_METHOD_MEDIAN_SCALED;
    case CES_KIND_CHANGE: return CES_METHOD_LINEAR_CHANGE;
    case CES_KIND_RATE: break;
    }
    return ind == CES_IND_TIMELINESS ? CES_METHOD_RATIO : CES_METHOD_RATIO_TO_BENCHMARK;
}

static void cfg_err(cfg_ctx *c, const char *path, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void cfg_err(cfg_ctx *c, const char *path, const char *value, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, _(fmt), ap);
    va_end(ap);
    ces_diag_add_key(c->diags, CES_DIAG_ERROR, c->file, path, value, "%s", text);
    c->errors++;
}

/* Appends s to out (PATH_LEN bytes, *n used), truncating. */
static void append(char *out, size_t *n, const char *s)
{
    while (s && *s && *n + 1 < PATH_LEN)
        out[(*n)++] = *s++;
    out[*n] = '\0';
}

/* out = "parent.key" (or "key" when parent is empty). */
static void join(char *out, const char *parent, const char *key)
{
    size_t n = 0;
    out[0] = '\0';
    append(out, &n, parent);
    if (parent && *parent)
        append(out, &n, ".");
    append(out, &n, key);
}

/* Reports a key given twice in one object (cJSON would silently take the first). */
static void check_duplicates(cfg_ctx *c, const cJSON *obj, const char *path)
{
    for (const cJSON *a = obj ? obj->child : NULL; a; a = a->next)
        for (const cJSON *b = a->next; b; b = b->next)
            if (a->string && b->string && strcmp(a->string, b->string) == 0) {
                char p[PATH_LEN];
                join(p, path, a->string);
                cfg_err(c, p, NULL, "duplicate key");
            }
}

/* The member key of obj; NULL (and an error when required) when absent. */
static const cJSON *member(cfg_ctx *c, const cJSON *obj, const char *parent, const char *key,
                           int required)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it && required) {
        char p[PATH_LEN];
        join(p, parent, key);
        cfg_err(c, p, NULL, "missing key");
    }
    return it;
}

static const cJSON *get_object(cfg_ctx *c, const cJSON *obj, const char *parent, const char *key,
                               char *path)
{
    const cJSON *it = member(c, obj, parent, key, 1);
    join(path, parent, key);
    if (it && !cJSON_IsObject(it)) {
        cfg_err(c, path, NULL, "expected an object");
        return NULL;
    }
    if (it)
        check_duplicates(c, it, path);
    return it;
}

/* 0 and *out on success, -1 (error reported) otherwise. */
static int get_number(cfg_ctx *c, const cJSON *obj, const char *parent, const char *key, double *out)
{
    char p[PATH_LEN];
    const cJSON *it = member(c, obj, parent, key, 1);
    if (!it)
        return -1;
    join(p, parent, key);
    if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble)) {
        cfg_err(c, p, NULL, "expected a number");
        return -1;
    }
    *out = it->valuedouble;
    return 0;
}

static int get_nonneg(cfg_ctx *c, const cJSON *obj, const char *parent, const char *key, double *out)
{
    char p[PATH_LEN];
    if (get_number(c, obj, parent, key, out) != 0)
        return -1;
    if (*out < 0) {
        join(p, parent, key);
        char v[64];
        snprintf(v, sizeof v, "%g", *out);
        cfg_err(c, p, v, "must not be negative (%s)", v);
        return -1;
    }
    return 0;
}

/* 0 when s is UTF-8 made of characters XML 1.0 allows (a config's texts go
 * into workbooks); else -1 with the error at path. */
static int check_text(cfg_ctx *c, const char *path, const char *s)
{
    size_t left = strlen(s);
    while (left > 0) {
        unsigned cp;
        size_t k = ces_utf8_next(s, left, &cp);
        if (k == 0) {
            cfg_err(c, path, NULL, "not UTF-8 text");
            return -1;
        }
        if (!ces_xml_char_ok(cp)) {
            cfg_err(c, path, NULL, "holds U+%04X, a character XML 1.0 and so a workbook cannot hold",
                    cp);
            return -1;
        }
        s += k;
        left -= k;
    }
    return 0;
}

static int get_string(cfg_ctx *c, const cJSON *obj, const char *parent, const char *key, char *dst,
                      size_t n)
{
    char p[PATH_LEN];
    const cJSON *it = member(c, obj, parent, key, 1);
    if (!it)
        return -1;
    join(p, parent, key);
    if (!cJSON_IsString(it) || !it->valuestring) {
        cfg_err(c, p, NULL, "expected a string");
        return -1;
    }
    if (strlen(it->valuestring) >= n) {
        cfg_err(c, p, it->valuestring, "too long (at most %zu bytes)", n - 1);
        return -1;
    }
    if (it->valuestring[0] == '\0') {
        cfg_err(c, p, NULL, "must not be empty");
        return -1;
    }
    if (check_text(c, p, it->valuestring) != 0)
        return -1;
    snprintf(dst, n, "%s", it->valuestring);
    return 0;
}

/* items[] of a checklist or categories[] of a deduction. */
static void parse_items(cfg_ctx *c, const cJSON *ind_obj, const char *ipath, const char *key,
                        const char *points_key, int need_one, ces_cfg_indicator *ci)
{
    char path[PATH_LEN];
    const cJSON *arr = member(c, ind_obj, ipath, key, 1);
    join(path, ipath, key);
    if (!arr)
        return;
    if (!cJSON_IsArray(arr)) {
        cfg_err(c, path, NULL, "expected an array");
        return;
    }
    int n = cJSON_GetArraySize(arr);
    if (n > CES_MAX_ITEMS) {
        cfg_err(c, path, NULL, "too many entries (%d, at most %d)", n, CES_MAX_ITEMS);
        return;
    }
    if (n == 0 && need_one) {
        cfg_err(c, path, NULL, "must not be empty");
        return;
    }
    int i = 0;
    for (const cJSON *e = arr->child; e; e = e->next, i++) {
        char ep[PATH_LEN];
        char idx[16];
        size_t n = 0;
        snprintf(idx, sizeof idx, "[%d]", i);
        ep[0] = '\0';
        append(ep, &n, path);
        append(ep, &n, idx);
        if (!cJSON_IsObject(e)) {
            cfg_err(c, ep, NULL, "expected an object");
            continue;
        }
        check_duplicates(c, e, ep);
        ces_cfg_item *it = &ci->items[ci->n_items++];
        get_string(c, e, ep, "id", it->id, sizeof it->id);
        get_string(c, e, ep, "zh", it->zh, sizeof it->zh);
        get_string(c, e, ep, "en", it->en, sizeof it->en);
        get_nonneg(c, e, ep, points_key, &it->points);
        for (size_t j = 0; j + 1 < ci->n_items; j++) {
            const ces_cfg_item *o = &ci->items[j];
            if ((it->id[0] && strcmp(o->id, it->id) == 0) || (it->zh[0] && strcmp(o->zh, it->zh) == 0))
                cfg_err(c, ep, it->id, "duplicate item \"%s\"", it->id[0] ? it->id : it->zh);
        }
    }
}

static void parse_params(cfg_ctx *c, const cJSON *ind_obj, const char *ipath, ces_cfg_indicator *ci)
{
    char pp[PATH_LEN], p[PATH_LEN];
    const cJSON *params;
    if (ci->method == CES_METHOD_CHECKLIST || ci->method == CES_METHOD_CAPPED_SUM ||
        ci->method == CES_METHOD_RATIO)
        return;
    params = get_object(c, ind_obj, ipath, "params", pp);
    if (!params)
        return;
    if (ci->method == CES_METHOD_MEDIAN_SCALED) {
        if (get_number(c, params, pp, "zero_at_multiple", &ci->zero_at_multiple) == 0 &&
            !(ci->zero_at_multiple > 0)) {
            join(p, pp, "zero_at_multiple");
            cfg_err(c, p, NULL, "must be greater than 0 (%g)", ci->zero_at_multiple);
        }
        /* optional: configs written before the floor existed flag nothing */
        if (cJSON_GetObjectItemCaseSensitive(params, "small_base"))
            get_nonneg(c, params, pp, "small_base", &ci->small_base);
    } else if (ci->method == CES_METHOD_LINEAR_CHANGE) {
        int a = get_number(c, params, pp, "c_full", &ci->c_full);
        int b = get_number(c, params, pp, "c_zero", &ci->c_zero);
        if (a == 0 && b == 0 && ci->c_zero == ci->c_full) {
            join(p, pp, "c_zero");
            cfg_err(c, p, NULL, "must differ from c_full (%g)", ci->c_full);
        }
        if (get_number(c, params, pp, "missing_score_fraction", &ci->missing_score_fraction) == 0 &&
            (ci->missing_score_fraction < 0 || ci->missing_score_fraction > 1)) {
            join(p, pp, "missing_score_fraction");
            cfg_err(c, p, NULL, "must be between 0 and 1 (%g)", ci->missing_score_fraction);
        }
    } else if (ci->method == CES_METHOD_RATIO_TO_BENCHMARK) {
        char scope[16];
        if (get_string(c, params, pp, "benchmark", scope, sizeof scope) != 0)
            return;
        join(p, pp, "benchmark");
        if (strcmp(scope, "peer") == 0)
            ci->benchmark_scope = CES_SCOPE_PEER;
        else if (strcmp(scope, "industry") == 0)
            ci->benchmark_scope = CES_SCOPE_INDUSTRY;
        else
            cfg_err(c, p, scope, "unknown benchmark \"%s\" (expected \"peer\" or \"industry\")", scope);
    }
}

/* 0 when the method is valid for the indicator. */
static int parse_method(cfg_ctx *c, const cJSON *ind_obj, const char *ipath, ces_cfg_indicator *ci)
{
    char p[PATH_LEN];
    if (get_string(c, ind_obj, ipath, "method", ci->method_name, sizeof ci->method_name) != 0)
        return -1;
    join(p, ipath, "method");
    size_t m = 0;
    while (m < N_METHODS && strcmp(METHODS[m].name, ci->method_name) != 0)
        m++;
    if (m == N_METHODS) {
        cfg_err(c, p, ci->method_name, "unknown method \"%s\"", ci->method_name);
        return -1;
    }
    ces_method want = allowed_method(ci->ind);
    if (METHODS[m].method != want) {
        cfg_err(c, p, ci->method_name, "method \"%s\" is not allowed here (expected \"%s\")",
                ci->method_name, sc_method_name(want));
        return -1;
    }
    ci->method = METHODS[m].method;
    return 0;
}

/* 0 when the indicator's max/cap was read (used by the weight checks). */
static int parse_indicator(cfg_ctx *c, const cJSON *inds, ces_ind ind, ces_cfg_indicator *ci)
{
    char ipath[PATH_LEN];
    const char *id = ces_ind_id(ind);
    const cJSON *o = get_object(c, inds, "indicators", id, ipath);
    int kind = ces_ind_kind(ind);
    int max_ok;

    ci->ind = ind;
    if (!o)
        return -1;
    get_string(c, o, ipath, "zh", ci->zh, sizeof ci->zh);
    get_string(c, o, ipath, "en", ci->en, sizeof ci->en);
    max_ok = get_nonneg(c, o, ipath, kind == CES_KIND_DEDUCTION ? "cap" : "max", &ci->max);
    if (parse_method(c, o, ipath, ci) != 0)
        return max_ok;
    parse_params(c, o, ipath, ci);
    if (ci->method == CES_METHOD_CHECKLIST)
        parse_items(c, o, ipath, "items", "deduction", 1, ci);
    else if (ci->method == CES_METHOD_CAPPED_SUM)
        parse_items(c, o, ipath, "categories", "points", 0, ci);
    return max_ok;
}

static void parse_indicators(cfg_ctx *c, const cJSON *root, ces_config *cfg, int max_ok[])
{
    char path[PATH_LEN];
    const cJSON *inds = get_object(c, root, "", "indicators", path);
    for (int i = 0; i < CES_IND_COUNT; i++)
        max_ok[i] = -1;
    if (!inds)
        return;
    for (const cJSON *it = inds->child; it; it = it->next) {
        if (it->string && ces_ind_parse(it->string) < 0) {
            char p[PATH_LEN];
            join(p, "indicators", it->string);
            cfg_err(c, p, it->string, "unknown indicator id \"%s\"", it->string);
        }
    }
    for (int i = 0; i < CES_IND_COUNT; i++)
        max_ok[i] = parse_indicator(c, inds, (ces_ind)i, &cfg->ind[i]);
}

static int near(double a, double b) { return fabs(a - b) <= CES_CONFIG_WEIGHT_TOLERANCE; }

/* docs/method.md §3: the maxima add up to the blocks, the blocks to 100. */
static void check_weights(cfg_ctx *c, const ces_config *cfg, int blocks_ok, const int max_ok[])
{
    if (!blocks_ok)
        return; /* an error was already reported */
    for (int i = 0; i < CES_IND_COUNT; i++)
        if (max_ok[i] != 0 && ces_ind_kind((ces_ind)i) != CES_KIND_DEDUCTION)
            return;
    const ces_cfg_indicator *d = cfg->ind;
    double qual = d[CES_IND_QUAL_SYSTEMS].max + d[CES_IND_QUAL_MECHANISMS].max;
    double pc = d[CES_IND_PC_MOTOR_PREMIUM].max + d[CES_IND_PC_NONMOTOR_PREMIUM].max +
                d[CES_IND_PC_NONMOTOR_POLICIES].max;
    double life = d[CES_IND_LIFE_PREMIUM].max + d[CES_IND_LIFE_POLICIES].max +
                  d[CES_IND_LIFE_PERSONS].max;
    double quant = cfg->volume_points + d[CES_IND_CHANGE_RATE].max + d[CES_IND_TIMELINESS].max +
                   d[CES_IND_WITHDRAWAL].max + d[CES_IND_MEDIATION].max;

    if (!near(qual, cfg->qualitative_points))
        cfg_err(c, "blocks.qualitative", NULL, "qual.systems.max + qual.mechanisms.max = %g, not %g",
                qual, cfg->qualitative_points);
    if (!near(cfg->qualitative_points + cfg->quantitative_points, 100))
        cfg_err(c, "blocks", NULL, "qualitative (%g) + quantitative (%g) must total 100",
                cfg->qualitative_points, cfg->quantitative_points);
    if (!near(pc, cfg->volume_points))
        cfg_err(c, "blocks.volume", NULL, "the pc volume maxima total %g, not %g", pc,
                cfg->volume_points);
    if (!near(life, cfg->volume_points))
        cfg_err(c, "blocks.volume", NULL, "the life volume maxima total %g, not %g", life,
                cfg->volume_points);
    if (!near(quant, cfg->quantitative_points))
        cfg_err(c, "blocks.quantitative", NULL,
                "volume + change_rate + timeliness + withdrawal + mediation maxima = %g, not %g", quant,
                cfg->quantitative_points);
}

/* 0 when every block was read. */
static int parse_blocks(cfg_ctx *c, const cJSON *root, ces_config *cfg)
{
    char p[PATH_LEN];
    const cJSON *b = get_object(c, root, "", "blocks", p);
    if (!b)
        return -1;
    int r = 0;
    r |= get_nonneg(c, b, p, "qualitative", &cfg->qualitative_points);
    r |= get_nonneg(c, b, p, "quantitative", &cfg->quantitative_points);
    r |= get_nonneg(c, b, p, "volume", &cfg->volume_points);
    return r;
}

static void parse_rounding(cfg_ctx *c, const cJSON *root, ces_config *cfg)
{
    char p[PATH_LEN], k[PATH_LEN];
    double dec, eps;
    const cJSON *r = get_object(c, root, "", "rounding", p);
    if (!r)
        return;
    if (get_number(c, r, p, "decimals", &dec) == 0) {
        if (dec != floor(dec) || dec < 0 || dec > 9) {
            join(k, p, "decimals");
            cfg_err(c, k, NULL, "must be a whole number from 0 to 9 (%g)", dec);
        } else {
            cfg->decimals = (int)dec;
        }
    }
    if (get_number(c, r, p, "epsilon", &eps) == 0) {
        if (eps < 0 || eps >= 0.5) {
            join(k, p, "epsilon");
            cfg_err(c, k, NULL, "must be at least 0 and below 0.5 (%g)", eps);
        } else {
            cfg->round_epsilon = eps;
        }
    }
}

/* An optional whole number in [lo, hi] at parent.key; *out keeps its default when absent. */
static void get_optional_int(cfg_ctx *c, const cJSON *obj, const char *parent, const char *key, long lo,
                             long hi, long *out)
{
    char p[PATH_LEN];
    double v;
    if (!member(c, obj, parent, key, 0) || get_number(c, obj, parent, key, &v) != 0)
        return;
    join(p, parent, key);
    if (v != floor(v) || v < (double)lo || v > (double)hi)
        cfg_err(c, p, NULL, "must be a whole number from %ld to %ld (%g)", lo, hi, v);
    else
        *out = (long)v;
}

/* docs/method.md §6.6: response_working_days and analysis_threshold.{half_year,year}. */
static void parse_cases(cfg_ctx *c, const cJSON *root, ces_config *cfg)
{
    long days = CES_DEFAULT_RESPONSE_WORKING_DAYS;
    get_optional_int(c, root, "", "response_working_days", 1, 250, &days);
    cfg->response_working_days = (int)days;
    cfg->analysis_threshold[CES_PERIOD_H1] = CES_DEFAULT_ANALYSIS_HALF_YEAR;
    cfg->analysis_threshold[CES_PERIOD_FY] = CES_DEFAULT_ANALYSIS_YEAR;
    const cJSON *t = member(c, root, "", "analysis_threshold", 0);
    if (!t)
        return;
    if (!cJSON_IsObject(t)) {
        cfg_err(c, "analysis_threshold", NULL, "expected an object");
        return;
    }
    check_duplicates(c, t, "analysis_threshold");
    get_optional_int(c, t, "analysis_threshold", "half_year", 0, 100000000,
                     &cfg->analysis_threshold[CES_PERIOD_H1]);
    get_optional_int(c, t, "analysis_threshold", "year", 0, 100000000,
                     &cfg->analysis_threshold[CES_PERIOD_FY]);
}

/* docs/inputs.md §6: plausibility.premium_factor, optional. */
static void parse_plausibility(cfg_ctx *c, const cJSON *root, ces_config *cfg)
{
    cfg->premium_factor = CES_DEFAULT_PREMIUM_FACTOR;
    const cJSON *t = member(c, root, "", "plausibility", 0);
    if (!t)
        return;
    if (!cJSON_IsObject(t)) {
        cfg_err(c, "plausibility", NULL, "expected an object");
        return;
    }
    check_duplicates(c, t, "plausibility");
    get_optional_int(c, t, "plausibility", "premium_factor", 2, 1000000000, &cfg->premium_factor);
}

static void parse_root(cfg_ctx *c, const cJSON *root, ces_config *cfg)
{
    char rule[32];
    int max_ok[CES_IND_COUNT];
    int blocks_ok;

    check_duplicates(c, root, "");
    get_string(c, root, "", "name", cfg->name, sizeof cfg->name);
    blocks_ok = parse_blocks(c, root, cfg) == 0;
    if (get_string(c, root, "", "prior_period", rule, sizeof rule) == 0) {
        if (strcmp(rule, "same_kind_last_year") == 0)
            cfg->prior_rule = CES_PRIOR_SAME_KIND_LAST_YEAR;
        else if (strcmp(rule, "previous_evaluation") == 0)
            cfg->prior_rule = CES_PRIOR_PREVIOUS_EVALUATION;
        else
            cfg_err(c, "prior_period", rule,
                    "unknown rule \"%s\" (expected \"same_kind_last_year\" or "
                    "\"previous_evaluation\")",
                    rule);
    }
    parse_rounding(c, root, cfg);
    parse_cases(c, root, cfg);
    parse_plausibility(c, root, cfg);
    parse_indicators(c, root, cfg, max_ok);
    check_weights(c, cfg, blocks_ok, max_ok);
}

static long line_of(const char *text, size_t len, const char *at)
{
    long line = 1;
    for (const char *s = text; s < at && s < text + len; s++)
        if (*s == '\n')
            line++;
    return line;
}

ces_status ces_config_parse(const char *text, size_t len, const char *source_name, ces_config *out,
                            ces_diags *diags)
{
    cfg_ctx c = {source_name, diags, 0};
    const char *end = NULL;
    cJSON *root;

    memset(out, 0, sizeof *out);
    out->text = malloc(len + 1);
    out->path = strdup(source_name ? source_name : "");
    if (!out->text || !out->path) {
        ces_config_free(out);
        return CES_ERR_NOMEM;
    }
    if (len)
        memcpy(out->text, text, len);
    out->text[len] = '\0';
    out->text_len = len;
    if (ces_sha256_hex(out->text, len, out->sha256) != CES_OK) {
        ces_diag_add(diags, CES_DIAG_ERROR, source_name, 0, NULL, NULL, "cannot compute its sha256");
        ces_config_free(out);
        return CES_ERR_INTERNAL;
    }

    root = cJSON_ParseWithLengthOpts(out->text, len, &end, 0);
    if (!root) {
        ces_diag_add(diags, CES_DIAG_ERROR, source_name, end ? line_of(out->text, len, end) : 0, NULL,
                     NULL, "not valid JSON");
        ces_config_free(out);
        return CES_ERR_INVALID;
    }
    if (!cJSON_IsObject(root))
        cfg_err(&c, "(root)", NULL, "expected an object");
    else
        parse_root(&c, root, out);
    cJSON_Delete(root);
    if (c.errors) {
        ces_config_free(out);
        return CES_ERR_INVALID;
    }
    return CES_OK;
}
