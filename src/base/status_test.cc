#include "base/status.h"

#include <gtest/gtest.h>

#include "base/result.h"

namespace kaoping {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, CarriesCodeReasonAndBothMessages) {
  Status s = InvalidArgument("standard.unknown_key", "unknown key 'foo'", "未知的键“foo”");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.reason(), "standard.unknown_key");
  EXPECT_EQ(s.message(), "unknown key 'foo'");
  EXPECT_EQ(s.message_zh(), "未知的键“foo”");
  EXPECT_EQ(s.ToString(), "INVALID_ARGUMENT [standard.unknown_key]: unknown key 'foo'");
}

TEST(StatusTest, ChineseFallsBackToEnglish) {
  Status s = NotFound("x.y", "no such thing");
  EXPECT_EQ(s.message_zh(), "no such thing");
}

TEST(StatusTest, WithContextPrefixesBothLanguages) {
  Status s = InvalidArgument("r", "bad", "坏").WithContext("a.yaml", "文件 a.yaml");
  EXPECT_EQ(s.message(), "a.yaml: bad");
  EXPECT_EQ(s.message_zh(), "文件 a.yaml：坏");
  EXPECT_EQ(s.reason(), "r");
}

TEST(StatusTest, CopyIsDeep) {
  Status a = Internal("r", "m");
  Status b = a;
  EXPECT_EQ(a, b);
  a = Status();
  EXPECT_FALSE(b.ok());
}

Status Fails() {
  return FailedPrecondition("p", "nope");
}
Status Propagates() {
  KP_RETURN_IF_ERROR(Fails());
  return Status();
}
Result<int> Half(int x) {
  if (x % 2) return InvalidArgument("odd", "odd number");
  return x / 2;
}
Result<int> Quarter(int x) {
  KP_ASSIGN_OR_RETURN(int h, Half(x));
  KP_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(ResultTest, PropagationMacros) {
  EXPECT_EQ(Propagates().reason(), "p");
  Result<int> q = Quarter(8);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(*q, 2);
  Result<int> bad = Quarter(6);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().reason(), "odd");
}

TEST(ResultTest, OkStatusBecomesInternalError) {
  Result<int> r{Status()};
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

TEST(ResultTest, ValueOr) {
  EXPECT_EQ(Half(3).value_or(-1), -1);
  EXPECT_EQ(Half(4).value_or(-1), 2);
}

}  // namespace
}  // namespace kaoping
