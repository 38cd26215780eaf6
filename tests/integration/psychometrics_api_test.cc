// The psychometrics API on the real server over loopback: an exam with submitted attempts in the
// real SQLite delivery store (service/psychometrics_fixture.h), analysed, calibrated and written
// back through HTTP, read back with provenance on the item; bad input gives 400s with stable
// codes, candidates and anonymous callers are refused, and nothing is written by a refused call.
#include <gtest/gtest.h>

#include "integration/harness.h"
#include "service/psychometrics_fixture.h"

namespace kaoping::integration {
namespace {

struct PsyExam {
  Harness h;
  service::PsychometricsFixture fx;
  std::string admin, author, reviewer, candidate;

  PsyExam() {
    service::PsychometricsFixtureSpec spec;
    spec.candidates = 150;
    auto seeded = service::SeedPsychometricsExam(h.store(), h.bank(), spec);
    EXPECT_TRUE(seeded.ok()) << seeded.status();
    if (seeded.ok()) fx = *seeded;
    h.CreateUser("author1", {"author"});
    h.CreateUser("reviewer1", {"reviewer"});
    h.CreateUser("cand1", {"candidate"});
    admin = h.TokenFor("admin");
    author = h.TokenFor("author1");
    reviewer = h.TokenFor("reviewer1");
    candidate = h.TokenFor("cand1");
  }
  Json Plan() const { return Json{{"plan_id", fx.plan_id}}; }
};

void ExpectProblem(const Reply& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.json.value("code", ""), code) << r.body;
}

TEST(PsychometricsApiTest, ClassicalAnalysisOfAPlanFromTheStore) {
  PsyExam e;
  auto r = e.h.Post("/api/v1/psychometrics/items", e.Plan(), e.author);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["source"], "plan:" + std::to_string(e.fx.plan_id));
  EXPECT_EQ(r.json["persons"], 150);
  EXPECT_EQ(r.json["human_scored"], Json::array({"psy-sa"}));
  ASSERT_EQ(r.json["items"].size(), 13u);
  const Json& first = r.json["items"][0];
  EXPECT_EQ(first["item_id"], "psy-sc-001");
  EXPECT_GT(first["facility"].get<double>(), 0.5);  // the easiest item of the fixture
  ASSERT_EQ(first["options"].size(), 4u);           // distractor analysis from the stored choices
  EXPECT_TRUE(first["options"][0]["key"].get<bool>());
  EXPECT_GT(r.json["form"]["alpha"].get<double>(), 0.3);
  EXPECT_EQ(r.json["written"], 0);
}

TEST(PsychometricsApiTest, CalibrateWriteBackAndReadTheStatisticsOnTheItem) {
  PsyExam e;
  auto head = e.h.store().GetAuditHead();
  ASSERT_TRUE(head.ok());
  // Only an administrator writes back; the refused call writes nothing.
  Json body = e.Plan();
  body["model"] = "2pl";
  body["write_back"] = true;
  ExpectProblem(e.h.Post("/api/v1/psychometrics/calibrate", body, e.author), 403, "psychometrics.forbidden");
  EXPECT_EQ(e.h.store().GetAuditHead()->seq, head->seq);

  auto cal = e.h.Post("/api/v1/psychometrics/calibrate", body, e.admin);
  ASSERT_EQ(cal.status, 200) << cal.body;
  EXPECT_TRUE(cal.json["converged"].get<bool>());
  EXPECT_EQ(cal.json["written"], 13);
  ASSERT_EQ(cal.json["items"].size(), 13u);
  EXPECT_FALSE(cal.json["items"][0]["se_a"].is_null());
  auto items =
      e.h.Post("/api/v1/psychometrics/items", Json{{"plan_id", e.fx.plan_id}, {"write_back", true}}, e.admin);
  ASSERT_EQ(items.status, 200) << items.body;
  EXPECT_EQ(items.json["written"], 13);

  auto stats = e.h.Get("/api/v1/items/psy-sc-001/statistics", e.reviewer);
  ASSERT_EQ(stats.status, 200) << stats.body;
  ASSERT_EQ(stats.json["history"].size(), 2u);
  const Json& irt = stats.json["latest"]["irt"];
  EXPECT_EQ(irt["source"], "plan:" + std::to_string(e.fx.plan_id));
  EXPECT_EQ(irt["persons"], 150);
  EXPECT_EQ(irt["model"], cal.json["provenance"]["model"]);
  EXPECT_EQ(irt["iterations"], cal.json["iterations"]);
  EXPECT_DOUBLE_EQ(irt["log_likelihood"].get<double>(), cal.json["log_likelihood"].get<double>());
  EXPECT_DOUBLE_EQ(irt["statistics"]["a"].get<double>(), cal.json["items"][0]["a"].get<double>());
  EXPECT_EQ(irt["computed_by"], "admin");
  EXPECT_EQ(irt["computed_ms"], kT0);
  const Json& ctt = stats.json["latest"]["classical"];
  EXPECT_DOUBLE_EQ(ctt["statistics"]["facility"].get<double>(),
                   items.json["items"][0]["facility"].get<double>());

  // The author sees the statistics and flags on the item in the bank; a candidate sees neither.
  auto view = e.h.Get("/api/v1/items/psy-sc-001", e.author);
  ASSERT_EQ(view.status, 200) << view.body;
  ASSERT_TRUE(view.json.contains("statistics"));
  EXPECT_EQ(view.json["statistics"]["version"], 1);
  EXPECT_EQ(view.json["statistics"]["flags"], items.json["items"][0]["flags"]);
  EXPECT_FALSE(view.json["statistics"]["irt"].is_null());
  auto cand_view = e.h.Get("/api/v1/items/psy-sc-001", e.candidate);
  EXPECT_EQ(cand_view.status, 403);
  EXPECT_EQ(cand_view.body.find("statistics"), std::string::npos);
  ExpectProblem(e.h.Get("/api/v1/items/psy-sc-001/statistics", e.candidate), 403, "psychometrics.forbidden");

  // Two write-backs, two audit rows.
  auto audit = e.h.store().ReadAudit(head->seq, 10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].action, "psychometrics.write_back");
}

