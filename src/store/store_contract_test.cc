#include "store/store_contract_test.h"

#include <thread>
#include <vector>

namespace kaoping::store {
namespace {

NewUser MakeUser(const std::string& login, std::vector<std::string> roles) {
  NewUser u;
  u.login = login;
  u.display_name = "显示名 " + login;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.roles = std::move(roles);
  u.created_ms = 1700000000000;
  return u;
}

TEST_P(StoreContractTest, PingAndInfo) {
  EXPECT_TRUE(store_->Ping().ok());
  EXPECT_GT(store_->Info().schema_version, 0);
  EXPECT_FALSE(store_->Info().backend.empty());
}

TEST_P(StoreContractTest, SettingsRoundTripAndOverwrite) {
  auto missing = store_->GetSetting("nope");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  ASSERT_TRUE(store_->PutSetting("k", "v1").ok());
  ASSERT_TRUE(store_->PutSetting("k", "v2").ok());
  auto got = store_->GetSetting("k");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->value_or(""), "v2");
}

TEST_P(StoreContractTest, PutSettingIfAbsentWinsOnce) {
  auto first = store_->PutSettingIfAbsent("once", "a");
  auto second = store_->PutSettingIfAbsent("once", "b");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(*first);
  EXPECT_FALSE(*second);
  EXPECT_EQ(store_->GetSetting("once")->value_or(""), "a");
}

TEST_P(StoreContractTest, UsersCreateFindAndRoles) {
  auto created = store_->CreateUser(MakeUser("zhang", {"candidate", "org"}));
  ASSERT_TRUE(created.ok()) << created.status();
  auto found = store_->FindUserByLogin("zhang");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, created->id);
  EXPECT_EQ(found->display_name, "显示名 zhang");
  EXPECT_EQ(found->roles, (std::vector<std::string>{"candidate", "org"}));
  auto by_id = store_->GetUser(created->id);
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->login, "zhang");
  EXPECT_EQ(*store_->CountUsers(), 1);
}

TEST_P(StoreContractTest, DuplicateLoginIsAlreadyExistsAndChangesNothing) {
  ASSERT_TRUE(store_->CreateUser(MakeUser("li", {"candidate"})).ok());
  auto dup = store_->CreateUser(MakeUser("li", {"admin"}));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(dup.status().reason(), "user.exists");
  EXPECT_EQ(*store_->CountUsers(), 1);
  EXPECT_EQ(store_->FindUserByLogin("li")->roles, (std::vector<std::string>{"candidate"}));
}

TEST_P(StoreContractTest, UnknownRoleRejectedAtomically) {
  auto bad = store_->CreateUser(MakeUser("wang", {"candidate", "superuser"}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->FindUserByLogin("wang").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(*store_->CountUsers(), 0);
}

TEST_P(StoreContractTest, MissingUserIsNotFound) {
  auto r = store_->FindUserByLogin("ghost");
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().reason(), "user.not_found");
}

TEST_P(StoreContractTest, RequirementSearchFindsChineseSubstrings) {
  std::vector<RequirementIndexRow> rows = {
      {"s1", "mid/skill/2.2.2", "skill_requirement", "mid", "", "环境搭建与部署 / 本地部署优化",
       "能配置vLLM、SGLang等推理引擎的张量并行/流水线并行等分布式参数"},
      {"s1", "junior/knowledge/1.1.1", "knowledge_requirement", "junior", "", "模型适配与优化",
       "主流模型架构适用场景"},
      {"s2", "x/1", "knowledge", "", "", "岗位", "熟悉推理引擎的部署"},
  };
  ASSERT_TRUE(store_->ReplaceRequirementIndex("s1", {rows[0], rows[1]}).ok());
  ASSERT_TRUE(store_->ReplaceRequirementIndex("s2", {rows[2]}).ok());
  auto hits = store_->SearchRequirements("推理引擎", "", 10);
  ASSERT_TRUE(hits.ok()) << hits.status();
  EXPECT_EQ(hits->size(), 2u);
  auto only_s1 = store_->SearchRequirements("推理引擎", "s1", 10);
  ASSERT_EQ(only_s1->size(), 1u);
  EXPECT_EQ((*only_s1)[0].row.path, "mid/skill/2.2.2");
  // Two-character queries are below the trigram size and use a scan.
  auto short_q = store_->SearchRequirements("架构", "", 10);
  ASSERT_EQ(short_q->size(), 1u);
  EXPECT_EQ((*short_q)[0].row.path, "junior/knowledge/1.1.1");
  // FTS syntax characters are treated as text, not as query operators.
  auto odd = store_->SearchRequirements("\"AND OR*", "", 10);
  EXPECT_TRUE(odd.ok());
  // Replacing the index for a standard drops its old rows.
  ASSERT_TRUE(store_->ReplaceRequirementIndex("s1", {}).ok());
  EXPECT_EQ(store_->SearchRequirements("推理引擎", "", 10)->size(), 1u);
}

TEST_P(StoreContractTest, ConcurrentWritersAndReaders) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        std::string login = "u" + std::to_string(t) + "_" + std::to_string(i);
        EXPECT_TRUE(store_->CreateUser(MakeUser(login, {"candidate"})).ok());
        EXPECT_TRUE(store_->FindUserByLogin(login).ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(*store_->CountUsers(), 100);
}

TEST_P(StoreContractTest, ClosedStoreReportsUnavailable) {
  store_->Close();
  EXPECT_EQ(store_->Ping().code(), StatusCode::kUnavailable);
  store_->Close();  // idempotent
}

}  // namespace
}  // namespace kaoping::store
