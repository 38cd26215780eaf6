#include "service/certificate_lookups.h"

#include <utility>

namespace kaoping::service {

namespace {

Status NoResults() {
  return FailedPrecondition("certificates.no_results",
                            "results are not available to the certificate service (scoring is not connected)",
                            "证书服务尚未接入成绩数据（评分模块未连接）");
}

}  // namespace

SubjectLookup SubjectFromProfiles(ResultFactsLookup facts, store::DeliveryStore* delivery,
                                  store::Store* users, std::shared_ptr<const PiiVault> pii) {
  return [facts = std::move(facts), delivery, users,
          pii = std::move(pii)](std::int64_t result_id) -> Result<CertificateSubject> {
    KP_ASSIGN_OR_RETURN(ResultFacts f, facts(result_id));
    CertificateSubject s;
    s.user_id = f.user_id;
    s.pack_id = std::move(f.pack_id);
    s.level = std::move(f.level);
    s.direction = std::move(f.direction);
    s.passed = f.passed;
    s.published = f.published;
    auto profile = delivery->GetProfile(f.user_id);
    if (profile.ok()) {
      s.holder_name = profile->full_name;
      if (!profile->id_number_sealed.empty()) {
        KP_ASSIGN_OR_RETURN(s.national_id, pii->Unseal(profile->id_number_sealed));
      }
      return s;
    }
    if (profile.status().reason() != "profile.not_found") return profile.status();
    KP_ASSIGN_OR_RETURN(store::UserRecord user, users->GetUser(store::UserId(f.user_id)));
    s.holder_name = user.display_name;
    return s;
  };
}

SubjectLookup UnboundSubjectLookup() {
  return [](std::int64_t) -> Result<CertificateSubject> { return NoResults(); };
}

PlanResultsLookup UnboundPlanResultsLookup() {
  return [](std::int64_t) -> Result<std::vector<std::int64_t>> { return NoResults(); };
}

ResultFactsLookup FactsFromScoringStore(store::ScoringStore* results) {
  return [results](std::int64_t result_id) -> Result<ResultFacts> {
    KP_ASSIGN_OR_RETURN(store::ResultRow row, results->GetResult(result_id));
    return ResultFacts{row.user_id,   row.standard, row.level,
                       row.direction, row.passed,   row.state == "published"};
  };
}

PlanResultsLookup PlanResultsFromScoringStore(store::ScoringStore* results) {
  return [results](std::int64_t plan_id) -> Result<std::vector<std::int64_t>> {
    std::vector<std::int64_t> out;
    store::ResultFilter f;
    f.plan_id = plan_id;
    f.state = "published";
    while (true) {
      KP_ASSIGN_OR_RETURN(std::vector<store::ResultRow> rows, results->ListResults(f));
      for (const auto& r : rows) {
        if (r.passed) out.push_back(r.id);
      }
      if (rows.size() < static_cast<std::size_t>(f.limit)) break;
      f.after_id = rows.back().id;
    }
    return out;
  };
}

std::function<std::optional<std::string>(std::int64_t)> CertificateNumberOfResult(
    store::CertificateStore* certificates) {
  return [certificates](std::int64_t result_id) -> std::optional<std::string> {
    auto row = certificates->FindByResult(result_id);
    if (!row.ok() || !*row) return std::nullopt;
    return (*row)->number;
  };
}

CertificateLookups BindCertificateLookups(const CertificateLookupSources& sources) {
  CertificateLookups out;
  out.subject = sources.facts
                    ? SubjectFromProfiles(sources.facts, sources.delivery, sources.users, sources.pii)
                    : UnboundSubjectLookup();
  out.plan_results = sources.plan_results ? sources.plan_results : UnboundPlanResultsLookup();
  return out;
}

}  // namespace kaoping::service
