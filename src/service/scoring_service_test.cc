// Service-level tests of scoring against real components: a real SQLite file with the system,
// delivery, bank and scoring repositories, the shipped standard packs and a ManualClock.
// Attempts are written through the delivery store's own operations (saves, submit) as the
// delivery service writes them.
#include "service/scoring_service.h"

#include <atomic>
#include <filesystem>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <gtest/gtest.h>

#include "core/delivery/attempt.h"
#include "service/crypto.h"
#include "store/sqlite/bank_store_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/scoring_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::service {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
constexpr std::int64_t kT0 = 1'767'229'200'000;  // 2026-01-01T01:00Z
constexpr std::int64_t kMin = 60'000;

class World {
 public:
  explicit World(const std::string& name) : clock_(FromUnixMillis(kT0)) {
    static std::atomic<int> n{0};
    dir_ = fs::temp_directory_path() /
           ("kaoping-scoring-service-" + std::to_string(::getpid()) + "-" + name + "-" + std::to_string(n++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    EXPECT_TRUE(InitCrypto().ok());
    db_ = std::move(store::sqlite::Database::Open((dir_ / "kaoping.db").string(), 2)).value();
    users_ = std::move(store::OpenSqliteStore(db_)).value();
    delivery_ = std::move(store::OpenSqliteDeliveryStore(db_)).value();
    bank_ = std::move(store::OpenSqliteBankStore(db_)).value();
    scoring_ = std::move(store::OpenSqliteScoringStore(db_)).value();
    pii_ = std::move(PiiVault::OpenOrCreate(dir_.string())).value();
    catalog_ = std::move(StandardsCatalog::Load(std::string(KAOPING_SOURCE_DIR) + "/standards")).value();
    audit_ = std::make_unique<AuditLog>(*delivery_, clock_);
    ScoringDeps deps{users_.get(), delivery_.get(),
                     bank_.get(),  scoring_.get(),
                     catalog_,     pii_,
                     audit_.get(), &clock_,
                     {},           {}};
    deps.script_code = [this] { return "S-T" + std::to_string(++codes_); };
    svc_ = std::make_unique<ScoringService>(deps);
    admin_ = User("admin", {"admin"});
  }
  ~World() {
    db_->Close();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  Actor User(const std::string& login, std::vector<std::string> roles) {
    store::NewUser u{login, "用户" + login, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA", roles,
                     kT0,   false};
    auto rec = users_->CreateUser(u);
    EXPECT_TRUE(rec.ok()) << rec.status();
    return Actor{rec->id.value(), login, u.display_name, roles};
  }

  void Items(std::vector<bank::Item> items) {
    for (auto& it : items) it.status = bank::ItemStatus::kApproved;
    Status s = bank_->InsertItems(items, "test");
    EXPECT_TRUE(s.ok()) << s;
  }

  std::string Paper(const std::string& id, const std::string& standard, const std::string& level,
                    const std::string& kind, std::vector<bank::PaperItem> items) {
    bank::Paper p;
    p.id = id;
    p.title = id;
    p.standard = standard;
    p.level = level;
    p.exam_kind = kind;
    p.duration_minutes = 90;
    p.sections.push_back(bank::PaperSection{"all", "全部", false, false});
    for (auto& i : items) i.section = "all";
    p.items = std::move(items);
    p.created_ms = kT0;
    Status s = bank_->SavePaper(p);
    EXPECT_TRUE(s.ok()) << s;
    return id;
  }

  store::PlanRecord Plan(const std::string& standard, const std::string& level, const std::string& direction,
                         const std::string& kind, const std::string& paper,
                         std::vector<std::int64_t> examiners) {
    store::PlanRecord p;
    p.title = standard + " " + level + " " + kind;
    p.standard = standard;
    p.level = level;
    p.direction = direction;
    p.kind = kind;
    p.duration_minutes = 90;
    p.paper_id = paper;
    p.created_ms = kT0;
    store::SessionRecord s;
    s.room_code = "A01";
    s.room_name = "第一考场";
    s.capacity = 30;
    s.starts_ms = kT0;
    s.examiners = std::move(examiners);
    p.sessions.push_back(s);
    auto r = delivery_->CreatePlan(p, audit_->Entry(admin_, "plan.create", "", "", "test"));
    EXPECT_TRUE(r.ok()) << r.status();
    return *r;
  }

  // Registers `user`, starts, saves `answers` (item id → response JSON) and submits.
  std::int64_t Sit(const store::PlanRecord& plan, const Actor& user,
                   const std::map<std::string, Json>& answers) {
    store::RegistrationRecord reg;
    reg.plan_id = plan.id;
    reg.user_id = user.user_id;
    reg.status = store::RegistrationStatus::kApproved;
    reg.verdict = "eligible";
    reg.explanation = "{}";
    reg.created_ms = kT0;
    auto r = delivery_->CreateRegistration(reg, audit_->Entry(user, "registration.create", "", "", "test"));
    EXPECT_TRUE(r.ok()) << r.status();
    store::AttemptRecord a;
    a.registration_id = r->id;
    a.plan_id = plan.id;
    a.session_id = r->session_id;
    a.user_id = user.user_id;
    a.paper_id = plan.paper_id;
    a.state.status = delivery::AttemptStatus::kInProgress;
    a.state.started_ms = kT0;
    a.state.duration_ms = 90 * kMin;
    a.created_ms = kT0;
    auto created = delivery_->CreateAttempts({a});
    EXPECT_TRUE(created.ok() && created->size() == 1u);
    std::int64_t id = created->at(0).id;
    std::vector<store::AttemptOp> ops;
    std::int64_t seq = 0;
    for (const auto& [item, response] : answers) {
      store::AttemptOp op;
      op.kind = store::AttemptOp::Kind::kSave;
      op.attempt_id = id;
      op.user_id = user.user_id;
      op.now_ms = kT0 + kMin;
      op.item_id = item;
      op.sequence = ++seq;
      op.response = response.dump();
      ops.push_back(op);
    }
    store::AttemptOp submit;
    submit.kind = store::AttemptOp::Kind::kSubmit;
    submit.attempt_id = id;
    submit.user_id = user.user_id;
    submit.now_ms = kT0 + 2 * kMin;
    submit.submit_kind = "candidate";
    ops.push_back(submit);
    for (const auto& res : delivery_->ApplyAttemptOps(ops)) EXPECT_TRUE(res.status.ok()) << res.status;
    return id;
  }

  // An approved registration of `user` on `plan` without an attempt (review plans have none).
  void Register(const store::PlanRecord& plan, const Actor& user,
                store::RegistrationStatus status = store::RegistrationStatus::kApproved) {
    store::RegistrationRecord reg;
    reg.plan_id = plan.id;
    reg.user_id = user.user_id;
    reg.status = status;
    reg.verdict = "eligible";
    reg.explanation = "{}";
    reg.created_ms = kT0;
    auto r = delivery_->CreateRegistration(reg, audit_->Entry(user, "registration.create", "", "", "test"));
    EXPECT_TRUE(r.ok()) << r.status();
  }

  double SubjectTotal(std::int64_t plan_id, std::int64_t user_id) {
    auto s = scoring_->ListSubjectScores(plan_id, user_id);
    EXPECT_TRUE(s.ok() && s->size() == 1u);
    return s->empty() ? -1 : s->front().total;
  }

  // The script of `user` in `plan` (tests only: the service never reveals this mapping).
  std::string ScriptOf(std::int64_t plan_id, std::int64_t attempt_id) {
    auto scripts = scoring_->ListScripts(plan_id, 0);
    EXPECT_TRUE(scripts.ok());
    for (const auto& s : *scripts) {
      if (s.attempt_id == attempt_id) return s.code;
    }
    ADD_FAILURE() << "no script for attempt " << attempt_id;
    return "";
  }

  fs::path dir_;
  ManualClock clock_;
  int codes_ = 0;
  std::shared_ptr<store::sqlite::Database> db_;
  std::unique_ptr<store::Store> users_;
  std::unique_ptr<store::DeliveryStore> delivery_;
  std::unique_ptr<store::BankStore> bank_;
  std::unique_ptr<store::ScoringStore> scoring_;
  std::shared_ptr<const PiiVault> pii_;
  std::shared_ptr<const StandardsCatalog> catalog_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<ScoringService> svc_;
  Actor admin_;
};

bank::Item Choice(const std::string& id, bank::ItemType type, std::vector<std::string> answer, double points,
                  const std::string& function = "function:1") {
  bank::Item it;
  it.id = id;
  it.type = type;
  it.stem = "题目 " + id;
  if (type == bank::ItemType::kTrueFalse) {
    it.options = {{"true", "对"}, {"false", "错"}};
  } else {
    for (const char* o : {"A", "B", "C", "D"}) it.options.push_back(bank::Option{o, std::string("选项") + o});
  }
  it.answer = std::move(answer);
  it.points = points;
  it.alignment.function = function;
  return it;
}

bank::Item Practical(const std::string& id) {
  bank::Item it;
  it.id = id;
  it.type = bank::ItemType::kPractical;
  it.stem = "部署一个推理服务并压测";
  it.task = bank::PracticalTask{"使用 vLLM 部署模型并完成压测报告", {"model.bin"}, 60};
  it.reference_answer = "参考步骤：……";
  it.points = 100;
  it.rubric = {{"c1", "部署正确", 50, ""}, {"c2", "压测方法", 30, ""}, {"c3", "报告质量", 20, ""}};
  it.alignment.function = "function:2";
  return it;
}

// The 002 中级 world: a theory paper (s1 40, m1 20, t1 20, f1 20 — all objective) and a skill
// paper (one practical task, rubric 50/30/20), three examiners.
struct DeployWorld {
  explicit DeployWorld(const std::string& name) : w(name) {
    e1 = w.User("exam1", {"examiner"});
    e2 = w.User("exam2", {"examiner"});
    e3 = w.User("exam3", {"examiner"});
    bank::Item f1;
    f1.id = "f1";
    f1.type = bank::ItemType::kFillIn;
    f1.stem = "推理框架：____";
    f1.blanks = {{"1", {"vLLM"}, 0}};
    f1.points = 20;
    f1.alignment.function = "function:1";
    w.Items({Choice("s1", bank::ItemType::kSingleChoice, {"A"}, 40),
             Choice("m1", bank::ItemType::kMultipleChoice, {"A", "C", "D"}, 20),
             Choice("t1", bank::ItemType::kTrueFalse, {"true"}, 20, "function:4"), f1, Practical("p1")});
    theory = w.Plan("llm-deploy-engineer", "mid", "", "theory",
                    w.Paper("dep-mid-theory", "llm-deploy-engineer", "mid", "theory",
                            {{"s1", 1, "", 40, "function:1"},
                             {"m1", 1, "", 20, "function:1"},
                             {"t1", 1, "", 20, "function:4"},
                             {"f1", 1, "", 20, "function:1"}}),
                    {e1.user_id, e2.user_id, e3.user_id});
    skill = w.Plan(
        "llm-deploy-engineer", "mid", "", "skill",
        w.Paper("dep-mid-skill", "llm-deploy-engineer", "mid", "skill", {{"p1", 1, "", 100, "function:2"}}),
        {e1.user_id, e2.user_id, e3.user_id});
  }
  World w;
  Actor e1, e2, e3;
  store::PlanRecord theory, skill;
};

TEST(ScoringServiceTest, MultipleChoicePoliciesAreSetPerPlan) {
  DeployWorld d("policy");
  Actor c = d.w.User("cand", {"candidate"});
  // s1 right (40), m1 少选 A,C of A,C,D, t1 right (20), f1 full-width ＶＬＬＭ (20).
  d.w.Sit(
      d.theory, c,
      {{"s1", "A"}, {"m1", Json{{"choice", {"A", "C"}}}}, {"t1", true}, {"f1", Json::array({"ＶＬＬＭ"})}});
  auto start = d.w.svc_->StartScoring(d.w.admin_, d.theory.id, {}, "t");
  ASSERT_TRUE(start.ok()) << start.status();
  ASSERT_TRUE(start->violations.empty());
  EXPECT_EQ(start->progress->settings.multiple_rule, "all_or_nothing");  // the default
  EXPECT_DOUBLE_EQ(d.w.SubjectTotal(d.theory.id, c.user_id), 80);

  ScoringSettingsInput partial;
  partial.multiple_choice = "partial";
  ASSERT_TRUE(d.w.svc_->StartScoring(d.w.admin_, d.theory.id, partial, "t").ok());
  EXPECT_NEAR(d.w.SubjectTotal(d.theory.id, c.user_id), 80 + 20.0 * 2 / 3, 1e-9);  // proportional share

  ScoringSettingsInput half;
  half.partial_fraction = 0.5;
  ASSERT_TRUE(d.w.svc_->StartScoring(d.w.admin_, d.theory.id, half, "t").ok());
  EXPECT_DOUBLE_EQ(d.w.SubjectTotal(d.theory.id, c.user_id), 90);
  EXPECT_EQ(*d.w.svc_->PolicyOf(d.theory.id)->partial_fraction, 0.5);

  ScoringSettingsInput bad;
  bad.multiple_choice = "all_or_nothing";
  bad.partial_fraction = 0.5;
  EXPECT_EQ(d.w.svc_->StartScoring(d.w.admin_, d.theory.id, bad, "t").status().reason(),
            "scoring.bad_policy");
  // Only administrators start scoring.
  EXPECT_EQ(d.w.svc_->StartScoring(d.e1, d.theory.id, {}, "t").status().reason(), "access.denied");
}

TEST(ScoringServiceTest, StaffingIsCheckedAgainWhenScoringStarts) {
  World w("staffing");
  Actor e1 = w.User("e1", {"examiner"});
  Actor e2 = w.User("e2", {"examiner"});
  w.Items({Practical("p1")});
  auto plan =
      w.Plan("llm-deploy-engineer", "mid", "", "skill",
             w.Paper("skill", "llm-deploy-engineer", "mid", "skill", {{"p1", 1, "", 100, "function:2"}}),
             {e1.user_id, e2.user_id});
  w.Sit(plan, w.User("c", {"candidate"}), {{"p1", "报告"}});
  std::int64_t before = w.delivery_->GetAuditHead()->seq;
  auto out = w.svc_->StartScoring(w.admin_, plan.id, {}, "t");
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_FALSE(out->violations.empty());
  std::set<std::string> codes;
  for (const auto& v : out->violations) codes.insert(v.code);
  EXPECT_TRUE(codes.count("panel.too_few_examiners") || codes.count("panel.examiners_not_odd"));
  EXPECT_EQ(w.scoring_->ListScripts(plan.id, 0)->size(), 0u);  // nothing started
  EXPECT_EQ(w.delivery_->GetAuditHead()->seq, before);
}

TEST(ScoringServiceTest, BlindPanelMedianAdjudicationAndThe60Line) {
  DeployWorld d("panel");
  Actor a = d.w.User("cand-a", {"candidate"});
  Actor b = d.w.User("cand-b", {"candidate"});
  // Theory: A exactly 60 (s1 + t1), B 80.
  d.w.Sit(d.theory, a, {{"s1", "A"}, {"t1", "true"}, {"m1", "B"}, {"f1", "sglang"}});
  d.w.Sit(d.theory, b, {{"s1", "A"}, {"t1", "true"}, {"f1", Json{{"blanks", {"vllm"}}}}});
  std::int64_t att_a = d.w.Sit(d.skill, a, {{"p1", "部署步骤与压测报告 A"}});
  std::int64_t att_b = d.w.Sit(d.skill, b, {{"p1", "部署步骤与压测报告 B"}});
  ASSERT_TRUE(d.w.svc_->StartScoring(d.w.admin_, d.theory.id, {}, "t").ok());
  auto started = d.w.svc_->StartScoring(d.w.admin_, d.skill.id, {}, "t");
  ASSERT_TRUE(started.ok() && started->violations.empty());
  EXPECT_EQ(started->progress->scripts_total, 2);
  EXPECT_EQ(started->progress->chief, d.e1.user_id);  // first examiner of the first session

  std::string sa = d.w.ScriptOf(d.skill.id, att_a), sb = d.w.ScriptOf(d.skill.id, att_b);
  auto mine = d.w.svc_->MyScripts(d.e2);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 2u);
  for (const auto& s : *mine) {
    EXPECT_EQ(s.script.rfind("S-", 0), 0u);
    EXPECT_FALSE(s.mine_submitted);
    EXPECT_EQ(s.max_total, 100);
  }

  // Blind: e1 submits; e2 sees the response and rubric but neither e1's scores nor the candidate.
  ASSERT_TRUE(d.w.svc_->SubmitScores(d.e1, sa, {{"c1", 28}, {"c2", 20}, {"c3", 10}}, "t").ok());
  auto view = d.w.svc_->GetScript(d.e2, sa);
  ASSERT_TRUE(view.ok()) << view.status();
  EXPECT_FALSE(view->show_panel);
  EXPECT_FALSE(view->submitted);
  EXPECT_EQ(view->response, Json("部署步骤与压测报告 A").dump());
  EXPECT_EQ(view->rubric.size(), 3u);
  // Bad scores and double submissions are refused.
  EXPECT_EQ(d.w.svc_->SubmitScores(d.e2, sa, {{"c1", 51}, {"c2", 20}, {"c3", 10}}, "t").status().reason(),
            "scoring.bad_score");
  EXPECT_EQ(d.w.svc_->SubmitScores(d.e2, sa, {{"c1", 30}}, "t").status().reason(), "scoring.bad_score");
  EXPECT_EQ(d.w.svc_->SubmitScores(d.e1, sa, {{"c1", 28}, {"c2", 20}, {"c3", 10}}, "t").status().reason(),
            "scoring.already_submitted");
  auto after = d.w.svc_->SubmitScores(d.e2, sa, {{"c1", 30}, {"c2", 20}, {"c3", 10}}, "t");
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->show_panel);  // now e2 sees the panel so far
  ASSERT_TRUE(d.w.svc_->SubmitScores(d.e3, sa, {{"c1", 33}, {"c2", 20}, {"c3", 10}}, "t").ok());
  auto final_a = d.w.svc_->GetScript(d.e3, sa);
  EXPECT_EQ(final_a->state, "final");
  EXPECT_EQ(final_a->result.criteria[0].median, 30);  // median of 28, 30, 33; spread 5 ≤ 10
  EXPECT_EQ(*final_a->result.total, 60);

  // B: the third criterion's spread (9.5) exceeds 20 % of 20 → the chief adjudicates.
  ASSERT_TRUE(d.w.svc_->SubmitScores(d.e1, sb, {{"c1", 30}, {"c2", 20}, {"c3", 9.5}}, "t").ok());
  ASSERT_TRUE(d.w.svc_->SubmitScores(d.e2, sb, {{"c1", 30}, {"c2", 20}, {"c3", 9.5}}, "t").ok());
  ASSERT_TRUE(d.w.svc_->SubmitScores(d.e3, sb, {{"c1", 30}, {"c2", 20}, {"c3", 19}}, "t").ok());
  auto queue = d.w.svc_->AdjudicationQueue(d.e1);
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->at(0).script, sb);
  EXPECT_EQ(queue->at(0).criterion, "c3");
  EXPECT_DOUBLE_EQ(queue->at(0).spread, 9.5);
  EXPECT_DOUBLE_EQ(queue->at(0).limit, 4);
  EXPECT_TRUE(d.w.svc_->AdjudicationQueue(d.e2)->empty());  // not the chief
  EXPECT_EQ(d.w.svc_->Adjudicate(d.e2, sb, "c3", 9.5, "复核", "t").status().reason(), "access.denied");
  EXPECT_EQ(d.w.svc_->Adjudicate(d.e1, sb, "c3", 9.5, " ", "t").status().reason(), "scoring.reason_required");
  auto adj = d.w.svc_->Adjudicate(d.e1, sb, "c3", 9.5, "对照报告复核，按多数意见", "t");
  ASSERT_TRUE(adj.ok()) << adj.status();
  EXPECT_EQ(adj->state, "final");
  EXPECT_DOUBLE_EQ(*adj->result.total, 59.5);

