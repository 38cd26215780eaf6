#include "service/delivery.h"

#include <algorithm>

#include <sodium.h>

#include "base/random.h"
#include "base/utf8.h"
#include "core/delivery/delivery_order.h"
#include "core/delivery/id_number.h"
#include "service/crypto.h"

namespace kaoping::service {
namespace {

using delivery::Action;

delivery::Principal P(const Actor& a) {
  return delivery::Principal{a.user_id, a.roles};
}

Status Denied(Action a) {
  return PermissionDenied("access.denied",
                          std::string("your role does not allow this (") + delivery::ActionName(a) + ")",
                          "您的角色无权执行此操作");
}

Status AttemptNotFound(std::int64_t id) {
  return NotFound("attempt.not_found", "no attempt " + std::to_string(id),
                  "考试记录 " + std::to_string(id) + " 不存在");
}

Status RegistrationNotFound(std::int64_t id) {
  return NotFound("registration.not_found", "no registration " + std::to_string(id),
                  "报名记录 " + std::to_string(id) + " 不存在");
}

Status CheckText(const std::string& value, const std::string& field, size_t max_code_points, bool required) {
  if (value.empty()) {
    if (!required) return Status();
    return InvalidArgument("request.missing_field", "field '" + field + "' is required",
                           "缺少字段“" + field + "”");
  }
  if (!IsValidUtf8(value) || Utf8Length(value) > max_code_points) {
    return InvalidArgument(
        "request.bad_field",
        "field '" + field + "' must be valid UTF-8 of at most " + std::to_string(max_code_points) +
            " characters",
        "字段“" + field + "”须为不超过 " + std::to_string(max_code_points) + " 个字符的有效文本");
  }
  for (unsigned char c : value) {
    if (c < 0x20) {
      return InvalidArgument("request.bad_field", "field '" + field + "' contains control characters",
                             "字段“" + field + "”含有控制字符");
    }
  }
  return Status();
}

Status CheckLogin(const std::string& login) {
  bool ok = login.size() >= 3 && login.size() <= 64;
  for (char c : login) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                c == '_' || c == '-');
  }
  if (!ok) {
    return InvalidArgument("user.bad_login", "a login has 3–64 characters: letters, digits, '.', '_' or '-'",
                           "登录名应为 3–64 位字母、数字、“.”、“_”或“-”");
  }
  return Status();
}

Status CheckRoles(const std::vector<std::string>& roles) {
  if (roles.empty()) return InvalidArgument("user.no_roles", "give at least one role", "请至少指定一个角色");
  for (const auto& r : roles) {
    if (!delivery::IsKnownRole(r)) {
      return InvalidArgument(
          "user.bad_role",
          "unknown role '" + r + "' (admin, author, reviewer, proctor, examiner, candidate, org, auditor)",
          "未知的角色“" + r + "”");
    }
  }
  return Status();
}

std::string RolesJson(const std::vector<std::string>& roles) {
  std::string out = "[";
  for (size_t i = 0; i < roles.size(); ++i) {
    if (i) out += ',';
    out += JsonQuote(roles[i]);
  }
  return out + "]";
}

std::string BuiltinExplanation(const standards::EligibilityDecision& d) {
  std::string out = "{\"verdict\":" + JsonQuote(standards::EligibilityVerdictName(d.verdict)) +
                    ",\"matched_alternative\":" + JsonQuote(d.matched_alternative) + ",\"explanation_zh\":[";
  for (size_t i = 0; i < d.explanation_zh.size(); ++i) {
    if (i) out += ',';
    out += JsonQuote(d.explanation_zh[i]);
  }
  out += "],\"explanation_en\":[";
  for (size_t i = 0; i < d.explanation_en.size(); ++i) {
    if (i) out += ',';
    out += JsonQuote(d.explanation_en[i]);
  }
  return out + "],\"source_ref\":" + JsonQuote(d.source_ref) + "}";
}

std::uint64_t RandomSeed() {
  std::uint64_t v = 0;
  randombytes_buf(&v, sizeof(v));
  return v;
}

}  // namespace

DeliveryService::DeliveryService(DeliveryDeps deps, DeliveryOptions options)
    : deps_(std::move(deps)), options_(options), writer_(*deps_.store, options.max_batch) {
  InitCrypto().IgnoreError();
  if (options_.run_sweeper) sweeper_ = std::thread([this] { SweeperLoop(); });
}

DeliveryService::~DeliveryService() {
  Stop();
}

void DeliveryService::Stop() {
  {
    std::lock_guard<std::mutex> lock(sweep_mu_);
    stopping_ = true;
  }
  sweep_cv_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();
  writer_.Stop();
}

