#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "service/bootstrap.h"
#include "service/crypto.h"
#include "service/standards_catalog.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::service {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<store::Store> TempStore(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("kaoping-service-test-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto s = store::OpenSqliteStore({(dir / "k.db").string(), 2});
  EXPECT_TRUE(s.ok()) << s.status();
  return std::move(s).value();
}

TEST(CryptoTest, Argon2idRoundTrip) {
  ASSERT_TRUE(InitCrypto().ok());
  auto h = HashPassword("正确的密码 horse battery");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("正确的密码 horse battery", *h));
  EXPECT_FALSE(VerifyPassword("wrong", *h));
  EXPECT_FALSE(VerifyPassword("x", "not a hash"));
  EXPECT_NE(RandomToken(), RandomToken());
  EXPECT_EQ(RandomPassword().size(), 16u);
  EXPECT_EQ(TokenDigest("abc"), TokenDigest("abc"));
  EXPECT_EQ(TokenDigest("abc").size(), 64u);
}

TEST(StandardsCatalogTest, LoadsShippedPacksAndIndexesThem) {
  auto cat = StandardsCatalog::Load(std::string(KAOPING_SOURCE_DIR) + "/standards");
  ASSERT_TRUE(cat.ok()) << cat.status();
  EXPECT_EQ((*cat)->All().size(), 5u);
  EXPECT_TRUE((*cat)->Get("llm-deploy-engineer").ok());
  auto missing = (*cat)->Get("nope");
  EXPECT_EQ(missing.status().reason(), "standard.not_found");
  auto store = TempStore("index");
  ASSERT_TRUE((*cat)->IndexInto(*store).ok());
  auto hits = store->SearchRequirements("推理引擎", "llm-deploy-engineer", 50);
  ASSERT_TRUE(hits.ok());
  EXPECT_GE(hits->size(), 2u);
  bool found = false;
  for (const auto& h : *hits) found |= h.row.path == "mid/skill/2.2.2";
  EXPECT_TRUE(found);
}

TEST(StandardsCatalogTest, BrokenPackStopsLoadingWithFileAndLine) {
  auto dir = fs::temp_directory_path() / ("kaoping-broken-packs-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  { std::ofstream(dir / "bad.yaml") << "format: kaoping.standard/1\nid: bad\nbogus: 1\n"; }
  auto cat = StandardsCatalog::Load(dir.string());
  ASSERT_FALSE(cat.ok());
  EXPECT_EQ(cat.status().reason(), "standard.invalid_pack");
  EXPECT_NE(cat.status().message().find("bad.yaml:3:1: bogus: unknown key"), std::string::npos)
      << cat.status();
  EXPECT_EQ(StandardsCatalog::Load((dir / "none").string()).status().code(), StatusCode::kNotFound);
}

// The shipped deploy-engineer pack, parsed, under another id.
standards::Pack PackWithId(const std::string& id) {
  auto text = ReadTextFile(std::string(KAOPING_SOURCE_DIR) + "/standards/002-llm-deploy-engineer.yaml");
  EXPECT_TRUE(text.ok());
  auto outcome = standards::ParsePack(*text, "002.yaml");
  EXPECT_TRUE(outcome.pack.has_value());
  standards::Pack p = std::move(*outcome.pack);
  p.id = id;
  return p;
}

TEST(StandardsCatalogTest, AddIsAppendOnlyAndEarlierPointersStayValid) {
  auto cat = StandardsCatalog::Load(std::string(KAOPING_SOURCE_DIR) + "/standards");
  ASSERT_TRUE(cat.ok()) << cat.status();
  std::shared_ptr<StandardsCatalog> c = *cat;
  const standards::Pack* shipped = c->Find("llm-deploy-engineer");
  ASSERT_NE(shipped, nullptr);
  const std::string shipped_title = shipped->title.zh;

  standards::Pack added = PackWithId("added-pack");
  added.title.zh = "新增的标准";
  auto r = c->Add(std::move(added));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)->id, "added-pack");
  EXPECT_EQ(c->Find("added-pack"), *r);
  EXPECT_EQ(c->All().size(), 6u);
  EXPECT_EQ(c->Find("llm-deploy-engineer"), shipped) << "an Add moves no pack";
  EXPECT_EQ(shipped->title.zh, shipped_title);

  // The same id again, and a shipped id: refused, nothing replaced.
  standards::Pack again = PackWithId("added-pack");
  again.title.zh = "替换的标题";
  auto dup = c->Add(std::move(again));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(dup.status().reason(), "standard.already_loaded");
  EXPECT_NE(dup.status().message().find("not supported"), std::string::npos) << dup.status();
  EXPECT_FALSE(dup.status().message_zh().empty());
  EXPECT_EQ(c->Find("added-pack")->title.zh, "新增的标准");
  EXPECT_EQ(c->Add(PackWithId("llm-deploy-engineer")).status().reason(), "standard.already_loaded");
  EXPECT_EQ(c->All().size(), 6u);

  // Indexing covers the added pack.
  auto store = TempStore("add-index");
  ASSERT_TRUE(c->IndexInto(*store).ok());
  auto hits = store->SearchRequirements("推理引擎", "added-pack", 50);
  ASSERT_TRUE(hits.ok());
  EXPECT_FALSE(hits->empty());
}

