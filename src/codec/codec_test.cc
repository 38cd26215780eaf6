// The stored JSON forms are a storage format: the scoring store keeps their text in SQLite rows
// and the bank keeps item statistics, so existing databases must keep decoding. These tests pin
// the exact bytes each encoder writes, decode text as earlier versions stored it, and check that
// malformed text is an error ("scoring.bad_json"), never an exception.
#include <limits>

#include <gtest/gtest.h>

#include "codec/psychometrics_json.h"
#include "codec/scoring_json.h"

namespace kaoping::codec {
namespace {

using Json = nlohmann::json;
namespace psy = kaoping::psychometrics;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

scoring::PaperScore SamplePaperScore() {
  scoring::PaperScore s;
  s.paper_id = "p1";
  scoring::ItemScore fill;
  fill.item_id = "q1";
  fill.item_version = 2;
  fill.type = bank::ItemType::kFillIn;
  fill.function = "function:1";
  fill.earned = 1.5;
  fill.possible = 3;
  fill.outcome = scoring::Outcome::kPartial;
  fill.blanks = {{"b1", "x", true, 1.5, 1.5}, {"b2", "", false, 0, 1.5}};
  scoring::ItemScore essay;
  essay.item_id = "q2";
  essay.type = bank::ItemType::kShortAnswer;
  essay.function = "function:1";
  essay.possible = 1;
  essay.outcome = scoring::Outcome::kPendingHuman;
  s.items = {fill, essay};
  s.functions = {{"function:1", 2, 1.5, 4, 37.5, 37.5, 100}};
  s.raw_earned = 1.5;
  s.raw_possible = 4;
  s.scale = 25;
  s.total = 37.5;
  s.complete = false;
  s.pending_items = {"q2"};
  return s;
}

constexpr const char* kPaperScoreText =
    R"({"complete":false,"full_marks":100.0,"functions":[{"earned":1.5,"function":"function:1",)"
    R"("items":2,"percent":37.5,"possible":4.0,"scaled_earned":37.5,"scaled_possible":100.0}],)"
    R"("items":[{"blanks":[{"blank_id":"b1","correct":true,"earned":1.5,"normalized":"x",)"
    R"("possible":1.5},{"blank_id":"b2","correct":false,"earned":0.0,"normalized":"",)"
    R"("possible":1.5}],"earned":1.5,"function":"function:1","item_id":"q1","item_version":2,)"
    R"("outcome":"partial","possible":3.0,"type":"fill_in"},{"blanks":[],"earned":0.0,)"
    R"("function":"function:1","item_id":"q2","item_version":1,"outcome":"pending_human",)"
    R"("possible":1.0,"type":"short_answer"}],"paper_id":"p1","pending_items":["q2"],)"
    R"("raw_earned":1.5,"raw_possible":4.0,"scale":25.0,"total":37.5})";

TEST(ScoringCodecTest, PaperScoreBytesArePinnedAndRoundTrip) {
  EXPECT_EQ(PaperScoreJson(SamplePaperScore()).dump(), kPaperScoreText);
  auto j = ParseScoringJson(kPaperScoreText);
  ASSERT_TRUE(j.ok()) << j.status();
  auto back = PaperScoreFromJson(*j);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->items.at(0).outcome, scoring::Outcome::kPartial);
  EXPECT_EQ(back->items.at(1).type, bank::ItemType::kShortAnswer);
  EXPECT_EQ(back->items.at(0).blanks.at(1).blank_id, "b2");
  EXPECT_DOUBLE_EQ(back->total, 37.5);
  EXPECT_FALSE(back->complete);
  EXPECT_EQ(PaperScoreJson(*back).dump(), kPaperScoreText);
}

TEST(ScoringCodecTest, RubricAndPanelEventBytesArePinnedAndRoundTrip) {
  std::vector<scoring::Criterion> rubric = {{"c1", "结构清晰", 10}, {"c2", "Correct result", 2.5}};
  const std::string rubric_text = R"([{"description":"结构清晰","id":"c1","max_points":10.0},)"
                                  R"({"description":"Correct result","id":"c2","max_points":2.5}])";
  EXPECT_EQ(CriteriaJson(rubric).dump(), rubric_text);
  auto criteria = CriteriaFromJson(Json::parse(rubric_text));
  ASSERT_TRUE(criteria.ok()) << criteria.status();
  ASSERT_EQ(criteria->size(), 2u);
  EXPECT_EQ((*criteria)[0].description, "结构清晰");
  EXPECT_DOUBLE_EQ((*criteria)[1].max_points, 2.5);

  scoring::PanelEvent e;
  e.kind = scoring::PanelEventKind::kAdjudicated;
  e.script = "S-0007";
  e.actor = 3;
  e.examiner = 4;
  e.scores = {{"c1", 8}, {"c2", 1.5}};
  e.criterion = "c1";
  e.score = 7.5;
  e.reason = "spread 3 > 2";
  e.at_ms = 1'767'300'000'000;
  const std::string event_text =
      R"({"actor":3,"at_ms":1767300000000,"criterion":"c1","examiner":4,"kind":"adjudicated",)"
      R"("reason":"spread 3 > 2","score":7.5,"scores":{"c1":8.0,"c2":1.5},"script":"S-0007"})";
  EXPECT_EQ(PanelEventJson(e).dump(), event_text);
  auto back = PanelEventFromJson(Json::parse(event_text));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->kind, scoring::PanelEventKind::kAdjudicated);
  EXPECT_EQ(back->scores.at("c2"), 1.5);
  EXPECT_EQ(back->at_ms, 1'767'300'000'000);
  EXPECT_EQ(PanelEventJson(*back).dump(), event_text);
}

