// `kaoping standards import FILE [--json]`: puts one pack file into the standards directory
// (--standards-dir / KAOPING_STANDARDS_DIR, else ./standards, else the source tree's: the
// directory `kaoping serve` reads) through the server's importer (service/standards_import.h):
//
//   * the file is validated exactly as the API import and server start do (standards::ParsePack);
//     an invalid pack prints every diagnostic with file:line:column and key, exit 1, nothing
//     written;
//   * a pack whose id a file of the directory already declares, or whose <id>.yaml exists, is
//     refused in plain words naming the file and the id (service::ImportObstacles), exit 2,
//     nothing written;
//   * otherwise it is written as <id>.yaml (never overwriting), audited as "standard.import" by the
//     built-in administrator "cli" in <data>/kaoping.db, and summarised (id, title, counts).
//
// The CLI has no live catalog to add to: a running server loads the file at its next start (to
// load a pack without a restart, import it on the web page 标准包 or POST /api/v1/standards/import
// instead). It indexes nothing either; the server re-indexes every pack at its start.

#include <filesystem>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "service/audit.h"
#include "service/standards_catalog.h"
#include "service/standards_import.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"
#include "wire/standards_json.h"

namespace kaoping::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// The audit log of <data>/kaoping.db (created like `kaoping serve` does when it is missing).
struct AuditTarget {
  std::shared_ptr<store::sqlite::Database> db;
  std::unique_ptr<store::Store> users;
  std::unique_ptr<store::DeliveryStore> delivery;
  std::unique_ptr<service::AuditLog> audit;
  ~AuditTarget() {
    audit.reset();
    if (db) db->Close();
  }
};

Result<std::unique_ptr<AuditTarget>> OpenAudit(const std::string& data_dir) {
  std::error_code ec;
  fs::create_directories(data_dir, ec);
  if (ec) {
    return Unavailable("cli.data_dir", "cannot create data directory '" + data_dir + "': " + ec.message(),
                       "无法创建数据目录“" + data_dir + "”：" + ec.message());
  }
  auto t = std::make_unique<AuditTarget>();
  KP_ASSIGN_OR_RETURN(t->db, store::sqlite::Database::Open((fs::path(data_dir) / "kaoping.db").string(), 1));
  KP_ASSIGN_OR_RETURN(t->users, store::OpenSqliteStore(t->db));
  KP_ASSIGN_OR_RETURN(t->delivery, store::OpenSqliteDeliveryStore(t->db));
  t->audit = std::make_unique<service::AuditLog>(*t->delivery, SystemClock::Get());
  return t;
}

// Why `file` (declaring `id`) cannot go into `dir`, in plain words; `obstacle` is what the importer
// said (service::ImportObstacles).
Status Refusal(const Status& obstacle, const std::string& file, const std::string& id,
               const service::StandardsCatalog& catalog, const std::string& dir) {
  if (obstacle.reason() == "standard.already_loaded") {
    const standards::Pack* loaded = catalog.Find(id);
    const std::string holder = loaded && !loaded->origin.empty() ? loaded->origin : dir;
    return AlreadyExists("standard.already_loaded",
                         "cannot import " + file + ": the standards directory " + dir +
                             " already has a standard with id '" + id + "' (" + holder +
                             "); nothing was written. For a new standard, give it another id in " + file +
                             "; to change the existing one, edit " + holder + " and restart the server.",
                         "无法导入 " + file + "：标准包目录 " + dir + " 中已有标识为“" + id + "”的标准（" +
                             holder + "），未写入任何文件。如果这是新标准，请在 " + file +
                             " 中改用另一个标识；如果要修改已有标准，请编辑 " + holder + " 后重启服务。");
  }
  if (obstacle.reason() == "standard.file_exists") {
    const std::string target = (fs::path(dir) / (id + ".yaml")).string();
    return AlreadyExists(
        "standard.file_exists",
        "cannot import " + file + " (id '" + id + "'): " + target +
            " already exists and is never overwritten; nothing was written. Give the pack "
            "another id, or move that file away.",
        "无法导入 " + file + "（标识“" + id + "”）：" + target +
            " 已存在，导入从不覆盖已有文件，未写入任何文件。请为标准包改用另一个标识，或先移走该文件。");
  }
  return obstacle.WithContext(file, file);
}

void PrintDiagnostics(const std::string& file, const standards::ParseOutcome& outcome) {
  const std::string n = std::to_string(outcome.diagnostics.size());
  std::cerr << "✗ " << file << "：共 " << n << " 处错误，未写入任何文件 / " << n
            << " error(s), nothing written\n";
  for (const auto& d : outcome.diagnostics)
    std::cerr << "  " << d.ToStringZh() << "\n  " << d.ToString() << "\n";
}

