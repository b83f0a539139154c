#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the archive tests and bench: Debian's package,
# a data folder of its own, trust authentication on 127.0.0.1 only. Never touches a system
# cluster.
#
# Two things exist only so that the tests can prove what a real newsroom server needs: TLS with
# a certificate for localhost and 127.0.0.1 signed by a self-signed test CA (`$DIR/root.crt`,
# the root a test passes as `sslrootcert`), and one login, `fairlint_pw` with password `fairlint-pw`, that must
# give its password (scram-sha-256) while the superuser keeps trust. Both are added to a data
# folder made by an older version of this script, and the server reloads to use them.
#
#   scripts/pg-test-server.sh start   # starts it if needed; prints the URL of a superuser login
#   scripts/pg-test-server.sh url     # prints the URL (server must be running)
#   scripts/pg-test-server.sh cert    # prints the path of the root that signed its certificate
#   scripts/pg-test-server.sh stop
#
# FAIRLINT_PG_DIR (default /tmp/fairlint-pg) and FAIRLINT_PG_PORT (default 54329) move it.
set -euo pipefail
DIR="${FAIRLINT_PG_DIR:-/tmp/fairlint-pg}"
PORT="${FAIRLINT_PG_PORT:-54329}"
URL="postgres://fairlint@127.0.0.1:$PORT/postgres"
ROOT="$DIR/root.crt"
PASSWORD_ROLE="fairlint_pw"
PASSWORD="fairlint-pw"

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

install_openssl() {
  if command -v openssl >/dev/null 2>&1; then
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  echo "pg-test-server: installing openssl to make the test certificate" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq --no-install-recommends openssl >/dev/null
}

# A test CA, and a certificate it signs for localhost and 127.0.0.1, made once; the server
# reads its own copy in the data folder (the key must belong to the server's user and be 0600).
ensure_tls() {
  install_openssl
  if [ ! -f "$ROOT" ] || [ ! -f "$DIR/server.crt" ] || [ ! -f "$DIR/server.key" ]; then
    {
      openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=fairlint test CA" \
        -keyout "$DIR/root.key" -out "$ROOT"
      openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
        -keyout "$DIR/server.key" -out "$DIR/server.csr"
      printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$DIR/server.ext"
      openssl x509 -req -in "$DIR/server.csr" -CA "$ROOT" -CAkey "$DIR/root.key" -CAcreateserial \
        -days 3650 -extfile "$DIR/server.ext" -out "$DIR/server.crt"
    } >"$DIR/openssl.log" 2>&1
  fi
  cp "$DIR/server.crt" "$DIR/data/server.crt"
  cp "$DIR/server.key" "$DIR/data/server.key"
  chmod 600 "$DIR/data/server.key"
  chmod 644 "$ROOT"
  if [ "$(id -u)" = 0 ]; then chown postgres "$DIR/data/server.crt" "$DIR/data/server.key"; fi
  if ! grep -q '^ssl = on' "$DIR/data/postgresql.conf"; then
    printf '\n# pg-test-server.sh\nssl = on\n' >>"$DIR/data/postgresql.conf"
  fi
}

# Password authentication for one login, ahead of the trust lines that serve everyone else.
ensure_password_hba() {
  local hba="$DIR/data/pg_hba.conf"
  if ! grep -q "$PASSWORD_ROLE" "$hba"; then
    local line="host all $PASSWORD_ROLE 127.0.0.1/32 scram-sha-256"
    { echo "$line"; cat "$hba"; } >"$hba.new"
    mv "$hba.new" "$hba"
    if [ "$(id -u)" = 0 ]; then chown postgres "$hba"; fi
  fi
}

ensure_password_role() {
  as_owner "$(bindir)/psql" -q -h 127.0.0.1 -p "$PORT" -U fairlint -d postgres -v ON_ERROR_STOP=1 >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PASSWORD_ROLE') THEN
    CREATE ROLE $PASSWORD_ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
}

running() {
  [ -f "$DIR/data/postmaster.pid" ] && as_owner "$(bindir)/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

start() {
  install_server
  local bin
  bin="$(bindir)"
  if running; then
    # A server started by an older version of this script: TLS and the password login are
    # added, and a reload (not a restart: other tests may be connected) makes it use them.
    ensure_tls
    ensure_password_hba
    as_owner "$bin/pg_ctl" -D "$DIR/data" reload >/dev/null
    ensure_password_role
    echo "$URL"
    return 0
  fi
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$DIR/data" -U fairlint --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
      as_owner "$bin/initdb" -D "$DIR/data" -U fairlint --auth=trust -E UTF8 >"$DIR/initdb.log" 2>&1
  fi
  ensure_tls
  ensure_password_hba
  as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=on -c max_connections=200" start >/dev/null
  ensure_password_role
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
  cert) echo "$ROOT" ;;
  stop) stop ;;
  *) echo "usage: $0 start|url|cert|stop" >&2; exit 2 ;;
esac
