#include "service/psychometrics_service.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "codec/psychometrics_json.h"
#include "codec/scoring_json.h"
#include "core/scoring/objective.h"

namespace kaoping::service {
namespace {

namespace psy = kaoping::psychometrics;
using bank::ItemType;

Status Forbidden(const std::string& what_en, const std::string& what_zh) {
  return PermissionDenied("psychometrics.forbidden", "you may not " + what_en, "无权" + what_zh);
}

Status TooLarge(const std::string& en, const std::string& zh) {
  return InvalidArgument("psychometrics.too_large", en, zh);
}

// How one column is scored.
struct Column {
  bank::Item item;
  std::string function;
  int single_key = -1;  // option index of the key for single choice / true-false, else -1
};

// The score category of one stored answer (see the header's table).
int ScoreCell(const Column& col, const std::string& stored) {
  scoring::Response response = codec::ResponseFromJson(col.item, stored);
  auto s = scoring::ScoreObjectiveItem(col.item, 1.0, response, scoring::ObjectivePolicy{});
  if (!s.ok()) return 0;  // an item without a usable key cannot be earned
  if (col.item.type == ItemType::kFillIn && col.item.blanks.size() > 1) {
    int correct = 0;
    for (const auto& b : s->blanks) correct += b.correct ? 1 : 0;
    return correct;
  }
  return s->outcome == scoring::Outcome::kCorrect ? 1 : 0;
}

int ChosenOption(const Column& col, const std::string& stored) {
  scoring::Response response = codec::ResponseFromJson(col.item, stored);
  if (response.choices.size() != 1) return psy::kMissing;
  for (std::size_t k = 0; k < col.item.options.size(); ++k) {
    if (col.item.options[k].id == response.choices[0]) return static_cast<int>(k);
  }
  return psy::kMissing;
}

Status SubmittedAttempts(store::DeliveryStore& delivery, std::int64_t plan_id,
                         const PsychometricsLimits& limits, std::vector<store::AttemptRecord>* out) {
  store::AttemptFilter f;
  f.plan_id = plan_id;
  f.limit = 1000;
  while (true) {
    KP_ASSIGN_OR_RETURN(auto page, delivery.ListAttempts(f));
    for (auto& a : page) {
      if (a.state.status != delivery::AttemptStatus::kSubmitted) continue;
      if (out->size() >= limits.max_persons) {
        return TooLarge("more than " + std::to_string(limits.max_persons) + " submitted attempts",
                        "已提交的作答超过 " + std::to_string(limits.max_persons) + " 份");
      }
      out->push_back(std::move(a));
    }
    if (page.size() < static_cast<std::size_t>(f.limit)) break;
    f.after_id = page.back().id;
  }
  return Status();
}

}  // namespace

Result<StoreResponses> BuildResponseMatrix(store::BankStore& bank, store::DeliveryStore& delivery,
                                           const ResponseSource& source, const PsychometricsLimits& limits) {
  if ((source.plan_id > 0) == !source.paper_id.empty()) {
    return InvalidArgument("psychometrics.bad_source", "give either a plan id or a paper id",
                           "请指定考试计划编号或试卷编号（二者取一）");
  }
  StoreResponses out;
  std::vector<std::int64_t> plans;
  if (source.plan_id > 0) {
    KP_ASSIGN_OR_RETURN(store::PlanRecord plan, delivery.GetPlan(source.plan_id));
    if (plan.paper_id.empty()) {
      return FailedPrecondition("psychometrics.no_paper",
                                "plan " + std::to_string(plan.id) + " has no paper yet",
                                "考试计划 " + std::to_string(plan.id) + " 尚未指定试卷");
    }
    out.source = "plan:" + std::to_string(plan.id);
    out.paper_id = plan.paper_id;
    plans.push_back(plan.id);
  } else {
    out.source = "paper:" + source.paper_id;
    out.paper_id = source.paper_id;
    std::int64_t after = 0;
    while (true) {
      KP_ASSIGN_OR_RETURN(auto page, delivery.ListPlans(500, after));
      for (const auto& p : page) {
        if (p.paper_id == source.paper_id) plans.push_back(p.id);
      }
      if (page.size() < 500) break;
      after = page.back().id;
    }
  }
  KP_ASSIGN_OR_RETURN(bank::Paper paper, bank.GetPaper(out.paper_id));

  std::vector<Column> columns;
  for (const auto& pi : paper.items) {
    KP_ASSIGN_OR_RETURN(bank::Item item, bank.GetVersion(pi.item_id, pi.item_version));
    if (!bank::IsObjective(item.type)) {
      out.human_scored.push_back(item.id);
      continue;
    }
    Column c;
    c.function = pi.function;
    if ((item.type == ItemType::kSingleChoice || item.type == ItemType::kTrueFalse) &&
        item.answer.size() == 1) {
      for (std::size_t k = 0; k < item.options.size(); ++k) {
        if (item.options[k].id == item.answer[0]) c.single_key = static_cast<int>(k);
      }
    }
    c.item = std::move(item);
    columns.push_back(std::move(c));
  }
  if (columns.size() > limits.max_items) {
    return TooLarge("the paper has more than " + std::to_string(limits.max_items) + " items",
                    "试卷题目超过 " + std::to_string(limits.max_items) + " 道");
  }

  std::vector<store::AttemptRecord> attempts;
  for (std::int64_t plan_id : plans) {
    KP_RETURN_IF_ERROR(SubmittedAttempts(delivery, plan_id, limits, &attempts));
  }
  if (attempts.size() * columns.size() > limits.max_cells) {
    return TooLarge("the response matrix would exceed " + std::to_string(limits.max_cells) + " cells",
                    "作答矩阵将超过 " + std::to_string(limits.max_cells) + " 个单元");
  }
  if (attempts.empty() || columns.empty()) {
    return FailedPrecondition("psychometrics.no_responses",
                              out.source + " has no submitted attempts with machine-scorable items",
                              out.source + " 没有可机器评分的已提交作答");
  }

  std::map<std::string, std::size_t> column_of;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    column_of[columns[i].item.id] = i;
    ids.push_back(columns[i].item.id);
    out.items.push_back({columns[i].item.id, columns[i].item.version});
    out.functions.push_back(columns[i].function);
    out.choices.options.push_back(
        columns[i].single_key >= 0 ? static_cast<int>(columns[i].item.options.size()) : 0);
    out.choices.keys.push_back(std::max(columns[i].single_key, 0));
  }
  const std::size_t n_items = columns.size();
  std::vector<int> scores(attempts.size() * n_items, 0);
  out.choices.choices.assign(attempts.size() * n_items, psy::kMissing);
  for (std::size_t p = 0; p < attempts.size(); ++p) {
    out.attempt_ids.push_back(attempts[p].id);
    KP_ASSIGN_OR_RETURN(auto answers, delivery.GetAnswers(attempts[p].id));
    for (const auto& a : answers) {
      auto it = column_of.find(a.item_id);
      if (it == column_of.end() || a.sequence == 0) continue;
      const Column& col = columns[it->second];
      scores[p * n_items + it->second] = ScoreCell(col, a.response);
      if (col.single_key >= 0) out.choices.choices[p * n_items + it->second] = ChosenOption(col, a.response);
    }
  }
  KP_ASSIGN_OR_RETURN(out.matrix, psy::ResponseMatrix::Create(std::move(ids), std::move(scores)));
  return out;
}

