#!/bin/sh
# make bench: every benchmark of the project, one section each. Each section
# is a script tests/bench/bench-*.sh taking the build directory; add a file
# to add a section. Benchmarks measure; they never fail on a number.
set -eu
build=${1:-build}
for script in tests/bench/bench-*.sh; do
	sh "$script" "$build"
	echo
done
