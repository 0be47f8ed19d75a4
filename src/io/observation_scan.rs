//! The fast path of [`super::series_scan`] for the top-level `observations` list, one entry
//! per value (a national file written that way is 415 MB of them):
//! `(region: "r", indicator: "i", year: 2022, months: Some((1, 11)), value: 300.0,
//! measure: GrowthPct, bound: MoreThan, kind: Actual, source: "s", note: Some("…"),
//! quote: None)`, any white space, fields in any order, trailing commas, the optional fields
//! left out. Anything else (a comment, an escape, `value: 300`, an unknown or repeated field)
//! gives up, and the caller parses the whole text with `ron` as before.

use super::series_scan::{MARKER_REGION, Parser};
use crate::model::{Bound, Measure, ObservationEntry, ObservationKind, ObservationRecord};

/// What replaces the `observations` list's contents in the text given to `ron` (as
/// [`super::series_scan::SERIES_MARKER`] for `series`).
pub(crate) const OBSERVATIONS_MARKER: &str = r#"(region: "\u{1}yardstick-cut", indicator: "", year: 0, value: 0.0, kind: Actual, source: "")"#;

/// True when `observations`, as `ron` read them with the marker in place, are the marker.
pub(crate) fn is_observations_marker(observations: &[ObservationRecord]) -> bool {
    let marker = ObservationRecord {
        region: MARKER_REGION.to_owned(),
        indicator: String::new(),
        year: 0,
        months: None,
        value: 0.0,
        measure: Measure::Level,
        bound: Bound::Exact,
        kind: ObservationKind::Actual,
        source: String::new(),
        note: None,
        quote: None,
    };
    matches!(observations, [only] if *only == marker)
}

/// `None` or `Some("text")` (a string without escapes).
fn optional_string<'a>(p: &mut Parser<'a>) -> Option<Option<&'a str>> {
    match p.ident()? {
        "None" => Some(None),
        "Some" => {
            p.expect(b'(')?;
            let text = p.string()?;
            p.expect(b')')?;
            Some(Some(text))
        }
        _ => None,
    }
}

/// A month number: unsigned decimal digits that fit a `u8`.
fn month(p: &mut Parser<'_>) -> Option<u8> {
    p.ws();
    if p.peek() == Some(b'-') {
        return None;
    }
    u8::try_from(p.integer()?).ok()
}

/// `None` or `Some((first, last))`.
fn months(p: &mut Parser<'_>) -> Option<Option<(u8, u8)>> {
    match p.ident()? {
        "None" => Some(None),
        "Some" => {
            p.expect(b'(')?;
            p.expect(b'(')?;
            let first = month(p)?;
            p.expect(b',')?;
            let last = month(p)?;
            p.expect(b')')?;
            p.expect(b')')?;
            Some(Some((first, last)))
        }
        _ => None,
    }
}

/// One `( … )` entry, every required field once, no other field.
/// Reads one `observations` entry at the parser's cursor, its texts borrowed from the file's.
pub(crate) fn entry<'a>(p: &mut Parser<'a>) -> Option<ObservationEntry<'a>> {
    p.expect(b'(')?;
    let (mut region, mut indicator, mut source) = (None, None, None);
    let (mut year, mut value, mut kind) = (None, None, None);
    let (mut months_of, mut measure, mut bound) = (None, None, None);
    let (mut note, mut quote) = (None, None);
    loop {
        p.ws();
        if p.peek()? == b')' {
            p.at += 1;
            break;
        }
        let field = p.ident()?;
        p.expect(b':')?;
        // A field given twice: `ron` reports it.
        let fresh = match field {
            "region" => region.replace(p.string()?).is_none(),
            "indicator" => indicator.replace(p.string()?).is_none(),
            "source" => source.replace(p.string()?).is_none(),
            "year" => year.replace(p.integer()?).is_none(),
            "value" => value.replace(p.float()?).is_none(),
            "months" => months_of.replace(months(p)?).is_none(),
            "kind" => kind.replace(p.kind()?).is_none(),
            "measure" => measure.replace(p.measure()?).is_none(),
            "bound" => {
                let b = match p.ident()? {
                    "Exact" => Bound::Exact,
                    "AtLeast" => Bound::AtLeast,
                    "MoreThan" => Bound::MoreThan,
                    "AtMost" => Bound::AtMost,
                    "LessThan" => Bound::LessThan,
                    "About" => Bound::About,
                    _ => return None,
                };
                bound.replace(b).is_none()
            }
            "note" => note.replace(optional_string(p)?).is_none(),
            "quote" => quote.replace(optional_string(p)?).is_none(),
            _ => return None,
        };
        if !fresh {
            return None;
        }
        p.ws();
        match p.peek()? {
            b',' => p.at += 1,
            b')' => {
                p.at += 1;
                break;
            }
            _ => return None,
        }
    }
    Some(ObservationEntry {
        region: region?,
        indicator: indicator?,
        year: year?,
        months: months_of.flatten(),
        value: value?,
        measure: measure.unwrap_or_default(),
        bound: bound.unwrap_or_default(),
        kind: kind?,
        source: source?,
        note: note.flatten(),
        quote: quote.flatten(),
    })
}
