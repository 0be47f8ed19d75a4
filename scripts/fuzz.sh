#!/usr/bin/env bash
# Fuzzes Yardstick with cargo-fuzz (libFuzzer): dataset files, scenario files, pasted
# tab-separated text, the export path (dataset text -> chart -> CSV/SVG/PNG in memory) and the
# arguments of `export` (structured, `arbitrary`). Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
#   SECONDS  run time per target (default 60)
#   TARGET   dataset, scenario, tsv, export, export_args (default: all five)
# Works on stable Rust: without a sanitizer (`--sanitizer none`) cargo-fuzz passes rustc no
# `-Z` flag. Needs a C++ compiler (libfuzzer-sys builds libFuzzer from source). Seeds come from
# tests/bad_inputs/, data/ and fuzz/seeds/; what libFuzzer finds is kept in fuzz/corpus/
# (ignored by git), crashes in fuzz/artifacts/TARGET/. See fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(dataset scenario tsv export export_args); fi

# FUZZ_QUICK_BUILD=1 (set by scripts/test.sh on CI) trades fuzzing speed for build time on a
# fresh 2-core machine: cargo-fuzz itself built without optimisation (it only starts cargo
# and libFuzzer), and the targets at opt-level 1 instead of 3 (about half the executions a
# second; for a smoke run of seconds the build is the cost that matters).
quick="${FUZZ_QUICK_BUILD:-}"
if ! cargo fuzz --version > /dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  if [ -n "$quick" ]; then
    cargo install cargo-fuzz --locked --debug
  else
    cargo install cargo-fuzz --locked
  fi
fi
if [ -n "$quick" ]; then
  export CARGO_PROFILE_RELEASE_OPT_LEVEL=1
fi
if ! command -v c++ > /dev/null 2>&1; then
  echo "fuzz: a C++ compiler is needed to build libFuzzer (apt-get install g++)" >&2
  exit 1
fi

# One build for all targets (release, debug assertions on, no sanitizer).
cargo fuzz build --sanitizer none
if [ -n "${FUZZ_BUILD_ONLY:-}" ]; then
  echo "fuzz: built (FUZZ_BUILD_ONLY)"
  exit 0
fi

mkdir -p fuzz/target/logs
status=0
summary=()
for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus" "fuzz/artifacts/$target"
  case "$target" in
    dataset | scenario | export)
      seeds=(tests/bad_inputs data)
      extra=(-dict=fuzz/ron.dict)
      ;;
    export_args)
      seeds=()
      extra=()
      ;;
    tsv)
      seeds=(fuzz/seeds/tsv)
      extra=()
      ;;
    *)
      echo "fuzz: unknown target $target" >&2
      exit 2
      ;;
  esac
  existing=()
  for dir in "${seeds[@]+"${seeds[@]}"}"; do [ -d "$dir" ] && existing+=("$dir"); done
  log="fuzz/target/logs/$target.log"
  echo "fuzz: $target for ${seconds}s (log: $log)"
  # -timeout: an input taking over 10 s counts as a hang; -rss_limit_mb: 2 GB per input
  # (1 GB for the export targets: an export that needs more is a finding); -malloc_limit_mb
  # makes one allocation over the limit a crash at once.
  limit_mb=2048
  case "$target" in export | export_args) limit_mb=1024 ;; esac
  if cargo fuzz run --sanitizer none "$target" "$corpus" "${existing[@]+"${existing[@]}"}" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb="$limit_mb" -malloc_limit_mb="$limit_mb" \
    -print_final_stats=1 \
    "${extra[@]+"${extra[@]}"}" > "$log" 2>&1; then
    result="ok"
  else
    result="FAILED (see $log and fuzz/artifacts/$target/)"
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  summary+=("$(printf '%-11s %12s executions  %8s exec/s  %s' "$target" "${runs:-?}" "${speed:-?}" "$result")")
  tail -n 3 "$log"
done
echo "fuzz: summary (${seconds}s per target)"
printf '  %s\n' "${summary[@]}"
exit "$status"
