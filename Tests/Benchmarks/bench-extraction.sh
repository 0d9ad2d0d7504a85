#!/usr/bin/env bash
# Extraction speed on one core through `extract --jsonl`, each figure beside a baseline
# measured in the same run (tokenizing and JSON in and out, no recognizer: --types none).
#
#   Tests/Benchmarks/bench-extraction.sh [COPIES]
#
# Input: the OntoNotes dev_nw texts (../shared/data), repeated COPIES times (default 10)
# so that start-up (loading the model, measured apart) weighs little. Words are the
# corpus's own tokens (52,618 per copy of dev_nw). Prints CPU seconds, words per CPU
# second, MB/s of text and peak resident memory.
set -euo pipefail
cd "$(dirname "$0")/../.."
copies=${1:-10}
gold=../shared/data/ontonotes/dev_nw.jsonl
[ -f "$gold" ] || { echo "$gold is missing" >&2; exit 2; }
swift build -c release --product article-entities >/dev/null
bin=.build/release/article-entities
work=$(mktemp -d)
trap 'rm -f "$work"/*; rmdir "$work"' EXIT

python3 - "$gold" "$copies" "$work/input.jsonl" > "$work/counts" <<'PY'
import json, sys
gold, copies, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
docs = [json.loads(l) for l in open(gold, encoding="utf-8")]
words = 0
size = 0
with open(out, "w", encoding="utf-8") as f:
    for c in range(copies):
        for d in docs:
            f.write(json.dumps({"id": f"{d['id']}#{c}", "text": d["text"]}) + "\n")
            size += len(d["text"].encode("utf-8"))
# Tokens of the corpus: its text was rebuilt from them, so whitespace words plus split punctuation;
# SOURCES.md gives 52,618 for dev_nw.
print(52618 * copies if gold.endswith("dev_nw.jsonl") else sum(len(d["text"].split()) for d in docs) * copies, size)
PY
read -r words bytes < "$work/counts"

# CPU seconds (user + system) and peak RSS of one run, pinned to one core.
run() {
  /usr/bin/time -f "%U %S %M" -o "$work/time" taskset -c 0 "$bin" extract --jsonl "$@" "$work/input.jsonl" > /dev/null
  awk '{printf "%.3f %d\n", $1 + $2, $3}' "$work/time"
}
: > "$work/empty.jsonl"
/usr/bin/time -f "%U %S %M" -o "$work/time" taskset -c 0 "$bin" extract --jsonl "$work/empty.jsonl" > /dev/null
read -r startup startup_rss < <(awk '{printf "%.3f %d\n", $1 + $2, $3}' "$work/time")
read -r base base_rss < <(run --types none)
read -r md md_rss < <(run --types money,date)
read -r all all_rss < <(run)

report() { # name cpu rss
  python3 - "$1" "$2" "$3" "$words" "$bytes" "$base" "$startup" <<'PY'
import sys
name, cpu, rss, words, size, base, startup = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
steady = max(cpu - startup, 1e-9)
print(f"{name:34s} {cpu:7.3f} CPU s  {words / cpu:10,.0f} words/CPU s ({words / steady:10,.0f} after start-up)"
      f"  {size / cpu / 1e6:6.1f} MB/s  {cpu / base:5.2f} x baseline  peak {rss / 1024:5.0f} MB")
PY
}
echo "input: dev_nw x $copies = $words words, $((bytes / 1000)) kB of text; start-up (model load, empty input): ${startup} CPU s, peak $((startup_rss / 1024)) MB"
report "baseline (--types none)" "$base" "$base_rss"
report "money + dates (--types money,date)" "$md" "$md_rss"
report "whole extraction (all five types)" "$all" "$all_rss"
