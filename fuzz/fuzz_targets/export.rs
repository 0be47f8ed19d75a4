//! The export path from dataset text: parse, then for each indicator a bar and a line chart
//! (absolute and index) to CSV and SVG, and one small PNG, all in memory. Never a panic; a
//! CSV starts with its byte-order mark and has one row per point; no text cell starts like a
//! formula. Time and memory per input are bounded by libFuzzer (`-timeout`, `-rss_limit_mb`
//! in scripts/fuzz.sh) — an input that makes the export slow or large is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yardstick::chart::export::{ExportFormat, ExportRequest, export_bytes, resolve};
use yardstick::chart::render::ExportSize;
use yardstick::chart::{ChartKind, ViewMode, build_chart, csv};
use yardstick::io::parse_dataset;
use yardstick::lang::Lang;

fuzz_target!(|text: &str| {
    let Ok(dataset) = parse_dataset("fuzz.ron", text) else {
        return;
    };
    let small = ExportSize {
        width: 200,
        height: 200,
    };
    for (n, indicator) in dataset.indicators().iter().take(4).enumerate() {
        for (kind, mode) in [
            (ChartKind::Bar, ViewMode::Absolute),
            (ChartKind::Line, ViewMode::Absolute),
            (ChartKind::Line, ViewMode::Index),
        ] {
            let request = ExportRequest {
                indicator: indicator.id.clone(),
                regions: None,
                years: None,
                kind,
                mode,
                log_scale: n % 2 == 1,
            };
            let Ok(selection) = resolve(&dataset, &request) else {
                continue;
            };
            let spec = build_chart(&dataset, &selection, Lang::Zh);
            let table = csv::to_csv(&spec);
            assert!(table.starts_with('\u{feff}'));
            let mut reader = ::csv::Reader::from_reader(table.trim_start_matches('\u{feff}').as_bytes());
            let rows = reader.records().map(|r| r.expect("our CSV reads back")).collect::<Vec<_>>();
            assert_eq!(rows.len(), spec.points().count());
            for row in &rows {
                for column in [0, 1, 4, 6, 7, 9, 10] {
                    assert!(
                        !row[column].starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "formula-like cell {:?}",
                        &row[column]
                    );
                }
            }
            if spec.is_empty() {
                continue;
            }
            export_bytes(&spec, ExportFormat::Svg, ExportSize::default()).expect("SVG renders");
            if n == 0 && kind == ChartKind::Line {
                export_bytes(&spec, ExportFormat::Png, small).expect("PNG renders");
            }
        }
    }
});