  // A candidate and an unrelated examiner cannot see scripts.
  Actor other = d.w.User("exam-other", {"examiner"});
  EXPECT_EQ(d.w.svc_->GetScript(other, sa).status().reason(), "scoring.script_not_found");
  EXPECT_EQ(d.w.svc_->GetScript(a, sa).status().reason(), "access.denied");

  // Results: A (theory 60, skill 60) passes; B (theory 80, skill 59.5) fails.
  auto computed = d.w.svc_->ComputeResults(d.w.admin_, d.skill.id, "t");
  ASSERT_TRUE(computed.ok()) << computed.status();
  EXPECT_EQ(computed->pending_scripts, 0);
  ASSERT_EQ(computed->results.size(), 2u);
  std::map<std::int64_t, ResultView> by_user;
  for (const auto& r : computed->results) by_user[r.row.user_id] = r;
  EXPECT_TRUE(by_user[a.user_id].row.passed);
  EXPECT_FALSE(by_user[b.user_id].row.passed);
  EXPECT_EQ(by_user[a.user_id].row.plan_ids, (std::vector<std::int64_t>{d.theory.id, d.skill.id}));
  EXPECT_EQ(by_user[b.user_id].record.decision.reasons[0].zh, "未通过中级：技能操作未达到合格线（1.5.3）");

