#include "api/delivery_routes.h"

#include "api/auth_routes.h"
#include "core/delivery/ticket.h"
#include "http/problem.h"
#include "service/audit.h"
#include "service/delivery.h"
#include "wire/standards_json.h"

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

// ---- rendering ----------------------------------------------------------------------------------

// The store's canonical encoding (store/delivery_store.h), so the API and the stored row agree.
Json FactsJson(const delivery::CandidateFacts& f) {
  return Json::parse(store::EncodeCandidateFacts(f));
}

Json ProfileJson(const service::ProfileView& v) {
  Json j = FactsJson(v.facts);
  j["user_id"] = v.user_id;
  j["full_name"] = v.full_name;
  j["id_number"] = v.id_number;
  j["id_number_revealed"] = v.id_number_revealed;
  j["occupation_years"] = v.eligibility_profile.occupation_years;
  j["work_years"] = v.eligibility_profile.work_years;
  j["updated_ms"] = v.updated_ms;
  return j;
}

Json SessionJson(const store::SessionRecord& s) {
  return Json{{"session_id", s.id},     {"code", s.room_code},          {"name", s.room_name},
              {"capacity", s.capacity}, {"seats_taken", s.seats_taken}, {"starts_ms", s.starts_ms},
              {"proctors", s.proctors}, {"examiners", s.examiners}};
}

Json PlanJson(const store::PlanRecord& p) {
  Json rooms = Json::array();
  for (const auto& s : p.sessions) rooms.push_back(SessionJson(s));
  return Json{{"id", p.id},
              {"title", p.title},
              {"standard", p.standard},
              {"direction", p.direction},
              {"level", p.level},
              {"kind", p.kind},
              {"duration_minutes", p.duration_minutes},
              {"entry_window_minutes", p.entry_window_minutes},
              {"require_admission", p.require_admission},
              {"paper_id", p.paper_id},
              {"created_by", p.created_by},
              {"created_ms", p.created_ms},
              {"rooms", rooms}};
}

Json ViolationsJson(const std::vector<delivery::RuleViolation>& v) {
  Json arr = Json::array();
  for (const auto& x : v) {
    arr.push_back(Json{{"code", x.code},
                       {"field", x.field},
                       {"message", x.message_en},
                       {"message_zh", x.message_zh},
                       {"ref", x.ref}});
  }
  return arr;
}

Json RegistrationJson(const store::RegistrationRecord& r) {
  return Json{{"id", r.id},
              {"plan_id", r.plan_id},
              {"user_id", r.user_id},
              {"status", store::RegistrationStatusName(r.status)},
              {"verdict", r.verdict},
              {"eligibility", ParsedOrString(r.explanation)},
              {"decided_by", r.decided_by},
              {"decision_reason", r.decision_reason},
              {"decided_ms", r.decided_ms},
              {"session_id", r.session_id},
              {"seat", r.seat},
              {"ticket", r.ticket},
              {"created_ms", r.created_ms}};
}

Json AnswerJson(const store::AnswerRecord& a) {
  return Json{{"item_id", a.item_id},
              {"sequence", a.sequence},
              {"response", a.sequence > 0 ? ParsedOrString(a.response) : Json()},
              {"saved_ms", a.saved_ms},
              {"flagged", a.flagged},
              {"flag_sequence", a.flag_sequence}};
}

Json StateJson(const delivery::AttemptState& s) {
  return Json{{"status", delivery::AttemptStatusName(s.status)},
              {"admitted", s.admitted},
              {"started_ms", s.started_ms},
              {"duration_ms", s.duration_ms},
              {"extension_ms", s.extension_ms},
              {"paused_total_ms", s.paused_total_ms},
              {"paused_since_ms", s.paused_since_ms},
              {"submitted_ms", s.submitted_ms},
              {"submit_kind", s.submit_kind}};
}

Json AttemptJson(const service::AttemptView& v) {
  const auto& a = v.attempt;
  Json j = StateJson(a.state);
  j["id"] = a.id;
  j["registration_id"] = a.registration_id;
  j["plan_id"] = a.plan_id;
  j["session_id"] = a.session_id;
  j["user_id"] = a.user_id;
  j["paper_id"] = a.paper_id;
  j["item_count"] = a.items.size();
  j["deadline_ms"] = v.deadline_ms;
  j["remaining_ms"] = v.remaining_ms;
  j["grace_ms"] = v.grace_ms;
  j["server_time_ms"] = v.now_ms;
  Json answers = Json::array();
  for (const auto& ans : v.answers) answers.push_back(AnswerJson(ans));
  j["answers"] = answers;
  return j;
}

