// -----------------------------------------------------------------------------
// File: credentials/json_util.h  (internal to the credentials module)
// -----------------------------------------------------------------------------
//
// Non-throwing accessors for untrusted JSON: nlohmann's value()/get() throw on a type mismatch,
// and a credential handed to the verifier may be anything.

#ifndef KAOPING_CREDENTIALS_JSON_UTIL_H_
#define KAOPING_CREDENTIALS_JSON_UTIL_H_

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace kaoping::credentials::internal {

// obj[key] when obj is an object and the member is a string; "" otherwise.
inline std::string Str(const nlohmann::json& obj, std::string_view key) {
  const auto* object = obj.get_ptr<const nlohmann::json::object_t*>();
  if (object == nullptr) return {};
  auto it = object->find(key);
  if (it == object->end()) return {};
  const auto* s = it->second.get_ptr<const std::string*>();
  return s != nullptr ? *s : std::string();
}

// obj[key] when present, else a null value.
inline const nlohmann::json& Member(const nlohmann::json& obj, std::string_view key) {
  static const nlohmann::json kNull;
  if (!obj.is_object()) return kNull;
  auto it = obj.find(key);
  return it == obj.end() ? kNull : *it;
}

// True when `v` is the string `s` or an array containing it.
inline bool HasValue(const nlohmann::json& v, std::string_view s) {
  if (v.is_string()) return v.get_ref<const std::string&>() == s;
  if (!v.is_array()) return false;
  for (const auto& e : v) {
    if (e.is_string() && e.get_ref<const std::string&>() == s) return true;
  }
  return false;
}

}  // namespace kaoping::credentials::internal

#endif  // KAOPING_CREDENTIALS_JSON_UTIL_H_
