// -----------------------------------------------------------------------------
// File: core/delivery/audit_chain.h
// -----------------------------------------------------------------------------
//
// The audit log is append-only and hash-chained: row n stores
//
//   hash_n = hex(SHA-256(hash_{n-1} || "\n" || Canonical(row_n)))      hash_0 = 64 × "0"
//
// where Canonical() length-prefixes every field ("<decimal length>:<bytes>;"), so no two
// different rows share a canonical form. Changing any stored field of a row breaks that row's
// hash; deleting a row breaks the next row's prev_hash and the contiguous sequence numbers;
// deleting rows at the end is caught by the head record (the last seq and hash, written in the
// same transaction as each row) — and, against someone who rewrites the head too, by comparing
// the head hash with one recorded elsewhere (`kaoping audit verify` prints it).
//
// Pure functions and a streaming verifier; thread-compatible.

#ifndef KAOPING_CORE_DELIVERY_AUDIT_CHAIN_H_
#define KAOPING_CORE_DELIVERY_AUDIT_CHAIN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kaoping::delivery {

inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditRecord {
  std::int64_t seq = 0;       // 1, 2, 3, … without gaps
  std::int64_t at_ms = 0;     // server clock, Unix milliseconds
  std::int64_t actor_id = 0;  // 0 = anonymous / system
  std::string actor_login;
  std::string action;  // "auth.login", "registration.approve", "attempt.submit", …
  std::string object;  // "attempt:42", "user:7", …
  std::string detail;  // free text / JSON: reason, before/after
  std::string remote;  // client address, when the action came over HTTP
  std::string prev_hash;
  std::string hash;
};

// The canonical byte string of every field except `hash` (prev_hash included).
std::string CanonicalAuditContent(const AuditRecord& r);
// hash for `r` given its prev_hash field.
std::string ChainHash(const AuditRecord& r);

struct ChainCheck {
  bool ok = true;
  std::int64_t rows = 0;
  std::int64_t first_bad_seq = 0;  // the first row that does not verify (0 when ok)
  std::string problem_en;
  std::string problem_zh;
  std::int64_t head_seq = 0;  // last verified row
  std::string head_hash = std::string(kGenesisHash);
};

// Feed rows in ascending seq order, then Finish() with the head record, if the store keeps one.
class ChainVerifier {
 public:
  // Returns false once a problem was found (later rows are ignored).
  bool Add(const AuditRecord& r);
  ChainCheck Finish(std::optional<std::int64_t> recorded_head_seq,
                    std::optional<std::string> recorded_head_hash);

 private:
  ChainCheck check_;
  bool failed_ = false;
};

}  // namespace kaoping::delivery

#endif  // KAOPING_CORE_DELIVERY_AUDIT_CHAIN_H_
