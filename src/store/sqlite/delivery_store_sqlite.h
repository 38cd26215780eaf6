// -----------------------------------------------------------------------------
// File: store/sqlite/delivery_store_sqlite.h
// -----------------------------------------------------------------------------
//
// The SQLite backend of store::DeliveryStore, on the shared sqlite::Database (one writer
// connection, BEGIN IMMEDIATE per write, WAL, foreign_keys=ON, synchronous=FULL). Its tables
// live on the "delivery" migration track; they reference the "system" track's users table, so
// the system repository (OpenSqliteStore) must be opened on the same Database first.
//
// ApplyAttemptOps runs every op of a batch in ONE transaction (Database::Write; a savepoint around
// each submit, the only op that writes several rows — the others are decided before they write):
// one fsync acknowledges the whole group. Hot statements are prepared once per connection.
//
// The audit_log table refuses UPDATE and DELETE (triggers); its head row (audit_head) is updated
// in the transaction of every append.

#ifndef KAOPING_STORE_SQLITE_DELIVERY_STORE_SQLITE_H_
#define KAOPING_STORE_SQLITE_DELIVERY_STORE_SQLITE_H_

#include <chrono>
#include <memory>

#include "base/result.h"
#include "store/delivery_store.h"

namespace kaoping::store {

namespace sqlite {
class Database;
}  // namespace sqlite

struct SqliteDeliveryOptions {
  // Run WAL checkpoints from a background thread (PASSIVE, every `checkpoint_interval`, on a
  // reader connection) instead of on the writer's commit path; the writer's own automatic
  // checkpoint then only triggers past `writer_autocheckpoint_pages` (a safety net). For the
  // server; tools leave it off.
  bool background_checkpoint = false;
  std::chrono::milliseconds checkpoint_interval{1000};
  int writer_autocheckpoint_pages = 16384;
};

// Applies the "delivery" migrations and returns the repository (the writer connection gets a
// 64 MiB page cache). Errors: UNAVAILABLE when a migration fails; FAILED_PRECONDITION
// "store.schema_too_new".
Result<std::unique_ptr<DeliveryStore>> OpenSqliteDeliveryStore(std::shared_ptr<sqlite::Database> db,
                                                               const SqliteDeliveryOptions& options = {});

// The "delivery" track's schema version this build migrates to.
int SqliteDeliverySchemaVersion();

}  // namespace kaoping::store

#endif  // KAOPING_STORE_SQLITE_DELIVERY_STORE_SQLITE_H_
