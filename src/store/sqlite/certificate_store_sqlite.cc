#include "store/sqlite/certificate_store_sqlite.h"

#include <string>
#include <vector>

#include "store/sqlite/audit_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/sqlite_db.h"

namespace kaoping::store {
namespace {

using sqlite::AppendAuditIn;
using sqlite::Connection;
using sqlite::Statement;

// Versioned migrations of the "certificates" track. Append only.
const std::vector<std::string>& Migrations() {
  static const std::vector<std::string>* const kMigrations = new std::vector<std::string>{
      // 1: certificates, serial counters, status lists.
      R"sql(
        CREATE TABLE certificates (
          number             TEXT PRIMARY KEY,
          user_id            INTEGER NOT NULL REFERENCES users(id),
          result_id          INTEGER NOT NULL,
          credential_id      TEXT NOT NULL UNIQUE,
          holder_name        TEXT NOT NULL,
          national_id_sealed TEXT NOT NULL,
          pack_id            TEXT NOT NULL,
          standard_title     TEXT NOT NULL,
          standard_title_en  TEXT NOT NULL,
          level_id           TEXT NOT NULL,
          level_name         TEXT NOT NULL,
          level_name_en      TEXT NOT NULL,
          direction_id       TEXT NOT NULL,
          direction_name     TEXT NOT NULL,
          issuer_id          TEXT NOT NULL,
          issuer_name        TEXT NOT NULL,
          valid_from_ms      INTEGER NOT NULL,
          valid_until_ms     INTEGER NOT NULL,
          status_list_url    TEXT NOT NULL,
          status_index       INTEGER NOT NULL,
          renews             TEXT NOT NULL,
          credential         TEXT NOT NULL,
          issued_ms          INTEGER NOT NULL,
          issued_by          INTEGER NOT NULL,
          revocation_reason  TEXT NOT NULL DEFAULT '',
          revocation_note    TEXT NOT NULL DEFAULT '',
          revoked_ms         INTEGER NOT NULL DEFAULT 0,
          revoked_by         INTEGER NOT NULL DEFAULT 0,
          UNIQUE (status_list_url, status_index)
        );
        CREATE INDEX certificates_user ON certificates(user_id, issued_ms);
        CREATE UNIQUE INDEX certificates_original_per_result ON certificates(result_id) WHERE renews = '';
        CREATE INDEX certificates_renews ON certificates(renews) WHERE renews <> '';

        CREATE TABLE certificate_serials (
          scope TEXT PRIMARY KEY,
          last  INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE status_lists (
          url        TEXT PRIMARY KEY,
          revoked    TEXT NOT NULL,
          allocated  TEXT NOT NULL,
          credential TEXT NOT NULL,
          version    INTEGER NOT NULL,
          updated_ms INTEGER NOT NULL
        ) WITHOUT ROWID;
      )sql",
  };
  return *kMigrations;
}

constexpr const char* kColumns =
    "number, user_id, result_id, credential_id, holder_name, national_id_sealed, pack_id, standard_title, "
    "standard_title_en, level_id, level_name, level_name_en, direction_id, direction_name, issuer_id, "
    "issuer_name, "
    "valid_from_ms, valid_until_ms, status_list_url, status_index, renews, credential, issued_ms, issued_by, "
    "revocation_reason, revocation_note, revoked_ms, revoked_by";

CertificateRow ReadRow(const Statement& st) {
  CertificateRow r;
  int i = 0;
  r.number = st.Text(i++);
  r.user_id = st.Int(i++);
  r.result_id = st.Int(i++);
  r.credential_id = st.Text(i++);
  r.holder_name = st.Text(i++);
  r.national_id_sealed = st.Text(i++);
  r.pack_id = st.Text(i++);
  r.standard_title = st.Text(i++);
  r.standard_title_en = st.Text(i++);
  r.level_id = st.Text(i++);
  r.level_name = st.Text(i++);
  r.level_name_en = st.Text(i++);
  r.direction_id = st.Text(i++);
  r.direction_name = st.Text(i++);
  r.issuer_id = st.Text(i++);
  r.issuer_name = st.Text(i++);
  r.valid_from_ms = st.Int(i++);
  r.valid_until_ms = st.Int(i++);
  r.status_list_url = st.Text(i++);
  r.status_index = st.Int(i++);
  r.renews = st.Text(i++);
  r.credential = st.Text(i++);
  r.issued_ms = st.Int(i++);
  r.issued_by = st.Int(i++);
  r.revocation_reason = st.Text(i++);
  r.revocation_note = st.Text(i++);
  r.revoked_ms = st.Int(i++);
  r.revoked_by = st.Int(i++);
  return r;
}

Status NotFoundCert(const std::string& number) {
  return NotFound("certificate.not_found", "no certificate '" + number + "'", "证书“" + number + "”不存在");
}

// Writes the list state if its stored version is still `expected` (0 = absent).
Status WriteList(Connection& c, const StatusListState& list, std::int64_t expected, std::int64_t now_ms) {
  std::int64_t current = 0;
  {
    KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT version FROM status_lists WHERE url = ?1"));
    st.Bind(1, list.url);
    KP_ASSIGN_OR_RETURN(bool row, st.Step());
    if (row) current = st.Int(0);
  }
  if (current != expected) {
    return Aborted("certificate.status_list_conflict",
                   "the status list changed meanwhile (version " + std::to_string(current) + ", expected " +
                       std::to_string(expected) + "); reload and retry",
                   "吊销列表已被其他操作修改，请重试");
  }
  KP_ASSIGN_OR_RETURN(
      Statement st,
      c.Prepare(
          "INSERT INTO status_lists(url, revoked, allocated, credential, version, updated_ms) VALUES (?1, "
          "?2, ?3, ?4, ?5, ?6) "
          "ON CONFLICT(url) DO UPDATE SET revoked = excluded.revoked, allocated = excluded.allocated, "
          "credential = excluded.credential, version = excluded.version, updated_ms = excluded.updated_ms"));
  st.Bind(1, list.url)
      .Bind(2, list.revoked)
      .Bind(3, list.allocated)
      .Bind(4, list.credential)
      .Bind(5, expected + 1)
      .Bind(6, now_ms);
  return st.Run();
}

class SqliteCertificateStore final : public CertificateStore {
 public:
  explicit SqliteCertificateStore(std::shared_ptr<sqlite::Database> db) : db_(std::move(db)) {}