// The answer to a save or a flag: the hottest response of an exam, so written directly (one
// allocation) rather than through a JSON object tree. The answer's text is not echoed back.
Response SaveResponse(const service::SaveView& v, std::int64_t now) {
  const std::string item = service::JsonQuote(v.item_id);
  std::string out;
  out.reserve(320 + 2 * item.size());
  auto num = [&out](const char* key, std::int64_t value) {
    out += key;
    out += std::to_string(value);
  };
  num("{\"attempt_id\":", v.attempt_id);
  out += ",\"item_id\":";
  out += item;
  out += v.applied ? ",\"applied\":true" : ",\"applied\":false";
  out += ",\"answer\":{\"item_id\":";
  out += item;
  num(",\"sequence\":", v.answer.sequence);
  num(",\"saved_ms\":", v.answer.saved_ms);
  out += v.answer.flagged ? ",\"flagged\":true" : ",\"flagged\":false";
  num(",\"flag_sequence\":", v.answer.flag_sequence);
  out += "},\"status\":\"";
  out += delivery::AttemptStatusName(v.state.status);
  out += '"';
  num(",\"deadline_ms\":", v.deadline_ms);
  num(",\"remaining_ms\":", v.remaining_ms);
  num(",\"server_time_ms\":", now);
  out += '}';
  return Response::Text(std::move(out), 200, std::string(http::kContentTypeJson));
}

// The answer to a start: at a synchronized start thousands of these go out at once, so the
// attempt's state is written directly instead of through a JSON object tree (same fields as
// AttemptJson; a start carries no answers).
Response StartResponse(const service::AttemptView& v) {
  const auto& a = v.attempt;
  const auto& st = a.state;
  std::string out;
  out.reserve(512);
  auto num = [&out](const char* key, std::int64_t value) {
    out += key;
    out += std::to_string(value);
  };
  num("{\"id\":", a.id);
  out += ",\"status\":\"";
  out += delivery::AttemptStatusName(st.status);
  out += st.admitted ? "\",\"admitted\":true" : "\",\"admitted\":false";
  num(",\"started_ms\":", st.started_ms);
  num(",\"duration_ms\":", st.duration_ms);
  num(",\"extension_ms\":", st.extension_ms);
  num(",\"paused_total_ms\":", st.paused_total_ms);
  num(",\"paused_since_ms\":", st.paused_since_ms);
  num(",\"submitted_ms\":", st.submitted_ms);
  out += ",\"submit_kind\":";
  out += service::JsonQuote(st.submit_kind);
  num(",\"registration_id\":", a.registration_id);
  num(",\"plan_id\":", a.plan_id);
  num(",\"session_id\":", a.session_id);
  num(",\"user_id\":", a.user_id);
  out += ",\"paper_id\":";
  out += service::JsonQuote(a.paper_id);
  num(",\"item_count\":", static_cast<std::int64_t>(a.items.size()));
  num(",\"deadline_ms\":", v.deadline_ms);
  num(",\"remaining_ms\":", v.remaining_ms);
  num(",\"grace_ms\":", v.grace_ms);
  num(",\"server_time_ms\":", v.now_ms);
  out += ",\"answers\":[]}";
  return Response::Text(std::move(out), 200, std::string(http::kContentTypeJson));
}

Json OptionsJson(const std::vector<bank::Option>& options) {
  Json arr = Json::array();
  for (const auto& o : options) arr.push_back(Json{{"id", o.id}, {"text", o.text}});
  return arr;
}

Json TaskJson(const std::optional<bank::PracticalTask>& t) {
  if (!t) return Json();
  return Json{
      {"instructions", t->instructions}, {"materials", t->materials}, {"time_minutes", t->time_minutes}};
}

// Candidate view: this function only sees service::CandidateItem, which has no key fields.
Json CandidateItemJson(const service::CandidateItem& c) {
  return Json{{"position", c.position},
              {"item_id", c.item_id},
              {"item_version", c.item_version},
              {"section", c.section},
              {"type", c.type},
              {"stem", c.stem},
              {"options", OptionsJson(c.options)},
              {"blanks", c.blanks},
              {"task", TaskJson(c.task)},
              {"points", c.points}};
}

