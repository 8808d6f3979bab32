#!/usr/bin/env bash
# Debian packages some tests need, installed only when missing; safe to run again.
#   postgresql: the server scripts/pg_start.sh runs for the PostgreSQL tests
#   chromium:   tests/test_web_browser.py (scripts/browser_deps.sh)
set -euo pipefail
need=()
bash "$(dirname "$0")/browser_deps.sh"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v runuser >/dev/null 2>&1 || need+=(util-linux)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "sysdeps: installing ${need[*]}" >&2
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "sysdeps: postgresql did not install" >&2; exit 1; }
fi
