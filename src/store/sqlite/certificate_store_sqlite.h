// -----------------------------------------------------------------------------
// File: store/sqlite/certificate_store_sqlite.h
// -----------------------------------------------------------------------------
//
// The SQLite backend of store::CertificateStore on the shared sqlite::Database, migration track
// "certificates": certificates (number primary key; one original certificate per result through
// a partial unique index), certificate_serials (last serial per scope) and status_lists (the
// revocation list's bits, allocated indexes, signed credential and version). Certificates
// reference the "system" track's users; audit rows go to the "delivery" track's chain
// (store/sqlite/audit_sqlite.h), so the system and delivery repositories must be opened on the
// same Database first.
//
// Thread safety: as Database — all methods may be called concurrently.

#ifndef KAOPING_STORE_SQLITE_CERTIFICATE_STORE_SQLITE_H_
#define KAOPING_STORE_SQLITE_CERTIFICATE_STORE_SQLITE_H_

#include <memory>

#include "base/result.h"
#include "store/certificate_store.h"

namespace kaoping::store {

namespace sqlite {
class Database;
}  // namespace sqlite

// Applies the "certificates" migrations and returns the repository.
Result<std::unique_ptr<CertificateStore>> OpenSqliteCertificateStore(std::shared_ptr<sqlite::Database> db);

// The "certificates" track's schema version this build migrates to.
int SqliteCertificateSchemaVersion();

}  // namespace kaoping::store

#endif  // KAOPING_STORE_SQLITE_CERTIFICATE_STORE_SQLITE_H_
