// `kaoping standards …` and `kaoping eligibility check`.

#include <filesystem>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "cli/cli.h"
#include "core/standards/eligibility.h"
#include "service/standards_catalog.h"
#include "service/standards_import.h"
#include "wire/case_json.h"
#include "wire/standards_json.h"

namespace kaoping::cli {

namespace fs = std::filesystem;
using Json = nlohmann::json;

int ReportError(const Status& s) {
  std::cerr << "错误：" << s.message_zh() << "\n";
  if (s.message_zh() != s.message()) std::cerr << "error: " << s.message() << "\n";
  switch (s.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kAlreadyExists:
    case StatusCode::kOutOfRange:
      return 2;
    default:
      return 3;
  }
}

std::string Dump(const Json& j) {
  return j.dump(2, ' ', false, Json::error_handler_t::replace);
}

std::string ResolveStandardsDir(const std::string& given) {
  if (!given.empty()) return given;
  std::error_code ec;
  if (fs::is_directory("standards", ec)) return "standards";
#ifdef KAOPING_SOURCE_DIR
  return std::string(KAOPING_SOURCE_DIR) + "/standards";
#else
  return "standards";
#endif
}

namespace {

Result<std::shared_ptr<const service::StandardsCatalog>> LoadCatalog(const CommonOptions& common) {
  KP_ASSIGN_OR_RETURN(std::shared_ptr<const service::StandardsCatalog> catalog,
                      service::StandardsCatalog::Load(ResolveStandardsDir(common.standards_dir)));
  return catalog;
}

// True when `file` lies directly in `dir` (it is one of the directory's own packs).
bool InDirectory(const std::string& file, const std::string& dir) {
  std::error_code ec;
  const fs::path parent = fs::weakly_canonical(fs::absolute(file, ec), ec).parent_path();
  return !ec && parent == fs::weakly_canonical(fs::absolute(dir, ec), ec);
}

std::string IsoNow() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S+00:00", &tm);
  return buf;
}

void PrintLevelText(const Json& j) {
  std::cout << "等级 " << j["level"]["name"].get<std::string>() << " (" << j["level"]["id"].get<std::string>()
            << ")";
  if (!j["direction"].get<std::string>().empty())
    std::cout << " · 方向 " << j["direction"].get<std::string>();
  std::cout << "\n";
  auto print_functions = [](const Json& fns, const char* heading) {
    if (fns.empty()) return;
    std::cout << "\n" << heading << "\n";
    for (const auto& f : fns) {
      std::cout << "  " << f["id"].get<std::string>() << ". " << f["name"].get<std::string>() << "  ["
                << f["level"].get<std::string>() << "]\n";
      for (const auto& c : f["work_contents"]) {
        std::cout << "    " << c["id"].get<std::string>() << " " << c["name"].get<std::string>() << "\n";
        for (const auto& q : c["skills"])
          std::cout << "      技能 " << q["id"].get<std::string>() << " " << q["text"].get<std::string>()
                    << "\n";
        for (const auto& q : c["knowledge"])
          std::cout << "      知识 " << q["id"].get<std::string>() << " " << q["text"].get<std::string>()
                    << "\n";
      }
    }
  };
  print_functions(j["functions"], "本级工作要求 (this level):");
  print_functions(j["inherited_functions"], "涵盖的低级别要求 (inherited from lower levels):");
  for (const auto& w : j["weights"]) {
    std::cout << "\n" << w["title"].get<std::string>() << " (" << w["table"].get<std::string>() << ")\n";
    for (const auto& r : w["rows"]) {
      std::cout << "  " << r["label"].get<std::string>() << "  "
                << (r["examined"].get<bool>() ? std::to_string(r["weight"].get<int>()) + "%" : "-（不考核）")
                << "\n";
    }
  }
  if (j.contains("exam_subjects")) {
    std::cout << "\n考试科目 (exam subjects):\n";
    for (const auto& s : j["exam_subjects"]) {
      std::cout << "  " << s["name"].get<std::string>() << " (" << s["kind"].get<std::string>() << ")";
      if (s.contains("pass_score")) std::cout << "  合格 ≥ " << s["pass_score"] << "/" << s["max_score"];
      if (s.contains("min_duration_at_level"))
        std::cout << "  不少于 " << s["min_duration_at_level"] << " 分钟";
      std::cout << "\n";
    }
  }
}

}  // namespace

