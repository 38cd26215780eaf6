#!/usr/bin/env bash
# Installs everything kaoping needs to build, test and run on Debian 12.
# Idempotent: packages already present are skipped by apt; npm installs from the lock file.
# Uses sudo only when not root. Nothing here relies on what a machine happens to have.
set -euo pipefail

cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  # toolchain
  build-essential g++ cmake ninja-build ccache pkg-config git
  clang-format clang-tidy
  clang libclang-rt-14-dev  # libFuzzer targets (docs/fuzzing.md)
  # libraries (see docs/architecture.md for which layer uses which)
  libboost1.74-dev libboost-system1.74-dev
  libsqlite3-dev sqlite3 libpq-dev
  nlohmann-json3-dev libyaml-cpp-dev libtomlplusplus-dev libcli11-dev
  libsodium-dev coinor-libcbc-dev coinor-libcgl-dev coinor-libclp-dev coinor-libosi-dev coinor-libcoinutils-dev
  libspdlog-dev libfmt-dev libpugixml-dev libzip-dev libxlsxwriter-dev libssl-dev
  libcairo2-dev libpango1.0-dev libqrencode-dev zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # test tools: PostgreSQL server for the store contract suite, zbar to decode QR codes,
  # poppler for PDF→PNG, Chromium for browser tests, CJK fonts for PDFs and pages
  postgresql postgresql-contrib zbar-tools poppler-utils chromium fonts-noto-cjk
  curl wrk
)
# Node.js: the machine image ships Node 20 with npm; Debian's npm would conflict with it.
if ! command -v npm >/dev/null 2>&1; then PACKAGES+=(nodejs npm); fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all Debian packages present"
fi

# npm packages, each folder from its own lock file, reinstalled only when the lock changed.
npm_ci() {  # $1 = folder with package-lock.json
  local dir=$1 stamp=$1/node_modules/.kaoping-lock-stamp
  [ -f "$dir/package-lock.json" ] || return 0
  if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    echo "setup: npm ci in $dir/"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
  else
    echo "setup: $dir/node_modules up to date"
  fi
}
npm_ci web                # the browser UI
npm_ci tests/credentials  # the independent credential verifier used by the certificate tests
echo "setup: done"
