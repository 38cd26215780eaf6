#include "core/bank/synthetic.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "base/random.h"
#include "core/bank/validate.h"

namespace kaoping::bank {

namespace {

struct Cell {
  std::string target;  // "function:1" / "basic:2.2"
  std::string label;
  std::string work_content;  // "" for basic rows without groups
  std::string work_content_name;
  std::vector<std::string> requirements;
};

struct TypeShare {
  ItemType type;
  double share;
  std::vector<double> points;  // candidate point values
};

std::vector<TypeShare> SharesFor(const std::string& exam_kind) {
  if (exam_kind == "skill") {
    return {{ItemType::kPractical, 0.75, {5, 10, 15, 20}}, {ItemType::kShortAnswer, 0.25, {5, 10}}};
  }
  // Proportional to the default theory template (40 single, 10 multiple, 20 true/false, 10 fill-in).
  return {{ItemType::kSingleChoice, 0.50, {1}},
          {ItemType::kMultipleChoice, 0.125, {2}},
          {ItemType::kTrueFalse, 0.25, {1}},
          {ItemType::kFillIn, 0.125, {2}}};
}

std::string Pad(long long n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%0*lld", width, n);
  return buf;
}

Status Bad(const std::string& en, const std::string& zh) {
  return InvalidArgument("synthetic.bad_request", en, zh);
}

void FillContent(Item& item, SeededRandom& rng, const std::vector<double>& points, const Cell& cell) {
  const std::string tag =
      "【合成】" + cell.label + (cell.work_content_name.empty() ? "" : " · " + cell.work_content_name);
  item.points = points[static_cast<size_t>(rng.Uniform(points.size()))];
  switch (item.type) {
    case ItemType::kSingleChoice:
    case ItemType::kMultipleChoice: {
      const int n = item.type == ItemType::kSingleChoice ? 4 : 5;
      for (int k = 0; k < n; ++k) {
        std::string id(1, static_cast<char>('A' + k));
        item.options.push_back(Option{id, "合成选项 " + id + "（" + item.id + "）"});
      }
      if (item.type == ItemType::kSingleChoice) {
        item.answer = {std::string(1, static_cast<char>('A' + rng.Uniform(4)))};
        item.stem = tag + "：下列说法正确的是哪一项？（" + item.id + "）";
      } else {
        std::vector<int> idx{0, 1, 2, 3, 4};
        rng.Shuffle(idx);
        int correct = 2 + static_cast<int>(rng.Uniform(2));
        std::sort(idx.begin(), idx.begin() + correct);
        for (int k = 0; k < correct; ++k)
          item.answer.push_back(std::string(1, static_cast<char>('A' + idx[static_cast<size_t>(k)])));
        item.stem = tag + "：下列说法正确的有哪些？（" + item.id + "）";
      }
      break;
    }
    case ItemType::kTrueFalse:
      item.options = {Option{"true", "正确"}, Option{"false", "错误"}};
      item.answer = {rng.Uniform(2) ? "true" : "false"};
      item.stem = tag + "：判断下述说法是否正确。（" + item.id + "）";
      break;
    case ItemType::kFillIn:
      item.stem = tag + "：请填写空缺处 ____ 的内容。（" + item.id + "）";
      item.blanks = {Blank{"1", {"合成答案" + item.id.substr(item.id.size() - 4)}, 0}};
      break;
    case ItemType::kShortAnswer: {
      item.stem = tag + "：请简要回答。（" + item.id + "）";
      item.reference_answer = "合成参考答案。";
      double half = std::floor(item.points / 2);
      item.rubric = {RubricCriterion{"c1", "要点一", half, "答出要点一"},
                     RubricCriterion{"c2", "要点二", item.points - half, "答出要点二"}};
      break;
    }
    case ItemType::kPractical: {
      item.stem = tag + "：完成下列操作任务。（" + item.id + "）";
      item.task = PracticalTask{"按说明完成合成操作任务。", {"合成材料"}, static_cast<int>(item.points * 2)};
      double first = std::floor(item.points * 0.6);
      item.rubric = {RubricCriterion{"c1", "操作步骤正确", first, "步骤记录"},
                     RubricCriterion{"c2", "结果符合要求", item.points - first, "结果截图"}};
      break;
    }
  }
}

}  // namespace

Result<std::vector<Item>> GenerateSyntheticBank(const standards::Pack& pack, const SyntheticBankOptions& o) {
  if (o.size < 1) return Bad("size must be at least 1", "题量至少为 1");
  if (!pack.FindLevel(o.level))
    return Bad("unknown level '" + o.level + "'", "不存在的等级“" + o.level + "”");
  if (!pack.directions.empty() && !pack.FindDirection(o.direction)) {
    return Bad("standard '" + pack.id + "' needs a known direction",
               "标准“" + pack.id + "”需要指定有效的职业方向");
  }
  const standards::WeightTable* table = ExamWeightTable(pack, o.exam_kind, o.direction);
  const int col = table ? table->ColumnOf(o.level) : -1;
  if (!table || col < 0) {
    return Bad("standard '" + pack.id + "' has no " + o.exam_kind + " weights at level '" + o.level + "'",
               "标准“" + pack.id + "”在等级“" + o.level + "”没有" + o.exam_kind + "权重");
  }
  const bool skill = o.exam_kind == "skill";

  // Cells (row × work content) with their requirement lines, and the rows' weights.
  struct Row {
    std::string target;
    std::string label;
    double weight;
    std::vector<Cell> cells;
  };
  std::vector<Row> rows;
  for (const auto& r : table->rows) {
    const auto& w = r.weights[static_cast<size_t>(col)];
    if (!w || *w <= 0) continue;
    Row row{(r.target_kind == standards::WeightTarget::kBasic ? "basic:" : "function:") + r.target_id,
            r.label,
            *w,
            {}};
    if (r.target_kind == standards::WeightTarget::kBasic) {
      for (const auto& b : pack.basic_requirements) {
        if (b.id != r.target_id) continue;
        for (const auto& g : b.groups) {
          Cell c{row.target, r.label, g.id, g.name, {}};
          for (const auto& q : g.items) c.requirements.push_back(q.path);
          row.cells.push_back(std::move(c));
        }
      }
      if (row.cells.empty()) row.cells.push_back(Cell{row.target, r.label, "", "", {}});
    } else {
      // The level's own block first, then included levels for work contents it lacks.
      std::set<std::string> seen;
      std::vector<std::string> levels{o.level};
      for (const auto& l : pack.IncludedLevels(o.level)) levels.push_back(l);
      for (const auto& l : levels) {
        const standards::WorkRequirementBlock* block = pack.FindWork(l, o.direction);
        if (!block) continue;
        for (const auto& f : block->functions) {
          if (f.id != r.target_id) continue;
          for (const auto& wc : f.work_contents) {
            if (!seen.insert(wc.id).second) continue;
            Cell c{row.target, r.label, wc.id, wc.name, {}};
            for (const auto& q : skill ? wc.skills : wc.knowledge) c.requirements.push_back(q.path);
            row.cells.push_back(std::move(c));
          }
        }
      }
      if (row.cells.empty()) continue;  // the loader guarantees rows name existing functions
    }
    rows.push_back(std::move(row));
  }
  if (rows.empty()) return Bad("no examined rows at this level", "该等级没有需考核的内容");

  // Items per row ∝ weight (largest remainder, deterministic).
  double total_w = 0;
  for (const auto& r : rows) total_w += r.weight;
  std::vector<int> per_row(rows.size());
  std::vector<std::pair<double, size_t>> rema;
  int assigned = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    double exact = o.size * rows[i].weight / total_w;
    per_row[i] = static_cast<int>(std::floor(exact));
    assigned += per_row[i];
    rema.push_back({-(exact - per_row[i]), i});
  }
  std::sort(rema.begin(), rema.end());
  for (size_t k = 0; assigned < o.size; ++k, ++assigned) ++per_row[rema[k % rema.size()].second];