void DeliveryService::SweeperLoop() {
  std::unique_lock<std::mutex> lock(sweep_mu_);
  while (!stopping_) {
    sweep_cv_.wait_for(lock, options_.sweep_interval, [&] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    SweepOnce();
    lock.lock();
  }
}

int DeliveryService::SweepOnce() {
  auto ids = deps_.store->ExpiredAttempts(NowMs(), options_.grace.count(), 1000);
  if (!ids.ok()) return 0;
  std::vector<std::future<store::AttemptOpResult>> futures;
  Actor system;
  for (auto id : *ids) {
    store::AttemptOp op;
    op.kind = store::AttemptOp::Kind::kSubmit;
    op.attempt_id = id;
    op.now_ms = NowMs();
    op.grace_ms = options_.grace.count();
    op.submit_kind = "auto";
    op.audit = deps_.audit->Entry(system, "attempt.auto_submit", "", "", "");
    futures.push_back(writer_.Enqueue(std::move(op)));
  }
  int n = 0;
  for (auto& f : futures) {
    auto r = f.get();
    n += r.status.ok() && r.applied ? 1 : 0;
  }
  return n;
}

// ---- caches and checks ----------------------------------------------------------------------------

Status DeliveryService::Check(const Actor& actor, Action action, const delivery::ObjectFacts& facts,
                              const Status& not_found) {
  auto p = P(actor);
  if (delivery::Allowed(p, action, facts)) return Status();
  if (!delivery::RoleMayEver(p, action)) return Denied(action);
  return not_found;
}

Status DeliveryService::RequireRole(const Actor& actor, Action action) {
  if (!delivery::Allowed(P(actor), action, {})) return Denied(action);
  return Status();
}

Result<std::shared_ptr<const DeliveryService::SessionFacts>> DeliveryService::Session(
    std::int64_t session_id) {
  {
    std::shared_lock lock(cache_mu_);
    auto it = sessions_.find(session_id);
    if (it != sessions_.end()) return it->second;
  }
  KP_ASSIGN_OR_RETURN(store::SessionRecord s, deps_.store->GetSession(session_id));
  KP_ASSIGN_OR_RETURN(store::PlanRecord plan, deps_.store->GetPlan(s.plan_id));
  auto f = std::make_shared<SessionFacts>();
  f->id = s.id;
  f->plan_id = s.plan_id;
  f->proctors = s.proctors;
  f->examiners = s.examiners;
  f->window.opens_ms = s.starts_ms;
  f->window.closes_ms = s.starts_ms + std::int64_t{plan.entry_window_minutes} * 60'000;
  f->window.require_admission = plan.require_admission;
  std::unique_lock lock(cache_mu_);
  auto [it, inserted] = sessions_.emplace(session_id, std::move(f));
  return it->second;
}

Result<std::shared_ptr<const DeliveryService::AttemptFacts>> DeliveryService::Facts(std::int64_t attempt_id) {
  {
    std::shared_lock lock(cache_mu_);
    auto it = attempts_.find(attempt_id);
    if (it != attempts_.end()) return it->second;
  }
  if (attempt_id <= 0) return AttemptNotFound(attempt_id);
  // The summary (no items) is enough unless this paper's item set is not cached yet.
  KP_ASSIGN_OR_RETURN(store::AttemptRecord a, deps_.store->GetAttemptSummary(attempt_id));
  std::shared_ptr<const std::set<std::string>> item_ids;
  {
    std::shared_lock lock(cache_mu_);
    auto it = paper_items_.find(a.paper_id);
    if (it != paper_items_.end()) item_ids = it->second;
  }
  if (!item_ids) {
    KP_ASSIGN_OR_RETURN(store::AttemptRecord full, deps_.store->GetAttempt(attempt_id));
    auto set = std::make_shared<std::set<std::string>>();
    for (const auto& d : full.items) set->insert(d.item_id);
    item_ids = set;
  }
  KP_ASSIGN_OR_RETURN(auto session, Session(a.session_id));
  auto f = std::make_shared<AttemptFacts>();
  f->id = a.id;
  f->user_id = a.user_id;
  f->paper_id = a.paper_id;
  f->session = session;
  std::unique_lock lock(cache_mu_);
  auto& ids = paper_items_[a.paper_id];
  if (!ids) ids = item_ids;
  f->item_ids = ids;
  auto [it, inserted] = attempts_.emplace(attempt_id, std::move(f));
  return it->second;
}

Result<std::shared_ptr<const DeliveryService::PaperBundle>> DeliveryService::Paper(
    const std::string& paper_id) {
  {
    std::shared_lock lock(cache_mu_);
    auto it = papers_.find(paper_id);
    if (it != papers_.end()) return it->second;
  }
  if (!deps_.bank) {
    return Unavailable("bank.unavailable", "the item bank is not available in this build", "题库不可用");
  }
  auto paper = deps_.bank->GetPaper(paper_id);
  if (!paper.ok()) {
    if (paper.status().code() == StatusCode::kNotFound) {
      return NotFound("paper.not_found", "no paper '" + paper_id + "' in the bank",
                      "题库中没有试卷“" + paper_id + "”");
    }
    return paper.status();
  }
  auto bundle = std::make_shared<PaperBundle>();
  bundle->paper = *paper;
  for (const auto& pi : paper->items) {
    KP_ASSIGN_OR_RETURN(bank::Item item, Item(pi.item_id, pi.item_version));
    bundle->items.push_back(std::move(item));
  }
  std::unique_lock lock(cache_mu_);
  auto [it, inserted] = papers_.emplace(paper_id, std::move(bundle));
  return it->second;
}

Result<bank::Item> DeliveryService::Item(const std::string& id, int version) {
  {
    std::shared_lock lock(cache_mu_);
    auto it = items_.find({id, version});
    if (it != items_.end()) return *it->second;
  }
  if (!deps_.bank)
    return Unavailable("bank.unavailable", "the item bank is not available in this build", "题库不可用");
  KP_ASSIGN_OR_RETURN(bank::Item item, deps_.bank->GetVersion(id, version));
  std::unique_lock lock(cache_mu_);
  items_[{id, version}] = std::make_shared<const bank::Item>(item);
  return item;
}

Result<store::AttemptOpResult> DeliveryService::Write(store::AttemptOp op) {
  std::int64_t id = op.attempt_id;
  store::AttemptOpResult r = writer_.Enqueue(std::move(op)).get();
  if (!r.status.ok()) {
    if (r.status.reason() == "attempt.deadline_passed" &&
        r.state.status == delivery::AttemptStatus::kInProgress) {
      AutoSubmitLater(id);
    }
    return r.status;
  }
  return r;
}

void DeliveryService::AutoSubmitLater(std::int64_t attempt_id) {
  store::AttemptOp op;
  op.kind = store::AttemptOp::Kind::kSubmit;
  op.attempt_id = attempt_id;
  op.now_ms = NowMs();
  op.grace_ms = options_.grace.count();
  op.submit_kind = "auto";
  op.audit = deps_.audit->Entry(Actor{}, "attempt.auto_submit", "", "", "");
  writer_.Enqueue(std::move(op));  // not awaited: the caller's answer does not depend on it
}

Result<AttemptView> DeliveryService::View(const store::AttemptRecord& a, bool with_answers) {
  AttemptView v;
  v.attempt = a;
  v.now_ms = NowMs();
  v.deadline_ms = delivery::DeadlineMs(a.state, v.now_ms);
  v.remaining_ms = delivery::RemainingMs(a.state, v.now_ms);
  v.grace_ms = options_.grace.count();
  if (with_answers) {
    KP_ASSIGN_OR_RETURN(v.answers, deps_.store->GetAnswers(a.id));
  }
  return v;
}

// ---- accounts -------------------------------------------------------------------------------------

Result<store::UserRecord> DeliveryService::Signup(const AccountInput& account, const std::string& password,
                                                  const std::string& remote) {
  if (!options_.allow_signup) {
    return FailedPrecondition("auth.signup_disabled", "self-service sign-up is disabled",
                              "本平台未开放自助注册");
  }
  KP_RETURN_IF_ERROR(CheckLogin(account.login));
  KP_RETURN_IF_ERROR(CheckText(account.display_name, "display_name", 64, true));
  KP_RETURN_IF_ERROR(deps_.auth->CheckPasswordStrength(password));
  KP_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  store::NewUser u{account.login, account.display_name, hash, {"candidate"}, NowMs(), false};
  KP_ASSIGN_OR_RETURN(store::UserRecord rec, deps_.users->CreateUser(u));
  Actor self{rec.id.value(), rec.login, rec.display_name, rec.roles};
  deps_.audit->Record(self, "user.signup", "user:" + rec.login, "{\"roles\":[\"candidate\"]}", remote)
      .IgnoreError();
  return rec;
}

Result<store::UserRecord> DeliveryService::CreateUser(const Actor& actor, const AccountInput& account,
                                                      const std::string& password, bool must_change_password,
                                                      const std::string& remote) {
  KP_RETURN_IF_ERROR(RequireRole(actor, Action::kManageUsers));
  KP_RETURN_IF_ERROR(CheckLogin(account.login));
  KP_RETURN_IF_ERROR(CheckText(account.display_name, "display_name", 64, true));
  KP_RETURN_IF_ERROR(CheckRoles(account.roles));
  KP_RETURN_IF_ERROR(deps_.auth->CheckPasswordStrength(password));
  KP_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  store::NewUser u{account.login, account.display_name, hash, account.roles, NowMs(), must_change_password};
  KP_ASSIGN_OR_RETURN(store::UserRecord rec, deps_.users->CreateUser(u));
  KP_RETURN_IF_ERROR(deps_.audit->Record(actor, "user.create", "user:" + rec.login,
                                         "{\"roles\":" + RolesJson(rec.roles) + "}", remote));
  return rec;
}

Result<BulkAccountsResult> DeliveryService::CreateUsers(const Actor& actor,
                                                        const std::vector<AccountInput>& accounts,
                                                        const std::string& password, bool issue_tokens,
                                                        const std::string& remote) {
  KP_RETURN_IF_ERROR(RequireRole(actor, Action::kManageUsers));
  if (accounts.empty() || accounts.size() > 20000) {
    return InvalidArgument("user.bulk_size", "give 1–20000 accounts", "一次可创建 1 到 20000 个账号");
  }
  KP_RETURN_IF_ERROR(deps_.auth->CheckPasswordStrength(password));
  std::set<std::string> logins;
  for (const auto& a : accounts) {
    KP_RETURN_IF_ERROR(CheckLogin(a.login));
    KP_RETURN_IF_ERROR(CheckText(a.display_name, "display_name", 64, true));
    KP_RETURN_IF_ERROR(CheckRoles(a.roles));
    if (!logins.insert(a.login).second) {
      return InvalidArgument("user.duplicate_login", "login '" + a.login + "' appears twice",
                             "登录名“" + a.login + "”重复");
    }
  }
  // One Argon2id hash for the shared initial password; every account must change it.
  KP_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  std::vector<store::NewUser> users;
  users.reserve(accounts.size());
  for (const auto& a : accounts)
    users.push_back(store::NewUser{a.login, a.display_name, hash, a.roles, NowMs(), true});
  BulkAccountsResult out;
  KP_ASSIGN_OR_RETURN(
      out.users, deps_.store->CreateUsers(
                     users, deps_.audit->Entry(actor, "user.bulk_create", "",
                                               "{\"count\":" + std::to_string(users.size()) +
                                                   ",\"tokens\":" + (issue_tokens ? "true" : "false") + "}",
                                               remote)));
  if (issue_tokens) {
    for (const auto& u : out.users) {
      KP_ASSIGN_OR_RETURN(std::string token, deps_.auth->IssueBearer(u.id.value()));
      out.tokens.push_back(std::move(token));
    }
  }
  return out;
}

Status DeliveryService::SetRoles(const Actor& actor, std::int64_t user_id,
                                 const std::vector<std::string>& roles, const std::string& remote) {
  KP_RETURN_IF_ERROR(RequireRole(actor, Action::kManageUsers));
  KP_RETURN_IF_ERROR(CheckRoles(roles));
  if (user_id == actor.user_id && std::find(roles.begin(), roles.end(), "admin") == roles.end()) {
    return FailedPrecondition("user.self_demotion", "administrators cannot remove their own admin role",
                              "管理员不能撤销自己的管理员角色");
  }
  KP_ASSIGN_OR_RETURN(store::UserRecord before, deps_.users->GetUser(store::UserId(user_id)));
  KP_RETURN_IF_ERROR(deps_.store->SetUserRoles(
      user_id, roles,
      deps_.audit->Entry(actor, "user.roles", "user:" + before.login,
                         "{\"before\":" + RolesJson(before.roles) + ",\"after\":" + RolesJson(roles) + "}",
                         remote)));
  deps_.auth->InvalidateUser(user_id);
  return Status();
}

Result<std::vector<store::UserRecord>> DeliveryService::ListUsers(const Actor& actor, const std::string& role,
                                                                  int limit, std::int64_t after_id) {
  KP_RETURN_IF_ERROR(RequireRole(actor, Action::kManageUsers));
  return deps_.store->ListUsers(role, std::clamp(limit, 1, 1000), after_id);
}

// ---- profiles ---------------------------------------------------------------------------------------

Result<ProfileView> DeliveryService::PutProfile(const Actor& actor, const ProfileInput& input,
                                                const std::string& remote) {
  if (!actor.Has("candidate")) return Denied(Action::kTakeAttempt);
  KP_RETURN_IF_ERROR(CheckText(input.full_name, "full_name", 64, true));
  KP_ASSIGN_OR_RETURN(std::string id, delivery::NormalizeIdNumber(input.id_number));
  auto problems = delivery::CheckFacts(input.facts, deps_.clock->Now());
  if (!problems.empty()) {
    return InvalidArgument("profile.invalid", "field '" + problems[0].field + "': " + problems[0].message_en,
                           "字段“" + problems[0].field + "”：" + problems[0].message_zh);
  }
  store::ProfileRecord rec;
  rec.user_id = actor.user_id;
  rec.full_name = input.full_name;
  rec.id_number_sealed = deps_.pii->Seal(id);
  rec.id_number_hash = deps_.pii->KeyedHash(id);
  rec.id_number_masked = delivery::MaskIdNumber(id);
  rec.facts = input.facts;
  rec.updated_ms = NowMs();
  KP_RETURN_IF_ERROR(deps_.store->PutProfile(
      rec, deps_.audit->Entry(actor, "profile.update", "user:" + actor.login, "{}", remote)));
  KP_RETURN_IF_ERROR(RecheckRegistrations(actor, rec.facts, remote));
  ProfileView v;
  v.user_id = rec.user_id;
  v.full_name = rec.full_name;
  v.id_number = rec.id_number_masked;
  v.facts = rec.facts;
  v.eligibility_profile = delivery::ToEligibilityProfile(rec.facts, deps_.clock->Now());
  v.updated_ms = rec.updated_ms;
  return v;
}

Result<ProfileView> DeliveryService::GetProfile(const Actor& actor, std::int64_t user_id, bool reveal,
                                                const std::string& remote) {
  delivery::ObjectFacts facts;
  facts.owner_user_id = user_id;
  if (actor.Has("proctor") && actor.user_id != user_id && !actor.Has("admin")) {
    store::RegistrationFilter f;
    f.user_id = user_id;
    KP_ASSIGN_OR_RETURN(auto regs, deps_.store->ListRegistrations(f));
    for (const auto& r : regs) {
      if (r.session_id == 0) continue;
      KP_ASSIGN_OR_RETURN(auto s, Session(r.session_id));
      facts.proctors.insert(facts.proctors.end(), s->proctors.begin(), s->proctors.end());
    }
  }
  Status not_found =
      NotFound("profile.not_found", "no profile for user " + std::to_string(user_id), "该考生没有个人资料");
  KP_RETURN_IF_ERROR(Check(actor, Action::kViewProfile, facts, not_found));
  if (reveal) KP_RETURN_IF_ERROR(RequireRole(actor, Action::kViewIdNumber));
  KP_ASSIGN_OR_RETURN(store::ProfileRecord rec, deps_.store->GetProfile(user_id));
  ProfileView v;
  v.user_id = rec.user_id;
  v.full_name = rec.full_name;
  v.id_number = rec.id_number_masked;
  v.facts = rec.facts;
  v.eligibility_profile = delivery::ToEligibilityProfile(rec.facts, deps_.clock->Now());
  v.updated_ms = rec.updated_ms;
  if (reveal) {
    KP_ASSIGN_OR_RETURN(v.id_number, deps_.pii->Unseal(rec.id_number_sealed));
    v.id_number_revealed = true;
    KP_RETURN_IF_ERROR(deps_.audit->Record(actor, "pii.read", "user:" + std::to_string(user_id),
                                           "{\"field\":\"id_number\"}", remote));
  }
  return v;
}

// ---- plans --------------------------------------------------------------------------------------------

Result<std::vector<delivery::RuleViolation>> DeliveryService::Violations(const PlanInput& input) {
  std::vector<delivery::RuleViolation> out;
  const standards::Pack* pack = deps_.catalog->Find(input.spec.standard);
  if (!pack) {
    out.push_back({"plan.unknown_standard", "standard", "no standard '" + input.spec.standard + "'",
                   "没有标准“" + input.spec.standard + "”", ""});
    return out;
  }
  out = delivery::CheckPlan(*pack, input.spec);
  if (!CheckText(input.spec.title, "title", 100, false).ok()) {
    out.push_back({"plan.bad_title", "title", "the title must be valid text of at most 100 characters",
                   "名称须为不超过 100 个字符的文本", ""});
  }
  if (input.entry_window_minutes < 0 || input.entry_window_minutes > 24 * 60) {
    out.push_back({"plan.bad_entry_window", "entry_window_minutes", "entry window must be 0–1440 minutes",
                   "允许入场时间应为 0 到 1440 分钟", ""});
  }
  for (size_t i = 0; i < input.spec.rooms.size(); ++i) {
    const auto& room = input.spec.rooms[i];
    std::string f = "rooms[" + std::to_string(i) + "]";
    if (!CheckText(room.name, "name", 64, false).ok()) {
      out.push_back({"room.bad_name", f + ".name", "room name must be valid text of at most 64 characters",
                     "考场名称无效", ""});
    }
    auto check_staff = [&](const std::vector<std::int64_t>& ids, const char* role,
                           const char* field) -> Status {
      for (auto id : ids) {
        auto u = deps_.users->GetUser(store::UserId(id));
        if (!u.ok()) {
          if (u.status().code() != StatusCode::kNotFound) return u.status();
          out.push_back({"room.unknown_user", f + "." + field, "no user " + std::to_string(id),
                         "用户 " + std::to_string(id) + " 不存在", ""});
          continue;
        }
        if (std::find(u->roles.begin(), u->roles.end(), role) == u->roles.end()) {
          bool proctor = std::string(role) == "proctor";
          out.push_back({proctor ? "room.not_a_proctor" : "room.not_an_examiner", f + "." + field,
                         "user '" + u->login + "' does not have the " + role + " role",
                         "用户“" + u->login + "”不具备" + (proctor ? "监考员" : "考评员") + "角色", ""});
        }
      }
      return Status();
    };
    KP_RETURN_IF_ERROR(check_staff(room.proctors, "proctor", "proctors"));
    KP_RETURN_IF_ERROR(check_staff(room.examiners, "examiner", "examiners"));
  }
  return out;
}

Result<std::vector<delivery::RuleViolation>> DeliveryService::CheckPlan(const Actor& actor,
                                                                        const PlanInput& input) {
  KP_RETURN_IF_ERROR(RequireRole(actor, Action::kManagePlans));
  return Violations(input);
}

Result<PlanOutcome> DeliveryService::CreatePlan(const Actor& actor, const PlanInput& input,
                                                const std::string& remote) {
  KP_RETURN_IF_ERROR(RequireRole(actor, Action::kManagePlans));
  PlanOutcome out;
  KP_ASSIGN_OR_RETURN(out.violations, Violations(input));
  if (!out.violations.empty()) return out;
  store::PlanRecord p;
  p.title = input.spec.title;
  p.standard = input.spec.standard;
  p.direction = input.spec.direction;
  p.level = input.spec.level;
  p.kind = input.spec.kind;
  p.duration_minutes = input.spec.duration_minutes;
  p.entry_window_minutes = input.entry_window_minutes;
  p.require_admission = input.require_admission;
  p.seed = RandomSeed();
  p.created_by = actor.user_id;
  p.created_ms = NowMs();
  for (const auto& room : input.spec.rooms) {
    store::SessionRecord s;
    s.room_code = room.code;
    s.room_name = room.name;
    s.capacity = room.capacity;
    s.starts_ms = room.starts_ms;
    s.proctors = room.proctors;
    s.examiners = room.examiners;
    p.sessions.push_back(std::move(s));
  }
  std::string detail = "{\"title\":" + JsonQuote(p.title) + ",\"standard\":" + JsonQuote(p.standard) +
                       ",\"level\":" + JsonQuote(p.level) + ",\"kind\":" + JsonQuote(p.kind) +
                       ",\"rooms\":" + std::to_string(p.sessions.size()) + "}";
  KP_ASSIGN_OR_RETURN(
      out.plan, deps_.store->CreatePlan(p, deps_.audit->Entry(actor, "plan.create", "", detail, remote)));
  return out;
}

Result<store::PlanRecord> DeliveryService::GetPlan(const Actor& actor, std::int64_t plan_id) {
  KP_RETURN_IF_ERROR(RequireRole(actor, Action::kViewPlans));
  return deps_.store->GetPlan(plan_id);
}

Result<std::vector<store::PlanRecord>> DeliveryService::ListPlans(const Actor& actor, int limit,
                                                                  std::int64_t after_id) {
  KP_RETURN_IF_ERROR(RequireRole(actor, Action::kViewPlans));
  return deps_.store->ListPlans(std::clamp(limit, 1, 500), after_id);
}

Result<store::PlanRecord> DeliveryService::AttachPaper(const Actor& actor, std::int64_t plan_id,
                                                       const std::string& paper_id,
                                                       const std::string& remote) {
  KP_RETURN_IF_ERROR(RequireRole(actor, Action::kManagePlans));
  KP_ASSIGN_OR_RETURN(store::PlanRecord plan, deps_.store->GetPlan(plan_id));
  if (paper_id.empty() || paper_id.size() > 200) {
    return InvalidArgument("request.missing_field", "give a paper_id", "请提供试卷编号 paper_id");
  }
  KP_ASSIGN_OR_RETURN(auto bundle, Paper(paper_id));
  const bank::Paper& paper = bundle->paper;
  if (paper.standard != plan.standard || paper.level != plan.level || paper.exam_kind != plan.kind ||
      (!paper.direction.empty() && paper.direction != plan.direction)) {
    return InvalidArgument("plan.paper_mismatch",
                           "paper '" + paper_id + "' is for " + paper.standard + "/" + paper.level + "/" +
                               paper.exam_kind + ", the plan is for " + plan.standard + "/" + plan.level +
                               "/" + plan.kind,
                           "试卷与考试计划的标准、等级或科目不一致");
  }
  if (paper.items.empty())
    return InvalidArgument("plan.empty_paper", "the paper has no items", "试卷没有题目");
  KP_RETURN_IF_ERROR(
      deps_.store->SetPlanPaper(plan_id, paper_id,
                                deps_.audit->Entry(actor, "plan.paper", "plan:" + std::to_string(plan_id),
                                                   "{\"paper_id\":" + JsonQuote(paper_id) + "}", remote)));
  KP_ASSIGN_OR_RETURN(plan, deps_.store->GetPlan(plan_id));
  PrepareResult ignored;
  store::RegistrationFilter f;
  f.plan_id = plan_id;
  f.limit = 100000;
  KP_ASSIGN_OR_RETURN(auto regs, deps_.store->ListRegistrations(f));
  KP_RETURN_IF_ERROR(PrepareFor(plan, regs, &ignored));
  return plan;
}

Status DeliveryService::PrepareFor(const store::PlanRecord& plan,
                                   const std::vector<store::RegistrationRecord>& regs, PrepareResult* out) {
  if (plan.paper_id.empty()) return Status();
  KP_ASSIGN_OR_RETURN(auto bundle, Paper(plan.paper_id));
  std::vector<store::AttemptRecord> batch;
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status();
    KP_ASSIGN_OR_RETURN(auto created, deps_.store->CreateAttempts(batch));
    out->created += static_cast<int>(created.size());
    out->existing += static_cast<int>(batch.size() - created.size());
    batch.clear();
    return Status();
  };
  for (const auto& r : regs) {
    if (r.status != store::RegistrationStatus::kApproved || r.session_id == 0) continue;
    out->approved += 1;
    store::AttemptRecord a;
    a.registration_id = r.id;
    a.plan_id = plan.id;
    a.session_id = r.session_id;
    a.user_id = r.user_id;
    a.paper_id = plan.paper_id;
    a.seed = DeriveSeed(plan.seed, static_cast<std::uint64_t>(r.id));
    a.items = delivery::DeriveDelivery(bundle->paper, bundle->items, a.seed);
    a.state.duration_ms = std::int64_t{plan.duration_minutes} * 60'000;
    a.created_ms = NowMs();
    batch.push_back(std::move(a));
    if (batch.size() >= 500) KP_RETURN_IF_ERROR(flush());
  }
  return flush();
}

