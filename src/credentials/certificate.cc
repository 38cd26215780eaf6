#include "credentials/certificate.h"

#include <algorithm>

#include "base/name_uuid.h"
#include "credentials/data_integrity.h"
#include "credentials/dates.h"
#include "credentials/encoding.h"
#include "credentials/status_list.h"

namespace kaoping::credentials {

namespace {

using Json = nlohmann::json;
using standards::Pack;

constexpr std::string_view kVcV2Context = "https://www.w3.org/ns/credentials/v2";
constexpr std::string_view kOb303Context = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

Status UnknownLevel(const Pack& pack, std::string_view level) {
  return InvalidArgument("credentials.unknown_level",
                         "standard " + pack.id + " has no level \"" + std::string(level) + "\"",
                         "标准 " + pack.id + " 没有等级“" + std::string(level) + "”");
}

// The names of the exam subjects that apply at `level` ("理论知识、技能操作").
std::string SubjectsAt(const Pack& pack, const std::string& level) {
  std::string out;
  if (!pack.exam_rules) return out;
  for (const auto& s : pack.exam_rules->subjects) {
    if (!s.required) continue;
    if (!s.levels.empty() && std::find(s.levels.begin(), s.levels.end(), level) == s.levels.end()) continue;
    if (!out.empty()) out += "、";
    out += s.name;
  }
  return out;
}

Json HashedIdentity(std::string_view type, std::string_view value) {
  const std::string salt = HexEncode(RandomBytes(16));
  return Json{{"type", "IdentityObject"},
              {"identityType", type},
              {"hashed", true},
              {"identityHash", IdentityHash(value, salt)},
              {"salt", salt}};
}

}  // namespace

const char* RevocationReasonName(RevocationReason r) {
  switch (r) {
    case RevocationReason::kIssuedInError:
      return "issued_in_error";
    case RevocationReason::kMisconduct:
      return "misconduct";
    case RevocationReason::kHolderRequest:
      return "holder_request";
    case RevocationReason::kSuperseded:
      return "superseded";
    case RevocationReason::kOther:
      return "other";
  }
  return "other";
}

const char* RevocationReasonLabelZh(RevocationReason r) {
  switch (r) {
    case RevocationReason::kIssuedInError:
      return "错误签发";
    case RevocationReason::kMisconduct:
      return "违纪作弊";
    case RevocationReason::kHolderRequest:
      return "持证人申请";
    case RevocationReason::kSuperseded:
      return "已被新证书取代";
    case RevocationReason::kOther:
      return "其他原因";
  }
  return "其他原因";
}

std::optional<RevocationReason> ParseRevocationReason(std::string_view name) {
  for (auto r : {RevocationReason::kIssuedInError, RevocationReason::kMisconduct,
                 RevocationReason::kHolderRequest, RevocationReason::kSuperseded, RevocationReason::kOther}) {
    if (name == RevocationReasonName(r)) return r;
  }
  return std::nullopt;
}

std::string IdentityHash(std::string_view identity, std::string_view salt) {
  std::string input(identity);
  input += salt;
  return "sha256$" + HexEncode(Sha256(input));
}

std::string VerificationUrl(std::string_view public_url, std::string_view number) {
  return std::string(public_url) + "/verify/" + std::string(number);
}

Status FillStandardFields(const Pack& pack, std::string_view level_id, std::string_view direction_id,
                          CertificateRecord& record) {
  const auto* level = pack.FindLevel(std::string(level_id));
  if (level == nullptr) return UnknownLevel(pack, level_id);
  record.pack_id = pack.id;
  record.standard_title = pack.title.zh;
  record.standard_title_en = pack.title.en;
  record.level_id = level->id;
  record.level_name = level->name;
  record.level_name_en = level->en;
  record.direction_id.clear();
  record.direction_name.clear();
  if (!direction_id.empty()) {
    const auto* dir = pack.FindDirection(std::string(direction_id));
    if (dir == nullptr) {
      return InvalidArgument(
          "credentials.unknown_direction",
          "standard " + pack.id + " has no direction \"" + std::string(direction_id) + "\"",
          "标准 " + pack.id + " 没有方向“" + std::string(direction_id) + "”");
    }
    record.direction_id = dir->id;
    record.direction_name = dir->name;
  }
  return Status();
}

Result<nlohmann::json> BuildOpenBadgeCredential(const CertificateRecord& record, const Holder& holder,
                                                const Pack& pack, std::string_view public_url) {
  const auto* level = pack.FindLevel(record.level_id);
  if (level == nullptr) return UnknownLevel(pack, record.level_id);
  const std::string base(public_url);
  const std::string case_base = base + "/ims/case/v1p0";
  const std::string level_label =
      record.level_name + (record.direction_name.empty() ? "" : "（" + record.direction_name + "方向）");

  Json alignment = Json::array();
  const std::string level_uuid = NameUuid("kaoping:" + pack.id + ":level:" + level->id);
  alignment.push_back(Json{{"type", Json::array({"Alignment"})},
                           {"targetType", "CFItem"},
                           {"targetName", level->name},
                           {"targetFramework", pack.title.zh},
                           {"targetCode", level_uuid},
                           {"targetUrl", case_base + "/CFItems/" + level_uuid}});
  if (!record.direction_id.empty() && pack.FindWork(level->id, record.direction_id) != nullptr) {
    const std::string dir_uuid =
        NameUuid("kaoping:" + pack.id + ":level:" + level->id + ":direction:" + record.direction_id);
    alignment.push_back(Json{{"type", Json::array({"Alignment"})},
                             {"targetType", "CFItem"},
                             {"targetName", record.level_name + " · " + record.direction_name},
                             {"targetFramework", pack.title.zh},
                             {"targetCode", dir_uuid},
                             {"targetUrl", case_base + "/CFItems/" + dir_uuid}});
  }
  const std::string doc_uuid = NameUuid("kaoping:" + pack.id);
  alignment.push_back(Json{{"type", Json::array({"Alignment"})},
                           {"targetName", pack.title.zh},
                           {"targetCode", doc_uuid},
                           {"targetUrl", case_base + "/CFDocuments/" + doc_uuid}});

  std::string narrative = "依据《" + pack.title.zh + "》，通过" + level_label + "等级评价";
  if (const std::string subjects = SubjectsAt(pack, level->id); !subjects.empty()) {
    narrative += "，" + subjects + "均达到合格标准";
  }
  narrative += "。";
  if (level->description && !level->description->text.empty()) {
    narrative += "等级要求：" + level->description->text;
  }

  Json achievement{
      {"id", base + "/achievements/" + pack.id + "/" + level->id},
      {"type", Json::array({"Achievement"})},
      {"achievementType", "Certification"},
      {"name", pack.short_name.zh.empty() ? pack.title.zh + " " + level->name
                                          : pack.short_name.zh + " " + level->name},
      {"description", pack.title.zh + " " + level_label + "职业能力等级证书" +
                          (pack.title.en.empty() ? "" : " / " + pack.title.en + " — " + level->en)},
      {"humanCode", record.number},
      {"criteria", {{"narrative", narrative}}},
      {"alignment", alignment}};
  if (!record.direction_name.empty()) achievement["fieldOfStudy"] = record.direction_name;

  Json identifier = Json::array();
  identifier.push_back(Json{{"type", "IdentityObject"},
                            {"identityType", "name"},
                            {"hashed", false},
                            {"identityHash", holder.name}});
  if (!holder.email.empty()) identifier.push_back(HashedIdentity("emailAddress", holder.email));
  if (!holder.national_id.empty())
    identifier.push_back(HashedIdentity("nationalIdentityNumber", holder.national_id));

  Json subject{{"type", Json::array({"AchievementSubject"})},
               {"identifier", identifier},
               {"achievement", achievement}};
  if (!holder.subject_id.empty()) subject["id"] = holder.subject_id;

  Json vc{{"@context", Json::array({kVcV2Context, kOb303Context})},
          {"id", record.credential_id},
          {"type", Json::array({"VerifiableCredential", "OpenBadgeCredential"})},
          {"issuer",
           {{"id", record.issuer_id},
            {"type", Json::array({"Profile"})},
            {"name", record.issuer_name},
            {"url", base}}},
          {"validFrom", FormatIsoUtc(record.valid_from)},
          {"validUntil", FormatIsoUtc(record.valid_until)},
          {"name", "职业能力等级证书 / Certificate: " + achievement["name"].get<std::string>()},
          {"description",
           "证书编号 " + record.number + "，验证地址 " + VerificationUrl(public_url, record.number)},
          {"credentialSubject", subject},
          {"credentialStatus", MakeStatusEntry(record.status_list_url, record.status_index)}};
  if (!record.renews.empty()) {
    vc["evidence"] =
        Json::array({Json{{"id", VerificationUrl(public_url, record.renews)},
                          {"type", Json::array({"Evidence"})},
                          {"name", "续期前证书 " + record.renews + " / Renews certificate " + record.renews},
                          {"genre", "Renewal"}}});
  }
  return vc;
}

Result<nlohmann::json> IssueCredential(const CertificateRecord& record, const Holder& holder,
                                       const Pack& pack, std::string_view public_url, const Ed25519Key& key,
                                       TimePoint now, Cryptosuite suite) {
  if (record.issuer_id != key.Did()) {
    return FailedPrecondition("credentials.issuer_mismatch",
                              "the record's issuer is not the signing key's DID",
                              "证书记录的签发者与签名密钥不一致");
  }
  KP_ASSIGN_OR_RETURN(Json vc, BuildOpenBadgeCredential(record, holder, pack, public_url));
  return AddProof(std::move(vc), key, now, suite);
}

}  // namespace kaoping::credentials
