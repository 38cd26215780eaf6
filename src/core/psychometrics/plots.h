// -----------------------------------------------------------------------------
// File: core/psychometrics/plots.h
// -----------------------------------------------------------------------------
//
// Self-contained SVG documents (strings) for the usual IRT pictures, generated without any
// plotting library so the web UI and the CLI can show or save them as they are:
//
//   ItemCharacteristicCurvesSvg  P(correct | θ) per item (expected score / max for graded items)
//   TestInformationSvg           test information I(θ) and its standard error 1/√I(θ)
//   WrightMapSvg                 persons (histogram of θ̂) and items (difficulties, thresholds)
//                                on one logit scale
//
// Item ids and titles are XML-escaped. Thread safety: pure functions.

#ifndef KAOPING_CORE_PSYCHOMETRICS_PLOTS_H_
#define KAOPING_CORE_PSYCHOMETRICS_PLOTS_H_

#include <span>
#include <string>

#include "core/psychometrics/irt_model.h"

namespace kaoping::psychometrics {

struct PlotOptions {
  int width = 720;
  int height = 420;
  double theta_min = -4.0;
  double theta_max = 4.0;
  std::string title;
  int max_legend_entries = 12;
};

std::string ItemCharacteristicCurvesSvg(std::span<const ItemParameters> items,
                                        const PlotOptions& options = {});
std::string TestInformationSvg(std::span<const ItemParameters> items, const PlotOptions& options = {});
std::string WrightMapSvg(std::span<const double> person_thetas, std::span<const ItemParameters> items,
                         const PlotOptions& options = {});

// Escapes &, <, >, " and ' for use in SVG text and attributes.
std::string XmlEscape(std::string_view s);

}  // namespace kaoping::psychometrics

#endif  // KAOPING_CORE_PSYCHOMETRICS_PLOTS_H_
