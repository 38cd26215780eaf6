// -----------------------------------------------------------------------------
// File: store/sqlite/sqlite_store.h
// -----------------------------------------------------------------------------
//
// The embedded default backend of store::Store: one SQLite file in WAL mode. Writes go through a
// single writer connection (SQLite allows one writer at a time anyway; serialising in-process
// avoids busy retries), each in `BEGIN IMMEDIATE`; reads use a small pool of connections so they
// run in parallel with writes. Schema changes are versioned migrations applied at Open().

#ifndef KAOPING_STORE_SQLITE_SQLITE_STORE_H_
#define KAOPING_STORE_SQLITE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "store/store.h"

namespace kaoping::store {

struct SqliteOptions {
  std::string path;  // database file; its directory must exist
  int reader_connections = 4;
};

namespace sqlite {
class Database;
}  // namespace sqlite

// Opens the system repository on a shared database (other repositories — bank, delivery —
// open on the same Database), applying the "system" migration track.
Result<std::unique_ptr<Store>> OpenSqliteStore(std::shared_ptr<sqlite::Database> db);

// Opens the database, applying pending migrations. Errors: UNAVAILABLE when the file cannot be
// opened or a migration fails (nothing is half-applied: each migration is one transaction).
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

// The "system" track's schema version this build migrates to.
int SqliteSchemaVersion();

}  // namespace kaoping::store

#endif  // KAOPING_STORE_SQLITE_SQLITE_STORE_H_
