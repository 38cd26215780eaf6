// -----------------------------------------------------------------------------
// File: service/bank_service.h
// -----------------------------------------------------------------------------
//
// The item bank's use cases: import/export, authoring with versions, review, statistics,
// blueprints and assembly of papers. Every call names its actor (service/actor.h) and is
// checked against these roles (PERMISSION_DENIED "bank.forbidden" otherwise):
//
//   read items (no keys)          admin, author, reviewer, auditor
//   see keys (answer, accepted    admin, author, reviewer
//     blanks, rubric, reference
//     answer, explanation), export
//   create, import                admin, author (importing items that are already in review,
//                                 approved or retired: admin only)
//   edit                          the item's author, admin
//   submit                        the item's author, admin
//   approve, request changes      reviewer, admin — never the item's author nor the person who
//                                 wrote the version under review ("item.self_review")
//   retire                        reviewer, admin
//   blueprint                     any authenticated actor
//   assemble (and save papers)    admin
//   read papers                   admin, reviewer, auditor
//
// Imports are all-or-nothing: every row is checked (shape, alignment with its standard pack,
// lifecycle fields, duplicate and existing ids, enemies that exist) and every problem is
// returned; nothing is written unless there is none.
//
// For exam delivery: LoadPaper(id) and PaperItems(paper) give a saved paper and the exact item
// versions it references (no actor: delivery has already decided who may see what), and
// assembly::Randomise (core/assembly/randomise.h) gives each candidate's order.
//
// Thread safety: all methods are thread-safe (the store is; solves are serialised by the solver).

#ifndef KAOPING_SERVICE_BANK_SERVICE_H_
#define KAOPING_SERVICE_BANK_SERVICE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "core/assembly/assembler.h"
#include "core/assembly/blueprint.h"
#include "core/assembly/mip.h"
#include "core/bank/item.h"
#include "core/bank/lifecycle.h"
#include "core/bank/paper.h"
#include "core/bank/validate.h"
#include "service/actor.h"
#include "service/standards_catalog.h"
#include "store/bank_store.h"

namespace kaoping::service {

class DemoSeeder;  // service/bootstrap.h

struct BankImportOptions {
  // Row number to report for items[i] (e.g. the spreadsheet row); default i + 1.
  std::vector<int> rows = {};
  // Problems the reader already found in rows it could not turn into items: they are reported
  // with the rest (sorted by row) and, like any problem, stop the import.
  std::vector<bank::RowProblem> read_problems = {};
  // Ids of every row of the file, readable or not, so enemies naming an unreadable row are not
  // reported as unknown.
  std::vector<std::string> ids_in_file = {};
};

struct BankImportOutcome {
  int imported = 0;
  std::vector<bank::RowProblem> problems;  // every problem; nothing was written when non-empty
  bool ok() const { return problems.empty(); }
};

struct ItemDetail {
  bank::Item latest;
  std::vector<bank::Item> history;  // every version, oldest first
  std::vector<store::ReviewEvent> events;
};

struct BankStats {
  std::string standard;
  std::string level;      // "" = all levels
  std::string exam_kind;  // "" = all kinds
  std::string direction;
  std::int64_t total = 0;
  std::map<std::string, int> by_status;
  std::map<std::string, int> by_type;
  std::map<std::string, int> by_level;
  std::map<std::string, int> by_function;
  // Against the blueprint of (level, exam_kind), when both are given and the standard has one.
  std::optional<assembly::Blueprint> blueprint;
  struct FunctionSupply {
    std::string target;
    std::string label;
    double needed_points = 0;  // per paper
    int approved_items = 0;
    double approved_points = 0;  // in the blueprint's points per type
    std::map<std::string, int> approved_by_type;
  };
  std::vector<FunctionSupply> functions;
  struct TypeSupply {
    bank::ItemType type = bank::ItemType::kSingleChoice;
    int needed_min = 0;
    int needed_max = 0;
    int approved = 0;
  };
  std::vector<TypeSupply> types;
};

struct AssembleParams {
  std::string standard;
  std::string level;
  std::string exam_kind = "theory";
  std::string direction;
  assembly::BlueprintOptions blueprint;
  int forms = 1;
  int max_overlap = 0;
  std::uint64_t seed = 1;
  int exposure_window = 0;  // exclude (or penalise) items of the last N saved papers; 0 = off
  assembly::ExposurePolicy exposure_policy = assembly::ExposurePolicy::kExclude;
  double time_limit_seconds = 10;
  bool save = false;             // store the papers (all or none)
  bool allow_synthetic = false;  // tests and demos on synthetic banks only
  std::string title;
};

class BankService {
 public:
  // `solver` may be null (assembly then fails with UNAVAILABLE "assembly.no_solver").
  BankService(std::shared_ptr<const StandardsCatalog> catalog, store::BankStore& store,
              std::shared_ptr<assembly::MipSolver> solver, const Clock& clock);

