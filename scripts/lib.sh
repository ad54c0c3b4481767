# shellcheck shell=bash
# Shared helpers for scripts/test and scripts/serve (sourced, not run).
#
# Every ensure_* function installs what is missing and does nothing when it is already there,
# so the scripts are cheap to re-run. Heavy, reusable outputs live under $DEPYLER_CACHE
# (default ~/.cache/depyler-lambda):
#   venv/      python venv with cargo-lambda, ziglang (cross-linker) and awslambdaric (tests)
#   target/    CARGO_TARGET_DIR shared by all generated Lambda projects
#   projects/  generated corpus projects (tests/tests/corpus_e2e.rs)
#   logs/      full output of failed setup commands

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${DEPYLER_CACHE:-$HOME/.cache/depyler-lambda}
export DEPYLER_CACHE=$CACHE
VENV=$CACHE/venv
# Scripts build from scratch or rebuild after changes; incremental state only costs disk here.
export CARGO_INCREMENTAL=0

# PyPI packages of the venv. Pinned to a set known to work together; bump deliberately.
VENV_PACKAGES=(awslambdaric==4.2.2 cargo-lambda==1.9.2 ziglang==0.17.1 cfn-lint==1.58.0)

# Rust targets: wasm for the playground; arm64 Linux for Lambda artifacts: static musl (what
# generated build.sh scripts and the build backend deploy) and glibc (`cargo lambda build --arm64`).
RUST_TARGETS=(wasm32-unknown-unknown aarch64-unknown-linux-musl aarch64-unknown-linux-gnu)

step() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# quietly CMD...: run CMD with its output kept in a log; on failure print the log's tail and fail.
quietly() {
  mkdir -p "$CACHE/logs"
  local log
  log=$(mktemp "$CACHE/logs/cmd.XXXXXX")
  if "$@" </dev/null >"$log" 2>&1; then
    rm -f "$log"
  else
    local rc=$?
    printf 'error: `%s` failed (exit %s); last lines of its output (full log: %s):\n' "$*" "$rc" "$log" >&2
    tail -n 40 "$log" | sed 's/^/    /' >&2
    return "$rc"
  fi
}

# apt_install PKG...: Debian packages, only when running as root with apt-get (fresh machines).
apt_install() {
  command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] ||
    die "missing $*; install it with your package manager and re-run"
  step "apt-get install $*"
  if [ ! -f "$CACHE/.apt-updated" ]; then
    quietly env DEBIAN_FRONTEND=noninteractive apt-get update
    mkdir -p "$CACHE" && touch "$CACHE/.apt-updated"
  fi
  quietly env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}

