// XLSX (Office Open XML SpreadsheetML) reading with libzip + pugixml: the package relationships
// lead to the workbook, the workbook to the sheet (the one named 题目, else the first), shared
// strings and inline strings become text, numbers are shown as Excel shows them (15 significant
// digits), booleans as TRUE/FALSE. Cell references ("C12") give row and column; writers that
// omit them get the next cell. Element names are compared without namespace prefixes, because
// some writers use "x:c" instead of "c".

#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "base/utf8.h"
#include "interop/sheet.h"
#include "interop/tabular.h"
#include "interop/vocabulary.h"
#include "interop/zip_archive.h"

namespace kaoping::interop {

namespace {

using internal::Sheet;
using internal::SheetCell;
using internal::SheetRow;
using internal::ZipReader;

constexpr int kMaxColumns = 16384;  // XFD
constexpr int kMaxRows = 1048576;

std::string_view LocalName(const pugi::xml_node& n) {
  std::string_view name = n.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view AttrLocalName(const pugi::xml_attribute& a) {
  std::string_view name = a.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& parent, std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == local) return c;
  }
  return {};
}

Status XlsxInvalid(const std::string& part, const std::string& detail) {
  return InvalidArgument("interop.xlsx_invalid", "the workbook part " + part + " is invalid: " + detail,
                         "工作簿中的 " + part + " 无效：" + detail);
}

Result<pugi::xml_document*> ParsePart(const ZipReader& zip, const std::string& name,
                                      pugi::xml_document* doc) {
  KP_ASSIGN_OR_RETURN(std::string text, zip.Read(name));
  const pugi::xml_parse_result r =
      doc->load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (!r) return XlsxInvalid(name, std::string(r.description()) + " at byte " + std::to_string(r.offset));
  return doc;
}

// "_x000D_" → "\r" (ST_Xstring escaping of characters XML cannot carry).
std::string DecodeXString(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  while (i < s.size()) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      int v = 0;
      bool ok = true;
      for (std::size_t k = 2; k < 6; ++k) {
        const int h = hex(s[i + k]);
        ok = ok && h >= 0;
        v = v * 16 + (h < 0 ? 0 : h);
      }
      if (ok) {
        if (v < 0x80) {
          out.push_back(static_cast<char>(v));
        } else if (v < 0x800) {
          out.push_back(static_cast<char>(0xC0 | (v >> 6)));
          out.push_back(static_cast<char>(0x80 | (v & 0x3F)));
        } else {
          out.push_back(static_cast<char>(0xE0 | (v >> 12)));
          out.push_back(static_cast<char>(0x80 | ((v >> 6) & 0x3F)));
          out.push_back(static_cast<char>(0x80 | (v & 0x3F)));
        }
        i += 7;
        continue;
      }
    }
    out.push_back(s[i]);
    ++i;
  }
  return out;
}

// Text of a rich-text container (<si>, <is>): every <t>, phonetic runs (<rPh>) left out.
void CollectText(const pugi::xml_node& node, std::string* out) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = LocalName(c);
    if (name == "t") {
      *out += c.text().get();
    } else if (name == "r") {
      CollectText(c, out);
    }
  }
}

std::string RichText(const pugi::xml_node& node) {
  std::string s;
  CollectText(node, &s);
  return NormaliseNewlines(DecodeXString(s));
}

// "C12" → column 2, row 12. False for anything else.
bool ParseCellRef(std::string_view ref, int* col, int* row) {
  std::size_t i = 0;
  int c = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    c = c * 26 + (ref[i] - 'A' + 1);
    if (c > kMaxColumns) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  int r = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + (ref[i] - '0');
    if (r > kMaxRows) return false;
  }
  if (r == 0) return false;
  *col = c - 1;
  *row = r;
  return true;
}

// Excel shows at most 15 significant digits; 0.30000000000000004 is shown (and meant) as 0.3.
std::string ExcelNumberText(std::string_view v) {
  auto n = ParseNumber(v);
  if (!n) return std::string(TrimText(v));
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.15g", *n);
  auto again = ParseNumber(buf);
  return again ? FormatNumber(*again) : std::string(buf);
}

std::string RelsOf(const std::string& part) {
  const std::size_t slash = part.rfind('/');
  if (slash == std::string::npos) return "_rels/" + part + ".rels";
  return part.substr(0, slash + 1) + "_rels/" + part.substr(slash + 1) + ".rels";
}