void PrintImported(const standards::Pack& pack, const Json& summary, const fs::path& written) {
  const Json& c = summary["counts"];
  std::cout << "已导入标准 imported " << pack.id << "：" << pack.title.zh;
  if (!pack.title.en.empty()) std::cout << " / " << pack.title.en;
  std::cout
      << "\n  文件 file: " << written.string() << "\n  " << c["levels"] << " 个等级 levels · "
      << c["directions"] << " 个方向 directions · " << c["requirements"] << " 条要求 requirements · "
      << c["weight_tables"] << " 张权重表 weight tables\n"
      << "正在运行的服务会在下次启动时加载它；若要不重启即加载标准包，请改用管理页面“标准包”导入（POST "
         "/api/v1/standards/import）。\n"
      << "A running server loads it at its next start; to load a pack without a restart, import it on the "
         "admin page 标准包 (POST /api/v1/standards/import) instead.\n";
}

int Import(const std::string& file, bool json, const CommonOptions& common) {
  auto text = service::ReadTextFile(file);
  if (!text.ok()) return ReportError(text.status());
  const std::string dir = ResolveStandardsDir(common.standards_dir);
  auto catalog = service::StandardsCatalog::Load(dir);
  if (!catalog.ok()) return ReportError(catalog.status());

  // The check comes first: an invalid or refused pack opens nothing and writes nothing.
  standards::ParseOutcome parsed = standards::ParsePack(*text, file);
  if (!parsed.pack) {
    if (json) {
      std::cout << Dump(Json{{"imported", false},
                             {"valid", false},
                             {"file", file},
                             {"errors", wire::DiagnosticsJson(parsed.diagnostics)}})
                << "\n";
    }
    PrintDiagnostics(file, parsed);
    return 1;
  }
  const std::string id = parsed.pack->id;
  auto refuse = [&](const Status& obstacle) {
    Status s = Refusal(obstacle, file, id, **catalog, dir);
    if (json) {
      std::cout << Dump(Json{{"imported", false},
                             {"valid", true},
                             {"file", file},
                             {"id", id},
                             {"code", s.reason()},
                             {"message", s.message()},
                             {"message_zh", s.message_zh()}})
                << "\n";
    }
    return ReportError(s);
  };
  std::vector<Status> obstacles = service::ImportObstacles(*parsed.pack, **catalog, dir);
  if (!obstacles.empty()) return refuse(obstacles.front());

  auto target = OpenAudit(common.data_dir);
  if (!target.ok()) return ReportError(target.status());
  service::StandardsImportDeps deps;
  deps.catalog = *catalog;
  deps.dir = dir;
  deps.audit = (*target)->audit.get();  // no store: the server indexes every pack at its start
  service::StandardsImporter importer(std::move(deps));
  const service::Actor cli{0, "cli", "命令行 (command line)", {"admin"}};
  auto out = importer.Import(cli, *text, std::move(parsed), file, "cli");
  if (!out.ok()) {
    if (out.status().code() == StatusCode::kAlreadyExists) return refuse(out.status());
    return ReportError(out.status().WithContext(file, file));
  }
  const standards::Pack& pack = *out->pack;
  const fs::path written = fs::path(dir) / out->file;
  const Json summary = wire::PackSummaryJson(pack);
  if (json) {
    std::cout << Dump(Json{{"imported", true},
                           {"valid", true},
                           {"file", file},
                           {"written", written.string()},
                           {"id", pack.id},
                           {"title", summary["title"]},
                           {"counts", summary["counts"]},
                           {"standard", summary},
                           {"loaded", "next_start"}})
              << "\n";
  } else {
    PrintImported(pack, summary, written);
  }
  return 0;
}

}  // namespace

void AddStandardsImportCommand(CLI::App& standards_cmd, CommonOptions* common, int* exit_code) {
  auto* cmd = standards_cmd.add_subcommand("import",
                                           "导入标准包文件到标准包目录（校验同网页导入；标识已存在则拒绝；服"
                                           "务下次启动时加载）(import a pack file into "
                                           "the standards directory)");
  auto file = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("FILE", *file, "YAML 标准包文件 (pack file)")->required();
  cmd->add_flag("--json", *json, "输出 JSON");
  cmd->callback([=] { *exit_code = Import(*file, *json, *common); });
}

}  // namespace kaoping::cli
