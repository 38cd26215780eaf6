#include "core/psychometrics/plots.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace kaoping::psychometrics {
namespace {

constexpr const char* kPalette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// Plot frame: margins and linear maps from data to pixels.
struct Frame {
  double left = 60, right = 20, top = 40, bottom = 45;
  double w, h, x0, x1, y0, y1;
  Frame(const PlotOptions& o, double ymin, double ymax, double right_margin = 20)
      : right(right_margin), w(o.width), h(o.height), x0(o.theta_min), x1(o.theta_max), y0(ymin), y1(ymax) {}
  [[nodiscard]] double X(double v) const { return left + (v - x0) / (x1 - x0) * (w - left - right); }
  [[nodiscard]] double Y(double v) const { return h - bottom - (v - y0) / (y1 - y0) * (h - top - bottom); }
};

std::string Header(const PlotOptions& o) {
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(o.width) +
                  "\" height=\"" + std::to_string(o.height) + "\" viewBox=\"0 0 " + std::to_string(o.width) +
                  " " + std::to_string(o.height) + "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  if (!o.title.empty()) {
    s += "<text x=\"" + std::to_string(o.width / 2) + "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">" +
         XmlEscape(o.title) + "</text>\n";
  }
  return s;
}

std::string Axes(const Frame& f, const std::string& ylabel, int yticks) {
  std::string s;
  s += "<g stroke=\"#333\" stroke-width=\"1\">";
  s += "<line x1=\"" + Num(f.X(f.x0)) + "\" y1=\"" + Num(f.Y(f.y0)) + "\" x2=\"" + Num(f.X(f.x1)) +
       "\" y2=\"" + Num(f.Y(f.y0)) + "\"/>";
  s += "<line x1=\"" + Num(f.X(f.x0)) + "\" y1=\"" + Num(f.Y(f.y0)) + "\" x2=\"" + Num(f.X(f.x0)) +
       "\" y2=\"" + Num(f.Y(f.y1)) + "\"/></g>\n";
  for (double t = std::ceil(f.x0); t <= f.x1 + 1e-9; t += 1.0) {
    s += "<text x=\"" + Num(f.X(t)) + "\" y=\"" + Num(f.Y(f.y0) + 16) + "\" text-anchor=\"middle\">" +
         Num(t).substr(0, Num(t).find('.')) + "</text>\n";
  }
  for (int i = 0; i <= yticks; ++i) {
    const double v = f.y0 + (f.y1 - f.y0) * i / yticks;
    s += "<text x=\"" + Num(f.left - 6) + "\" y=\"" + Num(f.Y(v) + 4) + "\" text-anchor=\"end\">" + Num(v) +
         "</text>\n";
    s += "<line x1=\"" + Num(f.left) + "\" y1=\"" + Num(f.Y(v)) + "\" x2=\"" + Num(f.w - f.right) +
         "\" y2=\"" + Num(f.Y(v)) + "\" stroke=\"#eee\"/>\n";
  }
  s += "<text x=\"" + Num((f.left + f.w - f.right) / 2) + "\" y=\"" + Num(f.h - 8) +
       "\" text-anchor=\"middle\">θ (ability, logits)</text>\n";
  s += "<text x=\"14\" y=\"" + Num((f.top + f.h - f.bottom) / 2) +
       "\" text-anchor=\"middle\" transform=\"rotate(-90 14 " + Num((f.top + f.h - f.bottom) / 2) + ")\">" +
       XmlEscape(ylabel) + "</text>\n";
  return s;
}

template <typename F>
std::string Curve(const Frame& f, F fn, const char* color, const char* extra = "") {
  std::string d;
  const int n = 161;
  for (int i = 0; i < n; ++i) {
    const double t = f.x0 + (f.x1 - f.x0) * i / (n - 1);
    const double v = std::clamp(fn(t), f.y0, f.y1);
    d += (i == 0 ? "M" : " L") + Num(f.X(t)) + " " + Num(f.Y(v));
  }
  return "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + color + "\" stroke-width=\"1.6\"" + extra + "/>\n";
}

}  // namespace

std::string XmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ItemCharacteristicCurvesSvg(std::span<const ItemParameters> items, const PlotOptions& options) {
  Frame f(options, 0.0, 1.0, 130);
  std::string s = Header(options) + Axes(f, "P(correct) / expected score ÷ max", 5);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    const char* color = kPalette[i % 10];
    s += Curve(
        f, [&](double t) { return ExpectedScore(it, t) / it.MaxScore(); }, color);
    if (static_cast<int>(i) < options.max_legend_entries) {
      const double y = f.top + 16.0 * static_cast<double>(i);
      s += "<line x1=\"" + Num(f.w - f.right + 10) + "\" y1=\"" + Num(y) + "\" x2=\"" +
           Num(f.w - f.right + 30) + "\" y2=\"" + Num(y) + "\" stroke=\"" + color + "\" stroke-width=\"2\"/>";
      s += "<text x=\"" + Num(f.w - f.right + 34) + "\" y=\"" + Num(y + 4) + "\">" + XmlEscape(it.item_id) +
           "</text>\n";
    }
  }
  s += "</svg>\n";
  return s;
}

