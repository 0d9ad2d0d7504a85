#!/usr/bin/env bash
# `serve` refuses database URLs it cannot use before it creates anything: another scheme
# (mysql://, http://) is refused, and a postgresql:// URL is refused until the PostgreSQL
# store is built, with no folder named `postgresql:` left behind and no password printed.
# Uses ARTICLE_ENTITIES_BIN (default: the release build).
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
check "postgresql://news:hunter2pw@127.0.0.1:5432/news" "the PostgreSQL store is not built yet"
check "postgres://news:hunter2pw@db/news" "the PostgreSQL store is not built yet"
check "mysql://root:hunter2pw@db/news" "mysql:// is not a database this service can use"
check "http://example.org/articles" "http:// is not a database this service can use"
out=$(cd "$work" && ARTICLE_ENTITIES_DATABASE="mysql://root:hunter2pw@db/news" timeout 20 "$BIN" serve --port 0 2>&1); status=$?
if [ "$status" -eq 0 ] || ! grep -qF 'ARTICLE_ENTITIES_DATABASE="mysql://root:***@db/news"' <<<"$out" || grep -q hunter2 <<<"$out"; then
  echo "FAIL ARTICLE_ENTITIES_DATABASE=mysql://…: exit $status: $out"; failures=$((failures + 1))
else echo "ok   ARTICLE_ENTITIES_DATABASE=mysql://… -> $out"; fi
[ "$failures" -eq 0 ]
