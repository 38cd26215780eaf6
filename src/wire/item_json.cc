#include "wire/item_json.h"

#include <cmath>
#include <fstream>
#include <initializer_list>
#include <map>
#include <set>
#include <sstream>

namespace kaoping::wire {

using Json = nlohmann::json;
using bank::Item;
using bank::RowProblem;

namespace {

// Collects the problems of one item while reading it.
class Reader {
 public:
  Reader(int row, std::vector<RowProblem>* out) : row_(row), out_(out) {}

  void set_id(std::string id) { id_ = std::move(id); }
  int count() const { return count_; }
  const std::set<std::string>& fields() const { return fields_; }

  void Add(const std::string& field, const char* reason, std::string en, std::string zh) {
    out_->push_back(RowProblem{row_, id_, field, reason, std::move(en), std::move(zh)});
    fields_.insert(field);
    ++count_;
  }

  // Unknown keys of an object.
  void Keys(const Json& obj, const std::string& prefix, std::initializer_list<const char*> allowed) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      bool ok = false;
      for (const char* a : allowed) ok |= it.key() == a;
      if (!ok) {
        std::string list;
        for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        Add(prefix + it.key(), "item.unknown_key", "unknown key '" + it.key() + "' (allowed: " + list + ")",
            "未知的字段“" + it.key() + "”（允许的字段：" + list + "）");
      }
    }
  }

  bool Missing(const Json& obj, const char* key, const std::string& field) {
    if (obj.contains(key)) return false;
    Add(field, "item.missing", "required key is missing", "缺少必填字段");
    return true;
  }

  void Type(const std::string& field, const char* what_en, const char* what_zh) {
    Add(field, "item.bad_json", std::string("must be ") + what_en, std::string("必须是") + what_zh);
  }

  // Readers: set `into` when present and of the right type; complain otherwise.
  void Str(const Json& obj, const char* key, const std::string& field, std::string& into,
           bool required = false) {
    auto it = obj.find(key);
    if (it == obj.end() || (it->is_null() && !required)) {
      if (required) Missing(obj, key, field);
      return;
    }
    if (!it->is_string()) return Type(field, "a string", "字符串");
    into = it->get<std::string>();
  }
  void Num(const Json& obj, const char* key, const std::string& field, double& into) {
    auto it = obj.find(key);
    if (it == obj.end()) return;
    if (!it->is_number()) return Type(field, "a number", "数字");
    into = it->get<double>();
  }
  void OptNumber(const Json& obj, const char* key, const std::string& field, std::optional<double>& into) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    if (!it->is_number()) return Type(field, "a number or null", "数字或 null");
    into = it->get<double>();
  }
  void Int(const Json& obj, const char* key, const std::string& field, int& into) {
    auto it = obj.find(key);
    if (it == obj.end()) return;
    if (!it->is_number_integer()) return Type(field, "an integer", "整数");
    into = it->get<int>();
  }
  void Int64(const Json& obj, const char* key, const std::string& field, std::int64_t& into) {
    auto it = obj.find(key);
    if (it == obj.end()) return;
    if (!it->is_number_integer()) return Type(field, "an integer", "整数");
    into = it->get<std::int64_t>();
  }
  void Bool(const Json& obj, const char* key, const std::string& field, bool& into) {
    auto it = obj.find(key);
    if (it == obj.end()) return;
    if (!it->is_boolean()) return Type(field, "true or false", "true 或 false");
    into = it->get<bool>();
  }
  void Strings(const Json& obj, const char* key, const std::string& field, std::vector<std::string>& into) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    if (!it->is_array()) return Type(field, "an array of strings", "字符串数组");
    for (size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_string()) {
        Type(field + "[" + std::to_string(i) + "]", "a string", "字符串");
        continue;
      }
      into.push_back((*it)[i].get<std::string>());
    }
  }
  // Calls fn(element, field) for each object in the array `key`.
  template <typename Fn>
  void Objects(const Json& obj, const char* key, const std::string& field, Fn&& fn) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    if (!it->is_array()) return Type(field, "an array", "数组");
    for (size_t i = 0; i < it->size(); ++i) {
      const std::string f = field + "[" + std::to_string(i) + "]";
      if (!(*it)[i].is_object()) {
        Type(f, "an object", "对象");
        continue;
      }
      fn((*it)[i], f);
    }
  }

 private:
  int row_;
  std::string id_;
  std::vector<RowProblem>* out_;
  std::set<std::string> fields_;
  int count_ = 0;
};

