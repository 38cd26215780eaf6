// -----------------------------------------------------------------------------
// File: store/sqlite/audit_sqlite.h
// -----------------------------------------------------------------------------
//
// The one way SQLite repositories append to the hash-chained audit log (the "delivery" track's
// audit_log and audit_head tables): inside the caller's write transaction, so a change and its
// audit row commit or roll back together. Defined in delivery_store_sqlite.cc; repositories on
// the same sqlite::Database (scoring, …) call it from their Database::Write callbacks.

#ifndef KAOPING_STORE_SQLITE_AUDIT_SQLITE_H_
#define KAOPING_STORE_SQLITE_AUDIT_SQLITE_H_

#include "base/result.h"
#include "store/delivery_store.h"
#include "store/sqlite/sqlite_db.h"

namespace kaoping::store {

// Appends `e` (seq, prev_hash and hash assigned from audit_head) on `c`, which must be inside a
// write transaction. DATA_LOSS "audit.no_head" when the head row is missing.
Status AppendAuditIn(sqlite::Connection& c, const AuditEntry& e);

}  // namespace kaoping::store

#endif  // KAOPING_STORE_SQLITE_AUDIT_SQLITE_H_
