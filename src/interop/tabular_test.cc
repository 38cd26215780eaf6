// CSV/XLSX templates: round trips, every-bad-row reporting, encodings, and workbooks in the
// shapes other tools write.

#include "interop/tabular.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <unistd.h>
#include <zip.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "interop/interop_test_util.h"
#include "interop/sheet.h"
#include "interop/vocabulary.h"
#include "support/files.h"

namespace kaoping::interop {
namespace {

using ::testing::ElementsAre;
using testing::ExpectSameItem;
using ::testing::HasSubstr;
using testing::InteropData;
using testing::SampleItems;
using testing_support::ReadFile;

// The header row of the template as CSV, for hand-written test files.
std::string HeaderCsv() {
  std::string h;
  for (const TemplateColumn& c : TemplateColumns()) h += (h.empty() ? "" : ",") + c.header;
  return h + "\r\n";
}

const RowError* FindError(const ImportBatch& b, int row, const std::string& column) {
  for (const RowError& e : b.errors) {
    if (e.row == row && e.column == column) return &e;
  }
  return nullptr;
}

std::string Describe(const ImportBatch& b) {
  std::string s;
  for (const RowError& e : b.errors) s += e.WhereEn() + " [" + e.reason + "] " + e.reason_en + "\n";
  return s;
}

TEST(TemplateTest, ColumnsAreTheDocumentedOnes) {
  std::vector<std::string> headers;
  for (const TemplateColumn& c : TemplateColumns()) headers.push_back(c.header);
  ASSERT_EQ(headers.size(), 36u);
  EXPECT_EQ(headers[0], "题目编号");
  EXPECT_EQ(headers[1], "题型");
  EXPECT_EQ(headers[2], "题干");
  EXPECT_EQ(headers[3], "选项A");
  EXPECT_EQ(headers[10], "选项H");
  EXPECT_EQ(headers[11], "正确答案");
  EXPECT_EQ(headers[12], "填空答案");
  for (const TemplateColumn& c : TemplateColumns()) {
    EXPECT_FALSE(c.help_zh.empty()) << c.header;
    EXPECT_EQ(c.required, c.header == "题目编号" || c.header == "题型" || c.header == "题干") << c.header;
  }
}

TEST(TemplateTest, CsvTemplateReadsBackToTheExampleItem) {
  const std::string csv = WriteCsvTemplate();
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");  // Excel needs the BOM to open UTF-8.
  EXPECT_EQ(csv.substr(3, HeaderCsv().size()), HeaderCsv());
  Result<ImportBatch> batch = ReadCsv(csv);
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_TRUE(batch->ok()) << Describe(*batch);
  EXPECT_EQ(batch->format, "csv");
  ASSERT_EQ(batch->items.size(), 1u);
  ExpectSameItem(TemplateExampleItem(), batch->items[0]);
  ASSERT_EQ(batch->warnings.size(), 1u);  // The example row is pointed out.
  EXPECT_EQ(batch->warnings[0].reason, "interop.example_row");
  EXPECT_EQ(batch->warnings[0].row, 2);
}

TEST(TemplateTest, XlsxTemplateHasGuideSheetAndReadsBackToTheExampleItem) {
  Result<std::string> bytes = XlsxTemplateBytes();
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  // Two sheets, 题目 first and 说明 second, in the workbook part.
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes->data(), bytes->size(), 0, &err);
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
  ASSERT_NE(za, nullptr);
  zip_stat_t st;
  ASSERT_EQ(zip_stat(za, "xl/workbook.xml", 0, &st), 0);
  std::string workbook(st.size, '\0');
  zip_file_t* f = zip_fopen(za, "xl/workbook.xml", 0);
  ASSERT_EQ(zip_fread(f, workbook.data(), st.size), static_cast<zip_int64_t>(st.size));
  zip_fclose(f);
  zip_discard(za);
  zip_error_fini(&err);
  const std::size_t first = workbook.find("name=\"题目\"");
  const std::size_t second = workbook.find("name=\"说明\"");
  ASSERT_NE(first, std::string::npos) << workbook;
  ASSERT_NE(second, std::string::npos) << workbook;
  EXPECT_LT(first, second);

