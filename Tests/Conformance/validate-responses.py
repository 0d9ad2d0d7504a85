#!/usr/bin/env python3
"""Validates real, entity-rich responses against openapi.yaml.

schemathesis mostly sends random text, which rarely holds money or dates, so the entity,
figure and summary schemas would go unchecked. This posts the seed article
(../shared/fixtures, skipped when absent) and texts full of figures and dates, walks every
read endpoint over them, and checks each body against the schema the spec declares for
that operation and status.

Usage: validate-responses.py BASE_URL   (run-validate-responses.sh starts a server)
"""
import json
import os
import re
import sys
import urllib.error
import urllib.request

import jsonschema
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC = yaml.safe_load(open(os.path.join(ROOT, "Sources/ArticleAPI/Resources/openapi.yaml")))
SEED = os.path.join(ROOT, "..", "shared", "fixtures", "nato-ammunition.txt")

TEXTS = [
    "The EU pledged €5-6 billion on Thursday, up from about $300m last week, and more than "
    "£1.2bn two years ago. Payments of 50 crore rupees and ¥3 trillion follow from Friday through to Sunday.",
    "Between 3/3/24 and March 2024 the fund grew by up to 7 million Swiss francs; earlier this week "
    "it lost $2.5 million. In 2023 it had 10 thousand euros.",
]


def operation_for(method, path):
    for template, item in SPEC["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path) and method.lower() in item:
            return template, item[method.lower()]
    raise KeyError(f"{method} {path} is not in the spec")


def deref(node):
    """Follows a $ref to a component (responses are referenced by name)."""
    while isinstance(node, dict) and "$ref" in node:
        target = SPEC
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def check(method, target, status, content_type, body, failures):
    path = target.split("?")[0]
    template, op = operation_for(method, path)
    responses = op["responses"]
    declared = deref(responses.get(str(status)))
    where = f"{method} {target[:80]} -> {status}"
    if declared is None:
        failures.append(f"{where}: status not declared")
        return
    media = content_type.split(";")[0].strip()
    content = declared.get("content", {})
    if media not in content:
        if content or body:
            failures.append(f"{where}: content type {media} not declared ({list(content)})")
        return
    schema = content[media].get("schema")
    if schema is None:
        return
    document = dict(SPEC)
    document.update(schema)  # $ref into #/components resolves against the whole spec
    try:
        jsonschema.Draft202012Validator(document, format_checker=jsonschema.FormatChecker()).validate(json.loads(body))
    except jsonschema.ValidationError as e:
        failures.append(f"{where}: {e.message} at {list(e.absolute_path)}")


def request(base, method, target, body=None, content_type=None):
    req = urllib.request.Request(base + target, data=body, method=method)
    if content_type:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def main():
    base = sys.argv[1]
    failures = []
    seen = 0

    def call(method, target, body=None, content_type=None):
        nonlocal seen
        status, ctype, data = request(base, method, target, body, content_type)
        check(method, target, status, ctype, data, failures)
        seen += 1
        return status, data

    texts = list(TEXTS)
    if os.path.exists(SEED):
        texts.insert(0, open(SEED, encoding="utf-8").read())
    else:
        print(f"seed article not found at {SEED}: checking the built-in texts only")
    ids = []
    for i, text in enumerate(texts):
        call("POST", "/v1/extract", json.dumps({"text": text, "published_at": "2024-03-14"}).encode(), "application/json")
        status, data = call("POST", "/v1/articles?published_at=2024-03-14&title=t%C3%AFtle", text.encode(), "text/plain")
        ids.append(json.loads(data)["id"])
        call("POST", "/v1/articles?published_at=2024-03-14&title=t%C3%AFtle", text.encode(), "text/plain")  # 200 re-post
    for art in ids:
        call("GET", f"/v1/articles/{art}")
        for q in ["", "?type=money", "?type=date", "?offsets=utf16", "?offsets=utf8", "?type=person"]:
            call("GET", f"/v1/articles/{art}/entities{q}")
    for q in ["", "?limit=1", "?entity=Ukraine", "?type=money", "?since=2024-03-01&until=2024-03-31"]:
        status, data = call("GET", f"/v1/articles{q}")
    page = json.loads(request(base, "GET", "/v1/articles?limit=1")[2])
    if page.get("next_cursor"):
        call("GET", "/v1/articles?limit=1&cursor=" + page["next_cursor"])
    for q in ["", "?currency=EUR", "?min_amount=1000000&sort=amount", "?sort=published_at_desc", "?limit=2", "?entity=Ukraine"]:
        call("GET", f"/v1/figures{q}")
    for g in ["currency", "month", "entity", "article"]:
        call("GET", f"/v1/figures/summary?group_by={g}")
    call("GET", "/v1/figures/summary?group_by=entity&since=2024-01-01&limit=2")
    call("GET", "/v1/figures?q=billion&scope=article&entity=EU")
    for q in ["", "?type=money", "?q=eu", "?limit=3", "?sort=name", "?sort=mentions&type=place"]:
        call("GET", f"/v1/entities{q}")
    listed = json.loads(request(base, "GET", "/v1/entities?type=place&limit=1")[2])["entities"]
    for e in listed:
        for suffix in ["", "/articles?limit=1", "/figures"]:
            call("GET", f"/v1/entities/{e['id']}{suffix}")
    call("GET", "/v1/entities/ent_0000000000000000")
    call("GET", "/healthz")
    call("GET", "/v1/articles/art_0000000000000000")
    call("GET", "/v1/figures?bogus=1")
    call("DELETE", f"/v1/articles/{ids[-1]}")
    print(f"{seen} responses checked against openapi.yaml")
    for f in failures:
        print(" - " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
