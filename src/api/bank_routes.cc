#include "api/bank_routes.h"

#include <cstdlib>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "api/psychometrics_routes.h"
#include "core/assembly/coverage.h"
#include "http/problem.h"
#include "interop/import_batch.h"
#include "interop/read_any.h"
#include "service/auth.h"
#include "service/psychometrics_service.h"
#include "wire/assembly_json.h"
#include "wire/item_json.h"

namespace kaoping::api {

using http::Method;
using http::Request;
using http::Response;
using Json = nlohmann::json;
using service::Actor;

namespace {

Response Problem(const Status& s, const Request& r) {
  return Response::Problem(s, r.request_id);
}

// A problem+json with extra members (and optionally another HTTP status, e.g. 422).
Response ProblemWith(const Status& s, const Request& r, int http_status, const Json& extra) {
  Json body = http::ProblemJson(s, r.request_id);
  if (http_status != 0) {
    body["status"] = http_status;
    body["title"] = std::string(http::HttpReasonPhrase(http_status));
  }
  for (auto it = extra.begin(); it != extra.end(); ++it) body[it.key()] = it.value();
  Response resp = Response::Json(body, http_status != 0 ? http_status : http::HttpStatusFor(s));
  resp.content_type = std::string(http::kContentTypeProblem);
  return resp;
}

Status BadQuery(const std::string& name, const std::string& en, const std::string& zh) {
  return InvalidArgument("request.bad_query", "query parameter '" + name + "' " + en,
                         "查询参数“" + name + "”" + zh);
}

std::string Q(const Request& r, const char* name) {
  return std::string(r.Query(name).value_or(""));
}

Result<long long> QInt(const Request& r, const char* name, long long min, long long max, long long fallback) {
  auto v = r.Query(name);
  if (!v) return fallback;
  char* end = nullptr;
  std::string s(*v);
  long long n = std::strtoll(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || n < min || n > max) {
    return BadQuery(name, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max),
                    "应为 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间的整数");
  }
  return n;
}

Result<bool> QBool(const Request& r, const char* name) {
  auto v = r.Query(name);
  if (!v || *v == "false" || *v == "0") return false;
  if (*v == "true" || *v == "1" || v->empty()) return true;
  return BadQuery(name, "must be true or false", "应为 true 或 false");
}

Result<store::ItemFilter> FilterFrom(const Request& r) {
  store::ItemFilter f;
  f.standard = Q(r, "standard");
  f.direction = Q(r, "direction");
  f.level = Q(r, "level");
  f.exam_kind = Q(r, "kind");
  f.function = Q(r, "function");
  f.text = Q(r, "q");
  if (f.text.size() > 200) return BadQuery("q", "is too long", "过长");
  if (auto t = r.Query("type"); t && !t->empty()) {
    f.type = bank::ParseItemType(std::string(*t));
    if (!f.type) return BadQuery("type", "is not an item type", "不是有效的题型");
  }
  if (auto s = r.Query("status"); s && !s->empty()) {
    f.status = bank::ParseItemStatus(std::string(*s));
    if (!f.status)
      return BadQuery("status", "must be draft, in_review, approved or retired",
                      "应为 draft、in_review、approved 或 retired");
  }
  KP_ASSIGN_OR_RETURN(f.include_synthetic, QBool(r, "synthetic"));
  KP_ASSIGN_OR_RETURN(long long limit, QInt(r, "limit", 1, 1000, 100));
  KP_ASSIGN_OR_RETURN(long long offset, QInt(r, "offset", 0, 100'000'000, 0));
  f.limit = static_cast<int>(limit);
  f.offset = static_cast<int>(offset);
  return f;
}

// The coverage table of a saved paper against the blueprint its standard gives for the paper's
// level, exam kind and direction (a blueprint configured at assembly is not stored with the paper);
// null when the standard yields no blueprint for it.
Json PaperCoverageJson(service::BankService& bank, const bank::Paper& paper,
                       const std::vector<bank::Item>& items) {
  auto bp = bank.Blueprint(paper.standard, paper.level, paper.exam_kind, paper.direction);
  if (!bp.ok()) return Json();
  std::map<bank::ItemRef, const bank::Item*> by_ref;
  for (const auto& i : items) by_ref[bank::ItemRef{i.id, i.version}] = &i;
  return wire::CoverageJson(assembly::ComputeCoverage(*bp, paper, by_ref));
}

Json EventJson(const store::ReviewEvent& e) {
  return Json{{"item_id", e.item_id}, {"item_version", e.item_version}, {"actor", e.actor},
              {"action", e.action},   {"comment", e.comment},           {"at_ms", e.at_ms}};
}

using ActorHandler = std::function<Response(const Request&, const Actor&)>;

http::Handler WithActor(const BankApiContext& ctx, ActorHandler fn) {
  auto hook = ctx.actor;
  return [hook, fn = std::move(fn)](const Request& r) -> Response {
    if (!hook) return Problem(Unauthenticated("auth.required", "sign in first", "请先登录"), r);
    auto actor = hook(r);
    if (!actor.ok()) return Problem(actor.status(), r);
    return fn(r, *actor);
  };
}

Result<Json> ObjectBody(const Request& r) {
  KP_ASSIGN_OR_RETURN(Json body, ParseJsonBody(r));
  if (!body.is_object())
    return InvalidArgument("request.bad_body", "the body must be a JSON object", "请求体应为 JSON 对象");
  return body;
}

Status BadField(const std::string& field, const std::string& en, const std::string& zh) {
  return InvalidArgument("request.bad_field", "field '" + field + "' " + en, "字段“" + field + "”" + zh);
}

Result<std::string> BodyStr(const Json& b, const char* key, bool required, const std::string& fallback = "") {
  auto it = b.find(key);
  if (it == b.end() || it->is_null()) {
    if (required) return BadField(key, "is required", "为必填项");
    return fallback;
  }
  if (!it->is_string()) return BadField(key, "must be a string", "应为字符串");
  return it->get<std::string>();
}

Result<long long> BodyInt(const Json& b, const char* key, long long min, long long max, long long fallback) {
  auto it = b.find(key);
  if (it == b.end() || it->is_null()) return fallback;
  if (!it->is_number_integer() || it->get<long long>() < min || it->get<long long>() > max) {
    return BadField(key, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max),
                    "应为 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间的整数");
  }
  return it->get<long long>();
}

