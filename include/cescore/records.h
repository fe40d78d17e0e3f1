/* Every record the engine archives, chains, compares or writes as JSON,
 * described once: one X-macro list per record (the history's entries have
 * theirs in archive.h). dataset.h, results.h and archive.h generate the
 * structs from the lists, and CES_RECORD the runtime descriptors (ces_record,
 * defined in core_dataset.c, core_results.c, archive_history.c) that the
 * archive's SQL, the canonical text of the hash chain, rerun's comparison,
 * the results JSON and the freeing functions walk instead of naming each
 * field again (core_records.c: what is done with any field).
 *
 *   X(T, tag, member, key, column, flags)
 *
 * T       the struct, passed through from the list's own argument (what the
 *         descriptors' offsetof needs)
 * tag     the field's type: STR (char *, owned, NULL = absent), PERIOD
 *         (ces_period_id, inline), INT, LONG, I64 (int64_t), UINT (unsigned),
 *         DBL (double), or an enumeration stored as its id: GROUP, ORG, DED,
 *         EXCL, LINE (model.h)
 * key     its name in the canonical text (docs/archive-schema.md, "Canonical
 *         text"), in the results JSON and in rerun's differences
 * column  its column in the record's archive table
 * flags   CES_F_*
 *
 * A list's order is the order of the canonical text and of the table's
 * columns; both are fixed by every archive already written, so a list is
 * never reordered. How to add a field: docs/archive-schema.md, "Records". */
#ifndef CESCORE_RECORDS_H
#define CESCORE_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "cescore/buf.h"
#include "cescore/model.h"

/* ---- field types ---- */

typedef enum {
    CES_FT_STR,   /* char *, owned */
    CES_FT_CHARS, /* text kept in the struct: char[size] */
    CES_FT_INT,
    CES_FT_LONG,
    CES_FT_I64,
    CES_FT_UINT,
    CES_FT_DBL,
    CES_FT_ENUM /* an enum, stored as its id */
} ces_ftype;

/* A period's id kept inline ("2024H1"). */
typedef char ces_period_id[8];

/* An enumeration stored as text: what names it in errors, id and parse
 * convert (parse returns -1 for an unknown text). */
typedef struct {
    const char *what;
    const char *(*id)(int value);
    int (*parse)(const char *s);
} ces_enum;

extern const ces_enum CES_ENUM_GROUP, CES_ENUM_ORG_TYPE, CES_ENUM_DED, CES_ENUM_EXCL_REASON,
    CES_ENUM_LINE;

/* tag -> C type, runtime type, enum descriptor */
#define CES_CTYPE_STR char *
#define CES_CTYPE_PERIOD ces_period_id
#define CES_CTYPE_INT int
#define CES_CTYPE_LONG long
#define CES_CTYPE_I64 int64_t
#define CES_CTYPE_UINT unsigned
#define CES_CTYPE_DBL double
#define CES_CTYPE_GROUP ces_group
#define CES_CTYPE_ORG ces_org_type
#define CES_CTYPE_DED ces_ded
#define CES_CTYPE_LINE ces_line
#define CES_CTYPE_EXCL ces_excl_reason

#define CES_FTYPE_STR CES_FT_STR
#define CES_FTYPE_PERIOD CES_FT_CHARS
#define CES_FTYPE_INT CES_FT_INT
#define CES_FTYPE_LONG CES_FT_LONG
#define CES_FTYPE_I64 CES_FT_I64
#define CES_FTYPE_UINT CES_FT_UINT
#define CES_FTYPE_DBL CES_FT_DBL
#define CES_FTYPE_GROUP CES_FT_ENUM
#define CES_FTYPE_ORG CES_FT_ENUM
#define CES_FTYPE_DED CES_FT_ENUM
#define CES_FTYPE_LINE CES_FT_ENUM
#define CES_FTYPE_EXCL CES_FT_ENUM

#define CES_FENUM_STR NULL
#define CES_FENUM_PERIOD NULL
#define CES_FENUM_INT NULL
#define CES_FENUM_LONG NULL
#define CES_FENUM_I64 NULL
#define CES_FENUM_UINT NULL
#define CES_FENUM_DBL NULL
#define CES_FENUM_GROUP (&CES_ENUM_GROUP)
#define CES_FENUM_ORG (&CES_ENUM_ORG_TYPE)
#define CES_FENUM_DED (&CES_ENUM_DED)
#define CES_FENUM_LINE (&CES_ENUM_LINE)
#define CES_FENUM_EXCL (&CES_ENUM_EXCL_REASON)

