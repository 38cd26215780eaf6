#include "api/scoring_routes.h"

#include <cmath>

#include "api/auth_routes.h"
#include "codec/scoring_json.h"
#include "core/scoring/numbers.h"
#include "http/problem.h"
#include "service/scoring_service.h"
#include "wire/capability_json.h"

namespace kaoping::api {
namespace {

using http::Method;
using http::Request;
using http::Response;
using rest::Json;
using rest::Problem;
using service::Actor;

using rest::kMaxId;
using rest::ParsedOrString;

// KP_API_TRY / KP_API_CHECK come from api/auth_routes.h.

Json ProgressJson(const service::ScoringProgress& p) {
  Json examiners = Json::array();
  for (const auto& e : p.examiners) {
    examiners.push_back({{"user_id", e.user_id},
                         {"display_name", e.display_name},
                         {"assigned", e.assigned},
                         {"submitted", e.submitted},
                         {"pending", e.pending}});
  }
  Json settings{
      {"multiple_choice", p.settings.multiple_rule},
      {"partial_fraction", p.settings.partial_fraction ? Json(*p.settings.partial_fraction) : Json()},
      {"spread", {{"kind", p.settings.spread_kind}, {"value", p.settings.spread_value}}}};
  return Json{{"plan_id", p.plan_id},
              {"started", p.started},
              {"attempts_scored", p.attempts_scored},
              {"scripts_total", p.scripts_total},
              {"scripts_final", p.scripts_final},
              {"adjudication_pending", p.adjudication_pending},
              {"chief", p.chief},
              {"settings", settings},
              {"examiners", examiners}};
}

Json ScriptViewJson(const service::ScriptView& v) {
  Json item{{"item_id", v.item.id}, {"type", bank::ItemTypeName(v.item.type)}, {"stem", v.item.stem}};
  if (v.item.task) {
    item["task"] = Json{{"instructions", v.item.task->instructions},
                        {"materials", v.item.task->materials},
                        {"time_minutes", v.item.task->time_minutes}};
  }
  if (!v.item.reference_answer.empty()) item["reference_answer"] = v.item.reference_answer;
  Json rubric = Json::array();
  for (const auto& c : v.rubric)
    rubric.push_back({{"id", c.id}, {"description", c.description}, {"max_points", c.max_points}});
  Json mine;
  if (v.mine) {
    mine = Json::object();
    for (const auto& [k, s] : *v.mine) mine[k] = s;
  }
  Json j{{"script", v.script}, {"plan_id", v.plan_id},    {"state", v.state},
         {"item", item},       {"rubric", rubric},        {"response", ParsedOrString(v.response)},
         {"mine", mine},       {"submitted", v.submitted}};
  if (v.review) {
    // Comprehensive review: the achievements, never whose they are.
    Json materials = Json::array();
    for (const auto& a : v.materials) {
      materials.push_back({{"id", a.id},
                           {"kind", a.kind},
                           {"title", a.title},
                           {"summary", a.summary},
                           {"created_ms", a.created_ms}});
    }
    j["review"] = true;
    j["materials"] = materials;
  }
  if (v.show_panel) {
    Json criteria = Json::array();
    for (const auto& c : v.result.criteria) {
      Json scores = Json::array();
      for (const auto& [e, s] : c.scores) scores.push_back(s);  // values only: never who gave them
      Json x{{"id", c.id},
             {"max_points", c.max_points},
             {"scores", scores},
             {"needs_adjudication", c.needs_adjudication}};
      x["median"] = c.median ? Json(*c.median) : Json();
      x["spread"] = c.spread ? Json(*c.spread) : Json();
      x["adjudicated"] = c.adjudicated ? Json(*c.adjudicated) : Json();
      x["final"] = c.final_score ? Json(*c.final_score) : Json();
      criteria.push_back(std::move(x));
    }
    j["criteria"] = criteria;
    j["total"] = v.result.total ? Json(*v.result.total) : Json();
  }
  return j;
}

Json ProfileJsonOrNull(const std::optional<scoring::CapabilityProfile>& p) {
  return p ? wire::CapabilityProfileJson(*p) : Json();
}

Json RescoreJson(const service::RescoreOutcome& o) {
  Json changed = Json::array();
  for (const auto& c : o.changed) {
    changed.push_back({{"user_id", c.user_id},
                       {"old_score", c.old_score},
                       {"new_score", c.new_score},
                       {"flip", scoring::FlipName(c.flip)}});
  }
  return Json{{"changed", changed},
              {"now_passing", o.now_passing},
              {"now_failing", o.now_failing},
              {"corrected_items", o.corrected_items}};
}

Response StaffingProblem(const std::vector<scoring::PanelViolation>& v, const Request& r) {
  Status s = FailedPrecondition(
      "scoring.staffing",
      std::to_string(v.size()) + " staffing rule violation(s); first: " + v.front().message_en,
      std::to_string(v.size()) + " 处不符合评分人员配置规则；第一处：" + v.front().message_zh);
  Json body = http::ProblemJson(s, r.request_id);
  Json arr = Json::array();
  for (const auto& x : v) {
    arr.push_back({{"code", x.code},
                   {"field", x.field},
                   {"message", x.message_en},
                   {"message_zh", x.message_zh},
                   {"ref", x.ref}});
  }
  body["violations"] = arr;
  Response resp = Response::Json(body, 409);
  resp.content_type = std::string(http::kContentTypeProblem);
  return resp;
}

Result<double> Number(const Json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_number()) {
    return InvalidArgument("request.bad_field", std::string("field '") + key + "' must be a number",
                           std::string("字段“") + key + "”须为数字");
  }
  double v = it->get<double>();
  if (!std::isfinite(v)) {
    return InvalidArgument("request.bad_field", std::string("field '") + key + "' must be finite",
                           std::string("字段“") + key + "”须为有限数");
  }
  return v;
}

Result<service::ScoringSettingsInput> ParseSettings(const Json& body) {
  KP_RETURN_IF_ERROR(
      rest::OnlyFields(body, {"multiple_choice", "partial_fraction", "spread", "review_requirements"}));
  service::ScoringSettingsInput in;
  if (body.contains("review_requirements") && !body["review_requirements"].is_null()) {
    const Json& paths = body["review_requirements"];
    if (!paths.is_array() || paths.empty() || paths.size() > 200) {
      return InvalidArgument("request.bad_field",
                             "field 'review_requirements' must be a list of 1 to 200 requirement paths",
                             "字段“review_requirements”须为 1 至 200 条能力要求路径的列表");
    }
    std::vector<std::string> list;
    for (const auto& p : paths) {
      if (!p.is_string() || p.get<std::string>().empty() || p.get<std::string>().size() > 200) {
        return InvalidArgument("request.bad_field",
                               "each entry of 'review_requirements' must be a requirement path such as "
                               "'senior/skill/1.1.1'",
                               "“review_requirements”的每一项须为能力要求路径，例如“senior/skill/1.1.1”");
      }
      list.push_back(p.get<std::string>());
    }
    in.review_requirements = std::move(list);
  }
  if (body.contains("multiple_choice")) {
    KP_ASSIGN_OR_RETURN(std::string m, rest::Str(body, "multiple_choice", true, 40));
    in.multiple_choice = m;
  }
  if (body.contains("partial_fraction") && !body["partial_fraction"].is_null()) {
    KP_ASSIGN_OR_RETURN(double f, Number(body, "partial_fraction"));
    in.partial_fraction = f;
  }
  if (body.contains("spread")) {
    const Json& s = body["spread"];
    if (!s.is_object()) {
      return InvalidArgument("request.bad_field", "field 'spread' must be an object {kind, value}",
                             "字段“spread”须为对象 {kind, value}");
    }
    KP_RETURN_IF_ERROR(rest::OnlyFields(s, {"kind", "value"}));
    if (s.contains("kind")) {
      KP_ASSIGN_OR_RETURN(std::string k, rest::Str(s, "kind", true, 20));
      in.spread_kind = k;
    }
    if (s.contains("value")) {
      KP_ASSIGN_OR_RETURN(double v, Number(s, "value"));
      in.spread_value = v;
    }
  }
  return in;
}

std::string ScriptParam(const Request& r) {
  return std::string(r.PathParam("script").value_or(""));
}

}  // namespace