std::string TestInformationSvg(std::span<const ItemParameters> items, const PlotOptions& options) {
  double max_info = 0;
  for (int i = 0; i <= 160; ++i) {
    const double t = options.theta_min + (options.theta_max - options.theta_min) * i / 160;
    max_info = std::max(max_info, TestInformation(items, t));
  }
  const double ymax = max_info > 0 ? std::ceil(max_info * 1.1 * 10) / 10 : 1.0;
  Frame f(options, 0.0, ymax, 130);
  std::string s = Header(options) + Axes(f, "information", 5);
  s += Curve(
      f, [&](double t) { return TestInformation(items, t); }, kPalette[0]);
  // SE on the same axis, scaled so SE = ymax / 2 at the top of its own range [0, 2].
  s += Curve(
      f,
      [&](double t) {
        const double info = TestInformation(items, t);
        return info > 0 ? std::min(2.0, 1.0 / std::sqrt(info)) * ymax / 2.0 : ymax;
      },
      kPalette[3], " stroke-dasharray=\"5 4\"");
  const double y = f.top;
  s += "<line x1=\"" + Num(f.w - f.right + 10) + "\" y1=\"" + Num(y) + "\" x2=\"" + Num(f.w - f.right + 30) +
       "\" y2=\"" + Num(y) + "\" stroke=\"" + kPalette[0] + "\" stroke-width=\"2\"/><text x=\"" +
       Num(f.w - f.right + 34) + "\" y=\"" + Num(y + 4) + "\">I(θ)</text>\n";
  s += "<line x1=\"" + Num(f.w - f.right + 10) + "\" y1=\"" + Num(y + 16) + "\" x2=\"" +
       Num(f.w - f.right + 30) + "\" y2=\"" + Num(y + 16) + "\" stroke=\"" + kPalette[3] +
       "\" stroke-dasharray=\"5 4\" stroke-width=\"2\"/><text x=\"" + Num(f.w - f.right + 34) + "\" y=\"" +
       Num(y + 20) + "\">SE(θ) (0–2)</text>\n";
  s += "</svg>\n";
  return s;
}

std::string WrightMapSvg(std::span<const double> person_thetas, std::span<const ItemParameters> items,
                         const PlotOptions& options) {
  // Vertical θ axis; persons as a histogram to the left of the axis, items as labelled ticks to
  // the right.
  const double lo = options.theta_min, hi = options.theta_max;
  const double top = 40, bottom = 30, w = options.width, h = options.height;
  const double axis_x = w * 0.45;
  auto Y = [&](double t) {
    return h - bottom - (std::clamp(t, lo, hi) - lo) / (hi - lo) * (h - top - bottom);
  };
  std::string s = Header(options);
  s += "<line x1=\"" + Num(axis_x) + "\" y1=\"" + Num(Y(lo)) + "\" x2=\"" + Num(axis_x) + "\" y2=\"" +
       Num(Y(hi)) + "\" stroke=\"#333\"/>\n";
  for (double t = std::ceil(lo); t <= hi + 1e-9; t += 1.0) {
    s += "<text x=\"" + Num(axis_x - 6) + "\" y=\"" + Num(Y(t) + 4) +
         "\" text-anchor=\"end\" fill=\"#555\">" + Num(t).substr(0, Num(t).find('.')) + "</text>\n";
  }
  const int bins = 32;
  std::vector<int> count(bins, 0);
  for (double t : person_thetas) {
    if (!std::isfinite(t)) continue;
    const int b = std::clamp(static_cast<int>((t - lo) / (hi - lo) * bins), 0, bins - 1);
    ++count[b];
  }
  const int max_count = std::max(1, *std::max_element(count.begin(), count.end()));
  const double bar_h = (h - top - bottom) / bins;
  for (int b = 0; b < bins; ++b) {
    if (count[b] == 0) continue;
    const double len = (axis_x - 40) * count[b] / max_count;
    const double y = Y(lo + (hi - lo) * (b + 1) / bins);
    s += "<rect x=\"" + Num(axis_x - 28 - len) + "\" y=\"" + Num(y) + "\" width=\"" + Num(len) +
         "\" height=\"" + Num(bar_h - 1) + "\" fill=\"#9ecae1\"><title>" + std::to_string(count[b]) +
         " persons</title></rect>\n";
  }
  s += "<text x=\"" + Num(axis_x / 2) + "\" y=\"" + Num(h - 8) + "\" text-anchor=\"middle\">persons</text>\n";
  s += "<text x=\"" + Num((axis_x + w) / 2) + "\" y=\"" + Num(h - 8) +
       "\" text-anchor=\"middle\">items</text>\n";
  // Items: one row per location, labels stacked horizontally when they collide.
  std::vector<std::pair<double, std::string>> marks;
  for (const auto& it : items) {
    if (it.IsPolytomous()) {
      for (std::size_t k = 0; k < it.thresholds.size(); ++k) {
        marks.emplace_back(it.thresholds[k], it.item_id + "." + std::to_string(k + 1));
      }
    } else {
      marks.emplace_back(it.b, it.item_id);
    }
  }
  std::sort(marks.begin(), marks.end());
  double last_y = 1e9, x = axis_x + 10;
  for (const auto& [loc, label] : marks) {
    const double y = Y(loc);
    if (std::abs(y - last_y) < 12 && x < w - 80) {
      x += 8.0 * static_cast<double>(label.size()) + 10;
    } else {
      x = axis_x + 10;
      last_y = y;
    }
    s += "<line x1=\"" + Num(axis_x) + "\" y1=\"" + Num(y) + "\" x2=\"" + Num(axis_x + 6) + "\" y2=\"" +
         Num(y) + "\" stroke=\"#d62728\"/><text x=\"" + Num(x) + "\" y=\"" + Num(y + 4) +
         "\" fill=\"#d62728\">" + XmlEscape(label) + "<title>" + Num(loc) + "</title></text>\n";
  }
  s += "</svg>\n";
  return s;
}

}  // namespace kaoping::psychometrics
