#include "store/sqlite/bank_store_sqlite.h"

#include <atomic>
#include <filesystem>

#include <unistd.h>

#include <gtest/gtest.h>

#include "store/sqlite/database.h"

namespace kaoping::store {
namespace {

namespace fs = std::filesystem;

std::string FreshPath() {
  static std::atomic<int> counter{0};
  auto dir = fs::temp_directory_path() /
             ("kaoping-bank-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return (dir / "kaoping.db").string();
}

bank::Item MakeItem(const std::string& id, const std::string& function = "function:1",
                    const std::string& level = "mid") {
  bank::Item i;
  i.id = id;
  i.type = bank::ItemType::kSingleChoice;
  i.stem = "题干 " + id + "：模型量化";
  i.options = {{"A", "甲"}, {"B", "乙"}};
  i.answer = {"B"};
  i.explanation = "解析";
  i.points = 1;
  i.difficulty.p = 0.62;
  i.difficulty.a = 1.2;
  i.difficulty.b = -0.3;
  i.difficulty.provenance = "pilot 2025";
  i.alignment.standard = "llm-deploy-engineer";
  i.alignment.levels = {level, "senior"};
  i.alignment.exam_kind = "theory";
  i.alignment.function = function;
  i.alignment.work_content = "1.2";
  i.alignment.requirements = {"mid/knowledge/1.2.1"};
  i.alignment.knowledge_points = {"量化"};
  i.enemies = {"other"};
  i.author = "alice";
  i.source = "sample";
  i.licence = "CC-BY-4.0";
  i.updated_ms = 1000;
  return i;
}

struct Fixture {
  std::shared_ptr<sqlite::Database> db;
  std::unique_ptr<BankStore> store;
};

Fixture Open(const std::string& path) {
  Fixture f;
  auto db = sqlite::Database::Open(path, 2);
  EXPECT_TRUE(db.ok()) << db.status();
  f.db = *db;
  auto s = OpenSqliteBankStore(f.db);
  EXPECT_TRUE(s.ok()) << s.status();
  f.store = std::move(s).value();
  return f;
}

TEST(SqliteBankStoreTest, ItemsRoundTripEveryField) {
  Fixture f = Open(FreshPath());
  bank::Item pr = MakeItem("pr-1", "function:2");
  pr.type = bank::ItemType::kPractical;
  pr.options.clear();
  pr.answer.clear();
  pr.points = 10;
  pr.rubric = {{"c1", "步骤", 6, "截图"}, {"c2", "结果", 4, ""}};
  pr.task = bank::PracticalTask{"部署服务", {"镜像", "脚本"}, 40};
  pr.reference_answer = "参考";
  bank::Item fill = MakeItem("fill-1");
  fill.type = bank::ItemType::kFillIn;
  fill.blanks = {{"1", {"vLLM", "vllm"}, 0.5}};
  fill.difficulty = {};
  ASSERT_TRUE(f.store->InsertItems({MakeItem("sc-1"), pr, fill}, "importer").ok());

  auto sc = f.store->GetLatest("sc-1");
  ASSERT_TRUE(sc.ok()) << sc.status();
  bank::Item want = MakeItem("sc-1");
  EXPECT_EQ(sc->stem, want.stem);
  EXPECT_EQ(sc->options.size(), 2u);
  EXPECT_EQ(sc->options[1].text, "乙");
  EXPECT_EQ(sc->answer, want.answer);
  EXPECT_EQ(sc->difficulty.p, 0.62);
  EXPECT_EQ(sc->difficulty.a, 1.2);
  EXPECT_FALSE(sc->difficulty.c.has_value());
  EXPECT_EQ(sc->difficulty.provenance, "pilot 2025");
  EXPECT_EQ(sc->alignment.levels, want.alignment.levels);
  EXPECT_EQ(sc->alignment.requirements, want.alignment.requirements);
  EXPECT_EQ(sc->alignment.knowledge_points, want.alignment.knowledge_points);
  EXPECT_EQ(sc->alignment.work_content, "1.2");
  EXPECT_EQ(sc->enemies, want.enemies);
  EXPECT_EQ(sc->licence, "CC-BY-4.0");
  EXPECT_EQ(sc->version, 1);
  EXPECT_EQ(sc->status, bank::ItemStatus::kDraft);

  auto p = f.store->GetLatest("pr-1");
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->task.has_value());
  EXPECT_EQ(p->task->materials.size(), 2u);
  EXPECT_EQ(p->task->time_minutes, 40);
  EXPECT_EQ(p->rubric[0].evidence, "截图");
  EXPECT_EQ(p->reference_answer, "参考");
  auto fl = f.store->GetLatest("fill-1");
  ASSERT_TRUE(fl.ok());
  EXPECT_EQ(fl->blanks[0].accepted[1], "vllm");
  EXPECT_FALSE(fl->difficulty.p.has_value());

  auto events = f.store->Events("sc-1");
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].action, "import");
  EXPECT_EQ((*events)[0].actor, "importer");
}

