//! A fast path for format 2's dense `series` list, the bulk of a national file (3,000 regions
//! × 40 indicators × 30 years is 120,000 entries and 3.6 M numbers in 65 MB).
//!
//! Loading is in three steps. [`list_contents`] finds the top-level `series: [ … ]` list by a
//! scan of quotes and brackets; `ron` parses the rest of the file, with the list's contents
//! cut out, for the general grammar; then [`for_each_entry`] reads the list with a small byte
//! parser of exactly the form Yardstick writes (and hand edits of it: any white space, fields
//! in any order, trailing commas, `measure` left out):
//! `(region: "r", indicator: "i", kind: Actual, source: "s", measure: Level, from: 2015,
//! values: [Some(1.5), None, Some(-2.25e3)])`, making each [`SeriesRecord`] straight from the
//! text (no token or intermediate value per number) and handing it on to be checked and
//! stored before the next is read.
//!
//! The fast parser accepts a subset of what `ron` accepts and nothing else: at anything
//! outside it (a comment, an escape in a string, a number such as `1_000` or `0x10`, an
//! unknown or repeated field, a missing one, any error at all) it gives up and the caller
//! parses the whole text with `ron` as before, so every error message, with its file, line
//! and column, is exactly the one `ron` gives. It never reports an error itself.

use std::ops::Range;

use crate::model::{Measure, ObservationKind, SeriesRecord};

#[cfg(test)]
/// A top-level list read by the fast path.
pub(crate) struct SplitList<T> {
    /// The byte range of the list's contents, between its `[` and `]` (exclusive).
    pub contents: Range<usize>,
    /// Its entries, in file order.
    pub entries: Vec<T>,
}

/// What replaces the `series` list's contents in the text given to `ron`: one entry no file
/// can mean (its region id holds an escaped control character, which the fast parser never
/// reads). `ron` returning exactly this entry as `series` proves that the cut was the list
/// `ron` itself reads as the top-level `series` (not text inside a string or comment that the
/// light outline scan took for it), so the rest means to `ron` what it means here.
pub(crate) const SERIES_MARKER: &str = r#"(region: "\u{1}yardstick-cut", indicator: "", kind: Actual, source: "", from: 0, values: [])"#;

/// The region id of the markers, as `ron` reads it.
pub(crate) const MARKER_REGION: &str = "\u{1}yardstick-cut";

/// The text with each cut's contents replaced by its marker, for `ron`; `None` if the cuts
/// overlap. `cuts` in any order.
pub(crate) fn rest_of(text: &str, cuts: &mut [(Range<usize>, &str)]) -> Option<String> {
    cuts.sort_by_key(|(range, _)| range.start);
    let mut rest = String::with_capacity(text.len().min(1 << 16));
    let mut from = 0;
    for (range, marker) in cuts.iter() {
        if range.start < from {
            return None;
        }
        rest.push_str(&text[from..range.start]);
        rest.push_str(marker);
        from = range.end;
    }
    rest.push_str(&text[from..]);
    Some(rest)
}

/// True when `series`, as `ron` read it from [`rest_of`], is the marker alone.
pub(crate) fn is_series_marker(series: &[SeriesRecord]) -> bool {
    matches!(series, [only] if only.region == MARKER_REGION
        && only.indicator.is_empty()
        && only.source.is_empty()
        && only.from == 0
        && only.values.is_empty())
}

#[cfg(test)]
/// Reads the first top-level `series: [ … ]` of a dataset's text with the fast parser;
/// `None` when there is none or it is not entirely in the form the fast parser reads.
pub(crate) fn split_series(text: &str) -> Option<SplitList<SeriesRecord>> {
    split_list(text, "series", Parser::entry)
}

