/* The fixed vocabulary of the evaluation: peer groups, organisation types,
 * indicator ids (docs/method.md §3, in that order), flags, exclusion reasons.
 * These are the contract of the results JSON; numbers live in config. */
#ifndef CESCORE_MODEL_H
#define CESCORE_MODEL_H

typedef enum { CES_GROUP_PC = 0, CES_GROUP_LIFE = 1, CES_GROUP_COUNT = 2 } ces_group;

typedef enum {
    CES_ORG_BRANCH = 0,
    CES_ORG_LEGAL_ENTITY,
    CES_ORG_PROVINCIAL_DEPT,
    CES_ORG_TELESALES,
    CES_ORG_FUNCTIONAL,
    CES_ORG_AVIATION_CENTER,
    CES_ORG_ASSET_MGMT,
    CES_ORG_REINSURER,
    CES_ORG_POLICY,
    CES_ORG_CAPTIVE,
    CES_ORG_COUNT
} ces_org_type;

typedef enum { CES_TREAT_EVALUATED, CES_TREAT_ROLLED_UP, CES_TREAT_EXCLUDED } ces_treatment;

/* Indicator ids, in docs/method.md §3 order. */
typedef enum {
    CES_IND_QUAL_SYSTEMS = 0,     /* qual.systems */
    CES_IND_QUAL_MECHANISMS,      /* qual.mechanisms */
    CES_IND_DED_EXECUTION,        /* ded.execution */
    CES_IND_PC_MOTOR_PREMIUM,     /* pc.motor_per_100m_premium */
    CES_IND_PC_NONMOTOR_PREMIUM,  /* pc.nonmotor_per_100m_premium */
    CES_IND_PC_NONMOTOR_POLICIES, /* pc.nonmotor_per_10k_policies */
    CES_IND_LIFE_PREMIUM,         /* life.per_100m_premium */
    CES_IND_LIFE_POLICIES,        /* life.per_10k_policies */
    CES_IND_LIFE_PERSONS,         /* life.per_10k_persons */
    CES_IND_CHANGE_RATE,          /* quant.change_rate */
    CES_IND_TIMELINESS,           /* quant.timeliness */
    CES_IND_WITHDRAWAL,           /* quant.withdrawal */
    CES_IND_MEDIATION,            /* quant.mediation */
    CES_IND_DED_IMPROPER,         /* ded.improper_handling */
    CES_IND_DED_VIOLATION,        /* ded.violation */
    CES_IND_DED_GROUP_EVENT,      /* ded.group_event */
    CES_IND_DED_NEGATIVE_MEDIA,   /* ded.negative_media */
    CES_IND_COUNT
} ces_ind;

typedef enum {
    CES_KIND_CHECKLIST, /* qual.systems, qual.mechanisms */
    CES_KIND_DEDUCTION, /* ded.* */
    CES_KIND_VOLUME,    /* pc.*, life.* */
    CES_KIND_CHANGE,    /* quant.change_rate */
    CES_KIND_RATE       /* quant.timeliness, quant.withdrawal, quant.mediation */
} ces_kind;

typedef enum { CES_BLOCK_QUALITATIVE = 0, CES_BLOCK_QUANTITATIVE = 1 } ces_block;

/* Flags of docs/method.md §7, a bit each; JSON lists them in this order. */
enum {
    CES_FLAG_NO_VOLUME = 1u << 0,
    CES_FLAG_NO_PREMIUM = 1u << 1,
    CES_FLAG_NO_PRIOR = 1u << 2,
    CES_FLAG_NONE_TRANSFERRED = 1u << 3,
    CES_FLAG_NO_COMPLAINTS = 1u << 4,
    CES_FLAG_NO_MEDIATION = 1u << 5
};
#define CES_FLAG_COUNT 6

typedef enum {
    CES_EXCL_EXCLUDED_TYPE = 0, /* "excluded_type" */
    CES_EXCL_ROLLED_UP,         /* "rolled_up" */
    CES_EXCL_NOT_OPEN_FULL_YEAR /* "not_open_full_year" */
} ces_excl_reason;

/* Which complaint a company's rank sensitivity adds or takes away
 * (docs/method.md §13): one of its motor or non-motor complaints (pc), or
 * one complaint (life, whose volume indicators count every complaint). */
typedef enum {
    CES_LINE_TOTAL = 0, /* "total" */
    CES_LINE_MOTOR,     /* "motor" */
    CES_LINE_NONMOTOR   /* "nonmotor" */
} ces_line;

/* Deduction indicator names as written in deductions.csv. */
typedef enum {
    CES_DED_EXECUTION = 0,
    CES_DED_IMPROPER,
    CES_DED_VIOLATION,
    CES_DED_GROUP_EVENT,
    CES_DED_NEGATIVE_MEDIA,
    CES_DED_COUNT
} ces_ded;

/* Lookups between ids and strings; each returns -1 / NULL when unknown. */
const char *ces_group_id(ces_group g);       /* "pc", "life" */
const char *ces_group_zh(ces_group g);       /* "财产险", "人身险" */
int ces_group_parse(const char *s);          /* "pc","财产险","财产保险" -> CES_GROUP_PC; ... */
const char *ces_org_type_id(ces_org_type t); /* "branch" */
const char *ces_org_type_zh(ces_org_type t); /* "省级分公司" */
int ces_org_type_parse(const char *s);       /* id or Chinese name */
ces_treatment ces_org_type_treatment(ces_org_type t);
const char *ces_ind_id(ces_ind i); /* "pc.motor_per_100m_premium" */
int ces_ind_parse(const char *s);
ces_kind ces_ind_kind(ces_ind i);
ces_block ces_ind_block(ces_ind i);
/* -1 when the indicator applies to both groups, else the group it belongs to. */
int ces_ind_group(ces_ind i);
const char *ces_flag_id(unsigned flag_bit);        /* "no_prior" */
const char *ces_excl_reason_id(ces_excl_reason r); /* "rolled_up" */
int ces_excl_reason_parse(const char *s);          /* id only */
const char *ces_line_id(ces_line l);               /* "motor" */
int ces_line_parse(const char *s);                 /* id only */
const char *ces_ded_id(ces_ded d);                 /* "execution" */
const char *ces_ded_zh(ces_ded d);                 /* "制度执行" */
int ces_ded_parse(const char *s);                  /* id or Chinese name */
ces_ind ces_ded_indicator(ces_ded d);              /* CES_DED_EXECUTION -> CES_IND_DED_EXECUTION */

#endif