Result<PrepareResult> DeliveryService::PrepareAttempts(const Actor& actor, std::int64_t plan_id) {
  KP_RETURN_IF_ERROR(RequireRole(actor, Action::kManagePlans));
  KP_ASSIGN_OR_RETURN(store::PlanRecord plan, deps_.store->GetPlan(plan_id));
  if (plan.paper_id.empty()) {
    return FailedPrecondition("plan.no_paper", "attach a paper to the plan first", "请先为考试计划指定试卷");
  }
  PrepareResult out;
  store::RegistrationFilter f;
  f.plan_id = plan_id;
  f.limit = 5000;
  for (;;) {
    KP_ASSIGN_OR_RETURN(auto regs, deps_.store->ListRegistrations(f));
    if (regs.empty()) break;
    KP_RETURN_IF_ERROR(PrepareFor(plan, regs, &out));
    f.after_id = regs.back().id;
  }
  return out;
}

// ---- registrations ----------------------------------------------------------------------------------

Result<DeliveryService::RuleDecision> DeliveryService::DecideByRules(const store::PlanRecord& plan,
                                                                     const delivery::CandidateFacts& facts) {
  KP_ASSIGN_OR_RETURN(const standards::Pack* pack, deps_.catalog->Get(plan.standard));
  KP_ASSIGN_OR_RETURN(standards::EligibilityDecision d,
                      standards::CheckEligibility(*pack, plan.level,
                                                  delivery::ToEligibilityProfile(facts, deps_.clock->Now())));
  RuleDecision out;
  out.verdict = standards::EligibilityVerdictName(d.verdict);
  out.explanation = deps_.explain ? deps_.explain(d) : BuiltinExplanation(d);
  switch (d.verdict) {
    case standards::EligibilityVerdict::kEligible:
      out.status = store::RegistrationStatus::kApproved;
      out.reason = "rules: eligible (clause " + d.matched_alternative + ")";
      break;
    case standards::EligibilityVerdict::kNeedsReview:
      out.status = store::RegistrationStatus::kPending;
      break;
    case standards::EligibilityVerdict::kNotEligible:
      out.status = store::RegistrationStatus::kRejected;
      out.reason = "rules: not eligible";
      break;
  }
  return out;
}

