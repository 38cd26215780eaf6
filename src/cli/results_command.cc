// `kaoping results compute --plan N` and `kaoping results publish --plan N` [--data DIR]
// [--as LOGIN] [--json]: compute (or recompute) the results of an exam plan from its scores, and
// review + publish every unpublished result of the plan — the same use cases as
// POST /api/v1/plans/{id}/results/compute|publish, on <data>/kaoping.db, acting as the
// administrator account LOGIN (default "admin"), audited with remote "cli". Exit 0 on success,
// 2 for bad input (unknown plan, scoring not started), 3 otherwise.

#include <cstdio>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "cli/cli.h"
#include "core/scoring/numbers.h"
#include "service/audit.h"
#include "service/crypto.h"
#include "service/delivery_pii.h"
#include "service/scoring_service.h"
#include "store/sqlite/bank_store_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/scoring_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

struct ResultsFlags {
  std::string data_dir;
  std::int64_t plan = 0;
  std::string as = "admin";
  bool json = false;
};

struct Env {
  std::shared_ptr<store::sqlite::Database> db;
  std::unique_ptr<store::Store> users;
  std::unique_ptr<store::DeliveryStore> delivery;
  std::unique_ptr<store::BankStore> bank;
  std::unique_ptr<store::ScoringStore> scoring;
  std::unique_ptr<service::AuditLog> audit;
  std::unique_ptr<service::ScoringService> svc;
  service::Actor actor;
  ~Env() {
    if (db) db->Close();
  }
};

Status Open(const ResultsFlags& f, const CommonOptions& common, Env& env) {
  std::string data_dir = f.data_dir.empty() ? common.data_dir : f.data_dir;
  fs::path db_path = fs::path(data_dir) / "kaoping.db";
  std::error_code ec;
  if (!fs::exists(db_path, ec)) {
    return NotFound("results.no_database", "no database at '" + db_path.string() + "'",
                    "找不到数据库“" + db_path.string() + "”");
  }
  KP_RETURN_IF_ERROR(service::InitCrypto());
  KP_ASSIGN_OR_RETURN(env.db, store::sqlite::Database::Open(db_path.string(), 2));
  KP_ASSIGN_OR_RETURN(env.users, store::OpenSqliteStore(env.db));
  KP_ASSIGN_OR_RETURN(env.delivery, store::OpenSqliteDeliveryStore(env.db));
  KP_ASSIGN_OR_RETURN(env.bank, store::OpenSqliteBankStore(env.db));
  KP_ASSIGN_OR_RETURN(env.scoring, store::OpenSqliteScoringStore(env.db));
  KP_ASSIGN_OR_RETURN(auto catalog,
                      service::StandardsCatalog::Load(ResolveStandardsDir(common.standards_dir)));
  std::shared_ptr<const service::PiiVault> pii;
  auto vault = service::PiiVault::Open(data_dir);
  if (vault.ok()) pii = *vault;
  env.audit = std::make_unique<service::AuditLog>(*env.delivery, SystemClock::Get());
  env.svc = std::make_unique<service::ScoringService>(service::ScoringDeps{env.users.get(),
                                                                           env.delivery.get(),
                                                                           env.bank.get(),
                                                                           env.scoring.get(),
                                                                           catalog,
                                                                           pii,
                                                                           env.audit.get(),
                                                                           &SystemClock::Get(),
                                                                           {},
                                                                           {}});
  auto user = env.users->FindUserByLogin(f.as);
  if (!user.ok()) {
    return NotFound("results.no_actor", "no account '" + f.as + "' (use --as LOGIN of an administrator)",
                    "账号“" + f.as + "”不存在（请用 --as 指定管理员账号）");
  }
  env.actor = service::Actor{user->id.value(), user->login, user->display_name, user->roles};
  return Status();
}

void PrintTable(const std::vector<service::ResultView>& results) {
  std::printf("%-6s %-14s %-10s %-8s %-5s %-30s %s\n", "id", "考生 candidate", "等级 level", "状态 state",
              "通过", "科目 subjects", "版本 rev");
  for (const auto& r : results) {
    std::string subjects;
    for (const auto& s : r.record.decision.subjects) {
      if (!subjects.empty()) subjects += " ";
      subjects += s.name + " " + (s.score ? scoring::FormatScore(*s.score) : std::string("-"));
    }
    if (r.record.decision.total) subjects += " 总分 " + scoring::FormatScore(*r.record.decision.total);
    std::printf("%-6lld %-14s %-10s %-8s %-5s %-30s %d\n", static_cast<long long>(r.row.id),
                r.candidate_name.c_str(), r.record.decision.level_name.c_str(), r.row.state.c_str(),
                r.row.passed ? "是" : "否", subjects.c_str(), r.row.revision);
  }
}

