#!/usr/bin/env bash
# Requests per second of the service under wrk on 127.0.0.1, each figure next to a
# baseline measured in the same run (GET /healthz: routing and transport, no work), so
# results compare across machines as ratios.
#
#   Tests/Benchmarks/bench-service.sh [SECONDS] [CONNECTIONS]
#
# Needs wrk (apt-get install -y wrk). Builds the release binary, serves a throw-away
# database on a free port, and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
connections=${2:-16}
seed=../shared/fixtures/nato-ammunition.txt
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
[ -f "$seed" ] || { echo "$seed is missing" >&2; exit 2; }

swift build -c release --product article-entities >/dev/null
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ARTICLE_ENTITIES_LOG_REQUESTS=false .build/release/article-entities serve --port "$port" --database "$work/bench.sqlite" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

base="http://127.0.0.1:$port"
id=$(curl -fsS -H 'Content-Type: text/plain' --data-binary @"$seed" "$base/v1/articles?published_at=2024-03-14" \
     | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

# A POST of the seed article; every request re-posts the same text, which the service
# answers from the database after extracting it again.
python3 - "$seed" > "$work/post.lua" <<'PY'
import json, sys
body = open(sys.argv[1], encoding="utf-8").read()
print('wrk.method = "POST"')
print('wrk.headers["Content-Type"] = "text/plain"')
print('wrk.body = ' + json.dumps(body))
PY

rps() { wrk -t2 -c"$connections" -d"${seconds}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
baseline=$(rps "$base/healthz")
entities=$(rps "$base/v1/articles/$id/entities")
post=$(rps -s "$work/post.lua" "$base/v1/articles?published_at=2024-03-14")
words=$(wc -w < "$seed")
printf '%-44s %10s req/s\n' "baseline GET /healthz" "$baseline"
printf '%-44s %10s req/s  (%.2f x baseline)\n' "GET /v1/articles/{id}/entities" "$entities" "$(python3 -c "print($entities / $baseline)")"
printf '%-44s %10s req/s  (%.2f x baseline, %s words each)\n' "POST /v1/articles (seed article, re-posted)" "$post" "$(python3 -c "print($post / $baseline)")" "$words"
