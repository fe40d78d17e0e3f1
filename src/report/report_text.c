/* Terminal output: the ranking of both groups, and one company's scorecard
 * with the arithmetic of every indicator written out, in the command line's
 * language: the labels are messages (cescore/i18n.h), the indicators' names
 * Chinese or English as ctx->english says; ids (group, flags, status), codes,
 * names and figures are printed as they are. Aligned by display width. */
#include "cescore/report.h"
#include "report_explain.h"

#include <math.h>
#include <string.h>

#include "cescore/i18n.h"
#include "cescore/text.h"

/* Display width of UTF-8 text: East Asian wide characters count as two. */
static int display_width(const char *s)
{
    int w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int n;
        if (*p < 0x80) {
            cp = *p;
            n = 1;
        } else if ((*p & 0xE0) == 0xC0) {
            cp = *p & 0x1F;
            n = 2;
        } else if ((*p & 0xF0) == 0xE0) {
            cp = *p & 0x0F;
            n = 3;
        } else {
            cp = *p & 0x07;
            n = 4;
        }
        for (int i = 1; i < n && p[i]; i++)
            cp = (cp << 6) | (p[i] & 0x3F);
        for (int i = 0; i < n && *p; i++)
            p++;
        w += (cp >= 0x1100 &&
              (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
               (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
               (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000))
                 ? 2
                 : 1;
    }
    return w;
}

#define NAME_COLUMNS 40 /* widest name column of the ranking; longer names are cut with "…" */

/* Print s (its control characters escaped) padded to width display columns;
 * cut at a character boundary with "…" when it is wider. */
static void print_padded(FILE *fp, const char *text, int width)
{
    ces_buf esc = {0};
    ces_buf_escaped(&esc, text);
    const char *s = esc.p ? esc.p : "";
    int w = display_width(s);
    if (w <= width) {
        fputs(s, fp);
    } else {
        w = 0;
        const char *p = s;
        while (*p) {
            const char *q = p + 1;
            while ((*q & 0xC0) == 0x80)
                q++;
            char ch[8] = {0};
            memcpy(ch, p, (size_t)(q - p) < sizeof ch - 1 ? (size_t)(q - p) : sizeof ch - 1);
            int cw = display_width(ch);
            if (w + cw > width - 1)
                break;
            fwrite(p, 1, (size_t)(q - p), fp);
            w += cw;
            p = q;
        }
        fputs("…", fp);
        w++;
    }
    for (; w < width; w++)
        fputc(' ', fp);
    ces_buf_free(&esc);
}

/* A label right-aligned in width display columns, like "%*s". */
static void print_right(FILE *fp, const char *s, int width)
{
    for (int w = display_width(s); w < width; w++)
        fputc(' ', fp);
    fputs(s, fp);
}

/* Text from the inputs (a code, a name): control characters shown escaped. */
static void put(FILE *fp, const char *s) { ces_fputs_escaped(s, fp); }

/* The same, left-aligned in at least width bytes, like "%-*s". */
static void put_left(FILE *fp, const char *s, int width)
{
    ces_buf esc = {0};
    ces_buf_escaped(&esc, s);
    fprintf(fp, "%-*s", width, esc.p ? esc.p : "");
    ces_buf_free(&esc);
}

static const char *fx(double v, int decimals, char *buf, size_t n)
{
    ces_format_fixed(v, decimals, buf, n);
    return buf;
}

void ces_report_ranking_text(const ces_report_ctx *ctx, FILE *fp)
{
    const ces_results *r = ctx->results;
    char period[8];
    ces_period_format(r->period, period);
    fprintf(fp, _("Period %s, run %ld (%s), config "), period, ctx->run_id,
            ces_run_status_id(ctx->status));
    put(fp, ctx->cfg->name);
    fputc('\n', fp);
    int name_w = 4;
    for (size_t i = 0; i < r->n_companies; i++) {
        ces_buf esc = {0};
        ces_buf_escaped(&esc, r->companies[i].name);
        int w = esc.p ? display_width(esc.p) : 0;
        ces_buf_free(&esc);
        if (w > name_w)
            name_w = w < NAME_COLUMNS ? w : NAME_COLUMNS;
    }
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        const ces_group_result *gr = &r->groups[g];
        char a[32];
        fprintf(fp, _("\n%s (%s): %d companies, average %s, %d below average\n"),
                g == CES_GROUP_PC ? _("Property & casualty") : _("Life"), ces_group_id((ces_group)g),
                gr->count, fx(gr->average_total, 2, a, sizeof a), gr->below_average);
        print_right(fp, _("Rank"), 4);
        fputs("  ", fp);
        print_padded(fp, _("Code"), 14);
        fputs("  ", fp);
        print_padded(fp, _("Name"), name_w);
        fputs("  ", fp);
        print_right(fp, _("Total"), 7);
        fputs("  ", fp);
        print_right(fp, _("Qual"), 7);
        fputs("  ", fp);
        print_right(fp, _("Quant"), 7);
        fprintf(fp, "  %s\n", _("Flags"));
        for (size_t i = 0; i < r->n_companies; i++) {
            const ces_company_result *c = &r->companies[i];
            if ((int)c->group != g)
                continue;
            char t[32], q1[32], q2[32];
            ces_buf code = {0};
            ces_buf_escaped(&code, c->code);
            fprintf(fp, "%4d  %-14s  ", c->rank, code.p ? code.p : "");
            ces_buf_free(&code);
            print_padded(fp, c->name, name_w);
            fprintf(fp, "  %7s  %7s  %7s  ", fx(c->total, 2, t, sizeof t),
                    fx(c->qualitative, 2, q1, sizeof q1), fx(c->quantitative, 2, q2, sizeof q2));
            const char *sep = "";
            /* without any prior period every company has no_prior: the
             * summary says so once (cli_say_provenance), not on each row */
            unsigned said = r->prior_source == CES_PRIOR_SOURCE_NONE ? CES_FLAG_NO_PRIOR : 0u;
            for (int f = 0; f < CES_FLAG_COUNT; f++)
                if (c->flags & ~said & (1u << f)) {
                    fprintf(fp, "%s%s", sep, ces_flag_id(1u << f));
                    sep = ",";
                }
            fputc('\n', fp);
        }
    }
    if (r->n_excluded)
        fprintf(fp, _("\nNot evaluated: %zu entities (see the results JSON or `show --company`)\n"),
                r->n_excluded);
}

