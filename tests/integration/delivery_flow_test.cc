// End-to-end walks through the real server on loopback: register → eligibility → admission →
// start → save → reload → submit, cookie sessions with CSRF, and the timer edge cases under a
// ManualClock (no sleeps, no timed assertions).
#include <set>

#include <gtest/gtest.h>

#include "integration/harness.h"

namespace kaoping::integration {
namespace {

std::string S(std::int64_t v) {
  return std::to_string(v);
}

void ExpectNoKeys(const Json& item) {
  for (const char* k : {"answer", "answer_key", "accepted", "rubric", "reference_answer", "explanation",
                        "difficulty", "alignment", "enemies", "author", "reviewer"}) {
    EXPECT_FALSE(item.contains(k)) << "candidate item carries '" << k << "': " << item.dump();
  }
  std::string text = item.dump();
  EXPECT_EQ(text.find("\"accepted\""), std::string::npos);
  EXPECT_EQ(text.find("\"rubric\""), std::string::npos);
}

TEST(DeliveryFlowTest, RegisterEligibilityAdmissionStartSaveReloadSubmit) {
  Harness h;
  std::int64_t opens = kT0 + 30 * kMinute;
  ExamSetup exam = SetUpExam(h, opens);

  // A candidate signs up, logs in with a cookie session (CSRF double submit) and fills the profile.
  auto signup =
      h.Post("/api/v1/auth/signup",
             Json{{"login", "li.ming"}, {"display_name", "李明"}, {"password", "a long password"}}, "");
  ASSERT_EQ(signup.status, 201) << signup.body;
  EXPECT_EQ(signup.json["roles"], Json::array({"candidate"}));
  auto login = h.Post("/api/v1/auth/login", Json{{"login", "li.ming"}, {"password", "a long password"}}, "");
  ASSERT_EQ(login.status, 200) << login.body;
  std::string csrf = login.json.value("csrf_token", "");
  ASSERT_FALSE(csrf.empty());
  std::string session_cookie;
  for (const auto& f : login.raw) {
    if (f.name_string() == "Set-Cookie" && f.value().starts_with("kaoping_session=")) {
      std::string v(f.value());
      session_cookie = v.substr(0, v.find(';'));
      EXPECT_NE(v.find("HttpOnly"), std::string::npos);
      EXPECT_NE(v.find("SameSite=Strict"), std::string::npos);
    }
  }
  ASSERT_FALSE(session_cookie.empty());
  std::string cookies = session_cookie + "; kaoping_csrf=" + csrf;
  Json profile = Harness::EligibleProfile("李明", "11010519491231002X");
  auto no_csrf = h.Call(bhttp::verb::put, "/api/v1/me/profile", profile.dump(), "", {{"Cookie", cookies}});
  EXPECT_EQ(no_csrf.status, 403) << no_csrf.body;
  EXPECT_EQ(no_csrf.json.value("code", ""), "auth.csrf");
  auto put = h.Call(bhttp::verb::put, "/api/v1/me/profile", profile.dump(), "",
                    {{"Cookie", cookies}, {"X-CSRF-Token", csrf}, {"Content-Type", "application/json"}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json.value("id_number", ""), "1101**********002X");
  EXPECT_GE(put.json.value("occupation_years", 0.0), 6.0);

  // Registration: the standard's rules decide (eligible → approved, seat and ticket).
  std::string token = h.TokenFor("li.ming");
  auto reg = h.Post("/api/v1/plans/" + S(exam.plan_id) + "/registrations", Json(), token);
  ASSERT_EQ(reg.status, 201) << reg.body;
  EXPECT_EQ(reg.json.value("status", ""), "approved");
  EXPECT_EQ(reg.json.value("verdict", ""), "eligible");
  EXPECT_TRUE(reg.json["eligibility"].contains("explanation_zh")) << reg.body;
  std::int64_t reg_id = reg.json.value("id", 0);
  auto ticket = h.Get("/api/v1/registrations/" + S(reg_id) + "/ticket", token);
  ASSERT_EQ(ticket.status, 200) << ticket.body;
  EXPECT_TRUE(ticket.json.value("ticket_valid", false));
  EXPECT_EQ(ticket.json.value("ticket", "").substr(0, 3), "KP-");
  EXPECT_EQ(ticket.json.value("id_number", ""), "1101**********002X");
  EXPECT_EQ(ticket.json["room"].value("code", ""), "A01");

  // The attempt was prepared when the registration was approved (the plan already had a paper).
  auto attempts = h.Get("/api/v1/attempts", token);
  ASSERT_EQ(attempts.status, 200);
  ASSERT_EQ(attempts.json["attempts"].size(), 1u);
  std::int64_t attempt = attempts.json["attempts"][0].value("id", 0);
  std::string base = "/api/v1/attempts/" + S(attempt);
  EXPECT_EQ(attempts.json["attempts"][0].value("status", ""), "ready");

  // Before the room opens: no start, no items.
  auto early = h.Post(base + "/start", Json(), token);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.json.value("code", ""), "attempt.not_open_yet");
  EXPECT_EQ(h.Get(base + "/items", token).json.value("code", ""), "attempt.not_started");

  h.clock().Set(FromUnixMillis(opens + kMinute));
  auto start = h.Post(base + "/start", Json(), token);
  ASSERT_EQ(start.status, 200) << start.body;
  EXPECT_EQ(start.json.value("status", ""), "in_progress");
  EXPECT_EQ(start.json.value("deadline_ms", 0LL), opens + kMinute + 90 * kMinute);
  auto start_again = h.Post(base + "/start", Json(), token);
  EXPECT_EQ(start_again.status, 200);
  EXPECT_EQ(start_again.json.value("started_ms", 0LL), opens + kMinute);

  auto items = h.Get(base + "/items", token);
  ASSERT_EQ(items.status, 200) << items.body;
  ASSERT_EQ(items.json["items"].size(), 12u);
  for (const auto& it : items.json["items"]) ExpectNoKeys(it);
  std::vector<std::string> ids;
  for (const auto& it : items.json["items"]) ids.push_back(it.value("item_id", ""));

  // Saves: durable, ordered by sequence, idempotent.
  auto save = [&](const std::string& item, std::int64_t seq, const Json& response) {
    return h.Put(base + "/answers/" + item, Json{{"sequence", seq}, {"response", response}}, token);
  };
  auto s1 = save(ids[0], 1, Json{{"choice", {"A"}}});
  ASSERT_EQ(s1.status, 200) << s1.body;
  EXPECT_TRUE(s1.json.value("applied", false));
  auto s2 = save(ids[0], 3, Json{{"choice", {"C"}}});
  EXPECT_TRUE(s2.json.value("applied", false));
  auto late_older = save(ids[0], 2, Json{{"choice", {"B"}}});  // arrives after 3: must not win
  EXPECT_EQ(late_older.status, 200);
  EXPECT_FALSE(late_older.json.value("applied", true));
  EXPECT_EQ(late_older.json["answer"].value("sequence", 0), 3);
  auto repeat = save(ids[0], 3, Json{{"choice", {"C"}}});
  EXPECT_EQ(repeat.status, 200);
  EXPECT_FALSE(repeat.json.value("applied", true));
  auto conflict = save(ids[0], 3, Json{{"choice", {"D"}}});
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(conflict.json.value("code", ""), "answer.sequence_conflict");
  ASSERT_EQ(save(ids[1], 1, "自由作答：使用 vLLM 部署").status, 200);
  auto unknown = save("not-in-paper", 1, "x");
  EXPECT_EQ(unknown.status, 404);
  auto flag = h.Put(base + "/flags/" + ids[2], Json{{"sequence", 1}, {"flagged", true}}, token);
  ASSERT_EQ(flag.status, 200) << flag.body;

  // Reload: a fresh connection gets every saved answer with its latest sequence number.
  auto resumed = h.Get(base, token);
  ASSERT_EQ(resumed.status, 200) << resumed.body;
  std::map<std::string, Json> by_item;
  for (const auto& a : resumed.json["answers"]) by_item[a.value("item_id", "")] = a;
  ASSERT_EQ(by_item.size(), 3u);
  EXPECT_EQ(by_item[ids[0]].value("sequence", 0), 3);
  EXPECT_EQ(by_item[ids[0]]["response"], (Json{{"choice", {"C"}}}));
  EXPECT_EQ(by_item[ids[1]]["response"], "自由作答：使用 vLLM 部署");
  EXPECT_TRUE(by_item[ids[2]].value("flagged", false));
  EXPECT_EQ(resumed.json.value("remaining_ms", 0LL), 90 * kMinute);

  // Submit, idempotently; afterwards nothing changes.
  h.clock().Advance(std::chrono::minutes(20));
  auto submit = h.Post(base + "/submit", Json(), token);
  ASSERT_EQ(submit.status, 200) << submit.body;
  EXPECT_EQ(submit.json.value("status", ""), "submitted");
  EXPECT_EQ(submit.json.value("submit_kind", ""), "candidate");
  std::int64_t submitted_ms = submit.json.value("submitted_ms", 0LL);
  auto again = h.Post(base + "/submit", Json(), token);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json.value("submitted_ms", 0LL), submitted_ms);
  auto after = save(ids[0], 9, "late");
  EXPECT_EQ(after.status, 409);
  EXPECT_EQ(after.json.value("code", ""), "attempt.submitted");
  EXPECT_EQ(h.Get(base + "/items", token).status, 409);

