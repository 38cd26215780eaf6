// -----------------------------------------------------------------------------
// File: wire/standards_json.h
// -----------------------------------------------------------------------------
//
// JSON wire forms of standards, eligibility decisions and candidate profiles, shared by the
// HTTP API and the CLI's --json output so both say the same thing. The core never sees JSON;
// this layer translates.

#ifndef KAOPING_WIRE_STANDARDS_JSON_H_
#define KAOPING_WIRE_STANDARDS_JSON_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "core/standards/eligibility.h"
#include "core/standards/loader.h"
#include "core/standards/model.h"

namespace kaoping::wire {

using Json = nlohmann::json;

// id, titles, kind, status, levels, directions and counts.
Json PackSummaryJson(const standards::Pack& pack);
// The whole pack, including every requirement with its path and source reference.
Json PackJson(const standards::Pack& pack);
// One level (optionally one direction): own and inherited requirements grouped by function and
// work content, basic requirements, weights at this level, exam rules and eligibility clauses.
// NOT_FOUND for an unknown level or direction; INVALID_ARGUMENT when the standard has
// directions and none was given.
Result<Json> LevelJson(const standards::Pack& pack, const std::string& level, const std::string& direction);
// Weight tables, optionally only those of one direction.
Json WeightTablesJson(const standards::Pack& pack, const std::string& direction);
Json WeightTableJson(const standards::WeightTable& table);

Json EligibilityDecisionJson(const standards::EligibilityDecision& d);

// Parses a candidate profile (docs/standard-pack-format.md, "Profile facts"). Errors name the
// field: INVALID_ARGUMENT reason "profile.invalid" with "field 'education': …".
Result<standards::CandidateProfile> ProfileFromJson(const Json& j);

// Compares two packs: levels, functions and requirements added/removed/changed, weights changed.
Json DiffPacks(const standards::Pack& a, const standards::Pack& b);

// The loader's diagnostics of one pack: [{file, line, column, key, message, message_zh}] (the
// validate and import API, `kaoping standards validate|import --json`).
Json DiagnosticsJson(const std::vector<standards::Diagnostic>& diagnostics);
// Warnings about a valid pack, e.g. why an import would be refused now (its id is already loaded):
// [{code, message, message_zh}], `code` the status reason ("standard.already_loaded").
Json WarningsJson(const std::vector<Status>& warnings);

// A readable Markdown rendering of the whole pack.
std::string PackMarkdown(const standards::Pack& pack);

}  // namespace kaoping::wire

#endif  // KAOPING_WIRE_STANDARDS_JSON_H_
