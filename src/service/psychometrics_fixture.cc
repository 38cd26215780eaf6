#include "service/psychometrics_fixture.h"

#include <cmath>
#include <string>
#include <vector>

#include "base/random.h"

namespace kaoping::service {
namespace {

constexpr std::int64_t kMin = 60'000;

bank::Item BaseItem(const std::string& id, bank::ItemType type) {
  bank::Item it;
  it.id = id;
  it.type = type;
  it.status = bank::ItemStatus::kApproved;
  it.stem = "试题 " + id;
  it.alignment.standard = "llm-deploy-engineer";
  it.alignment.levels = {"mid"};
  it.alignment.exam_kind = "theory";
  it.author = "author";
  it.reviewer = "reviewer";
  it.synthetic = true;
  return it;
}

}  // namespace

Result<PsychometricsFixture> SeedPsychometricsExam(store::DeliveryStore& delivery, store::BankStore& bank,
                                                   const PsychometricsFixtureSpec& spec) {
  PsychometricsFixture fx;
  SeededRandom rng(spec.seed);
  const std::string& pre = spec.prefix;

  // ---- bank: items and paper ----
  std::vector<bank::Item> items;
  for (int i = 0; i < spec.choice_items; ++i) {
    char num[16];
    std::snprintf(num, sizeof num, "%03d", i + 1);
    bank::Item it = BaseItem(pre + "-sc-" + num, bank::ItemType::kSingleChoice);
    it.options = {{"A", "甲"}, {"B", "乙"}, {"C", "丙"}, {"D", "丁"}};
    it.answer = {"A"};
    items.push_back(std::move(it));
  }
  bank::Item tf = BaseItem(pre + "-tf", bank::ItemType::kTrueFalse);
  tf.options = {{"true", "对"}, {"false", "错"}};
  tf.answer = {"true"};
  items.push_back(tf);
  bank::Item fill = BaseItem(pre + "-fill", bank::ItemType::kFillIn);
  fill.blanks = {{"1", {"vLLM"}, 0}, {"2", {"KV cache", "KV 缓存"}, 0}};
  fill.points = 2;
  items.push_back(fill);
  bank::Item mc = BaseItem(pre + "-mc", bank::ItemType::kMultipleChoice);
  mc.options = {{"A", "甲"}, {"B", "乙"}, {"C", "丙"}};
  mc.answer = {"A", "C"};
  items.push_back(mc);
  bank::Item sa = BaseItem(pre + "-sa", bank::ItemType::kShortAnswer);
  sa.rubric = {{"r1", "要点", 5, "说明部署步骤"}};
  sa.points = 5;
  items.push_back(sa);
  KP_RETURN_IF_ERROR(bank.InsertItems(items, "author"));

  bank::Paper paper;
  paper.id = pre + "-paper";
  paper.title = "心理测量样例试卷";
  paper.standard = "llm-deploy-engineer";
  paper.level = "mid";
  paper.exam_kind = "theory";
  paper.duration_minutes = 90;
  paper.sections = {{"all", "全部试题", false, false}};
  for (const auto& it : items) {
    paper.items.push_back({it.id, 1, "all", it.points, "function:1"});
    fx.item_ids.push_back(it.id);
  }
  paper.created_by = "admin";
  paper.created_ms = spec.t0_ms;
  KP_RETURN_IF_ERROR(bank.SavePaper(paper));
  fx.paper_id = paper.id;

  // ---- delivery: plan, candidates, registrations ----
  store::AuditEntry audit;
  audit.at_ms = spec.t0_ms;
  audit.actor_login = "fixture";
  audit.action = "fixture.seed";
  const int persons = spec.candidates + spec.unsubmitted;
  std::vector<store::NewUser> new_users;
  for (int p = 0; p < persons; ++p) {
    new_users.push_back({pre + "-cand-" + std::to_string(p), "考生", "x", {"candidate"}, spec.t0_ms, false});
  }
  KP_ASSIGN_OR_RETURN(auto created_users, delivery.CreateUsers(new_users, audit));
  store::PlanRecord plan;
  plan.title = "心理测量样例";
  plan.standard = "llm-deploy-engineer";
  plan.level = "mid";
  plan.kind = "theory";
  plan.duration_minutes = 90;
  plan.created_ms = spec.t0_ms;
  store::SessionRecord room;
  room.room_code = "P1";
  room.room_name = "样例考场";
  room.capacity = persons;
  room.starts_ms = spec.t0_ms + 60 * kMin;
  plan.sessions.push_back(room);
  KP_ASSIGN_OR_RETURN(plan, delivery.CreatePlan(plan, audit));
  KP_RETURN_IF_ERROR(delivery.SetPlanPaper(plan.id, paper.id, audit));
  fx.plan_id = plan.id;

  std::vector<store::AttemptRecord> attempts;
  for (const auto& u : created_users) {
    store::RegistrationRecord r;
    r.plan_id = plan.id;
    r.user_id = u.id.value();
    r.status = store::RegistrationStatus::kApproved;
    r.verdict = "eligible";
    r.explanation = "{}";
    r.created_ms = spec.t0_ms;
    KP_ASSIGN_OR_RETURN(r, delivery.CreateRegistration(r, audit));
    store::AttemptRecord a;
    a.registration_id = r.id;
    a.plan_id = plan.id;
    a.session_id = r.session_id;
    a.user_id = r.user_id;
    a.paper_id = paper.id;
    a.seed = 1;
    for (const auto& it : items) {
      std::vector<std::string> order;
      for (const auto& o : it.options) order.push_back(o.id);
      a.items.push_back({it.id, 1, "all", it.points, order});
    }
    a.state.duration_ms = 90 * kMin;
    a.created_ms = spec.t0_ms;
    attempts.push_back(std::move(a));
  }
  KP_ASSIGN_OR_RETURN(attempts, delivery.CreateAttempts(attempts));

  // ---- answers from a 2PL model, written through the group commit ----
  const int n = spec.choice_items + 3;  // modelled items: choice, true/false, fill-in, multiple
  std::vector<double> a_par(n), b_par(n);
  for (int i = 0; i < n; ++i) {
    a_par[i] = 0.8 + 0.8 * rng.UniformDouble();
    b_par[i] = -1.5 + 3.0 * i / std::max(1, n - 1);
  }
  const std::int64_t start = room.starts_ms + kMin;
  const delivery::StartWindow window{room.starts_ms, room.starts_ms + 30 * kMin, false};
  std::vector<store::AttemptOp> ops;
  auto flush = [&]() -> Status {
    if (ops.empty()) return Status();
    auto results = delivery.ApplyAttemptOps(ops);
    for (const auto& r : results) KP_RETURN_IF_ERROR(r.status);
    ops.clear();
    return Status();
  };
  for (std::size_t p = 0; p < attempts.size(); ++p) {
    const auto& at = attempts[p];
    const bool submit = static_cast<int>(p) < spec.candidates;
    const double theta = rng.Normal();
    store::AttemptOp op;
    op.attempt_id = at.id;
    op.user_id = at.user_id;
    op.now_ms = start;
    op.window = window;
    op.kind = store::AttemptOp::Kind::kStart;
    ops.push_back(op);
    op.kind = store::AttemptOp::Kind::kSave;
    auto correct = [&](int i) {
      const double pr = 1.0 / (1.0 + std::exp(-a_par[i] * (theta - b_par[i])));
      return rng.UniformDouble() < pr;
    };
    for (int i = 0; i < n; ++i) {
      const auto& it = items[static_cast<std::size_t>(i)];
      op.item_id = it.id;
      op.sequence = 1;
      op.now_ms = start + 1000 + i;
      if (it.type == bank::ItemType::kSingleChoice) {
        if (rng.UniformDouble() < 0.03) continue;  // left unanswered
        const char* wrong = rng.UniformDouble() < 0.6 ? "B" : (rng.UniformDouble() < 0.5 ? "C" : "D");
        op.response = std::string("{\"choice\":[\"") + (correct(i) ? "A" : wrong) + "\"]}";
      } else if (it.type == bank::ItemType::kTrueFalse) {
        op.response = correct(i) ? "{\"choice\":\"true\"}" : "{\"choice\":\"false\"}";
      } else if (it.type == bank::ItemType::kFillIn) {
        const bool first = correct(i);
        const bool second = first && correct(i);
        op.response = std::string("{\"blanks\":[\"") + (first ? "vllm" : "tgi") + "\",\"" +
                      (second ? "KV cache" : "显存") + "\"]}";
      } else {
        op.response = correct(i) ? "{\"choice\":[\"A\",\"C\"]}" : "{\"choice\":[\"A\"]}";
      }
      ops.push_back(op);
    }
    op.item_id = items.back().id;  // the short answer: free text
    op.response = "\"先量化模型，再用 vLLM 部署\"";
    ops.push_back(op);
    if (submit) {
      op.kind = store::AttemptOp::Kind::kSubmit;
      op.now_ms = start + 60 * kMin;
      op.submit_kind = "candidate";
      op.item_id.clear();
      ops.push_back(op);
      fx.submitted_attempts.push_back(at.id);
      fx.thetas.push_back(theta);
    }
    if (ops.size() > 4000) KP_RETURN_IF_ERROR(flush());
  }
  KP_RETURN_IF_ERROR(flush());
  return fx;
}

}  // namespace kaoping::service
