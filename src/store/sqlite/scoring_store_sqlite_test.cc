#include "store/sqlite/scoring_store_sqlite.h"

#include <atomic>
#include <filesystem>

#include <unistd.h>

#include <gtest/gtest.h>

#include "store/scoring_store_contract_test.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::store {
namespace {

std::string FreshPath() {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("kaoping-scoring-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return (dir / "kaoping.db").string();
}

ScoringStores OpenAll(const std::string& path) {
  ScoringStores out;
  auto db = sqlite::Database::Open(path, 4);
  if (!db.ok()) {
    ADD_FAILURE() << db.status();
    return out;
  }
  auto sys = OpenSqliteStore(*db);
  auto del = sys.ok() ? OpenSqliteDeliveryStore(*db) : Result<std::unique_ptr<DeliveryStore>>(sys.status());
  auto sc = del.ok() ? OpenSqliteScoringStore(*db) : Result<std::unique_ptr<ScoringStore>>(del.status());
  if (!sc.ok()) {
    ADD_FAILURE() << sc.status();
    return out;
  }
  out.system = std::move(sys).value();
  out.delivery = std::move(del).value();
  out.scoring = std::move(sc).value();
  return out;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ScoringStoreContractTest,
                         ::testing::Values(ScoringStoreFactory{"sqlite",
                                                               [] { return OpenAll(FreshPath()); }}));

// Reopening the file keeps everything and does not re-run the migrations.
TEST(ScoringStoreSqlite, ReopenKeepsSchema) {
  std::string path = FreshPath();
  {
    auto s = OpenAll(path);
    ASSERT_NE(s.scoring, nullptr);
    s.system->Close();
  }
  auto s = OpenAll(path);
  ASSERT_NE(s.scoring, nullptr);
  EXPECT_EQ(s.scoring->GetSettings(1).status().reason(), "scoring.no_settings");
  s.system->Close();
}

// Migration 3 rebuilds the script, panel-event and subject-score tables (review scripts and
// scores have no attempt). A database written at version 2 keeps every row, the event ids and
// the panel's append-only rule, and new events continue after the old ones.
TEST(ScoringStoreSqlite, MigrationThreeKeepsVersionTwoRows) {
  std::string path = FreshPath();
  auto db = sqlite::Database::Open(path, 4);
  ASSERT_TRUE(db.ok()) << db.status();
  auto sys = OpenSqliteStore(*db);
  ASSERT_TRUE(sys.ok()) << sys.status();
  auto del = OpenSqliteDeliveryStore(*db);
  ASSERT_TRUE(del.ok()) << del.status();
  AuditEntry audit;
  audit.at_ms = 1;
  audit.actor_id = 1;
  audit.actor_login = "admin";
  audit.action = "setup";
  std::vector<std::int64_t> users;
  for (const char* login : {"cand-m", "exam-m"}) {
    NewUser u;
    u.login = login;
    u.display_name = login;
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    u.roles = {"candidate"};
    auto r = (*sys)->CreateUser(u);
    ASSERT_TRUE(r.ok()) << r.status();
    users.push_back(r->id.value());
  }
  PlanRecord p;
  p.title = "技能";
  p.standard = "llm-deploy-engineer";
  p.level = "mid";
  p.kind = "skill";
  p.duration_minutes = 60;
  SessionRecord session;
  session.room_code = "R1";
  session.room_name = "一";
  session.capacity = 5;
  p.sessions.push_back(session);
  auto plan = (*del)->CreatePlan(p, audit);
  ASSERT_TRUE(plan.ok()) << plan.status();
  RegistrationRecord reg;
  reg.plan_id = plan->id;
  reg.user_id = users[0];
  reg.status = RegistrationStatus::kApproved;
  reg.verdict = "eligible";
  reg.explanation = "{}";
  auto saved_reg = (*del)->CreateRegistration(reg, audit);
  ASSERT_TRUE(saved_reg.ok()) << saved_reg.status();
  AttemptRecord a;
  a.registration_id = saved_reg->id;
  a.plan_id = plan->id;
  a.session_id = saved_reg->session_id;
  a.user_id = users[0];
  a.paper_id = "paper-1";
  auto attempts = (*del)->CreateAttempts({a});
  ASSERT_TRUE(attempts.ok()) << attempts.status();
  const std::int64_t attempt = attempts->at(0).id;

  const auto& all = ScoringMigrations();
  ASSERT_GE(all.size(), 3u);
  ASSERT_TRUE((*db)->ApplyMigrations("scoring", {all[0], all[1]}).ok());
  const std::string ids = std::to_string(plan->id) + ", " + std::to_string(attempt);
  ASSERT_TRUE(
      (*db)
          ->Write([&](sqlite::Connection& c) -> Status {
            KP_RETURN_IF_ERROR(
                c.Exec("INSERT INTO scoring_scripts(code, seq, plan_id, attempt_id, session_id, item_id, "
                       "item_version, rubric_json, created_ms) VALUES ('S-OLD001', 1, " +
                       ids + ", 0, 'p1', 2, '[]', 5)"));
            KP_RETURN_IF_ERROR(
                c.Exec("INSERT INTO scoring_script_examiners(code, examiner, position) VALUES ('S-OLD001', " +
                       std::to_string(users[1]) + ", 0)"));
            KP_RETURN_IF_ERROR(
                c.Exec("INSERT INTO panel_events(id, plan_id, script, event_json, at_ms) VALUES (7, " +
                       std::to_string(plan->id) + ", 'S-OLD001', '{\"n\":7}', 9)"));
            return c.Exec(
                "INSERT INTO subject_scores(attempt_id, plan_id, user_id, subject, paper_id, score_json, "
                "total, updated_ms) VALUES (" +
                std::to_string(attempt) + ", " + std::to_string(plan->id) + ", " + std::to_string(users[0]) +
                ", 'skill', 'paper-1', '{}', 59.5, 11)");
          })
          .ok());

  auto sc = OpenSqliteScoringStore(*db);  // applies migration 3
  ASSERT_TRUE(sc.ok()) << sc.status();
  auto script = (*sc)->GetScript("S-OLD001");
  ASSERT_TRUE(script.ok()) << script.status();
  EXPECT_EQ(script->attempt_id, attempt);
  EXPECT_EQ(script->review_user_id, 0);
  EXPECT_EQ(script->item_version, 2);
  EXPECT_EQ(script->materials_json, "[]");
  EXPECT_EQ(script->examiners, std::vector<std::int64_t>{users[1]});
  auto events = (*sc)->ListPanelEvents(plan->id);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->at(0).id, 7);
  EXPECT_EQ(events->at(0).event_json, "{\"n\":7}");
  auto next = (*sc)->AppendPanelEvent({0, plan->id, "S-OLD001", "{}", 10}, audit);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_GT(*next, 7);
  auto scores = (*sc)->ListSubjectScores(plan->id, 0);
  ASSERT_EQ(scores->size(), 1u);
  EXPECT_EQ(scores->at(0).attempt_id, attempt);
  EXPECT_EQ(scores->at(0).total, 59.5);
  // Still append-only after the rebuild.
  Status update = (*db)->Write([](sqlite::Connection& c) { return c.Exec("DELETE FROM panel_events"); });
  EXPECT_FALSE(update.ok());
  (*sys)->Close();
}

}  // namespace
}  // namespace kaoping::store
