#include "store/sqlite/sqlite_store.h"

#include <sstream>
#include <vector>

#include "store/sqlite/database.h"
#include "store/sqlite/sqlite_db.h"

namespace kaoping::store {
namespace {

using sqlite::Connection;
using sqlite::Statement;
using sqlite::Transaction;

// Versioned migrations. Append only: a released migration is never edited.
const std::vector<std::string>& Migrations() {
  static const std::vector<std::string>* const kMigrations = new std::vector<std::string>{
      // 1: settings, users and roles.
      R"sql(
        CREATE TABLE settings (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
        CREATE TABLE users (
          id                   INTEGER PRIMARY KEY,
          login                TEXT NOT NULL UNIQUE,
          display_name         TEXT NOT NULL,
          password_hash        TEXT NOT NULL,
          created_ms           INTEGER NOT NULL,
          must_change_password INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE user_roles (
          user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          role    TEXT NOT NULL CHECK (role IN ('admin','author','reviewer','proctor','examiner',
                                                'candidate','org','auditor')),
          PRIMARY KEY (user_id, role)
        );
      )sql",
      // 2: requirement search index (trigram FTS5 handles Chinese without word segmentation).
      R"sql(
        CREATE TABLE requirement_index (
          id        INTEGER PRIMARY KEY,
          standard  TEXT NOT NULL,
          path      TEXT NOT NULL,
          kind      TEXT NOT NULL,
          level     TEXT NOT NULL,
          direction TEXT NOT NULL,
          context   TEXT NOT NULL,
          text      TEXT NOT NULL,
          UNIQUE (standard, path)
        );
        CREATE VIRTUAL TABLE requirement_fts USING fts5(
          text, context, content='requirement_index', content_rowid='id', tokenize='trigram');
        CREATE TRIGGER requirement_index_ai AFTER INSERT ON requirement_index BEGIN
          INSERT INTO requirement_fts(rowid, text, context) VALUES (new.id, new.text, new.context);
        END;
        CREATE TRIGGER requirement_index_ad AFTER DELETE ON requirement_index BEGIN
          INSERT INTO requirement_fts(requirement_fts, rowid, text, context)
            VALUES ('delete', old.id, old.text, old.context);
        END;
      )sql",
  };
  return *kMigrations;
}

// Counts UTF-8 code points (the trigram tokenizer needs at least three).
size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::shared_ptr<sqlite::Database> db) : db_(std::move(db)) {}

  Status Init() {
    KP_RETURN_IF_ERROR(db_->ApplyMigrations("system", Migrations()));
    KP_ASSIGN_OR_RETURN(schema_version_, db_->TrackVersion("system"));
    return Status();
  }

