#include "store/sqlite/database.h"

#include <algorithm>

namespace kaoping::store::sqlite {

Result<std::shared_ptr<Database>> Database::Open(const std::string& path, int readers) {
  std::shared_ptr<Database> db(new Database());
  db->path_ = path;
  KP_ASSIGN_OR_RETURN(db->writer_, Connection::Open(path, false));
  KP_RETURN_IF_ERROR(
      db->writer_->Exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                        "  track TEXT NOT NULL, version INTEGER NOT NULL, applied_ms INTEGER NOT NULL,"
                        "  PRIMARY KEY (track, version))"));
  for (int i = 0; i < std::max(1, readers); ++i) {
    KP_ASSIGN_OR_RETURN(auto reader, Connection::Open(path, false));
    db->readers_.push_back(std::move(reader));
  }
  return db;
}

Database::~Database() {
  Close();
}

Result<int> Database::TrackVersion(const std::string& track) {
  int version = 0;
  Status s = Read([&](Connection& c) -> Status {
    KP_ASSIGN_OR_RETURN(
        Statement st, c.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations WHERE track = ?1"));
    st.Bind(1, track);
    KP_ASSIGN_OR_RETURN(bool row, st.Step());
    if (row) version = static_cast<int>(st.Int(0));
    return Status();
  });
  if (!s.ok()) return s;
  return version;
}

Status Database::ApplyMigrations(const std::string& track, const std::vector<std::string>& migrations) {
  std::lock_guard<std::mutex> lock(write_mu_);
  if (closed_) return Unavailable("store.closed", "the store is closed", "数据存储已关闭");
  int current = 0;
  {
    KP_ASSIGN_OR_RETURN(
        Statement st,
        writer_->Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations WHERE track = ?1"));
    st.Bind(1, track);
    KP_ASSIGN_OR_RETURN(bool row, st.Step());
    if (row) current = static_cast<int>(st.Int(0));
  }
  if (current > static_cast<int>(migrations.size())) {
    return FailedPrecondition("store.schema_too_new",
                              "database schema '" + track + "' is at version " + std::to_string(current) +
                                  ", newer than this kaoping build understands (" +
                                  std::to_string(migrations.size()) + ")",
                              "数据库结构（" + track + "）比当前程序新，请升级 kaoping");
  }
  for (int v = current + 1; v <= static_cast<int>(migrations.size()); ++v) {
    KP_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*writer_));
    Status s = writer_->Exec(migrations[static_cast<size_t>(v - 1)]);
    if (!s.ok()) return s.WithContext("migration " + track + "/" + std::to_string(v));
    KP_ASSIGN_OR_RETURN(
        Statement st,
        writer_->Prepare("INSERT INTO schema_migrations(track, version, applied_ms) "
                         "VALUES (?1, ?2, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))"));
    st.Bind(1, track).Bind(2, v);
    KP_RETURN_IF_ERROR(st.Run());
    KP_RETURN_IF_ERROR(tx->Commit());
  }
  return Status();
}

Status Database::Write(const std::function<Status(Connection&)>& fn) {
  std::lock_guard<std::mutex> lock(write_mu_);
  if (closed_ || !writer_) return Unavailable("store.closed", "the store is closed", "数据存储已关闭");
  KP_ASSIGN_OR_RETURN(auto tx, Transaction::Begin(*writer_));
  KP_RETURN_IF_ERROR(fn(*writer_));
  return tx->Commit();
}

Status Database::WriteBatch(const std::vector<std::function<Status(Connection&)>>& fns,
                            std::vector<Status>* results) {
  results->assign(fns.size(), Status());
  std::lock_guard<std::mutex> lock(write_mu_);
  if (closed_ || !writer_) {
    Status s = Unavailable("store.closed", "the store is closed", "数据存储已关闭");
    results->assign(fns.size(), s);
    return s;
  }
  auto tx = Transaction::Begin(*writer_);
  if (!tx.ok()) {
    results->assign(fns.size(), tx.status());
    return tx.status();
  }
  for (size_t i = 0; i < fns.size(); ++i) {
    Status sp = writer_->Exec("SAVEPOINT kp_item");
    if (!sp.ok()) {
      (*results)[i] = sp;
      continue;
    }
    Status s = fns[i](*writer_);
    if (s.ok()) {
      s = writer_->Exec("RELEASE kp_item");
    } else {
      writer_->Exec("ROLLBACK TO kp_item").IgnoreError();
      writer_->Exec("RELEASE kp_item").IgnoreError();
    }
    (*results)[i] = s;
  }
  Status commit = (*tx)->Commit();
  if (!commit.ok()) results->assign(fns.size(), commit);
  return commit;
}

Status Database::Read(const std::function<Status(Connection&)>& fn) {
  std::unique_ptr<Connection> conn;
  {
    std::unique_lock<std::mutex> lock(read_mu_);
    read_cv_.wait(lock, [&] { return closed_ || !readers_.empty(); });
    if (closed_) return Unavailable("store.closed", "the store is closed", "数据存储已关闭");
    conn = std::move(readers_.back());
    readers_.pop_back();
  }
  Status s = fn(*conn);
  {
    std::lock_guard<std::mutex> lock(read_mu_);
    if (!closed_) readers_.push_back(std::move(conn));
  }
  read_cv_.notify_one();
  return s;
}

void Database::Close() {
  std::unique_lock<std::mutex> wl(write_mu_);
  std::unique_lock<std::mutex> rl(read_mu_);
  if (closed_) return;
  closed_ = true;
  // Fold the WAL back into the main file so the database is one self-contained file at rest.
  if (writer_) writer_->Exec("PRAGMA wal_checkpoint(TRUNCATE)").IgnoreError();
  readers_.clear();
  writer_.reset();
  read_cv_.notify_all();
}

bool Database::closed() const {
  std::lock_guard<std::mutex> lock(read_mu_);
  return closed_;
}

}  // namespace kaoping::store::sqlite
