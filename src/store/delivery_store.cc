#include "store/delivery_store.h"

namespace kaoping::store {

const char* RegistrationStatusName(RegistrationStatus s) {
  switch (s) {
    case RegistrationStatus::kPending: return "pending";
    case RegistrationStatus::kApproved: return "approved";
    case RegistrationStatus::kRejected: return "rejected";
  }
  return "pending";
}

std::optional<RegistrationStatus> ParseRegistrationStatus(const std::string& s) {
  for (auto st : {RegistrationStatus::kPending, RegistrationStatus::kApproved, RegistrationStatus::kRejected}) {
    if (s == RegistrationStatusName(st)) return st;
  }
  return std::nullopt;
}

}  // namespace kaoping::store
