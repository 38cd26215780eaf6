// -----------------------------------------------------------------------------
// File: store/sqlite/scoring_store_sqlite.h
// -----------------------------------------------------------------------------
//
// The SQLite backend of store::ScoringStore on the shared sqlite::Database. Its tables live on
// the "scoring" migration track and reference the "delivery" track's plans and attempts and the
// "system" track's users, so OpenSqliteStore and OpenSqliteDeliveryStore must be opened on the
// same Database first. Audit rows go to the delivery track's chain through AppendAuditIn
// (store/sqlite/audit_sqlite.h), inside each write's transaction.

#ifndef KAOPING_STORE_SQLITE_SCORING_STORE_SQLITE_H_
#define KAOPING_STORE_SQLITE_SCORING_STORE_SQLITE_H_

#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "store/scoring_store.h"

namespace kaoping::store {

namespace sqlite {
class Database;
}  // namespace sqlite

// Applies the "scoring" migrations. UNAVAILABLE when a migration fails; FAILED_PRECONDITION
// "store.schema_too_new".
Result<std::unique_ptr<ScoringStore>> OpenSqliteScoringStore(std::shared_ptr<sqlite::Database> db);

// The "scoring" track's migrations in order (exposed so a test can build a database at an older
// version and check that the newer migrations keep its rows).
const std::vector<std::string>& ScoringMigrations();

}  // namespace kaoping::store

#endif  // KAOPING_STORE_SQLITE_SCORING_STORE_SQLITE_H_
