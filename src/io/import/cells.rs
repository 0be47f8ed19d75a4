//! The neutral grid every table becomes (CSV and workbooks alike), cell addresses, and the
//! rules for reading one cell: numbers, missing markers, years, names with a unit.

use unicode_normalization::UnicodeNormalization;

use crate::model::Bound;

/// One cell as the file holds it, before any interpretation.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text (every CSV cell, and text cells of workbooks).
    Text(String),
    /// A number cell of a workbook.
    Number(f64),
    /// A formula error of a workbook (`#DIV/0!`).
    Error(String),
    /// A true/false cell.
    Bool(bool),
    /// A date or time cell, as the workbook shows it.
    Date(String),
}

/// A table: rows of cells, addressed from A1, with the sheet it came from.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    /// Sheet name; `None` for a CSV file.
    pub sheet: Option<String>,
    /// Rows from row 1, each from column A.
    pub rows: Vec<Vec<Cell>>,
    /// Merged cells of a workbook sheet (none for CSV).
    pub merged: Vec<Merge>,
}

/// A merged cell of a workbook sheet: its first and last (row, col), 0-based, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    /// Top-left (row, col), where the merged cell's value is.
    pub first: (usize, usize),
    /// Bottom-right (row, col).
    pub last: (usize, usize),
}

impl Merge {
    /// Whether (`row`, `col`) is inside.
    pub fn contains(&self, row: usize, col: usize) -> bool {
        (self.first.0..=self.last.0).contains(&row) && (self.first.1..=self.last.1).contains(&col)
    }

    /// `B1:C1`.
    pub fn label(&self) -> String {
        format!(
            "{}:{}",
            address(self.first.0, self.first.1),
            address(self.last.0, self.last.1)
        )
    }
}

impl Grid {
    /// The cell at (`row`, `col`), 0-based; outside the table is empty.
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    /// Number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The merged cell (of more than one cell) that (`row`, `col`) is part of, if any.
    pub fn merge_at(&self, row: usize, col: usize) -> Option<&Merge> {
        self.merged
            .iter()
            .find(|m| m.first != m.last && m.contains(row, col))
    }

    /// Whether every cell is empty (or blank text).
    pub fn is_blank(&self) -> bool {
        self.rows.iter().flatten().all(is_blank)
    }

    /// Whether row `row` holds nothing.
    pub fn row_is_blank(&self, row: usize) -> bool {
        self.rows.get(row).is_none_or(|r| r.iter().all(is_blank))
    }
}

/// Whether a cell holds nothing (empty, or only white space).
pub fn is_blank(cell: &Cell) -> bool {
    match cell {
        Cell::Empty => true,
        Cell::Text(t) => clean(t).is_empty(),
        _ => false,
    }
}

/// The A1-style address of (`row`, `col`), both 0-based: (6, 2) → `C7`.
pub fn address(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// Text NFC-normalised and trimmed of white space, full-width spaces included.
pub fn clean(text: &str) -> String {
    text.nfc()
        .collect::<String>()
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .to_owned()
}

/// The cell as display text (for names and messages).
pub fn text_of(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => clean(t),
        Cell::Number(n) => format_number(*n),
        Cell::Error(e) => e.clone(),
        Cell::Bool(b) => b.to_string(),
        Cell::Date(d) => d.clone(),
    }
}

/// A figure as short text: `1302`, `245.3`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// Full-width digits, signs and punctuation as their ASCII forms (`１２３．５` → `123.5`).
fn narrow(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '－' | '−' => '-',
            '＋' => '+',
            '％' => '%',
            _ => c,
        })
        .collect()
}

/// Texts that mean "no value" (never 0).
const MISSING: [&str; 12] = [
    "", "—", "——", "-", "--", "–", "…", "……", "...", "/", "／", "－",
];

/// Formula errors as spreadsheets print them; a CSV saved from Excel keeps them as text.
const FORMULA_ERRORS: [&str; 8] = [
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#GETTING_DATA",
];

