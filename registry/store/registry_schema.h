// The registry's SQL schema, compiled in from schemas/sql/ at build time.
#pragma once

namespace xds::registry {

// registry_001_init.sql: creates every table and index if missing.
extern const char* const kRegistrySchemaSql;

}  // namespace xds::registry
