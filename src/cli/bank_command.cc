// `kaoping bank import|export|stats|review|template`, `kaoping blueprint show` and
// `kaoping assemble`: the item bank and exam assembly on the SQLite file under --data
// (<data>/kaoping.db). Whoever runs the CLI on the database file acts as an administrator; --as
// names them in the review history (a reviewer is still never the item's author).

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/utf8.h"
#include "cli/cli.h"
#include "core/bank/synthetic.h"
#include "interop/import_batch.h"
#include "interop/read_any.h"
#include "service/bank_service.h"
#include "service/standards_catalog.h"
#include "solver/cbc/cbc_solver.h"
#include "store/sqlite/bank_store_sqlite.h"
#include "store/sqlite/database.h"
#include "wire/assembly_json.h"
#include "wire/item_json.h"

namespace kaoping::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string DefaultLogin() {
  const char* user = std::getenv("USER");
  return user && *user ? user : "cli";
}

// The bank opened on <data>/kaoping.db, with the standards catalog and CBC.
struct Bank {
  std::shared_ptr<store::sqlite::Database> db;
  std::unique_ptr<store::BankStore> store;
  std::shared_ptr<const service::StandardsCatalog> catalog;
  std::unique_ptr<service::BankService> service;
  ~Bank() {
    if (db) db->Close();
  }
};

Result<std::unique_ptr<Bank>> OpenBank(const CommonOptions& common) {
  auto b = std::make_unique<Bank>();
  std::error_code ec;
  fs::create_directories(common.data_dir, ec);
  if (ec) {
    return Unavailable("cli.data_dir",
                       "cannot create data directory '" + common.data_dir + "': " + ec.message(),
                       "无法创建数据目录“" + common.data_dir + "”：" + ec.message());
  }
  KP_ASSIGN_OR_RETURN(b->db,
                      store::sqlite::Database::Open((fs::path(common.data_dir) / "kaoping.db").string(), 2));
  KP_ASSIGN_OR_RETURN(b->store, store::OpenSqliteBankStore(b->db));
  KP_ASSIGN_OR_RETURN(b->catalog, service::StandardsCatalog::Load(ResolveStandardsDir(common.standards_dir)));
  b->service = std::make_unique<service::BankService>(b->catalog, *b->store, solver::MakeCbcSolver(),
                                                      SystemClock::Get());
  return b;
}

service::Actor CliActor(const std::string& login) {
  service::Actor a;
  a.login = login.empty() ? DefaultLogin() : login;
  a.display_name = a.login;
  a.roles = {"admin"};
  return a;
}

std::string Fmt(double v) {
  std::ostringstream os;
  if (std::fabs(v - std::round(v)) < 1e-9) {
    os << static_cast<long long>(std::llround(v));
  } else {
    os << std::fixed << std::setprecision(2) << v;
  }
  return os.str();
}

// Pads a cell to `width` display columns (CJK characters take two).
std::string Cell(const std::string& s, size_t width) {
  size_t cols = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    cols += len >= 3 ? 2 : 1;
    i += len;
  }
  return s + std::string(cols < width ? width - cols : 1, ' ');
}

void PrintProblems(const std::vector<bank::RowProblem>& problems) {
  std::cerr << "错误：导入未进行，共 " << problems.size() << " 处错误（未做任何更改）\n"
            << "error: nothing was imported; " << problems.size() << " problem(s):\n";
  for (const auto& p : problems)
    std::cerr << "  " << p.ToStringZh() << "\n    " << p.ToString() << " [" << p.reason << "]\n";
}

// ---- bank import -------------------------------------------------------------------------------

struct ImportFlags {
  std::string file;
  std::string as;
  std::string standard, level, kind, direction;
  bool json = false;
};

