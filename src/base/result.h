// -----------------------------------------------------------------------------
// File: base/result.h
// -----------------------------------------------------------------------------
//
// `Result<T>` holds either a value of type T or a non-OK `Status` explaining why there is none
// (after absl::StatusOr). Constructing a Result from an OK Status is a programming error and is
// turned into an INTERNAL error rather than undefined behaviour.
//
//   Result<Pack> LoadPack(std::string_view yaml);
//   KP_ASSIGN_OR_RETURN(Pack pack, LoadPack(text));

#ifndef KAOPING_BASE_RESULT_H_
#define KAOPING_BASE_RESULT_H_

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>

#include "base/status.h"

namespace kaoping {

template <typename T>
class [[nodiscard]] Result {
 public:
  using value_type = T;

  // NOLINTNEXTLINE(google-explicit-constructor): implicit by design, like absl::StatusOr.
  Result(T value) : value_(std::move(value)) {}
  // NOLINTNEXTLINE(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {
    if (status_.ok()) {
      status_ = Internal("base.ok_status_in_result", "Result constructed from an OK status");
    }
  }
  template <typename U, typename = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                                    !std::is_same_v<std::decay_t<U>, Status> &&
                                                    !std::is_same_v<std::decay_t<U>, Result<T>>>>
  // NOLINTNEXTLINE(google-explicit-constructor)
  Result(U&& value) : value_(T(std::forward<U>(value))) {}

  [[nodiscard]] bool ok() const { return value_.has_value(); }
  [[nodiscard]] const Status& status() const { return status_; }

  // REQUIRES: ok()
  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // Returns the value, or `fallback` when there is none.
  T value_or(T fallback) const& { return ok() ? *value_ : std::move(fallback); }

 private:
  Status status_;  // OK iff value_ has a value.
  std::optional<T> value_;
};

}  // namespace kaoping

#define KP_CONCAT_INNER_(a, b) a##b
#define KP_CONCAT_(a, b) KP_CONCAT_INNER_(a, b)

// Evaluates `rexpr` (a Result<T>); on error returns its Status from the enclosing function,
// otherwise move-assigns the value to `lhs` (which may be a declaration).
#define KP_ASSIGN_OR_RETURN(lhs, rexpr) \
  KP_ASSIGN_OR_RETURN_IMPL_(KP_CONCAT_(kp_result_tmp_, __LINE__), lhs, rexpr)
#define KP_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                              \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp).value()

#endif  // KAOPING_BASE_RESULT_H_
