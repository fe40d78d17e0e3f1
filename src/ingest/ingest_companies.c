/* companies.csv: codes, names, groups, org types, parents, open dates. */
#include "ingest_companies.h"

#include <stdlib.h>
#include <string.h>

#include "cescore/code_index.h"
#include "cescore/text.h"
#include "ingest_csv.h"
#include "ingest_header.h"
#include "ingest_rows.h"
#include "ingest_text.h"

enum { C_CODE, C_NAME, C_GROUP, C_ORG_TYPE, C_PARENT, C_OPEN, C_N };

static const ing_col companies_cols[C_N] = {
    {"code", NULL, 1, -1, NULL},        {"name", NULL, 1, -1, NULL},
    {"group", NULL, 1, -1, NULL},       {"org_type", NULL, 1, -1, NULL},
    {"parent_code", NULL, 0, -1, NULL}, {"open_date", NULL, 1, -1, NULL},
};

static int needs_parent(int t)
{
    return t == CES_ORG_PROVINCIAL_DEPT || t == CES_ORG_TELESALES || t == CES_ORG_FUNCTIONAL;
}

/* First pass, silent: one ces_company per record with a code, with what its
 * cells say, so that parent checks can look ahead. */
static void collect(ing_ctx *c, const ing_col *cols, ing_rows *it)
{
    ces_dataset *ds = c->ds;
    size_t rows = ds->files[CES_FILE_COMPANIES].rows;
    ing_row r;
    ds->companies = calloc(rows + 1, sizeof *ds->companies);
    c->co = calloc(rows + 1, sizeof *c->co);
    if (!ds->companies || !c->co) {
        c->nomem = 1;
        return;
    }
    while (!c->nomem && ing_next_row(it, &r)) {
        const ing_record *rec = r.rec;
        ces_company *co = &ds->companies[ds->n_companies];
        ing_company_info *info = &c->co[ds->n_companies];
        if (!ing_cell(rec, cols[C_CODE].idx)[0])
            continue;
        co->code = ing_dup(ing_cell(rec, cols[C_CODE].idx), &c->nomem);
        co->name = ing_dup(ing_cell(rec, cols[C_NAME].idx), &c->nomem);
        co->parent_code = ing_dup_or_null(ing_cell(rec, cols[C_PARENT].idx), &c->nomem);
        co->line = rec->line;
        info->group = ces_group_parse(ing_cell(rec, cols[C_GROUP].idx));
        info->org_type = ces_org_type_parse(ing_cell(rec, cols[C_ORG_TYPE].idx));
        if (ces_parse_date(ing_cell(rec, cols[C_OPEN].idx), &info->open_date) != 0)
            info->open_date = 0;
        co->group = info->group >= 0 ? (ces_group)info->group : CES_GROUP_PC;
        co->org_type = info->org_type >= 0 ? (ces_org_type)info->org_type : CES_ORG_BRANCH;
        co->open_date = info->open_date;
        ds->n_companies++;
    }
}

static void check_parent(const ing_row *r, const ing_company_info *self)
{
    const ing_ctx *c = r->ctx;
    const char *p = ing_val(r, C_PARENT);
    const ing_company_info *pi;
    long pidx;
    if (self->org_type < 0)
        return;
    if (!needs_parent(self->org_type)) {
        if (*p)
            ing_err(r, C_PARENT, p, "%s must be empty for %s", p,
                    ces_org_type_id((ces_org_type)self->org_type));
        return;
    }
    if (!*p) {
        ing_err(r, C_PARENT, "", "empty value, a parent is required for %s",
                ces_org_type_id((ces_org_type)self->org_type));
        return;
    }
    if ((pidx = ces_code_index_find(&c->co_index, p)) < 0) {
        ing_unknown_code(r, C_PARENT, p);
        return;
    }
    pi = &c->co[pidx];
    if (pi->org_type >= 0 && pi->org_type != CES_ORG_BRANCH && pi->org_type != CES_ORG_LEGAL_ENTITY)
        ing_err(r, C_PARENT, p, "%s is a %s, the parent must be a branch or legal_entity", p,
                ces_org_type_id((ces_org_type)pi->org_type));
    else if (pi->group >= 0 && self->group >= 0 && pi->group != self->group)
        ing_err(r, C_PARENT, p, "%s is in group %s, this company is in group %s", p,
                ces_group_id((ces_group)pi->group), ces_group_id((ces_group)self->group));
}

