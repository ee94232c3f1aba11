# pingan — build, test and demo pipeline (issue 2).
#
#   make setup    install what is missing: wasm32 target, nightly + rust-src, wasm-bindgen-cli, npm tools
#   make build    cargo +nightly -Zbuild-std (wasm32, release) → wasm-bindgen (pkg/web, pkg/node) → wasm-opt
#                 (npm binaryen), plus the WebAssembly-MVP build pkg/web/pingan_mvp.js for old browser cores
#   make size     raw and gzip -9 bytes of pkg/web's .wasm and JS glue (both builds) against the budget
#   make size-names  where the bytes are (names kept, grouped)   make size-profiles  opt-levels compared
#   make profile  where one call's time goes (names kept, node --cpu-prof, by phase)
#   make test     setup, build, then every layer: cargo test, Node binding tests, browser tests
#   make demo     setup, build, then serve the repo on http://127.0.0.1:8080 (/ → www/, /pkg/ → pkg/)
#   make bench    node bench/run.mjs            make fuzz    bash scripts/fuzz.sh
#
# Everything is installed by `make` itself (idempotently) from crates.io, the npm registry and Debian's
# archive; nothing downloads a prebuilt binary or a browser at run time.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build
.DELETE_ON_ERROR:

CARGO_HOME ?= $(HOME)/.cargo
export PATH := $(CARGO_HOME)/bin:$(PATH)