  Result<ImportBatch> batch = ReadXlsx(*bytes);
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_TRUE(batch->ok()) << Describe(*batch);
  EXPECT_EQ(batch->format, "xlsx");
  ASSERT_EQ(batch->items.size(), 1u);
  ExpectSameItem(TemplateExampleItem(), batch->items[0]);
}

TEST(TemplateTest, WriteXlsxTemplateWritesTheFile) {
  const std::string path =
      ::testing::TempDir() + "/kaoping-template-test-" + std::to_string(::getpid()) + ".xlsx";
  ASSERT_TRUE(WriteXlsxTemplate(path).ok());
  Result<ImportBatch> batch = ReadXlsx(ReadFile(path));
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->items.size(), 1u);
  std::remove(path.c_str());
  Status bad = WriteXlsxTemplate("/nonexistent-dir/kaoping/template.xlsx");
  EXPECT_EQ(bad.reason(), "interop.cannot_write");
}

TEST(CsvTest, EveryItemTypeRoundTrips) {
  const std::vector<bank::Item> items = SampleItems();
  Result<std::string> csv = WriteCsv(items);
  ASSERT_TRUE(csv.ok()) << csv.status();
  Result<ImportBatch> batch = ReadCsv(*csv);
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_TRUE(batch->ok()) << Describe(*batch);
  ASSERT_EQ(batch->items.size(), items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    ExpectSameItem(items[i], batch->items[i], /*bookkeeping=*/false);
  EXPECT_TRUE(batch->warnings.empty());
}

TEST(XlsxTest, EveryItemTypeRoundTrips) {
  const std::vector<bank::Item> items = SampleItems();
  Result<std::string> xlsx = WriteXlsx(items);
  ASSERT_TRUE(xlsx.ok()) << xlsx.status();
  Result<ImportBatch> batch = ReadXlsx(*xlsx);
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_TRUE(batch->ok()) << Describe(*batch);
  ASSERT_EQ(batch->items.size(), items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    ExpectSameItem(items[i], batch->items[i], /*bookkeeping=*/false);
}

TEST(CsvTest, ThreeBadRowsAreReportedWithColumnsAndNothingIsImported) {
  const std::string text = ReadFile(InteropData() / "csv" / "three_bad_rows.csv");
  Result<ImportBatch> batch = ReadCsv(text);
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_TRUE(batch->items.empty());
  ASSERT_EQ(batch->errors.size(), 3u) << Describe(*batch);
  // Row 3: 题型 "单选择题目" is no type (column B).
  const RowError* e1 = FindError(*batch, 3, "B");
  ASSERT_NE(e1, nullptr) << Describe(*batch);
  EXPECT_EQ(e1->header, "题型");
  EXPECT_EQ(e1->reason, "interop.unknown_type");
  EXPECT_THAT(e1->reason_zh, HasSubstr("未知题型"));
  EXPECT_EQ(e1->item_id, "q-003");
  // Row 5: key E while only A–D are filled (column L, 正确答案).
  const RowError* e2 = FindError(*batch, 5, "L");
  ASSERT_NE(e2, nullptr) << Describe(*batch);
  EXPECT_EQ(e2->header, "正确答案");
  EXPECT_EQ(e2->reason, "interop.answer_not_option");
  EXPECT_THAT(e2->reason_zh, HasSubstr("E 不是已填写的选项"));
  // Row 7: 分值 "两分" is not a number (column O).
  const RowError* e3 = FindError(*batch, 7, "O");
  ASSERT_NE(e3, nullptr) << Describe(*batch);
  EXPECT_EQ(e3->header, "分值");
  EXPECT_EQ(e3->reason, "interop.bad_number");
  EXPECT_EQ(e3->WhereZh(), "第 7 行 O 列（分值）");
  EXPECT_EQ(e3->WhereEn(), "row 7, column O (分值)");

  const Status s = BatchStatus(*batch);
  EXPECT_EQ(s.reason(), "interop.import_failed");
  EXPECT_THAT(s.message_zh(), HasSubstr("发现 3 处错误"));
  EXPECT_THAT(s.message_zh(), HasSubstr("第 5 行 L 列（正确答案）"));
  const std::vector<bank::RowProblem> problems = ToRowProblems(batch->errors);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[1].row, 5);
  EXPECT_EQ(problems[1].field, "正确答案 [L]");
}

TEST(CsvTest, BomQuotedNewlinesAndQuotesAreRead) {
  const std::string text = ReadFile(InteropData() / "csv" / "bom_quoted_newlines.csv");
  ASSERT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  Result<ImportBatch> batch = ReadCsv(text);
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_TRUE(batch->ok()) << Describe(*batch);
  ASSERT_EQ(batch->items.size(), 3u);
  const bank::Item& a = batch->items[0];
  EXPECT_EQ(a.id, "nl-001");
  EXPECT_EQ(a.stem, "第一行题干\n第二行含有\"引号\"和,逗号");
  EXPECT_EQ(a.options[1].text, "选项B\n跨两行");
  EXPECT_EQ(a.answer, std::vector<std::string>{"B"});
  EXPECT_EQ(a.alignment.levels, std::vector<std::string>({"junior", "mid"}));
  // A row after a multi-line record keeps its Excel row number: nl-003 is record 4.
  const bank::Item& c = batch->items[2];
  EXPECT_EQ(c.type, bank::ItemType::kTrueFalse);
  EXPECT_EQ(c.answer, std::vector<std::string>{"false"});
  EXPECT_EQ(batch->items[1].type, bank::ItemType::kMultipleChoice);
  EXPECT_EQ(batch->items[1].answer, std::vector<std::string>({"A", "C"}));
}

TEST(CsvTest, RowNumbersCountRecordsNotLines) {
  std::string csv = HeaderCsv();
  csv += "q1,单选,\"两行\n题干\",a,b,,,,,,,A,,,1,,std,,初级,理论,1,1.1,,,,,,,,,,,,,,,\r\n";
  csv += "q2,单选,题干,a,b,,,,,,,C,,,1,,std,,初级,理论,1,1.1,,,,,,,,,,,,,,,\r\n";
  Result<ImportBatch> batch = ReadCsv(csv);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->errors.size(), 1u) << Describe(*batch);
  EXPECT_EQ(batch->errors[0].row, 3);  // Excel row 3, although physical line 4.
  EXPECT_EQ(batch->errors[0].column, "L");
}

