// The shared CSV tokenizer: fields placed by line and column, lenient (Excel) versus strict quotes,
// trimming and blank records.

#include "interop/csv_tokenizer.h"

#include <gtest/gtest.h>

namespace kaoping::interop {
namespace {

TEST(CsvTokenizerTest, PlacesFieldsByLineAndColumnAcrossQuotedLineBreaks) {
  CsvTokens t = TokenizeCsv("a,\"b\r\nc\",d\r\n\ne,\"\"\"\"\rf");
  ASSERT_FALSE(t.error.has_value());
  ASSERT_EQ(t.records.size(), 4u);
  EXPECT_EQ(t.records[0].fields[1].text, "b\r\nc");
  EXPECT_TRUE(t.records[0].fields[1].quoted);
  EXPECT_EQ(t.records[0].fields[2].line, 2);
  EXPECT_EQ(t.records[0].fields[2].column, 4);
  EXPECT_EQ(t.records[1].number, 2);  // the blank line is a record of one empty field
  EXPECT_EQ(t.records[2].fields[1].text, "\"");
  EXPECT_EQ(t.records[2].fields[1].line, 4);
  EXPECT_EQ(t.records[3].fields[0].line, 5);  // CR alone ends a line
}

TEST(CsvTokenizerTest, LenientKeepsStrayQuotesStrictRejectsThem) {
  CsvTokens lenient = TokenizeCsv("a\"b,\"c\"d");
  ASSERT_FALSE(lenient.error.has_value());
  EXPECT_EQ(lenient.records[0].fields[0].text, "a\"b");
  EXPECT_EQ(lenient.records[0].fields[1].text, "cd");
  CsvTokenizerOptions strict;
  strict.strict_quotes = true;
  CsvTokens quote = TokenizeCsv("x\na\"b", strict);
  ASSERT_TRUE(quote.error.has_value());
  EXPECT_EQ(quote.error->problem, CsvSyntaxProblem::kQuoteInUnquotedField);
  EXPECT_EQ(quote.error->line, 2);
  EXPECT_EQ(quote.error->column, 2);
  ASSERT_EQ(quote.records.size(), 1u);
  CsvTokens after = TokenizeCsv("\"c\"  d", strict);
  ASSERT_TRUE(after.error.has_value());
  EXPECT_EQ(after.error->problem, CsvSyntaxProblem::kTextAfterClosingQuote);
  EXPECT_EQ(after.error->column, 6);
  strict.trim_unquoted = true;  // blanks before an opening quote
  CsvTokens open = TokenizeCsv("a\nb,  \"c\n", strict);
  ASSERT_TRUE(open.error.has_value());
  EXPECT_EQ(open.error->problem, CsvSyntaxProblem::kUnclosedQuote);
  EXPECT_EQ(open.error->record, 2);
  EXPECT_EQ(open.error->index, 1);
  EXPECT_EQ(open.error->column, 3);
}

TEST(CsvTokenizerTest, TabsTrimmingAndBlankRecords) {
  EXPECT_EQ(TokenizeCsv("a\tb\n1\t2").records[1].fields.size(), 2u);
  CsvTokenizerOptions o;
  o.detect_tabs = false;
  o.trim_unquoted = true;
  o.skip_blank_records = true;
  o.strict_quotes = true;
  CsvTokens t = TokenizeCsv("a\tb\n  \n x , \"y\" \n", o);
  ASSERT_FALSE(t.error.has_value());
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].fields.size(), 1u);
  EXPECT_EQ(t.records[1].number, 3);
  EXPECT_EQ(t.records[1].fields[0].text, "x");
  EXPECT_EQ(t.records[1].fields[1].text, "y");
  EXPECT_EQ(t.records[1].fields[1].column, 5);
}

}  // namespace
}  // namespace kaoping::interop
