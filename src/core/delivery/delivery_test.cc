// Tests of the pure delivery rules. Plan-rule tests load the shipped standard packs, so the
// staffing and timing figures come from the packs, as in production.
#include <set>

#include <gtest/gtest.h>

#include "core/delivery/access.h"
#include "core/delivery/attempt.h"
#include "core/delivery/audit_chain.h"
#include "core/delivery/delivery_order.h"
#include "core/delivery/id_number.h"
#include "core/delivery/plan_rules.h"
#include "core/delivery/profile.h"
#include "core/delivery/ticket.h"
#include "core/standards/loader.h"
#include "support/files.h"

namespace kaoping::delivery {
namespace {

using testing_support::ReadFile;
using testing_support::SourceDir;

const standards::Pack& Deploy() {
  static const standards::Pack* pack = [] {
    auto r = standards::LoadPack(ReadFile(SourceDir() / "standards" / "002-llm-deploy-engineer.yaml"), "002");
    EXPECT_TRUE(r.ok()) << r.status();
    return new standards::Pack(std::move(r).value());
  }();
  return *pack;
}

// ---- ID numbers -------------------------------------------------------------------------------

TEST(IdNumberTest, AcceptsValidNumbersAndNormalises) {
  EXPECT_EQ(IdNumberCheckChar("11010519491231002"), 'X');
  auto id = NormalizeIdNumber(" 11010519491231002x ");
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(*id, "11010519491231002X");
  // A number whose check character is a digit.
  std::string base = "44030419900307123";
  std::string full = base + IdNumberCheckChar(base);
  EXPECT_TRUE(NormalizeIdNumber(full).ok());
}

TEST(IdNumberTest, RejectsWithStableReasons) {
  EXPECT_EQ(NormalizeIdNumber("1101051949123100").status().reason(), "id_number.length");
  EXPECT_EQ(NormalizeIdNumber("1101051949123100AX").status().reason(), "id_number.format");
  EXPECT_EQ(NormalizeIdNumber("01010519491231002X").status().reason(), "id_number.format");
  EXPECT_EQ(NormalizeIdNumber("110105194902300020").status().reason(), "id_number.birth_date");
  EXPECT_EQ(NormalizeIdNumber("110105194912310021").status().reason(), "id_number.check_digit");
  auto s = NormalizeIdNumber("110105194912310021").status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message_zh(), s.message());
  // Every single-digit substitution in the first 17 digits is caught by the check character.
  std::string good = "11010519491231002X";
  for (size_t i = 6; i < 17; ++i) {
    std::string bad = good;
    bad[i] = bad[i] == '9' ? '0' : static_cast<char>(bad[i] + 1);
    EXPECT_FALSE(NormalizeIdNumber(bad).ok()) << bad;
  }
}

TEST(IdNumberTest, Masks) {
  EXPECT_EQ(MaskIdNumber("11010519491231002X"), "1101**********002X");
  EXPECT_EQ(MaskIdNumber("1234"), "****");
}

// ---- SHA-256 and the audit chain ---------------------------------------------------------------

std::vector<AuditRecord> MakeChain(int n) {
  std::vector<AuditRecord> rows;
  std::string prev(kGenesisHash);
  for (int i = 1; i <= n; ++i) {
    AuditRecord r;
    r.seq = i;
    r.at_ms = 1700000000000 + i;
    r.actor_id = i % 3;
    r.actor_login = "user" + std::to_string(i % 3);
    r.action = "test.action";
    r.object = "attempt:" + std::to_string(i);
    r.detail = "第 " + std::to_string(i) + " 条";
    r.prev_hash = prev;
    r.hash = ChainHash(r);
    prev = r.hash;
    rows.push_back(r);
  }
  return rows;
}

ChainCheck Verify(const std::vector<AuditRecord>& rows, std::optional<std::int64_t> head_seq,
                  std::optional<std::string> head_hash) {
  ChainVerifier v;
  for (const auto& r : rows) v.Add(r);
  return v.Finish(head_seq, head_hash);
}

TEST(AuditChainTest, IntactChainVerifies) {
  auto rows = MakeChain(6);
  auto c = Verify(rows, 6, rows.back().hash);
  EXPECT_TRUE(c.ok) << c.problem_en;
  EXPECT_EQ(c.rows, 6);
  EXPECT_EQ(c.head_hash, rows.back().hash);
  EXPECT_TRUE(Verify({}, 0, std::string(kGenesisHash)).ok);
}

TEST(AuditChainTest, CanonicalFormIsUnambiguous) {
  AuditRecord a, b;
  a.actor_login = "ab";
  a.action = "c";
  b.actor_login = "a";
  b.action = "bc";
  EXPECT_NE(CanonicalAuditContent(a), CanonicalAuditContent(b));
}

TEST(AuditChainTest, DetectsAlteredRemovedAndTruncatedRows) {
  auto rows = MakeChain(6);
  auto altered = rows;
  altered[2].detail = "tampered";
  auto c = Verify(altered, 6, rows.back().hash);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad_seq, 3);

