#include "http/url.h"

#include <gtest/gtest.h>

namespace kaoping::http {
namespace {

TEST(UrlTest, PercentDecodeKeepsChineseUtf8) {
  Result<std::string> s = PercentDecode("%E6%A8%A1%E5%9E%8B");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(*s, "模型");
  EXPECT_EQ(*PercentDecode("%e6%a8%a1"), "模");  // Lower-case hex.
  EXPECT_EQ(*PercentDecode("直接的中文"), "直接的中文");
}

TEST(UrlTest, PlusIsSpaceOnlyInQueries) {
  EXPECT_EQ(*PercentDecode("a+b", /*plus_is_space=*/true), "a b");
  EXPECT_EQ(*PercentDecode("a+b"), "a+b");
  EXPECT_EQ(*PercentDecode("a%2Bb", true), "a+b");
}

TEST(UrlTest, PercentDecodeRejectsMalformedInput) {
  for (const char* bad :
       {"%", "%4", "%zz", "%G0", "abc%", "%00", "a%00b", "%FF", "%C0%AF", "%ED%A0%80", "%E6%A8"}) {
    Result<std::string> r = PercentDecode(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(r.status().reason(), "http.bad_request") << bad;
  }
}

TEST(UrlTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("ascii"));
  EXPECT_TRUE(IsValidUtf8("模型 😀"));
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));          // Overlong NUL.
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // Surrogate.
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF.
  EXPECT_FALSE(IsValidUtf8("\xE6\xA8"));          // Truncated.
  EXPECT_FALSE(IsValidUtf8("\x80"));
}

TEST(UrlTest, SplitRequestTarget) {
  Result<SplitTarget> t = SplitRequestTarget("/a/b?x=1&y=2");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->path, "/a/b");
  EXPECT_EQ(t->query, "x=1&y=2");
  EXPECT_EQ(SplitRequestTarget("/a")->query, "");
  EXPECT_EQ(SplitRequestTarget("/a?")->query, "");
  EXPECT_FALSE(SplitRequestTarget("http://example.com/a").ok());
  EXPECT_FALSE(SplitRequestTarget("*").ok());
  EXPECT_FALSE(SplitRequestTarget("").ok());
}

TEST(UrlTest, ParseQuery) {
  auto q = ParseQuery("q=%E6%A8%A1%E5%9E%8B&tag=a&tag=b&flag&&empty=&sp=x+y");
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_EQ(q->find("q")->second, "模型");
  EXPECT_EQ(q->count("tag"), 2u);
  EXPECT_EQ(q->find("flag")->second, "");
  EXPECT_EQ(q->find("empty")->second, "");
  EXPECT_EQ(q->find("sp")->second, "x y");
  EXPECT_FALSE(ParseQuery("a=%ZZ").ok());
  EXPECT_FALSE(ParseQuery("%FF=1").ok());
  EXPECT_TRUE(ParseQuery("")->empty());
}

TEST(UrlTest, DecodePathSegments) {
  EXPECT_EQ(*DecodePathSegments("/"), std::vector<std::string>({""}));
  EXPECT_EQ(*DecodePathSegments("/a/b"), std::vector<std::string>({"a", "b"}));
  EXPECT_EQ(*DecodePathSegments("/a/"), std::vector<std::string>({"a", ""}));
  EXPECT_EQ(*DecodePathSegments("/a%2Fb/c"), std::vector<std::string>({"a/b", "c"}));
  EXPECT_EQ(*DecodePathSegments("/%E6%A8%A1"), std::vector<std::string>({"模"}));
  EXPECT_FALSE(DecodePathSegments("a").ok());
  EXPECT_FALSE(DecodePathSegments("/a%00").ok());
}

}  // namespace
}  // namespace kaoping::http
