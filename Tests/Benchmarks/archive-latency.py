#!/usr/bin/env python3
"""Single-client latency of the archive-wide queries of issue 10, for bench-archive.sh.

    archive-latency.py BASE_URL [--repeat R]

Each request runs R times on one keep-alive connection (after 3 untimed runs), one at
a time; prints status, p50 and p99 in milliseconds, and the response size. Values for
the filters (an entity, a currency, an article, search words) are read from the service
first, so the requests ask about things that are stored. A route that does not exist
shows its status (404) instead of a time worth reading.
"""
import argparse
import hashlib
import http.client
import json
import sys
import time
import urllib.parse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)

    def get(path):
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read()

    def get_json(path):
        status, body = get(path)
        try:
            return status, json.loads(body)
        except ValueError:
            return status, None

    # What to ask about: the most widely reported place and person, a stored article.
    def top(type_):
        status, doc = get_json(f"/v1/entities?type={type_}&limit=1")
        entity = (doc or {}).get("entities", [{}])[0] if status == 200 and (doc or {}).get("entities") else {}
        name = entity.get("name", "Germany")
        key = entity.get("key", name.lower())
        # The contract's id (ent_ + 16 hex of SHA-256 of "type\x1fkey") when the listing gives none yet.
        eid = entity.get("id") if str(entity.get("id", "")).startswith("ent_") else \
            "ent_" + hashlib.sha256(f"{type_}\x1f{key}".encode()).hexdigest()[:16]
        return name, eid

    place, place_id = top("place")
    person, person_id = top("person")
    _, doc = get_json("/v1/articles?limit=1")
    article = doc["articles"][0]["id"] if doc and doc.get("articles") else "art_0000000000000000"
    q = urllib.parse.quote
    first_word = person.split()[0]

    requests = [
        ("figures: default", "/v1/figures"),
        ("figures: currency", "/v1/figures?currency=EUR"),
        ("figures: min_amount", "/v1/figures?min_amount=1000000000"),
        ("figures: max_amount", "/v1/figures?max_amount=100"),
        ("figures: currency+range", "/v1/figures?currency=USD&min_amount=1000000&max_amount=1000000000"),
        ("figures: since/until", "/v1/figures?since=2024-01-01&until=2024-03-31"),
        ("figures: entity (name)", f"/v1/figures?entity={q(place)}"),
        ("figures: entity (id)", f"/v1/figures?entity={place_id}"),
        ("figures: entity scope=article", f"/v1/figures?entity={q(place)}&scope=article"),
        ("figures: q", "/v1/figures?q=billion"),
        ("figures: article", f"/v1/figures?article={article}"),
        ("figures: sort=amount", "/v1/figures?sort=amount"),
        ("figures: sort=-published_at", "/v1/figures?sort=-published_at"),
        ("figures: entity+currency+since", f"/v1/figures?entity={q(place)}&currency=USD&since=2023-01-01"),
        ("figures: format=csv", "/v1/figures?format=csv&limit=500"),
    ]
    for group in ("currency", "month", "entity", "article"):
        requests.append((f"summary: group_by={group}", f"/v1/figures/summary?group_by={group}"))
    for sort in ("articles", "mentions", "name"):
        requests.append((f"entities: sort={sort}", f"/v1/entities?sort={sort}"))
    requests += [
        ("entities: q", f"/v1/entities?q={q(place[:3])}"),
        ("entities: type+q", f"/v1/entities?type=person&q={q(first_word)}"),
        ("entity: page", f"/v1/entities/{person_id}"),
        ("entity: articles", f"/v1/entities/{person_id}/articles"),
        ("entity: figures", f"/v1/entities/{place_id}/figures"),
        ("articles: q common word", "/v1/articles?q=talks"),
        ("articles: q rare word", f"/v1/articles?q={q(person.split()[-1])}"),
        ("articles: q two words", f"/v1/articles?q={q(first_word + ' ' + place)}"),
        ("articles: q phrase", "/v1/articles?q=%22trade%20agreement%22"),
        ("articles: q prefix", "/v1/articles?q=ceasef*"),
        ("articles: q+since", "/v1/articles?q=budget&since=2024-01-01"),
    ]

    print(f"{'request':34} {'status':>6} {'p50 ms':>8} {'p99 ms':>8} {'bytes':>8}")
    worst = 0.0
    for label, path in requests:
        for _ in range(3):
            status, body = get(path)
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            status, body = get(path)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p50 = times[len(times) // 2]
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        if status == 200:
            worst = max(worst, p99)
        print(f"{label:34} {status:>6} {p50:8.2f} {p99:8.2f} {len(body):8d}")
        sys.stdout.flush()
    print(f"worst p99 of the requests answered 200: {worst:.2f} ms")


if __name__ == "__main__":
    main()