TEST(PsychometricsApiTest, MatrixInputEquatingCutScoresCatAndPlots) {
  PsyExam e;
  // A posted matrix (null = missing).
  Json m{{"item_ids", {"i1", "i2", "i3", "i4"}},
         {"matrix",
          {{1, 0, 0, 0},
           {1, 1, 0, 0},
           {1, 1, 1, 0},
           {1, 1, 1, 1},
           {0, 1, 0, 0},
           {1, 0, 1, 0},
           {1, 1, 0, 1},
           {0, 0, 0, 0},
           {1, nullptr, 1, 0},
           {1, 1, 1, 0},
           {0, 1, 1, 0},
           {1, 0, 0, 1}}},
         {"model", "rasch"}};
  auto cal = e.h.Post("/api/v1/psychometrics/calibrate", m, e.reviewer);
  ASSERT_EQ(cal.status, 200) << cal.body;
  EXPECT_EQ(cal.json["source"], "matrix");
  EXPECT_EQ(cal.json["items"].size(), 4u);

  Json eq{{"form_x", e.Plan()},
          {"form_y", {{"paper_id", e.fx.paper_id}}},
          {"method", "stocking-lord"},
          {"cuts", {8}}};
  auto link = e.h.Post("/api/v1/psychometrics/equate", eq, e.admin);
  ASSERT_EQ(link.status, 200) << link.body;
  EXPECT_NEAR(link.json["A"].get<double>(), 1.0, 1e-6);  // the same data on both sides
  EXPECT_NEAR(link.json["B"].get<double>(), 0.0, 1e-6);
  EXPECT_NEAR(link.json["cuts"][0]["raw_y"].get<double>(), 8.0, 1e-6);

  Json bm = e.Plan();
  bm["method"] = "bookmark";
  bm["bookmarks"] = {5, 6, 7};
  auto bookmark = e.h.Post("/api/v1/psychometrics/cutscore", bm, e.author);
  ASSERT_EQ(bookmark.status, 200) << bookmark.body;
  EXPECT_EQ(bookmark.json["panelist_thetas"].size(), 3u);
  Json an = e.Plan();
  an["method"] = "angoff";
  an["ratings"] = Json::array();
  for (int r = 0; r < 2; ++r) {
    Json row = Json::array();
    for (int i = 0; i < 13; ++i) row.push_back(i == 11 ? 1.2 : 0.6);  // the fill-in item scores 0..2
    an["ratings"].push_back(row);
  }
  auto angoff = e.h.Post("/api/v1/psychometrics/cutscore", an, e.author);
  ASSERT_EQ(angoff.status, 200) << angoff.body;
  EXPECT_NEAR(angoff.json["raw_cut"].get<double>(), 12 * 0.6 + 1.2, 1e-9);

  Json cat = e.Plan();
  cat["simulees"] = 40;
  cat["max_length"] = 8;
  cat["cuts"] = {0.0};
  cat["levels"] = {"基础", "熟练"};
  auto sim = e.h.Post("/api/v1/psychometrics/cat/simulate", cat, e.admin);
  ASSERT_EQ(sim.status, 200) << sim.body;
  EXPECT_EQ(sim.json["simulees"], 40);
  EXPECT_LE(sim.json["mean_length"].get<double>(), 8.0);
  EXPECT_EQ(sim.json["exposure_rates"].size(), 13u);

  for (const char* kind : {"icc", "tif", "wright"}) {
    auto svg = e.h.Get(
        "/api/v1/psychometrics/plots/" + std::string(kind) + ".svg?plan=" + std::to_string(e.fx.plan_id),
        e.author);
    ASSERT_EQ(svg.status, 200) << kind << " " << svg.body;
    EXPECT_EQ(std::string(svg.raw[bhttp::field::content_type]).rfind("image/svg+xml", 0), 0u);
    EXPECT_NE(svg.body.find("<svg"), std::string::npos);
  }
  ExpectProblem(e.h.Get("/api/v1/psychometrics/plots/pie.svg?plan=" + std::to_string(e.fx.plan_id), e.author),
                404, "psychometrics.no_such_plot");
}