Json ReviewItemJson(const service::ReviewItem& ri) {
  const bank::Item& it = ri.item;
  Json blanks = Json::array();
  for (const auto& b : it.blanks)
    blanks.push_back(Json{{"id", b.id}, {"accepted", b.accepted}, {"points", b.points}});
  Json rubric = Json::array();
  for (const auto& c : it.rubric) {
    rubric.push_back(
        Json{{"id", c.id}, {"description", c.description}, {"points", c.points}, {"evidence", c.evidence}});
  }
  return Json{{"item_id", it.id},
              {"item_version", it.version},
              {"type", bank::ItemTypeName(it.type)},
              {"stem", it.stem},
              {"options", OptionsJson(it.options)},
              {"option_order", ri.option_order},
              {"answer_key", it.answer},
              {"blanks", blanks},
              {"rubric", rubric},
              {"task", TaskJson(it.task)},
              {"reference_answer", it.reference_answer},
              {"explanation", it.explanation},
              {"points", it.points},
              {"candidate_answer", ri.answer ? AnswerJson(*ri.answer) : Json()}};
}

Json AuditJson(const delivery::AuditRecord& r) {
  return Json{{"seq", r.seq},
              {"at_ms", r.at_ms},
              {"actor_id", r.actor_id},
              {"actor_login", r.actor_login},
              {"action", r.action},
              {"object", r.object},
              {"detail", ParsedOrString(r.detail)},
              {"remote", r.remote},
              {"prev_hash", r.prev_hash},
              {"hash", r.hash}};
}

Json ChainJson(const delivery::ChainCheck& c) {
  return Json{{"ok", c.ok},
              {"rows", c.rows},
              {"first_bad_seq", c.first_bad_seq},
              {"problem", c.problem_en},
              {"problem_zh", c.problem_zh},
              {"head_seq", c.head_seq},
              {"head_hash", c.head_hash}};
}

// ---- parsing --------------------------------------------------------------------------------------

Result<service::ProfileInput> ParseProfile(const Json& body) {
  KP_RETURN_IF_ERROR(rest::OnlyFields(
      body, {"full_name", "id_number", "education", "field_related", "is_student",
             "technical_school_graduate", "work_history", "titles", "certificates", "training"}));
  service::ProfileInput in;
  KP_ASSIGN_OR_RETURN(in.full_name, rest::Str(body, "full_name", true, 256));
  KP_ASSIGN_OR_RETURN(in.id_number, rest::Str(body, "id_number", true, 64));
  // The eligibility facts use the standards' profile format (wire::ProfileFromJson validates it).
  Json facts = Json::object();
  for (const char* k : {"education", "field_related", "is_student", "technical_school_graduate", "titles",
                        "certificates", "training"}) {
    if (body.contains(k)) facts[k] = body.at(k);
  }
  KP_ASSIGN_OR_RETURN(standards::CandidateProfile p, wire::ProfileFromJson(facts));
  in.facts.education = p.education;
  in.facts.field_related = p.field_related;
  in.facts.is_student = p.is_student;
  in.facts.technical_school_graduate = p.technical_school_graduate;
  in.facts.titles = p.titles;
  in.facts.certificates = p.certificates;
  in.facts.training = p.training;
  if (body.contains("work_history") && !body.at("work_history").is_null()) {
    const Json& wh = body.at("work_history");
    if (!wh.is_array() || wh.size() > 50) {
      return InvalidArgument("profile.invalid", "field 'work_history': expected a list of at most 50 periods",
                             "字段“work_history”应为最多 50 条的列表");
    }
    for (const auto& w : wh) {
      if (!w.is_object())
        return InvalidArgument("profile.invalid", "field 'work_history': each period is an object",
                               "工作经历每条应为对象");
      KP_RETURN_IF_ERROR(rest::OnlyFields(w, {"organisation", "position", "from", "to", "related"}));
      delivery::WorkPeriod period;
      KP_ASSIGN_OR_RETURN(period.organisation, rest::Str(w, "organisation", true, 256));
      KP_ASSIGN_OR_RETURN(period.position, rest::Str(w, "position", false, 256));
      KP_ASSIGN_OR_RETURN(period.from, rest::Str(w, "from", true, 16));
      KP_ASSIGN_OR_RETURN(period.to, rest::Str(w, "to", false, 16));
      KP_ASSIGN_OR_RETURN(period.related, rest::Bool(w, "related", false, false));
      in.facts.work_history.push_back(std::move(period));
    }
  }
  return in;
}

