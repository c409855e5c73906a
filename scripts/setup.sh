#!/usr/bin/env bash
# Installs everything Chaff needs to build, test and package it, on Debian 12
# with rustup, Node.js >= 20.19 and npm already there. Idempotent: each step
# checks first and prints one line, "installed ..." or "skipped ...".
#
#   bash scripts/setup.sh          (the Makefile's `setup` target runs it)
#
# Environment overrides:
#   WASM_PACK_VERSION    version for `cargo install wasm-pack`   (default below)
#   GECKODRIVER_VERSION  version for `cargo install geckodriver` (default below)
#   SETUP_SKIP_APT=1     never call apt-get (the browsers and java must be there already)
#   PYTHON               interpreter for the venv (default python3, >= 3.9)
#
# Notes:
#   * wasm-bindgen-cli is installed at exactly the wasm-bindgen version in
#     Cargo.lock (CLI and library must match). Without --locked on purpose: one
#     of the CLI's locked dependencies is missing from the registry.
#   * wasm-pack downloads binaryen for wasm-opt, which fails offline, unless a
#     wasm-opt is on PATH: the npm package `binaryen` provides
#     node_modules/.bin/wasm-opt and the Makefile puts that folder on PATH.
#   * npm packages that download a browser at install time fail here, hence
#     puppeteer-core / selenium-webdriver driving Debian's chromium/firefox-esr.
#   * The Python side (the `chaff` wheel's build and tests, the Spark job)
#     lives in .venv (gitignored), with the pinned python/requirements.txt;
#     Spark needs a Java runtime (Debian's openjdk-17-jre-headless).
set -euo pipefail

WASM_PACK_VERSION="${WASM_PACK_VERSION:-0.15.1}"
GECKODRIVER_VERSION="${GECKODRIVER_VERSION:-0.37.1}"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
START=$SECONDS

begin() { printf 'setup: %-18s ' "$1"; }          # step name, no newline yet
end()   { printf '%s\n' "$1"; }                    # "installed ..." / "skipped ..."
die()   { printf '\nsetup: ERROR: %s\n' "$*" >&2; exit 1; }
trap 'printf "\nsetup: ERROR: command failed (exit %s) at scripts/setup.sh:%s: %s\n" "$?" "$LINENO" "$BASH_COMMAND" >&2' ERR

# Tools installed by `cargo install` land in ~/.cargo/bin.
if ! command -v cargo >/dev/null 2>&1 && [ -f "$HOME/.cargo/env" ]; then
    # shellcheck disable=SC1091
    . "$HOME/.cargo/env"
fi
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) export PATH="$CARGO_BIN:$PATH" ;; esac

command -v rustup >/dev/null 2>&1 || die "rustup not found: install Rust with rustup first"
command -v cargo  >/dev/null 2>&1 || die "cargo not found: install Rust with rustup first"
command -v node   >/dev/null 2>&1 || die "node not found: Node.js >= 20.19 is required"
command -v npm    >/dev/null 2>&1 || die "npm not found: npm >= 10 is required"
[ -f Cargo.toml ]   || die "no Cargo.toml in $ROOT"
[ -f package.json ] || die "no package.json in $ROOT"

# Never prompt: CI has no stdin.
export DEBIAN_FRONTEND=noninteractive
export CARGO_TERM_PROGRESS_WHEN=never

# apt_install PKG...: apt-get install, as root or through sudo, or die.
apt_install() {
    [ "${SETUP_SKIP_APT:-}" != 1 ] || die "missing apt packages $* and SETUP_SKIP_APT=1"
    local SUDO=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "not root and no sudo: cannot apt-get install $*"
        SUDO=(sudo -n env DEBIAN_FRONTEND=noninteractive)
    fi
    # With recommends (fonts-liberation and the like): the configuration checked
    # to run headless here. Wait for another apt's lock rather than fail on it.
    local apt_opts=(-y -q -o DPkg::Lock::Timeout=600)
    local apt_log
    apt_log="$(mktemp)"
    if ! { "${SUDO[@]}" apt-get update -q -o DPkg::Lock::Timeout=600 \
           && "${SUDO[@]}" apt-get install "${apt_opts[@]}" "$@"; } \
         >"$apt_log" 2>&1; then
        tail -n 40 "$apt_log" >&2
        die "apt-get install $* failed (last lines of its output above)"
    fi
    rm -f "$apt_log"
}

