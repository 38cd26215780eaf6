#include "store/sqlite/psychometrics_store_sqlite.h"

#include <string>
#include <vector>

#include "store/sqlite/audit_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/sqlite_db.h"

namespace kaoping::store {
namespace {

using sqlite::Connection;
using sqlite::Statement;

// Versioned migrations of the "psychometrics" track. Append only.
const std::vector<std::string>& Migrations() {
  static const std::vector<std::string>* const kMigrations = new std::vector<std::string>{
      // 1: statistics of exact item versions, with provenance.
      R"sql(
        CREATE TABLE item_statistics (
          id             INTEGER PRIMARY KEY,
          item_id        TEXT NOT NULL,
          item_version   INTEGER NOT NULL,
          kind           TEXT NOT NULL,
          source         TEXT NOT NULL,
          num_persons    INTEGER NOT NULL,
          model          TEXT NOT NULL,
          converged      INTEGER NOT NULL CHECK (converged IN (0, 1)),
          iterations     INTEGER NOT NULL,
          log_likelihood REAL NOT NULL,
          flags          TEXT NOT NULL,   -- flag names joined by ','
          statistics     TEXT NOT NULL,   -- JSON object, opaque here
          computed_ms    INTEGER NOT NULL,
          computed_by    TEXT NOT NULL,
          FOREIGN KEY (item_id, item_version) REFERENCES bank_items(id, version)
        );
        CREATE INDEX item_statistics_item ON item_statistics(item_id, computed_ms);
      )sql",
  };
  return *kMigrations;
}

std::string JoinFlags(const std::vector<std::string>& flags) {
  std::string out;
  for (const auto& f : flags) out += (out.empty() ? "" : ",") + f;
  return out;
}

std::vector<std::string> SplitFlags(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

class SqlitePsychometricsStore final : public PsychometricsStore {
 public:
  explicit SqlitePsychometricsStore(std::shared_ptr<sqlite::Database> db) : db_(std::move(db)) {}

  Status Init() { return db_->ApplyMigrations("psychometrics", Migrations()); }

  Status PutItemStatistics(const std::vector<ItemStatisticsRecord>& records,
                           const AuditEntry& audit) override {
    for (const auto& r : records) {
      if (r.item_id.empty() || r.kind.empty()) {
        return InvalidArgument("psychometrics.bad_record", "a statistics record needs an item id and a kind",
                               "统计记录须有试题编号与类别");
      }
    }
    return db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement exists,
                          c.Prepare("SELECT 1 FROM bank_items WHERE id = ?1 AND version = ?2"));
      KP_ASSIGN_OR_RETURN(Statement ins,
                          c.Prepare("INSERT INTO item_statistics(item_id, item_version, kind, source, "
                                    "num_persons, model, converged, iterations, "
                                    "log_likelihood, flags, statistics, computed_ms, computed_by) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"));
      for (const auto& r : records) {
        exists.Reset();
        exists.Bind(1, r.item_id).Bind(2, r.item_version);
        KP_ASSIGN_OR_RETURN(bool found, exists.Step());
        if (!found) {
          const std::string ref = r.item_id + " v" + std::to_string(r.item_version);
          return NotFound("item.not_found", "item '" + ref + "' does not exist", "试题“" + ref + "”不存在");
        }
        ins.Reset();
        ins.Bind(1, r.item_id)
            .Bind(2, r.item_version)
            .Bind(3, r.kind)
            .Bind(4, r.source)
            .Bind(5, r.num_persons)
            .Bind(6, r.model)
            .Bind(7, r.converged ? 1 : 0)
            .Bind(8, r.iterations)
            .Bind(9, r.log_likelihood)
            .Bind(10, JoinFlags(r.flags))
            .Bind(11, r.statistics)
            .Bind(12, r.computed_ms)
            .Bind(13, r.computed_by);
        KP_RETURN_IF_ERROR(ins.Run());
      }
      return sqlite::AppendAuditIn(c, audit);
    });
  }

  Result<std::vector<ItemStatisticsRecord>> ItemStatistics(const std::string& item_id, int limit) override {
    std::vector<ItemStatisticsRecord> out;
    KP_RETURN_IF_ERROR(db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement q,
          c.Prepare("SELECT id, item_id, item_version, kind, source, num_persons, model, converged, "
                    "iterations, log_likelihood, "
                    "flags, statistics, computed_ms, computed_by FROM item_statistics WHERE item_id = ?1 "
                    "ORDER BY computed_ms DESC, id DESC LIMIT ?2"));
      q.Bind(1, item_id).Bind(2, static_cast<std::int64_t>(limit > 0 ? limit : -1));
      while (true) {
        KP_ASSIGN_OR_RETURN(bool row, q.Step());
        if (!row) break;
        ItemStatisticsRecord r;
        r.id = q.Int(0);
        r.item_id = q.Text(1);
        r.item_version = static_cast<int>(q.Int(2));
        r.kind = q.Text(3);
        r.source = q.Text(4);
        r.num_persons = q.Int(5);
        r.model = q.Text(6);
        r.converged = q.Int(7) != 0;
        r.iterations = static_cast<int>(q.Int(8));
        r.log_likelihood = q.Double(9);
        r.flags = SplitFlags(q.Text(10));
        r.statistics = q.Text(11);
        r.computed_ms = q.Int(12);
        r.computed_by = q.Text(13);
        out.push_back(std::move(r));
      }
      return Status();
    }));
    return out;
  }

 private:
  std::shared_ptr<sqlite::Database> db_;
};

}  // namespace

Result<std::unique_ptr<PsychometricsStore>> OpenSqlitePsychometricsStore(
    std::shared_ptr<sqlite::Database> db) {
  auto s = std::make_unique<SqlitePsychometricsStore>(std::move(db));
  KP_RETURN_IF_ERROR(s->Init());
  return std::unique_ptr<PsychometricsStore>(std::move(s));
}

int SqlitePsychometricsSchemaVersion() {
  return static_cast<int>(Migrations().size());
}

}  // namespace kaoping::store
