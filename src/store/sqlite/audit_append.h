// -----------------------------------------------------------------------------
// File: store/sqlite/audit_append.h
// -----------------------------------------------------------------------------
//
// The one way SQLite repositories append to the hash-chained audit log (the "delivery" track's
// audit_log and audit_head tables, core/delivery/audit_chain.h): inside the caller's write
// transaction, so a change and its audit row commit together or not at all. Repositories on other
// tracks (certificates, …) call it from their Database::Write callbacks; the delivery
// repository must have been opened on the same Database first (its migrations create the tables).

#ifndef KAOPING_STORE_SQLITE_AUDIT_APPEND_H_
#define KAOPING_STORE_SQLITE_AUDIT_APPEND_H_

#include "base/result.h"
#include "store/delivery_store.h"
#include "store/sqlite/sqlite_db.h"

namespace kaoping::store::sqlite {

// Appends `e` (seq, prev_hash and hash assigned here) and advances audit_head.
// DATA_LOSS "audit.no_head" when the head row is missing; the statement errors otherwise.
Status AppendAuditIn(Connection& c, const AuditEntry& e);

}  // namespace kaoping::store::sqlite

#endif  // KAOPING_STORE_SQLITE_AUDIT_APPEND_H_