/* flags */
#define CES_F_KEY 1u  /* identifies the record among its siblings: rerun matches on it */
#define CES_F_JSON 2u /* written to the results JSON under its key, in list order */

/* A struct member from a list entry. */
#define CES_MEMBER(T, tag, member, key, column, flags) CES_CTYPE_##tag member;

/* ---- input rows (dataset.h) ---- */

/* Every input row starts its canonical text and its table with the source
 * line and the company code; the structs keep code first and line last, as
 * they have always been laid out (CES_INPUT_ROW). An optional cell left
 * empty (parent_code, note, category, reference, description) is NULL. */
#define CES_ROW_LINE(X, T) X(T, LONG, line, "line", "line", 0)
#define CES_ROW_CODE(X, T) X(T, STR, code, "code", "code", 0)

#define CES_COMPANY_FIELDS(X, T)                                                                        \
    X(T, STR, name, "name", "name", 0)                                                                  \
    X(T, GROUP, group, "group", "grp", 0)                                                               \
    X(T, ORG, org_type, "org_type", "org_type", 0)                                                      \
    X(T, STR, parent_code, "parent_code", "parent_code", 0)                                             \
    X(T, INT, open_date, "open_date", "open_date", 0) /* YYYYMMDD */

#define CES_COMPLAINTS_FIELDS(X, T)                                                                     \
    X(T, I64, total, "total", "total", 0)                                                               \
    X(T, I64, motor, "motor", "motor", 0)                                                               \
    X(T, I64, nonmotor, "nonmotor", "nonmotor", 0)                                                      \
    X(T, I64, withdrawn, "withdrawn", "withdrawn", 0)                                                   \
    X(T, I64, transferred, "transferred", "transferred", 0)                                             \
    X(T, I64, on_time, "on_time", "on_time", 0)

#define CES_STATISTICS_FIELDS(X, T)                                                                     \
    X(T, DBL, premium_wan, "premium_wan", "premium_wan", 0)                                             \
    X(T, DBL, motor_premium_wan, "motor_premium_wan", "motor_premium_wan", 0)                           \
    X(T, DBL, nonmotor_premium_wan, "nonmotor_premium_wan", "nonmotor_premium_wan", 0)                  \
    X(T, I64, nonmotor_policies, "nonmotor_policies", "nonmotor_policies", 0)                           \
    X(T, I64, prior_inforce_policies, "prior_inforce_policies", "prior_inforce_policies", 0)            \
    X(T, I64, new_policies, "new_policies", "new_policies", 0)                                          \
    X(T, I64, prior_inforce_persons, "prior_inforce_persons", "prior_inforce_persons", 0)               \
    X(T, I64, new_persons, "new_persons", "new_persons", 0)

/* (the established items are a bitmap beside the note: dataset.h) */
#define CES_QUALITATIVE_FIELDS(X, T) X(T, STR, note, "note", "note", 0)

#define CES_MEDIATION_FIELDS(X, T)                                                                      \
    X(T, I64, needed, "needed", "needed", 0)                                                            \
    X(T, I64, succeeded, "succeeded", "succeeded", 0)

/* category: the canonical category id; points: as given, else the
 * category's; points_given: 1 when the points column was non-empty */
#define CES_DEDUCTION_FIELDS(X, T)                                                                      \
    X(T, DED, indicator, "indicator", "indicator", 0)                                                   \
    X(T, STR, category, "category", "category", 0)                                                      \
    X(T, DBL, points, "points", "points", 0)                                                            \
    X(T, INT, points_given, "points_given", "points_given", 0)                                          \
    X(T, INT, date, "date", "date", 0) /* YYYYMMDD */                                                   \
    X(T, STR, reference, "reference", "reference", 0)                                                   \
    X(T, STR, description, "description", "description", 0)

#define CES_PRIOR_FIELDS(X, T)                                                                          \
    X(T, I64, total, "total", "total", 0)                                                               \
    X(T, DBL, premium_wan, "premium_wan", "premium_wan", 0)

/* ---- case-level complaints (cases.csv, docs/method.md §6.6) ---- */

/* What a company's cases come to as of the period's last day: the counts of
 * complaints.csv, then how its transferred cases stand. overdue =
 * transferred - on_time; not_yet_due: transferred, unanswered at the end and
 * its deadline after the end, so not counted in the period. */
