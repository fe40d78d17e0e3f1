/* archive: the schema as an ordered list of migrations keyed by
 * PRAGMA user_version, and opening a database at the current version. */
#ifndef CESCORE_ARCHIVE_SCHEMA_H
#define CESCORE_ARCHIVE_SCHEMA_H

#include "archive_db.h"

/* The schema version this engine writes and reads. */
#define ARCH_SCHEMA_VERSION 5
/* PRAGMA application_id of a cescore archive ("CES1"). */
#define ARCH_APPLICATION_ID 0x43455331
/* prev_hash of the first entry of the hash chain. */
#define ARCH_GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* Migration step of version v (1..ARCH_SCHEMA_VERSION): constant SQL that
 * takes a database from v-1 to v. NULL when v is out of range. */
const char *arch_migration_sql(int version);

/* Bring a->db to ARCH_SCHEMA_VERSION (in one IMMEDIATE transaction), or
 * refuse a newer or foreign database with CES_ERR_CONFLICT / CES_ERR_INVALID. */
ces_status arch_migrate(ces_archive *a);

#endif
