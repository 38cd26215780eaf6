#include "store/scoring_store.h"

namespace kaoping::store {

bool IsResultState(const std::string& s) {
  return s == "computed" || s == "reviewed" || s == "published";
}

}  // namespace kaoping::store
