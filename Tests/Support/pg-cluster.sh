#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests and CI, from Debian's `postgresql` package.
#
#   url=$(Tests/Support/pg-cluster.sh start DIR)   # DIR: an empty or missing folder
#   export ARTICLE_ENTITIES_TEST_POSTGRES_URL=$url
#   Tests/Support/pg-cluster.sh restart DIR        # a database restart, same port and data
#   Tests/Support/pg-cluster.sh down DIR           # an outage: the server stops, DIR stays
#   Tests/Support/pg-cluster.sh up DIR             # ...and comes back on the same port and data
#   Tests/Support/pg-cluster.sh stop DIR           # stops the server and deletes DIR
#
# initdb runs into DIR as a non-root user (postgres refuses root: as root the cluster is
# run by the `postgres` user via runuser). The server listens on a free loopback port only,
# with its socket in DIR; password (scram) authentication over TCP, so tests can check a
# wrong password is refused. fsync is off: the data is thrown away. PG_BIN overrides the
# binaries' folder (default: the newest /usr/lib/postgresql/*/bin).
set -euo pipefail
umask 077

usage() { echo "usage: $0 start|restart|down|up|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
command=$1
dir=$2

bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "no PostgreSQL server binaries (install Debian's postgresql package, or set PG_BIN)" >&2
  exit 1
fi

# The server outlives this script: it must not inherit the caller's descriptors beyond
# 0-2 (which pg_ctl redirects), or a caller waiting for a pipe to close waits forever.
for fd in /proc/$$/fd/*; do
  n=${fd##*/}
  if [ "$n" -gt 2 ] 2>/dev/null; then eval "exec $n>&-" 2>/dev/null || true; fi
done

# Runs a server binary as the cluster's owner.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The server's settings: loopback only, on PORT, its socket in DIR.
server_options() {
  echo "-c listen_addresses=127.0.0.1 -c port=$1 -c unix_socket_directories='$dir' -c fsync=off -c max_connections=200"
}

case $command in
start)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ -z "$(ls -A "$dir")" ] || { echo "$dir is not empty" >&2; exit 1; }
  [ "$(id -u)" != 0 ] || chown postgres: "$dir"
  chmod 700 "$dir"
  password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$password" >"$dir/superuser-password"
  [ "$(id -u)" != 0 ] || chown postgres: "$dir/superuser-password"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 --pwfile="$dir/superuser-password" >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # A port the kernel says is free; another process may take it before the server binds,
  # so a failed start is retried on a new port.
  started=
  for _ in 1 2 3 4 5; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -o "$(server_options "$port")" \
        start >/dev/null 2>&1; then
      started=1
      break
    fi
  done
  [ -n "$started" ] || { echo "the server did not start:" >&2; tail -n 20 "$dir/server.log" >&2; exit 1; }
  user=article_entities
  database=article_entities_test
  as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
    -c "CREATE ROLE $user LOGIN PASSWORD '$password'" -c "CREATE DATABASE $database OWNER $user" >/dev/null
  url="postgresql://$user:$password@127.0.0.1:$port/$database"
  printf '%s\n' "$url" >"$dir/url"
  printf '%s\n' "$url"
  ;;
restart)
  # Fast shutdown: sessions are cut, as when an operator restarts the database under a node.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 30 restart >/dev/null
  ;;
down)
  # Fast shutdown: sessions are cut and new connections refused until `up`.
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
  ;;
up)
  dir=$(cd "$dir" && pwd)
  port=$(sed -E 's|.*@127\.0\.0\.1:([0-9]+)/.*|\1|' "$dir/url")
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -o "$(server_options "$port")" start >/dev/null
  ;;
stop)
  [ -d "$dir" ] || exit 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*) usage ;;
esac
