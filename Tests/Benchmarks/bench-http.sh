#!/usr/bin/env bash
# The service against nginx serving the same response bytes, on 127.0.0.1, in one run:
# GET /healthz and GET /v1/articles/{id}/entities (the seed article) under wrk at 16 and
# 64 connections, the servers alternated ROUNDS times, medians of requests/s, p50 and p99,
# with the service in its default configuration (access log on) and with log_requests=false;
# then POSTs of the seed article as a new article each time at 8 connections, each run on a
# fresh database, the builds taking turns to go first.
#
#   Tests/Benchmarks/bench-http.sh [SECONDS] [ROUNDS]      (defaults 5 and 3)
#
# BINARY=path/to/article-entities measures that build instead of building the release one.
# BASELINE=path/to/other/article-entities measures an older build too, in the same run
# (before/after from one run: on a shared machine, runs minutes apart are not comparable).
# PIN=both (the default) measures every server twice: as it runs by default, sharing both
# cores with wrk, and pinned, the server to core 0 and wrk to core 1 (taskset), so that
# the client never takes the server's core. Pinned, nginx has its one worker and the
# service one event loop and one worker (it sizes them by its CPU affinity): the same
# core for each, which is the fair comparison of what a request costs. PIN=off or PIN=on
# runs only one of the two.
#
# For the service with its access log on, "in-server p99" is the 99th percentile of the
# durations its log gives (first byte received to response handed to the socket): the
# part of wrk's latency spent inside the server rather than waiting for a core.
#
# Needs wrk and nginx (Debian's wrk and nginx-light; installed with apt-get when missing).
# nginx runs one worker without an access log, which is the harder baseline.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-5}
rounds=${2:-3}
pin=${PIN:-both}
case $pin in both) modes="free pinned" ;; on) modes=pinned ;; off) modes=free ;; *) echo "PIN is both, on or off" >&2; exit 2 ;; esac
[ "$(nproc)" -ge 2 ] || modes=free  # nothing to pin apart on one core
seed=../shared/fixtures/nato-ammunition.txt
[ -f "$seed" ] || { echo "$seed is missing" >&2; exit 2; }
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  apt-get install -y wrk nginx-light >/dev/null || { echo "install wrk and nginx-light" >&2; exit 2; }
fi

binary=${BINARY:-}
if [ -z "$binary" ]; then
  swift build -c release --product article-entities >/dev/null
  binary=.build/release/article-entities
fi
services="ours"
[ -n "${BASELINE:-}" ] && services="ours base"
declare -A bin=([ours]=$binary [base]=${BASELINE:-}) port pid id
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
for s in $services nginx; do port[$s]=$(free_port); done
url() { echo "http://127.0.0.1:${port[$1]}"; }
cleanup() {
  for s in "${!pid[@]}"; do kill "${pid[$s]}" 2>/dev/null; wait "${pid[$s]}" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

# How a server or wrk is started in a mode: pinned to core 0 or 1, or as it is.
server_cpu() { [ "$1" = pinned ] && echo "taskset -c 0" || true; }
client_cpu() { [ "$1" = pinned ] && echo "taskset -c 1" || true; }

# The service NAME (ours or base), logging (true) or not, in MODE, on its database (or
# DATABASE); its log goes to a file.
start_service() {
  local name=$1 log=$2 mode=$3 database=${4:-$work/$1.sqlite}
  ARTICLE_ENTITIES_LOG_REQUESTS=$log $(server_cpu "$mode") "${bin[$name]}" serve --port "${port[$name]}" \
      --database "$database" 2>>"$work/$name.log" &
  pid[$name]=$!
  for _ in $(seq 100); do curl -fsS "$(url "$name")/healthz" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "$name did not start" >&2; exit 1
}
start_nginx() {
  $(server_cpu "$1") nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
  pid[nginx]=$!
  for _ in $(seq 50); do curl -fsS "$(url nginx)/healthz" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "nginx did not start" >&2; exit 1
}
stop() { kill "${pid[$1]}"; wait "${pid[$1]}" 2>/dev/null || true; unset "pid[$1]"; }
entities_path() { echo "/v1/articles/${id[$1]}/entities"; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$work/nginx"
for s in $services; do
  start_service "$s" true free
  id[$s]=$(curl -fsS -H 'Content-Type: text/plain' --data-binary @"$seed" "$(url "$s")/v1/articles?published_at=2024-03-14" \
           | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  # nginx: the same bodies from files, under each service's path.
  mkdir -p "$work/www/v1/articles/${id[$s]}"
  curl -fsS "$(url "$s")/healthz" > "$work/www/healthz"
  curl -fsS "$(url "$s")$(entities_path "$s")" > "$work/www$(entities_path "$s")"
  stop "$s"
done
chmod -R a+rX "$work"  # nginx's worker runs as another user
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:${port[nginx]}; root $work/www; }
}
CONF

# One wrk run in MODE against URL: "requests/s p50-ms p99-ms"; any non-2xx answer stops the script.
run() {
  local mode=$1 c=$2 out
  out=$($(client_cpu "$mode") wrk -t2 -c"$c" -d"${seconds}s" --latency "${@:3}")
  if grep -q "Non-2xx" <<<"$out"; then echo "wrk saw error responses:" >&2; echo "$out" >&2; exit 1; fi
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
def ms(p):
    value, unit = re.search(r"(?m)^\s+%d%%\s+([\d.]+)(us|ms|s)\b" % p, out).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
print(float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), ms(50), ms(99))
PY
}

