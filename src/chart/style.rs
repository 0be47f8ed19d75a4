//! How each kind of point is drawn, shared by the screen and every export so that a target
//! looks like a target everywhere.

use super::PointKind;

/// Line pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dash {
    /// Unbroken.
    Solid,
    /// Short dots.
    Dotted,
    /// Long dashes.
    Dashed,
}

/// Marker shape for line charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// Filled or hollow circle.
    Circle,
    /// Square.
    Square,
    /// Diamond.
    Diamond,
    /// Triangle.
    Triangle,
}

/// The drawing style of one kind of point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KindStyle {
    /// Opacity of a bar's or marker's fill (0 = hollow).
    pub fill_alpha: f32,
    /// Pattern of the connecting line.
    pub dash: Dash,
    /// Marker shape.
    pub marker: Marker,
    /// Whether points of this kind are joined by a line.
    pub joined: bool,
}

/// The style of `kind`: actuals solid, estimates light and dotted, targets hollow and
/// dashed (never joined: a target is a goal, not a path), scenarios half-filled and dashed.
pub fn style_of(kind: PointKind) -> KindStyle {
    match kind {
        PointKind::Actual => KindStyle {
            fill_alpha: 1.0,
            dash: Dash::Solid,
            marker: Marker::Circle,
            joined: true,
        },
        PointKind::Estimate => KindStyle {
            fill_alpha: 0.45,
            dash: Dash::Dotted,
            marker: Marker::Square,
            joined: true,
        },
        PointKind::Target => KindStyle {
            fill_alpha: 0.0,
            dash: Dash::Dashed,
            marker: Marker::Diamond,
            joined: false,
        },
        PointKind::Scenario => KindStyle {
            fill_alpha: 0.3,
            dash: Dash::Dashed,
            marker: Marker::Triangle,
            joined: true,
        },
        PointKind::Required => KindStyle {
            fill_alpha: 0.0,
            dash: Dash::Dotted,
            marker: Marker::Circle,
            joined: true,
        },
    }
}

/// Splits points into runs of consecutive years: a missing year breaks the line.
pub fn consecutive_runs(points: &[super::Point]) -> Vec<&[super::Point]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=points.len() {
        if i == points.len() || points[i].year != points[i - 1].year + 1 {
            runs.push(&points[start..i]);
            start = i;
        }
    }
    runs
}

/// A value with up to two decimals, trailing zeros dropped (343, 58.2, 99.56).
pub fn format_value(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        return "0".to_owned();
    }
    group_thousands(text)
}

/// Puts a comma between groups of three digits of the integer part (CLDR's pattern for both
/// zh and en: 32,193.15). Text that is not a plain decimal number is returned unchanged.
pub fn group_thousands(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return text.to_owned();
    }
    let mut grouped = String::with_capacity(text.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The bar's left offset and width for series `j` of `n` in a group of width 0.8.
pub fn bar_slot(j: usize, n: usize) -> (f64, f64) {
    let n = n.max(1) as f64;
    let width = 0.8 / n;
    ((j as f64 - (n - 1.0) / 2.0) * width, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_formatted_without_trailing_zeros() {
        assert_eq!(format_value(343.0), "343");
        assert_eq!(format_value(58.20), "58.2");
        assert_eq!(format_value(99.555), "99.56");
        assert_eq!(format_value(-0.001), "0");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(format_value(32193.15), "32,193.15");
        assert_eq!(format_value(1_234_567.0), "1,234,567");
        assert_eq!(format_value(-4500.5), "-4,500.5");
        assert_eq!(format_value(999.0), "999");
        assert_eq!(group_thousands("1e12"), "1e12");
    }

    #[test]
    fn bar_slots_are_centred_and_do_not_overlap() {
        let slots: Vec<_> = (0..3).map(|j| bar_slot(j, 3)).collect();
        assert!((slots[1].0).abs() < 1e-9);
        assert!((slots[0].0 + slots[2].0).abs() < 1e-9);
        assert!(slots[1].0 - slots[0].0 >= slots[0].1 - 1e-9);
    }
}
