#include "service/bank_service.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include "core/bank/synthetic.h"
#include "service/bootstrap.h"
#include "solver/cbc/cbc_solver.h"
#include "store/sqlite/bank_store_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/sqlite_store.h"
#include "support/files.h"
#include "wire/item_json.h"

namespace kaoping::service {
namespace {

namespace fs = std::filesystem;
using bank::Item;
using bank::ItemStatus;
using bank::ReviewAction;

const Actor kAdmin{1, "admin", "管理员", {"admin"}};
const Actor kAlice{2, "alice", "作者甲", {"author"}};
const Actor kBob{3, "bob", "审核乙", {"reviewer"}};
const Actor kCarol{4, "carol", "作者兼审核", {"author", "reviewer"}};
const Actor kCandidate{5, "cand", "考生", {"candidate"}};
const Actor kAuditor{6, "audit", "审计", {"auditor"}};

std::shared_ptr<const StandardsCatalog> Catalog() {
  static auto cat = [] {
    auto c = StandardsCatalog::Load(std::string(KAOPING_SOURCE_DIR) + "/standards");
    EXPECT_TRUE(c.ok()) << c.status();
    return *c;
  }();
  return cat;
}

fs::path FreshDir() {
  static std::atomic<int> counter{0};
  auto dir = fs::temp_directory_path() /
             ("kaoping-bank-service-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

struct Env {
  std::shared_ptr<store::sqlite::Database> db;
  std::unique_ptr<store::BankStore> store;
  ManualClock clock{FromUnixMillis(1'763'900'000'000)};  // 2025-11-23
  std::unique_ptr<BankService> bank;

  Env() {
    auto d = store::sqlite::Database::Open((FreshDir() / "k.db").string(), 2);
    EXPECT_TRUE(d.ok()) << d.status();
    db = *d;
    auto s = store::OpenSqliteBankStore(db);
    EXPECT_TRUE(s.ok()) << s.status();
    store = std::move(s).value();
    bank = std::make_unique<BankService>(Catalog(), *store, solver::MakeCbcSolver(), clock);
  }
};

std::vector<Item> Fixture() {
  auto text = testing_support::ReadFile(testing_support::SourceDir() / "tests/data/bank/fixture-items.json");
  auto parse = wire::ItemsFromJson(nlohmann::json::parse(text));
  EXPECT_TRUE(parse.ok()) << (parse.ok() ? "" : parse.problems[0].ToString());
  return parse.items;
}

Item Draft(const std::string& id) {
  Item i = Fixture()[0];
  i.id = id;
  i.status = ItemStatus::kDraft;
  i.reviewer.clear();
  i.enemies.clear();
  return i;
}

std::int64_t CountAll(BankService& bank) {
  store::ItemFilter f;
  f.include_synthetic = true;
  return *bank.Count(f, kAdmin);
}

TEST(BankServiceImportTest, BadRowsChangeNothingAndAreAllReported) {
  Env env;
  std::vector<Item> items = Fixture();
  Item unknown_req = items[0];
  unknown_req.id = "fx-bad-1";
  unknown_req.enemies.clear();
  unknown_req.alignment.requirements = {"mid/knowledge/9.9.9"};  // not in the pack
  Item bad_shape = items[4];
  bad_shape.id = "fx-bad-2";
  bad_shape.answer = {"Z"};
  Item bad_enemy = items[4];
  bad_enemy.id = "fx-bad-3";
  bad_enemy.enemies = {"nowhere-1"};
  Item self_reviewed = items[4];
  self_reviewed.id = "fx-bad-4";
  self_reviewed.reviewer = self_reviewed.author;
  Item dup = items[2];                           // same id as row 3
  items.insert(items.begin() + 1, unknown_req);  // row 2
  items.push_back(bad_shape);                    // row 7
  items.push_back(bad_enemy);                    // row 8
  items.push_back(self_reviewed);                // row 9
  items.push_back(dup);                          // row 10

  auto out = env.bank->Import(items, kAdmin);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_FALSE(out->ok());
  EXPECT_EQ(out->imported, 0);
  EXPECT_EQ(CountAll(*env.bank), 0) << "a file with bad rows changes nothing";
  std::set<int> rows;
  for (const auto& p : out->problems) rows.insert(p.row);
  EXPECT_EQ(rows, (std::set<int>{2, 7, 8, 9, 10}));
  auto has = [&](int row, const std::string& reason, const std::string& field) {
    return std::any_of(out->problems.begin(), out->problems.end(), [&](const bank::RowProblem& p) {
      return p.row == row && p.reason == reason && p.field == field;
    });
  };
  EXPECT_TRUE(has(2, "item.misaligned", "alignment.requirements[0]"));
  EXPECT_TRUE(has(7, "item.invalid", "answer[0]"));
  EXPECT_TRUE(has(8, "item.unknown_enemy", "enemies[0]"));
  EXPECT_TRUE(has(9, "item.lifecycle", "reviewer"));
  EXPECT_TRUE(has(10, "item.duplicate_id", "id"));
  for (const auto& p : out->problems) {
    EXPECT_FALSE(p.message_zh.empty());
    EXPECT_FALSE(p.item_id.empty());
  }

  // The good rows alone import; importing them again reports every existing id.
  auto good = env.bank->Import(Fixture(), kAdmin);
  ASSERT_TRUE(good.ok());
  ASSERT_TRUE(good->ok()) << good->problems[0].ToString();
  EXPECT_EQ(good->imported, 5);
  EXPECT_EQ(CountAll(*env.bank), 5);
  auto again = env.bank->Import(Fixture(), kAdmin);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->problems.size(), 5u);
  EXPECT_EQ(again->problems[0].reason, "item.exists");
  // Statuses from the file are kept for administrators.
  auto detail = env.bank->Detail("fx-mid-1.2-001", kAdmin);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->latest.status, ItemStatus::kApproved);
  EXPECT_EQ(detail->events.at(0).action, "import");
}

TEST(BankServiceImportTest, AuthorsImportDraftsOnly) {
  Env env;
  auto out = env.bank->Import(Fixture(), kAlice);
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(out->ok());
  int forbidden = 0;
  for (const auto& p : out->problems) forbidden += p.reason == "item.forbidden";
  EXPECT_EQ(forbidden, 4);  // approved ×3, in_review ×1
  std::vector<Item> drafts{Draft("d-1"), Draft("d-2")};
  drafts[1].author.clear();  // filled in with the importer
  auto ok = env.bank->Import(drafts, kAlice, BankImportOptions{{10, 11}});
  ASSERT_TRUE(ok.ok());
  ASSERT_TRUE(ok->ok()) << ok->problems[0].ToString();
  EXPECT_EQ(env.store->GetLatest("d-2")->author, "alice");
  EXPECT_EQ(env.bank->Import(drafts, kCandidate).status().reason(), "bank.forbidden");
  // Row numbers come from the caller (e.g. spreadsheet rows).
  auto dup = env.bank->Import({Draft("d-1")}, kAlice, BankImportOptions{{42}});
  ASSERT_TRUE(dup.ok());
  EXPECT_EQ(dup->problems.at(0).row, 42);
}

TEST(BankServiceLifecycleTest, ReviewRulesVersionsAndHistory) {
  Env env;
  auto created = env.bank->Create(Draft("q-1"), kAlice);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->author, "alice");
  EXPECT_EQ(created->status, ItemStatus::kDraft);
  EXPECT_EQ(env.bank->Create(Draft("q-1"), kAlice).status().reason(), "item.exists");
  Item broken = Draft("q-2");
  broken.alignment.function = "function:9";
  EXPECT_EQ(env.bank->Create(broken, kAlice).status().reason(), "item.invalid");

