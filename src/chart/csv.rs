//! The data behind a chart as CSV: UTF-8 with a byte-order mark so Excel and WPS open
//! Chinese text correctly.

use std::borrow::Cow;
use std::collections::HashMap;

use super::tracker_rows::TrackerSpec;
use super::{ChartSpec, PointKind};
use crate::model::qualifier::months_code;
use crate::model::targets::Measure;

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
/// figure from the data; `year` is each value's own year (with "latest value up to", bars
/// of different years keep theirs). A picked whole drawn as a reference line
/// ([`ChartSpec::parent_lines`]) comes last, its note saying so. Starts with a UTF-8
/// byte-order mark. Linear in the number of regions (one pass to number them, one sort of
/// the points).
///
/// Text cells are neutralised against formula injection ([`text_cell`]); numbers are written
/// as the shortest text that reads back to the same `f64` ([`csv_number`]). A tracker chart
/// writes its rows instead ([`tracker_csv`]).
pub fn to_csv(spec: &ChartSpec) -> String {
    if let Some(tracker) = &spec.tracker {
        return tracker_csv(tracker);
    }
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
    let lines = spec.parent_lines.iter().map(|l| &l.point);
    let reference_note = spec.lang.pick(
        "参考线（所列地区的上级地区）",
        "reference line (the whole of regions shown)",
    );
    for (p, is_reference) in points
        .into_iter()
        .map(|p| (p, false))
        .chain(lines.map(|p| (p, true)))
    {
        let note = match (is_reference, p.note.as_deref()) {
            (false, note) => Cow::Borrowed(note.unwrap_or("")),
            (true, None) => Cow::Borrowed(reference_note),
            (true, Some(note)) => Cow::Owned(format!("{reference_note}; {note}")),
        };
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
                &*text_cell(&note),
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

/// The tracker's data as CSV (UTF-8 with BOM, cells made safe as [`text_cell`] makes them): one row
/// per target with the baseline's and (when shown) the scenario's state.
pub fn tracker_csv(tracker: &TrackerSpec) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut ok = writer
        .write_record([
            "region_id",
            "indicator_id",
            "target_year",
            "target",
            "measure",
            "latest_year",
            "latest_value",
            "share_of_target_pct",
            "required_pct",
            "recent_pct",
            "status",
            "reason",
            "scenario_value",
            "scenario_share_of_target_pct",
            "scenario_status",
            "scenario_reason",
        ])
        .is_ok();
    let num = |v: Option<f64>| v.map(csv_number).unwrap_or_default();
    for row in &tracker.rows {
        let b = &row.baseline;
        let s = row.scenario.as_ref().map(|(_, s)| s);
        ok &= writer
            .write_record([
                text_cell(&row.region_id).into_owned(),
                text_cell(&row.indicator_id).into_owned(),
                row.target_year.to_string(),
                text_cell(&row.target_text).into_owned(),
                match row.measure {
                    Measure::Level => "level".to_owned(),
                    Measure::GrowthPct => "growth_pct".to_owned(),
                },
                b.figure.map(|f| f.year.to_string()).unwrap_or_default(),
                num(b.figure.map(|f| f.value)),
                num(b.share_pct),
                num(b.required_pct),
                num(b.recent_pct),
                b.status.code().to_owned(),
                text_cell(&b.reason).into_owned(),
                num(s.and_then(|s| s.figure).map(|f| f.value)),
                num(s.and_then(|s| s.share_pct)),
                s.map(|s| s.status.code().to_owned()).unwrap_or_default(),
                s.map(|s| text_cell(&s.reason).into_owned())
                    .unwrap_or_default(),
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