#[cfg(test)]
/// Reads the first top-level list `name: [ … ]`, each entry by `entry`; `None` when there is
/// none, or at the first thing `entry` or the list syntax does not read.
pub(crate) fn split_list<'a, T>(
    text: &'a str,
    name: &str,
    entry: impl FnMut(&mut Parser<'a>) -> Option<T>,
) -> Option<SplitList<T>> {
    let contents = list_contents(text, name)?;
    let mut entries = Vec::new();
    for_each_entry(text, contents.clone(), entry, |e| {
        entries.push(e);
        true
    })?;
    Some(SplitList { contents, entries })
}

/// The byte range of the contents of the first top-level list `name: [ … ]` (between its
/// `[` and `]`), found by a scan that only follows strings and brackets; `None` when there
/// is no such list. [`for_each_entry`] then reads it and must end exactly there, so text
/// this scan misreads (a comment holding a `]`) sends the load to `ron`, never astray.
pub(crate) fn list_contents(text: &str, name: &str) -> Option<Range<usize>> {
    // A cheap search first: the outline scan of a 415 MB file without the list is slow.
    if !text.contains(name) {
        return None;
    }
    let open = super::outline::top_level_list(text, name)?;
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut at = open;
    loop {
        at += memchr::memchr3(b'"', b'[', b']', &bytes[at..])?;
        match bytes[at] {
            b'"' => {
                // To the closing quote, past escaped characters.
                loop {
                    at += 1;
                    at += memchr::memchr2(b'"', b'\\', &bytes[at..])?;
                    if bytes[at] == b'"' {
                        break;
                    }
                    at += 1;
                }
            }
            b'[' => depth += 1,
            _ => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + 1..at);
                }
            }
        }
        at += 1;
    }
}

