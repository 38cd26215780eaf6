// -----------------------------------------------------------------------------
// File: interop/sheet.h
// -----------------------------------------------------------------------------
//
// Module-internal: the grid both spreadsheet readers produce (CSV records, XLSX rows), and the
// one conversion from that grid to items that both share, so a CSV and an XLSX with the same
// cells import to the same items and the same errors.

#ifndef KAOPING_INTEROP_SHEET_H_
#define KAOPING_INTEROP_SHEET_H_

#include <string>
#include <vector>

#include "base/result.h"
#include "core/bank/item.h"
#include "interop/import_batch.h"

namespace kaoping::interop::internal {

struct SheetCell {
  int col = 0;       // 0-based column
  std::string text;  // as written; newlines normalised to "\n"
};

struct SheetRow {
  int number = 0;                // 1-based, as Excel shows it
  std::vector<SheetCell> cells;  // ascending `col`; empty cells may be absent
};

struct Sheet {
  std::vector<SheetRow> rows;  // ascending `number`
};

// Finds the header row, maps columns, converts every data row and collects every problem.
// `early_errors` (CSV syntax, XLSX error cells) are merged in row order; any error ⇒ no items.
ImportBatch ImportSheet(const Sheet& sheet, std::vector<RowError> early_errors, std::string format,
                        const ImportOptions& options);

// The template row for `item`: one string per TemplateColumns() entry. INVALID_ARGUMENT
// "interop.not_representable" naming the item when the columns cannot carry it.
Result<std::vector<std::string>> ItemToCells(const bank::Item& item);

// The header texts, in template order.
std::vector<std::string> TemplateHeaders();

}  // namespace kaoping::interop::internal

#endif  // KAOPING_INTEROP_SHEET_H_
