//! Whole-process export, as `yardstick export` does it: parse the bundled dataset, build the
//! chart of every region with a GDP figure, render SVG or PNG (and CSV) and write the file
//! atomically (temp file + rename, as the CLI does). Compare with `benches/peer/` (pandas +
//! matplotlib).
//! Also CSV export of a bar chart of 25k, 50k and 100k regions (one value each): linear in the
//! number of regions (it was quadratic: 2.1 s, 9.9 s, 43 s).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use yardstick::chart::export::{ExportFormat, ExportRequest, export_bytes, resolve};
use yardstick::chart::render::ExportSize;
use yardstick::chart::{ChartKind, ViewMode, build_chart};
use yardstick::io::{parse_dataset, write_atomic};
use yardstick::lang::Lang;
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
    c.bench_function("load_bundled_dataset", |b| {
        b.iter(|| black_box(parse_dataset(BUNDLED_NAME, BUNDLED_DATASET).expect("loads")))
    });
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