  // Candidates see nothing before publication; then only their own.
  std::int64_t ra = by_user[a.user_id].row.id, rb = by_user[b.user_id].row.id;
  EXPECT_EQ(d.w.svc_->GetResult(a, ra).status().reason(), "result.not_found");
  EXPECT_EQ(d.w.svc_->Publish(d.w.admin_, ra, "t").status().reason(), "result.not_reviewed");
  auto published = d.w.svc_->PublishPlan(d.w.admin_, d.skill.id, "t");
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(published->published, 2);
  auto own = d.w.svc_->GetResult(a, ra);
  ASSERT_TRUE(own.ok()) << own.status();
  EXPECT_EQ(own->view.row.state, "published");
  ASSERT_TRUE(own->profile.has_value());
  EXPECT_FALSE(own->profile->functions.empty());
  EXPECT_EQ(d.w.svc_->GetResult(a, rb).status().reason(), "result.not_found");
  EXPECT_EQ(d.w.svc_->ListResults(a, {})->size(), 1u);
  EXPECT_EQ(d.w.svc_->ListResults(d.e1, {}).status().reason(), "access.denied");
  auto mycap = d.w.svc_->MyCapability(a);
  ASSERT_TRUE(mycap.ok());
  EXPECT_EQ(mycap->view.row.id, ra);
  // Names: masked for others, clear for the candidate.
  EXPECT_EQ(own->view.candidate_name, "用户cand-a");
  EXPECT_EQ(MaskName("张三明"), "张*明");
  EXPECT_EQ(MaskName("张三"), "张*");

