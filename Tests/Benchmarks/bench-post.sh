#!/usr/bin/env bash
# POST throughput of one build against another, in the same run: the seed article POSTed
# as a new article each time (a fresh title) at CONNECTIONS connections, the two builds
# alternated ROUNDS times, each on a fresh database; prints medians of articles/s, p99,
# the service's CPU time per article (user + system) and the bytes it wrote per article
# (its write calls: WAL, checkpoint, responses), and the ratios new/baseline. Then, unless
# INSTRUCTIONS=0, instructions per article (valgrind's callgrind, repeatable where
# wall-clock is not) for `extract --jsonl` of the seed article and for the POST route, for
# both builds.
#
#   BASELINE=/tmp/old/article-entities Tests/Benchmarks/bench-post.sh [SECONDS] [ROUNDS] [CONNECTIONS]
#
# PAIRED=1 runs the two builds at the same time instead, each under its own wrk at
# CONNECTIONS, on fresh databases: both then meet the same machine at the same moment, and
# the ratio of their CPU per article holds within a few per cent on a machine whose speed
# drifts by a third within minutes (articles/s are then each build's share of the cores).
# Either way the builds take turns going first, and the ratios are also given paired by round.
#
# BINARY=path measures that build instead of building the release one. Needs wrk and,
# for instruction counts, valgrind (both installed with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-5}
rounds=${2:-3}
connections=${3:-8}
seed=../shared/fixtures/nato-ammunition.txt
[ -f "$seed" ] || { echo "$seed is missing" >&2; exit 2; }
baseline=${BASELINE:?set BASELINE to the article-entities binary to compare against}
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null || { echo "install wrk" >&2; exit 2; }
binary=${BINARY:-}
if [ -z "$binary" ]; then
  swift build -c release --product article-entities >/dev/null
  binary=.build/release/article-entities
fi
work=$(mktemp -d)
pid=""
pids=()
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

python3 Tests/Benchmarks/post-new-article-lua.py "$seed" > "$work/post-new.lua"

# One build on a fresh database: "articles/s p99-ms".
measure() {
  local bin=$1 port db
  port=$(free_port)
  db="$work/bench-$RANDOM.sqlite"
  "$bin" serve --port "$port" --database "$db" 2>>"$work/serve.log" &
  pid=$!
  for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  local out ticks_before ticks_after
  # The service's CPU time (user + system, in clock ticks) around the run: CPU per article
  # varies less than articles/s on a machine shared with others.
  ticks_before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  local written_before written_after
  written_before=$(written "$pid")
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/post-new.lua" "http://127.0.0.1:$port/v1/articles")
  ticks_after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  written_after=$(written "$pid")
  local stored
  stored=$(curl -fsS "http://127.0.0.1:$port/healthz" | python3 -c 'import json, sys; print(json.load(sys.stdin)["articles"])')
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  # Every request must have stored a new article (a re-post is answered without extraction).
  local requests
  requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' <<<"$out")
  if [ "$stored" -lt "$requests" ]; then
    echo "only $stored articles stored for $requests requests: some POSTs were re-posts" >&2; exit 1
  fi
  rm -f "$db" "$db-wal" "$db-shm"
  if grep -q "Non-2xx" <<<"$out"; then echo "wrk saw error responses:" >&2; echo "$out" >&2; exit 1; fi
  run_figures "$out" "$((ticks_after - ticks_before))" "$stored" "$((written_after - written_before))"
}

# "articles/s p99-ms cpu-ms written-KB" from wrk's output, the CPU ticks, the articles stored
# and the bytes written.
run_figures() {
  python3 - "$1" "$2" "$3" "$(getconf CLK_TCK)" "$4" <<'PY'
import re, sys
out, ticks, stored, hz, written = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
print(rps, float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 1000 * ticks / hz / max(stored, 1),
      written / 1024 / max(stored, 1))
PY
}

# Bytes the process has handed to write calls (/proc/PID/io wchar): the WAL's frames, the
# checkpoint's pages and the responses; the pages a commit rewrites are most of it.
written() { sed -n 's/^wchar: //p' "/proc/$1/io"; }

# Both builds at once, each under its own wrk: "articles/s p99-ms cpu-ms written-KB" of each, by name.
measure_paired() {
  local names=(baseline new) bins=("$baseline" "$binary") ports=() dbs=() ticks=() k
  pids=()
  for k in 0 1; do
    ports[k]=$(free_port); dbs[k]="$work/paired-$k-$RANDOM.sqlite"
    "${bins[k]}" serve --port "${ports[k]}" --database "${dbs[k]}" 2>>"$work/serve.log" &
    pids[k]=$!
  done
  for k in 0 1; do
    for _ in $(seq 100); do curl -fsS "http://127.0.0.1:${ports[k]}/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  done
  local written_before=()
  for k in 0 1; do ticks[k]=$(awk '{print $14 + $15}' "/proc/${pids[k]}/stat"); written_before[k]=$(written "${pids[k]}"); done
  local clients=()
  for k in 0 1; do
    wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$work/post-new.lua" "http://127.0.0.1:${ports[k]}/v1/articles" > "$work/wrk-$k" &
    clients[k]=$!
  done
  wait "${clients[@]}"
  for k in 0 1; do
    local used=$(( $(awk '{print $14 + $15}' "/proc/${pids[k]}/stat") - ticks[k] )) stored out
    local wrote=$(( $(written "${pids[k]}") - written_before[k] ))
    stored=$(curl -fsS "http://127.0.0.1:${ports[k]}/healthz" | python3 -c 'import json, sys; print(json.load(sys.stdin)["articles"])')
    out=$(cat "$work/wrk-$k")
    if grep -q "Non-2xx" <<<"$out"; then echo "wrk saw error responses:" >&2; echo "$out" >&2; exit 1; fi
    echo "${names[k]} $(run_figures "$out" "$used" "$stored" "$wrote")" >> "$work/results"
  done
  for k in 0 1; do kill "${pids[k]}"; wait "${pids[k]}" 2>/dev/null || true; rm -f "${dbs[k]}" "${dbs[k]}-wal" "${dbs[k]}-shm"; done
  pids=()
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq "$rounds"); do
  if [ "${PAIRED:-0}" = 1 ]; then
    measure_paired
  elif [ $((round % 2)) = 1 ]; then
    echo "baseline $(measure "$baseline")" >> "$work/results"
    echo "new $(measure "$binary")" >> "$work/results"
  else
    echo "new $(measure "$binary")" >> "$work/results"
    echo "baseline $(measure "$baseline")" >> "$work/results"
  fi