int Import(const CommonOptions& common, const ImportFlags& f) {
  auto text = service::ReadTextFile(f.file);
  if (!text.ok()) return ReportError(text.status());
  service::BankImportOptions options;
  std::vector<bank::Item> items;
  std::string ext = fs::path(f.file).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".json") {
    auto doc = wire::ParseJsonText(*text, f.file);
    if (!doc.ok()) return ReportError(doc.status());
    wire::ItemsParse parse = wire::ItemsFromJson(*doc);
    options.rows = std::move(parse.readable_rows);
    options.read_problems = std::move(parse.problems);
    options.ids_in_file = std::move(parse.ids);
    items = std::move(parse.readable);
  } else {
    interop::ImportOptions io;
    io.default_alignment.standard = f.standard;
    io.default_alignment.exam_kind = f.kind;
    io.default_alignment.direction = f.direction;
    if (!f.level.empty()) io.default_alignment.levels = {f.level};
    auto batch = interop::ReadAny(*text, f.file, io);
    if (!batch.ok()) return ReportError(batch.status());
    options.read_problems = interop::ToRowProblems(batch->errors);
    for (const auto& w : batch->warnings)
      std::cerr << "提示 warning: " << w.WhereZh() << " " << w.reason_zh << "\n";
    items = std::move(batch->items);
  }
  auto bank = OpenBank(common);
  if (!bank.ok()) return ReportError(bank.status());
  auto out = (*bank)->service->Import(std::move(items), CliActor(f.as), options);
  if (!out.ok()) return ReportError(out.status());
  if (f.json) {
    std::cout << Dump(Json{{"file", f.file},
                           {"imported", out->imported},
                           {"problems", wire::RowProblemsJson(out->problems)}})
              << "\n";
  }
  if (!out->ok()) {
    if (!f.json) PrintProblems(out->problems);
    return 1;
  }
  if (!f.json) {
    std::cout << "已导入 " << out->imported << " 道试题 / imported " << out->imported << " items from "
              << f.file << "\n";
  }
  return 0;
}

// ---- bank export -------------------------------------------------------------------------------

struct ExportFlags {
  std::string format = "json";
  std::string out;
  std::string standard, level, kind, function, status;
  bool synthetic = false;
};

int Export(const CommonOptions& common, const ExportFlags& f) {
  store::ItemFilter filter;
  filter.standard = f.standard;
  filter.level = f.level;
  filter.exam_kind = f.kind;
  filter.function = f.function;
  filter.include_synthetic = f.synthetic;
  if (!f.status.empty()) {
    filter.status = bank::ParseItemStatus(f.status);
    if (!filter.status) {
      return ReportError(InvalidArgument("cli.bad_status",
                                         "--status must be draft, in_review, approved or retired",
                                         "--status 应为 draft、in_review、approved 或 retired"));
    }
  }
  auto bank = OpenBank(common);
  if (!bank.ok()) return ReportError(bank.status());
  auto items = (*bank)->service->Export(filter, CliActor(""));
  if (!items.ok()) return ReportError(items.status());
  std::string bytes;
  if (f.format == "json") {
    bytes = Dump(wire::ItemsToJson(*items, true)) + "\n";
  } else {
    auto format = interop::ParseExportFormat(f.format);
    if (!format) {
      return ReportError(InvalidArgument("cli.bad_format", "--format must be json, csv, xlsx, qti21 or qti30",
                                         "--format 应为 json、csv、xlsx、qti21 或 qti30"));
    }
    if (f.out.empty() || f.out == "-") {
      if (*format != interop::ExportFormat::kCsv) {
        return ReportError(InvalidArgument("cli.need_out", "binary formats need --out FILE",
                                           "二进制格式需要用 --out 指定输出文件"));
      }
    }
    auto written = interop::WriteAny(*items, *format);
    if (!written.ok()) return ReportError(written.status());
    bytes = std::move(written).value();
  }
  if (f.out.empty() || f.out == "-") {
    std::cout << bytes;
  } else {
    std::ofstream out(f.out, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out)
      return ReportError(Unavailable("cli.cannot_write", "cannot write " + f.out, "无法写入文件 " + f.out));
    std::cerr << "已导出 " << items->size() << " 道试题到 " << f.out << " / exported " << items->size()
              << " items\n";
  }
  return 0;
}

// ---- bank stats ------------------------------------------------------------------------------

struct StatsFlags {
  std::string standard, level, kind, direction;
  bool synthetic = false;
  bool json = false;
};

