// -----------------------------------------------------------------------------
// File: store/bank_store.h
// -----------------------------------------------------------------------------
//
// Storage contract for the item bank and papers (same rules as store/store.h: Status results,
// one transaction per call, stable reasons, thread-safe). Items are versioned: SaveNewVersion
// appends; nothing is ever overwritten, so papers and attempts can point at exact versions and
// the history of every item is kept.

#ifndef KAOPING_STORE_BANK_STORE_H_
#define KAOPING_STORE_BANK_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/bank/item.h"
#include "core/bank/paper.h"

namespace kaoping::store {

// `limit` ≤ 0 means no limit (used by assembly, which needs every candidate).
struct ItemFilter {
  std::string standard;
  std::string direction;
  std::string level;
  std::string exam_kind;
  std::string function;
  std::optional<bank::ItemType> type;
  std::optional<bank::ItemStatus> status;
  std::string text;  // substring of the stem
  bool include_synthetic = false;
  int limit = 100;
  int offset = 0;
};

struct ReviewEvent {
  std::string item_id;
  int item_version = 0;
  std::string actor;
  std::string action;  // create | import | edit | submit | approve | request_changes | retire
  std::string comment;
  std::int64_t at_ms = 0;
};

class BankStore {
 public:
  virtual ~BankStore() = default;

  // Inserts version 1 of new items, all or nothing. ALREADY_EXISTS ("item.exists") naming the
  // first id already present.
  // Records one event per item: action "create" when one item is inserted, "import" for more.
  virtual Status InsertItems(const std::vector<bank::Item>& items, const std::string& actor) = 0;
  // Appends a new version of an existing item (version = latest + 1; the value's version is
  // ignored) and returns it. NOT_FOUND ("item.not_found").
  virtual Result<bank::Item> SaveNewVersion(const bank::Item& item, const std::string& actor) = 0;
  // Updates the status of the latest version in place (status changes do not create versions)
  // and records the event. Approving also records event.actor as the version's reviewer. When
  // event.item_version is set and is not the latest version, ABORTED ("item.version_conflict"):
  // someone saved a new version in between.
  virtual Status SetStatus(const std::string& item_id, bank::ItemStatus status, const ReviewEvent& event) = 0;

  virtual Result<bank::Item> GetLatest(const std::string& item_id) = 0;
  virtual Result<bank::Item> GetVersion(const std::string& item_id, int version) = 0;
  virtual Result<std::vector<bank::Item>> History(const std::string& item_id) = 0;
  virtual Result<std::vector<ReviewEvent>> Events(const std::string& item_id) = 0;
  // Latest versions matching the filter.
  virtual Result<std::vector<bank::Item>> Find(const ItemFilter& filter) = 0;
  virtual Result<std::int64_t> Count(const ItemFilter& filter) = 0;

  // Papers: immutable once saved. ALREADY_EXISTS ("paper.exists").
  virtual Status SavePaper(const bank::Paper& paper) = 0;
  virtual Result<bank::Paper> GetPaper(const std::string& paper_id) = 0;
  virtual Result<std::vector<bank::Paper>> ListPapers(const std::string& standard, int limit) = 0;
  // Item ids used by the most recent `last_n` papers of (standard, level, exam_kind), for
  // exposure control.
  virtual Result<std::vector<std::string>> RecentlyUsedItems(const std::string& standard,
                                                             const std::string& level,
                                                             const std::string& exam_kind, int last_n) = 0;

  // Which of `ids` exist in the bank (any version), in the order given. Backends may override
  // with one query; the default asks GetLatest per id.
  virtual Result<std::vector<std::string>> ExistingIds(const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const auto& id : ids) {
      auto item = GetLatest(id);
      if (item.ok()) {
        out.push_back(id);
      } else if (item.status().code() != StatusCode::kNotFound) {
        return item.status();
      }
    }
    return out;
  }
};

}  // namespace kaoping::store

#endif  // KAOPING_STORE_BANK_STORE_H_