  EXPECT_EQ(env.bank->Review("q-1", ReviewAction::kApprove, "", kBob).status().reason(),
            "item.bad_transition");
  EXPECT_EQ(env.bank->Review("q-1", ReviewAction::kSubmit, "", kBob).status().reason(), "bank.forbidden");
  ASSERT_TRUE(env.bank->Review("q-1", ReviewAction::kSubmit, "", kAlice).ok());
  // Alice cannot approve her own item, even holding the reviewer role elsewhere.
  Actor alice_reviewer = kAlice;
  alice_reviewer.roles.push_back("reviewer");
  EXPECT_EQ(env.bank->Review("q-1", ReviewAction::kApprove, "", alice_reviewer).status().reason(),
            "item.self_review");
  EXPECT_EQ(env.bank->Review("q-1", ReviewAction::kRequestChanges, "", kBob).status().reason(),
            "review.comment_required");
  auto approved = env.bank->Review("q-1", ReviewAction::kApprove, "可以", kBob);
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(approved->status, ItemStatus::kApproved);
  EXPECT_EQ(approved->reviewer, "bob");

  // Editing an approved item makes version 2 (a draft); version 1 stays approved.
  Item edit = *approved;
  edit.stem = "对大模型进行 INT4 量化后，最主要的收益是什么？";
  EXPECT_EQ(env.bank->Edit(edit, kBob).status().reason(), "bank.forbidden");
  Item stale = edit;
  stale.version = 7;
  EXPECT_EQ(env.bank->Edit(stale, kAlice).status().reason(), "item.version_conflict");
  auto v2 = env.bank->Edit(edit, kAlice);
  ASSERT_TRUE(v2.ok()) << v2.status();
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(v2->status, ItemStatus::kDraft);
  EXPECT_EQ(v2->author, "alice");
  EXPECT_EQ(env.store->GetVersion("q-1", 1)->status, ItemStatus::kApproved);