/// Words before a figure that make it a bound ("＞300", "约300"): format 2's `bound`.
/// Longer words first, so "≥" is not read as ">" and "不超过" not as "超过".
const BOUND_PREFIXES: [(&str, Bound); 22] = [
    (">=", Bound::AtLeast),
    ("<=", Bound::AtMost),
    ("不低于", Bound::AtLeast),
    ("不少于", Bound::AtLeast),
    ("不超过", Bound::AtMost),
    ("不高于", Bound::AtMost),
    ("不足", Bound::LessThan),
    ("低于", Bound::LessThan),
    ("超过", Bound::MoreThan),
    ("突破", Bound::MoreThan),
    ("大约", Bound::About),
    ("约", Bound::About),
    ("近", Bound::About),
    ("逾", Bound::MoreThan),
    ("≥", Bound::AtLeast),
    ("≧", Bound::AtLeast),
    ("≤", Bound::AtMost),
    ("≦", Bound::AtMost),
    (">", Bound::MoreThan),
    ("＞", Bound::MoreThan),
    ("<", Bound::LessThan),
    ("＜", Bound::LessThan),
];
/// Words after a figure (and its unit) that make it a bound ("300以上", "300亿元左右").
const BOUND_SUFFIXES: [(&str, Bound); 6] = [
    ("以上", Bound::AtLeast),
    ("以下", Bound::AtMost),
    ("左右", Bound::About),
    ("多", Bound::MoreThan),
    ("余", Bound::MoreThan),
    ("+", Bound::MoreThan),
];
/// Words before a figure that make it a growth rate on the previous year, and their sign
/// ("增长8.7%" → 8.7, "下降2.1%" → −2.1): format 2's `measure: GrowthPct`.
const GROWTH_PREFIXES: [(&str, f64); 10] = [
    ("比上年增长", 1.0),
    ("比上年下降", -1.0),
    ("同比增长", 1.0),
    ("同比下降", -1.0),
    ("增长", 1.0),
    ("提高", 1.0),
    ("上升", 1.0),
    ("下降", -1.0),
    ("减少", -1.0),
    ("回落", -1.0),
];
/// Words that name a growth column in a header ("增长%", "比上年增长（%）", "增速").
const GROWTH_HEADINGS: [&str; 5] = ["增长", "增速", "增幅", "growth", "change"];

/// A readable number, with the unit written after it, if any (`"500亿元"` → 500, `亿元`),
/// and what the words around it say (`"约500亿元"`: about; `"增长8.7%"`: a growth rate).
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    /// The figure (negative for "下降2.1%").
    pub value: f64,
    /// Text after the figure (`"亿元"`), if the cell had one; never `%` of a growth rate.
    pub unit: Option<String>,
    /// Exact, or the side of a bound the words give.
    pub bound: Bound,
    /// Whether the cell words it as a growth rate on the previous year, in %.
    pub growth: bool,
}

impl Number {
    fn exact(value: f64) -> Self {
        Self {
            value,
            unit: None,
            bound: Bound::Exact,
            growth: false,
        }
    }
}

/// Reads a value cell: `Ok(None)` for a missing marker, the figure, or why it is not one.
pub fn parse_value(cell: &Cell) -> Result<Option<Number>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.is_finite() => Ok(Some(Number::exact(*n))),
        Cell::Number(n) => Err(format!("{n} is not a finite number")),
        Cell::Error(e) => Err(format!("\"{e}\" is a formula error, not a number")),
        Cell::Bool(b) => Err(format!("\"{b}\" is not a number")),
        Cell::Date(d) => Err(format!("\"{d}\" is a date, not a number")),
        Cell::Text(raw) => parse_text(&clean(raw)),
    }
}

/// Whether a header names a growth column ("增长%", "比上年增长（%）", "2022年增速").
pub fn is_growth_heading(text: &str) -> bool {
    let t = text.to_lowercase();
    GROWTH_HEADINGS.iter().any(|w| t.contains(w))
}

fn parse_text(text: &str) -> Result<Option<Number>, String> {
    if MISSING.contains(&text) {
        return Ok(None);
    }
    if FORMULA_ERRORS.contains(&text.to_uppercase().as_str()) {
        return Err(format!("\"{text}\" is a formula error, not a number"));
    }
    let narrowed = narrow(text);
    let mut rest = narrowed.trim();
    let mut sign = 1.0;
    let mut growth = false;
    if let Some((word, s)) = GROWTH_PREFIXES.iter().find(|(w, _)| rest.starts_with(w)) {
        rest = rest[word.len()..].trim_start();
        (sign, growth) = (*s, true);
    }
    let mut bound = Bound::Exact;
    if let Some((word, b)) = BOUND_PREFIXES.iter().find(|(w, _)| rest.starts_with(w)) {
        rest = rest[word.len()..].trim_start();
        bound = *b;
    }
    if let Some((word, b)) = BOUND_SUFFIXES.iter().find(|(w, _)| rest.ends_with(w)) {
        if bound != Bound::Exact {
            return Err(format!(
                "\"{text}\" gives two bounds (\"{}\" and \"{word}\"); write one",
                bound.symbol().trim()
            ));
        }
        rest = rest[..rest.len() - word.len()].trim_end();
        bound = *b;
    }
    let end = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | 'e' | 'E')))
        .map_or(rest.len(), |(i, _)| i);
    let (figure, after) = rest.split_at(end);
    let after = after.trim();
    let not_a_number = || format!("\"{text}\" is not a number");
    let value = parse_figure(figure).ok_or_else(not_a_number)?;
    let unit = if after.is_empty() {
        None
    } else if after
        .chars()
        .all(|c| !c.is_ascii_digit() && (c.is_alphabetic() || c == '%' || c == '/'))
        && !after.starts_with(['e', 'E'])
    {
        Some(after.to_owned())
    } else {
        return Err(not_a_number());
    };
    let unit = match (growth, unit) {
        (true, Some(u)) if u == "%" => None,
        (true, Some(u)) => {
            return Err(format!(
                "\"{text}\" is a growth rate in \"{u}\"; import reads growth rates in % (\"增长8.7%\")"
            ));
        }
        (_, unit) => unit,
    };
    Ok(Some(Number {
        value: sign * value,
        unit,
        bound,
        growth,
    }))
}

