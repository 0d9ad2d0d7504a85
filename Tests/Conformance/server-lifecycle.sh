# Sourced by the conformance scripts: builds nothing, starts the release binary on a free
# loopback port with a throwaway database, and stops it on exit.
# Sets SERVER_PID, PORT, BASE_URL, WORK_DIR.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="${ARTICLE_ENTITIES_BIN:-$ROOT/.build/release/article-entities}"
if [ ! -x "$BIN" ]; then
    echo "no binary at $BIN: run 'swift build -c release --product article-entities' first" >&2
    exit 2
fi
WORK_DIR="$(mktemp -d /tmp/conform.XXXXXX)"
# Ask the kernel for a free port instead of guessing one that may be taken.
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
BASE_URL="http://127.0.0.1:$PORT"
ARTICLE_ENTITIES_LOG_REQUESTS=false "$BIN" serve --port "$PORT" --database "$WORK_DIR/articles.sqlite" \
    >"$WORK_DIR/server.log" 2>&1 &
SERVER_PID=$!
stop_server() {
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID"
        wait "$SERVER_PID" 2>/dev/null
    fi
}
trap stop_server EXIT
for _ in $(seq 1 100); do
    curl -sf "$BASE_URL/healthz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited:"; cat "$WORK_DIR/server.log"; exit 2; }
    sleep 0.1
done
curl -sf "$BASE_URL/healthz" >/dev/null || { echo "server did not answer /healthz on $BASE_URL" >&2; exit 2; }
echo "server pid $SERVER_PID on $BASE_URL (log and database in $WORK_DIR)"