TEST(CsvTest, GbkBytesAreRejectedWithAdvice) {
  const std::string text = ReadFile(InteropData() / "csv" / "gbk_excel_default.csv");
  Result<ImportBatch> batch = ReadCsv(text);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().reason(), "interop.not_utf8");
  EXPECT_THAT(batch.status().message_zh(), HasSubstr("文件不是 UTF-8 编码"));
  EXPECT_THAT(batch.status().message_zh(), HasSubstr("请另存为 UTF-8 CSV"));
  EXPECT_THAT(batch.status().message_zh(), HasSubstr("第 1 行"));
}

TEST(CsvTest, Utf16IsRejectedWithAdvice) {
  const std::string utf16 = std::string("\xFF\xFE", 2) + std::string("\x98\x98\x2E\x76", 4);
  Result<ImportBatch> batch = ReadCsv(utf16);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().reason(), "interop.utf16");
  EXPECT_THAT(batch.status().message_zh(), HasSubstr("CSV UTF-8"));
}

TEST(CsvTest, UnclosedQuoteIsReportedAtItsRow) {
  std::string csv = HeaderCsv() + "q1,单选,\"没有闭合的引号,a,b\r\nq2,单选,题干,a,b\r\n";
  Result<ImportBatch> batch = ReadCsv(csv);
  ASSERT_TRUE(batch.ok());
  EXPECT_TRUE(batch->items.empty());
  ASSERT_FALSE(batch->errors.empty());
  EXPECT_EQ(batch->errors.back().reason, "interop.csv_unclosed_quote");
  EXPECT_EQ(batch->errors.back().row, 2);
  EXPECT_EQ(batch->errors.back().column, "C");
}

