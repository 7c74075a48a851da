#!/bin/sh
# Text wrapping: a Chinese note of 1, 4 and 10 MiB wrapped to 80 columns
# (medians of three, ms). "ms per MiB" stays flat when wrapping is linear.
set -eu
build=${1:-build}
echo "== wrap (medians, ms; Chinese note, 80 columns)"
"$build/bench_wrap" 1 4 10
