// -----------------------------------------------------------------------------
// File: service/standards_import.h
// -----------------------------------------------------------------------------
//
// Importing a standard pack while the server runs (POST /api/v1/standards/import). An
// administrator sends the YAML text of one pack; it is validated exactly as at start-up
// (standards::ParsePack: every error with file:line:key). A valid pack whose id is not loaded
// yet is
//
//   1. written to the standards directory as `<id>.yaml` — the name comes from the pack id
//      (which the loader restricts to [a-z0-9-]), never from the uploaded file name — through
//      a temporary file, fsync and link(), so the file appears whole or not at all and an
//      existing file is never overwritten;
//   2. indexed for full-text search (StandardsCatalog::IndexRowsFor);
//   3. recorded in the audit log ("standard.import": who, the pack id, the file, its SHA-256);
//   4. added to the live catalog (StandardsCatalog::Add), where every service finds it from the
//      next lookup on: they all look packs up in the shared catalog per request and keep no
//      per-pack copies.
//
// Any failure before step 4 undoes the earlier steps (the file is removed, the index rows are
// cleared), so an import either happens completely or changes nothing. At the next start the
// file is loaded like every other pack.
//
// Packs are append-only at run time: a pack whose id is already loaded is refused with
// ALREADY_EXISTS "standard.already_loaded" (plans, papers, results and certificates may depend on
// it). A file `<id>.yaml` already in the directory but not loaded (put there by hand after the
// start) is refused with ALREADY_EXISTS "standard.file_exists": a restart loads it. Validation
// reports these refusals ahead of an import as warnings (ImportObstacles): the pack itself is
// valid, only its import would be refused.
//
// `kaoping standards import FILE` uses the same importer on a catalog it loads from the standards
// directory, without a search index (the server indexes every pack at its start).
//
// Thread safety: thread-safe; imports are serialised by an internal mutex, readers of the catalog
// are never blocked for longer than the map insertion.

#ifndef KAOPING_SERVICE_STANDARDS_IMPORT_H_
#define KAOPING_SERVICE_STANDARDS_IMPORT_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/standards/loader.h"
#include "service/actor.h"
#include "service/audit.h"
#include "service/standards_catalog.h"
#include "store/store.h"

namespace kaoping::service {

struct StandardsImportDeps {
  std::shared_ptr<StandardsCatalog> catalog;  // the live catalog every service reads
  std::string dir;                            // the standards directory it was loaded from
  // The requirement search index; null leaves indexing to the next start (the CLI, whose
  // catalog no server reads).
  store::Store* store = nullptr;
  AuditLog* audit = nullptr;
};

// Why importing the valid `pack` into `catalog`, loaded from `dir`, would be refused now; empty
// when it would not. Each entry is the status Import returns for it, in Import's order:
// INVALID_ARGUMENT "standard.id_too_long", ALREADY_EXISTS "standard.already_loaded",
// ALREADY_EXISTS "standard.file_exists". Validation shows them as warnings before an import.
std::vector<Status> ImportObstacles(const standards::Pack& pack, const StandardsCatalog& catalog,
                                    const std::string& dir);

struct StandardsImportOutcome {
  // The validation of the uploaded text; its diagnostics name `origin_name`.
  standards::ParseOutcome validation;
  // Set when the pack was imported: the pack as loaded, and the file name written (no path).
  const standards::Pack* pack = nullptr;
  std::string file;
};

class StandardsImporter {
 public:
  explicit StandardsImporter(StandardsImportDeps deps);

  // Validates `yaml` (diagnostics name `origin_name`) and imports it when valid. Returns an
  // outcome without `pack` (and changes nothing) when the text is not a valid pack. Errors:
  // PERMISSION_DENIED "access.denied" for anyone but an admin; ALREADY_EXISTS
  // "standard.already_loaded" / "standard.file_exists" (see the file comment);
  // INVALID_ARGUMENT "standard.id_too_long"; UNAVAILABLE "standard.write_failed" when the file
  // cannot be written; store and audit errors as they come. On every error nothing changed.
  Result<StandardsImportOutcome> Import(const Actor& actor, const std::string& yaml,
                                        const std::string& origin_name, const std::string& remote);
  // As above, for text the caller has already parsed: REQUIRES `parsed` is
  // standards::ParsePack(yaml, origin_name) (the CLI checks the file before it opens the data
  // directory, and validates it only once).
  Result<StandardsImportOutcome> Import(const Actor& actor, const std::string& yaml,
                                        standards::ParseOutcome parsed, const std::string& origin_name,
                                        const std::string& remote);

  // ImportObstacles against the live catalog and directory (what validate warns about).
  std::vector<Status> Obstacles(const standards::Pack& pack) const;

  // The longest pack id an import accepts (the file name is the id plus ".yaml").
  static constexpr std::size_t kMaxIdLength = 120;

 private:
  StandardsImportDeps deps_;
  std::mutex mu_;  // one import at a time: the id check, the file and Add stay consistent
};

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_STANDARDS_IMPORT_H_
