#!/usr/bin/env python3
"""Prints a wrk script that POSTs the article in FILE as a new article each request (a
fresh title, so the service never answers "already stored"). Shared by bench-post.sh and
bench-postgres.sh.

    python3 Tests/Benchmarks/post-new-article-lua.py FILE > post-new.lua
"""
import sys

body = open(sys.argv[1], encoding="utf-8").read()
assert "]==]" not in body
print('wrk.method = "POST"')
print('wrk.headers["Content-Type"] = "text/plain"')
print('wrk.body = [==[' + ("\n" if body.startswith("\n") else "") + body + ']==]')
print('''local n = 0
local prefix = tostring(math.random(1, 1000000000)) .. "-" .. tostring(os.time())
request = function()
  n = n + 1
  return wrk.format(nil, "/v1/articles?published_at=2024-03-14&title=bench-" .. prefix .. "-" .. n)
end''')