/* The rounded figures of one block as they enter its sum: " + 15.00 - 2.00".
 * The volume indicators are summed into the volume block and not repeated. */
static void print_terms(FILE *fp, const ces_company_result *c, ces_block block)
{
    char a[32];
    int first = block == CES_BLOCK_QUALITATIVE;
    for (int i = 0; i < CES_IND_COUNT; i++) {
        ces_kind kind = ces_ind_kind((ces_ind)i);
        if (!c->ind[i].present || ces_ind_block((ces_ind)i) != block || kind == CES_KIND_VOLUME)
            continue;
        const char *op = kind == CES_KIND_DEDUCTION ? " - " : (first ? ", " : " + ");
        fprintf(fp, "%s%s", op, fx(c->ind[i].score, 2, a, sizeof a));
        first = 0;
    }
}

/* "one motor complaint fewer" / "少一件车险投诉" */
static void side_text(FILE *fp, const ces_sensitivity *s, int more, int english)
{
    static const char *const zh_line[] = {"", "车险", "非车险"};
    static const char *const en_line[] = {"", "motor ", "non-motor "};
    char t[32];
    if (english)
        /* not translated: english chooses between the two texts */
        fprintf(fp, "one %scomplaint %s: ", en_line[s->line], more ? "more" : "fewer");
    else
        fprintf(fp, "%s一件%s投诉：", more ? "多" : "少", zh_line[s->line]);
    if (!s->exists)
        fprintf(fp, english ? "none to take away" : "无投诉可减");
    else
        fprintf(fp, english ? "total %s, rank %d" : "总分 %s，排名 %d", fx(s->total, 2, t, sizeof t),
                s->rank);
}

