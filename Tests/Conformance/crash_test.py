#!/usr/bin/env python3
"""Crash consistency: kill -9 the server while 4 clients post articles, restart, repeat.

Every article the server acknowledged (201 or 200) must survive every later kill with all
of its entities and figures; no stored article may be half-written (its entities are
exactly what extracting its text gives); PRAGMA integrity_check must say ok after each kill.
Run through crash-test.sh, which builds the binary; this file only drives it.
"""
import argparse
import http.client
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

PUBLISHED = "2024-03-14"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def texts(shared):
    """Real news texts when the shared corpus is there, else a few written here."""
    path = os.path.join(shared, "data", "realnews", "dev.jsonl")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            found = [json.loads(line)["text"] for line in f if line.strip()]
        return [t for t in found if len(t) < 6000][:60]
    return ["NATO met in Brussels on Thursday; Germany pledged \u20ac5 billion for Ukraine.",
            "Apple Inc. said on 3 March 2024 that it paid $1.2bn to the European Commission.",
            "Jens Stoltenberg visited Kyiv last week, two years after the invasion began."]


class Server:
    def __init__(self, binary, database, log):
        self.port = free_port()
        env = dict(os.environ, ARTICLE_ENTITIES_LOG_REQUESTS="false")
        self.proc = subprocess.Popen([binary, "serve", "--port", str(self.port), "--database", database],
                                     stdout=log, stderr=log, env=env)
        for _ in range(200):
            if self.proc.poll() is not None:
                raise SystemExit(f"the server exited with {self.proc.returncode} at start; see {log.name}")
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("the server never answered /healthz")

    def request(self, method, path, body=None, headers=None, conn=None):
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            if own:
                conn.close()

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def client(server, worker, corpus, stop, acknowledged, counts, lock):
    """Posts distinct articles until told to stop or the server goes away."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    n = 0
    while not stop.is_set():
        n += 1
        title = f"crash-{server.port}-{worker}-{n}"
        # A sentence of its own, so each article has figures and dates no other one has.
        text = corpus[(worker * 7 + n) % len(corpus)] + f"\n\nReport {title} cost ${n}.{worker} million on {1 + n % 28} March 2024."
        body = json.dumps({"text": text, "title": title, "published_at": PUBLISHED}).encode()
        try:
            status, answer = server.request("POST", "/v1/articles", body, {"Content-Type": "application/json"}, conn)
        except (OSError, http.client.HTTPException):
            with lock:
                counts["unanswered"] += 1
            return
        with lock:
            if status in (200, 201):
                acknowledged.append((title, text, json.loads(answer)))
            else:
                counts["errors"] += 1
                print(f"unexpected {status}: {answer[:200]!r}", file=sys.stderr)


def integrity(database):
    db = sqlite3.connect(database)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


def mentions(entities):
    """Entities as comparable facts: id, type, key, value and every mention's span."""
    return sorted(json.dumps([e["id"], e["type"], e["key"], e.get("value"),
                              sorted((m["start"], m["end"], m["text"]) for m in e["mentions"])], sort_keys=True)
                  for e in entities)


def verify(server, acknowledged):
    """Returns (lost, half_written, stored): acknowledged articles missing or incomplete,
    stored articles whose entities or figures differ from extracting their text again."""
    lost = 0
    for title, text, answer in acknowledged:
        status, body = server.request("GET", f"/v1/articles/{answer['id']}")
        if status != 200 or json.loads(body).get("text") != text:
            lost += 1
            print(f"LOST: {title} ({answer['id']}): {status}", file=sys.stderr)
    half, stored, cursor = 0, 0, None
    while True:
        status, body = server.request("GET", "/v1/articles?limit=100" + (f"&cursor={cursor}" if cursor else ""))
        page = json.loads(body)
        for item in page["articles"]:
            stored += 1
            article = json.loads(server.request("GET", f"/v1/articles/{item['id']}")[1])
            have = json.loads(server.request("GET", f"/v1/articles/{item['id']}/entities")[1])["entities"]
            want = json.loads(server.request("POST", "/v1/extract",
                                             json.dumps({"text": article["text"], "published_at": PUBLISHED}).encode(),
                                             {"Content-Type": "application/json"})[1])["entities"]
            figures = json.loads(server.request("GET", f"/v1/figures?article={item['id']}&limit=500")[1])["figures"]
            money = sum(len(e["mentions"]) for e in want if e["type"] == "money")
            if mentions(have) != mentions(want) or len(figures) != money:
                half += 1
                print(f"HALF-WRITTEN: {item['id']}: {len(have)} of {len(want)} entities, "
                      f"{len(figures)} of {money} figures", file=sys.stderr)
        cursor = page.get("next_cursor")
        if not cursor:
            return lost, half, stored


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    corpus = texts(args.shared)
    work = tempfile.mkdtemp(prefix="crash-test.")
    database = os.path.join(work, "articles.sqlite")
    log = open(os.path.join(work, "server.log"), "w")
    rng = random.Random(1)  # the same kill times on every run
    acknowledged, counts, lock = [], {"unanswered": 0, "errors": 0}, threading.Lock()
    bad_integrity = 0
    for round_number in range(1, args.rounds + 1):
        server = Server(args.binary, database, log)
        stop = threading.Event()
        threads = [threading.Thread(target=client, args=(server, w, corpus, stop, acknowledged, counts, lock))
                   for w in range(args.clients)]
        for t in threads:
            t.start()
        # Mid-ingest: once this round has had an answer (so writes are flowing), a random while later.
        before, deadline = len(acknowledged), time.time() + 20
        while len(acknowledged) == before and time.time() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.05, 1.0))
        server.kill()
        stop.set()
        for t in threads:
            t.join()
        check = integrity(database)
        if check != "ok":
            bad_integrity += 1
            print(f"round {round_number}: integrity_check: {check}", file=sys.stderr)
        print(f"round {round_number}: killed; {len(acknowledged)} acknowledged so far", flush=True)
    server = Server(args.binary, database, log)
    try:
        lost, half, stored = verify(server, acknowledged)
    finally:
        server.stop()
    check = integrity(database)
    print(f"crash test: {args.rounds} kill -9 rounds, {len(acknowledged)} acknowledged, {stored} stored, "
          f"{lost} lost, {half} half-written, {counts['errors']} error responses, "
          f"{counts['unanswered']} cut off by the kill, integrity_check {check} "
          f"({bad_integrity} bad after a kill); work dir {work}")
    ok = lost == 0 and half == 0 and counts["errors"] == 0 and check == "ok" and bad_integrity == 0 and acknowledged
    if ok:
        log.close()
        subprocess.run(["rm", "-rf", work])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
