//! Clipboard text (tab-separated, as spreadsheets copy it): `parse_tsv` never panics, never
//! gives an empty row, and `to_tsv` → `parse_tsv` gives the same rows back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yardstick::io::tsv::{parse_tsv, to_tsv};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let rows = parse_tsv(&text);
    assert!(rows.iter().all(|r| !r.is_empty()), "an empty row");
    let written = to_tsv(&rows);
    assert_eq!(
        parse_tsv(&written),
        rows,
        "to_tsv → parse_tsv differs: {written:?}"
    );
});
