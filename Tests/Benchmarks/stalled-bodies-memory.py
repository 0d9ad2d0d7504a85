#!/usr/bin/env python3
"""Resident memory of a running server before, during and after N stalled large bodies.

Opens N connections that each declare a body of SIZE bytes, send all but one byte of it
and stall; then closes them all and reads the server's VmRSS again. Not a test (it needs
a running server and its pid):

    python3 Tests/Benchmarks/stalled-bodies-memory.py --port 8080 --pid $(pgrep -n article-entities)
"""
import argparse
import socket
import time


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--connections", type=int, default=500)
    parser.add_argument("--size", type=int, default=1 << 20)
    args = parser.parse_args()

    print("idle:    rss %.1f MiB" % rss_mib(args.pid)[0])
    chunk = b"a" * (args.size - 1)
    sockets = []
    for _ in range(args.connections):
        s = socket.create_connection((args.host, args.port))
        s.sendall(b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                  b"Content-Length: %d\r\n\r\n" % args.size)
        s.sendall(chunk)
        sockets.append(s)
    time.sleep(1)
    print("stalled: rss %.1f MiB (peak %.1f MiB) with %d connections" % (*rss_mib(args.pid), len(sockets)))
    for s in sockets:
        s.close()
    for seconds in (3, 3):
        time.sleep(seconds)
        print("closed:  rss %.1f MiB (peak %.1f MiB)" % rss_mib(args.pid))


if __name__ == "__main__":
    main()