TEST(CsvTest, HeaderProblemsAreReportedOnRowOne) {
  Result<ImportBatch> batch = ReadCsv("题目编号,题型,题目类别,题干,题干\r\nq1,单选,x,y,z\r\n");
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->errors.size(), 2u) << Describe(*batch);
  EXPECT_EQ(batch->errors[0].reason, "interop.unknown_column");
  EXPECT_EQ(batch->errors[0].column, "C");
  EXPECT_EQ(batch->errors[1].reason, "interop.duplicate_column");
  EXPECT_EQ(batch->errors[1].column, "E");

  Result<ImportBatch> missing = ReadCsv("题型,题干\r\n单选,x\r\n");
  ASSERT_TRUE(missing.ok());
  ASSERT_EQ(missing->errors.size(), 1u);
  EXPECT_EQ(missing->errors[0].reason, "interop.missing_column");
  EXPECT_EQ(missing->errors[0].header, "题目编号");

  Result<ImportBatch> none = ReadCsv("a,b,c\r\n1,2,3\r\n");
  ASSERT_TRUE(none.ok());
  ASSERT_EQ(none->errors.size(), 1u);
  EXPECT_EQ(none->errors[0].reason, "interop.no_header");
}

TEST(CsvTest, AliasesReorderedColumnsAndIgnoredColumnsAreAccepted) {
  const std::string csv =
      "备注,编号,题目类型,题目,答案,选项A,选项B,分数,标准,级别,考试类型,职业功能,#内部\r\n"
      "随便写,r-1,单选题,题干一,b,甲,乙,2分,llm-deploy-engineer,中级,理论知识,职业道德,x\r\n"
      ",r-2,判断题,题干二,√,,,1,llm-deploy-engineer,初级；中级,技能,3,\r\n"
      ",r-3,简答题,题干三,这是参考答案,,,,llm-deploy-engineer,初级,理论,2,\r\n";
  Result<ImportBatch> batch = ReadCsv(csv);
  ASSERT_TRUE(batch.ok());
  // 简答 needs a rubric: the only error.
  ASSERT_EQ(batch->errors.size(), 1u) << Describe(*batch);
  EXPECT_EQ(batch->errors[0].row, 4);
  EXPECT_EQ(batch->errors[0].header, "评分要点");
  EXPECT_EQ(batch->errors[0].column, "");  // No such column in this file.

  Result<ImportBatch> ok = ReadCsv(csv.substr(0, csv.rfind(",r-3")));
  ASSERT_TRUE(ok.ok());
  ASSERT_TRUE(ok->ok()) << Describe(*ok);
  ASSERT_EQ(ok->items.size(), 2u);
  EXPECT_EQ(ok->items[0].answer, std::vector<std::string>{"B"});
  EXPECT_EQ(ok->items[0].points, 2);
  EXPECT_EQ(ok->items[0].alignment.levels, std::vector<std::string>{"mid"});
  EXPECT_EQ(ok->items[0].alignment.function, "basic:2.1");
  EXPECT_EQ(ok->items[1].answer, std::vector<std::string>{"true"});
  EXPECT_EQ(ok->items[1].alignment.levels, std::vector<std::string>({"junior", "mid"}));
  EXPECT_EQ(ok->items[1].alignment.exam_kind, "skill");
  EXPECT_EQ(ok->items[1].alignment.function, "function:3");
}

