#include "store/sqlite/scoring_store_sqlite.h"

#include <algorithm>
#include <iterator>
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

}  // namespace

// Versioned migrations of the "scoring" track. Append only.
const std::vector<std::string>& ScoringMigrations() {
  static const std::vector<std::string>* const kMigrations = new std::vector<std::string>{
      // 1: settings, subject scores, scripts, panel events, results and their history.
      R"sql(
        CREATE TABLE scoring_settings (
          plan_id          INTEGER PRIMARY KEY REFERENCES exam_plans(id),
          multiple_rule    TEXT NOT NULL,
          partial_fraction REAL,
          spread_kind      TEXT NOT NULL CHECK (spread_kind IN ('fraction','points')),
          spread_value     REAL NOT NULL,
          started_ms       INTEGER NOT NULL,
          started_by       INTEGER NOT NULL,
          item_versions    TEXT NOT NULL
        );

        CREATE TABLE subject_scores (
          attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id),
          plan_id    INTEGER NOT NULL REFERENCES exam_plans(id),
          user_id    INTEGER NOT NULL REFERENCES users(id),
          subject    TEXT NOT NULL,
          paper_id   TEXT NOT NULL,
          score_json TEXT NOT NULL,
          total      REAL NOT NULL,
          updated_ms INTEGER NOT NULL
        );
        CREATE INDEX subject_scores_plan ON subject_scores(plan_id);
        CREATE INDEX subject_scores_user ON subject_scores(user_id);

        CREATE TABLE scoring_scripts (
          code         TEXT PRIMARY KEY,
          seq          INTEGER NOT NULL UNIQUE,
          plan_id      INTEGER NOT NULL REFERENCES exam_plans(id),
          attempt_id   INTEGER NOT NULL REFERENCES attempts(id),
          session_id   INTEGER NOT NULL,
          item_id      TEXT NOT NULL,
          item_version INTEGER NOT NULL,
          rubric_json  TEXT NOT NULL,
          created_ms   INTEGER NOT NULL,
          UNIQUE (attempt_id, item_id)
        );
        CREATE INDEX scoring_scripts_plan ON scoring_scripts(plan_id, seq);

        CREATE TABLE scoring_script_examiners (
          code     TEXT NOT NULL REFERENCES scoring_scripts(code),
          examiner INTEGER NOT NULL REFERENCES users(id),
          position INTEGER NOT NULL,
          PRIMARY KEY (code, examiner)
        ) WITHOUT ROWID;
        CREATE INDEX scoring_script_examiners_user ON scoring_script_examiners(examiner);

        CREATE TABLE panel_events (
          id         INTEGER PRIMARY KEY AUTOINCREMENT,
          plan_id    INTEGER NOT NULL REFERENCES exam_plans(id),
          script     TEXT NOT NULL REFERENCES scoring_scripts(code),
          event_json TEXT NOT NULL,
          at_ms      INTEGER NOT NULL
        );
        CREATE INDEX panel_events_plan ON panel_events(plan_id, id);
        CREATE TRIGGER panel_events_no_update BEFORE UPDATE ON panel_events
          BEGIN SELECT RAISE(ABORT, 'panel events are append-only'); END;
        CREATE TRIGGER panel_events_no_delete BEFORE DELETE ON panel_events
          BEGIN SELECT RAISE(ABORT, 'panel events are append-only'); END;

        CREATE TABLE results (
          id           INTEGER PRIMARY KEY AUTOINCREMENT,
          user_id      INTEGER NOT NULL REFERENCES users(id),
          standard     TEXT NOT NULL,
          level        TEXT NOT NULL,
          direction    TEXT NOT NULL,
          state        TEXT NOT NULL CHECK (state IN ('computed','reviewed','published')),
          revision     INTEGER NOT NULL,
          passed       INTEGER NOT NULL,
          record_json  TEXT NOT NULL,
          computed_ms  INTEGER NOT NULL,
          published_ms INTEGER NOT NULL,
          UNIQUE (user_id, standard, level, direction)
        );
        CREATE INDEX results_state ON results(state);

        CREATE TABLE result_plans (
          result_id INTEGER NOT NULL REFERENCES results(id),
          plan_id   INTEGER NOT NULL REFERENCES exam_plans(id),
          PRIMARY KEY (result_id, plan_id)
        ) WITHOUT ROWID;
        CREATE INDEX result_plans_plan ON result_plans(plan_id);

        CREATE TABLE result_history (
          id            INTEGER PRIMARY KEY AUTOINCREMENT,
          result_id     INTEGER NOT NULL REFERENCES results(id),
          revision      INTEGER NOT NULL,
          action        TEXT NOT NULL,
          actor         INTEGER NOT NULL,
          reason        TEXT NOT NULL,
          at_ms         INTEGER NOT NULL,
          passed_before INTEGER,
          passed_after  INTEGER NOT NULL,
          detail_json   TEXT NOT NULL
        );
        CREATE INDEX result_history_result ON result_history(result_id, id);
        CREATE TRIGGER result_history_no_update BEFORE UPDATE ON result_history
          BEGIN SELECT RAISE(ABORT, 'result history is append-only'); END;
        CREATE TRIGGER result_history_no_delete BEFORE DELETE ON result_history
          BEGIN SELECT RAISE(ABORT, 'result history is append-only'); END;
      )sql",
      // 2: achievements submitted to comprehensive-review plans (综合评审).
      R"sql(
        CREATE TABLE achievements (
          id         INTEGER PRIMARY KEY AUTOINCREMENT,
          plan_id    INTEGER NOT NULL REFERENCES exam_plans(id),
          user_id    INTEGER NOT NULL REFERENCES users(id),
          kind       TEXT NOT NULL CHECK (kind IN ('project','report','paper','patent','other')),
          title      TEXT NOT NULL,
          summary    TEXT NOT NULL,
          created_ms INTEGER NOT NULL
        );
        CREATE INDEX achievements_plan_user ON achievements(plan_id, user_id, id);
      )sql",
      // 3: comprehensive-review scripts and scores, which belong to (plan, candidate) rather than
      // to an attempt (review plans have no attempts). scoring_scripts gets a nullable attempt_id,
      // review_user and materials; subject_scores a surrogate key with a nullable attempt_id.
      // SQLite cannot relax NOT NULL in place, so the tables are rebuilt: the children are created
      // against the new parent's name first, the old tables dropped children-first (so no foreign
      // key is ever left dangling), then the new ones renamed — which also renames the children's
      // REFERENCES. Row ids (panel event order, script seq) are kept.
      R"sql(
        CREATE TABLE scoring_scripts_v3 (
          code           TEXT PRIMARY KEY,
          seq            INTEGER NOT NULL UNIQUE,
          plan_id        INTEGER NOT NULL REFERENCES exam_plans(id),
          attempt_id     INTEGER REFERENCES attempts(id),
          review_user    INTEGER REFERENCES users(id),
          session_id     INTEGER NOT NULL,
          item_id        TEXT NOT NULL,
          item_version   INTEGER NOT NULL,
          rubric_json    TEXT NOT NULL,
          materials_json TEXT NOT NULL DEFAULT '[]',
          created_ms     INTEGER NOT NULL,
          CHECK ((attempt_id IS NULL) <> (review_user IS NULL)),
          UNIQUE (attempt_id, item_id)
        );
        INSERT INTO scoring_scripts_v3(code, seq, plan_id, attempt_id, session_id, item_id, item_version,
                                       rubric_json, created_ms)
          SELECT code, seq, plan_id, attempt_id, session_id, item_id, item_version, rubric_json, created_ms
          FROM scoring_scripts;

        CREATE TABLE scoring_script_examiners_v3 (
          code     TEXT NOT NULL REFERENCES scoring_scripts_v3(code),
          examiner INTEGER NOT NULL REFERENCES users(id),
          position INTEGER NOT NULL,
          PRIMARY KEY (code, examiner)
        ) WITHOUT ROWID;
        INSERT INTO scoring_script_examiners_v3 SELECT code, examiner, position FROM scoring_script_examiners;

        CREATE TABLE panel_events_v3 (
          id         INTEGER PRIMARY KEY AUTOINCREMENT,
          plan_id    INTEGER NOT NULL REFERENCES exam_plans(id),
          script     TEXT NOT NULL REFERENCES scoring_scripts_v3(code),
          event_json TEXT NOT NULL,
          at_ms      INTEGER NOT NULL
        );
        INSERT INTO panel_events_v3 SELECT id, plan_id, script, event_json, at_ms FROM panel_events;

        CREATE TABLE subject_scores_v3 (
          id         INTEGER PRIMARY KEY AUTOINCREMENT,
          attempt_id INTEGER UNIQUE REFERENCES attempts(id),
          plan_id    INTEGER NOT NULL REFERENCES exam_plans(id),
          user_id    INTEGER NOT NULL REFERENCES users(id),
          subject    TEXT NOT NULL,
          paper_id   TEXT NOT NULL,
          score_json TEXT NOT NULL,
          total      REAL NOT NULL,
          updated_ms INTEGER NOT NULL
        );
        INSERT INTO subject_scores_v3(attempt_id, plan_id, user_id, subject, paper_id, score_json, total,
                                      updated_ms)
          SELECT attempt_id, plan_id, user_id, subject, paper_id, score_json, total, updated_ms
          FROM subject_scores ORDER BY attempt_id;

        DROP TABLE panel_events;
        DROP TABLE scoring_script_examiners;
        DROP TABLE scoring_scripts;
        DROP TABLE subject_scores;
        ALTER TABLE scoring_scripts_v3 RENAME TO scoring_scripts;
        ALTER TABLE scoring_script_examiners_v3 RENAME TO scoring_script_examiners;
        ALTER TABLE panel_events_v3 RENAME TO panel_events;
        ALTER TABLE subject_scores_v3 RENAME TO subject_scores;

        CREATE INDEX scoring_scripts_plan ON scoring_scripts(plan_id, seq);
        CREATE UNIQUE INDEX scoring_scripts_review ON scoring_scripts(plan_id, review_user)
          WHERE review_user IS NOT NULL;
        CREATE INDEX scoring_script_examiners_user ON scoring_script_examiners(examiner);
        CREATE INDEX panel_events_plan ON panel_events(plan_id, id);
        CREATE TRIGGER panel_events_no_update BEFORE UPDATE ON panel_events
          BEGIN SELECT RAISE(ABORT, 'panel events are append-only'); END;
        CREATE TRIGGER panel_events_no_delete BEFORE DELETE ON panel_events
          BEGIN SELECT RAISE(ABORT, 'panel events are append-only'); END;
        CREATE INDEX subject_scores_plan ON subject_scores(plan_id);
        CREATE INDEX subject_scores_user ON subject_scores(user_id);
        CREATE UNIQUE INDEX subject_scores_review ON subject_scores(plan_id, user_id)
          WHERE attempt_id IS NULL;
      )sql",
  };
  return *kMigrations;
}

