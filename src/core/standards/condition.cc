#include "core/standards/condition.h"

#include <algorithm>

namespace kaoping::standards {

const std::vector<FactInfo>& AllFacts() {
  static const std::vector<FactInfo>* const kFacts = new std::vector<FactInfo>{
      {"education", FactType::kEducation, "学历", "education"},
      {"field_related", FactType::kBool, "所学专业与本职业相关", "degree in a related field"},
      {"is_student", FactType::kBool, "在校学生（含在读应届毕业生）", "currently a student"},
      {"technical_school_graduate", FactType::kBool, "技工院校毕业生", "technical school graduate"},
      {"occupation_years", FactType::kNumber, "从事本职业（相关职业）工作年限", "years in the occupation"},
      {"work_years", FactType::kNumber, "工作经验年限", "years of work experience"},
  };
  return *kFacts;
}

const FactInfo* FindFact(const std::string& name) {
  for (const auto& f : AllFacts()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

namespace {
struct Ordinal {
  const char* id;
  const char* zh;
};
const std::vector<Ordinal>& EducationTable() {
  static const std::vector<Ordinal>* const kTable = new std::vector<Ordinal>{
      {"none", "无学历要求"},
      {"secondary", "中等教育"},
      {"vocational", "高等职业学校/高级技工学校/技师学院"},
      {"associate", "大学专科"},
      {"bachelor", "大学本科（学士）"},
      {"second_bachelor", "第二学士学位"},
      {"master", "硕士"},
      {"doctor", "博士"},
  };
  return *kTable;
}
const std::vector<Ordinal>& TitleTable() {
  static const std::vector<Ordinal>* const kTable = new std::vector<Ordinal>{
      {"technician", "技术员"},
      {"assistant_engineer", "助理工程师"},
      {"engineer", "工程师"},
      {"senior_engineer", "高级工程师"},
      {"professorate_senior_engineer", "正高级工程师"},
  };
  return *kTable;
}
std::vector<std::string> Ids(const std::vector<Ordinal>& t) {
  std::vector<std::string> out;
  for (const auto& o : t) out.emplace_back(o.id);
  return out;
}
int RankIn(const std::vector<Ordinal>& t, const std::string& v) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (v == t[i].id) return static_cast<int>(i);
  }
  return -1;
}
const char* LabelIn(const std::vector<Ordinal>& t, const std::string& v) {
  int r = RankIn(t, v);
  return r < 0 ? "" : t[static_cast<size_t>(r)].zh;
}
}  // namespace

const std::vector<std::string>& EducationLevels() {
  static const std::vector<std::string>* const kIds = new std::vector<std::string>(Ids(EducationTable()));
  return *kIds;
}
int EducationRank(const std::string& value) {
  return RankIn(EducationTable(), value);
}
const char* EducationLabelZh(const std::string& value) {
  return LabelIn(EducationTable(), value);
}
const std::vector<std::string>& TitleLevels() {
  static const std::vector<std::string>* const kIds = new std::vector<std::string>(Ids(TitleTable()));
  return *kIds;
}
int TitleRank(const std::string& value) {
  return RankIn(TitleTable(), value);
}
const char* TitleLabelZh(const std::string& value) {
  return LabelIn(TitleTable(), value);
}

}  // namespace kaoping::standards
