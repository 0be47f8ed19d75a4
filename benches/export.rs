//! Whole-process export, as `yardstick export` does it: parse the bundled dataset, build the
//! chart of every region with a GDP figure, render SVG or PNG (and CSV) and write the file
//! atomically (temp file + rename, as the CLI does). Compare with `benches/peer/` (pandas +
//! matplotlib).
//! Also CSV export of a bar chart of 25k, 50k and 100k regions (one value each): linear in the
//! number of regions (it was quadratic: 2.1 s, 9.9 s, 43 s).
//! And a national bar chart (issue 13, target ≤ 1 s each): 3,000 regions of
//! `yardstick::model::synthetic` data, one year, to SVG, PNG and CSV, written atomically —
//! once with every region (what `yardstick export` draws: it draws what it is asked for) and
//! once cut to the top 40 as the window does (`chart::top_n::limit_bars`). Each timing is the
//! work after the load: resolve the request, build the chart, render, write.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use yardstick::chart::export::{ExportFormat, ExportRequest, export_bytes, resolve};
use yardstick::chart::render::ExportSize;
use yardstick::chart::top_n::{MAX_BARS_ON_SCREEN, limit_bars};
use yardstick::chart::{ChartKind, ViewMode, build_chart};
use yardstick::io::{parse_dataset, write_atomic};
use yardstick::lang::Lang;
use yardstick::model::Dataset;
use yardstick::{BUNDLED_DATASET, BUNDLED_NAME};

/// Load → select → spec → bytes → file, the work of one CLI export; returns the bytes written.
fn export_once(kind: ChartKind, format: ExportFormat, out: &Path) -> usize {
    let dataset = parse_dataset(BUNDLED_NAME, BUNDLED_DATASET).expect("bundled data loads");
    let request = ExportRequest {
        indicator: "gdp".into(),
        regions: None,
        years: None,
        kind,
        mode: ViewMode::Absolute,
        log_scale: false,
    };
    let selection = resolve(&dataset, &request).expect("valid request");
    let spec = build_chart(&dataset, &selection, Lang::Zh);
    let bytes = export_bytes(&spec, format, ExportSize::default()).expect("renders");
    write_atomic(out, &bytes).expect("writes the export");
    bytes.len()
}

fn bench_export(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("yardstick-export-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make a temporary folder");
    let dataset = parse_dataset(BUNDLED_NAME, BUNDLED_DATASET).expect("bundled data loads");
    let gdp = dataset
        .indicator_by_id("gdp")
        .expect("the bundled data has GDP");
    let with_gdp = dataset
        .region_indices()
        .filter(|&r| {
            dataset
                .observations()
                .iter()
                .any(|o| o.region == r && o.indicator == gdp)
        })
        .count();
    eprintln!("export_bundled_gdp: {with_gdp} regions have a GDP figure");
    let mut group = c.benchmark_group("export_bundled_gdp");
    for (name, kind, format) in [
        ("bar_svg", ChartKind::Bar, ExportFormat::Svg),
        ("bar_png_1600x900", ChartKind::Bar, ExportFormat::Png),
        ("line_svg", ChartKind::Line, ExportFormat::Svg),
        ("line_png_1600x900", ChartKind::Line, ExportFormat::Png),
        ("line_csv", ChartKind::Line, ExportFormat::Csv),
    ] {
        let out = dir.join(format!("{name}.{}", format!("{format:?}").to_lowercase()));
        group.bench_function(name, |b| {
            b.iter(|| black_box(export_once(kind, format, &out)))
        });
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
    let mut group = c.benchmark_group("export_csv_regions");
    group.sample_size(10);
    for regions in [25_000, 50_000, 100_000] {
        let dataset = yardstick::model::synthetic::synthetic_dataset(regions, 1, 1, 3);
        let request = ExportRequest {
            indicator: yardstick::model::synthetic::indicator_id(0),
            regions: None,
            years: None,
            kind: ChartKind::Bar,
            mode: ViewMode::Absolute,
            log_scale: false,
        };
        let selection = resolve(&dataset, &request).expect("valid request");
        let spec = build_chart(&dataset, &selection, Lang::En);
        group.bench_function(format!("bar_csv_{regions}"), |b| {
            b.iter(|| black_box(yardstick::chart::csv::to_csv(&spec).len()))
        });
    }
    group.finish();
    bench_national_bars(c);
    c.bench_function("load_bundled_dataset", |b| {
        b.iter(|| black_box(parse_dataset(BUNDLED_NAME, BUNDLED_DATASET).expect("loads")))
    });
}

/// Resolve → (top-N cut) → spec → bytes → file for a bar chart of every region of
/// `dataset`; returns the bytes written.
fn export_bars(dataset: &Dataset, top: Option<usize>, format: ExportFormat, out: &Path) -> usize {
    let request = ExportRequest {
        indicator: yardstick::model::synthetic::indicator_id(0),
        regions: None,
        years: None,
        kind: ChartKind::Bar,
        mode: ViewMode::Absolute,
        log_scale: false,
    };
    let mut selection = resolve(dataset, &request).expect("valid request");
    let mut note = None;
    if let Some(max) = top {
        (selection, note) = limit_bars(dataset, &selection, max, Lang::Zh);
    }
    let mut spec = build_chart(dataset, &selection, Lang::Zh);
    spec.notes.splice(0..0, note);
    let bytes = export_bytes(&spec, format, ExportSize::default()).expect("renders");
    write_atomic(out, &bytes).expect("writes the export");
    bytes.len()
}

/// SVG, PNG and CSV of a 3,000-region bar chart (issue 13: ≤ 1 s each). The dataset has 2
/// indicators × 30 years (the chart reads one indicator's last year; the national file's
/// other 38 indicators change nothing it draws, and building them would take 6 s of every
/// `cargo test` run of this file).
fn bench_national_bars(c: &mut Criterion) {
    const REGIONS: usize = 3_000;
    let dir = std::env::temp_dir().join(format!("yardstick-export-3000-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make a temporary folder");
    let dataset = yardstick::model::synthetic::synthetic_dataset(REGIONS, 2, 30, 42);
    let mut group = c.benchmark_group("export_bar_3000_regions");
    group.sample_size(10);
    for (name, top, format) in [
        ("all_svg", None, ExportFormat::Svg),
        ("all_png_1600x900", None, ExportFormat::Png),
        ("all_csv", None, ExportFormat::Csv),
        ("top40_svg", Some(MAX_BARS_ON_SCREEN), ExportFormat::Svg),
        (
            "top40_png_1600x900",
            Some(MAX_BARS_ON_SCREEN),
            ExportFormat::Png,
        ),
        ("top40_csv", Some(MAX_BARS_ON_SCREEN), ExportFormat::Csv),
    ] {
        let out = dir.join(format!("{name}.{}", format!("{format:?}").to_lowercase()));
        let len = export_bars(&dataset, top, format, &out);
        eprintln!("export_bar_3000_regions/{name}: {len} bytes");
        group.bench_function(name, |b| {
            b.iter(|| black_box(export_bars(&dataset, top, format, &out)))
        });
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
