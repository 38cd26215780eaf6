#include "store/sqlite/bank_store_sqlite.h"

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/sqlite/database.h"
#include "store/sqlite/sqlite_db.h"

namespace kaoping::store {
namespace {

using Json = nlohmann::json;
using sqlite::Connection;
using sqlite::Statement;

// Versioned migrations of the "bank" track. Append only: a released migration is never edited.
const std::vector<std::string>& Migrations() {
  static const std::vector<std::string>* const kMigrations = new std::vector<std::string>{
      // 1: item versions, review events, papers.
      R"sql(
        CREATE TABLE bank_items (
          id           TEXT NOT NULL,
          version      INTEGER NOT NULL CHECK (version >= 1),
          latest       INTEGER NOT NULL CHECK (latest IN (0, 1)),
          type         TEXT NOT NULL,
          status       TEXT NOT NULL CHECK (status IN ('draft','in_review','approved','retired')),
          standard     TEXT NOT NULL,
          direction    TEXT NOT NULL,
          levels       TEXT NOT NULL,   -- ",junior,mid," for LIKE '%,mid,%'
          exam_kind    TEXT NOT NULL,
          function     TEXT NOT NULL,
          work_content TEXT NOT NULL,
          stem         TEXT NOT NULL,
          author       TEXT NOT NULL,
          reviewer     TEXT NOT NULL,
          synthetic    INTEGER NOT NULL,
          updated_ms   INTEGER NOT NULL,
          content      TEXT NOT NULL,   -- the rest of the item, JSON private to this store
          PRIMARY KEY (id, version)
        );
        CREATE UNIQUE INDEX bank_items_one_latest ON bank_items(id) WHERE latest = 1;
        CREATE INDEX bank_items_browse ON bank_items(standard, latest, status, function);
        CREATE TABLE bank_events (
          seq          INTEGER PRIMARY KEY,
          item_id      TEXT NOT NULL,
          item_version INTEGER NOT NULL,
          actor        TEXT NOT NULL,
          action       TEXT NOT NULL,
          comment      TEXT NOT NULL,
          at_ms        INTEGER NOT NULL
        );
        CREATE INDEX bank_events_item ON bank_events(item_id, seq);
        CREATE TABLE bank_papers (
          id          TEXT PRIMARY KEY,
          standard    TEXT NOT NULL,
          direction   TEXT NOT NULL,
          level       TEXT NOT NULL,
          exam_kind   TEXT NOT NULL,
          title       TEXT NOT NULL,
          duration_minutes INTEGER NOT NULL,
          total_points REAL NOT NULL,
          seed        TEXT NOT NULL,    -- uint64 in decimal (SQLite integers are signed)
          created_by  TEXT NOT NULL,
          created_ms  INTEGER NOT NULL,
          sections    TEXT NOT NULL     -- JSON array of sections
        );
        CREATE INDEX bank_papers_recent ON bank_papers(standard, level, exam_kind, created_ms);
        CREATE TABLE bank_paper_items (
          paper_id     TEXT NOT NULL REFERENCES bank_papers(id),
          position     INTEGER NOT NULL,
          item_id      TEXT NOT NULL,
          item_version INTEGER NOT NULL,
          section      TEXT NOT NULL,
          points       REAL NOT NULL,
          function     TEXT NOT NULL,
          PRIMARY KEY (paper_id, position),
          FOREIGN KEY (item_id, item_version) REFERENCES bank_items(id, version)
        );
        CREATE INDEX bank_paper_items_item ON bank_paper_items(item_id);
      )sql",
  };
  return *kMigrations;
}

// ---- the private content codec ---------------------------------------------------------------

Json OptDouble(const std::optional<double>& v) {
  return v ? Json(*v) : Json(nullptr);
}
std::optional<double> GetOptDouble(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<double>();
}

std::string EncodeContent(const bank::Item& item) {
  Json options = Json::array();
  for (const auto& o : item.options) options.push_back(Json::array({o.id, o.text}));
  Json blanks = Json::array();
  for (const auto& b : item.blanks)
    blanks.push_back(Json{{"id", b.id}, {"accepted", b.accepted}, {"points", b.points}});
  Json rubric = Json::array();
  for (const auto& c : item.rubric) {
    rubric.push_back(
        Json{{"id", c.id}, {"description", c.description}, {"points", c.points}, {"evidence", c.evidence}});
  }
  Json j{{"points", item.points},
         {"options", options},
         {"answer", item.answer},
         {"blanks", blanks},
         {"rubric", rubric},
         {"reference_answer", item.reference_answer},
         {"explanation", item.explanation},
         {"difficulty",
          {{"p", OptDouble(item.difficulty.p)},
           {"a", OptDouble(item.difficulty.a)},
           {"b", OptDouble(item.difficulty.b)},
           {"c", OptDouble(item.difficulty.c)},
           {"provenance", item.difficulty.provenance}}},
         {"levels", item.alignment.levels},
         {"requirements", item.alignment.requirements},
         {"knowledge_points", item.alignment.knowledge_points},
         {"enemies", item.enemies},
         {"source", item.source},
         {"licence", item.licence}};
  if (item.task) {
    j["task"] = Json{{"instructions", item.task->instructions},
                     {"materials", item.task->materials},
                     {"time_minutes", item.task->time_minutes}};
  }
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Status DecodeContent(const std::string& text, bank::Item& item) {
  try {
    Json j = Json::parse(text);
    item.points = j.at("points").get<double>();
    for (const auto& o : j.at("options"))
      item.options.push_back(bank::Option{o.at(0).get<std::string>(), o.at(1).get<std::string>()});
    item.answer = j.at("answer").get<std::vector<std::string>>();
    for (const auto& b : j.at("blanks")) {
      item.blanks.push_back(bank::Blank{b.at("id").get<std::string>(),
                                        b.at("accepted").get<std::vector<std::string>>(),
                                        b.at("points").get<double>()});
    }
    for (const auto& c : j.at("rubric")) {
      item.rubric.push_back(
          bank::RubricCriterion{c.at("id").get<std::string>(), c.at("description").get<std::string>(),
                                c.at("points").get<double>(), c.at("evidence").get<std::string>()});
    }
    item.reference_answer = j.at("reference_answer").get<std::string>();
    item.explanation = j.at("explanation").get<std::string>();
    const Json& d = j.at("difficulty");
    item.difficulty.p = GetOptDouble(d, "p");
    item.difficulty.a = GetOptDouble(d, "a");
    item.difficulty.b = GetOptDouble(d, "b");
    item.difficulty.c = GetOptDouble(d, "c");
    item.difficulty.provenance = d.at("provenance").get<std::string>();
    item.alignment.levels = j.at("levels").get<std::vector<std::string>>();
    item.alignment.requirements = j.at("requirements").get<std::vector<std::string>>();
    item.alignment.knowledge_points = j.at("knowledge_points").get<std::vector<std::string>>();
    item.enemies = j.at("enemies").get<std::vector<std::string>>();
    item.source = j.at("source").get<std::string>();
    item.licence = j.at("licence").get<std::string>();
    if (auto t = j.find("task"); t != j.end()) {
      item.task = bank::PracticalTask{t->at("instructions").get<std::string>(),
                                      t->at("materials").get<std::vector<std::string>>(),
                                      t->at("time_minutes").get<int>()};
    }
  } catch (const Json::exception& e) {
    return DataLoss(
        "store.corrupt",
        "item " + item.id + " v" + std::to_string(item.version) + " has unreadable content: " + e.what(),
        "试题 " + item.id + " 的存储内容已损坏");
  }
  return Status();
}

std::string LevelsColumn(const std::vector<std::string>& levels) {
  std::string s = ",";
  for (const auto& l : levels) s += l + ",";
  return s;
}

constexpr const char* kItemColumns =
    "id, version, type, status, standard, direction, exam_kind, function, work_content, stem, author, "
    "reviewer, "
    "synthetic, updated_ms, content";

Result<bank::Item> ReadItem(Statement& st) {
  bank::Item item;
  item.id = st.Text(0);
  item.version = static_cast<int>(st.Int(1));
  auto type = bank::ParseItemType(st.Text(2));
  auto status = bank::ParseItemStatus(st.Text(3));
  if (!type || !status) {
    return DataLoss("store.corrupt", "item " + item.id + " has an unknown type or status",
                    "试题 " + item.id + " 的题型或状态已损坏");
  }
  item.type = *type;
  item.status = *status;
  item.alignment.standard = st.Text(4);
  item.alignment.direction = st.Text(5);
  item.alignment.exam_kind = st.Text(6);
  item.alignment.function = st.Text(7);
  item.alignment.work_content = st.Text(8);
  item.stem = st.Text(9);
  item.author = st.Text(10);
  item.reviewer = st.Text(11);
  item.synthetic = st.Int(12) != 0;
  item.updated_ms = st.Int(13);
  KP_RETURN_IF_ERROR(DecodeContent(st.Text(14), item));
  return item;
}

Status InsertVersion(Connection& c, const bank::Item& item, int version) {
  KP_ASSIGN_OR_RETURN(
      Statement st,
      c.Prepare("INSERT INTO bank_items(id, version, latest, type, status, standard, direction, levels, "
                "exam_kind, function, "
                "work_content, stem, author, reviewer, synthetic, updated_ms, content) "
                "VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"));
  st.Bind(1, item.id)
      .Bind(2, version)
      .Bind(3, bank::ItemTypeName(item.type))
      .Bind(4, bank::ItemStatusName(item.status))
      .Bind(5, item.alignment.standard)
      .Bind(6, item.alignment.direction)
      .Bind(7, LevelsColumn(item.alignment.levels))
      .Bind(8, item.alignment.exam_kind)
      .Bind(9, item.alignment.function)
      .Bind(10, item.alignment.work_content)
      .Bind(11, item.stem)
      .Bind(12, item.author)
      .Bind(13, item.reviewer)
      .Bind(14, item.synthetic ? 1 : 0)
      .Bind(15, item.updated_ms)
      .Bind(16, EncodeContent(item));
  return st.Run();
}

Status InsertEvent(Connection& c, const ReviewEvent& e) {
  KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("INSERT INTO bank_events(item_id, item_version, actor, action, "
                                              "comment, at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  st.Bind(1, e.item_id)
      .Bind(2, e.item_version)
      .Bind(3, e.actor)
      .Bind(4, e.action)
      .Bind(5, e.comment)
      .Bind(6, e.at_ms);
  return st.Run();
}

Status ItemNotFound(const std::string& id) {
  return NotFound("item.not_found", "no item '" + id + "' in the bank", "题库中没有试题“" + id + "”");
}

// WHERE clause and binds for an ItemFilter over the latest versions.
struct Where {
  std::string sql;
  std::vector<std::string> binds;
};

Where FilterWhere(const ItemFilter& f) {
  Where w;
  w.sql = " WHERE latest = 1";
  auto add = [&](const std::string& cond, const std::string& value) {
    w.binds.push_back(value);
    std::string idx = "?" + std::to_string(w.binds.size());
    std::string c = cond;
    for (size_t pos = c.find('?'); pos != std::string::npos; pos = c.find('?', pos + idx.size()))
      c.replace(pos, 1, idx);
    w.sql += " AND " + c;
  };
  if (!f.standard.empty()) add("standard = ?", f.standard);
  if (!f.direction.empty()) add("direction = ?", f.direction);
  if (!f.level.empty()) add("levels LIKE '%,' || ? || ',%'", f.level);
  if (!f.exam_kind.empty()) add("exam_kind = ?", f.exam_kind);
  if (!f.function.empty()) add("function = ?", f.function);
  if (f.type) add("type = ?", bank::ItemTypeName(*f.type));
  if (f.status) add("status = ?", bank::ItemStatusName(*f.status));
  if (!f.text.empty()) add("(instr(stem, ?) > 0 OR instr(id, ?) > 0)", f.text);
  if (!f.include_synthetic) w.sql += " AND synthetic = 0";
  return w;
}

class SqliteBankStore final : public BankStore {
 public:
  explicit SqliteBankStore(std::shared_ptr<sqlite::Database> db) : db_(std::move(db)) {}

  Status Init() { return db_->ApplyMigrations("bank", Migrations()); }

  Status InsertItems(const std::vector<bank::Item>& items, const std::string& actor) override {
    return db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement exists, c.Prepare("SELECT 1 FROM bank_items WHERE id = ?1 LIMIT 1"));
      std::set<std::string> seen;
      for (const auto& item : items) {
        exists.Reset();
        exists.Bind(1, item.id);
        KP_ASSIGN_OR_RETURN(bool row, exists.Step());
        if (row || !seen.insert(item.id).second) {
          return AlreadyExists("item.exists", "item '" + item.id + "' already exists",
                               "试题“" + item.id + "”已存在");
        }
      }
      const std::string action = items.size() == 1 ? "create" : "import";
      for (const auto& item : items) {
        KP_RETURN_IF_ERROR(InsertVersion(c, item, 1));
        KP_RETURN_IF_ERROR(InsertEvent(c, ReviewEvent{item.id, 1, actor, action, "", item.updated_ms}));
      }
      return Status();
    });
  }

