# Chaff: build, package and test glue.
#
#   make            setup + release build + extension dist + classify the seed page
#   make test       every test target; fails if any of them fails (CI: .ci/run)
#   make help       list the targets
#
# Targets whose entry file others have not written yet print
# "SKIPPED: <target> (<file> missing)" and succeed; drop the guard once the
# file exists.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DEFAULT_GOAL := all
# cargo and wasm-pack parallelise internally; keep make's steps in order.
.NOTPARALLEL:
MAKEFLAGS += --no-builtin-rules

# wasm-pack must find node_modules/.bin/wasm-opt (npm binaryen) or it tries to
# download binaryen, which fails offline; cargo-installed tools live in ~/.cargo/bin.
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export NO_UPDATE_NOTIFIER := 1
export CARGO_TERM_PROGRESS_WHEN := never

# --- knobs --------------------------------------------------------------------
# Cargo features for the WebAssembly build (default features are off there:
# `cli` pulls in rayon, indicatif and the native HTML adapter).
WASM_FEATURES ?=
WASM_OUT_DIR  ?= target/wasm-pkg
# The playground's package: the same core with its extra export (`make wasm-www`).
WWW_WASM_OUT_DIR ?= target/wasm-pkg-www
# Browser tests for the wasm build: one integration test file, run in both
# browsers, with the html5ever adapter compiled in to compare against.
WASM_TEST_ENTRY ?= tests/wasm.rs
WASM_TEST_FLAGS ?=
EXT_BUILD  ?= extension/build.mjs
WWW_BUILD  ?= www/build.mjs
WWW_PORT   ?= 8089
E2E_DIR    ?= tests/e2e
# Per-test timeout so that a hung browser cannot eat CI's time.
E2E_FLAGS  ?= --test-timeout=300000
SEED_PAGE  ?= tests/fixtures/seed/news-aggregator-article.html
CHROMEDRIVER ?= /usr/bin/chromedriver

# The Python package (pyproject.toml, maturin) and its tools, in .venv.
VENV      ?= .venv
WHEEL_DIR ?= target/wheels
PYTEST_FLAGS ?=

TEST_TARGETS := test-cargo test-python test-wasm-chrome test-wasm-firefox test-e2e lint-ext