  SeededRandom rng(DeriveSeed(o.seed, 0x5e17e71cULL));
  const std::vector<TypeShare> shares = SharesFor(o.exam_kind);
  const std::string id_prefix = "syn-" + pack.id + "-" + o.level +
                                (o.direction.empty() ? "" : "-" + o.direction) + "-" + o.exam_kind + "-";
  std::vector<Item> items;
  items.reserve(static_cast<size_t>(o.size));
  long long n = 0;
  for (size_t ri = 0; ri < rows.size(); ++ri) {
    const Row& row = rows[ri];
    for (int k = 0; k < per_row[ri]; ++k) {
      const Cell& cell = row.cells[static_cast<size_t>(k) % row.cells.size()];
      Item item;
      item.id = id_prefix + Pad(++n, 6);
      item.synthetic = true;
      item.status = o.status;
      item.author = o.author;
      if (o.status == ItemStatus::kApproved || o.status == ItemStatus::kRetired) item.reviewer = o.reviewer;
      item.source = "kaoping synthetic generator";
      item.licence = "CC0-1.0";
      double u = rng.UniformDouble(), acc = 0;
      const TypeShare* ts = &shares.back();
      for (const auto& s : shares) {
        acc += s.share;
        if (u < acc) {
          ts = &s;
          break;
        }
      }
      item.type = ts->type;
      item.alignment.standard = pack.id;
      item.alignment.direction = o.direction;
      item.alignment.levels = {o.level};
      item.alignment.exam_kind = o.exam_kind;
      item.alignment.function = row.target;
      item.alignment.work_content = cell.work_content;
      if (!cell.requirements.empty()) {
        item.alignment.requirements.push_back(
            cell.requirements[static_cast<size_t>(rng.Uniform(cell.requirements.size()))]);
      }
      item.alignment.knowledge_points = {"合成知识点 " + cell.work_content};
      FillContent(item, rng, ts->points, cell);
      // Difficulty: logit-normal p around 0.68; IRT for a share, consistent with p at θ = 0.
      double logit = 0.75 + 0.9 * rng.Normal();
      double p = 1.0 / (1.0 + std::exp(-logit));
      p = std::clamp(p, 0.05, 0.98);
      if (rng.UniformDouble() < o.irt_share) {
        double a = 0.6 + 1.4 * rng.UniformDouble();
        double c = (item.type == ItemType::kSingleChoice) ? 0.2 : 0.0;
        // Solve P(0) = c + (1-c)/(1+exp(1.7 a b)) = p for b (p > c guaranteed by clamping).
        double pp = std::clamp((p - c) / (1 - c), 0.02, 0.98);
        double b = std::log(1.0 / pp - 1.0) / (1.7 * a);
        item.difficulty.a = std::round(a * 1000) / 1000;
        item.difficulty.b = std::round(b * 1000) / 1000;
        if (c > 0) item.difficulty.c = c;
        item.difficulty.provenance = "synthetic IRT";
      }
      item.difficulty.p = std::round(p * 1000) / 1000;
      if (item.difficulty.provenance.empty()) item.difficulty.provenance = "synthetic";
      items.push_back(std::move(item));
    }
  }
  // Enemies: pair an item with a neighbour in the same row and work content.
  const size_t pairs =
      static_cast<size_t>(std::floor(o.enemy_share * static_cast<double>(items.size()) / 2.0));
  for (size_t k = 0; k < pairs; ++k) {
    size_t i = static_cast<size_t>(rng.Uniform(items.size()));
    for (size_t j = i + 1; j < items.size() && j < i + 64; ++j) {
      Item& a = items[i];
      Item& b = items[j];
      if (a.alignment.function != b.alignment.function ||
          a.alignment.work_content != b.alignment.work_content)
        continue;
      if (std::find(a.enemies.begin(), a.enemies.end(), b.id) != a.enemies.end()) break;
      a.enemies.push_back(b.id);
      b.enemies.push_back(a.id);
      break;
    }
  }
  return items;
}

}  // namespace kaoping::bank
