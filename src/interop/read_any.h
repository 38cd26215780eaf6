// -----------------------------------------------------------------------------
// File: interop/read_any.h
// -----------------------------------------------------------------------------
//
// One entry point per direction for callers that hold a file (the `kaoping bank import/export`
// verbs, the HTTP upload and download handlers): pick the format from the file name, fall back on
// the content when the name says nothing.
//
//   KP_ASSIGN_OR_RETURN(interop::ImportBatch batch, interop::ReadAny(bytes, "bank.xlsx", options));
//   if (!batch.ok()) return interop::BatchStatus(batch);   // every bad row, nothing imported
//
// Thread-safe: no shared state.

#ifndef KAOPING_INTEROP_READ_ANY_H_
#define KAOPING_INTEROP_READ_ANY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/bank/item.h"
#include "interop/import_batch.h"

namespace kaoping::interop {

enum class FileFormat { kCanonicalJson, kCsv, kXlsx, kQtiPackage, kQtiItem };

// By extension (case-insensitive): .json, .csv (.txt), .xlsx (.xlsm), .zip, .xml; otherwise by
// content ("PK" zip with xl/workbook.xml → XLSX, other zip → QTI, "<" → QTI item, "{" / "[" →
// JSON, else CSV). Legacy .xls is INVALID_ARGUMENT "interop.not_xlsx" with re-save advice.
Result<FileFormat> DetectFormat(std::string_view bytes, std::string_view filename);

// Reads `bytes` as the format of `filename` (DetectFormat). The canonical JSON form is not read
// here — it belongs to wire/item_json.h — so .json gives FAILED_PRECONDITION
// "interop.canonical_json" telling the caller to use that reader.
Result<ImportBatch> ReadAny(std::string_view bytes, std::string_view filename,
                            const ImportOptions& options = {});

// Reads the file at `path` and calls ReadAny. NOT_FOUND "interop.cannot_read" when it cannot be
// read.
Result<ImportBatch> ReadAnyFile(const std::string& path, const ImportOptions& options = {});

// Export formats by name: "csv", "xlsx", "qti21" / "qti2.1", "qti30" / "qti3.0" / "qti".
enum class ExportFormat { kCsv, kXlsx, kQti21, kQti30 };
std::optional<ExportFormat> ParseExportFormat(std::string_view name);
// Items → file bytes in that format (WriteCsv, WriteXlsx, ExportQti).
Result<std::string> WriteAny(const std::vector<bank::Item>& items, ExportFormat format);
// ".csv", ".xlsx", ".zip".
const char* ExportExtension(ExportFormat format);

}  // namespace kaoping::interop

#endif  // KAOPING_INTEROP_READ_ANY_H_