TEST(CsvTest, DefaultAlignmentFillsEmptyCells) {
  const std::string csv = "题目编号,题型,题干,选项A,选项B,正确答案\r\nd-1,单选,题干,a,b,A\r\n";
  Result<ImportBatch> without = ReadCsv(csv);
  ASSERT_TRUE(without.ok());
  ASSERT_EQ(without->errors.size(), 4u) << Describe(*without);  // standard, level, exam kind, function
  for (const RowError& e : without->errors) EXPECT_EQ(e.reason, "interop.no_alignment");

  ImportOptions options;
  options.default_alignment = testing::DeployAlignment();
  options.default_status = bank::ItemStatus::kInReview;
  Result<ImportBatch> with = ReadCsv(csv, options);
  ASSERT_TRUE(with.ok());
  ASSERT_TRUE(with->ok()) << Describe(*with);
  EXPECT_EQ(with->items[0].alignment.standard, "llm-deploy-engineer");
  EXPECT_EQ(with->items[0].status, bank::ItemStatus::kInReview);
}

TEST(CsvTest, EveryRowIsCheckedAndEveryProblemListed) {
  std::string csv = HeaderCsv();
  // One row with several problems, one duplicate id, one fill-in whose blanks do not match.
  csv += "bad id,单选,,a,,c,,,,,,A,,,0,1.5,,,特级,笔试,,,,,,,,,,,,,,,,x\r\n";
  csv += "f-1,填空,答案是 ____ 和 ____,,,,,,,,,,x,,1,,s,,初级,理论,1,1.1,,,,,,,,,,,,,,\r\n";
  csv += "f-1,单选,题干,a,b,,,,,,,A,,,1,,s,,初级,理论,1,1.1,,,,,,,,,,,,,,\r\n";
  Result<ImportBatch> batch = ReadCsv(csv);
  ASSERT_TRUE(batch.ok());
  EXPECT_TRUE(batch->items.empty());
  std::vector<std::string> reasons;
  for (const RowError& e : batch->errors)
    reasons.push_back(std::to_string(e.row) + e.column + ":" + e.reason);
  EXPECT_THAT(reasons, ::testing::IsSupersetOf({"2A:interop.bad_id", "2C:interop.required",
                                                "2E:interop.option_gap", "2O:interop.bad_points",
                                                "2P:interop.bad_difficulty", "2S:interop.bad_level",
                                                "2T:interop.bad_exam_kind", "2AJ:interop.bad_version",
                                                "3M:interop.blank_count", "4A:interop.duplicate_id"}))
      << Describe(*batch);
}

TEST(CsvTest, ShapeProblemsFromTheBankAreReportedAtTheirColumn) {
  std::string csv = HeaderCsv();
  // Every option correct is rejected by bank::CheckItemShape (multiple choice).
  csv += "m-1,多选,题干,a,b,,,,,,,\"A,B\",,,1,,s,,初级,理论,1,1.1,,,,,,,,,,,,,,\r\n";
  Result<ImportBatch> batch = ReadCsv(csv);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->errors.size(), 1u) << Describe(*batch);
  EXPECT_EQ(batch->errors[0].reason, "item.invalid");
  EXPECT_EQ(batch->errors[0].column, "L");
}

TEST(CsvTest, TabSeparatedTextIsRead) {
  std::string tsv;
  for (const TemplateColumn& c : TemplateColumns()) tsv += (tsv.empty() ? "" : "\t") + c.header;
  tsv += "\n";
  Result<std::vector<std::string>> cells = internal::ItemToCells(TemplateExampleItem());
  ASSERT_TRUE(cells.ok());
  for (std::size_t i = 0; i < cells->size(); ++i) tsv += (i ? "\t" : "") + (*cells)[i];
  tsv += "\n";
  Result<ImportBatch> batch = ReadCsv(tsv);
  ASSERT_TRUE(batch.ok());
  ASSERT_TRUE(batch->ok()) << Describe(*batch);
  ExpectSameItem(TemplateExampleItem(), batch->items.at(0));
}

