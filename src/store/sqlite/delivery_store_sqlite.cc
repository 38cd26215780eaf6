#include "store/sqlite/delivery_store_sqlite.h"

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/delivery/access.h"
#include "core/delivery/ticket.h"
#include "store/sqlite/audit_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/sqlite_db.h"

namespace kaoping::store {

namespace sqlite {

Status AppendAuditIn(Connection& c, const AuditEntry& e) {
  delivery::AuditRecord r;
  {
    KP_ASSIGN_OR_RETURN(Statement head, c.Prepare("SELECT seq, hash FROM audit_head WHERE id = 1"));
    KP_ASSIGN_OR_RETURN(bool row, head.Step());
    if (!row) return DataLoss("audit.no_head", "the audit head row is missing", "审计日志头记录缺失");
    r.seq = head.Int(0) + 1;
    r.prev_hash = head.Text(1);
  }
  r.at_ms = e.at_ms;
  r.actor_id = e.actor_id;
  r.actor_login = e.actor_login;
  r.action = e.action;
  r.object = e.object;
  r.detail = e.detail;
  r.remote = e.remote;
  r.hash = delivery::ChainHash(r);
  KP_ASSIGN_OR_RETURN(Statement ins, c.Prepare("INSERT INTO audit_log(seq, at_ms, actor_id, actor_login, "
                                               "action, object, detail, remote, prev_hash, hash) "
                                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
  ins.Bind(1, r.seq)
      .Bind(2, r.at_ms)
      .Bind(3, r.actor_id)
      .Bind(4, r.actor_login)
      .Bind(5, r.action)
      .Bind(6, r.object)
      .Bind(7, r.detail)
      .Bind(8, r.remote)
      .Bind(9, r.prev_hash)
      .Bind(10, r.hash);
  KP_RETURN_IF_ERROR(ins.Run());
  KP_ASSIGN_OR_RETURN(Statement upd, c.Prepare("UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1"));
  upd.Bind(1, r.seq).Bind(2, r.hash);
  return upd.Run();
}

}  // namespace sqlite

namespace {

using sqlite::AppendAuditIn;

using Json = nlohmann::json;
using sqlite::Connection;
using sqlite::Statement;

// Versioned migrations of the "delivery" track. Append only: a released migration is never edited.
const std::vector<std::string>& Migrations() {
  static const std::vector<std::string>* const kMigrations = new std::vector<std::string>{
      // 1: login sessions, throttling, profiles, plans, registrations, attempts, answers,
      //    proctor events, the audit chain and demo credentials.
      R"sql(
        CREATE TABLE auth_sessions (
          token_digest TEXT PRIMARY KEY,
          user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          kind         TEXT NOT NULL CHECK (kind IN ('cookie','bearer')),
          csrf_digest  TEXT NOT NULL,
          created_ms   INTEGER NOT NULL,
          expires_ms   INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX auth_sessions_user ON auth_sessions(user_id);
        CREATE INDEX auth_sessions_expiry ON auth_sessions(expires_ms);

        CREATE TABLE login_throttle (
          key              TEXT PRIMARY KEY,
          failures         INTEGER NOT NULL,
          last_failure_ms  INTEGER NOT NULL,
          blocked_until_ms INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE candidate_profiles (
          user_id          INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
          full_name        TEXT NOT NULL,
          id_number_sealed TEXT NOT NULL,
          id_number_hash   TEXT NOT NULL UNIQUE,
          id_number_masked TEXT NOT NULL,
          facts            TEXT NOT NULL,
          updated_ms       INTEGER NOT NULL
        );

        CREATE TABLE exam_plans (
          id                   INTEGER PRIMARY KEY,
          title                TEXT NOT NULL,
          standard             TEXT NOT NULL,
          direction            TEXT NOT NULL,
          level                TEXT NOT NULL,
          kind                 TEXT NOT NULL,
          duration_minutes     INTEGER NOT NULL CHECK (duration_minutes > 0),
          entry_window_minutes INTEGER NOT NULL CHECK (entry_window_minutes >= 0),
          require_admission    INTEGER NOT NULL,
          paper_id             TEXT NOT NULL DEFAULT '',
          seed                 INTEGER NOT NULL,
          created_by           INTEGER NOT NULL,
          created_ms           INTEGER NOT NULL
        );
        CREATE TABLE exam_sessions (
          id        INTEGER PRIMARY KEY,
          plan_id   INTEGER NOT NULL REFERENCES exam_plans(id),
          room_code TEXT NOT NULL,
          room_name TEXT NOT NULL,
          capacity  INTEGER NOT NULL CHECK (capacity > 0),
          starts_ms INTEGER NOT NULL,
          UNIQUE (plan_id, room_code)
        );
        CREATE TABLE session_staff (
          session_id INTEGER NOT NULL REFERENCES exam_sessions(id),
          user_id    INTEGER NOT NULL REFERENCES users(id),
          role       TEXT NOT NULL CHECK (role IN ('proctor','examiner')),
          PRIMARY KEY (session_id, role, user_id)
        ) WITHOUT ROWID;
        CREATE INDEX session_staff_user ON session_staff(user_id);

        CREATE TABLE registrations (
          id              INTEGER PRIMARY KEY,
          plan_id         INTEGER NOT NULL REFERENCES exam_plans(id),
          user_id         INTEGER NOT NULL REFERENCES users(id),
          status          TEXT NOT NULL CHECK (status IN ('pending','approved','rejected')),
          verdict         TEXT NOT NULL,
          explanation     TEXT NOT NULL,
          decided_by      INTEGER NOT NULL DEFAULT 0,
          decision_reason TEXT NOT NULL DEFAULT '',
          decided_ms      INTEGER NOT NULL DEFAULT 0,
          session_id      INTEGER REFERENCES exam_sessions(id),
          seat            INTEGER NOT NULL DEFAULT 0,
          ticket          TEXT UNIQUE,
          created_ms      INTEGER NOT NULL,
          UNIQUE (plan_id, user_id)
        );
        CREATE INDEX registrations_user ON registrations(user_id);
        CREATE INDEX registrations_session ON registrations(session_id, seat);

        CREATE TABLE attempts (
          id              INTEGER PRIMARY KEY,
          registration_id INTEGER NOT NULL UNIQUE REFERENCES registrations(id),
          plan_id         INTEGER NOT NULL REFERENCES exam_plans(id),
          session_id      INTEGER NOT NULL REFERENCES exam_sessions(id),
          user_id         INTEGER NOT NULL REFERENCES users(id),
          paper_id        TEXT NOT NULL,
          seed            INTEGER NOT NULL,
          items           TEXT NOT NULL,
          status          TEXT NOT NULL CHECK (status IN ('ready','in_progress','paused','submitted','absent','voided')),
          admitted        INTEGER NOT NULL DEFAULT 0,
          started_ms      INTEGER NOT NULL DEFAULT 0,
          duration_ms     INTEGER NOT NULL,
          extension_ms    INTEGER NOT NULL DEFAULT 0,
          paused_total_ms INTEGER NOT NULL DEFAULT 0,
          paused_since_ms INTEGER NOT NULL DEFAULT 0,
          submitted_ms    INTEGER NOT NULL DEFAULT 0,
          submit_kind     TEXT NOT NULL DEFAULT '',
          deadline_ms     INTEGER NOT NULL DEFAULT 0,
          created_ms      INTEGER NOT NULL
        );
        CREATE INDEX attempts_user ON attempts(user_id);
        CREATE INDEX attempts_session ON attempts(session_id);
        CREATE INDEX attempts_plan ON attempts(plan_id);
        CREATE INDEX attempts_running ON attempts(deadline_ms) WHERE status = 'in_progress';

        CREATE TABLE answers (
          attempt_id    INTEGER NOT NULL REFERENCES attempts(id),
          item_id       TEXT NOT NULL,
          sequence      INTEGER NOT NULL,
          response      TEXT NOT NULL,
          saved_ms      INTEGER NOT NULL,
          flagged       INTEGER NOT NULL DEFAULT 0,
          flag_sequence INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (attempt_id, item_id)
        ) WITHOUT ROWID;

        CREATE TABLE attempt_events (
          id         INTEGER PRIMARY KEY,
          attempt_id INTEGER NOT NULL REFERENCES attempts(id),
          actor_id   INTEGER NOT NULL,
          action     TEXT NOT NULL,
          reason     TEXT NOT NULL,
          detail     TEXT NOT NULL,
          at_ms      INTEGER NOT NULL
        );
        CREATE INDEX attempt_events_attempt ON attempt_events(attempt_id);

        CREATE TABLE audit_log (
          seq         INTEGER PRIMARY KEY,
          at_ms       INTEGER NOT NULL,
          actor_id    INTEGER NOT NULL,
          actor_login TEXT NOT NULL,
          action      TEXT NOT NULL,
          object      TEXT NOT NULL,
          detail      TEXT NOT NULL,
          remote      TEXT NOT NULL,
          prev_hash   TEXT NOT NULL,
          hash        TEXT NOT NULL
        );
        CREATE TABLE audit_head (
          id   INTEGER PRIMARY KEY CHECK (id = 1),
          seq  INTEGER NOT NULL,
          hash TEXT NOT NULL
        );
        INSERT INTO audit_head(id, seq, hash)
          VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

        -- Demo accounts only (seeded by `make run`): their passwords, sealed with the pii key, so
        -- `kaoping demo --json` can print them later. Never used for real accounts.
        CREATE TABLE demo_credentials (
          login           TEXT PRIMARY KEY,
          role            TEXT NOT NULL,
          display_name    TEXT NOT NULL,
          password_sealed TEXT NOT NULL
        );
      )sql",
      // 2: the delivered items (several KB per attempt) move to their own table, so reading and
      //    updating an attempt's state during saves and starts touches one small row.
      R"sql(
        CREATE TABLE attempt_items (
          attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id),
          items      TEXT NOT NULL
        );
        INSERT INTO attempt_items(attempt_id, items) SELECT id, items FROM attempts;
        ALTER TABLE attempts DROP COLUMN items;
      )sql",
  };
  return *kMigrations;
}

std::int64_t U2I(std::uint64_t v) {
  std::int64_t out;
  std::memcpy(&out, &v, sizeof(out));
  return out;
}
std::uint64_t I2U(std::int64_t v) {
  std::uint64_t out;
  std::memcpy(&out, &v, sizeof(out));
  return out;
}

// ---- JSON encodings of nested values (backend-private) -----------------------------------------

std::string EncodeItems(const std::vector<delivery::DeliveredItem>& items) {
  Json arr = Json::array();
  for (const auto& d : items) {
    arr.push_back(
        {{"id", d.item_id}, {"v", d.item_version}, {"s", d.section}, {"p", d.points}, {"o", d.option_order}});
  }
  return arr.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<std::vector<delivery::DeliveredItem>> DecodeItems(const std::string& text) {
  std::vector<delivery::DeliveredItem> out;
  try {
    for (const auto& j : Json::parse(text)) {
      delivery::DeliveredItem d;
      d.item_id = j.at("id").get<std::string>();
      d.item_version = j.at("v").get<int>();
      d.section = j.value("s", "");
      d.points = j.value("p", 0.0);
      d.option_order = j.value("o", std::vector<std::string>{});
      out.push_back(std::move(d));
    }
  } catch (const std::exception& e) {
    return DataLoss("attempt.corrupt", std::string("stored attempt items do not parse: ") + e.what(),
                    "考试题目数据损坏");
  }
  return out;
}

std::vector<std::string> SplitStrings(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t comma = s.find(',', pos);
    if (comma == std::string::npos) comma = s.size();
    if (comma > pos) out.push_back(s.substr(pos, comma - pos));
    pos = comma + 1;
  }
  return out;
}

// ---- row readers -----------------------------------------------------------------------------

// With the delivered items (GetAttempt) …
constexpr const char* kAttemptSelect =
    "SELECT a.id, a.registration_id, a.plan_id, a.session_id, a.user_id, a.paper_id, a.seed, "
    "coalesce(i.items, '[]'), "
    "a.status, a.admitted, a.started_ms, a.duration_ms, a.extension_ms, a.paused_total_ms, "
    "a.paused_since_ms, "
    "a.submitted_ms, a.submit_kind, a.created_ms FROM attempts a LEFT JOIN attempt_items i ON i.attempt_id = "
    "a.id ";
// … and without them (lists).
constexpr const char* kAttemptSummarySelect =
    "SELECT a.id, a.registration_id, a.plan_id, a.session_id, a.user_id, a.paper_id, a.seed, '[]', "
    "a.status, a.admitted, a.started_ms, a.duration_ms, a.extension_ms, a.paused_total_ms, "
    "a.paused_since_ms, "
    "a.submitted_ms, a.submit_kind, a.created_ms FROM attempts a ";

void ReadState(const Statement& st, int first, delivery::AttemptState& s) {
  // Columns: status, admitted, started_ms, duration_ms, extension_ms, paused_total_ms, paused_since_ms,
  // submitted_ms, submit_kind.
  s.status = delivery::ParseAttemptStatus(st.Text(first)).value_or(delivery::AttemptStatus::kReady);
  s.admitted = st.Int(first + 1) != 0;
  s.started_ms = st.Int(first + 2);
  s.duration_ms = st.Int(first + 3);
  s.extension_ms = st.Int(first + 4);
  s.paused_total_ms = st.Int(first + 5);
  s.paused_since_ms = st.Int(first + 6);
  s.submitted_ms = st.Int(first + 7);
  s.submit_kind = st.Text(first + 8);
}

Result<AttemptRecord> ReadAttempt(const Statement& st) {
  AttemptRecord a;
  a.id = st.Int(0);
  a.registration_id = st.Int(1);
  a.plan_id = st.Int(2);
  a.session_id = st.Int(3);
  a.user_id = st.Int(4);
  a.paper_id = st.Text(5);
  a.seed = I2U(st.Int(6));
  KP_ASSIGN_OR_RETURN(a.items, DecodeItems(st.Text(7)));
  ReadState(st, 8, a.state);
  a.created_ms = st.Int(17);
  return a;
}

constexpr const char* kRegistrationColumns =
    "id, plan_id, user_id, status, verdict, explanation, decided_by, decision_reason, decided_ms, "
    "coalesce(session_id, 0), seat, coalesce(ticket, ''), created_ms";

RegistrationRecord ReadRegistration(const Statement& st) {
  RegistrationRecord r;
  r.id = st.Int(0);
  r.plan_id = st.Int(1);
  r.user_id = st.Int(2);
  r.status = ParseRegistrationStatus(st.Text(3)).value_or(RegistrationStatus::kPending);
  r.verdict = st.Text(4);
  r.explanation = st.Text(5);
  r.decided_by = st.Int(6);
  r.decision_reason = st.Text(7);
  r.decided_ms = st.Int(8);
  r.session_id = st.Int(9);
  r.seat = static_cast<int>(st.Int(10));
  r.ticket = st.Text(11);
  r.created_ms = st.Int(12);
  return r;
}

Status AttemptNotFound(std::int64_t id) {
  return NotFound("attempt.not_found", "no attempt " + std::to_string(id),
                  "考试记录 " + std::to_string(id) + " 不存在");
}

Status UserNotFound(std::int64_t id) {
  return NotFound("user.not_found", "no user " + std::to_string(id),
                  "用户 " + std::to_string(id) + " 不存在");
}

Status UpdateState(Connection& c, std::int64_t attempt_id, const delivery::AttemptState& s) {
  KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("UPDATE attempts SET status = ?2, admitted = ?3, started_ms = "
                                              "?4, duration_ms = ?5, extension_ms = ?6, "
                                              "paused_total_ms = ?7, paused_since_ms = ?8, submitted_ms = "
                                              "?9, submit_kind = ?10, deadline_ms = ?11 WHERE id = ?1"));
  st.Bind(1, attempt_id)
      .Bind(2, delivery::AttemptStatusName(s.status))
      .Bind(3, s.admitted ? 1 : 0)
      .Bind(4, s.started_ms)
      .Bind(5, s.duration_ms)
      .Bind(6, s.extension_ms)
      .Bind(7, s.paused_total_ms)
      .Bind(8, s.paused_since_ms)
      .Bind(9, s.submitted_ms)
      .Bind(10, s.submit_kind)
      .Bind(11, delivery::StoredDeadlineMs(s));
  return st.Run();
}

Status CheckRoles(const std::vector<std::string>& roles) {
  for (const auto& r : roles) {
    if (!delivery::IsKnownRole(r))
      return InvalidArgument("user.bad_role", "unknown role '" + r + "'", "未知的角色“" + r + "”");
  }
  return Status();
}

Result<bool> UserExists(Connection& c, std::int64_t id) {
  KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT 1 FROM users WHERE id = ?1"));
  st.Bind(1, id);
  return st.Step();
}

Result<SessionRecord> LoadSession(Connection& c, std::int64_t id) {
  SessionRecord s;
  {
    KP_ASSIGN_OR_RETURN(Statement st,
                        c.Prepare("SELECT id, plan_id, room_code, room_name, capacity, starts_ms, "
                                  "(SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND "
                                  "r.seat > 0) FROM exam_sessions s WHERE id = ?1"));
    st.Bind(1, id);
    KP_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row)
      return NotFound("session.not_found", "no session " + std::to_string(id),
                      "考场 " + std::to_string(id) + " 不存在");
    s.id = st.Int(0);
    s.plan_id = st.Int(1);
    s.room_code = st.Text(2);
    s.room_name = st.Text(3);
    s.capacity = static_cast<int>(st.Int(4));
    s.starts_ms = st.Int(5);
    s.seats_taken = static_cast<int>(st.Int(6));
  }
  KP_ASSIGN_OR_RETURN(
      Statement staff,
      c.Prepare("SELECT user_id, role FROM session_staff WHERE session_id = ?1 ORDER BY role, user_id"));
  staff.Bind(1, id);
  for (;;) {
    KP_ASSIGN_OR_RETURN(bool row, staff.Step());
    if (!row) break;
    (staff.Text(1) == "proctor" ? s.proctors : s.examiners).push_back(staff.Int(0));
  }
  return s;
}

Result<PlanRecord> LoadPlan(Connection& c, std::int64_t id) {
  PlanRecord p;
  {
    KP_ASSIGN_OR_RETURN(Statement st,
                        c.Prepare("SELECT id, title, standard, direction, level, kind, duration_minutes, "
                                  "entry_window_minutes, require_admission, "
                                  "paper_id, seed, created_by, created_ms FROM exam_plans WHERE id = ?1"));
    st.Bind(1, id);
    KP_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row)
      return NotFound("plan.not_found", "no exam plan " + std::to_string(id),
                      "考试计划 " + std::to_string(id) + " 不存在");
    p.id = st.Int(0);
    p.title = st.Text(1);
    p.standard = st.Text(2);
    p.direction = st.Text(3);
    p.level = st.Text(4);
    p.kind = st.Text(5);
    p.duration_minutes = static_cast<int>(st.Int(6));
    p.entry_window_minutes = static_cast<int>(st.Int(7));
    p.require_admission = st.Int(8) != 0;
    p.paper_id = st.Text(9);
    p.seed = I2U(st.Int(10));
    p.created_by = st.Int(11);
    p.created_ms = st.Int(12);
  }
  std::vector<std::int64_t> ids;
  {
    KP_ASSIGN_OR_RETURN(Statement st,
                        c.Prepare("SELECT id FROM exam_sessions WHERE plan_id = ?1 ORDER BY room_code"));
    st.Bind(1, id);
    for (;;) {
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      ids.push_back(st.Int(0));
    }
  }
  for (auto sid : ids) {
    KP_ASSIGN_OR_RETURN(SessionRecord s, LoadSession(c, sid));
    p.sessions.push_back(std::move(s));
  }
  return p;
}

