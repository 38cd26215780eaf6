#include "base/status.h"

namespace kaoping {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kCancelled:
      return "CANCELLED";
    case StatusCode::kUnknown:
      return "UNKNOWN";
    case StatusCode::kInvalidArgument:
      return "INVALID_ARGUMENT";
    case StatusCode::kDeadlineExceeded:
      return "DEADLINE_EXCEEDED";
    case StatusCode::kNotFound:
      return "NOT_FOUND";
    case StatusCode::kAlreadyExists:
      return "ALREADY_EXISTS";
    case StatusCode::kPermissionDenied:
      return "PERMISSION_DENIED";
    case StatusCode::kResourceExhausted:
      return "RESOURCE_EXHAUSTED";
    case StatusCode::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case StatusCode::kAborted:
      return "ABORTED";
    case StatusCode::kOutOfRange:
      return "OUT_OF_RANGE";
    case StatusCode::kUnimplemented:
      return "UNIMPLEMENTED";
    case StatusCode::kInternal:
      return "INTERNAL";
    case StatusCode::kUnavailable:
      return "UNAVAILABLE";
    case StatusCode::kDataLoss:
      return "DATA_LOSS";
    case StatusCode::kUnauthenticated:
      return "UNAUTHENTICATED";
  }
  return "UNKNOWN";
}

namespace {
const std::string& EmptyString() {
  static const std::string* const kEmpty = new std::string();
  return *kEmpty;
}
}  // namespace

Status::Status(StatusCode code, std::string reason, std::string message_en, std::string message_zh) {
  if (code == StatusCode::kOk) return;  // An OK status never carries text.
  rep_ = std::make_unique<Rep>(Rep{code, std::move(reason), std::move(message_en), std::move(message_zh)});
}

Status::Status(const Status& other) : rep_(other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) rep_ = other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr;
  return *this;
}

const std::string& Status::reason() const {
  return rep_ ? rep_->reason : EmptyString();
}
const std::string& Status::message() const {
  return rep_ ? rep_->message_en : EmptyString();
}
const std::string& Status::message_zh() const {
  if (!rep_) return EmptyString();
  return rep_->message_zh.empty() ? rep_->message_en : rep_->message_zh;
}

Status Status::WithContext(std::string_view context_en, std::string_view context_zh) const {
  if (ok()) return *this;
  std::string en = std::string(context_en) + ": " + rep_->message_en;
  std::string zh;
  if (!rep_->message_zh.empty() || !context_zh.empty()) {
    zh = std::string(context_zh.empty() ? context_en : context_zh) + "：" + message_zh();
  }
  return Status(rep_->code, rep_->reason, std::move(en), std::move(zh));
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(rep_->code));
  if (!rep_->reason.empty()) out += " [" + rep_->reason + "]";
  out += ": " + rep_->message_en;
  return out;
}

std::ostream& operator<<(std::ostream& os, const Status& s) {
  return os << s.ToString();
}

#define KP_DEFINE_FACTORY(Name, Code)                                                 \
  Status Name(std::string reason, std::string en, std::string zh) {                   \
    return Status(StatusCode::Code, std::move(reason), std::move(en), std::move(zh)); \
  }
KP_DEFINE_FACTORY(InvalidArgument, kInvalidArgument)
KP_DEFINE_FACTORY(NotFound, kNotFound)
KP_DEFINE_FACTORY(AlreadyExists, kAlreadyExists)
KP_DEFINE_FACTORY(PermissionDenied, kPermissionDenied)
KP_DEFINE_FACTORY(Unauthenticated, kUnauthenticated)
KP_DEFINE_FACTORY(FailedPrecondition, kFailedPrecondition)
KP_DEFINE_FACTORY(Aborted, kAborted)
KP_DEFINE_FACTORY(OutOfRange, kOutOfRange)
KP_DEFINE_FACTORY(ResourceExhausted, kResourceExhausted)
KP_DEFINE_FACTORY(Unavailable, kUnavailable)
KP_DEFINE_FACTORY(DeadlineExceeded, kDeadlineExceeded)
KP_DEFINE_FACTORY(Unimplemented, kUnimplemented)
KP_DEFINE_FACTORY(Internal, kInternal)
KP_DEFINE_FACTORY(DataLoss, kDataLoss)
#undef KP_DEFINE_FACTORY

}  // namespace kaoping
