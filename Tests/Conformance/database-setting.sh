#!/usr/bin/env bash
# `serve` refuses database URLs it cannot use before it creates anything: another scheme
# (mysql://, http://) is refused; a postgresql:// URL is a PostgreSQL server, never a path:
# one that does not answer stops start-up with a clear error, no folder named
# `postgresql:` is left behind, and no password is printed. With
# ARTICLE_ENTITIES_TEST_POSTGRES_URL set, serve starts on that server and its start-up line
# shows the URL with the password as ***. Uses ARTICLE_ENTITIES_BIN (default: the release build).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${ARTICLE_ENTITIES_BIN:-$ROOT/.build/release/article-entities}"
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() {  # check DATABASE EXPECTED-MESSAGE
  local out status
  out=$(cd "$work" && timeout 20 "$BIN" serve --port 0 --database "$1" 2>&1); status=$?
  if [ "$status" -eq 0 ] || [ "$status" -eq 124 ]; then echo "FAIL $1: serve did not refuse it (exit $status)"; failures=$((failures + 1)); return; fi
  if ! grep -qF "$2" <<<"$out"; then echo "FAIL $1: expected \"$2\" in: $out"; failures=$((failures + 1)); fi
  if grep -q hunter2 <<<"$out"; then echo "FAIL $1: the password was printed: $out"; failures=$((failures + 1)); fi
  if [ -n "$(ls -A "$work")" ]; then echo "FAIL $1: created $(ls -A "$work")"; failures=$((failures + 1)); rm -rf "${work:?}"/*; fi
  echo "ok   $1 -> $(head -n 1 <<<"$out")"
}
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
check "postgresql://news:hunter2pw@127.0.0.1:$closed/news" "the database is unavailable: connection to server at \"127.0.0.1\", port $closed failed"
check "postgres://news:hunter2pw@db.invalid/news" "(connecting to postgresql://news:***@db.invalid/news)"
check "postgresql://news:hunter2pw@127.0.0.1/news?sslmod=require" "\"sslmod\" is not a libpq connection parameter"
check "mysql://root:hunter2pw@db/news" "mysql:// is not a database this service can use"
check "http://example.org/articles" "http:// is not a database this service can use"
out=$(cd "$work" && ARTICLE_ENTITIES_DATABASE="mysql://root:hunter2pw@db/news" timeout 20 "$BIN" serve --port 0 2>&1); status=$?
if [ "$status" -eq 0 ] || ! grep -qF 'ARTICLE_ENTITIES_DATABASE="mysql://root:***@db/news"' <<<"$out" || grep -q hunter2 <<<"$out"; then
  echo "FAIL ARTICLE_ENTITIES_DATABASE=mysql://…: exit $status: $out"; failures=$((failures + 1))
else echo "ok   ARTICLE_ENTITIES_DATABASE=mysql://… -> $out"; fi
if [ -n "${ARTICLE_ENTITIES_TEST_POSTGRES_URL:-}" ]; then
  # The real server: serve starts, answers /healthz, and never prints the password.
  password=$(sed -E 's|^[a-z]+://[^:/@]*:([^@]*)@.*|\1|' <<<"$ARTICLE_ENTITIES_TEST_POSTGRES_URL")
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  (cd "$work" && exec "$BIN" serve --port "$port" --database "$ARTICLE_ENTITIES_TEST_POSTGRES_URL" 2>"$work.log") &
  pid=$!
  health=""
  for _ in $(seq 100); do health=$(curl -fsS "http://127.0.0.1:$port/healthz" 2>/dev/null) && break; sleep 0.1; done
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  if ! grep -q '"status":"ok"' <<<"$health"; then echo "FAIL serve on PostgreSQL: /healthz said \"$health\": $(cat "$work.log")"; failures=$((failures + 1))
  elif grep -qF "$password" "$work.log" || ! grep -qF ":***@" "$work.log"; then echo "FAIL serve on PostgreSQL: the log shows the password or no URL: $(cat "$work.log")"; failures=$((failures + 1))
  elif [ -n "$(ls -A "$work")" ]; then echo "FAIL serve on PostgreSQL created $(ls -A "$work")"; failures=$((failures + 1))
  else echo "ok   serve on PostgreSQL -> $health; $(grep -o 'database postgresql[^)]*' "$work.log")"; fi
  rm -f "$work.log"
else
  echo "skip serve on PostgreSQL: ARTICLE_ENTITIES_TEST_POSTGRES_URL is not set"
fi
[ "$failures" -eq 0 ]
