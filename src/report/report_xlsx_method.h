/* The 口径说明 (methodology) sheet, generated from the config in force. */
#ifndef CESCORE_REPORT_XLSX_METHOD_H
#define CESCORE_REPORT_XLSX_METHOD_H

#include "cescore/report.h"
#include "report_xlsx_sheet.h"

/* The 口径说明 sheet generated from ctx->cfg. */
void xl_methodology_sheet(xl_sheet *s, const ces_report_ctx *ctx);

#endif
