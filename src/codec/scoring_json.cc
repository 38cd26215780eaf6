#include "codec/scoring_json.h"

namespace kaoping::codec {
namespace {

using Json = nlohmann::json;

Status Bad(const std::string& what) {
  return InvalidArgument("scoring.bad_json", "stored scoring data is malformed: " + what,
                         "评分数据格式错误：" + what);
}

template <typename T>
void PutOpt(Json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}

template <typename T>
std::optional<T> GetOpt(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

std::vector<standards::Localized> LocalizedFrom(const Json& j) {
  std::vector<standards::Localized> out;
  for (const auto& l : j) out.push_back({l.value("zh", ""), l.value("en", "")});
  return out;
}

// Runs `fn`, turning a JSON type error into scoring.bad_json.
template <typename Fn>
auto Guard(const char* what, Fn fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Json::exception& e) {
    return Bad(std::string(what) + ": " + e.what());
  }
}

}  // namespace

Json LocalizedJson(const std::vector<standards::Localized>& v) {
  Json a = Json::array();
  for (const auto& l : v) a.push_back(Json{{"zh", l.zh}, {"en", l.en}});
  return a;
}

Json PaperScoreJson(const scoring::PaperScore& s) {
  Json items = Json::array();
  for (const auto& i : s.items) {
    Json blanks = Json::array();
    for (const auto& b : i.blanks) {
      blanks.push_back({{"blank_id", b.blank_id},
                        {"normalized", b.normalized},
                        {"correct", b.correct},
                        {"earned", b.earned},
                        {"possible", b.possible}});
    }
    items.push_back({{"item_id", i.item_id},
                     {"item_version", i.item_version},
                     {"type", bank::ItemTypeName(i.type)},
                     {"function", i.function},
                     {"earned", i.earned},
                     {"possible", i.possible},
                     {"outcome", scoring::OutcomeName(i.outcome)},
                     {"blanks", blanks}});
  }
  Json functions = Json::array();
  for (const auto& f : s.functions) {
    functions.push_back({{"function", f.function},
                         {"items", f.items},
                         {"earned", f.earned},
                         {"possible", f.possible},
                         {"percent", f.percent},
                         {"scaled_earned", f.scaled_earned},
                         {"scaled_possible", f.scaled_possible}});
  }
  return Json{{"paper_id", s.paper_id},
              {"items", items},
              {"functions", functions},
              {"raw_earned", s.raw_earned},
              {"raw_possible", s.raw_possible},
              {"full_marks", s.full_marks},
              {"scale", s.scale},
              {"total", s.total},
              {"complete", s.complete},
              {"pending_items", s.pending_items}};
}

Result<scoring::PaperScore> PaperScoreFromJson(const Json& j) {
  return Guard("paper score", [&]() -> Result<scoring::PaperScore> {
    scoring::PaperScore s;
    s.paper_id = j.at("paper_id").get<std::string>();
    for (const auto& i : j.at("items")) {
      scoring::ItemScore is;
      is.item_id = i.at("item_id").get<std::string>();
      is.item_version = i.at("item_version").get<int>();
      auto type = bank::ParseItemType(i.at("type").get<std::string>());
      if (!type) return Bad("item type");
      is.type = *type;
      is.function = i.at("function").get<std::string>();
      is.earned = i.at("earned").get<double>();
      is.possible = i.at("possible").get<double>();
      std::string outcome = i.at("outcome").get<std::string>();
      for (auto o : {scoring::Outcome::kCorrect, scoring::Outcome::kPartial, scoring::Outcome::kWrong,
                     scoring::Outcome::kUnanswered, scoring::Outcome::kPendingHuman}) {
        if (outcome == scoring::OutcomeName(o)) is.outcome = o;
      }
      for (const auto& b : i.at("blanks")) {
        is.blanks.push_back({b.at("blank_id").get<std::string>(), b.at("normalized").get<std::string>(),
                             b.at("correct").get<bool>(), b.at("earned").get<double>(),
                             b.at("possible").get<double>()});
      }
      s.items.push_back(std::move(is));
    }
    for (const auto& f : j.at("functions")) {
      scoring::FunctionScore fs;
      fs.function = f.at("function").get<std::string>();
      fs.items = f.at("items").get<int>();
      fs.earned = f.at("earned").get<double>();
      fs.possible = f.at("possible").get<double>();
      fs.percent = f.at("percent").get<double>();
      fs.scaled_earned = f.at("scaled_earned").get<double>();
      fs.scaled_possible = f.at("scaled_possible").get<double>();
      s.functions.push_back(std::move(fs));
    }
    s.raw_earned = j.at("raw_earned").get<double>();
    s.raw_possible = j.at("raw_possible").get<double>();
    s.full_marks = j.at("full_marks").get<double>();
    s.scale = j.at("scale").get<double>();
    s.total = j.at("total").get<double>();
    s.complete = j.at("complete").get<bool>();
    s.pending_items = j.at("pending_items").get<std::vector<std::string>>();
    return s;
  });
}

Json CriteriaJson(const std::vector<scoring::Criterion>& c) {
  Json a = Json::array();
  for (const auto& x : c)
    a.push_back({{"id", x.id}, {"description", x.description}, {"max_points", x.max_points}});
  return a;
}

Result<std::vector<scoring::Criterion>> CriteriaFromJson(const Json& j) {
  return Guard("rubric", [&]() -> Result<std::vector<scoring::Criterion>> {
    std::vector<scoring::Criterion> out;
    for (const auto& x : j) {
      out.push_back({x.at("id").get<std::string>(), x.at("description").get<std::string>(),
                     x.at("max_points").get<double>()});
    }
    return out;
  });
}

Json PanelEventJson(const scoring::PanelEvent& e) {
  Json scores = Json::object();
  for (const auto& [k, v] : e.scores) scores[k] = v;
  return Json{{"kind", scoring::PanelEventKindName(e.kind)},
              {"script", e.script},
              {"actor", e.actor},
              {"examiner", e.examiner},
              {"scores", scores},
              {"criterion", e.criterion},
              {"score", e.score},
              {"reason", e.reason},
              {"at_ms", e.at_ms}};
}

Result<scoring::PanelEvent> PanelEventFromJson(const Json& j) {
  return Guard("panel event", [&]() -> Result<scoring::PanelEvent> {
    scoring::PanelEvent e;
    std::string kind = j.at("kind").get<std::string>();
    bool known = false;
    for (auto k : {scoring::PanelEventKind::kSubmitted, scoring::PanelEventKind::kReopened,
                   scoring::PanelEventKind::kAdjudicated}) {
      if (kind == scoring::PanelEventKindName(k)) {
        e.kind = k;
        known = true;
      }
    }
    if (!known) return Bad("panel event kind " + kind);
    e.script = j.at("script").get<std::string>();
    e.actor = j.at("actor").get<std::int64_t>();
    e.examiner = j.at("examiner").get<std::int64_t>();
    for (const auto& [k, v] : j.at("scores").items()) e.scores[k] = v.get<double>();
    e.criterion = j.at("criterion").get<std::string>();
    e.score = j.at("score").get<double>();
    e.reason = j.at("reason").get<std::string>();
    e.at_ms = j.at("at_ms").get<std::int64_t>();
    return e;
  });
}

Json LevelDecisionJson(const scoring::LevelDecision& d) {
  Json subjects = Json::array();
  for (const auto& s : d.subjects) {
    Json x{{"subject", s.subject},     {"name", s.name},       {"dimension", s.dimension},
           {"max_score", s.max_score}, {"counted", s.counted}, {"gating", s.gating},
           {"passed", s.passed},       {"ref", s.ref}};
    PutOpt(x, "score", s.score);
    PutOpt(x, "pass_score", s.pass_score);
    PutOpt(x, "weight", s.weight);
    PutOpt(x, "weighted", s.weighted);
    subjects.push_back(std::move(x));
  }
  Json j{{"standard", d.standard},     {"rule", d.rule},
         {"rule_ref", d.rule_ref},     {"platform_interpretation", d.platform_interpretation},
         {"passed", d.passed},         {"level", d.level},
         {"level_name", d.level_name}, {"level_en", d.level_en},
         {"subjects", subjects},       {"reasons", LocalizedJson(d.reasons)}};
  PutOpt(j, "grade", d.grade);
  PutOpt(j, "total", d.total);
  return j;
}

Result<scoring::LevelDecision> LevelDecisionFromJson(const Json& j) {
  return Guard("decision", [&]() -> Result<scoring::LevelDecision> {
    scoring::LevelDecision d;
    d.standard = j.at("standard").get<std::string>();
    d.rule = j.at("rule").get<std::string>();
    d.rule_ref = j.at("rule_ref").get<std::string>();
    d.platform_interpretation = j.at("platform_interpretation").get<bool>();
    d.passed = j.at("passed").get<bool>();
    d.level = j.at("level").get<std::string>();
    d.level_name = j.at("level_name").get<std::string>();
    d.level_en = j.at("level_en").get<std::string>();
    d.grade = GetOpt<int>(j, "grade");
    d.total = GetOpt<double>(j, "total");
    for (const auto& x : j.at("subjects")) {
      scoring::SubjectOutcome s;
      s.subject = x.at("subject").get<std::string>();
      s.name = x.at("name").get<std::string>();
      s.dimension = x.at("dimension").get<std::string>();
      s.max_score = x.at("max_score").get<double>();
      s.counted = x.at("counted").get<bool>();
      s.gating = x.at("gating").get<bool>();
      s.passed = x.at("passed").get<bool>();
      s.ref = x.at("ref").get<std::string>();
      s.score = GetOpt<double>(x, "score");
      s.pass_score = GetOpt<double>(x, "pass_score");
      s.weight = GetOpt<double>(x, "weight");
      s.weighted = GetOpt<double>(x, "weighted");
      d.subjects.push_back(std::move(s));
    }
    d.reasons = LocalizedFrom(j.at("reasons"));
    return d;
  });
}

Json ResultRecordJson(const scoring::ResultRecord& r) {
  return Json{{"candidate", r.candidate},
              {"revision", r.revision},
              {"state", scoring::ResultStateName(r.state)},
              {"decision", LevelDecisionJson(r.decision)},
              {"computed_ms", r.computed_ms},
              {"reviewed_by", r.reviewed_by},
              {"reviewed_ms", r.reviewed_ms},
              {"published_by", r.published_by},
              {"published_ms", r.published_ms},
              {"correction_reason", r.correction_reason}};
}

Result<scoring::ResultRecord> ResultRecordFromJson(const Json& j) {
  return Guard("result", [&]() -> Result<scoring::ResultRecord> {
    scoring::ResultRecord r;
    r.candidate = j.at("candidate").get<std::string>();
    r.revision = j.at("revision").get<int>();
    auto st = scoring::ParseResultState(j.at("state").get<std::string>());
    if (!st) return Bad("result state");
    r.state = *st;
    KP_ASSIGN_OR_RETURN(r.decision, LevelDecisionFromJson(j.at("decision")));
    r.computed_ms = j.at("computed_ms").get<std::int64_t>();
    r.reviewed_by = j.at("reviewed_by").get<std::int64_t>();
    r.reviewed_ms = j.at("reviewed_ms").get<std::int64_t>();
    r.published_by = j.at("published_by").get<std::int64_t>();
    r.published_ms = j.at("published_ms").get<std::int64_t>();
    r.correction_reason = j.at("correction_reason").get<std::string>();
    return r;
  });
}

Json ResultAuditJson(const scoring::ResultAudit& a) {
  Json j{{"candidate", a.candidate},
         {"revision", a.revision},
         {"action", a.action},
         {"actor", a.actor},
         {"reason", a.reason},
         {"at_ms", a.at_ms},
         {"passed_after", a.passed_after}};
  PutOpt(j, "passed_before", a.passed_before);
  PutOpt(j, "total_before", a.total_before);
  PutOpt(j, "total_after", a.total_after);
  PutOpt(j, "grade_before", a.grade_before);
  PutOpt(j, "grade_after", a.grade_after);
  return j;
}

namespace {

std::vector<std::string> Strings(const Json& j) {
  std::vector<std::string> out;
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    std::size_t pos = 0;
    while (pos <= s.size()) {
      std::size_t comma = s.find(',', pos);
      if (comma == std::string::npos) comma = s.size();
      std::string part = s.substr(pos, comma - pos);
      while (!part.empty() && part.front() == ' ') part.erase(part.begin());
      while (!part.empty() && part.back() == ' ') part.pop_back();
      if (!part.empty()) out.push_back(part);
      pos = comma + 1;
    }
  } else if (j.is_boolean()) {
    out.push_back(j.get<bool>() ? "true" : "false");
  } else if (j.is_array()) {
    for (const auto& x : j) {
      if (x.is_string()) out.push_back(x.get<std::string>());
      if (x.is_boolean()) out.push_back(x.get<bool>() ? "true" : "false");
    }
  }
  return out;
}

}  // namespace

scoring::Response ResponseFromJson(const bank::Item& item, const std::string& text) {
  scoring::Response r;
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return r;
  if (item.type == bank::ItemType::kFillIn) {
    Json blanks = j.is_object() ? j.value("blanks", Json()) : j;
    if (blanks.is_string()) {
      r.blanks.push_back(blanks.get<std::string>());
    } else if (blanks.is_array()) {
      for (const auto& x : blanks) r.blanks.push_back(x.is_string() ? x.get<std::string>() : std::string());
    } else if (blanks.is_object()) {
      for (const auto& b : item.blanks) {
        auto it = blanks.find(b.id);
        r.blanks.push_back(it != blanks.end() && it->is_string() ? it->get<std::string>() : std::string());
      }
    }
    return r;
  }
  if (j.is_object()) {
    if (j.contains("choice")) return scoring::Response{Strings(j["choice"]), {}};
    if (j.contains("choices")) return scoring::Response{Strings(j["choices"]), {}};
    return r;
  }
  r.choices = Strings(j);
  return r;
}

Result<Json> ParseScoringJson(const std::string& text) {
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Bad("not JSON");
  return j;
}

}  // namespace kaoping::codec