TEST(CsvTest, CellSyntaxes) {
  ImportOptions options;
  options.default_alignment = testing::DeployAlignment();
  std::string csv = "题目编号,题型,题干,填空答案,评分要点,分值,参考答案,难度,实操说明,实操材料,实操时长\r\n";
  csv += "f,填空,\"{{b}} 与 {{a}}\",\"x\\/y/z|\\|\\\\\",,,,\"p=0.5;a=1;b=0\",,,\r\n";
  csv += "s,简答,题干,,\"k1:描述：含冒号:2:证据;描述二:3分\",,参考,,,,\r\n";
  csv += "p,实操,题干,,总体:5,5,,,做事,\"甲；乙\",30分钟\r\n";
  Result<ImportBatch> batch = ReadCsv(csv, options);
  ASSERT_TRUE(batch.ok());
  ASSERT_TRUE(batch->ok()) << Describe(*batch);
  const bank::Item& f = batch->items[0];
  ASSERT_EQ(f.blanks.size(), 2u);
  EXPECT_EQ(f.blanks[0].id, "b");
  EXPECT_EQ(f.blanks[0].accepted, std::vector<std::string>({"x/y", "z"}));
  EXPECT_EQ(f.blanks[1].id, "a");
  EXPECT_EQ(f.blanks[1].accepted, std::vector<std::string>({"|\\"}));
  EXPECT_EQ(f.difficulty.p, 0.5);
  EXPECT_EQ(f.difficulty.b, 0.0);
  const bank::Item& s = batch->items[1];
  ASSERT_EQ(s.rubric.size(), 2u);
  EXPECT_EQ(s.rubric[0].id, "k1");
  EXPECT_EQ(s.rubric[0].description, "描述：含冒号");
  EXPECT_EQ(s.rubric[0].points, 2);
  EXPECT_EQ(s.rubric[0].evidence, "证据");
  EXPECT_EQ(s.rubric[1].id, "c2");
  EXPECT_EQ(s.rubric[1].points, 3);
  EXPECT_EQ(s.points, 5);  // 分值 left empty: the rubric's total.
  const bank::Item& p = batch->items[2];
  ASSERT_TRUE(p.task.has_value());
  EXPECT_EQ(p.task->materials, std::vector<std::string>({"甲", "乙"}));
  EXPECT_EQ(p.task->time_minutes, 30);
}

