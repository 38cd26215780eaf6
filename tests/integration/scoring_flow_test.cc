// The scoring journey against the real server (issue #6): two candidates sit a 中级 theory and a
// skill (实操) exam of 002 → the admin starts scoring → three examiners score the practical
// scripts blind (one spread too large → the chief adjudicates) → compute → review → publish →
// the candidate reads their own result with its capability profile, while another candidate and
// an examiner get 404s.
#include <cstdio>

#include <sys/wait.h>

#include <gtest/gtest.h>

#include "integration/harness.h"

namespace kaoping::integration {
namespace {

std::string S(std::int64_t v) {
  return std::to_string(v);
}

bank::Item Approved(bank::Item it) {
  it.status = bank::ItemStatus::kApproved;
  it.alignment.standard = "llm-deploy-engineer";
  it.alignment.levels = {"mid"};
  return it;
}

// Saves a paper of `items` (already in the bank) for 002 中级 `kind`.
void SavePaper(Harness& h, const std::string& id, const std::string& kind,
               const std::vector<bank::Item>& items) {
  bank::Paper p;
  p.id = id;
  p.title = id;
  p.standard = "llm-deploy-engineer";
  p.level = "mid";
  p.exam_kind = kind;
  p.duration_minutes = kind == "skill" ? 120 : 90;
  p.sections.push_back(bank::PaperSection{"all", "全部", false, false});
  for (const auto& it : items)
    p.items.push_back(bank::PaperItem{it.id, it.version, "all", it.points, it.alignment.function});
  p.created_ms = kT0;
  ASSERT_TRUE(h.bank().SavePaper(p).ok());
}

// Runs the real `kaoping` binary; returns stdout+stderr and the exit code.
std::pair<std::string, int> RunCli(const std::string& args) {
  std::string cmd = std::string(KAOPING_BINARY_DIR) + "/kaoping " + args + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (p && std::fgets(buf, sizeof(buf), p)) out += buf;
  int status = p ? ::pclose(p) : -1;
  return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

struct Sitting {
  std::int64_t theory = 0, skill = 0;  // attempt ids
};

TEST(ScoringFlowTest, FromSubmissionToAPublishedResultWithProfile) {
  Harness h;
  std::string admin = h.TokenFor("admin");
  std::int64_t p1 = h.CreateUser("proctor1", {"proctor"}), p2 = h.CreateUser("proctor2", {"proctor"});
  std::int64_t e1 = h.CreateUser("examiner1", {"examiner"}), e2 = h.CreateUser("examiner2", {"examiner"}),
               e3 = h.CreateUser("examiner3", {"examiner"});
  h.CreateUser("examiner.other", {"examiner"});

  // The bank: a theory paper (single choice 60 + true/false 40) and a skill paper (one practical task).
  bank::Item s1;
  s1.id = "it-s1";
  s1.type = bank::ItemType::kSingleChoice;
  s1.stem = "vLLM 的核心显存管理技术是？";
  s1.options = {{"A", "PagedAttention"}, {"B", "FlashAttention"}, {"C", "LoRA"}, {"D", "RLHF"}};
  s1.answer = {"A"};
  s1.points = 60;
  s1.alignment.function = "function:1";
  bank::Item t1;
  t1.id = "it-t1";
  t1.type = bank::ItemType::kTrueFalse;
  t1.stem = "张量并行会切分模型权重。";
  t1.options = {{"true", "对"}, {"false", "错"}};
  t1.answer = {"true"};
  t1.points = 40;
  t1.alignment.function = "function:4";
  bank::Item pr;
  pr.id = "it-p1";
  pr.type = bank::ItemType::kPractical;
  pr.stem = "部署推理服务并完成压测";
  pr.task = bank::PracticalTask{"使用 vLLM 部署 7B 模型，完成压测并提交报告", {"model.bin"}, 90};
  pr.reference_answer = "启动参数、压测脚本与结论";
  pr.points = 100;
  pr.rubric = {{"c1", "部署正确", 50, ""}, {"c2", "压测方法", 30, ""}, {"c3", "报告质量", 20, ""}};
  pr.alignment.function = "function:2";
  std::vector<bank::Item> theory_items{Approved(s1), Approved(t1)}, skill_items{Approved(pr)};
  ASSERT_TRUE(h.bank().InsertItems({theory_items[0], theory_items[1], skill_items[0]}, "it").ok());
  SavePaper(h, "it-theory", "theory", theory_items);
  SavePaper(h, "it-skill", "skill", skill_items);

  // Two plans, the same room staff; the skill exam needs an odd panel of ≥ 3 examiners.
  auto make_plan = [&](const std::string& kind, const std::string& paper) {
    Json body = h.PlanBody({p1, p2}, {e1, e2, e3}, kT0 - kMinute, 30, kind == "skill" ? 120 : 90);
    body["kind"] = kind;
    body["title"] = "大模型部署工程师（中级）" + std::string(kind == "skill" ? "技能操作" : "理论知识");
    auto plan = h.Post("/api/v1/plans", body, admin);
    EXPECT_EQ(plan.status, 201) << plan.body;
    std::int64_t id = plan.json.value("id", 0);
    EXPECT_EQ(h.Put("/api/v1/plans/" + S(id) + "/paper", Json{{"paper_id", paper}}, admin).status, 200);
    return id;
  };
  std::int64_t theory = make_plan("theory", "it-theory");
  std::int64_t skill = make_plan("skill", "it-skill");

  // Candidates: register for both, start, answer, submit.
  auto sit = [&](const std::string& login, const std::string& id17, const Json& s1_answer,
                 const std::string& report) {
    h.CreateUser(login, {"candidate"});
    std::string token = h.TokenFor(login);
    EXPECT_EQ(
        h.Put("/api/v1/me/profile", Harness::EligibleProfile("考生" + login, IdNumber(id17)), token).status,
        200);
    Sitting s;
    for (std::int64_t plan : {theory, skill}) {
      auto reg = h.Post("/api/v1/plans/" + S(plan) + "/registrations", Json(), token);
      EXPECT_EQ(reg.status, 201) << reg.body;
    }
    auto list = h.Get("/api/v1/attempts", token);
    for (const auto& a : list.json["attempts"]) {
      (a.value("plan_id", 0) == theory ? s.theory : s.skill) = a.value("id", 0);
    }
    for (std::int64_t att : {s.theory, s.skill}) {
      EXPECT_EQ(h.Post("/api/v1/attempts/" + S(att) + "/start", Json(), token).status, 200);
    }
    auto put = [&](std::int64_t att, const std::string& item, const Json& response) {
      auto r = h.Put("/api/v1/attempts/" + S(att) + "/answers/" + item,
                     Json{{"sequence", 1}, {"response", response}}, token);
      EXPECT_EQ(r.status, 200) << r.body;
    };
    put(s.theory, "it-s1", s1_answer);
    put(s.theory, "it-t1", true);
    put(s.skill, "it-p1", report);
    for (std::int64_t att : {s.theory, s.skill}) {
      EXPECT_EQ(h.Post("/api/v1/attempts/" + S(att) + "/submit", Json(), token).status, 200);
    }
    return std::make_pair(token, s);
  };
  auto [token_a, sit_a] =
      sit("cand.a", "11010519700101123", Json{{"choice", {"A"}}}, "A 的压测报告");  // theory 100
  auto [token_b, sit_b] = sit("cand.b", "11010519700101124", "B", "B 的压测报告");  // theory 40

  // Scoring starts: objective items scored, two anonymous practical scripts for the panel.
  auto started = h.Post("/api/v1/plans/" + S(skill) + "/scoring/start", Json::object(), admin);
  ASSERT_EQ(started.status, 200) << started.body;
  EXPECT_EQ(started.json.value("scripts_total", 0), 2);
  EXPECT_EQ(started.json.value("chief", 0), e1);
  ASSERT_EQ(
      h.Post("/api/v1/plans/" + S(theory) + "/scoring/start",
             Json{{"multiple_choice", "partial"}, {"spread", {{"kind", "fraction"}, {"value", 0.2}}}}, admin)
          .status,
      200);
  EXPECT_EQ(
      h.Post("/api/v1/plans/" + S(skill) + "/scoring/start", Json{{"multiple_choice", "most"}}, admin).status,
      400);

  std::map<std::string, std::string> tok{{"examiner1", h.TokenFor("examiner1")},
                                         {"examiner2", h.TokenFor("examiner2")},
                                         {"examiner3", h.TokenFor("examiner3")},
                                         {"other", h.TokenFor("examiner.other")}};
  auto mine = h.Get("/api/v1/scoring/scripts", tok["examiner2"]);
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json["scripts"].size(), 2u);
  EXPECT_EQ(mine.json["scripts"][0].value("mine", ""), "pending");
  // Which script is whose: known to the test through the store only (never through the API).
  std::string script_a, script_b;
  auto scripts = h.scoring_store().ListScripts(skill, 0);
  ASSERT_TRUE(scripts.ok());
  for (const auto& s : *scripts) (s.attempt_id == sit_a.skill ? script_a : script_b) = s.code;
  ASSERT_FALSE(script_a.empty());
  ASSERT_FALSE(script_b.empty());

  auto score = [&](const std::string& who, const std::string& script, double c1, double c2, double c3) {
    return h.Post("/api/v1/scoring/scripts/" + script + "/scores",
                  Json{{"scores", {{"c1", c1}, {"c2", c2}, {"c3", c3}}}}, tok[who]);
  };
  ASSERT_EQ(score("examiner1", script_a, 30, 20, 10).status, 200);
  // Blind: examiner2 sees the answer and the rubric, not examiner1's scores, never the candidate.
  auto blind = h.Get("/api/v1/scoring/scripts/" + script_a, tok["examiner2"]);
  ASSERT_EQ(blind.status, 200) << blind.body;
  EXPECT_FALSE(blind.json.contains("criteria"));
  EXPECT_TRUE(blind.json["mine"].is_null());
  EXPECT_EQ(blind.json["response"], "A 的压测报告");
  EXPECT_EQ(blind.json["item"].value("reference_answer", ""), "启动参数、压测脚本与结论");
  EXPECT_EQ(blind.body.find("cand.a"), std::string::npos);
  EXPECT_EQ(blind.body.find("考生"), std::string::npos);
  EXPECT_EQ(blind.body.find("user_id"), std::string::npos);
  EXPECT_EQ(h.Get("/api/v1/scoring/scripts/" + script_a, tok["other"]).status, 404);
  EXPECT_EQ(h.Get("/api/v1/scoring/scripts/" + script_a, token_a).status, 403);
  EXPECT_EQ(score("other", script_a, 30, 20, 10).status, 404);
  auto out_of_range = score("examiner2", script_a, 51, 20, 10);
  EXPECT_EQ(out_of_range.status, 400);
  EXPECT_EQ(out_of_range.json.value("code", ""), "scoring.bad_score");
  auto after = score("examiner2", script_a, 30, 20, 10);
  ASSERT_EQ(after.status, 200);
  EXPECT_TRUE(after.json.contains("criteria"));  // once submitted, the panel so far is visible
  EXPECT_EQ(score("examiner2", script_a, 30, 20, 10).json.value("code", ""), "scoring.already_submitted");
  ASSERT_EQ(score("examiner3", script_a, 30, 20, 10).status, 200);

  ASSERT_EQ(score("examiner1", script_b, 40, 25, 5).status, 200);
  ASSERT_EQ(score("examiner2", script_b, 40, 25, 5).status, 200);
  ASSERT_EQ(score("examiner3", script_b, 40, 25, 15).status, 200);  // c3 spread 10 > 4
  auto queue = h.Get("/api/v1/scoring/adjudication", tok["examiner1"]);
  ASSERT_EQ(queue.status, 200);
  ASSERT_EQ(queue.json["items"].size(), 1u);
  EXPECT_EQ(queue.json["items"][0].value("script", ""), script_b);
  EXPECT_EQ(queue.json["items"][0].value("criterion", ""), "c3");
  EXPECT_EQ(h.Get("/api/v1/scoring/adjudication", tok["examiner2"]).json["items"].size(), 0u);
  EXPECT_EQ(h.Post("/api/v1/scoring/scripts/" + script_b + "/adjudicate",
                   Json{{"criterion", "c3"}, {"score", 5}, {"reason", ""}}, tok["examiner1"])
                .status,
            400);
  auto adj = h.Post("/api/v1/scoring/scripts/" + script_b + "/adjudicate",
                    Json{{"criterion", "c3"}, {"score", 5}, {"reason", "对照报告复核"}}, tok["examiner1"]);
  ASSERT_EQ(adj.status, 200) << adj.body;
  EXPECT_EQ(adj.json.value("state", ""), "final");
  EXPECT_EQ(adj.json.value("total", 0.0), 70);
  auto progress = h.Get("/api/v1/plans/" + S(skill) + "/scoring", tok["examiner1"]);
  ASSERT_EQ(progress.status, 200);
  EXPECT_EQ(progress.json.value("scripts_final", 0), 2);
  EXPECT_EQ(h.Get("/api/v1/plans/" + S(skill) + "/scoring", tok["examiner2"]).status, 404);  // not the chief

  // Compute both plans; A: theory 100, skill 60 → passes; B: theory 40, skill 70 → fails.
  ASSERT_EQ(h.Post("/api/v1/plans/" + S(theory) + "/results/compute", Json::object(), admin).status, 200);
  auto computed = h.Post("/api/v1/plans/" + S(skill) + "/results/compute", Json::object(), admin);
  ASSERT_EQ(computed.status, 200) << computed.body;
  EXPECT_EQ(computed.json.value("pending_scripts", -1), 0);
  ASSERT_EQ(computed.json["results"].size(), 2u);
  std::int64_t result_a = 0, result_b = 0;
  for (const auto& r : computed.json["results"]) {
    bool is_a = r["candidate_name"] == "考生cand.a";
    (is_a ? result_a : result_b) = r.value("id", 0);
    EXPECT_EQ(r.value("state", ""), "computed");
    EXPECT_EQ(r.value("passed", !is_a), is_a);
    EXPECT_EQ(r["subjects"].size(), 2u);
  }
  ASSERT_GT(result_a, 0);
  ASSERT_GT(result_b, 0);
  EXPECT_EQ(h.Get("/api/v1/results/" + S(result_a), token_a).status, 404);  // not yet published

  auto reviewed = h.Post("/api/v1/results/" + S(result_a) + "/review", Json::object(), admin);
  ASSERT_EQ(reviewed.status, 200) << reviewed.body;
  EXPECT_EQ(reviewed.json.value("state", ""), "reviewed");
  auto published = h.Post("/api/v1/results/" + S(result_a) + "/publish", Json::object(), admin);
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.json.value("state", ""), "published");
  // The rest of the plan through the CLI, on the same database file (the real binary).
  auto [cli_out, cli_exit] =
      RunCli("results publish --plan " + S(skill) + " --json --data " + h.dir().string());
  ASSERT_EQ(cli_exit, 0) << cli_out;
  Json cli = Json::parse(cli_out, nullptr, false);
  ASSERT_FALSE(cli.is_discarded()) << cli_out;
  EXPECT_EQ(cli.value("published", 0), 1);
  ASSERT_EQ(cli["results"].size(), 1u);
  EXPECT_EQ(cli["results"][0].value("id", 0), result_b);
  EXPECT_EQ(cli["results"][0].value("state", ""), "published");
  auto [again_out, again_exit] = RunCli("results compute --plan 999 --data " + h.dir().string());
  EXPECT_EQ(again_exit, 2) << again_out;  // unknown plan: bad input
  EXPECT_NE(again_out.find("考试计划 999 不存在"), std::string::npos) << again_out;