int Stats(const CommonOptions& common, const StatsFlags& f) {
  auto bank = OpenBank(common);
  if (!bank.ok()) return ReportError(bank.status());
  auto s = (*bank)->service->Stats(f.standard, f.level, f.kind, f.direction, f.synthetic, CliActor(""));
  if (!s.ok()) return ReportError(s.status());
  if (f.json) {
    Json functions = Json::array();
    for (const auto& fs : s->functions) {
      functions.push_back(Json{{"target", fs.target},
                               {"label", fs.label},
                               {"needed_points", fs.needed_points},
                               {"approved_items", fs.approved_items},
                               {"approved_points", fs.approved_points},
                               {"approved_by_type", fs.approved_by_type}});
    }
    Json types = Json::array();
    for (const auto& t : s->types) {
      types.push_back(Json{{"type", bank::ItemTypeName(t.type)},
                           {"needed_min", t.needed_min},
                           {"needed_max", t.needed_max},
                           {"approved", t.approved}});
    }
    std::cout << Dump(Json{{"standard", s->standard},
                           {"level", s->level},
                           {"kind", s->exam_kind},
                           {"total", s->total},
                           {"by_status", s->by_status},
                           {"by_type", s->by_type},
                           {"by_level", s->by_level},
                           {"by_function", s->by_function},
                           {"functions", functions},
                           {"types", types}})
              << "\n";
    return 0;
  }
  auto line = [](const std::map<std::string, int>& m) {
    std::string out;
    for (const auto& [k, v] : m) out += (out.empty() ? "" : ", ") + k + " " + std::to_string(v);
    return out.empty() ? std::string("-") : out;
  };
  std::cout << s->standard << (s->level.empty() ? "" : " " + s->level)
            << (s->exam_kind.empty() ? "" : " " + s->exam_kind) << "：共 " << s->total << " 道试题 / "
            << s->total << " items\n";
  std::cout << "  状态 status:    " << line(s->by_status) << "\n";
  std::cout << "  题型 type:      " << line(s->by_type) << "\n";
  std::cout << "  等级 level:     " << line(s->by_level) << "\n";
  std::cout << "  职业功能 row:   " << line(s->by_function) << "\n";
  if (s->blueprint) {
    std::cout << "\n蓝图需求与已审核试题 (blueprint needs vs approved items), " << s->blueprint->DescribeZh()
              << ":\n";
    for (const auto& fs : s->functions) {
      bool ok = fs.approved_points + 1e-9 >= fs.needed_points;
      std::cout << "  " << Cell(fs.label, 18) << Cell(fs.target, 12) << "需 "
                << Cell(Fmt(fs.needed_points) + " 分", 8) << "已审核 " << fs.approved_items << " 题 / "
                << Fmt(fs.approved_points) << " 分  "
                << (ok ? "✓" : "✗ 缺 " + Fmt(fs.needed_points - fs.approved_points) + " 分") << "\n";
    }
    for (const auto& t : s->types) {
      bool ok = t.approved >= t.needed_min;
      std::cout << "  " << Cell(bank::ItemTypeLabelZh(t.type), 18) << Cell(bank::ItemTypeName(t.type), 16)
                << "需 " << t.needed_min
                << (t.needed_max != t.needed_min ? "–" + std::to_string(t.needed_max) : "") << " 题  已审核 "
                << t.approved << " 题  " << (ok ? "✓" : "✗") << "\n";
    }
    std::cout << "（每套试卷的需求；多套平行卷需要相应倍数 / per paper; parallel forms need multiples）\n";
  }
  return 0;
}

// ---- bank review -----------------------------------------------------------------------------

struct ReviewFlags {
  std::string item;
  bool approve = false, request_changes = false, submit = false, retire = false;
  std::string comment;
  std::string as;
  int version = 0;
};

int Review(const CommonOptions& common, const ReviewFlags& f) {
  int chosen = f.approve + f.request_changes + f.submit + f.retire;
  if (chosen != 1) {
    return ReportError(InvalidArgument("cli.review_action",
                                       "give exactly one of --approve, --request-changes, --submit, --retire",
                                       "请在 --approve、--request-changes、--submit、--retire 中选择一项"));
  }
  bank::ReviewAction action = f.approve           ? bank::ReviewAction::kApprove
                              : f.request_changes ? bank::ReviewAction::kRequestChanges
                              : f.submit          ? bank::ReviewAction::kSubmit
                                                  : bank::ReviewAction::kRetire;
  auto bank = OpenBank(common);
  if (!bank.ok()) return ReportError(bank.status());
  auto item = (*bank)->service->Review(f.item, action, f.comment, CliActor(f.as), f.version);
  if (!item.ok()) return ReportError(item.status());
  std::cout << item->id << " v" << item->version << " → " << bank::ItemStatusName(item->status) << "（"
            << bank::ReviewActionLabelZh(action) << "，" << CliActor(f.as).login << "）\n";
  return 0;
}

