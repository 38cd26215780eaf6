#include "core/delivery/plan_rules.h"

#include <algorithm>
#include <map>
#include <set>

namespace kaoping::delivery {
namespace {

int CeilDiv(int a, int b) {
  return b <= 0 ? 0 : (a + b - 1) / b;
}

std::string N(int v) {
  return std::to_string(v);
}

}  // namespace

bool ValidRoomCode(const std::string& code) {
  if (code.empty() || code.size() > 8) return false;
  return std::all_of(code.begin(), code.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

std::vector<RuleViolation> CheckPlan(const standards::Pack& pack, const PlanSpec& plan) {
  std::vector<RuleViolation> out;
  auto add = [&](std::string code, std::string field, std::string en, std::string zh, std::string ref = {}) {
    out.push_back(
        RuleViolation{std::move(code), std::move(field), std::move(en), std::move(zh), std::move(ref)});
  };

  if (plan.title.empty()) add("plan.title_required", "title", "the plan needs a title", "请填写考试计划名称");
  if (!pack.FindLevel(plan.level)) {
    add("plan.unknown_level", "level", "standard '" + pack.id + "' has no level '" + plan.level + "'",
        "标准“" + pack.id + "”没有等级“" + plan.level + "”");
  }
  if (!pack.directions.empty()) {
    if (plan.direction.empty()) {
      add("plan.direction_required", "direction", "this standard has directions; choose one",
          "该标准分方向，请选择方向");
    } else if (!pack.FindDirection(plan.direction)) {
      add("plan.unknown_direction", "direction", "no direction '" + plan.direction + "'",
          "没有方向“" + plan.direction + "”");
    }
  } else if (!plan.direction.empty()) {
    add("plan.unknown_direction", "direction", "this standard has no directions", "该标准不分方向");
  }

  const standards::Subject* subject = nullptr;
  const standards::StaffingRule* staffing = nullptr;
  if (!pack.exam_rules) {
    add("plan.no_exam_rules", "standard",
        "standard '" + pack.id + "' defines no exam rules; no exam can be planned for it",
        "标准“" + pack.id + "”未规定考试规则，不能为其安排考试");
  } else {
    subject = pack.exam_rules->FindSubject(plan.kind);
    if (!subject) {
      std::string kinds;
      for (const auto& s : pack.exam_rules->subjects) {
        if (!kinds.empty()) kinds += ", ";
        kinds += s.kind;
      }
      add("plan.unknown_kind", "kind",
          "'" + plan.kind + "' is not an exam subject of this standard (" + kinds + ")",
          "“" + plan.kind + "”不是该标准的考试科目（可选：" + kinds + "）", pack.exam_rules->ref.raw);
    } else if (!subject->levels.empty() && std::find(subject->levels.begin(), subject->levels.end(),
                                                     plan.level) == subject->levels.end()) {
      add("plan.kind_not_for_level", "kind",
          "subject '" + plan.kind + "' does not apply at level '" + plan.level + "'",
          "科目“" + subject->name + "”不适用于等级“" + plan.level + "”", pack.exam_rules->ref.raw);
    }
    staffing = pack.exam_rules->FindStaffing(plan.kind);
  }

  if (plan.duration_minutes <= 0 || plan.duration_minutes > 24 * 60) {
    add("plan.bad_duration", "duration_minutes", "duration must be 1–1440 minutes",
        "考试时长应为 1 到 1440 分钟");
  }
  if (subject) {
    auto it = subject->min_duration_minutes.find(plan.level);
    if (it != subject->min_duration_minutes.end() && plan.duration_minutes < it->second) {
      add("plan.duration_too_short", "duration_minutes",
          subject->name + " at this level lasts at least " + N(it->second) + " minutes (planned " +
              N(plan.duration_minutes) + ")",
          subject->name + "考试时间不少于 " + N(it->second) + " 分钟（计划为 " + N(plan.duration_minutes) +
              " 分钟）",
          subject->duration_ref.raw);
    }
  }

  if (plan.rooms.empty())
    add("plan.no_rooms", "rooms", "the plan needs at least one room", "请至少安排一个考场");
  std::set<std::string> codes;
  std::map<std::int64_t, std::string> assigned;  // user → room code of their first assignment
  for (size_t i = 0; i < plan.rooms.size(); ++i) {
    const RoomSpec& r = plan.rooms[i];
    std::string f = "rooms[" + std::to_string(i) + "]";
    std::string label = r.code.empty() ? f : r.code;
    if (!ValidRoomCode(r.code)) {
      add("room.bad_code", f + ".code", "room code must be 1–8 characters A–Z, 0–9",
          "考场编号应为 1–8 位大写字母或数字");
    } else if (!codes.insert(r.code).second) {
      add("room.duplicate_code", f + ".code", "room code '" + r.code + "' is used twice",
          "考场编号“" + r.code + "”重复");
    }
    if (r.capacity < 1 || r.capacity > 999) {
      add("room.bad_capacity", f + ".capacity", "capacity must be 1–999", "考场容量应为 1 到 999");
      continue;
    }
    if (r.starts_ms <= 0)
      add("room.no_start", f + ".starts_at", "the room needs a start time", "请填写考场开考时间");
    const std::string ref = staffing ? staffing->ref.raw : std::string();
    int proctors = static_cast<int>(r.proctors.size());
    int examiners = static_cast<int>(r.examiners.size());
    if (staffing) {
      if (staffing->min_proctors_per_room > 0 && proctors < staffing->min_proctors_per_room) {
        add("room.too_few_proctors", f + ".proctors",
            "room " + label + " has " + N(proctors) + " proctor(s); each room needs at least " +
                N(staffing->min_proctors_per_room),
            "考场 " + label + " 有 " + N(proctors) + " 名监考人员，每个考场不少于 " +
                N(staffing->min_proctors_per_room) + " 名",
            ref);
      }
      int need = CeilDiv(r.capacity, staffing->proctors_per_candidates);
      if (staffing->proctors_per_candidates > 0 && proctors < need) {
        add("room.proctor_ratio", f + ".proctors",
            "room " + label + " seats " + N(r.capacity) + " candidates and needs at least " + N(need) +
                " proctors (1 per " + N(staffing->proctors_per_candidates) + "), has " + N(proctors),
            "考场 " + label + " 容纳 " + N(r.capacity) +
                " 名考生，监考人员与考生配比不低于 1:" + N(staffing->proctors_per_candidates) +
                "，至少需要 " + N(need) + " 名（现有 " + N(proctors) + " 名）",
            ref);
      }
      if (staffing->min_examiners > 0 && examiners < staffing->min_examiners) {
        add("room.too_few_examiners", f + ".examiners",
            "room " + label + " has " + N(examiners) + " examiner(s); at least " +
                N(staffing->min_examiners) + " are required",
            "考场 " + label + " 有 " + N(examiners) + " 名考评人员，至少需要 " + N(staffing->min_examiners) +
                " 名",
            ref);
      }
      if (staffing->examiners_odd && examiners % 2 == 0) {
        add("room.examiners_even", f + ".examiners",
            "room " + label + " has " + N(examiners) + " examiners; the number must be odd",
            "考场 " + label + " 有 " + N(examiners) + " 名考评人员，考评人员应为单数", ref);
      }
      int need_ex = CeilDiv(r.capacity, staffing->examiners_per_candidates);
      if (staffing->examiners_per_candidates > 0 && examiners < need_ex) {
        add("room.examiner_ratio", f + ".examiners",
            "room " + label + " seats " + N(r.capacity) + " candidates and needs at least " + N(need_ex) +
                " examiners (1 per " + N(staffing->examiners_per_candidates) + "), has " + N(examiners),
            "考场 " + label + " 容纳 " + N(r.capacity) +
                " 名考生，考评人员与考生配比不低于 1:" + N(staffing->examiners_per_candidates) +
                "，至少需要 " + N(need_ex) + " 名（现有 " + N(examiners) + " 名）",
            ref);
      }
    }
    std::set<std::int64_t> in_room;
    auto assign = [&](std::int64_t user, const std::string& what) {
      if (!in_room.insert(user).second) {
        add("room.staff_twice", f + "." + what,
            "user " + std::to_string(user) + " appears twice in room " + label +
                " (as proctor and examiner, or repeated)",
            "用户 " + std::to_string(user) + " 在考场 " + label + " 中被重复安排");
        return;
      }
      auto [it, inserted] = assigned.emplace(user, label);
      if (!inserted) {
        add("room.staff_double_booked", f + "." + what,
            "user " + std::to_string(user) + " is already assigned to room " + it->second,
            "用户 " + std::to_string(user) + " 已被安排在考场 " + it->second +
                "，同一人不能同时负责两个考场");
      }
    };
    for (auto u : r.proctors) assign(u, "proctors");
    for (auto u : r.examiners) assign(u, "examiners");
  }
  return out;
}

}  // namespace kaoping::delivery
