// -----------------------------------------------------------------------------
// File: store/sqlite/audit_sqlite.h
// -----------------------------------------------------------------------------
//
// Appending to the hash-chained audit log (tables of the "delivery" track, see
// delivery_store_sqlite.h) from inside another repository's write transaction on the same
// Database, so that repository's change and its audit row commit together. The delivery
// repository must have been opened on the Database first (it creates audit_log and audit_head).

#ifndef KAOPING_STORE_SQLITE_AUDIT_SQLITE_H_
#define KAOPING_STORE_SQLITE_AUDIT_SQLITE_H_

#include "base/result.h"
#include "store/delivery_store.h"
#include "store/sqlite/sqlite_db.h"

namespace kaoping::store::sqlite {

// Appends `e` (seq, prev_hash and hash assigned) and moves the chain head; call inside a write
// transaction (Database::Write). DATA_LOSS "audit.no_head" when the head row is missing.
Status AppendAuditIn(Connection& c, const AuditEntry& e);

}  // namespace kaoping::store::sqlite

#endif  // KAOPING_STORE_SQLITE_AUDIT_SQLITE_H_