ensure_rust() {
  if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup and re-run"
  command -v rustup >/dev/null 2>&1 || die "rustup not found: it is needed to add the targets ${RUST_TARGETS[*]}"
  local installed t missing=()
  installed=$(rustup target list --installed)
  for t in "${RUST_TARGETS[@]}"; do
    grep -qx "$t" <<<"$installed" || missing+=("$t")
  done
  if ((${#missing[@]})); then
    step "rustup target add ${missing[*]}"
    quietly rustup target add "${missing[@]}"
  fi
}

ensure_python() {
  command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || apt_install python3-venv
}

# The venv is complete when its marker holds exactly the wanted package list.
ensure_venv() {
  local want="${VENV_PACKAGES[*]}"
  if [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.depyler-packages" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  ensure_python
  step "python venv at $VENV ($want)"
  if ! [ -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c pass >/dev/null 2>&1; then
    rm -rf "$VENV"
    quietly python3 -m venv "$VENV"
  fi
  quietly "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q "${VENV_PACKAGES[@]}"
  printf '%s\n' "$want" >"$VENV/.depyler-packages"
}

# Puts the venv's tools (cargo-lambda, python-zig) on PATH.
use_venv() {
  export PATH="$VENV/bin:$PATH"
}

# ---- HOOK: playground (web/) tools and build ----
# trunk, wasm-bindgen-cli and wasm-opt are installed under $CACHE/tools at pinned
# versions; Trunk.toml sets `offline = true`, so trunk uses exactly these from PATH and
# fails loudly instead of trying to download its own. Chromium and playwright-core are
# only for the browser tests (tests/browser).
TOOLS=$CACHE/tools
TRUNK_VERSION="~0.21" # 0.22 needs a newer rustc than the workspace's
BINARYEN_VERSION=132.0.0 # Debian's binaryen 108 silently breaks the wasm

use_web_tools() {
  export PATH="$TOOLS/bin:$TOOLS/npm/node_modules/.bin:$PATH"
}

# The wasm-bindgen version the app links (Cargo.lock); the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm
}

ensure_web_build_tools() {
  use_web_tools
  if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
    step "cargo install trunk $TRUNK_VERSION (first time only, several minutes)"
    quietly cargo install --locked trunk --version "$TRUNK_VERSION" --root "$TOOLS"
  fi
  local wbg
  wbg=$(wasm_bindgen_version)
  [ -n "$wbg" ] || die "no wasm-bindgen in Cargo.lock"
  grep -q "^wasm_bindgen = \"$wbg\"" "$ROOT/Trunk.toml" ||
    die "Trunk.toml pins another wasm_bindgen than Cargo.lock ($wbg): update [tools] wasm_bindgen"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
    step "cargo install wasm-bindgen-cli $wbg (first time only)"
    # Not --locked: the CLI's own lockfile can predate fixes its dependencies need.
    quietly cargo install wasm-bindgen-cli --version "$wbg" --root "$TOOLS" --force
  fi
  if ! wasm-opt --version 2>/dev/null | grep -q "version_${BINARYEN_VERSION%%.*}"; then
    ensure_node
    step "npm install binaryen@$BINARYEN_VERSION (wasm-opt)"
    mkdir -p "$TOOLS/npm"
    quietly npm install --prefix "$TOOLS/npm" --no-audit --no-fund --no-save "binaryen@$BINARYEN_VERSION"
  fi
}

ensure_browser_test_tools() {
  ensure_node
  [ -x /usr/bin/chromium ] || apt_install chromium
  if ! [ -d "$ROOT/tests/browser/node_modules/playwright-core" ]; then
    step "npm ci in tests/browser (playwright-core)"
    (cd "$ROOT/tests/browser" && quietly npm ci --no-audit --no-fund)
  fi
}

# trunk build --release: web/ → $ROOT/dist (index.html, the wasm, its JS glue, CSS).
build_web() {
  step "trunk build --release (web/ -> dist/)"
  (cd "$ROOT" && quietly trunk build --release)
}

# The browser tests against the freshly built dist/ (their own static server on a free
# port). DEPYLER_BROWSER_SKIP_ZIP_BUILD=1 skips the slow `cargo build` of the download.
run_browser_tests() {
  step "browser tests (node --test, playwright-core + chromium)"
  (cd "$ROOT/tests/browser" && node --test --test-concurrency=1 --test-reporter=spec ./*.test.mjs)
}

# ---- deploy-file validators: tsc + aws-cdk-lib for the generated CDK snippets ----
# (cfn-lint for the SAM templates is in the venv above.)
ensure_deploy_validators() {
  ensure_node
  if [ ! -x "$ROOT/tests/deploy/node_modules/.bin/tsc" ] || [ ! -d "$ROOT/tests/deploy/node_modules/aws-cdk-lib" ]; then
    step "npm ci in tests/deploy (typescript, aws-cdk-lib)"
    (cd "$ROOT/tests/deploy" && quietly npm ci --no-audit --no-fund)
  fi
}

# ---- disk: the caches only grow (cargo never collects a target dir), so bound them ----
# A target dir over its cap is removed and rebuilt (a cold build is minutes; a full disk fails
# every step after it). Caps are GiB; DEPYLER_TARGET_CAP_GIB overrides.
prune_caches() {
  local cap=${DEPYLER_TARGET_CAP_GIB:-8} dir kib
  for dir in "$CACHE/target" "$CACHE/bench-target" "$CACHE/backend-target" "$ROOT/target"; do
    [ -d "$dir" ] || continue
    kib=$(du -sk "$dir" 2>/dev/null | cut -f1)
    if [ "${kib:-0}" -gt $((cap * 1024 * 1024)) ]; then
      step "removing $dir ($((kib / 1024 / 1024)) GiB > ${cap} GiB cap; it is rebuilt as needed)"
      rm -rf "$dir"
    fi
  done
  local free_kib
  free_kib=$(df -Pk "$CACHE" 2>/dev/null | awk 'NR == 2 {print $4}')
  if [ -n "$free_kib" ] && [ "$free_kib" -lt $((6 * 1024 * 1024)) ]; then
    printf 'warning: only %s MiB free on the disk of %s; a cold run needs about 6 GiB\n' \
      "$((free_kib / 1024))" "$CACHE" >&2
  fi
}
