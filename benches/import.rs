//! Import of a yearbook-style workbook (issue 11): 3,000 regions × 30 years in each of 40
//! sheets (one indicator a sheet, 3.6 M values), `yardstick::io::import::import` from the file
//! to the checked dataset. The peer is `benches/peer/import_pandas.py`
//! (`pandas.read_excel(sheet_name=None)` of the same file).
//!
//! The workbook is written once, before the timings, to `YARDSTICK_IMPORT_BENCH_FILE` (default
//! `$TMPDIR/yardstick-import-bench/workbook_3000x30x40.xlsx`), where the peer script reads it.
//! Only when really benchmarking (`cargo bench` passes `--bench`): `cargo test --all-targets`
//! runs this file in test mode, where a 30 × 3 × 2 workbook is imported once instead.

#![allow(clippy::unwrap_used)] // a benchmark: a failed unwrap is a failed run

use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode};
use yardstick::io::import::{ImportOptions, import};

#[path = "../tests/fixtures/import/write_xlsx.rs"]
mod write_xlsx;

use write_xlsx::{Value, row_xml, write_xlsx};

/// The file the benchmark writes and the peer reads.
fn bench_file() -> PathBuf {
    std::env::var_os("YARDSTICK_IMPORT_BENCH_FILE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::temp_dir()
                .join("yardstick-import-bench")
                .join("workbook_3000x30x40.xlsx")
        })
}

/// What writes one sheet's rows.
type SheetBody = Box<dyn Fn(&mut dyn Write) -> std::io::Result<()>>;

/// Writes `sheets` sheets of `regions` regions × `years` years (from 1995), values made from
/// their place (no randomness: every run imports the same figures).
fn write_workbook(path: &Path, regions: usize, years: usize, sheets: usize) {
    let names: Vec<String> = (0..sheets).map(|s| format!("指标{s:02}（亿元）")).collect();
    let region_names: Vec<String> = (0..regions).map(|r| format!("地区{r:04}")).collect();
    let bodies: Vec<SheetBody> = (0..sheets)
        .map(|s| {
            let region_names = region_names.clone();
            let body = move |w: &mut dyn Write| -> std::io::Result<()> {
                let mut header = vec![Value::Text("地区")];
                header.extend((0..years).map(|y| Value::Number(1995.0 + y as f64)));
                w.write_all(row_xml(1, &header).as_bytes())?;
                for (r, name) in region_names.iter().enumerate() {
                    let mut row = vec![Value::Text(name)];
                    row.extend((0..years).map(|y| {
                        Value::Number(((r * 31 + y * 7 + s * 3) % 100_000) as f64 / 10.0)
                    }));
                    w.write_all(row_xml(r + 2, &row).as_bytes())?;
                }
                Ok(())
            };
            Box::new(body) as SheetBody
        })
        .collect();
    let sheets: Vec<(&str, write_xlsx::RowsFn)> = names
        .iter()
        .map(String::as_str)
        .zip(bodies.iter().map(|b| b.as_ref() as write_xlsx::RowsFn))
        .collect();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    write_xlsx(path, &sheets).unwrap();
}

fn options(path: &Path) -> ImportOptions {
    ImportOptions {
        input: path.to_owned(),
        out: PathBuf::from("unused.ron"),
        today: Some("2026-12-01".into()),
        ..Default::default()
    }
}

fn bench_import(c: &mut Criterion) {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let mut group = c.benchmark_group("import");
    if benchmarking {
        let path = bench_file();
        let started = Instant::now();
        write_workbook(&path, 3_000, 30, 40);
        println!(
            "wrote {} ({:.1} MB) in {:.1?}",
            path.display(),
            std::fs::metadata(&path).unwrap().len() as f64 / 1e6,
            started.elapsed()
        );
        let summary = import(&options(&path)).unwrap();
        assert_eq!(summary.dataset.observations().len(), 3_000 * 30 * 40);
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .measurement_time(Duration::from_secs(60))
            .warm_up_time(Duration::from_secs(1));
        group.bench_function("workbook_3000x30x40_xlsx", |b| {
            b.iter(|| black_box(import(&options(&path)).unwrap()))
        });
    } else {
        let dir =
            std::env::temp_dir().join(format!("yardstick-import-test-{}", std::process::id()));
        let path = dir.join("small.xlsx");
        write_workbook(&path, 30, 3, 2);
        group.bench_function("workbook_30x3x2_xlsx", |b| {
            b.iter(|| {
                let summary = import(&options(&path)).unwrap();
                assert_eq!(summary.dataset.observations().len(), 30 * 3 * 2);
                black_box(summary)
            })
        });
        let _ = std::fs::remove_dir_all(&dir);
    }
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench_import(&mut c);
    c.final_summary();
}