  Status Init() { return db_->ApplyMigrations("certificates", Migrations()); }

  Result<std::int64_t> AllocateSerial(std::string_view scope, std::int64_t max) override {
    std::int64_t out = 0;
    KP_RETURN_IF_ERROR(db_->Write([&](Connection& c) -> Status {
      std::int64_t last = 0;
      {
        KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT last FROM certificate_serials WHERE scope = ?1"));
        st.Bind(1, scope);
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (row) last = st.Int(0);
      }
      if (last >= max) {
        return OutOfRange(
            "credentials.serial_exhausted",
            "no serial numbers left in '" + std::string(scope) + "' (max " + std::to_string(max) + ")",
            "证书编号序号已用尽（" + std::string(scope) + "）");
      }
      out = last + 1;
      KP_ASSIGN_OR_RETURN(Statement up,
                          c.Prepare("INSERT INTO certificate_serials(scope, last) VALUES (?1, ?2) ON "
                                    "CONFLICT(scope) DO UPDATE SET last = excluded.last"));
      up.Bind(1, scope).Bind(2, out);
      return up.Run();
    }));
    return out;
  }

  Result<std::optional<std::int64_t>> LastSerial(std::string_view scope) override {
    std::optional<std::int64_t> out;
    KP_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT last FROM certificate_serials WHERE scope = ?1"));
      st.Bind(1, scope);
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (row) out = st.Int(0);
      return Status();
    }));
    return out;
  }

  Result<std::optional<StatusListState>> GetStatusList(const std::string& url) override {
    std::optional<StatusListState> out;
    KP_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT url, revoked, allocated, credential, version, "
                                                  "updated_ms FROM status_lists WHERE url = ?1"));
      st.Bind(1, url);
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (row) out = StatusListState{st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Int(4), st.Int(5)};
      return Status();
    }));
    return out;
  }

  Status PutStatusList(const StatusListState& list, std::int64_t expected_version,
                       const AuditEntry& audit) override {
    return db_->Write([&](Connection& c) -> Status {
      KP_RETURN_IF_ERROR(WriteList(c, list, expected_version, audit.at_ms));
      return AppendAuditIn(c, audit);
    });
  }

  Status InsertCertificate(const CertificateRow& r, const StatusListState& list,
                           std::int64_t expected_version, const AuditEntry& audit) override {
    return db_->Write([&](Connection& c) -> Status {
      {
        KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT 1 FROM users WHERE id = ?1"));
        st.Bind(1, r.user_id);
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) {
          return NotFound("user.not_found", "no user " + std::to_string(r.user_id),
                          "用户 " + std::to_string(r.user_id) + " 不存在");
        }
      }
      {
        KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT 1 FROM certificates WHERE number = ?1"));
        st.Bind(1, r.number);
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (row)
          return AlreadyExists("certificate.exists", "certificate number '" + r.number + "' is taken",
                               "证书编号“" + r.number + "”已被使用");
      }
      if (r.renews.empty()) {
        KP_ASSIGN_OR_RETURN(
            Statement st, c.Prepare("SELECT number FROM certificates WHERE result_id = ?1 AND renews = ''"));
        st.Bind(1, r.result_id);
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (row) {
          return AlreadyExists(
              "certificate.result_taken",
              "result " + std::to_string(r.result_id) + " already has certificate " + st.Text(0),
              "该成绩已颁发证书 " + st.Text(0));
        }
      }
      KP_RETURN_IF_ERROR(WriteList(c, list, expected_version, audit.at_ms));
      KP_ASSIGN_OR_RETURN(Statement ins,
                          c.Prepare(std::string("INSERT INTO certificates(") + kColumns +
                                    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                                    "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, '', '', 0, 0)"));
      ins.Bind(1, r.number)
          .Bind(2, r.user_id)
          .Bind(3, r.result_id)
          .Bind(4, r.credential_id)
          .Bind(5, r.holder_name)
          .Bind(6, r.national_id_sealed)
          .Bind(7, r.pack_id)
          .Bind(8, r.standard_title)
          .Bind(9, r.standard_title_en)
          .Bind(10, r.level_id)
          .Bind(11, r.level_name)
          .Bind(12, r.level_name_en)
          .Bind(13, r.direction_id)
          .Bind(14, r.direction_name)
          .Bind(15, r.issuer_id)
          .Bind(16, r.issuer_name)
          .Bind(17, r.valid_from_ms)
          .Bind(18, r.valid_until_ms)
          .Bind(19, r.status_list_url)
          .Bind(20, r.status_index)
          .Bind(21, r.renews)
          .Bind(22, r.credential)
          .Bind(23, r.issued_ms)
          .Bind(24, r.issued_by);
      KP_RETURN_IF_ERROR(ins.Run());
      return AppendAuditIn(c, audit);
    });
  }

  Status RevokeCertificate(const std::string& number, const std::string& reason, const std::string& note,
                           std::int64_t revoked_ms, std::int64_t revoked_by, const StatusListState& list,
                           std::int64_t expected_version, const AuditEntry& audit) override {
    if (reason.empty())
      return InvalidArgument("certificate.bad_reason", "a revocation needs a reason", "吊销须注明原因");
    return db_->Write([&](Connection& c) -> Status {
      {
        KP_ASSIGN_OR_RETURN(Statement st,
                            c.Prepare("SELECT revocation_reason FROM certificates WHERE number = ?1"));
        st.Bind(1, number);
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) return NotFoundCert(number);
        if (!st.Text(0).empty()) {
          return AlreadyExists("credentials.already_revoked",
                               "certificate '" + number + "' is already revoked",
                               "证书“" + number + "”已被吊销");
        }
      }
      KP_RETURN_IF_ERROR(WriteList(c, list, expected_version, audit.at_ms));
      KP_ASSIGN_OR_RETURN(Statement up, c.Prepare("UPDATE certificates SET revocation_reason = ?2, "
                                                  "revocation_note = ?3, revoked_ms = ?4, revoked_by = ?5 "
                                                  "WHERE number = ?1"));
      up.Bind(1, number).Bind(2, reason).Bind(3, note).Bind(4, revoked_ms).Bind(5, revoked_by);
      KP_RETURN_IF_ERROR(up.Run());
      return AppendAuditIn(c, audit);
    });
  }

  Result<CertificateRow> GetCertificate(const std::string& number) override {
    std::optional<CertificateRow> out;
    KP_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare(std::string("SELECT ") + kColumns +
                                                  " FROM certificates WHERE number = ?1"));
      st.Bind(1, number);
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (row) out = ReadRow(st);
      return Status();
    }));
    if (!out) return NotFoundCert(number);
    return *std::move(out);
  }

  Result<std::optional<CertificateRow>> FindByResult(std::int64_t result_id) override {
    std::optional<CertificateRow> out;
    KP_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare(std::string("SELECT ") + kColumns +
                                                  " FROM certificates WHERE result_id = ?1 AND renews = ''"));
      st.Bind(1, result_id);
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (row) out = ReadRow(st);
      return Status();
    }));
    return out;
  }

  Result<std::vector<CertificateRow>> ListCertificates(const CertificateFilter& f) override {
    std::vector<CertificateRow> out;
    KP_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare(std::string("SELECT ") + kColumns +
                                                  " FROM certificates WHERE (?1 IS NULL OR user_id = ?1) "
                                                  "AND (?2 IS NULL OR result_id = ?2) "
                                                  "ORDER BY issued_ms DESC, rowid DESC LIMIT ?3"));
      if (f.user_id)
        st.Bind(1, *f.user_id);
      else
        st.BindNull(1);
      if (f.result_id)
        st.Bind(2, *f.result_id);
      else
        st.BindNull(2);
      st.Bind(3, f.limit);
      for (;;) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        out.push_back(ReadRow(st));
      }
      return Status();
    }));
    return out;
  }

  Result<std::vector<std::string>> RenewalsOf(const std::string& number) override {
    std::vector<std::string> out;
    KP_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare("SELECT number FROM certificates WHERE renews = ?1 ORDER BY issued_ms, rowid"));
      st.Bind(1, number);
      for (;;) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        out.push_back(st.Text(0));
      }
      return Status();
    }));
    return out;
  }

 private:
  std::shared_ptr<sqlite::Database> db_;
};

}  // namespace

int SqliteCertificateSchemaVersion() {
  return static_cast<int>(Migrations().size());
}

Result<std::unique_ptr<CertificateStore>> OpenSqliteCertificateStore(std::shared_ptr<sqlite::Database> db) {
  auto store = std::make_unique<SqliteCertificateStore>(std::move(db));
  KP_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<CertificateStore>(std::move(store));
}

}  // namespace kaoping::store
