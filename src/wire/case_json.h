// -----------------------------------------------------------------------------
// File: wire/case_json.h
// -----------------------------------------------------------------------------
//
// 1EdTech CASE 1.0 (Competencies and Academic Standards Exchange) CFPackage JSON.
//
// Export: one CFDocument per pack; one CFItem per requirement line plus one per structural node
// (level, direction, function, work content, basic-requirement section and group, position,
// dimension); the hierarchy as `isChildOf` associations (origin = child, destination = parent)
// ordered by `sequenceNumber`. Identifiers are name-based UUIDs (version 5, SHA-1) of
// "kaoping:<pack>:<node>", so exporting the same pack twice yields the same identifiers.
//
// Import: a CFPackage becomes a read-only reference framework — a Pack of kind
// "reference_catalogue" whose catalogue mirrors the isChildOf tree. The importer is lenient in the
// ways real files are broken (docs/… interop notes): LinkURI given as a plain string, times
// without zone, non-conforming UUIDs, `educationalLevel` typo.

#ifndef KAOPING_WIRE_CASE_JSON_H_
#define KAOPING_WIRE_CASE_JSON_H_

#include <string>

#include <nlohmann/json.hpp>

#include "base/name_uuid.h"
#include "base/result.h"
#include "core/standards/model.h"

namespace kaoping::wire {

// `base_uri` like "http://127.0.0.1:8080/ims/case/v1p0"; `now_iso` the lastChangeDateTime.
nlohmann::json ExportCase(const standards::Pack& pack, const std::string& base_uri,
                          const std::string& now_iso);

// INVALID_ARGUMENT ("case.invalid") naming the missing/malformed field.
Result<standards::Pack> ImportCase(const nlohmann::json& package);

// Name-based UUIDs of the CFDocuments/CFItems (base/name_uuid.h).
using ::kaoping::NameUuid;

}  // namespace kaoping::wire

#endif  // KAOPING_WIRE_CASE_JSON_H_
