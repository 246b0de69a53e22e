#!/usr/bin/env bash
# Installs what a fresh clone on a fresh Debian box lacks: npm packages, then the Debian packages
# the embedded runtime (sandboxes, kernels) and the e2e tests (Chromium) need. Idempotent and quick
# when everything is present. `--runtime` skips the browser; `--test` (npm test) adds PostgreSQL,
# whose binaries the store tests and e2e/shared-database.spec.ts use for a throwaway server
# (scripts/lib/postgres.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=1
want_postgres=0
[ "${1:-}" = "--runtime" ] && want_browser=0
[ "${1:-}" = "--test" ] && want_postgres=1

# Sandboxes and kernels: bubblewrap; e2fsprogs + mount for the per-session disk images; Python with ipykernel and the data stack; R with IRkernel.
DEB_RUNTIME="bubblewrap e2fsprogs mount python3 python3-ipykernel python3-jupyter-client python3-zmq python3-numpy python3-pandas python3-matplotlib r-base-core r-cran-irkernel openjdk-17-jdk-headless"
DEB_BROWSER="chromium fonts-liberation"
DEB_POSTGRES="postgresql"

missing=()
pkgs="$DEB_RUNTIME"
[ "$want_browser" = 1 ] && pkgs="$pkgs $DEB_BROWSER"
[ "$want_postgres" = 1 ] && pkgs="$pkgs $DEB_POSTGRES"
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Sandboxes hide /usr/local, so the JavaScript kernel needs a node under /usr/bin. Only install
# Debian's when there is none: replacing a Node the box already has could downgrade npm's own.
[ -x /usr/bin/node ] || missing+=("nodejs")

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "[deps] installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # The tests start their own throwaway servers: no system cluster ("main" on port 5432) is wanted.
    if [[ " ${missing[*]} " == *" postgresql "* ]] && [ ! -d /etc/postgresql ]; then
      mkdir -p /etc/postgresql-common/createcluster.d
      echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/agb-dashboard.conf
    fi
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "[deps] missing Debian packages: ${missing[*]}"
    echo "[deps] install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}"
    echo "[deps] (the runtime reports a clear error for any feature that needs them)"
    if [[ " ${missing[*]} " == *" postgresql "* ]]; then
      echo "[deps] (without postgresql the PostgreSQL store tests fail with \"PostgreSQL is not installed\")"
    fi
  fi
fi

# npm packages: reinstall when node_modules is missing or older than the lockfile.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] installing npm packages (better-sqlite3 compiles from source: about a minute)"
  npm ci --no-audit --no-fund --loglevel=error
fi
