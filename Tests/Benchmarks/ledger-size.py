#!/usr/bin/env python3
"""Bytes per stored article beyond its text, and where they go.

  ledger-size.py post URL REPEATS   POSTs ../shared/data's realnews and OntoNotes news articles
                                    REPEATS times each (a distinct title per copy), so entities
                                    recur across articles as in a real archive.
  ledger-size.py measure DB         after the server has stopped (its close checkpoints the WAL):
                                    file size, text bytes, and bytes per article by table/index.
"""
import json, os, subprocess, sys, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "shared", "data")


def articles():
    for name in ("realnews/dev.jsonl", "ontonotes/dev_nw.jsonl"):
        with open(os.path.join(DATA, name)) as f:
            for line in f:
                item = json.loads(line)
                if item.get("text"):
                    yield item["text"]


def post(url, repeats):
    texts = list(articles())
    n = 0
    for r in range(repeats):
        for i, text in enumerate(texts):
            day = "2024-%02d-%02d" % (1 + (n % 12), 1 + (n % 28))
            body = json.dumps({"text": text, "title": "copy %d of %d" % (r, i), "published_at": day}).encode()
            req = urllib.request.Request(url + "/v1/articles", data=body, headers={"Content-Type": "application/json"})
            urllib.request.urlopen(req).read()
            n += 1
    print("posted", n)


def sql(db, query):
    return subprocess.run(["sqlite3", db, query], check=True, capture_output=True, text=True).stdout.strip()


def measure(db):
    count = int(sql(db, "SELECT COUNT(*) FROM articles"))
    text = int(sql(db, "SELECT SUM(length(CAST(text AS BLOB))) FROM articles"))
    size = os.path.getsize(db)
    print("articles %d, file %d bytes, text %d bytes, beyond the text %.0f bytes per article"
          % (count, size, text, (size - text) / count))
    for line in sql(db, "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").splitlines():
        name, pages = line.split("|")
        print("  %-36s %8.0f bytes per article" % (name, int(pages) / count))


if __name__ == "__main__":
    if sys.argv[1] == "post":
        post(sys.argv[2], int(sys.argv[3]))
    else:
        measure(sys.argv[2])