# Setup is redone when any of these change (or a tool has gone missing).
SETUP_INPUTS := scripts/setup.sh Cargo.toml Cargo.lock package.json package-lock.json python/requirements.txt
SETUP_STAMP  := target/.setup.stamp
setup_key = cat $(SETUP_INPUTS) 2>/dev/null | sha256sum | cut -c1-16
tools_present = command -v wasm-pack && command -v wasm-bindgen && command -v wasm-bindgen-test-runner \
	&& command -v geckodriver && [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
	&& [ -x /usr/bin/firefox-esr ] && [ -x node_modules/.bin/wasm-opt ] \
	&& command -v java && [ -x $(VENV)/bin/maturin ] && [ -x $(VENV)/bin/pytest ]

# $(call guard,TARGET,FILE): skip the rest of the recipe, loudly, if FILE is missing.
define guard
if [ ! -e "$(2)" ]; then echo "SKIPPED: $(1) ($(2) missing)"; exit 0; fi
endef

# $(call run_all,TARGETS): run each target in a sub-make, all of them even if
# some fail, then fail if any failed.
define run_all
failed=()
for t in $(1); do
	echo "==> make $$t"
	if ! $(MAKE) --no-print-directory SETUP_DONE=1 "$$t"; then failed+=("$$t"); echo "==> FAILED: $$t"; fi
done
if [ $${#failed[@]} -ne 0 ]; then
	echo "make $@: FAILED: $${failed[*]}"
	exit 1
fi
echo "make $@: all of [$(strip $(1))] passed or were skipped"
endef

.PHONY: all setup build wasm wasm-www wheel dist www serve classify test test-cargo test-python test-wasm \
	test-wasm-chrome test-wasm-firefox test-e2e lint-ext bench screenshots clean distclean help

all: setup build dist www classify serve

help:
	@echo "make [all]          setup, build, dist, classify $(SEED_PAGE), then serve the playground"
	@echo "make setup          install toolchain, drivers, browsers, npm packages (scripts/setup.sh)"
	@echo "make build          cargo build --release"
	@echo "make wasm           wasm-pack build into $(WASM_OUT_DIR) (WASM_FEATURES='$(WASM_FEATURES)'): the extension's core"
	@echo "make wasm-www       the same with feature playground into $(WWW_WASM_OUT_DIR): the playground's core"
	@echo "make wheel          the Python package (abi3 wheel, maturin) into $(WHEEL_DIR)/"
	@echo "make test-python    wheel, installed into $(VENV), then pytest python/tests (Spark local mode included)"
	@echo "make dist           wasm + node $(EXT_BUILD) -> dist/"
	@echo "make www            build the playground into dist/www"
	@echo "make serve          serve the playground on http://127.0.0.1:$(WWW_PORT)/"
	@echo "make test           $(TEST_TARGETS)"
	@echo "make test-wasm      test-wasm-chrome + test-wasm-firefox ($(WASM_TEST_ENTRY))"
	@echo "make bench          bench/run.mjs -> bench/results.{json,md,svg} (BENCH_FLAGS=--quick|--wasm-profile)"
	@echo "make screenshots    the README's pictures of the popup and options (docs/screenshots/, docs/popup.png) from dist/chromium; run make dist first"
	@echo "make clean          cargo clean, rm -rf dist  (distclean: also node_modules and $(VENV))"

# Runs scripts/setup.sh unless the stamp matches the inputs and the tools are
# there. setup.sh is idempotent by itself too; `rm $(SETUP_STAMP)` forces a run.
setup:
ifneq ($(SETUP_DONE),1)
	@if [ -f $(SETUP_STAMP) ] && [ "$$(cat $(SETUP_STAMP))" = "$$($(setup_key))" ] \
	   && { $(tools_present); } >/dev/null 2>&1; then
		echo "setup: up to date ($(SETUP_STAMP))"
		exit 0
	fi
	bash scripts/setup.sh
	mkdir -p $(dir $(SETUP_STAMP))
	$(setup_key) > $(SETUP_STAMP)
endif

build:
	cargo build --release

# Whole-program LTO for these builds only (see Cargo.toml). Opt-level 2 with
# LLVM's inline threshold at 50 (225 by default), and wasm-opt's flags in
# Cargo.toml, keep the extension's module near 100 KB gzipped (`make wasm`
# prints the figure; 98,685 B against 107,090 B at opt-level 3 with the
# default threshold when they were chosen); classify_wire
# in Node ran within a few percent of the opt-level 3 build (noisy: 0-8%).
# Opt-level s cost 16-25% and z 140% there (bench/README.md, "Wasm size").
# $(call wasm_pack,OUT_DIR,FEATURES)
define wasm_pack
CARGO_PROFILE_RELEASE_LTO=true CARGO_PROFILE_RELEASE_OPT_LEVEL=2 CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
CARGO_PROFILE_RELEASE_PANIC=abort RUSTFLAGS="$${RUSTFLAGS:-} -Cllvm-args=-inline-threshold=50" \
	wasm-pack build --release --target web --out-dir $(1) -- --no-default-features \
	$(if $(strip $(2)),--features "$(strip $(2))")
echo "wasm: $(1): $$(stat -c %s $(1)/chaff_bg.wasm) bytes, $$(gzip -9c $(1)/chaff_bg.wasm | wc -c) gzipped"
endef

# The extension's core: classify_wire, classify_added_wire, policy.
wasm: setup
	$(call wasm_pack,$(WASM_OUT_DIR),$(WASM_FEATURES))

# The playground's: the same and analyze_wire (the extracted article and its
# Markdown; cargo feature `playground`), which the extension never calls.
wasm-www: setup
	$(call wasm_pack,$(WWW_WASM_OUT_DIR),playground $(WASM_FEATURES))

dist: wasm
	$(call guard,dist,$(EXT_BUILD))
	node $(EXT_BUILD)

# The README's pictures of the extension's UI, from dist/chromium as it is:
# builds nothing (`make dist` first). Not part of `make` or `make test`.
screenshots:
	node scripts/screenshots.mjs
	node scripts/popup-screenshot.mjs

# The playground (www/): dist/www/ from www/, its Wasm package,
# extension/src/{snapshot,labels}.js and a few fixtures as samples.
www: wasm-www
	$(call guard,www,$(WWW_BUILD))
	node $(WWW_BUILD) --wasm-dir $(WWW_WASM_OUT_DIR)

# Serves dist/www on http://127.0.0.1:$(WWW_PORT)/ (loopback only; Ctrl+C stops it).
serve: www
	node www/serve.mjs $(WWW_PORT)

# The main job.
classify: build
	$(call guard,classify,$(SEED_PAGE))
	./target/release/chaff classify $(SEED_PAGE)

test: setup
	@$(call run_all,$(TEST_TARGETS))

# The fuzz regressions run again in a debug build: integer overflow panics
# only where overflow checks are on, and a release build lets it wrap.
test-cargo:
	cargo test --release
	cargo test --test regressions

# The Python package: one abi3 wheel (CPython 3.9+) from the same crate, with
# the cargo feature `python` and without the CLI's (pyproject.toml).
wheel: setup
	rm -f $(WHEEL_DIR)/chaff-*.whl
	$(VENV)/bin/maturin build --release --out $(WHEEL_DIR)
	@ls $(WHEEL_DIR)/chaff-*.whl

# Builds the wheel, installs it into the venv and runs the Python tests: the
# bindings, the per-page limits, and the Spark job in local mode on a WARC
# made from the corpus (tests that need ../shared say so; under CI they fail).
test-python: setup
	$(MAKE) --no-print-directory SETUP_DONE=1 wheel
	$(VENV)/bin/python -m pip install --disable-pip-version-check -q --force-reinstall --no-deps $(WHEEL_DIR)/chaff-*.whl
	cd python/tests && $(abspath $(VENV))/bin/python -m pytest -q $(PYTEST_FLAGS)

test-wasm: setup
	@$(call run_all,test-wasm-chrome test-wasm-firefox)

# One browser per wasm-pack call: with both flags it runs only one of them.
test-wasm-chrome: setup
	$(call guard,test-wasm-chrome,$(WASM_TEST_ENTRY))
	CHROMEDRIVER=$(CHROMEDRIVER) wasm-pack test --headless --chrome $(WASM_TEST_FLAGS) \
		-- --no-default-features --features "html dom" --test $(basename $(notdir $(WASM_TEST_ENTRY)))

test-wasm-firefox: setup
	$(call guard,test-wasm-firefox,$(WASM_TEST_ENTRY))
	GECKODRIVER="$$(command -v geckodriver)" wasm-pack test --headless --firefox $(WASM_TEST_FLAGS) \
		-- --no-default-features --features "html dom" --test $(basename $(notdir $(WASM_TEST_ENTRY)))

# End-to-end tests drive the built extension (dist/) in headless browsers and
# compare what it hides with the native CLI's labels: both built here, back
# to back, from the same sources.
test-e2e: setup
	$(call guard,test-e2e,$(E2E_DIR))
	$(call guard,test-e2e,$(EXT_BUILD))
	$(MAKE) --no-print-directory SETUP_DONE=1 dist build
	node --test $(E2E_FLAGS) $(E2E_DIR)/

# Lints the Firefox build twice; any warning fails it: as a self-hosted
# add-on (--self-hosted), and as addons.mozilla.org lints an upload.
lint-ext: setup
	$(call guard,lint-ext,$(EXT_BUILD))
	$(MAKE) --no-print-directory SETUP_DONE=1 dist
	web-ext lint --source-dir dist/firefox --self-hosted --warnings-as-errors \
		--no-input --no-config-discovery --boring
	web-ext lint --source-dir dist/firefox --warnings-as-errors \
		--no-input --no-config-discovery --boring

# Benchmarks (bench/README.md): Chaff's pass against Readability.js and a bare
# DOM walk in headless Chromium and Firefox with the packaged extension,
# native throughput and peak memory against trafilatura, quality with one
# scorer, sizes. Writes bench/results.json, .md and .svg. Not part of `test`.
# BENCH_FLAGS: --quick (12 pages), --wasm-profile, --stages native,quality,chromium,firefox,sizes
BENCH_FLAGS ?=

bench: setup build dist
	bash bench/setup.sh
	node bench/run.mjs $(BENCH_FLAGS)

clean:
	cargo clean
	rm -rf dist

distclean: clean
	rm -rf node_modules $(VENV)
