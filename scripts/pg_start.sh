#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the tests and print its URL on stdout.
#   url=$(bash scripts/pg_start.sh DATADIR)   # DATADIR: an empty directory (e.g. mktemp -d)
#   ... SAYWHO_TEST_PG_URL=$url pytest ...
#   bash scripts/pg_stop.sh DATADIR
# Debian's postgresql package (scripts/sysdeps.sh installs it); listens on 127.0.0.1 on a
# free port, trust authentication, fsync off (the data is thrown away).  PostgreSQL
# refuses to run as root: as root the server runs as the package's `postgres` user.
set -euo pipefail
datadir=${1:?usage: pg_start.sh DATADIR}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "pg_start: PostgreSQL is not installed (run scripts/sysdeps.sh)" >&2
  exit 1
fi
mkdir -p "$datadir"
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  user=postgres
  id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
  chown -R "$user" "$datadir"
  as_owner=(runuser -u "$user" --)
fi
chmod 700 "$datadir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cd /  # the server user may not be able to read the caller's directory
"${as_owner[@]}" "$bindir/initdb" -D "$datadir/data" -U saywho --auth=trust -E UTF8 --locale=C.UTF-8 >"$datadir/initdb.log" 2>&1 \
  || { echo "pg_start: initdb failed:" >&2; cat "$datadir/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bindir/pg_ctl" -D "$datadir/data" -l "$datadir/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $port -k $datadir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null \
  || { echo "pg_start: the server did not start:" >&2; cat "$datadir/server.log" >&2; exit 1; }
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U saywho saywho_test
echo "postgresql://saywho@127.0.0.1:$port/saywho_test"
