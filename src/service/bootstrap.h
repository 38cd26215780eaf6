// -----------------------------------------------------------------------------
// File: service/bootstrap.h
// -----------------------------------------------------------------------------
//
// First-start work of `kaoping serve`: the first administrator account, and the demo data a
// newcomer sees after `make run`.
//
// The first admin's password is generated once, stored only as an Argon2id hash, and returned
// exactly once (to be printed); later starts return nothing. Demo seeding runs once per
// database: a `demo.seeded` setting claimed with PutSettingIfAbsent guards it, so two servers
// racing on one database seed it once. Later issues add seeders (standards index, item bank,
// exam plan, staff and candidate accounts) by implementing DemoSeeder.

#ifndef KAOPING_SERVICE_BOOTSTRAP_H_
#define KAOPING_SERVICE_BOOTSTRAP_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "core/bank/item.h"
#include "core/bank/validate.h"
#include "service/standards_catalog.h"
#include "store/store.h"

namespace kaoping::service {

struct Credential {
  std::string role;  // what the account is for ("admin", "candidate", …)
  std::string login;
  std::string password;  // plain text, only in memory, only right after creation
  std::string display_name;
};

// Creates user "admin" with role admin when the store has no users yet. Returns the credential
// when it created the account now, nullopt when an account already existed.
Result<std::optional<Credential>> EnsureFirstAdmin(store::Store& store, const Clock& clock);

class DeliveryService;  // service/delivery.h
class BankService;      // service/bank_service.h

// One item file as the sample-bank seeder needs it: the readable items with their rows, every
// problem found while reading, and the ids of all items in the file (service::BankImportOptions).
struct ItemFileContents {
  std::vector<bank::Item> readable;
  std::vector<int> readable_rows;
  std::vector<bank::RowProblem> problems;
  std::vector<std::string> ids;
};
// Reads an item file (bank/samples/*.json). The caller provides it (the app parses with
// wire/item_json.h): the service layer does not depend on the interfaces' wire formats (the
// build refuses it: kaoping_check_layer_order in cmake/KaopingHelpers.cmake).
using ItemFileReader = std::function<Result<ItemFileContents>(const std::string& path)>;

struct DemoContext {
  store::Store& store;
  const StandardsCatalog& catalog;
  const Clock& clock;
  std::vector<Credential> credentials;  // accounts the seeders created, to print once
  std::vector<std::string> log;         // one line per thing seeded, for the start-up banner
  DeliveryService* delivery = nullptr;  // exam delivery (service/delivery_demo.h); null skips its demo
  BankService* bank = nullptr;          // item bank (service/bank_service.h); null skips the sample bank
  ItemFileReader read_item_file = {};   // needed by the sample bank; empty skips it
};

class DemoSeeder {
 public:
  virtual ~DemoSeeder() = default;
  virtual std::string name() const = 0;
  // Seeds its part. Runs at most once per database, in registration order.
  virtual Status Seed(DemoContext& ctx) = 0;
};

// The seeders shipped in this build, in order.
std::vector<std::unique_ptr<DemoSeeder>> DefaultDemoSeeders();

// Runs `seeders` unless this database was already seeded. Returns true when it seeded now.
Result<bool> SeedDemoOnce(DemoContext& ctx, const std::vector<std::unique_ptr<DemoSeeder>>& seeders);

}  // namespace kaoping::service

#endif  // KAOPING_SERVICE_BOOTSTRAP_H_