Result<RegistrationRecord> LoadRegistration(Connection& c, std::int64_t id) {
  KP_ASSIGN_OR_RETURN(Statement st, c.Prepare(std::string("SELECT ") + kRegistrationColumns +
                                              " FROM registrations WHERE id = ?1"));
  st.Bind(1, id);
  KP_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) {
    return NotFound("registration.not_found", "no registration " + std::to_string(id),
                    "报名记录 " + std::to_string(id) + " 不存在");
  }
  return ReadRegistration(st);
}

// Gives an approved registration the first free seat of its plan (rooms in code order).
Status AssignSeat(Connection& c, RegistrationRecord& r) {
  if (r.session_id != 0 && r.seat > 0) return Status();
  struct Room {
    std::int64_t id;
    std::string code;
    int capacity;
    int taken;
  };
  std::vector<Room> rooms;
  {
    KP_ASSIGN_OR_RETURN(
        Statement st,
        c.Prepare("SELECT s.id, s.room_code, s.capacity, "
                  "(SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.seat > 0) "
                  "FROM exam_sessions s WHERE s.plan_id = ?1 ORDER BY s.room_code"));
    st.Bind(1, r.plan_id);
    for (;;) {
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      rooms.push_back(Room{st.Int(0), st.Text(1), static_cast<int>(st.Int(2)), static_cast<int>(st.Int(3))});
    }
  }
  for (const Room& room : rooms) {
    if (room.taken >= room.capacity) continue;
    int seat = 1;
    KP_ASSIGN_OR_RETURN(
        Statement seats,
        c.Prepare("SELECT seat FROM registrations WHERE session_id = ?1 AND seat > 0 ORDER BY seat"));
    seats.Bind(1, room.id);
    for (;;) {
      KP_ASSIGN_OR_RETURN(bool row, seats.Step());
      if (!row || seats.Int(0) != seat) break;
      ++seat;
    }
    r.session_id = room.id;
    r.seat = seat;
    r.ticket = delivery::TicketNumber(r.plan_id, room.code, seat);
    KP_ASSIGN_OR_RETURN(
        Statement upd,
        c.Prepare("UPDATE registrations SET session_id = ?2, seat = ?3, ticket = ?4 WHERE id = ?1"));
    upd.Bind(1, r.id).Bind(2, r.session_id).Bind(3, r.seat).Bind(4, r.ticket);
    return upd.Run();
  }
  return FailedPrecondition("plan.full", "every seat of this exam plan is taken", "该考试计划的座位已满");
}

