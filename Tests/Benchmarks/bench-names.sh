#!/bin/sh
# Speed and peak memory of name tagging (and, once `extract --jsonl` exists, of the whole
# extraction). Run from the package root: Tests/Benchmarks/bench-names.sh [FILE.jsonl]
# Words are tokens as the project's tokenizer counts them. Needs a release build:
#   swift build -c release --product article-entities
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=${1:-$ROOT/../shared/data/ontonotes/train_nw.jsonl}
BIN=$ROOT/.build/release/article-entities
[ -f "$DATA" ] || { echo "no data at $DATA (pass a JSONL of {\"id\",\"text\"} lines)"; exit 1; }
[ -x "$BIN" ] || { echo "build first: swift build -c release --product article-entities"; exit 1; }
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

if "$BIN" extract --help 2>/dev/null | grep -q -- --jsonl; then
    echo "== whole extraction: article-entities extract --jsonl $DATA"
    WORDS=$(python3 -c "import json,re,sys; print(sum(len(re.findall(r'\w+|[^\w\s]', json.loads(l)['text'])) for l in open(sys.argv[1])))" "$DATA")
    /usr/bin/time -v "$BIN" extract --jsonl "$DATA" >/dev/null 2>"$LOG"
    CPU=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$LOG")
    echo "words (approx.): $WORDS  CPU seconds: $CPU  words per CPU second: $(python3 -c "print(round($WORDS/$CPU))")"
    grep "Maximum resident set size" "$LOG"
fi

echo "== name tagger alone (tag only, one thread): article-entities train --evaluate"
/usr/bin/time -v "$BIN" train --evaluate "$ROOT/Sources/EntityExtraction/Resources/names.model" --dev "$DATA" 2>"$LOG" | grep -E "tokens per CPU second|micro"
grep -E "Maximum resident set size|Elapsed" "$LOG"
