#include "core/standards/loader.h"
#include <gtest/gtest.h>
namespace kaoping::standards { namespace { TEST(LoaderTest, Placeholder3) { EXPECT_TRUE(true); } } }
