#include "core/standards/loader.h"
#include <gtest/gtest.h>
namespace kaoping::standards { namespace { TEST(LoaderTest, Placeholder2) { EXPECT_TRUE(true); } } }
