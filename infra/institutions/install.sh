#!/usr/bin/env bash
# Installs what the stand-in institution provider needs: Node.js and npm (Debian packages, when missing) and its npm
# packages (npm ci, once). Used by the local run and by the tests.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] error: %s\n' "$*" >&2; exit 1; }
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  log "installing Node.js and npm (Debian packages)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null || die "could not install nodejs and npm"
fi
# oidc-provider 9 needs Node.js 20.19 or later (URL.parse, the global WebCrypto); Debian 12's own package is 18.
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node.js $(node -v) is too old for the stand-in institution provider: install Node.js 20 or later"
# Installed again whenever the lock file is newer than what npm last installed.
if [ ! -d "$here/node_modules/oidc-provider" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  log "installing the stand-in institution provider (npm ci in infra/institutions)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "could not install oidc-provider"
fi