/// Reads each entry of the list whose contents are `contents` (from [`list_contents`]) by
/// `entry` and hands it to `sink`, in file order, holding one at a time. `Some(true)` when
/// every entry was read, `Some(false)` when `sink` asked to stop, `None` at the first thing
/// `entry` or the list syntax does not read, or when the list does not end at `contents.end`.
pub(crate) fn for_each_entry<'a, T>(
    text: &'a str,
    contents: Range<usize>,
    mut entry: impl FnMut(&mut Parser<'a>) -> Option<T>,
    mut sink: impl FnMut(T) -> bool,
) -> Option<bool> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        at: contents.start,
        last_region: String::new(),
        last_indicator: String::new(),
        last_source: String::new(),
    };
    loop {
        p.ws();
        match p.peek()? {
            b']' => break,
            b'(' => {
                if !sink(entry(&mut p)?) {
                    return Some(false);
                }
                p.ws();
                match p.peek()? {
                    b',' => p.at += 1,
                    b']' => break,
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
    (p.at == contents.end).then_some(true)
}

/// Reads one `series` entry at the parser's cursor (for [`for_each_entry`]).
pub(crate) fn series_entry(p: &mut Parser<'_>) -> Option<SeriesRecord> {
    p.entry()
}

/// The byte parser: each method reads one form at the cursor, or returns `None`.
pub(crate) struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pub(crate) at: usize,
    // The ids of the previous entry: consecutive entries share them (one region's 40
    // indicators, one source for all), so an equal id is a clone of a warm string.
    pub(crate) last_region: String,
    pub(crate) last_indicator: String,
    pub(crate) last_source: String,
}

impl<'a> Parser<'a> {
    pub(crate) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips ASCII white space (a comment or any other white space makes the caller give up
    /// at the next token).
    pub(crate) fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    pub(crate) fn expect(&mut self, byte: u8) -> Option<()> {
        self.ws();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// An identifier of ASCII letters, digits and `_` starting with a letter or `_`.
    pub(crate) fn ident(&mut self) -> Option<&'a str> {
        self.ws();
        let start = self.at;
        while let Some(b) = self.peek() {
            if b.is_ascii_alphanumeric() || b == b'_' {
                self.at += 1;
            } else {
                break;
            }
        }
        let text: &'a str = self.text;
        let ident = &text[start..self.at];
        (ident
            .as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_'))
        .then_some(ident)
    }

    /// A string without escapes or control characters.
    pub(crate) fn string(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.at;
        let len = self.bytes[start..]
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        self.at = start + len;
        self.expect(b'"')?;
        let text: &'a str = self.text;
        Some(&text[start..start + len])
    }

    /// A decimal integer `-?[0-9]+` that fits an `i32`.
    pub(crate) fn integer(&mut self) -> Option<i32> {
        self.ws();
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let digits = self.digits();
        if digits == 0
            || self
                .peek()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'.')
        {
            return None;
        }
        self.text[start..self.at].parse().ok()
    }

    pub(crate) fn digits(&mut self) -> usize {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - start
    }

    /// A float written `-?[0-9]+.[0-9]+` with an optional exponent `e[+-]?[0-9]+`: what
    /// Yardstick writes, and read as `ron` reads it (Rust's `f64` parse of the same text).
    pub(crate) fn float(&mut self) -> Option<f64> {
        self.ws();
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        if self.digits() == 0 || self.peek() != Some(b'.') {
            return None;
        }
        self.at += 1;
        let fraction = self.digits();
        if fraction == 0 {
            return None;
        }
        let plain = !matches!(self.peek(), Some(b'e' | b'E'));
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        if self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
        {
            return None;
        }
        let written = &self.text[start..self.at];
        if plain && let Some(value) = exact_decimal(written.as_bytes(), fraction) {
            return Some(value);
        }
        written.parse().ok()
    }

    /// `[Some(1.5), None, …]`, trailing comma allowed.
    fn values(&mut self) -> Option<Vec<Option<f64>>> {
        self.expect(b'[')?;
        // Room for a typical series; one allocation for 30 years.
        let mut values = Vec::with_capacity(32);
        loop {
            self.ws();
            if self.peek()? == b']' {
                self.at += 1;
                break;
            }
            let rest = &self.bytes[self.at..];
            // The two forms Yardstick writes, without the identifier scan.
            let value = if rest.starts_with(b"Some(") {
                self.at += 5;
                let v = self.float()?;
                self.expect(b')')?;
                Some(v)
            } else if rest.starts_with(b"None")
                && !rest
                    .get(4)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
            {
                self.at += 4;
                None
            } else {
                self.value()?
            };
            values.push(value);
            self.ws();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    break;
                }
                _ => return None,
            }
        }
        values.shrink_to_fit();
        Some(values)
    }

    /// One value in any spacing `ron` reads (`Some ( 1.5 )`).
    fn value(&mut self) -> Option<Option<f64>> {
        Some(match self.ident()? {
            "None" => None,
            "Some" => {
                self.expect(b'(')?;
                let v = self.float()?;
                self.expect(b')')?;
                Some(v)
            }
            _ => return None,
        })
    }

    /// `last` again if `id` equals it, else `id` (and `last` becomes it).
    /// An observation kind written as its variant name; `None` for anything else.
    pub(crate) fn kind(&mut self) -> Option<ObservationKind> {
        match self.ident()? {
            "Actual" => Some(ObservationKind::Actual),
            "Target" => Some(ObservationKind::Target),
            "Estimate" => Some(ObservationKind::Estimate),
            _ => None,
        }
    }

    /// A measure written as its variant name; `None` for anything else.
    pub(crate) fn measure(&mut self) -> Option<Measure> {
        match self.ident()? {
            "Level" => Some(Measure::Level),
            "GrowthPct" => Some(Measure::GrowthPct),
            _ => None,
        }
    }

    pub(crate) fn id(last: &mut String, id: &str) -> String {
        if last != id {
            id.clone_into(last);
        }
        last.clone()
    }

    /// One `( … )` entry, every required field once, no other field.
    fn entry(&mut self) -> Option<SeriesRecord> {
        self.expect(b'(')?;
        let (mut region, mut indicator, mut source) = (None, None, None);
        let (mut kind, mut measure, mut from, mut values) = (None, None, None, None);
        loop {
            self.ws();
            if self.peek()? == b')' {
                self.at += 1;
                break;
            }
            let field = self.ident()?;
            self.expect(b':')?;
            // A field given twice: `ron` reports it.
            let fresh = match field {
                "region" => {
                    let id = self.string()?;
                    region
                        .replace(Self::id(&mut self.last_region, id))
                        .is_none()
                }
                "indicator" => {
                    let id = self.string()?;
                    indicator
                        .replace(Self::id(&mut self.last_indicator, id))
                        .is_none()
                }
                "source" => {
                    let id = self.string()?;
                    source
                        .replace(Self::id(&mut self.last_source, id))
                        .is_none()
                }
                "kind" => kind.replace(self.kind()?).is_none(),
                "measure" => measure.replace(self.measure()?).is_none(),
                "from" => from.replace(self.integer()?).is_none(),
                "values" => values.replace(self.values()?).is_none(),
                _ => return None,
            };
            if !fresh {
                return None;
            }
            self.ws();
            match self.peek()? {
                b',' => self.at += 1,
                b')' => {
                    self.at += 1;
                    break;
                }
                _ => return None,
            }
        }
        Some(SeriesRecord {
            region: region?,
            indicator: indicator?,
            kind: kind?,
            source: source?,
            measure: measure.unwrap_or_default(),
            from: from?,
            values: values?,
        })
    }
}

/// Powers of ten that an `f64` holds exactly.
const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `-?[0-9]+.[0-9]+` with `fraction` digits after the point, when its digits make an integer
/// below 2^53 and `fraction` ≤ 22: that integer and the power of ten are exact in an `f64`,
/// so one division rounds once, correctly — the same `f64` as Rust's (correctly rounded)
/// parse, without its general algorithm. `None` for anything else.
fn exact_decimal(written: &[u8], fraction: usize) -> Option<f64> {
    let (negative, digits) = match written.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, written),
    };
    if fraction >= EXACT_POWERS.len() || digits.len() > 17 {
        return None;
    }
    let mut mantissa: u64 = 0;
    for &b in digits {
        if b != b'.' {
            mantissa = mantissa * 10 + u64::from(b - b'0');
        }
    }
    if mantissa > 1 << 53 {
        return None;
    }
    let value = mantissa as f64 / EXACT_POWERS[fraction];
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(series: &str) -> String {
        format!("Dataset(\n    format: 2,\n    regions: [],\n    series: [{series}],\n)\n")
    }

    /// What `ron` makes of the same list: the reference the fast parser must equal.
    fn by_ron(text: &str) -> Vec<SeriesRecord> {
        #[derive(serde::Deserialize)]
        #[serde(rename = "Dataset")]
        struct Only {
            #[allow(dead_code)]
            format: u32,
            #[allow(dead_code)]
            regions: Vec<()>,
            series: Vec<SeriesRecord>,
        }
        let only: Only = ron::from_str(text).expect("ron reads it");
        only.series
    }

    #[test]
    fn reads_what_ron_reads_and_cuts_the_list_out() {
        for list in [
            r#"(region: "r1", indicator: "gdp", kind: Actual, source: "s", from: 2015, values: [Some(1.5), None, Some(2.25)])"#,
            "\n  ( from : -3 ,values:[ ],kind:Target,source:\"源\",\n indicator:\"i\", region:\"地区\", measure: GrowthPct, ),\n",
            r#"(region: "a", indicator: "b", kind: Estimate, source: "s", from: 1, values: [Some(-1.0e3), Some(2.5E-2), None,]),(region: "a", indicator: "b", kind: Estimate, source: "s", from: 9, values: [None])"#,
            "",
            " ",
        ] {
            let text = head(list);
            let split = split_series(&text).unwrap_or_else(|| panic!("fast path for {list:?}"));
            assert_eq!(split.entries, by_ron(&text), "{list:?}");
            assert_eq!(&text[split.contents.clone()], list);
            let rest =
                rest_of(&text, &mut [(split.contents.clone(), SERIES_MARKER)]).expect("one cut");
            assert!(
                rest.contains(&format!("series: [{SERIES_MARKER}],")),
                "{rest}"
            );
            assert!(is_series_marker(&by_ron(&rest)));
        }
    }

    #[test]
    fn exact_decimals_are_the_floats_rust_parses() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut written = vec![
            "0.0".to_owned(),
            "-0.0".to_owned(),
            "9007199254740992.0".to_owned(),
            "9007199254740993.0".to_owned(),
            "0.1".to_owned(),
            "123456.7890123456".to_owned(),
        ];
        for _ in 0..20_000 {
            let digits = 1 + (next() % 17) as usize;
            let point = 1 + (next() as usize % digits.max(2).saturating_sub(1)).min(digits);
            let number = next() % 10u64.pow(digits as u32);
            let text = format!("{number:0digits$}");
            let (int, frac) = text.split_at(point.min(text.len() - 1).max(1));
            let sign = if next() % 2 == 0 { "-" } else { "" };
            written.push(format!("{sign}{int}.{frac}"));
        }
        for text in &written {
            let fraction = text.len() - text.find('.').expect("a point") - 1;
            if let Some(fast) = exact_decimal(text.as_bytes(), fraction) {
                let parsed: f64 = text.parse().expect("a float");
                assert_eq!(fast.to_bits(), parsed.to_bits(), "{text}");
            }
        }
    }

    #[test]
    fn gives_up_on_anything_else() {
        for list in [
            // Forms ron reads that the fast path leaves to it.
            r#"(region: "r", indicator: "i", kind: Actual, source: "s", from: 1, values: [Some(1)])"#,
            r#"(region: "r", indicator: "i", kind: Actual, source: "s", from: 1, values: [Some(1_0.5)])"#,
            r#"(region: "r", indicator: "i", kind: Actual, source: "s", from: 0x10, values: [])"#,
            r#"(region: "r\u{41}", indicator: "i", kind: Actual, source: "s", from: 1, values: [])"#,
            r#"(region: "r", /* c */ indicator: "i", kind: Actual, source: "s", from: 1, values: [])"#,
            r#"SeriesRecord(region: "r", indicator: "i", kind: Actual, source: "s", from: 1, values: [])"#,
            // Errors: ron reports them, with their place.
            r#"(region: "r", indicator: "i", kind: Actual, source: "s", from: 1, values: [Some("x")])"#,
            r#"(region: "r", indicator: "i", kind: Actual, source: "s", values: [])"#,
            r#"(region: "r", region: "r", indicator: "i", kind: Actual, source: "s", from: 1, values: [])"#,
            r#"(region: "r", indicator: "i", kind: Actul, source: "s", from: 1, values: [])"#,
            r#"(region: "r", indicator: "i", kind: Actual, source: "s", from: 1, values: [], note: "x")"#,
            r#"(region: "r", indicator: "i", kind: Actual, source: "s", from: 99999999999, values: [])"#,
            r#"(region: "r", indicator: "i", kind: Actual, source: "s", from: 1, values: [Some(1.5) None])"#,
            r#"(region: "r", indicator: "i", kind: Actual, source: "s", from: 1, values: [Some(1.5)"#,
            "(region: \"r\nx\", indicator: \"i\", kind: Actual, source: \"s\", from: 1, values: [])",
            ",",
        ] {
            assert!(split_series(&head(list)).is_none(), "{list}");
        }
        assert!(split_series("Dataset(format: 2, regions: [])").is_none());
        assert!(split_series("Dataset(format: 2, series: 5)").is_none());
        // A `series` inside another list is no top-level field.
        assert!(split_series("Dataset(regions: [(series: [])])").is_none());
    }
}
