#include "credentials/verify.h"

#include "credentials/data_integrity.h"
#include "credentials/dates.h"
#include "credentials/json_util.h"

namespace kaoping::credentials {

namespace {

using Json = nlohmann::json;
using internal::HasValue;
using internal::Member;
using internal::Str;

constexpr std::string_view kVcV2Context = "https://www.w3.org/ns/credentials/v2";

void SetState(PublicVerification& v, CertificateState state, std::string reason, std::string en,
              std::string zh) {
  v.state = state;
  v.reason = std::move(reason);
  v.message = std::move(en);
  v.message_zh = std::move(zh);
}

void SetState(PublicVerification& v, CertificateState state, const Status& s) {
  SetState(v, state, s.reason(), s.message(), s.message_zh());
}

// Splits UTF-8 into code points (each as its bytes); invalid bytes count as one each.
std::vector<std::string_view> CodePoints(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    if (i + len > s.size()) len = 1;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

std::string MaskWord(std::string_view word) {
  const auto cps = CodePoints(word);
  if (cps.size() <= 1) return std::string(word);
  std::string out(cps.front());
  if (cps.size() == 2) return out + "*";
  out.append(cps.size() - 2, '*');
  out += cps.back();
  return out;
}

void CheckValidity(PublicVerification& v, TimePoint valid_from, TimePoint valid_until, TimePoint now) {
  if (now < valid_from) {
    SetState(v, CertificateState::kInvalid, "credentials.not_yet_valid", "the certificate is not valid yet",
             "证书尚未生效");
  } else if (now >= valid_until) {
    SetState(v, CertificateState::kExpired, "credentials.expired",
             "the certificate expired on " + v.valid_until, "证书已于 " + v.valid_until + " 过期");
  } else {
    SetState(v, CertificateState::kValid, "", "the certificate is valid", "证书有效");
  }
}

void SetRevoked(PublicVerification& v, const std::optional<Revocation>& revocation) {
  const RevocationReason reason = revocation ? revocation->reason : RevocationReason::kOther;
  v.revocation_reason = RevocationReasonName(reason);
  v.revocation_reason_zh = RevocationReasonLabelZh(reason);
  if (revocation) v.revoked_at = FormatDate(revocation->at);
  SetState(v, CertificateState::kRevoked, "credentials.revoked",
           std::string("the certificate has been revoked (") + RevocationReasonName(reason) + ")",
           std::string("证书已被吊销（") + RevocationReasonLabelZh(reason) + "）");
}

}  // namespace

const char* CertificateStateName(CertificateState s) {
  switch (s) {
    case CertificateState::kValid:
      return "valid";
    case CertificateState::kExpired:
      return "expired";
    case CertificateState::kRevoked:
      return "revoked";
    case CertificateState::kInvalid:
      return "invalid";
    case CertificateState::kUnknown:
      return "unknown";
  }
  return "unknown";
}

const char* CertificateStateLabelZh(CertificateState s) {
  switch (s) {
    case CertificateState::kValid:
      return "有效";
    case CertificateState::kExpired:
      return "已过期";
    case CertificateState::kRevoked:
      return "已吊销";
    case CertificateState::kInvalid:
      return "无效";
    case CertificateState::kUnknown:
      return "未知";
  }
  return "未知";
}

nlohmann::json PublicVerification::ToJson() const {
  Json out{{"state", CertificateStateName(state)}, {"state_zh", CertificateStateLabelZh(state)}};
  auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) out[key] = value;
  };
  put("reason", reason);
  put("message", message);
  put("message_zh", message_zh);
  put("number", number);
  put("holder_masked", holder_masked);
  put("standard", standard);
  put("level", level);
  put("direction", direction);
  put("valid_from", valid_from);
  put("valid_until", valid_until);
  put("issuer", issuer);
  put("issuer_id", issuer_id);
  put("revocation_reason", revocation_reason);
  put("revocation_reason_zh", revocation_reason_zh);
  put("revoked_at", revoked_at);
  put("renews", renews);
  return out;
}

std::string MaskName(std::string_view name) {
  std::string out;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t space = name.find(' ', start);
    if (space == std::string_view::npos) space = name.size();
    if (start > 0) out += ' ';
    out += MaskWord(name.substr(start, space - start));
    start = space + 1;
  }
  return out;
}

PublicVerification VerifyRecord(const CertificateRecord* record, const StatusBitstring* revoked_bits,
                                TimePoint now) {
  PublicVerification v;
  if (record == nullptr) {
    SetState(v, CertificateState::kUnknown, "credentials.not_found", "no certificate has this number",
             "未找到该编号的证书");
    return v;
  }
  v.number = record->number;
  v.holder_masked = MaskName(record->holder_name);
  v.standard = record->standard_title;
  v.level = record->level_name;
  v.direction = record->direction_name;
  v.valid_from = FormatDate(record->valid_from);
  v.valid_until = FormatDate(record->valid_until);
  v.issuer = record->issuer_name;
  v.issuer_id = record->issuer_id;
  v.renews = record->renews;
  if (record->revocation || (revoked_bits != nullptr && record->status_index < revoked_bits->size() &&
                             revoked_bits->Get(record->status_index))) {
    SetRevoked(v, record->revocation);
    return v;
  }
  if (revoked_bits == nullptr) {
    SetState(v, CertificateState::kUnknown, "credentials.status_unavailable",
             "the revocation list is unavailable; the status cannot be confirmed",
             "吊销状态列表不可用，无法确认证书状态");
    return v;
  }
  CheckValidity(v, record->valid_from, record->valid_until, now);
  return v;
}