// Reads one item; returns false when it had problems of its own.
bool ReadItem(const Json& j, int row, Item& item, std::vector<RowProblem>* out) {
  Reader r(row, out);
  if (!j.is_object()) {
    r.Add("", "item.bad_json", "an item must be a JSON object", "每道试题必须是一个 JSON 对象");
    return false;
  }
  if (auto id = j.find("id"); id != j.end() && id->is_string()) r.set_id(id->get<std::string>());
  r.Keys(j, "", {"id",        "version", "type",   "status",           "stem",        "options", "answer",
                 "blanks",    "rubric",  "task",   "reference_answer", "explanation", "points",  "difficulty",
                 "alignment", "enemies", "author", "reviewer",         "source",      "licence", "synthetic",
                 "updated_ms"});
  r.Str(j, "id", "id", item.id, true);
  r.Int(j, "version", "version", item.version);
  {
    std::string type;
    r.Str(j, "type", "type", type, true);
    if (!type.empty()) {
      if (auto t = bank::ParseItemType(type)) {
        item.type = *t;
      } else {
        r.Add("type", "item.invalid",
              "unknown item type '" + type +
                  "' (single_choice, multiple_choice, true_false, fill_in, short_answer, practical)",
              "未知的题型“" + type + "”（单选、多选、判断、填空、简答、实操）");
      }
    }
  }
  {
    std::string status;
    r.Str(j, "status", "status", status);
    if (!status.empty()) {
      if (auto s = bank::ParseItemStatus(status)) {
        item.status = *s;
      } else {
        r.Add("status", "item.invalid",
              "unknown status '" + status + "' (draft, in_review, approved, retired)",
              "未知的状态“" + status + "”（draft、in_review、approved、retired）");
      }
    }
  }
  r.Str(j, "stem", "stem", item.stem, true);
  r.Objects(j, "options", "options", [&](const Json& o, const std::string& f) {
    r.Keys(o, f + ".", {"id", "text"});
    bank::Option opt;
    r.Str(o, "id", f + ".id", opt.id, true);
    r.Str(o, "text", f + ".text", opt.text, true);
    item.options.push_back(std::move(opt));
  });
  r.Strings(j, "answer", "answer", item.answer);
  r.Objects(j, "blanks", "blanks", [&](const Json& o, const std::string& f) {
    r.Keys(o, f + ".", {"id", "accepted", "points"});
    bank::Blank b;
    r.Str(o, "id", f + ".id", b.id, true);
    r.Strings(o, "accepted", f + ".accepted", b.accepted);
    r.Num(o, "points", f + ".points", b.points);
    item.blanks.push_back(std::move(b));
  });
  r.Objects(j, "rubric", "rubric", [&](const Json& o, const std::string& f) {
    r.Keys(o, f + ".", {"id", "description", "points", "evidence"});
    bank::RubricCriterion c;
    r.Str(o, "id", f + ".id", c.id, true);
    r.Str(o, "description", f + ".description", c.description, true);
    r.Num(o, "points", f + ".points", c.points);
    if (!o.contains("points")) r.Missing(o, "points", f + ".points");
    r.Str(o, "evidence", f + ".evidence", c.evidence);
    item.rubric.push_back(std::move(c));
  });
  if (auto t = j.find("task"); t != j.end() && !t->is_null()) {
    if (!t->is_object()) {
      r.Type("task", "an object", "对象");
    } else {
      r.Keys(*t, "task.", {"instructions", "materials", "time_minutes"});
      bank::PracticalTask task;
      r.Str(*t, "instructions", "task.instructions", task.instructions, true);
      r.Strings(*t, "materials", "task.materials", task.materials);
      r.Int(*t, "time_minutes", "task.time_minutes", task.time_minutes);
      item.task = std::move(task);
    }
  }
  r.Str(j, "reference_answer", "reference_answer", item.reference_answer);
  r.Str(j, "explanation", "explanation", item.explanation);
  r.Num(j, "points", "points", item.points);
  if (auto d = j.find("difficulty"); d != j.end() && !d->is_null()) {
    if (!d->is_object()) {
      r.Type("difficulty", "an object", "对象");
    } else {
      r.Keys(*d, "difficulty.", {"p", "a", "b", "c", "provenance"});
      r.OptNumber(*d, "p", "difficulty.p", item.difficulty.p);
      r.OptNumber(*d, "a", "difficulty.a", item.difficulty.a);
      r.OptNumber(*d, "b", "difficulty.b", item.difficulty.b);
      r.OptNumber(*d, "c", "difficulty.c", item.difficulty.c);
      r.Str(*d, "provenance", "difficulty.provenance", item.difficulty.provenance);
    }
  }
  if (auto a = j.find("alignment"); a == j.end()) {
    r.Missing(j, "alignment", "alignment");
  } else if (!a->is_object()) {
    r.Type("alignment", "an object", "对象");
  } else {
    r.Keys(*a, "alignment.",
           {"standard", "direction", "levels", "exam_kind", "function", "work_content", "requirements",
            "knowledge_points"});
    bank::Alignment& al = item.alignment;
    r.Str(*a, "standard", "alignment.standard", al.standard, true);
    r.Str(*a, "direction", "alignment.direction", al.direction);
    if (!a->contains("levels")) r.Missing(*a, "levels", "alignment.levels");
    r.Strings(*a, "levels", "alignment.levels", al.levels);
    r.Str(*a, "exam_kind", "alignment.exam_kind", al.exam_kind, true);
    r.Str(*a, "function", "alignment.function", al.function, true);
    r.Str(*a, "work_content", "alignment.work_content", al.work_content);
    r.Strings(*a, "requirements", "alignment.requirements", al.requirements);
    r.Strings(*a, "knowledge_points", "alignment.knowledge_points", al.knowledge_points);
  }
  r.Strings(j, "enemies", "enemies", item.enemies);
  r.Str(j, "author", "author", item.author);
  r.Str(j, "reviewer", "reviewer", item.reviewer);
  r.Str(j, "source", "source", item.source);
  r.Str(j, "licence", "licence", item.licence);
  r.Bool(j, "synthetic", "synthetic", item.synthetic);
  r.Int64(j, "updated_ms", "updated_ms", item.updated_ms);

  // Shape problems, except those on fields already reported as unreadable.
  for (const auto& p : bank::CheckItemShape(item)) {
    bool covered = false;
    for (const auto& f : r.fields())
      covered |=
          !f.empty() && (p.field == f || p.field.rfind(f + ".", 0) == 0 || p.field.rfind(f + "[", 0) == 0);
    if (!covered) r.Add(p.field, "item.invalid", p.message, p.message_zh);
  }
  return r.count() == 0;
}

}  // namespace

