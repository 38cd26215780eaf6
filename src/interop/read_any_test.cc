// ReadAny / WriteAny: dispatch on names and content, the same items through every format.

#include "interop/read_any.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "interop/interop_test_util.h"
#include "interop/tabular.h"
#include "support/files.h"

namespace kaoping::interop {
namespace {

using testing::ExpectSameItem;
using testing::InteropData;
using testing::SampleItems;

TEST(ReadAnyTest, DetectsFormatsByNameThenContent) {
  EXPECT_EQ(*DetectFormat("", "bank.CSV"), FileFormat::kCsv);
  EXPECT_EQ(*DetectFormat("", "dir.v2/bank.xlsx"), FileFormat::kXlsx);
  EXPECT_EQ(*DetectFormat("", "pkg.zip"), FileFormat::kQtiPackage);
  EXPECT_EQ(*DetectFormat("", "item.xml"), FileFormat::kQtiItem);
  EXPECT_EQ(*DetectFormat("", "items.json"), FileFormat::kCanonicalJson);
  EXPECT_EQ(DetectFormat("", "old.xls").status().reason(), "interop.not_xlsx");
  Result<std::string> xlsx = XlsxTemplateBytes();
  ASSERT_TRUE(xlsx.ok());
  EXPECT_EQ(*DetectFormat(*xlsx, "upload"), FileFormat::kXlsx);
  Result<std::string> qti = WriteAny(SampleItems(), ExportFormat::kQti30);
  ASSERT_TRUE(qti.ok());
  EXPECT_EQ(*DetectFormat(*qti, "upload"), FileFormat::kQtiPackage);
  EXPECT_EQ(*DetectFormat("\xEF\xBB\xBF<?xml version=\"1.0\"?><a/>", "upload"), FileFormat::kQtiItem);
  EXPECT_EQ(*DetectFormat("{\"format\":\"kaoping.items/1\"}", "upload"), FileFormat::kCanonicalJson);
  EXPECT_EQ(*DetectFormat("题目编号,题型", "upload"), FileFormat::kCsv);
}

TEST(ReadAnyTest, JsonIsLeftToTheCanonicalReader) {
  Result<ImportBatch> r = ReadAny("{}", "items.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().reason(), "interop.canonical_json");
}

TEST(ReadAnyTest, EveryExportFormatReadsBack) {
  const std::vector<bank::Item> items = SampleItems();
  for (const char* name : {"csv", "xlsx", "qti21", "qti3.0"}) {
    SCOPED_TRACE(name);
    std::optional<ExportFormat> format = ParseExportFormat(name);
    ASSERT_TRUE(format.has_value());
    Result<std::string> bytes = WriteAny(items, *format);
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    Result<ImportBatch> batch = ReadAny(*bytes, std::string("export") + ExportExtension(*format));
    ASSERT_TRUE(batch.ok()) << batch.status();
    ASSERT_TRUE(batch->ok()) << BatchStatus(*batch);
    ASSERT_EQ(batch->items.size(), items.size());
    const bool qti = *format == ExportFormat::kQti21 || *format == ExportFormat::kQti30;
    for (std::size_t i = 0; i < items.size(); ++i)
      ExpectSameItem(items[i], batch->items[i], /*bookkeeping=*/qti);
  }
  EXPECT_FALSE(ParseExportFormat("pdf").has_value());
}

TEST(ReadAnyTest, ReadsFilesFromDisk) {
  Result<ImportBatch> batch = ReadAnyFile((InteropData() / "csv" / "bom_quoted_newlines.csv").string());
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->items.size(), 3u);
  Result<ImportBatch> missing = ReadAnyFile("/nonexistent/kaoping.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().reason(), "interop.cannot_read");
}

}  // namespace
}  // namespace kaoping::interop
