// -----------------------------------------------------------------------------
// File: wire/item_json.h
// -----------------------------------------------------------------------------
//
// The canonical item JSON (`kaoping.items/1`, docs/item-format.md), both directions.
//
// Reading is strict and collects everything: wrong JSON types, unknown keys, missing keys,
// unknown enum values and CheckItemShape's problems of every item are reported as
// bank::RowProblem (row = 1-based item index, the item's id, the field path, a stable reason,
// English and Chinese). Nothing is returned unless nothing is wrong, so an import built on it
// is all-or-nothing. Alignment against standard packs is the service's job
// (bank::ValidateAgainstPack, BankService::Import), because only it knows the packs.
//
// Writing: ItemJson(item, with_keys=false) leaves out everything that gives the answer away —
// answer, blanks[].accepted, rubric, reference_answer and explanation — for users who may see
// items but not their keys. Exports (with keys) read back unchanged.

#ifndef KAOPING_WIRE_ITEM_JSON_H_
#define KAOPING_WIRE_ITEM_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "core/bank/item.h"
#include "core/bank/validate.h"

namespace kaoping::wire {

inline constexpr const char* kItemsFormat = "kaoping.items/1";

nlohmann::json ItemJson(const bank::Item& item, bool with_keys = true);
// {"format": "kaoping.items/1", "items": [...]}
nlohmann::json ItemsToJson(const std::vector<bank::Item>& items, bool with_keys = true);

struct ItemsParse {
  std::vector<bank::Item> items;           // in file order; empty whenever `problems` is not
  std::vector<bank::RowProblem> problems;  // every problem, in item order
  // The items that had no problem of their own and their rows, even when other items had some,
  // and the ids of every item — so an importer can run its further checks (standard packs,
  // existing ids) on the readable rows and report every bad row at once
  // (service::BankImportOptions).
  std::vector<bank::Item> readable;
  std::vector<int> readable_rows;
  std::vector<std::string> ids;
  bool ok() const { return problems.empty(); }
};

// Reads a kaoping.items/1 document. Document-level problems (not an object, wrong format, no
// items array) have row 0.
ItemsParse ItemsFromJson(const nlohmann::json& doc);

// One item (the API's create/edit body). INVALID_ARGUMENT ("item.invalid") listing every
// problem, bilingual.
Result<bank::Item> ItemFromJson(const nlohmann::json& j);

// Parses JSON text. INVALID_ARGUMENT ("items.bad_json") naming `origin`, line and column.
Result<nlohmann::json> ParseJsonText(std::string_view text, const std::string& origin);

// Reads the JSON item file at `path` (UNAVAILABLE "file.unreadable" naming the path) and parses
// it with ParseJsonText and ItemsFromJson.
Result<ItemsParse> ReadItemsJsonFile(const std::string& path);

// {"row", "item_id", "field", "reason", "message", "message_zh"}
nlohmann::json RowProblemJson(const bank::RowProblem& p);
nlohmann::json RowProblemsJson(const std::vector<bank::RowProblem>& problems);

}  // namespace kaoping::wire

#endif  // KAOPING_WIRE_ITEM_JSON_H_
