# Delguur: `make run` serves the demo shop, `make test` runs every test. Both install what a fresh machine lacks.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO_LEPTOS_VERSION := 0.3.10
# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# npm's binaryen (wasm-opt) first: Debian's older wasm-opt breaks the WASM (../shared/TOOLCHAIN.md).
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# What cargo-leptos gives its debug builds; `cargo test` uses the same so both share target/ instead of
# compiling everything twice.
export LEPTOS_OUTPUT_NAME := delguur
TEST_RUSTFLAGS := --cfg erase_components

.PHONY: help run test test-rust test-e2e build release bench lint fmt tools wasm-target cargo-leptos wasm-bindgen npm chromium smtp-server

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

run: tools ## build and serve the demo shop on http://127.0.0.1:3000 (SQLite, QPay emulator)
	cargo leptos serve

test: test-rust test-e2e ## unit, integration and end-to-end tests

# The integration tests serve the built site (target/site), so both test targets build first.
# --show-output: the scenarios print what they proved (counts, timings, peak memory) even when they pass.
# The e-mail tests send to a real SMTP server (aiosmtpd from PyPI) that they start; it lives in a venv of its own.
SMTP_VENV := $(CURDIR)/target/smtp-venv
test-rust: build smtp-server ## unit and integration tests (PostgreSQL too when TEST_DATABASE_URL is set)
	SMTP_TEST_PYTHON="$(SMTP_VENV)/bin/python" RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo test --features ssr -- --show-output

test-e2e: build chromium ## Playwright tests in headless Chromium against the debug build
	cd end2end && npx playwright test

build: tools ## debug build of the server and the site
	cargo leptos build

# The release names the JS, WASM and CSS by their content and compresses them once (brotli, gzip); the list of
# names goes into the site folder, where the server finds it (src/site_files.rs).
release: tools ## release build: target/release/delguur and target/site
	LEPTOS_HASH_FILES=true cargo leptos build --release --precompress
	cp target/release/hash.txt target/site/hash.txt

bench: release ## the release build measured: page speed, transfer sizes, pictures, start-up, memory (docs/PERFORMANCE.md)
	@command -v wrk >/dev/null && command -v brotli >/dev/null \
		|| { $(SUDO) apt-get update && $(SUDO) apt-get install -y wrk brotli; }
	python3 bench/bench.py

lint: ## rustfmt and clippy, for the server and the browser halves
	cargo fmt --all -- --check
	RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo clippy --features ssr --all-targets -- -D warnings
	cargo clippy --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

fmt: ## format the code
	cargo fmt --all

tools: wasm-target cargo-leptos wasm-bindgen npm

wasm-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

cargo-leptos:
	@[ "$$(cargo leptos --version 2>/dev/null)" = "cargo-leptos $(CARGO_LEPTOS_VERSION)" ] \
		|| cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked

wasm-bindgen:
	@[ "$$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] \
		|| cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --locked

npm: end2end/node_modules/.package-lock.json

end2end/node_modules/.package-lock.json: end2end/package-lock.json
	cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund

smtp-server:
	@[ -x "$(SMTP_VENV)/bin/python" ] && "$(SMTP_VENV)/bin/python" -c 'import aiosmtpd' 2>/dev/null \
		|| { python3 -m venv "$(SMTP_VENV)" && "$(SMTP_VENV)/bin/pip" install --quiet 'aiosmtpd==1.4.6'; }

chromium:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }
