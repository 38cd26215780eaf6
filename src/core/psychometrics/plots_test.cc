// Tests of the SVG plots. Data: item parameters invented in this file.

#include "core/psychometrics/plots.h"

#include <vector>

#include <gtest/gtest.h>

#include "core/psychometrics/test_data.h"

namespace kaoping::psychometrics {
namespace {

int Count(const std::string& s, const std::string& what) {
  int n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

TEST(PlotsTest, SvgDocumentsContainOneCurvePerItem) {
  const std::vector<ItemParameters> items = {testing::TwoPL("a<1>", 1.0, 0.0),
                                             testing::TwoPL("b", 1.5, 1.0, 0.2),
                                             testing::Graded("c", 1.2, {-1.0, 0.5})};
  PlotOptions o;
  o.title = "Form A & B";
  const std::string icc = ItemCharacteristicCurvesSvg(items, o);
  EXPECT_EQ(icc.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(icc.find("</svg>"), std::string::npos);
  EXPECT_EQ(Count(icc, "<path "), 3);
  EXPECT_NE(icc.find("a&lt;1&gt;"), std::string::npos);
  EXPECT_NE(icc.find("Form A &amp; B"), std::string::npos);
  EXPECT_EQ(icc.find("a<1>"), std::string::npos);
  const std::string info = TestInformationSvg(items, o);
  EXPECT_EQ(Count(info, "<path "), 2);  // information and SE
  const std::vector<double> thetas = {-1.0, 0.0, 0.1, 0.2, 2.5};
  const std::string wright = WrightMapSvg(thetas, items, o);
  EXPECT_EQ(Count(wright, "<rect x="), 3);             // occupied 0.25-wide θ bins: −1.0; 0.0–0.2; 2.5
  EXPECT_NE(wright.find(">c.2<"), std::string::npos);  // a graded item's second threshold
}

}  // namespace
}  // namespace kaoping::psychometrics
