#!/bin/sh
# The profile loader against a bare libyaml parse of the same bytes, on the
# shipped set and on synthetic sets of 1,000 and 100,000 requirements.
set -eu
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$build/gen_profile" 1000 "$tmp/synthetic-1k" >/dev/null
"$build/gen_profile" 100000 "$tmp/synthetic-100k" >/dev/null

echo "== profile loader (per load; ratio = load+validate / bare libyaml parse, target <= 1.5)"
"$build/bench_loader" profiles/gbt22239-2019 101
"$build/bench_loader" "$tmp/synthetic-1k" 51
"$build/bench_loader" "$tmp/synthetic-100k" 5
