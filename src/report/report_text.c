/* Terminal output: the ranking of both groups, and one company's scorecard
 * with the arithmetic of every indicator written out. English labels (the CLI
 * speaks English); company names as given, aligned by display width. */
#include "cescore/report.h"

#include <math.h>
#include <string.h>

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

/* Text from the inputs (a code, a name): control characters shown escaped. */
static void put(FILE *fp, const char *s) { ces_fputs_escaped(s, fp); }

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
    fprintf(fp, "Period %s, run %ld, config ", period, ctx->run_id);
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
        fprintf(fp, "\n%s (%s): %d companies, average %s, %d below average\n",
                g == CES_GROUP_PC ? "Property & casualty" : "Life", ces_group_id((ces_group)g),
                gr->count, fx(gr->average_total, 2, a, sizeof a), gr->below_average);
        fprintf(fp, "%4s  %-14s  ", "Rank", "Code");
        print_padded(fp, "Name", name_w);
        fprintf(fp, "  %7s  %7s  %7s  %s\n", "Total", "Qual", "Quant", "Flags");
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
            for (int f = 0; f < CES_FLAG_COUNT; f++)
                if (c->flags & (1u << f)) {
                    fprintf(fp, "%s%s", sep, ces_flag_id(1u << f));
                    sep = ",";
                }
            fputc('\n', fp);
        }
    }
    if (r->n_excluded)
        fprintf(fp, "\nNot evaluated: %zu entities (see the results JSON or `show --company`)\n",
                r->n_excluded);
}

static void print_checklist(FILE *fp, const ces_cfg_indicator *ci, const ces_ind_result *x)
{
    char b[32];
    fprintf(fp, "    %s", fx(ci->max, 2, b, sizeof b));
    for (size_t i = 0; i < ci->n_items; i++)
        if (x->missing & (1u << i))
            fprintf(fp, " - %s (%s not established)", fx(ci->items[i].points, 2, b, sizeof b),
                    ci->items[i].id);
    fprintf(fp, ", floored at 0 = %s\n", fx(x->score, 2, b, sizeof b));
}

static void print_volume(FILE *fp, const ces_cfg_indicator *ci, const ces_ind_result *x, double block)
{
    char a[32], b[32], c[32], d[32], e[32];
    if (!x->applicable) {
        fprintf(fp, "    denominator %s is 0: not applicable, contributes 0\n",
                fx(x->denominator, 4, a, sizeof a));
        return;
    }
    fprintf(fp, "    x = %s / %s = %s; benchmark B = %s\n", fx(x->numerator, 0, a, sizeof a),
            fx(x->denominator, 6, b, sizeof b), fx(x->value, 6, c, sizeof c),
            fx(x->benchmark, 6, d, sizeof d));
    if (x->benchmark > 0)
        fprintf(fp, "    raw = %s x clamp(1 - x / (%s x B), 0, 1) = %s\n", fx(x->weight, 2, a, sizeof a),
                fx(ci->zero_at_multiple, 2, b, sizeof b), fx(x->raw, 6, c, sizeof c));
    else
        fprintf(fp, "    B is 0 for the whole peer set: full marks, raw = %s\n",
                fx(x->raw, 6, c, sizeof c));
    fprintf(fp, "    contribution = raw x %s / %s (weights applicable) = %s\n",
            fx(block, 2, a, sizeof a),
            fx(x->weight > 0 ? x->weight * block / x->effective_weight : 0, 2, b, sizeof b),
            fx(x->score, 2, e, sizeof e));
}

static void print_change(FILE *fp, const ces_cfg_indicator *ci, const ces_ind_result *x, unsigned flags)
{
    char a[32], b[32], c[32], d[32], e[32];
    if (x->value_inf) {
        fprintf(fp, "    x now = %s, x prior = 0: c = +inf, score = %s\n",
                fx(x->current, 6, a, sizeof a), fx(x->score, 2, b, sizeof b));
        return;
    }
    if (!x->has_value) {
        fprintf(fp, "    x unavailable (%s): %s x %s = %s\n",
                (flags & CES_FLAG_NO_PREMIUM) ? "no_premium" : "no_prior", fx(ci->max, 2, a, sizeof a),
                fx(ci->missing_score_fraction, 2, b, sizeof b), fx(x->score, 2, c, sizeof c));
        return;
    }
    fprintf(fp, "    x now = %s, x prior = %s per 100m yuan\n", fx(x->current, 6, a, sizeof a),
            fx(x->prior, 6, b, sizeof b));
    fprintf(fp, "    c = %s; score = %s x clamp((%s - c) / (%s - %s), 0, 1) = %s\n",
            fx(x->value, 6, a, sizeof a), fx(ci->max, 2, b, sizeof b), fx(ci->c_zero, 2, c, sizeof c), c,
            fx(ci->c_full, 2, d, sizeof d), fx(x->score, 2, e, sizeof e));
}

