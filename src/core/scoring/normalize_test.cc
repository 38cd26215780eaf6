// Fill-in normalisation: full-width forms, case, whitespace and Chinese punctuation.
#include "core/scoring/normalize.h"

#include <gtest/gtest.h>

namespace kaoping::scoring {
namespace {

TEST(NormalizeFillInTest, FullWidthLatinAndDigitsFoldToAsciiLowerCase) {
  EXPECT_EQ(NormalizeFillIn("ＶＬＬＭ"), "vllm");
  EXPECT_EQ(NormalizeFillIn("vLLM"), "vllm");
  EXPECT_EQ(NormalizeFillIn("ＦＰ１６"), "fp16");
  EXPECT_EQ(NormalizeFillIn("Ｌｌａｍａ．ｃｐｐ"), "llama.cpp");
  EXPECT_TRUE(FillInMatches("ＶＬＬＭ", {"vllm"}));
}

TEST(NormalizeFillInTest, ChinesePunctuationEqualsAsciiPunctuation) {
  EXPECT_EQ(NormalizeFillIn("张量并行，流水线并行"), "张量并行,流水线并行");
  EXPECT_TRUE(FillInMatches("张量并行，流水线并行", {"张量并行,流水线并行"}));
  // 、 is a list separator, like the comma.
  EXPECT_TRUE(FillInMatches("张量并行、流水线并行", {"张量并行,流水线并行"}));
  EXPECT_EQ(NormalizeFillIn("（ＧＰＵ）：显存；“量化”‘ｋｖ’"), "(gpu):显存;\"量化\"'kv'");
  EXPECT_EQ(NormalizeFillIn("【注】"), "[注]");
  // Book-title marks are part of the answer.
  EXPECT_EQ(NormalizeFillIn("《数据安全法》"), "《数据安全法》");
  EXPECT_FALSE(FillInMatches("数据安全法", {"《数据安全法》"}));
}

TEST(NormalizeFillInTest, WhitespaceIsRemovedExceptBetweenLatinWords) {
  EXPECT_EQ(NormalizeFillIn(" 张量 并行 "), "张量并行");
  EXPECT_EQ(NormalizeFillIn("张量\u3000并行"), "张量并行");  // ideographic space
  EXPECT_EQ(NormalizeFillIn("tensor   parallel"), "tensor parallel");
  EXPECT_EQ(NormalizeFillIn("tensor\tparallel\n"), "tensor parallel");
  EXPECT_EQ(NormalizeFillIn("vLLM , SGLang"), "vllm,sglang");
  EXPECT_EQ(NormalizeFillIn("Ｋ８ｓ　集群"), "k8s集群");
  EXPECT_TRUE(FillInMatches("  流水线 并行", {"流水线并行"}));
  EXPECT_FALSE(FillInMatches("tensorparallel", {"tensor parallel"}));
  EXPECT_EQ(NormalizeFillIn("a\u200Bb"), "ab");  // zero-width space removed
}

TEST(NormalizeFillInTest, TrailingPunctuationIsIgnored) {
  EXPECT_EQ(NormalizeFillIn("张量并行。"), "张量并行");
  EXPECT_EQ(NormalizeFillIn("张量并行；"), "张量并行");
  EXPECT_EQ(NormalizeFillIn("量化！ "), "量化");
  EXPECT_TRUE(FillInMatches("张量并行。", {"张量并行"}));
  EXPECT_TRUE(FillInMatches("3.14", {"3.14。"}));
  // Only trailing: inner punctuation counts.
  EXPECT_FALSE(FillInMatches("张量。并行", {"张量并行"}));
}

TEST(NormalizeFillInTest, EmptyAndInvalidAnswersNeverMatch) {
  EXPECT_EQ(NormalizeFillIn("。。 "), "");
  EXPECT_FALSE(FillInMatches("", {""}));
  EXPECT_FALSE(FillInMatches("。", {"。"}));
  // Invalid UTF-8 becomes U+FFFD and so cannot equal a valid answer.
  EXPECT_EQ(NormalizeFillIn(std::string("a\xFF")), "a\xEF\xBF\xBD");
  EXPECT_FALSE(FillInMatches(std::string("\xE5\xBC"), {"张"}));
}

TEST(NormalizeFillInTest, LatinOneCapitalsFold) {
  EXPECT_EQ(NormalizeFillIn("ÉCOLE"), "école");
  EXPECT_EQ(NormalizeFillIn("×"), "×");  // the multiplication sign is not a letter
}

}  // namespace
}  // namespace kaoping::scoring
