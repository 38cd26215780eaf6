#include "core/assembly/randomise.h"

#include <map>
#include <numeric>

#include "base/random.h"

namespace kaoping::assembly {

std::uint64_t StableHash(const std::string& s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

CandidateView Randomise(const bank::Paper& paper, const std::vector<bank::Item>& items, std::uint64_t seed) {
  CandidateView view;
  view.seed = seed;
  std::map<bank::ItemRef, const bank::Item*> by_ref;
  for (const auto& it : items) by_ref[bank::ItemRef{it.id, it.version}] = &it;

  // Section order: as declared, then any section only named by items, in first-use order.
  std::vector<std::string> order;
  std::map<std::string, const bank::PaperSection*> sections;
  for (const auto& s : paper.sections) {
    if (sections.emplace(s.id, &s).second) order.push_back(s.id);
  }
  for (const auto& pi : paper.items) {
    if (!sections.count(pi.section)) {
      sections.emplace(pi.section, nullptr);
      order.push_back(pi.section);
    }
  }

  for (const auto& sid : order) {
    const bank::PaperSection* sec = sections[sid];
    std::vector<int> idx;
    for (size_t i = 0; i < paper.items.size(); ++i) {
      if (paper.items[i].section == sid) idx.push_back(static_cast<int>(i));
    }
    // Each section draws from its own stream so one section's size does not move another's order.
    if (!sec || sec->shuffle_items) {
      SeededRandom rng(DeriveSeed(seed, StableHash("section:" + sid)));
      rng.Shuffle(idx);
    }
    for (int i : idx) {
      const bank::PaperItem& pi = paper.items[static_cast<size_t>(i)];
      CandidateItem ci;
      ci.item_id = pi.item_id;
      ci.item_version = pi.item_version;
      ci.section = pi.section;
      ci.points = pi.points;
      ci.paper_index = i;
      auto it = by_ref.find(bank::ItemRef{pi.item_id, pi.item_version});
      if (it != by_ref.end()) {
        const bank::Item& item = *it->second;
        ci.option_order.resize(item.options.size());
        std::iota(ci.option_order.begin(), ci.option_order.end(), 0);
        const bool choice =
            item.type == bank::ItemType::kSingleChoice || item.type == bank::ItemType::kMultipleChoice;
        if (choice && (!sec || sec->shuffle_options)) {
          SeededRandom rng(DeriveSeed(seed, StableHash("options:" + item.id)));
          rng.Shuffle(ci.option_order);
        }
        for (int o : ci.option_order) ci.option_ids.push_back(item.options[static_cast<size_t>(o)].id);
      }
      view.items.push_back(std::move(ci));
    }
  }
  return view;
}

}  // namespace kaoping::assembly