TEST(StandardsCatalogTest, ReadersOnOtherThreadsSeeWholePacksWhileAddsHappen) {
  auto cat = StandardsCatalog::Load(std::string(KAOPING_SOURCE_DIR) + "/standards");
  ASSERT_TRUE(cat.ok()) << cat.status();
  std::shared_ptr<StandardsCatalog> c = *cat;
  const standards::Pack base = PackWithId("base");
  const std::size_t requirements = base.AllRequirements().size();
  constexpr int kAdds = 40;
  std::atomic<bool> done{false};
  std::atomic<int> bad{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      std::size_t last = 0;
      while (!done.load()) {
        auto all = c->All();
        if (all.size() < last) ++bad;  // never shrinks
        last = all.size();
        for (const standards::Pack* p : all) {
          if (p->id.rfind("added-", 0) == 0 && p->AllRequirements().size() != requirements) ++bad;
        }
        if (const standards::Pack* p = c->Find("added-0"); p && p->id != "added-0") ++bad;
      }
    });
  }
  for (int i = 0; i < kAdds; ++i) {
    standards::Pack p = base;
    p.id = "added-" + std::to_string(i);
    EXPECT_TRUE(c->Add(std::move(p)).ok());  // no ASSERT: the readers must be joined
  }
  done = true;
  for (auto& r : readers) r.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(c->All().size(), 5u + kAdds);
}

TEST(BootstrapTest, FirstAdminCreatedOnceAndStoredHashed) {
  auto store = TempStore("admin");
  ManualClock clock(FromUnixMillis(1700000000000));
  auto first = EnsureFirstAdmin(*store, clock);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(first->has_value());
  auto user = store->FindUserByLogin("admin");
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->roles, (std::vector<std::string>{"admin"}));
  EXPECT_NE(user->password_hash, (*first)->password);
  EXPECT_TRUE(VerifyPassword((*first)->password, user->password_hash));
  auto second = EnsureFirstAdmin(*store, clock);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->has_value());
}

TEST(BootstrapTest, DemoSeedsOnce) {
  auto store = TempStore("demo");
  ManualClock clock(FromUnixMillis(1700000000000));
  auto cat = StandardsCatalog::Load(std::string(KAOPING_SOURCE_DIR) + "/standards");
  ASSERT_TRUE(cat.ok());
  DemoContext ctx{*store, **cat, clock, {}, {}};
  auto seeders = DefaultDemoSeeders();
  auto first = SeedDemoOnce(ctx, seeders);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(*first);
  EXPECT_FALSE(ctx.log.empty());
  EXPECT_FALSE(store->SearchRequirements("推理引擎", "", 5)->empty());
  auto second = SeedDemoOnce(ctx, seeders);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(*second);
}

}  // namespace
}  // namespace kaoping::service
