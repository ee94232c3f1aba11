#!/usr/bin/env bash
# Fuzz the contract-v1 JSON entry points with cargo-fuzz (libFuzzer), each target for a bounded time.
#
#   bash scripts/fuzz.sh [seconds-per-target] [target ...]     (make fuzz: 120 s each, all four targets)
#
# Targets (fuzz/fuzz_targets/, logic and checks in fuzz/src/lib.rs): evaluate, policy, what_if, validate.
# Installs what is missing: the nightly host toolchain (rustup, minimal profile) and cargo-fuzz
# (crates.io). Seeds come from tests/cases and www/data (fuzz/seeds.mjs); the corpus grows across runs
# in fuzz/corpus/ (gitignored). Every crash, timeout or out-of-memory input becomes
# tests/regressions/<target>-<kind>-<hash>.json, which tests/limits.rs replays under `cargo test`;
# the script then exits non-zero.
#
# Environment: FUZZ_SANITIZER (default none: the crate forbids unsafe code, and panics, aborts,
# timeouts and OOMs are what we hunt; `address` for ASan), FUZZ_TIMEOUT (seconds per input, default 20),
# FUZZ_RSS_MB (default 2048), FUZZ_MAX_LEN (bytes, default 65536).
set -euo pipefail
cd "$(dirname "$0")/.."

SECS="${1:-120}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(evaluate policy what_if validate what_if_ops limits)
SAN="${FUZZ_SANITIZER:-none}"
TIMEOUT="${FUZZ_TIMEOUT:-10}"
RSS="${FUZZ_RSS_MB:-2048}"
MAXLEN="${FUZZ_MAX_LEN:-65536}"
CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$CARGO_HOME/bin:$PATH"

say() { printf '== fuzz: %s\n' "$*"; }

# --- tools -------------------------------------------------------------------------------------------
if ! command -v rustup >/dev/null 2>&1; then
    echo "fuzz: rustup is required (the nightly toolchain is installed through it)" >&2
    exit 2
fi
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    say "installing the nightly toolchain (minimal profile)"
    rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz from crates.io"
    cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi
command -v node >/dev/null 2>&1 || { echo "fuzz: node is required (seeds, regression files)" >&2; exit 2; }

# --- seeds, build --------------------------------------------------------------------------------------
node fuzz/seeds.mjs
say "building ${TARGETS[*]} (nightly, sanitizer=$SAN, debug assertions on)"
build_start=$(date +%s)
if [ ${#TARGETS[@]} -eq 6 ]; then
    cargo +nightly fuzz build -s "$SAN" --debug-assertions
else
    for t in "${TARGETS[@]}"; do cargo +nightly fuzz build -s "$SAN" --debug-assertions "$t"; done
fi
say "built in $(( $(date +%s) - build_start )) s"

# --- run -----------------------------------------------------------------------------------------------
mkdir -p fuzz/artifacts/logs tests/regressions
found=0
summary=()
for t in "${TARGETS[@]}"; do
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    marker=$(mktemp)
    log="fuzz/artifacts/logs/$t.log"
    before=$(find "fuzz/corpus/$t" -type f | wc -l)
    say "running $t for ${SECS} s"
    start=$(date +%s)
    rc=0
    cargo +nightly fuzz run -s "$SAN" --debug-assertions "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$SECS" -timeout="$TIMEOUT" -rss_limit_mb="$RSS" -max_len="$MAXLEN" \
        -dict=fuzz/pingan.dict -print_final_stats=1 -close_fd_mask=1 >"$log" 2>&1 || rc=$?
    took=$(( $(date +%s) - start ))
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
    fuzzed=$(grep -oE '^Done [0-9]+ runs in [0-9]+ second' "$log" | grep -oE '[0-9]+ second' | grep -oE '[0-9]+' | tail -1 || true)
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
    after=$(find "fuzz/corpus/$t" -type f | wc -l)
    new=$(find "fuzz/artifacts/$t" -maxdepth 1 -type f -newer "$marker" \
              \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort)
    rm -f "$marker"
    n=0
    for f in $new; do
        n=$((n + 1))
        kind=$(basename "$f" | cut -d- -f1)
        hash=$(sha1sum "$f" | cut -c1-12)
        out="tests/regressions/$t-$kind-$hash.json"
        why=$(grep -m1 -E "panicked at|ERROR: libFuzzer|SUMMARY" "$log" | cut -c1-300 || true)
        msg=$(grep -m1 -A3 "panicked at" "$log" | tail -n +2 | head -3 | tr '\n' ' ' | cut -c1-600 || true)
        node -e '
          const fs = require("fs");
          const [file, target, kind, why, msg, out] = process.argv.slice(1);
          const bytes = fs.readFileSync(file);
          const text = bytes.toString("utf8");
          const utf8 = Buffer.from(text, "utf8").equals(bytes);
          const rec = { target, kind, found_by: "scripts/fuzz.sh", found_on: new Date().toISOString().slice(0, 10),
                        what: (why + " " + msg).trim() };
          if (utf8) rec.input = text; else rec.input_base64 = bytes.toString("base64");
          fs.writeFileSync(out, JSON.stringify(rec, null, 1) + "\n");
        ' "$f" "$t" "$kind" "$why" "$msg" "$out"
        say "FOUND $kind in $t → $out"
        [ -n "$why" ] && printf '   %s\n' "$why"
        [ -n "$msg" ] && printf '   %s\n' "$msg"
        printf '   input (%d bytes): %s\n' "$(wc -c < "$f")" "$(head -c 300 "$f" | tr -c '[:print:]' '.')"
    done
    if [ "$n" -eq 0 ] && [ "$rc" -ne 0 ]; then
        say "$t exited with $rc without an artifact; see $log"
        tail -20 "$log"
        n=1
    fi
    found=$((found + n))
    line=$(printf '%-9s fuzzed %4s s (%4d s with build)  %10s execs  %-22s corpus %5d → %5d  findings %d' \
        "$t" "${fuzzed:-?}" "$took" "${execs:-?}" "${cov:-cov ?}" "$before" "$after" "$n")
    summary+=("$line")
done

echo
say "summary (sanitizer=$SAN, ${SECS} s per target; logs in fuzz/artifacts/logs/)"
for l in "${summary[@]}"; do printf '   %s\n' "$l"; done
if [ "$found" -gt 0 ]; then
    say "$found finding(s): regression files written to tests/regressions/ (replayed by cargo test --test limits)"
    exit 1
fi
say "no crash, timeout or OOM found"