scoring::ResultRecord SampleResult() {
  scoring::ResultRecord r;
  r.candidate = "application:12";
  r.revision = 2;
  r.state = scoring::ResultState::kPublished;
  auto& d = r.decision;
  d.standard = "ai-engineering-technician";
  d.rule = "weighted_dimensions";
  d.rule_ref = "B.1";
  d.platform_interpretation = true;
  d.passed = true;
  d.level = "mid";
  d.level_name = "中级";
  d.level_en = "Intermediate";
  d.grade = 3;
  d.total = 72.5;
  scoring::SubjectOutcome s;
  s.subject = "theory";
  s.name = "理论知识";
  s.dimension = "knowledge";
  s.score = 70;
  s.weight = 40;
  s.weighted = 28;
  s.counted = true;
  s.passed = true;
  s.ref = "1.5.3";
  scoring::SubjectOutcome skipped;
  skipped.subject = "review";
  skipped.name = "综合评审";
  d.subjects = {s, skipped};
  d.reasons = {{"通过", "Passed"}};
  r.computed_ms = 1000;
  r.reviewed_by = 5;
  r.reviewed_ms = 2000;
  r.published_by = 6;
  r.published_ms = 3000;
  r.correction_reason = "key corrected";
  return r;
}

constexpr const char* kResultText =
    R"({"candidate":"application:12","computed_ms":1000,"correction_reason":"key corrected",)"
    R"("decision":{"grade":3,"level":"mid","level_en":"Intermediate","level_name":"中级",)"
    R"("passed":true,"platform_interpretation":true,"reasons":[{"en":"Passed","zh":"通过"}],)"
    R"("rule":"weighted_dimensions","rule_ref":"B.1","standard":"ai-engineering-technician",)"
    R"("subjects":[{"counted":true,"dimension":"knowledge","gating":false,"max_score":100.0,)"
    R"("name":"理论知识","passed":true,"ref":"1.5.3","score":70.0,"subject":"theory",)"
    R"("weight":40.0,"weighted":28.0},{"counted":false,"dimension":"","gating":false,)"
    R"("max_score":100.0,"name":"综合评审","passed":false,"ref":"","subject":"review"}],)"
    R"("total":72.5},"published_by":6,"published_ms":3000,"reviewed_by":5,"reviewed_ms":2000,)"
    R"("revision":2,"state":"published"})";

TEST(ScoringCodecTest, ResultRecordBytesArePinnedAndRoundTrip) {
  EXPECT_EQ(ResultRecordJson(SampleResult()).dump(), kResultText);
  auto back = ResultRecordFromJson(Json::parse(kResultText));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->state, scoring::ResultState::kPublished);
  EXPECT_EQ(back->decision.grade, 3);
  EXPECT_EQ(back->decision.subjects.at(0).weighted, 28.0);
  EXPECT_FALSE(back->decision.subjects.at(1).score.has_value());
  EXPECT_EQ(back->decision.reasons.at(0).en, "Passed");
  EXPECT_EQ(ResultRecordJson(*back).dump(), kResultText);
}

