#!/usr/bin/env bash
# The service against nginx serving the same response bytes, on 127.0.0.1, in one run:
# GET /healthz and GET /v1/articles/{id}/entities (the seed article) under wrk at 16 and
# 64 connections, ours and nginx alternated ROUNDS times, medians of requests/s and p99,
# with the service in its default configuration (access log on) and with log_requests=false;
# then POSTs of the seed article as a new article each time at 8 connections.
#
#   Tests/Benchmarks/bench-http.sh [SECONDS] [ROUNDS]      (defaults 5 and 3)
#
# BINARY=path/to/article-entities measures that build instead of building the release one.
#
# Needs wrk and nginx (Debian's wrk and nginx-light; installed with apt-get when missing).
# nginx runs one worker without an access log, which is the harder baseline.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-5}
rounds=${2:-3}
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
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ours_port=$(free_port)
nginx_port=$(free_port)
ours="http://127.0.0.1:$ours_port"
theirs="http://127.0.0.1:$nginx_port"
pid=""
nginx_pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# The service, logging (the default) or not; its standard error goes to a file.
start_ours() {
  ARTICLE_ENTITIES_LOG_REQUESTS=$1 "$binary" serve --port "$ours_port" \
      --database "$work/bench.sqlite" 2>>"$work/serve.log" &
  pid=$!
  for _ in $(seq 100); do curl -fsS "$ours/healthz" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "the service did not start" >&2; exit 1
}
stop_ours() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
start_ours true
id=$(curl -fsS -H 'Content-Type: text/plain' --data-binary @"$seed" "$ours/v1/articles?published_at=2024-03-14" \
     | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
entities_path="/v1/articles/$id/entities"

# nginx: one worker, the same bodies from files, the same Content-Type.
mkdir -p "$work/www/v1/articles/$id" "$work/nginx"
curl -fsS "$ours/healthz" > "$work/www/healthz"
curl -fsS "$ours$entities_path" > "$work/www$entities_path"
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
  server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
nginx_pid=$!
for _ in $(seq 50); do curl -fsS "$theirs/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
cmp -s <(curl -fsS "$ours$entities_path") <(curl -fsS "$theirs$entities_path") \
  || { echo "nginx does not serve the same entity bytes" >&2; exit 1; }

# One wrk run: "requests/s p99-ms"; any non-2xx answer stops the script.
run() {
  local out
  out=$(wrk -t2 -c"$1" -d"${seconds}s" --latency "${@:2}")
  if grep -q "Non-2xx" <<<"$out"; then echo "wrk saw error responses:" >&2; echo "$out" >&2; exit 1; fi
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
print(rps, float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit])
PY
}

# results: config route connections server rps p99
for config in on off; do
  [ "$config" = off ] && { stop_ours; start_ours false; }
  for round in $(seq "$rounds"); do
    for route in /healthz "$entities_path"; do
      for c in 16 64; do
        name=$([ "$route" = /healthz ] && echo healthz || echo entities)
        echo "$config $name $c ours $(run "$c" "$ours$route")" >> "$work/results"
        echo "$config $name $c nginx $(run "$c" "$theirs$route")" >> "$work/results"
      done
    done
  done
done
stop_ours

# POSTs of the seed article, a new one each time (a fresh title), default configuration.
start_ours true
python3 - "$seed" > "$work/post-new.lua" <<'PY'
import sys
body = open(sys.argv[1], encoding="utf-8").read()
assert "]==]" not in body
print('wrk.method = "POST"')
print('wrk.headers["Content-Type"] = "text/plain"')
print('wrk.body = [==[' + ("\n" if body.startswith("\n") else "") + body + ']==]')
print('''local n = 0
local prefix = tostring(math.random(1, 1000000000))
request = function()
  n = n + 1
  return wrk.format(nil, "/v1/articles?published_at=2024-03-14&title=bench-" .. prefix .. "-" .. n)
end''')
PY
for round in $(seq "$rounds"); do
  echo "on post 8 ours $(run 8 -s "$work/post-new.lua" "$ours/v1/articles")" >> "$work/results"
done

echo "load average (1, 5, 15 min) at the start: $load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; ${seconds}s per run, $rounds rounds"
python3 - "$work/results" <<'PY'
import statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in open(sys.argv[1]):
    config, route, c, server, rps, p99 = line.split()
    runs[(config, route, int(c), server)].append((float(rps), float(p99)))
def med(key, i):
    return statistics.median(r[i] for r in runs[key])
print(f"{'route':<10}{'conns':>6}{'log':>5}{'ours req/s':>12}{'nginx req/s':>13}{'ratio':>7}{'ours p99':>10}{'nginx p99':>11}")
for route in ("healthz", "entities"):
    for c in (16, 64):
        for config in ("on", "off"):
            o, n = (config, route, c, "ours"), (config, route, c, "nginx")
            print(f"{route:<10}{c:>6}{config:>5}{med(o,0):>12.0f}{med(n,0):>13.0f}{med(o,0)/med(n,0):>7.2f}"
                  f"{med(o,1):>8.2f}ms{med(n,1):>9.2f}ms")
for route in ("healthz", "entities"):
    for c in (16, 64):
        on, off = med(("on", route, c, "ours"), 0), med(("off", route, c, "ours"), 0)
        print(f"logging cost {route} at {c}: {100 * (1 - on / off):.1f}% (on {on:.0f} vs off {off:.0f} req/s)")
post = ("on", "post", 8, "ours")
print(f"POST seed as new article, 8 connections: {med(post,0):.0f} articles/s, p99 {med(post,1):.1f} ms")
PY
