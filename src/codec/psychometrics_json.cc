#include "codec/psychometrics_json.h"

#include <cmath>
#include <string>

namespace kaoping::codec {

using Json = nlohmann::json;
namespace psy = kaoping::psychometrics;

Json FiniteOrNull(double v) {
  return std::isfinite(v) ? Json(v) : Json(nullptr);
}

Json ReliabilityJson(const psy::ReliabilityStats& r) {
  return Json{{"group", r.group},
              {"items", r.num_items},
              {"persons", r.num_persons},
              {"mean", FiniteOrNull(r.mean_total)},
              {"sd", FiniteOrNull(r.sd_total)},
              {"alpha", FiniteOrNull(r.alpha)},
              {"kr20", FiniteOrNull(r.kr20)},
              {"sem", FiniteOrNull(r.sem)}};
}

Json ClassicalItemJson(const psy::ClassicalItemStats& s) {
  Json it = {{"item_id", s.item_id},
             {"group", s.group},
             {"max_score", s.max_score},
             {"answered", s.answered},
             {"mean", FiniteOrNull(s.mean)},
             {"facility", FiniteOrNull(s.facility)},
             {"point_biserial", FiniteOrNull(s.point_biserial)},
             {"corrected_item_total", FiniteOrNull(s.corrected_item_total)},
             {"discrimination_index", FiniteOrNull(s.discrimination_index)},
             {"alpha_if_deleted", FiniteOrNull(s.alpha_if_deleted)},
             {"flags", Json::array()},
             {"flagged_options", s.flagged_options}};
  for (auto fl : s.flags) it["flags"].push_back(std::string(psy::ItemFlagName(fl)));
  if (!s.options.empty()) {
    it["options"] = Json::array();
    for (const auto& d : s.options) {
      it["options"].push_back({{"label", d.label},
                               {"key", d.is_key},
                               {"share", FiniteOrNull(d.share)},
                               {"upper_share", FiniteOrNull(d.upper_share)},
                               {"lower_share", FiniteOrNull(d.lower_share)},
                               {"point_biserial", FiniteOrNull(d.point_biserial)}});
    }
  }
  return it;
}

Json ClassicalReportJson(const psy::ClassicalReport& report) {
  Json j;
  j["form"] = ReliabilityJson(report.form);
  j["groups"] = Json::array();
  for (const auto& g : report.groups) j["groups"].push_back(ReliabilityJson(g));
  j["items"] = Json::array();
  for (const auto& s : report.items) j["items"].push_back(ClassicalItemJson(s));
  return j;
}

Json ItemParametersJson(const psy::ItemParameters& it) {
  Json j = {{"item_id", it.item_id},
            {"model", std::string(psy::ItemModelName(it.model))},
            {"a", FiniteOrNull(it.a)},
            {"se_a", FiniteOrNull(it.se_a)}};
  if (it.IsPolytomous()) {
    j["thresholds"] = Json::array();
    j["se_thresholds"] = Json::array();
    for (std::size_t k = 0; k < it.thresholds.size(); ++k) {
      j["thresholds"].push_back(FiniteOrNull(it.thresholds[k]));
      j["se_thresholds"].push_back(
          FiniteOrNull(k < it.se_thresholds.size() ? it.se_thresholds[k] : psy::kNaN));
    }
  } else {
    j["b"] = FiniteOrNull(it.b);
    j["se_b"] = FiniteOrNull(it.se_b);
    if (it.model == psy::ItemModel::kThreePL) {
      j["c"] = FiniteOrNull(it.c);
      j["se_c"] = FiniteOrNull(it.se_c);
    }
  }
  return j;
}

Json CalibrationProvenanceJson(const psy::CalibrationProvenance& pv) {
  return Json{{"data", pv.data_description},
              {"persons", pv.num_persons},
              {"patterns", pv.num_response_patterns},
              {"items", pv.num_items},
              {"missing_fraction", FiniteOrNull(pv.missing_fraction)},
              {"model", pv.model},
              {"estimation", pv.estimation},
              {"quadrature", pv.quadrature},
              {"latent_distribution", pv.latent_distribution},
              {"iterations", pv.iterations},
              {"converged", pv.converged},
              {"tolerance", pv.tolerance},
              {"log_likelihood", FiniteOrNull(pv.log_likelihood)},
              {"calibrated_at_unix_ms", ToUnixMillis(pv.calibrated_at)},
              {"software", pv.software}};
}

Json CalibrationJson(const psy::CalibrationResult& r) {
  Json j;
  j["items"] = Json::array();
  for (const auto& it : r.items) j["items"].push_back(ItemParametersJson(it));
  j["item_fit"] = Json::array();
  for (const auto& x : r.item_fit) {
    j["item_fit"].push_back({{"item_id", x.item_id},
                             {"s_x2", FiniteOrNull(x.s_x2)},
                             {"df", x.df},
                             {"p", FiniteOrNull(x.p_value)}});
  }
  j["log_likelihood"] = FiniteOrNull(r.log_likelihood);
  j["aic"] = FiniteOrNull(r.aic);
  j["bic"] = FiniteOrNull(r.bic);
  j["iterations"] = r.iterations;
  j["converged"] = r.converged;
  j["last_change"] = FiniteOrNull(r.last_change);
  j["latent_sd"] = FiniteOrNull(r.latent_sd);
  j["provenance"] = CalibrationProvenanceJson(r.provenance);
  return j;
}

}  // namespace kaoping::codec