// A profile change re-runs the rules for every registration the rules decided (decided_by = 0):
// the stored verdict and explanation are replaced, and a pending or rejected registration moves to
// the status the rules now give (an approval takes a seat). An approved registration keeps its
// seat — the candidate may already hold a ticket or an attempt — but its new verdict is on record
// for the administrators' review. Decisions an administrator made are never touched.
Status DeliveryService::RecheckRegistrations(const Actor& actor, const delivery::CandidateFacts& facts,
                                             const std::string& remote) {
  store::RegistrationFilter f;
  f.user_id = actor.user_id;
  KP_ASSIGN_OR_RETURN(std::vector<store::RegistrationRecord> regs, deps_.store->ListRegistrations(f));
  for (const store::RegistrationRecord& r : regs) {
    if (r.decided_by != 0) continue;
    KP_ASSIGN_OR_RETURN(store::PlanRecord plan, deps_.store->GetPlan(r.plan_id));
    KP_ASSIGN_OR_RETURN(RuleDecision d, DecideByRules(plan, facts));
    const std::string detail = "{\"plan\":" + std::to_string(r.plan_id) +
                               ",\"verdict\":" + JsonQuote(d.verdict) +
                               ",\"previous\":" + JsonQuote(r.verdict) + "}";
    if (d.verdict != r.verdict || d.explanation != r.explanation) {
      KP_RETURN_IF_ERROR(deps_.store->SetRegistrationVerdict(
          r.id, d.verdict, d.explanation,
          deps_.audit->Entry(actor, "registration.recheck", "registration:" + std::to_string(r.id), detail,
                             remote)));
    }
    if (r.status == store::RegistrationStatus::kApproved || d.status == r.status) continue;
    auto decided = deps_.store->DecideRegistration(
        r.id, d.status, 0, d.reason, NowMs(),
        deps_.audit->Entry(actor, "registration.redecide", "registration:" + std::to_string(r.id), detail,
                           remote));
    if (!decided.ok()) {
      // A full plan leaves the registration pending with its new verdict; nothing else to undo.
      if (decided.status().reason() == "plan.full") continue;
      return decided.status();
    }
    if (decided->status == store::RegistrationStatus::kApproved && !plan.paper_id.empty()) {
      PrepareResult ignored;
      PrepareFor(plan, {*decided}, &ignored).IgnoreError();  // PrepareAttempts repairs a failure here
    }
  }
  return Status();
}

