#include "core/bank/lifecycle.h"

namespace kaoping::bank {

namespace {

const char* StatusLabelZh(ItemStatus s) {
  switch (s) {
    case ItemStatus::kDraft:
      return "草稿";
    case ItemStatus::kInReview:
      return "审核中";
    case ItemStatus::kApproved:
      return "已审核";
    case ItemStatus::kRetired:
      return "已停用";
  }
  return "";
}

}  // namespace

const char* ReviewActionName(ReviewAction a) {
  switch (a) {
    case ReviewAction::kSubmit:
      return "submit";
    case ReviewAction::kApprove:
      return "approve";
    case ReviewAction::kRequestChanges:
      return "request_changes";
    case ReviewAction::kRetire:
      return "retire";
  }
  return "submit";
}

const char* ReviewActionLabelZh(ReviewAction a) {
  switch (a) {
    case ReviewAction::kSubmit:
      return "提交审核";
    case ReviewAction::kApprove:
      return "审核通过";
    case ReviewAction::kRequestChanges:
      return "退回修改";
    case ReviewAction::kRetire:
      return "停用";
  }
  return "";
}

std::optional<ReviewAction> ParseReviewAction(const std::string& s) {
  for (auto a : {ReviewAction::kSubmit, ReviewAction::kApprove, ReviewAction::kRequestChanges,
                 ReviewAction::kRetire}) {
    if (s == ReviewActionName(a)) return a;
  }
  if (s == "request-changes") return ReviewAction::kRequestChanges;
  return std::nullopt;
}

Result<ItemStatus> NextStatus(ItemStatus from, ReviewAction action) {
  std::optional<ItemStatus> to;
  switch (action) {
    case ReviewAction::kSubmit:
      if (from == ItemStatus::kDraft) to = ItemStatus::kInReview;
      break;
    case ReviewAction::kApprove:
      if (from == ItemStatus::kInReview) to = ItemStatus::kApproved;
      break;
    case ReviewAction::kRequestChanges:
      if (from == ItemStatus::kInReview) to = ItemStatus::kDraft;
      break;
    case ReviewAction::kRetire:
      if (from != ItemStatus::kRetired) to = ItemStatus::kRetired;
      break;
  }
  if (to) return *to;
  return FailedPrecondition(
      "item.bad_transition",
      std::string("cannot ") + ReviewActionName(action) + " an item that is " + ItemStatusName(from),
      std::string("试题当前状态为“") + StatusLabelZh(from) + "”，不能" + ReviewActionLabelZh(action));
}

Status CheckEditable(const Item& latest) {
  if (latest.status == ItemStatus::kDraft || latest.status == ItemStatus::kApproved) return Status();
  if (latest.status == ItemStatus::kInReview) {
    return FailedPrecondition(
        "item.not_editable",
        "item '" + latest.id + "' is in review; ask the reviewer to request changes before editing",
        "试题“" + latest.id + "”正在审核中，请先由审核人退回修改再编辑");
  }
  return FailedPrecondition("item.not_editable",
                            "item '" + latest.id + "' is retired and can no longer be edited",
                            "试题“" + latest.id + "”已停用，不能再编辑");
}

Status CheckReviewer(const Item& item, const std::string& version_editor, const std::string& reviewer) {
  if (reviewer.empty()) {
    return PermissionDenied("item.self_review", "a review needs a named reviewer", "审核必须有署名的审核人");
  }
  if (reviewer == item.author) {
    return PermissionDenied(
        "item.self_review",
        "'" + reviewer + "' wrote item '" + item.id + "' and cannot review it; another reviewer must",
        "“" + reviewer + "”是试题“" + item.id + "”的作者，不能审核自己的试题，请由其他审核人审核");
  }
  if (!version_editor.empty() && reviewer == version_editor) {
    return PermissionDenied("item.self_review",
                            "'" + reviewer + "' wrote version " + std::to_string(item.version) +
                                " of item '" + item.id + "' and cannot review it",
                            "“" + reviewer + "”修改了试题“" + item.id + "”的第 " +
                                std::to_string(item.version) + " 版，不能审核该版本");
  }
  return Status();
}

std::vector<ItemProblem> CheckLifecycleFields(const Item& item) {
  std::vector<ItemProblem> out;
  if (item.status == ItemStatus::kApproved || item.status == ItemStatus::kRetired) {
    if (item.status == ItemStatus::kApproved && item.reviewer.empty()) {
      out.push_back({"reviewer", "an approved item names its reviewer", "已审核的试题必须注明审核人"});
    }
    if (!item.reviewer.empty() && item.reviewer == item.author) {
      out.push_back(
          {"reviewer",
           "the reviewer '" + item.reviewer + "' is also the author; a reviewer is never the author",
           "审核人“" + item.reviewer + "”同时是作者；审核人不能是作者本人"});
    }
  } else if (!item.reviewer.empty()) {
    out.push_back(
        {"reviewer",
         std::string("a ") + ItemStatusName(item.status) + " item has not been reviewed; remove the reviewer",
         std::string("状态为“") + StatusLabelZh(item.status) + "”的试题尚未审核，请删除审核人"});
  }
  if (item.author.empty()) out.push_back({"author", "name the item's author", "必须注明试题作者"});
  return out;
}

}  // namespace kaoping::bank
