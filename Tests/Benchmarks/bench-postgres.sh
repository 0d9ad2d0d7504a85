#!/usr/bin/env bash
# POST and GET entities throughput on PostgreSQL, one node and two nodes, against one node
# on SQLite, in the same run: three set-ups alternated ROUNDS times, each on a fresh
# database (a new SQLite file, a new PostgreSQL schema). Prints medians, p99 and the ratios
# the issue's bars are about: PostgreSQL 1 node / SQLite, PostgreSQL 2 nodes / 1 node.
#
#   Tests/Benchmarks/bench-postgres.sh [SECONDS] [ROUNDS] [CONNECTIONS]
#
# POST: the seed article as a new article each time (a fresh title). GET: the seed
# article's entities. Two nodes: two `serve` processes on one database, each driven by its
# own wrk with half the connections (no load balancer in between); their rates are summed.
# Uses ARTICLE_ENTITIES_TEST_POSTGRES_URL, or starts a throw-away cluster
# (Tests/Support/pg-cluster.sh) when it is not set. BINARY=path measures that build instead
# of building the release one.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-5}
rounds=${2:-3}
connections=${3:-8}
seed=../shared/fixtures/nato-ammunition.txt
[ -f "$seed" ] || { echo "$seed is missing" >&2; exit 2; }
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null || { echo "install wrk" >&2; exit 2; }
command -v psql >/dev/null || { echo "install postgresql (psql)" >&2; exit 2; }
binary=${BINARY:-}
if [ -z "$binary" ]; then
  swift build -c release --product article-entities >/dev/null
  binary=.build/release/article-entities
fi
work=$(mktemp -d)
pids=()
cluster=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  [ -n "$cluster" ] && { Tests/Support/pg-cluster.sh stop "$cluster" >/dev/null 2>&1; rm -rf "$cluster"; }
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

base_url=${ARTICLE_ENTITIES_TEST_POSTGRES_URL:-}
if [ -z "$base_url" ]; then
  # Its own folder in /tmp, as .ci/run's: the cluster runs as another user, who cannot enter $work.
  cluster=$(mktemp -d /tmp/bench-postgres.XXXXXX)
  base_url=$(Tests/Support/pg-cluster.sh start "$cluster")
fi

python3 Tests/Benchmarks/post-new-article-lua.py "$seed" > "$work/post-new.lua"

# A database for one set-up: a SQLite path, or the PostgreSQL URL of a new, empty schema.
fresh_database() {
  if [ "$1" = sqlite ]; then echo "$work/bench-$RANDOM$RANDOM.sqlite"; return; fi
  local schema="bench_$RANDOM$RANDOM"
  psql -X -q -v ON_ERROR_STOP=1 "$base_url" -c "CREATE SCHEMA $schema" >/dev/null
  local sep="?"; [[ "$base_url" == *"?"* ]] && sep="&"
  echo "${base_url}${sep}options=-c%20search_path%3D$schema"
}

start_node() {  # database -> port (the node's pid is appended to pids)
  local port
  port=$(free_port)
  ARTICLE_ENTITIES_DATABASE="$1" ARTICLE_ENTITIES_LOG_REQUESTS=false "$binary" serve --port "$port" >>"$work/serve.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 150); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && { echo "$port"; return; }; sleep 0.1; done
  echo "a node did not start; its log:" >&2; cat "$work/serve.log" >&2; exit 1
}

stop_nodes() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done
  pids=()
}

# wrk against each port at once (connections split between them): "requests/s p99-ms",
# the rates summed, the worst p99.
drive() {  # script-or-empty path ports...
  local script=$1 path=$2; shift 2
  local per=$(( connections / $# )) i=0 files=() drivers=()
  [ "$per" -ge 1 ] || per=1
  for port in "$@"; do
    i=$((i + 1))
    local args=(-t1 -c"$per" -d"${seconds}s" --latency)
    [ -n "$script" ] && args+=(-s "$script")
    wrk "${args[@]}" "http://127.0.0.1:$port$path" > "$work/wrk.$i" &
    drivers+=($!)
    files+=("$work/wrk.$i")
  done
  wait "${drivers[@]}"
  python3 - "${files[@]}" <<'PY'
import re, sys
total, worst = 0.0, 0.0
for name in sys.argv[1:]:
    out = open(name).read()
    if "Non-2xx" in out:
        sys.exit("wrk saw error responses:\n" + out)
    total += float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    worst = max(worst, float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit])
print(total, worst)
PY
}

# One set-up ("sqlite", "pg1", "pg2"): POST then GET entities; appends result lines.
measure() {
  local setup=$1 db ports=()
  db=$(fresh_database "$([ "$setup" = sqlite ] && echo sqlite || echo postgresql)")
  ports+=("$(start_node "$db")")
  [ "$setup" = pg2 ] && ports+=("$(start_node "$db")")
  echo "$setup post $(drive "$work/post-new.lua" /v1/articles "${ports[@]}")" >> "$work/results"
  local id
  id=$(curl -fsS -H 'Content-Type: text/plain' --data-binary @"$seed" \
       "http://127.0.0.1:${ports[0]}/v1/articles?published_at=2024-03-14&title=the-get-article" |
       python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  echo "$setup get $(drive "" "/v1/articles/$id/entities" "${ports[@]}")" >> "$work/results"
  stop_nodes
  [ "$setup" = sqlite ] && rm -f "$db" "$db-wal" "$db-shm"
  return 0
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq "$rounds"); do
  for setup in sqlite pg1 pg2; do measure "$setup"; done
done
echo "load average at the start: $load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores;" \
     "${seconds}s per run, $rounds rounds, $connections connections in all"
python3 - "$work/results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    setup, route, rps, p99 = line.split()
    runs.setdefault((setup, route), []).append((float(rps), float(p99)))
med = {k: (statistics.median(r for r, _ in v), statistics.median(p for _, p in v)) for k, v in runs.items()}
names = {"sqlite": "SQLite, 1 node", "pg1": "PostgreSQL, 1 node", "pg2": "PostgreSQL, 2 nodes"}
for route, label in (("post", "POST seed as new article"), ("get", "GET entities")):
    for setup in ("sqlite", "pg1", "pg2"):
        rps, p99 = med[(setup, route)]
        print(f"{label:25s} {names[setup]:20s} {rps:8.0f} req/s  p99 {p99:7.1f} ms"
              f"  (runs: {', '.join(f'{r:.0f}' for r, _ in runs[(setup, route)])})")
    print(f"{label:25s} ratio PostgreSQL 1 node / SQLite: {med[('pg1', route)][0] / med[('sqlite', route)][0]:.2f}x; "
          f"2 nodes / 1 node: {med[('pg2', route)][0] / med[('pg1', route)][0]:.2f}x")
PY