Result<bool> BodyBool(const Json& b, const char* key) {
  auto it = b.find(key);
  if (it == b.end() || it->is_null()) return false;
  if (!it->is_boolean()) return BadField(key, "must be true or false", "应为 true 或 false");
  return it->get<bool>();
}

Status OnlyFields(const Json& b, std::initializer_list<const char*> known) {
  for (auto it = b.begin(); it != b.end(); ++it) {
    bool ok = false;
    for (const char* k : known) ok |= it.key() == k;
    if (!ok)
      return InvalidArgument("request.unknown_field", "unknown field '" + it.key() + "'",
                             "未知字段“" + it.key() + "”");
  }
  return Status();
}

Result<service::AssembleParams> AssembleParamsFrom(const Json& b, std::uint64_t default_seed) {
  KP_RETURN_IF_ERROR(
      OnlyFields(b, {"standard", "level", "kind", "direction", "forms", "seed", "overlap", "exposure_window",
                     "exposure_policy", "time_limit", "save", "synthetic", "title", "blueprint"}));
  service::AssembleParams p;
  KP_ASSIGN_OR_RETURN(p.standard, BodyStr(b, "standard", true));
  KP_ASSIGN_OR_RETURN(p.level, BodyStr(b, "level", true));
  KP_ASSIGN_OR_RETURN(p.exam_kind, BodyStr(b, "kind", false, "theory"));
  KP_ASSIGN_OR_RETURN(p.direction, BodyStr(b, "direction", false));
  KP_ASSIGN_OR_RETURN(long long forms, BodyInt(b, "forms", 1, 26, 1));
  KP_ASSIGN_OR_RETURN(long long overlap, BodyInt(b, "overlap", 0, 1000, 0));
  KP_ASSIGN_OR_RETURN(long long window, BodyInt(b, "exposure_window", 0, 1000, 0));
  p.forms = static_cast<int>(forms);
  p.max_overlap = static_cast<int>(overlap);
  p.exposure_window = static_cast<int>(window);
  p.seed = default_seed;
  if (auto s = b.find("seed"); s != b.end() && !s->is_null()) {
    if (s->is_number_unsigned()) {
      p.seed = s->get<std::uint64_t>();
    } else if (s->is_string()) {
      const std::string text = s->get<std::string>();
      char* end = nullptr;
      p.seed = std::strtoull(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || text[0] == '-')
        return BadField("seed", "must be a non-negative integer", "应为非负整数");
    } else {
      return BadField("seed", "must be a non-negative integer (or a string of digits)",
                      "应为非负整数（或数字字符串）");
    }
  }
  KP_ASSIGN_OR_RETURN(std::string policy, BodyStr(b, "exposure_policy", false, "exclude"));
  if (policy == "exclude") {
    p.exposure_policy = assembly::ExposurePolicy::kExclude;
  } else if (policy == "penalise" || policy == "penalize") {
    p.exposure_policy = assembly::ExposurePolicy::kPenalise;
  } else {
    return BadField("exposure_policy", "must be exclude or penalise", "应为 exclude 或 penalise");
  }
  if (auto t = b.find("time_limit"); t != b.end() && !t->is_null()) {
    if (!t->is_number() || t->get<double>() <= 0 || t->get<double>() > 60) {
      return BadField("time_limit", "must be a number of seconds in (0, 60]", "应为 (0, 60] 秒之间的数");
    }
    p.time_limit_seconds = t->get<double>();
  }
  KP_ASSIGN_OR_RETURN(p.save, BodyBool(b, "save"));
  KP_ASSIGN_OR_RETURN(p.allow_synthetic, BodyBool(b, "synthetic"));
  KP_ASSIGN_OR_RETURN(p.title, BodyStr(b, "title", false));
  if (auto bp = b.find("blueprint"); bp != b.end()) {
    KP_ASSIGN_OR_RETURN(p.blueprint, wire::BlueprintOptionsFromJson(*bp));
  }
  return p;
}

