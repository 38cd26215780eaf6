#include "interop/read_any.h"

#include <fstream>
#include <iterator>

#include "interop/qti.h"
#include "interop/tabular.h"
#include "interop/zip_archive.h"

namespace kaoping::interop {

namespace {

std::string LowerExtension(std::string_view filename) {
  const std::size_t slash = filename.find_last_of("/\\");
  if (slash != std::string_view::npos) filename = filename.substr(slash + 1);
  const std::size_t dot = filename.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  std::string ext(filename.substr(dot + 1));
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return ext;
}

std::string BaseName(std::string_view filename) {
  const std::size_t slash = filename.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? filename : filename.substr(slash + 1));
}

}  // namespace

Result<FileFormat> DetectFormat(std::string_view bytes, std::string_view filename) {
  const std::string ext = LowerExtension(filename);
  if (ext == "json") return FileFormat::kCanonicalJson;
  if (ext == "csv" || ext == "txt") return FileFormat::kCsv;
  if (ext == "xlsx" || ext == "xlsm") return FileFormat::kXlsx;
  if (ext == "zip") return FileFormat::kQtiPackage;
  if (ext == "xml") return FileFormat::kQtiItem;
  if (ext == "xls" || ext == "et") {
    return InvalidArgument("interop.not_xlsx",
                           "legacy .xls workbooks are not read; save it as an Excel Workbook (.xlsx)",
                           "不支持旧版 .xls 工作簿，请另存为「Excel 工作簿（.xlsx）」后重新导入");
  }
  // By content.
  if (bytes.substr(0, 2) == "PK") {
    Result<internal::ZipReader> zip = internal::ZipReader::Open(bytes);
    if (zip.ok() && !zip->Find("xl/workbook.xml").empty()) return FileFormat::kXlsx;
    return FileFormat::kQtiPackage;
  }
  std::string_view head = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? bytes.substr(3) : bytes;
  while (!head.empty() &&
         (head.front() == ' ' || head.front() == '\n' || head.front() == '\r' || head.front() == '\t')) {
    head.remove_prefix(1);
  }
  if (!head.empty() && head.front() == '<') return FileFormat::kQtiItem;
  if (!head.empty() && (head.front() == '{' || head.front() == '[')) return FileFormat::kCanonicalJson;
  return FileFormat::kCsv;
}

Result<ImportBatch> ReadAny(std::string_view bytes, std::string_view filename, const ImportOptions& options) {
  KP_ASSIGN_OR_RETURN(FileFormat format, DetectFormat(bytes, filename));
  switch (format) {
    case FileFormat::kCanonicalJson:
      return FailedPrecondition(
          "interop.canonical_json",
          "canonical JSON (kaoping.items/1) is read by wire/item_json.h, not by the interop module",
          "规范 JSON（kaoping.items/1）由 wire/item_json.h 读取，不经过 interop 模块");
    case FileFormat::kCsv:
      return ReadCsv(bytes, options);
    case FileFormat::kXlsx:
      return ReadXlsx(bytes, options);
    case FileFormat::kQtiPackage:
      return ReadQtiPackage(bytes, options, BaseName(filename));
    case FileFormat::kQtiItem:
      return ReadQtiItem(bytes, options, BaseName(filename));
  }
  return Internal("interop.unreachable", "unknown format", "未知格式");
}

Result<ImportBatch> ReadAnyFile(const std::string& path, const ImportOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("interop.cannot_read", "cannot read " + path, "无法读取文件 " + path);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return NotFound("interop.cannot_read", "cannot read " + path, "无法读取文件 " + path);
  return ReadAny(bytes, path, options);
}

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  std::string s(name);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (s == "csv") return ExportFormat::kCsv;
  if (s == "xlsx") return ExportFormat::kXlsx;
  if (s == "qti21" || s == "qti2.1" || s == "qti-2.1") return ExportFormat::kQti21;
  if (s == "qti30" || s == "qti3.0" || s == "qti-3.0" || s == "qti3" || s == "qti")
    return ExportFormat::kQti30;
  return std::nullopt;
}

Result<std::string> WriteAny(const std::vector<bank::Item>& items, ExportFormat format) {
  switch (format) {
    case ExportFormat::kCsv:
      return WriteCsv(items);
    case ExportFormat::kXlsx:
      return WriteXlsx(items);
    case ExportFormat::kQti21:
      return ExportQti(items, QtiVersion::kV2p1);
    case ExportFormat::kQti30:
      return ExportQti(items, QtiVersion::kV3p0);
  }
  return Internal("interop.unreachable", "unknown format", "未知格式");
}

const char* ExportExtension(ExportFormat format) {
  switch (format) {
    case ExportFormat::kCsv:
      return ".csv";
    case ExportFormat::kXlsx:
      return ".xlsx";
    case ExportFormat::kQti21:
    case ExportFormat::kQti30:
      return ".zip";
  }
  return "";
}

}  // namespace kaoping::interop
