// Psychometrics over real stores: a real SQLite file seeded with submitted attempts through the
// delivery store's group commit (service/psychometrics_fixture.h), the response matrix built
// from it, classical analysis and calibration by the core, write-back with provenance and the
// audit row, read back through the interface. ManualClock for the provenance time.
#include "service/psychometrics_service.h"

#include <atomic>
#include <filesystem>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <gtest/gtest.h>

#include "core/psychometrics/calibration.h"
#include "core/psychometrics/classical.h"
#include "service/audit.h"
#include "service/psychometrics_fixture.h"
#include "store/sqlite/bank_store_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/psychometrics_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::service {
namespace {

namespace fs = std::filesystem;
namespace psy = kaoping::psychometrics;
constexpr std::int64_t kNow = 1'767'300'000'000;

class Env {
 public:
  explicit Env(int candidates = 300) : clock_(FromUnixMillis(kNow)) {
    static std::atomic<int> n{0};
    dir_ = fs::temp_directory_path() /
           ("kaoping-psy-service-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = std::move(store::sqlite::Database::Open((dir_ / "kaoping.db").string(), 2)).value();
    users_ = std::move(store::OpenSqliteStore(db_)).value();
    delivery_ = std::move(store::OpenSqliteDeliveryStore(db_)).value();
    bank_ = std::move(store::OpenSqliteBankStore(db_)).value();
    stats_ = std::move(store::OpenSqlitePsychometricsStore(db_)).value();
    audit_ = std::make_unique<AuditLog>(*delivery_, clock_);
    PsychometricsFixtureSpec spec;
    spec.candidates = candidates;
    auto fx = SeedPsychometricsExam(*delivery_, *bank_, spec);
    EXPECT_TRUE(fx.ok()) << fx.status();
    if (fx.ok()) fx_ = *fx;
    svc_ = std::make_unique<PsychometricsService>(Deps());
  }
  ~Env() {
    db_->Close();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  PsychometricsDeps Deps(PsychometricsLimits limits = {}) {
    PsychometricsDeps d;
    d.bank = bank_.get();
    d.delivery = delivery_.get();
    d.statistics = stats_.get();
    d.audit = audit_.get();
    d.clock = &clock_;
    d.limits = limits;
    return d;
  }

  fs::path dir_;
  ManualClock clock_;
  std::shared_ptr<store::sqlite::Database> db_;
  std::unique_ptr<store::Store> users_;
  std::unique_ptr<store::DeliveryStore> delivery_;
  std::unique_ptr<store::BankStore> bank_;
  std::unique_ptr<store::PsychometricsStore> stats_;
  std::unique_ptr<AuditLog> audit_;
  PsychometricsFixture fx_;
  std::unique_ptr<PsychometricsService> svc_;
};

const Actor kAdmin{1, "admin", "管理员", {"admin"}};
const Actor kAuthor{2, "author", "命题人", {"author"}};
const Actor kCandidate{3, "cand", "考生", {"candidate"}};

TEST(PsychometricsServiceTest, BuildsTheMatrixFromSubmittedAttempts) {
  Env env;
  auto data = env.svc_->Responses({env.fx_.plan_id, ""}, kAuthor);
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(data->source, "plan:" + std::to_string(env.fx_.plan_id));
  // Rows: the submitted attempts only (the started-but-unsubmitted one is left out), by attempt id.
  EXPECT_EQ(data->attempt_ids, env.fx_.submitted_attempts);
  EXPECT_EQ(data->matrix.num_persons(), 300u);
  // Columns: 10 choice + true/false + fill-in + multiple choice; the short answer is human-scored.
  ASSERT_EQ(data->matrix.num_items(), 13u);
  EXPECT_EQ(data->human_scored, (std::vector<std::string>{"psy-sa"}));
  EXPECT_EQ(data->items[0].id, "psy-sc-001");
  EXPECT_EQ(data->items[0].version, 1);
  const int fill = data->matrix.ItemIndex("psy-fill");
  ASSERT_GE(fill, 0);
  EXPECT_EQ(data->matrix.max_scores()[static_cast<std::size_t>(fill)], 2);  // two blanks: categories 0..2
  EXPECT_TRUE(data->matrix.IsDichotomous(static_cast<std::size_t>(data->matrix.ItemIndex("psy-mc"))));
  // Choice columns: option index 0 (the key "A") exactly when the item scored 1; unanswered → missing choice,
  // score 0.
  int unanswered = 0;
  for (std::size_t p = 0; p < data->matrix.num_persons(); ++p) {
    for (std::size_t i = 0; i < 10; ++i) {
      const int choice = data->choices.choices[p * 13 + i];
      EXPECT_EQ(data->matrix.at(p, i), choice == 0 ? 1 : 0);
      unanswered += choice == psy::kMissing;
    }
  }
  EXPECT_GT(unanswered, 0);
  EXPECT_EQ(data->choices.options[0], 4);
  EXPECT_EQ(data->choices.options[static_cast<std::size_t>(data->matrix.ItemIndex("psy-mc"))], 0);
  // Item difficulty rises with the item index in the fixture: the first item is easier than the last choice
  // item.
  double first = 0, last = 0;
  for (std::size_t p = 0; p < data->matrix.num_persons(); ++p) {
    first += data->matrix.at(p, 0);
    last += data->matrix.at(p, 9);
  }
  EXPECT_GT(first, last);

  // The same exam by paper gives the same matrix.
  auto by_paper = env.svc_->Responses({0, env.fx_.paper_id}, kAdmin);
  ASSERT_TRUE(by_paper.ok()) << by_paper.status();
  EXPECT_EQ(by_paper->source, "paper:" + env.fx_.paper_id);
  EXPECT_EQ(by_paper->attempt_ids, data->attempt_ids);
  for (std::size_t p = 0; p < 300; ++p) {
    for (std::size_t i = 0; i < 13; ++i) ASSERT_EQ(by_paper->matrix.at(p, i), data->matrix.at(p, i));
  }
}

TEST(PsychometricsServiceTest, AnalysesAndWritesBackWithProvenance) {
  Env env;
  auto data = env.svc_->Responses({env.fx_.plan_id, ""}, kAdmin);
  ASSERT_TRUE(data.ok()) << data.status();
  auto classical = psy::AnalyzeItems(data->matrix, {}, &data->choices, data->functions);
  ASSERT_TRUE(classical.ok()) << classical.status();
  psy::CalibrationOptions o;
  o.dichotomous_model = psy::ItemModel::kTwoPL;
  o.data_description = data->source;
  o.clock = &env.clock_;
  o.threads = 1;
  auto irt = psy::Calibrate(data->matrix, o);
  ASSERT_TRUE(irt.ok()) << irt.status();
  ASSERT_TRUE(irt->converged);

  auto head = env.delivery_->GetAuditHead();
  ASSERT_TRUE(head.ok());
  // Only an administrator writes back; an author may read.
  EXPECT_EQ(env.svc_->WriteBack(*data, &*classical, &*irt, kAuthor, "").status().reason(),
            "psychometrics.forbidden");
  auto written = env.svc_->WriteBack(*data, &*classical, &*irt, kAdmin, "127.0.0.1");
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(*written, 26);  // 13 classical + 13 IRT records

  auto rows = env.svc_->ItemStatistics("psy-sc-001", kAuthor);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  const auto& r_irt = (*rows)[0];
  const auto& r_ctt = (*rows)[1];
  EXPECT_EQ(r_irt.kind, "irt");
  EXPECT_EQ(r_irt.item_version, 1);
  EXPECT_EQ(r_irt.source, data->source);
  EXPECT_EQ(r_irt.num_persons, 300);
  EXPECT_EQ(r_irt.model, irt->provenance.model);
  EXPECT_TRUE(r_irt.converged);
  EXPECT_EQ(r_irt.iterations, irt->iterations);
  EXPECT_DOUBLE_EQ(r_irt.log_likelihood, irt->log_likelihood);
  EXPECT_EQ(r_irt.computed_ms, kNow);
  EXPECT_EQ(r_irt.computed_by, "admin");
  auto params = nlohmann::json::parse(r_irt.statistics);
  EXPECT_DOUBLE_EQ(params["a"].get<double>(), irt->items[0].a);
  EXPECT_DOUBLE_EQ(params["b"].get<double>(), irt->items[0].b);
  EXPECT_EQ(params["provenance"]["data"], data->source);
  EXPECT_EQ(r_ctt.kind, "classical");
  auto ctt = nlohmann::json::parse(r_ctt.statistics);
  EXPECT_DOUBLE_EQ(ctt["facility"].get<double>(), classical->items[0].facility);
  std::vector<std::string> flags;
  for (auto f : classical->items[0].flags) flags.emplace_back(psy::ItemFlagName(f));
  EXPECT_EQ(r_ctt.flags, flags);

  // Distractor flags reach the stored record: C and D are rarely chosen, B pulls the upper group on hard
  // items.
  bool any_flag = false;
  for (const auto& s : classical->items) any_flag |= !s.flags.empty();
  EXPECT_TRUE(any_flag);

  // One audit row in the same transaction.
  auto audit = env.delivery_->ReadAudit(head->seq, 10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].action, "psychometrics.write_back");
  EXPECT_EQ((*audit)[0].object, data->source);
  EXPECT_EQ((*audit)[0].actor_login, "admin");
}

TEST(PsychometricsServiceTest, RefusesCallersSourcesAndSizesItMayNot) {
  Env env(20);
  EXPECT_EQ(env.svc_->Responses({env.fx_.plan_id, ""}, kCandidate).status().reason(),
            "psychometrics.forbidden");
  EXPECT_EQ(env.svc_->ItemStatistics("psy-sc-001", kCandidate).status().reason(), "psychometrics.forbidden");
  // Forbidden comes before the lookup: unknown ids look the same to a candidate.
  EXPECT_EQ(env.svc_->ItemStatistics("no-such-item", kCandidate).status().reason(),
            "psychometrics.forbidden");
  EXPECT_EQ(env.svc_->ItemStatistics("no-such-item", kAuthor).status().reason(), "item.not_found");
  EXPECT_EQ(env.svc_->Responses({999, ""}, kAdmin).status().reason(), "plan.not_found");
  EXPECT_EQ(env.svc_->Responses({0, "no-such-paper"}, kAdmin).status().reason(), "paper.not_found");
  EXPECT_EQ(env.svc_->Responses({0, ""}, kAdmin).status().reason(), "psychometrics.bad_source");
  EXPECT_EQ(env.svc_->Responses({env.fx_.plan_id, env.fx_.paper_id}, kAdmin).status().reason(),
            "psychometrics.bad_source");
  PsychometricsLimits small;
  small.max_persons = 10;
  PsychometricsService bounded(env.Deps(small));
  auto big = bounded.Responses({env.fx_.plan_id, ""}, kAdmin);
  EXPECT_EQ(big.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(big.status().reason(), "psychometrics.too_large");
  // A write-back of items that are not columns of the data changes nothing.
  auto data = env.svc_->Responses({env.fx_.plan_id, ""}, kAdmin);
  ASSERT_TRUE(data.ok());
  psy::ClassicalReport fake;
  fake.items.push_back(psy::ClassicalItemStats{});
  fake.items.back().item_id = "not-on-paper";
  EXPECT_EQ(env.svc_->WriteBack(*data, &fake, nullptr, kAdmin, "").status().reason(),
            "psychometrics.bad_write_back");
  EXPECT_EQ(env.svc_->WriteBack(*data, nullptr, nullptr, kAdmin, "").status().reason(),
            "psychometrics.bad_write_back");
  auto none = env.svc_->ItemStatistics("psy-sc-001", kAdmin);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace kaoping::service