TEST(SqliteBankStoreTest, InsertIsAllOrNothing) {
  Fixture f = Open(FreshPath());
  ASSERT_TRUE(f.store->InsertItems({MakeItem("a")}, "x").ok());
  Status dup = f.store->InsertItems({MakeItem("b"), MakeItem("a")}, "x");
  EXPECT_EQ(dup.reason(), "item.exists");
  EXPECT_EQ(f.store->GetLatest("b").status().reason(), "item.not_found");  // nothing written
  EXPECT_EQ(f.store->InsertItems({MakeItem("c"), MakeItem("c")}, "x").reason(), "item.exists");
  auto existing = f.store->ExistingIds({"zz", "a", "c"});
  ASSERT_TRUE(existing.ok());
  EXPECT_EQ(*existing, std::vector<std::string>{"a"});
}

TEST(SqliteBankStoreTest, VersionsStatusesAndHistory) {
  Fixture f = Open(FreshPath());
  ASSERT_TRUE(f.store->InsertItems({MakeItem("q")}, "alice").ok());
  ASSERT_TRUE(
      f.store->SetStatus("q", bank::ItemStatus::kInReview, ReviewEvent{"q", 1, "alice", "submit", "", 2000})
          .ok());
  ASSERT_TRUE(
      f.store->SetStatus("q", bank::ItemStatus::kApproved, ReviewEvent{"q", 1, "bob", "approve", "好", 3000})
          .ok());
  auto v1 = f.store->GetLatest("q");
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->status, bank::ItemStatus::kApproved);
  EXPECT_EQ(v1->reviewer, "bob");

  bank::Item edited = *v1;
  edited.stem = "改过的题干";
  edited.status = bank::ItemStatus::kDraft;
  edited.reviewer.clear();
  edited.version = 99;  // ignored
  edited.updated_ms = 4000;
  auto v2 = f.store->SaveNewVersion(edited, "alice");
  ASSERT_TRUE(v2.ok()) << v2.status();
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(f.store->GetLatest("q")->stem, "改过的题干");
  // The approved version 1 is untouched: papers pointing at it still see what was approved.
  auto old = f.store->GetVersion("q", 1);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->status, bank::ItemStatus::kApproved);
  EXPECT_EQ(old->stem, MakeItem("q").stem);
  EXPECT_EQ(f.store->GetVersion("q", 7).status().reason(), "item.version_not_found");
  auto history = f.store->History("q");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].version, 2);

  // A status change against a stale version is refused.
  Status stale =
      f.store->SetStatus("q", bank::ItemStatus::kInReview, ReviewEvent{"q", 1, "alice", "submit", "", 5000});
  EXPECT_EQ(stale.reason(), "item.version_conflict");
  EXPECT_EQ(stale.code(), StatusCode::kAborted);
  auto events = f.store->Events("q");
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 4u);  // create, submit, approve, edit
  EXPECT_EQ((*events)[0].action, "create");
  EXPECT_EQ((*events)[2].comment, "好");
  EXPECT_EQ((*events)[3].action, "edit");
  EXPECT_EQ((*events)[3].item_version, 2);

  EXPECT_EQ(f.store->SaveNewVersion(MakeItem("nope"), "x").status().reason(), "item.not_found");
  EXPECT_EQ(f.store->SetStatus("nope", bank::ItemStatus::kRetired, ReviewEvent{}).reason(), "item.not_found");
  EXPECT_EQ(f.store->History("nope").status().reason(), "item.not_found");
}