Json ResultViewJson(const service::ResultView& v) {
  const scoring::LevelDecision& d = v.record.decision;
  Json subjects = Json::array();
  for (const auto& s : d.subjects) {
    Json x{{"subject", s.subject},
           {"name", s.name},
           {"score", s.score ? Json(*s.score) : Json()},
           {"score_display", s.score ? Json(scoring::FormatScore(*s.score)) : Json()},
           {"max_score", s.max_score},
           {"passed", s.passed},
           {"counted", s.counted}};
    if (s.pass_score) x["pass_score"] = *s.pass_score;
    if (s.weight) x["weight"] = *s.weight;
    subjects.push_back(std::move(x));
  }
  Json j{{"id", v.row.id},
         {"user_id", v.row.user_id},
         {"candidate_name", v.candidate_name},
         {"standard", v.row.standard},
         {"standard_title", v.standard_title},
         {"level", v.row.level},
         {"level_name", d.level_name},
         {"direction", v.row.direction},
         {"state", v.row.state},
         {"revision", v.row.revision},
         {"passed", v.row.passed},
         {"subjects", subjects},
         {"reasons", codec::LocalizedJson(d.reasons)},
         {"plan_ids", v.row.plan_ids},
         {"computed_ms", v.row.computed_ms}};
  if (d.total) j["total"] = *d.total;
  if (d.grade) j["grade"] = *d.grade;
  if (v.row.published_ms) j["published_ms"] = v.row.published_ms;
  if (!v.record.correction_reason.empty()) j["correction_reason"] = v.record.correction_reason;
  if (v.certificate) j["certificate"] = *v.certificate;
  return j;
}

