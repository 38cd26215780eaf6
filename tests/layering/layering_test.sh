#!/usr/bin/env bash
# Proves the layering rules are enforced by the build: a core module that includes SQLite, Boost,
# libpq or nlohmann headers does not build, and a clean one does; a module that depends on a
# module of a higher layer (publicly or privately) does not configure.
set -u
root="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

configure() {  # $1 = source file, $2 = FIXTURE_UPWARD; writes the log to $work/log
  rm -rf "$work/b"
  cmake -S "$root/tests/layering/fixture" -B "$work/b" -DKAOPING_ROOT="$root" -DFIXTURE_SOURCE="$1" \
    -DFIXTURE_UPWARD="${2:-}" >"$work/log" 2>&1
}

build() {  # $1 = source file; writes the build log to $work/log
  configure "$1" "" && cmake --build "$work/b" >>"$work/log" 2>&1
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

# Dependencies point downward only (kaoping_check_layer_order).
check_upward() {  # $1 = FIXTURE_UPWARD, $2 = the message expected
  if configure "$work/clean.cc" "$1"; then
    echo "FAIL: an upward dependency ($1) configured"; cat "$work/log"; fail=1
  elif ! grep -qF "$2" "$work/log"; then
    echo "FAIL: configuration failed for an upward dependency ($1) but not with: $2"; cat "$work/log"; fail=1
  else
    echo "ok: upward dependency ($1) rejected: $2"
  fi
}
check_upward public "module fixture_core (layer core) may not depend on fixture_service (layer service)"
check_upward private "module fixture_store (layer store) may not depend on fixture_interfaces (layer interfaces)"

[ $fail -eq 0 ] && echo "layering: 8 passed, 0 failed"
exit $fail
