#include "core/bank/validate.h"

#include <algorithm>

namespace kaoping::bank {

using standards::Pack;
using standards::Requirement;
using standards::WeightTable;

const WeightTable* ExamWeightTable(const Pack& pack, const std::string& exam_kind,
                                   const std::string& direction) {
  if (pack.exam_rules) {
    for (const auto& s : pack.exam_rules->subjects) {
      if (s.kind != exam_kind || s.weight_table.empty()) continue;
      const WeightTable* t = pack.FindWeightTable(s.weight_table);
      if (t && (t->direction.empty() || t->direction == direction)) return t;
    }
  }
  return pack.FindWeightTableFor(exam_kind, direction);
}

PackIndex::PackIndex(const Pack& pack) : pack_(&pack) {
  for (const Requirement* q : pack.AllRequirements()) requirements_.emplace(q->path, q);
  for (const auto& w : pack.work_requirements) {
    for (const auto& f : w.functions) {
      auto& set = work_contents_[{w.level, w.direction, f.id}];
      for (const auto& c : f.work_contents) set.insert(c.id);
    }
  }
  for (const auto& b : pack.basic_requirements) {
    auto& set = basic_groups_[b.id];
    for (const auto& g : b.groups) set.insert(g.id);
  }
}

const Requirement* PackIndex::FindRequirement(const std::string& path) const {
  auto it = requirements_.find(path);
  return it == requirements_.end() ? nullptr : it->second;
}

const std::set<std::string>* PackIndex::WorkContents(const std::string& level, const std::string& direction,
                                                     const std::string& function_id) const {
  auto it = work_contents_.find({level, direction, function_id});
  return it == work_contents_.end() ? nullptr : &it->second;
}

const std::set<std::string>* PackIndex::BasicGroups(const std::string& basic_id) const {
  auto it = basic_groups_.find(basic_id);
  return it == basic_groups_.end() ? nullptr : &it->second;
}

std::set<std::string> PackIndex::WithIncluded(const std::vector<std::string>& levels) const {
  std::set<std::string> out;
  for (const auto& l : levels) {
    out.insert(l);
    for (const auto& inc : pack_->IncludedLevels(l)) out.insert(inc);
  }
  return out;
}

std::string PackIndex::TargetLabel(const std::string& exam_kind, const std::string& direction,
                                   const std::string& target) const {
  if (const WeightTable* t = ExamWeightTable(*pack_, exam_kind, direction)) {
    for (const auto& r : t->rows) {
      std::string key =
          (r.target_kind == standards::WeightTarget::kBasic ? "basic:" : "function:") + r.target_id;
      if (key == target) return r.label;
    }
  }
  // Fall back to any table of the pack (e.g. the skill table names functions a theory table lacks).
  for (const auto& t : pack_->weight_tables) {
    for (const auto& r : t.rows) {
      std::string key =
          (r.target_kind == standards::WeightTarget::kBasic ? "basic:" : "function:") + r.target_id;
      if (key == target) return r.label;
    }
  }
  return target;
}

namespace {

std::string Join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string Join(const std::set<std::string>& v, const char* sep = ", ") {
  return Join(std::vector<std::string>(v.begin(), v.end()), sep);
}

std::string TargetKey(const standards::WeightRow& r) {
  return (r.target_kind == standards::WeightTarget::kBasic ? "basic:" : "function:") + r.target_id;
}

}  // namespace

std::vector<ItemProblem> ValidateAgainstPack(const Item& item, const PackIndex& index) {
  const Pack& pack = index.pack();
  const Alignment& al = item.alignment;
  std::vector<ItemProblem> out;
  auto add = [&](std::string field, std::string en, std::string zh) {
    out.push_back(ItemProblem{std::move(field), std::move(en), std::move(zh)});
  };

  if (al.standard != pack.id) {
    add("alignment.standard",
        "the item names standard '" + al.standard + "' but is checked against '" + pack.id + "'",
        "试题所属标准为“" + al.standard + "”，但按“" + pack.id + "”校验");
    return out;
  }

  // Direction.
  bool direction_ok = true;
  if (pack.directions.empty()) {
    if (!al.direction.empty()) {
      add("alignment.direction",
          "standard '" + pack.id + "' has no directions; remove '" + al.direction + "'",
          "标准“" + pack.id + "”不分职业方向，请删除方向“" + al.direction + "”");
      direction_ok = false;
    }
  } else if (al.direction.empty() || !pack.FindDirection(al.direction)) {
    std::vector<std::string> ids;
    for (const auto& d : pack.directions) ids.push_back(d.id);
    if (al.direction.empty()) {
      add("alignment.direction", "standard '" + pack.id + "' has directions; give one of: " + Join(ids),
          "标准“" + pack.id + "”分职业方向，请指定其一：" + Join(ids, "、"));
    } else {
      add("alignment.direction", "unknown direction '" + al.direction + "' (directions: " + Join(ids) + ")",
          "不存在的职业方向“" + al.direction + "”（可选：" + Join(ids, "、") + "）");
    }
    direction_ok = false;
  }

  // Levels.
  std::vector<std::string> known_levels;
  {
    std::vector<std::string> ids;
    for (const auto& l : pack.levels) ids.push_back(l.id);
    for (size_t i = 0; i < al.levels.size(); ++i) {
      if (pack.FindLevel(al.levels[i])) {
        known_levels.push_back(al.levels[i]);
      } else {
        add("alignment.levels[" + std::to_string(i) + "]",
            "unknown level '" + al.levels[i] + "' (levels: " + Join(ids) + ")",
            "不存在的等级“" + al.levels[i] + "”（可选：" + Join(ids, "、") + "）");
      }
    }
  }
  if (!direction_ok) return out;

  // Exam kind → weight table.
  const WeightTable* table =
      al.exam_kind.empty() ? nullptr : ExamWeightTable(pack, al.exam_kind, al.direction);
  if (!table) {
    std::set<std::string> kinds;
    for (const auto& t : pack.weight_tables) {
      if (t.direction.empty() || t.direction == al.direction) kinds.insert(t.exam_kind);
    }
    if (!al.exam_kind.empty()) {
      add("alignment.exam_kind",
          "standard '" + pack.id + "' has no weight table for exam kind '" + al.exam_kind + "'" +
              (al.direction.empty() ? "" : " in direction '" + al.direction + "'") +
              (kinds.empty() ? std::string(" (it defines no exams)") : " (exam kinds: " + Join(kinds) + ")"),
          "标准“" + pack.id + "”没有考试类型“" + al.exam_kind + "”的权重表" +
              (kinds.empty() ? std::string("（该标准未规定考试）") : "（可选：" + Join(kinds, "、") + "）"));
    }
    return out;
  }

  // Function (weight-table row).
  const standards::WeightRow* row = nullptr;
  for (const auto& r : table->rows) {
    if (TargetKey(r) == al.function) row = &r;
  }
  if (!row) {
    std::vector<std::string> rows;
    for (const auto& r : table->rows) rows.push_back(TargetKey(r) + " " + r.label);
    if (!al.function.empty()) {
      add("alignment.function",
          "'" + al.function + "' is not a row of weight table '" + table->id + "' (rows: " + Join(rows) + ")",
          "“" + al.function + "”不是权重表“" + table->id + "”中的一行（可选：" + Join(rows, "、") + "）");
    }
    return out;
  }
  if (!known_levels.empty()) {
    bool examined = false;
    for (const auto& l : known_levels) {
      int col = table->ColumnOf(l);
      if (col >= 0 && static_cast<size_t>(col) < row->weights.size() &&
          row->weights[static_cast<size_t>(col)] && *row->weights[static_cast<size_t>(col)] > 0) {
        examined = true;
      }
    }
    if (!examined) {
      add("alignment.function",
          row->label + " (" + al.function + ") is not examined ('-') at level(s) " + Join(known_levels),
          row->label + "（" + al.function + "）在等级 " + Join(known_levels, "、") + " 不考核（权重为“-”）");
    }
  }

  const bool is_basic = row->target_kind == standards::WeightTarget::kBasic;
  const std::set<std::string> scope = index.WithIncluded(known_levels);

  // Work content.
  if (is_basic) {
    if (!al.work_content.empty()) {
      const auto* groups = index.BasicGroups(row->target_id);
      if (!groups || !groups->count(al.work_content)) {
        add("alignment.work_content",
            "'" + al.work_content + "' is not a group of basic requirement " + row->target_id + " " +
                row->label + (groups ? " (groups: " + Join(*groups) + ")" : ""),
            "“" + al.work_content + "”不是基本要求 " + row->target_id + " " + row->label + " 的组成部分" +
                (groups ? "（可选：" + Join(*groups, "、") + "）" : ""));
      }
    }
  } else if (!known_levels.empty()) {
    std::set<std::string> contents;
    for (const auto& l : scope) {
      if (const auto* wc = index.WorkContents(l, al.direction, row->target_id))
        contents.insert(wc->begin(), wc->end());
    }
    if (al.work_content.empty()) {
      add("alignment.work_content",
          "items of " + row->label + " (" + al.function + ") name their work content (" + Join(contents) +
              ")",
          row->label + "（" + al.function + "）的试题必须指明工作内容（可选：" + Join(contents, "、") + "）");
    } else if (!contents.count(al.work_content)) {
      add("alignment.work_content",
          "'" + al.work_content + "' is not a work content of " + row->label + " (" + al.function +
              ") at level(s) " + Join(scope) + " (work contents: " + Join(contents) + ")",
          "“" + al.work_content + "”不是" + row->label + "（" + al.function + "）在等级 " +
              Join(scope, "、") + " 的工作内容（可选：" + Join(contents, "、") + "）");
    }
  }

  // Requirement paths.
  for (size_t i = 0; i < al.requirements.size(); ++i) {
    const std::string field = "alignment.requirements[" + std::to_string(i) + "]";
    const std::string& path = al.requirements[i];
    const Requirement* q = index.FindRequirement(path);
    if (!q) {
      add(field, "unknown requirement path '" + path + "' in standard '" + pack.id + "'",
          "标准“" + pack.id + "”中不存在要求条目“" + path + "”");
      continue;
    }
    if (is_basic) {
      if (q->basic_id != row->target_id) {
        add(field, "'" + path + "' does not belong to " + row->label + " (" + al.function + ")",
            "“" + path + "”不属于" + row->label + "（" + al.function + "）");
      } else if (!al.work_content.empty() && q->group_id != al.work_content) {
        add(field, "'" + path + "' belongs to group " + q->group_id + ", not " + al.work_content,
            "“" + path + "”属于 " + q->group_id + "，而不是 " + al.work_content);
      }
      continue;
    }
    if (q->function_id != row->target_id || q->level.empty()) {
      add(field,
          "'" + path + "' does not belong to " + row->label + " (" + al.function + ")" +
              (q->function_id.empty() ? ""
                                      : "; it is under function " + q->function_id + " " + q->function_name),
          "“" + path + "”不属于" + row->label + "（" + al.function + "）" +
              (q->function_id.empty() ? "" : "，它属于职业功能 " + q->function_id + " " + q->function_name));
      continue;
    }
    if (q->direction != al.direction) {
      add(field, "'" + path + "' belongs to direction '" + q->direction + "'",
          "“" + path + "”属于其他职业方向“" + q->direction + "”");
      continue;
    }
    if (!known_levels.empty() && !scope.count(q->level)) {
      add(field,
          "'" + path + "' is a requirement of level '" + q->level + "', not of " + Join(known_levels) +
              " or the levels they include",
          "“" + path + "”是等级“" + q->level + "”的要求，不属于 " + Join(known_levels, "、") +
              " 及其涵盖的等级");
      continue;
    }
    if (!al.work_content.empty() && q->work_content_id != al.work_content) {
      add(field, "'" + path + "' belongs to work content " + q->work_content_id + ", not " + al.work_content,
          "“" + path + "”属于工作内容 " + q->work_content_id + "，而不是 " + al.work_content);
    }
  }
  return out;
}

std::vector<ItemProblem> ValidateAgainstPack(const Item& item, const Pack& pack) {
  PackIndex index(pack);
  return ValidateAgainstPack(item, index);
}

std::string RowProblem::ToString() const {
  std::string s = "row " + std::to_string(row);
  if (!item_id.empty()) s += " (" + item_id + ")";
  if (!field.empty()) s += " " + field;
  return s + ": " + message;
}

std::string RowProblem::ToStringZh() const {
  std::string s = "第 " + std::to_string(row) + " 条";
  if (!item_id.empty()) s += "（" + item_id + "）";
  if (!field.empty()) s += " " + field;
  return s + "：" + message_zh;
}

void AppendRowProblems(int row, const std::string& item_id, const std::string& reason,
                       const std::vector<ItemProblem>& problems, std::vector<RowProblem>* out) {
  for (const auto& p : problems)
    out->push_back(RowProblem{row, item_id, p.field, reason, p.message, p.message_zh});
}

Status RowProblemsStatus(const std::vector<RowProblem>& problems, const std::string& reason,
                         size_t max_listed) {
  std::set<int> rows;
  for (const auto& p : problems) rows.insert(p.row);
  std::string en = std::to_string(problems.size()) + " problem(s) in " + std::to_string(rows.size()) +
                   " row(s); nothing was changed:";
  std::string zh = std::to_string(rows.size()) + " 条记录共有 " + std::to_string(problems.size()) +
                   " 处错误，未做任何更改：";
  for (size_t i = 0; i < problems.size() && i < max_listed; ++i) {
    en += "\n  " + problems[i].ToString();
    zh += "\n  " + problems[i].ToStringZh();
  }
  if (problems.size() > max_listed) {
    en += "\n  … and " + std::to_string(problems.size() - max_listed) + " more";
    zh += "\n  …… 另有 " + std::to_string(problems.size() - max_listed) + " 处";
  }
  return InvalidArgument(reason, en, zh);
}

}  // namespace kaoping::bank
