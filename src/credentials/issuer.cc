#include "credentials/issuer.h"

#include <cctype>

#include "credentials/dates.h"
#include "credentials/encoding.h"

namespace kaoping::credentials {

namespace {

std::string AlnumUpper(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

Status BadRequest(const std::string& en, const std::string& zh) {
  return InvalidArgument("credentials.request", en, zh);
}

}  // namespace

std::string StandardCode(const IssuerConfig& config, const std::string& pack_id) {
  if (auto it = config.standard_codes.find(pack_id); it != config.standard_codes.end()) return it->second;
  std::string out;
  bool word_start = true;
  for (char c : pack_id) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isdigit(u)) {
      out += c;
      word_start = false;
    } else if (std::isalpha(u)) {
      if (word_start) out += static_cast<char>(std::toupper(u));
      word_start = false;
    } else {
      word_start = true;
    }
  }
  if (out.size() > 12) out.resize(12);
  return out.empty() ? "STD" : out;
}

std::string StatusListUrl(const IssuerConfig& config) {
  std::string base = config.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + config.status_list_path;
}

std::string LevelCode(const IssuerConfig& config, const std::string& level_id) {
  if (auto it = config.level_codes.find(level_id); it != config.level_codes.end()) return it->second;
  if (level_id == "junior") return "J";
  if (level_id == "mid") return "M";
  if (level_id == "senior") return "S";
  std::string out = AlnumUpper(level_id);
  if (out.size() > 12) out.resize(12);
  return out.empty() ? "L" : out;
}

CertificateIssuer::CertificateIssuer(IssuerConfig config, NumberScheme scheme, Ed25519Key key,
                                     SerialAllocator* serials, StatusList* status_list, const Clock* clock)
    : config_(std::move(config)),
      scheme_(std::move(scheme)),
      key_(std::move(key)),
      did_(key_.Did()),
      serials_(serials),
      status_list_(status_list),
      clock_(clock) {}

Result<std::unique_ptr<CertificateIssuer>> CertificateIssuer::Create(IssuerConfig config, Ed25519Key key,
                                                                     SerialAllocator* serials,
                                                                     StatusList* status_list,
                                                                     const Clock* clock) {
  while (!config.public_url.empty() && config.public_url.back() == '/') config.public_url.pop_back();
  if (config.public_url.empty() || config.issuer_name.empty() || config.validity_years < 1 ||
      serials == nullptr || status_list == nullptr || clock == nullptr) {
    return InvalidArgument("credentials.config",
                           "certificates need public_url, issuer_name and validity_years ≥ 1",
                           "证书配置需要 public_url、issuer_name，且 validity_years 至少为 1");
  }
  if (status_list->url() != StatusListUrl(config)) {
    return InvalidArgument(
        "credentials.config",
        "the status list's URL " + status_list->url() + " is not " + StatusListUrl(config),
        "状态列表地址 " + status_list->url() + " 与配置不符（应为 " + StatusListUrl(config) + "）");
  }
  KP_ASSIGN_OR_RETURN(NumberScheme scheme, NumberScheme::Parse(config.number_pattern));
  return std::unique_ptr<CertificateIssuer>(new CertificateIssuer(
      std::move(config), std::move(scheme), std::move(key), serials, status_list, clock));
}

Status CertificateIssuer::CheckRequest(const IssueRequest& r) const {
  if (r.pack == nullptr) return BadRequest("the request names no standard", "签发请求未指定标准");
  if (r.holder.name.empty()) return BadRequest("the holder's name is empty", "持证人姓名为空");
  CertificateRecord scratch;
  KP_RETURN_IF_ERROR(FillStandardFields(*r.pack, r.level_id, r.direction_id, scratch));
  if (r.valid_from && r.valid_until && *r.valid_until <= *r.valid_from) {
    return BadRequest("validUntil must be after validFrom", "有效期截止时间必须晚于生效时间");
  }
  // The number's codes must fit the scheme.
  NumberFields f{StandardCode(config_, r.pack->id), LevelCode(config_, r.level_id), 2000, 1};
  return scheme_.Format(f).status();
}