done
echo "load average at the start: $load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores;" \
     "${seconds}s per run, $rounds rounds, $connections connections$([ "${PAIRED:-0}" = 1 ] && echo ", both builds at once")"
python3 - "$work/results" <<'PY'
import statistics, sys
runs = {"baseline": [], "new": []}
for line in open(sys.argv[1]):
    name, rps, p99, cpu, written = line.split()
    runs[name].append((float(rps), float(p99), float(cpu), float(written)))
med = {k: [statistics.median(r[i] for r in v) for i in range(4)] for k, v in runs.items()}
for k in ("baseline", "new"):
    print(f"POST seed as new article, {k:8s}: {med[k][0]:7.0f} articles/s, p99 {med[k][1]:6.1f} ms,"
          f" service CPU {med[k][2]:.2f} ms/article, {med[k][3]:.0f} KB written/article"
          f"  (runs: {', '.join(f'{r[0]:.0f}' for r in runs[k])})")
print(f"ratio new/baseline: {med['new'][0] / med['baseline'][0]:.2f}x articles/s,"
      f" {med['new'][2] / med['baseline'][2]:.2f}x CPU per article")
pairs = list(zip(runs["baseline"], runs["new"]))
print(f"paired by round (medians): {statistics.median(n[0] / b[0] for b, n in pairs):.3f}x articles/s,"
      f" {statistics.median(n[2] / b[2] for b, n in pairs):.3f}x CPU per article"
      f"  (CPU ratios: {', '.join(f'{n[2] / b[2]:.3f}' for b, n in pairs)})")
PY

[ "${INSTRUCTIONS:-1}" = 0 ] && exit 0
command -v valgrind >/dev/null || apt-get install -y valgrind >/dev/null || { echo "install valgrind" >&2; exit 2; }
python3 - "$seed" "$work" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
for n in (1, 11):
    with open(f"{sys.argv[2]}/seed{n}.jsonl", "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": str(i), "text": text, "published_at": "2024-03-14"}) + "\n")
PY
# Instructions of `extract --jsonl` on 11 copies minus 1 copy, per copy: start-up cancels out.
extract_instructions() {
  local a b
  a=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" extract --jsonl "$work/seed11.jsonl" 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
  b=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" extract --jsonl "$work/seed1.jsonl" 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
  echo $(( (a - b) / 10 ))
}
# Instructions of the whole service for 20 POSTs after 3 warm-up POSTs, per POST.
post_instructions() {
  local port db vp
  port=$(free_port)
  db="$work/prof-$RANDOM.sqlite"
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.%p" "$1" serve --port "$port" --database "$db" 2>>"$work/serve.log" &
  vp=$!
  for _ in $(seq 600); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  python3 - "$port" 3 "$seed" <<'PY'
import http.client, sys
port, n, seed = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
body = open(seed, "rb").read()
c = http.client.HTTPConnection("127.0.0.1", port)
for i in range(n):
    c.request("POST", f"/v1/articles?published_at=2024-03-14&title=warm-{i}", body, {"Content-Type": "text/plain"})
    r = c.getresponse(); r.read(); assert r.status == 201, r.status
PY
  callgrind_control -z "$vp" >/dev/null 2>&1
  python3 - "$port" 20 "$seed" <<'PY'
import http.client, sys
port, n, seed = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
body = open(seed, "rb").read()
c = http.client.HTTPConnection("127.0.0.1", port)
for i in range(n):
    c.request("POST", f"/v1/articles?published_at=2024-03-14&title=measured-{i}", body, {"Content-Type": "text/plain"})
    r = c.getresponse(); r.read(); assert r.status == 201, r.status
PY
  callgrind_control -d "$vp" >/dev/null 2>&1
  local total
  total=$(sed -n 's/^summary: //p' "$work/cg.$vp.1")
  kill "$vp"; wait "$vp" 2>/dev/null || true
  rm -f "$db" "$db-wal" "$db-shm" "$work"/cg.*
  echo $(( total / 20 ))
}
eb=$(extract_instructions "$baseline"); en=$(extract_instructions "$binary")
pb=$(post_instructions "$baseline"); pn=$(post_instructions "$binary")
python3 - "$eb" "$en" "$pb" "$pn" <<'PY'
import sys
eb, en, pb, pn = map(int, sys.argv[1:])
print(f"instructions per article, extract --jsonl: baseline {eb:,}  new {en:,}  ratio new/baseline {en / eb:.2f}")
print(f"instructions per article, POST (whole service): baseline {pb:,}  new {pn:,}  ratio new/baseline {pn / pb:.2f}")
PY