  // A correction needs a reason, opens revision 2, and the history records every step.
  EXPECT_EQ(d.w.svc_->Correct(d.w.admin_, rb, "", "t").status().reason(), "result.reason_required");
  auto corrected = d.w.svc_->Correct(d.w.admin_, rb, "复核申请：重新核对分数", "t");
  ASSERT_TRUE(corrected.ok()) << corrected.status();
  EXPECT_EQ(corrected->row.revision, 2);
  EXPECT_EQ(corrected->row.state, "computed");
  auto hist = d.w.svc_->History(d.w.admin_, rb);
  ASSERT_TRUE(hist.ok());
  std::vector<std::string> actions;
  for (const auto& h : *hist) actions.push_back(h.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"computed", "reviewed", "published", "corrected"}));
  // The issuer's lookup: only published results.
  auto pub = d.w.svc_->GetPublishedResult(ra);
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->level, "mid");
  EXPECT_EQ(pub->level_name, "中级");
  EXPECT_TRUE(pub->passed);
  EXPECT_EQ(d.w.svc_->GetPublishedResult(rb).status().reason(),
            "result.not_found");  // revision 2 not yet published
  // The whole journey is in the audit chain.
  auto chain = d.w.audit_->Verify();
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->ok);
}

TEST(ScoringServiceTest, KeyCorrectionRescoresAndRepublishesWithTheFlip) {
  DeployWorld d("rescore");
  Actor a = d.w.User("cand-a", {"candidate"});
  // A answers s1 "B" (wrong under the published key A): theory 40 → fails.
  d.w.Sit(d.theory, a, {{"s1", "B"}, {"t1", "true"}, {"f1", "vLLM"}});
  d.w.Sit(d.skill, a, {{"p1", "报告"}});
  ASSERT_TRUE(d.w.svc_->StartScoring(d.w.admin_, d.theory.id, {}, "t").ok());
  ASSERT_TRUE(d.w.svc_->StartScoring(d.w.admin_, d.skill.id, {}, "t").ok());
  std::string code = d.w.scoring_->ListScripts(d.skill.id, 0)->front().code;
  for (const Actor* e : {&d.e1, &d.e2, &d.e3}) {
    ASSERT_TRUE(d.w.svc_->SubmitScores(*e, code, {{"c1", 40}, {"c2", 25}, {"c3", 15}}, "t").ok());
  }
  ASSERT_TRUE(d.w.svc_->ComputeResults(d.w.admin_, d.skill.id, "t").ok());  // skill 80 (panel)
  ASSERT_TRUE(d.w.svc_->ComputeResults(d.w.admin_, d.theory.id, "t").ok());
  auto pub = d.w.svc_->PublishPlan(d.w.admin_, d.theory.id, "t");
  ASSERT_TRUE(pub.ok());
  ASSERT_EQ(pub->results.size(), 1u);
  std::int64_t rid = pub->results[0].row.id;
  EXPECT_FALSE(pub->results[0].row.passed);
  EXPECT_DOUBLE_EQ(d.w.SubjectTotal(d.theory.id, a.user_id), 40);

  // Nothing to correct yet.
  auto none = d.w.svc_->Rescore(d.w.admin_, d.theory.id, "无更正", "t");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->changed.empty());
  EXPECT_EQ(d.w.svc_->Rescore(d.w.admin_, d.theory.id, "", "t").status().reason(), "rescore.reason_required");

  // The key of s1 was wrong: version 2 (approved) says B.
  bank::Item fixed = *d.w.bank_->GetLatest("s1");
  fixed.answer = {"B"};
  auto v2 = d.w.bank_->SaveNewVersion(fixed, "author");
  ASSERT_TRUE(v2.ok());
  store::ReviewEvent ev{"s1", 2, "reviewer", "approve", "答案更正", kT0};
  ASSERT_TRUE(d.w.bank_->SetStatus("s1", bank::ItemStatus::kApproved, ev).ok());
  auto out = d.w.svc_->Rescore(d.w.admin_, d.theory.id, "第 1 题答案更正为 B", "t");
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_EQ(out->changed.size(), 1u);
  EXPECT_EQ(out->changed[0].user_id, a.user_id);
  EXPECT_DOUBLE_EQ(out->changed[0].old_score, 40);
  EXPECT_DOUBLE_EQ(out->changed[0].new_score, 80);
  EXPECT_EQ(out->changed[0].flip, scoring::Flip::kFailToPass);
  EXPECT_EQ(out->now_passing, std::vector<std::int64_t>{a.user_id});
  EXPECT_EQ(out->corrected_items, std::vector<std::string>{"s1@2"});

  // Republished as revision 2 with the correction's reason; the candidate sees the new result.
  auto r = d.w.svc_->GetResult(a, rid);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->view.row.revision, 2);
  EXPECT_EQ(r->view.row.state, "published");
  EXPECT_TRUE(r->view.row.passed);
  EXPECT_EQ(r->view.record.correction_reason, "第 1 题答案更正为 B");
  EXPECT_DOUBLE_EQ(d.w.SubjectTotal(d.theory.id, a.user_id), 80);
  // A later compute keeps the corrected key.
  ASSERT_TRUE(d.w.svc_->ComputeResults(d.w.admin_, d.theory.id, "t").ok());
  EXPECT_DOUBLE_EQ(d.w.SubjectTotal(d.theory.id, a.user_id), 80);
  // Rescoring again finds nothing new.
  EXPECT_TRUE(d.w.svc_->Rescore(d.w.admin_, d.theory.id, "再次检查", "t")->changed.empty());
}