namespace {

Status PlanNotFound(std::int64_t id) {
  return NotFound("plan.not_found", "no exam plan " + std::to_string(id),
                  "考试计划 " + std::to_string(id) + " 不存在");
}
Status ResultNotFound(std::int64_t id) {
  return NotFound("result.not_found", "no result " + std::to_string(id),
                  "成绩 " + std::to_string(id) + " 不存在");
}
Status ScriptNotFound(const std::string& code) {
  return NotFound("scoring.script_not_found", "no script " + code, "评分卷 " + code + " 不存在");
}

Result<bool> Exists(Connection& c, const char* sql, std::int64_t id) {
  KP_ASSIGN_OR_RETURN(Statement st, c.Prepare(sql));
  st.Bind(1, id);
  return st.Step();
}

Status UpsertSettings(Connection& c, const ScoringSettingsRecord& s) {
  KP_ASSIGN_OR_RETURN(bool plan, Exists(c, "SELECT 1 FROM exam_plans WHERE id = ?1", s.plan_id));
  if (!plan) return PlanNotFound(s.plan_id);
  KP_ASSIGN_OR_RETURN(Statement st,
                      c.Prepare("INSERT INTO scoring_settings(plan_id, multiple_rule, partial_fraction, "
                                "spread_kind, spread_value, started_ms, started_by, item_versions) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(plan_id) DO UPDATE SET "
                                "multiple_rule = excluded.multiple_rule, "
                                "partial_fraction = excluded.partial_fraction, spread_kind = "
                                "excluded.spread_kind, spread_value = excluded.spread_value, "
                                "started_ms = excluded.started_ms, started_by = excluded.started_by, "
                                "item_versions = excluded.item_versions"));
  st.Bind(1, s.plan_id).Bind(2, s.multiple_rule);
  if (s.partial_fraction) {
    st.Bind(3, *s.partial_fraction);
  } else {
    st.BindNull(3);
  }
  st.Bind(4, s.spread_kind)
      .Bind(5, s.spread_value)
      .Bind(6, s.started_ms)
      .Bind(7, s.started_by)
      .Bind(8, s.item_versions_json);
  return st.Run();
}

Status UpsertScores(Connection& c, const std::vector<SubjectScoreRecord>& scores) {
  static constexpr const char* kSet =
      "SET plan_id = excluded.plan_id, user_id = excluded.user_id, subject = excluded.subject, "
      "paper_id = excluded.paper_id, score_json = excluded.score_json, total = excluded.total, "
      "updated_ms = excluded.updated_ms";
  static constexpr const char* kInsert =
      "INSERT INTO subject_scores(attempt_id, plan_id, user_id, subject, paper_id, score_json, total, "
      "updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ";
  // An attempt's score is keyed by the attempt; a review score (attempt_id 0) by (plan, user).
  KP_ASSIGN_OR_RETURN(Statement by_attempt,
                      c.Prepare(std::string(kInsert) + "ON CONFLICT(attempt_id) DO UPDATE " + kSet));
  KP_ASSIGN_OR_RETURN(Statement by_candidate,
                      c.Prepare(std::string(kInsert) +
                                "ON CONFLICT(plan_id, user_id) WHERE attempt_id IS NULL DO UPDATE " + kSet));
  for (const auto& s : scores) {
    Statement& st = s.attempt_id != 0 ? by_attempt : by_candidate;
    st.Reset();
    if (s.attempt_id != 0) {
      st.Bind(1, s.attempt_id);
    } else {
      st.BindNull(1);
    }
    st.Bind(2, s.plan_id)
        .Bind(3, s.user_id)
        .Bind(4, s.subject)
        .Bind(5, s.paper_id)
        .Bind(6, s.score_json)
        .Bind(7, s.total)
        .Bind(8, s.updated_ms);
    Status r = st.Run();
    if (r.code() == StatusCode::kFailedPrecondition) {
      if (s.attempt_id == 0) {
        return NotFound("plan.not_found", "no exam plan " + std::to_string(s.plan_id) + " (or its user)",
                        "考试计划 " + std::to_string(s.plan_id) + " 或其考生不存在");
      }
      return NotFound("attempt.not_found",
                      "no attempt " + std::to_string(s.attempt_id) + " (or its plan or user)",
                      "答卷 " + std::to_string(s.attempt_id) + " 不存在");
    }
    KP_RETURN_IF_ERROR(r);
  }
  return Status();
}

SubjectScoreRecord ReadScore(const Statement& st) {
  SubjectScoreRecord s;
  s.attempt_id = st.IsNull(0) ? 0 : st.Int(0);
  s.plan_id = st.Int(1);
  s.user_id = st.Int(2);
  s.subject = st.Text(3);
  s.paper_id = st.Text(4);
  s.score_json = st.Text(5);
  s.total = st.Double(6);
  s.updated_ms = st.Int(7);
  return s;
}

constexpr const char* kScriptSelect =
    "SELECT s.code, s.plan_id, s.attempt_id, s.session_id, s.item_id, s.item_version, s.rubric_json, "
    "s.created_ms, s.review_user, s.materials_json, "
    "(SELECT group_concat(examiner) FROM (SELECT examiner FROM scoring_script_examiners e WHERE e.code = "
    "s.code "
    "ORDER BY position)) FROM scoring_scripts s ";

ScriptRecord ReadScript(const Statement& st) {
  ScriptRecord s;
  s.code = st.Text(0);
  s.plan_id = st.Int(1);
  s.attempt_id = st.IsNull(2) ? 0 : st.Int(2);
  s.session_id = st.Int(3);
  s.item_id = st.Text(4);
  s.item_version = static_cast<int>(st.Int(5));
  s.rubric_json = st.Text(6);
  s.created_ms = st.Int(7);
  s.review_user_id = st.IsNull(8) ? 0 : st.Int(8);
  s.materials_json = st.Text(9);
  std::string ids = st.IsNull(10) ? std::string() : st.Text(10);
  std::size_t pos = 0;
  while (pos < ids.size()) {
    std::size_t comma = ids.find(',', pos);
    if (comma == std::string::npos) comma = ids.size();
    s.examiners.push_back(std::stoll(ids.substr(pos, comma - pos)));
    pos = comma + 1;
  }
  return s;
}

constexpr const char* kResultSelect =
    "SELECT r.id, r.user_id, r.standard, r.level, r.direction, r.state, r.revision, r.passed, r.record_json, "
    "r.computed_ms, r.published_ms, (SELECT group_concat(plan_id) FROM (SELECT plan_id FROM result_plans p "
    "WHERE p.result_id = r.id ORDER BY plan_id)) FROM results r ";

ResultRow ReadResult(const Statement& st) {
  ResultRow r;
  r.id = st.Int(0);
  r.user_id = st.Int(1);
  r.standard = st.Text(2);
  r.level = st.Text(3);
  r.direction = st.Text(4);
  r.state = st.Text(5);
  r.revision = static_cast<int>(st.Int(6));
  r.passed = st.Int(7) != 0;
  r.record_json = st.Text(8);
  r.computed_ms = st.Int(9);
  r.published_ms = st.Int(10);
  std::string ids = st.IsNull(11) ? std::string() : st.Text(11);
  std::size_t pos = 0;
  while (pos < ids.size()) {
    std::size_t comma = ids.find(',', pos);
    if (comma == std::string::npos) comma = ids.size();
    r.plan_ids.push_back(std::stoll(ids.substr(pos, comma - pos)));
    pos = comma + 1;
  }
  return r;
}

Result<ResultRow> LoadResult(Connection& c, std::int64_t id) {
  KP_ASSIGN_OR_RETURN(Statement st, c.Prepare(std::string(kResultSelect) + "WHERE r.id = ?1"));
  st.Bind(1, id);
  KP_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return ResultNotFound(id);
  return ReadResult(st);
}

class SqliteScoringStore final : public ScoringStore {
 public:
  explicit SqliteScoringStore(std::shared_ptr<sqlite::Database> db) : db_(std::move(db)) {}

