#!/bin/sh
# Gap reports: time to render each format for a level-3 assessment with all
# extensions on the shipped set, and for synthetic sets of 1,000 to 100,000
# requirements (the "per 1k items" rows stay flat when growth is linear).
set -eu
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for n in 1000 10000 100000; do
	"$build/gen_profile" $n "$tmp/syn-$n" >/dev/null
	cp profiles/gbt22239-2019/99-rules.yaml "$tmp/syn-$n/"
done
echo "== reports (medians, ms; zh; text at 80 columns)"
"$build/bench_reports" profiles/gbt22239-2019 "$tmp/syn-1000" "$tmp/syn-10000" "$tmp/syn-100000"
