/* Plausibility findings (findings.h): the record, the same-file check and
 * the findings as sentences. The premium check is score's
 * (score_findings.c): it rolls premiums up as scoring does. */
#include "cescore/findings.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/grow.h"
#include "cescore/i18n.h"

CES_RECORD(CES_REC_FINDING, ces_finding, "finding", "import_findings", CES_FINDING_FIELDS)

void ces_findings_free(ces_findings *f)
{
    if (!f)
        return;
    ces_record_free_array(&CES_REC_FINDING, f->items, f->n);
    memset(f, 0, sizeof *f);
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

ces_status ces_findings_add(ces_findings *f, const ces_finding *x)
{
    if (CES_GROW(f->items, f->cap, f->n, 8))
        return CES_ERR_NOMEM;
    ces_finding *y = &f->items[f->n];
    *y = *x;
    y->kind = dup_or_null(x->kind);
    y->file = dup_or_null(x->file);
    y->code = dup_or_null(x->code);
    y->source = dup_or_null(x->source);
    y->other_period = dup_or_null(x->other_period);
    if ((x->kind && !y->kind) || (x->file && !y->file) || (x->code && !y->code) ||
        (x->source && !y->source) || (x->other_period && !y->other_period)) {
        ces_record_free(&CES_REC_FINDING, y);
        return CES_ERR_NOMEM;
    }
    f->n++;
    return CES_OK;
}

int ces_findings_checks_file(ces_file_kind k)
{
    return k == CES_FILE_COMPLAINTS || k == CES_FILE_STATISTICS || k == CES_FILE_CASES;
}

ces_status ces_findings_same_files(const ces_dataset *ds, const ces_file_fact *facts, size_t n_facts,
                                   ces_findings *f)
{
    char period[8];
    ces_period_format(ds->period, period);
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        const ces_input_file *in = &ds->files[k];
        if (!in->present || !ces_findings_checks_file((ces_file_kind)k))
            continue;
        const ces_file_fact *hit = NULL;
        for (size_t i = 0; i < n_facts; i++) {
            const ces_file_fact *x = &facts[i];
            if (x->kind != (ces_file_kind)k || strcmp(x->period, period) == 0 ||
                strcmp(x->sha256, in->sha256) != 0)
                continue;
            if (!hit || x->import_id > hit->import_id)
                hit = x;
        }
        if (!hit)
            continue;
        ces_finding x = {.kind = CES_FINDING_SAME_FILE,
                         .file = (char *)ces_file_name((ces_file_kind)k),
                         .other_period = (char *)hit->period,
                         .other_id = hit->import_id};
        ces_status st = ces_findings_add(f, &x);
        if (st != CES_OK)
            return st;
    }
    return CES_OK;
}

/* A figure of 万元 as people write it: "12345.6". */
static void wan(double v, char *buf, size_t n) { snprintf(buf, n, "%.10g", v); }

const ces_finding_words CES_FINDING_WORDS_EN = {
    N_("byte-identical to %s of period %s (import %ld): were that period's files "
       "imported again as this period's?"),
    N_("company %s: premium %s 万元 is %s times its prior premium %s 万元 (%s, %s): %s"),
    N_("run %ld"),
    N_("entered in 元 instead of 万元? (10,000 元 = 1 万元)"),
    N_("entered in 亿元 instead of 万元, or the prior figure in 元? (1 亿元 = 10,000 万元)"),
    N_("check the unit of both figures (万元)"),
};

/* The likely slip behind a premium ratio r = this period / prior. */
static const char *premium_slip(const ces_finding_words *w, double r)
{
    double log10r = log10(r);
    if (fabs(log10r - 4) < 0.5)
        return w->slip_yuan;
    if (fabs(log10r + 4) < 0.5)
        return w->slip_yi;
    return w->slip_other;
}

void ces_finding_sentence(const ces_finding *x, const ces_finding_words *w, char *buf, size_t n)
{
    if (x->kind && strcmp(x->kind, CES_FINDING_SAME_FILE) == 0) {
        snprintf(buf, n, w->same_file, x->file ? x->file : "", x->other_period ? x->other_period : "",
                 x->other_id);
        return;
    }
    if (x->kind && strcmp(x->kind, CES_FINDING_PREMIUM) == 0) {
        char a[32], b[32], src[64];
        wan(x->figure, a, sizeof a);
        wan(x->prior, b, sizeof b);
        if (x->source && strcmp(x->source, "archive") == 0)
            snprintf(src, sizeof src, w->run, x->other_id);
        else
            snprintf(src, sizeof src, "%s", x->source ? x->source : "");
        double r = x->prior > 0 ? x->figure / x->prior : 0;
        char factor[32];
        snprintf(factor, sizeof factor, r >= 1 ? "%.0f" : "1/%.0f", r >= 1 ? r : (r > 0 ? 1 / r : 0));
        snprintf(buf, n, w->premium, x->code ? x->code : "", a, factor, b,
                 x->other_period ? x->other_period : "", src, premium_slip(w, r > 0 ? r : 1));
        return;
    }
    snprintf(buf, n, "%s", x->kind ? x->kind : "");
}

void ces_finding_text(const ces_finding *x, char *buf, size_t n)
{
    const ces_finding_words *en = &CES_FINDING_WORDS_EN;
    const ces_finding_words w = {_(en->same_file), _(en->premium), _(en->run),
                                 _(en->slip_yuan), _(en->slip_yi), _(en->slip_other)};
    ces_finding_sentence(x, &w, buf, n);
}

void ces_findings_to_diags(const ces_findings *f, ces_diags *d)
{
    for (size_t i = 0; i < f->n; i++) {
        char text[1024];
        ces_finding_text(&f->items[i], text, sizeof text);
        ces_diag_add_text(d, CES_DIAG_FINDING, f->items[i].file, f->items[i].line, NULL, 0, NULL, text);
    }
}

static int same_str(const char *a, const char *b) { return (!a && !b) || (a && b && !strcmp(a, b)); }

int ces_findings_equal(const ces_findings *a, const ces_findings *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        const ces_finding *x = &a->items[i], *y = &b->items[i];
        if (!same_str(x->kind, y->kind) || !same_str(x->file, y->file) || x->line != y->line ||
            !same_str(x->code, y->code) || x->figure != y->figure || x->prior != y->prior ||
            !same_str(x->source, y->source) || !same_str(x->other_period, y->other_period) ||
            x->other_id != y->other_id)
            return 0;
    }
    return 1;
}

void ces_acceptance_free(ces_acceptance *a)
{
    if (!a)
        return;
    free(a->operator_name);
    free(a->time);
    ces_findings_free(&a->findings);
    memset(a, 0, sizeof *a);
}