TEST(PsychometricsApiTest, BadInputIsA400AndOthersAreRefused) {
  PsyExam e;
  const std::string items = "/api/v1/psychometrics/items", cal = "/api/v1/psychometrics/calibrate";
  ExpectProblem(e.h.Post(items, Json::object(), e.admin), 400, "psychometrics.bad_source");
  ExpectProblem(e.h.Post(items, Json{{"plan_id", e.fx.plan_id}, {"paper_id", e.fx.paper_id}}, e.admin), 400,
                "psychometrics.bad_source");
  ExpectProblem(e.h.Post(items, Json{{"plan_id", 99999}}, e.admin), 404, "plan.not_found");
  ExpectProblem(e.h.Post(items, Json{{"plan_id", "x"}}, e.admin), 400, "request.bad_field");
  ExpectProblem(e.h.Post(items, Json{{"plan_id", e.fx.plan_id}, {"bogus", 1}}, e.admin), 400,
                "request.unknown_field");
  ExpectProblem(e.h.Post(items, Json{{"item_ids", {"a", "b"}}, {"matrix", {{1, 0}, {1}}}}, e.admin), 400,
                "psychometrics.bad_matrix");
  ExpectProblem(e.h.Post(items, Json{{"item_ids", {"a", "b"}}, {"matrix", {{1, 101}, {1, 0}}}}, e.admin), 400,
                "psychometrics.bad_matrix");
  ExpectProblem(e.h.Post(items, Json{{"item_ids", {"a", "b"}}, {"matrix", {{1, "x"}, {1, 0}}}}, e.admin), 400,
                "psychometrics.bad_matrix");
  ExpectProblem(e.h.Post(items, Json{{"item_ids", {"a", "a"}}, {"matrix", {{1, 0}, {0, 1}}}}, e.admin), 400,
                "psychometrics.bad_matrix");
  ExpectProblem(
      e.h.Post(cal, Json{{"item_ids", {"a", "b"}}, {"matrix", {{1, 0}, {0, 1}}}, {"write_back", true}},
               e.admin),
      400, "psychometrics.write_back_needs_store");
  ExpectProblem(e.h.Post(cal, Json{{"plan_id", e.fx.plan_id}, {"model", "4pl"}}, e.admin), 400,
                "request.bad_field");
  // Work beyond the bounds is refused before it starts.
  ExpectProblem(e.h.Post(cal, Json{{"plan_id", e.fx.plan_id}, {"max_iterations", 100000}}, e.admin), 400,
                "psychometrics.too_large");
  ExpectProblem(e.h.Post(cal, Json{{"plan_id", e.fx.plan_id}, {"quadrature", 5000}}, e.admin), 400,
                "psychometrics.too_large");
  ExpectProblem(e.h.Post("/api/v1/psychometrics/cat/simulate",
                         Json{{"plan_id", e.fx.plan_id}, {"simulees", 1000000}}, e.admin),
                400, "psychometrics.too_large");
  Json wide{{"item_ids", Json::array()}, {"matrix", Json::array({Json::array()})}};
  for (int i = 0; i < 2001; ++i) wide["item_ids"].push_back("i" + std::to_string(i));
  ExpectProblem(e.h.Post(items, wide, e.admin), 400, "psychometrics.too_large");
  // An item set nobody answered differently cannot be calibrated: a 400, not a 500.
  ExpectProblem(e.h.Post(cal, Json{{"item_ids", {"a"}}, {"matrix", {{1}, {1}, {1}}}}, e.admin), 400,
                "psychometrics.bad_calibration_input");

  // Candidates and anonymous callers.
  ExpectProblem(e.h.Post(items, e.Plan(), e.candidate), 403, "psychometrics.forbidden");
  ExpectProblem(e.h.Post(items, Json{{"plan_id", 99999}}, e.candidate), 403, "psychometrics.forbidden");
  ExpectProblem(
      e.h.Get("/api/v1/psychometrics/plots/icc.svg?plan=" + std::to_string(e.fx.plan_id), e.candidate), 403,
      "psychometrics.forbidden");
  EXPECT_EQ(e.h.Post(items, e.Plan(), "").status, 401);
  ExpectProblem(e.h.Get("/api/v1/items/no-such-item/statistics", e.author), 404, "item.not_found");
}

}  // namespace
}  // namespace kaoping::integration
