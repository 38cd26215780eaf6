#include "core/standards/eligibility.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace kaoping::standards {

const char* EligibilityVerdictName(EligibilityVerdict v) {
  switch (v) {
    case EligibilityVerdict::kEligible:
      return "eligible";
    case EligibilityVerdict::kNeedsReview:
      return "needs_review";
    case EligibilityVerdict::kNotEligible:
      return "not_eligible";
  }
  return "not_eligible";
}

namespace {

std::string Num(double v) {
  std::ostringstream os;
  if (std::fabs(v - std::round(v)) < 1e-9) {
    os << static_cast<long long>(std::llround(v));
  } else {
    os << v;
  }
  return os.str();
}

std::string YesNoZh(bool b) {
  return b ? "是" : "否";
}
std::string YesNoEn(bool b) {
  return b ? "yes" : "no";
}

class Evaluator {
 public:
  Evaluator(const Pack& pack, const CandidateProfile& profile) : pack_(pack), profile_(profile) {}

  ConditionTrace Eval(const Condition& c, int depth = 0) {
    ConditionTrace t;
    switch (c.kind) {
      case Condition::Kind::kAllOf: {
        t.satisfied = true;
        for (const auto& ch : c.children) {
          t.children.push_back(Eval(ch, depth));
          t.satisfied = t.satisfied && t.children.back().satisfied;
        }
        t.zh = "同时满足以下各项";
        t.en = "all of the following";
        break;
      }
      case Condition::Kind::kAnyOf: {
        t.satisfied = false;
        for (const auto& ch : c.children) {
          t.children.push_back(Eval(ch, depth));
          t.satisfied = t.satisfied || t.children.back().satisfied;
        }
        t.zh = "满足以下任一项";
        t.en = "any of the following";
        break;
      }
      case Condition::Kind::kNot: {
        ConditionTrace inner = Eval(c.children.at(0), depth);
        t.satisfied = !inner.satisfied;
        t.zh = "不满足：" + inner.zh;
        t.en = "not: " + inner.en;
        break;
      }
      case Condition::Kind::kFact:
        EvalFact(c, t);
        break;
      case Condition::Kind::kCertificate:
        EvalCertificate(c, t);
        break;
      case Condition::Kind::kTitle:
        EvalTitle(c, t);
        break;
      case Condition::Kind::kTrainingCertificate:
        EvalTraining(c, t);
        break;
      case Condition::Kind::kEligibleFor: {
        const Level* l = pack_.FindLevel(c.level);
        std::string name = l ? l->name : c.level;
        t.zh = "符合本项目" + name + "的申报条件";
        t.en = "meets the conditions for " + (l && !l->en.empty() ? l->en : c.level);
        t.satisfied = depth < 8 && EligibleFor(c.level, depth + 1);
        break;
      }
    }
    return t;
  }

  // True when some non-review alternative of `level` holds (used by eligible_for).
  bool EligibleFor(const std::string& level, int depth) {
    const EligibilityBlock* b = pack_.FindEligibility(level);
    if (!b) return false;
    if (b->requires_condition && !Eval(*b->requires_condition, depth).satisfied) return false;
    for (const auto& a : b->alternatives) {
      if (!a.review && Eval(a.when, depth).satisfied) return true;
    }
    return false;
  }