void AddStandardsCommands(CLI::App& root, CommonOptions* common, int* exit_code) {
  auto* std_cmd =
      root.add_subcommand("standards", "标准包：列出、查看、校验、导入、比较、导出 (standard packs)");
  std_cmd->require_subcommand(1);

  // list
  {
    auto* cmd = std_cmd->add_subcommand("list", "列出已加载的标准 (list loaded standards)");
    auto json = std::make_shared<bool>(false);
    cmd->add_flag("--json", *json, "输出 JSON");
    cmd->callback([=] {
      auto cat = LoadCatalog(*common);
      if (!cat.ok()) {
        *exit_code = ReportError(cat.status());
        return;
      }
      Json arr = Json::array();
      for (const auto* p : (*cat)->All()) arr.push_back(wire::PackSummaryJson(*p));
      if (*json) {
        std::cout << Dump(arr) << "\n";
      } else {
        for (const auto& p : arr) {
          std::cout << p["id"].get<std::string>() << "\t" << p["kind"].get<std::string>() << "\t"
                    << p["counts"]["requirements"] << " 条要求\t" << p["title"]["zh"].get<std::string>()
                    << "\n";
        }
      }
      *exit_code = 0;
    });
  }
  // show
  {
    auto* cmd = std_cmd->add_subcommand("show", "查看一个标准或其中一个等级 (show a standard or one level)");
    auto id = std::make_shared<std::string>();
    auto level = std::make_shared<std::string>();
    auto direction = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    cmd->add_option("ID", *id, "标准标识，例如 llm-deploy-engineer")->required();
    cmd->add_option("--level", *level, "等级标识：junior / mid / senior");
    cmd->add_option("--direction", *direction, "方向标识（003 标准需要）");
    cmd->add_flag("--json", *json, "输出 JSON");
    cmd->callback([=] {
      auto cat = LoadCatalog(*common);
      if (!cat.ok()) {
        *exit_code = ReportError(cat.status());
        return;
      }
      auto pack = (*cat)->Get(*id);
      if (!pack.ok()) {
        *exit_code = ReportError(pack.status());
        return;
      }
      if (!level->empty()) {
        auto j = wire::LevelJson(**pack, *level, *direction);
        if (!j.ok()) {
          *exit_code = ReportError(j.status());
          return;
        }
        if (*json) {
          std::cout << Dump(*j) << "\n";
        } else {
          std::cout << (*pack)->title.zh << "\n";
          PrintLevelText(*j);
        }
      } else if (*json) {
        std::cout << Dump(wire::PackJson(**pack)) << "\n";
      } else {
        std::cout << wire::PackMarkdown(**pack);
      }
      *exit_code = 0;
    });
  }
  // validate
  {
    auto* cmd = std_cmd->add_subcommand(
        "validate",
        "校验标准包文件；目录外的文件若标识已存在于标准包目录则给出警告 (validate pack files; all under the "
        "standards directory when none given; warns when a given file's id is already there)");
    auto paths = std::make_shared<std::vector<std::string>>();
    auto json = std::make_shared<bool>(false);
    cmd->add_option("PATH", *paths, "YAML 文件");
    cmd->add_flag("--json", *json, "输出 JSON");
    cmd->callback([=] {
      std::vector<std::string> files = *paths;
      const std::string dir = ResolveStandardsDir(common->standards_dir);
      if (files.empty()) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(dir, ec)) {
          if (e.path().extension() == ".yaml") files.push_back(e.path().string());
        }
        std::sort(files.begin(), files.end());
        if (files.empty()) {
          *exit_code = ReportError(
              NotFound("standard.none", "no *.yaml packs in " + dir, "目录 " + dir + " 中没有标准包"));
          return;
        }
      }
      // Files given from outside the directory are checked against it as `standards import`
      // would: a valid pack whose id is already there gets a warning.
      std::shared_ptr<const service::StandardsCatalog> present;
      if (!paths->empty()) {
        auto loaded = service::StandardsCatalog::Load(dir);
        if (loaded.ok()) {
          present = *loaded;
        } else {
          std::cerr << "注意：无法加载标准包目录 " << dir << "，未检查标识是否已存在 / note: cannot load the "
                    << "standards directory " << dir << ", ids not checked against it\n";
        }
      }
      Json report = Json::array();
      int bad = 0;
      for (const auto& [path, outcome] : service::StandardsCatalog::ValidateFiles(files)) {
        Json r{{"file", path},
               {"valid", outcome.pack.has_value()},
               {"errors", wire::DiagnosticsJson(outcome.diagnostics)}};
        std::vector<Status> warnings;
        if (outcome.pack) {
          r["id"] = outcome.pack->id;
          r["requirements"] = outcome.pack->AllRequirements().size();
          if (present && !InDirectory(path, dir))
            warnings = service::ImportObstacles(*outcome.pack, *present, dir);
        }
        r["warnings"] = wire::WarningsJson(warnings);
        bad += !outcome.pack;
        if (!*json) {
          if (outcome.pack) {
            std::cout << "✓ " << path << "  (" << outcome.pack->id << ", "
                      << outcome.pack->AllRequirements().size() << " 条要求)\n";
            for (const auto& w : warnings) {
              std::cout << "  ⚠ 警告：" << w.message_zh() << "\n    warning [" << w.reason()
                        << "]: " << w.message() << "\n";
            }
          } else {
            std::cout << "✗ " << path << "\n";
            for (const auto& d : outcome.diagnostics)
              std::cout << "  " << d.ToStringZh() << "\n  " << d.ToString() << "\n";
          }
        }
        report.push_back(r);
      }
      if (*json) std::cout << Dump(report) << "\n";
      *exit_code = bad ? 1 : 0;
    });
  }
  AddStandardsImportCommand(*std_cmd, common, exit_code);
  // diff
  {
    auto* cmd = std_cmd->add_subcommand("diff", "比较两个标准 (compare two standards)");
    auto a = std::make_shared<std::string>(), b = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    cmd->add_option("ID_A", *a)->required();
    cmd->add_option("ID_B", *b)->required();
    cmd->add_flag("--json", *json, "输出 JSON");
    cmd->callback([=] {
      auto cat = LoadCatalog(*common);
      if (!cat.ok()) {
        *exit_code = ReportError(cat.status());
        return;
      }
      auto pa = (*cat)->Get(*a);
      auto pb = (*cat)->Get(*b);
      if (!pa.ok() || !pb.ok()) {
        *exit_code = ReportError(!pa.ok() ? pa.status() : pb.status());
        return;
      }
      Json d = wire::DiffPacks(**pa, **pb);
      if (*json) {
        std::cout << Dump(d) << "\n";
      } else {
        std::cout << *a << " ↔ " << *b << "\n";
        std::cout << "  共同要求 common requirements: " << d["requirements"]["common"] << "\n";
        std::cout << "  仅在 " << *a << ": " << d["requirements"]["only_in_a"].size() << "\n";
        std::cout << "  仅在 " << *b << ": " << d["requirements"]["only_in_b"].size() << "\n";
        std::cout << "  文本不同 changed: " << d["requirements"]["changed"].size() << "\n";
        for (const auto& c : d["requirements"]["changed"]) {
          std::cout << "    " << c["path"].get<std::string>() << "\n      - " << c["a"].get<std::string>()
                    << "\n      + " << c["b"].get<std::string>() << "\n";
        }
        std::cout << "  权重不同 weights changed: " << d["weights"].size() << "\n";
        for (const auto& w : d["weights"]) {
          std::cout << "    " << w["table"].get<std::string>() << " / " << w["row"].get<std::string>()
                    << " / " << w["level"].get<std::string>() << ": " << w["a"].dump() << " → "
                    << w["b"].dump() << "\n";
        }
      }
      *exit_code = 0;
    });
  }
  // export
  {
    auto* cmd = std_cmd->add_subcommand("export", "导出标准 (export a standard as CASE JSON or Markdown)");
    auto id = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("case-json");
    auto out = std::make_shared<std::string>();
    auto base = std::make_shared<std::string>("http://127.0.0.1:8080/ims/case/v1p0");
    cmd->add_option("ID", *id)->required();
    cmd->add_option("--format", *format, "case-json | markdown")
        ->check(CLI::IsMember({"case-json", "markdown"}));
    cmd->add_option("--out", *out, "写入文件（默认标准输出）");
    cmd->add_option("--base-uri", *base, "CASE 资源的基础 URI");
    cmd->callback([=] {
      auto cat = LoadCatalog(*common);
      if (!cat.ok()) {
        *exit_code = ReportError(cat.status());
        return;
      }
      auto pack = (*cat)->Get(*id);
      if (!pack.ok()) {
        *exit_code = ReportError(pack.status());
        return;
      }
      std::string text = *format == "markdown" ? wire::PackMarkdown(**pack)
                                               : Dump(wire::ExportCase(**pack, *base, IsoNow())) + "\n";
      if (out->empty()) {
        std::cout << text;
      } else {
        std::ofstream f(*out, std::ios::binary);
        f << text;
        if (!f) {
          *exit_code =
              ReportError(Unavailable("file.write_failed", "cannot write " + *out, "无法写入文件 " + *out));
          return;
        }
        std::cerr << "已写入 wrote " << *out << "\n";
      }
      *exit_code = 0;
    });
  }
  // import-case
  {
    auto* cmd = std_cmd->add_subcommand(
        "import-case",
        "导入 CASE 框架为只读参考框架 (import a CASE package as a read-only reference framework)");
    auto file = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    cmd->add_option("FILE", *file)->required();
    cmd->add_flag("--json", *json, "输出 JSON");
    cmd->callback([=] {
      auto text = service::ReadTextFile(*file);
      if (!text.ok()) {
        *exit_code = ReportError(text.status());
        return;
      }
      Json pkg = Json::parse(*text, nullptr, false);
      if (pkg.is_discarded()) {
        *exit_code = ReportError(
            InvalidArgument("case.invalid", *file + ": not valid JSON", *file + "：不是有效的 JSON"));
        return;
      }
      auto pack = wire::ImportCase(pkg);
      if (!pack.ok()) {
        *exit_code = ReportError(pack.status().WithContext(*file));
        return;
      }
      fs::path dir = fs::path(common->data_dir) / "frameworks";
      std::error_code ec;
      fs::create_directories(dir, ec);
      fs::path dest = dir / (pack->id + ".case.json");
      std::ofstream f(dest, std::ios::binary);
      f << Dump(pkg);
      if (!f) {
        *exit_code = ReportError(
            Unavailable("file.write_failed", "cannot write " + dest.string(), "无法写入 " + dest.string()));
        return;
      }
      Json summary{{"id", pack->id},
                   {"title", pack->title.zh},
                   {"stored", dest.string()},
                   {"entries", pack->catalogue.empty() ? 0 : pack->catalogue[0].entries.size()}};
      if (*json) {
        std::cout << Dump(summary) << "\n";
      } else {
        std::cout << "已导入参考框架 imported " << pack->id << "：" << pack->title.zh << " → "
                  << dest.string() << "\n";
      }
      *exit_code = 0;
    });
  }
}

