// -----------------------------------------------------------------------------
// File: base/strong_id.h
// -----------------------------------------------------------------------------
//
// Strongly typed identifiers: a `UserId` cannot be passed where an `AttemptId` is expected,
// even though both are integers underneath.
//
//   struct AttemptTag {};
//   using AttemptId = StrongId<AttemptTag, std::int64_t>;

#ifndef KAOPING_BASE_STRONG_ID_H_
#define KAOPING_BASE_STRONG_ID_H_

#include <compare>
#include <cstddef>
#include <functional>
#include <ostream>
#include <utility>

namespace kaoping {

template <typename Tag, typename Rep>
class StrongId {
 public:
  using rep_type = Rep;
  StrongId() = default;
  explicit StrongId(Rep value) : value_(std::move(value)) {}
  [[nodiscard]] const Rep& value() const { return value_; }
  friend auto operator<=>(const StrongId&, const StrongId&) = default;
  friend std::ostream& operator<<(std::ostream& os, const StrongId& id) { return os << id.value_; }

 private:
  Rep value_{};
};

}  // namespace kaoping

template <typename Tag, typename Rep>
struct std::hash<kaoping::StrongId<Tag, Rep>> {
  std::size_t operator()(const kaoping::StrongId<Tag, Rep>& id) const noexcept {
    return std::hash<Rep>{}(id.value());
  }
};

#endif  // KAOPING_BASE_STRONG_ID_H_
