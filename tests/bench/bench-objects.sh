#!/bin/sh
# Evaluation objects: scoring and the text report with 50 objects, and the
# commit latency of one per-object answer.
set -eu
build=${1:-build}
echo "== objects (medians)"
"$build/bench_objects" profiles/gbt22239-2019
