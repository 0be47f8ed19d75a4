//! Whole-process export, as `yardstick export` does it: parse the bundled dataset, build the
//! chart, render SVG or PNG (and CSV). Compare with `benches/peer/` (pandas + matplotlib).
//! Also CSV export of a bar chart of 25k, 50k and 100k regions (one value each): linear in the
//! number of regions (it was quadratic: 2.1 s, 9.9 s, 43 s).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use yardstick::chart::export::{ExportFormat, ExportRequest, export_bytes, resolve};
use yardstick::chart::render::ExportSize;
use yardstick::chart::{ChartKind, ViewMode, build_chart};
use yardstick::io::parse_dataset;
use yardstick::lang::Lang;
use yardstick::{BUNDLED_DATASET, BUNDLED_NAME};

/// Load → select → spec → bytes, the work of one CLI export.
fn export_once(kind: ChartKind, format: ExportFormat) -> usize {
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
    export_bytes(&spec, format, ExportSize::default())
        .expect("renders")
        .len()
}

fn bench_export(c: &mut Criterion) {
    let mut group = c.benchmark_group("export_bundled_gdp");
    for (name, kind, format) in [
        ("bar_svg", ChartKind::Bar, ExportFormat::Svg),
        ("bar_png_1600x900", ChartKind::Bar, ExportFormat::Png),
        ("line_svg", ChartKind::Line, ExportFormat::Svg),
        ("line_png_1600x900", ChartKind::Line, ExportFormat::Png),
        ("line_csv", ChartKind::Line, ExportFormat::Csv),
    ] {
        group.bench_function(name, |b| b.iter(|| black_box(export_once(kind, format))));
    }
    group.finish();
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
