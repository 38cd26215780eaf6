#include "cli/analyze_command.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "cli/response_csv.h"
#include "codec/psychometrics_json.h"
#include "core/psychometrics/calibration.h"
#include "core/psychometrics/cat.h"
#include "core/psychometrics/classical.h"
#include "core/psychometrics/equating.h"
#include "core/psychometrics/plots.h"
#include "core/psychometrics/scoring.h"
#include "core/psychometrics/standard_setting.h"
#include "service/audit.h"
#include "service/psychometrics_service.h"
#include "store/sqlite/bank_store_sqlite.h"
#include "store/sqlite/database.h"
#include "store/sqlite/delivery_store_sqlite.h"
#include "store/sqlite/psychometrics_store_sqlite.h"
#include "store/sqlite/sqlite_store.h"

namespace kaoping::cli {
namespace {

namespace psy = kaoping::psychometrics;
using nlohmann::json;

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return NotFound("cli.file_not_found", path + ": cannot open the file", path + "：无法打开文件");
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<std::vector<CsvRow>> ReadCsv(const std::string& path) {
  KP_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return ParseCliCsv(path, text);
}

// The scored matrix plus, with --key, the raw option choices.
struct StoreHandles;  // the SQLite stores, when the responses come from --data

struct LoadedResponses {
  psy::ResponseMatrix matrix;
  std::optional<psy::ChoiceResponses> choices;
  // From the store only: item groups (the paper's weight-table targets), the matrix's identities
  // (attempt ids, exact item versions) and the open stores for --write-back.
  std::vector<std::string> groups;
  std::optional<service::StoreResponses> store;
  std::shared_ptr<StoreHandles> handles;
};

struct ReadOptions : ResponseCsvOptions {
  std::string data_dir = "./var";  // for "plan:N" / "paper:ID" sources
};

Result<LoadedResponses> LoadCsvResponses(const std::string& path, const ReadOptions& ro) {
  KP_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  KP_ASSIGN_OR_RETURN(ResponseCsv csv, ReadResponseCsv(path, text, ro));
  LoadedResponses out;
  out.matrix = std::move(csv.matrix);
  out.choices = std::move(csv.choices);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Responses from the store: "plan:N" or "paper:ID" instead of a file
// ---------------------------------------------------------------------------------------------

struct StoreHandles {
  std::shared_ptr<store::sqlite::Database> db;
  std::unique_ptr<store::Store> system;
  std::unique_ptr<store::DeliveryStore> delivery;
  std::unique_ptr<store::BankStore> bank;
  std::unique_ptr<store::PsychometricsStore> statistics;
  ~StoreHandles() {
    if (db) db->Close();
  }
};

// "plan:12" → {12, ""}; "paper:ID" → {0, "ID"}; anything else is a file path (nullopt).
Result<std::optional<service::ResponseSource>> ParseStoreSource(const std::string& spec) {
  if (spec.rfind("paper:", 0) == 0 && spec.size() > 6)
    return std::optional(service::ResponseSource{0, spec.substr(6)});
  if (spec.rfind("plan:", 0) != 0) return std::optional<service::ResponseSource>();
  char* end = nullptr;
  const long long id = std::strtoll(spec.c_str() + 5, &end, 10);
  if (spec.size() == 5 || *end != '\0' || id <= 0) {
    return InvalidArgument("cli.bad_source", "'" + spec + "' is not plan:<positive id>",
                           "“" + spec + "”不是 plan:<正整数编号>");
  }
  return std::optional(service::ResponseSource{id, ""});
}

Result<std::shared_ptr<StoreHandles>> OpenStores(const std::string& data_dir) {
  namespace fs = std::filesystem;
  const fs::path file = fs::path(data_dir) / "kaoping.db";
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    return NotFound("cli.no_database", "no database at '" + file.string() + "' (use --data DIR)",
                    "“" + file.string() + "”处没有数据库（请用 --data 指定数据目录）");
  }
  auto h = std::make_shared<StoreHandles>();
  KP_ASSIGN_OR_RETURN(h->db, store::sqlite::Database::Open(file.string(), 2));
  KP_ASSIGN_OR_RETURN(h->system, store::OpenSqliteStore(h->db));
  KP_ASSIGN_OR_RETURN(h->delivery, store::OpenSqliteDeliveryStore(h->db));
  KP_ASSIGN_OR_RETURN(h->bank, store::OpenSqliteBankStore(h->db));
  KP_ASSIGN_OR_RETURN(h->statistics, store::OpenSqlitePsychometricsStore(h->db));
  return h;
}

// A CSV file, or the submitted attempts of a plan / paper in <data_dir>/kaoping.db
// (service/psychometrics_service.h says how answers are scored).
Result<LoadedResponses> LoadResponses(const std::string& spec, const ReadOptions& ro) {
  KP_ASSIGN_OR_RETURN(std::optional<service::ResponseSource> source, ParseStoreSource(spec));
  if (!source) return LoadCsvResponses(spec, ro);
  LoadedResponses out;
  KP_ASSIGN_OR_RETURN(out.handles, OpenStores(ro.data_dir));
  service::PsychometricsLimits unbounded;  // the CLI is the tool for big data sets
  unbounded.max_persons = unbounded.max_cells = static_cast<std::size_t>(-1) / 4;
  KP_ASSIGN_OR_RETURN(
      service::StoreResponses data,
      service::BuildResponseMatrix(*out.handles->bank, *out.handles->delivery, *source, unbounded));
  out.matrix = data.matrix;
  out.choices = data.choices;
  out.groups = data.functions;
  out.store = std::move(data);
  return out;
}

// Writes statistics back to the bank as `as` (an administrator, like every CLI user of the file).
Status WriteBack(const LoadedResponses& data, const psy::ClassicalReport* classical,
                 const psy::CalibrationResult* irt, const std::string& as) {
  if (!data.store) {
    return InvalidArgument("psychometrics.write_back_needs_store",
                           "--write-back needs responses from the store (plan:N or paper:ID)",
                           "--write-back 需要来自数据库的作答（plan:N 或 paper:ID）");
  }
  service::AuditLog audit(*data.handles->delivery, SystemClock::Get());
  service::PsychometricsDeps deps;
  deps.bank = data.handles->bank.get();
  deps.delivery = data.handles->delivery.get();
  deps.statistics = data.handles->statistics.get();
  deps.audit = &audit;
  deps.clock = &SystemClock::Get();
  service::PsychometricsService svc(deps);
  const char* user = std::getenv("USER");
  service::Actor actor{0, as.empty() ? (user && *user ? user : "cli") : as, "", {"admin"}};
  KP_ASSIGN_OR_RETURN(int written, svc.WriteBack(*data.store, classical, irt, actor, "cli"));
  std::cerr << "已写回题库 wrote " << written << " statistics record(s) to the bank (" << data.store->source
            << ")\n";
  return Status::Ok();
}

Result<std::vector<std::string>> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else if (c != ' ') {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

Result<std::vector<double>> ParseNumbers(const std::string& what, const std::string& s) {
  std::vector<double> out;
  KP_ASSIGN_OR_RETURN(std::vector<std::string> parts, SplitList(s));
  for (const auto& p : parts) {
    char* end = nullptr;
    const double v = std::strtod(p.c_str(), &end);
    if (p.empty() || end != p.c_str() + p.size() || !std::isfinite(v)) {
      return InvalidArgument("cli.bad_number", what + ": '" + p + "' is not a number",
                             what + "：“" + p + "”不是数字");
    }
    out.push_back(v);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Output helpers
// ---------------------------------------------------------------------------------------------

std::string Fmt(double v, int prec = 3) {
  if (!std::isfinite(v)) return std::isnan(v) ? "-" : (v > 0 ? "inf" : "-inf");
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", prec, v);
  return buf;
}

// A text table with right-aligned columns (first column left-aligned).
class Table {
 public:
  explicit Table(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print(std::ostream& os) const {
    std::vector<std::size_t> width;
    for (const auto& r : rows_) {
      for (std::size_t c = 0; c < r.size(); ++c) {
        if (width.size() <= c) width.push_back(0);
        width[c] = std::max(width[c], Utf8Width(r[c]));
      }
    }
    for (std::size_t k = 0; k < rows_.size(); ++k) {
      const auto& r = rows_[k];
      for (std::size_t c = 0; c < r.size(); ++c) {
        const std::string pad(width[c] - Utf8Width(r[c]), ' ');
        const bool left = c == 0 || rows_[0][c] == "flags";
        os << (left ? r[c] + pad : pad + r[c]) << (c + 1 < r.size() ? "  " : "");
      }
      os << "\n";
      if (k == 0) {
        std::size_t total = 0;
        for (std::size_t w : width) total += w + 2;
        os << std::string(total > 2 ? total - 2 : total, '-') << "\n";
      }
    }
  }

 private:
  static std::size_t Utf8Width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  }
  std::vector<std::vector<std::string>> rows_;
};

void PrintJson(const json& j) {
  std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

Status WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return Unavailable("cli.cannot_write", path + ": cannot write the file", path + "：无法写入文件");
  out << content;
  if (!out) return Unavailable("cli.cannot_write", path + ": write failed", path + "：写入失败");
  return Status::Ok();
}

// Runs a command body, turning errors (and any stray exception) into the exit code.
void Run(int* exit_code, const std::function<Status()>& body) {
  Status s;
  try {
    s = body();
  } catch (const std::exception& e) {
    s = Internal("cli.exception", std::string("unexpected error: ") + e.what());
  }
  if (s.ok()) {
    *exit_code = 0;
    return;
  }
  if (!s.message_zh().empty()) std::cerr << "kaoping analyze: " << s.message_zh() << "\n";
  std::cerr << "kaoping analyze: " << s.message() << " [" << s.reason() << "]\n";
  *exit_code = 2;
}

// ---------------------------------------------------------------------------------------------
// Shared calibration options
// ---------------------------------------------------------------------------------------------

// Where responses come from: a CSV file, or "plan:N" / "paper:ID" in the --data directory's
// database (--plan N and --paper ID are shorthands for the positional argument).
struct SourceFlags {
  std::string data_dir = "./var";
  CLI::Option* data_option = nullptr;
  const std::string* root_data_dir = nullptr;  // `kaoping --data DIR analyze …`
  std::int64_t plan = 0;
  std::string paper;
  bool write_back = false;
  std::string as;

  // `file` is the command's positional source; `single` adds --plan/--paper.
  void Register(CLI::App* app, std::string* file, const std::string& what, bool single,
                bool write_back_flag) {
    app->add_option("file", *file,
                    what + " (or plan:N / paper:ID for the submitted attempts in the database)");
    RegisterData(app);
    if (single) {
      app->add_option("--plan", plan, "Analyse the submitted attempts of this exam plan (same as plan:N)");
      app->add_option("--paper", paper, "Analyse every plan that delivered this paper (same as paper:ID)");
    }
    if (write_back_flag) {
      app->add_flag(
          "--write-back", write_back,
          "Write the results back to the bank's item versions with provenance (store sources only)");
      app->add_option("--as", as, "Login recorded as the writer (default $USER)");
    }
  }

  void RegisterData(CLI::App* app) {
    data_option = app->add_option("--data", data_dir,
                                  "数据目录 Data directory holding kaoping.db (for plan:/paper: sources)")
                      ->envname("KAOPING_DATA")
                      ->capture_default_str();
  }

  // This command's --data, else the root's (`kaoping --data DIR analyze …`), else ./var.
  std::string DataDir() const {
    if (data_option != nullptr && data_option->count() > 0) return data_dir;
    return root_data_dir != nullptr && !root_data_dir->empty() ? *root_data_dir : data_dir;
  }

  // The one source named by the positional argument, --plan or --paper.
  Result<std::string> Spec(const std::string& file) const {
    const int given = (file.empty() ? 0 : 1) + (plan > 0 ? 1 : 0) + (paper.empty() ? 0 : 1);
    if (given != 1) {
      return InvalidArgument("cli.bad_source", "give exactly one of a response file, --plan N or --paper ID",
                             "请指定作答文件、--plan 或 --paper 三者之一");
    }
    if (plan > 0) return "plan:" + std::to_string(plan);
    if (!paper.empty()) return "paper:" + paper;
    return file;
  }
};

struct CalibrationFlags {
  std::string model = "2pl";
  int quadrature = 61;
  bool gauss_hermite = false;
  int max_iterations = 500;
  double tolerance = 1e-4;
  std::string id_column;
  SourceFlags source;

  void Register(CLI::App* app) {
    app->add_option("--model", model,
                    "Dichotomous model: rasch, 1pl, 2pl or 3pl (polytomous items use the GRM)")
        ->capture_default_str();
    app->add_option("--quadrature", quadrature, "Number of quadrature points")->capture_default_str();
    app->add_flag("--gauss-hermite", gauss_hermite,
                  "Gauss-Hermite nodes instead of equally spaced ones on [-6, 6]");
    app->add_option("--max-iterations", max_iterations, "EM cycle limit")->capture_default_str();
    app->add_option("--tolerance", tolerance, "Convergence: largest parameter change")->capture_default_str();
    app->add_option("--id-column", id_column,
                    "Name of a column holding person ids (ignored in the analysis)");
  }

  Result<psy::CalibrationOptions> Build(const std::string& description) const {
    psy::CalibrationOptions o;
    KP_ASSIGN_OR_RETURN(o.dichotomous_model, psy::ParseItemModel(model));
    if (gauss_hermite) {
      KP_ASSIGN_OR_RETURN(o.quadrature, psy::GaussHermiteQuadrature(quadrature));
    } else {
      KP_ASSIGN_OR_RETURN(o.quadrature, psy::RectangularQuadrature(quadrature, -6, 6));
    }
    o.max_iterations = max_iterations;
    o.tolerance = tolerance;
    o.data_description = description;
    return o;
  }
};

Result<psy::CalibrationResult> CalibrateFile(const std::string& path, const CalibrationFlags& flags, bool se,
                                             bool fit) {
  ReadOptions ro;
  ro.id_column = flags.id_column;
  ro.data_dir = flags.source.DataDir();
  KP_ASSIGN_OR_RETURN(LoadedResponses data, LoadResponses(path, ro));
  KP_ASSIGN_OR_RETURN(psy::CalibrationOptions o, flags.Build(path));
  o.standard_errors = se;
  o.item_fit = fit;
  o.person_fit = fit;
  auto r = psy::Calibrate(data.matrix, o);
  if (!r.ok()) return r.status().WithContext(path + ": ");
  return r;
}

std::string Locations(const psy::ItemParameters& it) {
  if (!it.IsPolytomous()) return Fmt(it.b);
  std::string s;
  for (std::size_t k = 0; k < it.thresholds.size(); ++k) s += (k ? " " : "") + Fmt(it.thresholds[k]);
  return s;
}

void PrintItemTable(const std::vector<psy::ItemParameters>& items, const std::vector<psy::ItemFit>& fit) {
  bool any_3pl = false;
  for (const auto& it : items) any_3pl |= it.model == psy::ItemModel::kThreePL;
  std::vector<std::string> header = {"item", "model", "a", "se(a)", "b / thresholds", "se(b)"};
  if (any_3pl) header.insert(header.end(), {"c", "se(c)"});
  if (!fit.empty()) header.insert(header.end(), {"S-X2", "df", "p"});
  Table t(header);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    std::string se_b = it.IsPolytomous() ? "" : Fmt(it.se_b);
    if (it.IsPolytomous()) {
      for (std::size_t k = 0; k < it.se_thresholds.size(); ++k)
        se_b += (k ? " " : "") + Fmt(it.se_thresholds[k]);
    }
    std::vector<std::string> row = {
        it.item_id, std::string(psy::ItemModelName(it.model)), Fmt(it.a), Fmt(it.se_a), Locations(it), se_b};
    if (any_3pl) {
      const bool three = it.model == psy::ItemModel::kThreePL;
      row.push_back(three ? Fmt(it.c) : "");
      row.push_back(three ? Fmt(it.se_c) : "");
    }
    if (!fit.empty()) {
      row.push_back(i < fit.size() ? Fmt(fit[i].s_x2, 2) : "");
      row.push_back(i < fit.size() ? std::to_string(fit[i].df) : "");
      row.push_back(i < fit.size() ? Fmt(fit[i].p_value) : "");
    }
    t.Add(row);
  }
  t.Print(std::cout);
}

// ---------------------------------------------------------------------------------------------
// analyze items
// ---------------------------------------------------------------------------------------------

struct ItemsFlags {
  std::string file, key, functions, id_column;
  int num_options = 0;
  bool json_out = false, complete_cases = false;
  psy::ClassicalOptions options;
  SourceFlags source;
};

Status RunItems(ItemsFlags f) {
  KP_ASSIGN_OR_RETURN(f.file, f.source.Spec(f.file));
  ReadOptions ro;
  ro.id_column = f.id_column;
  ro.num_options = f.num_options;
  ro.data_dir = f.source.DataDir();
  if (!f.key.empty()) {
    KP_ASSIGN_OR_RETURN(ro.keys, SplitList(f.key));
  }
  KP_ASSIGN_OR_RETURN(LoadedResponses data, LoadResponses(f.file, ro));
  std::vector<std::string> groups = data.groups;
  if (!f.functions.empty()) {
    KP_ASSIGN_OR_RETURN(groups, SplitList(f.functions));
    if (groups.size() != data.matrix.num_items()) {
      return InvalidArgument("cli.bad_functions",
                             "--functions lists " + std::to_string(groups.size()) + " labels but " + f.file +
                                 " has " + std::to_string(data.matrix.num_items()) + " items",
                             "--functions 的标签数与题目数不一致");
    }
  }
  psy::ClassicalOptions o = f.options;
  if (f.complete_cases) o.missing = psy::MissingPolicy::kCompleteCasesOnly;
  auto report = psy::AnalyzeItems(data.matrix, o, data.choices ? &*data.choices : nullptr, groups);
  if (!report.ok()) return report.status().WithContext(f.file + ": ");
  if (f.source.write_back) KP_RETURN_IF_ERROR(WriteBack(data, &*report, nullptr, f.source.as));
  auto flags_of = [](const psy::ClassicalItemStats& s) {
    std::string out;
    for (auto fl : s.flags) out += (out.empty() ? "" : ",") + std::string(psy::ItemFlagName(fl));
    return out;
  };
  if (f.json_out) {
    json j;
    j["file"] = f.file;
    json report_json = codec::ClassicalReportJson(*report);
    j.update(report_json);
    PrintJson(j);
    return Status::Ok();
  }
  std::cout << "Classical item analysis of " << f.file << " (" << Fmt(report->form.num_persons, 0)
            << " persons, " << report->form.num_items << " items)\n\n";
  Table t({"item", "p", "r_pbis", "r_corr", "D(27%)", "alpha-del", "flags"});
  for (const auto& s : report->items) {
    t.Add({s.item_id, Fmt(s.facility), Fmt(s.point_biserial), Fmt(s.corrected_item_total),
           Fmt(s.discrimination_index), Fmt(s.alpha_if_deleted), flags_of(s)});
  }
  t.Print(std::cout);
  std::cout << "\n";
  Table r({"scale", "items", "mean", "sd", "alpha", "KR-20", "SEM"});
  auto add = [&](const psy::ReliabilityStats& s) {
    r.Add({s.group.empty() ? "form" : s.group, std::to_string(s.num_items), Fmt(s.mean_total),
           Fmt(s.sd_total), Fmt(s.alpha), Fmt(s.kr20), Fmt(s.sem)});
  };
  add(report->form);
  for (const auto& g : report->groups) add(g);
  r.Print(std::cout);
  bool any_options = false;
  for (const auto& s : report->items) any_options |= !s.options.empty();
  if (any_options) {
    std::cout << "\nDistractor analysis (share overall / upper 27% / lower 27%, option-total r)\n\n";
    Table d({"item", "option", "key", "share", "upper", "lower", "r"});
    for (const auto& s : report->items) {
      for (const auto& opt : s.options) {
        d.Add({s.item_id, opt.label, opt.is_key ? "*" : "", Fmt(opt.share), Fmt(opt.upper_share),
               Fmt(opt.lower_share), Fmt(opt.point_biserial)});
      }
    }
    d.Print(std::cout);
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// analyze calibrate
// ---------------------------------------------------------------------------------------------

struct CalibrateFlags {
  std::string file, icc_svg, info_svg, wright_svg, scoring = "eap";
  bool json_out = false, no_se = false, score_table = false;
  CalibrationFlags calib;
};

Status RunCalibrate(CalibrateFlags f) {
  KP_ASSIGN_OR_RETURN(f.file, f.calib.source.Spec(f.file));
  ReadOptions ro;
  ro.id_column = f.calib.id_column;
  ro.data_dir = f.calib.source.DataDir();
  KP_ASSIGN_OR_RETURN(LoadedResponses data, LoadResponses(f.file, ro));
  KP_ASSIGN_OR_RETURN(psy::CalibrationOptions o, f.calib.Build(f.file));
  o.standard_errors = !f.no_se;
  KP_ASSIGN_OR_RETURN(psy::ScoringMethod method, psy::ParseScoringMethod(f.scoring));
  auto fit = psy::Calibrate(data.matrix, o);
  if (!fit.ok()) return fit.status().WithContext(f.file + ": ");
  if (f.calib.source.write_back) KP_RETURN_IF_ERROR(WriteBack(data, nullptr, &*fit, f.calib.source.as));
  psy::ScoringOptions so;
  so.prior_sd = fit->latent_sd;
  // Person scores by the chosen method.
  std::vector<psy::AbilityEstimate> scores;
  for (std::size_t p = 0; p < data.matrix.num_persons(); ++p) {
    auto est = psy::EstimateAbility(fit->items, data.matrix.row(p), method, so);
    if (!est.ok()) return est.status();
    scores.push_back(*est);
  }
  std::vector<double> thetas;
  for (const auto& s : scores) thetas.push_back(s.theta);
  if (!f.icc_svg.empty()) {
    psy::PlotOptions po;
    po.title = "Item characteristic curves — " + f.file;
    KP_RETURN_IF_ERROR(WriteFile(f.icc_svg, psy::ItemCharacteristicCurvesSvg(fit->items, po)));
  }
  if (!f.info_svg.empty()) {
    psy::PlotOptions po;
    po.title = "Test information — " + f.file;
    KP_RETURN_IF_ERROR(WriteFile(f.info_svg, psy::TestInformationSvg(fit->items, po)));
  }
  if (!f.wright_svg.empty()) {
    psy::PlotOptions po;
    po.title = "Wright map — " + f.file;
    KP_RETURN_IF_ERROR(WriteFile(f.wright_svg, psy::WrightMapSvg(thetas, fit->items, po)));
  }
  std::vector<psy::SummedScoreRow> table;
  if (f.score_table) {
    KP_ASSIGN_OR_RETURN(table, psy::SummedScoreTable(fit->items, so));
  }
  const auto& pv = fit->provenance;
  if (f.json_out) {
    json j;
    j["file"] = f.file;
    j.update(codec::CalibrationJson(*fit));
    j["persons"] = json::array();
    for (std::size_t p = 0; p < scores.size(); ++p) {
      j["persons"].push_back(
          {{"row", p + 1},
           {"theta", codec::FiniteOrNull(scores[p].theta)},
           {"se", codec::FiniteOrNull(scores[p].se)},
           {"lz", codec::FiniteOrNull(p < fit->person_lz.size() ? fit->person_lz[p] : psy::kNaN)}});
    }
    j["scoring"] = std::string(psy::ScoringMethodName(method));
    if (f.score_table) {
      j["summed_score_table"] = json::array();
      for (const auto& r : table) {
        j["summed_score_table"].push_back({{"score", r.score},
                                           {"theta", codec::FiniteOrNull(r.theta)},
                                           {"se", codec::FiniteOrNull(r.se)},
                                           {"probability", codec::FiniteOrNull(r.probability)}});
      }
    }
    PrintJson(j);
    return Status::Ok();
  }
  std::cout << "IRT calibration of " << f.file << ": " << pv.model << ", " << pv.estimation << "\n"
            << pv.num_persons << " persons (" << pv.num_response_patterns << " distinct patterns), "
            << pv.num_items << " items, " << Fmt(100 * pv.missing_fraction, 1) << "% missing; quadrature "
            << pv.quadrature << "\n\n";
  PrintItemTable(fit->items, fit->item_fit);
  std::cout << "\nlog-likelihood " << Fmt(fit->log_likelihood, 4) << "   AIC " << Fmt(fit->aic, 2)
            << "   BIC " << Fmt(fit->bic, 2) << "   EM cycles " << fit->iterations
            << (fit->converged ? " (converged" : " (NOT converged") << ", last change "
            << Fmt(fit->last_change, 6) << ")\n";
  if (pv.model.rfind("Rasch", 0) == 0) std::cout << "latent SD " << Fmt(fit->latent_sd) << "\n";
  int misfit = 0;
  for (double z : fit->person_lz) misfit += std::isfinite(z) && z < -1.645;
  std::cout << "person fit: " << misfit << " of " << fit->person_lz.size() << " persons with lz < -1.645\n";
  double mean = 0;
  for (double t : thetas) mean += t / static_cast<double>(thetas.size());
  std::cout << "ability (" << psy::ScoringMethodName(method) << "): mean " << Fmt(mean) << "\n";
  if (f.score_table) {
    std::cout << "\nSummed score to ability (Lord-Wingersky, EAP)\n\n";
    Table t({"score", "theta", "se", "P(score)"});
    for (const auto& r : table)
      t.Add({std::to_string(r.score), Fmt(r.theta), Fmt(r.se), Fmt(r.probability, 4)});
    t.Print(std::cout);
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// analyze equate
// ---------------------------------------------------------------------------------------------

struct EquateFlags {
  std::string form_x, form_y, method = "stocking-lord";
  std::vector<double> cuts;
  bool json_out = false;
  CalibrationFlags calib;
};

Status RunEquate(const EquateFlags& f) {
  KP_ASSIGN_OR_RETURN(psy::LinkingMethod method, psy::ParseLinkingMethod(f.method));
  KP_ASSIGN_OR_RETURN(psy::CalibrationResult x, CalibrateFile(f.form_x, f.calib, true, false));
  KP_ASSIGN_OR_RETURN(psy::CalibrationResult y, CalibrateFile(f.form_y, f.calib, true, false));
  auto link = psy::LinkForms(x.items, y.items, method);
  if (!link.ok()) return link.status().WithContext(f.form_x + " → " + f.form_y + ": ");
  std::vector<psy::CutMapping> maps;
  for (double c : f.cuts) {
    KP_ASSIGN_OR_RETURN(psy::CutMapping m, psy::MapRawCut(x.items, y.items, *link, c));
    maps.push_back(m);
  }
  if (f.json_out) {
    json j = {{"form_x", f.form_x},
              {"form_y", f.form_y},
              {"method", std::string(psy::LinkingMethodName(method))},
              {"A", link->A},
              {"B", link->B},
              {"criterion", link->criterion},
              {"common_items", link->common_items}};
    j["cuts"] = json::array();
    for (const auto& m : maps) {
      j["cuts"].push_back(
          {{"raw_x", m.raw_x}, {"theta_x", m.theta_x}, {"theta_y", m.theta_y}, {"raw_y", m.raw_y}});
    }
    j["form_x_on_y_scale"] = json::array();
    for (const auto& it : psy::TransformItems(x.items, *link))
      j["form_x_on_y_scale"].push_back(codec::ItemParametersJson(it));
    PrintJson(j);
    return Status::Ok();
  }
  std::cout << "Linking " << f.form_x << " onto the scale of " << f.form_y << " ("
            << psy::LinkingMethodName(method) << ", " << link->common_items.size() << " common items)\n\n";
  std::cout << "theta_Y = " << Fmt(link->A, 4) << " * theta_X " << (link->B < 0 ? "- " : "+ ")
            << Fmt(std::abs(link->B), 4) << "\n";
  if (!maps.empty()) {
    std::cout << "\n";
    Table t({"raw cut X", "theta X", "theta Y", "raw cut Y"});
    for (const auto& m : maps) t.Add({Fmt(m.raw_x, 2), Fmt(m.theta_x), Fmt(m.theta_y), Fmt(m.raw_y, 2)});
    t.Print(std::cout);
  }
  std::cout << "\nForm X items on the Y scale\n\n";
  PrintItemTable(psy::TransformItems(x.items, *link), {});
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// analyze cutscore
// ---------------------------------------------------------------------------------------------

struct CutscoreFlags {
  std::string file, angoff, bookmarks, rule = "bookmarked";
  double rp = 0.67;
  bool json_out = false;
  CalibrationFlags calib;
};

Status RunCutscore(CutscoreFlags f) {
  KP_ASSIGN_OR_RETURN(f.file, f.calib.source.Spec(f.file));
  if (f.angoff.empty() == f.bookmarks.empty()) {
    return InvalidArgument("cli.bad_cutscore_method",
                           "give exactly one of --angoff RATINGS.csv or --bookmarks P1,P2,…",
                           "必须且只能指定 --angoff 或 --bookmarks 之一");
  }
  KP_ASSIGN_OR_RETURN(psy::CalibrationResult fit, CalibrateFile(f.file, f.calib, false, false));
  json j;
  j["file"] = f.file;
  if (!f.angoff.empty()) {
    // Ratings: header of item ids (a subset/permutation of the form's items is matched by id),
    // one row per rater; an optional first column "rater" holds names.
    KP_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ReadCsv(f.angoff));
    const CsvRow& header = rows[0];
    std::vector<int> item_of_col(header.size(), -1);
    std::vector<psy::ItemParameters> rated;
    std::vector<std::string> rater_names;
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (c == 0 && (header[c].text == "rater" || header[c].text == "panelist")) continue;
      auto it = std::find_if(fit.items.begin(), fit.items.end(),
                             [&](const psy::ItemParameters& p) { return p.item_id == header[c].text; });
      if (it == fit.items.end()) {
        return CsvError(f.angoff, header[c].line, header[c].column,
                        "item '" + header[c].text + "' is not in " + f.file,
                        "题目“" + header[c].text + "”不在 " + f.file + " 中");
      }
      item_of_col[c] = static_cast<int>(rated.size());
      rated.push_back(*it);
    }
    if (rated.size() != fit.items.size()) {
      return CsvError(f.angoff, 1, 1,
                      "ratings cover " + std::to_string(rated.size()) + " of " +
                          std::to_string(fit.items.size()) + " items; every item needs a rating",
                      "评分只覆盖了 " + std::to_string(fit.items.size()) + " 道题中的 " +
                          std::to_string(rated.size()) + " 道，每道题都需要评分");
    }
    std::vector<std::vector<double>> ratings;
    for (std::size_t r = 1; r < rows.size(); ++r) {
      if (rows[r].size() != header.size()) {
        return CsvError(f.angoff, rows[r].front().line, rows[r].back().column,
                        "row has " + std::to_string(rows[r].size()) + " cells but the header has " +
                            std::to_string(header.size()),
                        "此行有 " + std::to_string(rows[r].size()) + " 个单元格，但表头有 " +
                            std::to_string(header.size()) + " 个");
      }
      std::vector<double> v(rated.size(), 0.0);
      rater_names.push_back("rater " + std::to_string(r));
      for (std::size_t c = 0; c < header.size(); ++c) {
        const CsvCell& cell = rows[r][c];
        if (item_of_col[c] < 0) {
          rater_names.back() = cell.text;
          continue;
        }
        char* end = nullptr;
        const double x = std::strtod(cell.text.c_str(), &end);
        const int k = item_of_col[c];
        if (cell.text.empty() || end != cell.text.c_str() + cell.text.size() || !(x >= 0) ||
            x > rated[k].MaxScore()) {
          return CsvError(
              f.angoff, cell.line, cell.column,
              "'" + cell.text + "' is not a rating in [0, " + std::to_string(rated[k].MaxScore()) + "]",
              "“" + cell.text + "”不是 [0, " + std::to_string(rated[k].MaxScore()) + "] 范围内的评分");
        }
        v[k] = x;
      }
      ratings.push_back(v);
    }
    auto res = psy::ModifiedAngoff(rated, ratings);
    if (!res.ok()) return res.status().WithContext(f.angoff + ": ");
    if (f.json_out) {
      j["method"] = "modified-angoff";
      j["rater_raw_cuts"] = res->rater_raw_cuts;
      j["raw_cut"] = res->raw_cut;
      j["raw_cut_se"] = res->raw_cut_se;
      j["theta_cut"] = res->theta_cut;
      PrintJson(j);
      return Status::Ok();
    }
    std::cout << "Modified Angoff (" << ratings.size() << " raters, " << rated.size() << " items)\n\n";
    Table t({"rater", "raw cut"});
    for (std::size_t r = 0; r < res->rater_raw_cuts.size(); ++r)
      t.Add({rater_names[r], Fmt(res->rater_raw_cuts[r], 2)});
    t.Print(std::cout);
    std::cout << "\nraw cut " << Fmt(res->raw_cut, 2) << " (SE " << Fmt(res->raw_cut_se, 2)
              << ")  ->  theta cut " << Fmt(res->theta_cut) << " (through the test characteristic curve)\n";
    return Status::Ok();
  }
  psy::BookmarkRule rule;
  if (f.rule == "bookmarked") {
    rule = psy::BookmarkRule::kBookmarkedPage;
  } else if (f.rule == "last-mastered") {
    rule = psy::BookmarkRule::kLastMasteredPage;
  } else if (f.rule == "midpoint") {
    rule = psy::BookmarkRule::kMidpoint;
  } else {
    return InvalidArgument("cli.bad_rule", "--rule must be bookmarked, last-mastered or midpoint",
                           "--rule 必须为 bookmarked、last-mastered 或 midpoint");
  }
  KP_ASSIGN_OR_RETURN(std::vector<double> pages_d, ParseNumbers("--bookmarks", f.bookmarks));
  std::vector<int> pages;
  for (double p : pages_d) pages.push_back(static_cast<int>(p));
  KP_ASSIGN_OR_RETURN(std::vector<psy::BookletPage> booklet, psy::OrderedItemBooklet(fit.items, f.rp));
  KP_ASSIGN_OR_RETURN(psy::BookmarkResult res, psy::BookmarkCut(fit.items, booklet, pages, rule));
  if (f.json_out) {
    j["method"] = "bookmark";
    j["rp"] = f.rp;
    j["booklet"] = json::array();
    for (const auto& p : booklet) {
      j["booklet"].push_back(
          {{"page", p.page}, {"item_id", p.item_id}, {"category", p.category}, {"location", p.location}});
    }
    j["panelist_thetas"] = res.panelist_thetas;
    j["theta_cut"] = res.theta_cut;
    j["raw_cut"] = res.raw_cut;
    PrintJson(j);
    return Status::Ok();
  }
  std::cout << "Bookmark (RP " << Fmt(f.rp, 2) << ", ordered item booklet of " << booklet.size()
            << " pages)\n\n";
  Table t({"page", "item", "score point", "location"});
  for (const auto& p : booklet)
    t.Add({std::to_string(p.page), p.item_id, std::to_string(p.category), Fmt(p.location)});
  t.Print(std::cout);
  std::cout << "\ntheta cut " << Fmt(res.theta_cut) << " (median of " << res.panelist_thetas.size()
            << " panellists)  ->  raw cut " << Fmt(res.raw_cut, 2) << "\n";
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// analyze cat-simulate
// ---------------------------------------------------------------------------------------------

struct CatFlags {
  std::string file, exposure = "randomesque", areas_file, weights, cuts, levels;
  int simulees = 1000, min_length = 5, max_length = 30, randomesque_size = 5, sh_rounds = 8;
  double target_se = 0.3, sh_rmax = 0.0;
  std::uint64_t seed = 1;
  bool json_out = false;
  CalibrationFlags calib;
};

Status RunCat(CatFlags f) {
  KP_ASSIGN_OR_RETURN(f.file, f.calib.source.Spec(f.file));
  KP_ASSIGN_OR_RETURN(psy::CalibrationResult fit, CalibrateFile(f.file, f.calib, false, false));
  std::map<std::string, std::string> area_of;
  if (!f.areas_file.empty()) {
    KP_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ReadCsv(f.areas_file));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (rows[r].size() != 2) {
        return CsvError(f.areas_file, rows[r].front().line, rows[r].front().column,
                        "expected two cells: item_id,area", "应为两个单元格：item_id,area");
      }
      if (r == 0 && rows[r][0].text == "item_id") continue;
      area_of[rows[r][0].text] = rows[r][1].text;
    }
  }
  std::vector<psy::CatItem> items;
  for (const auto& it : fit.items) {
    auto a = area_of.find(it.item_id);
    items.push_back(psy::CatItem{it, a == area_of.end() ? "" : a->second, 1.0});
  }
  KP_ASSIGN_OR_RETURN(psy::ItemBank bank, psy::ItemBank::Create(items));
  psy::CatSimulationOptions so;
  so.num_simulees = f.simulees;
  so.seed = f.seed;
  so.cat.min_length = f.min_length;
  so.cat.max_length = f.max_length;
  so.cat.target_se = f.target_se;
  so.cat.randomesque_size = f.randomesque_size;
  so.cat.scoring.prior_sd = fit.latent_sd;
  KP_ASSIGN_OR_RETURN(so.cat.exposure, psy::ParseExposureControl(f.exposure));
  if (!f.weights.empty()) {
    KP_ASSIGN_OR_RETURN(std::vector<std::string> parts, SplitList(f.weights));
    for (const auto& p : parts) {
      const auto eq = p.find('=');
      char* end = nullptr;
      const double w = eq == std::string::npos ? -1 : std::strtod(p.c_str() + eq + 1, &end);
      if (eq == std::string::npos || end != p.c_str() + p.size() || !(w >= 0)) {
        return InvalidArgument("cli.bad_weights", "--weights entry '" + p + "' is not AREA=WEIGHT",
                               "--weights 中的“" + p + "”不是 区域=权重 的形式");
      }
      so.cat.content_weights[p.substr(0, eq)] = w;
    }
  }
  std::vector<std::string> level_names;
  if (!f.cuts.empty()) {
    KP_ASSIGN_OR_RETURN(so.cut_points, ParseNumbers("--cuts", f.cuts));
  }
  if (!f.levels.empty()) {
    KP_ASSIGN_OR_RETURN(level_names, SplitList(f.levels));
  }
  if (so.cat.exposure == psy::ExposureControl::kSympsonHetter) {
    if (!(f.sh_rmax > 0)) {
      return InvalidArgument("cli.bad_exposure", "--exposure sympson-hetter needs --sh-rmax (e.g. 0.25)",
                             "--exposure sympson-hetter 需要 --sh-rmax（如 0.25）");
    }
    KP_ASSIGN_OR_RETURN(std::vector<double> k, psy::CalibrateSympsonHetter(bank, so, f.sh_rmax, f.sh_rounds));
    KP_RETURN_IF_ERROR(bank.SetExposureParameters(k));
    so.seed = DeriveSeed(f.seed, 7);
  }
  KP_ASSIGN_OR_RETURN(psy::CatSimulationResult r, psy::SimulateCat(bank, so));
  std::vector<std::pair<double, std::string>> top;
  for (std::size_t i = 0; i < bank.size(); ++i)
    top.emplace_back(r.exposure_rates[i], bank.item(i).params.item_id);
  std::sort(top.begin(), top.end(), [](auto& a, auto& b) { return a.first > b.first; });
  // Placement counts of the estimated abilities.
  std::map<std::string, int> placed;
  if (!so.cut_points.empty()) {
    for (double t : r.estimated_thetas) {
      KP_ASSIGN_OR_RETURN(psy::Placement p, psy::PlaceAbility(t, so.cut_points, level_names));
      ++placed[p.name];
    }
  }
  if (f.json_out) {
    json j = {{"file", f.file},
              {"simulees", r.simulees},
              {"bias", r.bias},
              {"rmse", r.rmse},
              {"mean_length", r.mean_length},
              {"mean_se", r.mean_se},
              {"max_exposure", r.max_exposure},
              {"items_never_used", r.items_never_used},
              {"classification_accuracy", codec::FiniteOrNull(r.classification_accuracy)},
              {"exposure_control", std::string(psy::ExposureControlName(so.cat.exposure))}};
    j["exposure_rates"] = json::object();
    for (std::size_t i = 0; i < bank.size(); ++i)
      j["exposure_rates"][bank.item(i).params.item_id] = r.exposure_rates[i];
    if (!placed.empty()) j["placements"] = placed;
    PrintJson(j);
    return Status::Ok();
  }
  std::cout << "CAT simulation on the bank calibrated from " << f.file << " (" << bank.size() << " items, "
            << psy::ExposureControlName(so.cat.exposure) << " exposure control)\n\n";
  Table t({"statistic", "value"});
  t.Add({"simulees", std::to_string(r.simulees)});
  t.Add({"bias", Fmt(r.bias, 4)});
  t.Add({"RMSE", Fmt(r.rmse, 4)});
  t.Add({"mean test length", Fmt(r.mean_length, 2)});
  t.Add({"mean final SE", Fmt(r.mean_se, 3)});
  t.Add({"max exposure rate", Fmt(r.max_exposure, 3)});
  t.Add({"items never used", std::to_string(r.items_never_used)});
  if (std::isfinite(r.classification_accuracy))
    t.Add({"classification accuracy", Fmt(r.classification_accuracy, 3)});
  t.Print(std::cout);
  std::cout << "\nMost exposed items\n\n";
  Table e({"item", "exposure"});
  for (std::size_t i = 0; i < std::min<std::size_t>(10, top.size()); ++i)
    e.Add({top[i].second, Fmt(top[i].first)});
  e.Print(std::cout);
  if (!placed.empty()) {
    std::cout << "\nPlacements\n\n";
    Table p({"level", "simulees"});
    for (const auto& [name, n] : placed) p.Add({name, std::to_string(n)});
    p.Print(std::cout);
  }
  return Status::Ok();
}

}  // namespace

void AddAnalyzeCommands(CLI::App& root, int* exit_code, const std::string* root_data_dir) {
  CLI::App* analyze = root.add_subcommand("analyze", "Psychometric analysis of response files (CSV)");
  analyze->require_subcommand(1);

  {
    auto f = std::make_shared<ItemsFlags>();
    CLI::App* c =
        analyze->add_subcommand("items", "Classical item analysis: p, r, D, distractors, alpha, flags");
    f->source.Register(c, &f->file, "Response CSV (header of item ids, one row per person)", true, true);
    f->source.root_data_dir = root_data_dir;
    c->add_option("--key", f->key,
                  "Answer key, one letter per item (\"-\" for a scored item); cells are then letters");
    c->add_option("--options", f->num_options,
                  "Options per choice item (default: highest letter seen or keyed)");
    c->add_option("--functions", f->functions,
                  "Comma-separated function/content label per item (reliability per label)");
    c->add_option("--id-column", f->id_column, "Name of a column holding person ids");
    c->add_option("--group-fraction", f->options.group_fraction, "Upper/lower group fraction")
        ->capture_default_str();
    c->add_option("--too-easy", f->options.too_easy_above, "Flag when p > this")->capture_default_str();
    c->add_option("--too-hard", f->options.too_hard_below, "Flag when p < this")->capture_default_str();
    c->add_option("--low-discrimination", f->options.low_discrimination_below, "Flag when corrected r < this")
        ->capture_default_str();
    c->add_option("--distractor-min-share", f->options.distractor_min_share,
                  "Flag a distractor chosen by a share <= this")
        ->capture_default_str();
    c->add_flag("--complete-cases", f->complete_cases,
                "Leave out persons with a missing response (default: score 0)");
    c->add_flag("--json", f->json_out, "Print JSON");
    c->callback([f, exit_code] { Run(exit_code, [&] { return RunItems(*f); }); });
  }
  {
    auto f = std::make_shared<CalibrateFlags>();
    CLI::App* c =
        analyze->add_subcommand("calibrate", "IRT calibration (MML-EM): parameters, SEs, fit, scores");
    f->calib.source.Register(c, &f->file, "Response CSV", true, true);
    f->calib.source.root_data_dir = root_data_dir;
    f->calib.Register(c);
    c->add_option("--scoring", f->scoring, "Person scores: eap, map or mle")->capture_default_str();
    c->add_flag("--no-se", f->no_se, "Skip standard errors (faster on large files)");
    c->add_flag("--score-table", f->score_table, "Print the summed-score to ability table (Lord-Wingersky)");
    c->add_option("--icc-svg", f->icc_svg, "Write item characteristic curves to this SVG file");
    c->add_option("--info-svg", f->info_svg, "Write the test information curve to this SVG file");
    c->add_option("--wright-svg", f->wright_svg, "Write a Wright map to this SVG file");
    c->add_flag("--json", f->json_out, "Print JSON");
    c->callback([f, exit_code] { Run(exit_code, [&] { return RunCalibrate(*f); }); });
  }
  {
    auto f = std::make_shared<EquateFlags>();
    CLI::App* c =
        analyze->add_subcommand("equate", "Link form X to form Y through common items; map cut scores");
    c->add_option("form_x", f->form_x, "Response CSV (or plan:N / paper:ID) of the new form X")->required();
    c->add_option("form_y", f->form_y, "Response CSV (or plan:N / paper:ID) of the base form Y")->required();
    f->calib.source.RegisterData(c);
    f->calib.source.root_data_dir = root_data_dir;
    c->add_option("--method", f->method, "mean-mean, mean-sigma, haebara or stocking-lord")
        ->capture_default_str();
    c->add_option("--cut", f->cuts, "Raw cut score(s) on form X to carry to form Y");
    f->calib.Register(c);
    c->add_flag("--json", f->json_out, "Print JSON");
    c->callback([f, exit_code] { Run(exit_code, [&] { return RunEquate(*f); }); });
  }
  {
    auto f = std::make_shared<CutscoreFlags>();
    CLI::App* c = analyze->add_subcommand("cutscore", "Standard setting: modified Angoff or Bookmark");
    f->calib.source.Register(c, &f->file, "Response CSV used to calibrate the items", true, false);
    f->calib.source.root_data_dir = root_data_dir;
    c->add_option("--angoff", f->angoff,
                  "Ratings CSV: header of item ids, one row per rater (optional 'rater' column)");
    c->add_option("--bookmarks", f->bookmarks, "Bookmark page per panellist, comma-separated");
    c->add_option("--rp", f->rp, "Response probability for the ordered item booklet")->capture_default_str();
    c->add_option("--rule", f->rule, "bookmarked, last-mastered or midpoint")->capture_default_str();
    f->calib.Register(c);
    c->add_flag("--json", f->json_out, "Print JSON");
    c->callback([f, exit_code] { Run(exit_code, [&] { return RunCutscore(*f); }); });
  }
  {
    auto f = std::make_shared<CatFlags>();
    CLI::App* c = analyze->add_subcommand("cat-simulate", "Calibrate a bank and simulate adaptive tests");
    f->calib.source.Register(c, &f->file, "Response CSV used to calibrate the bank", true, false);
    f->calib.source.root_data_dir = root_data_dir;
    c->add_option("--simulees", f->simulees, "Number of simulated candidates (theta ~ N(0, 1))")
        ->capture_default_str();
    c->add_option("--min-length", f->min_length, "Minimum test length")->capture_default_str();
    c->add_option("--max-length", f->max_length, "Maximum test length")->capture_default_str();
    c->add_option("--se", f->target_se, "Stop when the SE falls to this")->capture_default_str();
    c->add_option("--exposure", f->exposure, "none, randomesque or sympson-hetter")->capture_default_str();
    c->add_option("--randomesque-size", f->randomesque_size, "Candidates for randomesque selection")
        ->capture_default_str();
    c->add_option("--sh-rmax", f->sh_rmax, "Target maximum exposure rate for Sympson-Hetter");
    c->add_option("--sh-rounds", f->sh_rounds, "Sympson-Hetter calibration rounds")->capture_default_str();
    c->add_option("--areas", f->areas_file, "CSV item_id,area assigning items to content areas");
    c->add_option("--weights", f->weights,
                  "Content targets AREA=WEIGHT,… (e.g. from a standard's weight table)");
    c->add_option("--cuts", f->cuts, "Placement cut points on theta, ascending, comma-separated");
    c->add_option("--levels", f->levels, "Level names, one more than the cut points");
    c->add_option("--seed", f->seed, "Random seed")->capture_default_str();
    f->calib.Register(c);
    c->add_flag("--json", f->json_out, "Print JSON");
    c->callback([f, exit_code] { Run(exit_code, [&] { return RunCat(*f); }); });
  }
}

}  // namespace kaoping::cli