bool PsychometricsService::CanRead(const Actor& a) {
  return a.Has("admin") || a.Has("author") || a.Has("reviewer");
}
bool PsychometricsService::CanWriteBack(const Actor& a) {
  return a.Has("admin");
}

Result<StoreResponses> PsychometricsService::Responses(const ResponseSource& source, const Actor& actor) {
  if (!CanRead(actor)) return Forbidden("read exam responses", "查看作答数据");
  return BuildResponseMatrix(*deps_.bank, *deps_.delivery, source, deps_.limits);
}

Result<int> PsychometricsService::WriteBack(const StoreResponses& data, const psy::ClassicalReport* classical,
                                            const psy::CalibrationResult* irt, const Actor& actor,
                                            const std::string& remote) {
  if (!CanWriteBack(actor)) return Forbidden("write statistics back to the bank", "将统计结果写回题库");
  if (classical == nullptr && irt == nullptr) {
    return InvalidArgument("psychometrics.bad_write_back", "nothing to write back", "没有可写回的结果");
  }
  std::map<std::string, bank::ItemRef> refs;
  for (const auto& r : data.items) refs[r.id] = r;
  auto ref_of = [&](const std::string& id) -> Result<bank::ItemRef> {
    auto it = refs.find(id);
    if (it == refs.end()) {
      return InvalidArgument("psychometrics.bad_write_back",
                             "item '" + id + "' is not part of " + data.source,
                             "试题“" + id + "”不属于 " + data.source);
    }
    return it->second;
  };
  const std::int64_t now = ToUnixMillis(deps_.clock->Now());
  const auto persons = static_cast<std::int64_t>(data.matrix.num_persons());
  std::vector<store::ItemStatisticsRecord> records;
  if (classical != nullptr) {
    for (const auto& s : classical->items) {
      KP_ASSIGN_OR_RETURN(bank::ItemRef ref, ref_of(s.item_id));
      store::ItemStatisticsRecord r;
      r.item_id = ref.id;
      r.item_version = ref.version;
      r.kind = "classical";
      r.source = data.source;
      r.num_persons = persons;
      for (auto f : s.flags) r.flags.emplace_back(psy::ItemFlagName(f));
      nlohmann::json j = codec::ClassicalItemJson(s);
      j["form"] = codec::ReliabilityJson(classical->form);
      r.statistics = j.dump();
      r.computed_ms = now;
      r.computed_by = actor.login;
      records.push_back(std::move(r));
    }
  }
  if (irt != nullptr) {
    for (std::size_t i = 0; i < irt->items.size(); ++i) {
      const auto& it = irt->items[i];
      KP_ASSIGN_OR_RETURN(bank::ItemRef ref, ref_of(it.item_id));
      store::ItemStatisticsRecord r;
      r.item_id = ref.id;
      r.item_version = ref.version;
      r.kind = "irt";
      r.source = data.source;
      r.num_persons = persons;
      r.model = irt->provenance.model;
      r.converged = irt->converged;
      r.iterations = irt->iterations;
      r.log_likelihood = irt->log_likelihood;
      nlohmann::json j = codec::ItemParametersJson(it);
      if (i < irt->item_fit.size()) {
        const auto& f = irt->item_fit[i];
        j["fit"] = {
            {"s_x2", codec::FiniteOrNull(f.s_x2)}, {"df", f.df}, {"p", codec::FiniteOrNull(f.p_value)}};
      }
      j["provenance"] = codec::CalibrationProvenanceJson(irt->provenance);
      r.statistics = j.dump();
      r.computed_ms = now;
      r.computed_by = actor.login;
      records.push_back(std::move(r));
    }
  }
  std::string detail = "{\"items\":" + std::to_string(data.items.size()) +
                       ",\"persons\":" + std::to_string(persons) +
                       ",\"classical\":" + (classical ? "true" : "false") +
                       ",\"irt\":" + (irt ? JsonQuote(irt->provenance.model) : std::string("null")) + "}";
  store::AuditEntry audit =
      deps_.audit->Entry(actor, "psychometrics.write_back", data.source, detail, remote);
  KP_RETURN_IF_ERROR(deps_.statistics->PutItemStatistics(records, audit));
  return static_cast<int>(records.size());
}

Result<std::vector<store::ItemStatisticsRecord>> PsychometricsService::ItemStatistics(
    const std::string& item_id, const Actor& actor, int limit) {
  if (!CanRead(actor)) return Forbidden("read item statistics", "查看试题统计");
  KP_RETURN_IF_ERROR(deps_.bank->GetLatest(item_id).status());  // NOT_FOUND "item.not_found"
  return deps_.statistics->ItemStatistics(item_id, limit);
}

}  // namespace kaoping::service