Result<IssuedCertificate> CertificateIssuer::IssueChecked(const IssueRequest& r, const std::string& renews) {
  const TimePoint now = clock_->Now();
  IssuedCertificate out;
  CertificateRecord& rec = out.record;
  KP_RETURN_IF_ERROR(FillStandardFields(*r.pack, r.level_id, r.direction_id, rec));
  rec.holder_name = r.holder.name;
  rec.valid_from = r.valid_from.value_or(now);
  rec.valid_until = r.valid_until.value_or(AddYears(rec.valid_from, config_.validity_years));
  rec.issuer_id = did_;
  rec.issuer_name = config_.issuer_name;
  rec.credential_id = RandomUrnUuid();
  rec.renews = renews;
  rec.status_list_url = status_list_->url();

  NumberFields f{StandardCode(config_, r.pack->id), LevelCode(config_, r.level_id), YearOf(rec.valid_from),
                 0};
  {
    std::lock_guard lock(mu_);
    KP_ASSIGN_OR_RETURN(f.serial, serials_->Allocate(scheme_.ScopeKey(f), scheme_.max_serial()));
    KP_ASSIGN_OR_RETURN(rec.status_index, status_list_->AllocateIndex());
  }
  KP_ASSIGN_OR_RETURN(rec.number, scheme_.Format(f));
  KP_ASSIGN_OR_RETURN(out.credential, IssueCredential(rec, r.holder, *r.pack, config_.public_url, key_, now,
                                                      config_.cryptosuite));
  return out;
}

Result<IssuedCertificate> CertificateIssuer::Issue(const IssueRequest& request) {
  KP_RETURN_IF_ERROR(CheckRequest(request));
  return IssueChecked(request, "");
}

Result<std::vector<IssuedCertificate>> CertificateIssuer::IssueBatch(
    const std::vector<IssueRequest>& requests) {
  for (std::size_t i = 0; i < requests.size(); ++i) {
    Status s = CheckRequest(requests[i]);
    if (!s.ok()) {
      return s.WithContext("batch request #" + std::to_string(i + 1),
                           "批量签发第 " + std::to_string(i + 1) + " 条");
    }
  }
  std::vector<IssuedCertificate> out;
  out.reserve(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    auto issued = IssueChecked(requests[i], "");
    if (!issued.ok()) {
      return issued.status().WithContext("batch request #" + std::to_string(i + 1),
                                         "批量签发第 " + std::to_string(i + 1) + " 条");
    }
    out.push_back(std::move(issued).value());
  }
  return out;
}

Result<IssuedCertificate> CertificateIssuer::Renew(const CertificateRecord& old, const Holder& holder,
                                                   const standards::Pack& pack,
                                                   std::optional<TimePoint> valid_until) {
  bool revoked = old.revocation.has_value();
  {
    std::lock_guard lock(mu_);
    revoked =
        revoked || (old.status_list_url == status_list_->url() && status_list_->IsRevoked(old.status_index));
  }
  if (revoked) {
    return FailedPrecondition("credentials.renew_revoked", "a revoked certificate cannot be renewed",
                              "已吊销的证书不能续期");
  }
  if (old.pack_id != pack.id) {
    return BadRequest("renewal must use the certificate's own standard " + old.pack_id,
                      "续期必须使用原证书的标准 " + old.pack_id);
  }
  if (holder.name != old.holder_name) {
    return BadRequest("the holder's name differs from the certificate's", "持证人姓名与原证书不一致");
  }
  // The new period starts now; the old certificate stays valid until its own validUntil.
  IssueRequest r{holder, &pack, old.level_id, old.direction_id, clock_->Now(), valid_until};
  KP_RETURN_IF_ERROR(CheckRequest(r));
  return IssueChecked(r, old.number);
}

Result<nlohmann::json> CertificateIssuer::Revoke(CertificateRecord& record, RevocationReason reason,
                                                 std::string note) {
  const TimePoint now = clock_->Now();
  std::lock_guard lock(mu_);
  if (record.status_list_url != status_list_->url()) {
    return FailedPrecondition("credentials.foreign_list", "the certificate is on another status list",
                              "该证书不在本状态列表中");
  }
  KP_RETURN_IF_ERROR(status_list_->Revoke(record.status_index));
  record.revocation = Revocation{reason, std::move(note), now};
  return status_list_->SignedCredential(key_, now, config_.cryptosuite);
}

Result<nlohmann::json> CertificateIssuer::StatusListCredential() const {
  const TimePoint now = clock_->Now();
  std::lock_guard lock(mu_);
  return status_list_->SignedCredential(key_, now, config_.cryptosuite);
}

}  // namespace kaoping::credentials