// ---- bank synthetic --------------------------------------------------------------------------

struct SyntheticFlags {
  std::string standard, level, kind = "theory", direction;
  int size = 1000;
  std::string seed = "1";
  std::string out;
};

int Synthetic(const CommonOptions& common, const SyntheticFlags& f) {
  auto cat = service::StandardsCatalog::Load(ResolveStandardsDir(common.standards_dir));
  if (!cat.ok()) return ReportError(cat.status());
  auto pack = (*cat)->Get(f.standard);
  if (!pack.ok()) return ReportError(pack.status());
  bank::SyntheticBankOptions o;
  o.level = f.level;
  o.direction = f.direction;
  o.exam_kind = f.kind;
  o.size = f.size;
  char* end = nullptr;
  o.seed = std::strtoull(f.seed.c_str(), &end, 10);
  if (f.seed.empty() || *end != '\0')
    return ReportError(
        InvalidArgument("cli.bad_seed", "--seed must be a non-negative integer", "--seed 应为非负整数"));
  auto items = bank::GenerateSyntheticBank(**pack, o);
  if (!items.ok()) return ReportError(items.status());
  const std::string text = Dump(wire::ItemsToJson(*items, true)) + "\n";
  if (f.out.empty() || f.out == "-") {
    std::cout << text;
  } else {
    std::ofstream out(f.out, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out)
      return ReportError(Unavailable("cli.cannot_write", "cannot write " + f.out, "无法写入文件 " + f.out));
    std::cerr << "已生成 " << items->size() << " 道合成试题（仅供测试与演示）/ wrote " << items->size()
              << " synthetic items (tests and demos only) to " << f.out << "\n";
  }
  return 0;
}

// ---- blueprint show / assemble ---------------------------------------------------------------

struct ExamFlags {
  std::string standard, level, kind = "theory", direction;
  std::string blueprint_file;
  bool json = false;
};

Result<assembly::BlueprintOptions> LoadOptions(const std::string& file) {
  if (file.empty()) return assembly::BlueprintOptions{};
  KP_ASSIGN_OR_RETURN(std::string text, service::ReadTextFile(file));
  KP_ASSIGN_OR_RETURN(Json j, wire::ParseJsonText(text, file));
  return wire::BlueprintOptionsFromJson(j);
}

void PrintBlueprint(const assembly::Blueprint& bp) {
  std::cout << bp.DescribeZh() << "（" << bp.Describe() << "）\n";
  std::cout << "  总分 total " << Fmt(bp.total_points) << "，时长 duration " << bp.duration_minutes << " 分钟"
            << (bp.min_duration_minutes
                    ? "（标准要求不少于 " + std::to_string(bp.min_duration_minutes) + " 分钟）"
                    : "")
            << (bp.pass_score ? "，合格 pass ≥ " + Fmt(*bp.pass_score) : "") << "\n";
  std::cout << "  权重表 weight table: " << bp.weight_table << "\n\n  各部分分值 points per row:\n";
  for (const auto& f : bp.functions) {
    std::cout << "    " << Cell(f.label, 18) << Cell(f.target, 12) << Cell(Fmt(f.weight) + "%", 6)
              << Fmt(f.points) << " 分\n";
  }
  for (const auto& ne : bp.not_examined) std::cout << "    " << ne << "  -（不考核 not examined）\n";
  std::cout << "\n  题型 template:\n";
  for (const auto& t : bp.types) {
    std::cout << "    " << Cell(t.title, 18) << Cell(bank::ItemTypeName(t.type), 16)
              << (t.min_count == t.max_count
                      ? std::to_string(t.min_count)
                      : std::to_string(t.min_count) + "–" + std::to_string(t.max_count))
              << " 题 × " << (t.points_each > 0 ? Fmt(t.points_each) + " 分" : "按题目分值 own points")
              << "\n";
  }
  for (const auto& r : bp.work_content_rules) {
    std::cout << "  规则 rule: " << (r.function.empty() ? "每项职业功能" : r.function) << " "
              << (r.work_content.empty() ? "每项工作内容" : r.work_content) << " ≥ " << r.min_items << " 题"
              << (r.max_items >= 0 ? "，≤ " + std::to_string(r.max_items) + " 题" : "") << "\n";
  }
  const auto& d = bp.difficulty;
  if (d.mode == assembly::TargetMode::kExpectedScore) {
    std::cout << "  难度 difficulty: 目标期望得分 " << Fmt(d.target_p * bp.total_points)
              << "（p* = " << Fmt(d.target_p) << "）";
    if (d.min_expected_score || d.max_expected_score) {
      std::cout << "，区间 [" << (d.min_expected_score ? Fmt(*d.min_expected_score) : "-") << ", "
                << (d.max_expected_score ? Fmt(*d.max_expected_score) : "-") << "]";
    }
  } else {
    std::cout << "  难度 difficulty: 划界分 θ = " << Fmt(d.cut_theta) << " 处的测验信息量"
              << (d.information_target ? " 目标 " + Fmt(*d.information_target) : " 最大化 (maximised)");
  }
  std::cout << "\n";
}