Result<store::RegistrationRecord> DeliveryService::Register(const Actor& actor, std::int64_t plan_id,
                                                            const std::string& remote) {
  if (!actor.Has("candidate")) return Denied(Action::kTakeAttempt);
  KP_ASSIGN_OR_RETURN(store::PlanRecord plan, deps_.store->GetPlan(plan_id));
  auto profile = deps_.store->GetProfile(actor.user_id);
  if (!profile.ok()) {
    if (profile.status().code() == StatusCode::kNotFound) {
      return FailedPrecondition("profile.required", "fill in your profile before registering",
                                "报名前请先填写个人资料");
    }
    return profile.status();
  }
  KP_ASSIGN_OR_RETURN(RuleDecision d, DecideByRules(plan, profile->facts));
  store::RegistrationRecord r;
  r.plan_id = plan_id;
  r.user_id = actor.user_id;
  r.verdict = d.verdict;
  r.explanation = d.explanation;
  r.created_ms = NowMs();
  r.status = d.status;
  r.decision_reason = d.reason;
  if (d.status != store::RegistrationStatus::kPending) r.decided_ms = r.created_ms;
  std::string detail = "{\"plan\":" + std::to_string(plan_id) + ",\"verdict\":" + JsonQuote(r.verdict) +
                       ",\"status\":" + JsonQuote(store::RegistrationStatusName(r.status)) + "}";
  KP_ASSIGN_OR_RETURN(r, deps_.store->CreateRegistration(
                             r, deps_.audit->Entry(actor, "registration.create", "", detail, remote)));
  if (r.status == store::RegistrationStatus::kApproved && !plan.paper_id.empty()) {
    PrepareResult ignored;
    PrepareFor(plan, {r}, &ignored).IgnoreError();  // PrepareAttempts repairs a failure here
  }
  return r;
}