/* docs/method.md §13: the rank sensitivity and the small bases. */
static void derived_text(FILE *fp, const ces_report_ctx *ctx, const ces_company_result *c)
{
    const int en = ctx->english;
    char a[32], b[32];
    fprintf(fp, en ? "  rank sensitivity (peers fixed): " : "  排名敏感度（同组其他公司不变）：");
    side_text(fp, &c->fewer, 0, en);
    fprintf(fp, en ? "; " : "；");
    side_text(fp, &c->more, 1, en);
    fputc('\n', fp);
    for (int i = 0; i < CES_IND_COUNT; i++)
        if (c->ind[i].small_base)
            fprintf(fp,
                    en ? "  small base: %s, denominator %s below %s\n"
                       : "  小基数：%s，分母 %s 低于 %s\n",
                    ces_ind_id((ces_ind)i), fx(c->ind[i].denominator, 4, a, sizeof a),
                    fx(ctx->cfg->ind[i].small_base, 2, b, sizeof b));
}

static void print_date(FILE *fp, int ymd)
{
    if (ymd)
        fprintf(fp, "%04d-%02d-%02d  ", ymd / 10000, ymd / 100 % 100, ymd % 100);
    else
        fprintf(fp, "%-10s  ", "-");
}

/* docs/method.md §6.6: how a case-level company's transferred cases stand,
 * and its overdue cases. */
static void print_cases(FILE *fp, const ces_report_ctx *ctx, const ces_company_result *c)
{
    const ces_results *r = ctx->results;
    const ces_case_summary *s = ces_results_case_counts(r, c->code);
    size_t n;
    if (!s)
        return;
    char end[16];
    int e = ces_period_end(r->period);
    snprintf(end, sizeof end, "%04d-%02d-%02d", e / 10000, e / 100 % 100, e % 100);
    fprintf(
        fp,
        _("\n  Case-level complaints (cases.csv) as of %s, deadline %d working days after transfer\n"),
        end, ctx->cfg->response_working_days);
    fprintf(fp, _("    total %lld"), (long long)s->total);
    if (c->group == CES_GROUP_PC)
        fprintf(fp, _(" (motor %lld, nonmotor %lld)"), (long long)s->motor, (long long)s->nonmotor);
    fprintf(fp, _(", withdrawn before transfer %lld\n"), (long long)s->withdrawn);
    fprintf(
        fp,
        _("    transferred %lld: on time %lld, overdue %lld; not yet due %lld (open, deadline after the period: "
          "not counted)\n"),
        (long long)s->transferred, (long long)s->on_time, (long long)s->overdue,
        (long long)s->not_yet_due);
    const ces_case_overdue *o = ces_results_overdue(r, c->code, &n);
    if (!n) {
        fprintf(fp, _("    no overdue case\n"));
        return;
    }
    fprintf(fp, _("    overdue cases, most overdue first (%zu shown):\n"), n);
    static const char *const heads[] = {N_("case_id"), N_("code"), N_("transfer"), N_("deadline"),
                                        N_("answered")};
    static const int widths[] = {20, 14, 10, 10, 10};
    fputs("      ", fp);
    for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
        print_padded(fp, _(heads[i]), widths[i]);
        fputs("  ", fp);
    }
    fprintf(fp, "%s\n", _("days over"));
    for (size_t i = 0; i < n; i++) {
        fprintf(fp, "      ");
        print_padded(fp, o[i].case_id, 20);
        fprintf(fp, "  ");
        put_left(fp, o[i].code, 14);
        fprintf(fp, "  ");
        print_date(fp, o[i].transferred_date);
        print_date(fp, o[i].deadline);
        print_date(fp, o[i].responded_date);
        fprintf(fp, "%d\n", o[i].days_overdue);
    }
}

#define CATEGORIES_SHOWN 10 /* per column on a terminal; the workbook has them all */

/* The complaints by category of a company above the analysis threshold. */
static void print_categories(FILE *fp, const ces_report_ctx *ctx, const ces_company_result *c)
{
    size_t n;
    const ces_case_category *k = ces_results_categories(ctx->results, c->code, &n);
    if (!n)
        return;
    fprintf(fp, _("\n  Complaints by category (more than %ld complaints: analysed)\n"),
            ctx->cfg->analysis_threshold[ctx->results->period.kind]);
    for (size_t i = 0; i < n;) {
        size_t j = i, shown = 0;
        fprintf(fp, "    ");
        put_left(fp, k[i].dimension, 8);
        for (; j < n && !strcmp(k[j].dimension, k[i].dimension); j++)
            if (shown++ < CATEGORIES_SHOWN) {
                fprintf(fp, "%s ", shown > 1 ? "," : "");
                put(fp, k[j].value[0] ? k[j].value : _("(empty)"));
                fprintf(fp, " %lld", (long long)k[j].count);
            }
        if (shown > CATEGORIES_SHOWN)
            fprintf(fp, _(", ... %zu more"), shown - CATEGORIES_SHOWN);
        fputc('\n', fp);
        i = j;
    }
}

