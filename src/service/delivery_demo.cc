#include "service/delivery_demo.h"

#include <cstdio>

#include "service/bank_service.h"
#include "service/crypto.h"
#include "service/delivery.h"

namespace kaoping::service {
namespace {

class DeliveryDemoSeeder final : public DemoSeeder {
 public:
  std::string name() const override { return "delivery"; }

  Status Seed(DemoContext& ctx) override {
    DeliveryService* svc = ctx.delivery;
    if (!svc) {
      ctx.log.push_back("exam delivery demo skipped (no delivery service)");
      return Status();
    }
    KP_RETURN_IF_ERROR(InitCrypto());
    auto admin_rec = ctx.store.FindUserByLogin("admin");
    if (!admin_rec.ok())
      return admin_rec.status().WithContext("finding the first administrator", "查找首个管理员");
    Actor admin{admin_rec->id.value(), admin_rec->login, admin_rec->display_name, admin_rec->roles};

    struct Account {
      const char* role;
      const char* login;
      const char* display;
    };
    static constexpr Account kAccounts[] = {
        {"proctor", "demo-proctor1", "演示监考员甲"},   {"proctor", "demo-proctor2", "演示监考员乙"},
        {"examiner", "demo-examiner1", "演示考评员甲"}, {"examiner", "demo-examiner2", "演示考评员乙"},
        {"examiner", "demo-examiner3", "演示考评员丙"}, {"auditor", "demo-auditor", "演示审计员"},
        {"candidate", "demo-candidate", "演示考生"},
    };
    std::vector<std::int64_t> proctors, examiners;
    std::int64_t candidate_id = 0;
    std::string candidate_login;
    for (const auto& a : kAccounts) {
      std::string password = RandomPassword();
      auto existing = ctx.store.FindUserByLogin(a.login);
      std::int64_t id = 0;
      if (existing.ok()) {
        id = existing->id.value();  // an interrupted earlier seeding: keep the account
      } else {
        KP_ASSIGN_OR_RETURN(
            store::UserRecord u,
            svc->CreateUser(admin, AccountInput{a.login, a.display, {a.role}}, password, false, "demo-seed"));
        id = u.id.value();
        Credential c{a.role, a.login, password, a.display};
        KP_RETURN_IF_ERROR(svc->PutDemoCredential(c));
        ctx.credentials.push_back(c);
      }
      std::string role = a.role;
      if (role == "proctor") proctors.push_back(id);
      if (role == "examiner") examiners.push_back(id);
      if (role == "candidate") {
        candidate_id = id;
        candidate_login = a.login;
      }
    }

    // An eligible 中级 candidate: five years in a related occupation (alternative 2 of 1.5.1).
    const TimePoint now = ctx.clock.Now();
    int month = delivery::MonthIndex(now) - 5 * 12;
    char from[16];
    std::snprintf(from, sizeof(from), "%04d-%02d", month / 12, month % 12 + 1);
    ProfileInput profile;
    profile.full_name = "演示考生";
    profile.id_number = kDemoIdNumber;
    profile.facts.education = "associate";
    profile.facts.field_related = true;
    profile.facts.work_history = {{"演示科技有限公司", "大模型部署工程师", from, "", true}};
    Actor candidate{candidate_id, candidate_login, "演示考生", {"candidate"}};
    KP_RETURN_IF_ERROR(svc->PutProfile(candidate, profile, "demo-seed").status());

    // Two plans of the same level, so a full journey (theory + skill → result) can be walked: the
    // 理论知识 exam and the 技能操作 (实操) exam, each with one room opening at the start of the
    // current hour, open for entry for 12 hours, staffed with 2 proctors and 3 examiners (the
    // skill panel must be an odd number of at least 3).
    std::int64_t now_ms = ToUnixMillis(now);
    struct DemoPlan {
      const char* kind;
      const char* title;
      const char* room;
      const char* room_name;
      int minutes;
      std::uint64_t seed;
      const char* paper_title;
    };
    static constexpr DemoPlan kPlans[] = {
        {"theory", "大模型部署工程师（中级）理论知识考试 · 演示", "A01", "第一考场", 90, 20260301,
         "大模型部署工程师（中级）理论知识 · 演示试卷"},
        {"skill", "大模型部署工程师（中级）技能操作考核 · 演示", "B01", "实操考场", 120, 20260302,
         "大模型部署工程师（中级）技能操作 · 演示试卷"},
    };
    for (const auto& dp : kPlans) {
      PlanInput plan;
      plan.spec.title = dp.title;
      plan.spec.standard = "llm-deploy-engineer";
      plan.spec.level = "mid";
      plan.spec.kind = dp.kind;
      plan.spec.duration_minutes = dp.minutes;
      plan.spec.rooms.push_back(
          delivery::RoomSpec{dp.room, dp.room_name, 30, now_ms - now_ms % 3'600'000, proctors, examiners});
      plan.entry_window_minutes = 12 * 60;
      KP_ASSIGN_OR_RETURN(PlanOutcome created, svc->CreatePlan(admin, plan, "demo-seed"));
      if (!created.plan) {
        const auto& v = created.violations.front();
        return FailedPrecondition("demo.plan_rejected", "the demo plan breaks a rule: " + v.message_en,
                                  "演示考试计划不符合规则：" + v.message_zh);
      }
      std::int64_t plan_id = created.plan->id;
      ctx.log.push_back("exam plan " + std::to_string(plan_id) + ": " + plan.spec.title + " (room " +
                        dp.room + ", 2 proctors, 3 examiners)");

      std::string paper_id = svc->FindDemoPaper(plan.spec.standard, plan.spec.level, plan.spec.kind);
      if (paper_id.empty() && ctx.bank) {
        // Assemble one from the sample bank the bank's seeder imported (practical tasks with
        // rubrics for the skill exam).
        AssembleParams ap;
        ap.standard = plan.spec.standard;
        ap.level = plan.spec.level;
        ap.exam_kind = plan.spec.kind;
        ap.seed = dp.seed;
        ap.save = true;
        ap.title = dp.paper_title;
        auto assembled = ctx.bank->Assemble(ap, admin);
        if (assembled.ok() && assembled->feasible && !assembled->papers.empty()) {
          paper_id = assembled->papers.front().id;
          ctx.log.push_back("assembled demo paper " + paper_id + " (" +
                            std::to_string(assembled->papers.front().items.size()) + " items)");
        } else {
          ctx.log.push_back("no demo " + std::string(dp.kind) + " paper: " +
                            (assembled.ok() ? std::string("assembly infeasible with the sample bank")
                                            : assembled.status().message()));
        }
      }
      if (!paper_id.empty()) {
        KP_RETURN_IF_ERROR(svc->AttachPaper(admin, plan_id, paper_id, "demo-seed").status());
        ctx.log.push_back("attached paper " + paper_id + " to exam plan " + std::to_string(plan_id));
      } else {
        ctx.log.push_back("exam plan " + std::to_string(plan_id) +
                          " has no paper yet: attach one with PUT /api/v1/plans/" + std::to_string(plan_id) +
                          "/paper");
      }
      KP_ASSIGN_OR_RETURN(store::RegistrationRecord reg, svc->Register(candidate, plan_id, "demo-seed"));
      ctx.log.push_back("registered demo-candidate for plan " + std::to_string(plan_id) + ": " +
                        std::string(store::RegistrationStatusName(reg.status)) +
                        (reg.ticket.empty() ? std::string() : ", admission ticket " + reg.ticket));
    }
    return Status();
  }
};

}  // namespace

std::unique_ptr<DemoSeeder> MakeDeliveryDemoSeeder() {
  return std::make_unique<DeliveryDemoSeeder>();
}

Result<std::vector<Credential>> ReadDemoCredentials(store::DeliveryStore& store, const PiiVault& pii) {
  KP_ASSIGN_OR_RETURN(auto rows, store.ListDemoCredentials());
  std::vector<Credential> out;
  for (const auto& r : rows) {
    KP_ASSIGN_OR_RETURN(std::string password, pii.Unseal(r.password_sealed));
    out.push_back(Credential{r.role, r.login, password, r.display_name});
  }
  return out;
}

}  // namespace kaoping::service
