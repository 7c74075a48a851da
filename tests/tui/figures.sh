#!/bin/bash
# One definition of every figure (issues 12 and 14): for a seeded random
# assessment (level 3, cloud, three objects, one mitigated high risk) the
# UI summary (read from the screen), `mlps list`, `mlps score --format json`
# and `mlps report --format json` show the same rate, composite, progress
# and high-risk count, rounded once, to one decimal, where people read them.
. "$(dirname "$0")/lib.bash"

mlps new --system 对照系统 --level 3 --ext cloud --flags cloud-platform,continuity \
	--object server:web01 --object server:web02 --object database:db01 >/dev/null
RANDOM=7
statuses=(compliant compliant partial noncompliant compliant na)
for id in $(mlps catalog list --level 3 --ext cloud --format tsv | tail -n +2 | cut -f1); do
	[ $((RANDOM % 3)) -eq 0 ] && continue
	st=${statuses[$((RANDOM % 6))]}
	mlps answer 1 "$id" "$st" --all-objects --reason "不涉及" >/dev/null 2>&1
done
mlps answer 1 L3-SMC1-10 noncompliant --risk medium --mitigation "日志另存异地六个月" >/dev/null

# From the machine formats, full precision, rounded here the one way people see them.
read -r rate m high mitigated decided scope < <(mlps score 1 --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
l = [x for x in d["levels"] if x["level"] == 3][0]
h = d["high_risks"]
print("%.1f %.1f %d %d %d %d" % (l["rate"], l["composite"]["M"], len(h),
      sum(1 for x in h if x.get("mitigated")), l["answered"] + l["na"], l["total"] if "total" in l else l["applicable"] + l["na"]))')
check "the seeded assessment has a mitigated high risk" [ "$mitigated" -ge 1 ]

read -r rrate rm rhigh < <(mlps report 1 --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
lv = d.get("levels") or d["summary"]["levels"]
l = [x for x in lv if x["level"] == 3][0]
print("%.1f %.1f %d" % (l["rate"], l["score"], len(d["high_risks"])))')
check_eq "report json: the same rate" "$rate" "$rrate"
check_eq "report json: the same composite" "$m" "$rm"
check_eq "report json: the same high-risk count" "$high" "$rhigh"

line=$(mlps list | awk '$1 == 1')
check "list: the same progress" grep -q " $decided/$scope " <<<"$line"
check "list: the same composite" grep -q " $m " <<<"$line"

tui_start 100x40 LANG=C.UTF-8 -- open 1
keys s
wait_for "各级得分与结论"
expect "UI summary: the same rate and composite at level 3" "L3 \* +[0-9]+ +[0-9]+ +[0-9.]+% +$rate +$m "
expect "UI summary: the high-risk count with the mitigated ones" "高风险项 $high（已缓解 $mitigated）"
text "L"
expect "in English the same count" "High-risk findings: $high \($mitigated mitigated\)"
keys q q q
check_eq "the UI quits cleanly" 0 "$(wait_exit)"
finish
