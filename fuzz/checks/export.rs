//! What the `export` fuzz target checks, shared with `tests/fuzz_seeds.rs` (which runs it on
//! every seed, so a broken invariant fails `cargo test` before it fails the fuzzer): a
//! dataset that parses is exported, in memory, for up to four indicators as bar and line
//! charts (absolute and index) to CSV and SVG, and one small PNG. Never a panic; a CSV
//! starts with its byte-order mark and has one row per point plus one per reference line
//! (a picked whole drawn over its parts); no text cell starts like a formula.

use yardstick::chart::export::{ExportFormat, ExportRequest, export_bytes, resolve};
use yardstick::chart::render::ExportSize;
use yardstick::chart::{ChartKind, ViewMode, build_chart, csv};
use yardstick::io::parse_dataset;
use yardstick::lang::Lang;

/// Runs the export path on `text`; panics on a broken invariant.
pub fn check_export(text: &str) {
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
            let mut reader =
                ::csv::Reader::from_reader(table.trim_start_matches('\u{feff}').as_bytes());
            let rows = reader
                .records()
                .map(|r| r.expect("our CSV reads back"))
                .collect::<Vec<_>>();
            assert_eq!(
                rows.len(),
                spec.points().count() + spec.parent_lines.len(),
                "one CSV row per point and per reference line ({} {kind:?} {mode:?})",
                indicator.id
            );
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
}