Status RegisterScoringRoutes(ApiBuilder& b, const ApiContext& ctx) {
  service::Authenticator* auth = ctx.auth;
  service::ScoringService* svc = ctx.scoring;
  if (!auth || !svc) return Status();
  using H = std::function<Response(const Request&, const Actor&)>;
  auto add = [&](Method m, const char* pattern, H h, ApiBuilder::Doc doc) {
    doc.auth = true;
    return b.Add(m, pattern, rest::Authed(auth, std::move(h)), doc);
  };
  auto results_json = [](const std::vector<service::ResultView>& v) {
    Json arr = Json::array();
    for (const auto& x : v) arr.push_back(ResultViewJson(x));
    return arr;
  };

  // ---- scoring ---------------------------------------------------------------------------------------
  KP_RETURN_IF_ERROR(add(Method::kPost, "/api/v1/plans/{id}/scoring/start",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
                           Json body = Json::object();
                           if (!r.body.empty()) {
                             KP_API_TRY(body, rest::ObjectBody(r));
                           }
                           KP_API_TRY(auto settings, ParseSettings(body));
                           KP_API_TRY(auto out, svc->StartScoring(a, id, settings, r.remote_address));
                           if (!out.violations.empty()) return StaffingProblem(out.violations, r);
                           return Response::Json(ProgressJson(*out.progress));
                         },
                         {"开始评分：复核考评人员配置，客观题自动评分，主观题生成匿名评分卷并分配给考评员（可"
                          "重复执行）(start scoring)",
                          "scoring",
                          {},
                          true}));

  KP_RETURN_IF_ERROR(
      add(Method::kGet, "/api/v1/plans/{id}/scoring",
          [svc](const Request& r, const Actor& a) -> Response {
            KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
            KP_API_TRY(auto p, svc->Progress(a, id));
            return Response::Json(ProgressJson(p));
          },
          {"评分进度与考评员工作量（管理员、主考）(scoring progress and examiner workload)", "scoring"}));

  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/scoring/scripts",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(auto list, svc->MyScripts(a));
                           Json arr = Json::array();
                           for (const auto& s : list) {
                             arr.push_back({{"script", s.script},
                                            {"plan_id", s.plan_id},
                                            {"plan_title", s.plan_title},
                                            {"item_id", s.item_id},
                                            {"item_type", s.item_type},
                                            {"stem_excerpt", s.stem_excerpt},
                                            {"state", s.state},
                                            {"mine", s.mine_submitted ? "submitted" : "pending"},
                                            {"max_total", s.max_total}});
                           }
                           return Response::Json(Json{{"scripts", arr}});
                         },
                         {"我的评分任务（匿名评分卷）(my scoring tasks: anonymous scripts)", "scoring"}));

  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/scoring/scripts/{script}",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(auto v, svc->GetScript(a, ScriptParam(r)));
                           return Response::Json(ScriptViewJson(v));
                         },
                         {"查看评分卷：题目、评分细则、作答；提交前看不到其他考评员的评分，任何时候都看不到考"
                          "生身份 (a script, blind)",
                          "scoring"}));

  KP_RETURN_IF_ERROR(add(
      Method::kPost, "/api/v1/scoring/scripts/{script}/scores",
      [svc](const Request& r, const Actor& a) -> Response {
        KP_API_TRY(Json body, rest::ObjectBody(r));
        KP_API_CHECK(rest::OnlyFields(body, {"scores"}));
        if (!body.contains("scores") || !body["scores"].is_object()) {
          return Problem(
              InvalidArgument("scoring.bad_score", "field 'scores' must be an object {criterion: points}",
                              "字段“scores”须为对象 {评分项: 分数}"),
              r);
        }
        std::map<std::string, double> scores;
        for (const auto& [k, v] : body["scores"].items()) {
          if (!v.is_number() || !std::isfinite(v.get<double>())) {
            return Problem(InvalidArgument("scoring.bad_score", "the score for '" + k + "' must be a number",
                                           "评分项“" + k + "”的分数须为数字"),
                           r);
          }
          scores[k] = v.get<double>();
        }
        KP_API_TRY(auto v, svc->SubmitScores(a, ScriptParam(r), scores, r.remote_address));
        return Response::Json(ScriptViewJson(v));
      },
      {"提交评分（每个评分项一次性提交，提交后不可修改）(submit my scores for a script)",
       "scoring",
       {},
       true}));

  KP_RETURN_IF_ERROR(
      add(Method::kGet, "/api/v1/scoring/adjudication",
          [svc](const Request& r, const Actor& a) -> Response {
            KP_API_TRY(auto items, svc->AdjudicationQueue(a));
            Json arr = Json::array();
            for (const auto& i : items) {
              arr.push_back({{"script", i.script},
                             {"plan_id", i.plan_id},
                             {"criterion", i.criterion},
                             {"description", i.description},
                             {"max_points", i.max_points},
                             {"scores", i.scores},
                             {"spread", i.spread},
                             {"limit", i.limit}});
            }
            return Response::Json(Json{{"items", arr}});
          },
          {"待主考裁决的评分项（分差超过阈值）(criteria awaiting the chief examiner)", "scoring"}));

  KP_RETURN_IF_ERROR(add(
      Method::kPost, "/api/v1/scoring/scripts/{script}/adjudicate",
      [svc](const Request& r, const Actor& a) -> Response {
        KP_API_TRY(Json body, rest::ObjectBody(r));
        KP_API_CHECK(rest::OnlyFields(body, {"criterion", "score", "reason"}));
        KP_API_TRY(std::string criterion, rest::Str(body, "criterion", true, 200));
        KP_API_TRY(double score, Number(body, "score"));
        KP_API_TRY(std::string reason, rest::Str(body, "reason", false, 2000));
        KP_API_TRY(auto v, svc->Adjudicate(a, ScriptParam(r), criterion, score, reason, r.remote_address));
        return Response::Json(ScriptViewJson(v));
      },
      {"主考裁决评分项（须填写理由）(the chief examiner adjudicates a criterion)", "scoring", {}, true}));

  // ---- comprehensive review (综合评审) -------------------------------------------------------------------
  auto achievement_json = [](const store::AchievementRecord& x) {
    return Json{{"id", x.id},       {"plan_id", x.plan_id}, {"kind", x.kind},
                {"title", x.title}, {"summary", x.summary}, {"created_ms", x.created_ms}};
  };
  KP_RETURN_IF_ERROR(
      add(Method::kPost, "/api/v1/plans/{id}/achievements",
          [svc, achievement_json](const Request& r, const Actor& a) -> Response {
            KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
            KP_API_TRY(Json body, rest::ObjectBody(r));
            KP_API_CHECK(rest::OnlyFields(body, {"kind", "title", "summary"}));
            service::AchievementInput in;
            KP_API_TRY(in.kind, rest::Str(body, "kind", true, 20));
            KP_API_TRY(in.title, rest::Str(body, "title", true, 1000));
            KP_API_TRY(in.summary, rest::Str(body, "summary", false, 80000));
            KP_API_TRY(auto rec, svc->SubmitAchievement(a, id, in, r.remote_address));
            return Response::Json(achievement_json(rec), 201);
          },
          {"提交综合评审成果（报名已审核通过的考生；类型 project/report/paper/patent/other，简介至多 20000 "
           "字）(submit an achievement for comprehensive review)",
           "scoring",
           {},
           true}));

  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/plans/{id}/achievements",
                         [svc, achievement_json](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
                           KP_API_TRY(auto list, svc->ListAchievements(a, id));
                           Json arr = Json::array();
                           for (const auto& x : list) {
                             Json j = achievement_json(x);
                             if (a.Has("admin")) j["user_id"] = x.user_id;
                             arr.push_back(std::move(j));
                           }
                           return Response::Json(Json{{"achievements", arr}});
                         },
                         {"综合评审成果列表（考生：本人；管理员：全部）(achievements: a candidate's own, all "
                          "for administrators)",
                          "scoring"}));

  // ---- results -----------------------------------------------------------------------------------------
  KP_RETURN_IF_ERROR(add(Method::kPost, "/api/v1/plans/{id}/results/compute",
                         [svc, results_json](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
                           KP_API_TRY(auto out, svc->ComputeResults(a, id, r.remote_address));
                           return Response::Json(Json{{"computed", out.computed},
                                                      {"pending_scripts", out.pending_scripts},
                                                      {"results", results_json(out.results)}});
                         },
                         {"计算成绩：按标准包的判定规则（各科合格线或加权总分）得出等级结果 (compute results "
                          "by the pack's rules)",
                          "results",
                          {},
                          true}));

  KP_RETURN_IF_ERROR(add(
      Method::kGet, "/api/v1/results",
      [svc, results_json](const Request& r, const Actor& a) -> Response {
        store::ResultFilter f;
        KP_API_TRY(f.plan_id, rest::QueryInt(r, "plan", 0, kMaxId, 0));
        KP_API_TRY(f.user_id, rest::QueryInt(r, "user", 0, kMaxId, 0));
        f.state = std::string(r.Query("state").value_or(""));
        if (!f.state.empty() && !store::IsResultState(f.state)) {
          return Problem(InvalidArgument("request.bad_query", "state must be computed, reviewed or published",
                                         "state 须为 computed、reviewed 或 published"),
                         r);
        }
        KP_API_TRY(auto list, svc->ListResults(a, f));
        return Response::Json(Json{{"results", results_json(list)}});
      },
      {"成绩列表（管理员全部；考生仅本人已发布的）(results)", "results", {"plan", "state", "user"}}));

  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/results/{id}",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
                           KP_API_TRY(auto d, svc->GetResult(a, id));
                           Json j = ResultViewJson(d.view);
                           j["profile"] = ProfileJsonOrNull(d.profile);
                           return Response::Json(j);
                         },
                         {"成绩详情与能力画像 (a result with its capability profile)", "results"}));

  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/results/{id}/history",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
                           KP_API_TRY(auto h, svc->History(a, id));
                           Json arr = Json::array();
                           for (const auto& x : h) {
                             Json e{{"revision", x.revision}, {"action", x.action},
                                    {"actor", x.actor},       {"reason", x.reason},
                                    {"at_ms", x.at_ms},       {"passed_after", x.passed_after}};
                             if (x.passed_before) e["passed_before"] = *x.passed_before;
                             arr.push_back(std::move(e));
                           }
                           return Response::Json(Json{{"history", arr}});
                         },
                         {"成绩变更历史（计算、复核、发布、更正）(result history)", "results"}));

  KP_RETURN_IF_ERROR(add(Method::kPost, "/api/v1/results/{id}/review",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
                           KP_API_TRY(auto v, svc->Review(a, id, r.remote_address));
                           return Response::Json(ResultViewJson(v));
                         },
                         {"复核成绩 (review a result)", "results", {}, true}));

  KP_RETURN_IF_ERROR(add(Method::kPost, "/api/v1/results/{id}/publish",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
                           KP_API_TRY(auto v, svc->Publish(a, id, r.remote_address));
                           return Response::Json(ResultViewJson(v));
                         },
                         {"发布已复核的成绩 (publish a reviewed result)", "results", {}, true}));

  KP_RETURN_IF_ERROR(
      add(Method::kPost, "/api/v1/plans/{id}/results/publish",
          [svc, results_json](const Request& r, const Actor& a) -> Response {
            KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
            KP_API_TRY(auto out, svc->PublishPlan(a, id, r.remote_address));
            return Response::Json(Json{{"published", out.published}, {"results", results_json(out.results)}});
          },
          {"复核并发布本计划的全部成绩 (review and publish every result of a plan)", "results", {}, true}));

  KP_RETURN_IF_ERROR(
      add(Method::kPost, "/api/v1/results/{id}/correct",
          [svc](const Request& r, const Actor& a) -> Response {
            KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
            KP_API_TRY(Json body, rest::ObjectBody(r));
            KP_API_CHECK(rest::OnlyFields(body, {"reason"}));
            KP_API_TRY(std::string reason, rest::Str(body, "reason", false, 2000));
            KP_API_TRY(auto v, svc->Correct(a, id, reason, r.remote_address));
            return Response::Json(ResultViewJson(v));
          },
          {"更正已发布的成绩（须填写理由，生成新版本）(correct a published result)", "results", {}, true}));

  KP_RETURN_IF_ERROR(
      add(Method::kPost, "/api/v1/plans/{id}/rescore",
          [svc](const Request& r, const Actor& a) -> Response {
            KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
            KP_API_TRY(Json body, rest::ObjectBody(r));
            KP_API_CHECK(rest::OnlyFields(body, {"reason"}));
            KP_API_TRY(std::string reason, rest::Str(body, "reason", false, 2000));
            KP_API_TRY(auto out, svc->Rescore(a, id, reason, r.remote_address));
            return Response::Json(RescoreJson(out));
          },
          {"答案更正后重新评分，列出通过/未通过发生变化的考生 (rescore after a key correction)",
           "results",
           {},
           true}));

  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/me/capability",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(auto d, svc->MyCapability(a));
                           Json j = ProfileJsonOrNull(d.profile);
                           if (j.is_null())
                             j = Json{{"functions", Json::array()},
                                      {"strong", Json::array()},
                                      {"weak", Json::array()},
                                      {"sentences", Json::array()}};
                           j["result_id"] = d.view.row.id;
                           return Response::Json(j);
                         },
                         {"我的能力画像（最新已发布成绩）(my capability profile)", "results"}));

  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/org/capability",
                         [svc](const Request& r, const Actor& a) -> Response {
                           std::string standard(r.Query("standard").value_or(""));
                           std::string level(r.Query("level").value_or(""));
                           KP_API_TRY(auto agg, svc->OrgCapability(a, standard, level));
                           return Response::Json(wire::OrgAggregateJson(agg));
                         },
                         {"机构能力画像汇总（本机构关联的考生）(organisation capability aggregate)",
                          "results",
                          {"standard", "level"}}));

  return Status();
}

}  // namespace kaoping::api