  auto removed = rows;
  removed.erase(removed.begin() + 3);
  c = Verify(removed, 6, rows.back().hash);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad_seq, 4);

  auto truncated = rows;
  truncated.pop_back();
  c = Verify(truncated, 6, rows.back().hash);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad_seq, 6);

  // Rehashing an altered row without fixing the next row's prev_hash is still caught.
  auto rehashed = rows;
  rehashed[1].detail = "forged";
  rehashed[1].hash = ChainHash(rehashed[1]);
  c = Verify(rehashed, 6, rows.back().hash);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad_seq, 3);
}

// ---- attempts: deadline, saves, sequence ------------------------------------------------------

constexpr std::int64_t kMin = 60'000;

AttemptState Started(std::int64_t at, std::int64_t minutes) {
  AttemptState s;
  s.duration_ms = minutes * kMin;
  auto r = Start(s, StartWindow{0, 0, false}, at);
  EXPECT_TRUE(r.ok());
  return *r;
}

TEST(AttemptTest, DeadlineIsStartPlusDurationPlusExtensionsPlusPauses) {
  AttemptState s = Started(1000, 90);
  EXPECT_EQ(DeadlineMs(s, 1000), 1000 + 90 * kMin);
  auto paused = ApplyProctorAction(s, ProctorAction::kPause, 0, 1000 + 10 * kMin, 30'000);
  ASSERT_TRUE(paused.ok());
  // While paused the deadline moves with the clock.
  EXPECT_EQ(DeadlineMs(*paused, 1000 + 15 * kMin), 1000 + 95 * kMin);
  EXPECT_EQ(StoredDeadlineMs(*paused), 0);
  auto resumed = ApplyProctorAction(*paused, ProctorAction::kResume, 0, 1000 + 20 * kMin, 30'000);
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(DeadlineMs(*resumed, 0), 1000 + 100 * kMin);
  auto extended = ApplyProctorAction(*resumed, ProctorAction::kExtend, 5 * kMin, 1000 + 21 * kMin, 30'000);
  ASSERT_TRUE(extended.ok());
  EXPECT_EQ(StoredDeadlineMs(*extended), 1000 + 105 * kMin);
  EXPECT_EQ(RemainingMs(*extended, 1000 + 105 * kMin - 1), 1);
}

TEST(AttemptTest, SavesUpToDeadlinePlusGraceThenDeadlinePassed) {
  constexpr std::int64_t t0 = 1'700'000'000'000;
  AttemptState s = Started(t0, 90);
  std::int64_t deadline = t0 + 90 * kMin;
  EXPECT_TRUE(CheckCanSave(s, deadline - 1, 30'000).ok());
  EXPECT_TRUE(CheckCanSave(s, deadline, 30'000).ok());
  EXPECT_TRUE(CheckCanSave(s, deadline + 30'000, 30'000).ok());
  Status late = CheckCanSave(s, deadline + 30'001, 30'000);
  EXPECT_EQ(late.code(), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(late.reason(), "attempt.deadline_passed");
  EXPECT_FALSE(IsExpired(s, deadline + 30'000, 30'000));
  EXPECT_TRUE(IsExpired(s, deadline + 30'001, 30'000));
  AttemptState ready;
  EXPECT_EQ(CheckCanSave(ready, t0, 0).reason(), "attempt.not_started");
}

TEST(AttemptTest, SubmitIsIdempotentAndAutoSubmitUsesTheDeadline) {
  constexpr std::int64_t t0 = 1'700'000'000'000;
  AttemptState s = Started(t0, 90);
  auto sub = Submit(s, "candidate", t0 + 10 * kMin, 30'000);
  ASSERT_TRUE(sub.ok());
  EXPECT_EQ(sub->status, AttemptStatus::kSubmitted);
  EXPECT_EQ(sub->submitted_ms, t0 + 10 * kMin);
  auto again = Submit(*sub, "candidate", t0 + 20 * kMin, 30'000);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->submitted_ms, t0 + 10 * kMin);
  auto autos = Submit(s, "auto", t0 + 200 * kMin, 30'000);
  ASSERT_TRUE(autos.ok());
  EXPECT_EQ(autos->submit_kind, "auto");
  EXPECT_EQ(autos->submitted_ms, t0 + 90 * kMin);
  // A candidate's submit after deadline + grace counts as the automatic one.
  auto late = Submit(s, "candidate", t0 + 91 * kMin, 30'000);
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->submit_kind, "auto");
  EXPECT_EQ(late->submitted_ms, t0 + 90 * kMin);
  // After auto-submission a save is refused as "deadline passed", not as a generic state error.
  EXPECT_EQ(CheckCanSave(*autos, t0 + 200 * kMin, 30'000).reason(), "attempt.deadline_passed");
  EXPECT_EQ(CheckCanSave(*sub, t0 + 11 * kMin, 30'000).reason(), "attempt.submitted");
}

TEST(AttemptTest, StartWindowAndAdmission) {
  AttemptState s;
  s.duration_ms = 90 * kMin;
  StartWindow w{1000, 2000, true};
  EXPECT_EQ(Start(s, w, 999).status().reason(), "attempt.not_open_yet");
  EXPECT_EQ(Start(s, w, 2001).status().reason(), "attempt.entry_closed");
  EXPECT_EQ(Start(s, w, 1500).status().reason(), "attempt.not_admitted");
  auto admitted = ApplyProctorAction(s, ProctorAction::kAdmit, 0, 1200, 0);
  ASSERT_TRUE(admitted.ok());
  auto started = Start(*admitted, w, 1500);
  ASSERT_TRUE(started.ok());
  EXPECT_EQ(started->started_ms, 1500);
  auto again = Start(*started, w, 1900);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->started_ms, 1500);
  EXPECT_EQ(ApplyProctorAction(*started, ProctorAction::kAbsent, 0, 1600, 0).status().reason(),
            "attempt.already_started");
}

TEST(AttemptTest, SequenceDecisions) {
  EXPECT_EQ(DecideSave(std::nullopt, "", 1, "A"), SaveDecision::kApply);
  EXPECT_EQ(DecideSave(3, "A", 4, "B"), SaveDecision::kApply);
  EXPECT_EQ(DecideSave(3, "A", 3, "A"), SaveDecision::kRepeat);
  EXPECT_EQ(DecideSave(3, "A", 2, "Z"), SaveDecision::kStale);
  EXPECT_EQ(DecideSave(3, "A", 3, "B"), SaveDecision::kConflict);
  EXPECT_FALSE(CheckSequence(0).ok());
  EXPECT_FALSE(CheckSequence(-5).ok());
  EXPECT_TRUE(CheckSequence(1).ok());
  EXPECT_FALSE(CheckSequence((1LL << 53) + 1).ok());
}

TEST(AttemptTest, ProctorActionsRespectStates) {
  AttemptState s = Started(1, 90);
  EXPECT_EQ(ApplyProctorAction(s, ProctorAction::kResume, 0, 1, 0).status().reason(), "attempt.not_paused");
  EXPECT_EQ(ApplyProctorAction(s, ProctorAction::kExtend, 0, 1, 0).status().reason(),
            "attempt.bad_extension");
  EXPECT_EQ(ApplyProctorAction(s, ProctorAction::kExtend, 5 * 60 * kMin, 1, 0).status().reason(),
            "attempt.bad_extension");
  auto voided = ApplyProctorAction(s, ProctorAction::kVoid, 0, 1, 0);
  ASSERT_TRUE(voided.ok());
  EXPECT_EQ(voided->status, AttemptStatus::kVoided);
  EXPECT_EQ(CheckCanSave(*voided, 2, 0).reason(), "attempt.voided");
  EXPECT_EQ(ApplyProctorAction(s, ProctorAction::kPause, 0, 1 + 91 * kMin, 0).status().reason(),
            "attempt.expired");
  for (auto a : {ProctorAction::kAdmit, ProctorAction::kPause, ProctorAction::kVoid}) {
    EXPECT_EQ(ParseProctorAction(ProctorActionName(a)), a);
  }
  EXPECT_FALSE(ParseProctorAction("explode").has_value());
}

// ---- plan rules (figures from the pack) ---------------------------------------------------------

PlanSpec GoodTheoryPlan() {
  PlanSpec p;
  p.title = "中级理论";
  p.standard = "llm-deploy-engineer";
  p.level = "mid";
  p.kind = "theory";
  p.duration_minutes = 90;
  p.rooms.push_back(RoomSpec{"A01", "一号考场", 30, 1, {1, 2}, {3, 4, 5}});
  return p;
}

std::set<std::string> Codes(const std::vector<RuleViolation>& v) {
  std::set<std::string> out;
  for (const auto& x : v) out.insert(x.code);
  return out;
}

TEST(PlanRulesTest, ValidPlanHasNoViolations) {
  auto v = CheckPlan(Deploy(), GoodTheoryPlan());
  EXPECT_TRUE(v.empty()) << v[0].code << " " << v[0].message_en;
}

TEST(PlanRulesTest, StaffingAndTimingComeFromThePack) {
  PlanSpec p = GoodTheoryPlan();
  p.duration_minutes = 60;   // theory ≥ 90 min (1.5.5)
  p.rooms[0].capacity = 31;  // 31 candidates → 3 proctors at 1:15
  p.rooms[0].proctors = {1, 2};
  p.rooms.push_back(RoomSpec{"A02", "二号考场", 10, 1, {6}, {}});  // < 2 per room
  auto v = CheckPlan(Deploy(), p);
  auto codes = Codes(v);
  EXPECT_TRUE(codes.count("plan.duration_too_short"));
  EXPECT_TRUE(codes.count("room.proctor_ratio"));
  EXPECT_TRUE(codes.count("room.too_few_proctors"));
  for (const auto& x : v) {
    EXPECT_FALSE(x.message_zh.empty());
    if (x.code == "plan.duration_too_short") {
      EXPECT_EQ(x.ref, "1.5.5 L73");
    }
    if (x.code == "room.proctor_ratio") {
      EXPECT_EQ(x.ref, "1.5.4 L69");
    }
  }
}

TEST(PlanRulesTest, SkillExamNeedsAnOddNumberOfAtLeastThreeExaminers) {
  PlanSpec p = GoodTheoryPlan();
  p.kind = "skill";
  p.duration_minutes = 120;
  p.rooms[0].examiners = {3, 4};
  auto codes = Codes(CheckPlan(Deploy(), p));
  EXPECT_TRUE(codes.count("room.too_few_examiners"));
  EXPECT_TRUE(codes.count("room.examiners_even"));
  p.duration_minutes = 90;  // skill at mid ≥ 120
  p.rooms[0].examiners = {3, 4, 5};
  codes = Codes(CheckPlan(Deploy(), p));
  EXPECT_EQ(codes, std::set<std::string>{"plan.duration_too_short"});
}

TEST(PlanRulesTest, UnknownLevelKindRoomsAndDoubleBooking) {
  PlanSpec p = GoodTheoryPlan();
  p.level = "expert";
  p.kind = "review";  // review applies at senior only
  p.rooms.push_back(RoomSpec{"A01", "重复", 10, 1, {1, 7}, {}});
  p.rooms.push_back(RoomSpec{"a-1", "坏编号", 0, 1, {}, {}});
  auto codes = Codes(CheckPlan(Deploy(), p));
  EXPECT_TRUE(codes.count("plan.unknown_level"));
  EXPECT_TRUE(codes.count("plan.kind_not_for_level"));
  EXPECT_TRUE(codes.count("room.duplicate_code"));
  EXPECT_TRUE(codes.count("room.staff_double_booked"));
  EXPECT_TRUE(codes.count("room.bad_code"));
  EXPECT_TRUE(codes.count("room.bad_capacity"));
  p = GoodTheoryPlan();
  p.kind = "lab";
  EXPECT_TRUE(Codes(CheckPlan(Deploy(), p)).count("plan.unknown_kind"));
  p = GoodTheoryPlan();
  p.rooms.clear();
  EXPECT_TRUE(Codes(CheckPlan(Deploy(), p)).count("plan.no_rooms"));
}

// ---- tickets -------------------------------------------------------------------------------------

TEST(TicketTest, FormatAndCheckCharacter) {
  std::string t = TicketNumber(12, "A01", 27);
  EXPECT_EQ(t.substr(0, 18), "KP-000012-A01-027-");
  EXPECT_TRUE(ValidTicketNumber(t));
  EXPECT_EQ(TicketNumber(12, "A01", 27), t);  // deterministic
  // Every single-character substitution and adjacent transposition of the body is detected.
  std::string body = "000012A01027";
  char check = Mod3736CheckChar(body);
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (size_t i = 0; i < body.size(); ++i) {
    for (char c : alphabet) {
      if (c == body[i]) continue;
      std::string b = body;
      b[i] = c;
      EXPECT_NE(Mod3736CheckChar(b), check) << b;
    }
    if (i + 1 < body.size() && body[i] != body[i + 1]) {
      std::string b = body;
      std::swap(b[i], b[i + 1]);
      EXPECT_NE(Mod3736CheckChar(b), check) << b;
    }
  }
  EXPECT_FALSE(ValidTicketNumber("KP-000012-A01-027-" + std::string(1, check == 'Z' ? 'Y' : 'Z')));
  EXPECT_FALSE(ValidTicketNumber("XX-000012-A01-027-0"));
  EXPECT_FALSE(ValidTicketNumber("KP-12-A01-027-0"));
}

// ---- access policy ---------------------------------------------------------------------------------

TEST(AccessTest, ObjectRelationsDecide) {
  Principal cand{10, {"candidate"}};
  Principal other{11, {"candidate"}};
  Principal proctor{20, {"proctor"}};
  Principal stranger_proctor{21, {"proctor"}};
  Principal examiner{30, {"examiner"}};
  Principal admin{1, {"admin"}};
  Principal auditor{2, {"auditor"}};
  ObjectFacts attempt{10, {20}, {30}};
  EXPECT_TRUE(Allowed(cand, Action::kTakeAttempt, attempt));
  EXPECT_FALSE(Allowed(other, Action::kTakeAttempt, attempt));
  EXPECT_FALSE(Allowed(other, Action::kViewAttempt, attempt));
  EXPECT_FALSE(Allowed(admin, Action::kTakeAttempt, attempt));  // nobody answers for a candidate
  EXPECT_TRUE(Allowed(proctor, Action::kProctorAttempt, attempt));
  EXPECT_FALSE(Allowed(stranger_proctor, Action::kProctorAttempt, attempt));
  EXPECT_FALSE(Allowed(proctor, Action::kReviewAttempt, attempt));
  EXPECT_TRUE(Allowed(examiner, Action::kReviewAttempt, attempt));
  EXPECT_FALSE(Allowed(cand, Action::kReviewAttempt, attempt));
  EXPECT_TRUE(Allowed(auditor, Action::kReadAudit, {}));
  EXPECT_FALSE(Allowed(cand, Action::kReadAudit, {}));
  EXPECT_FALSE(Allowed(proctor, Action::kViewIdNumber, attempt));
  EXPECT_TRUE(Allowed(admin, Action::kViewIdNumber, {}));
  EXPECT_FALSE(RoleMayEver(cand, Action::kProctorAttempt));
  EXPECT_TRUE(RoleMayEver(stranger_proctor, Action::kProctorAttempt));
  Principal nobody{0, {"admin"}};
  EXPECT_FALSE(Allowed(nobody, Action::kManagePlans, {}));
}

// ---- profile facts ---------------------------------------------------------------------------------

TEST(ProfileTest, WorkHistoryBecomesYearsWithOverlapsMerged) {
  TimePoint today = FromUnixMillis(1767225600000);  // 2026-01-01T00:00Z
  EXPECT_EQ(MonthIndex(today), 2026 * 12);
  CandidateFacts f;
  f.education = "bachelor";
  f.work_history = {{"甲公司", "工程师", "2020-01", "2021-12", true},
                    {"乙公司", "兼职", "2021-01", "2022-12", true},
                    {"丙公司", "销售", "2023-01", "", false}};
  EXPECT_TRUE(CheckFacts(f, today).empty());
  auto p = ToEligibilityProfile(f, today);
  EXPECT_DOUBLE_EQ(p.occupation_years, 3.0);    // 2020-01..2022-12
  EXPECT_DOUBLE_EQ(p.work_years, 73.0 / 12.0);  // 2020-01..2026-01
  EXPECT_EQ(p.education, "bachelor");
  f.work_history.push_back({"", "", "2027-01", "2019-13", false});
  EXPECT_GE(CheckFacts(f, today).size(), 3u);
}

// ---- delivery order --------------------------------------------------------------------------------

TEST(DeliveryOrderTest, DeterministicPerSeedAndKeepsSections) {
  bank::Paper paper;
  paper.sections = {{"single_choice", "一、单选", true, true}, {"true_false", "二、判断", false, false}};
  std::vector<bank::Item> items;
  for (int i = 0; i < 8; ++i) {
    bank::Item it;
    it.id = "q" + std::to_string(i);
    it.type = i < 6 ? bank::ItemType::kSingleChoice : bank::ItemType::kTrueFalse;
    it.options = i < 6 ? std::vector<bank::Option>{{"A", "a"}, {"B", "b"}, {"C", "c"}, {"D", "d"}}
                       : std::vector<bank::Option>{{"true", "对"}, {"false", "错"}};
    items.push_back(it);
    paper.items.push_back({it.id, 1, i < 6 ? "single_choice" : "true_false", 1.0, "function:1"});
  }
  auto a = DeriveDelivery(paper, items, 42);
  auto b = DeriveDelivery(paper, items, 42);
  ASSERT_EQ(a.size(), 8u);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].item_id, b[i].item_id);
    EXPECT_EQ(a[i].option_order, b[i].option_order);
    EXPECT_EQ(a[i].option_order.size(), i < 6 ? 4u : 2u);
  }
  // Section order kept; the unshuffled section keeps paper order and option order.
  EXPECT_EQ(a[6].item_id, "q6");
  EXPECT_EQ(a[7].item_id, "q7");
  EXPECT_EQ(a[6].option_order, (std::vector<std::string>{"true", "false"}));
  // Some seed gives a different order.
  bool differs = false;
  for (std::uint64_t seed = 1; seed < 20 && !differs; ++seed) {
    auto c = DeriveDelivery(paper, items, seed);
    for (size_t i = 0; i < 6; ++i) differs |= c[i].item_id != a[i].item_id;
  }
  EXPECT_TRUE(differs);
}

}  // namespace
}  // namespace kaoping::delivery
