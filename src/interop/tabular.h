// -----------------------------------------------------------------------------
// File: interop/tabular.h
// -----------------------------------------------------------------------------
//
// The item-bank spreadsheet templates, the way exam bodies keep their banks: one row per item,
// Chinese headers (题目编号, 题型, 题干, 选项A…选项H, 正确答案, 填空答案, 分值, 难度, 标准, 方向, 等级,
// 考试类型, 职业功能, 工作内容, 要求编号, 知识点, 评分要点, 参考答案, 解析, 互斥题, 作者, 来源, 许可, 状态
// …), as CSV (RFC 4180, UTF-8) or XLSX (sheet 题目 plus a sheet 说明 explaining every column). The cell
// syntaxes are documented in docs/interop-items.md and in the 说明 sheet; in short:
//
//   正确答案   "A" | "A,C" (also "AC", "A、C") | 判断: "正确" / "错误" (also 对/错, √/×, T/F)
//   填空答案   blanks separated by "|", alternatives within a blank by "/": "vLLM/vllm|8000";
//             "\|", "\/" and "\\" write the characters themselves
//   评分要点   criteria separated by ";": "描述:分值:证据" (证据 optional; "c1:描述:分值:证据" names the id)
//   等级 …     lists separated by ";" (also "；", ",", "、")
//
// Reading: columns are matched by header text (any order; only 题目编号, 题型 and 题干 are
// required columns; a column headed 备注 or starting with "#" is ignored); every row is checked
// and every problem reported with its row number as Excel shows it, column letter and header;
// any problem ⇒ no items (import_batch.h). CSV bytes must be UTF-8 (a BOM is fine); GBK and
// UTF-16 files are rejected with a message saying how to re-save them, never decoded by guess.
//
// Writing: WriteCsv/WriteXlsx(items) write every field the columns carry, so reading the output
// back gives the same items except `reviewer`, `synthetic` and `updated_ms`, which the templates
// do not carry (review and bookkeeping belong to the bank, not to the spreadsheet).
//
// Thread-safe: no shared state.

#ifndef KAOPING_INTEROP_TABULAR_H_
#define KAOPING_INTEROP_TABULAR_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/bank/item.h"
#include "interop/import_batch.h"

namespace kaoping::interop {

// One template column, in template order.
struct TemplateColumn {
  std::string header;     // "题干"
  bool required = false;  // must be present in the header row and filled on every row
  std::string help_zh;    // what goes in the cell (the 说明 sheet)
  std::string example;    // an example value
};
const std::vector<TemplateColumn>& TemplateColumns();

// The item the templates carry as their example row (a single choice on llm-deploy-engineer).
// Its id, "example-0001", is reported as a warning when a file still contains it.
bank::Item TemplateExampleItem();

// CSV: UTF-8 with BOM (so Excel opens it as UTF-8), CRLF line ends, the header row and the
// example row.
std::string WriteCsvTemplate();
// XLSX with sheet 题目 (header row, example row, drop-downs for 题型 / 考试类型 / 状态, every column
// formatted as text so Excel keeps "001" and "1/2") and sheet 说明 (one row per column).
Status WriteXlsxTemplate(const std::string& path);
Result<std::string> XlsxTemplateBytes();

// Items → spreadsheet. INVALID_ARGUMENT ("interop.not_representable") when an item cannot be
// written (more than 8 options, option ids other than A…H in order, a fill-in item without
// blanks) — naming the item.
Result<std::string> WriteCsv(const std::vector<bank::Item>& items);
Result<std::string> WriteXlsx(const std::vector<bank::Item>& items);

// Spreadsheet → items (all-or-nothing, see import_batch.h). Errors of the Result itself:
//   interop.not_utf8       the bytes are not UTF-8 (GBK/ANSI CSV from Excel): re-save as UTF-8
//   interop.utf16          UTF-16 text ("Unicode 文本"): re-save as CSV UTF-8
//   interop.not_xlsx       not a zip / not an XLSX workbook (including legacy .xls)
//   interop.xlsx_invalid   a workbook part is missing or is not well-formed XML
//   interop.too_large      a part would unpack to more than 64 MiB
Result<ImportBatch> ReadCsv(std::string_view text, const ImportOptions& options = {});
Result<ImportBatch> ReadXlsx(std::string_view bytes, const ImportOptions& options = {});

}  // namespace kaoping::interop

#endif  // KAOPING_INTEROP_TABULAR_H_