  // An examiner of the room reviews with keys (audited); the candidate cannot.
  std::string examiner = h.TokenFor("examiner1");
  auto review = h.Get(base + "/review", examiner);
  ASSERT_EQ(review.status, 200) << review.body;
  EXPECT_TRUE(review.json["items"][0].contains("answer_key"));
  EXPECT_EQ(h.Get(base + "/review", token).status, 403);

  // The audit chain holds every step and verifies.
  auto audit = h.Get("/api/v1/audit?limit=1000", exam.admin);
  ASSERT_EQ(audit.status, 200);
  std::set<std::string> actions;
  for (const auto& e : audit.json["entries"]) actions.insert(e.value("action", ""));
  for (const char* a : {"user.signup", "auth.login", "profile.update", "plan.create", "plan.paper",
                        "registration.create", "attempt.submit", "attempt.review"}) {
    EXPECT_TRUE(actions.count(a)) << a;
  }
  auto verify = h.Get("/api/v1/audit/verify", exam.admin);
  ASSERT_EQ(verify.status, 200);
  EXPECT_TRUE(verify.json.value("ok", false)) << verify.body;
}

TEST(DeliveryFlowTest, NeedsReviewAndRejectedRegistrationsAreDecidedByAdmins) {
  Harness h;
  ExamSetup exam = SetUpExam(h, kT0 + kMinute);
  std::int64_t uid = h.CreateUser("newcomer", {"candidate"});
  (void)uid;
  std::string token = h.TokenFor("newcomer");
  Json weak = Harness::EligibleProfile("新人", IdNumber("44030419950101123"));
  weak["field_related"] = false;
  weak["work_history"] =
      Json::array({Json{{"organisation", "某公司"}, {"from", "2025-10"}, {"related", true}}});
  ASSERT_EQ(h.Put("/api/v1/me/profile", weak, token).status, 200);
  auto reg = h.Post("/api/v1/plans/" + S(exam.plan_id) + "/registrations", Json(), token);
  ASSERT_EQ(reg.status, 201) << reg.body;
  EXPECT_EQ(reg.json.value("status", ""), "rejected");
  EXPECT_FALSE(reg.json["eligibility"]["explanation_zh"].empty());
  std::int64_t id = reg.json.value("id", 0);
  EXPECT_EQ(h.Get("/api/v1/registrations/" + S(id) + "/ticket", token).json.value("code", ""),
            "registration.not_approved");
  auto no_reason = h.Post("/api/v1/registrations/" + S(id) + "/decision",
                          Json{{"decision", "approve"}, {"reason", ""}}, exam.admin);
  EXPECT_EQ(no_reason.status, 400);
  auto by_candidate = h.Post("/api/v1/registrations/" + S(id) + "/decision",
                             Json{{"decision", "approve"}, {"reason", "x"}}, token);
  EXPECT_EQ(by_candidate.status, 403);
  auto approved =
      h.Post("/api/v1/registrations/" + S(id) + "/decision",
             Json{{"decision", "approve"}, {"reason", "持有同等学力证明，人工审核通过"}}, exam.admin);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json.value("status", ""), "approved");
  EXPECT_EQ(approved.json.value("decision_reason", ""), "持有同等学力证明，人工审核通过");
  EXPECT_EQ(h.Get("/api/v1/registrations/" + S(id) + "/ticket", token).status, 200);
  EXPECT_EQ(h.Get("/api/v1/attempts", token).json["attempts"].size(), 1u);  // prepared on approval
}

