// -----------------------------------------------------------------------------
// File: interop/csv_tokenizer.h
// -----------------------------------------------------------------------------
//
// The one CSV tokenizer of the code base: bytes → records of cells, each cell placed by its
// physical line and column. The item-bank CSV import (interop/tabular.h, lenient like Excel) and
// the response files of `kaoping analyze` (cli/response_csv.h, strict) both read through it; the
// options say how they differ.
//
// Always: fields separated by the delimiter; a field that starts with '"' is quoted, "" inside it
// is one quote, and it may hold delimiters and line breaks; records end at CRLF, LF or CR (also
// inside quoted fields, where the line break is kept in the text as written); a quote still open
// at the end of the input is an error (everything after it would be one cell). A byte-order mark
// is the caller's business (strip it first), as is the text encoding.
//
// Lenient (default): a quote inside an unquoted field, or text after a closing quote, is kept
// literally, as Excel does. Strict: both are errors, placed at the offending quote / character
// (spaces and tabs after a closing quote are dropped).

#ifndef KAOPING_INTEROP_CSV_TOKENIZER_H_
#define KAOPING_INTEROP_CSV_TOKENIZER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kaoping::interop {

struct CsvTokenizerOptions {
  // Tab-separated when the first line has a tab and no comma (Excel's "Unicode Text" / pasted
  // tables); otherwise always ','.
  bool detect_tabs = true;
  // Quote inside an unquoted field, or anything but spaces/tabs after a closing quote, is an error.
  bool strict_quotes = false;
  // Spaces and tabs around an unquoted field are dropped, and a field of blanks then '"' is a
  // quoted field (the blanks are ignored).
  bool trim_unquoted = false;
  // A record that is one empty field (an empty or, with trim_unquoted, all-blank line, or "") is
  // left out of `records` (its record number is still used up).
  bool skip_blank_records = false;
};

struct CsvToken {
  std::string text;  // unescaped; line breaks inside quoted fields as written
  int index = 0;     // 0-based field index within its record
  int line = 0;      // 1-based physical line where the field starts
  int column = 0;    // 1-based byte column where the field starts (leading blanks included)
  bool quoted = false;
};

struct CsvRecord {
  int number = 0;                // 1-based record number (the row Excel shows), not the physical line
  std::vector<CsvToken> fields;  // every field, empty ones included
};

enum class CsvSyntaxProblem {
  kUnclosedQuote,          // at the field start; `quote_line` is the line of the opening quote
  kQuoteInUnquotedField,   // strict only: at the quote
  kTextAfterClosingQuote,  // strict only: at the first such character
};

struct CsvSyntaxError {
  CsvSyntaxProblem problem = CsvSyntaxProblem::kUnclosedQuote;
  int record = 0;  // record number
  int index = 0;   // 0-based field index
  int line = 0;    // 1-based line / column of the problem (see CsvSyntaxProblem)
  int column = 0;
  int quote_line = 0;  // kUnclosedQuote: line of the opening quote
};

struct CsvTokens {
  std::vector<CsvRecord> records;       // on error: the complete records before it
  std::optional<CsvSyntaxError> error;  // the first syntax error; reading stops there
};

// Never throws (beyond std::bad_alloc); every input gives records or an error.
CsvTokens TokenizeCsv(std::string_view text, const CsvTokenizerOptions& options = {});

}  // namespace kaoping::interop

#endif  // KAOPING_INTEROP_CSV_TOKENIZER_H_
