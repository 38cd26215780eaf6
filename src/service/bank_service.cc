#include "service/bank_service.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <initializer_list>
#include <set>

#include "service/bootstrap.h"

namespace kaoping::service {

using bank::Item;
using bank::ItemStatus;
using bank::RowProblem;

namespace {

bool HasAny(const Actor& a, std::initializer_list<const char*> roles) {
  for (const char* r : roles) {
    if (a.Has(r)) return true;
  }
  return false;
}

Status Forbidden(const Actor& a, const std::string& what_en, const std::string& what_zh) {
  std::string who = a.login.empty() ? "this user" : "'" + a.login + "'";
  std::string who_zh = a.login.empty() ? "当前用户" : "“" + a.login + "”";
  return PermissionDenied("bank.forbidden", who + " may not " + what_en, who_zh + "无权" + what_zh);
}

std::string DateUtc(std::int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof(buf), "%Y%m%d", &tm);
  return buf;
}

}  // namespace

BankService::BankService(std::shared_ptr<const StandardsCatalog> catalog, store::BankStore& store,
                         std::shared_ptr<assembly::MipSolver> solver, const Clock& clock)
    : catalog_(std::move(catalog)), store_(store), solver_(std::move(solver)), clock_(clock) {}

bool BankService::CanRead(const Actor& a) {
  return HasAny(a, {"admin", "author", "reviewer", "auditor"});
}
bool BankService::CanSeeKeys(const Actor& a) {
  return HasAny(a, {"admin", "author", "reviewer"});
}
bool BankService::CanReadPapers(const Actor& a) {
  return HasAny(a, {"admin", "reviewer", "auditor"});
}

