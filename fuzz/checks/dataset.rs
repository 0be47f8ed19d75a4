//! What the `dataset` fuzz target checks, shared with `tests/fuzz_seeds.rs` (which runs it
//! on every seed): any bytes through `decode_utf8`, any text through `parse_dataset`. Never a
//! panic; an error's location is inside the text; a dataset that loads is written back and
//! re-read to the same text.

use yardstick::io::dataset_file::decode_utf8;
use yardstick::io::{LoadError, dataset_to_ron, parse_dataset};

/// Every diagnostic's line and column lie inside `text` (a column may be one past the end of
/// its line, where an error "at the end" points).
fn check_locations(text: &str, err: &LoadError) {
    assert!(!err.diagnostics.is_empty(), "an error without a diagnostic");
    let lines: Vec<&str> = text.split('\n').collect();
    for d in &err.diagnostics {
        if let Some(at) = d.location {
            assert!(at.line >= 1 && at.col >= 1, "{at:?}");
            let line = lines
                .get(at.line - 1)
                .unwrap_or_else(|| panic!("line {} of {}: {err}", at.line, lines.len()));
            assert!(
                at.col <= line.chars().count() + 1,
                "column {} of a {}-character line: {err}",
                at.col,
                line.chars().count()
            );
        }
    }
    let _ = err.to_string();
}

/// Runs the dataset checks on `data`; panics on a broken invariant.
pub fn check_dataset(data: &[u8]) {
    let text = match decode_utf8("fuzz.ron", data) {
        Ok(text) => text,
        Err(err) => {
            // The location counts in the valid prefix.
            let good = std::str::from_utf8(&data[..err_offset(data)]).unwrap_or("");
            check_locations(good, &err);
            return;
        }
    };
    match parse_dataset("fuzz.ron", text) {
        Ok(dataset) => {
            let written = dataset_to_ron(&dataset);
            let again = parse_dataset("again.ron", &written)
                .unwrap_or_else(|e| panic!("a loaded dataset, written back, does not load: {e}"));
            assert_eq!(
                dataset_to_ron(&again),
                written,
                "write → read → write differs"
            );
        }
        Err(err) => check_locations(text, &err),
    }
}

/// Where the first invalid UTF-8 byte is (after a byte-order mark).
fn err_offset(data: &[u8]) -> usize {
    let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let skipped = data.len() - body.len();
    skipped
        + std::str::from_utf8(body)
            .err()
            .map_or(body.len(), |e| e.valid_up_to())
}
