// -----------------------------------------------------------------------------
// File: cli/response_csv.h
// -----------------------------------------------------------------------------
//
// Reading the CSV files of `kaoping analyze` (cli/analyze_command.h): response matrices, and the
// generic records the rating / area files are read from. The syntax is interop's tokenizer
// (interop/csv_tokenizer.h) in its strict form: ',' only, an optional UTF-8 BOM, CRLF/LF/CR,
// spaces around unquoted cells trimmed, blank lines skipped, and a stray or unclosed quote is an
// error rather than a guess.
//
// Every error about a file's contents is INVALID_ARGUMENT "cli.bad_csv" whose English and Chinese
// messages both start with "<file>:<line>:<column>" (1-based; the column counts bytes).

#ifndef KAOPING_CLI_RESPONSE_CSV_H_
#define KAOPING_CLI_RESPONSE_CSV_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/status.h"
#include "core/psychometrics/classical.h"
#include "core/psychometrics/response_matrix.h"
#include "interop/csv_tokenizer.h"

namespace kaoping::cli {

using CsvCell = interop::CsvToken;  // text (trimmed unless quoted), line, column
using CsvRow = std::vector<CsvCell>;

// INVALID_ARGUMENT "cli.bad_csv": "<file>:<line>:<column>: <en>" / "<file>:<line>:<column>：<zh>".
Status CsvError(const std::string& file, int line, int column, const std::string& en, const std::string& zh);

// The non-blank records of `text` (the contents of `file`, named in errors). Errors: a syntax
// error placed where it is, or "the file is empty" at 1:1 when there is no record. Never throws.
Result<std::vector<CsvRow>> ParseCliCsv(const std::string& file, std::string_view text);

struct ResponseCsvOptions {
  std::string id_column;          // a column of person labels to skip ("" = none)
  std::vector<std::string> keys;  // per item: option letter, or "-" for a scored (non-choice) item
  int num_options = 0;            // options per choice item; 0 = the highest letter seen or keyed
};

struct ResponseCsv {
  psychometrics::ResponseMatrix matrix;
  std::optional<psychometrics::ChoiceResponses> choices;  // with keys only
};

// A response file: a header row of item ids (non-empty, distinct; `id_column` is skipped), then
// one row per person with as many cells as the header. A cell that is empty, NA, na, N/A or "."
// is missing; otherwise it is an integer score 0..100, or, for an item keyed with a letter, an
// option letter (scored 1 when it is the key, else 0; within `num_options` when that is set).
//
// Contract: never throws (beyond std::bad_alloc) and never crashes, whatever the bytes. On
// success `matrix` has one column per header item and one row per data row, every score is
// psychometrics::kMissing or in 0..100, and `choices` (keys given) has the same shape, keys and
// options per item, and every choice kMissing or in 0..options-1. On failure: "cli.bad_csv"
// placed at <file>:<line>:<column> in both languages for the file's contents, or "cli.bad_key"
// (both languages) when `keys` do not fit the header.
Result<ResponseCsv> ReadResponseCsv(const std::string& file, std::string_view text,
                                    const ResponseCsvOptions& options);

}  // namespace kaoping::cli

#endif  // KAOPING_CLI_RESPONSE_CSV_H_