std::vector<RowProblem> BankService::CheckRows(std::vector<Item>& items, const Actor& actor,
                                               const std::vector<int>& rows, CheckMode mode,
                                               const std::vector<std::string>& ids_in_file) {
  std::vector<RowProblem> out;
  std::map<std::string, std::unique_ptr<bank::PackIndex>> indexes;
  std::map<std::string, int> first_row;
  std::set<std::string> batch_ids;
  for (const auto& it : items) batch_ids.insert(it.id);
  // Enemies may name rows of the same file that could not be read (reported elsewhere).
  std::set<std::string> file_ids(ids_in_file.begin(), ids_in_file.end());
  file_ids.insert(batch_ids.begin(), batch_ids.end());
  auto row_of = [&](size_t i) { return i < rows.size() ? rows[i] : static_cast<int>(i) + 1; };

  for (size_t i = 0; i < items.size(); ++i) {
    Item& item = items[i];
    const int row = row_of(i);
    if (item.author.empty()) item.author = actor.login;
    bank::AppendRowProblems(row, item.id, "item.invalid", bank::CheckItemShape(item), &out);
    const standards::Pack* pack = catalog_->Find(item.alignment.standard);
    if (!pack) {
      if (!item.alignment.standard.empty()) {
        out.push_back(RowProblem{row, item.id, "alignment.standard", "item.unknown_standard",
                                 "no standard '" + item.alignment.standard + "' is loaded",
                                 "未加载标准“" + item.alignment.standard + "”"});
      }
    } else {
      auto& index = indexes[pack->id];
      if (!index) index = std::make_unique<bank::PackIndex>(*pack);
      bank::AppendRowProblems(row, item.id, "item.misaligned", bank::ValidateAgainstPack(item, *index), &out);
    }
    if (mode == CheckMode::kImport && item.status != ItemStatus::kDraft && !actor.Has("admin")) {
      out.push_back(RowProblem{row, item.id, "status", "item.forbidden",
                               std::string("only an administrator may import items that are already ") +
                                   bank::ItemStatusName(item.status) +
                                   "; import them as draft and have them reviewed",
                               "只有管理员可以导入已提交审核、已审核或已停用的试题；请以草稿导入后送审"});
    }
    bank::AppendRowProblems(row, item.id, "item.lifecycle", bank::CheckLifecycleFields(item), &out);
    if (!item.id.empty()) {
      auto [pos, inserted] = first_row.emplace(item.id, row);
      if (!inserted) {
        out.push_back(RowProblem{row, item.id, "id", "item.duplicate_id",
                                 "id '" + item.id + "' is already used by row " + std::to_string(pos->second),
                                 "编号“" + item.id + "”与第 " + std::to_string(pos->second) + " 条重复"});
      }
    }
  }

  // Ids already in the bank, and enemies that exist nowhere.
  std::vector<std::string> ids(batch_ids.begin(), batch_ids.end());
  std::set<std::string> enemy_ids;
  for (const auto& it : items) {
    for (const auto& e : it.enemies) {
      if (!file_ids.count(e)) enemy_ids.insert(e);
    }
  }
  if (mode != CheckMode::kEdit) {
    auto existing = store_.ExistingIds(ids);
    if (!existing.ok()) {
      out.push_back(RowProblem{0, "", "", "store.unavailable", existing.status().message(),
                               existing.status().message_zh()});
      return out;
    }
    std::set<std::string> taken(existing->begin(), existing->end());
    for (size_t i = 0; i < items.size(); ++i) {
      if (taken.count(items[i].id)) {
        out.push_back(RowProblem{row_of(i), items[i].id, "id", "item.exists",
                                 "item '" + items[i].id + "' is already in the bank",
                                 "试题“" + items[i].id + "”已在题库中"});
      }
    }
  }
  if (!enemy_ids.empty()) {
    auto found = store_.ExistingIds(std::vector<std::string>(enemy_ids.begin(), enemy_ids.end()));
    std::set<std::string> known =
        found.ok() ? std::set<std::string>(found->begin(), found->end()) : std::set<std::string>();
    for (size_t i = 0; i < items.size(); ++i) {
      for (size_t k = 0; k < items[i].enemies.size(); ++k) {
        const auto& e = items[i].enemies[k];
        if (file_ids.count(e) || known.count(e)) continue;
        out.push_back(RowProblem{row_of(i), items[i].id, "enemies[" + std::to_string(k) + "]",
                                 "item.unknown_enemy",
                                 "enemy '" + e + "' is neither in this import nor in the bank",
                                 "互斥试题“" + e + "”既不在本次导入中，也不在题库中"});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });
  return out;
}

Result<BankImportOutcome> BankService::Import(std::vector<Item> items, const Actor& actor,
                                              const BankImportOptions& options) {
  if (!HasAny(actor, {"admin", "author"})) return Forbidden(actor, "import items", "导入试题");
  BankImportOutcome outcome;
  const std::int64_t now = NowMs();
  for (auto& it : items) {
    it.version = 1;
    it.updated_ms = now;
  }
  outcome.problems = CheckRows(items, actor, options.rows, CheckMode::kImport, options.ids_in_file);
  outcome.problems.insert(outcome.problems.end(), options.read_problems.begin(), options.read_problems.end());
  std::stable_sort(outcome.problems.begin(), outcome.problems.end(),
                   [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });
  if (!outcome.problems.empty() || items.empty()) return outcome;
  KP_RETURN_IF_ERROR(store_.InsertItems(items, actor.login));
  outcome.imported = static_cast<int>(items.size());
  return outcome;
}

Result<Item> BankService::Create(Item item, const Actor& actor) {
  if (!HasAny(actor, {"admin", "author"})) return Forbidden(actor, "write items", "编写试题");
  item.version = 1;
  item.status = ItemStatus::kDraft;
  item.reviewer.clear();
  item.author = actor.login;
  item.updated_ms = NowMs();
  std::vector<Item> one{item};
  auto problems = CheckRows(one, actor, {}, CheckMode::kCreate, {});
  if (!problems.empty()) {
    bool exists = std::all_of(problems.begin(), problems.end(),
                              [](const RowProblem& p) { return p.reason == "item.exists"; });
    if (exists) return AlreadyExists("item.exists", problems[0].message, problems[0].message_zh);
    return bank::RowProblemsStatus(problems, "item.invalid");
  }
  KP_RETURN_IF_ERROR(store_.InsertItems(one, actor.login));
  return store_.GetLatest(item.id);
}

Result<Item> BankService::Edit(Item item, const Actor& actor) {
  KP_ASSIGN_OR_RETURN(Item latest, store_.GetLatest(item.id));
  if (!(actor.Has("admin") || (actor.Has("author") && actor.login == latest.author))) {
    return Forbidden(actor, "edit item '" + item.id + "' (only its author or an administrator may)",
                     "编辑试题“" + item.id + "”（仅限作者或管理员）");
  }
  KP_RETURN_IF_ERROR(bank::CheckEditable(latest));
  if (item.version != latest.version) {
    return Aborted("item.version_conflict",
                   "item '" + item.id + "' is at version " + std::to_string(latest.version) +
                       "; you edited version " + std::to_string(item.version) + " — reload and edit again",
                   "试题“" + item.id + "”已是第 " + std::to_string(latest.version) + " 版，您编辑的是第 " +
                       std::to_string(item.version) + " 版，请刷新后重新编辑");
  }
  item.status = ItemStatus::kDraft;
  item.reviewer.clear();
  item.author = latest.author;
  item.updated_ms = NowMs();
  std::vector<Item> one{item};
  auto problems = CheckRows(one, actor, {}, CheckMode::kEdit, {});
  if (!problems.empty()) return bank::RowProblemsStatus(problems, "item.invalid");
  return store_.SaveNewVersion(one[0], actor.login);
}

Result<Item> BankService::Review(const std::string& item_id, bank::ReviewAction action,
                                 const std::string& comment, const Actor& actor, int expected_version) {
  KP_ASSIGN_OR_RETURN(Item latest, store_.GetLatest(item_id));
  if (expected_version > 0 && expected_version != latest.version) {
    return Aborted("item.version_conflict",
                   "item '" + item_id + "' is at version " + std::to_string(latest.version) + ", not " +
                       std::to_string(expected_version),
                   "试题“" + item_id + "”已是第 " + std::to_string(latest.version) + " 版，请刷新后重试");
  }
  switch (action) {
    case bank::ReviewAction::kSubmit:
      if (!(actor.Has("admin") || (actor.Has("author") && actor.login == latest.author))) {
        return Forbidden(actor,
                         "submit item '" + item_id + "' for review (only its author or an administrator may)",
                         "提交试题“" + item_id + "”审核（仅限作者或管理员）");
      }
      break;
    case bank::ReviewAction::kApprove:
    case bank::ReviewAction::kRequestChanges: {
      if (!HasAny(actor, {"admin", "reviewer"})) return Forbidden(actor, "review items", "审核试题");
      std::string editor;
      KP_ASSIGN_OR_RETURN(std::vector<store::ReviewEvent> events, store_.Events(item_id));
      for (const auto& e : events) {
        if (e.action == "edit" && e.item_version == latest.version) editor = e.actor;
      }
      KP_RETURN_IF_ERROR(bank::CheckReviewer(latest, editor, actor.login));
      if (action == bank::ReviewAction::kRequestChanges && comment.empty()) {
        return InvalidArgument("review.comment_required", "say what has to change (a comment is required)",
                               "退回修改时必须填写意见");
      }
      break;
    }
    case bank::ReviewAction::kRetire:
      if (!HasAny(actor, {"admin", "reviewer"})) return Forbidden(actor, "retire items", "停用试题");
      break;
  }
  KP_ASSIGN_OR_RETURN(ItemStatus next, bank::NextStatus(latest.status, action));
  store::ReviewEvent event{item_id, latest.version, actor.login, bank::ReviewActionName(action),
                           comment, NowMs()};
  KP_RETURN_IF_ERROR(store_.SetStatus(item_id, next, event));
  return store_.GetLatest(item_id);
}

Result<std::vector<Item>> BankService::List(const store::ItemFilter& filter, const Actor& actor) {
  if (!CanRead(actor)) return Forbidden(actor, "read the item bank", "查看题库");
  store::ItemFilter f = filter;
  if (f.limit <= 0 || f.limit > 1000) f.limit = 1000;
  return store_.Find(f);
}

Result<std::int64_t> BankService::Count(const store::ItemFilter& filter, const Actor& actor) {
  if (!CanRead(actor)) return Forbidden(actor, "read the item bank", "查看题库");
  return store_.Count(filter);
}

Result<ItemDetail> BankService::Detail(const std::string& item_id, const Actor& actor) {
  if (!CanRead(actor)) return Forbidden(actor, "read the item bank", "查看题库");
  ItemDetail d;
  KP_ASSIGN_OR_RETURN(d.latest, store_.GetLatest(item_id));
  KP_ASSIGN_OR_RETURN(d.history, store_.History(item_id));
  KP_ASSIGN_OR_RETURN(d.events, store_.Events(item_id));
  return d;
}

Result<Item> BankService::GetVersion(const std::string& item_id, int version, const Actor& actor) {
  if (!CanRead(actor)) return Forbidden(actor, "read the item bank", "查看题库");
  return store_.GetVersion(item_id, version);
}

Result<std::vector<Item>> BankService::Export(store::ItemFilter filter, const Actor& actor) {
  if (!CanSeeKeys(actor)) return Forbidden(actor, "export items with their keys", "导出含答案的试题");
  filter.limit = 0;
  filter.offset = 0;
  return store_.Find(filter);
}

Result<BankStats> BankService::Stats(const std::string& standard, const std::string& level,
                                     const std::string& exam_kind, const std::string& direction,
                                     bool include_synthetic, const Actor& actor) {
  if (!CanRead(actor)) return Forbidden(actor, "read the item bank", "查看题库");
  KP_ASSIGN_OR_RETURN(const standards::Pack* pack, catalog_->Get(standard));
  store::ItemFilter f;
  f.standard = standard;
  f.level = level;
  f.exam_kind = exam_kind;
  f.direction = direction;
  f.include_synthetic = include_synthetic;
  f.limit = 0;
  KP_ASSIGN_OR_RETURN(std::vector<Item> items, store_.Find(f));
  BankStats s;
  s.standard = standard;
  s.level = level;
  s.exam_kind = exam_kind;
  s.direction = direction;
  s.total = static_cast<std::int64_t>(items.size());
  for (const auto& it : items) {
    ++s.by_status[bank::ItemStatusName(it.status)];
    ++s.by_type[bank::ItemTypeName(it.type)];
    ++s.by_function[it.alignment.function];
    for (const auto& l : it.alignment.levels) ++s.by_level[l];
  }
  if (!level.empty() && !exam_kind.empty()) {
    auto bp = assembly::DeriveBlueprint(*pack, level, exam_kind, direction);
    if (bp.ok()) {
      for (const auto& fn : bp->functions) {
        BankStats::FunctionSupply fs;
        fs.target = fn.target;
        fs.label = fn.label;
        fs.needed_points = fn.points;
        for (const auto& it : items) {
          if (it.status != ItemStatus::kApproved || it.alignment.function != fn.target ||
              !bp->FindType(it.type))
            continue;
          ++fs.approved_items;
          fs.approved_points += bp->PaperPoints(it);
          ++fs.approved_by_type[bank::ItemTypeName(it.type)];
        }
        s.functions.push_back(std::move(fs));
      }
      for (const auto& t : bp->types) {
        BankStats::TypeSupply ts;
        ts.type = t.type;
        ts.needed_min = t.min_count;
        ts.needed_max = t.max_count;
        for (const auto& it : items) {
          ts.approved += it.status == ItemStatus::kApproved && it.type == t.type &&
                         bp->FindFunction(it.alignment.function);
        }
        s.types.push_back(ts);
      }
      s.blueprint = std::move(bp).value();
    }
  }
  return s;
}

Result<assembly::Blueprint> BankService::Blueprint(const std::string& standard, const std::string& level,
                                                   const std::string& exam_kind, const std::string& direction,
                                                   const assembly::BlueprintOptions& options) {
  KP_ASSIGN_OR_RETURN(const standards::Pack* pack, catalog_->Get(standard));
  return assembly::DeriveBlueprint(*pack, level, exam_kind, direction, options);
}

Result<assembly::AssemblyOutcome> BankService::Assemble(const AssembleParams& p, const Actor& actor) {
  if (!actor.Has("admin"))
    return Forbidden(actor, "assemble papers (administrators only)", "组卷（仅限管理员）");
  if (!solver_) return Unavailable("assembly.no_solver", "no MIP solver is configured", "未配置组卷求解器");
  KP_ASSIGN_OR_RETURN(assembly::Blueprint bp,
                      Blueprint(p.standard, p.level, p.exam_kind, p.direction, p.blueprint));
  store::ItemFilter f;
  f.standard = p.standard;
  f.direction = p.direction;
  f.level = p.level;
  f.exam_kind = p.exam_kind;
  f.status = ItemStatus::kApproved;
  f.include_synthetic = p.allow_synthetic;
  f.limit = 0;
  KP_ASSIGN_OR_RETURN(std::vector<Item> items, store_.Find(f));
  assembly::AssemblyRequest req;
  req.blueprint = bp;
  req.forms = p.forms;
  req.max_overlap = p.max_overlap;
  req.seed = p.seed;
  req.exposure_policy = p.exposure_policy;
  req.time_limit_seconds = p.time_limit_seconds;
  req.allow_synthetic = p.allow_synthetic;
  req.created_by = actor.login;
  req.created_ms = NowMs();
  req.title = p.title;
  req.paper_id_prefix = p.standard + "-" + p.level + (p.direction.empty() ? "" : "-" + p.direction) + "-" +
                        p.exam_kind + "-" + DateUtc(req.created_ms) + "-s" + std::to_string(p.seed);
  if (p.exposure_window > 0) {
    KP_ASSIGN_OR_RETURN(req.recently_used,
                        store_.RecentlyUsedItems(p.standard, p.level, p.exam_kind, p.exposure_window));
  }
  KP_ASSIGN_OR_RETURN(assembly::AssemblyOutcome out, assembly::Assemble(req, items, *solver_));
  if (out.feasible && p.save) {
    for (const auto& paper : out.papers) {
      auto existing = store_.GetPaper(paper.id);
      if (existing.ok()) {
        return AlreadyExists(
            "paper.exists",
            "a paper with id '" + paper.id + "' was already saved today with this seed; use another seed",
            "今天已用同一随机种子保存过试卷“" + paper.id + "”，请换一个种子");
      }
    }
    for (const auto& paper : out.papers) KP_RETURN_IF_ERROR(store_.SavePaper(paper));
  }
  return out;
}

Result<bank::Paper> BankService::GetPaper(const std::string& paper_id, const Actor& actor) {
  if (!CanReadPapers(actor)) return Forbidden(actor, "read papers", "查看试卷");
  return store_.GetPaper(paper_id);
}

Result<std::vector<bank::Paper>> BankService::ListPapers(const std::string& standard, int limit,
                                                         const Actor& actor) {
  if (!CanReadPapers(actor)) return Forbidden(actor, "read papers", "查看试卷");
  return store_.ListPapers(standard, limit);
}

Result<bank::Paper> BankService::LoadPaper(const std::string& paper_id) {
  return store_.GetPaper(paper_id);
}

Result<std::vector<Item>> BankService::PaperItems(const bank::Paper& paper) {
  std::vector<Item> out;
  out.reserve(paper.items.size());
  for (const auto& pi : paper.items) {
    KP_ASSIGN_OR_RETURN(Item item, store_.GetVersion(pi.item_id, pi.item_version));
    out.push_back(std::move(item));
  }
  return out;
}

namespace {

namespace fs = std::filesystem;

std::string SamplesDir() {
  if (const char* env = std::getenv("KAOPING_BANK_SAMPLES")) return env;
  std::error_code ec;
  if (fs::is_directory("bank/samples", ec)) return "bank/samples";
#ifdef KAOPING_SOURCE_DIR
  return std::string(KAOPING_SOURCE_DIR) + "/bank/samples";
#else
  return "bank/samples";
#endif
}

class BankSampleSeeder final : public DemoSeeder {
 public:
  std::string name() const override { return "bank-samples"; }

  Status Seed(DemoContext& ctx) override {
    if (!ctx.bank) return Status();
    if (!ctx.read_item_file) {
      ctx.log.push_back("sample bank skipped: no item file reader");
      return Status();
    }
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(SamplesDir(), ec)) {
      if (e.path().extension() == ".json") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    const Actor demo{0, "kaoping-demo", "示例题库", {"admin"}};
    for (const auto& file : files) {
      auto read = ctx.read_item_file(file);
      if (!read.ok()) {
        ctx.log.push_back("bank sample not imported: " + read.status().message());
        continue;
      }
      BankImportOptions options;
      options.rows = std::move(read->readable_rows);
      options.read_problems = std::move(read->problems);
      options.ids_in_file = std::move(read->ids);
      auto outcome = ctx.bank->Import(std::move(read->readable), demo, options);
      if (!outcome.ok()) {
        ctx.log.push_back("bank sample " + file + " not imported: " + outcome.status().message());
        continue;
      }
      const std::vector<RowProblem>& problems = outcome->problems;
      const int imported = outcome->imported;
      if (!problems.empty()) {
        ctx.log.push_back("bank sample " + file + " not imported: " + std::to_string(problems.size()) +
                          " problem(s), first: " + problems[0].ToString());
        continue;
      }
      ctx.log.push_back("imported " + std::to_string(imported) + " sample items from " + file);
    }
    return Status();
  }
};

}  // namespace

std::unique_ptr<DemoSeeder> MakeBankDemoSeeder() {
  return std::make_unique<BankSampleSeeder>();
}

}  // namespace kaoping::service