  // The candidate reads their own result and capability profile.
  auto own = h.Get("/api/v1/results/" + S(result_a), token_a);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_TRUE(own.json.value("passed", false));
  EXPECT_EQ(own.json.value("level_name", ""), "中级");
  EXPECT_EQ(own.json.value("candidate_name", ""), "考生cand.a");
  ASSERT_TRUE(own.json["profile"].is_object()) << own.body;
  EXPECT_FALSE(own.json["profile"]["functions"].empty());
  EXPECT_FALSE(own.json["profile"]["sentences"].empty());
  auto cap = h.Get("/api/v1/me/capability", token_a);
  ASSERT_EQ(cap.status, 200) << cap.body;
  EXPECT_EQ(cap.json.value("result_id", 0), result_a);
  auto list = h.Get("/api/v1/results", token_a);
  ASSERT_EQ(list.json["results"].size(), 1u);
  EXPECT_EQ(list.json["results"][0].value("id", 0), result_a);

  // Another candidate and an examiner get 404s; candidates cannot compute.
  EXPECT_EQ(h.Get("/api/v1/results/" + S(result_a), token_b).status, 404);
  EXPECT_EQ(h.Get("/api/v1/results/" + S(result_b), token_a).status, 404);
  EXPECT_EQ(h.Get("/api/v1/results/" + S(result_a), tok["examiner1"]).status, 404);
  EXPECT_EQ(h.Get("/api/v1/results/" + S(result_a + 1000), token_a).status, 404);
  EXPECT_EQ(h.Post("/api/v1/plans/" + S(skill) + "/results/compute", Json::object(), token_a).status, 403);
  EXPECT_EQ(h.Get("/api/v1/results/" + S(result_a) + "/history", token_a).status, 403);
  // Admin-side: the masked name for nobody but admin/owner is checked in the service tests;
  // the history records the lifecycle.
  auto hist = h.Get("/api/v1/results/" + S(result_a) + "/history", admin);
  ASSERT_EQ(hist.status, 200);
  std::vector<std::string> actions;
  for (const auto& e : hist.json["history"]) actions.push_back(e.value("action", ""));
  // computed with the theory plan, recomputed when the skill plan's scores arrived, reviewed, published.
  EXPECT_EQ(actions, (std::vector<std::string>{"computed", "recomputed", "reviewed", "published"}));
  // Certificates come from the real published results: only the pass gets one, in a batch for the
  // plan; the candidate sees it on the result and anyone can verify it by number.
  auto refused = h.Post("/api/v1/results/" + S(result_b) + "/certificate", Json::object(), admin);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.json.value("code", ""), "certificates.not_passed");
  auto batch = h.Post("/api/v1/plans/" + S(skill) + "/certificates", Json::object(), admin);
  ASSERT_EQ(batch.status, 200) << batch.body;
  ASSERT_EQ(batch.json["issued"].size(), 1u) << batch.body;
  const std::string number = batch.json["issued"][0].value("number", "");
  EXPECT_EQ(batch.json["issued"][0].value("result_id", 0), result_a);
  auto again_issue = h.Post("/api/v1/results/" + S(result_a) + "/certificate", Json::object(), admin);
  ASSERT_EQ(again_issue.status, 200) << again_issue.body;
  EXPECT_EQ(again_issue.json.value("number", ""), number) << "issuing is idempotent per result";
  auto own_certs = h.Get("/api/v1/certificates", token_a);
  ASSERT_EQ(own_certs.json["certificates"].size(), 1u) << own_certs.body;
  EXPECT_EQ(h.Get("/api/v1/results/" + S(result_a), token_a).json.value("certificate", ""), number);
  EXPECT_TRUE(h.Get("/api/v1/certificates", token_b).json["certificates"].empty());
  auto verified = h.Call(bhttp::verb::get, "/api/v1/verify/" + number);
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.json.value("state", ""), "valid") << verified.body;
  EXPECT_EQ(verified.json.value("level", ""), "中级") << verified.body;

  auto correct = h.Post("/api/v1/results/" + S(result_a) + "/correct", Json{{"reason", ""}}, admin);
  EXPECT_EQ(correct.status, 400);
  EXPECT_EQ(correct.json.value("code", ""), "result.reason_required");
  auto chain = h.Get("/api/v1/audit/verify", admin);
  EXPECT_EQ(chain.status, 200);
  EXPECT_TRUE(chain.json.value("ok", false)) << chain.body;
}

