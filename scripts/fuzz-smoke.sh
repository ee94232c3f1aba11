#!/usr/bin/env bash
# The short fuzz run of `make test` (issue 9): every target for ~20 s (2 minutes of fuzzing in all),
# after installing what is missing (nightly host toolchain, cargo-fuzz). Fails when anything is found;
# the finding is then in tests/regressions/. See scripts/fuzz.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
# `limits` (dossiers with every list at its limit) is left to `make fuzz`: its known worst case, 1,000
# leaders × 5,000 cases each targeting every principal, takes ~30 s (work grows with leaders × cases, an
# open part of issue 12), so the short run would report that one finding every time.
exec bash scripts/fuzz.sh "${FUZZ_SMOKE_SECONDS:-20}" evaluate policy what_if validate what_if_ops
