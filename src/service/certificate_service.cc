#include "service/certificate_service.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "credentials/certificate.h"
#include "credentials/dates.h"
#include "credentials/pdf.h"
#include "credentials/status_list.h"

namespace kaoping::service {

using Json = nlohmann::json;
namespace cr = credentials;

namespace {

constexpr std::size_t kMaxNumberBytes = 64;
constexpr std::size_t kMaxNoteBytes = 2000;

Status Denied() {
  return PermissionDenied("access.denied", "only administrators may do this", "仅管理员可执行此操作");
}

Status CertNotFound(std::string_view number) {
  return NotFound("certificate.not_found", "no certificate '" + std::string(number) + "'",
                  "证书“" + std::string(number) + "”不存在");
}

bool IsAdmin(const Actor& a) {
  return a.Has("admin");
}

// A SerialAllocator over the store: each serial is committed before it is used.
class StoreSerials final : public cr::SerialAllocator {
 public:
  explicit StoreSerials(store::CertificateStore* store) : store_(store) {}
  Result<std::int64_t> Allocate(std::string_view scope, std::int64_t max) override {
    return store_->AllocateSerial(scope, max);
  }

 private:
  store::CertificateStore* store_;
};

std::string NormaliseNumber(std::string_view in) {
  while (!in.empty() && std::isspace(static_cast<unsigned char>(in.front()))) in.remove_prefix(1);
  while (!in.empty() && std::isspace(static_cast<unsigned char>(in.back()))) in.remove_suffix(1);
  std::string out(in);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

const char* CertificateStateKindName(CertificateStateKind s) {
  switch (s) {
    case CertificateStateKind::kValid:
      return "valid";
    case CertificateStateKind::kExpired:
      return "expired";
    case CertificateStateKind::kRevoked:
      return "revoked";
  }
  return "valid";
}

struct CertificateService::State {
  State(cr::IssuerConfig c, cr::Ed25519Key k, CertificateDeps d)
      : config(std::move(c)),
        key(std::move(k)),
        deps(std::move(d)),
        list_url(cr::StatusListUrl(config)),
        serials(deps.store),
        list(list_url) {}

  cr::IssuerConfig config;
  cr::Ed25519Key key;
  CertificateDeps deps;
  std::string list_url;
  StoreSerials serials;
  std::mutex mu;  // serialises writes; guards everything below
  cr::StatusList list;
  std::int64_t list_version = 0;
  std::string list_credential;  // the signed list as stored at list_version
  std::string revoked_encoded;  // the revocation bits as stored at list_version
  bool dirty = true;            // `list` may differ from the stored state at list_version
  std::unique_ptr<cr::CertificateIssuer> issuer;

  // Brings `list` up to the stored state; decodes only when the stored version moved (another
  // process wrote) or a failed write left `list` changed. REQUIRES: mu held.
  Status Reload() {
    KP_ASSIGN_OR_RETURN(std::optional<store::StatusListState> st, deps.store->GetStatusList(list_url));
    if (!st) {
      list = cr::StatusList(list_url);
      list_version = 0;
      list_credential.clear();
      revoked_encoded.clear();
      dirty = false;
      return Status();
    }
    if (!dirty && st->version == list_version) return Status();
    KP_ASSIGN_OR_RETURN(list, cr::StatusList::Restore(list_url, st->revoked, st->allocated));
    list_version = st->version;
    list_credential = st->credential;
    revoked_encoded = st->revoked;
    dirty = false;
    return Status();
  }

  // The list's state to store. The published credential carries only the revocation bits, so an
  // issue (which only takes an index) keeps the stored credential and revocation bits; a
  // revocation passes `revoked_changed` (and has put the re-signed credential in
  // list_credential). The first publication signs. REQUIRES: mu held.
  Result<store::StatusListState> Snapshot(bool revoked_changed) {
    store::StatusListState s;
    s.url = list_url;
    if (revoked_changed || revoked_encoded.empty()) {
      KP_ASSIGN_OR_RETURN(s.revoked, list.revoked().Encode());
    } else {
      s.revoked = revoked_encoded;
    }
    KP_ASSIGN_OR_RETURN(s.allocated, list.allocated().Encode());
    if (list_credential.empty()) {
      KP_ASSIGN_OR_RETURN(Json signed_list, issuer->StatusListCredential());
      s.credential = signed_list.dump();
    } else {
      s.credential = list_credential;
    }
    return s;
  }

  // After a successful write of `written` over version `from`. REQUIRES: mu held.
  void Written(const store::StatusListState& written, std::int64_t from) {
    list_version = from + 1;
    list_credential = written.credential;
    revoked_encoded = written.revoked;
    dirty = false;
  }

  store::CertificateRow RowFrom(const cr::IssuedCertificate& cert, const CertificateSubject& subject,
                                std::int64_t result_id, const Actor& actor) const {
    const cr::CertificateRecord& r = cert.record;
    store::CertificateRow row;
    row.number = r.number;
    row.user_id = subject.user_id;
    row.result_id = result_id;
    row.credential_id = r.credential_id;
    row.holder_name = r.holder_name;
    row.national_id_sealed =
        subject.national_id.empty() ? std::string() : deps.pii->Seal(subject.national_id);
    row.pack_id = r.pack_id;
    row.standard_title = r.standard_title;
    row.standard_title_en = r.standard_title_en;
    row.level_id = r.level_id;
    row.level_name = r.level_name;
    row.level_name_en = r.level_name_en;
    row.direction_id = r.direction_id;
    row.direction_name = r.direction_name;
    row.issuer_id = r.issuer_id;
    row.issuer_name = r.issuer_name;
    row.valid_from_ms = ToUnixMillis(r.valid_from);
    row.valid_until_ms = ToUnixMillis(r.valid_until);
    row.status_list_url = r.status_list_url;
    row.status_index = static_cast<std::int64_t>(r.status_index);
    row.renews = r.renews;
    row.credential = cert.credential.dump();
    row.issued_ms = ToUnixMillis(deps.clock->Now());
    row.issued_by = actor.user_id;
    return row;
  }

  static cr::CertificateRecord RecordFrom(const store::CertificateRow& row) {
    cr::CertificateRecord r;
    r.number = row.number;
    r.credential_id = row.credential_id;
    r.holder_name = row.holder_name;
    r.pack_id = row.pack_id;
    r.standard_title = row.standard_title;
    r.standard_title_en = row.standard_title_en;
    r.level_id = row.level_id;
    r.level_name = row.level_name;
    r.level_name_en = row.level_name_en;
    r.direction_id = row.direction_id;
    r.direction_name = row.direction_name;
    r.issuer_id = row.issuer_id;
    r.issuer_name = row.issuer_name;
    r.valid_from = FromUnixMillis(row.valid_from_ms);
    r.valid_until = FromUnixMillis(row.valid_until_ms);
    r.status_list_url = row.status_list_url;
    r.status_index = static_cast<std::size_t>(row.status_index);
    r.renews = row.renews;
    if (!row.revocation_reason.empty()) {
      cr::Revocation rev;
      rev.reason = cr::ParseRevocationReason(row.revocation_reason).value_or(cr::RevocationReason::kOther);
      rev.note = row.revocation_note;
      rev.at = FromUnixMillis(row.revoked_ms);
      r.revocation = rev;
    }
    return r;
  }

  CertificateView ViewOf(const Actor& actor, const store::CertificateRow& row) const {
    CertificateView v;
    v.number = row.number;
    v.user_id = row.user_id;
    v.result_id = row.result_id;
    v.holder_name =
        IsAdmin(actor) || actor.user_id == row.user_id ? row.holder_name : cr::MaskName(row.holder_name);
    v.standard = row.pack_id;
    v.standard_title = row.standard_title;
    v.level = row.level_id;
    v.level_name = row.level_name;
    v.direction = row.direction_id;
    v.direction_name = row.direction_name;
    v.valid_from = cr::FormatIsoUtc(FromUnixMillis(row.valid_from_ms));
    v.valid_until = cr::FormatIsoUtc(FromUnixMillis(row.valid_until_ms));
    if (!row.revocation_reason.empty()) {
      v.state = CertificateStateKind::kRevoked;
      v.revocation_reason = row.revocation_reason;
      auto reason = cr::ParseRevocationReason(row.revocation_reason);
      v.revocation_reason_zh = cr::RevocationReasonLabelZh(reason.value_or(cr::RevocationReason::kOther));
      v.revoked_at = cr::FormatIsoUtc(FromUnixMillis(row.revoked_ms));
    } else if (ToUnixMillis(deps.clock->Now()) >= row.valid_until_ms) {
      v.state = CertificateStateKind::kExpired;
    }
    v.renews = row.renews;
    v.verify_url = cr::VerificationUrl(config.public_url, row.number);
    return v;
  }

  // The row of `number` if the actor may read it; NOT_FOUND otherwise.
  Result<store::CertificateRow> Readable(const Actor& actor, std::string_view number) const {
    std::string n = NormaliseNumber(number);
    if (n.empty() || n.size() > kMaxNumberBytes) return CertNotFound(number.substr(0, kMaxNumberBytes));
    auto row = deps.store->GetCertificate(n);
    if (!row.ok()) return row.status();
    if (!IsAdmin(actor) && actor.user_id != row->user_id) return CertNotFound(n);
    return row;
  }

  // Stores a freshly issued certificate, retrying once on a status-list conflict.
  // REQUIRES: mu held. `issue` runs after each reload.
  Result<store::CertificateRow> IssueAndStore(const Actor& actor, const std::string& action,
                                              const std::function<Result<store::CertificateRow>()>& issue,
                                              const std::string& remote) {
    for (int attempt = 0;; ++attempt) {
      KP_RETURN_IF_ERROR(Reload());
      dirty = true;  // the issuer takes an index from `list`
      KP_ASSIGN_OR_RETURN(store::CertificateRow row, issue());
      KP_ASSIGN_OR_RETURN(store::StatusListState snapshot, Snapshot(/*revoked_changed=*/false));
      std::string detail =
          "{\"user_id\":" + std::to_string(row.user_id) + ",\"result_id\":" + std::to_string(row.result_id) +
          ",\"standard\":" + JsonQuote(row.pack_id) + ",\"level\":" + JsonQuote(row.level_id) +
          (row.renews.empty() ? std::string() : ",\"renews\":" + JsonQuote(row.renews)) + "}";
      Status s = deps.store->InsertCertificate(row, snapshot, list_version,
                                               deps.audit->Entry(actor, action, row.number, detail, remote));
      if (s.ok()) {
        Written(snapshot, list_version);
        return row;
      }
      if (s.reason() != "certificate.status_list_conflict" || attempt > 0) return s;
    }
  }
};

CertificateService::CertificateService(std::unique_ptr<State> state) : s_(std::move(state)) {}
CertificateService::~CertificateService() = default;

Result<std::unique_ptr<CertificateService>> CertificateService::Create(cr::IssuerConfig config,
                                                                       cr::Ed25519Key key,
                                                                       CertificateDeps deps) {
  if (!deps.store || !deps.catalog || !deps.pii || !deps.audit || !deps.clock || !deps.subject ||
      !deps.plan_results) {
    return InvalidArgument("certificates.deps", "the certificate service is missing a dependency",
                           "证书服务缺少依赖");
  }
  auto state = std::make_unique<State>(std::move(config), std::move(key), std::move(deps));
  KP_ASSIGN_OR_RETURN(state->issuer, cr::CertificateIssuer::Create(state->config, state->key, &state->serials,
                                                                   &state->list, state->deps.clock));
  {
    std::lock_guard<std::mutex> lock(state->mu);
    KP_RETURN_IF_ERROR(state->Reload());
    if (state->list_version == 0) {
      // First start: publish the (empty) list so verifiers can fetch it.
      KP_ASSIGN_OR_RETURN(store::StatusListState snapshot, state->Snapshot(/*revoked_changed=*/true));
      Status s = state->deps.store->PutStatusList(
          snapshot, 0,
          state->deps.audit->Entry(Actor{}, "certificate.status_list", state->list_url, "{\"created\":true}",
                                   ""));
      if (s.ok()) state->Written(snapshot, 0);
      if (!s.ok() && s.reason() != "certificate.status_list_conflict")
        return s;  // conflict: another process made it
    }
  }
  return std::unique_ptr<CertificateService>(new CertificateService(std::move(state)));
}

Result<CertificateView> CertificateService::IssueForResult(const Actor& actor, std::int64_t result_id,
                                                           const std::string& remote) {
  if (!IsAdmin(actor)) return Denied();
  KP_ASSIGN_OR_RETURN(CertificateSubject subject, s_->deps.subject(result_id));
  const std::string id = std::to_string(result_id);
  if (!subject.published) {
    return FailedPrecondition("certificates.not_published", "result " + id + " is not published yet",
                              "成绩 " + id + " 尚未发布，不能颁发证书");
  }
  if (!subject.passed) {
    return FailedPrecondition("certificates.not_passed", "result " + id + " is not a pass",
                              "成绩 " + id + " 未达到合格标准，不能颁发证书");
  }
  KP_ASSIGN_OR_RETURN(std::optional<store::CertificateRow> existing, s_->deps.store->FindByResult(result_id));
  if (existing) return s_->ViewOf(actor, *existing);
  KP_ASSIGN_OR_RETURN(const standards::Pack* pack, s_->deps.catalog->Get(subject.pack_id));
  cr::IssueRequest request;
  request.holder.name = subject.holder_name;
  request.holder.national_id = subject.national_id;
  request.pack = pack;
  request.level_id = subject.level;
  request.direction_id = subject.direction;

  std::lock_guard<std::mutex> lock(s_->mu);
  auto stored = s_->IssueAndStore(
      actor, "certificate.issue",
      [&]() -> Result<store::CertificateRow> {
        KP_ASSIGN_OR_RETURN(cr::IssuedCertificate cert, s_->issuer->Issue(request));
        return s_->RowFrom(cert, subject, result_id, actor);
      },
      remote);
  if (!stored.ok() && stored.status().reason() == "certificate.result_taken") {
    // Issued concurrently (e.g. by the CLI): idempotent, answer with that one.
    KP_ASSIGN_OR_RETURN(existing, s_->deps.store->FindByResult(result_id));
    if (existing) return s_->ViewOf(actor, *existing);
  }
  if (!stored.ok()) return stored.status();
  return s_->ViewOf(actor, *stored);
}

Result<BatchOutcome> CertificateService::IssueForPlan(const Actor& actor, std::int64_t plan_id,
                                                      const std::string& remote) {
  if (!IsAdmin(actor)) return Denied();
  KP_ASSIGN_OR_RETURN(std::vector<std::int64_t> ids, s_->deps.plan_results(plan_id));
  BatchOutcome out;
  for (std::int64_t id : ids) {
    auto v = IssueForResult(actor, id, remote);
    if (v.ok()) {
      out.issued.push_back(*std::move(v));
    } else {
      out.skipped.push_back(
          BatchSkip{id, v.status().reason(), v.status().message(), v.status().message_zh()});
    }
  }
  return out;
}

Result<std::vector<CertificateView>> CertificateService::List(const Actor& actor,
                                                              std::optional<std::int64_t> user_id) {
  store::CertificateFilter f;
  if (IsAdmin(actor)) {
    f.user_id = user_id;
  } else {
    if (user_id && *user_id != actor.user_id) return Denied();
    f.user_id = actor.user_id;
  }
  KP_ASSIGN_OR_RETURN(std::vector<store::CertificateRow> rows, s_->deps.store->ListCertificates(f));
  std::vector<CertificateView> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(s_->ViewOf(actor, r));
  return out;
}

Result<CertificateView> CertificateService::Get(const Actor& actor, std::string_view number) {
  KP_ASSIGN_OR_RETURN(store::CertificateRow row, s_->Readable(actor, number));
  return s_->ViewOf(actor, row);
}

Result<std::string> CertificateService::CredentialJson(const Actor& actor, std::string_view number) {
  KP_ASSIGN_OR_RETURN(store::CertificateRow row, s_->Readable(actor, number));
  return row.credential;
}

Result<std::string> CertificateService::Pdf(const Actor& actor, std::string_view number) {
  KP_ASSIGN_OR_RETURN(store::CertificateRow row, s_->Readable(actor, number));
  return cr::RenderCertificatePdf(State::RecordFrom(row),
                                  cr::VerificationUrl(s_->config.public_url, row.number));
}

Result<CertificateView> CertificateService::Revoke(const Actor& actor, std::string_view number,
                                                   std::string_view reason, std::string note,
                                                   const std::string& remote) {
  if (!IsAdmin(actor)) return Denied();
  std::optional<cr::RevocationReason> parsed = cr::ParseRevocationReason(reason);
  if (!parsed) {
    return InvalidArgument(
        "certificates.bad_reason",
        "reason must be issued_in_error, misconduct, holder_request, superseded or other",
        "吊销原因应为 issued_in_error（错误签发）、misconduct（违纪作弊）、holder_request（持证人申请）、"
        "superseded（已被取代）或 other（其他）");
  }
  if (note.size() > kMaxNoteBytes) {
    return InvalidArgument("certificates.note_too_long", "the note is longer than 2000 bytes",
                           "备注过长（最多 2000 字节）");
  }
  KP_ASSIGN_OR_RETURN(store::CertificateRow row, s_->Readable(actor, number));
  std::lock_guard<std::mutex> lock(s_->mu);
  for (int attempt = 0;; ++attempt) {
    KP_RETURN_IF_ERROR(s_->Reload());
    KP_ASSIGN_OR_RETURN(row, s_->deps.store->GetCertificate(row.number));
    if (!row.revocation_reason.empty()) {
      return AlreadyExists("credentials.already_revoked",
                           "certificate '" + row.number + "' is already revoked",
                           "证书“" + row.number + "”已被吊销");
    }
    cr::CertificateRecord record = State::RecordFrom(row);
    s_->dirty = true;  // the issuer sets a bit in `list`
    KP_ASSIGN_OR_RETURN(Json signed_list, s_->issuer->Revoke(record, *parsed, note));
    s_->list_credential = signed_list.dump();  // Revoke re-signed it
    KP_ASSIGN_OR_RETURN(store::StatusListState snapshot, s_->Snapshot(/*revoked_changed=*/true));
    const std::int64_t at_ms = ToUnixMillis(record.revocation->at);
    std::string detail = "{\"reason\":" + JsonQuote(cr::RevocationReasonName(*parsed)) +
                         ",\"note\":" + JsonQuote(note) + ",\"user_id\":" + std::to_string(row.user_id) + "}";
    Status s = s_->deps.store->RevokeCertificate(
        row.number, cr::RevocationReasonName(*parsed), note, at_ms, actor.user_id, snapshot, s_->list_version,
        s_->deps.audit->Entry(actor, "certificate.revoke", row.number, detail, remote));
    if (s.ok()) {
      s_->Written(snapshot, s_->list_version);
      break;
    }
    if (s.reason() != "certificate.status_list_conflict" || attempt > 0) return s;
  }
  KP_ASSIGN_OR_RETURN(row, s_->deps.store->GetCertificate(row.number));
  return s_->ViewOf(actor, row);
}

Result<CertificateView> CertificateService::Renew(const Actor& actor, std::string_view number,
                                                  const std::string& remote) {
  if (!IsAdmin(actor)) return Denied();
  KP_ASSIGN_OR_RETURN(store::CertificateRow old, s_->Readable(actor, number));
  KP_ASSIGN_OR_RETURN(const standards::Pack* pack, s_->deps.catalog->Get(old.pack_id));
  CertificateSubject subject;
  subject.user_id = old.user_id;
  subject.holder_name = old.holder_name;
  if (!old.national_id_sealed.empty()) {
    KP_ASSIGN_OR_RETURN(subject.national_id, s_->deps.pii->Unseal(old.national_id_sealed));
  }
  cr::Holder holder;
  holder.name = old.holder_name;
  holder.national_id = subject.national_id;
  std::lock_guard<std::mutex> lock(s_->mu);
  KP_ASSIGN_OR_RETURN(store::CertificateRow row,
                      s_->IssueAndStore(
                          actor, "certificate.renew",
                          [&]() -> Result<store::CertificateRow> {
                            KP_ASSIGN_OR_RETURN(
                                old, s_->deps.store->GetCertificate(old.number));  // revoked meanwhile?
                            KP_ASSIGN_OR_RETURN(cr::IssuedCertificate cert,
                                                s_->issuer->Renew(State::RecordFrom(old), holder, *pack));
                            return s_->RowFrom(cert, subject, old.result_id, actor);
                          },
                          remote));
  return s_->ViewOf(actor, row);
}

cr::PublicVerification CertificateService::VerifyNumber(std::string_view number) const {
  const TimePoint now = s_->deps.clock->Now();
  std::string n = NormaliseNumber(number);
  cr::PublicVerification v;
  if (n.empty() || n.size() > kMaxNumberBytes) {
    v = cr::VerifyRecord(nullptr, nullptr, now);
    return v;
  }
  auto fields = s_->issuer->scheme().Validate(n);
  if (!fields.ok()) {
    v.state = cr::CertificateState::kUnknown;
    v.reason = fields.status().reason();
    v.message = fields.status().message();
    v.message_zh = fields.status().message_zh();
    v.number = n;
    return v;
  }
  auto row = s_->deps.store->GetCertificate(n);
  if (!row.ok()) {
    v = cr::VerifyRecord(nullptr, nullptr, now);
    v.number = n;
    return v;
  }
  const cr::CertificateRecord record = State::RecordFrom(*row);
  std::optional<cr::StatusBitstring> bits;
  auto list = s_->deps.store->GetStatusList(row->status_list_url);
  if (list.ok() && list->has_value()) {
    auto decoded = cr::StatusBitstring::Decode((*list)->revoked);
    if (decoded.ok()) bits = *std::move(decoded);
  }
  return cr::VerifyRecord(&record, bits ? &*bits : nullptr, now);
}

cr::PublicVerification CertificateService::VerifyDocument(const Json& credential) const {
  const std::string own_url = s_->list_url;
  store::CertificateStore* store = s_->deps.store;
  cr::StatusListFetcher fetch = [own_url, store](const std::string& url) -> Result<Json> {
    if (url != own_url) {
      return NotFound("credentials.status_list_foreign", "the status list is not this platform's",
                      "该状态列表不属于本平台");
    }
    KP_ASSIGN_OR_RETURN(std::optional<store::StatusListState> st, store->GetStatusList(url));
    if (!st)
      return NotFound("credentials.status_list_missing", "no status list published yet", "尚未发布状态列表");
    Json j = Json::parse(st->credential, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded())
      return DataLoss("credentials.status_list_corrupt", "the stored status list is corrupt",
                      "状态列表数据损坏");
    return j;
  };
  return cr::VerifyCredential(credential, fetch, s_->deps.clock->Now(), {s_->issuer->issuer_id()});
}

Result<std::string> CertificateService::StatusListCredential() const {
  KP_ASSIGN_OR_RETURN(std::optional<store::StatusListState> st, s_->deps.store->GetStatusList(s_->list_url));
  if (!st)
    return Unavailable("credentials.status_list_missing", "no status list published yet", "尚未发布状态列表");
  return st->credential;
}

const std::string& CertificateService::issuer_id() const {
  return s_->issuer->issuer_id();
}
const cr::IssuerConfig& CertificateService::config() const {
  return s_->issuer->config();
}

}  // namespace kaoping::service
