// QTI name normalisation, template URIs and the native match_correct / map_response.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "interop/qti.h"

namespace kaoping::interop {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

const char* QtiVersionName(QtiVersion v) {
  return v == QtiVersion::kV3p0 ? "3.0" : "2.1";
}

std::optional<QtiVersion> ParseQtiVersion(std::string_view text) {
  std::string s = Lower(text);
  if (s.rfind("qti", 0) == 0) s = s.substr(3);
  s.erase(std::remove(s.begin(), s.end(), '.'), s.end());
  s.erase(std::remove(s.begin(), s.end(), 'v'), s.end());
  if (s == "21" || s == "2p1") return QtiVersion::kV2p1;
  if (s == "3" || s == "30" || s == "3p0") return QtiVersion::kV3p0;
  return std::nullopt;
}

std::string NormaliseQtiName(std::string_view name) {
  if (const std::size_t colon = name.find(':');
      colon != std::string_view::npos && name.substr(0, colon) != "xml") {
    name = name.substr(colon + 1);
  }
  if (name.rfind("qti-", 0) == 0) name.remove_prefix(4);
  std::string out;
  out.reserve(name.size());
  bool upper_next = false;
  for (char c : name) {
    if (c == '-') {
      upper_next = !out.empty();
      continue;
    }
    if (upper_next && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    upper_next = false;
    out.push_back(c);
  }
  return out;
}

RpTemplate NormaliseTemplateUri(std::string_view uri) {
  std::string_view s = uri;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  if (s.empty()) return RpTemplate::kNone;
  if (const std::size_t cut = s.find_first_of("?#"); cut != std::string_view::npos) s = s.substr(0, cut);
  while (!s.empty() && s.back() == '/') s.remove_suffix(1);
  if (const std::size_t slash = s.find_last_of("/\\"); slash != std::string_view::npos)
    s = s.substr(slash + 1);
  std::string last = Lower(s);
  if (last.size() > 4 && last.compare(last.size() - 4, 4, ".xml") == 0) last.resize(last.size() - 4);
  if (last == "match_correct") return RpTemplate::kMatchCorrect;
  if (last == "map_response") return RpTemplate::kMapResponse;
  if (last == "map_response_point") return RpTemplate::kMapResponsePoint;
  if (last == "cc2_match") return RpTemplate::kCc2Match;
  if (last == "cc2_match_basic") return RpTemplate::kCc2MatchBasic;
  if (last == "cc2_map_response") return RpTemplate::kCc2MapResponse;
  return RpTemplate::kUnknown;
}

double MapResponse(const QtiMapping& mapping, const std::vector<std::string>& response) {
  if (response.empty()) return 0;  // map_response: isNull(RESPONSE) → SCORE = 0.
  std::set<std::string> seen;
  double sum = 0;
  for (const std::string& value : response) {
    if (!seen.insert(value).second) continue;  // Distinct values only.
    const QtiMapEntry* hit = nullptr;
    for (const QtiMapEntry& e : mapping.entries) {
      if (e.case_sensitive ? e.key == value : Lower(e.key) == Lower(value)) {
        hit = &e;
        break;
      }
    }
    sum += hit != nullptr ? hit->value : mapping.default_value;
  }
  if (mapping.lower_bound && sum < *mapping.lower_bound) sum = *mapping.lower_bound;
  if (mapping.upper_bound && sum > *mapping.upper_bound) sum = *mapping.upper_bound;
  return sum;
}

bool MatchCorrect(QtiCardinality cardinality, const std::vector<std::string>& correct,
                  const std::vector<std::string>& response) {
  if (response.empty() || correct.empty()) return false;
  switch (cardinality) {
    case QtiCardinality::kSingle:
      return response.size() == 1 && correct.size() == 1 && response[0] == correct[0];
    case QtiCardinality::kOrdered:
      return response == correct;
    case QtiCardinality::kMultiple: {
      std::map<std::string, int> a, b;
      for (const std::string& v : correct) ++a[v];
      for (const std::string& v : response) ++b[v];
      return a == b;
    }
  }
  return false;
}

}  // namespace kaoping::interop
