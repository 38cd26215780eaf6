#include "service/bootstrap.h"

#include "service/bank_service.h"
#include "service/crypto.h"
#include "service/delivery_demo.h"

namespace kaoping::service {

Result<std::optional<Credential>> EnsureFirstAdmin(store::Store& store, const Clock& clock) {
  // Claim the right to create the first admin; a concurrent start loses the claim and skips.
  KP_ASSIGN_OR_RETURN(bool claimed, store.PutSettingIfAbsent("bootstrap.admin_created",
                                                             std::to_string(ToUnixMillis(clock.Now()))));
  if (!claimed) return std::optional<Credential>();
  KP_RETURN_IF_ERROR(InitCrypto());
  Credential c{"admin", "admin", RandomPassword(), "系统管理员"};
  KP_ASSIGN_OR_RETURN(std::string hash, HashPassword(c.password, true));
  store::NewUser u;
  u.login = c.login;
  u.display_name = c.display_name;
  u.password_hash = hash;
  u.roles = {"admin"};
  u.created_ms = ToUnixMillis(clock.Now());
  auto created = store.CreateUser(u);
  if (!created.ok())
    return created.status().WithContext("creating the first administrator", "创建首个管理员");
  return std::optional<Credential>(c);
}

namespace {

// Makes the standards searchable. Re-indexing also happens at every start (packs may change);
// seeding it here means a fresh database is complete before the first request.
class StandardsIndexSeeder final : public DemoSeeder {
 public:
  std::string name() const override { return "standards-index"; }
  Status Seed(DemoContext& ctx) override {
    KP_RETURN_IF_ERROR(ctx.catalog.IndexInto(ctx.store));
    ctx.log.push_back("indexed " + std::to_string(ctx.catalog.All().size()) + " standard packs for search");
    return Status();
  }
};

}  // namespace

std::vector<std::unique_ptr<DemoSeeder>> DefaultDemoSeeders() {
  std::vector<std::unique_ptr<DemoSeeder>> out;
  out.push_back(std::make_unique<StandardsIndexSeeder>());
  out.push_back(MakeBankDemoSeeder());
  out.push_back(MakeDeliveryDemoSeeder());
  return out;
}

Result<bool> SeedDemoOnce(DemoContext& ctx, const std::vector<std::unique_ptr<DemoSeeder>>& seeders) {
  KP_ASSIGN_OR_RETURN(std::optional<std::string> done, ctx.store.GetSetting("demo.seeded"));
  if (done) return false;
  for (const auto& s : seeders) {
    Status st = s->Seed(ctx);
    if (!st.ok())
      return st.WithContext("demo seeding step '" + s->name() + "'", "演示数据步骤“" + s->name() + "”");
  }
  KP_ASSIGN_OR_RETURN(bool claimed, ctx.store.PutSettingIfAbsent(
                                        "demo.seeded", std::to_string(ToUnixMillis(ctx.clock.Now()))));
  return claimed;
}

}  // namespace kaoping::service
