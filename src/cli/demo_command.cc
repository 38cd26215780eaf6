// `kaoping demo [--json] [--data DIR]`: prints the demo accounts `make run` seeded (their
// passwords are kept sealed with <data>/keys/pii.key, demo accounts only) so scripts can log in.

#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "service/delivery_demo.h"
#include "service/delivery_pii.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"

namespace kaoping::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

struct DemoFlags {
  std::string data_dir;
  bool json = false;
};

int Show(const std::string& data_dir, bool json) {
  fs::path db_path = fs::path(data_dir) / "kaoping.db";
  std::error_code ec;
  if (!fs::exists(db_path, ec)) {
    return ReportError(NotFound("demo.no_database",
                                "no database at '" + db_path.string() + "' (run `make run` first)",
                                "找不到数据库“" + db_path.string() + "”（请先运行 make run）"));
  }
  auto pii = service::PiiVault::Open(data_dir);
  if (!pii.ok()) return ReportError(pii.status());
  auto db = store::sqlite::Database::Open(db_path.string(), 1);
  if (!db.ok()) return ReportError(db.status());
  auto store = store::OpenSqliteDeliveryStore(*db);
  if (!store.ok()) return ReportError(store.status());
  auto creds = service::ReadDemoCredentials(**store, **pii);
  (*db)->Close();
  if (!creds.ok()) return ReportError(creds.status());
  if (json) {
    Json arr = Json::array();
    for (const auto& c : *creds) {
      arr.push_back(Json{
          {"role", c.role}, {"login", c.login}, {"password", c.password}, {"display_name", c.display_name}});
    }
    std::cout << Json{{"data_dir", data_dir}, {"credentials", arr}}.dump(2) << "\n";
  } else if (creds->empty()) {
    std::cout << "没有演示账号（未生成演示数据）/ no demo accounts (demo data was not seeded)\n";
  } else {
    std::cout << "演示账号 / demo accounts:\n";
    for (const auto& c : *creds)
      std::cout << "  " << c.role << "  " << c.login << " / " << c.password << "  (" << c.display_name
                << ")\n";
  }
  return 0;
}

}  // namespace

void AddDemoCommands(CLI::App& root, CommonOptions* common, int* exit_code) {
  auto flags = std::make_shared<DemoFlags>();
  auto* demo = root.add_subcommand("demo", "显示演示账号与密码 (print the demo accounts)");
  demo->add_option("--data", flags->data_dir, "数据目录 (data directory)");
  demo->add_flag("--json", flags->json, "输出 JSON (print JSON)");
  demo->callback([flags, common, exit_code] {
    *exit_code = Show(flags->data_dir.empty() ? common->data_dir : flags->data_dir, flags->json);
  });
}

}  // namespace kaoping::cli
