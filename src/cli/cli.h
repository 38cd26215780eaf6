// -----------------------------------------------------------------------------
// File: cli/cli.h
// -----------------------------------------------------------------------------
//
// The `kaoping` command line (CLI11). Each verb group registers itself on the root app; a
// verb's callback sets *exit_code (0 ok, 1 the check failed — e.g. a pack is invalid —,
// 2 bad usage or input, 3 an internal error) and prints either readable text or, with --json,
// one JSON document for scripts. Messages that point at input name the file, line and field.

#ifndef KAOPING_CLI_CLI_H_
#define KAOPING_CLI_CLI_H_

#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json_fwd.hpp>

#include "base/status.h"

namespace kaoping::cli {

// Options every verb group shares.
struct CommonOptions {
  std::string standards_dir;  // defaults to ./standards or the source tree's
  std::string data_dir = "./var";
};

void AddStandardsCommands(CLI::App& root, CommonOptions* common, int* exit_code);
// `import FILE [--json]` under the `standards` verb group (cli/standards_import_command.cc): the
// pack file validated like the API import and written into the standards directory.
void AddStandardsImportCommand(CLI::App& standards_cmd, CommonOptions* common, int* exit_code);
void AddEligibilityCommands(CLI::App& root, CommonOptions* common, int* exit_code);
// `kaoping audit verify`: checks the audit log's hash chain (cli/audit_command.cc).
void AddAuditCommands(CLI::App& root, CommonOptions* common, int* exit_code);
// `kaoping results compute|publish --plan N [--json]` (cli/results_command.cc).
void AddResultsCommands(CLI::App& root, CommonOptions* common, int* exit_code);
// `kaoping demo [--json]`: the demo accounts' credentials (cli/demo_command.cc).
void AddDemoCommands(CLI::App& root, CommonOptions* common, int* exit_code);
// `template [--format csv|xlsx] --out FILE` under the `bank` verb group (bank_template_command.cc):
// the item-bank import template with Chinese headers (docs/interop-items.md).
void AddBankTemplateCommand(CLI::App& bank_cmd, CommonOptions* common, int* exit_code);

// `bank import|export|stats|review` (and `bank template` via AddBankTemplateCommand),
// `blueprint show` and `assemble` (cli/bank_command.cc), on <data>/kaoping.db.
void AddBankCommands(CLI::App& root, CommonOptions* common, int* exit_code);

// `kaoping cert issue|revoke|verify|export` on <data>/kaoping.db (cli/cert_command.cc).
void AddCertCommands(CLI::App& root, CommonOptions* common, int* exit_code);

// Prints a Status for a person: Chinese line, then English, on stderr. Returns the exit code
// the status deserves (2 for bad input, 3 otherwise).
int ReportError(const Status& s);

// A JSON document as the verbs print it with --json: indented by two, invalid UTF-8 replaced.
std::string Dump(const nlohmann::json& j);

// Resolves the standards directory: explicit, then ./standards, then the source tree's.
std::string ResolveStandardsDir(const std::string& given);

}  // namespace kaoping::cli

#endif  // KAOPING_CLI_CLI_H_
