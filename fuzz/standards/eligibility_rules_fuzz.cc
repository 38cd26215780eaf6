// libFuzzer target for the eligibility rule language (docs/standard-pack-format.md,
// "Eligibility"). The rule language has no parser of its own: the loader reads it from the pack's
// YAML (ReadCondition in core/standards/loader.cc). So the input is the YAML of one `when:`
// condition, placed in a fixed small pack with two levels; the loader must explain whatever it
// rejects (CheckOutcome), and a pack it accepts must decide eligibility for every level and
// several profiles without failing, with a verdict and an explanation in both languages.
//
//   CXX=clang++ CC=clang cmake -S . -B build/fuzz -G Ninja -DKAOPING_BUILD_FUZZ=ON -DKAOPING_SANITIZE=ON
//   cmake --build build/fuzz --target standards_eligibility_rules_fuzz
//   build/fuzz/fuzz/standards/standards_eligibility_rules_fuzz -max_total_time=60
//   fuzz/standards/corpus/eligibility

#include <string>
#include <string_view>
#include <vector>

#include "core/standards/eligibility.h"
#include "core/standards/loader.h"
#include "fuzz_entry_points.h"

namespace kaoping::standards::fuzz {
namespace {

constexpr std::string_view kHead = R"yaml(format: kaoping.standard/1
id: fuzz-pack
title: {zh: 模糊测试标准, en: Fuzz standard}
kind: evaluation_standard
status: trial
source: {file: fuzz.txt, title: 模糊测试标准}
levels:
  - {id: junior, name: 初级, en: Junior, rank: 1}
  - {id: mid, name: 中级, en: Intermediate, rank: 2, includes: [junior]}
eligibility:
  - level: mid
    alternatives:
      - id: "1"
        text: 相关专业本科。
        when: {all_of: [{fact: education, at_least: bachelor}, {fact: field_related, equals: true}]}
  - level: junior
    alternatives:
      - id: "1"
        text: 模糊测试条件。
        when:
)yaml";

constexpr std::string_view kTail = R"yaml(
      - id: "2"
        text: 满足中级申报条件。
        when: {eligible_for: mid}
exam_rules:
  subjects:
    - {kind: theory, name: 理论知识, pass_score: 60}
work_requirements:
  - level: junior
    functions:
      - id: "1"
        name: 模型部署
        work_contents:
          - id: "1.1"
            name: 环境搭建
            skills:
              - {id: "1.1.1", text: 能安装驱动}
  - level: mid
    functions:
      - id: "1"
        name: 模型部署
        work_contents:
          - id: "1.1"
            name: 集群部署
            skills:
              - {id: "1.1.1", text: 能部署集群}
result_rules:
  kind: all_subjects_pass
)yaml";

// The pack with `condition` as the `when:` of junior's first alternative, each line indented
// under the key so that the input stays inside that node.
std::string PackWith(std::string_view condition) {
  std::string pack(kHead);
  size_t start = 0;
  while (start <= condition.size()) {
    size_t end = condition.find('\n', start);
    if (end == std::string_view::npos) end = condition.size();
    pack += "          ";
    pack.append(condition.substr(start, end - start));
    pack += '\n';
    start = end + 1;
  }
  pack += kTail;
  return pack;
}

std::vector<CandidateProfile> Profiles() {
  std::vector<CandidateProfile> out(3);
  out[1].education = "bachelor";
  out[1].field_related = true;
  out[1].occupation_years = 3;
  out[1].work_years = 5;
  out[1].titles = {{"engineer", 2}};
  out[1].certificates = {{"fuzz-pack", "junior", 1, "same", 2}, {"other", "", 2, "related", 1}};
  out[1].training = {{"fuzz-pack", "junior", 64, true}};
  out[2].education = "doctor";
  out[2].is_student = true;
  out[2].technical_school_graduate = true;
  out[2].occupation_years = -1;
  out[2].certificates = {{"", "", 3, "unrelated", 0}};
  return out;
}

}  // namespace

std::string EligibilityFuzzPack(std::string_view condition) {
  return PackWith(condition);
}

int FuzzEligibilityRules(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view kOrigin = "fuzz-eligibility.yaml";
  try {
    ParseOutcome o = ParsePack(PackWith(input), kOrigin);
    CheckOutcome(o, kOrigin);
    if (!o.pack) return 0;
    static const std::vector<CandidateProfile> kProfiles = Profiles();
    for (const char* level : {"junior", "mid"}) {
      for (const CandidateProfile& profile : kProfiles) {
        Result<EligibilityDecision> d = CheckEligibility(*o.pack, level, profile);
        if (!d.ok()) __builtin_trap();  // Both levels have rules.
        const std::string verdict = EligibilityVerdictName(d->verdict);
        if (verdict != "eligible" && verdict != "needs_review" && verdict != "not_eligible") __builtin_trap();
        if (d->explanation_zh.empty() || d->explanation_en.empty()) __builtin_trap();
        if (d->verdict != EligibilityVerdict::kNotEligible && d->matched_alternative.empty())
          __builtin_trap();
        for (const AlternativeOutcome& a : d->alternatives) {
          if (a.missing_zh.size() != a.missing_en.size()) __builtin_trap();
        }
      }
    }
  } catch (...) {
    __builtin_trap();  // Neither the loader nor the evaluator may throw.
  }
  return 0;
}

}  // namespace kaoping::standards::fuzz

#ifndef KAOPING_FUZZ_REPLAY
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kaoping::standards::fuzz::FuzzEligibilityRules(data, size);
}
#endif