// Prepared statements kept per connection for the hot paths (saves, session and attempt
// lookups): preparing costs more than running these small statements. A statement is used only
// while its connection is held (inside Database::Write/Read), and is reset before every use.
class StatementCache {
 public:
  Result<Statement*> Get(Connection& c, const char* sql) {
    std::lock_guard<std::mutex> lock(mu_);
    auto key = std::make_pair(&c, sql);
    auto it = map_.find(key);
    if (it == map_.end()) {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare(sql));
      it = map_.emplace(key, std::make_unique<Statement>(std::move(st))).first;
    }
    it->second->Reset();
    return it->second.get();
  }

 private:
  std::mutex mu_;
  std::map<std::pair<Connection*, const char*>, std::unique_ptr<Statement>> map_;
};

// Resets a cached statement when the scope ends, so no read snapshot stays open.
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement* st) : st_(st) {}
  ~ResetOnExit() { st_->Reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Statement* st_;
};

constexpr const char* kSqlLoadAttemptState =
    "SELECT user_id, status, admitted, started_ms, duration_ms, extension_ms, paused_total_ms, "
    "paused_since_ms, "
    "submitted_ms, submit_kind FROM attempts WHERE id = ?1";
// The stored response is compared in SQL: only "same or not" is needed (repeat vs conflict).
constexpr const char* kSqlLoadAnswer =
    "SELECT sequence, response = ?3, saved_ms, flagged, flag_sequence FROM answers WHERE attempt_id = ?1 AND "
    "item_id = ?2";
constexpr const char* kSqlUpsertAnswer =
    "INSERT INTO answers(attempt_id, item_id, sequence, response, saved_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(attempt_id, item_id) DO UPDATE SET sequence = excluded.sequence, response = "
    "excluded.response, "
    "saved_ms = excluded.saved_ms";
constexpr const char* kSqlUpsertFlag =
    "INSERT INTO answers(attempt_id, item_id, sequence, response, saved_ms, flagged, flag_sequence) "
    "VALUES (?1, ?2, 0, '', 0, ?3, ?4) "
    "ON CONFLICT(attempt_id, item_id) DO UPDATE SET flagged = excluded.flagged, flag_sequence = "
    "excluded.flag_sequence";
constexpr const char* kSqlUpdateState =
    "UPDATE attempts SET status = ?2, admitted = ?3, started_ms = ?4, duration_ms = ?5, extension_ms = ?6, "
    "paused_total_ms = ?7, paused_since_ms = ?8, submitted_ms = ?9, submit_kind = ?10, deadline_ms = ?11 "
    "WHERE id = ?1";

// Applies the attempt ops of one group commit on the writer connection, inside its transaction.
// Statements are prepared once per batch; attempt rows are read once and kept as modified.
class BatchApplier {
 public:
  BatchApplier(Connection& c, StatementCache& cache) : c_(c), cache_(cache) {}

  Status Prepare() {
    KP_ASSIGN_OR_RETURN(load_attempt_, cache_.Get(c_, kSqlLoadAttemptState));
    KP_ASSIGN_OR_RETURN(load_answer_, cache_.Get(c_, kSqlLoadAnswer));
    KP_ASSIGN_OR_RETURN(upsert_answer_, cache_.Get(c_, kSqlUpsertAnswer));
    KP_ASSIGN_OR_RETURN(upsert_flag_, cache_.Get(c_, kSqlUpsertFlag));
    KP_ASSIGN_OR_RETURN(update_state_, cache_.Get(c_, kSqlUpdateState));
    return Status();
  }

  Status Apply(const AttemptOp& op, AttemptOpResult& res) {
    KP_ASSIGN_OR_RETURN(Row * att, Load(op));
    res.state = att->state;
    switch (op.kind) {
      case AttemptOp::Kind::kSave:
      case AttemptOp::Kind::kFlag:
        return SaveOrFlag(op, *att, res);
      case AttemptOp::Kind::kStart: {
        KP_ASSIGN_OR_RETURN(delivery::AttemptState next, delivery::Start(att->state, op.window, op.now_ms));
        if (next.status != att->state.status) {
          KP_RETURN_IF_ERROR(WriteState(op.attempt_id, next));
          res.applied = true;
        }
        att->state = next;
        res.state = std::move(next);
        return Status();
      }
      case AttemptOp::Kind::kSubmit: {
        KP_ASSIGN_OR_RETURN(delivery::AttemptState next,
                            delivery::Submit(att->state, op.submit_kind, op.now_ms, op.grace_ms));
        if (att->state.status != delivery::AttemptStatus::kSubmitted) {
          KP_RETURN_IF_ERROR(WriteState(op.attempt_id, next));
          if (op.audit) {
            AuditEntry a = *op.audit;
            a.object = "attempt:" + std::to_string(op.attempt_id);
            a.detail = "{\"kind\":\"" + next.submit_kind +
                       "\",\"submitted_ms\":" + std::to_string(next.submitted_ms) + "}";
            KP_RETURN_IF_ERROR(AppendAuditIn(c_, a));
          }
          res.applied = true;
        }
        att->state = next;
        res.state = std::move(next);
        return Status();
      }
    }
    return Internal("attempt.bad_op", "unknown attempt operation");
  }

