#!/usr/bin/env bash
# The whole test suite: starts a throwaway PostgreSQL server on 127.0.0.1 for the
# PostgreSQL tests (they fail, not skip, in CI when it cannot start), runs pytest,
# stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
cleanup() { [ -n "${PGSTOP:-}" ] && eval "$PGSTOP" >/dev/null 2>&1 || true; }
trap cleanup EXIT
if url=$(bash scripts/pg_start.sh); then
  export SAYWHO_TEST_PG_URL="$url"
  PGSTOP="bash scripts/pg_stop.sh"
else
  echo "test: PostgreSQL could not be started" >&2
fi
$PY -m pytest -q -n 2 "$@"
