// The access matrix: every delivery/auth route × every role against the real server, proving
// that no role reads or changes what it must not — including another candidate's attempt
// reached by guessing its id. A role outside a route's "allowed" set must get 401 (no
// credentials), 403 (the role can never do it) or 404 (it exists but is not theirs), and the
// exam's state must be exactly as before; an allowed role must not be refused (a 409 for a
// state conflict is fine). Nobody ever gets a 5xx.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "integration/harness.h"
#include "service/psychometrics_fixture.h"

namespace kaoping::integration {
namespace {

std::string S(std::int64_t v) {
  return std::to_string(v);
}

struct RouteRule {
  std::set<std::string> allowed;  // role names below; "*" = every authenticated role
  bool skip = false;              // public or self-service routes, covered by the flow tests
  int order = 0;                  // destructive routes run last
};

// The delivery and account routes and who may use them on candidate A's objects.
std::map<std::string, RouteRule> Rules() {
  const std::set<std::string> all = {"*"};
  return {
      {"POST /api/v1/auth/login", {{}, true}},
      {"POST /api/v1/auth/logout", {{}, true}},
      {"POST /api/v1/auth/password", {{}, true}},
      {"POST /api/v1/auth/signup", {{}, true}},
      {"GET /api/v1/auth/me", {all}},
      {"GET /api/v1/users", {{"admin"}}},
      {"POST /api/v1/users", {{"admin"}}},
      {"POST /api/v1/users/bulk", {{"admin"}}},
      {"PUT /api/v1/users/{id}/roles", {{"admin"}}},
      {"GET /api/v1/me/profile", {{"candidate", "candidate_other"}}},
      {"PUT /api/v1/me/profile", {{"candidate", "candidate_other"}}},
      {"GET /api/v1/users/{id}/profile", {{"candidate", "proctor", "admin"}}},
      {"POST /api/v1/plans/check", {{"admin"}}},
      {"POST /api/v1/plans", {{"admin"}}},
      {"GET /api/v1/plans", {all}},
      {"GET /api/v1/plans/{id}", {all}},
      {"PUT /api/v1/plans/{id}/paper", {{"admin"}}},
      {"POST /api/v1/plans/{plan}/certificates", {{"admin"}}},
      {"POST /api/v1/plans/{id}/attempts", {{"admin"}}},
      {"POST /api/v1/plans/{id}/registrations", {{"candidate", "candidate_other"}}},
      {"GET /api/v1/registrations", {{"candidate", "candidate_other", "admin"}}},
      {"GET /api/v1/registrations/{id}", {{"candidate", "proctor", "examiner", "admin"}}},
      {"POST /api/v1/registrations/{id}/decision", {{"admin"}}},
      {"GET /api/v1/registrations/{id}/ticket", {{"candidate", "proctor", "examiner", "admin"}}},
      {"GET /api/v1/attempts", {{"candidate", "candidate_other", "admin"}}},
      {"GET /api/v1/attempts/{id}", {{"candidate", "proctor", "examiner", "admin"}}},
      {"GET /api/v1/attempts/{id}/items", {{"candidate"}}},
      {"POST /api/v1/attempts/{id}/start", {{"candidate"}}},
      {"PUT /api/v1/attempts/{id}/answers/{item}", {{"candidate"}}},
      {"PUT /api/v1/attempts/{id}/flags/{item}", {{"candidate"}}},
      {"POST /api/v1/attempts/{id}/submit", {{"candidate"}, false, 2}},
      {"POST /api/v1/attempts/{id}/proctor/{action}", {{"proctor", "admin"}, false, 1}},
      {"GET /api/v1/attempts/{id}/events", {{"proctor", "examiner", "admin"}}},
      {"GET /api/v1/attempts/{id}/review", {{"examiner", "admin"}}},
      {"GET /api/v1/audit", {{"admin", "auditor"}}},
      {"GET /api/v1/audit/verify", {{"admin", "auditor"}}},
      // Scoring and results on A's plan (issue #6). examiner1 is the plan's chief examiner (first
      // examiner of the first room); the other scoring/results routes are covered by
      // scoring_flow_test.cc, which walks them with real scripts and results.
      {"POST /api/v1/plans/{id}/scoring/start", {{"admin"}}},
      // Achievements (综合评审): A's plan is not a review plan, so the registered candidates get
      // 409 "achievement.not_review"; everyone else the plan's 404.
      {"POST /api/v1/plans/{id}/achievements", {{"candidate", "candidate_other"}}},
      {"GET /api/v1/plans/{id}/achievements", {{"candidate", "candidate_other", "admin"}}},
      {"GET /api/v1/plans/{id}/scoring", {{"admin", "examiner"}}},
      {"POST /api/v1/plans/{id}/results/compute", {{"admin"}}},
      {"POST /api/v1/plans/{id}/results/publish", {{"admin"}}},
      {"POST /api/v1/plans/{id}/rescore", {{"admin"}}},
      {"GET /api/v1/me/capability", {{}, true}},  // self-service: the candidate's own profile (flow test)
  };
}

bool IsDeliveryRoute(const std::string& pattern) {
  for (const char* p : {"/api/v1/auth", "/api/v1/users", "/api/v1/me/", "/api/v1/plans",
                        "/api/v1/registrations", "/api/v1/attempts", "/api/v1/audit"}) {
    if (pattern.rfind(p, 0) == 0) return true;
  }
  return false;
}

bhttp::verb Verb(http::Method m) {
  switch (m) {
    case http::Method::kGet:
      return bhttp::verb::get;
    case http::Method::kPost:
      return bhttp::verb::post;
    case http::Method::kPut:
      return bhttp::verb::put;
    case http::Method::kPatch:
      return bhttp::verb::patch;
    case http::Method::kDelete:
      return bhttp::verb::delete_;
    default:
      return bhttp::verb::get;
  }
}

std::string Replace(std::string s, const std::string& what, const std::string& with) {
  auto pos = s.find(what);
  if (pos != std::string::npos) s.replace(pos, what.size(), with);
  return s;
}

TEST(AccessMatrixTest, EveryRouteTimesEveryRole) {
  Harness h;
  ExamSetup exam = SetUpExam(h, kT0 - kMinute);
  CandidateSetup a = AddCandidate(h, exam, "cand.a", "11010519700101123");
  CandidateSetup b = AddCandidate(h, exam, "cand.b", "11010519700101124");
  // Staff of ANOTHER plan: real proctors/examiners, but not of A's room.
  std::int64_t po1 = h.CreateUser("proctor.other1", {"proctor"});
  std::int64_t po2 = h.CreateUser("proctor.other2", {"proctor"});
  std::int64_t eo = h.CreateUser("examiner.other", {"examiner"});
  auto other_plan = h.Post("/api/v1/plans", h.PlanBody({po1, po2}, {eo}, kT0), exam.admin);
  ASSERT_EQ(other_plan.status, 201) << other_plan.body;
  h.CreateUser("author1", {"author"});
  h.CreateUser("reviewer1", {"reviewer"});
  h.CreateUser("org1", {"org"});
  h.CreateUser("auditor1", {"auditor"});

  std::map<std::string, std::string> tokens = {
      {"anonymous", ""},
      {"admin", exam.admin},
      {"author", h.TokenFor("author1")},
      {"reviewer", h.TokenFor("reviewer1")},
      {"proctor", h.TokenFor("proctor1")},
      {"proctor_other", h.TokenFor("proctor.other1")},
      {"examiner", h.TokenFor("examiner1")},
      {"examiner_other", h.TokenFor("examiner.other")},
      {"candidate", a.token},
      {"candidate_other", b.token},
      {"org", h.TokenFor("org1")},
      {"auditor", h.TokenFor("auditor1")},
  };

  // A starts and answers, B starts too (B's state must never move through A's ids).
  ASSERT_EQ(h.Post("/api/v1/attempts/" + S(a.attempt_id) + "/start", Json(), a.token).status, 200);
  ASSERT_EQ(h.Post("/api/v1/attempts/" + S(b.attempt_id) + "/start", Json(), b.token).status, 200);
  auto items = h.Get("/api/v1/attempts/" + S(a.attempt_id) + "/items", a.token);
  ASSERT_EQ(items.status, 200);
  std::string item = items.json["items"][0].value("item_id", "");
  ASSERT_EQ(h.Put("/api/v1/attempts/" + S(a.attempt_id) + "/answers/" + item,
                  Json{{"sequence", 1}, {"response", "A"}}, a.token)
                .status,
            200);

  // Everything a forbidden call could change, as the stores see it.
  auto snapshot = [&] {
    Json s;
    auto att = h.store().GetAttempt(a.attempt_id);
    s["a_status"] = delivery::AttemptStatusName(att->state.status);
    s["a_extension"] = att->state.extension_ms;
    auto answers = h.store().GetAnswers(a.attempt_id);
    for (const auto& ans : *answers) {
      s["a_answers"].push_back({ans.item_id, ans.sequence, ans.response, ans.flagged, ans.flag_sequence});
    }
    auto reg = h.store().GetRegistration(a.registration_id);
    s["a_reg"] = {store::RegistrationStatusName(reg->status), reg->decision_reason, reg->decided_by};
    s["a_profile"] = h.store().GetProfile(a.user_id)->updated_ms;
    s["b_roles"] = h.users().GetUser(store::UserId(b.user_id))->roles;
    s["users"] = *h.users().CountUsers();
    s["plans"] = h.store().ListPlans(100, 0)->size();
    s["events"] = h.store().ListAttemptEvents(a.attempt_id)->size();
    s["paper"] = h.store().GetPlan(exam.plan_id)->paper_id;
    return s;
  };

  auto rules = Rules();
  // Every delivery route of the real router has a rule (a new route cannot skip the matrix).
  std::vector<http::RouteInfo> routes;
  for (const auto& r : h.router().routes()) {
    if (!IsDeliveryRoute(r.pattern)) continue;
    std::string key = std::string(http::MethodName(r.method)) + " " + r.pattern;
    EXPECT_TRUE(rules.count(key)) << "no access rule for " << key;
    if (rules.count(key) && !rules[key].skip) routes.push_back(r);
  }
  std::stable_sort(routes.begin(), routes.end(), [&](const http::RouteInfo& x, const http::RouteInfo& y) {
    return rules[std::string(http::MethodName(x.method)) + " " + x.pattern].order <
           rules[std::string(http::MethodName(y.method)) + " " + y.pattern].order;
  });
  EXPECT_GE(routes.size(), 25u);

  int seq = 10;
  for (const auto& route : routes) {
    std::string key = std::string(http::MethodName(route.method)) + " " + route.pattern;
    const RouteRule& rule = rules[key];
    std::string target = route.pattern;
    std::int64_t id = a.attempt_id;
    if (target.rfind("/api/v1/users/{id}/roles", 0) == 0)
      id = b.user_id;
    else if (target.rfind("/api/v1/users/", 0) == 0)
      id = a.user_id;
    else if (target.rfind("/api/v1/plans/", 0) == 0)
      id = exam.plan_id;
    else if (target.rfind("/api/v1/registrations/", 0) == 0)
      id = a.registration_id;
    target =
        Replace(Replace(Replace(Replace(target, "{id}", S(id)), "{plan}", S(exam.plan_id)), "{item}", item),
                "{action}", "irregularity");

    auto body_for = [&](const std::string& role) -> std::string {
      if (route.pattern == "/api/v1/users") {
        return Json{{"login", "made-by-" + role},
                    {"display_name", "x"},
                    {"password", "long enough pw"},
                    {"roles", {"candidate"}}}
            .dump();
      }
      if (route.pattern == "/api/v1/users/bulk") {
        return Json{
            {"password", "long enough pw"},
            {"accounts", {{{"login", "bulk-" + role}, {"display_name", "x"}, {"roles", {"candidate"}}}}}}
            .dump();
      }
      if (route.pattern == "/api/v1/users/{id}/roles") return Json{{"roles", {"candidate"}}}.dump();
      if (route.pattern == "/api/v1/me/profile")
        return Harness::EligibleProfile("考生cand.a", IdNumber("11010519700101123")).dump();
      if (route.pattern == "/api/v1/plans/check" || route.pattern == "/api/v1/plans") {
        return h.PlanBody({exam.proctor1, exam.proctor2}, {}, kT0).dump();
      }
      if (route.pattern == "/api/v1/plans/{id}/paper") return Json{{"paper_id", exam.paper_id}}.dump();
      if (route.pattern == "/api/v1/registrations/{id}/decision")
        return Json{{"decision", "approve"}, {"reason", "复核通过"}}.dump();
      if (route.pattern.find("/answers/") != std::string::npos)
        return Json{{"sequence", ++seq}, {"response", "by " + role}}.dump();
      if (route.pattern.find("/flags/") != std::string::npos)
        return Json{{"sequence", ++seq}, {"flagged", true}}.dump();
      if (route.pattern.find("/proctor/") != std::string::npos) return Json{{"reason", "巡考记录"}}.dump();
      if (route.pattern.find("/rescore") != std::string::npos) return Json{{"reason", "答案更正"}}.dump();
      if (route.pattern == "/api/v1/plans/{id}/achievements")
        return Json{{"kind", "project"}, {"title", "项目"}}.dump();
      return {};
    };

    Json before = snapshot();
    std::vector<std::string> allowed_roles;
    for (const auto& [role, token] : tokens) {
      bool allowed = role != "anonymous" && (rule.allowed.count("*") || rule.allowed.count(role));
      if (allowed) {
        allowed_roles.push_back(role);
        continue;  // allowed calls run after every forbidden one was checked
      }
      Reply r = h.Call(Verb(route.method), target, body_for(role), token);
      SCOPED_TRACE(key + " as " + role + " → " + std::to_string(r.status) + " " + r.body);
      if (role == "anonymous") {
        EXPECT_EQ(r.status, 401);
      } else {
        EXPECT_TRUE(r.status == 403 || r.status == 404) << "forbidden role got through";
      }
      EXPECT_EQ(snapshot(), before) << "state changed by a forbidden call";
    }
    for (const auto& role : allowed_roles) {
      Reply r = h.Call(Verb(route.method), target, body_for(role), tokens[role]);
      SCOPED_TRACE(key + " as " + role + " → " + std::to_string(r.status) + " " + r.body);
      EXPECT_LT(r.status, 500);
      EXPECT_TRUE(r.status != 401 && r.status != 403 && r.status != 404) << "allowed role was refused";
    }
  }

  // Lists never show another candidate's objects.
  auto b_attempts = h.Get("/api/v1/attempts", b.token);
  ASSERT_EQ(b_attempts.json["attempts"].size(), 1u);
  EXPECT_EQ(b_attempts.json["attempts"][0].value("id", 0), b.attempt_id);
  auto b_regs = h.Get("/api/v1/registrations", b.token);
  for (const auto& r : b_regs.json["registrations"]) EXPECT_EQ(r.value("user_id", 0), b.user_id);
  // Guessing ids: every neighbour of A's attempt id is "not found" for B unless it is B's own.
  for (std::int64_t guess = 1; guess <= a.attempt_id + 5; ++guess) {
    if (guess == b.attempt_id) continue;
    EXPECT_EQ(h.Get("/api/v1/attempts/" + S(guess), b.token).status, 404) << guess;
    EXPECT_EQ(h.Put("/api/v1/attempts/" + S(guess) + "/answers/" + item,
                    Json{{"sequence", 999}, {"response", "x"}}, b.token)
                  .status,
              404)
        << guess;
  }
  // Staff of another room see neither the roster nor the attempts of A's room.
  EXPECT_EQ(h.Get("/api/v1/attempts?session=" + S(exam.session_id), tokens["proctor_other"]).status, 404);
  EXPECT_EQ(h.Get("/api/v1/registrations?session=" + S(exam.session_id), tokens["examiner_other"]).status,
            404);
  auto roster = h.Get("/api/v1/attempts?session=" + S(exam.session_id), tokens["proctor"]);
  ASSERT_EQ(roster.status, 200);
  EXPECT_EQ(roster.json["attempts"].size(), 2u);
  for (const auto& at : roster.json["attempts"])
    EXPECT_TRUE(at["answers"].empty());  // proctors see state, not answers
}

// The psychometrics routes × every role: reading (analyses, statistics, plots) is for admin,
// author and reviewer; writing back to the bank for admin only. Everyone else gets 401/403 and
// neither the item statistics nor the audit chain move.
TEST(AccessMatrixTest, PsychometricsRoutesTimesEveryRole) {
  Harness h;
  service::PsychometricsFixtureSpec spec;
  spec.candidates = 40;
  spec.choice_items = 6;
  auto fx = h.Must(service::SeedPsychometricsExam(h.store(), h.bank(), spec));
  for (const auto& [login, role] :
       std::vector<std::pair<std::string, std::string>>{{"author1", "author"},
                                                        {"reviewer1", "reviewer"},
                                                        {"proctor1", "proctor"},
                                                        {"examiner1", "examiner"},
                                                        {"cand1", "candidate"},
                                                        {"org1", "org"},
                                                        {"auditor1", "auditor"}}) {
    h.CreateUser(login, {role});
  }
  std::map<std::string, std::string> tokens = {
      {"anonymous", ""},
      {"admin", h.TokenFor("admin")},
      {"author", h.TokenFor("author1")},
      {"reviewer", h.TokenFor("reviewer1")},
      {"proctor", h.TokenFor("proctor1")},
      {"examiner", h.TokenFor("examiner1")},
      {"candidate", h.TokenFor("cand1")},
      {"org", h.TokenFor("org1")},
      {"auditor", h.TokenFor("auditor1")},
  };
  const std::set<std::string> readers = {"admin", "author", "reviewer"};
  const Json plan{{"plan_id", fx.plan_id}};
  struct Case {
    http::Method method;
    std::string pattern, target;
    Json body;
    std::set<std::string> allowed;
  };
  Json write_items = plan, write_cal = plan, bookmark = plan, cat = plan, equate;
  write_items["write_back"] = true;
  write_cal["write_back"] = true;
  write_cal["standard_errors"] = false;
  bookmark["method"] = "bookmark";
  bookmark["bookmarks"] = {3};
  cat["simulees"] = 10;
  cat["max_length"] = 5;
  equate = Json{{"form_x", plan}, {"form_y", plan}};
  const std::string pid = S(fx.plan_id);
  std::vector<Case> cases = {
      {http::Method::kPost, "/api/v1/psychometrics/items", "/api/v1/psychometrics/items", plan, readers},
      {http::Method::kPost,
       "/api/v1/psychometrics/items",
       "/api/v1/psychometrics/items",
       write_items,
       {"admin"}},
      {http::Method::kPost,
       "/api/v1/psychometrics/calibrate",
       "/api/v1/psychometrics/calibrate",
       write_cal,
       {"admin"}},
      {http::Method::kPost, "/api/v1/psychometrics/equate", "/api/v1/psychometrics/equate", equate, readers},
      {http::Method::kPost, "/api/v1/psychometrics/cutscore", "/api/v1/psychometrics/cutscore", bookmark,
       readers},
      {http::Method::kPost, "/api/v1/psychometrics/cat/simulate", "/api/v1/psychometrics/cat/simulate", cat,
       readers},
      {http::Method::kGet, "/api/v1/items/{id}/statistics", "/api/v1/items/psy-sc-001/statistics", Json(),
       readers},
      {http::Method::kGet, "/api/v1/psychometrics/plots/{file}",
       "/api/v1/psychometrics/plots/tif.svg?plan=" + pid, Json(), readers},
  };
  // Every psychometrics route of the real router has a case.
  std::set<std::string> covered;
  for (const auto& c : cases) covered.insert(std::string(http::MethodName(c.method)) + " " + c.pattern);
  for (const auto& r : h.router().routes()) {
    const std::string key = std::string(http::MethodName(r.method)) + " " + r.pattern;
    if (r.pattern.rfind("/api/v1/psychometrics", 0) == 0 || r.pattern == "/api/v1/items/{id}/statistics") {
      EXPECT_TRUE(covered.count(key)) << "no access case for " << key;
    }
  }
  auto snapshot = [&] {
    auto stats = h.statistics().ItemStatistics("psy-sc-001", 0);
    return std::make_pair(stats.ok() ? stats->size() : 999u, h.store().GetAuditHead()->seq);
  };
  for (const auto& c : cases) {
    for (const auto& [role, token] : tokens) {
      if (c.allowed.count(role)) continue;
      const auto before = snapshot();
      Reply r = h.Call(Verb(c.method), c.target, c.body.is_null() ? std::string() : c.body.dump(), token);
      SCOPED_TRACE(c.target + " as " + role + " → " + std::to_string(r.status) + " " + r.body);
      if (role == "anonymous") {
        EXPECT_EQ(r.status, 401);
      } else {
        EXPECT_TRUE(r.status == 403 || r.status == 404) << "forbidden role got through";
      }
      EXPECT_EQ(snapshot(), before) << "state changed by a forbidden call";
    }
    for (const auto& role : c.allowed) {
      Reply r =
          h.Call(Verb(c.method), c.target, c.body.is_null() ? std::string() : c.body.dump(), tokens[role]);
      SCOPED_TRACE(c.target + " as " + role + " → " + std::to_string(r.status) + " " + r.body);
      EXPECT_EQ(r.status, 200) << "allowed role was refused";
    }
  }
}

// Certificates: admin-only routes refuse every other role; a holder's certificate, credential and
// PDF are invisible (404) to everybody but the holder and admins — also when another candidate
// guesses neighbouring numbers; the public verification shows the masked name only.
TEST(AccessMatrixTest, CertificateRoutesTimesEveryRole) {
  Harness h;
  const std::string admin = h.TokenFor("admin");
  std::int64_t a = h.CreateUser("cand.a", {"candidate"});
  h.CreateUser("cand.b", {"candidate"});
  for (const char* staff : {"author1", "reviewer1", "proctor1", "examiner1", "org1", "auditor1"}) {
    h.CreateUser(staff, {std::string(staff).substr(0, std::string(staff).size() - 1)});
  }
  ASSERT_EQ(h.Put("/api/v1/me/profile", Harness::EligibleProfile("张三明", IdNumber("11010519700101123")),
                  h.TokenFor("cand.a"))
                .status,
            200);
  h.SetResult(1, {a, "llm-deploy-engineer", "mid", "", true, true}, 1);
  auto issued = h.Post("/api/v1/results/1/certificate", Json(), admin);
  ASSERT_EQ(issued.status, 200) << issued.body;
  const std::string number = issued.json.value("number", "");
  std::int64_t b_user = h.CreateUser("cand.c", {"candidate"});
  h.SetResult(2, {b_user, "llm-deploy-engineer", "mid", "", true, true});

  std::map<std::string, std::string> tokens = {
      {"anonymous", ""},
      {"admin", admin},
      {"candidate", h.TokenFor("cand.a")},
      {"candidate_other", h.TokenFor("cand.b")},
      {"author", h.TokenFor("author1")},
      {"reviewer", h.TokenFor("reviewer1")},
      {"proctor", h.TokenFor("proctor1")},
      {"examiner", h.TokenFor("examiner1")},
      {"org", h.TokenFor("org1")},
      {"auditor", h.TokenFor("auditor1")},
  };
  struct Rule {
    std::set<std::string> allowed;
    std::string body;
    bool run_allowed = true;  // the PDF is rendered (and read back) in certificate_flow_test
  };
  const std::set<std::string> all = {"*"};
  const std::string n = "/api/v1/certificates/" + number;
  std::map<std::string, std::pair<std::string, Rule>> rules = {
      {"POST /api/v1/results/{id}/certificate", {"/api/v1/results/2/certificate", {{"admin"}, "{}"}}},
      {"POST /api/v1/plans/{plan}/certificates", {"/api/v1/plans/1/certificates", {{"admin"}, "{}"}}},
      {"GET /api/v1/certificates", {"/api/v1/certificates", {all, ""}}},
      {"GET /api/v1/certificates/{number}", {n, {{"admin", "candidate"}, ""}}},
      {"GET /api/v1/certificates/{number}/credential.json",
       {n + "/credential.json", {{"admin", "candidate"}, ""}}},
      {"GET /api/v1/certificates/{number}/certificate.pdf",
       {n + "/certificate.pdf", {{"admin", "candidate"}, "", false}}},
      {"POST /api/v1/certificates/{number}/renew", {n + "/renew", {{"admin"}, "{}"}}},
      {"POST /api/v1/certificates/{number}/revoke",
       {n + "/revoke", {{"admin"}, R"({"reason":"other","note":"x"})"}}},
  };
  int covered = 0;
  for (const auto& route : h.router().routes()) {
    if (route.pattern.rfind("/api/v1/certificates", 0) != 0 &&
        route.pattern.find("/certificate") == std::string::npos)
      continue;
    const std::string key = std::string(http::MethodName(route.method)) + " " + route.pattern;
    ASSERT_TRUE(rules.count(key)) << "no access rule for " << key;
    ++covered;
  }
  EXPECT_EQ(covered, static_cast<int>(rules.size()));
  // Revoke last: it changes the certificate.
  std::vector<std::string> order;
  for (const auto& [key, _] : rules) {
    if (key.find("/revoke") == std::string::npos) order.push_back(key);
  }
  order.push_back("POST /api/v1/certificates/{number}/revoke");
  for (const auto& key : order) {
    const auto& [target, rule] = rules.at(key);
    const bhttp::verb verb = key.rfind("GET", 0) == 0 ? bhttp::verb::get : bhttp::verb::post;
    for (const auto& [role, token] : tokens) {
      const bool allowed = role != "anonymous" && (rule.allowed.count("*") || rule.allowed.count(role));
      if (allowed && !rule.run_allowed) continue;
      Reply r = h.Call(verb, target, rule.body, token);
      SCOPED_TRACE(key + " as " + role + " → " + std::to_string(r.status) + " " + r.body.substr(0, 300));
      EXPECT_LT(r.status, 500);
      if (allowed) {
        EXPECT_TRUE(r.status == 200) << "allowed role was refused";
      } else if (role == "anonymous") {
        EXPECT_EQ(r.status, 401);
      } else {
        EXPECT_TRUE(r.status == 403 || r.status == 404) << "forbidden role got through";
        EXPECT_EQ(r.body.find("张三明"), std::string::npos);
      }
    }
  }
  // Lists show only one's own certificates.
  auto other_list = h.Get("/api/v1/certificates", tokens["candidate_other"]);
  EXPECT_TRUE(other_list.json["certificates"].empty()) << other_list.body;
  EXPECT_EQ(h.Get("/api/v1/certificates?user=" + S(a), tokens["candidate_other"]).status, 403);
  // Guessing numbers: every serial around A's is "not found" for another candidate.
  const std::string prefix = number.substr(0, number.size() - 8);  // "KP-LDE-M-2026-"
  for (int serial = 1; serial <= 5; ++serial) {
    char digits[8];
    std::snprintf(digits, sizeof(digits), "%06d", serial);
    for (char check : std::string("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
      const std::string guess = prefix + digits + "-" + check;
      EXPECT_EQ(h.Get("/api/v1/certificates/" + guess + "/credential.json", tokens["candidate_other"]).status,
                404)
          << guess;
    }
  }
  // The public verification shows the masked name only, to anyone.
  auto pub = h.Call(bhttp::verb::get, "/api/v1/verify/" + number);
  ASSERT_EQ(pub.status, 200);
  EXPECT_EQ(pub.json.value("holder_masked", ""), "张*明");
  EXPECT_EQ(pub.body.find("张三明"), std::string::npos);
  EXPECT_FALSE(pub.json.contains("user_id"));
  EXPECT_FALSE(pub.json.contains("holder_name"));
}

}  // namespace
}  // namespace kaoping::integration
