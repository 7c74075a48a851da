# Thin wrapper around CMake so that a newcomer needs two commands:
#   make run    build mlps and start it
#   make test   build with sanitizers and run the whole test suite
# Both first check (and, as root, install) the Debian packages needed.

BUILD      ?= build
TEST_BUILD ?= build-test
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
WERROR     ?= $(if $(CI),ON,OFF)
PREFIX     ?= /usr/local
DESTDIR    ?=

.PHONY: all deps build run test bench install deb clean

all: build

deps:
	@sh scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DMLPS_WERROR=$(WERROR) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target mlps

run: build
	./$(BUILD)/mlps $(ARGS)

test: deps
	@cmake -S . -B $(TEST_BUILD) -DMLPS_SANITIZE=ON -DMLPS_WERROR=$(WERROR) -DCMAKE_BUILD_TYPE=Debug >/dev/null
	@cmake --build $(TEST_BUILD) -j $(JOBS)
	@cd $(TEST_BUILD) && ctest --output-on-failure -j $(JOBS)

bench: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DMLPS_WERROR=$(WERROR) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target bench_programs
	@sh tests/bench/run.sh $(BUILD)

# make install PREFIX=/opt/mlps [DESTDIR=/tmp/stage]: the binary, the profiles,
# the man page and bash/zsh completion under PREFIX (staged under DESTDIR).
install: deps
	@cmake -S . -B $(BUILD) -DMLPS_WERROR=$(WERROR) -DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target mlps
	@DESTDIR=$(DESTDIR) cmake --install $(BUILD)

# A Debian package of a /usr install (cpack), checked by lintian when present.
deb: deps
	@cmake -S . -B $(BUILD)-deb -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
	@cmake --build $(BUILD)-deb -j $(JOBS) --target mlps
	@cd $(BUILD)-deb && cpack -G DEB
	@if command -v lintian >/dev/null; then lintian $(BUILD)-deb/*.deb; else echo "lintian not installed: not checked"; fi

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(BUILD)-deb
