/* The working-day calendar's files (config/calendar/YYYY.json, docs/method.md
 * §6.6): each checked, composed into the text a run records, and parsed back
 * from that text into the days off and make-up working days. */
#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/buf.h"
#include "cescore/calendar.h"
#include "cescore/grow.h"
#include "cescore/i18n.h"
#include "cescore/sha256.h"

#define MIN_YEAR 1990
#define MAX_YEAR 2200
#define MAX_RANGE_DAYS 31 /* a holiday is never longer; a longer range is a typing error */

typedef struct {
    const char *source; /* the directory or "run N" */
    ces_diags *d;
    int errors, nomem;
    ces_calendar *cal;
    size_t cap_off, cap_work;
} cal_ctx;

static void cal_err(cal_ctx *c, const char *file, const char *key, const char *value, const char *fmt,
                    ...) __attribute__((format(printf, 5, 6)));

static void cal_err(cal_ctx *c, const char *file, const char *key, const char *value, const char *fmt,
                    ...)
{
    char text[512], where[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, _(fmt), ap);
    va_end(ap);
    snprintf(where, sizeof where, "%s/%s", c->source, file);
    ces_diag_col col = {key, NULL, -1};
    ces_diag_add_text(c->d, CES_DIAG_ERROR, where, 0, key ? &col : NULL, key != NULL, value, text);
    c->errors++;
}

/* The year of a file name "YYYY.json", 0 when it is not one. */
static int name_year(const char *name)
{
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (name[i] < '0' || name[i] > '9')
            return 0;
        y = y * 10 + (name[i] - '0');
    }
    return strcmp(name + 4, ".json") == 0 && y >= MIN_YEAR && y <= MAX_YEAR ? y : 0;
}

/* "YYYY-MM-DD", a real day -> its day number; -1 otherwise. */
static int parse_iso(const char *s, int *yyyymmdd)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    char tail;
    if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || s[4] != '-' ||
        s[7] != '-' || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return -1;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return -1;
    *yyyymmdd = y * 10000 + m * 100 + d;
    return ces_day_number(*yyyymmdd);
}

static int push(int **arr, size_t *n, size_t *cap, int v)
{
    if (ces_grow(arr, cap, *n + 1, sizeof **arr, 64))
        return -1;
    (*arr)[(*n)++] = v;
    return 0;
}

/* A date of a file of year y: "YYYY-MM-DD" of year y - 1, y or y + 1 (a
 * notice may place a day of the new year's holiday in the year before). */
static int file_date(cal_ctx *c, const char *file, int y, const char *key, const cJSON *it)
{
    int ymd = 0;
    const char *s = cJSON_IsString(it) ? it->valuestring : NULL;
    int day = parse_iso(s, &ymd);
    if (day < 0) {
        cal_err(c, file, key, s, "%s is not a date (YYYY-MM-DD)", s ? s : _("(not a string)"));
        return -1;
    }
    if (ymd / 10000 < y - 1 || ymd / 10000 > y + 1) {
        cal_err(c, file, key, s, "%s is not near the file's year %d", s, y);
        return -1;
    }
    return day;
}

static void parse_off(cal_ctx *c, const char *file, int y, const cJSON *off)
{
    char key[64];
    if (!cJSON_IsArray(off)) {
        cal_err(c, file, "off", NULL, off ? "not an array" : "missing key");
        return;
    }
    int i = 0;
    for (const cJSON *r = off->child; r; r = r->next, i++) {
        int n = cJSON_GetArraySize(r);
        snprintf(key, sizeof key, "off[%d]", i);
        if (!cJSON_IsArray(r) || n < 2 || n > 3 ||
            (n == 3 && !cJSON_IsString(cJSON_GetArrayItem(r, 2)))) {
            cal_err(c, file, key, NULL,
                    "not a range [\"first day\", \"last day\"] (with an optional name)");
            continue;
        }
        int a = file_date(c, file, y, key, cJSON_GetArrayItem(r, 0));
        int b = file_date(c, file, y, key, cJSON_GetArrayItem(r, 1));
        if (a < 0 || b < 0)
            continue;
        if (b < a || b - a >= MAX_RANGE_DAYS) {
            cal_err(c, file, key, NULL, "%s to %s is not a range of at most %d days",
                    cJSON_GetArrayItem(r, 0)->valuestring, cJSON_GetArrayItem(r, 1)->valuestring,
                    MAX_RANGE_DAYS);
            continue;
        }
        for (int day = a; day <= b; day++)
            if (push(&c->cal->off, &c->cal->n_off, &c->cap_off, day) != 0)
                c->nomem = 1;
    }
}

