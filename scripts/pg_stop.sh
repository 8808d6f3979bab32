#!/usr/bin/env bash
# Stop the throwaway server of scripts/pg_start.sh DATADIR and remove its data.
set -euo pipefail
datadir=${1:?usage: pg_stop.sh DATADIR}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$bindir" ] && [ -f "$datadir/data/postmaster.pid" ]; then
  as_owner=()
  [ "$(id -u)" -eq 0 ] && as_owner=(runuser -u "$(stat -c %U "$datadir/data")" --)
  (cd / && "${as_owner[@]}" "$bindir/pg_ctl" -D "$datadir/data" -m immediate -w stop >/dev/null) || true
fi
rm -rf "$datadir"