Status RegisterItems(ApiBuilder& b, const BankApiContext& ctx) {
  service::BankService* bank = ctx.bank;
  KP_RETURN_IF_ERROR(b.Add(
      Method::kGet, "/api/v1/items",
      WithActor(ctx,
                [bank](const Request& r, const Actor& a) -> Response {
                  auto f = FilterFrom(r);
                  if (!f.ok()) return Problem(f.status(), r);
                  auto items = bank->List(*f, a);
                  if (!items.ok()) return Problem(items.status(), r);
                  auto total = bank->Count(*f, a);
                  if (!total.ok()) return Problem(total.status(), r);
                  const bool keys = service::BankService::CanSeeKeys(a);
                  Json arr = Json::array();
                  for (const auto& i : *items) arr.push_back(wire::ItemJson(i, keys));
                  return Response::Json(
                      Json{{"items", arr}, {"total", *total}, {"limit", f->limit}, {"offset", f->offset}});
                }),
      {"题库试题列表与筛选 (list and filter items)",
       "bank",
       {"standard", "direction", "level", "kind", "function", "type", "status", "q", "synthetic", "limit",
        "offset"},
       false,
       true}));
  KP_RETURN_IF_ERROR(b.Add(Method::kPost, "/api/v1/items",
                           WithActor(ctx,
                                     [bank](const Request& r, const Actor& a) -> Response {
                                       auto body = ParseJsonBody(r);
                                       if (!body.ok()) return Problem(body.status(), r);
                                       auto item = wire::ItemFromJson(*body);
                                       if (!item.ok()) return Problem(item.status(), r);
                                       auto created = bank->Create(std::move(item).value(), a);
                                       if (!created.ok()) return Problem(created.status(), r);
                                       return Response::Json(wire::ItemJson(*created, true), 201);
                                     }),
                           {"新建试题（草稿） (create a draft item)", "bank", {}, true, true}));
  KP_RETURN_IF_ERROR(b.Add(
      Method::kGet, "/api/v1/items/{id}",
      WithActor(
          ctx,
          [bank, psychometrics = ctx.psychometrics](const Request& r, const Actor& a) -> Response {
            auto d = bank->Detail(std::string(r.PathParam("id").value_or("")), a);
            if (!d.ok()) return Problem(d.status(), r);
            const bool keys = service::BankService::CanSeeKeys(a);
            Json history = Json::array();
            for (const auto& v : d->history) {
              history.push_back(Json{{"version", v.version},
                                     {"status", bank::ItemStatusName(v.status)},
                                     {"stem", v.stem},
                                     {"author", v.author},
                                     {"reviewer", v.reviewer},
                                     {"updated_ms", v.updated_ms}});
            }
            Json events = Json::array();
            for (const auto& e : d->events) events.push_back(EventJson(e));
            Json out{{"item", wire::ItemJson(d->latest, keys)}, {"history", history}, {"events", events}};
            // Statistics and their flags, for the people who write and review items (never candidates).
            if (psychometrics != nullptr && keys && service::PsychometricsService::CanRead(a)) {
              auto stats = psychometrics->ItemStatistics(d->latest.id, a, 50);
              if (!stats.ok()) return Problem(stats.status(), r);
              out["statistics"] = LatestItemStatisticsJson(*stats, d->latest.version);
            }
            return Response::Json(out);
          }),
      {"一道试题：最新版本、历史版本与审核记录 (an item with its history)", "bank", {}, false, true}));
  KP_RETURN_IF_ERROR(b.Add(
      Method::kPut, "/api/v1/items/{id}",
      WithActor(
          ctx,
          [bank](const Request& r, const Actor& a) -> Response {
            auto body = ParseJsonBody(r);
            if (!body.ok()) return Problem(body.status(), r);
            auto item = wire::ItemFromJson(*body);
            if (!item.ok()) return Problem(item.status(), r);
            const std::string id(r.PathParam("id").value_or(""));
            if (item->id != id) {
              return Problem(InvalidArgument("request.id_mismatch",
                                             "the body's id '" + item->id + "' is not '" + id + "'",
                                             "请求体中的编号“" + item->id + "”与地址中的“" + id + "”不一致"),
                             r);
            }
            if (!body->contains("version")) {
              return Problem(
                  BadField("version", "is required: the version you edited", "为必填项：所编辑的版本号"), r);
            }
            auto saved = bank->Edit(std::move(item).value(), a);
            if (!saved.ok()) return Problem(saved.status(), r);
            return Response::Json(wire::ItemJson(*saved, true));
          }),
      {"编辑试题（生成新版本） (edit: makes a new version)", "bank", {}, true, true}));
  KP_RETURN_IF_ERROR(b.Add(
      Method::kGet, "/api/v1/items/{id}/versions/{version}",
      WithActor(ctx,
                [bank](const Request& r, const Actor& a) -> Response {
                  const std::string v(r.PathParam("version").value_or(""));
                  char* end = nullptr;
                  long n = std::strtol(v.c_str(), &end, 10);
                  if (v.empty() || *end != '\0' || n < 1 || n > 1'000'000) {
                    return Problem(InvalidArgument("request.bad_id", "version must be a positive integer",
                                                   "版本号应为正整数"),
                                   r);
                  }
                  auto item =
                      bank->GetVersion(std::string(r.PathParam("id").value_or("")), static_cast<int>(n), a);
                  if (!item.ok()) return Problem(item.status(), r);
                  return Response::Json(wire::ItemJson(*item, service::BankService::CanSeeKeys(a)));
                }),
      {"试题的某一版本 (one exact version of an item)", "bank", {}, false, true}));
  for (const auto& [path, action, doc] :
       std::initializer_list<std::tuple<const char*, bank::ReviewAction, const char*>>{
           {"submit", bank::ReviewAction::kSubmit, "提交审核 (submit for review)"},
           {"approve", bank::ReviewAction::kApprove, "审核通过 (approve; never by the author)"},
           {"request-changes", bank::ReviewAction::kRequestChanges,
            "退回修改 (request changes, with a comment)"},
           {"retire", bank::ReviewAction::kRetire, "停用 (retire)"}}) {
    const bank::ReviewAction act = action;
    KP_RETURN_IF_ERROR(
        b.Add(Method::kPost, std::string("/api/v1/items/{id}/") + path,
              WithActor(ctx,
                        [bank, act](const Request& r, const Actor& a) -> Response {
                          Json body = Json::object();
                          if (!r.body.empty()) {
                            auto parsed = ObjectBody(r);
                            if (!parsed.ok()) return Problem(parsed.status(), r);
                            body = *parsed;
                          }
                          Status fields = OnlyFields(body, {"comment", "version"});
                          if (!fields.ok()) return Problem(fields, r);
                          auto comment = BodyStr(body, "comment", false);
                          if (!comment.ok()) return Problem(comment.status(), r);
                          auto version = BodyInt(body, "version", 0, 1'000'000, 0);
                          if (!version.ok()) return Problem(version.status(), r);
                          auto item = bank->Review(std::string(r.PathParam("id").value_or("")), act, *comment,
                                                   a, static_cast<int>(*version));
                          if (!item.ok()) return Problem(item.status(), r);
                          return Response::Json(wire::ItemJson(*item, service::BankService::CanSeeKeys(a)));
                        }),
              {doc, "bank", {}, true, true}));
  }
  return Status();
}

