#include "store/store.h"
// The interface is header-only; this translation unit anchors the library target.
namespace kaoping::store {}
