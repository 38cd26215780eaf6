#include "store/scoring_store_contract_test.h"

#include <vector>

namespace kaoping::store {
namespace {

constexpr std::int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00Z

AuditEntry Audit(std::string action, std::string object = {}) {
  AuditEntry a;
  a.at_ms = kT0;
  a.actor_id = 1;
  a.actor_login = "admin";
  a.action = std::move(action);
  a.object = std::move(object);
  return a;
}

std::int64_t MakeUser(Store& s, const std::string& login, std::vector<std::string> roles) {
  NewUser u;
  u.login = login;
  u.display_name = "用户 " + login;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.roles = std::move(roles);
  u.created_ms = kT0;
  auto r = s.CreateUser(u);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? r->id.value() : 0;
}

struct Fixture {
  std::int64_t candidate = 0;
  std::int64_t examiner = 0;
  PlanRecord plan;
  AttemptRecord attempt;
};

Fixture Make(Store& sys, DeliveryStore& del, const std::string& suffix) {
  Fixture f;
  f.candidate = MakeUser(sys, "cand" + suffix, {"candidate"});
  f.examiner = MakeUser(sys, "exam" + suffix, {"examiner"});
  PlanRecord p;
  p.title = "中级技能操作考试";
  p.standard = "llm-deploy-engineer";
  p.level = "mid";
  p.kind = "skill";
  p.duration_minutes = 90;
  p.created_ms = kT0;
  SessionRecord s;
  s.room_code = "R1";
  s.room_name = "第一考场";
  s.capacity = 5;
  s.starts_ms = kT0;
  s.examiners = {f.examiner};
  p.sessions.push_back(s);
  auto plan = del.CreatePlan(p, Audit("plan.create"));
  EXPECT_TRUE(plan.ok()) << plan.status();
  f.plan = *plan;
  RegistrationRecord r;
  r.plan_id = f.plan.id;
  r.user_id = f.candidate;
  r.status = RegistrationStatus::kApproved;
  r.verdict = "eligible";
  r.explanation = "{}";
  r.created_ms = kT0;
  auto reg = del.CreateRegistration(r, Audit("r"));
  EXPECT_TRUE(reg.ok()) << reg.status();
  AttemptRecord a;
  a.registration_id = reg->id;
  a.plan_id = f.plan.id;
  a.session_id = reg->session_id;
  a.user_id = f.candidate;
  a.paper_id = "paper-1";
  a.created_ms = kT0;
  auto created = del.CreateAttempts({a});
  EXPECT_TRUE(created.ok()) << created.status();
  f.attempt = created->at(0);
  return f;
}

std::int64_t AuditCount(DeliveryStore& d) {
  return d.GetAuditHead()->seq;
}

TEST_P(ScoringStoreContractTest, SettingsRoundTripAndUnknownPlan) {
  Fixture f = Make(sys(), del(), "1");
  EXPECT_EQ(sc().GetSettings(f.plan.id).status().reason(), "scoring.no_settings");
  ScoringSettingsRecord s;
  s.plan_id = f.plan.id;
  s.multiple_rule = "partial";
  s.partial_fraction = 0.5;
  s.spread_kind = "points";
  s.spread_value = 3;
  std::int64_t before = AuditCount(del());
  ASSERT_TRUE(sc().PutSettings(s, Audit("scoring.settings")).ok());
  EXPECT_EQ(AuditCount(del()), before + 1);
  auto got = sc().GetSettings(f.plan.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->multiple_rule, "partial");
  EXPECT_EQ(got->partial_fraction, 0.5);
  EXPECT_EQ(got->spread_kind, "points");
  EXPECT_EQ(got->spread_value, 3);
  s.plan_id = 999999;
  EXPECT_EQ(sc().PutSettings(s, Audit("x")).reason(), "plan.not_found");
  EXPECT_EQ(AuditCount(del()), before + 1);  // a failed write changes nothing, audit included
}

TEST_P(ScoringStoreContractTest, StartScoringIsIdempotentForScripts) {
  Fixture f = Make(sys(), del(), "2");
  ScoringSettingsRecord s;
  s.plan_id = f.plan.id;
  s.started_ms = kT0;
  SubjectScoreRecord score{f.attempt.id, f.plan.id,        f.candidate, "skill",
                           "paper-1",    "{\"total\":40}", 40,          kT0};
  ScriptRecord script;
  script.code = "S-AAAAAA";
  script.plan_id = f.plan.id;
  script.attempt_id = f.attempt.id;
  script.session_id = f.attempt.session_id;
  script.item_id = "p1";
  script.rubric_json = "[]";
  script.examiners = {f.examiner};
  auto n = sc().StartScoring(s, {score}, {script}, Audit("scoring.start"));
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, 1);
  // Again, with a different code for the same (attempt, item): the first script stays.
  script.code = "S-BBBBBB";
  score.total = 50;
  n = sc().StartScoring(s, {score}, {script}, Audit("scoring.start"));
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0);
  auto scripts = sc().ListScripts(f.plan.id, 0);
  ASSERT_TRUE(scripts.ok());
  ASSERT_EQ(scripts->size(), 1u);
  EXPECT_EQ(scripts->at(0).code, "S-AAAAAA");
  EXPECT_EQ(scripts->at(0).examiners, std::vector<std::int64_t>{f.examiner});
  EXPECT_EQ(sc().GetScript("S-BBBBBB").status().reason(), "scoring.script_not_found");
  EXPECT_EQ(sc().ListScripts(0, f.examiner)->size(), 1u);
  EXPECT_EQ(sc().ListScripts(0, f.candidate)->size(), 0u);
  auto scores = sc().ListSubjectScores(f.plan.id, 0);
  ASSERT_EQ(scores->size(), 1u);
  EXPECT_EQ(scores->at(0).total, 50);  // replaced
  // Unknown attempt: nothing is written.
  SubjectScoreRecord bad = score;
  bad.attempt_id = 999999;
  std::int64_t before = AuditCount(del());
  EXPECT_EQ(sc().StartScoring(s, {bad}, {}, Audit("scoring.start")).status().reason(), "attempt.not_found");
  EXPECT_EQ(AuditCount(del()), before);
}