TEST(DeliveryFlowTest, PlanCheckReportsEveryRuleBeforeSaving) {
  Harness h;
  std::string admin = h.TokenFor("admin");
  std::int64_t p1 = h.CreateUser("p1", {"proctor"});
  std::int64_t cand = h.CreateUser("c1", {"candidate"});
  Json bad = h.PlanBody({p1, cand}, {}, kT0, 40, 60);
  auto check = h.Post("/api/v1/plans/check", bad, admin);
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_FALSE(check.json.value("ok", true));
  std::set<std::string> codes;
  for (const auto& v : check.json["violations"]) codes.insert(v.value("code", ""));
  EXPECT_TRUE(codes.count("plan.duration_too_short"));
  EXPECT_TRUE(codes.count("room.proctor_ratio"));
  EXPECT_TRUE(codes.count("room.not_a_proctor"));
  auto create = h.Post("/api/v1/plans", bad, admin);
  EXPECT_EQ(create.status, 400);
  EXPECT_EQ(create.json.value("code", ""), "plan.rule_violations");
  EXPECT_EQ(create.json["violations"].size(), check.json["violations"].size());
  EXPECT_FALSE(create.json.value("detail_zh", "").empty());
  EXPECT_TRUE(h.Get("/api/v1/plans", admin).json["plans"].empty());
  // A skill exam: examiners ≥ 3 and odd, from the pack.
  Json skill = h.PlanBody({p1}, {}, kT0, 10, 120);
  skill["kind"] = "skill";
  auto sk = h.Post("/api/v1/plans/check", skill, admin);
  codes.clear();
  for (const auto& v : sk.json["violations"]) codes.insert(v.value("code", ""));
  EXPECT_TRUE(codes.count("room.too_few_examiners"));
  EXPECT_TRUE(codes.count("room.too_few_proctors"));
}