// A workbook as other tools write it: inline strings, no shared-strings part, cells without "r"
// attributes, a numeric cell, a prefixed namespace, a title row above the header and a second
// sheet before it in the rels order. Built by hand with libzip.
std::string ForeignXlsx() {
  auto is = [](const char* ref, const std::string& text) {
    return std::string("<x:c r=\"") + ref + "\" t=\"inlineStr\"><x:is><x:t xml:space=\"preserve\">" + text +
           "</x:t></x:is></x:c>";
  };
  const std::string sheet =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>"
      "<x:row r=\"1\">" +
      is("A1", "2026 年题库（导出）") +
      "</x:row>"
      "<x:row r=\"3\">" +
      is("A3", "题目编号") + is("B3", "题型") + is("C3", "题干") + is("D3", "选项A") + is("E3", "选项B") +
      is("F3", "选项C") + is("G3", "正确答案") + is("H3", "分值") + is("I3", "难度") +
      "</x:row>"
      "<x:row r=\"4\">" +
      is("A4", "x-1") + is("B4", "多选") + is("C4", "第一行&#10;第二行 &amp; more") + is("D4", "甲") +
      is("E4", "乙") + is("F4", "丙") + is("G4", "AC") +
      "<x:c r=\"H4\"><x:v>2</x:v></x:c><x:c r=\"I4\" t=\"n\"><x:v>0.30000000000000004</x:v></x:c></x:row>"
      "<x:row>"
      "<x:c t=\"inlineStr\"><x:is><x:r><x:t>x-</x:t></x:r><x:r><x:t>2</x:t></x:r></x:is></x:c>" +
      "<x:c t=\"inlineStr\"><x:is><x:t>判断</x:t></x:is></x:c>"
      "<x:c t=\"inlineStr\"><x:is><x:t>有行号以外的写法_x000D_</x:t></x:is></x:c>"
      "<x:c/><x:c/><x:c/><x:c t=\"b\"><x:v>0</x:v></x:c></x:row>"
      "</x:sheetData></x:worksheet>";
  const std::string other_sheet =
      "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<sheetData><row r=\"1\"><c r=\"A1\" "
      "t=\"inlineStr\"><is><t>说明</t></is></c></row></sheetData></worksheet>";
  const std::string workbook =
      "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
      "<sheet name=\"说明\" sheetId=\"2\" r:id=\"rId2\"/><sheet name=\"题目\" sheetId=\"1\" r:id=\"rId1\"/>"
      "</sheets></workbook>";
  const std::string wb_rels =
      "<?xml version=\"1.0\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
      "Target=\"worksheets/data.xml\"/>"
      "<Relationship Id=\"rId2\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
      "Target=\"/xl/worksheets/other.xml\"/></Relationships>";
  const std::string root_rels =
      "<?xml version=\"1.0\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
      "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
  const std::string content_types =
      "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";

  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  zip_source_keep(src);
  auto add = [&](const char* name, const std::string& content) {
    void* copy = std::malloc(content.size());
    std::memcpy(copy, content.data(), content.size());
    zip_file_add(za, name, zip_source_buffer(za, copy, content.size(), 1), 0);
  };
  add("[Content_Types].xml", content_types);
  add("_rels/.rels", root_rels);
  add("xl/workbook.xml", workbook);
  add("xl/_rels/workbook.xml.rels", wb_rels);
  add("xl/worksheets/data.xml", sheet);
  add("xl/worksheets/other.xml", other_sheet);
  zip_close(za);
  zip_source_open(src);
  zip_source_seek(src, 0, SEEK_END);
  std::string out(static_cast<std::size_t>(zip_source_tell(src)), '\0');
  zip_source_seek(src, 0, SEEK_SET);
  zip_source_read(src, out.data(), out.size());
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&err);
  return out;
}

TEST(XlsxTest, InlineStringWorkbookOfAnotherToolIsRead) {
  ImportOptions options;
  options.default_alignment = testing::DeployAlignment();
  Result<ImportBatch> batch = ReadXlsx(ForeignXlsx(), options);
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_TRUE(batch->ok()) << Describe(*batch);
  ASSERT_EQ(batch->items.size(), 2u);
  const bank::Item& a = batch->items[0];
  EXPECT_EQ(a.id, "x-1");
  EXPECT_EQ(a.type, bank::ItemType::kMultipleChoice);
  EXPECT_EQ(a.stem, "第一行\n第二行 & more");
  EXPECT_EQ(a.answer, std::vector<std::string>({"A", "C"}));
  EXPECT_EQ(a.points, 2);
  EXPECT_EQ(a.difficulty.p, 0.3);  // Shown by Excel as 0.3.
  const bank::Item& b = batch->items[1];
  EXPECT_EQ(b.id, "x-2");
  EXPECT_EQ(b.stem, "有行号以外的写法");                   // _x000D_ decoded, then trimmed.
  EXPECT_EQ(b.answer, std::vector<std::string>{"false"});  // Boolean cell FALSE.
}

TEST(XlsxTest, ErrorsNameTheExcelRow) {
  ImportOptions options;
  options.default_alignment = testing::DeployAlignment();
  std::vector<bank::Item> items = SampleItems();
  Result<std::string> bytes = WriteXlsx(items);
  ASSERT_TRUE(bytes.ok());
  // Duplicate the bank: every id repeats; rows 9..15 are reported against rows 2..8.
  std::vector<bank::Item> twice = items;
  twice.insert(twice.end(), items.begin(), items.end());
  Result<std::string> doubled = WriteXlsx(twice);
  ASSERT_TRUE(doubled.ok());
  Result<ImportBatch> batch = ReadXlsx(*doubled, options);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->errors.size(), items.size());
  EXPECT_EQ(batch->errors[0].row, 9);
  EXPECT_EQ(batch->errors[0].column, "A");
  EXPECT_EQ(batch->errors[0].reason, "interop.duplicate_id");
  EXPECT_THAT(batch->errors[0].reason_zh, HasSubstr("与第 2 行重复"));
}