Result<store::RegistrationRecord> DeliveryService::GetRegistration(const Actor& actor, std::int64_t id) {
  auto reg = deps_.store->GetRegistration(id);
  delivery::ObjectFacts facts;
  if (reg.ok()) {
    facts.owner_user_id = reg->user_id;
    if (reg->session_id) {
      KP_ASSIGN_OR_RETURN(auto s, Session(reg->session_id));
      facts.proctors = s->proctors;
      facts.examiners = s->examiners;
    }
  } else if (reg.status().code() != StatusCode::kNotFound) {
    return reg.status();
  }
  KP_RETURN_IF_ERROR(Check(actor, Action::kViewRegistration, facts, RegistrationNotFound(id)));
  if (!reg.ok()) return RegistrationNotFound(id);
  return reg;
}

Result<std::vector<store::RegistrationRecord>> DeliveryService::ListRegistrations(
    const Actor& actor, store::RegistrationFilter filter) {
  filter.limit = std::clamp(filter.limit, 1, 5000);
  if (actor.Has("admin")) return deps_.store->ListRegistrations(filter);
  if (filter.session_id != 0) {
    auto s = Session(filter.session_id);
    delivery::ObjectFacts facts;
    if (s.ok()) {
      facts.proctors = (*s)->proctors;
      facts.examiners = (*s)->examiners;
    }
    KP_RETURN_IF_ERROR(Check(
        actor, Action::kViewSessionRoster, facts,
        NotFound("session.not_found", "no session " + std::to_string(filter.session_id), "考场不存在")));
    return deps_.store->ListRegistrations(filter);
  }
  if (!actor.Has("candidate")) return Denied(Action::kViewRegistration);
  filter.user_id = actor.user_id;
  return deps_.store->ListRegistrations(filter);
}

Result<store::RegistrationRecord> DeliveryService::Decide(const Actor& actor, std::int64_t id, bool approve,
                                                          const std::string& reason,
                                                          const std::string& remote) {
  KP_RETURN_IF_ERROR(RequireRole(actor, Action::kDecideRegistration));
  if (reason.empty()) {
    return InvalidArgument("registration.reason_required", "give a reason for the decision",
                           "请填写审核意见（理由）");
  }
  KP_RETURN_IF_ERROR(CheckText(reason, "reason", 500, true));
  KP_ASSIGN_OR_RETURN(store::RegistrationRecord before, deps_.store->GetRegistration(id));
  auto status = approve ? store::RegistrationStatus::kApproved : store::RegistrationStatus::kRejected;
  std::string detail = "{\"reason\":" + JsonQuote(reason) +
                       ",\"before\":" + JsonQuote(store::RegistrationStatusName(before.status)) +
                       ",\"verdict\":" + JsonQuote(before.verdict) + "}";
  KP_ASSIGN_OR_RETURN(store::RegistrationRecord r,
                      deps_.store->DecideRegistration(
                          id, status, actor.user_id, reason, NowMs(),
                          deps_.audit->Entry(actor, approve ? "registration.approve" : "registration.reject",
                                             "registration:" + std::to_string(id), detail, remote)));
  if (approve) {
    KP_ASSIGN_OR_RETURN(store::PlanRecord plan, deps_.store->GetPlan(r.plan_id));
    PrepareResult ignored;
    PrepareFor(plan, {r}, &ignored).IgnoreError();
  }
  return r;
}

Result<TicketView> DeliveryService::GetTicket(const Actor& actor, std::int64_t registration_id) {
  KP_ASSIGN_OR_RETURN(store::RegistrationRecord r, GetRegistration(actor, registration_id));
  if (r.status != store::RegistrationStatus::kApproved || r.seat == 0) {
    return FailedPrecondition("registration.not_approved",
                              "the registration is not approved; there is no admission ticket",
                              "报名尚未通过审核，暂无准考证");
  }
  TicketView t;
  t.registration = r;
  KP_ASSIGN_OR_RETURN(t.plan, deps_.store->GetPlan(r.plan_id));
  KP_ASSIGN_OR_RETURN(t.session, deps_.store->GetSession(r.session_id));
  auto profile = deps_.store->GetProfile(r.user_id);
  if (profile.ok()) {
    t.full_name = profile->full_name;
    t.id_number_masked = profile->id_number_masked;
  }
  return t;
}

// ---- attempts -----------------------------------------------------------------------------------------

Result<std::vector<AttemptView>> DeliveryService::ListAttempts(const Actor& actor,
                                                               store::AttemptFilter filter) {
  filter.limit = std::clamp(filter.limit, 1, 5000);
  if (!actor.Has("admin")) {
    if (filter.session_id != 0) {
      auto s = Session(filter.session_id);
      delivery::ObjectFacts facts;
      if (s.ok()) {
        facts.proctors = (*s)->proctors;
        facts.examiners = (*s)->examiners;
      }
      KP_RETURN_IF_ERROR(Check(
          actor, Action::kViewSessionRoster, facts,
          NotFound("session.not_found", "no session " + std::to_string(filter.session_id), "考场不存在")));
    } else if (actor.Has("candidate")) {
      filter.user_id = actor.user_id;
    } else {
      return Denied(Action::kViewAttempt);
    }
  }
  KP_ASSIGN_OR_RETURN(auto records, deps_.store->ListAttempts(filter));
  std::vector<AttemptView> out;
  for (auto& a : records) {
    a.items.clear();  // lists carry state, not content
    KP_ASSIGN_OR_RETURN(AttemptView v, View(a, false));
    out.push_back(std::move(v));
  }
  return out;
}

Result<AttemptView> DeliveryService::GetAttempt(const Actor& actor, std::int64_t attempt_id) {
  auto facts = Facts(attempt_id);
  delivery::ObjectFacts of;
  if (facts.ok()) {
    of = delivery::ObjectFacts{(*facts)->user_id, (*facts)->session->proctors, (*facts)->session->examiners};
  } else if (facts.status().code() != StatusCode::kNotFound) {
    return facts.status();
  }
  KP_RETURN_IF_ERROR(Check(actor, Action::kViewAttempt, of, AttemptNotFound(attempt_id)));
  if (!facts.ok()) return AttemptNotFound(attempt_id);
  KP_ASSIGN_OR_RETURN(store::AttemptRecord a, deps_.store->GetAttempt(attempt_id));
  if (delivery::IsExpired(a.state, NowMs(), options_.grace.count())) {
    // Lazily auto-submit on access, then show the final state.
    store::AttemptOp op;
    op.kind = store::AttemptOp::Kind::kSubmit;
    op.attempt_id = attempt_id;
    op.now_ms = NowMs();
    op.grace_ms = options_.grace.count();
    op.submit_kind = "auto";
    op.audit = deps_.audit->Entry(Actor{}, "attempt.auto_submit", "", "", "");
    auto r = writer_.Enqueue(std::move(op)).get();
    if (r.status.ok()) a.state = r.state;
  }
  auto p = P(actor);
  bool with_answers = p.user_id == a.user_id || delivery::Allowed(p, Action::kReviewAttempt, of);
  return View(a, with_answers);
}