/// `1,234.5` → 1234.5; thousands separators must group by three.
fn parse_figure(figure: &str) -> Option<f64> {
    if !figure.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let plain = if figure.contains(',') {
        let (int, frac) = figure.split_once('.').unwrap_or((figure, ""));
        let int = int.trim_start_matches(['-', '+']);
        let mut groups = int.split(',');
        let first = groups.next()?;
        let ok =
            (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3) && !frac.contains(',');
        if !ok {
            return None;
        }
        figure.replace(',', "")
    } else {
        figure.to_owned()
    };
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Reads a year: `2021`, `2021年`, `2021.0` (a number cell); 1800–2200.
pub fn parse_year(cell: &Cell) -> Result<i32, String> {
    let in_range = |y: i64| (1800..=2200).contains(&y).then_some(y as i32);
    let found = match cell {
        Cell::Number(n) if n.fract() == 0.0 => in_range(*n as i64),
        Cell::Text(t) => {
            let t = narrow(&clean(t));
            let t = t.strip_suffix('年').unwrap_or(&t).trim();
            t.parse::<i64>().ok().and_then(in_range)
        }
        _ => None,
    };
    found.ok_or_else(|| format!("\"{}\" is not a year", text_of(cell)))
}

/// A wide header's period: a year, or a year and the months it covers
/// (`2023年1—11月` → 2023, (1, 11); `2023年11月` → 2023, (11, 11)).
pub fn parse_period(cell: &Cell) -> Result<(i32, Option<(u8, u8)>), String> {
    if let Ok(year) = parse_year(cell) {
        return Ok((year, None));
    }
    let not_a_year = || format!("\"{}\" is not a year", text_of(cell));
    let Cell::Text(t) = cell else {
        return Err(not_a_year());
    };
    let t = narrow(&clean(t));
    let (year, months) = t.split_once('年').ok_or_else(not_a_year)?;
    let year = parse_year(&Cell::Text(year.to_owned())).map_err(|_| not_a_year())?;
    let months = months.trim().strip_suffix('月').ok_or_else(not_a_year)?;
    let month = |m: &str| m.trim().parse::<u8>().ok().filter(|m| (1..=12).contains(m));
    let span = match months.split_once(['—', '-', '–', '~', '～']) {
        Some((a, b)) => month(a).zip(month(b.trim_start_matches(['—', '-']))),
        None => month(months).map(|m| (m, m)),
    };
    match span {
        Some((first, last)) if first <= last => Ok((year, Some((first, last)))),
        _ => Err(not_a_year()),
    }
}

/// The year at the start of a heading such as `2022年增长%`, if any.
pub fn leading_year(text: &str) -> Option<i32> {
    let t = narrow(&clean(text));
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    (digits.len() == 4)
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|y| (1800..=2200).contains(y))
}

