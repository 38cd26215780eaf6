#include "wire/capability_json.h"

#include <cmath>

#include "codec/scoring_json.h"
#include "core/scoring/numbers.h"

namespace kaoping::wire {

using Json = nlohmann::json;

Json CapabilityProfileJson(const scoring::CapabilityProfile& p) {
  Json functions = Json::array();
  for (const auto& f : p.functions) {
    functions.push_back({{"function", f.function},
                         {"name", f.name},
                         {"percent", std::floor(f.percent + scoring::kScoreEpsilon)},
                         {"proficiency", scoring::ProficiencyName(f.proficiency)},
                         {"label_zh", scoring::ProficiencyLabelZh(f.proficiency)}});
  }
  Json strong = Json::array(), weak = Json::array();
  for (const auto& r : p.requirements) {
    Json x{{"id", r.id},
           {"path", r.path},
           {"text", r.text},
           {"percent", std::floor(r.percent + scoring::kScoreEpsilon)}};
    if (r.proficiency == scoring::Proficiency::kStrong) strong.push_back(x);
    if (r.proficiency == scoring::Proficiency::kWeak) weak.push_back(x);
  }
  return Json{{"standard", p.standard},
              {"level", p.level},
              {"direction", p.direction},
              {"functions", functions},
              {"strong", strong},
              {"weak", weak},
              {"sentences", codec::LocalizedJson(p.sentences)}};
}

Json OrgAggregateJson(const scoring::OrgAggregate& a) {
  Json functions = Json::array();
  for (const auto& f : a.functions) {
    functions.push_back({{"function", f.function},
                         {"name", f.name},
                         {"people", f.people},
                         {"mean_percent", f.mean_percent},
                         {"min_percent", f.min_percent},
                         {"max_percent", f.max_percent},
                         {"strong", f.strong},
                         {"adequate", f.adequate},
                         {"weak", f.weak},
                         {"histogram", f.histogram}});
  }
  Json gaps = Json::array();
  for (const auto& g : a.top_gaps) {
    gaps.push_back({{"id", g.id},
                    {"path", g.path},
                    {"text", g.text},
                    {"function", g.function},
                    {"mean_percent", g.mean_percent},
                    {"target_percent", g.target_percent},
                    {"gap", g.gap},
                    {"share_weak", g.share_weak},
                    {"people_assessed", g.people_assessed}});
  }
  return Json{{"standard", a.standard},
              {"people", a.people},
              {"target_level", a.target_level},
              {"functions", functions},
              {"gaps", gaps},
              {"not_assessed", a.not_assessed},
              {"sentences", codec::LocalizedJson(a.sentences)}};
}

}  // namespace kaoping::wire
