#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the archive tests and bench: Debian's package,
# a data folder of its own, trust authentication on 127.0.0.1 only. Never touches a system
# cluster.
#
#   scripts/pg-test-server.sh start   # starts it if needed; prints the URL of a superuser login
#   scripts/pg-test-server.sh url     # prints the URL (server must be running)
#   scripts/pg-test-server.sh stop
#
# FAIRLINT_PG_DIR (default /tmp/fairlint-pg) and FAIRLINT_PG_PORT (default 54329) move it.
set -euo pipefail
DIR="${FAIRLINT_PG_DIR:-/tmp/fairlint-pg}"
PORT="${FAIRLINT_PG_PORT:-54329}"
URL="postgres://fairlint@127.0.0.1:$PORT/postgres"

bindir() {
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then
      echo "$d"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

install_server() {
  if bindir >/dev/null; then
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "pg-test-server: PostgreSQL is not installed and there is no apt-get to install it" >&2
    exit 1
  fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  echo "pg-test-server: installing Debian's postgresql package" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  # The package would start a system cluster; tests use their own, so stop it from starting.
  $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
}

# PostgreSQL refuses to run as root: as root, the server runs as the package's postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running() {
  [ -f "$DIR/data/postmaster.pid" ] && as_owner "$(bindir)/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

start() {
  install_server
  local bin
  bin="$(bindir)"
  if running; then
    echo "$URL"
    return 0
  fi
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$DIR/data" -U fairlint --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
      as_owner "$bin/initdb" -D "$DIR/data" -U fairlint --auth=trust -E UTF8 >"$DIR/initdb.log" 2>&1
  fi
  as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=on -c max_connections=200" start >/dev/null
  echo "$URL"
}

stop() {
  if running; then
    as_owner "$(bindir)/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null
  fi
}

case "${1:-start}" in
  start) start ;;
  url) echo "$URL" ;;
  stop) stop ;;
  *) echo "usage: $0 start|url|stop" >&2; exit 2 ;;
esac