 private:
  void EvalFact(const Condition& c, ConditionTrace& t) {
    const FactInfo* info = FindFact(c.fact);
    if (!info) {
      t.zh = "未知条件 " + c.fact;
      t.en = "unknown fact " + c.fact;
      return;
    }
    std::string label_zh = info->label_zh, label_en = info->label_en;
    if (info->type == FactType::kBool) {
      bool have = c.fact == "field_related"               ? profile_.field_related
                  : c.fact == "is_student"                ? profile_.is_student
                  : c.fact == "technical_school_graduate" ? profile_.technical_school_graduate
                                                          : false;
      bool want = c.value == "true";
      t.satisfied = have == want;
      t.zh = label_zh + "：" + YesNoZh(want) + "（当前：" + YesNoZh(have) + "）";
      t.en = label_en + ": " + YesNoEn(want) + " (now: " + YesNoEn(have) + ")";
      return;
    }
    if (info->type == FactType::kNumber) {
      double have = c.fact == "occupation_years" ? profile_.occupation_years : profile_.work_years;
      double want = std::strtod(c.value.c_str(), nullptr);
      std::string unit_zh = " 年", unit_en = " years";
      if (c.op == Condition::Op::kAtLeast) {
        t.satisfied = have + 1e-9 >= want;
        t.zh = label_zh + "不少于 " + Num(want) + unit_zh + "（当前 " + Num(have) + unit_zh + "）";
        t.en = label_en + " at least " + Num(want) + unit_en + " (now " + Num(have) + ")";
      } else if (c.op == Condition::Op::kAtMost) {
        t.satisfied = have <= want + 1e-9;
        t.zh = label_zh + "不超过 " + Num(want) + unit_zh + "（当前 " + Num(have) + unit_zh + "）";
        t.en = label_en + " at most " + Num(want) + unit_en + " (now " + Num(have) + ")";
      } else {
        t.satisfied = std::fabs(have - want) < 1e-9;
        t.zh = label_zh + "为 " + Num(want) + unit_zh + "（当前 " + Num(have) + unit_zh + "）";
        t.en = label_en + " equal to " + Num(want) + " (now " + Num(have) + ")";
      }
      return;
    }
    // Education (ordinal).
    int have = EducationRank(profile_.education);
    std::string have_zh = have >= 0 ? EducationLabelZh(profile_.education) : "未填写";
    if (c.op == Condition::Op::kIn) {
      std::string list_zh, list_en;
      t.satisfied = false;
      for (const auto& v : c.values) {
        t.satisfied = t.satisfied || v == profile_.education;
        list_zh += (list_zh.empty() ? "" : "或") + std::string(EducationLabelZh(v));
        list_en += (list_en.empty() ? "" : " or ") + v;
      }
      t.zh = "学历为" + list_zh + "（当前：" + have_zh + "）";
      t.en = "education is " + list_en + " (now: " + profile_.education + ")";
      return;
    }
    int want = EducationRank(c.value);
    std::string want_zh = EducationLabelZh(c.value);
    if (c.op == Condition::Op::kAtLeast) {
      t.satisfied = have >= want;
      t.zh = "学历不低于" + want_zh + "（当前：" + have_zh + "）";
      t.en = "education at least " + c.value + " (now: " + profile_.education + ")";
    } else if (c.op == Condition::Op::kAtMost) {
      t.satisfied = have >= 0 && have <= want;
      t.zh = "学历不高于" + want_zh + "（当前：" + have_zh + "）";
      t.en = "education at most " + c.value + " (now: " + profile_.education + ")";
    } else {
      t.satisfied = have == want;
      t.zh = "学历为" + want_zh + "（当前：" + have_zh + "）";
      t.en = "education is " + c.value + " (now: " + profile_.education + ")";
    }
  }

  // Rank of a held certificate on this pack's scale, and its scope relative to this pack.
  std::pair<int, std::string> Classify(const HeldCertificate& h) const {
    int rank = h.rank;
    std::string scope = h.scope;
    if (!h.standard.empty() && h.standard == pack_.id) {
      scope = "same";
      if (const Level* l = pack_.FindLevel(h.level)) rank = l->rank;
    }
    if (scope.empty()) scope = "unrelated";
    return {rank, scope};
  }

  void EvalCertificate(const Condition& c, ConditionTrace& t) {
    const Level* l = pack_.FindLevel(c.level);
    int want_rank = l ? l->rank : 99;
    bool same_ok = false, related_ok = false;
    for (const auto& s : c.scopes) {
      same_ok |= s == "same";
      related_ok |= s == "related";
    }
    double years = c.years_after.value_or(0);
    std::string scope_zh = same_ok && related_ok ? "本项目或相关职业"
                           : same_ok             ? "本项目（本职业）"
                                                 : "相关职业";
    std::string level_zh = l ? l->name : c.level;
    std::string best_zh = "无";
    bool held = false;          // a certificate of the right scope and level
    int lower_rank = -1;        // the best certificate of the right scope below the level
    bool out_of_scope = false;  // a certificate of another scope
    t.satisfied = false;
    for (const auto& h : profile_.certificates) {
      auto [rank, scope] = Classify(h);
      bool scope_ok = (scope == "same" && same_ok) || (scope == "related" && related_ok);
      if (!scope_ok) {
        out_of_scope = true;
        continue;
      }
      if (rank < want_rank) {
        lower_rank = std::max(lower_rank, rank);
        continue;
      }
      held = true;
      best_zh = "已有证书，取得后从业 " + Num(h.years_after) + " 年";
      if (h.years_after + 1e-9 >= years) {
        t.satisfied = true;
        break;
      }
    }
    // Say what the candidate does hold rather than "none" when it is too low or out of scope.
    if (!held && lower_rank >= 0) {
      std::string held_zh = "较低等级";
      for (const auto& lv : pack_.levels) {
        if (lv.rank == lower_rank) held_zh = lv.name;
      }
      best_zh = "已有" + held_zh + "证书，低于" + level_zh;
    } else if (!held && out_of_scope) {
      best_zh = "已有证书，但不是" + scope_zh + "的证书";
    }
    t.zh = "取得" + scope_zh + level_zh + "及以上证书" +
           (years > 0 ? "后，从事本职业（相关职业）工作满 " + Num(years) + " 年" : "") + "（当前：" +
           best_zh + "）";
    t.en = "holds a " +
           std::string(same_ok && related_ok ? "same- or related-occupation"
                       : same_ok             ? "same-occupation"
                                             : "related-occupation") +
           " certificate at " + c.level + " or above" +
           (years > 0 ? " and has worked " + Num(years) + " years in the occupation since" : "");
  }

