#include "api/psychometrics_routes.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include "api/auth_routes.h"
#include "base/random.h"
#include "codec/psychometrics_json.h"
#include "core/psychometrics/calibration.h"
#include "core/psychometrics/cat.h"
#include "core/psychometrics/classical.h"
#include "core/psychometrics/equating.h"
#include "core/psychometrics/plots.h"
#include "core/psychometrics/standard_setting.h"
#include "service/psychometrics_service.h"

namespace kaoping::api {

using http::Method;
using http::Request;
using http::Response;
using Json = nlohmann::json;
using service::Actor;
using service::PsychometricsService;
namespace psy = kaoping::psychometrics;

Json ItemStatisticsRecordJson(const store::ItemStatisticsRecord& r) {
  Json stats = Json::parse(r.statistics, nullptr, /*allow_exceptions=*/false);
  if (stats.is_discarded()) stats = Json::object();
  return Json{{"id", r.id},
              {"item_version", r.item_version},
              {"kind", r.kind},
              {"source", r.source},
              {"persons", r.num_persons},
              {"model", r.model},
              {"converged", r.converged},
              {"iterations", r.iterations},
              {"log_likelihood", codec::FiniteOrNull(r.log_likelihood)},
              {"flags", r.flags},
              {"statistics", stats},
              {"computed_ms", r.computed_ms},
              {"computed_by", r.computed_by}};
}

Json LatestItemStatisticsJson(const std::vector<store::ItemStatisticsRecord>& records, int version) {
  Json out{{"version", version}, {"flags", Json::array()}, {"classical", nullptr}, {"irt", nullptr}};
  for (const auto& r : records) {  // newest first
    if (r.item_version != version || (r.kind != "classical" && r.kind != "irt") || !out[r.kind].is_null())
      continue;
    out[r.kind] = ItemStatisticsRecordJson(r);
    if (r.kind == "classical") out["flags"] = r.flags;
  }
  return out;
}

namespace {

Status TooLarge(const std::string& en, const std::string& zh) {
  return InvalidArgument("psychometrics.too_large", en, zh);
}

Status BadField(const std::string& field, const std::string& en, const std::string& zh) {
  return InvalidArgument("request.bad_field", "field '" + field + "' " + en, "字段“" + field + "”" + zh);
}

Result<double> Real(const Json& o, const char* key, double min, double max, double fallback) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return fallback;
  if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < min ||
      it->get<double>() > max) {
    return BadField(key, "must be a number from " + std::to_string(min) + " to " + std::to_string(max),
                    "应为 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间的数");
  }
  return it->get<double>();
}

Result<std::vector<double>> Reals(const Json& o, const char* key, double min, double max,
                                  std::size_t max_items) {
  std::vector<double> out;
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > max_items) {
    return BadField(key, "must be a list of at most " + std::to_string(max_items) + " numbers",
                    "应为不超过 " + std::to_string(max_items) + " 个数的列表");
  }
  for (const auto& v : *it) {
    if (!v.is_number() || !(v.get<double>() >= min && v.get<double>() <= max)) {
      return BadField(key, "holds a value outside [" + std::to_string(min) + ", " + std::to_string(max) + "]",
                      "含有超出范围的值");
    }
    out.push_back(v.get<double>());
  }
  return out;
}

// The data of one request: a store source (with its attempt/item identities) or a posted matrix.
struct Data {
  bool from_store = false;
  service::StoreResponses store;  // when from_store
  psy::ResponseMatrix matrix;
  std::string source;
};