void AddEligibilityCommands(CLI::App& root, CommonOptions* common, int* exit_code) {
  auto* el = root.add_subcommand("eligibility", "申报条件 (eligibility)");
  el->require_subcommand(1);
  auto* cmd = el->add_subcommand(
      "check", "按标准的申报条件检查考生信息 (check a profile against a level's conditions)");
  auto standard = std::make_shared<std::string>();
  auto level = std::make_shared<std::string>();
  auto profile = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("--standard", *standard, "标准标识")->required();
  cmd->add_option("--level", *level, "申报等级")->required();
  cmd->add_option("--profile", *profile, "考生信息 JSON 文件")->required();
  cmd->add_flag("--json", *json, "输出 JSON");
  cmd->callback([=] {
    auto cat = LoadCatalog(*common);
    if (!cat.ok()) {
      *exit_code = ReportError(cat.status());
      return;
    }
    auto pack = (*cat)->Get(*standard);
    if (!pack.ok()) {
      *exit_code = ReportError(pack.status());
      return;
    }
    auto text = service::ReadTextFile(*profile);
    if (!text.ok()) {
      *exit_code = ReportError(text.status());
      return;
    }
    Json pj;
    try {
      pj = Json::parse(*text);
    } catch (const Json::parse_error& e) {
      // nlohmann reports a byte offset; turn it into line and column for a person.
      size_t line = 1, col = 1;
      for (size_t i = 0; i < e.byte && i < text->size(); ++i) {
        if ((*text)[i] == '\n') {
          ++line;
          col = 1;
        } else {
          ++col;
        }
      }
      *exit_code = ReportError(InvalidArgument(
          "profile.invalid",
          *profile + ":" + std::to_string(line) + ":" + std::to_string(col) + ": not valid JSON",
          *profile + ":" + std::to_string(line) + ":" + std::to_string(col) + "：不是有效的 JSON"));
      return;
    }
    auto p = wire::ProfileFromJson(pj);
    if (!p.ok()) {
      *exit_code = ReportError(p.status().WithContext(*profile));
      return;
    }
    auto d = standards::CheckEligibility(**pack, *level, *p);
    if (!d.ok()) {
      *exit_code = ReportError(d.status());
      return;
    }
    if (*json) {
      std::cout << Dump(wire::EligibilityDecisionJson(*d)) << "\n";
    } else {
      for (const auto& line : d->explanation_zh) std::cout << line << "\n";
      std::cout << "\n";
      for (const auto& line : d->explanation_en) std::cout << line << "\n";
    }
    *exit_code = d->verdict == standards::EligibilityVerdict::kEligible ? 0 : 1;
  });
}

}  // namespace kaoping::cli
