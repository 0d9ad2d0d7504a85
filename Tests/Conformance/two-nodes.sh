#!/usr/bin/env bash
# Two `serve` processes on one PostgreSQL database: articles posted concurrently to both,
# the same article to both at once (one 201, one 200, one id), reads on either node see
# every write (a cursor from one continues on the other), and one node killed with kill -9
# mid-ingest loses no acknowledged (201/200) article. Prints its counts and a last line
# "two nodes: ok"; exits 1 when a check fails.
#
#   ARTICLE_ENTITIES_TEST_POSTGRES_URL=postgresql://… Tests/Conformance/two-nodes.sh
#
# Runs on a new schema of that database (dropped at the end). Without the URL it skips,
# saying so (.ci/run sets it and fails the step unless the last line is "two nodes: ok").
# Uses ARTICLE_ENTITIES_BIN (default: the release build); traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/../.."
url=${ARTICLE_ENTITIES_TEST_POSTGRES_URL:-}
if [ -z "$url" ]; then
  echo "two nodes: skipped: ARTICLE_ENTITIES_TEST_POSTGRES_URL is not set (url=\$(Tests/Support/pg-cluster.sh start /tmp/pg))"
  exit 0
fi
command -v psql >/dev/null || { echo "two nodes: psql is missing (install postgresql)" >&2; exit 2; }
bin=${ARTICLE_ENTITIES_BIN:-}
if [ -z "$bin" ]; then
  swift build -c release --product article-entities >/dev/null
  bin=.build/release/article-entities
fi
schema="two_nodes_$RANDOM$RANDOM"
psql -X -q -v ON_ERROR_STOP=1 "$url" -c "CREATE SCHEMA $schema" >/dev/null
trap 'psql -X -q "$url" -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true' EXIT
sep="?"; [[ "$url" == *"?"* ]] && sep="&"
python3 Tests/Conformance/two_nodes.py --binary "$bin" --database "${url}${sep}options=-c%20search_path%3D$schema"