  // An administrator's edit (v3) cannot be approved by that administrator.
  Item admin_edit = *v2;
  admin_edit.explanation = "管理员补充的解析";
  auto v3 = env.bank->Edit(admin_edit, kAdmin);
  ASSERT_TRUE(v3.ok()) << v3.status();
  ASSERT_TRUE(env.bank->Review("q-1", ReviewAction::kSubmit, "", kAdmin).ok());
  EXPECT_EQ(env.bank->Review("q-1", ReviewAction::kApprove, "", kAdmin).status().reason(),
            "item.self_review");
  EXPECT_EQ(env.bank->Edit(*env.store->GetLatest("q-1"), kAlice).status().reason(), "item.not_editable");
  ASSERT_TRUE(env.bank->Review("q-1", ReviewAction::kRequestChanges, "解析有误", kCarol).ok());
  ASSERT_TRUE(env.bank->Review("q-1", ReviewAction::kRetire, "", kBob).ok());
  EXPECT_EQ(env.bank->Review("q-1", ReviewAction::kSubmit, "", kAlice, 3).status().reason(),
            "item.bad_transition");
  EXPECT_EQ(env.bank->Review("q-1", ReviewAction::kSubmit, "", kAlice, 2).status().reason(),
            "item.version_conflict");

  auto detail = env.bank->Detail("q-1", kAuditor);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->history.size(), 3u);
  std::vector<std::string> actions;
  for (const auto& e : detail->events) actions.push_back(e.action + ":" + e.actor);
  EXPECT_EQ(actions,
            (std::vector<std::string>{"create:alice", "submit:alice", "approve:bob", "edit:alice",
                                      "edit:admin", "submit:admin", "request_changes:carol", "retire:bob"}));
  EXPECT_EQ(env.bank->Detail("q-1", kCandidate).status().reason(), "bank.forbidden");
  EXPECT_TRUE(BankService::CanSeeKeys(kAlice));
  EXPECT_FALSE(BankService::CanSeeKeys(kAuditor));
  EXPECT_EQ(env.bank->Export({}, kAuditor).status().reason(), "bank.forbidden");
}

std::vector<Item> SyntheticBank(int size) {
  bank::SyntheticBankOptions o;
  o.level = "mid";
  o.size = size;
  o.seed = 5;
  auto b = bank::GenerateSyntheticBank(*Catalog()->Find("llm-deploy-engineer"), o);
  EXPECT_TRUE(b.ok());
  return std::move(b).value();
}

AssembleParams MidTheory(std::uint64_t seed) {
  AssembleParams p;
  p.standard = "llm-deploy-engineer";
  p.level = "mid";
  p.seed = seed;
  p.allow_synthetic = true;
  p.time_limit_seconds = 30;
  return p;
}

TEST(BankServiceAssembleTest, SavesPapersThatPointAtExactVersionsAndDrivesExposure) {
  Env env;
  auto imported = env.bank->Import(SyntheticBank(500), kAdmin);
  ASSERT_TRUE(imported.ok() && imported->ok());

  EXPECT_EQ(env.bank->Assemble(MidTheory(1), kBob).status().reason(), "bank.forbidden");
  AssembleParams real = MidTheory(1);
  real.allow_synthetic = false;  // synthetic items never reach a real paper
  auto none = env.bank->Assemble(real, kAdmin);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->feasible);
  EXPECT_EQ(none->shortfalls.size(), 10u);  // six rows and four item types, all empty

  AssembleParams p = MidTheory(1);
  p.save = true;
  auto out = env.bank->Assemble(p, kAdmin);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_TRUE(out->feasible) << assembly::InfeasibleStatus(*out);
  const bank::Paper& paper = out->papers[0];
  EXPECT_EQ(paper.id, "llm-deploy-engineer-mid-theory-20251123-s1-a");
  EXPECT_EQ(paper.created_by, "admin");
  auto saved = env.bank->GetPaper(paper.id, kAuditor);
  ASSERT_TRUE(saved.ok()) << saved.status();
  EXPECT_EQ(saved->items.size(), 80u);
  EXPECT_EQ(env.bank->GetPaper(paper.id, kAlice).status().reason(), "bank.forbidden");
  EXPECT_EQ(env.bank->Assemble(p, kAdmin).status().reason(), "paper.exists");

  // Editing an item on the paper does not change what the paper points at.
  const std::string edited_id = saved->items[0].item_id;
  Item v1 = *env.store->GetLatest(edited_id);
  Item v2 = v1;
  v2.stem = "【合成】改写后的题干";
  ASSERT_TRUE(env.bank->Edit(v2, kAdmin).ok());
  auto items = env.bank->PaperItems(*env.bank->LoadPaper(paper.id));
  ASSERT_TRUE(items.ok()) << items.status();
  ASSERT_EQ(items->size(), 80u);
  EXPECT_EQ((*items)[0].version, 1);
  EXPECT_EQ((*items)[0].stem, v1.stem);

  // Exposure: the next paper avoids the last paper's items.
  AssembleParams next = MidTheory(2);
  next.exposure_window = 1;
  auto second = env.bank->Assemble(next, kAdmin);
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_TRUE(second->feasible) << assembly::InfeasibleStatus(*second);
  std::set<std::string> first_ids;
  for (const auto& i : saved->items) first_ids.insert(i.item_id);
  for (const auto& i : second->papers[0].items) EXPECT_FALSE(first_ids.count(i.item_id)) << i.item_id;
  EXPECT_EQ(second->stats.excluded_by_exposure, 79);  // one of the 80 was edited: now a draft

  auto list = env.bank->ListPapers("llm-deploy-engineer", 10, kAdmin);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 1u);
}