// Id → target, and type suffix → target, of a .rels part (absent part: empty maps).
struct Rels {
  std::map<std::string, std::string> by_id;
  std::map<std::string, std::string> by_type;  // last path segment of Type ("officeDocument")
};

Result<Rels> ReadRels(const ZipReader& zip, const std::string& part) {
  Rels rels;
  const std::string name = RelsOf(part);
  if (zip.Find(name).empty()) return rels;
  pugi::xml_document doc;
  KP_ASSIGN_OR_RETURN(pugi::xml_document * d, ParsePart(zip, name, &doc));
  const pugi::xml_node root = d->document_element();
  const std::string base = internal::ArchiveDirOf(part);
  for (pugi::xml_node r = root.first_child(); r; r = r.next_sibling()) {
    if (r.type() != pugi::node_element || LocalName(r) != "Relationship") continue;
    if (std::string_view(r.attribute("TargetMode").value()) == "External") continue;
    const std::string target = internal::ResolveArchivePath(base, r.attribute("Target").value(), true);
    rels.by_id[r.attribute("Id").value()] = target;
    std::string type = r.attribute("Type").value();
    const std::size_t slash = type.rfind('/');
    if (slash != std::string::npos) type = type.substr(slash + 1);
    rels.by_type.emplace(type, target);
  }
  return rels;
}

struct XlsxSheet {
  Sheet sheet;
  std::vector<RowError> errors;
};