// 003: theory and skill each ≥ 60, across two plans of the same direction.
// The 002 高级 comprehensive-review world: three examiners, three candidates, one review plan.
struct ReviewWorld {
  explicit ReviewWorld(const std::string& name) : w(name) {
    e1 = w.User("exam1", {"examiner"});
    e2 = w.User("exam2", {"examiner"});
    e3 = w.User("exam3", {"examiner"});
    c1 = w.User("cand1", {"candidate"});
    c2 = w.User("cand2", {"candidate"});
    c3 = w.User("cand3", {"candidate"});
    review = w.Plan("llm-deploy-engineer", "senior", "", "review", "", {e1.user_id, e2.user_id, e3.user_id});
  }
  World w;
  Actor e1, e2, e3, c1, c2, c3;
  store::PlanRecord review;
};

TEST(ScoringServiceTest, ReviewAchievementsAreSubmittedByApprovedCandidatesOnly) {
  ReviewWorld rw("review-achievements");
  World& w = rw.w;
  Actor &e1 = rw.e1, &e2 = rw.e2, &e3 = rw.e3, &c1 = rw.c1, &c2 = rw.c2, &c3 = rw.c3;
  const store::PlanRecord& review = rw.review;
  w.Register(review, c1);
  w.Register(review, c2);
  ScoringService& svc = *w.svc_;

  auto a1 = svc.SubmitAchievement(c1, review.id, {"project", "推理集群上线", "负责 vLLM 集群部署与扩缩容。"},
                                  "test");
  ASSERT_TRUE(a1.ok()) << a1.status();
  EXPECT_EQ(a1->user_id, c1.user_id);
  EXPECT_EQ(a1->created_ms, kT0);
  ASSERT_TRUE(svc.SubmitAchievement(c1, review.id, {"paper", "量化部署论文", ""}, "test").ok());
  ASSERT_TRUE(
      svc.SubmitAchievement(c2, review.id, {"report", "推理成本报告", "成本下降 40%。"}, "test").ok());

  // Bad input and callers without an approved registration: clear codes, nothing stored.
  EXPECT_EQ(svc.SubmitAchievement(c1, review.id, {"poem", "诗", ""}, "test").status().reason(),
            "achievement.bad_kind");
  EXPECT_EQ(svc.SubmitAchievement(c1, review.id, {"project", "  ", ""}, "test").status().reason(),
            "achievement.bad_title");
  EXPECT_EQ(svc.SubmitAchievement(c1, review.id, {"project", "长", std::string(20001, 'x')}, "test")
                .status()
                .reason(),
            "achievement.summary_too_long");
  EXPECT_TRUE(svc.SubmitAchievement(c1, review.id, {"project", "长", std::string(20000, 'x')}, "test").ok());
  auto stranger = svc.SubmitAchievement(c3, review.id, {"project", "项目", ""}, "test");
  EXPECT_EQ(stranger.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(stranger.status().reason(), "plan.not_found");
  EXPECT_EQ(svc.SubmitAchievement(c1, 999999, {"project", "项目", ""}, "test").status().reason(),
            "plan.not_found");
  Actor c4 = w.User("cand4", {"candidate"});
  w.Register(review, c4, store::RegistrationStatus::kPending);
  EXPECT_EQ(svc.SubmitAchievement(c4, review.id, {"project", "项目", ""}, "test").status().reason(),
            "achievement.not_approved");
  store::PlanRecord theory =
      w.Plan("llm-deploy-engineer", "senior", "", "theory", "", {e1.user_id, e2.user_id, e3.user_id});
  w.Register(theory, c1);
  EXPECT_EQ(svc.SubmitAchievement(c1, theory.id, {"project", "项目", ""}, "test").status().reason(),
            "achievement.not_review");

  // Owner sees their own, admin sees all, a stranger gets the plan's 404.
  auto mine = svc.ListAchievements(c1, review.id);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 3u);
  EXPECT_EQ(mine->at(0).title, "推理集群上线");
  EXPECT_EQ(svc.ListAchievements(c2, review.id)->size(), 1u);
  EXPECT_EQ(svc.ListAchievements(w.admin_, review.id)->size(), 4u);
  EXPECT_EQ(svc.ListAchievements(c3, review.id).status().reason(), "plan.not_found");
  EXPECT_EQ(svc.ListAchievements(e1, review.id).status().reason(), "plan.not_found");
}