TEST(ScoringCodecTest, ResultAuditWritesOptionalFieldsOnlyWhenSet) {
  scoring::ResultAudit a;
  a.candidate = "application:12";
  a.revision = 2;
  a.action = "corrected";
  a.actor = 9;
  a.reason = "key corrected";
  a.at_ms = 4000;
  a.passed_before = false;
  a.passed_after = true;
  a.total_before = 58;
  a.total_after = 61.5;
  a.grade_before = 1;
  a.grade_after = 2;
  EXPECT_EQ(ResultAuditJson(a).dump(),
            R"({"action":"corrected","actor":9,"at_ms":4000,"candidate":"application:12",)"
            R"("grade_after":2,"grade_before":1,"passed_after":true,"passed_before":false,)"
            R"("reason":"key corrected","revision":2,"total_after":61.5,"total_before":58.0})");
  scoring::ResultAudit computed;
  computed.candidate = "application:1";
  computed.action = "computed";
  EXPECT_EQ(ResultAuditJson(computed).dump(),
            R"({"action":"computed","actor":0,"at_ms":0,"candidate":"application:1",)"
            R"("passed_after":false,"reason":"","revision":1})");
}

TEST(ScoringCodecTest, MalformedTextIsBadJsonNotAnException) {
  auto not_json = ParseScoringJson("{\"paper_id\":");
  ASSERT_FALSE(not_json.ok());
  EXPECT_EQ(not_json.status().reason(), "scoring.bad_json");
  EXPECT_EQ(not_json.status().code(), StatusCode::kInvalidArgument);

  Json missing = Json::parse(kPaperScoreText);
  missing.erase("total");
  EXPECT_EQ(PaperScoreFromJson(missing).status().reason(), "scoring.bad_json");
  Json wrong_type = Json::parse(kPaperScoreText);
  wrong_type["items"][0]["earned"] = "lots";
  EXPECT_EQ(PaperScoreFromJson(wrong_type).status().reason(), "scoring.bad_json");
  Json bad_item_type = Json::parse(kPaperScoreText);
  bad_item_type["items"][0]["type"] = "essay";
  EXPECT_EQ(PaperScoreFromJson(bad_item_type).status().reason(), "scoring.bad_json");

  Json bad_state = Json::parse(kResultText);
  bad_state["state"] = "archived";
  EXPECT_EQ(ResultRecordFromJson(bad_state).status().reason(), "scoring.bad_json");
  Json bad_decision = Json::parse(kResultText);
  bad_decision["decision"].erase("subjects");
  EXPECT_EQ(ResultRecordFromJson(bad_decision).status().reason(), "scoring.bad_json");

  EXPECT_EQ(PanelEventFromJson(Json::parse(R"({"kind":"vetoed"})")).status().reason(), "scoring.bad_json");
  EXPECT_EQ(PanelEventFromJson(Json::parse("[]")).status().reason(), "scoring.bad_json");
  EXPECT_EQ(CriteriaFromJson(Json::parse(R"([{"id":"c1"}])")).status().reason(), "scoring.bad_json");
  EXPECT_EQ(LevelDecisionFromJson(Json::parse("7")).status().reason(), "scoring.bad_json");
}

bank::Item ItemOfType(bank::ItemType type) {
  bank::Item item;
  item.id = "q";
  item.type = type;
  if (type == bank::ItemType::kFillIn) {
    item.blanks.resize(2);
    item.blanks[0].id = "first";
    item.blanks[1].id = "second";
  }
  return item;
}

TEST(ScoringCodecTest, ReadsEveryStoredAnswerShape) {
  const bank::Item multiple = ItemOfType(bank::ItemType::kMultipleChoice);
  using Choices = std::vector<std::string>;
  EXPECT_EQ(ResponseFromJson(multiple, R"("A")").choices, Choices{"A"});
  EXPECT_EQ(ResponseFromJson(multiple, R"("A, C")").choices, (Choices{"A", "C"}));
  EXPECT_EQ(ResponseFromJson(multiple, R"(["A","C"])").choices, (Choices{"A", "C"}));
  EXPECT_EQ(ResponseFromJson(multiple, R"({"choice":"B"})").choices, Choices{"B"});
  EXPECT_EQ(ResponseFromJson(multiple, R"({"choices":["B","D"]})").choices, (Choices{"B", "D"}));
  const bank::Item true_false = ItemOfType(bank::ItemType::kTrueFalse);
  EXPECT_EQ(ResponseFromJson(true_false, "true").choices, Choices{"true"});
  EXPECT_EQ(ResponseFromJson(true_false, "false").choices, Choices{"false"});

  const bank::Item fill = ItemOfType(bank::ItemType::kFillIn);
  EXPECT_EQ(ResponseFromJson(fill, R"("x")").blanks, Choices{"x"});
  EXPECT_EQ(ResponseFromJson(fill, R"(["x","y"])").blanks, (Choices{"x", "y"}));
  EXPECT_EQ(ResponseFromJson(fill, R"({"blanks":["x",3]})").blanks, (Choices{"x", ""}));
  EXPECT_EQ(ResponseFromJson(fill, R"({"blanks":{"second":"y","first":"x"}})").blanks, (Choices{"x", "y"}));

  // Anything else is an unanswered response, never an error.
  for (const char* text : {"", "not json", "{\"other\":1}", "42", "null"}) {
    scoring::Response r = ResponseFromJson(multiple, text);
    EXPECT_TRUE(r.choices.empty() && r.blanks.empty()) << text;
  }
  EXPECT_TRUE(ResponseFromJson(fill, "{").blanks.empty());
}

