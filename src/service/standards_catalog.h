// -----------------------------------------------------------------------------
// File: service/standards_catalog.h
// -----------------------------------------------------------------------------
//
// The loaded standard packs. Reads every `*.yaml` in the standards directory, validates each
// (core/standards/loader.h), indexes their requirement lines for full-text search in the store,
// and answers lookups. A pack that fails validation stops start-up with the loader's
// file:line:key diagnostics — the platform never runs on a half-understood standard.
//
// Packs are append-only while serving: Add() puts a new pack in (an administrator's import,
// service/standards_import.h); no pack is ever replaced or removed at run time, because plans,
// papers, results and certificates refer to a pack's levels, functions and requirement paths.
// A changed pack goes live by editing the file and restarting.
//
// Who sees an added pack: everyone, from the next lookup on. The public standards routes and the
// eligibility check (api/api.cc), search (the importer indexes the pack before adding it), the
// bank's blueprints and assembly, delivery, scoring and certificates all call Find/Get/All on
// this one shared catalog per request and keep no per-pack copies (DeliveryService caches only
// session, attempt and paper facts). The web UI caches the list per page load and drops it after
// an import (web/src/views/admin/util.ts).
//
// Thread safety: every method is safe from any thread. Readers (Find, Get, All, IndexInto) take
// a shared lock, Add an exclusive one. The packs live in a std::map whose nodes never move and
// are never erased, so a `const Pack*` returned by Find/Get/All stays valid for the catalog's
// lifetime, also after later Adds.

#ifndef KAOPING_SERVICE_STANDARDS_CATALOG_H_
#define KAOPING_SERVICE_STANDARDS_CATALOG_H_

#include <map>
#include <memory>
#include <shared_mutex>
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
  // The catalog is returned mutable so that its owner (the server) can Add imported packs;
  // services hold it as `std::shared_ptr<const StandardsCatalog>`.
  static Result<std::shared_ptr<StandardsCatalog>> Load(const std::string& dir);

  // Builds a catalog from packs already in memory (tests).
  static std::shared_ptr<StandardsCatalog> FromPacks(std::vector<standards::Pack> packs);

  // Validates files without loading them into a catalog: one ParseOutcome per file.
  static std::vector<std::pair<std::string, standards::ParseOutcome>> ValidateFiles(
      const std::vector<std::string>& paths);

  const standards::Pack* Find(const std::string& id) const;
  // NOT_FOUND ("standard.not_found") with a bilingual message when absent.
  Result<const standards::Pack*> Get(const std::string& id) const;
  std::vector<const standards::Pack*> All() const;

  // Writes every pack's requirement lines into the store's search index.
  Status IndexInto(store::Store& store) const;

  // Adds one pack that already passed validation (standards::ParsePack gave it). Returns the
  // pack as stored, valid for the catalog's lifetime. Errors: ALREADY_EXISTS
  // ("standard.already_loaded", bilingual) when a pack with the same id is loaded — the catalog
  // is then unchanged (packs are never replaced at run time, see the file comment).
  // Thread safety: takes the exclusive lock; readers on other threads see either the catalog
  // without the pack or with the complete pack, never a part of it.
  Result<const standards::Pack*> Add(standards::Pack pack);

 private:
  mutable std::shared_mutex mu_;
  std::map<std::string, standards::Pack> packs_;  // guarded by mu_; nodes never erased
};

// ALREADY_EXISTS "standard.already_loaded" for `id`, in both languages (Add and the importer).
Status AlreadyLoaded(const std::string& id);

// The rows the search index holds for one pack (exposed for tests).
std::vector<store::RequirementIndexRow> IndexRowsFor(const standards::Pack& pack);

// Reads a whole file. NOT_FOUND / UNAVAILABLE with the path in the message.
Result<std::string> ReadTextFile(const std::string& path);

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_STANDARDS_CATALOG_H_