static void print_rate(FILE *fp, ces_ind id, const ces_cfg_indicator *ci, const ces_ind_result *x)
{
    char a[32], b[32], c[32], d[32];
    if (!x->has_value) {
        fprintf(fp, "    denominator is 0: full marks = %s\n", fx(x->score, 2, a, sizeof a));
        return;
    }
    fprintf(fp, "    %s / %s = %s", fx(x->numerator, 0, a, sizeof a), fx(x->denominator, 0, b, sizeof b),
            fx(x->value, 6, c, sizeof c));
    if (id == CES_IND_TIMELINESS)
        fprintf(fp, "; score = %s x %s", fx(ci->max, 2, a, sizeof a), fx(x->value, 6, b, sizeof b));
    else if (x->has_benchmark && x->benchmark > 0)
        fprintf(fp, "; benchmark %s; score = %s x min(1, %s / %s)", fx(x->benchmark, 6, d, sizeof d),
                fx(ci->max, 2, a, sizeof a), fx(x->value, 6, b, sizeof b),
                fx(x->benchmark, 6, c, sizeof c));
    else
        fprintf(fp, "; benchmark 0: full marks");
    fprintf(fp, " = %s\n", fx(x->score, 2, a, sizeof a));
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
                fprintf(fp, " is not scored: %s%s", ces_excl_reason_id(r->excluded[i].reason),
                        r->excluded[i].into ? " into " : "");
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
    fprintf(fp, " (%s), period %s, run %ld\n", ces_group_id(c->group), period, ctx->run_id);
    fprintf(fp, "Rank %d of %d; group average %s\n", c->rank, r->groups[c->group].count,
            fx(r->groups[c->group].average_total, 2, a, sizeof a));
    if (c->n_children) {
        fprintf(fp, "Rolled up:");
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
        print_padded(fp, ci->en, 46);
        char signed_score[40];
        snprintf(signed_score, sizeof signed_score, "%s%s", kind == CES_KIND_DEDUCTION ? "-" : "",
                 fx(x->score, 2, a, sizeof a));
        fprintf(fp, " %8s\n", signed_score);
        switch (kind) {
        case CES_KIND_CHECKLIST: print_checklist(fp, ci, x); break;
        case CES_KIND_VOLUME: print_volume(fp, ci, x, cfg->volume_points); break;
        case CES_KIND_CHANGE: print_change(fp, ci, x, c->flags); break;
        case CES_KIND_RATE: print_rate(fp, (ces_ind)i, ci, x); break;
        case CES_KIND_DEDUCTION:
            fprintf(fp, "    points %s, cap %s: min = %s\n", fx(x->points, 2, a, sizeof a),
                    fx(x->max, 2, b, sizeof b), fx(x->score, 2, t, sizeof t));
            break;
        }
    }
    fprintf(fp, "\n  volume block = %s%s\n", fx(c->volume_block, 2, a, sizeof a),
            (c->flags & CES_FLAG_NO_VOLUME) ? " (no volume indicator applies)" : "");
    fprintf(fp, "  qualitative  = max(0");
    print_terms(fp, c, CES_BLOCK_QUALITATIVE);
    fprintf(fp, ") = %s\n", fx(c->qualitative, 2, a, sizeof a));
    fprintf(fp, "  quantitative = max(0, %s", fx(c->volume_block, 2, a, sizeof a));
    print_terms(fp, c, CES_BLOCK_QUANTITATIVE);
    fprintf(fp, ") = %s\n", fx(c->quantitative, 2, a, sizeof a));
    fprintf(fp, "  total        = %s + %s = %s\n", fx(c->qualitative, 2, a, sizeof a),
            fx(c->quantitative, 2, b, sizeof b), fx(c->total, 2, t, sizeof t));
    return CES_OK;
}
