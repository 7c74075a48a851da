#!/bin/sh
# Fuzz smoke stage of `make test` (CTest entry fuzz_smoke): builds every
# libFuzzer harness of tests/fuzz with clang in its own build directory and
# runs each for MLPS_FUZZ_SECONDS (default 30) from a copy of its seed corpus
# (tests/fuzz/corpus/<name>/, never written to), two at a time on the two
# cores CI has. Any crash, leak, sanitizer report or timeout fails the test.
# Without clang and libFuzzer it prints a notice and passes.
#
# usage: smoke.sh SOURCE_DIR BUILD_DIR
set -eu
src=$1
build=$2
secs=${MLPS_FUZZ_SECONDS:-30}

probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
	>"$probe/p.c"
if ! command -v clang >/dev/null 2>&1 ||
   ! clang -fsanitize=fuzzer,address,undefined "$probe/p.c" -o "$probe/p" >/dev/null 2>&1; then
	echo "fuzz smoke: skipped: clang with libFuzzer is not available" \
	     "(apt-get install clang libclang-rt-14-dev)"
	exit 0
fi

cmake -S "$src" -B "$build" -DCMAKE_C_COMPILER=clang -DMLPS_FUZZ=ON \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
names=
for f in "$src"/tests/fuzz/fuzz_*.c; do
	names="$names $(basename "$f" .c)"
done
# shellcheck disable=SC2086
cmake --build "$build" -j 2 --target $names >/dev/null

# One harness: fresh corpus copy, the profile dictionary where it helps.
run() {
	name=$1
	corpus="$probe/corpus-$name"
	mkdir -p "$corpus"
	cp "$src/tests/fuzz/corpus/$name/"* "$corpus/" 2>/dev/null || true
	dict=
	max_len=4096
	case $name in
	fuzz_loader|fuzz_profile_set) dict="-dict=$src/tests/fuzz/profile.dict" ;;
	# A database file is whole pages: its seeds are ~5.5 KB with 512-byte pages.
	fuzz_store) max_len=8192 ;;
	esac
	# shellcheck disable=SC2086
	TMPDIR=$probe "$build/$name" "$corpus" $dict -max_len=$max_len -max_total_time="$secs" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$probe/$name-" \
		>"$probe/$name.log" 2>&1
}

status=0
set -- $names
while [ $# -gt 0 ]; do
	a=$1; shift
	b=${1:-}; [ $# -gt 0 ] && shift
	run "$a" & pa=$!
	pb=
	if [ -n "$b" ]; then run "$b" & pb=$!; fi
	wait "$pa" || { echo "fuzz smoke: $a FAILED"; tail -40 "$probe/$a.log"; status=1; }
	if [ -n "$pb" ]; then
		wait "$pb" || { echo "fuzz smoke: $b FAILED"; tail -40 "$probe/$b.log"; status=1; }
	fi
done
for name in $names; do
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$probe/$name.log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$probe/$name.log")
	printf 'fuzz smoke: %-18s %10s execs %8s/s in %ss\n' "$name" "${execs:-?}" "${rate:-?}" "$secs"
done
exit $status
