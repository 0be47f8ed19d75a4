//! The data behind a chart as CSV: UTF-8 with a byte-order mark so Excel and WPS open
//! Chinese text correctly.

use super::{ChartSpec, PointKind};

/// Column names, in order.
pub const COLUMNS: [&str; 11] = [
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
/// figure from the data. Starts with a UTF-8 byte-order mark.
pub fn to_csv(spec: &ChartSpec) -> String {
    let mut region_order: Vec<&str> = Vec::new();
    for p in spec.points() {
        if !region_order.contains(&p.region_id.as_str()) {
            region_order.push(&p.region_id);
        }
    }
    let mut points: Vec<_> = spec.points().collect();
    points.sort_by_key(|p| {
        let region = region_order
            .iter()
            .position(|r| *r == p.region_id)
            .unwrap_or(usize::MAX);
        (region, p.year, kind_code(p.kind))
    });
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing into memory cannot fail; the results are checked all the same.
    let mut ok = writer.write_record(COLUMNS).is_ok();
    for p in points {
        let year = p.year.to_string();
        let value = csv_number(p.value);
        let raw = p.published.map(csv_number).unwrap_or_default();
        ok &= writer
            .write_record([
                p.region.as_str(),
                spec.indicator.as_str(),
                &year,
                &value,
                &spec.unit,
                kind_code(p.kind),
                &p.source,
                p.note.as_deref().unwrap_or(""),
                &raw,
                &p.region_id,
                &spec.indicator_id,
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

/// A number as CSV text: rounded to 12 significant digits, so that computed values read
/// `396.75` rather than `396.74999999999994`; published values are unchanged by this.
pub fn csv_number(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    format!("{value:.11e}")
        .parse::<f64>()
        .map_or_else(|_| value.to_string(), |v| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::csv_number;

    #[test]
    fn numbers_are_short_and_exact_for_published_values() {
        assert_eq!(csv_number(300.0 * 1.15 * 1.15), "396.75");
        assert_eq!(csv_number(1076.13), "1076.13");
        assert_eq!(csv_number(32193.15), "32193.15");
        assert_eq!(csv_number(-12.5), "-12.5");
        assert_eq!(csv_number(0.1 + 0.2), "0.3");
    }
}