TEST_P(ScoringStoreContractTest, AchievementsAddListFilterAndAudit) {
  Fixture f = Make(sys(), del(), "ach");
  std::int64_t other = MakeUser(sys(), "candach2", {"candidate"});
  std::int64_t before = AuditCount(del());
  AchievementRecord a;
  a.plan_id = f.plan.id;
  a.user_id = f.candidate;
  a.kind = "project";
  a.title = "大模型推理服务上线";
  a.summary = "负责 vLLM 集群部署，吞吐提升 3 倍。";
  a.created_ms = kT0;
  auto first = sc().AddAchievement(a, Audit("achievement.submit"));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_GT(first->id, 0);
  a.kind = "paper";
  a.title = "量化部署论文";
  auto second = sc().AddAchievement(a, Audit("achievement.submit"));
  ASSERT_TRUE(second.ok()) << second.status();
  a.user_id = other;
  a.kind = "report";
  ASSERT_TRUE(sc().AddAchievement(a, Audit("achievement.submit")).ok());
  EXPECT_EQ(AuditCount(del()), before + 3);

  auto mine = sc().ListAchievements(f.plan.id, f.candidate);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ(mine->at(0).id, first->id);
  EXPECT_EQ(mine->at(0).kind, "project");
  EXPECT_EQ(mine->at(0).title, "大模型推理服务上线");
  EXPECT_EQ(mine->at(0).summary, "负责 vLLM 集群部署，吞吐提升 3 倍。");
  EXPECT_EQ(mine->at(0).created_ms, kT0);
  EXPECT_EQ(mine->at(1).kind, "paper");
  auto all = sc().ListAchievements(f.plan.id, 0);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 3u);
  EXPECT_EQ(all->at(2).user_id, other);
  EXPECT_TRUE(sc().ListAchievements(f.plan.id + 1000, 0)->empty());

  // Failed writes change nothing, audit included.
  a.kind = "poem";
  EXPECT_EQ(sc().AddAchievement(a, Audit("x")).status().reason(), "achievement.bad_kind");
  a.kind = "other";
  a.plan_id = 999999;
  EXPECT_EQ(sc().AddAchievement(a, Audit("x")).status().reason(), "plan.not_found");
  a.plan_id = f.plan.id;
  a.user_id = 999999;
  EXPECT_EQ(sc().AddAchievement(a, Audit("x")).status().reason(), "user.not_found");
  EXPECT_EQ(AuditCount(del()), before + 3);
  EXPECT_EQ(sc().ListAchievements(f.plan.id, 0)->size(), 3u);
}

