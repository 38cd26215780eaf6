// -----------------------------------------------------------------------------
// File: service/standards_catalog.h
// -----------------------------------------------------------------------------
//
// The loaded standard packs. Reads every `*.yaml` in the standards directory, validates each
// (core/standards/loader.h), indexes their requirement lines for full-text search in the store,
// and answers lookups. A pack that fails validation stops start-up with the loader's
// file:line:key diagnostics — the platform never runs on a half-understood standard.
//
// Thread safety: after Load() returns, all const methods are safe from any thread.

#ifndef KAOPING_SERVICE_STANDARDS_CATALOG_H_
#define KAOPING_SERVICE_STANDARDS_CATALOG_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/standards/loader.h"
#include "core/standards/model.h"
#include "store/store.h"

namespace kaoping::service {

class StandardsCatalog {
 public:
  // Loads every pack under `dir`. Errors: NOT_FOUND when the directory is missing;
  // INVALID_ARGUMENT ("standard.invalid_pack") listing every diagnostic of every bad pack;
  // ALREADY_EXISTS ("standard.duplicate_id") when two files declare the same id.
  static Result<std::shared_ptr<const StandardsCatalog>> Load(const std::string& dir);

  // Builds a catalog from packs already in memory (tests, imports).
  static std::shared_ptr<const StandardsCatalog> FromPacks(std::vector<standards::Pack> packs);

  // Validates files without loading them into a catalog: one ParseOutcome per file.
  static std::vector<std::pair<std::string, standards::ParseOutcome>> ValidateFiles(
      const std::vector<std::string>& paths);

  const standards::Pack* Find(const std::string& id) const;
  // NOT_FOUND ("standard.not_found") with a bilingual message when absent.
  Result<const standards::Pack*> Get(const std::string& id) const;
  std::vector<const standards::Pack*> All() const;

  // Writes every pack's requirement lines into the store's search index.
  Status IndexInto(store::Store& store) const;

 private:
  std::map<std::string, standards::Pack> packs_;
};

// The rows the search index holds for one pack (exposed for tests).
std::vector<store::RequirementIndexRow> IndexRowsFor(const standards::Pack& pack);

// Reads a whole file. NOT_FOUND / UNAVAILABLE with the path in the message.
Result<std::string> ReadTextFile(const std::string& path);

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_STANDARDS_CATALOG_H_
