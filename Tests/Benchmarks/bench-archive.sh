#!/usr/bin/env bash
# The archive at scale: builds the release binary, generates N synthetic articles
# (make-corpus.py), imports them into a fresh database with `article-entities import`,
# prints the import speed and the database size per article beyond the text, then
# serves that database and measures single-client p50/p99 latency of every archive-wide
# query of issue 10 (archive-latency.py).
#
#   Tests/Benchmarks/bench-archive.sh [N] [REPEAT]      (defaults 10000 and 50)
#
# BINARY=path/to/article-entities measures that build instead of building the release one.
# KEEP=DIR keeps the corpus and the database in DIR (and reuses them when they are there
# with N articles already, skipping the import): handy for re-measuring latency.
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-10000}
repeat=${2:-50}
command -v sqlite3 >/dev/null || { apt-get install -y sqlite3 >/dev/null || { echo "install sqlite3" >&2; exit 2; }; }

binary=${BINARY:-}
if [ -z "$binary" ]; then
  swift build -c release --product article-entities >/dev/null
  binary=.build/release/article-entities
fi
if [ -n "${KEEP:-}" ]; then
  work=$KEEP
  mkdir -p "$work"
else
  work=$(mktemp -d)
fi
db=$work/archive-$count.sqlite
corpus=$work/corpus-$count.jsonl
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  [ -z "${KEEP:-}" ] && rm -rf "$work"
  return 0
}
trap cleanup EXIT

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
stored=0
[ -f "$db" ] && stored=$(sqlite3 "$db" 'SELECT COUNT(*) FROM articles' 2>/dev/null || echo 0)
if [ "$stored" != "$count" ]; then
  rm -f "$db" "$db-wal" "$db-shm"
  [ -f "$corpus" ] || python3 Tests/Benchmarks/make-corpus.py "$count" > "$corpus"
  echo "corpus: $count articles, $(du -m "$corpus" | cut -f1) MB of NDJSON"
  start=$(date +%s.%N)
  "$binary" import --database "$db" "$corpus" 2>"$work/import.log" || { cat "$work/import.log" >&2; exit 1; }
  end=$(date +%s.%N)
  tail -1 "$work/import.log"
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'import: {int(sys.argv[3])/s:.0f} articles/s ({s:.1f} s wall, process start included)')" "$start" "$end" "$count"
  # Everything checkpointed into the main file, so its size is the database's size.
  sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
fi

size=$(stat -c %s "$db")
text=$(sqlite3 "$db" 'SELECT SUM(LENGTH(CAST(text AS BLOB))) FROM articles')
python3 -c "import sys; n,s,t=map(int,sys.argv[1:]); print(f'database: {s/1e6:.1f} MB for {n} articles; text {t/1e6:.1f} MB; beyond the text {(s-t)/n:.0f} bytes per article')" "$count" "$size" "$text"
# Where the bytes go, when this sqlite3 has the dbstat table.
sqlite3 "$db" "SELECT printf('  %-32s %8.1f MB  %6d B/article', name, SUM(pgsize)/1e6, SUM(pgsize)/$count) FROM dbstat GROUP BY name ORDER BY SUM(pgsize) DESC LIMIT 14" 2>/dev/null || true

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$binary" serve --port "$port" --database "$db" 2>"$work/serve.log" &
pid=$!
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
python3 Tests/Benchmarks/archive-latency.py "http://127.0.0.1:$port" --repeat "$repeat"