// Comprehensive review: a script and a score per (plan, candidate), no attempt.
TEST_P(ScoringStoreContractTest, ReviewScriptsAndScoresAreKeyedByPlanAndCandidate) {
  Fixture f = Make(sys(), del(), "rev");
  std::int64_t second = MakeUser(sys(), "candrev2", {"candidate"});
  ScoringSettingsRecord s;
  s.plan_id = f.plan.id;
  s.started_ms = kT0;
  ScriptRecord script;
  script.code = "S-RRRRRR";
  script.plan_id = f.plan.id;
  script.review_user_id = f.candidate;
  script.item_id = "review";
  script.rubric_json = "[{\"id\":\"c1\"}]";
  script.materials_json = "[3,5]";
  script.examiners = {f.examiner};
  SubjectScoreRecord score{0, f.plan.id, f.candidate, "review", "", "{\"total\":70}", 70, kT0};
  // A theory attempt's score for the same candidate lives beside the review score.
  SubjectScoreRecord attempt_score{f.attempt.id, f.plan.id, f.candidate, "skill", "paper-1", "{}", 40, kT0};
  auto n = sc().StartScoring(s, {attempt_score, score}, {script}, Audit("scoring.start"));
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, 1);
  auto got = sc().GetScript("S-RRRRRR");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->attempt_id, 0);
  EXPECT_EQ(got->review_user_id, f.candidate);
  EXPECT_EQ(got->materials_json, "[3,5]");
  EXPECT_EQ(got->examiners, std::vector<std::int64_t>{f.examiner});

  // Again for the same candidate with another code: the first script stays; a second candidate
  // gets their own; the review score is replaced, not duplicated.
  script.code = "S-RRRRR2";
  score.total = 80;
  ScriptRecord other = script;
  other.code = "S-RRRRR3";
  other.review_user_id = second;
  n = sc().StartScoring(s, {score}, {script, other}, Audit("scoring.start"));
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, 1);
  auto scripts = sc().ListScripts(f.plan.id, 0);
  ASSERT_EQ(scripts->size(), 2u);
  EXPECT_EQ(scripts->at(0).code, "S-RRRRRR");
  EXPECT_EQ(scripts->at(1).review_user_id, second);
  auto scores = sc().ListSubjectScores(f.plan.id, f.candidate);
  ASSERT_EQ(scores->size(), 2u);
  EXPECT_EQ(scores->at(0).attempt_id, f.attempt.id);
  EXPECT_EQ(scores->at(1).attempt_id, 0);
  EXPECT_EQ(scores->at(1).subject, "review");
  EXPECT_EQ(scores->at(1).total, 80);
  ASSERT_TRUE(sc().AppendPanelEvent({0, f.plan.id, "S-RRRRRR", "{}", kT0}, Audit("scoring.submit")).ok());

  // A script with both or neither owner, or an unknown candidate, is refused and writes nothing.
  std::int64_t before = AuditCount(del());
  ScriptRecord both = script;
  both.code = "S-BOTH00";
  both.attempt_id = f.attempt.id;
  EXPECT_EQ(sc().StartScoring(s, {}, {both}, Audit("x")).status().reason(), "scoring.bad_script");
  ScriptRecord neither = both;
  neither.attempt_id = 0;
  neither.review_user_id = 0;
  EXPECT_EQ(sc().StartScoring(s, {}, {neither}, Audit("x")).status().reason(), "scoring.bad_script");
  ScriptRecord ghost = script;
  ghost.code = "S-GHOST0";
  ghost.review_user_id = 999999;
  EXPECT_EQ(sc().StartScoring(s, {}, {ghost}, Audit("x")).status().reason(), "user.not_found");
  SubjectScoreRecord lost = score;
  lost.plan_id = 999999;
  EXPECT_EQ(sc().PutSubjectScores({lost}, Audit("x")).reason(), "plan.not_found");
  EXPECT_EQ(AuditCount(del()), before);
  EXPECT_EQ(sc().ListScripts(f.plan.id, 0)->size(), 2u);
}