// 综合评审 end to end in the service: one blind script per candidate with their achievements, the
// default rubric per 职业功能, median of three, the panel total as the "review" subject.
TEST(ScoringServiceTest, ReviewPlanIsScoredBlindAndCountsAsTheReviewSubject) {
  ReviewWorld rw("review-scoring");
  World& w = rw.w;
  Actor &e1 = rw.e1, &e2 = rw.e2, &e3 = rw.e3, &c1 = rw.c1, &c2 = rw.c2, &c3 = rw.c3;
  const store::PlanRecord& review = rw.review;
  for (const Actor* c : {&c1, &c2, &c3}) w.Register(review, *c);
  ScoringService& svc = *w.svc_;
  ASSERT_TRUE(svc.SubmitAchievement(c1, review.id, {"project", "推理集群上线", "vLLM 集群"}, "t").ok());
  ASSERT_TRUE(svc.SubmitAchievement(c1, review.id, {"paper", "量化部署论文", ""}, "t").ok());
  ASSERT_TRUE(svc.SubmitAchievement(c2, review.id, {"report", "推理成本报告", ""}, "t").ok());

  // Two examiners are not a panel: nothing starts.
  store::PlanRecord small =
      w.Plan("llm-deploy-engineer", "senior", "", "review", "", {e1.user_id, e2.user_id});
  w.Register(small, c1);
  ASSERT_TRUE(svc.SubmitAchievement(c1, small.id, {"project", "项目", ""}, "t").ok());
  auto refused = svc.StartScoring(w.admin_, small.id, {}, "t");
  ASSERT_TRUE(refused.ok()) << refused.status();
  EXPECT_FALSE(refused->violations.empty());
  EXPECT_EQ(refused->violations[0].field.rfind("review.", 0), 0u);
  EXPECT_TRUE(w.scoring_->ListScripts(small.id, 0)->empty());
  // A rubric naming an unknown requirement is refused.
  ScoringSettingsInput bad;
  bad.review_requirements = std::vector<std::string>{"senior/skill/9.9.9"};
  EXPECT_EQ(svc.StartScoring(w.admin_, review.id, bad, "t").status().reason(), "review.unknown_requirement");

  auto started = svc.StartScoring(w.admin_, review.id, {}, "t");
  ASSERT_TRUE(started.ok()) << started.status();
  ASSERT_TRUE(started->violations.empty());
  EXPECT_EQ(started->progress->scripts_total, 2);  // c3 submitted nothing
  // Achievements submitted after the start are not on the script; a new candidate gets one on re-start.
  ASSERT_TRUE(svc.SubmitAchievement(c1, review.id, {"other", "迟交材料", ""}, "t").ok());
  ASSERT_TRUE(svc.SubmitAchievement(c3, review.id, {"patent", "推理调度专利", ""}, "t").ok());
  auto again = svc.StartScoring(w.admin_, review.id, {}, "t");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->progress->scripts_total, 3);

  std::string code1;
  auto all_scripts = w.scoring_->ListScripts(review.id, 0);
  ASSERT_TRUE(all_scripts.ok());
  for (const auto& s : *all_scripts) {
    if (s.review_user_id == c1.user_id) code1 = s.code;
  }
  ASSERT_FALSE(code1.empty());
  auto mine = svc.MyScripts(e2);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 3u);
  for (const auto& m : *mine) EXPECT_EQ(m.item_type, "review");
  auto view = svc.GetScript(e2, code1);
  ASSERT_TRUE(view.ok()) << view.status();
  EXPECT_TRUE(view->review);
  ASSERT_EQ(view->materials.size(), 2u);  // the late one is not there
  EXPECT_EQ(view->materials[0].title, "推理集群上线");
  EXPECT_EQ(view->materials[1].title, "量化部署论文");
  for (const auto& m : view->materials) EXPECT_EQ(m.user_id, 0);  // blind
  EXPECT_FALSE(view->show_panel);
  const standards::Pack* pack = w.catalog_->Find("llm-deploy-engineer");
  ASSERT_EQ(view->rubric.size(), pack->FindWork("senior", "")->functions.size());
  EXPECT_EQ(view->rubric[0].id, "function:" + pack->FindWork("senior", "")->functions[0].id);

  // Each examiner gives 75 % of every criterion → 75 of 100.
  for (const Actor* e : {&e1, &e2, &e3}) {
    std::map<std::string, double> scores;
    for (const auto& c : view->rubric) scores[c.id] = c.max_points * 0.75;
    auto r = svc.SubmitScores(*e, code1, scores, "t");
    ASSERT_TRUE(r.ok()) << r.status();
  }
  auto computed = svc.ComputeResults(w.admin_, review.id, "t");
  ASSERT_TRUE(computed.ok()) << computed.status();
  EXPECT_EQ(computed->pending_scripts, 2);  // c2 and c3 not yet scored
  ASSERT_EQ(computed->results.size(), 1u);
  const ResultView& r = computed->results[0];
  EXPECT_EQ(r.row.user_id, c1.user_id);
  EXPECT_EQ(r.row.level, "senior");
  EXPECT_EQ(r.row.plan_ids, std::vector<std::int64_t>{review.id});
  std::optional<double> review_score;
  for (const auto& sub : r.record.decision.subjects) {
    if (sub.subject == "review") review_score = sub.score;
  }
  ASSERT_TRUE(review_score.has_value());
  EXPECT_DOUBLE_EQ(*review_score, 75);
  // Theory and skill are still missing: the level is not granted on a review alone (002 review_levels).
  EXPECT_FALSE(r.row.passed);
  auto stored = w.scoring_->ListSubjectScores(review.id, c1.user_id);
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->at(0).attempt_id, 0);
  EXPECT_EQ(stored->at(0).subject, "review");
  EXPECT_DOUBLE_EQ(stored->at(0).total, 75);
  // Its detail (with the capability profile) still opens for the admin.
  EXPECT_TRUE(svc.GetResult(w.admin_, r.row.id).ok());
  auto chain = w.audit_->Verify();
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->ok);
}