TEST(PsychometricsCodecTest, StoredClassicalStatisticsBytesArePinned) {
  psy::ClassicalItemStats s;
  s.item_id = "q1";
  s.group = "g";
  s.max_score = 1;
  s.answered = 300;
  s.mean = 0.75;
  s.facility = 0.75;
  s.point_biserial = 0.5;
  s.corrected_item_total = kNaN;
  s.discrimination_index = 0.25;
  s.alpha_if_deleted = kNaN;
  s.flags = {psy::ItemFlag::kTooEasy};
  EXPECT_EQ(ClassicalItemJson(s).dump(),
            R"({"alpha_if_deleted":null,"answered":300.0,"corrected_item_total":null,)"
            R"("discrimination_index":0.25,"facility":0.75,"flagged_options":[],"flags":["too_easy"],)"
            R"("group":"g","item_id":"q1","max_score":1,"mean":0.75,"point_biserial":0.5})");

  psy::ReliabilityStats form;
  form.num_items = 20;
  form.num_persons = 300;
  form.mean_total = 12.5;
  form.sd_total = 2;
  form.alpha = 0.8125;
  EXPECT_EQ(ReliabilityJson(form).dump(),
            R"({"alpha":0.8125,"group":"","items":20,"kr20":null,"mean":12.5,"persons":300.0,"sd":2.0,)"
            R"("sem":null})");
}

TEST(PsychometricsCodecTest, StoredCalibrationBytesArePinned) {
  psy::ItemParameters two;
  two.item_id = "q1";
  two.model = psy::ItemModel::kTwoPL;
  two.a = 1.25;
  two.b = -0.5;
  two.se_a = 0.125;
  EXPECT_EQ(ItemParametersJson(two).dump(),
            R"({"a":1.25,"b":-0.5,"item_id":"q1","model":"2PL","se_a":0.125,"se_b":null})");
  psy::ItemParameters three = two;
  three.model = psy::ItemModel::kThreePL;
  three.c = 0.25;
  EXPECT_EQ(ItemParametersJson(three).dump(),
            R"({"a":1.25,"b":-0.5,"c":0.25,"item_id":"q1","model":"3PL","se_a":0.125,"se_b":null,)"
            R"("se_c":null})");
  psy::ItemParameters grm;
  grm.item_id = "q2";
  grm.model = psy::ItemModel::kGradedResponse;
  grm.a = 2;
  grm.se_a = 0.5;
  grm.thresholds = {-1, 0.5};
  grm.se_thresholds = {0.25};
  EXPECT_EQ(ItemParametersJson(grm).dump(),
            R"({"a":2.0,"item_id":"q2","model":"GRM","se_a":0.5,"se_thresholds":[0.25,null],)"
            R"("thresholds":[-1.0,0.5]})");

  psy::CalibrationProvenance pv;
  pv.data_description = "plan:12";
  pv.num_persons = 300;
  pv.num_response_patterns = 250;
  pv.num_items = 20;
  pv.missing_fraction = 0.125;
  pv.model = "2PL";
  pv.estimation = "MML-EM (Bock-Aitkin)";
  pv.quadrature = "61 equally spaced points on [-6, 6]";
  pv.latent_distribution = "N(0, 1)";
  pv.iterations = 42;
  pv.converged = true;
  pv.tolerance = 0.0001;
  pv.log_likelihood = kNaN;
  pv.calibrated_at = FromUnixMillis(1'767'300'000'000);
  EXPECT_EQ(CalibrationProvenanceJson(pv).dump(),
            R"j({"calibrated_at_unix_ms":1767300000000,"converged":true,"data":"plan:12",)j"
            R"j("estimation":"MML-EM (Bock-Aitkin)","items":20,"iterations":42,)j"
            R"j("latent_distribution":"N(0, 1)","log_likelihood":null,"missing_fraction":0.125,)j"
            R"j("model":"2PL","patterns":250,"persons":300,)j"
            R"j("quadrature":"61 equally spaced points on [-6, 6]","software":"kaoping psychometrics 1",)j"
            R"j("tolerance":0.0001})j");
}

}  // namespace
}  // namespace kaoping::codec