// Comprehensive review (综合评审, 002 senior): approved candidates submit achievements to a plan of
// kind "review"; each sees only their own, a stranger gets the plan's 404, the admin sees all.
TEST(ScoringFlowTest, ReviewAchievementsOverHttp) {
  Harness h;
  std::string admin = h.TokenFor("admin");
  std::int64_t p1 = h.CreateUser("proctor1", {"proctor"}), p2 = h.CreateUser("proctor2", {"proctor"});
  std::int64_t e1 = h.CreateUser("examiner1", {"examiner"}), e2 = h.CreateUser("examiner2", {"examiner"}),
               e3 = h.CreateUser("examiner3", {"examiner"});
  Json body = h.PlanBody({p1, p2}, {e1, e2, e3}, kT0 + 60 * kMinute, 30, 120);
  body["kind"] = "review";
  body["level"] = "senior";
  body["title"] = "大模型部署工程师（高级）综合评审";
  auto plan = h.Post("/api/v1/plans", body, admin);
  ASSERT_EQ(plan.status, 201) << plan.body;
  std::int64_t review = plan.json.value("id", 0);

  auto candidate = [&](const std::string& login, const std::string& id17, bool reg) {
    h.CreateUser(login, {"candidate"});
    std::string token = h.TokenFor(login);
    EXPECT_EQ(
        h.Put("/api/v1/me/profile", Harness::EligibleProfile("考生" + login, IdNumber(id17)), token).status,
        200);
    if (!reg) return token;
    auto r = h.Post("/api/v1/plans/" + S(review) + "/registrations", Json(), token);
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.json.value("status", "") != "approved") {
      auto d = h.Post("/api/v1/registrations/" + S(r.json.value("id", 0)) + "/decision",
                      Json{{"decision", "approve"}, {"reason", "材料齐全，同意参加综合评审"}}, admin);
      EXPECT_EQ(d.status, 200) << d.body;
    }
    return token;
  };
  std::string a = candidate("rev.a", "11010519700101123", true);
  std::string b = candidate("rev.b", "11010519700101124", true);
  std::string c = candidate("rev.c", "11010519700101125", false);

  std::string path = "/api/v1/plans/" + S(review) + "/achievements";
  auto first = h.Post(
      path, Json{{"kind", "project"}, {"title", "千卡推理集群上线"}, {"summary", "负责部署与扩缩容。"}}, a);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json.value("kind", ""), "project");
  EXPECT_FALSE(first.json.contains("user_id"));
  ASSERT_EQ(h.Post(path, Json{{"kind", "patent"}, {"title", "一种推理调度方法"}}, b).status, 201);
  auto bad = h.Post(path, Json{{"kind", "poem"}, {"title", "诗"}}, a);
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.json.value("code", ""), "achievement.bad_kind") << bad.body;
  EXPECT_EQ(h.Post(path, Json{{"kind", "project"}, {"title", "项目"}}, c).status, 404);

  auto mine = h.Get(path, a);
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json["achievements"].size(), 1u);
  EXPECT_EQ(mine.json["achievements"][0].value("title", ""), "千卡推理集群上线");
  auto theirs = h.Get(path, b);
  ASSERT_EQ(theirs.json["achievements"].size(), 1u);
  EXPECT_EQ(theirs.json["achievements"][0].value("title", ""), "一种推理调度方法");  // never A's
  EXPECT_EQ(h.Get(path, c).status,
            404);  // not registered: another candidate's achievements are not probeable
  EXPECT_EQ(h.Get(path, h.TokenFor("examiner1")).status, 404);
  auto all = h.Get(path, admin);
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.json["achievements"].size(), 2u);
  EXPECT_TRUE(all.json["achievements"][0].contains("user_id"));
}

}  // namespace
}  // namespace kaoping::integration
