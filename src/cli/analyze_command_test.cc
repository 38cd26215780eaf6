// Tests of `kaoping analyze`. Data: tests/data/psychometrics/ (README.md there gives each file's
// source and licence: LSAT-6 from Bock & Lieberman 1970; the rest invented or simulated).

#include "cli/analyze_command.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <gtest/gtest.h>

#include "service/psychometrics_fixture.h"
#include "store/sqlite/bank_store_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/psychometrics_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::cli {
namespace {

const std::string kData = std::string(KAOPING_SOURCE_DIR) + "/tests/data/psychometrics/";

struct Output {
  int code = -1;
  std::string out, err;
};

// Runs `kaoping <args>` with std::cout / std::cerr captured.
Output RunCli(const std::string& args) {
  CLI::App app("kaoping");
  Output o;
  AddAnalyzeCommands(app, &o.code);
  std::ostringstream out, err;
  auto* old_out = std::cout.rdbuf(out.rdbuf());
  auto* old_err = std::cerr.rdbuf(err.rdbuf());
  try {
    app.parse(args, false);
  } catch (const CLI::ParseError& e) {
    o.code = app.exit(e);
  }
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  o.out = out.str();
  o.err = err.str();
  return o;
}

// LSAT-6 (Bock & Lieberman 1970; tests/data/psychometrics/README.md) through the whole CLI path:
// CSV reading, calibration with ltm's 21-point Gauss–Hermite rule, JSON output. Reference: ltm's
// published 2PL estimates (see core/psychometrics/calibration_test.cc).
TEST(AnalyzeCommandTest, CalibrateLsat6AsJson) {
  auto r = RunCli("analyze calibrate " + kData +
                  "lsat6.csv --gauss-hermite --quadrature 21 --tolerance 1e-7 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["items"].size(), 5u);
  EXPECT_NEAR(j["items"][0]["a"].get<double>(), 0.8253715, 1e-3);
  EXPECT_NEAR(j["items"][0]["b"].get<double>(), -3.3597341, 1e-3);
  EXPECT_NEAR(j["items"][2]["b"].get<double>(), -0.2798983, 1e-3);
  EXPECT_NEAR(j["log_likelihood"].get<double>(), -2466.653, 1e-3);
  EXPECT_EQ(j["provenance"]["persons"].get<int>(), 1000);
  EXPECT_EQ(j["provenance"]["patterns"].get<int>(), 30);
  EXPECT_EQ(j["persons"].size(), 1000u);
  EXPECT_TRUE(j["converged"].get<bool>());
}

TEST(AnalyzeCommandTest, CalibrateTextOutputAndPlots) {
  const std::string svg = ::testing::TempDir() + "kp_icc.svg";
  auto r = RunCli("analyze calibrate " + kData + "graded.csv --score-table --icc-svg " + svg);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("GRM"), std::string::npos);
  EXPECT_NE(r.out.find("log-likelihood"), std::string::npos);
  EXPECT_NE(r.out.find("Lord-Wingersky"), std::string::npos);
  std::ifstream in(svg);
  std::string head;
  std::getline(in, head);
  EXPECT_EQ(head.rfind("<svg", 0), 0u);
  std::remove(svg.c_str());
}

TEST(AnalyzeCommandTest, ItemsWithAnswerKeyFlagsDistractors) {
  auto r = RunCli("analyze items " + kData +
                  "choices.csv --id-column id --key B,A,C,D --options 4 --group-fraction 0.3 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["items"].size(), 4u);
  auto flags = j["items"][3]["flags"];
  EXPECT_NE(std::find(flags.begin(), flags.end(), "distractor_preferred_over_key"), flags.end());
  EXPECT_NEAR(j["items"][0]["facility"].get<double>(), 0.6, 1e-12);
  EXPECT_NEAR(j["items"][0]["discrimination_index"].get<double>(), 1.0, 1e-12);
  EXPECT_EQ(j["items"][0]["options"].size(), 4u);
  auto first = j["items"][0]["flags"];
  EXPECT_NE(std::find(first.begin(), first.end(), "distractor_not_chosen"), first.end());  // nobody picks D
  auto text = RunCli("analyze items " + kData + "lsat6.csv --functions f1,f1,f2,f2,f2");
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("alpha"), std::string::npos);
  EXPECT_NE(text.out.find("0.295"), std::string::npos);  // LSAT-6 α (classical_test.cc)
}

TEST(AnalyzeCommandTest, ErrorsNameFileLineAndColumn) {
  auto r = RunCli("analyze items " + kData + "bad_cell.csv");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad_cell.csv:3:5"), std::string::npos) << r.err;
  auto missing = RunCli("analyze calibrate " + kData + "no_such_file.csv");
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("no_such_file.csv"), std::string::npos);
  auto model = RunCli("analyze calibrate " + kData + "lsat6.csv --model 5pl");
  EXPECT_EQ(model.code, 2);
  EXPECT_NE(model.err.find("5pl"), std::string::npos);
  auto key = RunCli("analyze items " + kData + "choices.csv --id-column id --key B,A");
  EXPECT_EQ(key.code, 2);
}