/// Splits a unit written in brackets off a name: `工业总产值（亿元）` → (`工业总产值`, `亿元`).
pub fn split_unit(name: &str) -> (String, Option<String>) {
    let name = clean(name);
    for (open, close) in [('（', '）'), ('(', ')'), ('【', '】'), ('[', ']')] {
        if let Some(stripped) = name.strip_suffix(close)
            && let Some(at) = stripped.rfind(open)
        {
            let unit = clean(&stripped[at + open.len_utf8()..]);
            let base = clean(&stripped[..at]);
            if !unit.is_empty() && !base.is_empty() {
                return (base, Some(unit));
            }
        }
    }
    (name, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Result<Option<f64>, String> {
        parse_value(&Cell::Text(t.into())).map(|n| n.map(|n| n.value))
    }

    #[test]
    fn addresses_are_a1_style() {
        assert_eq!(address(0, 0), "A1");
        assert_eq!(address(6, 2), "C7");
        assert_eq!(address(0, 25), "Z1");
        assert_eq!(address(9, 26), "AA10");
    }

    #[test]
    fn missing_markers_are_missing_never_zero() {
        for m in ["", " ", "—", "-", "…", "/", "——"] {
            assert_eq!(text(m), Ok(None), "{m:?}");
        }
    }

    #[test]
    fn numbers_in_their_printed_forms() {
        assert_eq!(text("1,234.5"), Ok(Some(1234.5)));
        assert_eq!(text("１２３"), Ok(Some(123.0)));
        assert_eq!(text("-3.5"), Ok(Some(-3.5)));
        let n = parse_value(&Cell::Text("500亿元".into())).unwrap().unwrap();
        assert_eq!((n.value, n.unit.as_deref()), (500.0, Some("亿元")));
    }

    #[test]
    fn bad_numbers_are_refused() {
        assert_eq!(text("1,2O3"), Err("\"1,2O3\" is not a number".into()));
        assert!(text("1,23").is_err());
        assert!(text("inf").is_err());
        assert!(text("#DIV/0!").unwrap_err().contains("formula error"));
        assert_eq!(
            text("约300以上"),
            Err("\"约300以上\" gives two bounds (\"约\" and \"以上\"); write one".into())
        );
        assert!(text("增长8.7亿元").unwrap_err().contains("in %"));
    }

    fn read(t: &str) -> (f64, Option<String>, Bound, bool) {
        let n = parse_value(&Cell::Text(t.into())).unwrap().unwrap();
        (n.value, n.unit, n.bound, n.growth)
    }

    #[test]
    fn bounds_and_growth_rates_in_their_printed_forms() {
        assert_eq!(read("＞300"), (300.0, None, Bound::MoreThan, false));
        assert_eq!(read("300以上"), (300.0, None, Bound::AtLeast, false));
        assert_eq!(read("约300"), (300.0, None, Bound::About, false));
        assert_eq!(read("≥ 95"), (95.0, None, Bound::AtLeast, false));
        assert_eq!(read("不超过0.5"), (0.5, None, Bound::AtMost, false));
        assert_eq!(
            read("突破1,000亿元"),
            (1000.0, Some("亿元".into()), Bound::MoreThan, false)
        );
        assert_eq!(
            read("300亿元左右"),
            (300.0, Some("亿元".into()), Bound::About, false)
        );
        assert_eq!(read("增长8.7%"), (8.7, None, Bound::Exact, true));
        assert_eq!(read("下降2.1%"), (-2.1, None, Bound::Exact, true));
        assert_eq!(read("增长10%以上"), (10.0, None, Bound::AtLeast, true));
        assert_eq!(read("比上年增长６．５％"), (6.5, None, Bound::Exact, true));
        assert!(is_growth_heading("比上年增长（%）"));
        assert!(is_growth_heading("2022年增速"));
        assert!(!is_growth_heading("2022年"));
    }

    #[test]
    fn years_and_units() {
        assert_eq!(parse_year(&Cell::Text("2021年".into())), Ok(2021));
        assert_eq!(parse_year(&Cell::Number(2021.0)), Ok(2021));
        assert_eq!(
            parse_year(&Cell::Text("二〇二一".into())),
            Err("\"二〇二一\" is not a year".into())
        );
        assert_eq!(
            split_unit("工业总产值（亿元）"),
            ("工业总产值".into(), Some("亿元".into()))
        );
        assert_eq!(
            split_unit("GDP (亿元)"),
            ("GDP".into(), Some("亿元".into()))
        );
        assert_eq!(split_unit("人口"), ("人口".into(), None));
        let period = |t: &str| parse_period(&Cell::Text(t.into()));
        assert_eq!(period("2023年1—11月"), Ok((2023, Some((1, 11)))));
        assert_eq!(period("2023年1-11月"), Ok((2023, Some((1, 11)))));
        assert_eq!(period("2023年11月"), Ok((2023, Some((11, 11)))));
        assert_eq!(period("2023年"), Ok((2023, None)));
        assert_eq!(
            period("2023年13月"),
            Err("\"2023年13月\" is not a year".into())
        );
        assert_eq!(leading_year("2022年增长%"), Some(2022));
        assert_eq!(leading_year("增长%"), None);
    }
}
