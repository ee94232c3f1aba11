#!/usr/bin/env bash
# Install whatever the build and the tests need, idempotently: quick when everything is present.
#   scripts/setup.sh            Rust wasm32 target, nightly + rust-src (the shipped modules are built with
#                               -Zbuild-std), wasm-bindgen-cli pinned to Cargo.lock, npm packages
#   scripts/setup.sh chromium   Debian's chromium + chromium-driver for the browser tests (apt-get)
# Nothing here downloads a prebuilt binary: crates.io, the npm registry and Debian's archive only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
say() { printf 'setup: %s\n' "$*"; }

# wasm-bindgen's version as Cargo.lock resolves it (the CLI must match it exactly).
lock_version() {
    awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

rust() {
    command -v cargo >/dev/null || { echo "setup: cargo not found (install Rust with rustup first)" >&2; exit 1; }
    # grep without -q reads all its input: no SIGPIPE for rustup under pipefail.
    if rustup target list --installed 2>/dev/null | grep -x wasm32-unknown-unknown >/dev/null; then
        say "rust target wasm32-unknown-unknown: present"
    else
        say "rust target wasm32-unknown-unknown: installing"
        rustup target add wasm32-unknown-unknown
    fi
    if cargo clippy --version >/dev/null 2>&1; then
        say "clippy: present"
    else
        say "clippy: installing"
        rustup component add clippy
    fi
}

# `make build` compiles both shipped modules (default and WebAssembly MVP) with nightly cargo's -Zbuild-std,
# which needs the nightly toolchain and its rust-src component.
nightly() {
    if rustup run nightly rustc --version >/dev/null 2>&1; then
        say "rust nightly: present ($(rustup run nightly rustc --version))"
    else
        say "rust nightly: installing (minimal profile)"
        rustup toolchain install nightly --profile minimal
    fi
    if rustup component list --toolchain nightly --installed 2>/dev/null | grep -x 'rust-src' >/dev/null; then
        say "rust-src for nightly: present"
    else
        say "rust-src for nightly: installing"
        rustup component add rust-src --toolchain nightly
    fi
}

bindgen() {
    if [ ! -f Cargo.lock ]; then
        say "no Cargo.lock yet: generating it"
        cargo generate-lockfile
    fi
    local want have runner
    want="$(lock_version)"
    [ -n "$want" ] || { echo "setup: wasm-bindgen not found in Cargo.lock" >&2; exit 1; }
    have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
    runner="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)"
    if [ "$have" = "$want" ] && [ "$runner" = "$want" ]; then
        say "wasm-bindgen-cli $want: present"
    else
        say "wasm-bindgen-cli: have '${have:-none}', Cargo.lock wants $want: installing (takes a few minutes)"
        cargo install wasm-bindgen-cli --version "$want" --locked --force \
            || cargo install wasm-bindgen-cli --version "$want" --force
    fi
}

npm_packages() {
    command -v npm >/dev/null || { echo "setup: npm not found" >&2; exit 1; }
    # A stamp of package.json + package-lock.json: `npm ci` only when they changed or node_modules is gone.
    local stamp=node_modules/.pingan-setup sum
    if [ -f package-lock.json ]; then
        sum="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
        if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ] && [ -x node_modules/.bin/wasm-opt ]; then
            say "npm packages: up to date"
            return
        fi
        say "npm packages: npm ci"
        local log
        log="$(mktemp)"
        if npm ci --no-audit --no-fund >"$log" 2>&1; then
            cat "$log"
        else
            # npm ci refuses a lock that lacks optional platform packages the registry does not serve
            # (e.g. a native addon's darwin/win32 builds); npm install tolerates them.
            say "npm ci refused package-lock.json ($(grep -m1 -o 'Missing: .*' "$log" || tail -n1 "$log")): npm install instead"
            npm install --no-audit --no-fund
        fi
        rm -f "$log"
    else
        say "npm packages: no package-lock.json yet, npm install"
        npm install --no-audit --no-fund
        sum="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
    fi
    printf '%s\n' "$sum" > "$stamp"
}

chromium() {
    # Chinese fonts too, so the screenshots the browser tests write show the zh pages as staff see them;
    # poppler-utils' pdftoppm renders the printed PDFs to PNG pages (the print tests' screenshots).
    if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && command -v pdftoppm >/dev/null \
       && fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
        say "chromium: present ($(/usr/bin/chromium --version 2>/dev/null || echo '?')), CJK fonts present"
        return
    fi
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null || { echo "setup: need root (or sudo) to apt-get install chromium" >&2; exit 1; }
        sudo="sudo"
    fi
    say "chromium: installing Debian's chromium + chromium-driver + fonts-noto-cjk + poppler-utils"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver fonts-noto-cjk poppler-utils
}

case "${1:-all}" in
    all) rust; nightly; bindgen; npm_packages ;;
    rust) rust; nightly ;;
    nightly) nightly ;;
    wasm-bindgen) bindgen ;;
    npm) npm_packages ;;
    chromium) chromium ;;
    *) echo "usage: $0 [all|rust|nightly|wasm-bindgen|npm|chromium]" >&2; exit 2 ;;
esac
