//! The export path from dataset text: parse, then for each indicator a bar and a line chart
//! (absolute and index) to CSV and SVG, and one small PNG, all in memory
//! ([`checks::check_export`] says what is checked). Time and memory per input are bounded by
//! libFuzzer (`-timeout`, `-rss_limit_mb` in scripts/fuzz.sh) — an input that makes the
//! export slow or large is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks/export.rs"]
mod checks;

fuzz_target!(|text: &str| checks::check_export(text));
