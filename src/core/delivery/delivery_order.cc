#include "core/delivery/delivery_order.h"

#include "core/assembly/randomise.h"

namespace kaoping::delivery {

std::vector<DeliveredItem> DeriveDelivery(const bank::Paper& paper, const std::vector<bank::Item>& items,
                                          std::uint64_t candidate_seed) {
  assembly::CandidateView view = assembly::Randomise(paper, items, candidate_seed);
  std::vector<DeliveredItem> out;
  out.reserve(view.items.size());
  for (auto& ci : view.items) {
    DeliveredItem d;
    d.item_id = std::move(ci.item_id);
    d.item_version = ci.item_version;
    d.section = std::move(ci.section);
    d.points = ci.points;
    d.option_order = std::move(ci.option_ids);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace kaoping::delivery
