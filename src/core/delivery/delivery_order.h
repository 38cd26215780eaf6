// -----------------------------------------------------------------------------
// File: core/delivery/delivery_order.h
// -----------------------------------------------------------------------------
//
// What one candidate sees: the paper's items in a per-candidate order, with per-candidate
// option orders. The order comes from the bank's randomiser (core/assembly/randomise.h,
// Randomise(paper, items, seed)); delivery records the seed on the attempt —
//
//   seed = DeriveSeed(plan.seed, registration id)
//
// — and stores the resulting order with it, so the presentation is fixed at preparation time
// and can be replayed for review and scoring with the same call.
//
// Pure function; thread-safe.

#ifndef KAOPING_CORE_DELIVERY_DELIVERY_ORDER_H_
#define KAOPING_CORE_DELIVERY_DELIVERY_ORDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/bank/item.h"
#include "core/bank/paper.h"

namespace kaoping::delivery {

struct DeliveredItem {
  std::string item_id;
  int item_version = 1;
  std::string section;
  double points = 0;
  std::vector<std::string> option_order;  // option ids in display order (empty: no options)
};

// `items` are the item versions the paper references (as the bank returns them).
std::vector<DeliveredItem> DeriveDelivery(const bank::Paper& paper, const std::vector<bank::Item>& items,
                                          std::uint64_t candidate_seed);

}  // namespace kaoping::delivery

#endif  // KAOPING_CORE_DELIVERY_DELIVERY_ORDER_H_