  Result<bank::Item> SaveNewVersion(const bank::Item& item, const std::string& actor) override {
    bank::Item saved = item;
    Status s = db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement latest, c.Prepare("SELECT max(version) FROM bank_items WHERE id = ?1"));
      latest.Bind(1, item.id);
      KP_ASSIGN_OR_RETURN(bool row, latest.Step());
      if (!row || latest.IsNull(0)) return ItemNotFound(item.id);
      saved.version = static_cast<int>(latest.Int(0)) + 1;
      KP_ASSIGN_OR_RETURN(Statement clear,
                          c.Prepare("UPDATE bank_items SET latest = 0 WHERE id = ?1 AND latest = 1"));
      clear.Bind(1, item.id);
      KP_RETURN_IF_ERROR(clear.Run());
      KP_RETURN_IF_ERROR(InsertVersion(c, saved, saved.version));
      return InsertEvent(c, ReviewEvent{item.id, saved.version, actor, "edit", "", item.updated_ms});
    });
    if (!s.ok()) return s;
    return saved;
  }

  Status SetStatus(const std::string& item_id, bank::ItemStatus status, const ReviewEvent& event) override {
    return db_->Write([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement cur,
                          c.Prepare("SELECT version FROM bank_items WHERE id = ?1 AND latest = 1"));
      cur.Bind(1, item_id);
      KP_ASSIGN_OR_RETURN(bool row, cur.Step());
      if (!row) return ItemNotFound(item_id);
      const int version = static_cast<int>(cur.Int(0));
      if (event.item_version != 0 && event.item_version != version) {
        return Aborted("item.version_conflict",
                       "item '" + item_id + "' is now at version " + std::to_string(version) + ", not " +
                           std::to_string(event.item_version) + "; reload and try again",
                       "试题“" + item_id + "”已更新为第 " + std::to_string(version) + " 版，请刷新后重试");
      }
      std::string sql =
          status == bank::ItemStatus::kApproved
              ? "UPDATE bank_items SET status = ?1, reviewer = ?2 WHERE id = ?3 AND version = ?4"
              : "UPDATE bank_items SET status = ?1 WHERE id = ?3 AND version = ?4";
      KP_ASSIGN_OR_RETURN(Statement up, c.Prepare(sql));
      up.Bind(1, bank::ItemStatusName(status)).Bind(3, item_id).Bind(4, version);
      if (status == bank::ItemStatus::kApproved) up.Bind(2, event.actor);
      KP_RETURN_IF_ERROR(up.Run());
      ReviewEvent e = event;
      e.item_id = item_id;
      e.item_version = version;
      return InsertEvent(c, e);
    });
  }

  Result<bank::Item> GetLatest(const std::string& item_id) override {
    return GetOne("id = ?1 AND latest = 1", item_id, 0);
  }

  Result<bank::Item> GetVersion(const std::string& item_id, int version) override {
    auto r = GetOne("id = ?1 AND version = ?2", item_id, version);
    if (!r.ok() && r.status().reason() == "item.not_found") {
      return NotFound("item.version_not_found",
                      "item '" + item_id + "' has no version " + std::to_string(version),
                      "试题“" + item_id + "”没有第 " + std::to_string(version) + " 版");
    }
    return r;
  }

  Result<std::vector<bank::Item>> History(const std::string& item_id) override {
    std::vector<bank::Item> out;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare(std::string("SELECT ") + kItemColumns +
                                                  " FROM bank_items WHERE id = ?1 ORDER BY version"));
      st.Bind(1, item_id);
      return Collect(st, out);
    });
    if (!s.ok()) return s;
    if (out.empty()) return ItemNotFound(item_id);
    return out;
  }

  Result<std::vector<ReviewEvent>> Events(const std::string& item_id) override {
    std::vector<ReviewEvent> out;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT item_id, item_version, actor, action, comment, "
                                                  "at_ms FROM bank_events WHERE item_id = ?1 ORDER BY seq"));
      st.Bind(1, item_id);
      for (;;) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        out.push_back(ReviewEvent{st.Text(0), static_cast<int>(st.Int(1)), st.Text(2), st.Text(3), st.Text(4),
                                  st.Int(5)});
      }
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<bank::Item>> Find(const ItemFilter& filter) override {
    std::vector<bank::Item> out;
    Where w = FilterWhere(filter);
    Status s = db_->Read([&](Connection& c) -> Status {
      const std::string lim = std::to_string(w.binds.size() + 1), off = std::to_string(w.binds.size() + 2);
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare(std::string("SELECT ") + kItemColumns + " FROM bank_items" +
                                                  w.sql + " ORDER BY id LIMIT ?" + lim + " OFFSET ?" + off));
      int i = 0;
      for (const auto& b : w.binds) st.Bind(++i, b);
      st.Bind(++i, filter.limit > 0 ? filter.limit : -1);
      st.Bind(++i, filter.offset > 0 ? filter.offset : 0);
      return Collect(st, out);
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::int64_t> Count(const ItemFilter& filter) override {
    std::int64_t n = 0;
    Where w = FilterWhere(filter);
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT count(*) FROM bank_items" + w.sql));
      int i = 0;
      for (const auto& b : w.binds) st.Bind(++i, b);
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (row) n = st.Int(0);
      return Status();
    });
    if (!s.ok()) return s;
    return n;
  }

  Status SavePaper(const bank::Paper& paper) override {
    return db_->Write([&](Connection& c) -> Status {
      {
        KP_ASSIGN_OR_RETURN(Statement ex, c.Prepare("SELECT 1 FROM bank_papers WHERE id = ?1"));
        ex.Bind(1, paper.id);
        KP_ASSIGN_OR_RETURN(bool row, ex.Step());
        if (row)
          return AlreadyExists("paper.exists", "a paper with id '" + paper.id + "' already exists",
                               "试卷“" + paper.id + "”已存在");
      }
      {
        KP_ASSIGN_OR_RETURN(Statement ex,
                            c.Prepare("SELECT 1 FROM bank_items WHERE id = ?1 AND version = ?2"));
        for (const auto& pi : paper.items) {
          ex.Reset();
          ex.Bind(1, pi.item_id).Bind(2, pi.item_version);
          KP_ASSIGN_OR_RETURN(bool row, ex.Step());
          if (!row) {
            return NotFound("paper.unknown_item",
                            "paper '" + paper.id + "' names item " + pi.item_id + " v" +
                                std::to_string(pi.item_version) + ", which is not in the bank",
                            "试卷“" + paper.id + "”引用了题库中不存在的试题 " + pi.item_id + "（第 " +
                                std::to_string(pi.item_version) + " 版）");
          }
        }
      }
      Json sections = Json::array();
      for (const auto& s : paper.sections) {
        sections.push_back(Json{{"id", s.id},
                                {"title", s.title},
                                {"shuffle_items", s.shuffle_items},
                                {"shuffle_options", s.shuffle_options}});
      }
      KP_ASSIGN_OR_RETURN(Statement ins, c.Prepare("INSERT INTO bank_papers(id, standard, direction, level, "
                                                   "exam_kind, title, duration_minutes, total_points, seed, "
                                                   "created_by, created_ms, sections) VALUES (?1, ?2, ?3, "
                                                   "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
      ins.Bind(1, paper.id)
          .Bind(2, paper.standard)
          .Bind(3, paper.direction)
          .Bind(4, paper.level)
          .Bind(5, paper.exam_kind)
          .Bind(6, paper.title)
          .Bind(7, paper.duration_minutes)
          .Bind(8, paper.total_points)
          .Bind(9, std::to_string(paper.seed))
          .Bind(10, paper.created_by)
          .Bind(11, paper.created_ms)
          .Bind(12, sections.dump(-1, ' ', false, Json::error_handler_t::replace));
      KP_RETURN_IF_ERROR(ins.Run());
      KP_ASSIGN_OR_RETURN(Statement item, c.Prepare("INSERT INTO bank_paper_items(paper_id, position, "
                                                    "item_id, item_version, section, points, function) "
                                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
      for (size_t i = 0; i < paper.items.size(); ++i) {
        const auto& pi = paper.items[i];
        item.Reset();
        item.Bind(1, paper.id)
            .Bind(2, static_cast<int>(i))
            .Bind(3, pi.item_id)
            .Bind(4, pi.item_version)
            .Bind(5, pi.section)
            .Bind(6, pi.points)
            .Bind(7, pi.function);
        KP_RETURN_IF_ERROR(item.Run());
      }
      return Status();
    });
  }

  Result<bank::Paper> GetPaper(const std::string& paper_id) override {
    std::vector<bank::Paper> out;
    Status s =
        db_->Read([&](Connection& c) -> Status { return LoadPapers(c, "WHERE id = ?1", paper_id, 1, out); });
    if (!s.ok()) return s;
    if (out.empty())
      return NotFound("paper.not_found", "no paper '" + paper_id + "'", "没有试卷“" + paper_id + "”");
    return std::move(out[0]);
  }

  Result<std::vector<bank::Paper>> ListPapers(const std::string& standard, int limit) override {
    std::vector<bank::Paper> out;
    Status s = db_->Read([&](Connection& c) -> Status {
      return LoadPapers(c, "WHERE (?1 = '' OR standard = ?1)", standard, limit > 0 ? limit : -1, out);
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<std::string>> RecentlyUsedItems(const std::string& standard, const std::string& level,
                                                     const std::string& exam_kind, int last_n) override {
    std::vector<std::string> out;
    if (last_n <= 0) return out;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement st,
          c.Prepare("SELECT DISTINCT pi.item_id FROM bank_paper_items pi WHERE pi.paper_id IN ("
                    "  SELECT id FROM bank_papers WHERE standard = ?1 AND level = ?2 AND exam_kind = ?3"
                    "  ORDER BY created_ms DESC, id DESC LIMIT ?4) ORDER BY pi.item_id"));
      st.Bind(1, standard).Bind(2, level).Bind(3, exam_kind).Bind(4, last_n);
      for (;;) {
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        out.push_back(st.Text(0));
      }
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::vector<std::string>> ExistingIds(const std::vector<std::string>& ids) override {
    std::vector<std::string> out;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT 1 FROM bank_items WHERE id = ?1 LIMIT 1"));
      for (const auto& id : ids) {
        st.Reset();
        st.Bind(1, id);
        KP_ASSIGN_OR_RETURN(bool row, st.Step());
        if (row) out.push_back(id);
      }
      return Status();
    });
    if (!s.ok()) return s;
    return out;
  }

 private:
  Result<bank::Item> GetOne(const std::string& where, const std::string& id, int version) {
    std::vector<bank::Item> out;
    Status s = db_->Read([&](Connection& c) -> Status {
      KP_ASSIGN_OR_RETURN(
          Statement st, c.Prepare(std::string("SELECT ") + kItemColumns + " FROM bank_items WHERE " + where));
      st.Bind(1, id);
      if (version > 0) st.Bind(2, version);
      return Collect(st, out);
    });
    if (!s.ok()) return s;
    if (out.empty()) return ItemNotFound(id);
    return std::move(out[0]);
  }

  static Status Collect(Statement& st, std::vector<bank::Item>& out) {
    for (;;) {
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      KP_ASSIGN_OR_RETURN(bank::Item item, ReadItem(st));
      out.push_back(std::move(item));
    }
    return Status();
  }

  static Status LoadPapers(Connection& c, const std::string& where, const std::string& arg, int limit,
                           std::vector<bank::Paper>& out) {
    KP_ASSIGN_OR_RETURN(Statement st, c.Prepare("SELECT id, standard, direction, level, exam_kind, title, "
                                                "duration_minutes, total_points, seed, created_by, "
                                                "created_ms, sections FROM bank_papers " +
                                                where + " ORDER BY created_ms DESC, id DESC LIMIT ?2"));
    st.Bind(1, arg).Bind(2, limit);
    for (;;) {
      KP_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      bank::Paper p;
      p.id = st.Text(0);
      p.standard = st.Text(1);
      p.direction = st.Text(2);
      p.level = st.Text(3);
      p.exam_kind = st.Text(4);
      p.title = st.Text(5);
      p.duration_minutes = static_cast<int>(st.Int(6));
      p.total_points = st.Double(7);
      try {
        p.seed = std::stoull(st.Text(8));
        for (const auto& s : Json::parse(st.Text(11))) {
          p.sections.push_back(
              bank::PaperSection{s.at("id").get<std::string>(), s.at("title").get<std::string>(),
                                 s.at("shuffle_items").get<bool>(), s.at("shuffle_options").get<bool>()});
        }
      } catch (const std::exception& e) {
        return DataLoss("store.corrupt", "paper " + p.id + " is unreadable: " + e.what(),
                        "试卷 " + p.id + " 的存储内容已损坏");
      }
      p.created_by = st.Text(9);
      p.created_ms = st.Int(10);
      out.push_back(std::move(p));
    }
    KP_ASSIGN_OR_RETURN(Statement items,
                        c.Prepare("SELECT item_id, item_version, section, points, function FROM "
                                  "bank_paper_items WHERE paper_id = ?1 ORDER BY position"));
    for (auto& p : out) {
      items.Reset();
      items.Bind(1, p.id);
      for (;;) {
        KP_ASSIGN_OR_RETURN(bool row, items.Step());
        if (!row) break;
        p.items.push_back(bank::PaperItem{items.Text(0), static_cast<int>(items.Int(1)), items.Text(2),
                                          items.Double(3), items.Text(4)});
      }
    }
    return Status();
  }

  std::shared_ptr<sqlite::Database> db_;
};

}  // namespace

int SqliteBankSchemaVersion() {
  return static_cast<int>(Migrations().size());
}

Result<std::unique_ptr<BankStore>> OpenSqliteBankStore(std::shared_ptr<sqlite::Database> db) {
  auto store = std::make_unique<SqliteBankStore>(std::move(db));
  KP_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<BankStore>(std::move(store));
}

}  // namespace kaoping::store
