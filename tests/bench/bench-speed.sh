#!/bin/sh
# Issue 19, as ratios in one run: the catalogue cache (open against a bare
# mmap, score and report with and without it), fdatasync calls per answer,
# mlps list at 10 to 10,000 assessments and mlps open N to first paint.
# MLPS_BENCH_BASE=/path/to/older/mlps adds a "before" column;
# MLPS_BENCH_MAX=1000 stops the list sizes earlier.
set -eu
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

lib=
if ${CC:-cc} -shared -fPIC -O2 -o "$tmp/synccount.so" tests/bench/preload/synccount.c -ldl 2>/dev/null; then
	lib="$tmp/synccount.so"
fi
echo "== speed (issue 19; noisy shared machine: medians, ratios of interleaved runs)"
"$build/bench_speed" "$build/mlps" profiles/gbt22239-2019 $lib
