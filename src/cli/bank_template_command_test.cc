// `kaoping bank template`: writes templates that the importer reads back to the example item.

#include <cstdio>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include "cli/cli.h"
#include "interop/tabular.h"
#include "support/files.h"

namespace kaoping::cli {
namespace {

// Parses `args` against a root app with a `bank` group carrying only the template verb, the way
// main.cc wires it; returns the verb's exit code.
int RunBank(std::vector<std::string> args) {
  CLI::App root{"kaoping"};
  CommonOptions common;
  int exit_code = -1;
  CLI::App* bank = root.add_subcommand("bank", "题库 (item bank)");
  AddBankTemplateCommand(*bank, &common, &exit_code);
  args.insert(args.begin(), "kaoping");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  try {
    root.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError&) {
    return 2;
  }
  return exit_code;
}

TEST(BankTemplateCommandTest, WritesXlsxByExtensionAndCsvByFlag) {
  const std::string stem = ::testing::TempDir() + "/kp-bank-template-" + std::to_string(::getpid());
  const std::string xlsx = stem + ".xlsx";
  ASSERT_EQ(RunBank({"bank", "template", "--out", xlsx}), 0);
  Result<interop::ImportBatch> a = interop::ReadXlsx(testing_support::ReadFile(xlsx));
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_EQ(a->items.size(), 1u);
  EXPECT_EQ(a->items[0].id, interop::TemplateExampleItem().id);

  const std::string csv = stem + ".txt";
  ASSERT_EQ(RunBank({"bank", "template", "--format", "csv", "-o", csv}), 0);
  EXPECT_EQ(testing_support::ReadFile(csv), interop::WriteCsvTemplate());
  std::remove(xlsx.c_str());
  std::remove(csv.c_str());
}

TEST(BankTemplateCommandTest, RejectsBadUsage) {
  EXPECT_EQ(RunBank({"bank", "template"}), 2);                                   // --out is required
  EXPECT_EQ(RunBank({"bank", "template", "--format", "ods", "--out", "x"}), 2);  // unknown format
  EXPECT_EQ(RunBank({"bank", "template", "--format", "xlsx", "--out", "-"}), 2);
  EXPECT_EQ(RunBank({"bank", "template", "--out", "/nonexistent-dir/kp/t.csv"}), 2);
}

}  // namespace
}  // namespace kaoping::cli
