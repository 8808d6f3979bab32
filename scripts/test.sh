#!/usr/bin/env bash
# The whole test suite: starts a throwaway PostgreSQL server on 127.0.0.1 for the
# PostgreSQL tests (they fail, not skip, in CI when it cannot start), runs pytest,
# stops the server; then the release check (scripts/wheel_check.sh: the wheel built,
# installed in a clean venv, the seed demo run from it; SAYWHO_SKIP_WHEEL_CHECK=1 skips
# it).  Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/saywho-pg.XXXXXX")
cleanup() { bash scripts/pg_stop.sh "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
if url=$(bash scripts/pg_start.sh "$pgdir"); then
  export SAYWHO_TEST_PG_URL="$url"
  echo "test: PostgreSQL at $url" >&2
else
  echo "test: PostgreSQL could not be started; the PostgreSQL tests will fail in CI (CI=true), skip otherwise" >&2
fi
# The wheel check first, so that pytest's summary is the run's closing line.
if [[ "${SAYWHO_SKIP_WHEEL_CHECK:-}" != 1 ]]; then
  bash scripts/wheel_check.sh
fi
$PY -m pytest -q -n 2 "$@"