  static bool CanRead(const Actor& a);
  static bool CanSeeKeys(const Actor& a);
  static bool CanReadPapers(const Actor& a);

  // ---- authoring -----------------------------------------------------------------------------
  // All-or-nothing import (see the file comment). Items without an author get the actor's login;
  // ids are kept, versions restart at 1 in this bank. Status errors are for permission and
  // store failures only; row problems come back in the outcome.
  Result<BankImportOutcome> Import(std::vector<bank::Item> items, const Actor& actor,
                                   const BankImportOptions& options = {});
  // A new draft written by the actor. INVALID_ARGUMENT "item.invalid" listing every problem;
  // ALREADY_EXISTS "item.exists".
  Result<bank::Item> Create(bank::Item item, const Actor& actor);
  // A new version (draft) of an existing item; `item.version` must be the latest version
  // (ABORTED "item.version_conflict" otherwise). The author stays the item's author.
  Result<bank::Item> Edit(bank::Item item, const Actor& actor);
  // submit / approve / request_changes (comment required) / retire. `expected_version` 0 = any.
  Result<bank::Item> Review(const std::string& item_id, bank::ReviewAction action, const std::string& comment,
                            const Actor& actor, int expected_version = 0);

  // ---- reading -------------------------------------------------------------------------------
  Result<std::vector<bank::Item>> List(const store::ItemFilter& filter, const Actor& actor);
  Result<std::int64_t> Count(const store::ItemFilter& filter, const Actor& actor);
  Result<ItemDetail> Detail(const std::string& item_id, const Actor& actor);
  Result<bank::Item> GetVersion(const std::string& item_id, int version, const Actor& actor);
  // Every latest version matching the filter (limit ignored), keys included: admin/author/reviewer.
  Result<std::vector<bank::Item>> Export(store::ItemFilter filter, const Actor& actor);
  Result<BankStats> Stats(const std::string& standard, const std::string& level, const std::string& exam_kind,
                          const std::string& direction, bool include_synthetic, const Actor& actor);

  // ---- blueprints and papers -----------------------------------------------------------------
  Result<assembly::Blueprint> Blueprint(const std::string& standard, const std::string& level,
                                        const std::string& exam_kind, const std::string& direction,
                                        const assembly::BlueprintOptions& options = {});
  // Infeasible requests are an OK outcome with feasible = false and the shortfalls; with `save`,
  // feasible papers are stored (ALREADY_EXISTS "paper.exists" before anything is written when an
  // id is taken — ids contain the date and the seed).
  Result<assembly::AssemblyOutcome> Assemble(const AssembleParams& params, const Actor& actor);
  Result<bank::Paper> GetPaper(const std::string& paper_id, const Actor& actor);
  Result<std::vector<bank::Paper>> ListPapers(const std::string& standard, int limit, const Actor& actor);

  // For delivery and scoring (no role check).
  Result<bank::Paper> LoadPaper(const std::string& paper_id);
  Result<std::vector<bank::Item>> PaperItems(const bank::Paper& paper);

  const StandardsCatalog& catalog() const { return *catalog_; }

 private:
  enum class CheckMode { kImport, kCreate, kEdit };
  // Every problem of `items` (shape, alignment, lifecycle, duplicate/existing ids, enemies).
  // Fills in missing authors with the actor's login.
  std::vector<bank::RowProblem> CheckRows(std::vector<bank::Item>& items, const Actor& actor,
                                          const std::vector<int>& rows, CheckMode mode,
                                          const std::vector<std::string>& ids_in_file);
  std::int64_t NowMs() const { return ToUnixMillis(clock_.Now()); }

  std::shared_ptr<const StandardsCatalog> catalog_;
  store::BankStore& store_;
  std::shared_ptr<assembly::MipSolver> solver_;
  const Clock& clock_;
};

// The demo seeder (DefaultDemoSeeders): imports every bank/samples/*.json (KAOPING_BANK_SAMPLES
// overrides the directory; else ./bank/samples, else the source tree's) as an administrator,
// keeping the files' review status. A file with problems is skipped with a log line, never
// fatal. Needs DemoContext::bank.
std::unique_ptr<DemoSeeder> MakeBankDemoSeeder();

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_BANK_SERVICE_H_