  void EvalTitle(const Condition& c, ConditionTrace& t) {
    int want = TitleRank(c.title);
    double years = c.years_after.value_or(0);
    std::string best_zh = "无职称";
    int lower = -1;  // the best title held below the minimum
    bool held = false;
    t.satisfied = false;
    for (const auto& h : profile_.titles) {
      int have = TitleRank(h.title);
      if (have < want) {
        lower = std::max(lower, have);
        continue;
      }
      held = true;
      best_zh = std::string(TitleLabelZh(h.title)) + "，取得后从业 " + Num(h.years_after) + " 年";
      if (h.years_after + 1e-9 >= years) {
        t.satisfied = true;
        break;
      }
    }
    if (!held && lower >= 0) {
      best_zh = std::string(TitleLabelZh(TitleLevels()[static_cast<size_t>(lower)])) + "，低于" +
                TitleLabelZh(c.title);
    }
    t.zh = std::string("取得") + TitleLabelZh(c.title) + "及以上职称" +
           (years > 0 ? "后，从事本职业技术工作满 " + Num(years) + " 年" : "") + "（当前：" + best_zh + "）";
    t.en = "holds the title " + c.title + " or higher" +
           (years > 0 ? " and " + Num(years) + " years since" : "");
  }

  void EvalTraining(const Condition& c, ConditionTrace& t) {
    const Level* l = pack_.FindLevel(c.level);
    std::string level_zh = l ? l->name : c.level;
    double need = 0;
    if (pack_.training) {
      auto it = pack_.training->hours.find(c.level);
      if (it != pack_.training->hours.end()) need = it->second;
    }
    double have_hours = 0;
    bool have_cert = false;
    for (const auto& r : profile_.training) {
      if (r.standard != pack_.id || r.level != c.level) continue;
      have_cert |= r.certificate;
      have_hours += r.hours;
    }
    t.satisfied = have_cert || (need > 0 && have_hours + 1e-9 >= need);
    t.zh = "取得" + level_zh + "培训学时证明" + (need > 0 ? "（" + Num(need) + " 标准学时）" : "") +
           "（当前：" + (have_cert ? "已取得" : "已完成 " + Num(have_hours) + " 学时") + "）";
    t.en = "training-hours certificate for " + c.level +
           (need > 0 ? " (" + Num(need) + " standard hours)" : "") +
           " (now: " + (have_cert ? "held" : Num(have_hours) + " hours") + ")";
  }

  const Pack& pack_;
  const CandidateProfile& profile_;
};

void CollectMissing(const ConditionTrace& t, std::vector<std::string>& zh, std::vector<std::string>& en) {
  if (t.satisfied) return;
  if (t.children.empty()) {
    zh.push_back(t.zh);
    en.push_back(t.en);
    return;
  }
  if (t.en == "any of the following") {
    // Any one branch would do: say so in one sentence.
    std::string z = "以下任一项：", e = "one of: ";
    for (size_t i = 0; i < t.children.size(); ++i) {
      z += (i ? "；或 " : "") + t.children[i].zh;
      e += (i ? "; or " : "") + t.children[i].en;
    }
    zh.push_back(z);
    en.push_back(e);
    return;
  }
  for (const auto& ch : t.children) CollectMissing(ch, zh, en);
}

std::string ClauseLabelZh(const Alternative& a) {
  return "第（" + a.id + "）条";
}

}  // namespace

