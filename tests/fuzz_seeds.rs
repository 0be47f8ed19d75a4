//! The fuzz targets' checks (fuzz/checks/), run on every seed the fuzzers start from:
//! data/ (the bundled dataset and its scenarios) and tests/bad_inputs/. A change that breaks
//! a fuzz invariant on a seed fails here, in `cargo test`, not only minutes into
//! scripts/fuzz.sh — as the bundled dataset's reference line once did (the export check
//! counted one CSV row per point and forgot the parent's line).

#[path = "../fuzz/checks/dataset.rs"]
mod dataset_check;
#[path = "../fuzz/checks/export.rs"]
mod export_check;
#[path = "../fuzz/checks/scenario.rs"]
mod scenario_check;

use std::path::{Path, PathBuf};

/// Every file under `dirs` (recursively), sorted, README and .gitattributes left out.
fn seeds(dirs: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut todo: Vec<PathBuf> = dirs.iter().map(|d| root.join(d)).collect();
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).expect("seed folder") {
            let path = entry.expect("seed entry").path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "ron") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn export_check_holds_on_every_seed() {
    let files = seeds(&["data", "tests/bad_inputs"]);
    assert!(files.len() > 60, "seeds found: {}", files.len());
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let result = std::panic::catch_unwind(|| export_check::check_export(text));
            assert!(result.is_ok(), "export check fails on {}", path.display());
        }
    }
}

#[test]
fn dataset_check_holds_on_every_seed() {
    for path in seeds(&["data", "tests/bad_inputs"]) {
        let bytes = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| dataset_check::check_dataset(&bytes));
        assert!(result.is_ok(), "dataset check fails on {}", path.display());
    }
}

#[test]
fn scenario_check_holds_on_every_seed() {
    for path in seeds(&["data", "tests/bad_inputs"]) {
        let bytes = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| scenario_check::check_scenario_bytes(&bytes));
        assert!(result.is_ok(), "scenario check fails on {}", path.display());
    }
}

/// The bundled dataset's default bar chart of its first indicator draws a reference line
/// (so the export check above exercises the row count with one), as the crash the fuzzer
/// found needed.
#[test]
fn bundled_data_has_a_chart_with_a_reference_line() {
    use yardstick::chart::export::{ExportRequest, resolve};
    use yardstick::chart::{ChartKind, ViewMode, build_chart};
    let dataset = yardstick::bundled_dataset().unwrap();
    let with_line = dataset.indicators().iter().take(4).any(|indicator| {
        let request = ExportRequest {
            indicator: indicator.id.clone(),
            regions: None,
            years: None,
            kind: ChartKind::Bar,
            mode: ViewMode::Absolute,
            log_scale: false,
        };
        resolve(&dataset, &request).is_ok_and(|selection| {
            !build_chart(&dataset, &selection, yardstick::lang::Lang::Zh)
                .parent_lines
                .is_empty()
        })
    });
    assert!(with_line);
}