TARGET      := wasm32-unknown-unknown
CRATE       := pingan
# Both shipped modules are built by nightly cargo with -Zbuild-std (scripts/setup.sh installs nightly and
# rust-src): std is then compiled with our release profile (opt-level z, lto) and its size-optimised
# algorithms (optimize_for_size), and a panic aborts at once (-Cpanic=immediate-abort: no message
# formatting is linked; the crate denies panics anyway), with no caller locations recorded either
# (-Zlocation-detail=none: only a panic message would print them). 27 KB gzip less than stable's prebuilt
# std (README "Size"). Separate target dirs keep the host and `cargo test --target wasm32` builds warm.
NIGHTLY     ?= nightly
BUILD_STD   := -Zbuild-std=panic_abort,std -Zbuild-std-features=optimize_for_size
STD_RUSTFLAGS := -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none
WASM        := target/web/$(TARGET)/release/$(CRATE).wasm
# The WebAssembly MVP build (issue 14 §3): no post-MVP feature at all (no reference-types, multi-value,
# bulk-memory, sign-extension, non-trapping float-to-int, mutable globals); www/load.js picks it by probe.
MVP         := $(CRATE)_mvp
MVP_WASM    := target/mvp/$(TARGET)/release/$(CRATE).wasm
MVP_RUSTFLAGS := -Ctarget-cpu=mvp $(STD_RUSTFLAGS)
# wasm-opt comes ONLY from the npm `binaryen` package (Debian's binaryen 108 breaks wasm-bindgen 0.2.130 output).
WASM_OPT    := node_modules/.bin/wasm-opt
# -Os rather than -Oz: 342 B gzip smaller on this module and as fast (README "Size", measured choices).
WASM_OPT_FLAGS ?= -Os --converge --strip-debug --strip-producers
MVP_OPT_FLAGS  ?= --mvp-features $(WASM_OPT_FLAGS)
# The download budget of pkg/web/pingan_bg.wasm + pingan.js, gzip -9 bytes (issue 15).
SIZE_BUDGET ?= 250000
PORT        ?= 8080
NODE_TEST   := node --test --test-timeout=300000
BROWSER_TEST_DIR := www/tests
# Drop-in files from www/ that ship in pkg/web beside pingan.js (they import "./pingan.js").
# elements.js is the entry (it registers the elements); the element modules and their shared internals sit in
# www/elements/ (side-effect-free) and ship as pkg/web/elements/.
ELEMENT_MODULES := $(patsubst www/%,%,$(sort $(wildcard www/elements/*.js www/elements/*.d.ts www/elements/internal/*.js)))
WEB_EXTRAS  := elements.js elements.d.ts worker.js load.js load.d.ts vocabularies.js vocabularies.d.ts \
               pingan-layui.js pingan-layui.d.ts pingan-jquery.js pingan-jquery.d.ts pingan-element-plus.js pingan-element-plus.d.ts \
               $(ELEMENT_MODULES)

.PHONY: all setup chromium build wasm wasm-mvp size size-names size-profiles profile test test-extra test-lint test-rust test-node test-browser \
        test-baseline test-es2019 test-types test-consumer test-differential test-memory test-fuzz-smoke test-wasm demo bench fuzz clean help

all: build

help:
	@sed -n '2,13p' Makefile | sed 's/^# \{0,1\}//'

## ---------------------------------------------------------------------------------------------- setup

setup:
	@bash scripts/setup.sh all

chromium:
	@bash scripts/setup.sh chromium

## ---------------------------------------------------------------------------------------------- build

# The release cdylibs. cargo decides itself whether anything changed (a few seconds when nothing did).
wasm: setup
	RUSTFLAGS="$(STD_RUSTFLAGS)" cargo +$(NIGHTLY) build --release --target $(TARGET) $(BUILD_STD) --target-dir target/web

wasm-mvp: setup
	RUSTFLAGS="$(MVP_RUSTFLAGS)" cargo +$(NIGHTLY) build --release --target $(TARGET) $(BUILD_STD) --target-dir target/mvp

# wasm-bindgen + wasm-opt only when a cargo output (or these flags) changed: pkg/.source records it.
# The MVP module ships in pkg/web only (every Node that runs pkg/node has the default module's features).
build: wasm wasm-mvp
	@src="$$(sha256sum $(WASM) $(MVP_WASM) scripts/inline-snippets.mjs scripts/guard-free.mjs | cut -d' ' -f1 | tr '\n' ' ')$$(wasm-bindgen --version) $(WASM_OPT_FLAGS) / $(MVP_OPT_FLAGS)"; \
	if [ -f pkg/.source ] && [ "$$(cat pkg/.source)" = "$$src" ] \
	   && [ -f pkg/web/pingan_bg.wasm ] && [ -f pkg/node/pingan_bg.wasm ] && [ -f pkg/web/$(MVP)_bg.wasm ] \
	   && [ -f pkg/web/package.json ]; then \
	    echo "pkg/ is up to date with $(WASM) and $(MVP_WASM)"; \
	else \
	    rm -rf pkg/web pkg/node pkg/.source; \
	    echo "wasm-bindgen --target web    → pkg/web"; \
	    wasm-bindgen $(WASM) --target web --out-name $(CRATE) --out-dir pkg/web; \
	    echo "wasm-bindgen --target nodejs → pkg/node"; \
	    wasm-bindgen $(WASM) --target nodejs --out-name $(CRATE) --out-dir pkg/node; \
	    node scripts/inline-snippets.mjs pkg/web/$(CRATE).js pkg/node/$(CRATE).js; \
	    node scripts/guard-free.mjs pkg/web/$(CRATE).js pkg/node/$(CRATE).js; \
	    same=no; cmp -s pkg/web/$(CRATE)_bg.wasm pkg/node/$(CRATE)_bg.wasm && same=yes; \
	    echo "wasm-opt $(WASM_OPT_FLAGS) pkg/web/$(CRATE)_bg.wasm"; \
	    $(WASM_OPT) $(WASM_OPT_FLAGS) pkg/web/$(CRATE)_bg.wasm -o pkg/web/$(CRATE)_bg.wasm; \
	    if [ $$same = yes ]; then \
	        echo "pkg/node/$(CRATE)_bg.wasm is the same module: copied"; \
	        cp pkg/web/$(CRATE)_bg.wasm pkg/node/$(CRATE)_bg.wasm; \
	    else \
	        echo "wasm-opt $(WASM_OPT_FLAGS) pkg/node/$(CRATE)_bg.wasm"; \
	        $(WASM_OPT) $(WASM_OPT_FLAGS) pkg/node/$(CRATE)_bg.wasm -o pkg/node/$(CRATE)_bg.wasm; \
	    fi; \
	    echo "wasm-bindgen --target web    → pkg/web/$(MVP).js (WebAssembly MVP build)"; \
	    wasm-bindgen $(MVP_WASM) --target web --out-name $(MVP) --out-dir pkg/web; \
	    node scripts/inline-snippets.mjs pkg/web/$(MVP).js; \
	    echo "wasm-opt $(MVP_OPT_FLAGS) pkg/web/$(MVP)_bg.wasm"; \
	    $(WASM_OPT) $(MVP_OPT_FLAGS) pkg/web/$(MVP)_bg.wasm -o pkg/web/$(MVP)_bg.wasm; \
	    echo "$$src" > pkg/.source; \
	fi
	@rm -rf pkg/web/elements
	@for f in $(WEB_EXTRAS); do \
	    if [ -f www/$$f ]; then mkdir -p pkg/web/$$(dirname $$f) && node scripts/es2019.mjs ship www/$$f pkg/web/$$f; else rm -f pkg/web/$$f; fi; \
	done
	@node scripts/pkg.mjs manifest
	@node scripts/pkg.mjs check

# Raw and gzip -9 bytes of what a portal downloads: the default build (against SIZE_BUDGET) and the MVP one.
size: build
	@printf '%-28s %10s %10s\n' file raw gzip-9
	@total=0; for f in pkg/web/$(CRATE)_bg.wasm pkg/web/$(CRATE).js pkg/web/$(MVP)_bg.wasm pkg/web/$(MVP).js pkg/web/load.js; do \
	    [ -f $$f ] || continue; g=$$(gzip -9 -c $$f | wc -c); \
	    case $$f in pkg/web/$(CRATE)_bg.wasm|pkg/web/$(CRATE).js) total=$$((total + g));; esac; \
	    printf '%-28s %10d %10d\n' "$$f" "$$(wc -c < $$f)" "$$g"; \
	done; \
	verdict=within; [ $$total -le $(SIZE_BUDGET) ] || verdict=OVER; \
	printf '%-28s %10s %10d  (%s the budget of %d)\n' "default wasm + glue" "" "$$total" "$$verdict" $(SIZE_BUDGET)

# Where the bytes are: the default module as shipped but with its name section kept (wasm-opt -g), grouped
# by scripts/wasm-sizes.mjs (serde per record family, sort, BTreeMap, float text, shims, chapter modules).
size-names: wasm
	@rm -rf target/size-names
	@wasm-bindgen $(WASM) --target web --out-name $(CRATE) --out-dir target/size-names
	@node scripts/inline-snippets.mjs target/size-names/$(CRATE).js > /dev/null
	@$(WASM_OPT) $(filter-out --strip-debug,$(WASM_OPT_FLAGS)) -g target/size-names/$(CRATE)_bg.wasm -o target/size-names/$(CRATE)_bg.wasm
	@node scripts/wasm-sizes.mjs target/size-names/$(CRATE)_bg.wasm

# Where the time of a compact score, a contract v1 score and an evaluate goes, by phase (stringify, reading,
# each chapter, the answer, GC): the shipped module with names kept under `node --cpu-prof` (bench/profile.mjs;
# target/bench/profile.json). The profile that bounds a bar issue 15 does not meet.
profile: wasm
	@rm -rf target/profile/pkg
	@wasm-bindgen $(WASM) --target nodejs --out-name $(CRATE) --out-dir target/profile/pkg
	@node scripts/inline-snippets.mjs target/profile/pkg/$(CRATE).js > /dev/null
	@$(WASM_OPT) $(filter-out --strip-debug,$(WASM_OPT_FLAGS)) -g target/profile/pkg/$(CRATE)_bg.wasm -o target/profile/pkg/$(CRATE)_bg.wasm
	@echo '{"type":"commonjs"}' > target/profile/pkg/package.json
	@node bench/profile.mjs target/profile/pkg

# Compare opt-levels for the release profile as shipped (nightly -Zbuild-std, lto, codegen-units = 1, immediate
# abort), each after wasm-opt $(WASM_OPT_FLAGS), gzipped. An entry of PROFILES is a level, optionally with
# per-crate levels after a slash: `z/*=3` is pingan at z and every other crate (std included) at 3,
# `3/*=z` the reverse (`[profile.release.package.<name>]`, given to cargo as --config). Each entry builds in
# its own target dir (target/size-<entry>, e.g. target/size-z_all-3; `make build` stays warm) and leaves pkg-web/ and pkg-nodejs/ there
# for timing (`node bench/run.mjs` measures pkg/; README "Size" has the figures).
# `make size-profiles STD=stable` measures the levels on stable's prebuilt std instead.
PROFILES ?= z s 3 z/*=3 3/*=z
size-profiles: setup
	@set -f; for entry in $(PROFILES); do \
	    lvl=$${entry%%/*}; mix=; [ "$$entry" = "$$lvl" ] || mix=$${entry#*/}; \
	    cfg=(); for o in $${mix//,/ }; do l=$${o#*=}; case $$l in s|z) l="\"$$l\"";; esac; \
	        cfg+=(--config "profile.release.package.\"$${o%%=*}\".opt-level=$$l"); done; \
	    tag=$$(printf '%s' "$$entry" | sed -e 's|/|_|g' -e 's|[*]|all|g' -e 's|=|-|g' -e 's|,|.|g'); \
	    if [ "$(STD)" = stable ]; then \
	        dir=target/size-stable-$$tag; \
	        CARGO_PROFILE_RELEASE_OPT_LEVEL=$$lvl cargo build -q --release --target $(TARGET) --target-dir $$dir "$${cfg[@]}"; \
	    else \
	        dir=target/size-$$tag; \
	        CARGO_PROFILE_RELEASE_OPT_LEVEL=$$lvl RUSTFLAGS="$(STD_RUSTFLAGS)" cargo +$(NIGHTLY) build -q --release \
	            --target $(TARGET) $(BUILD_STD) --target-dir $$dir "$${cfg[@]}"; \
	    fi; \
	    for t in web nodejs; do \
	        out=$$dir/pkg-$$t; rm -rf $$out; \
	        wasm-bindgen $$dir/$(TARGET)/release/$(CRATE).wasm --target $$t --out-name $(CRATE) --out-dir $$out; \
	        node scripts/inline-snippets.mjs $$out/$(CRATE).js > /dev/null; \
	        $(WASM_OPT) $(WASM_OPT_FLAGS) $$out/$(CRATE)_bg.wasm -o $$out/$(CRATE)_bg.wasm; \
	    done; \
	    echo '{"type":"commonjs"}' > $$dir/pkg-nodejs/package.json; \
	    out=$$dir/pkg-web; \
	    printf 'opt-level %-8s wasm raw %8d  gzip-9 %8d   js raw %6d  gzip-9 %6d\n' "$$entry" \
	        "$$(wc -c < $$out/$(CRATE)_bg.wasm)" "$$(gzip -9 -c $$out/$(CRATE)_bg.wasm | wc -c)" \
	        "$$(wc -c < $$out/$(CRATE).js)" "$$(gzip -9 -c $$out/$(CRATE).js | wc -c)"; \
	done

## ----------------------------------------------------------------------------------------------- test

# Every layer runs even when an earlier one fails (-k); make exits non-zero if any failed.
TEST_LAYERS  ?= test-lint test-rust test-wasm test-node test-baseline test-es2019 test-types test-consumer test-differential test-memory test-bench-smoke test-fuzz-smoke test-browser
# Longer runs of the same checks: `make test-extra` (differential on 10,000 dossiers).
EXTRA_LAYERS ?= test-differential-long

test: setup chromium build
	@echo "make test: $(TEST_LAYERS)"
	@$(MAKE) --no-print-directory -k $(TEST_LAYERS)

test-extra: setup build
	@$(MAKE) --no-print-directory -k $(EXTRA_LAYERS)

# rustfmt, then the crate's deny list (src/lib.rs) and clippy's defaults, warnings as errors, on every target.
test-lint:
	@echo "== cargo fmt --check (rustfmt.toml) =="
	cargo fmt --check
	@echo "== cargo clippy --all-targets -D warnings =="
	cargo clippy --all-targets -- -D warnings

test-rust:
	@echo "== cargo test (host) =="
	cargo test

test-node: build
	@echo "== Node binding tests: tests/node/ =="
	$(NODE_TEST) tests/node/

# Node's runner picks files named *.test.{js,mjs,cjs}, *-test.*, *_test.*, test-*.*, test.* (and any
# .js/.mjs/.cjs under a test/ folder). Say so loudly when there is nothing to run, never skip silently.
test-browser: build chromium
	@echo "== browser tests: $(BROWSER_TEST_DIR)/ (Chromium $$(/usr/bin/chromium --version 2>/dev/null | awk '{print $$2}')) =="
	@if [ -d $(BROWSER_TEST_DIR) ] && [ -n "$$(find $(BROWSER_TEST_DIR) -type f \
	        \( -name '*.test.js' -o -name '*.test.mjs' -o -name '*.test.cjs' \
	           -o -name '*[-_]test.js' -o -name '*[-_]test.mjs' -o -name '*[-_]test.cjs' \
	           -o -name 'test-*.js' -o -name 'test-*.mjs' -o -name 'test-*.cjs' \
	           -o -name 'test.js' -o -name 'test.mjs' -o -name 'test.cjs' -o -path '*/test/*.*js' \) \
	        -not -path '*/node_modules/*' -print -quit)" ]; then \
	    $(NODE_TEST) --test-timeout=600000 $(BROWSER_TEST_DIR)/; \
	else \
	    echo "NOTE: no browser test files in $(BROWSER_TEST_DIR)/ yet (expected *.test.mjs): nothing to run"; \
	fi

# The browser baseline (issue 14 §3), by wabt's validator (npm `wabt`): the MVP module validates with every
# post-MVP feature disabled, the default one does not; www/load.js's probes each need exactly their feature
# and cover every feature the default module uses; both builds answer every golden case identically.
test-baseline: build
	@echo "== browser baseline: scripts/wasm-features.mjs check =="
	node scripts/wasm-features.mjs check

# Every shipped script parses as ES2019 (acorn), import() and import.meta aside (Chromium 63/64).
test-es2019: build
	@echo "== shipped JS parses as ES2019: scripts/es2019.mjs check pkg/web/*.js pkg/web/elements/ =="
	node scripts/es2019.mjs check pkg/web/*.js $(addprefix pkg/web/,$(filter %.js,$(ELEMENT_MODULES)))

# The TypeScript declarations of contract v1 (pkg/web/pingan.d.ts) against a usage file.
test-types: build
	@echo "== TypeScript types: tsc -p tests/types =="
	@if [ -f tests/types/tsconfig.json ]; then node_modules/.bin/tsc -p tests/types && echo "tsc: 1 passed, 0 failed"; \
	else echo "NOTE: no tests/types/tsconfig.json: nothing to check"; fi

# The packed package in an empty folder (tests/consumer/run.mjs): npm pack pkg/web, npm install the
# tarball offline, type-check a usage file under lib ES2022 (skipLibCheck off), a dossier typo must not
# compile, and the file runs in Node by import and by require (the ES2019 syntax check is test-es2019).
test-consumer: build
	@echo "== consumer: npm pack pkg/web → npm install in an empty folder → tsc + node =="
	node tests/consumer/run.mjs

# Exact differential check of the scoring against the BigInt reference (tests/differential).
test-differential: build
	@echo "== differential scoring check: tests/differential/run.mjs --n 1000 =="
	node tests/differential/run.mjs --n 1000

test-differential-long: build
	node tests/differential/run.mjs --n 10000

# The benchmark harness in its smoke mode (tiny sizes, every implementation's totals checked).
test-bench-smoke: build
	@echo "== bench smoke: bench/run.mjs --smoke =="
	node bench/run.mjs --smoke

# Wasm memory bound over 100,000 evaluate calls (tests/memory; a few minutes).
test-memory: build
	@echo "== memory bound: tests/memory/run.mjs =="
	node tests/memory/run.mjs

# The short fuzz run (needs a nightly toolchain and cargo-fuzz, which scripts/fuzz.sh installs).
test-fuzz-smoke: setup
	@echo "== fuzz smoke: scripts/fuzz-smoke.sh =="
	bash scripts/fuzz-smoke.sh

# The golden case files compiled into a wasm32 test (tests/wasm.rs) and run under Node by
# wasm-bindgen-test-runner (.cargo/config.toml): the same hand-computed values, checked inside WASM.
test-wasm: setup
	@echo "== golden cases inside WASM: cargo test --target $(TARGET) --test wasm =="
	cargo test --target $(TARGET) --test wasm

## ------------------------------------------------------------------------------------- demo, bench, fuzz

demo: build
	node scripts/serve.mjs --port $(PORT) $(if $(CSP),--csp,)

bench: build
	@test -f bench/run.mjs || { echo "bench/run.mjs does not exist yet"; exit 1; }
	node bench/run.mjs

fuzz: setup
	@test -f scripts/fuzz.sh || { echo "scripts/fuzz.sh does not exist yet"; exit 1; }
	bash scripts/fuzz.sh

clean:
	rm -rf pkg target/web target/mvp target/size-* target/size-stable-*
