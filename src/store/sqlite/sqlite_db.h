// -----------------------------------------------------------------------------
// File: store/sqlite/sqlite_db.h
// -----------------------------------------------------------------------------
//
// A minimal RAII layer over the SQLite C API: connections opened with kaoping's pragmas
// (WAL, foreign_keys=ON, synchronous=FULL, busy timeout), prepared statements with typed binds,
// and transactions that roll back unless committed. Every SQLite error becomes a Status here.
//
// Thread safety: a Connection and its Statements belong to one thread at a time.

#ifndef KAOPING_STORE_SQLITE_SQLITE_DB_H_
#define KAOPING_STORE_SQLITE_SQLITE_DB_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "base/result.h"

namespace kaoping::store::sqlite {

class Statement;

class Connection {
 public:
  // Opens (creating if needed) the database file and applies the pragmas.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool read_only);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  sqlite3* raw() { return db_; }
  std::int64_t LastInsertRowId() const;
  // Status for the connection's last error, with `what` as context.
  Status Error(std::string_view what) const;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

class Statement {
 public:
  Statement(Connection* conn, sqlite3_stmt* stmt) : conn_(conn), stmt_(stmt) {}
  Statement(Statement&& o) noexcept : conn_(o.conn_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds are 1-based, as in SQLite ("?1", "?2"…).
  Statement& Bind(int index, std::int64_t v);
  Statement& Bind(int index, int v) { return Bind(index, static_cast<std::int64_t>(v)); }
  Statement& Bind(int index, double v);
  Statement& Bind(int index, std::string_view v);
  Statement& Bind(int index, const std::string& v) { return Bind(index, std::string_view(v)); }
  Statement& Bind(int index, const char* v) { return Bind(index, std::string_view(v)); }
  Statement& BindNull(int index);

  // Advances: true when a row is available, false when done.
  Result<bool> Step();
  // Runs to completion (for statements that return no rows).
  Status Run();
  void Reset();

  std::int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  bool IsNull(int col) const;

 private:
  Connection* conn_;
  sqlite3_stmt* stmt_;
  Status bind_error_;
};

// BEGIN IMMEDIATE … COMMIT; rolls back on destruction unless Commit() succeeded.
class Transaction {
 public:
  static Result<std::unique_ptr<Transaction>> Begin(Connection& conn);
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Connection& conn) : conn_(conn) {}
  Connection& conn_;
  bool done_ = false;
};

}  // namespace kaoping::store::sqlite

#endif  // KAOPING_STORE_SQLITE_SQLITE_DB_H_
