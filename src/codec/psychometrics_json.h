// -----------------------------------------------------------------------------
// File: codec/psychometrics_json.h
// -----------------------------------------------------------------------------
//
// JSON forms of psychometric results (core/psychometrics). The item statistics and provenance the
// service writes back to the bank (store/psychometrics_store.h, `statistics`) are built from these
// pieces, so the bytes are a storage format (codec_test pins them); `kaoping analyze --json` and
// the HTTP API (api/psychometrics_routes.h) show the same forms.
//
// Layer: store (below the service, which stores them, and the interfaces, which show them).
//
// Numbers that are not finite (NaN: not estimable, e.g. a point-biserial of an item everybody
// got right) are written as null.
//
// Thread safety: pure functions.

#ifndef KAOPING_CODEC_PSYCHOMETRICS_JSON_H_
#define KAOPING_CODEC_PSYCHOMETRICS_JSON_H_

#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "core/psychometrics/calibration.h"
#include "core/psychometrics/classical.h"
#include "core/psychometrics/irt_model.h"
#include "core/scoring/objective.h"

namespace kaoping::codec {

// A finite number, or null.
nlohmann::json FiniteOrNull(double v);

// {group, items, persons, mean, sd, alpha, kr20, sem}
nlohmann::json ReliabilityJson(const psychometrics::ReliabilityStats& r);
// {item_id, group, max_score, answered, mean, facility, point_biserial, corrected_item_total,
//  discrimination_index, alpha_if_deleted, flags:[names], flagged_options, options?:[{label, key,
//  share, upper_share, lower_share, point_biserial}]}
nlohmann::json ClassicalItemJson(const psychometrics::ClassicalItemStats& s);
// {form, groups, items}
nlohmann::json ClassicalReportJson(const psychometrics::ClassicalReport& report);

// {item_id, model, a, se_a, b, se_b[, c, se_c]} or, for GRM items, thresholds/se_thresholds.
nlohmann::json ItemParametersJson(const psychometrics::ItemParameters& it);
// {data, persons, patterns, items, missing_fraction, model, estimation, quadrature,
//  latent_distribution, iterations, converged, tolerance, log_likelihood, calibrated_at_unix_ms,
//  software}
nlohmann::json CalibrationProvenanceJson(const psychometrics::CalibrationProvenance& p);
// {items, item_fit, log_likelihood, aic, bic, iterations, converged, last_change, latent_sd,
//  provenance} (no per-person results).
nlohmann::json CalibrationJson(const psychometrics::CalibrationResult& r);

}  // namespace kaoping::codec

#endif  // KAOPING_CODEC_PSYCHOMETRICS_JSON_H_
