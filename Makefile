# Human entry points. `make run` and `make test` are the two commands in README.md.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
GEN := -G Ninja
LISTEN ?= 127.0.0.1:8080
DATA ?= ./var
# ccache: relative paths and no working-directory hashing, so a fresh clone at another path
# (CI) reuses the cache of earlier builds on the same machine.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
export CCACHE_MAXSIZE ?= 5G

.PHONY: setup build debug run test bench format lint web clean

setup:
	bash scripts/setup.sh

web:
	@if [ -f web/package.json ]; then cd web && npm run build --silent; fi

build: setup web
	cmake -S . -B build/release $(GEN) -DCMAKE_BUILD_TYPE=Release -DKAOPING_BUILD_TESTS=OFF
	cmake --build build/release -j $(JOBS) --target kaoping
	@echo "binary: build/release/kaoping"

debug: setup web
	cmake -S . -B build/debug $(GEN) -DCMAKE_BUILD_TYPE=Debug -DKAOPING_SANITIZE=ON -DKAOPING_WERROR=ON
	cmake --build build/debug -j $(JOBS)

run: build
	./build/release/kaoping serve --listen $(LISTEN) --data $(DATA)

test: debug
	cd build/debug && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

bench: setup
	cmake -S . -B build/bench $(GEN) -DCMAKE_BUILD_TYPE=Release -DKAOPING_BUILD_TESTS=OFF -DKAOPING_BUILD_BENCH=ON
	cmake --build build/bench -j $(JOBS)
	bash bench/run.sh build/bench

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

lint: debug
	git ls-files 'src/*.cc' | xargs -P $(JOBS) -n 4 clang-tidy -p build/debug --quiet

clean:
	rm -rf build