# 1. Rust wasm target ------------------------------------------------------------
begin "wasm32 target"
if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
    end "skipped (wasm32-unknown-unknown already installed)"
else
    rustup target add wasm32-unknown-unknown >/dev/null 2>&1 \
        || die "rustup target add wasm32-unknown-unknown failed"
    end "installed (wasm32-unknown-unknown)"
fi

# 2. wasm-pack -------------------------------------------------------------------
begin "wasm-pack"
if command -v wasm-pack >/dev/null 2>&1; then
    end "skipped ($(wasm-pack --version 2>/dev/null) already installed)"
else
    cargo install --quiet wasm-pack --version "=$WASM_PACK_VERSION" \
        || die "cargo install wasm-pack --version =$WASM_PACK_VERSION failed"
    end "installed ($(wasm-pack --version))"
fi

# 3. wasm-bindgen-cli at the Cargo.lock version of wasm-bindgen ------------------
begin "wasm-bindgen-cli"
lock_version() {  # lock_version CRATE: version of CRATE in Cargo.lock (first match), or nothing
    awk -v want="$1" '
        /^\[\[package\]\]/            { name = "" }
        /^name = /                    { gsub(/"/, "", $3); name = $3 }
        /^version = / && name == want { gsub(/"/, "", $3); print $3; exit }
    ' Cargo.lock
}
if [ ! -f Cargo.lock ] || [ Cargo.toml -nt Cargo.lock ]; then
    # Bring Cargo.lock in line with Cargo.toml, as the next cargo build would.
    # Neither command compiles anything, so this works while src/ does not build.
    cargo metadata --format-version 1 >/dev/null 2>&1 \
        || cargo generate-lockfile --quiet 2>/dev/null \
        || [ -f Cargo.lock ] \
        || die "Cargo.lock is missing and cargo generate-lockfile failed (is Cargo.toml valid?)"
fi
WB_VERSION="$(lock_version wasm-bindgen)"
[ -n "$WB_VERSION" ] || die "Cargo.lock has no wasm-bindgen package (it should come from Cargo.toml)"
have_wb=""
if command -v wasm-bindgen >/dev/null 2>&1; then
    have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"
fi
if [ "$have_wb" = "$WB_VERSION" ] && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
    end "skipped (wasm-bindgen $WB_VERSION already installed, matches Cargo.lock)"
else
    cargo install --quiet --force wasm-bindgen-cli --version "=$WB_VERSION" \
        || die "cargo install wasm-bindgen-cli --version =$WB_VERSION failed"
    got="$(wasm-bindgen --version | awk '{print $2}')"
    [ "$got" = "$WB_VERSION" ] \
        || die "wasm-bindgen on PATH ($(command -v wasm-bindgen)) is $got, Cargo.lock wants $WB_VERSION"
    end "installed (wasm-bindgen $WB_VERSION${have_wb:+, replacing $have_wb})"
fi

# 4. geckodriver -----------------------------------------------------------------
begin "geckodriver"
if command -v geckodriver >/dev/null 2>&1; then
    end "skipped ($(geckodriver --version 2>/dev/null | head -n1) already installed)"
else
    cargo install --quiet geckodriver --version "=$GECKODRIVER_VERSION" \
        || die "cargo install geckodriver --version =$GECKODRIVER_VERSION failed"
    end "installed ($(geckodriver --version | head -n1))"
fi

# 5. Browsers and chromedriver from Debian ---------------------------------------
begin "browsers (apt)"
apt_pkgs=()
[ -x /usr/bin/chromium ]     || apt_pkgs+=(chromium)
[ -x /usr/bin/chromedriver ] || apt_pkgs+=(chromium-driver)
[ -x /usr/bin/firefox-esr ]  || apt_pkgs+=(firefox-esr)
if [ ${#apt_pkgs[@]} -eq 0 ]; then
    end "skipped (/usr/bin/chromium, /usr/bin/chromedriver, /usr/bin/firefox-esr present)"
else
    apt_install "${apt_pkgs[@]}"
    for b in /usr/bin/chromium /usr/bin/chromedriver /usr/bin/firefox-esr; do
        [ -x "$b" ] || die "$b still missing after apt-get install ${apt_pkgs[*]}"
    done
    end "installed (${apt_pkgs[*]})"
fi

# 6. npm packages ----------------------------------------------------------------
# node_modules/.package-lock.json is npm's own record of what it last installed.
begin "npm packages"
npm_marker=node_modules/.package-lock.json
if [ -f "$npm_marker" ] && [ ! package.json -nt "$npm_marker" ] \
   && { [ ! -f package-lock.json ] || [ ! package-lock.json -nt "$npm_marker" ]; }; then
    end "skipped (node_modules up to date with package-lock.json)"
else
    if [ -f package-lock.json ]; then npm_cmd=(npm ci); else npm_cmd=(npm install); fi
    npm_log="$(mktemp)"
    if ! "${npm_cmd[@]}" --no-audit --no-fund --loglevel=error </dev/null >"$npm_log" 2>&1; then
        tail -n 40 "$npm_log" >&2
        die "${npm_cmd[*]} failed (last lines of its output above)"
    fi
    rm -f "$npm_log"
    touch "$npm_marker"
    end "installed (${npm_cmd[*]})"
fi
[ -x node_modules/.bin/wasm-opt ] || die "node_modules/.bin/wasm-opt missing (from the npm package binaryen)"

# 7. Java runtime for Spark ----------------------------------------------------------
begin "java (apt)"
if command -v java >/dev/null 2>&1; then
    end "skipped ($(java -version 2>&1 | head -n1) already installed)"
else
    apt_install openjdk-17-jre-headless
    command -v java >/dev/null 2>&1 || die "java still missing after apt-get install openjdk-17-jre-headless"
    end "installed (openjdk-17-jre-headless)"
fi

# 8. Python venv: maturin, pyarrow, pyspark, warcio, pytest, ray, trafilatura -----
# .venv/.requirements holds the hash of the requirements it was made from.
begin "python venv"
PYTHON="${PYTHON:-python3}"
req=python/requirements.txt
want="$(sha256sum "$req" | cut -c1-16)"
if [ -x .venv/bin/python ] && [ "$(cat .venv/.requirements 2>/dev/null)" = "$want" ]; then
    end "skipped (.venv up to date with $req)"
else
    command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found: Python >= 3.9 is required"
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 9))' \
        || die "$PYTHON is $("$PYTHON" --version 2>&1); Python >= 3.9 is required"
    if [ ! -x .venv/bin/python ] && ! "$PYTHON" -m venv .venv >/dev/null 2>&1; then
        # Debian's python3 keeps venv (and ensurepip) in a separate package.
        rm -rf .venv
        apt_install python3-venv
        "$PYTHON" -m venv .venv || die "$PYTHON -m venv .venv failed"
    fi
    pip_log="$(mktemp)"
    if ! .venv/bin/python -m pip install --disable-pip-version-check -q -r "$req" </dev/null >"$pip_log" 2>&1; then
        tail -n 40 "$pip_log" >&2
        die "pip install -r $req failed (last lines of its output above; is PyPI reachable?)"
    fi
    rm -f "$pip_log"
    .venv/bin/python -c 'import pyspark, pyarrow, warcio, pytest, trafilatura, ray.data' \
        || die "the venv's packages do not import"
    echo "$want" > .venv/.requirements
    end "installed (.venv: $(.venv/bin/python -c 'import pyspark, pyarrow; print("pyspark", pyspark.__version__, "pyarrow", pyarrow.__version__)'))"
fi

printf 'setup: done in %ss\n' "$((SECONDS - START))"
