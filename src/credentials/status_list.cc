#include "credentials/status_list.h"

#include <algorithm>
#include <bit>
#include <charconv>

#include <sodium.h>

#include "credentials/data_integrity.h"
#include "credentials/dates.h"
#include "credentials/encoding.h"
#include "credentials/json_util.h"

namespace kaoping::credentials {

namespace {

using Json = nlohmann::json;
using internal::HasValue;
using internal::Member;
using internal::Str;

constexpr std::string_view kVcV2Context = "https://www.w3.org/ns/credentials/v2";

Status ListInvalid(const std::string& en, const std::string& zh) {
  return InvalidArgument("credentials.status_list_invalid", "status list credential: " + en,
                         "状态列表凭证：" + zh);
}

}  // namespace

StatusBitstring::StatusBitstring(std::size_t bits)
    : bytes_((std::max(bits, kMinStatusListBits) + 7) / 8, '\0') {}

bool StatusBitstring::Get(std::size_t index) const {
  return (static_cast<unsigned char>(bytes_[index / 8]) >> (7 - index % 8)) & 1;
}

void StatusBitstring::Set(std::size_t index, bool value) {
  auto& b = reinterpret_cast<unsigned char&>(bytes_[index / 8]);
  const auto mask = static_cast<unsigned char>(0x80u >> (index % 8));
  b = static_cast<unsigned char>(value ? (b | mask) : (b & ~mask));
}

std::size_t StatusBitstring::CountSet() const {
  std::size_t n = 0;
  for (char c : bytes_) n += static_cast<std::size_t>(std::popcount(static_cast<unsigned char>(c)));
  return n;
}

Result<std::string> StatusBitstring::Encode() const {
  KP_ASSIGN_OR_RETURN(std::string gz, Gzip(bytes_));
  return MultibaseBase64Url(gz);
}

Result<StatusBitstring> StatusBitstring::Decode(std::string_view encoded_list) {
  if (!encoded_list.empty() && encoded_list[0] == 'u') encoded_list.remove_prefix(1);
  auto gz = Base64UrlDecode(encoded_list);
  if (!gz.ok()) {
    return InvalidArgument("credentials.status_list_encoding", "encodedList is not base64url",
                           "encodedList 不是 base64url 编码");
  }
  auto raw = Gunzip(*gz, kMaxStatusListBits / 8);
  if (!raw.ok()) {
    if (raw.status().code() == StatusCode::kResourceExhausted) return raw.status();
    return InvalidArgument("credentials.status_list_encoding", "encodedList is not GZIP data",
                           "encodedList 不是 GZIP 数据");
  }
  if (raw->size() * 8 < kMinStatusListBits) {
    return InvalidArgument(
        "credentials.status_list_short",
        "the status list has " + std::to_string(raw->size() * 8) + " bits, fewer than 131072",
        "状态列表只有 " + std::to_string(raw->size() * 8) + " 位，少于规范要求的 131072 位");
  }
  StatusBitstring out(0);
  out.bytes_ = std::move(raw).value();
  return out;
}

Result<StatusEntry> ParseStatusEntry(const nlohmann::json& credential) {
  const Json& cs = Member(credential, "credentialStatus");
  const Json* entry = nullptr;
  if (cs.is_object()) {
    entry = &cs;
  } else if (cs.is_array()) {
    for (const auto& e : cs) {
      if (Str(e, "type") == "BitstringStatusListEntry" && Str(e, "statusPurpose") == "revocation") entry = &e;
    }
  }
  if (entry == nullptr) {
    return NotFound("credentials.status_missing", "the credential has no revocation status entry",
                    "凭证没有吊销状态条目");
  }
  auto bad = [](const std::string& en, const std::string& zh) {
    return InvalidArgument("credentials.status_entry", "credentialStatus: " + en, "credentialStatus：" + zh);
  };
  if (Str(*entry, "type") != "BitstringStatusListEntry") {
    return bad("type must be BitstringStatusListEntry", "type 必须为 BitstringStatusListEntry");
  }
  StatusEntry out;
  out.list_url = Str(*entry, "statusListCredential");
  out.purpose = Str(*entry, "statusPurpose");
  if (out.list_url.empty() || out.purpose.empty()) {
    return bad("statusListCredential and statusPurpose are required",
               "缺少 statusListCredential 或 statusPurpose");
  }
  const Json& idx = Member(*entry, "statusListIndex");
  if (idx.is_string()) {
    const std::string& s = idx.get_ref<const std::string&>();
    std::uint64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) {
      return bad("statusListIndex must be a non-negative integer", "statusListIndex 必须为非负整数");
    }
    out.index = static_cast<std::size_t>(v);
  } else if (idx.is_number_unsigned() || (idx.is_number_integer() && idx.get<std::int64_t>() >= 0)) {
    out.index = static_cast<std::size_t>(idx.get<std::uint64_t>());
  } else {
    return bad("statusListIndex must be a non-negative integer", "statusListIndex 必须为非负整数");
  }
  if (out.index >= kMaxStatusListBits) {
    return bad("statusListIndex is out of range", "statusListIndex 超出范围");
  }
  return out;
}

