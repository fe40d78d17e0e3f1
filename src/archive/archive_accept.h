/* archive: storing the acceptance of an import's findings (schema v4). */
#ifndef CESCORE_ARCHIVE_ACCEPT_H
#define CESCORE_ARCHIVE_ACCEPT_H

#include "cescore/archive.h"

/* The acceptance's row and its findings under import_id (inside the
 * caller's operation). */
ces_status arch_insert_acceptance(ces_archive *a, long import_id, const ces_acceptance *acc);

#endif
