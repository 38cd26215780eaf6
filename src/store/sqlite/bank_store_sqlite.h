// -----------------------------------------------------------------------------
// File: store/sqlite/bank_store_sqlite.h
// -----------------------------------------------------------------------------
//
// The item bank and papers (store/bank_store.h) on the shared SQLite Database, migration track
// "bank". Every item version is a row of bank_items (id, version) — never updated except for its
// status/reviewer and the `latest` flag that marks the newest version of each id; filterable
// fields are columns, the rest of the item (options, answers, rubric, task, difficulty, …) is a
// JSON document private to this store. Papers keep their items in bank_paper_items, with a
// foreign key to the exact item version, so a paper can never point at a version that does not
// exist, and exposure queries are one join.
//
// Thread safety: as Database — all methods may be called concurrently.

#ifndef KAOPING_STORE_SQLITE_BANK_STORE_SQLITE_H_
#define KAOPING_STORE_SQLITE_BANK_STORE_SQLITE_H_

#include <memory>

#include "base/result.h"
#include "store/bank_store.h"

namespace kaoping::store {

namespace sqlite {
class Database;
}  // namespace sqlite

// Opens the bank repository, applying the "bank" migration track.
Result<std::unique_ptr<BankStore>> OpenSqliteBankStore(std::shared_ptr<sqlite::Database> db);

// The "bank" track's schema version this build migrates to.
int SqliteBankSchemaVersion();

}  // namespace kaoping::store

#endif  // KAOPING_STORE_SQLITE_BANK_STORE_SQLITE_H_
