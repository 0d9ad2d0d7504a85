#!/usr/bin/env bash
# Guards speed work on the extractor: records what a build extracts from a fixed set of
# texts, then checks that another build extracts byte-identical JSON from them.
#
#   Tests/Benchmarks/extract-golden.sh record DIR   # with the build before the change
#   Tests/Benchmarks/extract-golden.sh check DIR    # after it: exit 1 and a diff on any change
#
# Texts: the seed article (published 2024-03-14), the real-news dev set (its own dates;
# 2024-03-14 where it has none), OntoNotes dev_nw and CoNLL-2003 dev (names), and the
# recognizer suites' texts (figures/, each at its own reference date). Also records
# the real-news, date-suite and name-F1 scores the README quotes, which must stay equal too.
# BINARY=path uses that build (default: the release build, built first). The outputs are
# kept in DIR, outside git.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=${1:?record or check}
dir=${2:?directory for the golden outputs}
data=../shared/data
seed=../shared/fixtures/nato-ammunition.txt
binary=${BINARY:-}
if [ -z "$binary" ]; then
  swift build -c release --product article-entities >/dev/null
  binary=.build/release/article-entities
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

run_all() { # into $1
  local to=$1
  "$binary" extract --published-at 2024-03-14 "$seed" > "$to/seed.json"
  for f in realnews/dev.jsonl ontonotes/dev_nw.jsonl conll2003/dev.jsonl; do
    "$binary" extract --jsonl --published-at 2024-03-14 "$data/$f" > "$to/$(echo "$f" | tr / _)"
  done
  # The recognizer suites' short texts, each with its own reference date.
  for f in date_recognizers money_recognizers; do
    python3 -c 'import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    c = json.loads(l)
    print(json.dumps({"id": c["id"], "text": c["text"], "published_at": (c.get("reference") or "2024-03-14")[:10]}))' \
      "$data/figures/$f.jsonl" | "$binary" extract --jsonl --published-at 2024-03-14 - > "$to/figures_$f.jsonl"
  done
  {
    "$binary" eval --suite "$data/realnews/dev_money.jsonl" --kind money
    "$binary" eval --suite "$data/realnews/dev_dates_valued.jsonl" --kind date
    "$binary" eval --suite "$data/realnews/dev_dates_all.jsonl" --kind date
    "$binary" eval --suite "$data/figures/date_recognizers.jsonl" --kind date --date-convention recognizers
    "$binary" eval --suite "$data/figures/money_recognizers.jsonl" --kind money
    "$binary" eval --gold "$data/ontonotes/dev_nw.jsonl" --types person,organisation,place
    "$binary" eval --gold "$data/conll2003/dev.jsonl" --types person,organisation,place
  } 2>&1 | grep -v " tokens in .* s (reading" > "$to/eval.txt"
}

case $mode in
  record)
    mkdir -p "$dir"
    run_all "$dir"
    echo "recorded $(ls "$dir" | wc -l) files in $dir"
    ;;
  check)
    run_all "$out"
    status=0
    for f in "$dir"/*; do
      name=$(basename "$f")
      if cmp -s "$f" "$out/$name"; then echo "same: $name"; else echo "DIFFERENT: $name"; diff "$f" "$out/$name" | head -20; status=1; fi
    done
    exit $status
    ;;
  *) echo "record or check" >&2; exit 2 ;;
esac
