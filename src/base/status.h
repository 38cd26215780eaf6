// -----------------------------------------------------------------------------
// File: base/status.h
// -----------------------------------------------------------------------------
//
// kaoping's error model. Every fallible operation returns a `Status` or a `Result<T>`
// (base/result.h); exceptions thrown by third-party code are caught in the adapter that calls
// that code and turned into a `Status` there.
//
// A Status carries:
//   * a canonical `StatusCode` (the gRPC/Abseil set), which the HTTP layer maps to an HTTP
//     status in exactly one place (http/problem.h);
//   * a stable machine `reason` ("standard.unknown_key", "attempt.deadline_passed"), which
//     clients and tests match on — never on message text;
//   * a message in English and, for anything a person will read, one in Chinese.
//
// Status is cheap to copy when OK (one null pointer) and immutable once built.
//
// Thread safety: a Status is a value; distinct objects may be used from any thread.

#ifndef KAOPING_BASE_STATUS_H_
#define KAOPING_BASE_STATUS_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace kaoping {

enum class StatusCode : int {
  kOk = 0,
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
};

// Returns the canonical upper-case name ("INVALID_ARGUMENT").
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  // An OK status.
  Status() = default;
  // REQUIRES: code != kOk. `message_en` is the English message; `reason` a stable dotted code.
  Status(StatusCode code, std::string reason, std::string message_en, std::string message_zh = {});

  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;
  ~Status() = default;

  static Status Ok() { return Status(); }

  [[nodiscard]] bool ok() const { return rep_ == nullptr; }
  [[nodiscard]] StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  // Stable machine code; "" when OK.
  [[nodiscard]] const std::string& reason() const;
  [[nodiscard]] const std::string& message() const;
  // Chinese message; falls back to the English one when none was given.
  [[nodiscard]] const std::string& message_zh() const;

  // Returns a copy whose messages are prefixed with context ("loading x.yaml: ...").
  [[nodiscard]] Status WithContext(std::string_view context_en, std::string_view context_zh = {}) const;

  // "INVALID_ARGUMENT [standard.unknown_key]: message"
  [[nodiscard]] std::string ToString() const;

  // Explicitly discards an error the caller has decided not to act on.
  void IgnoreError() const {}

  friend bool operator==(const Status& a, const Status& b) {
    return a.code() == b.code() && a.reason() == b.reason() && a.message() == b.message();
  }

 private:
  struct Rep {
    StatusCode code;
    std::string reason;
    std::string message_en;
    std::string message_zh;
  };
  std::unique_ptr<Rep> rep_;
};

std::ostream& operator<<(std::ostream& os, const Status& s);

// Factories, one per canonical code used by the project.
Status InvalidArgument(std::string reason, std::string en, std::string zh = {});
Status NotFound(std::string reason, std::string en, std::string zh = {});
Status AlreadyExists(std::string reason, std::string en, std::string zh = {});
Status PermissionDenied(std::string reason, std::string en, std::string zh = {});
Status Unauthenticated(std::string reason, std::string en, std::string zh = {});
Status FailedPrecondition(std::string reason, std::string en, std::string zh = {});
Status Aborted(std::string reason, std::string en, std::string zh = {});
Status OutOfRange(std::string reason, std::string en, std::string zh = {});
Status ResourceExhausted(std::string reason, std::string en, std::string zh = {});
Status Unavailable(std::string reason, std::string en, std::string zh = {});
Status DeadlineExceeded(std::string reason, std::string en, std::string zh = {});
Status Unimplemented(std::string reason, std::string en, std::string zh = {});
Status Internal(std::string reason, std::string en, std::string zh = {});
Status DataLoss(std::string reason, std::string en, std::string zh = {});

}  // namespace kaoping

// Returns from the enclosing function when `expr` (a Status) is not OK.
#define KP_RETURN_IF_ERROR(expr)                     \
  do {                                               \
    ::kaoping::Status kp_status_tmp_ = (expr);       \
    if (!kp_status_tmp_.ok()) return kp_status_tmp_; \
  } while (0)

#endif  // KAOPING_BASE_STATUS_H_
