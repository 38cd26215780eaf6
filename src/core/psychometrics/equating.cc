#include "core/psychometrics/equating.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <functional>

#include "core/psychometrics/numeric.h"

namespace kaoping::psychometrics {
namespace {

Status Bad(const std::string& en, const std::string& zh) {
  return InvalidArgument("psychometrics.bad_linking_input", en, zh);
}

std::vector<double> Locations(const ItemParameters& it) {
  if (it.IsPolytomous()) return it.thresholds;
  return {it.b};
}

using Fn2 = std::function<double(double, double)>;

// Nelder–Mead on two variables followed by Newton polishing with central differences.
std::array<double, 2> Minimise2(const Fn2& f, double a0, double b0) {
  std::array<std::array<double, 2>, 3> s = {{{a0, b0}, {a0 * 1.1 + 0.05, b0}, {a0, b0 + 0.1}}};
  std::array<double, 3> v{};
  for (int i = 0; i < 3; ++i) v[i] = f(s[i][0], s[i][1]);
  for (int it = 0; it < 2000; ++it) {
    std::array<int, 3> o = {0, 1, 2};
    std::sort(o.begin(), o.end(), [&](int x, int y) { return v[x] < v[y]; });
    const auto best = s[o[0]], mid = s[o[1]], worst = s[o[2]];
    const double fb = v[o[0]], fm = v[o[1]], fw = v[o[2]];
    if (std::abs(fw - fb) < 1e-16 && std::abs(worst[0] - best[0]) + std::abs(worst[1] - best[1]) < 1e-10)
      break;
    const std::array<double, 2> c = {(best[0] + mid[0]) / 2, (best[1] + mid[1]) / 2};
    auto at = [&](double t) {
      return std::array<double, 2>{c[0] + t * (worst[0] - c[0]), c[1] + t * (worst[1] - c[1])};
    };
    const auto r = at(-1.0);
    const double fr = f(r[0], r[1]);
    std::array<double, 2> next = r;
    double fnext = fr;
    if (fr < fb) {
      const auto e = at(-2.0);
      const double fe = f(e[0], e[1]);
      if (fe < fr) {
        next = e;
        fnext = fe;
      }
    } else if (fr >= fm) {
      const auto k = at(fr < fw ? -0.5 : 0.5);
      const double fk = f(k[0], k[1]);
      if (fk < std::min(fr, fw)) {
        next = k;
        fnext = fk;
      } else {  // shrink towards the best vertex
        for (int i : {o[1], o[2]}) {
          s[i] = {(s[i][0] + best[0]) / 2, (s[i][1] + best[1]) / 2};
          v[i] = f(s[i][0], s[i][1]);
        }
        continue;
      }
    }
    s[o[2]] = next;
    v[o[2]] = fnext;
  }
  int bi = 0;
  for (int i = 1; i < 3; ++i) {
    if (v[i] < v[bi]) bi = i;
  }
  double x = s[bi][0], y = s[bi][1], fx = v[bi];
  for (int it = 0; it < 20; ++it) {
    const double h = 1e-5;
    const double fxp = f(x + h, y), fxm = f(x - h, y), fyp = f(x, y + h), fym = f(x, y - h);
    const double gx = (fxp - fxm) / (2 * h), gy = (fyp - fym) / (2 * h);
    const double hxx = (fxp - 2 * fx + fxm) / (h * h), hyy = (fyp - 2 * fx + fym) / (h * h);
    const double hxy = (f(x + h, y + h) - f(x + h, y - h) - f(x - h, y + h) + f(x - h, y - h)) / (4 * h * h);
    const double det = hxx * hyy - hxy * hxy;
    if (!(det > 0) || !(hxx > 0)) break;
    const double dx = -(hyy * gx - hxy * gy) / det, dy = -(-hxy * gx + hxx * gy) / det;
    const double fn = f(x + dx, y + dy);
    if (!(fn <= fx)) break;
    x += dx;
    y += dy;
    fx = fn;
    if (std::abs(dx) + std::abs(dy) < 1e-13) break;
  }
  return {x, y};
}

}  // namespace

std::string_view LinkingMethodName(LinkingMethod m) {
  switch (m) {
    case LinkingMethod::kMeanMean:
      return "mean-mean";
    case LinkingMethod::kMeanSigma:
      return "mean-sigma";
    case LinkingMethod::kHaebara:
      return "haebara";
    case LinkingMethod::kStockingLord:
      return "stocking-lord";
  }
  return "?";
}

Result<LinkingMethod> ParseLinkingMethod(std::string_view name) {
  std::string s;
  for (char ch : name)
    s.push_back(ch == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  if (s == "mean-mean") return LinkingMethod::kMeanMean;
  if (s == "mean-sigma") return LinkingMethod::kMeanSigma;
  if (s == "haebara") return LinkingMethod::kHaebara;
  if (s == "stocking-lord" || s == "sl") return LinkingMethod::kStockingLord;
  return InvalidArgument("psychometrics.unknown_linking_method",
                         "unknown linking method '" + std::string(name) +
                             "' (expected mean-mean, mean-sigma, haebara or stocking-lord)",
                         "未知的链接方法“" + std::string(name) + "”");
}

ItemParameters TransformItem(const ItemParameters& item, const Linking& link) {
  ItemParameters t = item;
  t.a = item.a / link.A;
  t.se_a = item.se_a / link.A;
  if (item.IsPolytomous()) {
    for (std::size_t k = 0; k < t.thresholds.size(); ++k) {
      t.thresholds[k] = link.A * item.thresholds[k] + link.B;
      if (k < t.se_thresholds.size()) t.se_thresholds[k] = link.A * item.se_thresholds[k];
    }
  } else {
    t.b = link.A * item.b + link.B;
    t.se_b = link.A * item.se_b;
  }
  return t;
}

std::vector<ItemParameters> TransformItems(std::span<const ItemParameters> items, const Linking& link) {
  std::vector<ItemParameters> out;
  for (const auto& it : items) out.push_back(TransformItem(it, link));
  return out;
}

Result<Linking> LinkForms(std::span<const ItemParameters> form_x, std::span<const ItemParameters> form_y,
                          LinkingMethod method, const LinkingOptions& options) {
  std::vector<ItemParameters> cx, cy;
  Linking link;
  link.method = method;
  for (const auto& x : form_x) {
    for (const auto& y : form_y) {
      if (x.item_id != y.item_id) continue;
      KP_RETURN_IF_ERROR(ValidateItem(x));
      KP_RETURN_IF_ERROR(ValidateItem(y));
      if (x.IsPolytomous() != y.IsPolytomous() || x.MaxScore() != y.MaxScore()) {
        return Bad("common item '" + x.item_id + "' has different models on the two forms",
                   "共同题“" + x.item_id + "”在两个卷上的模型不同");
      }
      cx.push_back(x);
      cy.push_back(y);
      link.common_items.push_back(x.item_id);
    }
  }
  const bool moment = method == LinkingMethod::kMeanMean || method == LinkingMethod::kMeanSigma;
  if (cx.empty() || (moment && cx.size() < 2)) {
    return Bad("not enough common items (" + std::to_string(cx.size()) + ")",
               "共同题不足（" + std::to_string(cx.size()) + " 道）");
  }
  std::vector<double> bx, by;
  double ax = 0, ay = 0;
  for (std::size_t j = 0; j < cx.size(); ++j) {
    for (double v : Locations(cx[j])) bx.push_back(v);
    for (double v : Locations(cy[j])) by.push_back(v);
    ax += cx[j].a;
    ay += cy[j].a;
  }
  auto mean = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s / v.size();
  };
  auto sd = [&](const std::vector<double>& v) {
    const double m = mean(v);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return std::sqrt(s / v.size());
  };
  double a_ms = 1.0, b_ms = mean(by) - mean(bx);
  if (sd(bx) > 1e-12 && sd(by) > 1e-12) {
    a_ms = sd(by) / sd(bx);
    b_ms = mean(by) - a_ms * mean(bx);
  }
  if (method == LinkingMethod::kMeanSigma) {
    if (!(sd(bx) > 1e-12) || !(sd(by) > 1e-12)) {
      return Bad("common-item difficulties have no spread", "共同题难度没有离散度");
    }
    link.A = a_ms;
    link.B = b_ms;
    return link;
  }
  if (method == LinkingMethod::kMeanMean) {
    if (!(ax > 0) || !(ay > 0)) return Bad("mean slope must be positive", "平均区分度必须为正");
    link.A = ax / ay;
    link.B = mean(by) - link.A * mean(bx);
    return link;
  }
  std::vector<double> tp = options.theta_points, tw = options.theta_weights;
  if (tp.empty()) {
    double total = 0;
    for (int i = 0; i < 41; ++i) {
      tp.push_back(-4.0 + 0.2 * i);
      tw.push_back(numeric::NormalPdf(tp.back()));
      total += tw.back();
    }
    for (double& w : tw) w /= total;
  } else if (tw.size() != tp.size()) {
    return Bad("theta_points and theta_weights differ in length", "θ 点与权重长度不一致");
  }
  // Precompute the base form's curves.
  std::vector<double> pbuf;
  std::vector<std::vector<double>> target(tp.size());
  for (std::size_t t = 0; t < tp.size(); ++t) {
    for (const auto& it : cy) {
      const int nk = it.MaxScore() + 1;
      pbuf.resize(nk);
      CategoryProbabilities(it, tp[t], pbuf);
      if (method == LinkingMethod::kHaebara) {
        target[t].insert(target[t].end(), pbuf.begin(), pbuf.begin() + nk);
      } else {
        double e = 0;
        for (int k = 1; k < nk; ++k) e += k * pbuf[k];
        target[t].push_back(e);
      }
    }
  }
  auto criterion = [&](double a_const, double b_const) {
    if (!(a_const > 1e-6)) return 1e300;
    Linking l;
    l.A = a_const;
    l.B = b_const;
    double f = 0;
    std::vector<double> p;
    for (std::size_t t = 0; t < tp.size(); ++t) {
      double tcc_x = 0, tcc_y = 0, h = 0;
      std::size_t idx = 0;
      for (const auto& it : cx) {
        const ItemParameters moved = TransformItem(it, l);
        const int nk = it.MaxScore() + 1;
        p.resize(nk);
        CategoryProbabilities(moved, tp[t], p);
        if (method == LinkingMethod::kHaebara) {
          for (int k = 0; k < nk; ++k) {
            const double d = target[t][idx++] - p[k];
            h += d * d;
          }
        } else {
          double e = 0;
          for (int k = 1; k < nk; ++k) e += k * p[k];
          tcc_x += e;
          tcc_y += target[t][idx++];
        }
      }
      f += tw[t] * (method == LinkingMethod::kHaebara ? h : (tcc_y - tcc_x) * (tcc_y - tcc_x));
    }
    return f;
  };
  const auto best = Minimise2(criterion, a_ms, b_ms);
  link.A = best[0];
  link.B = best[1];
  link.criterion = criterion(best[0], best[1]);
  return link;
}

Result<CutMapping> MapRawCut(std::span<const ItemParameters> form_x, std::span<const ItemParameters> form_y,
                             const Linking& link, double raw_cut_x) {
  CutMapping m;
  m.raw_x = raw_cut_x;
  KP_ASSIGN_OR_RETURN(m.theta_x, InverseTestCharacteristic(form_x, raw_cut_x, -8, 8));
  m.theta_y = TransformTheta(m.theta_x, link);
  m.raw_y = TestCharacteristic(form_y, m.theta_y);
  return m;
}

}  // namespace kaoping::psychometrics
