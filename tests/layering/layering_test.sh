#!/usr/bin/env bash
# Proves the layering rule is enforced by the build: a core module that includes SQLite, Boost,
# libpq or nlohmann headers does not build, and a clean one does.
set -u
root="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

build() {  # $1 = source file; prints the build log to $work/log
  rm -rf "$work/b"
  cmake -S "$root/tests/layering/fixture" -B "$work/b" -DKAOPING_ROOT="$root" -DFIXTURE_SOURCE="$1" >"$work/log" 2>&1 &&
    cmake --build "$work/b" >>"$work/log" 2>&1
}

printf '#include <vector>\nint Clean() { return 1; }\n' >"$work/clean.cc"
if ! build "$work/clean.cc"; then
  echo "FAIL: a clean core module did not build"; cat "$work/log"; fail=1
fi

for header in '<sqlite3.h>' '<boost/asio.hpp>' '<libpq-fe.h>' '<nlohmann/json.hpp>' '"sqlite3.h"'; do
  printf '#include %s\nint Dirty() { return 2; }\n' "$header" >"$work/dirty.cc"
  if build "$work/dirty.cc"; then
    echo "FAIL: core module including $header built"; fail=1
  elif ! grep -q "must not include" "$work/log"; then
    echo "FAIL: build failed for $header but not with the layering message"; cat "$work/log"; fail=1
  else
    echo "ok: $header rejected: $(grep -o 'dirty.cc:1: core module.*' "$work/log" | head -1)"
  fi
done
[ $fail -eq 0 ] && echo "layering: 6 passed, 0 failed"
exit $fail
