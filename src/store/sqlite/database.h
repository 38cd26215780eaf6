// -----------------------------------------------------------------------------
// File: store/sqlite/database.h
// -----------------------------------------------------------------------------
//
// One SQLite database file shared by every SQLite repository (system, bank, delivery, …):
// a single writer connection (SQLite allows one writer at a time; serialising in-process
// avoids busy retries) whose every write is one `BEGIN IMMEDIATE` transaction, and a pool of
// reader connections that run in parallel with writes (WAL).
//
// Schema changes are versioned migrations grouped in *tracks*, one per area ("system", "bank",
// "delivery", …), so areas evolve independently: schema_migrations(track, version). Each
// repository applies its track with ApplyMigrations() when it is opened. Released migrations
// are append-only.
//
// Thread safety: all methods are thread-safe.

#ifndef KAOPING_STORE_SQLITE_DATABASE_H_
#define KAOPING_STORE_SQLITE_DATABASE_H_

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/result.h"
#include "store/sqlite/sqlite_db.h"

namespace kaoping::store::sqlite {

class Database {
 public:
  // Opens the file (creating it) with `readers` reader connections.
  static Result<std::shared_ptr<Database>> Open(const std::string& path, int readers);
  ~Database();

  // Applies the migrations of `track` not yet applied, each in its own transaction.
  // FAILED_PRECONDITION ("store.schema_too_new") when the file is newer than this build.
  Status ApplyMigrations(const std::string& track, const std::vector<std::string>& migrations);
  // Highest applied version of `track` (0 when none).
  Result<int> TrackVersion(const std::string& track);

  // Runs `fn` in a write transaction on the writer connection; commits when fn returns OK,
  // rolls back otherwise. UNAVAILABLE ("store.closed") after Close().
  Status Write(const std::function<Status(Connection&)>& fn);
  // Runs several writers' work in ONE transaction (group commit): each fn's Status is reported
  // separately; a failing fn is rolled back to a savepoint without affecting the others.
  // Returns the commit's Status (if it fails, every fn failed).
  Status WriteBatch(const std::vector<std::function<Status(Connection&)>>& fns, std::vector<Status>* results);
  // Runs `fn` on a pooled reader connection (no transaction; each statement sees a snapshot).
  Status Read(const std::function<Status(Connection&)>& fn);

  // Checkpoints the WAL and closes every connection. Idempotent.
  void Close();
  bool closed() const;
  const std::string& path() const { return path_; }

 private:
  Database() = default;
  std::string path_;
  mutable std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;
  mutable std::mutex read_mu_;
  std::condition_variable read_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
  bool closed_ = false;
};

}  // namespace kaoping::store::sqlite

#endif  // KAOPING_STORE_SQLITE_DATABASE_H_