TEST(ScoringServiceTest, Standard003NeedsBothSubjects) {
  World w("s003");
  Actor e1 = w.User("e1", {"examiner"}), e2 = w.User("e2", {"examiner"}), e3 = w.User("e3", {"examiner"});
  std::vector<std::int64_t> panel{e1.user_id, e2.user_id, e3.user_id};
  w.Items({Choice("a1", bank::ItemType::kSingleChoice, {"A"}, 60),
           Choice("a2", bank::ItemType::kSingleChoice, {"B"}, 40)});
  std::vector<bank::PaperItem> items{{"a1", 1, "", 60, "function:1"}, {"a2", 1, "", 40, "function:1"}};
  auto theory = w.Plan("ai-engineering-technician", "mid", "platform", "theory",
                       w.Paper("t003", "ai-engineering-technician", "mid", "theory", items), panel);
  auto skill = w.Plan("ai-engineering-technician", "mid", "platform", "skill",
                      w.Paper("s003", "ai-engineering-technician", "mid", "skill", items), panel);
  Actor pass = w.User("pass", {"candidate"}), fail = w.User("fail", {"candidate"});
  w.Sit(theory, pass, {{"a1", "A"}});               // 60
  w.Sit(skill, pass, {{"a1", "A"}, {"a2", "B"}});   // 100
  w.Sit(theory, fail, {{"a1", "A"}, {"a2", "B"}});  // 100
  w.Sit(skill, fail, {{"a2", "B"}});                // 40
  for (auto* p : {&theory, &skill}) ASSERT_TRUE(w.svc_->StartScoring(w.admin_, p->id, {}, "t").ok());
  ASSERT_TRUE(w.svc_->ComputeResults(w.admin_, theory.id, "t").ok());
  auto out = w.svc_->ComputeResults(w.admin_, skill.id, "t");
  ASSERT_TRUE(out.ok()) << out.status();
  std::map<std::int64_t, bool> passed;
  for (const auto& r : out->results) passed[r.row.user_id] = r.row.passed;
  EXPECT_TRUE(passed[pass.user_id]);
  EXPECT_FALSE(passed[fail.user_id]);
  auto all = w.svc_->ListResults(w.admin_, {});
  EXPECT_EQ(all->size(), 2u);  // one result per candidate, both plans
}