Json ResultsJson(const std::vector<service::ResultView>& results) {
  Json arr = Json::array();
  for (const auto& r : results) {
    Json subjects = Json::array();
    for (const auto& s : r.record.decision.subjects) {
      subjects.push_back({{"subject", s.subject},
                          {"name", s.name},
                          {"score", s.score ? Json(*s.score) : Json()},
                          {"passed", s.passed},
                          {"counted", s.counted}});
    }
    arr.push_back({{"id", r.row.id},
                   {"user_id", r.row.user_id},
                   {"candidate_name", r.candidate_name},
                   {"standard", r.row.standard},
                   {"level", r.row.level},
                   {"direction", r.row.direction},
                   {"state", r.row.state},
                   {"revision", r.row.revision},
                   {"passed", r.row.passed},
                   {"subjects", subjects}});
  }
  return arr;
}

int Compute(const ResultsFlags& f, const CommonOptions& common) {
  Env env;
  Status s = Open(f, common, env);
  if (!s.ok()) return ReportError(s);
  auto out = env.svc->ComputeResults(env.actor, f.plan, "cli");
  if (!out.ok()) return ReportError(out.status());
  if (f.json) {
    std::cout << Json{{"plan_id", f.plan},
                      {"computed", out->computed},
                      {"pending_scripts", out->pending_scripts},
                      {"results", ResultsJson(out->results)}}
                     .dump(2)
              << "\n";
    return 0;
  }
  std::cout << "考试计划 " << f.plan << "：计算成绩 " << out->computed << " 条，待评分卷 "
            << out->pending_scripts << " 份（按 0 分计）\n"
            << "plan " << f.plan << ": " << out->computed << " result(s) computed, " << out->pending_scripts
            << " script(s) still pending (counted as 0)\n";
  PrintTable(out->results);
  return 0;
}

int Publish(const ResultsFlags& f, const CommonOptions& common) {
  Env env;
  Status s = Open(f, common, env);
  if (!s.ok()) return ReportError(s);
  auto out = env.svc->PublishPlan(env.actor, f.plan, "cli");
  if (!out.ok()) return ReportError(out.status());
  if (f.json) {
    std::cout << Json{{"plan_id", f.plan},
                      {"published", out->published},
                      {"results", ResultsJson(out->results)}}
                     .dump(2)
              << "\n";
    return 0;
  }
  std::cout << "考试计划 " << f.plan << "：复核并发布成绩 " << out->published << " 条\n"
            << "plan " << f.plan << ": " << out->published << " result(s) reviewed and published\n";
  PrintTable(out->results);
  return 0;
}

}  // namespace

void AddResultsCommands(CLI::App& root, CommonOptions* common, int* exit_code) {
  auto* results = root.add_subcommand("results", "成绩计算与发布 (results: compute and publish)");
  results->require_subcommand(1);
  auto flags = std::make_shared<ResultsFlags>();
  auto add = [&](const char* name, const char* help, int (*fn)(const ResultsFlags&, const CommonOptions&)) {
    auto* cmd = results->add_subcommand(name, help);
    cmd->add_option("--plan", flags->plan, "考试计划编号 (exam plan id)")->required();
    cmd->add_option("--data", flags->data_dir, "数据目录 (data directory)");
    cmd->add_option("--as", flags->as, "以该管理员账号执行并记入审计 (administrator login, default admin)");
    cmd->add_flag("--json", flags->json, "输出 JSON (print JSON)");
    cmd->callback([flags, common, exit_code, fn] { *exit_code = fn(*flags, *common); });
  };
  add("compute", "按标准包规则计算本计划考生的成绩（发布前可重复计算）(compute the plan's results)", Compute);
  add("publish", "复核并发布本计划全部未发布的成绩 (review and publish the plan's results)", Publish);
}

}  // namespace kaoping::cli
