#!/usr/bin/env bash
# Real-browser tests of Logis (pytest + Selenium + headless Chromium + axe-core).
#
#   bash Tests/e2e/run.sh [path/to/logis]     # default: .build/debug/logis
#
# Installs nothing: chromium, chromium-driver and Tests/e2e/requirements.txt must be there
# (see Tests/e2e/README.md). Screenshots, axe results and the server log go to var/e2e/.
set -euo pipefail

bin="${1:-.build/debug/logis}"
if [[ ! -x "$bin" ]]; then
  echo "run.sh: logis binary not found or not executable: $bin" >&2
  exit 2
fi
# Absolute before moving to the repository root, so a path relative to the caller still works.
LOGIS_BIN="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
export LOGIS_BIN

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"

mkdir -p var/e2e
rm -f var/e2e/*.png var/e2e/*.html var/e2e/axe-*.json var/e2e/server.log

export PYTHONDONTWRITEBYTECODE=1
python3 -m pytest -q Tests/e2e