Result<service::PlanInput> ParsePlan(const Json& body) {
  KP_RETURN_IF_ERROR(
      rest::OnlyFields(body, {"title", "standard", "direction", "level", "kind", "duration_minutes",
                              "entry_window_minutes", "require_admission", "rooms"}));
  service::PlanInput in;
  KP_ASSIGN_OR_RETURN(in.spec.title, rest::Str(body, "title", true, 400));
  KP_ASSIGN_OR_RETURN(in.spec.standard, rest::Str(body, "standard", true, 200));
  KP_ASSIGN_OR_RETURN(in.spec.direction, rest::Str(body, "direction", false, 200));
  KP_ASSIGN_OR_RETURN(in.spec.level, rest::Str(body, "level", true, 200));
  KP_ASSIGN_OR_RETURN(in.spec.kind, rest::Str(body, "kind", true, 200));
  KP_ASSIGN_OR_RETURN(std::int64_t duration, rest::Int(body, "duration_minutes", true, 0, 100000));
  in.spec.duration_minutes = static_cast<int>(duration);
  KP_ASSIGN_OR_RETURN(std::int64_t window, rest::Int(body, "entry_window_minutes", false, 0, 100000, 30));
  in.entry_window_minutes = static_cast<int>(window);
  KP_ASSIGN_OR_RETURN(in.require_admission, rest::Bool(body, "require_admission", false, false));
  if (body.contains("rooms") && !body.at("rooms").is_null()) {
    const Json& rooms = body.at("rooms");
    if (!rooms.is_array() || rooms.size() > 1000) {
      return InvalidArgument("request.bad_field", "field 'rooms' must be a list of at most 1000 rooms",
                             "“rooms”应为不超过 1000 个考场的列表");
    }
    for (const auto& r : rooms) {
      if (!r.is_object())
        return InvalidArgument("request.bad_field", "each room must be an object", "每个考场应为对象");
      KP_RETURN_IF_ERROR(
          rest::OnlyFields(r, {"code", "name", "capacity", "starts_ms", "proctors", "examiners"}));
      delivery::RoomSpec room;
      KP_ASSIGN_OR_RETURN(room.code, rest::Str(r, "code", true, 32));
      KP_ASSIGN_OR_RETURN(room.name, rest::Str(r, "name", false, 256));
      KP_ASSIGN_OR_RETURN(std::int64_t capacity, rest::Int(r, "capacity", true, 0, 100000));
      room.capacity = static_cast<int>(capacity);
      KP_ASSIGN_OR_RETURN(room.starts_ms, rest::Int(r, "starts_ms", true, 0, kMaxId));
      KP_ASSIGN_OR_RETURN(room.proctors, rest::IntList(r, "proctors", 1, kMaxId, 200));
      KP_ASSIGN_OR_RETURN(room.examiners, rest::IntList(r, "examiners", 1, kMaxId, 200));
      in.spec.rooms.push_back(std::move(room));
    }
  }
  return in;
}

Response ViolationProblem(const std::vector<delivery::RuleViolation>& v, const Request& r) {
  Status s = InvalidArgument("plan.rule_violations",
                             std::to_string(v.size()) + " rule violation(s); first: " + v.front().message_en,
                             std::to_string(v.size()) + " 处不符合规则；第一处：" + v.front().message_zh);
  Json body = http::ProblemJson(s, r.request_id);
  body["violations"] = ViolationsJson(v);
  Response resp = Response::Json(body, 400);
  resp.content_type = std::string(http::kContentTypeProblem);
  return resp;
}

}  // namespace