// 000: weighted dimensions; a missing dimension counts 0 and the result says so.
TEST(ScoringServiceTest, Standard000WeightedTotalPlacesTheGrade) {
  World w("s000");
  Actor e1 = w.User("e1", {"examiner"}), e2 = w.User("e2", {"examiner"}), e3 = w.User("e3", {"examiner"});
  std::vector<std::int64_t> panel{e1.user_id, e2.user_id, e3.user_id};
  w.Items({Choice("k1", bank::ItemType::kSingleChoice, {"A"}, 80, "dimension:knowledge"),
           Choice("k2", bank::ItemType::kSingleChoice, {"B"}, 20, "dimension:knowledge")});
  std::vector<bank::PaperItem> items{{"k1", 1, "", 80, "dimension:knowledge"},
                                     {"k2", 1, "", 20, "dimension:knowledge"}};
  auto written = w.Plan("llm-talent-capability", "mid", "architecture", "written",
                        w.Paper("w000", "llm-talent-capability", "mid", "written", items), panel);
  auto lab = w.Plan("llm-talent-capability", "mid", "architecture", "lab",
                    w.Paper("l000", "llm-talent-capability", "mid", "lab", items), panel);
  Actor c = w.User("c", {"candidate"});
  w.Sit(written, c, {{"k1", "A"}, {"k2", "B"}});  // 100
  w.Sit(lab, c, {{"k1", "A"}});                   // 80
  for (auto* p : {&written, &lab}) ASSERT_TRUE(w.svc_->StartScoring(w.admin_, p->id, {}, "t").ok());
  auto out = w.svc_->ComputeResults(w.admin_, lab.id, "t");
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_EQ(out->results.size(), 1u);
  const auto& d = out->results[0].record.decision;
  // 100 × 50% + 80 × 25% + 0 × 25% = 70 → placed in 中级, first band ≥ 60 → grade 4.
  ASSERT_TRUE(d.total.has_value());
  EXPECT_DOUBLE_EQ(*d.total, 70);
  EXPECT_TRUE(d.passed);
  EXPECT_EQ(d.grade, 4);
  EXPECT_NE(d.reasons.back().zh.find("按 0 分计"), std::string::npos);
  // Capability of a 000 result is per dimension; the org aggregate (admin) sees one person.
  ASSERT_TRUE(w.svc_->PublishPlan(w.admin_, lab.id, "t").ok());
  auto agg = w.svc_->OrgCapability(w.admin_, "llm-talent-capability", "mid");
  ASSERT_TRUE(agg.ok()) << agg.status();
  EXPECT_EQ(agg->people, 1);
  Actor org = w.User("org", {"org"});
  auto none = w.svc_->OrgCapability(org, "llm-talent-capability", "mid");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->people, 0);  // the candidate has no profile naming this organisation
  EXPECT_EQ(w.svc_->OrgCapability(c, "llm-talent-capability", "").status().reason(), "access.denied");
}

}  // namespace
}  // namespace kaoping::service