 private:
  struct Row {
    std::int64_t user_id = 0;
    delivery::AttemptState state;
  };

  Result<Row*> Load(const AttemptOp& op) {
    auto it = rows_.find(op.attempt_id);
    if (it == rows_.end()) {
      Statement& st = *load_attempt_;
      st.Reset();
      st.Bind(1, op.attempt_id);
      KP_ASSIGN_OR_RETURN(bool found, st.Step());
      if (!found) {
        st.Reset();
        return AttemptNotFound(op.attempt_id);
      }
      Row row;
      row.user_id = st.Int(0);
      ReadState(st, 1, row.state);
      st.Reset();
      it = rows_.emplace(op.attempt_id, std::move(row)).first;
    }
    if (op.user_id != 0 && it->second.user_id != op.user_id) return AttemptNotFound(op.attempt_id);
    return &it->second;
  }

  Status SaveOrFlag(const AttemptOp& op, const Row& att, AttemptOpResult& res) {
    KP_RETURN_IF_ERROR(delivery::CheckSequence(op.sequence));
    KP_RETURN_IF_ERROR(delivery::CheckCanSave(att.state, op.now_ms, op.grace_ms));
    Statement& la = *load_answer_;
    la.Reset();
    la.Bind(1, op.attempt_id)
        .Bind(2, op.item_id)
        .Bind(3, op.kind == AttemptOp::Kind::kSave ? op.response : std::string());
    KP_ASSIGN_OR_RETURN(bool has, la.Step());
    AnswerRecord& cur = res.answer;
    cur.attempt_id = op.attempt_id;
    cur.item_id = op.item_id;
    bool same_response = false;
    if (has) {
      cur.sequence = la.Int(0);
      same_response = la.Int(1) != 0;
      cur.saved_ms = la.Int(2);
      cur.flagged = la.Int(3) != 0;
      cur.flag_sequence = la.Int(4);
    }
    la.Reset();
    if (op.kind == AttemptOp::Kind::kSave) {
      auto d =
          delivery::DecideSave(cur.sequence > 0 ? std::optional<std::int64_t>(cur.sequence) : std::nullopt,
                               same_response, op.sequence);
      if (d == delivery::SaveDecision::kConflict) {
        return Aborted(
            "answer.sequence_conflict",
            "sequence " + std::to_string(op.sequence) + " was already saved with a different answer",
            "该序号已保存过不同的答案，请使用新的序号");
      }
      if (d == delivery::SaveDecision::kApply) {
        Statement& up = *upsert_answer_;
        up.Reset();
        up.Bind(1, op.attempt_id)
            .Bind(2, op.item_id)
            .Bind(3, op.sequence)
            .Bind(4, op.response)
            .Bind(5, op.now_ms);
        KP_RETURN_IF_ERROR(up.Run());
        cur.sequence = op.sequence;
        cur.response = op.response;
        cur.saved_ms = op.now_ms;
        res.applied = true;
      }
      return Status();
    }
    if (op.sequence > cur.flag_sequence) {
      Statement& up = *upsert_flag_;
      up.Reset();
      up.Bind(1, op.attempt_id).Bind(2, op.item_id).Bind(3, op.flagged ? 1 : 0).Bind(4, op.sequence);
      KP_RETURN_IF_ERROR(up.Run());
      cur.flagged = op.flagged;
      cur.flag_sequence = op.sequence;
      res.applied = true;
    }
    return Status();
  }

  Status WriteState(std::int64_t id, const delivery::AttemptState& s) {
    Statement& st = *update_state_;
    st.Reset();
    st.Bind(1, id)
        .Bind(2, delivery::AttemptStatusName(s.status))
        .Bind(3, s.admitted ? 1 : 0)
        .Bind(4, s.started_ms)
        .Bind(5, s.duration_ms)
        .Bind(6, s.extension_ms)
        .Bind(7, s.paused_total_ms)
        .Bind(8, s.paused_since_ms)
        .Bind(9, s.submitted_ms)
        .Bind(10, s.submit_kind)
        .Bind(11, delivery::StoredDeadlineMs(s));
    return st.Run();
  }

  Connection& c_;
  StatementCache& cache_;
  Statement* load_attempt_ = nullptr;
  Statement* load_answer_ = nullptr;
  Statement* upsert_answer_ = nullptr;
  Statement* upsert_flag_ = nullptr;
  Statement* update_state_ = nullptr;
  std::unordered_map<std::int64_t, Row> rows_;  // attempt rows as modified so far in this transaction
};

class SqliteDeliveryStore final : public DeliveryStore {
 public:
  SqliteDeliveryStore(std::shared_ptr<sqlite::Database> db, SqliteDeliveryOptions options)
      : db_(std::move(db)), options_(options) {}

  ~SqliteDeliveryStore() override {
    {
      std::lock_guard<std::mutex> lock(checkpoint_mu_);
      stopping_ = true;
    }
    checkpoint_cv_.notify_all();
    if (checkpointer_.joinable()) checkpointer_.join();
  }

  Status Init() {
    KP_RETURN_IF_ERROR(db_->ApplyMigrations("delivery", Migrations()));
    // The writer connection touches the attempts and answers of every running exam: give it a
    // page cache that holds them (64 MiB; SQLite's default is 2 MiB), so a save does not re-read
    // B-tree pages from the file.
    KP_RETURN_IF_ERROR(db_->Write([](Connection& c) { return c.Exec("PRAGMA cache_size = -65536"); }));
    if (options_.background_checkpoint) {
      // Checkpoints leave the commit path: the writer only checkpoints itself past a large WAL
      // (a safety net), and a background thread runs PASSIVE checkpoints, which never block
      // the writer, on a reader connection.
      std::string pragma =
          "PRAGMA wal_autocheckpoint = " + std::to_string(options_.writer_autocheckpoint_pages);
      KP_RETURN_IF_ERROR(db_->Write([&](Connection& c) { return c.Exec(pragma); }));
      checkpointer_ = std::thread([this] { CheckpointLoop(); });
    }
    return Status();
  }

  // ---- auth sessions ------------------------------------------------------------------------------