  Status Init() { return db_->ApplyMigrations("scoring", ScoringMigrations()); }

  Status PutSettings(const ScoringSettingsRecord& s, const AuditEntry& audit) override {
    return db_->Write([&](Connection& c) -> Status {
      KP_RETURN_IF_ERROR(UpsertSettings(c, s));
      return AppendAuditIn(c, audit);
    });
  }

  Result<ScoringSettingsRecord> GetSettings(std::int64_t plan_id) override {
    ScoringSettingsRecord s;
    bool found = false;
    Status read = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st,
                          c.Prepare("SELECT plan_id, multiple_rule, partial_fraction, spread_kind, "
                                    "spread_value, started_ms, started_by, item_versions "
                                    "FROM scoring_settings WHERE plan_id = ?1"));
      st.Bind(1, plan_id);
      KP_ASSIGN_OR_RETURN(found, st.Step());
      if (!found) return Status();
      s.plan_id = st.Int(0);
      s.multiple_rule = st.Text(1);
      if (!st.IsNull(2)) s.partial_fraction = st.Double(2);
      s.spread_kind = st.Text(3);
      s.spread_value = st.Double(4);
      s.started_ms = st.Int(5);
      s.started_by = st.Int(6);
      s.item_versions_json = st.Text(7);
      return Status();
    });
    KP_RETURN_IF_ERROR(read);
    if (!found) {
      return NotFound("scoring.no_settings",
                      "exam plan " + std::to_string(plan_id) + " has no scoring settings",
                      "考试计划 " + std::to_string(plan_id) + " 尚未设置评分");
    }
    return s;
  }

  Result<int> StartScoring(const ScoringSettingsRecord& settings,
                           const std::vector<SubjectScoreRecord>& scores,
                           const std::vector<ScriptRecord>& scripts, const AuditEntry& audit) override {
    int inserted = 0;
    Status s = db_->Write([&](Connection& c) -> Status {
      inserted = 0;
      KP_RETURN_IF_ERROR(UpsertSettings(c, settings));
      KP_RETURN_IF_ERROR(UpsertScores(c, scores));
      KP_ASSIGN_OR_RETURN(Statement seq, c.Prepare("SELECT coalesce(max(seq), 0) FROM scoring_scripts"));
      KP_ASSIGN_OR_RETURN(bool any, seq.Step());
      std::int64_t next = any ? seq.Int(0) + 1 : 1;
      static constexpr const char* kInsert =
          "INSERT INTO scoring_scripts(code, seq, plan_id, attempt_id, review_user, session_id, item_id, "
          "item_version, rubric_json, materials_json, created_ms) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ";
      // An attempt's script is unique per (attempt, item); a review script per (plan, candidate).
      KP_ASSIGN_OR_RETURN(Statement by_attempt,
                          c.Prepare(std::string(kInsert) + "ON CONFLICT(attempt_id, item_id) DO NOTHING"));
      KP_ASSIGN_OR_RETURN(
          Statement by_candidate,
          c.Prepare(std::string(kInsert) +
                    "ON CONFLICT(plan_id, review_user) WHERE review_user IS NOT NULL DO NOTHING"));
      KP_ASSIGN_OR_RETURN(
          Statement ex,
          c.Prepare("INSERT INTO scoring_script_examiners(code, examiner, position) VALUES (?1, ?2, ?3)"));
      for (const auto& sc : scripts) {
        const bool review = sc.attempt_id == 0;
        if (review == (sc.review_user_id == 0)) {
          return InvalidArgument("scoring.bad_script",
                                 "a script belongs either to an attempt or to a review candidate",
                                 "评分卷须属于一份答卷或一名评审考生，二者取一");
        }
        Statement& ins = review ? by_candidate : by_attempt;
        ins.Reset();
        ins.Bind(1, sc.code).Bind(2, next).Bind(3, sc.plan_id);
        if (review) {
          ins.BindNull(4).Bind(5, sc.review_user_id);
        } else {
          ins.Bind(4, sc.attempt_id).BindNull(5);
        }
        ins.Bind(6, sc.session_id)
            .Bind(7, sc.item_id)
            .Bind(8, sc.item_version)
            .Bind(9, sc.rubric_json)
            .Bind(10, sc.materials_json.empty() ? std::string("[]") : sc.materials_json)
            .Bind(11, sc.created_ms);
        Status r = ins.Run();
        if (r.code() == StatusCode::kFailedPrecondition) {
          if (review) {
            return NotFound("user.not_found", "no candidate " + std::to_string(sc.review_user_id),
                            "考生 " + std::to_string(sc.review_user_id) + " 不存在");
          }
          return NotFound("attempt.not_found", "no attempt " + std::to_string(sc.attempt_id),
                          "答卷 " + std::to_string(sc.attempt_id) + " 不存在");
        }
        KP_RETURN_IF_ERROR(r);
        if (sqlite3_changes(c.raw()) == 0) continue;  // the script exists: keep it as it is
        ++next;
        ++inserted;
        int pos = 0;
        for (std::int64_t e : sc.examiners) {
          ex.Reset();
          ex.Bind(1, sc.code).Bind(2, e).Bind(3, pos++);
          Status er = ex.Run();
          if (er.code() == StatusCode::kFailedPrecondition) {
            return NotFound("user.not_found", "no user " + std::to_string(e),
                            "用户 " + std::to_string(e) + " 不存在");
          }
          KP_RETURN_IF_ERROR(er);
        }
      }
      return AppendAuditIn(c, audit);
    });
    KP_RETURN_IF_ERROR(s);
    return inserted;
  }

  Status PutSubjectScores(const std::vector<SubjectScoreRecord>& scores, const AuditEntry& audit) override {
    return db_->Write([&](Connection& c) -> Status {
      KP_RETURN_IF_ERROR(UpsertScores(c, scores));
      return AppendAuditIn(c, audit);
    });
  }

  Result<std::vector<SubjectScoreRecord>> ListSubjectScores(std::int64_t plan_id,
                                                            std::int64_t user_id) override {
    std::vector<SubjectScoreRecord> out;
    Status read = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare("SELECT attempt_id, plan_id, user_id, subject, paper_id, score_json, total, updated_ms "
                    "FROM subject_scores "
                    "WHERE (?1 = 0 OR plan_id = ?1) AND (?2 = 0 OR user_id = ?2) ORDER BY id"));
      st.Bind(1, plan_id).Bind(2, user_id);
      while (true) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        out.push_back(ReadScore(st));
      }
      return Status();
    });
    KP_RETURN_IF_ERROR(read);
    return out;
  }

  Result<ScriptRecord> GetScript(const std::string& code) override {
    std::optional<ScriptRecord> out;
    Status read = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare(std::string(kScriptSelect) + "WHERE s.code = ?1"));
      st.Bind(1, code);
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (row) out = ReadScript(st);
      return Status();
    });
    KP_RETURN_IF_ERROR(read);
    if (!out) return ScriptNotFound(code);
    return *out;
  }

  Result<std::vector<ScriptRecord>> ListScripts(std::int64_t plan_id, std::int64_t examiner) override {
    std::vector<ScriptRecord> out;
    Status read = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st,
                          c.Prepare(std::string(kScriptSelect) +
                                    "WHERE (?1 = 0 OR s.plan_id = ?1) AND (?2 = 0 OR EXISTS (SELECT 1 FROM "
                                    "scoring_script_examiners x "
                                    "WHERE x.code = s.code AND x.examiner = ?2)) ORDER BY s.seq"));
      st.Bind(1, plan_id).Bind(2, examiner);
      while (true) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        out.push_back(ReadScript(st));
      }
      return Status();
    });
    KP_RETURN_IF_ERROR(read);
    return out;
  }

  Result<std::int64_t> AppendPanelEvent(const PanelEventRecord& e, const AuditEntry& audit) override {
    std::int64_t id = 0;
    Status s = db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement chk, c.Prepare("SELECT plan_id FROM scoring_scripts WHERE code = ?1"));
      chk.Bind(1, e.script);
      KP_ASSIGN_OR_RETURN(bool row, chk.Step());
      if (!row || chk.Int(0) != e.plan_id) return ScriptNotFound(e.script);
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare("INSERT INTO panel_events(plan_id, script, event_json, at_ms) VALUES (?1, ?2, ?3, ?4)"));
      st.Bind(1, e.plan_id).Bind(2, e.script).Bind(3, e.event_json).Bind(4, e.at_ms);
      KP_RETURN_IF_ERROR(st.Run());
      id = c.LastInsertRowId();
      return AppendAuditIn(c, audit);
    });
    KP_RETURN_IF_ERROR(s);
    return id;
  }

  Result<std::vector<PanelEventRecord>> ListPanelEvents(std::int64_t plan_id) override {
    std::vector<PanelEventRecord> out;
    Status read = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT id, plan_id, script, event_json, at_ms FROM "
                                                  "panel_events WHERE plan_id = ?1 ORDER BY id"));
      st.Bind(1, plan_id);
      while (true) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        out.push_back(PanelEventRecord{st.Int(0), st.Int(1), st.Text(2), st.Text(3), st.Int(4)});
      }
      return Status();
    });
    KP_RETURN_IF_ERROR(read);
    return out;
  }

  Result<AchievementRecord> AddAchievement(const AchievementRecord& a, const AuditEntry& audit) override {
    static const char* const kKinds[] = {"project", "report", "paper", "patent", "other"};
    if (std::find(std::begin(kKinds), std::end(kKinds), a.kind) == std::end(kKinds)) {
      return InvalidArgument("achievement.bad_kind", "unknown achievement kind '" + a.kind + "'",
                             "未知的成果类型“" + a.kind + "”");
    }
    AchievementRecord out = a;
    Status s = db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(bool plan, Exists(c, "SELECT 1 FROM exam_plans WHERE id = ?1", a.plan_id));
      if (!plan) return PlanNotFound(a.plan_id);
      KP_ASSIGN_OR_RETURN(bool user, Exists(c, "SELECT 1 FROM users WHERE id = ?1", a.user_id));
      if (!user) {
        return NotFound("user.not_found", "no user " + std::to_string(a.user_id),
                        "用户 " + std::to_string(a.user_id) + " 不存在");
      }
      KP_ASSIGN_OR_RETURN(Statement ins, c.Prepare("INSERT INTO achievements(plan_id, user_id, kind, title, "
                                                   "summary, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
      ins.Bind(1, a.plan_id)
          .Bind(2, a.user_id)
          .Bind(3, a.kind)
          .Bind(4, a.title)
          .Bind(5, a.summary)
          .Bind(6, a.created_ms);
      KP_RETURN_IF_ERROR(ins.Run());
      out.id = c.LastInsertRowId();
      return AppendAuditIn(c, audit);
    });
    KP_RETURN_IF_ERROR(s);
    return out;
  }

  Result<std::vector<AchievementRecord>> ListAchievements(std::int64_t plan_id,
                                                          std::int64_t user_id) override {
    std::vector<AchievementRecord> out;
    Status read = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare("SELECT id, plan_id, user_id, kind, title, summary, created_ms FROM achievements "
                    "WHERE plan_id = ?1 AND (?2 = 0 OR user_id = ?2) ORDER BY id"));
      st.Bind(1, plan_id).Bind(2, user_id);
      while (true) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        out.push_back(AchievementRecord{st.Int(0), st.Int(1), st.Int(2), st.Text(3), st.Text(4), st.Text(5),
                                        st.Int(6)});
      }
      return Status();
    });
    KP_RETURN_IF_ERROR(read);
    return out;
  }

  Result<ResultRow> PutResult(const ResultRow& row, const std::vector<ResultHistoryRow>& history,
                              std::optional<int> expect_revision, const std::string& expect_state,
                              const AuditEntry& audit) override {
    ResultRow out;
    Status s = db_->Write([&](Connection& c) -> Status {
      std::int64_t id = row.id;
      if (id == 0) {
        KP_ASSIGN_OR_RETURN(Statement ins,
                            c.Prepare("INSERT INTO results(user_id, standard, level, direction, state, "
                                      "revision, passed, record_json, computed_ms, "
                                      "published_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
        ins.Bind(1, row.user_id)
            .Bind(2, row.standard)
            .Bind(3, row.level)
            .Bind(4, row.direction)
            .Bind(5, row.state)
            .Bind(6, row.revision)
            .Bind(7, row.passed ? 1 : 0)
            .Bind(8, row.record_json)
            .Bind(9, row.computed_ms)
            .Bind(10, row.published_ms);
        Status r = ins.Run();
        if (r.code() == StatusCode::kAlreadyExists) {
          return AlreadyExists("result.exists",
                               "the candidate already has a result for this standard, level and direction",
                               "该考生在此标准、等级和方向下已有成绩");
        }
        if (r.code() == StatusCode::kFailedPrecondition) {
          return NotFound("user.not_found", "no user " + std::to_string(row.user_id),
                          "用户 " + std::to_string(row.user_id) + " 不存在");
        }
        KP_RETURN_IF_ERROR(r);
        id = c.LastInsertRowId();
      } else {
        KP_ASSIGN_OR_RETURN(ResultRow cur, LoadResult(c, id));
        if ((expect_revision && cur.revision != *expect_revision) ||
            (!expect_state.empty() && cur.state != expect_state)) {
          return Aborted("result.conflict", "the result changed in the meantime; reload it and try again",
                         "成绩已被他人修改，请刷新后重试");
        }
        KP_ASSIGN_OR_RETURN(Statement up,
                            c.Prepare("UPDATE results SET state = ?2, revision = ?3, passed = ?4, "
                                      "record_json = ?5, computed_ms = ?6, published_ms = ?7 "
                                      "WHERE id = ?1"));
        up.Bind(1, id)
            .Bind(2, row.state)
            .Bind(3, row.revision)
            .Bind(4, row.passed ? 1 : 0)
            .Bind(5, row.record_json)
            .Bind(6, row.computed_ms)
            .Bind(7, row.published_ms);
        KP_RETURN_IF_ERROR(up.Run());
      }
      KP_ASSIGN_OR_RETURN(
          Statement plan,
          c.Prepare("INSERT INTO result_plans(result_id, plan_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING"));
      for (std::int64_t p : row.plan_ids) {
        plan.Reset();
        plan.Bind(1, id).Bind(2, p);
        Status r = plan.Run();
        if (r.code() == StatusCode::kFailedPrecondition) return PlanNotFound(p);
        KP_RETURN_IF_ERROR(r);
      }
      KP_ASSIGN_OR_RETURN(Statement h,
                          c.Prepare("INSERT INTO result_history(result_id, revision, action, actor, reason, "
                                    "at_ms, passed_before, passed_after, detail_json) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
      for (const auto& e : history) {
        h.Reset();
        h.Bind(1, id)
            .Bind(2, e.revision)
            .Bind(3, e.action)
            .Bind(4, e.actor)
            .Bind(5, e.reason)
            .Bind(6, e.at_ms);
        if (e.passed_before) {
          h.Bind(7, *e.passed_before ? 1 : 0);
        } else {
          h.BindNull(7);
        }
        h.Bind(8, e.passed_after ? 1 : 0).Bind(9, e.detail_json);
        KP_RETURN_IF_ERROR(h.Run());
      }
      KP_ASSIGN_OR_RETURN(out, LoadResult(c, id));
      AuditEntry a = audit;
      if (a.object.empty()) a.object = "result:" + std::to_string(id);
      return AppendAuditIn(c, a);
    });
    KP_RETURN_IF_ERROR(s);
    return out;
  }

  Result<ResultRow> GetResult(std::int64_t id) override {
    ResultRow out;
    Status read = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(out, LoadResult(c, id));
      return Status();
    });
    KP_RETURN_IF_ERROR(read);
    return out;
  }

  Result<ResultRow> FindResult(std::int64_t user_id, const std::string& standard, const std::string& level,
                               const std::string& direction) override {
    std::optional<ResultRow> out;
    Status read = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare(std::string(kResultSelect) +
                    "WHERE r.user_id = ?1 AND r.standard = ?2 AND r.level = ?3 AND r.direction = ?4"));
      st.Bind(1, user_id).Bind(2, standard).Bind(3, level).Bind(4, direction);
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (row) out = ReadResult(st);
      return Status();
    });
    KP_RETURN_IF_ERROR(read);
    if (!out) return NotFound("result.not_found", "no such result", "没有该成绩");
    return *out;
  }

  Result<std::vector<ResultRow>> ListResults(const ResultFilter& f) override {
    std::vector<ResultRow> out;
    Status read = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare(
              std::string(kResultSelect) +
              "WHERE (?1 = 0 OR EXISTS (SELECT 1 FROM result_plans p WHERE p.result_id = r.id AND p.plan_id "
              "= ?1)) "
              "AND (?2 = 0 OR r.user_id = ?2) AND (?3 = '' OR r.state = ?3) AND (?4 = '' OR r.standard = ?4) "
              "AND (?5 = '' OR r.level = ?5) AND r.id > ?6 ORDER BY r.id LIMIT ?7"));
      st.Bind(1, f.plan_id)
          .Bind(2, f.user_id)
          .Bind(3, f.state)
          .Bind(4, f.standard)
          .Bind(5, f.level)
          .Bind(6, f.after_id)
          .Bind(7, f.limit <= 0 ? std::int64_t{-1} : std::int64_t{f.limit});
      while (true) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        out.push_back(ReadResult(st));
      }
      return Status();
    });
    KP_RETURN_IF_ERROR(read);
    return out;
  }

  Result<std::vector<ResultHistoryRow>> ResultHistory(std::int64_t result_id) override {
    std::vector<ResultHistoryRow> out;
    Status read = db_->Read([&](Connection& c) -> Status {
      KP_RETURN_IF_ERROR(LoadResult(c, result_id).status());
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT result_id, revision, action, actor, reason, at_ms, "
                                                  "passed_before, passed_after, detail_json "
                                                  "FROM result_history WHERE result_id = ?1 ORDER BY id"));
      st.Bind(1, result_id);
      while (true) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        ResultHistoryRow h;
        h.result_id = st.Int(0);
        h.revision = static_cast<int>(st.Int(1));
        h.action = st.Text(2);
        h.actor = st.Int(3);
        h.reason = st.Text(4);
        h.at_ms = st.Int(5);
        if (!st.IsNull(6)) h.passed_before = st.Int(6) != 0;
        h.passed_after = st.Int(7) != 0;
        h.detail_json = st.Text(8);
        out.push_back(std::move(h));
      }
      return Status();
    });
    KP_RETURN_IF_ERROR(read);
    return out;
  }

 private:
  std::shared_ptr<sqlite::Database> db_;
};

}  // namespace

Result<std::unique_ptr<ScoringStore>> OpenSqliteScoringStore(std::shared_ptr<sqlite::Database> db) {
  auto store = std::make_unique<SqliteScoringStore>(std::move(db));
  KP_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<ScoringStore>(std::move(store));
}

}  // namespace kaoping::store
