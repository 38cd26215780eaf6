#include "api/api.h"

#include <sstream>

#include "api/auth_routes.h"
#include "api/bank_routes.h"
#include "api/certificate_routes.h"
#include "api/delivery_routes.h"
#include "api/psychometrics_routes.h"
#include "api/scoring_routes.h"
#include "api/standards_admin_routes.h"
#include "core/standards/eligibility.h"
#include "http/message.h"
#include "http/problem.h"
#include "wire/case_json.h"
#include "wire/standards_json.h"

namespace kaoping::api {

using http::Method;
using http::Request;
using http::Response;
using Json = nlohmann::json;

ApiBuilder::ApiBuilder(http::Router& router) : router_(router) {}

Status ApiBuilder::Add(Method method, const std::string& pattern, http::Handler handler, const Doc& doc) {
  KP_RETURN_IF_ERROR(router_.Add(method, pattern, std::move(handler), http::RouteOptions::Named(pattern)));
  std::string m(http::MethodName(method));
  for (auto& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  Json op{{"summary", doc.summary},
          {"tags", Json::array({doc.tag})},
          {"parameters", Json::array()},
          {"responses",
           {{"200", {{"description", "OK"}}},
            {"4XX",
             {{"description", "Problem (RFC 9457) with a stable code and Chinese/English detail"},
              {"content",
               {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}}}}}};
  // Path parameters: every {name} segment.
  size_t pos = 0;
  while ((pos = pattern.find('{', pos)) != std::string::npos) {
    size_t end = pattern.find('}', pos);
    op["parameters"].push_back(Json{{"name", pattern.substr(pos + 1, end - pos - 1)},
                                    {"in", "path"},
                                    {"required", true},
                                    {"schema", {{"type", "string"}}}});
    pos = end;
  }
  for (const auto& q : doc.query) {
    op["parameters"].push_back(
        Json{{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
  }
  if (doc.body) {
    op["requestBody"] =
        Json{{"required", true}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
  }
  if (doc.auth)
    op["security"] = Json::array({Json{{"session", Json::array()}}, Json{{"bearer", Json::array()}}});
  paths_[pattern][m] = op;
  return Status();
}

Json ApiBuilder::OpenApi(const std::string& version) const {
  return Json{{"openapi", "3.0.3"},
              {"info",
               {{"title", "kaoping 考评 API"},
                {"version", version},
                {"description", "考评平台接口：标准、申报条件、题库、组卷、考试、评分与证书。kaoping API."}}},
              {"paths", paths_},
              {"components",
               {{"schemas",
                 {{"Problem",
                   {{"type", "object"},
                    {"properties",
                     {{"type", {{"type", "string"}}},
                      {"title", {{"type", "string"}}},
                      {"status", {{"type", "integer"}}},
                      {"code", {{"type", "string"}}},
                      {"detail", {{"type", "string"}}},
                      {"detail_zh", {{"type", "string"}}},
                      {"request_id", {{"type", "string"}}}}}}}}},
                {"securitySchemes",
                 {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "kaoping_session"}}},
                  {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

Result<Json> ParseJsonBody(const Request& request) {
  if (request.body.empty()) {
    return InvalidArgument("request.empty_body", "the request needs a JSON body",
                           "请求需要 JSON 格式的请求体");
  }
  try {
    return Json::parse(request.body);
  } catch (const Json::parse_error& e) {
    size_t line = 1, col = 1;
    for (size_t i = 0; i + 1 < e.byte && i < request.body.size(); ++i) {
      if (request.body[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    std::string at = "line " + std::to_string(line) + ", column " + std::to_string(col);
    return InvalidArgument(
        "request.bad_json", "the body is not valid JSON (" + at + ")",
        "请求体不是有效的 JSON（第 " + std::to_string(line) + " 行第 " + std::to_string(col) + " 列）");
  } catch (const Json::exception& e) {
    // e.g. out_of_range.406 for a number like 1e400 that overflows a double.
    return InvalidArgument("request.bad_json", std::string("the body is not acceptable JSON: ") + e.what(),
                           "请求体不是可接受的 JSON（数值超出范围等）");
  }
}

namespace {

Response Problem(const Status& s, const Request& r) {
  return Response::Problem(s, r.request_id);
}

std::string IsoNow(const Clock& clock) {
  auto t = std::chrono::system_clock::to_time_t(clock.Now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S+00:00", &tm);
  return buf;
}

Status RegisterSystem(ApiBuilder& b, const ApiContext& ctx) {
  KP_RETURN_IF_ERROR(b.Add(Method::kGet, "/healthz",
                           [ctx](const Request&) {
                             Status ping =
                                 ctx.store ? ctx.store->Ping() : Unavailable("store.none", "no store");
                             Json store{{"ok", ping.ok()}};
                             if (ctx.store) {
                               auto info = ctx.store->Info();
                               store["backend"] = info.backend;
                               store["schema_version"] = info.schema_version;
                             }
                             if (!ping.ok()) store["error"] = ping.message();
                             Json body{{"status", ping.ok() ? "ok" : "degraded"},
                                       {"version", ctx.version},
                                       {"store", store},
                                       {"standards", ctx.catalog ? ctx.catalog->All().size() : 0}};
                             return Response::Json(body, ping.ok() ? 200 : 503);
                           },
                           {"健康检查：版本与存储状态 (health: version and store status)", "system"}));
  KP_RETURN_IF_ERROR(b.Add(Method::kGet, "/metrics",
                           [ctx](const Request&) {
                             return Response::Text(ctx.metrics ? ctx.metrics->Render() : std::string(), 200,
                                                   "text/plain; version=0.0.4; charset=utf-8");
                           },
                           {"Prometheus 指标 (Prometheus metrics)", "system"}));
  return Status();
}

Status RegisterStandards(ApiBuilder& b, const ApiContext& ctx) {
  auto cat = ctx.catalog;
  KP_RETURN_IF_ERROR(b.Add(Method::kGet, "/api/v1/standards",
                           [cat](const Request&) {
                             Json arr = Json::array();
                             for (const auto* p : cat->All()) arr.push_back(wire::PackSummaryJson(*p));
                             return Response::Json(Json{{"standards", arr}});
                           },
                           {"标准列表 (list standards)", "standards"}));
  KP_RETURN_IF_ERROR(b.Add(Method::kGet, "/api/v1/standards/{id}",
                           [cat](const Request& r) {
                             auto p = cat->Get(std::string(r.PathParam("id").value_or("")));
                             if (!p.ok()) return Problem(p.status(), r);
                             return Response::Json(wire::PackJson(**p));
                           },
                           {"一个标准的全部内容 (a whole standard)", "standards"}));
  KP_RETURN_IF_ERROR(b.Add(Method::kGet, "/api/v1/standards/{id}/levels/{level}",
                           [cat](const Request& r) {
                             auto p = cat->Get(std::string(r.PathParam("id").value_or("")));
                             if (!p.ok()) return Problem(p.status(), r);
                             auto j = wire::LevelJson(**p, std::string(r.PathParam("level").value_or("")),
                                                      std::string(r.Query("direction").value_or("")));
                             if (!j.ok()) return Problem(j.status(), r);
                             return Response::Json(*j);
                           },
                           {"一个等级的要求、权重与考试规则 (one level: requirements, weights, exam rules)",
                            "standards",
                            {"direction"}}));
  KP_RETURN_IF_ERROR(
      b.Add(Method::kGet, "/api/v1/standards/{id}/weights",
            [cat](const Request& r) {
              auto p = cat->Get(std::string(r.PathParam("id").value_or("")));
              if (!p.ok()) return Problem(p.status(), r);
              std::string direction(r.Query("direction").value_or(""));
              if (!direction.empty() && !(*p)->FindDirection(direction)) {
                return Problem(NotFound("standard.direction_not_found", "no direction '" + direction + "'",
                                        "没有方向“" + direction + "”"),
                               r);
              }
              return Response::Json(
                  Json{{"standard", (*p)->id}, {"weight_tables", wire::WeightTablesJson(**p, direction)}});
            },
            {"权重表 (weight tables)", "standards", {"direction"}}));
  KP_RETURN_IF_ERROR(b.Add(
      Method::kGet, "/api/v1/standards/{id}/export/case",
      [ctx](const Request& r) {
        auto p = ctx.catalog->Get(std::string(r.PathParam("id").value_or("")));
        if (!p.ok()) return Problem(p.status(), r);
        Response resp =
            Response::Json(wire::ExportCase(**p, ctx.public_url + "/ims/case/v1p0", IsoNow(*ctx.clock)));
        resp.headers.Set("Content-Disposition", "attachment; filename=\"" + (*p)->id + ".case.json\"");
        return resp;
      },
      {"导出为 1EdTech CASE 1.0 (export as CASE 1.0 CFPackage)", "standards"}));
  KP_RETURN_IF_ERROR(b.Add(Method::kGet, "/api/v1/standards/{id}/export/markdown",
                           [cat](const Request& r) {
                             auto p = cat->Get(std::string(r.PathParam("id").value_or("")));
                             if (!p.ok()) return Problem(p.status(), r);
                             return Response::Text(wire::PackMarkdown(**p), 200,
                                                   "text/markdown; charset=utf-8");
                           },
                           {"导出为 Markdown (export as Markdown)", "standards"}));
  KP_RETURN_IF_ERROR(
      b.Add(Method::kGet, "/api/v1/standards/{id}/compare",
            [cat](const Request& r) {
              auto p = cat->Get(std::string(r.PathParam("id").value_or("")));
              if (!p.ok()) return Problem(p.status(), r);
              std::string from(r.Query("from").value_or("")), to(r.Query("to").value_or("")),
                  direction(r.Query("direction").value_or(""));
              if (from.empty() || to.empty()) {
                return Problem(InvalidArgument("request.missing_query", "give ?from=LEVEL&to=LEVEL",
                                               "请提供 from 与 to 两个等级"),
                               r);
              }
              auto a = wire::LevelJson(**p, from, direction);
              if (!a.ok()) return Problem(a.status(), r);
              auto c = wire::LevelJson(**p, to, direction);
              if (!c.ok()) return Problem(c.status(), r);
              return Response::Json(Json{{"standard", (*p)->id}, {"from", *a}, {"to", *c}});
            },
            {"比较两个等级 (compare two levels side by side)", "standards", {"from", "to", "direction"}}));
  KP_RETURN_IF_ERROR(b.Add(
      Method::kGet, "/api/v1/search/requirements",
      [ctx](const Request& r) {
        std::string q(r.Query("q").value_or(""));
        std::string standard(r.Query("standard").value_or(""));
        int limit = 50;
        if (auto l = r.Query("limit")) {
          try {
            limit = std::stoi(std::string(*l));
          } catch (...) {
            limit = -1;
          }
          if (limit < 1 || limit > 500) {
            return Problem(
                InvalidArgument("request.bad_limit", "limit must be 1–500", "limit 应在 1 到 500 之间"), r);
          }
        }
        if (q.empty())
          return Problem(
              InvalidArgument("request.missing_query", "give a search text ?q=", "请输入搜索内容（q）"), r);
        if (q.size() > 200)
          return Problem(InvalidArgument("request.query_too_long", "search text is too long", "搜索内容过长"),
                         r);
        if (!standard.empty() && !ctx.catalog->Find(standard)) {
          return Problem(
              NotFound("standard.not_found", "no standard '" + standard + "'", "没有标准“" + standard + "”"),
              r);
        }
        auto hits = ctx.store->SearchRequirements(q, standard, limit);
        if (!hits.ok()) return Problem(hits.status(), r);
        Json arr = Json::array();
        for (const auto& h : *hits) {
          arr.push_back(Json{{"standard", h.row.standard},
                             {"path", h.row.path},
                             {"kind", h.row.kind},
                             {"level", h.row.level},
                             {"direction", h.row.direction},
                             {"context", h.row.context},
                             {"text", h.row.text}});
        }
        return Response::Json(Json{{"query", q}, {"hits", arr}});
      },
      {"全文检索要求条目 (full-text search over requirement lines)",
       "standards",
       {"q", "standard", "limit"}}));
  KP_RETURN_IF_ERROR(b.Add(
      Method::kPost, "/api/v1/eligibility/check",
      [cat](const Request& r) {
        auto body = ParseJsonBody(r);
        if (!body.ok()) return Problem(body.status(), r);
        if (!body->is_object() || !(*body)["standard"].is_string() || !(*body)["level"].is_string() ||
            !(*body)["profile"].is_object()) {
          return Problem(
              InvalidArgument("request.bad_body",
                              "expected {\"standard\": ID, \"level\": LEVEL, \"profile\": {…}}",
                              "请求体应为 {\"standard\": 标准, \"level\": 等级, \"profile\": {考生信息}}"),
              r);
        }
        auto p = cat->Get((*body)["standard"].get<std::string>());
        if (!p.ok()) return Problem(p.status(), r);
        auto profile = wire::ProfileFromJson((*body)["profile"]);
        if (!profile.ok()) return Problem(profile.status(), r);
        auto d = standards::CheckEligibility(**p, (*body)["level"].get<std::string>(), *profile);
        if (!d.ok()) return Problem(d.status(), r);
        return Response::Json(wire::EligibilityDecisionJson(*d));
      },
      {"按标准检查申报条件 (check eligibility for a level)", "eligibility", {}, true}));
  return Status();
}

}  // namespace

Status RegisterApi(http::Router& router, const ApiContext& ctx) {
  auto builder = std::make_shared<ApiBuilder>(router);
  KP_RETURN_IF_ERROR(RegisterSystem(*builder, ctx));
  KP_RETURN_IF_ERROR(RegisterStandards(*builder, ctx));
  KP_RETURN_IF_ERROR(RegisterAuthRoutes(*builder, ctx));
  KP_RETURN_IF_ERROR(RegisterDeliveryRoutes(*builder, ctx));
  KP_RETURN_IF_ERROR(RegisterBankRoutes(*builder, BankContextFrom(ctx)));
  KP_RETURN_IF_ERROR(RegisterPsychometricsRoutes(*builder, ctx));
  KP_RETURN_IF_ERROR(RegisterScoringRoutes(*builder, ctx));
  KP_RETURN_IF_ERROR(RegisterCertificateRoutes(*builder, ctx));
  KP_RETURN_IF_ERROR(RegisterStandardsAdminRoutes(*builder, StandardsAdminContextFrom(ctx)));
  std::string version = ctx.version;
  // The document describes itself too.
  ApiBuilder::Doc doc{"OpenAPI 3 文档 (this document)", "system"};
  auto spec = std::make_shared<Json>();
  KP_RETURN_IF_ERROR(builder->Add(
      Method::kGet, "/api/v1/openapi.json", [spec](const Request&) { return Response::Json(*spec); }, doc));
  *spec = builder->OpenApi(version);
  return Status();
}

}  // namespace kaoping::api
