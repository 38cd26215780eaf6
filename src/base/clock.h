// -----------------------------------------------------------------------------
// File: base/clock.h
// -----------------------------------------------------------------------------
//
// The clock is injected everywhere time matters (deadlines, token expiry, certificate dates) so
// tests can control it. The server owns the clock: exam deadlines are computed from it, never
// from the client's.

#ifndef KAOPING_BASE_CLOCK_H_
#define KAOPING_BASE_CLOCK_H_

#include <atomic>
#include <chrono>
#include <cstdint>

namespace kaoping {

using TimePoint = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time, millisecond resolution. Thread-safe.
  [[nodiscard]] virtual TimePoint Now() const = 0;
};

// The real clock.
class SystemClock final : public Clock {
 public:
  [[nodiscard]] TimePoint Now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  }
  // A process-wide instance.
  static const SystemClock& Get();
};

// A clock tests move by hand. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : ms_(start.time_since_epoch().count()) {}
  [[nodiscard]] TimePoint Now() const override { return TimePoint(std::chrono::milliseconds(ms_.load())); }
  void Advance(std::chrono::milliseconds d) { ms_ += d.count(); }
  void Set(TimePoint t) { ms_ = t.time_since_epoch().count(); }

 private:
  std::atomic<std::int64_t> ms_;
};

inline std::int64_t ToUnixMillis(TimePoint t) {
  return t.time_since_epoch().count();
}
inline TimePoint FromUnixMillis(std::int64_t ms) {
  return TimePoint(std::chrono::milliseconds(ms));
}

}  // namespace kaoping

#endif  // KAOPING_BASE_CLOCK_H_
