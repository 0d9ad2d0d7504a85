#!/usr/bin/env bash
# Extraction alone, one build against another in the same run: `extract --jsonl` of the seed
# article COPIES times (each line a new article, published 2024-03-14), on one core, the two
# builds alternated ROUNDS times; prints the medians of articles per CPU second (start-up,
# measured on one copy, subtracted) and the ratio new/baseline. Then, unless
# INSTRUCTIONS=0, instructions per article from callgrind (11 copies minus 1, so start-up
# cancels out), which repeat where wall-clock does not.
#
#   BASELINE=/tmp/old/article-entities Tests/Benchmarks/bench-extract-seed.sh [COPIES] [ROUNDS]
#
# BINARY=path measures that build instead of building the release one. A baseline build
# needs its resource bundles beside it (copy .build/release/*.resources with the binary).
set -euo pipefail
cd "$(dirname "$0")/../.."
copies=${1:-400}
rounds=${2:-5}
seed=../shared/fixtures/nato-ammunition.txt
[ -f "$seed" ] || { echo "$seed is missing" >&2; exit 2; }
baseline=${BASELINE:?set BASELINE to the article-entities binary to compare against}
binary=${BINARY:-}
if [ -z "$binary" ]; then
  swift build -c release --product article-entities >/dev/null
  binary=.build/release/article-entities
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$seed" "$work" "$copies" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
for name, n in (("one", 1), ("many", int(sys.argv[3])), ("eleven", 11)):
    with open(f"{sys.argv[2]}/{name}.jsonl", "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": str(i), "text": text, "published_at": "2024-03-14"}) + "\n")
PY
cpu() { # binary file -> CPU seconds
  /usr/bin/time -f "%U %S" -o "$work/time" taskset -c 0 "$1" extract --jsonl "$2" > /dev/null
  awk '{printf "%.3f\n", $1 + $2}' "$work/time"
}
for round in $(seq "$rounds"); do
  for name in baseline new; do
    bin=$baseline; [ "$name" = new ] && bin=$binary
    echo "$name $(cpu "$bin" "$work/one.jsonl") $(cpu "$bin" "$work/many.jsonl")" >> "$work/results"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $copies copies of the seed article, $rounds rounds"
python3 - "$work/results" "$copies" <<'PY'
import statistics, sys
copies = int(sys.argv[2])
rates = {"baseline": [], "new": []}
for line in open(sys.argv[1]):
    name, one, many = line.split()
    rates[name].append((copies - 1) / max(float(many) - float(one), 1e-9))
med = {k: statistics.median(v) for k, v in rates.items()}
for k in ("baseline", "new"):
    print(f"extraction, {k:8s}: {med[k]:7.0f} articles per CPU second  (runs: {', '.join(f'{r:.0f}' for r in rates[k])})")
print(f"ratio new/baseline: {med['new'] / med['baseline']:.2f}x articles per CPU second")
PY
[ "${INSTRUCTIONS:-1}" = 0 ] && exit 0
command -v valgrind >/dev/null || { echo "install valgrind for instruction counts" >&2; exit 0; }
instructions() {
  local a b
  a=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" extract --jsonl "$work/eleven.jsonl" 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
  b=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" extract --jsonl "$work/one.jsonl" 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
  echo $(( (a - b) / 10 ))
}
ib=$(instructions "$baseline"); in=$(instructions "$binary")
python3 -c "import sys; b, n = int(sys.argv[1]), int(sys.argv[2]); print(f'instructions per article, extract --jsonl: baseline {b:,}  new {n:,}  ratio new/baseline {n / b:.2f}')" "$ib" "$in"
