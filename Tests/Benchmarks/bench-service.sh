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

# POSTs of the seed article: re-posts of the stored one (answered from the database),
# and new articles (a fresh title each time, so every request extracts and stores).
python3 - "$seed" > "$work/post.lua" <<'PY'
import sys
body = open(sys.argv[1], encoding="utf-8").read()
print('wrk.method = "POST"')
print('wrk.headers["Content-Type"] = "text/plain"')
# A long bracket keeps the UTF-8 text as it is (Lua 5.1 knows no \\u escapes).
assert "]==]" not in body
print('wrk.body = [==[' + ("\n" if body.startswith("\n") else "") + body + ']==]')
PY
python3 Tests/Benchmarks/post-new-article-lua.py "$seed" > "$work/post-new.lua"

# Requests per second; a run with any non-2xx answer measured errors, not work, and stops the script.
rps() {
  local out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" "$@")
  if grep -q "Non-2xx" <<<"$out"; then echo "wrk saw error responses:" >&2; echo "$out" >&2; exit 1; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
baseline=$(rps "$base/healthz")
entities=$(rps "$base/v1/articles/$id/entities")
repost=$(rps -s "$work/post.lua" "$base/v1/articles?published_at=2024-03-14")
post=$(rps -s "$work/post-new.lua" "$base/v1/articles")
words=$(wc -w < "$seed")
printf '%-44s %10s req/s\n' "baseline GET /healthz" "$baseline"
printf '%-44s %10s req/s  (%.2f x baseline)\n' "GET /v1/articles/{id}/entities" "$entities" "$(python3 -c "print($entities / $baseline)")"
printf '%-44s %10s req/s  (%.2f x baseline)\n' "POST /v1/articles (seed article, re-posted)" "$repost" "$(python3 -c "print($repost / $baseline)")"
printf '%-44s %10s req/s  (%.3f x baseline, %s words each)\n' "POST /v1/articles (seed article, new each time)" "$post" "$(python3 -c "print($post / $baseline)")" "$words"