Result<std::vector<CandidateItem>> DeliveryService::GetItems(const Actor& actor, std::int64_t attempt_id) {
  auto facts = Facts(attempt_id);
  delivery::ObjectFacts of;
  if (facts.ok()) of.owner_user_id = (*facts)->user_id;
  KP_RETURN_IF_ERROR(Check(actor, Action::kTakeAttempt, of, AttemptNotFound(attempt_id)));
  if (!facts.ok()) return facts.status();
  KP_ASSIGN_OR_RETURN(store::AttemptRecord a, deps_.store->GetAttempt(attempt_id));
  const std::int64_t now = NowMs();
  if (delivery::IsExpired(a.state, now, options_.grace.count())) {
    AutoSubmitLater(attempt_id);
    return delivery::CheckCanSave(a.state, now, options_.grace.count());
  }
  if (a.state.status != delivery::AttemptStatus::kInProgress &&
      a.state.status != delivery::AttemptStatus::kPaused) {
    Status s = delivery::CheckCanSave(a.state, now, options_.grace.count());
    if (!s.ok()) return s;
  }
  std::vector<CandidateItem> out;
  out.reserve(a.items.size());
  int pos = 0;
  for (const auto& d : a.items) {
    KP_ASSIGN_OR_RETURN(bank::Item item, Item(d.item_id, d.item_version));
    CandidateItem c;
    c.position = ++pos;
    c.item_id = d.item_id;
    c.item_version = d.item_version;
    c.section = d.section;
    c.type = bank::ItemTypeName(item.type);
    c.stem = item.stem;
    c.points = d.points;
    if (d.option_order.empty()) {
      c.options = item.options;
    } else {
      for (const auto& oid : d.option_order) {
        for (const auto& o : item.options) {
          if (o.id == oid) c.options.push_back(o);
        }
      }
    }
    for (const auto& b : item.blanks) c.blanks.push_back(b.id);
    c.task = item.task;
    out.push_back(std::move(c));
  }
  return out;
}

Result<AttemptView> DeliveryService::Start(const Actor& actor, std::int64_t attempt_id) {
  auto facts = Facts(attempt_id);
  delivery::ObjectFacts of;
  if (facts.ok()) of.owner_user_id = (*facts)->user_id;
  KP_RETURN_IF_ERROR(Check(actor, Action::kTakeAttempt, of, AttemptNotFound(attempt_id)));
  if (!facts.ok()) return facts.status();
  store::AttemptOp op;
  op.kind = store::AttemptOp::Kind::kStart;
  op.attempt_id = attempt_id;
  op.user_id = actor.user_id;
  op.now_ms = NowMs();
  op.grace_ms = options_.grace.count();
  op.window = (*facts)->session->window;
  KP_ASSIGN_OR_RETURN(store::AttemptOpResult r, Write(std::move(op)));
  store::AttemptRecord a;
  a.id = attempt_id;
  a.user_id = (*facts)->user_id;
  a.plan_id = (*facts)->session->plan_id;
  a.session_id = (*facts)->session->id;
  a.paper_id = (*facts)->paper_id;
  a.state = r.state;
  return View(a, false);
}

Result<SaveView> DeliveryService::SaveAnswer(const Actor& actor, std::int64_t attempt_id,
                                             const std::string& item_id, std::int64_t sequence,
                                             std::string response) {
  auto facts = Facts(attempt_id);
  delivery::ObjectFacts of;
  if (facts.ok()) of.owner_user_id = (*facts)->user_id;
  KP_RETURN_IF_ERROR(Check(actor, Action::kTakeAttempt, of, AttemptNotFound(attempt_id)));
  if (!facts.ok()) return facts.status();
  if (!(*facts)->item_ids->count(item_id)) {
    return NotFound("attempt.unknown_item", "item '" + item_id + "' is not part of this attempt",
                    "本场考试没有该题目");
  }
  KP_RETURN_IF_ERROR(delivery::CheckSequence(sequence));
  if (response.size() > options_.max_response_bytes) {
    return InvalidArgument(
        "answer.too_large",
        "an answer may have at most " + std::to_string(options_.max_response_bytes) + " bytes",
        "答案过长（最多 " + std::to_string(options_.max_response_bytes / 1024) + " KiB）");
  }
  store::AttemptOp op;
  op.kind = store::AttemptOp::Kind::kSave;
  op.attempt_id = attempt_id;
  op.user_id = actor.user_id;
  op.now_ms = NowMs();
  op.grace_ms = options_.grace.count();
  op.item_id = item_id;
  op.sequence = sequence;
  op.response = std::move(response);
  KP_ASSIGN_OR_RETURN(store::AttemptOpResult r, Write(std::move(op)));
  SaveView v;
  v.attempt_id = attempt_id;
  v.item_id = item_id;
  v.applied = r.applied;
  v.answer = std::move(r.answer);
  const std::int64_t now = NowMs();
  v.deadline_ms = delivery::DeadlineMs(r.state, now);
  v.remaining_ms = delivery::RemainingMs(r.state, now);
  v.state = std::move(r.state);
  return v;
}

Result<SaveView> DeliveryService::Flag(const Actor& actor, std::int64_t attempt_id,
                                       const std::string& item_id, std::int64_t sequence, bool flagged) {
  auto facts = Facts(attempt_id);
  delivery::ObjectFacts of;
  if (facts.ok()) of.owner_user_id = (*facts)->user_id;
  KP_RETURN_IF_ERROR(Check(actor, Action::kTakeAttempt, of, AttemptNotFound(attempt_id)));
  if (!facts.ok()) return facts.status();
  if (!(*facts)->item_ids->count(item_id)) {
    return NotFound("attempt.unknown_item", "item '" + item_id + "' is not part of this attempt",
                    "本场考试没有该题目");
  }
  KP_RETURN_IF_ERROR(delivery::CheckSequence(sequence));
  store::AttemptOp op;
  op.kind = store::AttemptOp::Kind::kFlag;
  op.attempt_id = attempt_id;
  op.user_id = actor.user_id;
  op.now_ms = NowMs();
  op.grace_ms = options_.grace.count();
  op.item_id = item_id;
  op.sequence = sequence;
  op.flagged = flagged;
  KP_ASSIGN_OR_RETURN(store::AttemptOpResult r, Write(std::move(op)));
  SaveView v;
  v.attempt_id = attempt_id;
  v.item_id = item_id;
  v.applied = r.applied;
  v.answer = std::move(r.answer);
  v.state = r.state;
  v.deadline_ms = delivery::DeadlineMs(r.state, NowMs());
  v.remaining_ms = delivery::RemainingMs(r.state, NowMs());
  return v;
}