#define CES_CASE_COUNT_FIELDS(X, T)                                                                     \
    X(T, I64, total, "total", "total", CES_F_JSON)                                                      \
    X(T, I64, motor, "motor", "motor", CES_F_JSON)                                                      \
    X(T, I64, nonmotor, "nonmotor", "nonmotor", CES_F_JSON)                                             \
    X(T, I64, withdrawn, "withdrawn", "withdrawn", CES_F_JSON)                                          \
    X(T, I64, transferred, "transferred", "transferred", CES_F_JSON)                                    \
    X(T, I64, on_time, "on_time", "on_time", CES_F_JSON)                                                \
    X(T, I64, overdue, "overdue", "overdue", CES_F_JSON)                                                \
    X(T, I64, not_yet_due, "not_yet_due", "not_yet_due", CES_F_JSON)

/* A scored company's case counts, its rolled-up children's added (a run's). */
#define CES_CASE_SUMMARY_FIELDS(X, T)                                                                   \
    X(T, STR, code, "code", "code", CES_F_KEY | CES_F_JSON)                                             \
    CES_CASE_COUNT_FIELDS(X, T)

/* An overdue case: company is the scored company (the code of cases.csv
 * while ingest derives it), code the row's own; dates YYYYMMDD;
 * responded_date 0 when not answered by the period's end; days_overdue:
 * calendar days from the deadline to the answer, or to the day after the
 * period's end for a case still open at its end. */
#define CES_CASE_OVERDUE_FIELDS(X, T)                                                                   \
    X(T, STR, company, "company", "company_code", 0)                                                    \
    X(T, STR, case_id, "case_id", "case_id", CES_F_JSON)                                                \
    X(T, STR, code, "code", "code", CES_F_JSON)                                                         \
    X(T, LONG, line, "line", "line", CES_F_JSON)                                                        \
    X(T, INT, transferred_date, "transferred_date", "transferred_date", CES_F_JSON)                     \
    X(T, INT, deadline, "deadline", "deadline", CES_F_JSON)                                             \
    X(T, INT, responded_date, "responded_date", "responded_date", CES_F_JSON)                           \
    X(T, INT, days_overdue, "days_overdue", "days_overdue", CES_F_JSON)

/* A company's complaints of one category: dimension "line", "channel",
 * "product" or "reason"; value as written in cases.csv ("" for an empty
 * cell; a line's id for "line"). */
#define CES_CASE_CATEGORY_FIELDS(X, T)                                                                  \
    X(T, STR, company, "company", "company_code", 0)                                                    \
    X(T, STR, dimension, "dimension", "dimension", CES_F_JSON)                                          \
    X(T, STR, value, "value", "value", CES_F_JSON)                                                      \
    X(T, I64, count, "count", "count", CES_F_JSON)

/* ---- results (results.h) ---- */

/* One indicator of one company; which fields mean something depends on the
 * indicator's kind (results.h). */
#define CES_IND_RESULT_FIELDS(X, T)                                                                     \
    /* belongs to the company's group */                                                                \
    X(T, INT, present, "present", "present", 0)                                                         \
    /* volume: denominator > 0; others: 1 */                                                            \
    X(T, INT, applicable, "applicable", "applicable", 0)                                                \
    X(T, INT, has_value, "has_value", "has_value", 0)                                                   \
    X(T, INT, value_inf, "value_inf", "value_inf", 0) /* change: c = +inf */                            \
    X(T, INT, has_benchmark, "has_benchmark", "has_benchmark", 0)                                       \
    X(T, INT, has_current, "has_current", "has_current", 0)                                             \
    X(T, INT, has_prior, "has_prior", "has_prior", 0)                                                   \
    X(T, DBL, numerator, "numerator", "numerator", 0)                                                   \
    X(T, DBL, denominator, "denominator", "denominator", 0)                                             \
    X(T, DBL, value, "value", "value", 0)                                                               \
    X(T, DBL, benchmark, "benchmark", "benchmark", 0)                                                   \
    X(T, DBL, current, "current", "current_x", 0) /* change: x now */                                   \
    X(T, DBL, prior, "prior", "prior_x", 0)       /* change: x prior */                                 \
    /* volume: W * clamp(...) before re-weighting */                                                    \
    X(T, DBL, raw, "raw", "raw", 0)                                                                     \
    X(T, DBL, weight, "weight", "weight", 0) /* volume: configured W */                                 \
    /* volume: W * block / sum W applicable */                                                          \
    X(T, DBL, effective_weight, "effective_weight", "effective_weight", 0)                              \
    /* deduction: sum of points before the cap */                                                       \
    X(T, DBL, points, "points", "points", 0)                                                            \
    X(T, DBL, max, "max", "max_points", 0) /* max points or cap (config) */                             \
    X(T, DBL, score, "score", "score", 0)                                                               \
    /* checklist: bit i = item i not established */                                                     \
    X(T, UINT, missing, "missing", "missing", 0)

