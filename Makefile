# Thin wrapper around CMake so that a newcomer needs two commands:
#   make run    build mlps and start it
#   make test   build with sanitizers and run the whole test suite
# Both first check (and, as root, install) the Debian packages needed.

BUILD      ?= build
TEST_BUILD ?= build-test
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
WERROR     ?= $(if $(CI),ON,OFF)

.PHONY: all deps build run test bench install clean

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

install: build
	@cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) $(TEST_BUILD)
