// CSV (RFC 4180) reading and writing of the item-bank template.
//
// Reading follows what Excel does with the files it writes: fields separated by ',' (or by tabs
// when the first line has tabs and no comma), quoted fields with "" for a quote and embedded line
// breaks, CRLF / LF / CR line ends, an optional UTF-8 BOM. A quote inside an unquoted field, or
// text after a closing quote, is kept literally (as Excel does); a quote left open at the end of
// the file is an error, since everything after it has been swallowed into one cell. Row numbers
// are record numbers — the row Excel shows — not physical lines.
//
// The tokenizing is interop::TokenizeCsv (csv_tokenizer.h) with its lenient defaults; this file
// maps its records onto the sheet grid and its one lenient error onto a row error.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "interop/csv_tokenizer.h"
#include "interop/sheet.h"
#include "interop/tabular.h"
#include "interop/vocabulary.h"

namespace kaoping::interop {

namespace {

using internal::Sheet;
using internal::SheetCell;
using internal::SheetRow;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Offset of the first byte that is not part of well-formed UTF-8, or npos.
std::size_t FirstInvalidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return i;
    unsigned int cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

int LineOf(std::string_view s, std::size_t offset) {
  int line = 1;
  for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) ++line;
  }
  return line;
}

struct CsvParse {
  Sheet sheet;
  std::vector<RowError> errors;
};

CsvParse ParseCsv(std::string_view text) {
  CsvParse out;
  CsvTokens tokens = TokenizeCsv(text);  // lenient, tab detection on: Excel's reading
  for (CsvRecord& record : tokens.records) {
    SheetRow row;
    row.number = record.number;
    for (CsvToken& field : record.fields) {
      if (!field.text.empty()) row.cells.push_back({field.index, NormaliseNewlines(field.text)});
    }
    if (!row.cells.empty()) out.sheet.rows.push_back(std::move(row));
  }
  if (tokens.error) {  // lenient reading has one syntax error: a quote never closed
    const std::string line = std::to_string(tokens.error->quote_line);
    RowError e;
    e.row = tokens.error->record;
    e.column = ColumnLetters(tokens.error->index);
    e.reason = "interop.csv_unclosed_quote";
    e.reason_zh = "引号没有闭合（第 " + line +
                  " 行起）：此后直到文件末尾的内容都被当成了一个单元格，请检查该单元格中的英文双引号";
    e.reason_en = "a quote opened on line " + line +
                  " is never closed: everything up to the end of the file became one cell; check the "
                  "double quotes in this cell";
    out.errors.push_back(std::move(e));
  }
  return out;
}

bool NeedsQuotes(std::string_view s) {
  if (s.empty()) return false;
  if (s.find_first_of(",\"\r\n\t") != std::string_view::npos) return true;
  return s.front() == ' ' || s.back() == ' ';
}

void AppendField(std::string& out, std::string_view s) {
  if (!NeedsQuotes(s)) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendRow(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendField(out, cells[i]);
  }
  out += "\r\n";
}

}  // namespace

Result<ImportBatch> ReadCsv(std::string_view text, const ImportOptions& options) {
  if (text.size() >= 2 &&
      ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
    return InvalidArgument(
        "interop.utf16",
        "the file is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8 (Comma "
        "delimited)\" and import again",
        "文件是 UTF-16 编码（Excel 的「Unicode 文本」），请另存为「CSV UTF-8（逗号分隔）」后重新导入");
  }
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  if (const std::size_t bad = FirstInvalidUtf8(text); bad != std::string_view::npos) {
    const std::string line = std::to_string(LineOf(text, bad));
    const bool nul = text[bad] == '\0';
    return InvalidArgument(nul ? "interop.utf16" : "interop.not_utf8",
                           "the file is not UTF-8 (first bad byte on line " + line +
                               "; GBK/ANSI from Excel?): in Excel use Save As → \"CSV UTF-8 (Comma "
                               "delimited)\" and import again",
                           "文件不是 UTF-8 编码（第 " + line +
                               " 行起无法识别，可能是 Excel 默认保存的 GBK/ANSI 编码），请另存为 UTF-8 "
                               "CSV：在 Excel 中选择「另存为」→"
                               "「CSV UTF-8（逗号分隔）」后重新导入");
  }
  if (text.find('\0') != std::string_view::npos) {
    return InvalidArgument(
        "interop.utf16",
        "the file contains NUL bytes (UTF-16 text?); save it as \"CSV UTF-8 (Comma delimited)\"",
        "文件中含有空字符（可能是 UTF-16 编码），请另存为「CSV UTF-8（逗号分隔）」后重新导入");
  }
  CsvParse parsed = ParseCsv(text);
  return internal::ImportSheet(parsed.sheet, std::move(parsed.errors), "csv", options);
}

Result<std::string> WriteCsv(const std::vector<bank::Item>& items) {
  std::string out(kUtf8Bom);
  AppendRow(out, internal::TemplateHeaders());
  for (const bank::Item& item : items) {
    KP_ASSIGN_OR_RETURN(std::vector<std::string> cells, internal::ItemToCells(item));
    AppendRow(out, cells);
  }
  return out;
}

std::string WriteCsvTemplate() {
  Result<std::string> csv = WriteCsv({TemplateExampleItem()});
  return csv.ok() ? *csv : std::string();  // The example item is always representable.
}

}  // namespace kaoping::interop