// ---- timer edge cases (ManualClock) -----------------------------------------------------------------

class TimerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    exam_ = SetUpExam(h_, kT0, "paper-t", 90);  // 90 minutes (the pack's minimum), grace 30 s
    cand_ = AddCandidate(h_, exam_, "timer.cand", "11010519800101123");
    base_ = "/api/v1/attempts/" + S(cand_.attempt_id);
    h_.clock().Set(FromUnixMillis(kT0 + 1000));
    auto start = h_.Post(base_ + "/start", Json(), cand_.token);
    ASSERT_EQ(start.status, 200) << start.body;
    deadline_ = start.json.value("deadline_ms", 0LL);
    ASSERT_EQ(deadline_, kT0 + 1000 + 90 * kMinute);
    auto items = h_.Get(base_ + "/items", cand_.token);
    for (const auto& it : items.json["items"]) ids_.push_back(it.value("item_id", ""));
    ASSERT_GE(ids_.size(), 4u);
  }
  Reply Save(size_t item, std::int64_t seq, const Json& response) {
    Reply r = h_.Put(base_ + "/answers/" + ids_[item], Json{{"sequence", seq}, {"response", response}},
                     cand_.token);
    EXPECT_LT(r.status, 500) << r.body;
    return r;
  }
  Harness h_;
  ExamSetup exam_;
  CandidateSetup cand_;
  std::string base_;
  std::int64_t deadline_ = 0;
  std::vector<std::string> ids_;
};

