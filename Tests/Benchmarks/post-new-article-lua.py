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
# Each wrk thread runs the script in a Lua state of its own whose math.random starts from
# the same seed, so the titles must carry the thread's number: without it the two threads
# sent the same titles, and half the POSTs were answered "already stored".
print('''local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end
local n = 0
local prefix
request = function()
  prefix = prefix or (tostring(thread_number) .. "-" .. tostring(math.random(1, 1000000000)) .. "-" .. tostring(os.time()))
  n = n + 1
  return wrk.format(nil, "/v1/articles?published_at=2024-03-14&title=bench-" .. prefix .. "-" .. n)
end''')
