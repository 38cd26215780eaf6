#include "base/utf8.h"

#include <gtest/gtest.h>

namespace kaoping {
namespace {

TEST(Utf8Test, LengthCountsCodePoints) {
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("大模型"), 3u);
  EXPECT_EQ(Utf8Length(""), 0u);
}

TEST(Utf8Test, TruncateNeverSplitsASequence) {
  EXPECT_EQ(TruncateUtf8("大模型部署", 2), "大模…");
  EXPECT_EQ(TruncateUtf8("大模型", 3), "大模型");
  EXPECT_EQ(TruncateUtf8("ab大", 2, ""), "ab");
  EXPECT_TRUE(IsValidUtf8(TruncateUtf8("工程师考试", 4)));
}

TEST(Utf8Test, Validity) {
  EXPECT_TRUE(IsValidUtf8("考评 kaoping ✓"));
  EXPECT_FALSE(IsValidUtf8("\xE8\xA6"));      // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

}  // namespace
}  // namespace kaoping
