// The CSV files of `kaoping analyze`: strict syntax errors and content errors placed at
// file:line:column in English and Chinese, and the response matrix read with and without --key.

#include "cli/response_csv.h"

#include <string>

#include <gtest/gtest.h>

namespace kaoping::cli {
namespace {

namespace psy = kaoping::psychometrics;

// The error of reading `text` as f.csv: "<where>: <en>" and "<where>：<zh>".
void ExpectError(const std::string& text, const std::string& where, const std::string& zh,
                 const ResponseCsvOptions& options = {}) {
  Result<ResponseCsv> r = ReadResponseCsv("f.csv", text, options);
  ASSERT_FALSE(r.ok()) << text;
  EXPECT_EQ(r.status().reason(), "cli.bad_csv");
  EXPECT_EQ(r.status().message().rfind("f.csv:" + where + ": ", 0), 0u) << r.status().message();
  EXPECT_EQ(r.status().message_zh(), "f.csv:" + where + "：" + zh);
}

TEST(ResponseCsvTest, SyntaxErrorsArePlacedInBothLanguages) {
  ExpectError("a,b\n1,2\"3\n", "2:4", "未加引号的单元格中出现引号");
  ExpectError("a,b\n\"1\" x,2\n", "2:5", "右引号后还有文字");
  ExpectError("a,b\n1, \"2\n3,4\n", "2:3", "引号未闭合");
  ExpectError("", "1:1", "文件为空");
  ExpectError("\n  \n", "1:1", "文件为空");
  ExpectError("a,b,c\n1,0,1\n0,1,x\n", "3:5", "'x' 不是分数（应为 0..100 的整数，缺失可留空或写 NA）");
  ExpectError("\"a\n\",b\n1,101\n", "3:3", "'101' 不是分数（应为 0..100 的整数，缺失可留空或写 NA）");
  ExpectError("a,b,c\n1,2\n", "2:3", "此行有 2 个单元格，但表头有 3 个");
  ExpectError("a,a\n1,2\n", "1:3", "题目编号“a”重复");
  ExpectError("a,b\n", "2:1", "表头之后没有作答行");
}

TEST(ResponseCsvTest, ReadsScoresWithBomCrlfQuotesAndBlankLines) {
  ResponseCsvOptions o;
  o.id_column = "person";
  Result<ResponseCsv> r = ReadResponseCsv(
      "f.csv", "\xEF\xBB\xBFperson, i1 ,\"i2\"\r\n\"p, 1\",2,NA\r\n\r\n  \r\np2 , 100 ,\"0\"\r\n", o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->matrix.num_items(), 2u);
  ASSERT_EQ(r->matrix.num_persons(), 2u);
  EXPECT_EQ(r->matrix.item_ids()[0], "i1");
  EXPECT_EQ(r->matrix.at(0, 0), 2);
  EXPECT_EQ(r->matrix.at(0, 1), psy::kMissing);
  EXPECT_EQ(r->matrix.at(1, 0), 100);
  EXPECT_FALSE(r->choices.has_value());
}

TEST(ResponseCsvTest, ScoresOptionLettersAgainstTheKey) {
  ResponseCsvOptions o;
  o.keys = {"B", "-"};
  o.num_options = 4;
  Result<ResponseCsv> r = ReadResponseCsv("f.csv", "q1,q2\nb,3\nA,\nD,1\n", o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->matrix.at(0, 0), 1);
  EXPECT_EQ(r->matrix.at(1, 0), 0);
  EXPECT_EQ(r->matrix.at(0, 1), 3);
  ASSERT_TRUE(r->choices.has_value());
  EXPECT_EQ(r->choices->keys[0], 1);
  EXPECT_EQ(r->choices->options[0], 4);
  EXPECT_EQ(r->choices->choices[4], 3);  // person 3 chose D
  ExpectError("q1,q2\nE,3\n", "2:1", "选项“E”超出了 4 个选项的范围（--options）", o);
  ExpectError("q1,q2\n7,3\n", "2:1", "“7”不是选项字母（题目“q1”）", o);
  o.keys = {"B"};
  Result<ResponseCsv> bad_key = ReadResponseCsv("f.csv", "q1,q2\nb,3\n", o);
  ASSERT_FALSE(bad_key.ok());
  EXPECT_EQ(bad_key.status().reason(), "cli.bad_key");
}

}  // namespace
}  // namespace kaoping::cli