Json ItemJson(const Item& item, bool with_keys) {
  Json j{{"id", item.id},
         {"version", item.version},
         {"type", bank::ItemTypeName(item.type)},
         {"status", bank::ItemStatusName(item.status)},
         {"stem", item.stem}};
  if (!item.options.empty()) {
    Json opts = Json::array();
    for (const auto& o : item.options) opts.push_back(Json{{"id", o.id}, {"text", o.text}});
    j["options"] = opts;
  }
  if (with_keys && !item.answer.empty()) j["answer"] = item.answer;
  if (!item.blanks.empty()) {
    Json blanks = Json::array();
    for (const auto& b : item.blanks) {
      Json bj{{"id", b.id}, {"points", b.points}};
      if (with_keys) bj["accepted"] = b.accepted;
      blanks.push_back(bj);
    }
    j["blanks"] = blanks;
  }
  if (with_keys && !item.rubric.empty()) {
    Json rubric = Json::array();
    for (const auto& c : item.rubric) {
      rubric.push_back(
          Json{{"id", c.id}, {"description", c.description}, {"points", c.points}, {"evidence", c.evidence}});
    }
    j["rubric"] = rubric;
  }
  if (item.task) {
    j["task"] = Json{{"instructions", item.task->instructions},
                     {"materials", item.task->materials},
                     {"time_minutes", item.task->time_minutes}};
  }
  if (with_keys && !item.reference_answer.empty()) j["reference_answer"] = item.reference_answer;
  if (with_keys && !item.explanation.empty()) j["explanation"] = item.explanation;
  j["points"] = item.points;
  Json d = Json::object();
  if (item.difficulty.p) d["p"] = *item.difficulty.p;
  if (item.difficulty.a) d["a"] = *item.difficulty.a;
  if (item.difficulty.b) d["b"] = *item.difficulty.b;
  if (item.difficulty.c) d["c"] = *item.difficulty.c;
  if (!item.difficulty.provenance.empty()) d["provenance"] = item.difficulty.provenance;
  j["difficulty"] = d;
  Json al{{"standard", item.alignment.standard},
          {"levels", item.alignment.levels},
          {"exam_kind", item.alignment.exam_kind},
          {"function", item.alignment.function},
          {"work_content", item.alignment.work_content},
          {"requirements", item.alignment.requirements},
          {"knowledge_points", item.alignment.knowledge_points}};
  if (!item.alignment.direction.empty()) al["direction"] = item.alignment.direction;
  j["alignment"] = al;
  j["enemies"] = item.enemies;
  j["author"] = item.author;
  if (!item.reviewer.empty()) j["reviewer"] = item.reviewer;
  if (!item.source.empty()) j["source"] = item.source;
  if (!item.licence.empty()) j["licence"] = item.licence;
  if (item.synthetic) j["synthetic"] = true;
  if (item.updated_ms) j["updated_ms"] = item.updated_ms;
  return j;
}

Json ItemsToJson(const std::vector<Item>& items, bool with_keys) {
  Json arr = Json::array();
  for (const auto& i : items) arr.push_back(ItemJson(i, with_keys));
  return Json{{"format", kItemsFormat}, {"items", arr}};
}

