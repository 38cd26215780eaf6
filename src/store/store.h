// -----------------------------------------------------------------------------
// File: store/store.h
// -----------------------------------------------------------------------------
//
// The storage contract. Every persistent thing kaoping keeps goes through this interface; the
// embedded SQLite backend (store/sqlite/) is the default, and a PostgreSQL backend implements the
// same contract for scale-out. One contract test suite (store/store_contract_test.h) runs against
// every backend, so behaviour — not just signatures — is the same.
//
// Contract for every method:
//   * returns OK / a value, or a Status with a stable reason; never throws;
//   * a failed write changes nothing (each call is one transaction);
//   * NOT_FOUND (reason "<entity>.not_found") when the thing asked for does not exist;
//   * ALREADY_EXISTS ("<entity>.exists") when a unique key would be duplicated;
//   * UNAVAILABLE ("store.unavailable") on I/O or database errors, with the backend's message.
//
// Thread safety: all methods may be called concurrently from any thread.

#ifndef KAOPING_STORE_STORE_H_
#define KAOPING_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/strong_id.h"

namespace kaoping::store {

struct UserTag {};
using UserId = StrongId<UserTag, std::int64_t>;

struct UserRecord {
  UserId id;
  std::string login;
  std::string display_name;
  std::string password_hash;       // Argon2id, libsodium's encoded form
  std::vector<std::string> roles;  // admin, author, reviewer, proctor, examiner, candidate, org, auditor
  std::int64_t created_ms = 0;
  bool must_change_password = false;
};

struct NewUser {
  std::string login;
  std::string display_name;
  std::string password_hash;
  std::vector<std::string> roles;
  std::int64_t created_ms = 0;
  bool must_change_password = false;
};

// One requirement line of a standard pack, as indexed for full-text search.
struct RequirementIndexRow {
  std::string standard;
  std::string path;
  std::string kind;
  std::string level;
  std::string direction;
  std::string context;  // function / work content / position names, for display
  std::string text;
};

struct SearchHit {
  RequirementIndexRow row;
  double rank = 0;  // lower is better
};

struct StoreInfo {
  std::string backend;   // "sqlite" | "postgres"
  std::string location;  // file path or connection target (no secrets)
  int schema_version = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Cheap liveness probe (a trivial query). UNAVAILABLE when the database cannot answer.
  virtual Status Ping() = 0;
  virtual StoreInfo Info() const = 0;
  // Flushes and closes; later calls fail with UNAVAILABLE. Idempotent.
  virtual void Close() = 0;

  // ---- settings: small key/value facts about the installation (e.g. "demo.seeded") ----------
  virtual Result<std::optional<std::string>> GetSetting(const std::string& key) = 0;
  virtual Status PutSetting(const std::string& key, const std::string& value) = 0;
  // Sets the key only when it is absent; returns true when this call set it. Lets exactly one
  // of several racing processes perform a one-time action.
  virtual Result<bool> PutSettingIfAbsent(const std::string& key, const std::string& value) = 0;

  // ---- users ----------------------------------------------------------------------------------
  virtual Result<UserRecord> CreateUser(const NewUser& user) = 0;
  virtual Result<UserRecord> FindUserByLogin(const std::string& login) = 0;
  virtual Result<UserRecord> GetUser(UserId id) = 0;
  virtual Result<std::int64_t> CountUsers() = 0;

  // ---- standards search index -------------------------------------------------------------------
  // Replaces every indexed row of `standard` with `rows`, atomically.
  virtual Status ReplaceRequirementIndex(const std::string& standard,
                                         const std::vector<RequirementIndexRow>& rows) = 0;
  // Substring search over requirement text (Chinese-aware: trigram index, with a scan for
  // queries shorter than three characters). `standard` empty = all standards.
  virtual Result<std::vector<SearchHit>> SearchRequirements(const std::string& query,
                                                            const std::string& standard, int limit) = 0;
};

}  // namespace kaoping::store

#endif  // KAOPING_STORE_STORE_H_