Result<Data> LoadData(PsychometricsService& svc, const Json& o, const Actor& a) {
  if (!PsychometricsService::CanRead(a)) {
    return PermissionDenied("psychometrics.forbidden", "you may not read exam responses", "无权查看作答数据");
  }
  const auto& limits = svc.limits();
  const bool has_matrix = o.contains("matrix");
  const int sources =
      (o.contains("plan_id") ? 1 : 0) + (o.contains("paper_id") ? 1 : 0) + (has_matrix ? 1 : 0);
  if (sources != 1) {
    return InvalidArgument("psychometrics.bad_source",
                           "give exactly one of plan_id, paper_id or matrix (with item_ids)",
                           "请指定 plan_id、paper_id 或 matrix（附 item_ids）三者之一");
  }
  Data d;
  if (!has_matrix) {
    service::ResponseSource src;
    KP_ASSIGN_OR_RETURN(src.plan_id, rest::Int(o, "plan_id", false, 1, INT64_MAX, 0));
    KP_ASSIGN_OR_RETURN(src.paper_id, rest::Str(o, "paper_id", false, 200));
    KP_ASSIGN_OR_RETURN(d.store, svc.Responses(src, a));
    d.from_store = true;
    d.matrix = d.store.matrix;
    d.source = d.store.source;
    return d;
  }
  if (auto it = o.find("item_ids"); it != o.end() && it->is_array() && it->size() > limits.max_items) {
    return TooLarge("more than " + std::to_string(limits.max_items) + " items",
                    "题目超过 " + std::to_string(limits.max_items) + " 道");
  }
  KP_ASSIGN_OR_RETURN(std::vector<std::string> ids, rest::StrList(o, "item_ids", limits.max_items, 200));
  if (ids.empty()) return BadField("item_ids", "must list the matrix's item ids", "应列出矩阵各列的题目编号");
  const Json& m = o["matrix"];
  if (!m.is_array() || m.empty())
    return BadField("matrix", "must be a non-empty list of rows", "应为非空的行列表");
  if (m.size() > limits.max_persons || m.size() * ids.size() > limits.max_cells) {
    return TooLarge("the matrix exceeds " + std::to_string(limits.max_persons) + " persons or " +
                        std::to_string(limits.max_cells) + " cells",
                    "矩阵超过 " + std::to_string(limits.max_persons) + " 人或 " +
                        std::to_string(limits.max_cells) + " 个单元");
  }
  std::vector<int> scores;
  scores.reserve(m.size() * ids.size());
  for (std::size_t p = 0; p < m.size(); ++p) {
    const Json& row = m[p];
    if (!row.is_array() || row.size() != ids.size()) {
      return InvalidArgument(
          "psychometrics.bad_matrix",
          "matrix row " + std::to_string(p + 1) + " must have " + std::to_string(ids.size()) + " cells",
          "矩阵第 " + std::to_string(p + 1) + " 行应有 " + std::to_string(ids.size()) + " 个单元");
    }
    for (const auto& cell : row) {
      if (cell.is_null()) {
        scores.push_back(psy::kMissing);
      } else if (cell.is_number_integer() && cell.get<long long>() >= 0 && cell.get<long long>() <= 100) {
        scores.push_back(static_cast<int>(cell.get<long long>()));
      } else {
        return InvalidArgument(
            "psychometrics.bad_matrix",
            "matrix row " + std::to_string(p + 1) + " holds a cell that is not an integer 0..100 or null",
            "矩阵第 " + std::to_string(p + 1) + " 行含有非 0..100 整数或 null 的单元");
      }
    }
  }
  KP_ASSIGN_OR_RETURN(d.matrix, psy::ResponseMatrix::Create(std::move(ids), std::move(scores)));
  d.source = "matrix";
  return d;
}

Status NeedsStore(const Data& d) {
  if (d.from_store) return Status();
  return InvalidArgument("psychometrics.write_back_needs_store",
                         "only results of a plan or paper in the store can be written back to the bank",
                         "只有来自考试计划或试卷的结果才能写回题库");
}