Status RegisterBank(ApiBuilder& b, const BankApiContext& ctx) {
  service::BankService* bank = ctx.bank;
  KP_RETURN_IF_ERROR(b.Add(
      Method::kPost, "/api/v1/bank/import",
      WithActor(ctx,
                [bank](const Request& r, const Actor& a) -> Response {
                  service::BankImportOptions options;
                  std::vector<bank::Item> items;
                  Json warnings = Json::array();
                  // The file's own name decides its format (interop/read_any.h); without one the
                  // body is the canonical JSON form.
                  const std::string filename(r.Query("filename").value_or(""));
                  const bool canonical =
                      filename.empty() || filename.size() < 5 ||
                      http::EqualsIgnoreCase(std::string_view(filename).substr(filename.size() - 5), ".json");
                  if (canonical) {
                    auto doc = wire::ParseJsonText(r.body, filename.empty() ? "request body" : filename);
                    if (!doc.ok()) return Problem(doc.status(), r);
                    wire::ItemsParse parse = wire::ItemsFromJson(*doc);
                    options.rows = std::move(parse.readable_rows);
                    options.read_problems = std::move(parse.problems);
                    options.ids_in_file = std::move(parse.ids);
                    items = std::move(parse.readable);
                  } else {
                    interop::ImportOptions io;  // rows carry their own alignment; defaults from the query
                    io.default_alignment.standard = std::string(r.Query("standard").value_or(""));
                    io.default_alignment.exam_kind = std::string(r.Query("kind").value_or(""));
                    io.default_alignment.direction = std::string(r.Query("direction").value_or(""));
                    if (auto level = r.Query("level"); level && !level->empty())
                      io.default_alignment.levels = {std::string(*level)};
                    auto batch = interop::ReadAny(r.body, filename, io);
                    if (!batch.ok()) return Problem(batch.status(), r);
                    options.read_problems = interop::ToRowProblems(batch->errors);
                    for (const auto& w : batch->warnings)
                      warnings.push_back({{"where", w.WhereZh()}, {"message_zh", w.reason_zh}});
                    items = std::move(batch->items);
                  }
                  auto out = bank->Import(std::move(items), a, options);
                  if (!out.ok()) return Problem(out.status(), r);
                  if (!out->ok()) {
                    return ProblemWith(bank::RowProblemsStatus(out->problems, "bank.import_invalid"), r, 0,
                                       Json{{"problems", wire::RowProblemsJson(out->problems)}});
                  }
                  return Response::Json(Json{{"imported", out->imported}, {"warnings", warnings}});
                }),
      {"导入试题：规范 JSON，或按 filename 识别的 CSV / XLSX / QTI（全部成功或全部不导入） "
       "(import items: canonical JSON, or CSV / XLSX / QTI by ?filename; all or nothing)",
       "bank",
       {"filename", "standard", "level", "kind", "direction"},
       true,
       true}));
  KP_RETURN_IF_ERROR(
      b.Add(Method::kGet, "/api/v1/bank/export",
            WithActor(ctx,
                      [bank](const Request& r, const Actor& a) -> Response {
                        auto f = FilterFrom(r);
                        if (!f.ok()) return Problem(f.status(), r);
                        auto items = bank->Export(*f, a);
                        if (!items.ok()) return Problem(items.status(), r);
                        Response resp = Response::Json(wire::ItemsToJson(*items, true));
                        std::string name = f->standard.empty() ? "kaoping-items" : f->standard + "-items";
                        resp.headers.Set("Content-Disposition", "attachment; filename=\"" + name + ".json\"");
                        return resp;
                      }),
            {"导出试题（含答案） (export items with keys)",
             "bank",
             {"standard", "level", "kind", "function", "type", "status", "synthetic"},
             false,
             true}));
  KP_RETURN_IF_ERROR(b.Add(
      Method::kGet, "/api/v1/bank/stats",
      WithActor(ctx,
                [bank](const Request& r, const Actor& a) -> Response {
                  const std::string standard = Q(r, "standard");
                  if (standard.empty()) return Problem(BadQuery("standard", "is required", "为必填项"), r);
                  auto synthetic = QBool(r, "synthetic");
                  if (!synthetic.ok()) return Problem(synthetic.status(), r);
                  auto s =
                      bank->Stats(standard, Q(r, "level"), Q(r, "kind"), Q(r, "direction"), *synthetic, a);
                  if (!s.ok()) return Problem(s.status(), r);
                  Json functions = Json::array();
                  for (const auto& f : s->functions) {
                    functions.push_back(Json{{"target", f.target},
                                             {"label", f.label},
                                             {"needed_points", f.needed_points},
                                             {"approved_items", f.approved_items},
                                             {"approved_points", f.approved_points},
                                             {"approved_by_type", f.approved_by_type}});
                  }
                  Json types = Json::array();
                  for (const auto& t : s->types) {
                    types.push_back(Json{{"type", bank::ItemTypeName(t.type)},
                                         {"needed_min", t.needed_min},
                                         {"needed_max", t.needed_max},
                                         {"approved", t.approved}});
                  }
                  Json j{
                      {"standard", s->standard},   {"level", s->level},       {"kind", s->exam_kind},
                      {"direction", s->direction}, {"total", s->total},       {"by_status", s->by_status},
                      {"by_type", s->by_type},     {"by_level", s->by_level}, {"by_function", s->by_function},
                      {"functions", functions},    {"types", types}};
                  if (s->blueprint) j["blueprint"] = wire::BlueprintJson(*s->blueprint);
                  return Response::Json(j);
                }),
      {"题库统计：按状态、题型、等级、职业功能，与蓝图需求对比 (bank statistics vs blueprint needs)",
       "bank",
       {"standard", "level", "kind", "direction", "synthetic"},
       false,
       true}));
  KP_RETURN_IF_ERROR(b.Add(Method::kGet, "/api/v1/blueprint",
                           WithActor(ctx,
                                     [bank](const Request& r, const Actor&) -> Response {
                                       auto bp = bank->Blueprint(Q(r, "standard"), Q(r, "level"),
                                                                 r.Query("kind") ? Q(r, "kind") : "theory",
                                                                 Q(r, "direction"));
                                       if (!bp.ok()) return Problem(bp.status(), r);
                                       return Response::Json(wire::BlueprintJson(*bp));
                                     }),
                           {"组卷蓝图：按标准权重表推导 (blueprint derived from the standard)",
                            "assembly",
                            {"standard", "level", "kind", "direction"},
                            false,
                            true}));
  KP_RETURN_IF_ERROR(b.Add(
      Method::kPost, "/api/v1/blueprint",
      WithActor(ctx,
                [bank](const Request& r, const Actor&) -> Response {
                  auto body = ObjectBody(r);
                  if (!body.ok()) return Problem(body.status(), r);
                  Status fields = OnlyFields(*body, {"standard", "level", "kind", "direction", "options"});
                  if (!fields.ok()) return Problem(fields, r);
                  auto standard = BodyStr(*body, "standard", true);
                  auto level = BodyStr(*body, "level", true);
                  auto kind = BodyStr(*body, "kind", false, "theory");
                  auto direction = BodyStr(*body, "direction", false);
                  for (const auto* s : {&standard, &level, &kind, &direction}) {
                    if (!s->ok()) return Problem(s->status(), r);
                  }
                  auto options = wire::BlueprintOptionsFromJson(body->value("options", Json()));
                  if (!options.ok()) return Problem(options.status(), r);
                  auto bp = bank->Blueprint(*standard, *level, *kind, *direction, *options);
                  if (!bp.ok()) return Problem(bp.status(), r);
                  return Response::Json(wire::BlueprintJson(*bp));
                }),
      {"配置组卷蓝图（不得违背标准权重） (a configured blueprint; options may not break the weights)",
       "assembly",
       {},
       true,
       true}));
  KP_RETURN_IF_ERROR(b.Add(
      Method::kPost, "/api/v1/assemble",
      WithActor(ctx,
                [bank](const Request& r, const Actor& a) -> Response {
                  auto body = ObjectBody(r);
                  if (!body.ok()) return Problem(body.status(), r);
                  auto params = AssembleParamsFrom(
                      *body, static_cast<std::uint64_t>(ToUnixMillis(SystemClock::Get().Now())));
                  if (!params.ok()) return Problem(params.status(), r);
                  auto out = bank->Assemble(*params, a);
                  if (!out.ok()) return Problem(out.status(), r);
                  Json j = wire::AssemblyOutcomeJson(*out);
                  j["seed"] = std::to_string(params->seed);
                  if (auto bp = bank->Blueprint(params->standard, params->level, params->exam_kind,
                                                params->direction, params->blueprint);
                      bp.ok()) {
                    j["blueprint"] = wire::BlueprintJson(*bp);
                  }
                  if (!out->feasible) {
                    return ProblemWith(
                        assembly::InfeasibleStatus(*out), r, 422,
                        Json{{"shortfalls", j["shortfalls"]}, {"stats", j["stats"]}, {"seed", j["seed"]}});
                  }
                  return Response::Json(j);
                }),
      {"自动组卷（可多套平行卷），不可行时返回 422 与原因 (assemble papers; 422 explains infeasibility)",
       "assembly",
       {},
       true,
       true}));
  KP_RETURN_IF_ERROR(b.Add(Method::kGet, "/api/v1/papers",
                           WithActor(ctx,
                                     [bank](const Request& r, const Actor& a) -> Response {
                                       auto limit = QInt(r, "limit", 1, 500, 50);
                                       if (!limit.ok()) return Problem(limit.status(), r);
                                       auto papers =
                                           bank->ListPapers(Q(r, "standard"), static_cast<int>(*limit), a);
                                       if (!papers.ok()) return Problem(papers.status(), r);
                                       Json arr = Json::array();
                                       for (const auto& p : *papers) arr.push_back(wire::PaperSummaryJson(p));
                                       return Response::Json(Json{{"papers", arr}});
                                     }),
                           {"已保存的试卷 (saved papers)", "assembly", {"standard", "limit"}, false, true}));
  KP_RETURN_IF_ERROR(
      b.Add(Method::kGet, "/api/v1/papers/{id}",
            WithActor(ctx,
                      [bank](const Request& r, const Actor& a) -> Response {
                        auto paper = bank->GetPaper(std::string(r.PathParam("id").value_or("")), a);
                        if (!paper.ok()) return Problem(paper.status(), r);
                        Json j = wire::PaperJson(*paper);
                        auto with_items = QBool(r, "items");
                        if (!with_items.ok()) return Problem(with_items.status(), r);
                        if (*with_items) {
                          auto items = bank->PaperItems(*paper);
                          if (!items.ok()) return Problem(items.status(), r);
                          const bool keys = service::BankService::CanSeeKeys(a);
                          Json arr = Json::array();
                          for (const auto& i : *items) arr.push_back(wire::ItemJson(i, keys));
                          j["item_versions"] = arr;
                          j["coverage"] = PaperCoverageJson(*bank, *paper, *items);
                        }
                        return Response::Json(j);
                      }),
            {"一份试卷：分部、试题及确切版本；items=true 时附试题与按标准蓝图的覆盖表 (a paper: sections, "
             "items and exact versions; with items=true the item versions and the coverage table)",
             "assembly",
             {"items"},
             false,
             true}));
  return Status();
}

}  // namespace

BankApiContext BankContextFrom(const ApiContext& ctx) {
  BankApiContext b;
  b.bank = ctx.bank;
  b.psychometrics = ctx.psychometrics;
  if (ctx.bank_actor) {
    b.actor = ctx.bank_actor;
  } else if (ctx.auth) {
    b.actor = ctx.auth->Hook();
  }
  return b;
}

Status RegisterBankRoutes(ApiBuilder& builder, const BankApiContext& ctx) {
  if (!ctx.bank) return Status();
  KP_RETURN_IF_ERROR(RegisterItems(builder, ctx));
  return RegisterBank(builder, ctx);
}

}  // namespace kaoping::api