  Status CreateAuthSession(const AuthSessionRecord& s) override {
    return db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st,
                          c.Prepare("INSERT INTO auth_sessions(token_digest, user_id, kind, csrf_digest, "
                                    "created_ms, expires_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
      st.Bind(1, s.token_digest)
          .Bind(2, s.user_id)
          .Bind(3, s.kind)
          .Bind(4, s.csrf_digest)
          .Bind(5, s.created_ms)
          .Bind(6, s.expires_ms);
      Status r = st.Run();
      if (r.code() == StatusCode::kFailedPrecondition) return UserNotFound(s.user_id);
      return r;
    });
  }

  Result<AuthSessionRecord> FindAuthSession(const std::string& digest) override {
    AuthSessionRecord out;
    bool found = false;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement * st,
                          statements_.Get(c,
                                          "SELECT token_digest, user_id, kind, csrf_digest, created_ms, "
                                          "expires_ms FROM auth_sessions WHERE token_digest = ?1"));
      ResetOnExit reset(st);
      st->Bind(1, digest);
      KP_ASSIGN_OR_RETURN(found, st->Step());
      if (found)
        out = AuthSessionRecord{st->Text(0), st->Int(1), st->Text(2), st->Text(3), st->Int(4), st->Int(5)};
      return Status();
    });
    if (!s.ok()) return s;
    if (!found) return NotFound("auth_session.not_found", "no such session", "登录会话不存在或已失效");
    return out;
  }

  Result<SessionUser> FindSessionUser(const std::string& digest) override {
    SessionUser out;
    bool found = false;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement * st,
          statements_.Get(c,
                          "SELECT s.token_digest, s.user_id, s.kind, s.csrf_digest, s.created_ms, "
                          "s.expires_ms, u.login, u.display_name, "
                          "u.created_ms, u.must_change_password, "
                          "(SELECT group_concat(role, ',') FROM (SELECT role FROM user_roles WHERE user_id = "
                          "u.id ORDER BY role)) "
                          "FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_digest = ?1"));
      ResetOnExit reset(st);
      st->Bind(1, digest);
      KP_ASSIGN_OR_RETURN(found, st->Step());
      if (!found) return Status();
      out.session =
          AuthSessionRecord{st->Text(0), st->Int(1), st->Text(2), st->Text(3), st->Int(4), st->Int(5)};
      out.user.id = UserId(st->Int(1));
      out.user.login = st->Text(6);
      out.user.display_name = st->Text(7);
      out.user.created_ms = st->Int(8);
      out.user.must_change_password = st->Int(9) != 0;
      out.user.roles = SplitStrings(st->Text(10));
      return Status();
    });
    if (!s.ok()) return s;
    if (!found) return NotFound("auth_session.not_found", "no such session", "登录会话不存在或已失效");
    return out;
  }

  Status DeleteAuthSession(const std::string& digest) override {
    return Exec1("DELETE FROM auth_sessions WHERE token_digest = ?1", digest);
  }

  Status DeleteUserAuthSessions(std::int64_t user_id) override {
    return db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("DELETE FROM auth_sessions WHERE user_id = ?1"));
      st.Bind(1, user_id);
      return st.Run();
    });
  }

  Result<std::int64_t> PurgeExpiredAuthSessions(std::int64_t now_ms) override {
    std::int64_t n = 0;
    Status s = db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("DELETE FROM auth_sessions WHERE expires_ms < ?1"));
      st.Bind(1, now_ms);
      KP_RETURN_IF_ERROR(st.Run());
      n = sqlite3_changes(c.raw());
      return Status();
    });
    if (!s.ok()) return s;
    return n;
  }

  // ---- throttling ----------------------------------------------------------------------------------

  Result<ThrottleRecord> GetThrottle(const std::string& key) override {
    ThrottleRecord r;
    r.key = key;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare("SELECT failures, last_failure_ms, blocked_until_ms FROM login_throttle WHERE key = ?1"));
      st.Bind(1, key);
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (row) {
        r.failures = static_cast<int>(st.Int(0));
        r.last_failure_ms = st.Int(1);
        r.blocked_until_ms = st.Int(2);
      }
      return Status();
    });
    if (!s.ok()) return s;
    return r;
  }

  Status PutThrottle(const ThrottleRecord& r) override {
    return db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st,
                          c.Prepare("INSERT INTO login_throttle(key, failures, last_failure_ms, "
                                    "blocked_until_ms) VALUES (?1, ?2, ?3, ?4) "
                                    "ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, "
                                    "last_failure_ms = excluded.last_failure_ms, "
                                    "blocked_until_ms = excluded.blocked_until_ms"));
      st.Bind(1, r.key).Bind(2, r.failures).Bind(3, r.last_failure_ms).Bind(4, r.blocked_until_ms);
      return st.Run();
    });
  }

  Status ClearThrottle(const std::string& key) override {
    return Exec1("DELETE FROM login_throttle WHERE key = ?1", key);
  }

  // ---- users ------------------------------------------------------------------------------------------

  Status SetUserRoles(std::int64_t user_id, const std::vector<std::string>& roles,
                      const AuditEntry& audit) override {
    return db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(bool exists, UserExists(c, user_id));
      if (!exists) return UserNotFound(user_id);
      KP_RETURN_IF_ERROR(CheckRoles(roles));
      KP_ASSIGN_OR_RETURN(Statement del, c.Prepare("DELETE FROM user_roles WHERE user_id = ?1"));
      del.Bind(1, user_id);
      KP_RETURN_IF_ERROR(del.Run());
      KP_ASSIGN_OR_RETURN(Statement ins,
                          c.Prepare("INSERT OR IGNORE INTO user_roles(user_id, role) VALUES (?1, ?2)"));
      for (const auto& r : roles) {
        ins.Reset();
        ins.Bind(1, user_id).Bind(2, r);
        if (!ins.Run().ok())
          return InvalidArgument("user.bad_role", "unknown role '" + r + "'", "未知的角色“" + r + "”");
      }
      return AppendAuditIn(c, audit);
    });
  }

  Status SetPasswordHash(std::int64_t user_id, const std::string& hash, bool must_change,
                         const AuditEntry& audit) override {
    return db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare("UPDATE users SET password_hash = ?2, must_change_password = ?3 WHERE id = ?1"));
      st.Bind(1, user_id).Bind(2, hash).Bind(3, must_change ? 1 : 0);
      KP_RETURN_IF_ERROR(st.Run());
      if (sqlite3_changes(c.raw()) == 0) return UserNotFound(user_id);
      return AppendAuditIn(c, audit);
    });
  }

  Result<std::vector<UserRecord>> ListUsers(const std::string& role, int limit,
                                            std::int64_t after_id) override {
    std::vector<UserRecord> out;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare(
              "SELECT u.id, u.login, u.display_name, u.password_hash, u.created_ms, u.must_change_password, "
              "(SELECT group_concat(role, ',') FROM (SELECT role FROM user_roles WHERE user_id = u.id ORDER "
              "BY role)) "
              "FROM users u WHERE (?1 = '' OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND "
              "r.role = ?1)) "
              "AND u.id > ?2 ORDER BY u.id LIMIT ?3"));
      st.Bind(1, role).Bind(2, after_id).Bind(3, limit);
      for (;;) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        UserRecord u;
        u.id = UserId(st.Int(0));
        u.login = st.Text(1);
        u.display_name = st.Text(2);
        u.password_hash = st.Text(3);
        u.created_ms = st.Int(4);
        u.must_change_password = st.Int(5) != 0;
        u.roles = SplitStrings(st.Text(6));
        out.push_back(std::move(u));
      }
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<UserRecord>> CreateUsers(const std::vector<NewUser>& users,
                                              const AuditEntry& audit) override {
    std::vector<UserRecord> out;
    Status s = db_->Write([&](Connection& c) -> Status {
      out.clear();
      KP_ASSIGN_OR_RETURN(Statement exists, c.Prepare("SELECT 1 FROM users WHERE login = ?1"));
      KP_ASSIGN_OR_RETURN(Statement ins,
                          c.Prepare("INSERT INTO users(login, display_name, password_hash, created_ms, "
                                    "must_change_password) VALUES (?1, ?2, ?3, ?4, ?5)"));
      KP_ASSIGN_OR_RETURN(Statement role,
                          c.Prepare("INSERT OR IGNORE INTO user_roles(user_id, role) VALUES (?1, ?2)"));
      for (const auto& u : users) {
        exists.Reset();
        exists.Bind(1, u.login);
        KP_ASSIGN_OR_RETURN(bool taken, exists.Step());
        exists.Reset();
        if (taken) {
          return AlreadyExists("user.exists", "a user with login '" + u.login + "' already exists",
                               "登录名“" + u.login + "”已被使用");
        }
        KP_RETURN_IF_ERROR(CheckRoles(u.roles));
        ins.Reset();
        ins.Bind(1, u.login)
            .Bind(2, u.display_name)
            .Bind(3, u.password_hash)
            .Bind(4, u.created_ms)
            .Bind(5, u.must_change_password ? 1 : 0);
        KP_RETURN_IF_ERROR(ins.Run());
        UserRecord rec;
        rec.id = UserId(c.LastInsertRowId());
        rec.login = u.login;
        rec.display_name = u.display_name;
        rec.password_hash = u.password_hash;
        rec.roles = u.roles;
        rec.created_ms = u.created_ms;
        rec.must_change_password = u.must_change_password;
        for (const auto& r : u.roles) {
          role.Reset();
          role.Bind(1, rec.id.value()).Bind(2, r);
          if (!role.Run().ok())
            return InvalidArgument("user.bad_role", "unknown role '" + r + "'", "未知的角色“" + r + "”");
        }
        out.push_back(std::move(rec));
      }
      return AppendAuditIn(c, audit);
    });
    if (!s.ok()) return s;
    return out;
  }

  // ---- profiles -----------------------------------------------------------------------------------------

  Status PutProfile(const ProfileRecord& p, const AuditEntry& audit) override {
    return db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(bool exists, UserExists(c, p.user_id));
      if (!exists) return UserNotFound(p.user_id);
      {
        KP_ASSIGN_OR_RETURN(
            Statement dup,
            c.Prepare("SELECT 1 FROM candidate_profiles WHERE id_number_hash = ?1 AND user_id <> ?2"));
        dup.Bind(1, p.id_number_hash).Bind(2, p.user_id);
        KP_ASSIGN_OR_RETURN(bool taken, dup.Step());
        if (taken) {
          return AlreadyExists("profile.id_number_taken",
                               "this ID number is already registered to another account",
                               "该身份证号码已被其他账号登记");
        }
      }
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare("INSERT INTO candidate_profiles(user_id, full_name, id_number_sealed, id_number_hash, "
                    "id_number_masked, facts, updated_ms) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(user_id) DO UPDATE SET full_name = "
                    "excluded.full_name, "
                    "id_number_sealed = excluded.id_number_sealed, id_number_hash = excluded.id_number_hash, "
                    "id_number_masked = excluded.id_number_masked, facts = excluded.facts, updated_ms = "
                    "excluded.updated_ms"));
      st.Bind(1, p.user_id)
          .Bind(2, p.full_name)
          .Bind(3, p.id_number_sealed)
          .Bind(4, p.id_number_hash)
          .Bind(5, p.id_number_masked)
          .Bind(6, EncodeCandidateFacts(p.facts))
          .Bind(7, p.updated_ms);
      KP_RETURN_IF_ERROR(st.Run());
      return AppendAuditIn(c, audit);
    });
  }

  Result<ProfileRecord> GetProfile(std::int64_t user_id) override {
    ProfileRecord p;
    bool found = false;
    std::string facts;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT user_id, full_name, id_number_sealed, "
                                                  "id_number_hash, id_number_masked, facts, updated_ms "
                                                  "FROM candidate_profiles WHERE user_id = ?1"));
      st.Bind(1, user_id);
      KP_ASSIGN_OR_RETURN(found, st.Step());
      if (!found) return Status();
      p.user_id = st.Int(0);
      p.full_name = st.Text(1);
      p.id_number_sealed = st.Text(2);
      p.id_number_hash = st.Text(3);
      p.id_number_masked = st.Text(4);
      facts = st.Text(5);
      p.updated_ms = st.Int(6);
      return Status();
    });
    if (!s.ok()) return s;
    if (!found)
      return NotFound("profile.not_found", "the candidate has no profile yet", "考生尚未填写个人资料");
    KP_ASSIGN_OR_RETURN(p.facts, DecodeCandidateFacts(facts));
    return p;
  }

  // ---- plans
  // -----------------------------------------------------------------------------------------------

  Result<PlanRecord> CreatePlan(const PlanRecord& plan, const AuditEntry& audit) override {
    std::int64_t id = 0;
    Status s = db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st,
                          c.Prepare("INSERT INTO exam_plans(title, standard, direction, level, kind, "
                                    "duration_minutes, entry_window_minutes, "
                                    "require_admission, paper_id, seed, created_by, created_ms) VALUES (?1, "
                                    "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
      st.Bind(1, plan.title)
          .Bind(2, plan.standard)
          .Bind(3, plan.direction)
          .Bind(4, plan.level)
          .Bind(5, plan.kind)
          .Bind(6, plan.duration_minutes)
          .Bind(7, plan.entry_window_minutes)
          .Bind(8, plan.require_admission ? 1 : 0)
          .Bind(9, plan.paper_id)
          .Bind(10, U2I(plan.seed))
          .Bind(11, plan.created_by)
          .Bind(12, plan.created_ms);
      KP_RETURN_IF_ERROR(st.Run());
      id = c.LastInsertRowId();
      KP_ASSIGN_OR_RETURN(Statement sess,
                          c.Prepare("INSERT INTO exam_sessions(plan_id, room_code, room_name, capacity, "
                                    "starts_ms) VALUES (?1, ?2, ?3, ?4, ?5)"));
      KP_ASSIGN_OR_RETURN(
          Statement staff,
          c.Prepare("INSERT INTO session_staff(session_id, user_id, role) VALUES (?1, ?2, ?3)"));
      for (const auto& room : plan.sessions) {
        sess.Reset();
        sess.Bind(1, id)
            .Bind(2, room.room_code)
            .Bind(3, room.room_name)
            .Bind(4, room.capacity)
            .Bind(5, room.starts_ms);
        KP_RETURN_IF_ERROR(sess.Run());
        std::int64_t sid = c.LastInsertRowId();
        auto add = [&](std::int64_t uid, const char* role) -> Status {
          KP_ASSIGN_OR_RETURN(bool exists, UserExists(c, uid));
          if (!exists) return UserNotFound(uid);
          staff.Reset();
          staff.Bind(1, sid).Bind(2, uid).Bind(3, role);
          return staff.Run();
        };
        for (auto u : room.proctors) KP_RETURN_IF_ERROR(add(u, "proctor"));
        for (auto u : room.examiners) KP_RETURN_IF_ERROR(add(u, "examiner"));
      }
      AuditEntry a = audit;
      if (a.object.empty()) a.object = "plan:" + std::to_string(id);
      return AppendAuditIn(c, a);
    });
    if (!s.ok()) return s;
    return GetPlan(id);
  }

  Result<PlanRecord> GetPlan(std::int64_t plan_id) override {
    PlanRecord p;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(p, LoadPlan(c, plan_id));
      return Status();
    });
    if (!s.ok()) return s;
    return p;
  }

  Result<std::vector<PlanRecord>> ListPlans(int limit, std::int64_t after_id) override {
    std::vector<PlanRecord> out;
    Status s = db_->Read([&](Connection& c) -> Status {
      std::vector<std::int64_t> ids;
      {
        KP_ASSIGN_OR_RETURN(Statement st,
                            c.Prepare("SELECT id FROM exam_plans WHERE id > ?1 ORDER BY id LIMIT ?2"));
        st.Bind(1, after_id).Bind(2, limit);
        for (;;) {
          KP_ASSIGN_OR_RETURN(bool row, st.Step());
          if (!row) break;
          ids.push_back(st.Int(0));
        }
      }
      for (auto id : ids) {
        KP_ASSIGN_OR_RETURN(PlanRecord p, LoadPlan(c, id));
        out.push_back(std::move(p));
      }
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

  Status SetPlanPaper(std::int64_t plan_id, const std::string& paper_id, const AuditEntry& audit) override {
    return db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(PlanRecord p, LoadPlan(c, plan_id));
      KP_ASSIGN_OR_RETURN(Statement used,
                          c.Prepare("SELECT 1 FROM attempts WHERE plan_id = ?1 AND paper_id <> ?2 LIMIT 1"));
      used.Bind(1, plan_id).Bind(2, paper_id);
      KP_ASSIGN_OR_RETURN(bool locked, used.Step());
      if (locked) {
        return FailedPrecondition("plan.paper_locked", "attempts were already prepared with another paper",
                                  "已按原试卷生成考生作答记录，不能更换试卷");
      }
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("UPDATE exam_plans SET paper_id = ?2 WHERE id = ?1"));
      st.Bind(1, plan_id).Bind(2, paper_id);
      KP_RETURN_IF_ERROR(st.Run());
      return AppendAuditIn(c, audit);
    });
  }

  Result<SessionRecord> GetSession(std::int64_t session_id) override {
    SessionRecord out;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(out, LoadSession(c, session_id));
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<SessionRecord>> ListStaffSessions(std::int64_t user_id) override {
    std::vector<SessionRecord> out;
    Status s = db_->Read([&](Connection& c) -> Status {
      std::vector<std::int64_t> ids;
      {
        KP_ASSIGN_OR_RETURN(
            Statement st,
            c.Prepare(
                "SELECT DISTINCT session_id FROM session_staff WHERE user_id = ?1 ORDER BY session_id"));
        st.Bind(1, user_id);
        for (;;) {
          KP_ASSIGN_OR_RETURN(bool row, st.Step());
          if (!row) break;
          ids.push_back(st.Int(0));
        }
      }
      for (auto id : ids) {
        KP_ASSIGN_OR_RETURN(SessionRecord sr, LoadSession(c, id));
        out.push_back(std::move(sr));
      }
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

  // ---- registrations -------------------------------------------------------------------------------------

  Result<RegistrationRecord> CreateRegistration(const RegistrationRecord& in,
                                                const AuditEntry& audit) override {
    RegistrationRecord r = in;
    Status s = db_->Write([&](Connection& c) -> Status {
      r = in;
      {
        KP_ASSIGN_OR_RETURN(Statement plan, c.Prepare("SELECT 1 FROM exam_plans WHERE id = ?1"));
        plan.Bind(1, r.plan_id);
        KP_ASSIGN_OR_RETURN(bool row, plan.Step());
        if (!row)
          return NotFound("plan.not_found", "no exam plan " + std::to_string(r.plan_id), "考试计划不存在");
      }
      {
        KP_ASSIGN_OR_RETURN(Statement dup,
                            c.Prepare("SELECT id FROM registrations WHERE plan_id = ?1 AND user_id = ?2"));
        dup.Bind(1, r.plan_id).Bind(2, r.user_id);
        KP_ASSIGN_OR_RETURN(bool row, dup.Step());
        if (row) {
          return AlreadyExists(
              "registration.exists",
              "already registered for this exam plan (registration " + std::to_string(dup.Int(0)) + ")",
              "已报名该考试计划，请勿重复报名");
        }
      }
      KP_ASSIGN_OR_RETURN(Statement st,
                          c.Prepare("INSERT INTO registrations(plan_id, user_id, status, verdict, "
                                    "explanation, decided_by, decision_reason, decided_ms, "
                                    "created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
      st.Bind(1, r.plan_id)
          .Bind(2, r.user_id)
          .Bind(3, RegistrationStatusName(r.status))
          .Bind(4, r.verdict)
          .Bind(5, r.explanation)
          .Bind(6, r.decided_by)
          .Bind(7, r.decision_reason)
          .Bind(8, r.decided_ms)
          .Bind(9, r.created_ms);
      Status ins = st.Run();
      if (ins.code() == StatusCode::kFailedPrecondition) return UserNotFound(r.user_id);
      KP_RETURN_IF_ERROR(ins);
      r.id = c.LastInsertRowId();
      r.session_id = 0;
      r.seat = 0;
      r.ticket.clear();
      if (r.status == RegistrationStatus::kApproved) KP_RETURN_IF_ERROR(AssignSeat(c, r));
      AuditEntry a = audit;
      if (a.object.empty()) a.object = "registration:" + std::to_string(r.id);
      return AppendAuditIn(c, a);
    });
    if (!s.ok()) return s;
    return r;
  }

  Result<RegistrationRecord> GetRegistration(std::int64_t id) override {
    RegistrationRecord out;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(out, LoadRegistration(c, id));
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<RegistrationRecord>> ListRegistrations(const RegistrationFilter& f) override {
    std::vector<RegistrationRecord> out;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare(std::string("SELECT ") + kRegistrationColumns +
                                                  " FROM registrations WHERE (?1 = 0 OR plan_id = ?1) AND "
                                                  "(?2 = 0 OR user_id = ?2) AND (?3 = 0 OR session_id = ?3) "
                                                  "AND id > ?4 ORDER BY id LIMIT ?5"));
      st.Bind(1, f.plan_id).Bind(2, f.user_id).Bind(3, f.session_id).Bind(4, f.after_id).Bind(5, f.limit);
      for (;;) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        out.push_back(ReadRegistration(st));
      }
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<RegistrationRecord> DecideRegistration(std::int64_t id, RegistrationStatus status,
                                                std::int64_t decided_by, const std::string& reason,
                                                std::int64_t decided_ms, const AuditEntry& audit) override {
    RegistrationRecord r;
    Status s = db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(r, LoadRegistration(c, id));
      if (status != RegistrationStatus::kApproved && r.status == RegistrationStatus::kApproved) {
        KP_ASSIGN_OR_RETURN(Statement att, c.Prepare("SELECT 1 FROM attempts WHERE registration_id = ?1"));
        att.Bind(1, id);
        KP_ASSIGN_OR_RETURN(bool has, att.Step());
        if (has) {
          return FailedPrecondition("registration.attempt_exists",
                                    "the candidate already has an exam attempt; void the attempt instead",
                                    "考生已有作答记录，不能撤销报名；如需处理请由监考员作废该场考试");
        }
      }
      r.status = status;
      r.decided_by = decided_by;
      r.decision_reason = reason;
      r.decided_ms = decided_ms;
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("UPDATE registrations SET status = ?2, decided_by = ?3, "
                                                  "decision_reason = ?4, decided_ms = ?5 WHERE id = ?1"));
      st.Bind(1, id)
          .Bind(2, RegistrationStatusName(status))
          .Bind(3, decided_by)
          .Bind(4, reason)
          .Bind(5, decided_ms);
      KP_RETURN_IF_ERROR(st.Run());
      if (status == RegistrationStatus::kApproved) {
        KP_RETURN_IF_ERROR(AssignSeat(c, r));
      } else if (r.seat > 0) {
        KP_ASSIGN_OR_RETURN(
            Statement free,
            c.Prepare("UPDATE registrations SET session_id = NULL, seat = 0, ticket = NULL WHERE id = ?1"));
        free.Bind(1, id);
        KP_RETURN_IF_ERROR(free.Run());
        r.session_id = 0;
        r.seat = 0;
        r.ticket.clear();
      }
      return AppendAuditIn(c, audit);
    });
    if (!s.ok()) return s;
    return r;
  }

  Status SetRegistrationVerdict(std::int64_t id, const std::string& verdict, const std::string& explanation,
                                const AuditEntry& audit) override {
    return db_->Write([&](Connection& c) -> Status {
      KP_RETURN_IF_ERROR(LoadRegistration(c, id).status());  // NOT_FOUND when absent
      KP_ASSIGN_OR_RETURN(Statement st,
                          c.Prepare("UPDATE registrations SET verdict = ?2, explanation = ?3 WHERE id = ?1"));
      st.Bind(1, id).Bind(2, verdict).Bind(3, explanation);
      KP_RETURN_IF_ERROR(st.Run());
      return AppendAuditIn(c, audit);
    });
  }

  // ---- attempts
  // --------------------------------------------------------------------------------------------

  Result<std::vector<AttemptRecord>> CreateAttempts(const std::vector<AttemptRecord>& attempts) override {
    std::vector<AttemptRecord> out;
    Status s = db_->Write([&](Connection& c) -> Status {
      out.clear();
      KP_ASSIGN_OR_RETURN(Statement exists, c.Prepare("SELECT 1 FROM attempts WHERE registration_id = ?1"));
      KP_ASSIGN_OR_RETURN(Statement ins, c.Prepare("INSERT INTO attempts(registration_id, plan_id, "
                                                   "session_id, user_id, paper_id, seed, status, admitted, "
                                                   "started_ms, duration_ms, extension_ms, paused_total_ms, "
                                                   "paused_since_ms, submitted_ms, submit_kind, deadline_ms, "
                                                   "created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?9, ?10, "
                                                   "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"));
      KP_ASSIGN_OR_RETURN(Statement ins_items,
                          c.Prepare("INSERT INTO attempt_items(attempt_id, items) VALUES (?1, ?2)"));
      for (const auto& a : attempts) {
        exists.Reset();
        exists.Bind(1, a.registration_id);
        KP_ASSIGN_OR_RETURN(bool has, exists.Step());
        exists.Reset();
        if (has) continue;
        const auto& st = a.state;
        ins.Reset();
        ins.Bind(1, a.registration_id)
            .Bind(2, a.plan_id)
            .Bind(3, a.session_id)
            .Bind(4, a.user_id)
            .Bind(5, a.paper_id)
            .Bind(6, U2I(a.seed))
            .Bind(8, delivery::AttemptStatusName(st.status))
            .Bind(9, st.admitted ? 1 : 0)
            .Bind(10, st.started_ms)
            .Bind(11, st.duration_ms)
            .Bind(12, st.extension_ms)
            .Bind(13, st.paused_total_ms)
            .Bind(14, st.paused_since_ms)
            .Bind(15, st.submitted_ms)
            .Bind(16, st.submit_kind)
            .Bind(17, delivery::StoredDeadlineMs(st))
            .Bind(18, a.created_ms);
        Status r = ins.Run();
        if (r.code() == StatusCode::kFailedPrecondition) {
          return NotFound("registration.not_found",
                          "attempt refers to an unknown registration, plan, session or user",
                          "作答记录引用的报名、计划、考场或用户不存在");
        }
        KP_RETURN_IF_ERROR(r);
        AttemptRecord rec = a;
        rec.id = c.LastInsertRowId();
        ins_items.Reset();
        ins_items.Bind(1, rec.id).Bind(2, EncodeItems(a.items));
        KP_RETURN_IF_ERROR(ins_items.Run());
        out.push_back(std::move(rec));
      }
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<AttemptRecord> GetAttempt(std::int64_t id) override {
    AttemptRecord out;
    bool found = false;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare(std::string(kAttemptSelect) + "WHERE a.id = ?1"));
      st.Bind(1, id);
      KP_ASSIGN_OR_RETURN(found, st.Step());
      if (found) {
        KP_ASSIGN_OR_RETURN(out, ReadAttempt(st));
      }
      return Status();
    });
    if (!s.ok()) return s;
    if (!found) return AttemptNotFound(id);
    return out;
  }

  Result<AttemptRecord> GetAttemptSummary(std::int64_t id) override {
    AttemptRecord a;
    bool found = false;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement * st,
                          statements_.Get(c,
                                          "SELECT id, registration_id, plan_id, session_id, user_id, "
                                          "paper_id, seed, status, admitted, started_ms, "
                                          "duration_ms, extension_ms, paused_total_ms, paused_since_ms, "
                                          "submitted_ms, submit_kind, created_ms "
                                          "FROM attempts WHERE id = ?1"));
      ResetOnExit reset(st);
      st->Bind(1, id);
      KP_ASSIGN_OR_RETURN(found, st->Step());
      if (!found) return Status();
      a.id = st->Int(0);
      a.registration_id = st->Int(1);
      a.plan_id = st->Int(2);
      a.session_id = st->Int(3);
      a.user_id = st->Int(4);
      a.paper_id = st->Text(5);
      a.seed = I2U(st->Int(6));
      ReadState(*st, 7, a.state);
      a.created_ms = st->Int(16);
      return Status();
    });
    if (!s.ok()) return s;
    if (!found) return AttemptNotFound(id);
    return a;
  }

  Result<std::vector<AttemptRecord>> ListAttempts(const AttemptFilter& f) override {
    std::vector<AttemptRecord> out;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare(std::string(kAttemptSummarySelect) +
                                                  "WHERE (?1 = 0 OR a.plan_id = ?1) AND (?2 = 0 OR "
                                                  "a.session_id = ?2) AND (?3 = 0 OR a.user_id = ?3) "
                                                  "AND a.id > ?4 ORDER BY a.id LIMIT ?5"));
      st.Bind(1, f.plan_id).Bind(2, f.session_id).Bind(3, f.user_id).Bind(4, f.after_id).Bind(5, f.limit);
      for (;;) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        KP_ASSIGN_OR_RETURN(AttemptRecord a, ReadAttempt(st));
        out.push_back(std::move(a));
      }
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<AnswerRecord>> GetAnswers(std::int64_t attempt_id) override {
    std::vector<AnswerRecord> out;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare(
              "SELECT attempt_id, item_id, sequence, response, saved_ms, flagged, flag_sequence FROM answers "
              "WHERE attempt_id = ?1 ORDER BY item_id"));
      st.Bind(1, attempt_id);
      for (;;) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        out.push_back(
            AnswerRecord{st.Int(0), st.Text(1), st.Int(2), st.Text(3), st.Int(4), st.Int(5) != 0, st.Int(6)});
      }
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

  std::vector<AttemptOpResult> ApplyAttemptOps(const std::vector<AttemptOp>& ops) override {
    std::vector<AttemptOpResult> results(ops.size());
    if (ops.empty()) return results;
    // One transaction for the whole batch. Domain refusals (deadline passed, stale state, …) are
    // decided before anything is written, so they need no rollback; a submit writes several rows
    // and runs inside a savepoint. A store error (I/O, corruption) fails the whole batch: nothing
    // is acknowledged and the clients retry.
    Status commit = db_->Write([&](Connection& c) -> Status {
      BatchApplier batch(c, statements_);
      KP_RETURN_IF_ERROR(batch.Prepare());
      for (size_t i = 0; i < ops.size(); ++i) {
        const bool savepoint = ops[i].kind == AttemptOp::Kind::kSubmit;
        if (savepoint) KP_RETURN_IF_ERROR(c.Exec("SAVEPOINT kp_op"));
        Status st = batch.Apply(ops[i], results[i]);
        if (savepoint) {
          if (!st.ok()) KP_RETURN_IF_ERROR(c.Exec("ROLLBACK TO kp_op"));
          KP_RETURN_IF_ERROR(c.Exec("RELEASE kp_op"));
        }
        switch (st.code()) {
          case StatusCode::kUnavailable:
          case StatusCode::kDataLoss:
          case StatusCode::kInternal:
          case StatusCode::kUnknown:
          case StatusCode::kResourceExhausted:
            return st;
          default:
            results[i].status = std::move(st);
        }
      }
      return Status();
    });
    if (!commit.ok()) {
      for (auto& r : results) {
        r.status = commit;
        r.applied = false;
      }
    }
    return results;
  }

  Result<AttemptRecord> ApplyProctorAction(std::int64_t attempt_id, delivery::ProctorAction action,
                                           std::int64_t extension_ms, std::int64_t now_ms,
                                           std::int64_t grace_ms, const AttemptEventRecord& event,
                                           const AuditEntry& audit) override {
    Status s = db_->Write([&](Connection& c) -> Status {
      delivery::AttemptState state;
      {
        KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT status, admitted, started_ms, duration_ms, "
                                                    "extension_ms, paused_total_ms, paused_since_ms, "
                                                    "submitted_ms, submit_kind FROM attempts WHERE id = ?1"));
        st.Bind(1, attempt_id);
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) return AttemptNotFound(attempt_id);
        ReadState(st, 0, state);
      }
      KP_ASSIGN_OR_RETURN(delivery::AttemptState next,
                          delivery::ApplyProctorAction(state, action, extension_ms, now_ms, grace_ms));
      KP_RETURN_IF_ERROR(UpdateState(c, attempt_id, next));
      KP_ASSIGN_OR_RETURN(Statement ev, c.Prepare("INSERT INTO attempt_events(attempt_id, actor_id, action, "
                                                  "reason, detail, at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
      ev.Bind(1, attempt_id)
          .Bind(2, event.actor_id)
          .Bind(3, event.action)
          .Bind(4, event.reason)
          .Bind(5, event.detail)
          .Bind(6, event.at_ms);
      KP_RETURN_IF_ERROR(ev.Run());
      return AppendAuditIn(c, audit);
    });
    if (!s.ok()) return s;
    return GetAttempt(attempt_id);
  }

  Result<std::vector<AttemptEventRecord>> ListAttemptEvents(std::int64_t attempt_id) override {
    std::vector<AttemptEventRecord> out;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st,
                          c.Prepare("SELECT id, attempt_id, actor_id, action, reason, detail, at_ms FROM "
                                    "attempt_events WHERE attempt_id = ?1 ORDER BY id"));
      st.Bind(1, attempt_id);
      for (;;) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        out.push_back(AttemptEventRecord{st.Int(0), st.Int(1), st.Int(2), st.Text(3), st.Text(4), st.Text(5),
                                         st.Int(6)});
      }
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<std::int64_t>> ExpiredAttempts(std::int64_t now_ms, std::int64_t grace_ms,
                                                    int limit) override {
    std::vector<std::int64_t> out;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare(
              "SELECT id FROM attempts WHERE status = 'in_progress' AND deadline_ms > 0 AND deadline_ms < ?1 "
              "ORDER BY deadline_ms LIMIT ?2"));
      st.Bind(1, now_ms - grace_ms).Bind(2, limit);
      for (;;) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        out.push_back(st.Int(0));
      }
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

  // ---- audit
  // -------------------------------------------------------------------------------------------------

  Status AppendAudit(const AuditEntry& e) override {
    return db_->Write([&](Connection& c) { return AppendAuditIn(c, e); });
  }

  Result<std::vector<delivery::AuditRecord>> ReadAudit(std::int64_t after_seq, int limit) override {
    std::vector<delivery::AuditRecord> out;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT seq, at_ms, actor_id, actor_login, action, object, "
                                                  "detail, remote, prev_hash, hash FROM audit_log "
                                                  "WHERE seq > ?1 ORDER BY seq LIMIT ?2"));
      st.Bind(1, after_seq).Bind(2, limit);
      for (;;) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        delivery::AuditRecord r;
        r.seq = st.Int(0);
        r.at_ms = st.Int(1);
        r.actor_id = st.Int(2);
        r.actor_login = st.Text(3);
        r.action = st.Text(4);
        r.object = st.Text(5);
        r.detail = st.Text(6);
        r.remote = st.Text(7);
        r.prev_hash = st.Text(8);
        r.hash = st.Text(9);
        out.push_back(std::move(r));
      }
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<AuditHead> GetAuditHead() override {
    AuditHead h;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT seq, hash FROM audit_head WHERE id = 1"));
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) return DataLoss("audit.no_head", "the audit head row is missing", "审计日志头记录缺失");
      h.seq = st.Int(0);
      h.hash = st.Text(1);
      return Status();
    });
    if (!s.ok()) return s;
    return h;
  }

  // ---- demo credentials
  // ---------------------------------------------------------------------------------------

  Status PutDemoCredential(const DemoCredentialRecord& d) override {
    return db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare(
              "INSERT INTO demo_credentials(login, role, display_name, password_sealed) VALUES (?1, ?2, ?3, "
              "?4) "
              "ON CONFLICT(login) DO UPDATE SET role = excluded.role, display_name = excluded.display_name, "
              "password_sealed = excluded.password_sealed"));
      st.Bind(1, d.login).Bind(2, d.role).Bind(3, d.display_name).Bind(4, d.password_sealed);
      return st.Run();
    });
  }

  Result<std::vector<DemoCredentialRecord>> ListDemoCredentials() override {
    std::vector<DemoCredentialRecord> out;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare(
              "SELECT role, login, display_name, password_sealed FROM demo_credentials ORDER BY rowid"));
      for (;;) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        out.push_back(DemoCredentialRecord{st.Text(0), st.Text(1), st.Text(2), st.Text(3)});
      }
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

 private:
  Status Exec1(const char* sql, const std::string& arg) {
    return db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare(sql));
      st.Bind(1, arg);
      return st.Run();
    });
  }

  void CheckpointLoop() {
    std::unique_lock<std::mutex> lock(checkpoint_mu_);
    while (!stopping_) {
      checkpoint_cv_.wait_for(lock, options_.checkpoint_interval, [&] { return stopping_; });
      if (stopping_) break;
      lock.unlock();
      if (!db_->closed()) {
        db_->Read([](Connection& c) { return c.Exec("PRAGMA wal_checkpoint(PASSIVE)"); }).IgnoreError();
      }
      lock.lock();
    }
  }

  std::shared_ptr<sqlite::Database> db_;
  SqliteDeliveryOptions options_;
  StatementCache statements_;  // declared after db_: finalized before the database goes
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool stopping_ = false;
  std::thread checkpointer_;
};

}  // namespace

int SqliteDeliverySchemaVersion() {
  return static_cast<int>(Migrations().size());
}

Result<std::unique_ptr<DeliveryStore>> OpenSqliteDeliveryStore(std::shared_ptr<sqlite::Database> db,
                                                               const SqliteDeliveryOptions& options) {
  auto store = std::make_unique<SqliteDeliveryStore>(std::move(db), options);
  KP_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<DeliveryStore>(std::move(store));
}

}  // namespace kaoping::store
