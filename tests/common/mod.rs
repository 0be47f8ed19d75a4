//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod desktop;
pub mod no_display;
pub mod table;
pub mod window;

/// A small valid dataset: two regions, one bounded indicator, two observations.
pub const SMALL: &str = r#"Dataset(
    format: 1,
    title: "测试数据",
    title_en: "Test data",
    regions: [
        (id: "a", name: "甲区", name_en: "A"),
        (id: "b", name: "乙区", name_en: "B"),
    ],
    indicators: [
        (id: "days", name: "优良天数", name_en: "Good days", unit: "天", unit_en: "days", better: Higher, min: Some(0.0), max: Some(366.0)),
    ],
    sources: [
        (id: "s", title: "来源", url: None, published: Some("2023")),
    ],
    observations: [
        (region: "a", indicator: "days", year: 2022, value: 343.0, kind: Actual, source: "s"),
        (region: "b", indicator: "days", year: 2022, value: 300.0, kind: Actual, source: "s"),
    ],
)
"#;

/// 1-based (line, col) of the first occurrence of `needle` in `text`.
pub fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}

/// `SMALL` with `from` replaced by `to` (which must occur).
pub fn small_with(from: &str, to: &str) -> String {
    assert!(SMALL.contains(from), "{from:?} not in SMALL");
    SMALL.replacen(from, to, 1)
}