ces_status ces_report_scorecard_text(const ces_report_ctx *ctx, const char *code, FILE *fp)
{
    const ces_results *r = ctx->results;
    const ces_company_result *c = NULL;
    for (size_t i = 0; i < r->n_companies; i++)
        if (!strcmp(r->companies[i].code, code))
            c = &r->companies[i];
    if (!c) {
        for (size_t i = 0; i < r->n_excluded; i++)
            if (!strcmp(r->excluded[i].code, code)) {
                put(fp, code);
                fputc(' ', fp);
                put(fp, r->excluded[i].name);
                fprintf(fp, _(" is not scored: %s%s"), ces_excl_reason_id(r->excluded[i].reason),
                        r->excluded[i].into ? _(" into ") : "");
                put(fp, r->excluded[i].into ? r->excluded[i].into : "");
                fputc('\n', fp);
                return CES_OK;
            }
        return CES_ERR_INVALID;
    }
    const ces_config *cfg = ctx->cfg;
    char period[8], a[32], b[32], t[32];
    ces_period_format(r->period, period);
    put(fp, c->code);
    fputc(' ', fp);
    put(fp, c->name);
    fprintf(fp, _(" (%s), period %s, run %ld (%s)\n"), ces_group_id(c->group), period, ctx->run_id,
            ces_run_status_id(ctx->status));
    fprintf(fp, _("Rank %d of %d; group average %s\n"), c->rank, r->groups[c->group].count,
            fx(r->groups[c->group].average_total, 2, a, sizeof a));
    if (c->n_children) {
        fprintf(fp, _("Rolled up:"));
        for (size_t i = 0; i < c->n_children; i++) {
            fputc(' ', fp);
            put(fp, c->children[i]);
        }
        fputc('\n', fp);
    }
    for (int i = 0; i < CES_IND_COUNT; i++) {
        const ces_ind_result *x = &c->ind[i];
        if (!x->present)
            continue;
        const ces_cfg_indicator *ci = &cfg->ind[i];
        ces_kind kind = ces_ind_kind((ces_ind)i);
        fprintf(fp, "\n  %-30s ", ces_ind_id((ces_ind)i));
        print_padded(fp, ctx->english ? ci->en : ci->zh, 46);
        char signed_score[40];
        snprintf(signed_score, sizeof signed_score, "%s%s",
                 kind == CES_KIND_DEDUCTION && x->score > 0 ? "-" : "", fx(x->score, 2, a, sizeof a));
        fprintf(fp, " %8s\n", signed_score);
        ces_buf why = {0};
        rep_explain(&why, ctx, c, (ces_ind)i);
        fprintf(fp, "    ");
        put(fp, why.p ? why.p : "");
        fputc('\n', fp);
        ces_buf_free(&why);
    }
    fprintf(fp, _("\n  volume block = %s%s\n"), fx(c->volume_block, 2, a, sizeof a),
            (c->flags & CES_FLAG_NO_VOLUME) ? _(" (no volume indicator applies)") : "");
    fprintf(fp, _("  qualitative  = max(0"));
    print_terms(fp, c, CES_BLOCK_QUALITATIVE);
    fprintf(fp, ") = %s\n", fx(c->qualitative, 2, a, sizeof a));
    fprintf(fp, _("  quantitative = max(0, %s"), fx(c->volume_block, 2, a, sizeof a));
    print_terms(fp, c, CES_BLOCK_QUANTITATIVE);
    fprintf(fp, ") = %s\n", fx(c->quantitative, 2, a, sizeof a));
    fprintf(fp, _("  total        = %s + %s = %s\n"), fx(c->qualitative, 2, a, sizeof a),
            fx(c->quantitative, 2, b, sizeof b), fx(c->total, 2, t, sizeof t));
    if (r->derived)
        derived_text(fp, ctx, c);
    print_cases(fp, ctx, c);
    print_categories(fp, ctx, c);
    return CES_OK;
}
