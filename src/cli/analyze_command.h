// -----------------------------------------------------------------------------
// File: cli/analyze_command.h
// -----------------------------------------------------------------------------
//
// `kaoping analyze …`: psychometric analysis of response files, or of the submitted attempts in
// the database, from the command line.
//
//   kaoping analyze items        RESPONSES.csv  classical item analysis, distractors, α, flags
//   kaoping analyze calibrate    RESPONSES.csv  IRT calibration (Rasch/1PL/2PL/3PL, GRM), fit,
//                                               summed-score table, optional SVG plots
//   kaoping analyze equate       X.csv Y.csv    link form X to form Y through common items and
//                                               carry a raw cut score across
//   kaoping analyze cutscore     RESPONSES.csv  modified Angoff (--angoff RATINGS.csv) or
//                                               Bookmark (--bookmarks 12,14,13)
//   kaoping analyze cat-simulate RESPONSES.csv  calibrate a bank and simulate adaptive tests
//
// A response file is CSV: a header row of item ids, then one row per person; an empty cell or
// NA is a missing response; cells are integer scores (polytomous allowed), or option letters
// when --key is given. Every command prints readable tables, or one JSON document with --json.
//
// Instead of a file, every command takes "plan:N" (the submitted attempts of an exam plan) or
// "paper:ID" (of every plan that delivered the paper) from <--data>/kaoping.db; items, calibrate,
// cutscore and cat-simulate also take --plan N / --paper ID. Answers are scored as
// service/psychometrics_service.h describes; rows are attempts, never names. `items` and
// `calibrate` take --write-back to record the results on the bank's item versions with
// provenance (whoever runs the CLI on the database file acts as an administrator; --as names them
// in the audit log).
//
// Errors (unreadable file, malformed CSV, bad option values, a model that cannot be fitted) print
// one message naming the file, line and column where there is one, and set *exit_code to 2.
// Success sets it to 0. The CSV reading is cli/response_csv.h; the analysis is core/psychometrics.

#ifndef KAOPING_CLI_ANALYZE_COMMAND_H_
#define KAOPING_CLI_ANALYZE_COMMAND_H_

#include <string>

#include <CLI/CLI.hpp>

namespace kaoping::cli {

// Registers the `analyze` subcommand and its children on `root`. `exit_code` must outlive the
// parse; the chosen command writes its result there. `root_data_dir` (may be null) is the root's
// --data, used when the analyze command is not given its own.
void AddAnalyzeCommands(CLI::App& root, int* exit_code, const std::string* root_data_dir = nullptr);

}  // namespace kaoping::cli

#endif  // KAOPING_CLI_ANALYZE_COMMAND_H_
