#!/usr/bin/env bash
# Crash consistency: ROUNDS times (default 20), 4 clients post distinct articles and the
# server is killed with SIGKILL mid-ingest, then restarted on the same database. Afterwards
# every acknowledged (201/200) article must be there, complete; no stored article may be
# half-written; PRAGMA integrity_check must be ok. Prints the counts; exits 1 otherwise.
#
#   Tests/Conformance/crash-test.sh [ROUNDS]
#
# Builds the release binary (or uses $ARTICLE_ENTITIES_BIN); traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-20}
bin=${ARTICLE_ENTITIES_BIN:-}
if [ -z "$bin" ]; then
    swift build -c release --product article-entities >/dev/null
    bin=.build/release/article-entities
fi
exec python3 Tests/Conformance/crash_test.py --binary "$bin" --shared ../shared --rounds "$rounds"
