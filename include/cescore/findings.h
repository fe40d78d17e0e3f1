/* Plausibility findings (docs/inputs.md §6): figures that pass every rule
 * of a bundle but are probably a mistake, such as last period's files
 * imported again or a premium entered in 元 instead of 万元. They stop run and
 * import (exit 3) until someone who has looked accepts them
 * (--accept-warnings --by NAME); the acceptance is archived with the import.
 * The checks are pure: a dataset and the facts the archive knows (another
 * period's files, the prior period's figures) in, findings out; looking the
 * facts up is the caller's. The record helpers live in core, the premium
 * check in score (it rolls the premiums up as scoring does). */
#ifndef CESCORE_FINDINGS_H
#define CESCORE_FINDINGS_H

#include <stddef.h>

#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/diag.h"
#include "cescore/records.h"
#include "cescore/results.h"
#include "cescore/status.h"

#define CES_FINDING_SAME_FILE "same_file"
#define CES_FINDING_PREMIUM "premium_factor"

typedef struct {
    CES_FINDING_FIELDS(CES_MEMBER, ces_finding)
} ces_finding;

typedef struct {
    ces_finding *items; /* strings owned */
    size_t n, cap;
} ces_findings;

void ces_findings_free(ces_findings *f);

/* Append a copy of x (its strings copied). CES_ERR_NOMEM. */
ces_status ces_findings_add(ces_findings *f, const ces_finding *x);

/* A file another period's import holds, as the archive knows it. */
typedef struct {
    ces_file_kind kind;
    char sha256[65];
    char period[8];
    long import_id;
} ces_file_fact;

/* The files of ds checked for being last period's again: complaints.csv,
 * cases.csv and statistics.csv (figures that change every period). */
int ces_findings_checks_file(ces_file_kind k);

/* One same_file finding per checked file of ds that is byte-identical
 * (same sha256) to a file of the same kind an import of another period
 * holds (facts: such files, in any order; the latest import, the highest
 * import_id, is named). */
ces_status ces_findings_same_files(const ces_dataset *ds, const ces_file_fact *facts, size_t n_facts,
                                   ces_findings *f);

/* score: one premium_factor finding per scored company whose premium this
 * period (its statistics.csv row and those of the entities rolled up into
 * it, 万元) and prior premium are both above 0 and differ by
 * cfg->premium_factor or more, either way. The prior premiums are those
 * scoring takes: the bundle's prior.csv when it has one, else archive's
 * (NULL: none). The finding's line is the company's statistics.csv row. */
ces_status ces_findings_premiums(const ces_dataset *ds, const ces_config *cfg,
                                 const ces_prior_archive *archive, ces_findings *f);

/* The words a finding's sentence is made of: printf formats whose
 * arguments come in the order of CES_FINDING_WORDS_EN's. */
typedef struct {
    const char *same_file;  /* file, period, import id */
    const char *premium;    /* code, figure, factor, prior, prior period, source, slip */
    const char *run;        /* run id: the source of archived prior figures */
    const char *slip_yuan;  /* ratio about 10,000 */
    const char *slip_yi;    /* ratio about 1/10,000 */
    const char *slip_other; /* any other ratio */
} ces_finding_words;

/* The English words (the msgids of the message catalog). */
extern const ces_finding_words CES_FINDING_WORDS_EN;

/* The finding as one sentence of the words w (without its file and line),
 * into buf. A workbook passes its own language's words, so that its bytes
 * do not depend on the message catalog or the environment. */
void ces_finding_sentence(const ces_finding *x, const ces_finding_words *w, char *buf, size_t n);
/* The same in the messages' language (CES_FINDING_WORDS_EN translated). */
void ces_finding_text(const ces_finding *x, char *buf, size_t n);

/* Every finding as a diagnostic of level CES_DIAG_FINDING (its file and
 * line, its text). */
void ces_findings_to_diags(const ces_findings *f, ces_diags *d);

/* 1 when a and b hold the same findings in the same order. */
int ces_findings_equal(const ces_findings *a, const ces_findings *b);

/* Who accepted which findings of an import, and when (ISO 8601 UTC). */
typedef struct {
    char *operator_name;
    char *time;
    ces_findings findings;
} ces_acceptance;

void ces_acceptance_free(ces_acceptance *a);

#endif