  Status Ping() override {
    return WithReader([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT 1"));
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) return Unavailable("store.unavailable", "ping returned no row");
      return Status();
    });
  }

  StoreInfo Info() const override { return StoreInfo{"sqlite", db_->path(), schema_version_}; }

  void Close() override { db_->Close(); }

  Result<std::optional<std::string>> GetSetting(const std::string& key) override {
    std::optional<std::string> out;
    Status s = WithReader([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT value FROM settings WHERE key = ?1"));
      st.Bind(1, key);
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (row) out = st.Text(0);
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

  Status PutSetting(const std::string& key, const std::string& value) override {
    return WithWriter([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("INSERT INTO settings(key, value) VALUES (?1, ?2) ON "
                                                  "CONFLICT(key) DO UPDATE SET value = excluded.value"));
      st.Bind(1, key).Bind(2, value);
      return st.Run();
    });
  }

  Result<bool> PutSettingIfAbsent(const std::string& key, const std::string& value) override {
    bool inserted = false;
    Status s = WithWriter([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st,
                          c.Prepare("INSERT OR IGNORE INTO settings(key, value) VALUES (?1, ?2)"));
      st.Bind(1, key).Bind(2, value);
      KP_RETURN_IF_ERROR(st.Run());
      inserted = sqlite3_changes(c.raw()) > 0;
      return Status();
    });
    if (!s.ok()) return s;
    return inserted;
  }

  Result<UserRecord> CreateUser(const NewUser& user) override {
    UserRecord rec;
    Status s = WithWriter([&](Connection& c) -> Status {
      {
        KP_ASSIGN_OR_RETURN(Statement exists, c.Prepare("SELECT 1 FROM users WHERE login = ?1"));
        exists.Bind(1, user.login);
        KP_ASSIGN_OR_RETURN(bool row, exists.Step());
        if (row) {
          return AlreadyExists("user.exists", "a user with login '" + user.login + "' already exists",
                               "登录名“" + user.login + "”已被使用");
        }
      }
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare("INSERT INTO users(login, display_name, password_hash, created_ms, must_change_password) "
                    "VALUES (?1, ?2, ?3, ?4, ?5)"));
      st.Bind(1, user.login)
          .Bind(2, user.display_name)
          .Bind(3, user.password_hash)
          .Bind(4, user.created_ms)
          .Bind(5, user.must_change_password ? 1 : 0);
      KP_RETURN_IF_ERROR(st.Run());
      rec.id = UserId(c.LastInsertRowId());
      KP_ASSIGN_OR_RETURN(Statement role, c.Prepare("INSERT INTO user_roles(user_id, role) VALUES (?1, ?2)"));
      for (const auto& r : user.roles) {
        role.Reset();
        role.Bind(1, rec.id.value()).Bind(2, r);
        Status rs = role.Run();
        if (!rs.ok()) {
          return InvalidArgument("user.bad_role", "unknown role '" + r + "'", "未知的角色“" + r + "”");
        }
      }
      return Status();
    });
    if (!s.ok()) return s;
    rec.login = user.login;
    rec.display_name = user.display_name;
    rec.password_hash = user.password_hash;
    rec.roles = user.roles;
    rec.created_ms = user.created_ms;
    rec.must_change_password = user.must_change_password;
    return rec;
  }

  Result<UserRecord> FindUserByLogin(const std::string& login) override {
    return LoadUser(
        "login = ?1", [&](Statement& st) { st.Bind(1, login); }, login);
  }

  Result<UserRecord> GetUser(UserId id) override {
    return LoadUser(
        "id = ?1", [&](Statement& st) { st.Bind(1, id.value()); }, std::to_string(id.value()));
  }

  Result<std::int64_t> CountUsers() override {
    std::int64_t n = 0;
    Status s = WithReader([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT count(*) FROM users"));
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (row) n = st.Int(0);
      return Status();
    });
    if (!s.ok()) return s;
    return n;
  }

  Status ReplaceRequirementIndex(const std::string& standard,
                                 const std::vector<RequirementIndexRow>& rows) override {
    return WithWriter([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement del, c.Prepare("DELETE FROM requirement_index WHERE standard = ?1"));
      del.Bind(1, standard);
      KP_RETURN_IF_ERROR(del.Run());
      KP_ASSIGN_OR_RETURN(
          Statement ins,
          c.Prepare("INSERT INTO requirement_index(standard, path, kind, level, direction, context, text) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
      for (const auto& r : rows) {
        ins.Reset();
        ins.Bind(1, standard)
            .Bind(2, r.path)
            .Bind(3, r.kind)
            .Bind(4, r.level)
            .Bind(5, r.direction)
            .Bind(6, r.context)
            .Bind(7, r.text);
        KP_RETURN_IF_ERROR(ins.Run());
      }
      return Status();
    });
  }

  Result<std::vector<SearchHit>> SearchRequirements(const std::string& query, const std::string& standard,
                                                    int limit) override {
    std::vector<SearchHit> hits;
    if (query.empty()) return hits;
    Status s = WithReader([&](Connection& c) -> Status {
      std::string sql;
      std::string bound = query;
      if (CodePoints(query) >= 3) {
        // FTS5 query syntax is not for end users: quote the whole input as one phrase.
        std::string phrase = "\"";
        for (char ch : query) phrase += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        phrase += "\"";
        bound = phrase;
        sql =
            "SELECT r.standard, r.path, r.kind, r.level, r.direction, r.context, r.text, f.rank "
            "FROM requirement_fts f JOIN requirement_index r ON r.id = f.rowid "
            "WHERE requirement_fts MATCH ?1 AND (?2 = '' OR r.standard = ?2) ORDER BY f.rank, r.id LIMIT ?3";
      } else {
        sql =
            "SELECT standard, path, kind, level, direction, context, text, 0 FROM requirement_index "
            "WHERE (instr(text, ?1) > 0 OR instr(context, ?1) > 0) AND (?2 = '' OR standard = ?2) "
            "ORDER BY id LIMIT ?3";
      }
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare(sql));
      st.Bind(1, bound).Bind(2, standard).Bind(3, limit);
      for (;;) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        SearchHit h;
        h.row = RequirementIndexRow{st.Text(0), st.Text(1), st.Text(2), st.Text(3),
                                    st.Text(4), st.Text(5), st.Text(6)};
        h.rank = st.Double(7);
        hits.push_back(std::move(h));
      }
      return Status();
    });
    if (!s.ok()) return s;
    return hits;
  }

 private:
  template <typename Fn>
  Status WithWriter(Fn&& fn) {
    return db_->Write([&](Connection& c) { return fn(c); });
  }

  template <typename Fn>
  Status WithReader(Fn&& fn) {
    return db_->Read([&](Connection& c) { return fn(c); });
  }

  template <typename BindFn>
  Result<UserRecord> LoadUser(const std::string& where, BindFn&& bind, const std::string& what) {
    UserRecord u;
    bool found = false;
    Status s = WithReader([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT id, login, display_name, password_hash, "
                                                  "created_ms, must_change_password FROM users WHERE " +
                                                  where));
      bind(st);
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) return Status();
      found = true;
      u.id = UserId(st.Int(0));
      u.login = st.Text(1);
      u.display_name = st.Text(2);
      u.password_hash = st.Text(3);
      u.created_ms = st.Int(4);
      u.must_change_password = st.Int(5) != 0;
      KP_ASSIGN_OR_RETURN(Statement roles,
                          c.Prepare("SELECT role FROM user_roles WHERE user_id = ?1 ORDER BY role"));
      roles.Bind(1, u.id.value());
      for (;;) {
        KP_ASSIGN_OR_RETURN(bool r, roles.Step());
        if (!r) break;
        u.roles.push_back(roles.Text(0));
      }
      return Status();
    });
    if (!s.ok()) return s;
    if (!found) return NotFound("user.not_found", "no user '" + what + "'", "用户“" + what + "”不存在");
    return u;
  }

  std::shared_ptr<sqlite::Database> db_;
  int schema_version_ = 0;
};

}  // namespace

int SqliteSchemaVersion() {
  return static_cast<int>(Migrations().size());
}

Result<std::unique_ptr<Store>> OpenSqliteStore(std::shared_ptr<sqlite::Database> db) {
  auto store = std::make_unique<SqliteStore>(std::move(db));
  KP_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  KP_ASSIGN_OR_RETURN(auto db, sqlite::Database::Open(options.path, options.reader_connections));
  return OpenSqliteStore(std::move(db));
}

}  // namespace kaoping::store