// Form Y's simulated group is 0.3 SD abler than X's (README), so θ_Y ≈ θ_X − 0.3.
TEST(AnalyzeCommandTest, EquateCarriesACutAcrossForms) {
  auto r = RunCli("analyze equate " + kData + "form_x.csv " + kData +
                  "form_y.csv --id-column person --method stocking-lord --cut 4 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["common_items"].size(), 4u);
  EXPECT_NEAR(j["A"].get<double>(), 1.0, 0.25);
  EXPECT_NEAR(j["B"].get<double>(), -0.3, 0.2);
  ASSERT_EQ(j["cuts"].size(), 1u);
  const double tx = j["cuts"][0]["theta_x"].get<double>();
  EXPECT_NEAR(j["cuts"][0]["theta_y"].get<double>(), j["A"].get<double>() * tx + j["B"].get<double>(), 1e-9);
}

TEST(AnalyzeCommandTest, CutscoreAngoffAndBookmark) {
  auto a = RunCli("analyze cutscore " + kData + "lsat6.csv --angoff " + kData + "ratings.csv --json");
  ASSERT_EQ(a.code, 0) << a.err;
  auto j = nlohmann::json::parse(a.out);
  EXPECT_NEAR(j["raw_cut"].get<double>(), (3.55 + 3.25 + 3.85) / 3, 1e-12);
  EXPECT_TRUE(std::isfinite(j["theta_cut"].get<double>()));
  auto b = RunCli("analyze cutscore " + kData + "lsat6.csv --bookmarks 3,4,4");
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_NE(b.out.find("theta cut"), std::string::npos);
  auto both = RunCli("analyze cutscore " + kData + "lsat6.csv");
  EXPECT_EQ(both.code, 2);
}

TEST(AnalyzeCommandTest, CatSimulation) {
  auto r = RunCli("analyze cat-simulate " + kData +
                  "form_x.csv --id-column person --simulees 40 --max-length 6 " + "--areas " + kData +
                  "areas.csv --weights A=0.5,B=0.5 --cuts -0.5,0.5 --levels low,mid,high --json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["simulees"].get<int>(), 40);
  EXPECT_LE(j["mean_length"].get<double>(), 6.0);
  double sum = 0;
  for (auto& [id, v] : j["exposure_rates"].items()) sum += v.get<double>();
  EXPECT_NEAR(sum, j["mean_length"].get<double>(), 1e-9);
  EXPECT_TRUE(j.contains("placements"));
}

// The store path: a real SQLite file with submitted attempts (service/psychometrics_fixture.h),
// analysed by plan and by paper, calibrated and written back, read back through the store.
TEST(AnalyzeCommandTest, ResponsesFromTheDatabaseAndWriteBack) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("kaoping-analyze-store-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::int64_t plan = 0;
  {
    auto db = store::sqlite::Database::Open((dir / "kaoping.db").string(), 1);
    ASSERT_TRUE(db.ok()) << db.status();
    auto sys = store::OpenSqliteStore(*db);
    auto del = store::OpenSqliteDeliveryStore(*db);
    auto bank = store::OpenSqliteBankStore(*db);
    ASSERT_TRUE(sys.ok() && del.ok() && bank.ok());
    service::PsychometricsFixtureSpec spec;
    spec.candidates = 120;
    auto fx = service::SeedPsychometricsExam(**del, **bank, spec);
    ASSERT_TRUE(fx.ok()) << fx.status();
    plan = fx->plan_id;
    (*db)->Close();
  }
  const std::string data = " --data " + dir.string();
  auto items = RunCli("analyze items --plan " + std::to_string(plan) + data + " --json");
  ASSERT_EQ(items.code, 0) << items.err;
  auto j = nlohmann::json::parse(items.out);
  EXPECT_EQ(j["form"]["persons"].get<double>(), 120);
  ASSERT_EQ(j["items"].size(), 13u);
  EXPECT_EQ(j["items"][0]["options"].size(), 4u);
  EXPECT_EQ(j["items"][0]["group"], "function:1");
  auto table = RunCli("analyze items plan:" + std::to_string(plan) + data);
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("psy-sc-001"), std::string::npos);
  EXPECT_NE(table.out.find("Distractor analysis"), std::string::npos);

  auto cal =
      RunCli("analyze calibrate --paper psy-paper" + data + " --write-back --as psychometrician --json");
  ASSERT_EQ(cal.code, 0) << cal.err;
  auto c = nlohmann::json::parse(cal.out);
  EXPECT_TRUE(c["converged"].get<bool>());
  EXPECT_EQ(c["provenance"]["data"], "paper:psy-paper");
  {
    auto db = store::sqlite::Database::Open((dir / "kaoping.db").string(), 1);
    ASSERT_TRUE(db.ok());
    auto sys = store::OpenSqliteStore(*db);
    auto del = store::OpenSqliteDeliveryStore(*db);
    auto bank = store::OpenSqliteBankStore(*db);
    auto stats = store::OpenSqlitePsychometricsStore(*db);
    ASSERT_TRUE(stats.ok());
    auto rows = (*stats)->ItemStatistics("psy-sc-002", 0);
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].kind, "irt");
    EXPECT_EQ((*rows)[0].source, "paper:psy-paper");
    EXPECT_EQ((*rows)[0].num_persons, 120);
    EXPECT_EQ((*rows)[0].computed_by, "psychometrician");
    EXPECT_DOUBLE_EQ((*rows)[0].log_likelihood, c["log_likelihood"].get<double>());
    (*db)->Close();
  }
  // Equating a plan with itself through every common item: the identity.
  auto eq = RunCli("analyze equate plan:" + std::to_string(plan) + " paper:psy-paper" + data + " --json");
  ASSERT_EQ(eq.code, 0) << eq.err;
  EXPECT_NEAR(nlohmann::json::parse(eq.out)["A"].get<double>(), 1.0, 1e-6);

  // Errors: two sources, an unknown plan, a missing database, write-back of a file.
  EXPECT_EQ(RunCli("analyze items " + kData + "lsat6.csv --plan 1" + data).code, 2);
  auto unknown = RunCli("analyze items --plan 9999" + data);
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("plan.not_found"), std::string::npos) << unknown.err;
  auto nodb = RunCli("analyze items --plan 1 --data " + (dir / "nowhere").string());
  EXPECT_EQ(nodb.code, 2);
  EXPECT_NE(nodb.err.find("cli.no_database"), std::string::npos) << nodb.err;
  EXPECT_EQ(RunCli("analyze calibrate " + kData + "lsat6.csv --write-back").code, 2);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace kaoping::cli