TEST(SqliteBankStoreTest, FindFiltersLatestVersions) {
  Fixture f = Open(FreshPath());
  bank::Item syn = MakeItem("syn-1", "function:3");
  syn.synthetic = true;
  bank::Item tf = MakeItem("tf-1", "function:3", "junior");
  tf.type = bank::ItemType::kTrueFalse;
  bank::Item other = MakeItem("o-1");
  other.alignment.standard = "ai-engineering-technician";
  ASSERT_TRUE(
      f.store->InsertItems({MakeItem("a-1"), MakeItem("a-2", "function:2"), syn, tf, other}, "x").ok());
  ASSERT_TRUE(
      f.store->SetStatus("a-2", bank::ItemStatus::kInReview, ReviewEvent{"a-2", 1, "x", "submit", "", 1})
          .ok());
  bank::Item a1 = *f.store->GetLatest("a-1");
  a1.stem = "第二版";
  ASSERT_TRUE(f.store->SaveNewVersion(a1, "x").ok());

  auto ids = [&](const ItemFilter& filter) {
    std::vector<std::string> out;
    auto r = f.store->Find(filter);
    EXPECT_TRUE(r.ok()) << r.status();
    for (const auto& i : *r) out.push_back(i.id + "@" + std::to_string(i.version));
    return out;
  };
  ItemFilter all;
  all.standard = "llm-deploy-engineer";
  EXPECT_EQ(ids(all), (std::vector<std::string>{"a-1@2", "a-2@1", "tf-1@1"}));
  all.include_synthetic = true;
  EXPECT_EQ(ids(all).size(), 4u);
  ItemFilter lvl = all;
  lvl.level = "junior";
  EXPECT_EQ(ids(lvl), (std::vector<std::string>{"tf-1@1"}));
  ItemFilter fn = all;
  fn.function = "function:2";
  EXPECT_EQ(ids(fn), (std::vector<std::string>{"a-2@1"}));
  ItemFilter st = all;
  st.status = bank::ItemStatus::kInReview;
  EXPECT_EQ(ids(st), (std::vector<std::string>{"a-2@1"}));
  ItemFilter ty = all;
  ty.type = bank::ItemType::kTrueFalse;
  EXPECT_EQ(ids(ty), (std::vector<std::string>{"tf-1@1"}));
  ItemFilter q = all;
  q.text = "第二版";
  EXPECT_EQ(ids(q), (std::vector<std::string>{"a-1@2"}));
  q.text = "tf-";  // ids match too
  EXPECT_EQ(ids(q), (std::vector<std::string>{"tf-1@1"}));
  ItemFilter page = all;
  page.limit = 2;
  page.offset = 1;
  EXPECT_EQ(ids(page), (std::vector<std::string>{"a-2@1", "syn-1@1"}));
  ItemFilter unlimited;
  unlimited.limit = 0;
  unlimited.include_synthetic = true;
  EXPECT_EQ(ids(unlimited).size(), 5u);
  auto n = f.store->Count(all);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 4);
}

bank::Paper MakePaper(const std::string& id, std::int64_t at, const std::vector<std::string>& items) {
  bank::Paper p;
  p.id = id;
  p.title = "试卷 " + id;
  p.standard = "llm-deploy-engineer";
  p.level = "mid";
  p.exam_kind = "theory";
  p.duration_minutes = 90;
  p.seed = 0xFFFFFFFFFFFFFFF0ULL;  // above INT64_MAX: must survive the round trip
  p.created_by = "admin";
  p.created_ms = at;
  p.sections = {{"single_choice", "一、单项选择题", true, false}};
  for (const auto& i : items) p.items.push_back({i, 1, "single_choice", 1, "function:1"});
  return p;
}

TEST(SqliteBankStoreTest, PapersAreImmutableAndDriveExposure) {
  std::string path = FreshPath();
  {
    Fixture f = Open(path);
    ASSERT_TRUE(f.store->InsertItems({MakeItem("i1"), MakeItem("i2"), MakeItem("i3")}, "x").ok());
    ASSERT_TRUE(f.store->SavePaper(MakePaper("p-old", 100, {"i1"})).ok());
    ASSERT_TRUE(f.store->SavePaper(MakePaper("p-new", 200, {"i2", "i3"})).ok());
    EXPECT_EQ(f.store->SavePaper(MakePaper("p-new", 300, {"i1"})).reason(), "paper.exists");
    bank::Paper ghost = MakePaper("p-ghost", 300, {"i1"});
    ghost.items[0].item_version = 5;
    EXPECT_EQ(f.store->SavePaper(ghost).reason(), "paper.unknown_item");
    EXPECT_EQ(f.store->GetPaper("p-ghost").status().reason(), "paper.not_found");
    f.db->Close();
  }
  Fixture f = Open(path);  // survives a reopen
  auto p = f.store->GetPaper("p-new");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->seed, 0xFFFFFFFFFFFFFFF0ULL);
  ASSERT_EQ(p->items.size(), 2u);
  EXPECT_EQ(p->items[1].item_id, "i3");
  EXPECT_EQ(p->sections[0].title, "一、单项选择题");
  EXPECT_FALSE(p->sections[0].shuffle_options);
  auto list = f.store->ListPapers("llm-deploy-engineer", 10);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, "p-new");  // newest first
  EXPECT_EQ(f.store->ListPapers("", 1)->size(), 1u);
  auto recent = f.store->RecentlyUsedItems("llm-deploy-engineer", "mid", "theory", 1);
  ASSERT_TRUE(recent.ok());
  EXPECT_EQ(*recent, (std::vector<std::string>{"i2", "i3"}));
  EXPECT_EQ(f.store->RecentlyUsedItems("llm-deploy-engineer", "mid", "theory", 5)->size(), 3u);
  EXPECT_TRUE(f.store->RecentlyUsedItems("llm-deploy-engineer", "senior", "theory", 5)->empty());
  EXPECT_EQ(*f.db->TrackVersion("bank"), SqliteBankSchemaVersion());
}

}  // namespace
}  // namespace kaoping::store