nlohmann::json MakeStatusEntry(std::string_view list_url, std::size_t index) {
  return Json{{"id", std::string(list_url) + "#" + std::to_string(index)},
              {"type", "BitstringStatusListEntry"},
              {"statusPurpose", "revocation"},
              {"statusListIndex", std::to_string(index)},
              {"statusListCredential", std::string(list_url)}};
}

Result<StatusBitstring> OpenStatusListCredential(const nlohmann::json& list_credential,
                                                 std::string_view expected_issuer, std::string_view purpose) {
  KP_ASSIGN_OR_RETURN(VerifiedProof proof, VerifyProof(list_credential));
  if (!HasValue(Member(list_credential, "type"), "BitstringStatusListCredential")) {
    return ListInvalid("type must include BitstringStatusListCredential",
                       "type 必须包含 BitstringStatusListCredential");
  }
  const Json& issuer = Member(list_credential, "issuer");
  const std::string issuer_id = issuer.is_string() ? issuer.get<std::string>() : Str(issuer, "id");
  if (issuer_id != expected_issuer || proof.controller != issuer_id) {
    return PermissionDenied("credentials.status_list_issuer",
                            "the status list is not issued and signed by the credential's issuer",
                            "状态列表并非由该凭证的签发者签发");
  }
  const Json& subject = Member(list_credential, "credentialSubject");
  if (Str(subject, "type") != "BitstringStatusList") {
    return ListInvalid("credentialSubject.type must be BitstringStatusList",
                       "credentialSubject.type 必须为 BitstringStatusList");
  }
  if (Str(subject, "statusPurpose") != purpose) {
    return ListInvalid("statusPurpose must be " + std::string(purpose),
                       "statusPurpose 必须为 " + std::string(purpose));
  }
  return StatusBitstring::Decode(Str(subject, "encodedList"));
}

StatusList::StatusList(std::string url, std::size_t bits)
    : url_(std::move(url)), revoked_(bits), allocated_(bits) {}

Result<StatusList> StatusList::Restore(std::string url, std::string_view encoded_revoked,
                                       std::string_view encoded_allocated) {
  KP_ASSIGN_OR_RETURN(StatusBitstring revoked, StatusBitstring::Decode(encoded_revoked));
  KP_ASSIGN_OR_RETURN(StatusBitstring allocated, StatusBitstring::Decode(encoded_allocated));
  if (revoked.size() != allocated.size()) {
    return InvalidArgument("credentials.status_list_state", "revoked and allocated lists differ in size",
                           "吊销位图与分配位图大小不一致");
  }
  StatusList list(std::move(url), revoked.size());
  for (std::size_t i = 0; i < revoked.size(); ++i) {
    if (revoked.Get(i) && !allocated.Get(i)) {
      return InvalidArgument("credentials.status_list_state",
                             "index " + std::to_string(i) + " is revoked but was never allocated",
                             "索引 " + std::to_string(i) + " 已吊销却从未分配");
    }
  }
  list.allocated_count_ = allocated.CountSet();
  list.revoked_ = std::move(revoked);
  list.allocated_ = std::move(allocated);
  return list;
}

Result<std::size_t> StatusList::AllocateIndex() {
  const std::size_t n = allocated_.size();
  if (allocated_count_ >= n) {
    return ResourceExhausted("credentials.status_list_full", "the status list " + url_ + " has no free index",
                             "状态列表 " + url_ + " 已无空闲索引");
  }
  auto uniform = [](std::size_t bound) {
    static const int kSodiumReady = sodium_init();
    (void)kSodiumReady;
    return static_cast<std::size_t>(randombytes_uniform(static_cast<std::uint32_t>(bound)));
  };
  std::size_t index = uniform(n);
  // Random probes while the list is sparse; then a scan from the random start.
  for (int probe = 0; probe < 32 && allocated_.Get(index); ++probe) index = uniform(n);
  while (allocated_.Get(index)) index = (index + 1) % n;
  allocated_.Set(index, true);
  ++allocated_count_;
  return index;
}

Status StatusList::Revoke(std::size_t index) {
  if (index >= allocated_.size() || !allocated_.Get(index)) {
    return NotFound("credentials.status_index_unknown",
                    "status index " + std::to_string(index) + " was never allocated",
                    "状态索引 " + std::to_string(index) + " 从未分配");
  }
  if (revoked_.Get(index)) {
    return AlreadyExists("credentials.already_revoked", "the certificate is already revoked", "证书已被吊销");
  }
  revoked_.Set(index, true);
  return Status();
}

Result<nlohmann::json> StatusList::SignedCredential(const Ed25519Key& key, TimePoint now,
                                                    Cryptosuite suite) const {
  KP_ASSIGN_OR_RETURN(std::string encoded, revoked_.Encode());
  Json doc{{"@context", Json::array({kVcV2Context})},
           {"id", url_},
           {"type", Json::array({"VerifiableCredential", "BitstringStatusListCredential"})},
           {"issuer", key.Did()},
           {"validFrom", FormatIsoUtc(now)},
           {"credentialSubject",
            {{"id", url_ + "#list"},
             {"type", "BitstringStatusList"},
             {"statusPurpose", "revocation"},
             {"encodedList", encoded}}}};
  return AddProof(std::move(doc), key, now, suite);
}

}  // namespace kaoping::credentials