PublicVerification VerifyCredential(const nlohmann::json& credential,
                                    const StatusListFetcher& fetch_status_list, TimePoint now,
                                    const std::set<std::string, std::less<>>& trusted_issuers) {
  PublicVerification v;
  auto malformed = [&](const std::string& en, const std::string& zh) {
    SetState(v, CertificateState::kInvalid, "credentials.malformed",
             "not an Open Badges 3.0 credential: " + en, "不是有效的 Open Badges 3.0 凭证：" + zh);
    return v;
  };
  if (!credential.is_object()) return malformed("not a JSON object", "不是 JSON 对象");

  // Public fields first, so even a failed check can say which certificate it was about.
  const Json& subject = Member(credential, "credentialSubject");
  const Json& achievement = Member(subject, "achievement");
  v.number = Str(achievement, "humanCode");
  for (const auto& id :
       Member(subject, "identifier").is_array() ? Member(subject, "identifier") : Json::array()) {
    if (Str(id, "identityType") == "name" && Member(id, "hashed") == false)
      v.holder_masked = MaskName(Str(id, "identityHash"));
  }
  for (const auto& a :
       Member(achievement, "alignment").is_array() ? Member(achievement, "alignment") : Json::array()) {
    if (Str(a, "targetType") == "CFItem" && v.level.empty()) {
      v.level = Str(a, "targetName");
      v.standard = Str(a, "targetFramework");
    }
  }
  v.direction = Str(achievement, "fieldOfStudy");
  const Json& issuer = Member(credential, "issuer");
  const std::string issuer_id = issuer.is_string() ? issuer.get<std::string>() : Str(issuer, "id");
  v.issuer = Str(issuer, "name");
  v.issuer_id = issuer_id;

  const Json& context = Member(credential, "@context");
  if (!context.is_array() || context.empty() || context[0] != kVcV2Context) {
    return malformed("@context must start with " + std::string(kVcV2Context),
                     "@context 必须以 VC 2.0 上下文开头");
  }
  const Json& type = Member(credential, "type");
  if (!HasValue(type, "VerifiableCredential") ||
      !(HasValue(type, "OpenBadgeCredential") || HasValue(type, "AchievementCredential"))) {
    return malformed("type must include VerifiableCredential and OpenBadgeCredential",
                     "type 必须包含 VerifiableCredential 与 OpenBadgeCredential");
  }
  if (!subject.is_object() || (!subject.contains("id") && !subject.contains("identifier"))) {
    return malformed("credentialSubject needs an id or an identifier",
                     "credentialSubject 必须包含 id 或 identifier");
  }
  auto valid_from = ParseIsoDateTime(Str(credential, "validFrom"));
  if (!valid_from.ok()) return malformed("validFrom is missing or malformed", "validFrom 缺失或格式错误");
  std::optional<TimePoint> valid_until;
  if (credential.contains("validUntil")) {
    auto t = ParseIsoDateTime(Str(credential, "validUntil"));
    if (!t.ok()) return malformed("validUntil is malformed", "validUntil 格式错误");
    valid_until = *t;
  }
  v.valid_from = FormatDate(*valid_from);
  if (valid_until) v.valid_until = FormatDate(*valid_until);

  auto proof = VerifyProof(credential);
  if (!proof.ok()) {
    SetState(v, CertificateState::kInvalid, proof.status());
    return v;
  }
  if (proof->controller != issuer_id) {
    SetState(v, CertificateState::kInvalid, "credentials.issuer_mismatch",
             "the credential was not signed by its issuer", "凭证并非由其声明的签发者签名");
    return v;
  }
  if (!trusted_issuers.empty() && trusted_issuers.find(issuer_id) == trusted_issuers.end()) {
    SetState(v, CertificateState::kInvalid, "credentials.untrusted_issuer",
             "the issuer " + issuer_id + " is not a trusted issuer",
             "签发者 " + issuer_id + " 不是受信任的发证机构");
    return v;
  }

  auto entry = ParseStatusEntry(credential);
  if (!entry.ok()) {
    SetState(v, CertificateState::kInvalid, entry.status());
    return v;
  }
  auto list_credential = fetch_status_list
                             ? fetch_status_list(entry->list_url)
                             : Result<Json>(Unavailable("credentials.status_unavailable", "no fetcher"));
  if (!list_credential.ok()) {
    SetState(v, CertificateState::kUnknown, "credentials.status_unavailable",
             "the revocation list " + entry->list_url +
                 " could not be obtained: " + list_credential.status().message(),
             "无法获取吊销状态列表 " + entry->list_url);
    return v;
  }
  auto bits = OpenStatusListCredential(*list_credential, issuer_id, entry->purpose);
  if (!bits.ok()) {
    SetState(v, CertificateState::kUnknown, bits.status());
    return v;
  }
  if (entry->index >= bits->size()) {
    SetState(v, CertificateState::kInvalid, "credentials.status_entry",
             "statusListIndex is beyond the status list", "statusListIndex 超出状态列表范围");
    return v;
  }
  if (bits->Get(entry->index)) {
    // The list holds only the bit; the reason is in the issuer's record (VerifyRecord).
    SetState(v, CertificateState::kRevoked, "credentials.revoked", "the certificate has been revoked",
             "证书已被吊销");
    return v;
  }
  CheckValidity(v, *valid_from, valid_until.value_or(TimePoint::max()), now);
  return v;
}

}  // namespace kaoping::credentials
