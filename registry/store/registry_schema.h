// The registry's SQL schema, compiled in from schemas/sql/ at build time.
#pragma once

namespace xds::registry {

// registry_001_init.sql: creates every table and index if missing.
extern const char* const kRegistrySchemaSql;
// registry_002_metadata_lifecycle.sql: upgrades a version 1 database
// (object versions, patient merge history). Run once, when object.lid is
// missing (see SqliteRegistryStore::Open).
extern const char* const kRegistrySchemaV2Sql;
// registry_003_sharing_rules.sql: additive and idempotent, run on every
// open after the upgrade to version 2.
extern const char* const kRegistrySchemaV3Sql;
// registry_004_later_versions.sql: only later versions indexed by lid.
extern const char* const kRegistrySchemaV4Sql;

}  // namespace xds::registry
