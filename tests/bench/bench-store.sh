#!/bin/sh
# Assessments: answer commit latency, scoring, and growth of score, export
# and list with the number of requirements and of assessments.
set -eu
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for n in 1000 10000 100000; do
	"$build/gen_profile" $n "$tmp/syn-$n" >/dev/null
	cp profiles/gbt22239-2019/99-rules.yaml "$tmp/syn-$n/"
done
echo "== assessments (medians; synthetic sets show linear growth)"
"$build/bench_store" profiles/gbt22239-2019 "$tmp/syn-1000" "$tmp/syn-10000" "$tmp/syn-100000"