Result<EligibilityDecision> CheckEligibility(const Pack& pack, const std::string& level,
                                             const CandidateProfile& profile) {
  const Level* l = pack.FindLevel(level);
  if (!l) {
    return NotFound("eligibility.unknown_level", "standard '" + pack.id + "' has no level '" + level + "'",
                    "标准“" + pack.title.zh + "”没有等级“" + level + "”");
  }
  const EligibilityBlock* b = pack.FindEligibility(level);
  if (!b) {
    return FailedPrecondition(
        "eligibility.no_rules",
        "standard '" + pack.id + "' defines no eligibility rules for level '" + level + "'",
        "标准“" + pack.title.zh + "”未规定" + l->name + "的申报条件");
  }
  Evaluator ev(pack, profile);
  EligibilityDecision d;
  d.standard = pack.id;
  d.level = level;
  d.source_ref = b->ref.raw;
  bool requirement_met = true;
  if (b->requires_condition) {
    d.requirement = ev.Eval(*b->requires_condition);
    requirement_met = d.requirement->satisfied;
  }
  const Alternative* matched = nullptr;
  const Alternative* matched_review = nullptr;
  for (const auto& a : b->alternatives) {
    AlternativeOutcome o;
    o.id = a.id;
    o.text = a.text;
    o.review = a.review;
    o.trace = ev.Eval(a.when);
    o.satisfied = o.trace.satisfied;
    CollectMissing(o.trace, o.missing_zh, o.missing_en);
    if (o.satisfied && !a.review && !matched) matched = &a;
    if (o.satisfied && a.review && !matched_review) matched_review = &a;
    d.alternatives.push_back(std::move(o));
  }
  const std::string level_zh = l->name;
  const std::string level_en = l->en.empty() ? l->id : l->en;
  if (!requirement_met) {
    d.verdict = EligibilityVerdict::kNotEligible;
    d.explanation_zh.push_back("暂不符合" + level_zh + "申报条件：每一条申报条件都要求先" + b->requires_text +
                               "。");
    d.explanation_en.push_back("Not yet eligible for " + level_en +
                               ": every clause first requires: " + d.requirement->en + ".");
    d.explanation_zh.push_back("尚缺：" + d.requirement->zh);
    d.explanation_en.push_back("Missing: " + d.requirement->en);
  } else if (matched) {
    d.verdict = EligibilityVerdict::kEligible;
    d.matched_alternative = matched->id;
    d.explanation_zh.push_back("符合" + level_zh + "申报条件" + ClauseLabelZh(*matched) + "：" +
                               matched->text);
    d.explanation_en.push_back("Eligible for " + level_en + " under clause (" + matched->id +
                               "): " + matched->text);
  } else if (matched_review) {
    d.verdict = EligibilityVerdict::kNeedsReview;
    d.matched_alternative = matched_review->id;
    d.explanation_zh.push_back("可能符合" + level_zh + "申报条件" + ClauseLabelZh(*matched_review) + "：" +
                               matched_review->text + "该条依据标准以外的规定，需由考务管理员审核确认。");
    d.explanation_en.push_back(
        "May be eligible for " + level_en + " under clause (" + matched_review->id +
        "), which defers to rules outside the standard: an administrator must confirm.");
  } else {
    d.verdict = EligibilityVerdict::kNotEligible;
    d.explanation_zh.push_back("暂不符合" + level_zh + "申报条件。满足以下任一条即可申报：");
    d.explanation_en.push_back("Not yet eligible for " + level_en +
                               ". Meeting any one of these clauses is enough:");
    for (size_t i = 0; i < b->alternatives.size(); ++i) {
      const auto& a = b->alternatives[i];
      const auto& o = d.alternatives[i];
      std::string zh_missing, en_missing;
      for (size_t k = 0; k < o.missing_zh.size(); ++k) {
        zh_missing += (k ? "；" : "") + o.missing_zh[k];
        en_missing += (k ? "; " : "") + o.missing_en[k];
      }
      d.explanation_zh.push_back(ClauseLabelZh(a) + "「" + a.text + "」尚缺：" + zh_missing);
      d.explanation_en.push_back("Clause (" + a.id + ") missing: " + en_missing);
    }
  }
  return d;
}

}  // namespace kaoping::standards
