#include "core/delivery/audit_chain.h"

#include "base/sha256.h"

namespace kaoping::delivery {
namespace {

void Field(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
  out += ';';
}

}  // namespace

std::string CanonicalAuditContent(const AuditRecord& r) {
  std::string out = "kaoping.audit/1;";
  Field(out, std::to_string(r.seq));
  Field(out, std::to_string(r.at_ms));
  Field(out, std::to_string(r.actor_id));
  Field(out, r.actor_login);
  Field(out, r.action);
  Field(out, r.object);
  Field(out, r.detail);
  Field(out, r.remote);
  Field(out, r.prev_hash);
  return out;
}

std::string ChainHash(const AuditRecord& r) {
  return Sha256Hex(r.prev_hash + "\n" + CanonicalAuditContent(r));
}

bool ChainVerifier::Add(const AuditRecord& r) {
  if (failed_) return false;
  auto fail = [&](std::string en, std::string zh) {
    failed_ = true;
    check_.ok = false;
    check_.first_bad_seq = r.seq;
    check_.problem_en = "row " + std::to_string(r.seq) + ": " + en;
    check_.problem_zh = "第 " + std::to_string(r.seq) + " 条：" + zh;
    return false;
  };
  std::int64_t expected_seq = check_.head_seq + 1;
  if (r.seq != expected_seq) {
    failed_ = true;
    check_.ok = false;
    check_.first_bad_seq = expected_seq;
    check_.problem_en = "row " + std::to_string(expected_seq) + " is missing (next row present is " +
                        std::to_string(r.seq) + ")";
    check_.problem_zh = "第 " + std::to_string(expected_seq) + " 条记录缺失（下一条现存记录为第 " +
                        std::to_string(r.seq) + " 条）";
    return false;
  }
  if (r.prev_hash != check_.head_hash) {
    return fail("prev_hash does not match the previous row's hash (a row before it was altered or removed)",
                "前一条哈希不匹配（之前的记录被修改或删除）");
  }
  if (ChainHash(r) != r.hash) {
    return fail("content does not match its hash (the row was altered)", "内容与哈希不符（该记录被篡改）");
  }
  ++check_.rows;
  check_.head_seq = r.seq;
  check_.head_hash = r.hash;
  return true;
}

ChainCheck ChainVerifier::Finish(std::optional<std::int64_t> recorded_head_seq,
                                 std::optional<std::string> recorded_head_hash) {
  if (failed_) return check_;
  if (recorded_head_seq && *recorded_head_seq != check_.head_seq) {
    check_.ok = false;
    check_.first_bad_seq = check_.head_seq + 1;
    check_.problem_en = "the log ends at row " + std::to_string(check_.head_seq) +
                        " but the head record says " + std::to_string(*recorded_head_seq) +
                        " (rows at the end were removed)";
    check_.problem_zh = "日志止于第 " + std::to_string(check_.head_seq) + " 条，但头记录为第 " +
                        std::to_string(*recorded_head_seq) + " 条（末尾记录被删除）";
    return check_;
  }
  if (recorded_head_hash && *recorded_head_hash != check_.head_hash) {
    check_.ok = false;
    check_.first_bad_seq = check_.head_seq;
    check_.problem_en = "the head record's hash does not match row " + std::to_string(check_.head_seq);
    check_.problem_zh = "头记录的哈希与第 " + std::to_string(check_.head_seq) + " 条不符";
  }
  return check_;
}

}  // namespace kaoping::delivery
