//! The data behind a chart as CSV: UTF-8 with a byte-order mark so Excel and WPS open
//! Chinese text correctly.

use std::borrow::Cow;
use std::collections::HashMap;

use super::{ChartSpec, PointKind};
use crate::model::qualifier::months_code;

/// Column names, in order. The last three (format 2) say how to read `value`: `bound`
/// (`exact`, `at_least`, `more_than`, `at_most`, `less_than`, `about`), `measure` (`level`
/// or `growth_pct`) and `months` (`1-11` for 1—11月, empty for the whole year).
pub const COLUMNS: [&str; 14] = [
    "region",
    "indicator",
    "year",
    "value",
    "unit",
    "kind",
    "source",
    "note",
    "published_value",
    "region_id",
    "indicator_id",
    "bound",
    "measure",
    "months",
];

/// The CSV `kind` code of a point kind (stable English codes, whatever the language).
pub fn kind_code(kind: PointKind) -> &'static str {
    match kind {
        PointKind::Actual => "actual",
        PointKind::Target => "target",
        PointKind::Estimate => "estimate",
        PointKind::Scenario => "scenario",
        PointKind::Required => "required",
    }
}

/// Every point of the chart, one row each, ordered by region (as shown), year and kind.
/// `value` is what the chart draws (after index / change / share), `published_value` the
/// figure from the data. Starts with a UTF-8 byte-order mark. Linear in the number of
/// regions (one pass to number them, one sort of the points).
///
/// Text cells are neutralised against formula injection ([`text_cell`]); numbers are written
/// as the shortest text that reads back to the same `f64` ([`csv_number`]).
pub fn to_csv(spec: &ChartSpec) -> String {
    let mut region_order: HashMap<&str, usize> = HashMap::new();
    for p in spec.points() {
        let next = region_order.len();
        region_order.entry(p.region_id.as_str()).or_insert(next);
    }
    let mut points: Vec<_> = spec.points().collect();
    points.sort_by_key(|p| {
        let region = region_order
            .get(p.region_id.as_str())
            .copied()
            .unwrap_or(usize::MAX);
        (region, p.year, kind_code(p.kind))
    });
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing into memory cannot fail; the results are checked all the same.
    let mut ok = writer.write_record(COLUMNS).is_ok();
    let indicator = text_cell(&spec.indicator);
    let unit = text_cell(&spec.unit);
    let indicator_id = text_cell(&spec.indicator_id);
    for p in points {
        let year = p.year.to_string();
        let value = csv_number(p.value);
        let raw = p.published.map(csv_number).unwrap_or_default();
        let months = months_code(p.months);
        ok &= writer
            .write_record([
                &*text_cell(&p.region),
                &*indicator,
                &year,
                &value,
                &*unit,
                kind_code(p.kind),
                &*text_cell(&p.source),
                &*text_cell(p.note.as_deref().unwrap_or("")),
                &raw,
                &*text_cell(&p.region_id),
                &*indicator_id,
                p.bound.code(),
                p.measure.code(),
                &months,
            ])
            .is_ok();
    }
    debug_assert!(ok, "writing CSV into memory failed");
    let body = writer
        .into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    format!("\u{feff}{body}")
}

/// A text cell made safe for spreadsheets (OWASP "CSV injection"): a cell starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return would be run as a formula by Excel, WPS or
/// LibreOffice, so it gets a leading `'`, which they show as text. Other text is unchanged.
pub fn text_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A number as CSV text: the shortest text that reads back to exactly the same `f64`, so
/// published values are written as stored (`9007199254740993` in a file is the double
/// 9007199254740992, written back as such) and computed ones at full precision. Not a
/// finite number: an empty cell.
pub fn csv_number(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::{csv_number, text_cell};

    #[test]
    fn numbers_are_exact_and_shortest() {
        assert_eq!(csv_number(1076.13), "1076.13");
        assert_eq!(csv_number(32193.15), "32193.15");
        assert_eq!(csv_number(-12.5), "-12.5");
        assert_eq!(csv_number(1234567.891234), "1234567.891234");
        assert_eq!(csv_number(9007199254740992.0), "9007199254740992");
        let computed = 300.0 * 1.15 * 1.15;
        assert_eq!(csv_number(computed).parse::<f64>().unwrap(), computed);
        assert_eq!(csv_number(f64::NAN), "");
    }

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"x\")",
        ] {
            assert_eq!(text_cell(bad), format!("'{bad}"));
        }
        for good in ["万盛", "a-b", "", "1+1", "'quoted"] {
            assert_eq!(text_cell(good), good);
        }
    }
}