int ShowBlueprint(const CommonOptions& common, const ExamFlags& f) {
  auto cat = service::StandardsCatalog::Load(ResolveStandardsDir(common.standards_dir));
  if (!cat.ok()) return ReportError(cat.status());
  auto pack = (*cat)->Get(f.standard);
  if (!pack.ok()) return ReportError(pack.status());
  auto options = LoadOptions(f.blueprint_file);
  if (!options.ok()) return ReportError(options.status());
  auto bp = assembly::DeriveBlueprint(**pack, f.level, f.kind, f.direction, *options);
  if (!bp.ok()) return ReportError(bp.status());
  if (f.json) {
    std::cout << Dump(wire::BlueprintJson(*bp)) << "\n";
  } else {
    PrintBlueprint(*bp);
  }
  return 0;
}

struct AssembleFlags {
  ExamFlags exam;
  int forms = 1;
  std::string seed = "1";
  int overlap = 0;
  int exposure_window = 0;
  std::string exposure_policy = "exclude";
  double time_limit = 10;
  bool save = false;
  bool synthetic = false;
  std::string as;
  std::string title;
};

void PrintCoverage(const assembly::AssemblyOutcome& out, const assembly::Blueprint& bp) {
  std::cout << "\n覆盖情况 coverage（蓝图 blueprint → 实际 achieved）\n";
  std::cout << "  " << Cell("", 30) << Cell("蓝图", 10);
  for (size_t k = 0; k < out.papers.size(); ++k)
    std::cout << Cell(std::string("卷 ") + static_cast<char>('A' + k), 10);
  std::cout << "\n";
  for (size_t i = 0; i < bp.functions.size(); ++i) {
    std::cout << "  " << Cell(bp.functions[i].label + " " + bp.functions[i].target, 30)
              << Cell(Fmt(bp.functions[i].points) + " 分", 10);
    for (const auto& c : out.coverage) {
      const auto& fc = c.functions[i];
      std::cout << Cell(Fmt(fc.points) + (std::fabs(fc.points - fc.target_points) < 1e-9 ? " ✓" : " ✗"), 10);
    }
    std::cout << "\n";
  }
  for (size_t i = 0; i < bp.types.size(); ++i) {
    const auto& t = bp.types[i];
    std::string need = t.min_count == t.max_count
                           ? std::to_string(t.min_count)
                           : std::to_string(t.min_count) + "–" + std::to_string(t.max_count);
    std::cout << "  "
              << Cell(std::string(bank::ItemTypeLabelZh(t.type)) + " " + bank::ItemTypeName(t.type), 30)
              << Cell(need + " 题", 10);
    for (const auto& c : out.coverage) {
      const auto& tc = c.types[i];
      std::cout << Cell(std::to_string(tc.count) + "/" + Fmt(tc.points) + "分", 10);
    }
    std::cout << "\n";
  }
  std::cout << "  " << Cell("总分 total", 30) << Cell(Fmt(bp.total_points), 10);
  for (const auto& c : out.coverage) std::cout << Cell(Fmt(c.total_points) + (c.exact ? " ✓" : " ✗"), 10);
  std::cout << "\n  " << Cell("期望得分 expected score", 30)
            << Cell(Fmt(bp.difficulty.target_p * bp.total_points), 10);
  for (const auto& c : out.coverage) std::cout << Cell(Fmt(c.expected_score), 10);
  std::cout << "\n  " << Cell("平均难度 mean p", 30) << Cell(Fmt(bp.difficulty.target_p), 10);
  for (const auto& c : out.coverage) std::cout << Cell(Fmt(c.mean_p), 10);
  std::cout << "\n  " << Cell("信息量 information θ=" + Fmt(bp.difficulty.cut_theta), 30)
            << Cell(bp.difficulty.information_target ? Fmt(*bp.difficulty.information_target) : "-", 10);
  for (const auto& c : out.coverage) std::cout << Cell(Fmt(c.information), 10);
  std::cout << "\n  " << Cell("含 IRT 参数 items with IRT", 30) << Cell("", 10);
  for (const auto& c : out.coverage) std::cout << Cell(std::to_string(c.items_with_irt), 10);
  std::cout << "\n";
  if (out.papers.size() > 1) {
    std::cout << "\n  共用试题 shared items:";
    for (size_t a = 0; a < out.shared.size(); ++a) {
      for (size_t b = a + 1; b < out.shared.size(); ++b) {
        std::cout << "  " << static_cast<char>('A' + a) << "/" << static_cast<char>('A' + b) << " "
                  << out.shared[a][b];
      }
    }
    std::cout << "\n";
  }
  const auto& st = out.stats;
  std::cout << "\n  求解 solver: " << st.solver << "，" << st.status << "，" << Fmt(st.seconds) << " s，候选 "
            << st.candidates << " / 可用 " << st.pool << " 题"
            << (st.excluded_by_exposure ? "，曝光控制排除 " + std::to_string(st.excluded_by_exposure) + " 题"
                                        : "")
            << "，变量 " << st.variables << "，约束 " << st.rows << "\n";
}