ItemsParse ItemsFromJson(const Json& doc) {
  ItemsParse out;
  auto doc_problem = [&](const std::string& field, const char* reason, std::string en, std::string zh) {
    out.problems.push_back(RowProblem{0, "", field, reason, std::move(en), std::move(zh)});
  };
  if (!doc.is_object()) {
    doc_problem("", "item.bad_json",
                "the document must be an object {\"format\": \"kaoping.items/1\", \"items\": [...]}",
                "文件必须是一个对象：{\"format\": \"kaoping.items/1\", \"items\": [...]}");
    return out;
  }
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (it.key() != "format" && it.key() != "items") {
      doc_problem(it.key(), "item.unknown_key", "unknown key '" + it.key() + "' (allowed: format, items)",
                  "未知的字段“" + it.key() + "”（允许的字段：format、items）");
    }
  }
  auto fmt = doc.find("format");
  if (fmt == doc.end() || !fmt->is_string() || fmt->get<std::string>() != kItemsFormat) {
    doc_problem("format", "item.bad_format", std::string("format must be \"") + kItemsFormat + "\"",
                std::string("format 必须是 \"") + kItemsFormat + "\"");
  }
  auto items = doc.find("items");
  if (items == doc.end() || !items->is_array()) {
    doc_problem("items", "item.bad_json", "items must be an array", "items 必须是数组");
    return out;
  }
  std::map<std::string, int> first_row;
  std::vector<Item> parsed;
  for (size_t i = 0; i < items->size(); ++i) {
    const int row = static_cast<int>(i) + 1;
    Item item;
    bool readable = ReadItem((*items)[i], row, item, &out.problems);
    if (!item.id.empty()) {
      out.ids.push_back(item.id);
      auto [pos, inserted] = first_row.emplace(item.id, row);
      if (!inserted) {
        readable = false;
        out.problems.push_back(
            RowProblem{row, item.id, "id", "item.duplicate_id",
                       "id '" + item.id + "' already used by item " + std::to_string(pos->second),
                       "编号“" + item.id + "”与第 " + std::to_string(pos->second) + " 条重复"});
      }
    }
    if (readable) {
      out.readable.push_back(item);
      out.readable_rows.push_back(row);
    }
    parsed.push_back(std::move(item));
  }
  if (out.problems.empty()) out.items = std::move(parsed);
  return out;
}

Result<Item> ItemFromJson(const Json& j) {
  std::vector<RowProblem> problems;
  Item item;
  ReadItem(j, 1, item, &problems);
  if (!problems.empty()) {
    std::string en = "the item has " + std::to_string(problems.size()) + " problem(s):";
    std::string zh = "试题有 " + std::to_string(problems.size()) + " 处错误：";
    for (const auto& p : problems) {
      en += "\n  " + (p.field.empty() ? std::string() : p.field + ": ") + p.message;
      zh += "\n  " + (p.field.empty() ? std::string() : p.field + "：") + p.message_zh;
    }
    return InvalidArgument("item.invalid", en, zh);
  }
  return item;
}

Result<Json> ParseJsonText(std::string_view text, const std::string& origin) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    size_t line = 1, col = 1;
    for (size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    return InvalidArgument(
        "items.bad_json",
        origin + ": not valid JSON at line " + std::to_string(line) + ", column " + std::to_string(col),
        origin + "：JSON 格式错误（第 " + std::to_string(line) + " 行第 " + std::to_string(col) + " 列）");
  } catch (const Json::exception& e) {
    // e.g. out_of_range.406 for a number like 1e400 that overflows a double.
    return InvalidArgument("items.bad_json", origin + ": not valid JSON (" + std::string(e.what()) + ")",
                           origin + "：JSON 格式错误（数值超出范围）");
  }
}

Json RowProblemJson(const RowProblem& p) {
  return Json{{"row", p.row},       {"item_id", p.item_id}, {"field", p.field},
              {"reason", p.reason}, {"message", p.message}, {"message_zh", p.message_zh}};
}

Json RowProblemsJson(const std::vector<RowProblem>& problems) {
  Json arr = Json::array();
  for (const auto& p : problems) arr.push_back(RowProblemJson(p));
  return arr;
}

Result<ItemsParse> ReadItemsJsonFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return Unavailable("file.unreadable", "cannot read '" + path + "'", "无法读取文件“" + path + "”");
  }
  if (!in.is_open())
    return Unavailable("file.unreadable", "cannot open '" + path + "'", "无法打开文件“" + path + "”");
  KP_ASSIGN_OR_RETURN(nlohmann::json doc, ParseJsonText(text.str(), path));
  return ItemsFromJson(doc);
}

}  // namespace kaoping::wire