/* CES_IND_F_<member>: a field's index in CES_REC_IND_RESULT.fields */
#define CES_IND_F_INDEX(T, tag, member, key, column, flags) CES_IND_F_##member,
enum { CES_IND_RESULT_FIELDS(CES_IND_F_INDEX, ces_ind_result) CES_IND_F_COUNT };

/* A company's scores (then its indicators, results.h), ... */
#define CES_COMPANY_SCORE_FIELDS(X, T)                                                                  \
    X(T, STR, code, "code", "code", CES_F_KEY | CES_F_JSON)                                             \
    X(T, STR, name, "name", "name", CES_F_JSON)                                                         \
    X(T, GROUP, group, "group", "grp", CES_F_JSON)                                                      \
    X(T, INT, rank, "rank", "rank", CES_F_JSON)                                                         \
    X(T, DBL, total, "total", "total", CES_F_JSON)                                                      \
    X(T, DBL, qualitative, "qualitative", "qualitative", CES_F_JSON)                                    \
    X(T, DBL, quantitative, "quantitative", "quantitative", CES_F_JSON)                                 \
    /* the volume block's score: sum of the rounded contributions, or (flag        \
       no_volume) the block's points when the company has no complaints, else 0 */                    \
    X(T, DBL, volume_block, "volume_block", "volume_block", CES_F_JSON)                                 \
    X(T, UINT, flags, "flags", "flags", 0) /* CES_FLAG_* */

/* ... and its rolled-up inputs, for the scorecard's arithmetic and as a
 * later period's prior figures. */
#define CES_COMPANY_INPUT_FIELDS(X, T)                                                                  \
    X(T, DBL, complaints_total, "complaints_total", "complaints_total", 0)                              \
    X(T, DBL, premium_wan, "premium_wan", "premium_wan", 0)

#define CES_COMPANY_RESULT_FIELDS(X, T) CES_COMPANY_SCORE_FIELDS(X, T) CES_COMPANY_INPUT_FIELDS(X, T)

/* A peer group's figures: average_total rounded (docs/method.md); its
 * benchmarks are arrays beside them (results.h). */
#define CES_GROUP_RESULT_FIELDS(X, T)                                                                   \
    X(T, INT, count, "count", "company_count", CES_F_JSON)                                              \
    X(T, DBL, average_total, "average_total", "average_total", CES_F_JSON)                              \
    X(T, INT, below_average, "below_average", "below_average", CES_F_JSON)

/* into: a rolled-up entity's parent code, else NULL */
#define CES_EXCLUDED_FIELDS(X, T)                                                                       \
    X(T, STR, code, "code", "code", CES_F_JSON)                                                         \
    X(T, STR, name, "name", "name", CES_F_JSON)                                                         \
    X(T, GROUP, group, "group", "grp", CES_F_JSON)                                                      \
    X(T, EXCL, reason, "reason", "reason", CES_F_JSON)                                                  \
    X(T, STR, into, "into", "into_code", CES_F_JSON)

/* ---- derived figures (results.h) ----
 * What the outputs show beyond a run's archived figures, derived from the
 * run's figures, inputs and config each time its outputs are written
 * (ces_score_derive): never archived nor chained, so no run's canonical text
 * changes (docs/decisions.md). column "": no archive column. */

/* One side of a company's rank sensitivity (docs/method.md §13): its total
 * and rank with one complaint fewer or one more, peers fixed. exists: 0 for
 * "fewer" of a company without complaints. */
#define CES_SENSITIVITY_FIELDS(X, T)                                                                    \
    X(T, INT, exists, "exists", "", 0)                                                                  \
    X(T, LINE, line, "line", "", CES_F_JSON)                                                            \
    X(T, DBL, total, "total", "", CES_F_JSON)                                                           \
    X(T, INT, rank, "rank", "", CES_F_JSON)

/* A volume indicator that applies but whose denominator is below the
 * indicator's small_base floor (docs/method.md §13). */
#define CES_IND_DERIVED_FIELDS(X, T) X(T, INT, small_base, "small_base", "", 0)

/* ---- plausibility findings (findings.h) ----
 * A figure that is valid but implausible (docs/inputs.md §6), as an
 * acceptance archives it: kind "same_file" (file is byte-identical to the
 * file of other_period's import other_id) or "premium_factor" (code's
 * premium figure, 万元, is a factor of 1,000 or more away from its prior
 * premium, from source "prior.csv" or "archive" (run other_id) of
 * other_period; line: its statistics.csv row). */
