// -----------------------------------------------------------------------------
// File: interop/import_batch.h
// -----------------------------------------------------------------------------
//
// What every importer of the item bank returns (CSV/XLSX templates, QTI 2.1/2.2/3.0 packages).
//
// Imports are all-or-nothing: an importer checks every row (or item file) and reports every
// problem it finds; when there is at least one error, `items` is empty. Problems a person must
// fix carry the place as they see it — the spreadsheet row number Excel shows (the header is
// row 1), the column letter and header, or the file inside a QTI package — a stable machine
// `reason`, and a message in Chinese and English.
//
// A `Result<ImportBatch>` is an error only when the input cannot be read as a table or a
// package at all (not UTF-8, not a zip, no manifest); everything found while reading rows or
// item files is reported in `errors`.

#ifndef KAOPING_INTEROP_IMPORT_BATCH_H_
#define KAOPING_INTEROP_IMPORT_BATCH_H_

#include <cstddef>
#include <string>
#include <vector>

#include "base/status.h"
#include "core/bank/item.h"
#include "core/bank/validate.h"

namespace kaoping::interop {

// One problem found by an importer (also used for warnings).
struct RowError {
  int row = 0;            // spreadsheet row, 1-based as Excel shows it; 0 when not a table row
  std::string column;     // column letters ("C", "AA"); empty when the problem is the whole row
  std::string header;     // the column's header ("题干"); QTI: the element or field concerned
  std::string file;       // QTI: the item file inside the package; empty for CSV/XLSX
  std::string item_id;    // the item concerned, when the row or file names one
  std::string reason;     // stable machine code, e.g. "interop.answer_not_option"
  std::string reason_zh;  // what is wrong and how to fix it, in Chinese
  std::string reason_en;  // the same in English

  // "第 3 行 C 列（题干）", "第 3 行", "items/q1.xml（responseDeclaration）", "第 1 行 F 列（选项C）".
  [[nodiscard]] std::string WhereZh() const;
  // "row 3, column C (题干)", "items/q1.xml (responseDeclaration)".
  [[nodiscard]] std::string WhereEn() const;
};

using ImportWarning = RowError;

struct ImportBatch {
  std::string format;                   // "csv" | "xlsx" | "qti2.1" | "qti2.2" | "qti3.0"
  std::vector<bank::Item> items;        // in file order; empty whenever `errors` is not
  std::vector<RowError> errors;         // every problem, in row (file) order
  std::vector<ImportWarning> warnings;  // defaults applied, content dropped; the import still holds

  [[nodiscard]] bool ok() const { return errors.empty(); }
};

// Options shared by the importers.
struct ImportOptions {
  // Fills alignment fields that a row leaves empty or that a foreign QTI item (one without
  // kaoping metadata) cannot carry. An item whose alignment is still incomplete after this —
  // no standard, no level, no exam kind (theory | skill) or no function — is an error.
  bank::Alignment default_alignment;
  // Status given to items whose row leaves 状态 empty, and to foreign QTI items.
  bank::ItemStatus default_status = bank::ItemStatus::kDraft;
  // QTI: prefix for ids built from a foreign assessmentItem identifier ("tao-" + "VE-IP-01").
  std::string id_prefix;
  // QTI: `source` given to foreign items; default "QTI 导入：<package file>".
  std::string default_source;
};

// INVALID_ARGUMENT "interop.import_failed" summarising `batch.errors` (count plus the first
// `max_listed` problems with their places), or OK when there are none. For callers that want one
// Status, e.g. the HTTP API's problem+json.
Status BatchStatus(const ImportBatch& batch, std::size_t max_listed = 20);

// The problems in the form the bank's importers report (core/bank/validate.h): `row` is the
// spreadsheet row (0 for QTI files), `field` the column ("题干 [C]") or, for QTI, the file and
// element ("items/q1.xml responseDeclaration").
std::vector<bank::RowProblem> ToRowProblems(const std::vector<RowError>& errors);

// Spreadsheet column letters for a 0-based index: 0 → "A", 25 → "Z", 26 → "AA".
std::string ColumnLetters(int index);

}  // namespace kaoping::interop

#endif  // KAOPING_INTEROP_IMPORT_BATCH_H_