TEST(BankServiceAssembleTest, StatsCompareTheBankWithTheBlueprint) {
  Env env;
  ASSERT_TRUE(env.bank->Import(Fixture(), kAdmin)->ok());
  auto s = env.bank->Stats("llm-deploy-engineer", "mid", "theory", "", false, kAuditor);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->total, 5);
  EXPECT_EQ(s->by_status["approved"], 3);
  EXPECT_EQ(s->by_status["in_review"], 1);
  ASSERT_TRUE(s->blueprint.has_value());
  ASSERT_EQ(s->functions.size(), 6u);
  EXPECT_EQ(s->functions[2].target, "function:1");
  EXPECT_EQ(s->functions[2].needed_points, 20);
  EXPECT_EQ(s->functions[2].approved_items, 2);
  EXPECT_EQ(s->functions[2].approved_points, 2);
  EXPECT_EQ(s->functions[0].approved_items, 1);  // basic:2.1
  EXPECT_EQ(s->types[0].approved, 2);            // single choice
  // A real assembly from this small bank explains what is missing, by label.
  AssembleParams p = MidTheory(1);
  p.allow_synthetic = false;
  auto out = env.bank->Assemble(p, kAdmin);
  ASSERT_TRUE(out.ok());
  ASSERT_FALSE(out->feasible);
  bool named = false;
  for (const auto& sf : out->shortfalls) {
    if (sf.constraint == "function:4") {
      named = true;
      EXPECT_EQ(sf.message_zh, "中级 监控与维护 需要 20 分的已审核理论知识试题，题库中只有 0 分");
    }
  }
  EXPECT_TRUE(named);
  EXPECT_EQ(env.bank->Stats("nope", "", "", "", false, kAdmin).status().reason(), "standard.not_found");
}

TEST(BankDemoSeederTest, ImportsSampleFilesAndSkipsBadOnes) {
  Env env;
  auto dir = FreshDir();
  fs::copy_file(testing_support::SourceDir() / "tests/data/bank/fixture-items.json", dir / "a-fixture.json");
  std::ofstream(dir / "b-broken.json") << R"({"format": "kaoping.items/1", "items": [{"id": "x"}]})";
  ::setenv("KAOPING_BANK_SAMPLES", dir.c_str(), 1);
  auto users = store::OpenSqliteStore(env.db);
  ASSERT_TRUE(users.ok());
  DemoContext ctx{**users, *Catalog(), env.clock, {}, {}};
  ctx.bank = env.bank.get();
  ctx.read_item_file = [](const std::string& path) -> Result<ItemFileContents> {
    KP_ASSIGN_OR_RETURN(wire::ItemsParse p, wire::ReadItemsJsonFile(path));
    return ItemFileContents{std::move(p.readable), std::move(p.readable_rows), std::move(p.problems),
                            std::move(p.ids)};
  };
  auto seeder = MakeBankDemoSeeder();
  ASSERT_TRUE(seeder->Seed(ctx).ok());
  ::unsetenv("KAOPING_BANK_SAMPLES");
  ASSERT_EQ(ctx.log.size(), 2u);
  EXPECT_NE(ctx.log[0].find("imported 5 sample items"), std::string::npos) << ctx.log[0];
  EXPECT_NE(ctx.log[1].find("not imported"), std::string::npos) << ctx.log[1];
  EXPECT_EQ(CountAll(*env.bank), 5);
}

}  // namespace
}  // namespace kaoping::service