Result<AttemptView> DeliveryService::Submit(const Actor& actor, std::int64_t attempt_id,
                                            const std::string& remote) {
  auto facts = Facts(attempt_id);
  delivery::ObjectFacts of;
  if (facts.ok()) of.owner_user_id = (*facts)->user_id;
  KP_RETURN_IF_ERROR(Check(actor, Action::kTakeAttempt, of, AttemptNotFound(attempt_id)));
  if (!facts.ok()) return facts.status();
  store::AttemptOp op;
  op.kind = store::AttemptOp::Kind::kSubmit;
  op.attempt_id = attempt_id;
  op.user_id = actor.user_id;
  op.now_ms = NowMs();
  op.grace_ms = options_.grace.count();
  op.submit_kind = "candidate";
  op.audit = deps_.audit->Entry(actor, "attempt.submit", "", "", remote);
  KP_ASSIGN_OR_RETURN(store::AttemptOpResult r, Write(std::move(op)));
  KP_ASSIGN_OR_RETURN(store::AttemptRecord a, deps_.store->GetAttempt(attempt_id));
  a.items.clear();
  a.state = r.state;
  return View(a, true);
}

Result<AttemptView> DeliveryService::Proctor(const Actor& actor, std::int64_t attempt_id,
                                             delivery::ProctorAction action, const std::string& reason,
                                             int minutes, const std::string& remote) {
  auto facts = Facts(attempt_id);
  delivery::ObjectFacts of;
  if (facts.ok()) of = delivery::ObjectFacts{(*facts)->user_id, (*facts)->session->proctors, {}};
  KP_RETURN_IF_ERROR(Check(actor, Action::kProctorAttempt, of, AttemptNotFound(attempt_id)));
  if (!facts.ok()) return facts.status();
  if (reason.empty()) {
    return InvalidArgument("proctor.reason_required", "every proctor action needs a reason",
                           "请填写操作理由");
  }
  KP_RETURN_IF_ERROR(CheckText(reason, "reason", 500, true));
  std::int64_t extension_ms = 0;
  if (action == delivery::ProctorAction::kExtend) {
    if (minutes < 1 || minutes > 240) {
      return InvalidArgument("attempt.bad_extension", "minutes must be 1–240", "延长时间应为 1 到 240 分钟");
    }
    extension_ms = std::int64_t{minutes} * 60'000;
  }
  const std::int64_t now = NowMs();
  const std::string name = delivery::ProctorActionName(action);
  std::string detail = "{\"reason\":" + JsonQuote(reason) +
                       (action == delivery::ProctorAction::kExtend ? ",\"minutes\":" + std::to_string(minutes)
                                                                   : std::string()) +
                       "}";
  store::AttemptEventRecord ev{0, attempt_id, actor.user_id, name, reason, detail, now};
  KP_ASSIGN_OR_RETURN(store::AttemptRecord a,
                      deps_.store->ApplyProctorAction(
                          attempt_id, action, extension_ms, now, options_.grace.count(), ev,
                          deps_.audit->Entry(actor, "attempt." + name,
                                             "attempt:" + std::to_string(attempt_id), detail, remote)));
  a.items.clear();
  return View(a, false);
}

Result<std::vector<store::AttemptEventRecord>> DeliveryService::Events(const Actor& actor,
                                                                       std::int64_t attempt_id) {
  auto facts = Facts(attempt_id);
  delivery::ObjectFacts of;
  if (facts.ok())
    of = delivery::ObjectFacts{(*facts)->user_id, (*facts)->session->proctors, (*facts)->session->examiners};
  auto p = P(actor);
  bool allowed =
      delivery::Allowed(p, Action::kProctorAttempt, of) || delivery::Allowed(p, Action::kReviewAttempt, of);
  if (!allowed) {
    if (!delivery::RoleMayEver(p, Action::kProctorAttempt) &&
        !delivery::RoleMayEver(p, Action::kReviewAttempt)) {
      return Denied(Action::kProctorAttempt);
    }
    return AttemptNotFound(attempt_id);
  }
  if (!facts.ok()) return facts.status();
  return deps_.store->ListAttemptEvents(attempt_id);
}

Result<ReviewView> DeliveryService::Review(const Actor& actor, std::int64_t attempt_id,
                                           const std::string& remote) {
  auto facts = Facts(attempt_id);
  delivery::ObjectFacts of;
  if (facts.ok()) of = delivery::ObjectFacts{(*facts)->user_id, {}, (*facts)->session->examiners};
  KP_RETURN_IF_ERROR(Check(actor, Action::kReviewAttempt, of, AttemptNotFound(attempt_id)));
  if (!facts.ok()) return facts.status();
  KP_ASSIGN_OR_RETURN(store::AttemptRecord a, deps_.store->GetAttempt(attempt_id));
  ReviewView out;
  KP_ASSIGN_OR_RETURN(out.attempt, View(a, true));
  std::map<std::string, const store::AnswerRecord*> by_item;
  for (const auto& ans : out.attempt.answers) by_item[ans.item_id] = &ans;
  for (const auto& d : a.items) {
    ReviewItem ri;
    KP_ASSIGN_OR_RETURN(ri.item, Item(d.item_id, d.item_version));
    ri.option_order = d.option_order;
    auto it = by_item.find(d.item_id);
    if (it != by_item.end()) ri.answer = *it->second;
    out.items.push_back(std::move(ri));
  }
  KP_RETURN_IF_ERROR(deps_.audit->Record(actor, "attempt.review", "attempt:" + std::to_string(attempt_id),
                                         "{\"keys_read\":true}", remote));
  return out;
}

// ---- demo support ----------------------------------------------------------------------------------------

Status DeliveryService::PutDemoCredential(const Credential& c) {
  return deps_.store->PutDemoCredential(
      store::DemoCredentialRecord{c.role, c.login, c.display_name, deps_.pii->Seal(c.password)});
}

std::string DeliveryService::FindDemoPaper(const std::string& standard, const std::string& level,
                                           const std::string& kind) {
  if (!deps_.bank) return "";
  auto papers = deps_.bank->ListPapers(standard, 200);
  if (!papers.ok()) return "";
  const bank::Paper* best = nullptr;
  for (const auto& p : *papers) {
    if (p.level != level || p.exam_kind != kind || p.items.empty()) continue;
    if (!best || p.created_ms > best->created_ms) best = &p;
  }
  return best ? best->id : "";
}

// ---- audit ---------------------------------------------------------------------------------------------

Result<std::vector<delivery::AuditRecord>> DeliveryService::ReadAudit(const Actor& actor,
                                                                      std::int64_t after_seq, int limit) {
  KP_RETURN_IF_ERROR(RequireRole(actor, Action::kReadAudit));
  return deps_.audit->Read(after_seq, std::clamp(limit, 1, 1000));
}

Result<delivery::ChainCheck> DeliveryService::VerifyAudit(const Actor& actor) {
  KP_RETURN_IF_ERROR(RequireRole(actor, Action::kReadAudit));
  return deps_.audit->Verify();
}

}  // namespace kaoping::service