/* Checks of a row; ci: its index in ds->companies (it has a code), else -1. */
static void check_row(const ing_row *r, long ci)
{
    const ing_ctx *c = r->ctx;
    const char *code = ing_val(r, C_CODE), *v;
    long first = ci >= 0 ? ces_code_index_find(&c->co_index, code) : ci;
    int date;
    if (!*code)
        ing_err(r, C_CODE, "", "empty value, a code is required");
    else if (first != ci)
        ing_err(r, C_CODE, code, "%s appears more than once (first on line %ld)", code,
                c->ds->companies[first].line);
    if (!ing_val(r, C_NAME)[0])
        ing_err(r, C_NAME, "", "empty value, a name is required");
    v = ing_val(r, C_GROUP);
    if (!*v)
        ing_err(r, C_GROUP, "", "empty value, a group is required");
    else if (ces_group_parse(v) < 0)
        ing_err(r, C_GROUP, v, "%s is not a group (pc/财产险/财产保险 or life/人身险/人身保险)", v);
    v = ing_val(r, C_ORG_TYPE);
    if (!*v)
        ing_err(r, C_ORG_TYPE, "", "empty value, an org_type is required");
    else if (ces_org_type_parse(v) < 0)
        ing_err(
            r, C_ORG_TYPE, v,
            "%s is not an org_type (branch, legal_entity, provincial_dept, telesales, functional, aviation_center, asset_mgmt, reinsurer, policy, captive, or its Chinese name)",
            v);
    ing_date(r, C_OPEN, &date);
    if (ci >= 0)
        check_parent(r, &c->co[ci]);
    ing_check_fields(r);
}

/* The company's code must give a scorecard file name (docs/workbook.md) that
 * fits a file system and that no other code gives, also where case is
 * ignored (Windows, macOS): validation owns the limits of the outputs.
 * names: the names so far, lowercased. */
static void check_file_name(const ing_row *r, long ci, ces_code_index *names)
{
    ing_ctx *c = r->ctx;
    const char *code = ing_val(r, C_CODE);
    char name[512];
    long first;
    if (ci < 0 || ces_code_index_find(&c->co_index, code) != ci)
        return; /* no code, or a repeated one (already an error) */
    if (ces_scorecard_file_name(code, name, sizeof name) != 0) {
        ing_err(r, C_CODE, code,
                "%s cannot name a file: its scorecard's file name would be longer "
                "than 255 bytes",
                code);
        return;
    }
    for (char *p = name; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    if (ces_code_index_add(names, name, ci, &first) != 0)
        c->nomem = 1;
    else if (first != ci)
        ing_err(r, C_CODE, code,
                "%s and %s (line %ld) would have the same scorecard file name where case is "
                "ignored or '/' and '\\' become '_' (%s)",
                code, c->ds->companies[first].code, c->ds->companies[first].line, name);
}

/* The index of the companies' codes (row = index in ds->companies). */
static void index_companies(ing_ctx *c)
{
    long first;
    for (size_t i = 0; i < c->ds->n_companies && !c->nomem; i++)
        if (ces_code_index_add(&c->co_index, c->ds->companies[i].code, (long)i, &first) != 0)
            c->nomem = 1;
}

void ing_parse_companies(ing_ctx *c)
{
    ing_col cols[C_N];
    ing_rows it;
    ing_row r;
    long ci = 0;
    memcpy(cols, companies_cols, sizeof cols);
    if (ing_begin_file(c, CES_FILE_COMPANIES, cols, C_N, &it) != 0)
        return;
    collect(c, cols, &it);
    index_companies(c);
    if (!c->nomem)
        ing_rewind_rows(&it);
    ces_code_index names = {0};
    while (!c->nomem && ing_next_row(&it, &r)) {
        int has_code = ing_val(&r, C_CODE)[0] != '\0';
        check_row(&r, has_code ? ci : -1);
        check_file_name(&r, has_code ? ci : -1, &names);
        ci += has_code;
    }
    ces_code_index_free(&names);
    ing_end_rows(&it);
}
