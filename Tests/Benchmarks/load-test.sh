#!/usr/bin/env bash
# Mixed load against a fresh server on 127.0.0.1: new articles posted (10%), one article's
# entities (30%), figures (20%), the article list (15%) and /healthz (25%), with wrk.
# Passes only with 0 errors (socket errors, timeouts, any non-2xx answer) and with open
# file descriptors back where they started; prints p99 and resident memory and fds at start
# and end.
#
#   Tests/Benchmarks/load-test.sh [SECONDS] [CONNECTIONS]     (defaults 60 and 64)
#
# Needs wrk (apt-get install -y wrk). Builds the release binary (or uses $ARTICLE_ENTITIES_BIN).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
connections=${2:-64}
seed=../shared/fixtures/nato-ammunition.txt
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
bin=${ARTICLE_ENTITIES_BIN:-}
if [ -z "$bin" ]; then
    swift build -c release --product article-entities >/dev/null
    bin=.build/release/article-entities
fi
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ARTICLE_ENTITIES_LOG_REQUESTS=false "$bin" serve --port "$port" --database "$work/load.sqlite" 2>"$work/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# The article every POST sends (with a fresh title each time, so each one extracts and stores).
if [ -f "$seed" ]; then cp "$seed" "$work/article.txt"; else
    echo "NATO met in Brussels on Thursday; Germany pledged €5 billion for Ukraine on 3/3/24." >"$work/article.txt"
fi
id=$(curl -fsS -H 'Content-Type: text/plain' --data-binary @"$work/article.txt" "$base/v1/articles?published_at=2024-03-14" \
     | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

python3 - "$work/article.txt" "$id" >"$work/mixed.lua" <<'PY'
import sys
body = open(sys.argv[1], encoding="utf-8").read()
assert "]==]" not in body
print('local body = [==[' + ("\n" if body.startswith("\n") else "") + body + ']==]')
print('local id = "%s"' % sys.argv[2])
PY
cat >>"$work/mixed.lua" <<'LUA'
local threads, made = {}, 0
function setup(thread)
  made = made + 1
  thread:set("tid", made)
  table.insert(threads, thread)
end
local n = 0
function init(args)
  math.randomseed(tid)  -- the same mix on every run
end
request = function()
  n = n + 1
  local r = math.random(100)
  if r <= 10 then
    return wrk.format("POST", "/v1/articles?published_at=2024-03-14&title=load-" .. tid .. "-" .. n,
                      {["Content-Type"] = "text/plain"}, body)
  elseif r <= 40 then return wrk.format("GET", "/v1/articles/" .. id .. "/entities")
  elseif r <= 60 then return wrk.format("GET", "/v1/figures?currency=EUR&min_amount=1000000&limit=20")
  elseif r <= 75 then return wrk.format("GET", "/v1/articles?limit=20")
  else return wrk.format("GET", "/healthz") end
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d errors=%d non2xx=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA

rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
fds() { ls "/proc/$pid/fd" | wc -l; }
# A short warm-up first, so database handles opened on first use count as the start.
wrk -t2 -c"$connections" -d2s --timeout 10s -s "$work/mixed.lua" "$base/" >/dev/null
sleep 1
rss_start=$(rss); fds_start=$(fds)
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s "$work/mixed.lua" "$base/" >"$work/wrk.out" &
wrk_pid=$!
# Memory once the load is warm (caches filled, every connection open), to compare the end with.
sleep $((seconds / 6 > 2 ? seconds / 6 : 2))
rss_warm=$(rss); fds_warm=$(fds)
wait "$wrk_pid"
rss_load=$(rss)
sleep 1  # let the server see every connection closed
rss_end=$(rss); fds_end=$(fds)
grep -E 'Requests/sec|Socket errors' "$work/wrk.out" || true
result=$(grep '^RESULT' "$work/wrk.out")
kill -0 "$pid" 2>/dev/null || { echo "FAIL: the server died under load" >&2; cat "$work/server.log" >&2; exit 1; }
read -r requests errors non2xx p99 < <(sed -E 's/.*requests=([0-9]+) errors=([0-9]+) non2xx=([0-9]+).*p99_ms=([0-9.]+).*/\1 \2 \3 \4/' <<<"$result")
echo "load test: ${seconds}s at $connections connections: $requests requests, $errors socket errors, $non2xx non-2xx, p99 ${p99} ms"
echo "load test: RSS ${rss_start} kB at start, ${rss_warm} kB warm, ${rss_load} kB at the end of the load, ${rss_end} kB after;" \
     "open fds $fds_start at start, $fds_warm under load, $fds_end after"
status=0
[ "$errors" -eq 0 ] && [ "$non2xx" -eq 0 ] || { echo "FAIL: errors under load" >&2; status=1; }
# A little slack: a handler thread may open its database handle (file, WAL) on first use late.
[ "$fds_end" -le $((fds_start + 4)) ] || { echo "FAIL: open fds grew from $fds_start to $fds_end" >&2; status=1; }
# Flat: the end of the load within 1.5x (plus 32 MiB) of the warm figure; a leak grows past it.
[ "$rss_load" -le $((rss_warm * 3 / 2 + 32768)) ] || { echo "FAIL: RSS grew from $rss_warm to $rss_load kB" >&2; status=1; }
exit $status
