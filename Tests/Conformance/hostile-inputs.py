#!/usr/bin/env python3
"""Hostile input over the wire against a running article-entities server (127.0.0.1 only).

Every case must get a sensible status, the server must stay up, and its memory must stay
bounded. A 1 MiB POST that takes longer than SLOW_SECONDS is reported as a finding and
its body is written under REPRO_DIR with a curl line to replay it.

Starts its own server (the release binary, a free loopback port, a throwaway database)
and restarts it when a case kills it or has to be killed. A body built from a repeated
unit is first sent at PROBE_BYTES; if that is already slow the full size is skipped (a
super-linear recognizer would run for hours and hold the worker). A watchdog kills the
server when its RSS passes RSS_LIMIT_MIB, so a runaway case cannot exhaust the machine.

Usage: hostile-inputs.py [PATH_TO_article-entities]   (default: .build/release/article-entities)
Env: ONLY=substring to run only matching cases; REPRO_DIR (default /tmp/conform-repro).
Exit status: 0 when every case passed, 1 otherwise.
"""
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import urlparse

MAX_BODY = 1_048_576          # Config/default.json max_body_bytes
SLOW_SECONDS = 1.0
REQUEST_TIMEOUT = 60
PROBE_BYTES = 16 * 1024
PROBE_SLOW_SECONDS = 0.25     # a linear 1 MiB run at 1 s takes ~0.016 s at 16 KiB
RSS_LIMIT_MIB = int(os.environ.get("RSS_LIMIT_MIB", "2048"))
REPRO_DIR = os.environ.get("REPRO_DIR", "/tmp/conform-repro")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def fill(unit: str, budget: int = MAX_BODY) -> bytes:
    """`unit` repeated as often as fits in `budget` UTF-8 bytes."""
    b = unit.encode("utf-8")
    return b * (budget // len(b))


def json_text(text: str, **extra) -> bytes:
    """A JSON submission whose *encoded* size stays within the body limit."""
    return json.dumps(dict(text=text, **extra), ensure_ascii=False).encode("utf-8")


class Client:
    def __init__(self, base):
        u = urlparse(base)
        assert u.hostname in ("127.0.0.1", "::1", "localhost"), "loopback only"
        self.host, self.port = u.hostname, u.port

    def request(self, method, path, body=None, content_type=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        t0 = time.monotonic()
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            data = r.read()
            return r.status, dict(r.getheaders()), data, time.monotonic() - t0
        finally:
            conn.close()


def cases():
    """(name, path, content type, body, acceptable statuses); a body given as a function of
    a byte budget is probed at PROBE_BYTES before it is sent at full size."""
    ok = {200, 201}
    # Texts that are nothing but entities pass max_mentions_per_article (5000) and are
    # refused with 422, nothing stored; extraction_timeout_seconds may refuse any of them too.
    bounded = ok | {422}
    yield "nesting-arrays-100k", "/v1/articles", "application/json", b"[" * 100_000 + b"]" * 100_000, {400}
    yield "nesting-objects-60k", "/v1/articles", "application/json", b'{"a":' * 60_000 + b"1" + b"}" * 60_000, {400}
    yield "nesting-inside-text-field", "/v1/articles", "application/json", b'{"text":"x","title":' + b"[" * 100_000 + b"]" * 100_000 + b"}", {400}
    yield "nesting-arrays-500k", "/v1/extract", "application/json", b"[" * 500_000 + b"]" * 500_000, {400, 413}
    yield "one-long-word", "/v1/extract", "text/plain", (lambda n: fill("a", n)), ok
    yield "one-long-capitalised-word", "/v1/extract", "text/plain", lambda n: b"A" + fill("b", n - 1), ok
    yield "digits", "/v1/extract", "text/plain", (lambda n: fill("7", n)), bounded
    yield "digits-json", "/v1/extract", "application/json", lambda n: json_text("7" * (n - 20)), ok
    yield "dollars", "/v1/extract", "text/plain", (lambda n: fill("$", n)), bounded
    yield "euro-one-repeated", "/v1/extract", "text/plain", (lambda n: fill("€1 ", n)), bounded
    yield "dollar-million-repeated", "/v1/extract", "text/plain", (lambda n: fill("$1 million ", n)), bounded
    yield "digit-groups", "/v1/extract", "text/plain", (lambda n: fill("1,000,", n)), bounded
    yield "decimal-points", "/v1/extract", "text/plain", (lambda n: fill("1.", n)), bounded
    yield "dates-repeated", "/v1/extract", "text/plain", (lambda n: fill("March 3, 2024 ", n)), bounded
    yield "slashed-dates", "/v1/extract", "text/plain", (lambda n: fill("3/3/24 ", n)), bounded
    yield "weekdays-range", "/v1/extract", "text/plain", (lambda n: fill("from Friday through to ", n)), bounded
    yield "capitalised-names", "/v1/extract", "text/plain", (lambda n: fill("Jens Stoltenberg ", n)), bounded
    yield "capitalised-run", "/v1/extract", "text/plain", (lambda n: fill("Abc ", n)), bounded
    yield "newlines", "/v1/extract", "text/plain", (lambda n: fill("\n", n)), {422}
    yield "word-per-line", "/v1/extract", "text/plain", (lambda n: fill("Ukraine\n", n)), bounded
    yield "combining-marks-one-grapheme", "/v1/extract", "text/plain", lambda n: b"a" + fill("\u0301", n - 1), ok
    yield "combining-marks-alone", "/v1/extract", "text/plain", (lambda n: fill("\u0301", n)), {200, 201, 422}
    yield "nul-bytes", "/v1/extract", "text/plain", (lambda n: fill("\x00", n)), {200, 422}
    yield "nul-bytes-json", "/v1/extract", "application/json", lambda n: json_text("\x00" * ((n - 20) // 6)), {200, 422}
    yield "lone-high-surrogate-json", "/v1/extract", "application/json", b'{"text":"\\ud800 costs $5"}', {200, 400, 422}
    yield "lone-low-surrogate-json", "/v1/extract", "application/json", b'{"text":"\\udc00"}', {200, 400, 422}
    yield "reversed-surrogates-json", "/v1/extract", "application/json", b'{"text":"\\udc00\\ud800 EU"}', {200, 400, 422}
    yield "surrogate-bytes-in-plain", "/v1/extract", "text/plain", b"\xed\xa0\x80 abc", {400}
    yield "emoji", "/v1/extract", "text/plain", (lambda n: fill("😀", n)), ok
    yield "emoji-zwj-family", "/v1/extract", "text/plain", (lambda n: fill("👨‍👩‍👧‍👦", n)), ok
    yield "flags", "/v1/extract", "text/plain", (lambda n: fill("🇺🇦", n)), ok
    yield "over-limit-by-one", "/v1/extract", "text/plain", b"a" * (MAX_BODY + 1), {413}
    yield "store-long-word", "/v1/articles", "text/plain", (lambda n: fill("x", n)), {201}
    yield "store-euro-one", "/v1/articles", "text/plain", (lambda n: fill("€2 ", n)), {422}
    yield "store-combining", "/v1/articles", "text/plain", lambda n: b"e" + fill("\u0301", n - 1), {201}
    yield "store-emoji", "/v1/articles", "text/plain", (lambda n: fill("🙂", n)), {201}
    yield "store-nul", "/v1/articles", "text/plain", lambda n: b"a" + fill("\x00", n - 1), {201, 422}


def concurrent_posts(client, threads=8, per_thread=50):
    statuses = {}
    failures = []
    lock = threading.Lock()

    def worker(t):
        for i in range(per_thread):
            text = f"Client {t} article {i}: the EU pledged €{t * 100 + i + 1} million to Ukraine on Thursday."
            try:
                status, headers, _, _ = client.request("POST", "/v1/articles?published_at=2024-03-14", text.encode(), "text/plain")
                if status == 503 and "Retry-After" not in headers:
                    status = "503-without-Retry-After"
            except Exception as e:  # a dropped connection is a finding, not a crash of the script
                status = f"error: {type(e).__name__}"
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status not in (201, 503):
                    failures.append((t, i, status))

    ts = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
    t0 = time.monotonic()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return statuses, failures, time.monotonic() - t0


def starvation_check(client, slow_body, workers=2):
    """While `workers` slow extractions run, /healthz must still answer within a second."""
    threads = [threading.Thread(target=lambda: client.request("POST", "/v1/extract", slow_body, "text/plain"))
               for _ in range(workers)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    status, _, _, secs = client.request("GET", "/healthz")
    for t in threads:
        t.join()
    return status, secs


class Server:
    """The service under test, on a free loopback port, with a watchdog on its memory."""

    def __init__(self, binary):
        self.binary = binary
        self.work = tempfile.mkdtemp(prefix="conform-hostile.")
        self.proc = None
        self.peak = 0
        self.killed_for_memory = False
        self.start()
        threading.Thread(target=self._watch, daemon=True).start()

    def start(self):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        env = dict(os.environ, ARTICLE_ENTITIES_LOG_REQUESTS="false")
        log = open(os.path.join(self.work, "server.log"), "ab")
        self.proc = subprocess.Popen([self.binary, "serve", "--port", str(port), "--database",
                                      os.path.join(self.work, "articles.sqlite")], stdout=log, stderr=log, env=env)
        self.base = f"http://127.0.0.1:{port}"
        self.client = Client(self.base)
        for _ in range(200):
            try:
                if self.client.request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise SystemExit(f"server did not start; see {self.work}/server.log")

    def alive(self):
        return self.proc.poll() is None

    def rss_mib(self):
        try:
            return rss_kib(self.proc.pid) // 1024
        except FileNotFoundError:
            return -1

    def _watch(self):
        while True:
            if self.alive():
                rss = self.rss_mib()
                self.peak = max(self.peak, rss)
                if rss > RSS_LIMIT_MIB:
                    self.killed_for_memory = True
                    self.proc.send_signal(signal.SIGKILL)
            time.sleep(0.2)

    def restart(self):
        if self.alive():
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.killed_for_memory = False
        self.start()

    def stop(self):
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.send_signal(signal.SIGKILL)
                self.proc.wait()


def send(server, name, path, ctype, body, expected):
    """One POST; returns (problem or None, status, seconds)."""
    try:
        status, _, data, secs = server.client.request("POST", path, body, ctype)
    except Exception as e:
        status, data, secs = f"ERR {type(e).__name__}", b"", float("nan")
    print(f"{name:36} {path:13} {len(body):8} {status!s:>6} {secs:8.2f} {server.rss_mib():8}", flush=True)
    if server.killed_for_memory:
        return f"killed by the watchdog: RSS passed {RSS_LIMIT_MIB} MiB", status, secs
    if not server.alive():
        return "server died", status, secs
    if status not in expected:
        return f"status {status}, expected one of {sorted(expected)}: {data[:200]!r}", status, secs
    return None, status, secs


def record(findings, server, name, ctype, path, body, problem):
    repro = os.path.join(REPRO_DIR, name + ".body")
    with open(repro, "wb") as f:
        f.write(body)
    findings.append(f"{name}: {problem}\n    curl -sS -o /dev/null -w '%{{http_code}} %{{time_total}}s\\n' "
                    f"-H 'Content-Type: {ctype}' --data-binary @{repro} http://127.0.0.1:PORT{path}")
    if not server.alive() or str(problem).startswith("status ERR"):
        server.restart()  # a timed-out request keeps its worker busy; start clean


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/release/article-entities")
    only = os.environ.get("ONLY", "")
    os.makedirs(REPRO_DIR, exist_ok=True)
    server = Server(binary)
    findings = []
    print(f"server on {server.base}, work dir {server.work}; RSS at start {server.rss_mib()} MiB")
    print(f"{'case':36} {'path':13} {'bytes':>8} {'status':>6} {'seconds':>8} {'RSS MiB':>8}")
    try:
        for name, path, ctype, make, expected in cases():
            if only not in name:
                continue
            if callable(make):
                probe = make(PROBE_BYTES)
                problem, _, secs = send(server, name + "@16KiB", path, ctype, probe, expected)
                if problem is None and secs > PROBE_SLOW_SECONDS:
                    problem = f"slow already at 16 KiB: {secs:.2f} s; full size skipped"
                if problem:
                    record(findings, server, name + "-16KiB", ctype, path, probe, problem)
                    continue
                body = make(MAX_BODY)
            else:
                body = make
            problem, _, secs = send(server, name, path, ctype, body, expected)
            if problem is None and secs > SLOW_SECONDS and len(body) > 100_000:
                problem = f"slow: {secs:.2f} s"
            if problem:
                record(findings, server, name, ctype, path, body, problem)
        if not only:
            statuses, failures, secs = concurrent_posts(server.client)
            print(f"8 clients x 50 POSTs in {secs:.1f} s: {statuses}; RSS {server.rss_mib()} MiB")
            if failures:
                findings.append(f"concurrent POSTs: {len(failures)} bad answers, first {failures[:5]}")
            slow = fill("€1 ", PROBE_BYTES)
            status, secs = starvation_check(server.client, slow)
            print(f"healthz while 2 slow extractions run: {status} in {secs:.2f} s")
            if secs > SLOW_SECONDS:
                record(findings, server, "starvation-euro-16KiB", "text/plain", "/v1/extract", slow,
                       f"GET /healthz took {secs:.2f} s while two of these ran at once")
        status, _, data, _ = server.client.request("GET", "/healthz")
        print(f"healthz after: {status} {data.decode(errors='replace')}")
        if status != 200:
            findings.append(f"healthz after the run answered {status}")
    finally:
        server.stop()
    print(f"peak RSS seen: {server.peak} MiB")
    if findings:
        print("\nFINDINGS:")
        for f in findings:
            print(" - " + f)
        return 1
    print("\nall cases passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