int Assemble(const CommonOptions& common, const AssembleFlags& f) {
  service::AssembleParams p;
  p.standard = f.exam.standard;
  p.level = f.exam.level;
  p.exam_kind = f.exam.kind;
  p.direction = f.exam.direction;
  p.forms = f.forms;
  p.max_overlap = f.overlap;
  p.exposure_window = f.exposure_window;
  p.exposure_policy = f.exposure_policy == "penalise" || f.exposure_policy == "penalize"
                          ? assembly::ExposurePolicy::kPenalise
                          : assembly::ExposurePolicy::kExclude;
  p.time_limit_seconds = f.time_limit;
  p.save = f.save;
  p.allow_synthetic = f.synthetic;
  p.title = f.title;
  char* end = nullptr;
  p.seed = std::strtoull(f.seed.c_str(), &end, 10);
  if (f.seed.empty() || *end != '\0' || f.seed[0] == '-') {
    return ReportError(
        InvalidArgument("cli.bad_seed", "--seed must be a non-negative integer", "--seed 应为非负整数"));
  }
  auto options = LoadOptions(f.exam.blueprint_file);
  if (!options.ok()) return ReportError(options.status());
  p.blueprint = *options;
  auto bank = OpenBank(common);
  if (!bank.ok()) return ReportError(bank.status());
  auto bp = (*bank)->service->Blueprint(p.standard, p.level, p.exam_kind, p.direction, p.blueprint);
  if (!bp.ok()) return ReportError(bp.status());
  auto out = (*bank)->service->Assemble(p, CliActor(f.as));
  if (!out.ok()) return ReportError(out.status());
  if (f.exam.json) {
    Json j = wire::AssemblyOutcomeJson(*out);
    j["blueprint"] = wire::BlueprintJson(*bp);
    j["seed"] = std::to_string(p.seed);
    j["saved"] = out->feasible && p.save;
    std::cout << Dump(j) << "\n";
    return out->feasible ? 0 : 1;
  }
  if (!out->feasible) {
    Status s = assembly::InfeasibleStatus(*out);
    std::cerr << "无法组卷：" << s.message_zh() << "\n\ncannot assemble: " << s.message() << "\n";
    return 1;
  }
  for (const auto& paper : out->papers) {
    std::cout << paper.title << "\n  " << paper.id << "（" << paper.items.size() << " 题，"
              << Fmt(paper.total_points) << " 分，" << paper.duration_minutes << " 分钟，种子 seed "
              << paper.seed << "）" << (p.save ? " 已保存 saved" : "") << "\n";
    auto items = (*bank)->service->PaperItems(paper);
    std::map<bank::ItemRef, const bank::Item*> by_ref;
    if (items.ok()) {
      for (const auto& i : *items) by_ref[bank::ItemRef{i.id, i.version}] = &i;
    }
    for (const auto& sec : paper.sections) {
      std::cout << "\n  " << sec.title << "\n";
      int n = 0;
      for (const auto& pi : paper.items) {
        if (pi.section != sec.id) continue;
        auto it = by_ref.find(bank::ItemRef{pi.item_id, pi.item_version});
        std::string stem = it == by_ref.end() ? "" : TruncateUtf8(it->second->stem, 36);
        const auto* fn = bp->FindFunction(pi.function);
        std::cout << "    " << std::setw(3) << ++n << ". "
                  << Cell(pi.item_id + " v" + std::to_string(pi.item_version), 26)
                  << Cell(Fmt(pi.points) + " 分", 6) << Cell(fn ? fn->label : pi.function, 18) << stem
                  << "\n";
      }
    }
    std::cout << "\n";
  }
  PrintCoverage(*out, *bp);
  return 0;
}

}  // namespace

