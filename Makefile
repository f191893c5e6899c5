# ssbvox: `make demo` and `make test` do all set-up on a fresh Debian 12 machine.
.PHONY: all deps build build-asan demo test bench clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release

# The sanitizer build of the tools, used by the fuzz tests.
build-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan --target voxconvert

demo: build
	@scripts/demo

test: build build-asan
	@ctest --preset release -j2

# The peers the benchmarks run side by side (PoreSpy, ...) go into .venv here,
# never in `make test`.
bench: build
	@scripts/install-deps --bench
	@tests/bench/run-all

clean:
	rm -rf build
