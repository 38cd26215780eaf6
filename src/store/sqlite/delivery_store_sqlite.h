// -----------------------------------------------------------------------------
// File: store/sqlite/delivery_store_sqlite.h
// -----------------------------------------------------------------------------
//
// The SQLite backend of store::DeliveryStore, on the shared sqlite::Database (one writer
// connection, BEGIN IMMEDIATE per write, WAL, foreign_keys=ON, synchronous=FULL). Its tables
// live on the "delivery" migration track; they reference the "system" track's users table, so
// the system repository (OpenSqliteStore) must be opened on the same Database first.
//
// ApplyAttemptOps runs every op of a batch in ONE transaction (Database::WriteBatch, a savepoint
// per op): one fsync acknowledges the whole group.
//
// The audit_log table refuses UPDATE and DELETE (triggers); its head row (audit_head) is updated
// in the transaction of every append.

#ifndef KAOPING_STORE_SQLITE_DELIVERY_STORE_SQLITE_H_
#define KAOPING_STORE_SQLITE_DELIVERY_STORE_SQLITE_H_

#include <memory>

#include "base/result.h"
#include "store/delivery_store.h"

namespace kaoping::store {

namespace sqlite {
class Database;
}  // namespace sqlite

// Applies the "delivery" migrations and returns the repository. Errors: UNAVAILABLE when a
// migration fails; FAILED_PRECONDITION "store.schema_too_new".
Result<std::unique_ptr<DeliveryStore>> OpenSqliteDeliveryStore(std::shared_ptr<sqlite::Database> db);

// The "delivery" track's schema version this build migrates to.
int SqliteDeliverySchemaVersion();

}  // namespace kaoping::store

#endif  // KAOPING_STORE_SQLITE_DELIVERY_STORE_SQLITE_H_
