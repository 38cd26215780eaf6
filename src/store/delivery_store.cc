#include "store/delivery_store.h"

#include <nlohmann/json.hpp>

namespace kaoping::store {

using Json = nlohmann::json;

const char* RegistrationStatusName(RegistrationStatus s) {
  switch (s) {
    case RegistrationStatus::kPending:
      return "pending";
    case RegistrationStatus::kApproved:
      return "approved";
    case RegistrationStatus::kRejected:
      return "rejected";
  }
  return "pending";
}

std::optional<RegistrationStatus> ParseRegistrationStatus(const std::string& s) {
  for (auto st :
       {RegistrationStatus::kPending, RegistrationStatus::kApproved, RegistrationStatus::kRejected}) {
    if (s == RegistrationStatusName(st)) return st;
  }
  return std::nullopt;
}

std::string EncodeCandidateFacts(const delivery::CandidateFacts& f) {
  Json j{{"education", f.education},      {"field_related", f.field_related},
         {"is_student", f.is_student},    {"technical_school_graduate", f.technical_school_graduate},
         {"work_history", Json::array()}, {"titles", Json::array()},
         {"certificates", Json::array()}, {"training", Json::array()}};
  for (const auto& w : f.work_history) {
    j["work_history"].push_back({{"organisation", w.organisation},
                                 {"position", w.position},
                                 {"from", w.from},
                                 {"to", w.to},
                                 {"related", w.related}});
  }
  for (const auto& t : f.titles) j["titles"].push_back({{"title", t.title}, {"years_after", t.years_after}});
  for (const auto& c : f.certificates) {
    j["certificates"].push_back({{"standard", c.standard},
                                 {"level", c.level},
                                 {"rank", c.rank},
                                 {"scope", c.scope},
                                 {"years_after", c.years_after}});
  }
  for (const auto& t : f.training) {
    j["training"].push_back(
        {{"standard", t.standard}, {"level", t.level}, {"hours", t.hours}, {"certificate", t.certificate}});
  }
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<delivery::CandidateFacts> DecodeCandidateFacts(const std::string& text) {
  delivery::CandidateFacts f;
  try {
    Json j = Json::parse(text);
    f.education = j.value("education", "none");
    f.field_related = j.value("field_related", false);
    f.is_student = j.value("is_student", false);
    f.technical_school_graduate = j.value("technical_school_graduate", false);
    for (const auto& w : j.value("work_history", Json::array())) {
      f.work_history.push_back({w.value("organisation", ""), w.value("position", ""), w.value("from", ""),
                                w.value("to", ""), w.value("related", false)});
    }
    for (const auto& t : j.value("titles", Json::array())) {
      f.titles.push_back({t.value("title", ""), t.value("years_after", 0.0)});
    }
    for (const auto& c : j.value("certificates", Json::array())) {
      standards::HeldCertificate h;
      h.standard = c.value("standard", "");
      h.level = c.value("level", "");
      h.rank = c.value("rank", 0);
      h.scope = c.value("scope", "");
      h.years_after = c.value("years_after", 0.0);
      f.certificates.push_back(h);
    }
    for (const auto& t : j.value("training", Json::array())) {
      f.training.push_back({t.value("standard", ""), t.value("level", ""), t.value("hours", 0.0),
                            t.value("certificate", false)});
    }
  } catch (const std::exception& e) {
    return DataLoss("profile.corrupt", std::string("stored profile facts do not parse: ") + e.what(),
                    "考生资料数据损坏");
  }
  return f;
}

}  // namespace kaoping::store
