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

# PyPI packages of the venv. Pinned to a set known to work together; bump deliberately.
VENV_PACKAGES=(awslambdaric==4.2.2 cargo-lambda==1.9.2 ziglang==0.17.1)

# Rust targets: wasm for the playground, arm64 Linux for Lambda artifacts.
RUST_TARGETS=(wasm32-unknown-unknown aarch64-unknown-linux-gnu)

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