// Calibration options from the body, bounded.
Result<psy::CalibrationOptions> CalibrationFrom(const Json& o, const Data& d,
                                                const service::PsychometricsLimits& limits,
                                                const Clock* clock) {
  psy::CalibrationOptions c;
  KP_ASSIGN_OR_RETURN(std::string model, rest::Str(o, "model", false, 20));
  if (model.empty() || model == "grm") model = "2pl";
  auto parsed = psy::ParseItemModel(model);
  if (!parsed.ok() || *parsed == psy::ItemModel::kGradedResponse) {
    return BadField("model", "must be rasch, 1pl, 2pl, 3pl or grm", "应为 rasch、1pl、2pl、3pl 或 grm");
  }
  c.dichotomous_model = *parsed;
  KP_ASSIGN_OR_RETURN(std::int64_t q, rest::Int(o, "quadrature", false, 5, 100'000, 61));
  KP_ASSIGN_OR_RETURN(std::int64_t iters, rest::Int(o, "max_iterations", false, 1, 1'000'000, 500));
  if (q > limits.max_quadrature || iters > limits.max_iterations) {
    return TooLarge("at most " + std::to_string(limits.max_quadrature) + " quadrature points and " +
                        std::to_string(limits.max_iterations) + " EM cycles",
                    "积分点不超过 " + std::to_string(limits.max_quadrature) + " 个，EM 迭代不超过 " +
                        std::to_string(limits.max_iterations) + " 次");
  }
  KP_ASSIGN_OR_RETURN(c.quadrature, psy::RectangularQuadrature(static_cast<int>(q), -6, 6));
  c.max_iterations = static_cast<int>(iters);
  KP_ASSIGN_OR_RETURN(c.tolerance, Real(o, "tolerance", 1e-8, 0.1, 1e-4));
  const bool se_default = d.matrix.num_items() <= limits.max_se_items;
  KP_ASSIGN_OR_RETURN(c.standard_errors, rest::Bool(o, "standard_errors", false, se_default));
  if (c.standard_errors && !se_default) {
    return TooLarge(
        "standard errors are computed for at most " + std::to_string(limits.max_se_items) + " items",
        "标准误最多计算 " + std::to_string(limits.max_se_items) + " 道题");
  }
  c.person_fit = false;
  c.data_description = d.source;
  c.clock = clock;
  return c;
}

Json Envelope(const Data& d) {
  Json j{{"source", d.source}, {"persons", d.matrix.num_persons()}, {"written", 0}};
  if (d.from_store) j["human_scored"] = d.store.human_scored;
  return j;
}

Result<psy::CalibrationResult> CalibrateData(const Data& d, const psy::CalibrationOptions& o) {
  return psy::Calibrate(d.matrix, o);
}

// SOURCE fields of a nested object (equate's form_x / form_y).
Result<Json> SourceObject(const Json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_object())
    return BadField(key, "must be an object naming a source", "应为指定数据来源的对象");
  KP_RETURN_IF_ERROR(rest::OnlyFields(*it, {"plan_id", "paper_id", "matrix", "item_ids"}));
  return *it;
}

Response Svg(std::string svg) {
  Response r = Response::Text(std::move(svg), 200, "image/svg+xml; charset=utf-8");
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace

Status RegisterPsychometricsRoutes(ApiBuilder& b, const ApiContext& ctx) {
  service::Authenticator* auth = ctx.auth;
  PsychometricsService* svc = ctx.psychometrics;
  if (auth == nullptr || svc == nullptr) return Status();
  const Clock* clock = ctx.clock;
  using H = std::function<Response(const Request&, const Actor&)>;
  auto add = [&](Method m, const char* pattern, H h, ApiBuilder::Doc doc) {
    doc.auth = true;
    return b.Add(m, pattern, rest::Authed(auth, std::move(h)), doc);
  };

  KP_RETURN_IF_ERROR(add(
      Method::kPost, "/api/v1/psychometrics/items",
      [svc](const Request& r, const Actor& a) -> Response {
        KP_API_TRY(Json body, rest::ObjectBody(r));
        KP_API_CHECK(rest::OnlyFields(body, {"plan_id", "paper_id", "matrix", "item_ids", "group_fraction",
                                             "complete_cases", "write_back"}));
        KP_API_TRY(bool write_back, rest::Bool(body, "write_back", false, false));
        if (write_back && !PsychometricsService::CanWriteBack(a)) {
          return rest::Problem(
              PermissionDenied("psychometrics.forbidden", "only administrators write statistics back",
                               "仅管理员可将统计结果写回题库"),
              r);
        }
        KP_API_TRY(Data d, LoadData(*svc, body, a));
        if (write_back) KP_API_CHECK(NeedsStore(d));
        psy::ClassicalOptions o;
        KP_API_TRY(o.group_fraction, Real(body, "group_fraction", 0.05, 0.5, 0.27));
        KP_API_TRY(bool complete, rest::Bool(body, "complete_cases", false, false));
        if (complete) o.missing = psy::MissingPolicy::kCompleteCasesOnly;
        const psy::ChoiceResponses* choices = d.from_store ? &d.store.choices : nullptr;
        const std::vector<std::string> groups = d.from_store ? d.store.functions : std::vector<std::string>{};
        KP_API_TRY(psy::ClassicalReport report, psy::AnalyzeItems(d.matrix, o, choices, groups));
        Json j = Envelope(d);
        j.update(codec::ClassicalReportJson(report));
        if (write_back) {
          KP_API_TRY(j["written"], svc->WriteBack(d.store, &report, nullptr, a, r.remote_address));
        }
        return Response::Json(j);
      },
      {"经典测量理论试题分析：难度、区分度、选项分析、α 信度与标记 (classical item analysis)",
       "psychometrics",
       {},
       true}));

  KP_RETURN_IF_ERROR(
      add(Method::kPost, "/api/v1/psychometrics/calibrate",
          [svc, clock](const Request& r, const Actor& a) -> Response {
            KP_API_TRY(Json body, rest::ObjectBody(r));
            KP_API_CHECK(
                rest::OnlyFields(body, {"plan_id", "paper_id", "matrix", "item_ids", "model", "quadrature",
                                        "max_iterations", "tolerance", "standard_errors", "write_back"}));
            KP_API_TRY(bool write_back, rest::Bool(body, "write_back", false, false));
            if (write_back && !PsychometricsService::CanWriteBack(a)) {
              return rest::Problem(
                  PermissionDenied("psychometrics.forbidden", "only administrators write parameters back",
                                   "仅管理员可将参数写回题库"),
                  r);
            }
            KP_API_TRY(Data d, LoadData(*svc, body, a));
            if (write_back) KP_API_CHECK(NeedsStore(d));
            KP_API_TRY(psy::CalibrationOptions o, CalibrationFrom(body, d, svc->limits(), clock));
            KP_API_TRY(psy::CalibrationResult fit, CalibrateData(d, o));
            Json j = Envelope(d);
            j.update(codec::CalibrationJson(fit));
            if (write_back) {
              KP_API_TRY(j["written"], svc->WriteBack(d.store, nullptr, &fit, a, r.remote_address));
            }
            return Response::Json(j);
          },
          {"IRT 标定（Bock–Aitkin EM）：1PL/2PL/3PL/GRM 参数、标准误、拟合与对数似然，可写回题库 (IRT "
           "calibration)",
           "psychometrics",
           {},
           true}));

  KP_RETURN_IF_ERROR(add(
      Method::kPost, "/api/v1/psychometrics/equate",
      [svc, clock](const Request& r, const Actor& a) -> Response {
        KP_API_TRY(Json body, rest::ObjectBody(r));
        KP_API_CHECK(rest::OnlyFields(body, {"form_x", "form_y", "method", "model", "quadrature",
                                             "max_iterations", "tolerance", "cuts"}));
        KP_API_TRY(Json sx, SourceObject(body, "form_x"));
        KP_API_TRY(Json sy, SourceObject(body, "form_y"));
        KP_API_TRY(std::string method_name, rest::Str(body, "method", false, 40));
        if (method_name.empty()) method_name = "stocking-lord";
        auto method = psy::ParseLinkingMethod(method_name);
        if (!method.ok())
          return rest::Problem(BadField("method", "must be mean-mean, mean-sigma, stocking-lord or haebara",
                                        "应为 mean-mean、mean-sigma、stocking-lord 或 haebara"),
                               r);
        KP_API_TRY(std::vector<double> cuts, Reals(body, "cuts", 0, 1e6, 20));
        KP_API_TRY(Data dx, LoadData(*svc, sx, a));
        KP_API_TRY(Data dy, LoadData(*svc, sy, a));
        KP_API_TRY(psy::CalibrationOptions ox, CalibrationFrom(body, dx, svc->limits(), clock));
        KP_API_TRY(psy::CalibrationOptions oy, CalibrationFrom(body, dy, svc->limits(), clock));
        ox.item_fit = oy.item_fit = false;
        KP_API_TRY(psy::CalibrationResult x, CalibrateData(dx, ox));
        KP_API_TRY(psy::CalibrationResult y, CalibrateData(dy, oy));
        KP_API_TRY(psy::Linking link, psy::LinkForms(x.items, y.items, *method));
        Json j{{"form_x", dx.source},
               {"form_y", dy.source},
               {"method", std::string(psy::LinkingMethodName(*method))},
               {"A", link.A},
               {"B", link.B},
               {"criterion", link.criterion},
               {"common_items", link.common_items},
               {"cuts", Json::array()},
               {"form_x_on_y_scale", Json::array()}};
        for (double c : cuts) {
          KP_API_TRY(psy::CutMapping m, psy::MapRawCut(x.items, y.items, link, c));
          j["cuts"].push_back(
              {{"raw_x", m.raw_x}, {"theta_x", m.theta_x}, {"theta_y", m.theta_y}, {"raw_y", m.raw_y}});
        }
        for (const auto& it : psy::TransformItems(x.items, link))
          j["form_x_on_y_scale"].push_back(codec::ItemParametersJson(it));
        return Response::Json(j);
      },
      {"通过共同题等值两份试卷（mean/sigma、Stocking–Lord、Haebara），并换算分数线 (link two forms)",
       "psychometrics",
       {},
       true}));

  KP_RETURN_IF_ERROR(add(
      Method::kPost, "/api/v1/psychometrics/cutscore",
      [svc, clock](const Request& r, const Actor& a) -> Response {
        KP_API_TRY(Json body, rest::ObjectBody(r));
        KP_API_CHECK(rest::OnlyFields(
            body, {"plan_id", "paper_id", "matrix", "item_ids", "model", "quadrature", "max_iterations",
                   "tolerance", "method", "ratings", "bookmarks", "rp", "rule"}));
        KP_API_TRY(std::string method, rest::Str(body, "method", true, 20));
        if (method != "angoff" && method != "bookmark") {
          return rest::Problem(BadField("method", "must be angoff or bookmark", "应为 angoff 或 bookmark"),
                               r);
        }
        KP_API_TRY(Data d, LoadData(*svc, body, a));
        KP_API_TRY(psy::CalibrationOptions o, CalibrationFrom(body, d, svc->limits(), clock));
        o.standard_errors = false;
        o.item_fit = false;
        KP_API_TRY(psy::CalibrationResult fit, CalibrateData(d, o));
        Json j{{"source", d.source}, {"method", method}, {"model", fit.provenance.model}};
        if (method == "angoff") {
          auto it = body.find("ratings");
          if (it == body.end() || !it->is_array() || it->empty() || it->size() > 200) {
            return rest::Problem(
                BadField("ratings", "must list 1 to 200 raters' ratings", "应列出 1 到 200 位评审的评定"), r);
          }
          std::vector<std::vector<double>> ratings;
          for (const auto& row : *it) {
            if (!row.is_array() || row.size() != fit.items.size()) {
              return rest::Problem(BadField("ratings", "rows must rate every item in matrix order",
                                            "每行应按顺序评定全部试题"),
                                   r);
            }
            std::vector<double> v;
            for (std::size_t i = 0; i < row.size(); ++i) {
              if (!row[i].is_number() || !(row[i].get<double>() >= 0) ||
                  row[i].get<double>() > fit.items[i].MaxScore()) {
                return rest::Problem(BadField("ratings", "holds a rating outside [0, the item's max score]",
                                              "含有超出范围的评定"),
                                     r);
              }
              v.push_back(row[i].get<double>());
            }
            ratings.push_back(std::move(v));
          }
          KP_API_TRY(psy::AngoffResult res, psy::ModifiedAngoff(fit.items, ratings));
          j["rater_raw_cuts"] = res.rater_raw_cuts;
          j["raw_cut"] = res.raw_cut;
          j["raw_cut_se"] = codec::FiniteOrNull(res.raw_cut_se);
          j["theta_cut"] = res.theta_cut;
          return Response::Json(j);
        }
        KP_API_TRY(double rp, Real(body, "rp", 0.5, 0.95, 0.67));
        KP_API_TRY(std::string rule_name, rest::Str(body, "rule", false, 20));
        psy::BookmarkRule rule = psy::BookmarkRule::kBookmarkedPage;
        if (rule_name == "last-mastered") {
          rule = psy::BookmarkRule::kLastMasteredPage;
        } else if (rule_name == "midpoint") {
          rule = psy::BookmarkRule::kMidpoint;
        } else if (!rule_name.empty() && rule_name != "bookmarked") {
          return rest::Problem(BadField("rule", "must be bookmarked, last-mastered or midpoint",
                                        "应为 bookmarked、last-mastered 或 midpoint"),
                               r);
        }
        KP_API_TRY(std::vector<std::int64_t> pages64, rest::IntList(body, "bookmarks", 1, 100'000, 200));
        std::vector<int> pages(pages64.begin(), pages64.end());
        KP_API_TRY(std::vector<psy::BookletPage> booklet, psy::OrderedItemBooklet(fit.items, rp));
        KP_API_TRY(psy::BookmarkResult res, psy::BookmarkCut(fit.items, booklet, pages, rule));
        j["rp"] = rp;
        j["booklet"] = Json::array();
        for (const auto& p : booklet) {
          j["booklet"].push_back(
              {{"page", p.page}, {"item_id", p.item_id}, {"category", p.category}, {"location", p.location}});
        }
        j["panelist_thetas"] = res.panelist_thetas;
        j["theta_cut"] = res.theta_cut;
        j["raw_cut"] = res.raw_cut;
        return Response::Json(j);
      },
      {"标准设定：改良 Angoff 或 Bookmark，得到原始分与能力分数线 (standard setting)",
       "psychometrics",
       {},
       true}));

  KP_RETURN_IF_ERROR(add(
      Method::kPost, "/api/v1/psychometrics/cat/simulate",
      [svc, clock](const Request& r, const Actor& a) -> Response {
        KP_API_TRY(Json body, rest::ObjectBody(r));
        KP_API_CHECK(rest::OnlyFields(body, {"plan_id",  "paper_id",         "matrix",         "item_ids",
                                             "model",    "quadrature",       "max_iterations", "tolerance",
                                             "simulees", "min_length",       "max_length",     "target_se",
                                             "exposure", "randomesque_size", "sh_rmax",        "sh_rounds",
                                             "cuts",     "levels",           "seed",           "areas",
                                             "weights"}));
        const auto& limits = svc->limits();
        psy::CatSimulationOptions so;
        KP_API_TRY(std::int64_t simulees, rest::Int(body, "simulees", false, 1, 10'000'000, 1000));
        KP_API_TRY(std::int64_t max_length, rest::Int(body, "max_length", false, 1, 1'000'000, 30));
        KP_API_TRY(std::int64_t rounds, rest::Int(body, "sh_rounds", false, 1, 1'000'000, 8));
        if (simulees > limits.max_simulees || max_length > limits.max_cat_length ||
            rounds > limits.max_sh_rounds) {
          return rest::Problem(
              TooLarge("at most " + std::to_string(limits.max_simulees) + " simulees, tests of " +
                           std::to_string(limits.max_cat_length) + " items and " +
                           std::to_string(limits.max_sh_rounds) + " Sympson-Hetter rounds",
                       "模拟考生不超过 " + std::to_string(limits.max_simulees) + " 人，测验长度不超过 " +
                           std::to_string(limits.max_cat_length) + " 题，Sympson–Hetter 轮数不超过 " +
                           std::to_string(limits.max_sh_rounds)),
              r);
        }
        so.num_simulees = static_cast<int>(simulees);
        so.cat.max_length = static_cast<int>(max_length);
        KP_API_TRY(std::int64_t min_length, rest::Int(body, "min_length", false, 1, max_length,
                                                      std::min<std::int64_t>(5, max_length)));
        so.cat.min_length = static_cast<int>(min_length);
        KP_API_TRY(so.cat.target_se, Real(body, "target_se", 0.05, 2.0, 0.3));
        KP_API_TRY(std::int64_t rsize, rest::Int(body, "randomesque_size", false, 1, 50, 5));
        so.cat.randomesque_size = static_cast<int>(rsize);
        KP_API_TRY(std::int64_t seed, rest::Int(body, "seed", false, 0, INT64_MAX, 1));
        so.seed = static_cast<std::uint64_t>(seed);
        KP_API_TRY(std::string exposure, rest::Str(body, "exposure", false, 40));
        auto control = psy::ParseExposureControl(exposure.empty() ? "randomesque" : exposure);
        if (!control.ok())
          return rest::Problem(BadField("exposure", "must be none, randomesque or sympson-hetter",
                                        "应为 none、randomesque 或 sympson-hetter"),
                               r);
        so.cat.exposure = *control;
        KP_API_TRY(double sh_rmax, Real(body, "sh_rmax", 0, 1, 0));
        if (so.cat.exposure == psy::ExposureControl::kSympsonHetter && !(sh_rmax > 0)) {
          return rest::Problem(BadField("sh_rmax", "is required for sympson-hetter (e.g. 0.25)",
                                        "使用 sympson-hetter 时必填（如 0.25）"),
                               r);
        }
        KP_API_TRY(so.cut_points, Reals(body, "cuts", -6, 6, 10));
        KP_API_TRY(std::vector<std::string> levels, rest::StrList(body, "levels", 11, 100));
        std::map<std::string, std::string> area_of;
        if (auto it = body.find("areas"); it != body.end() && !it->is_null()) {
          if (!it->is_object())
            return rest::Problem(
                BadField("areas", "must map item ids to areas", "应为题目编号到内容领域的映射"), r);
          for (auto e = it->begin(); e != it->end(); ++e) {
            if (!e.value().is_string())
              return rest::Problem(BadField("areas", "values must be strings", "取值应为字符串"), r);
            area_of[e.key()] = e.value().get<std::string>();
          }
        }
        if (auto it = body.find("weights"); it != body.end() && !it->is_null()) {
          if (!it->is_object())
            return rest::Problem(BadField("weights", "must map areas to weights", "应为内容领域到权重的映射"),
                                 r);
          for (auto e = it->begin(); e != it->end(); ++e) {
            if (!e.value().is_number() || !(e.value().get<double>() >= 0)) {
              return rest::Problem(BadField("weights", "values must be numbers >= 0", "取值应为非负数"), r);
            }
            so.cat.content_weights[e.key()] = e.value().get<double>();
          }
        }
        KP_API_TRY(Data d, LoadData(*svc, body, a));
        KP_API_TRY(psy::CalibrationOptions o, CalibrationFrom(body, d, limits, clock));
        o.standard_errors = false;
        o.item_fit = false;
        KP_API_TRY(psy::CalibrationResult fit, CalibrateData(d, o));
        so.cat.scoring.prior_sd = fit.latent_sd;
        std::vector<psy::CatItem> items;
        for (const auto& it : fit.items) {
          auto area = area_of.find(it.item_id);
          items.push_back(psy::CatItem{it, area == area_of.end() ? "" : area->second, 1.0});
        }
        KP_API_TRY(psy::ItemBank bank, psy::ItemBank::Create(items));
        if (so.cat.exposure == psy::ExposureControl::kSympsonHetter) {
          KP_API_TRY(std::vector<double> k,
                     psy::CalibrateSympsonHetter(bank, so, sh_rmax, static_cast<int>(rounds)));
          KP_API_CHECK(bank.SetExposureParameters(k));
          so.seed = DeriveSeed(so.seed, 7);
        }
        KP_API_TRY(psy::CatSimulationResult res, psy::SimulateCat(bank, so));
        Json j{{"source", d.source},
               {"simulees", res.simulees},
               {"bias", res.bias},
               {"rmse", res.rmse},
               {"mean_length", res.mean_length},
               {"mean_se", res.mean_se},
               {"max_exposure", res.max_exposure},
               {"items_never_used", res.items_never_used},
               {"classification_accuracy", codec::FiniteOrNull(res.classification_accuracy)},
               {"exposure_control", std::string(psy::ExposureControlName(so.cat.exposure))},
               {"exposure_rates", Json::object()}};
        for (std::size_t i = 0; i < bank.size(); ++i)
          j["exposure_rates"][bank.item(i).params.item_id] = res.exposure_rates[i];
        if (!so.cut_points.empty()) {
          std::map<std::string, int> placed;
          for (double t : res.estimated_thetas) {
            KP_API_TRY(psy::Placement p, psy::PlaceAbility(t, so.cut_points, levels));
            ++placed[p.name];
          }
          j["placements"] = placed;
        }
        return Response::Json(j);
      },
      {"自适应测验模拟：偏差、RMSE、测验长度、曝光率与定级准确率 (CAT simulation)",
       "psychometrics",
       {},
       true}));

  KP_RETURN_IF_ERROR(
      add(Method::kGet, "/api/v1/items/{id}/statistics",
          [svc](const Request& r, const Actor& a) -> Response {
            const std::string id(r.PathParam("id").value_or(""));
            KP_API_TRY(std::int64_t limit, rest::QueryInt(r, "limit", 1, 1000, 200));
            KP_API_TRY(auto records, svc->ItemStatistics(id, a, static_cast<int>(limit)));
            int latest_version = 0;
            for (const auto& rec : records) latest_version = std::max(latest_version, rec.item_version);
            Json history = Json::array();
            for (const auto& rec : records) history.push_back(ItemStatisticsRecordJson(rec));
            return Response::Json(Json{
                {"item_id", id},
                {"latest", latest_version > 0 ? LatestItemStatisticsJson(records, latest_version) : Json()},
                {"history", history}});
          },
          {"试题统计与来源记录（经典统计、IRT 参数，最新在前）(an item's statistics with provenance)",
           "psychometrics",
           {"limit"}}));

  KP_RETURN_IF_ERROR(
      add(Method::kGet, "/api/v1/psychometrics/plots/{file}",
          [svc, clock](const Request& r, const Actor& a) -> Response {
            const std::string file(r.PathParam("file").value_or(""));
            if (file != "icc.svg" && file != "tif.svg" && file != "wright.svg") {
              return rest::Problem(
                  NotFound("psychometrics.no_such_plot", "plots are icc.svg, tif.svg and wright.svg",
                           "图形只有 icc.svg、tif.svg 与 wright.svg"),
                  r);
            }
            Json q = Json::object();
            KP_API_TRY(std::int64_t plan, rest::QueryInt(r, "plan", 1, INT64_MAX, 0));
            if (plan > 0) q["plan_id"] = plan;
            if (auto paper = r.Query("paper"); paper && !paper->empty()) q["paper_id"] = std::string(*paper);
            if (auto model = r.Query("model"); model && !model->empty()) q["model"] = std::string(*model);
            KP_API_TRY(Data d, LoadData(*svc, q, a));
            KP_API_TRY(psy::CalibrationOptions o, CalibrationFrom(q, d, svc->limits(), clock));
            o.standard_errors = false;
            o.item_fit = false;
            o.person_fit = file == "wright.svg";  // EAP abilities for the person side of the map
            KP_API_TRY(psy::CalibrationResult fit, CalibrateData(d, o));
            psy::PlotOptions po;
            if (file == "icc.svg") {
              po.title = "项目特征曲线 Item characteristic curves — " + d.source;
              return Svg(psy::ItemCharacteristicCurvesSvg(fit.items, po));
            }
            if (file == "tif.svg") {
              po.title = "测验信息函数 Test information — " + d.source;
              return Svg(psy::TestInformationSvg(fit.items, po));
            }
            po.title = "怀特图 Wright map — " + d.source;
            return Svg(psy::WrightMapSvg(fit.person_theta, fit.items, po));
          },
          {"心理测量图（SVG）：icc.svg 项目特征曲线、tif.svg 测验信息、wright.svg 怀特图 (plots for the UI)",
           "psychometrics",
           {"plan", "paper", "model"}}));
  return Status();
}

}  // namespace kaoping::api
