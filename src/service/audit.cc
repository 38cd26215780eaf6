#include "service/audit.h"

#include <cstdio>

namespace kaoping::service {

store::AuditEntry AuditLog::Entry(const Actor& actor, std::string action, std::string object,
                                  std::string detail, std::string remote) const {
  store::AuditEntry e;
  e.at_ms = ToUnixMillis(clock_.Now());
  e.actor_id = actor.user_id;
  e.actor_login = actor.user_id == 0 && actor.login.empty() ? "system" : actor.login;
  e.action = std::move(action);
  e.object = std::move(object);
  e.detail = std::move(detail);
  e.remote = std::move(remote);
  return e;
}

Status AuditLog::Record(const Actor& actor, std::string action, std::string object, std::string detail,
                        std::string remote) {
  return store_.AppendAudit(
      Entry(actor, std::move(action), std::move(object), std::move(detail), std::move(remote)));
}

Result<std::vector<delivery::AuditRecord>> AuditLog::Read(std::int64_t after_seq, int limit) {
  return store_.ReadAudit(after_seq, limit);
}

Result<delivery::ChainCheck> AuditLog::Verify() {
  return VerifyAuditChain(store_);
}

Result<delivery::ChainCheck> VerifyAuditChain(store::DeliveryStore& store) {
  // Read the head first: rows appended while verifying are beyond it and are not judged.
  KP_ASSIGN_OR_RETURN(store::AuditHead head, store.GetAuditHead());
  delivery::ChainVerifier v;
  std::int64_t after = 0;
  bool more = true;
  while (more && after < head.seq) {
    KP_ASSIGN_OR_RETURN(auto rows, store.ReadAudit(after, 2000));
    more = !rows.empty();
    for (const auto& r : rows) {
      if (r.seq > head.seq) {
        more = false;
        break;
      }
      if (!v.Add(r)) return v.Finish(head.seq, head.hash);
      after = r.seq;
    }
  }
  return v.Finish(head.seq, head.hash);
}

std::string JsonQuote(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += "\"";
  return out;
}

}  // namespace kaoping::service