Status RegisterDeliveryRoutes(ApiBuilder& b, const ApiContext& ctx) {
  service::Authenticator* auth = ctx.auth;
  service::DeliveryService* svc = ctx.delivery;
  if (!auth || !svc) return Status();
  const Clock* clock = ctx.clock;
  using H = std::function<Response(const Request&, const Actor&)>;
  auto add = [&](Method m, const char* pattern, H h, ApiBuilder::Doc doc) {
    doc.auth = true;
    return b.Add(m, pattern, rest::Authed(auth, std::move(h)), doc);
  };

  // ---- profiles ------------------------------------------------------------------------------------
  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/me/profile",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(auto v, svc->GetProfile(a, a.user_id, false, r.remote_address));
                           return Response::Json(ProfileJson(v));
                         },
                         {"我的考生资料（身份证号脱敏）(my candidate profile, ID masked)", "profiles"}));

  KP_RETURN_IF_ERROR(add(Method::kPut, "/api/v1/me/profile",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(Json body, rest::ObjectBody(r));
                           KP_API_TRY(auto input, ParseProfile(body));
                           KP_API_TRY(auto v, svc->PutProfile(a, input, r.remote_address));
                           return Response::Json(ProfileJson(v));
                         },
                         {"填写或更新考生资料：姓名、身份证号（GB 11643 "
                          "校验，加密保存）、学历、职称、工作经历、证书、培训学时 (set my profile)",
                          "profiles",
                          {},
                          true}));

  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/users/{id}/profile",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
                           bool reveal = r.Query("reveal").value_or("") == "1";
                           KP_API_TRY(auto v, svc->GetProfile(a, id, reveal, r.remote_address));
                           Response resp = Response::Json(ProfileJson(v));
                           if (reveal) resp.headers.Set("Cache-Control", "no-store");
                           return resp;
                         },
                         {"考生资料；reveal=1 仅管理员可见完整身份证号并记入审计 (a candidate's profile; "
                          "reveal=1: admin, audited)",
                          "profiles",
                          {"reveal"}}));

  // ---- plans ------------------------------------------------------------------------------------------
  KP_RETURN_IF_ERROR(add(Method::kPost, "/api/v1/plans/check",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(Json body, rest::ObjectBody(r));
                           KP_API_TRY(auto input, ParsePlan(body));
                           KP_API_TRY(auto v, svc->CheckPlan(a, input));
                           return Response::Json(Json{{"ok", v.empty()}, {"violations", ViolationsJson(v)}});
                         },
                         {"保存前检查考试计划：按标准列出全部不符合的人员配比与时长规则 (check a plan "
                          "against the standard; saves nothing)",
                          "plans",
                          {},
                          true}));

  KP_RETURN_IF_ERROR(
      add(Method::kPost, "/api/v1/plans",
          [svc](const Request& r, const Actor& a) -> Response {
            KP_API_TRY(Json body, rest::ObjectBody(r));
            KP_API_TRY(auto input, ParsePlan(body));
            KP_API_TRY(auto out, svc->CreatePlan(a, input, r.remote_address));
            if (!out.violations.empty()) return ViolationProblem(out.violations, r);
            return Response::Json(PlanJson(*out.plan), 201);
          },
          {"创建考试计划（考场、监考、考评人员；违反标准规则时返回 400 与全部问题）(create an exam plan)",
           "plans",
           {},
           true}));

  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/plans",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t limit, rest::QueryInt(r, "limit", 1, 500, 100));
                           KP_API_TRY(std::int64_t after, rest::QueryInt(r, "after", 0, kMaxId, 0));
                           KP_API_TRY(auto plans, svc->ListPlans(a, static_cast<int>(limit), after));
                           Json arr = Json::array();
                           for (const auto& p : plans) arr.push_back(PlanJson(p));
                           return Response::Json(Json{{"plans", arr}});
                         },
                         {"考试计划列表 (list exam plans)", "plans", {"after", "limit"}}));

  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/plans/{id}",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
                           KP_API_TRY(auto p, svc->GetPlan(a, id));
                           return Response::Json(PlanJson(p));
                         },
                         {"一个考试计划 (one exam plan)", "plans"}));

  KP_RETURN_IF_ERROR(
      add(Method::kPut, "/api/v1/plans/{id}/paper",
          [svc](const Request& r, const Actor& a) -> Response {
            KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
            KP_API_TRY(Json body, rest::ObjectBody(r));
            KP_API_CHECK(rest::OnlyFields(body, {"paper_id"}));
            KP_API_TRY(std::string paper, rest::Str(body, "paper_id", true, 200));
            KP_API_TRY(auto p, svc->AttachPaper(a, id, paper, r.remote_address));
            return Response::Json(PlanJson(p));
          },
          {"为考试计划指定试卷并预生成作答记录 (attach a paper and prepare attempts)", "plans", {}, true}));

  KP_RETURN_IF_ERROR(
      add(Method::kPost, "/api/v1/plans/{id}/attempts",
          [svc](const Request& r, const Actor& a) -> Response {
            KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
            KP_API_TRY(auto res, svc->PrepareAttempts(a, id));
            return Response::Json(Json{{"plan_id", id},
                                       {"created", res.created},
                                       {"existing", res.existing},
                                       {"approved", res.approved}});
          },
          {"开考前为已通过的报名预生成作答记录（幂等）(pre-create attempts; idempotent)", "plans"}));

  KP_RETURN_IF_ERROR(
      add(Method::kPost, "/api/v1/plans/{id}/registrations",
          [svc](const Request& r, const Actor& a) -> Response {
            KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
            KP_API_TRY(auto reg, svc->Register(a, id, r.remote_address));
            return Response::Json(RegistrationJson(reg), 201);
          },
          {"报名：按标准的申报条件判定并保存说明 (register for a plan; eligibility decided by the standard)",
           "registrations"}));

  // ---- registrations -----------------------------------------------------------------------------------
  KP_RETURN_IF_ERROR(add(
      Method::kGet, "/api/v1/registrations",
      [svc](const Request& r, const Actor& a) -> Response {
        store::RegistrationFilter f;
        KP_API_TRY(f.plan_id, rest::QueryInt(r, "plan", 0, kMaxId, 0));
        KP_API_TRY(f.session_id, rest::QueryInt(r, "session", 0, kMaxId, 0));
        KP_API_TRY(f.after_id, rest::QueryInt(r, "after", 0, kMaxId, 0));
        KP_API_TRY(std::int64_t limit, rest::QueryInt(r, "limit", 1, 5000, 1000));
        f.limit = static_cast<int>(limit);
        KP_API_TRY(auto regs, svc->ListRegistrations(a, f));
        Json arr = Json::array();
        for (const auto& x : regs) arr.push_back(RegistrationJson(x));
        return Response::Json(Json{{"registrations", arr}});
      },
      {"报名列表：考生看自己的，监考/考评看所负责考场的，管理员看全部 (registrations visible to the caller)",
       "registrations",
       {"plan", "session", "after", "limit"}}));

  KP_RETURN_IF_ERROR(add(
      Method::kGet, "/api/v1/registrations/{id}",
      [svc](const Request& r, const Actor& a) -> Response {
        KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
        KP_API_TRY(auto reg, svc->GetRegistration(a, id));
        return Response::Json(RegistrationJson(reg));
      },
      {"一条报名记录与资格判定说明 (one registration with its eligibility explanation)", "registrations"}));

  KP_RETURN_IF_ERROR(
      add(Method::kPost, "/api/v1/registrations/{id}/decision",
          [svc](const Request& r, const Actor& a) -> Response {
            KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
            KP_API_TRY(Json body, rest::ObjectBody(r));
            KP_API_CHECK(rest::OnlyFields(body, {"decision", "reason"}));
            KP_API_TRY(std::string decision, rest::Str(body, "decision", true, 16));
            KP_API_TRY(std::string reason, rest::Str(body, "reason", true, 2000));
            if (decision != "approve" && decision != "reject") {
              return Problem(InvalidArgument("request.bad_field", "decision must be 'approve' or 'reject'",
                                             "decision 应为 approve 或 reject"),
                             r);
            }
            KP_API_TRY(auto reg, svc->Decide(a, id, decision == "approve", reason, r.remote_address));
            return Response::Json(RegistrationJson(reg));
          },
          {"管理员审核或改判报名（须填理由，记入审计）(approve or reject with a reason; audited)",
           "registrations",
           {},
           true}));

  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/registrations/{id}/ticket",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
                           KP_API_TRY(auto t, svc->GetTicket(a, id));
                           return Response::Json(
                               Json{{"ticket", t.registration.ticket},
                                    {"ticket_valid", delivery::ValidTicketNumber(t.registration.ticket)},
                                    {"format", "KP-<plan>-<room>-<seat>-<check: ISO 7064 MOD 37,36>"},
                                    {"registration_id", t.registration.id},
                                    {"full_name", t.full_name},
                                    {"id_number", t.id_number_masked},
                                    {"plan", Json{{"id", t.plan.id},
                                                  {"title", t.plan.title},
                                                  {"standard", t.plan.standard},
                                                  {"level", t.plan.level},
                                                  {"kind", t.plan.kind},
                                                  {"duration_minutes", t.plan.duration_minutes}}},
                                    {"room", Json{{"session_id", t.session.id},
                                                  {"code", t.session.room_code},
                                                  {"name", t.session.room_name}}},
                                    {"seat", t.registration.seat},
                                    {"starts_ms", t.session.starts_ms}});
                         },
                         {"准考证 (admission ticket)", "registrations"}));

  // ---- attempts ------------------------------------------------------------------------------------------
  KP_RETURN_IF_ERROR(
      add(Method::kGet, "/api/v1/attempts",
          [svc](const Request& r, const Actor& a) -> Response {
            store::AttemptFilter f;
            KP_API_TRY(f.plan_id, rest::QueryInt(r, "plan", 0, kMaxId, 0));
            KP_API_TRY(f.session_id, rest::QueryInt(r, "session", 0, kMaxId, 0));
            KP_API_TRY(f.after_id, rest::QueryInt(r, "after", 0, kMaxId, 0));
            KP_API_TRY(std::int64_t limit, rest::QueryInt(r, "limit", 1, 5000, 1000));
            f.limit = static_cast<int>(limit);
            KP_API_TRY(auto views, svc->ListAttempts(a, f));
            Json arr = Json::array();
            for (const auto& v : views) arr.push_back(AttemptJson(v));
            return Response::Json(Json{{"attempts", arr}});
          },
          {"作答记录列表：考生看自己的，监考/考评看所负责考场的 (attempts visible to the caller)",
           "attempts",
           {"plan", "session", "after", "limit"}}));

  KP_RETURN_IF_ERROR(add(
      Method::kGet, "/api/v1/attempts/{id}",
      [svc](const Request& r, const Actor& a) -> Response {
        KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
        KP_API_TRY(auto v, svc->GetAttempt(a, id));
        return Response::Json(AttemptJson(v));
      },
      {"作答状态、服务器截止时间与全部已保存答案（断线或刷新后恢复）(resume: state, deadline, saved answers)",
       "attempts"}));

  KP_RETURN_IF_ERROR(
      add(Method::kGet, "/api/v1/attempts/{id}/items",
          [svc](const Request& r, const Actor& a) -> Response {
            KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
            KP_API_TRY(auto items, svc->GetItems(a, id));
            Json arr = Json::array();
            for (const auto& c : items) arr.push_back(CandidateItemJson(c));
            Response resp = Response::Json(Json{{"attempt_id", id}, {"items", arr}});
            resp.headers.Set("Cache-Control", "no-store");
            return resp;
          },
          {"考生的题目（按个人顺序，不含答案与评分标准）(the candidate's items, without keys)", "attempts"}));

  KP_RETURN_IF_ERROR(add(Method::kPost, "/api/v1/attempts/{id}/start",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
                           KP_API_TRY(auto v, svc->Start(a, id));
                           return StartResponse(v);
                         },
                         {"开始作答（幂等）(start the attempt; idempotent)", "attempts"}));

  KP_RETURN_IF_ERROR(add(
      Method::kPut, "/api/v1/attempts/{id}/answers/{item}",
      [svc, clock](const Request& r, const Actor& a) -> Response {
        KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
        std::string item(r.PathParam("item").value_or(""));
        KP_API_TRY(Json body, rest::ObjectBody(r));
        KP_API_CHECK(rest::OnlyFields(body, {"sequence", "response"}));
        KP_API_TRY(std::int64_t seq, rest::Int(body, "sequence", true, 1, kMaxId));
        if (!body.contains("response")) {
          return Problem(
              InvalidArgument("request.missing_field", "field 'response' is required", "缺少字段“response”"),
              r);
        }
        std::string response = body["response"].dump(-1, ' ', false, Json::error_handler_t::replace);
        KP_API_TRY(auto v, svc->SaveAnswer(a, id, item, seq, std::move(response)));
        return SaveResponse(v, ToUnixMillis(clock->Now()));
      },
      {"保存答案：带每题递增序号，幂等，落盘后才确认；迟到的旧序号不会覆盖新答案 (save an answer; durable, "
       "idempotent, ordered)",
       "attempts",
       {},
       true}));

  KP_RETURN_IF_ERROR(add(Method::kPut, "/api/v1/attempts/{id}/flags/{item}",
                         [svc, clock](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
                           std::string item(r.PathParam("item").value_or(""));
                           KP_API_TRY(Json body, rest::ObjectBody(r));
                           KP_API_CHECK(rest::OnlyFields(body, {"sequence", "flagged"}));
                           KP_API_TRY(std::int64_t seq, rest::Int(body, "sequence", true, 1, kMaxId));
                           KP_API_TRY(bool flagged, rest::Bool(body, "flagged", true));
                           KP_API_TRY(auto v, svc->Flag(a, id, item, seq, flagged));
                           return SaveResponse(v, ToUnixMillis(clock->Now()));
                         },
                         {"标记/取消标记待复查 (flag an item for review)", "attempts", {}, true}));

  KP_RETURN_IF_ERROR(add(Method::kPost, "/api/v1/attempts/{id}/submit",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
                           KP_API_TRY(auto v, svc->Submit(a, id, r.remote_address));
                           return Response::Json(AttemptJson(v));
                         },
                         {"交卷（幂等）(submit; idempotent)", "attempts"}));

  KP_RETURN_IF_ERROR(add(
      Method::kPost, "/api/v1/attempts/{id}/proctor/{action}",
      [svc](const Request& r, const Actor& a) -> Response {
        KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
        std::string name(r.PathParam("action").value_or(""));
        auto action = delivery::ParseProctorAction(name);
        if (!action) {
          return Problem(NotFound("proctor.unknown_action",
                                  "unknown proctor action '" + name +
                                      "' (admit, pause, resume, extend, absent, void, irregularity, submit)",
                                  "未知的监考操作“" + name + "”"),
                         r);
        }
        KP_API_TRY(Json body, rest::ObjectBody(r));
        KP_API_CHECK(rest::OnlyFields(body, {"reason", "minutes"}));
        KP_API_TRY(std::string reason, rest::Str(body, "reason", true, 2000));
        KP_API_TRY(std::int64_t minutes,
                   rest::Int(body, "minutes", *action == delivery::ProctorAction::kExtend, 0, 100000));
        KP_API_TRY(auto v, svc->Proctor(a, id, *action, reason, static_cast<int>(minutes), r.remote_address));
        return Response::Json(AttemptJson(v));
      },
      {"监考操作：admit / pause / resume / extend / absent / void / irregularity / "
       "submit，须填理由，记入审计 (proctor action with a reason; audited)",
       "proctoring",
       {},
       true}));

  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/attempts/{id}/events",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
                           KP_API_TRY(auto events, svc->Events(a, id));
                           Json arr = Json::array();
                           for (const auto& e : events) {
                             arr.push_back(Json{{"id", e.id},
                                                {"actor_id", e.actor_id},
                                                {"action", e.action},
                                                {"reason", e.reason},
                                                {"detail", ParsedOrString(e.detail)},
                                                {"at_ms", e.at_ms}});
                           }
                           return Response::Json(Json{{"attempt_id", id}, {"events", arr}});
                         },
                         {"监考记录 (proctor events of an attempt)", "proctoring"}));

  KP_RETURN_IF_ERROR(
      add(Method::kGet, "/api/v1/attempts/{id}/review",
          [svc](const Request& r, const Actor& a) -> Response {
            KP_API_TRY(std::int64_t id, rest::PathId(r, "id"));
            KP_API_TRY(auto v, svc->Review(a, id, r.remote_address));
            Json items = Json::array();
            for (const auto& ri : v.items) items.push_back(ReviewItemJson(ri));
            Response resp = Response::Json(Json{{"attempt", AttemptJson(v.attempt)}, {"items", items}});
            resp.headers.Set("Cache-Control", "no-store");
            return resp;
          },
          {"评阅视图：含答案与评分标准，仅本考场考评员与管理员，读取记入审计 (review with keys; "
           "examiners/admin, audited)",
           "attempts"}));

  // ---- audit ----------------------------------------------------------------------------------------------
  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/audit",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(std::int64_t after, rest::QueryInt(r, "after", 0, kMaxId, 0));
                           KP_API_TRY(std::int64_t limit, rest::QueryInt(r, "limit", 1, 1000, 200));
                           KP_API_TRY(auto rows, svc->ReadAudit(a, after, static_cast<int>(limit)));
                           Json arr = Json::array();
                           for (const auto& row : rows) arr.push_back(AuditJson(row));
                           return Response::Json(Json{{"entries", arr}});
                         },
                         {"审计日志（哈希链）(audit log; hash-chained)", "audit", {"after", "limit"}}));

  KP_RETURN_IF_ERROR(add(Method::kGet, "/api/v1/audit/verify",
                         [svc](const Request& r, const Actor& a) -> Response {
                           KP_API_TRY(auto c, svc->VerifyAudit(a));
                           return Response::Json(ChainJson(c));
                         },
                         {"校验审计日志哈希链 (verify the audit chain)", "audit"}));
  return Status();
}

}  // namespace kaoping::api