TEST_F(TimerTest, SaveBeforeDeadlineCountsAndAfterGraceIsRejectedClearly) {
  h_.clock().Set(FromUnixMillis(deadline_ - 1));
  auto before = Save(0, 1, "A");
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(before.json.value("remaining_ms", -1LL), 1);
  h_.clock().Set(FromUnixMillis(deadline_ + 30'000));  // the last instant of the grace
  auto in_grace = Save(1, 1, "B");
  ASSERT_EQ(in_grace.status, 200) << in_grace.body;
  h_.clock().Set(FromUnixMillis(deadline_ + 30'001));
  auto late = Save(2, 1, "C");
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.json.value("code", ""), "attempt.deadline_passed");
  EXPECT_NE(late.json.value("detail_zh", "").find("考试时间已结束"), std::string::npos);
  EXPECT_FALSE(late.json.value("detail", "").empty());
  // The attempt was auto-submitted at the deadline, with both acknowledged answers.
  auto view = h_.Get(base_, cand_.token);
  ASSERT_EQ(view.status, 200);
  EXPECT_EQ(view.json.value("status", ""), "submitted");
  EXPECT_EQ(view.json.value("submit_kind", ""), "auto");
  EXPECT_EQ(view.json.value("submitted_ms", 0LL), deadline_);
  EXPECT_EQ(view.json["answers"].size(), 2u);
  // Later saves keep getting the same clear answer, never a 500.
  h_.clock().Advance(std::chrono::hours(3));
  EXPECT_EQ(Save(3, 1, "D").json.value("code", ""), "attempt.deadline_passed");
  EXPECT_EQ(h_.Post(base_ + "/submit", Json(), cand_.token).status, 200);  // idempotent
}

TEST_F(TimerTest, SweeperAutoSubmitsWithoutAnyRequest) {
  ASSERT_EQ(Save(0, 1, "A").status, 200);
  h_.clock().Set(FromUnixMillis(deadline_ + 30'000));
  EXPECT_EQ(h_.delivery().SweepOnce(), 0);
  h_.clock().Set(FromUnixMillis(deadline_ + 30'001));
  EXPECT_EQ(h_.delivery().SweepOnce(), 1);
  auto rec = h_.store().GetAttempt(cand_.attempt_id);
  EXPECT_EQ(rec->state.status, delivery::AttemptStatus::kSubmitted);
  EXPECT_EQ(rec->state.submitted_ms, deadline_);
  auto audit = h_.Get("/api/v1/audit?limit=1000", exam_.admin);
  EXPECT_EQ(audit.json["entries"].back().value("action", ""), "attempt.auto_submit");
}

TEST_F(TimerTest, ProctorPauseAndExtensionMoveTheDeadline) {
  std::string proctor = h_.TokenFor("proctor1");
  h_.clock().Set(FromUnixMillis(kT0 + 10 * kMinute));
  auto no_reason = h_.Post(base_ + "/proctor/pause", Json{{"reason", ""}}, proctor);
  EXPECT_EQ(no_reason.status, 400);
  auto pause = h_.Post(base_ + "/proctor/pause", Json{{"reason", "考场断电"}}, proctor);
  ASSERT_EQ(pause.status, 200) << pause.body;
  EXPECT_EQ(pause.json.value("status", ""), "paused");
  auto paused_save = Save(0, 1, "A");
  EXPECT_EQ(paused_save.status, 409);
  EXPECT_EQ(paused_save.json.value("code", ""), "attempt.paused");
  h_.clock().Advance(std::chrono::minutes(15));
  auto resume = h_.Post(base_ + "/proctor/resume", Json{{"reason", "恢复供电"}}, proctor);
  ASSERT_EQ(resume.status, 200) << resume.body;
  EXPECT_EQ(resume.json.value("deadline_ms", 0LL), deadline_ + 15 * kMinute);
  auto extend =
      h_.Post(base_ + "/proctor/extend", Json{{"reason", "系统故障补时"}, {"minutes", 10}}, proctor);
  ASSERT_EQ(extend.status, 200) << extend.body;
  std::int64_t new_deadline = deadline_ + 25 * kMinute;
  EXPECT_EQ(extend.json.value("deadline_ms", 0LL), new_deadline);
  h_.clock().Set(FromUnixMillis(deadline_ + 5 * kMinute));  // past the original deadline + grace
  EXPECT_EQ(Save(0, 1, "A").status, 200);
  h_.clock().Set(FromUnixMillis(new_deadline + 30'001));
  EXPECT_EQ(Save(0, 2, "B").json.value("code", ""), "attempt.deadline_passed");
  auto events = h_.Get(base_ + "/events", proctor);
  ASSERT_EQ(events.status, 200);
  ASSERT_EQ(events.json["events"].size(), 3u);
  EXPECT_EQ(events.json["events"][0].value("reason", ""), "考场断电");
  EXPECT_EQ(h_.Post(base_ + "/proctor/explode", Json{{"reason", "x"}}, proctor).status, 404);
}

TEST_F(TimerTest, VoidedAndAbsentAttemptsRefuseWork) {
  std::string proctor = h_.TokenFor("proctor2");
  auto irregular = h_.Post(base_ + "/proctor/irregularity", Json{{"reason", "携带手机"}}, proctor);
  ASSERT_EQ(irregular.status, 200);
  EXPECT_EQ(irregular.json.value("status", ""), "in_progress");
  auto absent = h_.Post(base_ + "/proctor/absent", Json{{"reason", "x"}}, proctor);
  EXPECT_EQ(absent.status, 409);  // already started
  auto voided = h_.Post(base_ + "/proctor/void", Json{{"reason", "替考"}}, proctor);
  ASSERT_EQ(voided.status, 200);
  EXPECT_EQ(voided.json.value("status", ""), "voided");
  EXPECT_EQ(Save(0, 1, "A").json.value("code", ""), "attempt.voided");
  EXPECT_EQ(h_.Post(base_ + "/submit", Json(), cand_.token).json.value("code", ""), "attempt.voided");
}

}  // namespace
}  // namespace kaoping::integration

namespace kaoping::integration {
namespace {

TEST(AccountRulesTest, AnInitialPasswordMustBeChangedBeforeAnythingElse) {
  Harness h;
  std::string admin = h.TokenFor("admin");
  auto created = h.Post("/api/v1/users",
                        Json{{"login", "wang.fang"},
                             {"display_name", "王芳"},
                             {"password", "initial password"},
                             {"roles", Json::array({"candidate"})},
                             {"must_change_password", true}},
                        admin);
  ASSERT_EQ(created.status, 201) << created.body;
  auto login = h.Post("/api/v1/auth/login",
                      Json{{"login", "wang.fang"}, {"password", "initial password"}, {"mode", "bearer"}}, "");
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_TRUE(login.json.value("must_change_password", false));
  std::string token = login.json.value("token", "");
  auto blocked = h.Get("/api/v1/me/profile", token);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.json.value("code", ""), "auth.password_change_required");
  EXPECT_FALSE(blocked.json.value("detail_zh", "").empty());
  auto me = h.Get("/api/v1/auth/me", token);
  ASSERT_EQ(me.status, 200);
  EXPECT_TRUE(me.json.value("must_change_password", false));
  auto changed =
      h.Post("/api/v1/auth/password",
             Json{{"old_password", "initial password"}, {"new_password", "my own password 7"}}, token);
  ASSERT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(h.Get("/api/v1/auth/me", token).status, 401) << "the old session ended";
  auto again =
      h.Post("/api/v1/auth/login",
             Json{{"login", "wang.fang"}, {"password", "my own password 7"}, {"mode", "bearer"}}, "");
  ASSERT_EQ(again.status, 200);
  auto profile = h.Get("/api/v1/me/profile", again.json.value("token", ""));
  EXPECT_EQ(profile.json.value("code", ""), "profile.not_found") << profile.body;
}

TEST(AccountRulesTest, SignUpIsThrottledPerAddressWithRetryAfter) {
  HarnessOptions o;
  o.auth.signups_per_window = 2;
  Harness h(o);
  for (int i = 0; i < 2; ++i) {
    auto ok = h.Post(
        "/api/v1/auth/signup",
        Json{
            {"login", "cand" + std::to_string(i)}, {"display_name", "考生"}, {"password", "a long password"}},
        "");
    EXPECT_EQ(ok.status, 201) << ok.body;
  }
  auto third =
      h.Post("/api/v1/auth/signup",
             Json{{"login", "cand9"}, {"display_name", "考生"}, {"password", "a long password"}}, "");
  EXPECT_EQ(third.status, 429);
  EXPECT_EQ(third.json.value("code", ""), "auth.signup_throttled");
  bool has_retry_after = false;
  for (const auto& f : third.raw) has_retry_after |= f.name_string() == "Retry-After";
  EXPECT_TRUE(has_retry_after);
  std::string admin = h.TokenFor("admin");
  EXPECT_EQ(h.Get("/api/v1/users?role=candidate", admin).json["users"].size(), 2u)
      << "the refused sign-up created nothing";
}

}  // namespace
}  // namespace kaoping::integration
