#include "base/clock.h"

namespace kaoping {

const SystemClock& SystemClock::Get() {
  static const SystemClock* const kClock = new SystemClock();
  return *kClock;
}

}  // namespace kaoping
