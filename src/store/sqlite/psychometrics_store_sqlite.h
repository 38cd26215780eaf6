// -----------------------------------------------------------------------------
// File: store/sqlite/psychometrics_store_sqlite.h
// -----------------------------------------------------------------------------
//
// Item statistics with provenance (store/psychometrics_store.h) on the shared SQLite Database,
// migration track "psychometrics": one append-only table, item_statistics, with a foreign key to
// the exact bank item version (bank_items(id, version)) and an index on (item_id, computed_ms).
// Its audit rows go to the delivery track's audit chain in the same transaction, so the bank
// repository (OpenSqliteBankStore) and the delivery repository (OpenSqliteDeliveryStore) must be
// opened on the same Database first.
//
// Thread safety: as Database — all methods may be called concurrently.

#ifndef KAOPING_STORE_SQLITE_PSYCHOMETRICS_STORE_SQLITE_H_
#define KAOPING_STORE_SQLITE_PSYCHOMETRICS_STORE_SQLITE_H_

#include <memory>

#include "base/result.h"
#include "store/psychometrics_store.h"

namespace kaoping::store {

namespace sqlite {
class Database;
}  // namespace sqlite

// Applies the "psychometrics" migrations and returns the repository. Errors: UNAVAILABLE when a
// migration fails; FAILED_PRECONDITION "store.schema_too_new".
Result<std::unique_ptr<PsychometricsStore>> OpenSqlitePsychometricsStore(
    std::shared_ptr<sqlite::Database> db);

// The "psychometrics" track's schema version this build migrates to.
int SqlitePsychometricsSchemaVersion();

}  // namespace kaoping::store

#endif  // KAOPING_STORE_SQLITE_PSYCHOMETRICS_STORE_SQLITE_H_