#define CES_FINDING_FIELDS(X, T)                                                                        \
    X(T, STR, kind, "kind", "kind", 0)                                                                  \
    X(T, STR, file, "file", "file", 0)                                                                  \
    X(T, LONG, line, "line", "line", 0)                                                                 \
    X(T, STR, code, "code", "code", 0)                                                                  \
    X(T, DBL, figure, "figure", "figure", 0)                                                            \
    X(T, DBL, prior, "prior", "prior", 0)                                                               \
    X(T, STR, source, "source", "source", 0)                                                            \
    X(T, STR, other_period, "other_period", "other_period", 0)                                          \
    X(T, LONG, other_id, "other_id", "other_id", 0)

/* ---- runtime descriptors ---- */

typedef struct {
    const char *key, *column;
    ces_ftype type;
    size_t offset, size; /* in the struct */
    const ces_enum *en;  /* CES_FT_ENUM only */
    unsigned flags;
} ces_field;

typedef struct {
    const char *tag;   /* the canonical text's line name: "company" (NULL: none) */
    const char *table; /* the archive table: "companies" */
    size_t size;       /* sizeof the struct */
    const ces_field *fields;
    size_t n;
} ces_record;

/* Defining a record's descriptor from its list:
 * CES_RECORD(name, struct, tag, table, list) */
#define CES_FIELD_DESC(T, tag, member, key, column, flags)                                              \
    {key,  column, CES_FTYPE_##tag, offsetof(T, member), sizeof(((T *)0)->member), CES_FENUM_##tag,     \
     flags},
#define CES_DESCRIBE(name, T, tag, table, ...)                                                          \
    static const ces_field name##_FIELDS[] = {__VA_ARGS__};                                             \
    const ces_record name = {tag, table, sizeof(T), name##_FIELDS,                                      \
                             sizeof name##_FIELDS / sizeof name##_FIELDS[0]};
#define CES_RECORD(name, T, tag, table, LIST) CES_DESCRIBE(name, T, tag, table, LIST(CES_FIELD_DESC, T))

/* input rows (canonical order of an import: dataset.h's ces_dataset_record) */
extern const ces_record CES_REC_COMPANY, CES_REC_COMPLAINTS, CES_REC_STATISTICS, CES_REC_QUALITATIVE,
    CES_REC_MEDIATION, CES_REC_DEDUCTION, CES_REC_PRIOR;
/* what cases.csv comes to per code (not archived with an import: each run
 * derives it, dataset.h) */
extern const ces_record CES_REC_CASE_COUNT;
/* results */
extern const ces_record CES_REC_IND_RESULT, CES_REC_COMPANY_RESULT, CES_REC_GROUP_RESULT,
    CES_REC_EXCLUDED, CES_REC_CASE_SUMMARY, CES_REC_CASE_OVERDUE, CES_REC_CASE_CATEGORY;
/* derived figures (never archived) */
extern const ces_record CES_REC_SENSITIVITY, CES_REC_IND_DERIVED;
/* plausibility findings (an acceptance's, findings.h) */
extern const ces_record CES_REC_FINDING;

/* A string, an inline text or an enum (written as text); else a number. */
int ces_field_is_text(const ces_field *f);
/* A field's value: ces_field_int of an integer or an enum's number;
 * ces_field_num of any number as a double; ces_field_text of a string, an
 * inline text or an enum's id (NULL when absent or unknown). */
long long ces_field_int(const ces_field *f, const void *row);
double ces_field_dbl(const ces_field *f, const void *row);
double ces_field_num(const ces_field *f, const void *row);
const char *ces_field_text(const ces_field *f, const void *row);
/* Setting a field: an integer (or an enum's number), a double, a string
 * (the row takes s). */
void ces_field_set_int(const ces_field *f, void *row, long long v);
void ces_field_set_dbl(const ces_field *f, void *row, double v);
void ces_field_set_str(const ces_field *f, void *row, char *s);
/* Copy s (NULL: "") into an inline text, cut to its size. */
void ces_field_copy_text(const ces_field *f, void *row, const char *s);

/* Free the strings a row owns (they become NULL). */
void ces_record_free(const ces_record *rec, void *row);
/* Free the strings of rows[0..n) and the array itself. */
void ces_record_free_array(const ces_record *rec, void *rows, size_t n);
/* The row's fields as the canonical text's " key=value" pairs, in order. */
void ces_record_canon(ces_buf *b, const ces_record *rec, const void *row);

#endif
