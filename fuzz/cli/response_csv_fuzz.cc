// libFuzzer target for the response-matrix reader of `kaoping analyze` (cli::ReadResponseCsv):
// bytes → strict CSV tokenizing (interop/csv_tokenizer.h) → header of item ids → scores 0..100 or
// option letters scored against --key.
//
// Input: an optional first line "#! key=B,A,-,C options=4 id=person" (any of the three, separated
// by spaces) sets the reader's options; the rest (or everything) is the CSV file.
//
// Invariants: never throws; an error is "cli.bad_csv" whose English and Chinese messages both
// start with "fuzz.csv:<line>:<column>" (line and column >= 1, line at most one past the last
// line), or "cli.bad_key" (in both languages) when keys were given; an accepted matrix has at
// least one item and one person, one column per item, every score kMissing or 0..100, and with
// keys choices of the same shape with every choice kMissing or within its item's options.
//
// The entry point is also compiled, with KAOPING_FUZZ_REPLAY set, into cli_fuzz_replay_test
// (src/cli/CMakeLists.txt), which replays corpus/response_csv under g++ in CI.
//
//   CXX=clang++ CC=clang cmake -S . -B build/fuzz -G Ninja -DKAOPING_BUILD_FUZZ=ON -DKAOPING_SANITIZE=ON
//   cmake --build build/fuzz --target cli_response_csv_fuzz
//   build/fuzz/fuzz/cli/cli_response_csv_fuzz -max_total_time=60 fuzz/cli/corpus/response_csv

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cli/response_csv.h"

namespace kaoping::cli::fuzz {

int FuzzResponseCsv(const std::uint8_t* data, std::size_t size);

namespace {

constexpr std::string_view kFile = "fuzz.csv";

// "#! key=… options=… id=…" on the first line → options; returns the CSV text after it.
std::string_view TakeOptions(std::string_view input, ResponseCsvOptions& o) {
  if (input.substr(0, 2) != "#!") return input;
  const std::size_t eol = input.find('\n');
  std::string_view line = input.substr(2, eol == std::string_view::npos ? std::string_view::npos : eol - 2);
  while (!line.empty()) {
    const std::size_t sp = line.find(' ');
    const std::string_view word = line.substr(0, sp);
    line = sp == std::string_view::npos ? std::string_view() : line.substr(sp + 1);
    if (word.substr(0, 4) == "key=") {
      std::string_view list = word.substr(4);
      while (!list.empty()) {
        const std::size_t comma = list.find(',');
        o.keys.emplace_back(list.substr(0, comma));
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      }
    } else if (word.substr(0, 8) == "options=") {
      int n = 0;
      for (char c : word.substr(8, 2)) n = c >= '0' && c <= '9' ? n * 10 + (c - '0') : n;
      o.num_options = n;
    } else if (word.substr(0, 3) == "id=") {
      o.id_column = std::string(word.substr(3));
    }
  }
  return eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);
}

// "fuzz.csv:<line>:<column>" at the start of `message`, with line in [1, max_line], column >= 1.
bool Placed(const std::string& message, int max_line) {
  const std::string prefix = std::string(kFile) + ":";
  if (message.rfind(prefix, 0) != 0) return false;
  std::size_t i = prefix.size();
  long numbers[2] = {0, 0};
  for (long& n : numbers) {
    const std::size_t start = i;
    while (i < message.size() && message[i] >= '0' && message[i] <= '9' && i - start < 9)
      n = n * 10 + (message[i++] - '0');
    if (i == start || n < 1) return false;
    if (&n == &numbers[0]) {
      if (i >= message.size() || message[i] != ':') return false;
      ++i;
    }
  }
  return numbers[0] <= max_line;
}

int LineCount(std::string_view text) {
  int lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++lines;
  }
  return lines;
}

}  // namespace

int FuzzResponseCsv(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    ResponseCsvOptions options;
    const std::string_view text = TakeOptions(input, options);
    Result<ResponseCsv> read = ReadResponseCsv(std::string(kFile), text, options);
    if (!read.ok()) {
      const Status& s = read.status();
      if (s.message().empty() || s.message_zh().empty()) __builtin_trap();
      if (s.reason() == "cli.bad_key") {
        if (options.keys.empty()) __builtin_trap();
        return 0;
      }
      if (s.reason() != "cli.bad_csv") __builtin_trap();
      const int max_line = LineCount(text) + 1;  // "no response rows" points at the line after
      if (!Placed(s.message(), max_line) || !Placed(s.message_zh(), max_line)) __builtin_trap();
      // The Chinese message is a translation ("<where>：<zh>"), not the English text again.
      const std::size_t en_at = s.message().find(": "), zh_at = s.message_zh().find("：");
      if (en_at == std::string::npos || zh_at == std::string::npos) __builtin_trap();
      if (s.message_zh().substr(zh_at + 3) == s.message().substr(en_at + 2)) __builtin_trap();
      return 0;
    }
    const psychometrics::ResponseMatrix& m = read->matrix;
    const std::size_t ni = m.num_items(), np = m.num_persons();
    if (ni == 0 || np == 0 || m.item_ids().size() != ni) __builtin_trap();
    for (std::size_t p = 0; p < np; ++p) {
      for (std::size_t i = 0; i < ni; ++i) {
        const int v = m.at(p, i);
        if (v != psychometrics::kMissing && (v < 0 || v > 100)) __builtin_trap();
      }
    }
    if (options.keys.empty() != !read->choices.has_value()) __builtin_trap();
    if (read->choices) {
      const psychometrics::ChoiceResponses& ch = *read->choices;
      if (ch.keys.size() != ni || ch.options.size() != ni || ch.choices.size() != np * ni) __builtin_trap();
      for (std::size_t i = 0; i < ni; ++i) {
        if (ch.options[i] < 0 || (ch.options[i] > 0 && (ch.keys[i] < 0 || ch.keys[i] >= ch.options[i])))
          __builtin_trap();
      }
      for (std::size_t k = 0; k < ch.choices.size(); ++k) {
        const int c = ch.choices[k];
        if (c != psychometrics::kMissing && (c < 0 || c >= ch.options[k % ni])) __builtin_trap();
      }
    }
  } catch (...) {
    __builtin_trap();
  }
  return 0;
}

}  // namespace kaoping::cli::fuzz

#ifndef KAOPING_FUZZ_REPLAY
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kaoping::cli::fuzz::FuzzResponseCsv(data, size);
}
#endif
