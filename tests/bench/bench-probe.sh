#!/bin/sh
# mlps probe on this machine (issue 17): the whole command, and the probe
# run alone on a loaded catalogue (medians of 21, ms). Target < 200 ms.
set -eu
build=${1:-build}
echo "== probe (medians of 21, ms; this machine, as $(id -un))"
MLPS_DB=/nonexistent/mlps-bench.db "$build/bench_probe" "$build/mlps" profiles/gbt22239-2019 21