TEST(XlsxTest, TextBeyondExcelsCellLimitIsNotRepresentable) {
  bank::Item item = TemplateExampleItem();
  item.explanation = std::string(40000, 'x');
  Result<std::string> xlsx = WriteXlsx({item});
  ASSERT_FALSE(xlsx.ok());
  EXPECT_EQ(xlsx.status().reason(), "interop.not_representable");
  EXPECT_THAT(xlsx.status().message_zh(), HasSubstr("32767"));
}

TEST(XlsxTest, NotAWorkbookIsRejectedClearly) {
  Result<ImportBatch> text = ReadXlsx("题目编号,题型\r\n");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().reason(), "interop.not_xlsx");
  Result<ImportBatch> xls =
      ReadXlsx(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0'));
  ASSERT_FALSE(xls.ok());
  EXPECT_THAT(xls.status().message_zh(), HasSubstr(".xls"));
}

TEST(VocabularyTest, Labels) {
  EXPECT_EQ(ParseTypeLabel("单项选择题"), bank::ItemType::kSingleChoice);
  EXPECT_EQ(ParseTypeLabel(" 多选题 "), bank::ItemType::kMultipleChoice);
  EXPECT_EQ(ParseTypeLabel("true_false"), bank::ItemType::kTrueFalse);
  EXPECT_EQ(ParseTypeLabel("操作题"), bank::ItemType::kPractical);
  EXPECT_FALSE(ParseTypeLabel("连线题").has_value());
  EXPECT_EQ(ParseLevelLabel("初级"), "junior");
  EXPECT_EQ(ParseLevelLabel("senior"), "senior");
  EXPECT_FALSE(ParseLevelLabel("特级").has_value());
  EXPECT_EQ(ParseFunctionLabel("2"), "function:2");
  EXPECT_EQ(ParseFunctionLabel("基础知识"), "basic:2.2");
  EXPECT_FALSE(ParseFunctionLabel("dimension:x").has_value());
  EXPECT_EQ(ParseStatusLabel("已审核"), bank::ItemStatus::kApproved);
  EXPECT_EQ(ColumnLetters(0), "A");
  EXPECT_EQ(ColumnLetters(25), "Z");
  EXPECT_EQ(ColumnLetters(26), "AA");
  EXPECT_EQ(ColumnLetters(35), "AJ");
  EXPECT_EQ(ColumnLetters(16383), "XFD");
  EXPECT_EQ(FormatNumber(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(FormatNumber(2), "2");
  EXPECT_EQ(FormatNumber(-0.0), "0");
  EXPECT_FALSE(ParseNumber("1,5").has_value());
  EXPECT_FALSE(ParseNumber("nan").has_value());
  EXPECT_EQ(ParseNumber(" +2.5 "), 2.5);
  EXPECT_THAT(SplitEscaped("a\\|b|c\\d|\\\\", {"|"}), ElementsAre("a|b", "c\\d", "\\"));
  EXPECT_EQ(EscapePiece("a|b\\c", {"|"}), "a\\|b\\\\c");
  EXPECT_THAT(SplitIdList("a; b，c、d e"), ElementsAre("a", "b", "c", "d", "e"));
  const std::vector<BlankMarker> m = FindBlankMarkers("x ____ y {{2}} __init__ ___ z{{}}");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].text, "____");
  EXPECT_EQ(m[1].text, "{{2}}");
}

}  // namespace
}  // namespace kaoping::interop