# The service's own p99 (ms) over the log lines written since byte OFFSET of its log.
in_server_p99() {
  sleep 0.2  # the writer thread writes every millisecond
  python3 - "$1" "$2" <<'PY'
import re, sys
path, offset = sys.argv[1], int(sys.argv[2])
with open(path, "rb") as f:
    f.seek(offset)
    text = f.read().decode("utf-8", "replace")
d = sorted(float(m) for m in re.findall(r" (?:GET|POST) \S+ 2\d\d ([\d.]+)ms$", text, re.M))
print(d[min(len(d) - 1, int(len(d) * 0.99))] if d else "nan")
PY
}

# One wrk run of a service or nginx, appended to the results:
# mode config route connections server rps p50 p99 in-server-p99
measure() {
  local mode=$1 config=$2 route=$3 c=$4 server=$5 path offset result extra=nan
  if [ "$route" = healthz ]; then path=/healthz; else path=$(entities_path "${server/nginx/ours}"); fi
  [ "$server" != nginx ] && offset=$(stat -c %s "$work/$server.log")
  result=$(run "$mode" "$c" "$(url "$server")$path")
  [ "$server" != nginx ] && [ "$config" = on ] && extra=$(in_server_p99 "$work/$server.log" "$offset")
  echo "$mode $config $route $c $server $result $extra" >> "$work/results"
}

for mode in $modes; do
  start_nginx "$mode"
  for config in on off; do
    for s in $services; do
      start_service "$s" "$([ $config = on ] && echo true || echo false)" "$mode"
      cmp -s <(curl -fsS "$(url "$s")$(entities_path "$s")") <(curl -fsS "$(url nginx)$(entities_path "$s")") \
        || { echo "nginx does not serve $s's entity bytes" >&2; exit 1; }
    done
    for round in $(seq "$rounds"); do
      for route in healthz entities; do
        for c in 16 64; do
          for s in $services nginx; do measure "$mode" "$config" "$route" "$c" "$s"; done
        done
      done
    done
    for s in $services; do stop "$s"; done
  done
  stop nginx
done