Result<XlsxSheet> LoadSheet(const ZipReader& zip) {
  // Package → workbook.
  KP_ASSIGN_OR_RETURN(Rels root_rels, ReadRels(zip, ""));
  std::string workbook_part = "xl/workbook.xml";
  if (auto it = root_rels.by_type.find("officeDocument"); it != root_rels.by_type.end())
    workbook_part = it->second;
  if (zip.Find(workbook_part).empty()) {
    return InvalidArgument("interop.not_xlsx",
                           "the archive is not an XLSX workbook (no " + workbook_part + ")",
                           "文件不是 XLSX 工作簿（缺少 " + workbook_part + "）");
  }
  workbook_part = zip.Find(workbook_part);
  pugi::xml_document workbook;
  KP_RETURN_IF_ERROR(ParsePart(zip, workbook_part, &workbook).status());
  KP_ASSIGN_OR_RETURN(Rels wb_rels, ReadRels(zip, workbook_part));

  // The sheet named 题目, else the first.
  std::string sheet_rid;
  std::string sheet_name;
  const pugi::xml_node sheets = Child(workbook.document_element(), "sheets");
  for (pugi::xml_node s = sheets.first_child(); s; s = s.next_sibling()) {
    if (s.type() != pugi::node_element || LocalName(s) != "sheet") continue;
    std::string rid;
    for (pugi::xml_attribute a = s.first_attribute(); a; a = a.next_attribute()) {
      if (AttrLocalName(a) == "id" && std::string_view(a.name()) != "sheetId") rid = a.value();
    }
    const std::string name = s.attribute("name").value();
    if (sheet_rid.empty() || name == "题目") {
      sheet_rid = rid;
      sheet_name = name;
      if (name == "题目") break;
    }
  }
  std::string sheet_part;
  if (auto it = wb_rels.by_id.find(sheet_rid); it != wb_rels.by_id.end()) sheet_part = zip.Find(it->second);
  if (sheet_part.empty()) sheet_part = zip.Find("xl/worksheets/sheet1.xml");
  if (sheet_part.empty()) {
    return InvalidArgument("interop.xlsx_invalid", "the workbook has no worksheet", "工作簿中没有工作表");
  }

  // Shared strings (optional: writers using inline strings have none).
  std::vector<std::string> shared;
  std::string sst_part;
  if (auto it = wb_rels.by_type.find("sharedStrings"); it != wb_rels.by_type.end())
    sst_part = zip.Find(it->second);
  if (sst_part.empty()) sst_part = zip.Find("xl/sharedStrings.xml");
  if (!sst_part.empty()) {
    pugi::xml_document sst;
    KP_RETURN_IF_ERROR(ParsePart(zip, sst_part, &sst).status());
    for (pugi::xml_node si = sst.document_element().first_child(); si; si = si.next_sibling()) {
      if (si.type() == pugi::node_element && LocalName(si) == "si") shared.push_back(RichText(si));
    }
  }

  pugi::xml_document ws;
  KP_RETURN_IF_ERROR(ParsePart(zip, sheet_part, &ws).status());
  const pugi::xml_node data = Child(ws.document_element(), "sheetData");
  XlsxSheet out;
  int next_row = 1;
  for (pugi::xml_node r = data.first_child(); r; r = r.next_sibling()) {
    if (r.type() != pugi::node_element || LocalName(r) != "row") continue;
    SheetRow row;
    row.number = next_row;
    if (pugi::xml_attribute ra = r.attribute("r")) {
      const int n = ra.as_int(0);
      if (n < 1 || n > kMaxRows)
        return XlsxInvalid(sheet_part, "bad row number \"" + std::string(ra.value()) + "\"");
      row.number = n;
    }
    if (!out.sheet.rows.empty() && row.number <= out.sheet.rows.back().number) {
      return XlsxInvalid(sheet_part, "rows out of order at row " + std::to_string(row.number));
    }
    next_row = row.number + 1;
    int next_col = 0;
    for (pugi::xml_node c = r.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || LocalName(c) != "c") continue;
      int col = next_col;
      if (pugi::xml_attribute ref = c.attribute("r")) {
        int rr = 0;
        if (!ParseCellRef(ref.value(), &col, &rr) || rr != row.number) {
          return XlsxInvalid(sheet_part, "bad cell reference \"" + std::string(ref.value()) + "\"");
        }
      }
      if (col >= kMaxColumns) return XlsxInvalid(sheet_part, "too many columns");
      if (!row.cells.empty() && col <= row.cells.back().col) {
        return XlsxInvalid(sheet_part,
                           "cells out of order at " + ColumnLetters(col) + std::to_string(row.number));
      }
      next_col = col + 1;
      const std::string_view t = c.attribute("t").value();
      const pugi::xml_node v = Child(c, "v");
      std::string text;
      if (t == "s") {
        const long long idx = v.text().as_llong(-1);
        if (idx < 0 || static_cast<std::size_t>(idx) >= shared.size()) {
          return XlsxInvalid(sheet_part, "shared string index out of range at " + ColumnLetters(col) +
                                             std::to_string(row.number));
        }
        text = shared[static_cast<std::size_t>(idx)];
      } else if (t == "inlineStr") {
        text = RichText(Child(c, "is"));
      } else if (t == "str" || t == "d") {
        text = NormaliseNewlines(DecodeXString(v.text().get()));
      } else if (t == "b") {
        text = std::string_view(v.text().get()) == "1" ? "TRUE" : "FALSE";
      } else if (t == "e") {
        RowError e;
        e.row = row.number;
        e.column = ColumnLetters(col);
        e.reason = "interop.cell_error_value";
        e.reason_zh = std::string("单元格是错误值 ") + v.text().get() + "，请改为文字或数值";
        e.reason_en =
            std::string("the cell holds the error value ") + v.text().get() + "; enter text or a number";
        out.errors.push_back(std::move(e));
        continue;
      } else {
        if (!v) continue;
        text = ExcelNumberText(v.text().get());
      }
      if (!IsValidUtf8(text)) {
        RowError e;
        e.row = row.number;
        e.column = ColumnLetters(col);
        e.reason = "interop.not_utf8";
        e.reason_zh = "单元格中含有无法识别的字符（不是有效的 UTF-8），请重新输入该单元格";
        e.reason_en = "the cell holds bytes that are not valid UTF-8; re-enter the cell";
        out.errors.push_back(std::move(e));
        continue;
      }
      if (!text.empty()) row.cells.push_back({col, std::move(text)});
    }
    if (!row.cells.empty()) out.sheet.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace

Result<ImportBatch> ReadXlsx(std::string_view bytes, const ImportOptions& options) {
  if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
    return InvalidArgument("interop.not_xlsx",
                           "this is a legacy Excel 97-2003 (.xls) file; save it as an Excel Workbook (.xlsx)",
                           "这是旧版 Excel 97-2003（.xls）文件，请另存为「Excel 工作簿（.xlsx）」后重新导入");
  }
  Result<ZipReader> zip = ZipReader::Open(bytes);
  if (!zip.ok()) {
    return InvalidArgument("interop.not_xlsx", "not an XLSX workbook: " + zip.status().message(),
                           "不是有效的 XLSX 工作簿：" + zip.status().message_zh());
  }
  KP_ASSIGN_OR_RETURN(XlsxSheet loaded, LoadSheet(*zip));
  return internal::ImportSheet(loaded.sheet, std::move(loaded.errors), "xlsx", options);
}

}  // namespace kaoping::interop