TEST_P(ScoringStoreContractTest, PanelEventsAppendInOrder) {
  Fixture f = Make(sys(), del(), "3");
  ScoringSettingsRecord s;
  s.plan_id = f.plan.id;
  ScriptRecord script;
  script.code = "S-CCCCCC";
  script.plan_id = f.plan.id;
  script.attempt_id = f.attempt.id;
  script.item_id = "p1";
  script.rubric_json = "[]";
  ASSERT_TRUE(sc().StartScoring(s, {}, {script}, Audit("scoring.start")).ok());
  auto e1 = sc().AppendPanelEvent({0, f.plan.id, "S-CCCCCC", "{\"n\":1}", kT0}, Audit("scoring.submit"));
  auto e2 = sc().AppendPanelEvent({0, f.plan.id, "S-CCCCCC", "{\"n\":2}", kT0 + 1}, Audit("scoring.submit"));
  ASSERT_TRUE(e1.ok() && e2.ok());
  EXPECT_LT(*e1, *e2);
  EXPECT_EQ(sc().AppendPanelEvent({0, f.plan.id, "S-NOPE00", "{}", kT0}, Audit("x")).status().reason(),
            "scoring.script_not_found");
  auto events = sc().ListPanelEvents(f.plan.id);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(events->at(0).event_json, "{\"n\":1}");
  EXPECT_EQ(events->at(1).event_json, "{\"n\":2}");
}

TEST_P(ScoringStoreContractTest, ResultsInsertUpdateGuardAndHistory) {
  Fixture f = Make(sys(), del(), "4");
  ResultRow r;
  r.user_id = f.candidate;
  r.standard = "llm-deploy-engineer";
  r.level = "mid";
  r.direction = "";
  r.plan_ids = {f.plan.id};
  r.state = "computed";
  r.record_json = "{\"revision\":1}";
  r.computed_ms = kT0;
  ResultHistoryRow h{0, 1, "computed", 0, "", kT0, std::nullopt, false, "{}"};
  auto put = sc().PutResult(r, {h}, std::nullopt, "", Audit("result.compute"));
  ASSERT_TRUE(put.ok()) << put.status();
  EXPECT_GT(put->id, 0);
  EXPECT_EQ(put->plan_ids, std::vector<std::int64_t>{f.plan.id});
  EXPECT_EQ(sc().PutResult(r, {h}, std::nullopt, "", Audit("x")).status().reason(), "result.exists");
  auto found = sc().FindResult(f.candidate, "llm-deploy-engineer", "mid", "");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, put->id);

  ResultRow pub = *put;
  pub.state = "published";
  pub.passed = true;
  pub.published_ms = kT0 + 5;
  ResultHistoryRow hp{0, 1, "published", 1, "", kT0 + 5, false, true, "{}"};
  // A stale guard is refused and changes nothing.
  EXPECT_EQ(sc().PutResult(pub, {hp}, 1, "reviewed", Audit("result.publish")).status().reason(),
            "result.conflict");
  ASSERT_TRUE(sc().PutResult(pub, {hp}, 1, "computed", Audit("result.publish")).ok());
  auto got = sc().GetResult(put->id);
  EXPECT_EQ(got->state, "published");
  EXPECT_TRUE(got->passed);
  ResultFilter published;
  published.state = "published";
  EXPECT_EQ(sc().ListResults(published)->size(), 1u);
  ResultFilter computed;
  computed.plan_id = f.plan.id;
  computed.state = "computed";
  EXPECT_EQ(sc().ListResults(computed)->size(), 0u);
  ResultFilter other;
  other.user_id = f.candidate + 1000;
  EXPECT_EQ(sc().ListResults(other)->size(), 0u);
  auto hist = sc().ResultHistory(put->id);
  ASSERT_EQ(hist->size(), 2u);
  EXPECT_EQ(hist->at(0).action, "computed");
  EXPECT_FALSE(hist->at(0).passed_before.has_value());
  EXPECT_EQ(hist->at(1).action, "published");
  EXPECT_EQ(hist->at(1).passed_before, false);
  EXPECT_TRUE(hist->at(1).passed_after);
  EXPECT_EQ(sc().GetResult(987654).status().reason(), "result.not_found");
  EXPECT_EQ(sc().ResultHistory(987654).status().reason(), "result.not_found");
}

}  // namespace
}  // namespace kaoping::store
