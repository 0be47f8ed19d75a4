#!/usr/bin/env bash
# Runs every check Yardstick's CI runs: formatting, clippy, and the whole test suite under a
# virtual X display (the window tests open real windows). Run scripts/install-deps.sh first
# on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all --check
cargo clippy --all-targets -- -D warnings
cargo test --all-targets --no-run
# On CI the fuzz targets build meanwhile, at the lowest priority: the test run below mostly
# waits (windows, timers, child processes), so the build takes idle time, not the tests'.
fuzz_build=""
if [ "${CI:-}" = "true" ]; then
    mkdir -p target/ci
    FUZZ_QUICK_BUILD=1 FUZZ_BUILD_ONLY=1 nice -n 19 bash scripts/fuzz.sh \
        > target/ci/fuzz-build.log 2>&1 &
    fuzz_build=$!
fi
xvfb-run -a -s "-screen 0 1280x800x24 -noreset" cargo test --all-targets
# Real-window smoke test, kept as an artefact: the default view on the bundled data.
mkdir -p target/ci
xvfb-run -a -s "-screen 0 1280x800x24 -noreset" cargo run --quiet -- screenshot --out target/ci/chart.png
# The real binary driven like a user (xdotool, no window manager, no file-dialog portal):
# keyboard editing, recovery after kill -9, save through the typed-path window, export,
# a broken file. Screenshots of each step in target/ci/e2e-*.png.
bash scripts/e2e-window.sh target/debug/yardstick
# Fuzz smoke on CI (CI=true): each of the five targets for FUZZ_SECONDS (default 15) seconds,
# built quickly (FUZZ_QUICK_BUILD, see scripts/fuzz.sh). The fuzz targets build the library
# without the window. Every seed is also checked by tests/fuzz_seeds.rs above.
if [ "${CI:-}" = "true" ]; then
    if ! wait "$fuzz_build"; then
        cat target/ci/fuzz-build.log >&2
        echo "test.sh: the fuzz build failed" >&2
        exit 1
    fi
    FUZZ_QUICK_BUILD=1 bash scripts/fuzz.sh "${FUZZ_SECONDS:-15}"
fi