void AddBankCommands(CLI::App& root, CommonOptions* common, int* exit_code) {
  auto* bank_cmd = root.add_subcommand("bank", "题库：导入、导出、统计、审核、模板 (item bank)");
  bank_cmd->require_subcommand(1);
  {
    auto f = std::make_shared<ImportFlags>();
    auto* cmd = bank_cmd->add_subcommand(
        "import",
        "导入试题，全部成功或全部不导入 (import items, all or nothing: .json, .csv, .xlsx, QTI .zip/.xml)");
    cmd->add_option("FILE", f->file, "试题文件 (kaoping.items/1 JSON, CSV, XLSX, QTI)")->required();
    cmd->add_option("--as", f->as,
                    "操作人登录名，记入历史 (your login, recorded in the history; default $USER)");
    cmd->add_option("--standard", f->standard,
                    "表格/QTI 未给出时的标准 (default standard for rows without one)");
    cmd->add_option("--level", f->level, "默认等级 (default level)");
    cmd->add_option("--kind", f->kind, "默认考试类型 theory|skill (default exam kind)");
    cmd->add_option("--direction", f->direction, "默认方向 (default direction)");
    cmd->add_flag("--json", f->json, "输出 JSON");
    cmd->callback([=] { *exit_code = Import(*common, *f); });
  }
  {
    auto f = std::make_shared<ExportFlags>();
    auto* cmd = bank_cmd->add_subcommand("export", "导出试题（含答案） (export items with keys)");
    cmd->add_option("--format", f->format, "json | csv | xlsx | qti21 | qti30（默认 json）");
    cmd->add_option("--out,-o", f->out, "输出文件，默认标准输出 (output file; default stdout)");
    cmd->add_option("--standard", f->standard, "标准");
    cmd->add_option("--level", f->level, "等级");
    cmd->add_option("--kind", f->kind, "theory | skill");
    cmd->add_option("--function", f->function, "权重表行，如 function:1");
    cmd->add_option("--status", f->status, "draft | in_review | approved | retired");
    cmd->add_flag("--synthetic", f->synthetic, "包括合成试题 (include synthetic items)");
    cmd->callback([=] { *exit_code = Export(*common, *f); });
  }
  {
    auto f = std::make_shared<StatsFlags>();
    auto* cmd = bank_cmd->add_subcommand(
        "stats", "题库统计与蓝图需求对比 (counts by function/type/status/level vs blueprint needs)");
    cmd->add_option("--standard", f->standard, "标准")->required();
    cmd->add_option("--level", f->level, "等级（与 --kind 一起给出时对比蓝图）");
    cmd->add_option("--kind", f->kind, "theory | skill");
    cmd->add_option("--direction", f->direction, "方向");
    cmd->add_flag("--synthetic", f->synthetic, "包括合成试题");
    cmd->add_flag("--json", f->json, "输出 JSON");
    cmd->callback([=] { *exit_code = Stats(*common, *f); });
  }
  {
    auto f = std::make_shared<ReviewFlags>();
    auto* cmd = bank_cmd->add_subcommand(
        "review", "审核试题：通过、退回、送审、停用 (review an item; the reviewer is never its author)");
    cmd->add_option("ITEM", f->item, "试题编号 (item id)")->required();
    cmd->add_flag("--approve", f->approve, "审核通过");
    cmd->add_flag("--request-changes", f->request_changes, "退回修改（须 --comment）");
    cmd->add_flag("--submit", f->submit, "提交审核");
    cmd->add_flag("--retire", f->retire, "停用");
    cmd->add_option("--comment", f->comment, "审核意见");
    cmd->add_option("--as", f->as, "审核人登录名 (reviewer login; default $USER)");
    cmd->add_option("--version", f->version, "预期的版本号 (expected version)");
    cmd->callback([=] { *exit_code = Review(*common, *f); });
  }
  {
    auto f = std::make_shared<SyntheticFlags>();
    auto* cmd = bank_cmd->add_subcommand(
        "synthetic",
        "生成合成题库（syn- 编号，仅供测试与演示） (write a synthetic bank: tests and demos only)");
    cmd->add_option("--standard", f->standard, "标准")->required();
    cmd->add_option("--level", f->level, "等级")->required();
    cmd->add_option("--kind", f->kind, "theory | skill（默认 theory）");
    cmd->add_option("--direction", f->direction, "方向");
    cmd->add_option("--size", f->size, "题量 (items)");
    cmd->add_option("--seed", f->seed, "随机种子");
    cmd->add_option("--out,-o", f->out, "输出文件，默认标准输出");
    cmd->callback([=] { *exit_code = Synthetic(*common, *f); });
  }
  AddBankTemplateCommand(*bank_cmd, common, exit_code);

  auto* bp_cmd = root.add_subcommand("blueprint", "组卷蓝图 (blueprints)");
  bp_cmd->require_subcommand(1);
  {
    auto f = std::make_shared<ExamFlags>();
    auto* cmd =
        bp_cmd->add_subcommand("show", "按标准权重表显示蓝图 (the blueprint derived from the standard)");
    cmd->add_option("--standard", f->standard, "标准")->required();
    cmd->add_option("--level", f->level, "等级")->required();
    cmd->add_option("--kind", f->kind, "theory | skill（默认 theory）");
    cmd->add_option("--direction", f->direction, "方向（003 标准需要）");
    cmd->add_option("--blueprint", f->blueprint_file,
                    "蓝图选项 JSON 文件 (options file; see docs/assembly.md)");
    cmd->add_flag("--json", f->json, "输出 JSON");
    cmd->callback([=] { *exit_code = ShowBlueprint(*common, *f); });
  }

  {
    auto f = std::make_shared<AssembleFlags>();
    auto* cmd =
        root.add_subcommand("assemble", "按蓝图自动组卷 (assemble papers from the bank under the blueprint)");
    cmd->add_option("--standard", f->exam.standard, "标准")->required();
    cmd->add_option("--level", f->exam.level, "等级")->required();
    cmd->add_option("--kind", f->exam.kind, "theory | skill（默认 theory）");
    cmd->add_option("--direction", f->exam.direction, "方向");
    cmd->add_option("--forms", f->forms, "平行卷套数 (parallel forms, 1–26)");
    cmd->add_option("--seed", f->seed, "随机种子，记入试卷 (seed, recorded on the papers)");
    cmd->add_option("--overlap", f->overlap,
                    "任意两套之间最多共用的试题数 (max shared items between two forms)");
    cmd->add_option("--exposure-window", f->exposure_window,
                    "排除最近 N 份试卷用过的试题 (exposure control over the last N papers)");
    cmd->add_option("--exposure-policy", f->exposure_policy, "exclude | penalise");
    cmd->add_option("--time-limit", f->time_limit, "求解时间上限（秒） (solver time limit, seconds)");
    cmd->add_option("--blueprint", f->exam.blueprint_file, "蓝图选项 JSON 文件");
    cmd->add_option("--title", f->title, "试卷标题");
    cmd->add_option("--as", f->as, "组卷人登录名");
    cmd->add_flag("--save", f->save, "保存试卷 (save the papers)");
    cmd->add_flag("--synthetic", f->synthetic,
                  "允许合成试题（仅测试与演示） (allow synthetic items: tests and demos only)");
    cmd->add_flag("--json", f->exam.json, "输出 JSON");
    cmd->callback([=] { *exit_code = Assemble(*common, *f); });
  }
}

}  // namespace kaoping::cli
