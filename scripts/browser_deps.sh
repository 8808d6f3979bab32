#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/test_web_browser.py drive it through
# Playwright with executable_path=/usr/bin/chromium: Playwright's own browser builds
# cannot be downloaded here).  Installed only when missing; safe to run again.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "browser_deps: installing chromium (Debian package)" >&2
$SUDO apt-get update -qq >/dev/null
# fonts-liberation: readable text in screenshots on a bare image.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
command -v chromium >/dev/null 2>&1 || { echo "browser_deps: chromium did not install" >&2; exit 1; }