# POSTs of the seed article, a new one each time (a fresh title), default configuration,
# unpinned. Each run starts its service on a new database (a store grown by the runs before
# would be measured otherwise), and the services take turns going first: the one that ran
# just before may still be checkpointing its log. The service's CPU time per article (user
# + system) is printed too: it moves less than articles/s with the machine's speed.
python3 Tests/Benchmarks/post-new-article-lua.py "$seed" > "$work/post-new.lua"
for round in $(seq "$rounds"); do
  order=$services
  [ $((round % 2)) = 0 ] && order=$(echo "$services" | tr ' ' '\n' | tac | tr '\n' ' ')
  for s in $order; do
    rm -f "$work/$s-post.sqlite"*
    start_service "$s" true free "$work/$s-post.sqlite"
    offset=$(stat -c %s "$work/$s.log")
    ticks=$(awk '{print $14 + $15}' "/proc/${pid[$s]}/stat")
    result=$(run free 8 -s "$work/post-new.lua" "$(url "$s")/v1/articles")
    ticks=$(( $(awk '{print $14 + $15}' "/proc/${pid[$s]}/stat") - ticks ))
    stored=$(curl -fsS "$(url "$s")/healthz" | python3 -c 'import json, sys; print(json.load(sys.stdin)["articles"])')
    stop "$s"
    cpu=$(python3 -c "print(1000 * $ticks / $(getconf CLK_TCK) / max($stored, 1))")
    echo "free on post 8 $s $result $(in_server_p99 "$work/$s.log" "$offset") $cpu" >> "$work/results"
  done
done

echo "load average (1, 5, 15 min) at the start: $load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; ${seconds}s per run, $rounds rounds"
python3 - "$work/results" "$services" <<'PY'
import math, statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in open(sys.argv[1]):
    mode, config, route, c, server, *values = line.split()
    runs[(mode, config, route, int(c), server)].append([float(v) for v in values])
services = sys.argv[2].split()
def med(key, i):
    values = [r[i] for r in runs[key] if not math.isnan(r[i])]
    return statistics.median(values) if values else math.nan
names = {"free": "sharing both cores with wrk", "pinned": "server on core 0, wrk on core 1"}
for mode in ("free", "pinned"):
    if not any(k[0] == mode and k[2] != "post" for k in runs): continue
    print(f"\n{mode}: {names[mode]}; req/s, latency p50/p99 in ms (in-server p99 from the access log)")
    head = f"{'route':<9}{'conns':>6}{'log':>4}"
    for s in services + ["nginx"]: head += f"{s + ' req/s':>13}{'p50':>6}{'p99':>7}" + (f"{'in-srv':>7}" if s != "nginx" else "")
    for s in services: head += f"{s + '/nginx':>11}"
    print(head)
    for route in ("healthz", "entities"):
        for c in (16, 64):
            for config in ("on", "off"):
                row = f"{route:<9}{c:>6}{config:>4}"
                for s in services + ["nginx"]:
                    k = (mode, config, route, c, s)
                    row += f"{med(k,0):>13.0f}{med(k,1):>6.2f}{med(k,2):>7.2f}" + (f"{med(k,3):>7.2f}" if s != "nginx" else "")
                for s in services:
                    row += f"{med((mode, config, route, c, s), 0) / med((mode, config, route, c, 'nginx'), 0):>11.2f}"
                print(row)
    for s in services:
        for route in ("healthz", "entities"):
            for c in (16, 64):
                on, off = med((mode, "on", route, c, s), 0), med((mode, "off", route, c, s), 0)
                print(f"{mode} {s}: logging cost {route} at {c}: {100 * (1 - on / off):.1f}% (on {on:.0f} vs off {off:.0f} req/s)")
print()
for s in services:
    k = ("free", "on", "post", 8, s)
    print(f"{s}: POST seed as new article, 8 connections: {med(k,0):.0f} articles/s, "
          f"p50 {med(k,1):.1f} ms, p99 {med(k,2):.1f} ms, in-server p99 {med(k,3):.1f} ms, "
          f"service CPU {med(k,4):.2f} ms/article (runs: {', '.join(f'{r[0]:.0f}' for r in runs[k])})")
if "base" in services:
    a, b = runs[("free", "on", "post", 8, "base")], runs[("free", "on", "post", 8, "ours")]
    print(f"POST ours/base, paired by round (medians): {statistics.median(y[0] / x[0] for x, y in zip(a, b)):.3f}x articles/s, "
          f"{statistics.median(y[4] / x[4] for x, y in zip(a, b)):.3f}x CPU per article")
PY