static void parse_work(cal_ctx *c, const char *file, int y, const cJSON *work)
{
    static const char *const wd[] = {N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
                                     N_("Friday")};
    char key[64];
    if (!cJSON_IsArray(work)) {
        cal_err(c, file, "work", NULL, work ? "not an array" : "missing key");
        return;
    }
    int i = 0;
    for (const cJSON *w = work->child; w; w = w->next, i++) {
        snprintf(key, sizeof key, "work[%d]", i);
        int day = file_date(c, file, y, key, w);
        if (day < 0)
            continue;
        if (ces_day_weekday(day) < 5) {
            cal_err(c, file, key, w->valuestring,
                    "%s is a %s; a make-up working day is a Saturday or Sunday", w->valuestring,
                    _(wd[ces_day_weekday(day)]));
            continue;
        }
        if (push(&c->cal->work, &c->cal->n_work, &c->cap_work, day) != 0)
            c->nomem = 1;
    }
}

/* One file's object: year, source, off, work. Returns its year, 0 when unusable. */
static int parse_file(cal_ctx *c, const char *file, const cJSON *o)
{
    int y = name_year(file);
    if (!y) {
        cal_err(c, file, NULL, file, "a calendar file is named after its year (YYYY.json)");
        return 0;
    }
    if (!cJSON_IsObject(o)) {
        cal_err(c, file, NULL, NULL, "not a JSON object");
        return 0;
    }
    const cJSON *year = cJSON_GetObjectItemCaseSensitive(o, "year");
    if (!cJSON_IsNumber(year) || year->valuedouble != (double)y)
        cal_err(c, file, "year", NULL, "must be %d, the year of the file's name", y);
    const cJSON *src = cJSON_GetObjectItemCaseSensitive(o, "source");
    if (!cJSON_IsString(src) || !src->valuestring[0])
        cal_err(c, file, "source", NULL, "the notice the days come from is required");
    parse_off(c, file, y, cJSON_GetObjectItemCaseSensitive(o, "off"));
    parse_work(c, file, y, cJSON_GetObjectItemCaseSensitive(o, "work"));
    return y;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Sort and drop repeated days. */
static void sort_unique(int *v, size_t *n)
{
    if (*n < 2)
        return;
    qsort(v, *n, sizeof *v, cmp_int);
    size_t k = 1;
    for (size_t i = 1; i < *n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    *n = k;
}

/* A make-up working day that is also a day off contradicts the notice. */
static void check_overlap(cal_ctx *c)
{
    const ces_calendar *cal = c->cal;
    for (size_t i = 0; i < cal->n_work; i++)
        if (cal->n_off && bsearch(&cal->work[i], cal->off, cal->n_off, sizeof(int), cmp_int)) {
            char date[16], file[16];
            int ymd = ces_day_date(cal->work[i]);
            snprintf(date, sizeof date, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
            snprintf(file, sizeof file, "%04d.json", ymd / 10000);
            cal_err(c, file, "work", date, "%s is listed both as a day off and as a working day", date);
        }
}

static ces_status mark_years(cal_ctx *c, const int *years, size_t n)
{
    ces_calendar *cal = c->cal;
    int lo = MAX_YEAR, hi = MIN_YEAR;
    for (size_t i = 0; i < n; i++) {
        lo = years[i] < lo ? years[i] : lo;
        hi = years[i] > hi ? years[i] : hi;
    }
    if (!n)
        return CES_OK;
    cal->first_year = lo;
    cal->n_years = hi - lo + 1;
    if (!(cal->has_year = calloc((size_t)cal->n_years, 1)))
        return CES_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        cal->has_year[years[i] - lo] = 1;
    return CES_OK;
}

static ces_status parse_files(cal_ctx *c, const cJSON *files)
{
    if (!cJSON_IsObject(files)) {
        cal_err(c, "", "files", NULL, "not a recorded calendar (no files object)");
        return CES_ERR_INVALID;
    }
    size_t n = (size_t)cJSON_GetArraySize(files), k = 0;
    int *years = calloc(n ? n : 1, sizeof *years);
    if (!years)
        return CES_ERR_NOMEM;
    for (const cJSON *f = files->child; f; f = f->next) {
        int y = parse_file(c, f->string, f);
        for (size_t i = 0; y && i < k; i++)
            if (years[i] == y)
                y = 0;
        if (y)
            years[k++] = y;
    }
    ces_status st = mark_years(c, years, k);
    free(years);
    sort_unique(c->cal->off, &c->cal->n_off);
    sort_unique(c->cal->work, &c->cal->n_work);
    check_overlap(c);
    if (st == CES_OK && c->nomem)
        st = CES_ERR_NOMEM;
    return st;
}

ces_status ces_calendar_parse(const char *text, size_t len, const char *source, ces_calendar *out,
                              ces_diags *d)
{
    memset(out, 0, sizeof *out);
    cal_ctx c = {.source = source ? source : "calendar", .d = d, .cal = out};
    cJSON *root = cJSON_ParseWithLength(text, len);
    if (!root) {
        ces_diag_add(d, CES_DIAG_ERROR, c.source, 0, NULL, NULL, "the calendar is not valid JSON");
        return CES_ERR_INVALID;
    }
    ces_status st = parse_files(&c, cJSON_GetObjectItemCaseSensitive(root, "files"));
    cJSON_Delete(root);
    if (st == CES_OK && c.errors)
        st = CES_ERR_INVALID;
    if (st == CES_OK && (!(out->text = malloc(len + 1)) || !(out->source = strdup(c.source))))
        st = CES_ERR_NOMEM;
    if (st == CES_OK) {
        memcpy(out->text, text, len);
        out->text[len] = '\0';
        out->text_len = len;
        st = ces_sha256_hex(text, len, out->sha256);
    }
    if (st != CES_OK)
        ces_calendar_free(out);
    return st;
}

static int cmp_file(const void *a, const void *b)
{
    return strcmp(((const ces_calendar_file *)a)->name, ((const ces_calendar_file *)b)->name);
}

/* Each file on its own: named YYYY.json, one JSON object and nothing after it. */
static int check_file(cal_ctx *c, const ces_calendar_file *f)
{
    if (!name_year(f->name)) {
        cal_err(c, f->name, NULL, f->name, "a calendar file is named after its year (YYYY.json)");
        return -1;
    }
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(f->text, f->len, &end, 0);
    int ok = cJSON_IsObject(o);
    while (ok && end < f->text + f->len && (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
        end++;
    ok = ok && end == f->text + f->len;
    cJSON_Delete(o);
    if (!ok)
        cal_err(c, f->name, NULL, NULL, "not a JSON object (UTF-8 without a BOM)");
    return ok ? 0 : -1;
}

ces_status ces_calendar_compose(const ces_calendar_file *files, size_t n, const char *dir,
                                ces_calendar *out, ces_diags *d)
{
    memset(out, 0, sizeof *out);
    cal_ctx c = {.source = dir ? dir : "calendar", .d = d, .cal = out};
    ces_calendar_file *sorted = calloc(n ? n : 1, sizeof *sorted);
    if (!sorted)
        return CES_ERR_NOMEM;
    if (n) {
        memcpy(sorted, files, n * sizeof *files);
        qsort(sorted, n, sizeof *sorted, cmp_file);
    }
    int bad = 0;
    for (size_t i = 0; i < n; i++)
        bad |= check_file(&c, &sorted[i]);
    ces_buf b = {0};
    ces_buf_raw(&b, "{\"files\": {\n", 12);
    for (size_t i = 0; i < n; i++) {
        ces_buf_printf(&b, "%s\"%s\": ", i ? ",\n" : "", sorted[i].name);
        ces_buf_raw(&b, sorted[i].text, sorted[i].len);
    }
    ces_buf_raw(&b, "\n}}\n", 4);
    free(sorted);
    ces_status st = b.oom ? CES_ERR_NOMEM : bad ? CES_ERR_INVALID : CES_OK;
    if (st == CES_OK)
        st = ces_calendar_parse(b.p, b.len, c.source, out, d);
    ces_buf_free(&b);
    return st;
}
