//! Loading datasets: the bundled one, and a synthetic 3,000 regions × 40 indicators × 30 years
//! (3.6 million values), both from RON text in memory (`parse_dataset`: parse + check + index)
//! and from a file (`load_dataset`: read once with its size limit and sniff, then parse), as
//! the app does — once with one observation per entry, once in format 2's dense `series`
//! layout (`dataset_to_ron_as(…, ValuesLayout::Series)`: one entry per region × indicator).
//! Targets (issue 13): one per entry ≤ the time of `pandas.read_csv` of the same values as a
//! long CSV (`benches/peer/load_pandas.py`, run in the same session) and a peak ≤ file + 3 ×
//! raw; series ≤ 0.5 s and a peak ≤ 4 × raw.
//!
//! The synthetic case (415 MB of work) is built only when really benchmarking (`cargo bench`
//! passes `--bench`); `cargo test --all-targets` runs this file in test mode, where only the
//! bundled cases run, once each.
//!
//! Before the timings, peak memory: the benchmark writes the synthetic text to a temporary
//! file and starts itself again (environment variable `YARDSTICK_LOAD_MEMORY=FILE`) to load
//! that file with `load_dataset`, as the app does, in a fresh process, then reads `VmHWM`
//! (peak resident memory) and `VmRSS` from `/proc/self/status`. The raw values are
//! 3.6 M × 8 bytes = 28.8 MB.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode};
use yardstick::io::{ValuesLayout, dataset_to_ron_as, load_dataset, parse_dataset};
use yardstick::model::synthetic::synthetic_dataset;

const REGIONS: usize = 3_000;
const INDICATORS: usize = 40;
const YEARS: usize = 30;
/// Set to a file path: load it, print memory figures, exit.
const MEMORY_ENV: &str = "YARDSTICK_LOAD_MEMORY";
/// Set to a folder: write the two synthetic files there (`synthetic.ron`,
/// `synthetic_series.ron`) and exit, e.g. to profile `YARDSTICK_LOAD_MEMORY` on one of them.
const WRITE_ENV: &str = "YARDSTICK_LOAD_WRITE";

/// A field of `/proc/self/status` in kB (`VmHWM`, `VmRSS`); `None` off Linux.
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn mb(kb: u64) -> f64 {
    kb as f64 * 1024.0 / 1e6
}

/// The child: loads `path` and reports memory.
fn memory_child(path: &Path) {
    let before = status_kb("VmRSS").unwrap_or(0);
    let started = Instant::now();
    let dataset = load_dataset(path).expect("the synthetic dataset loads");
    let took = started.elapsed();
    let peak = status_kb("VmHWM").unwrap_or(0);
    let after = status_kb("VmRSS").unwrap_or(0);
    let values = dataset.observations().len();
    let raw = values as f64 * 8.0 / 1e6;
    println!(
        "load_dataset of {values} values ({:.0} MB file) in {took:.2?}\n\
         resident before {:.0} MB; peak during load (VmHWM) {:.0} MB = {:.1}× the {raw:.1} MB \
         of raw values; resident after, file text freed, {:.0} MB = {:.1}×",
        std::fs::metadata(path).map_or(0.0, |m| m.len() as f64 / 1e6),
        mb(before),
        mb(peak),
        (mb(peak) - mb(before)) / raw,
        mb(after),
        (mb(after) - mb(before)) / raw,
    );
    black_box(dataset);
}

/// Starts this benchmark again as a memory-measuring child on `text` written to a file;
/// `layout` names the case in the report.
fn memory_report(layout: &str, text: &str) {
    let dir = std::env::temp_dir().join(format!("yardstick-load-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make a temporary folder");
    let file = dir.join("synthetic.ron");
    std::fs::write(&file, text).expect("write the synthetic dataset");
    let exe = std::env::current_exe().expect("the benchmark's own path");
    let output = Command::new(exe).env(MEMORY_ENV, &file).output();
    let _ = std::fs::remove_dir_all(&dir);
    match output {
        Ok(out) if out.status.success() => {
            eprintln!(
                "memory, {layout}: {}",
                String::from_utf8_lossy(&out.stdout).trim()
            );
        }
        Ok(out) => eprintln!(
            "memory: the child failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => eprintln!("memory: cannot start the child: {e}"),
    }
}

fn main() {
    if let Some(path) = std::env::var_os(MEMORY_ENV) {
        memory_child(Path::new(&path));
        return;
    }
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let mut c = Criterion::default()
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    let dir = std::env::temp_dir().join(format!("yardstick-load-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make a temporary folder");
    let bundled_file = dir.join("chongqing.ron");
    std::fs::write(&bundled_file, yardstick::BUNDLED_DATASET).expect("write the bundled data");
    {
        let mut group = c.benchmark_group("load");
        group.bench_function("bundled", |b| {
            b.iter(|| parse_dataset(yardstick::BUNDLED_NAME, yardstick::BUNDLED_DATASET))
        });
        group.bench_function("bundled_from_file", |b| {
            b.iter(|| load_dataset(black_box(&bundled_file)))
        });
        group.finish();
    }
    if !benchmarking {
        // Test mode: the cases above ran once; the 415 MB case is for `cargo bench` only.
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    let started = Instant::now();
    let synthetic = synthetic_dataset(REGIONS, INDICATORS, YEARS, 42);
    let text = dataset_to_ron_as(&synthetic, ValuesLayout::Observations);
    let series_text = dataset_to_ron_as(&synthetic, ValuesLayout::Series);
    drop(synthetic);
    eprintln!(
        "synthetic dataset: {REGIONS} × {INDICATORS} × {YEARS}, {:.0} MB of RON one observation \
         per entry, {:.0} MB as series, made in {:.1?}",
        text.len() as f64 / 1e6,
        series_text.len() as f64 / 1e6,
        started.elapsed()
    );
    if let Some(out) = std::env::var_os(WRITE_ENV) {
        let out = Path::new(&out);
        std::fs::write(out.join("synthetic.ron"), &text).expect("write synthetic.ron");
        std::fs::write(out.join("synthetic_series.ron"), &series_text)
            .expect("write synthetic_series.ron");
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    memory_report("one observation per entry", &text);
    memory_report("series layout", &series_text);
    let synthetic_file = dir.join("synthetic.ron");
    std::fs::write(&synthetic_file, &text).expect("write the synthetic dataset");
    let series_file = dir.join("synthetic_series.ron");
    std::fs::write(&series_file, &series_text).expect("write the synthetic series dataset");

    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("synthetic_3000x40x30_from_ron", |b| {
        // The dataset is dropped outside the timing: the app keeps it.
        b.iter_with_large_drop(|| parse_dataset("synthetic.ron", black_box(&text)))
    });
    group.bench_function("synthetic_3000x40x30_from_file", |b| {
        b.iter_with_large_drop(|| load_dataset(black_box(&synthetic_file)))
    });
    group.bench_function("synthetic_3000x40x30_series_from_file", |b| {
        b.iter_with_large_drop(|| load_dataset(black_box(&series_file)))
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
    c.final_summary();
}
