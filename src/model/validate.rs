//! Checks on dataset contents: ids resolve and are unique, values are finite and in range.
//! Each problem says where it is (`observations[12].region`) so the loader can point at
//! the file's line and column.

use std::collections::HashMap;
use std::fmt;

use super::qualifier::{Bound, Measure};
use super::records::{Indicator, ObservationRecord};

/// What kind of problem was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// Two entries of one list share an id.
    DuplicateId,
    /// An id is empty.
    EmptyId,
    /// An observation names a region that is not defined.
    UnknownRegion,
    /// An observation names an indicator that is not defined.
    UnknownIndicator,
    /// An observation names a source that is not defined.
    UnknownSource,
    /// The same (region, indicator, year, kind) appears twice.
    DuplicateObservation,
    /// A value is outside the indicator's min/max.
    OutOfRange,
    /// A value is NaN or infinite.
    NotFinite,
    /// An indicator's min is above its max.
    BadBounds,
    /// A year outside [`YEAR_MIN`]`..=`[`YEAR_MAX`].
    YearOutOfRange,
    /// An id holds a character the command line uses as a separator (`,`), or white space.
    BadId,
    /// A region's `parent` names a region that is not defined.
    UnknownParent,
    /// A region is its own ancestor (`a` → `b` → `a`, or `a` → `a`).
    ParentCycle,
    /// `months` is not `(first, last)` with 1 ≤ first ≤ last ≤ 12.
    BadMonths,
    /// A growth rate of −100 % or less (the level would be zero or negative).
    BadGrowth,
    /// A bound on a growth rate of a count (`个`, `家`, `项`…): a count target is a number of
    /// items, written as a level.
    BoundOnCountGrowth,
}

/// The earliest year a dataset, a scenario, a saved view or a command-line flag may name.
pub const YEAR_MIN: i32 = 1800;
/// The latest year a dataset, a scenario, a saved view or a command-line flag may name.
/// With [`YEAR_MIN`], no chart spans more than 401 years, so nothing built per year of a
/// selection can grow without bound.
pub const YEAR_MAX: i32 = 2200;

/// Why `year` is refused, or `None` when it is within [`YEAR_MIN`]`..=`[`YEAR_MAX`].
pub fn year_problem(year: i32) -> Option<String> {
    (!(YEAR_MIN..=YEAR_MAX).contains(&year))
        .then(|| format!("year {year} is outside {YEAR_MIN}..={YEAR_MAX}"))
}

/// `(first, last)` cut to [`YEAR_MIN`]`..=`[`YEAR_MAX`] (an empty span stays empty): what
/// any loop over the years of an unchecked selection must iterate.
pub fn clamp_years(years: (i32, i32)) -> (i32, i32) {
    (years.0.max(YEAR_MIN), years.1.min(YEAR_MAX))
}

/// One problem and where it is: the list, the entry's position in it and the field.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// What is wrong.
    pub kind: ProblemKind,
    /// The list the entry is in (`"observations"`).
    pub list: &'static str,
    /// Position of the entry in the list, from 0.
    pub position: usize,
    /// The field at fault (`"region"`), if one.
    pub field: Option<&'static str>,
    /// A sentence for the user.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.list, self.position)?;
        if let Some(field) = self.field {
            write!(f, ".{field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Maps each id of a list to its index; reports empty and repeated ids.
pub(crate) fn intern_ids<'a, T>(
    list: &'static str,
    ids: impl Iterator<Item = &'a str>,
    make: impl Fn(u32) -> T,
    problems: &mut Vec<Problem>,
) -> HashMap<String, T> {
    let mut map = HashMap::new();
    for (position, id) in ids.enumerate() {
        if id.trim().is_empty() {
            problems.push(Problem {
                kind: ProblemKind::EmptyId,
                list,
                position,
                field: Some("id"),
                message: "the id is empty".into(),
            });
        } else if map.contains_key(id) {
            problems.push(Problem {
                kind: ProblemKind::DuplicateId,
                list,
                position,
                field: Some("id"),
                message: format!("id \"{id}\" is used twice in {list}"),
            });
        } else {
            map.insert(id.to_owned(), make(position as u32));
        }
    }
    map
}

/// Refuses ids the command line cannot name: `--regions a,b` splits at commas, and white
/// space or control characters do not survive a shell or a spreadsheet.
pub(crate) fn check_id_characters<'a>(
    list: &'static str,
    ids: impl Iterator<Item = &'a str>,
    problems: &mut Vec<Problem>,
) {
    for (position, id) in ids.enumerate() {
        if let Some(bad) = id
            .chars()
            .find(|c| *c == ',' || c.is_whitespace() || c.is_control())
        {
            problems.push(Problem {
                kind: ProblemKind::BadId,
                list,
                position,
                field: Some("id"),
                message: format!(
                    "id \"{}\" holds {bad:?}, which `--regions a,b` or a shell cannot pass; \
                     use letters, digits, `_` or `-`",
                    id.escape_debug()
                ),
            });
        }
    }
}

/// Checks each indicator's bounds: finite and min ≤ max.
pub(crate) fn check_indicators(indicators: &[Indicator], problems: &mut Vec<Problem>) {
    for (position, ind) in indicators.iter().enumerate() {
        for (field, bound) in [("min", ind.min), ("max", ind.max)] {
            if bound.is_some_and(|b| !b.is_finite()) {
                problems.push(Problem {
                    kind: ProblemKind::NotFinite,
                    list: "indicators",
                    position,
                    field: Some(field),
                    message: format!("indicator \"{}\": {field} must be a finite number", ind.id),
                });
            }
        }
        if let (Some(min), Some(max)) = (ind.min, ind.max)
            && min > max
        {
            problems.push(Problem {
                kind: ProblemKind::BadBounds,
                list: "indicators",
                position,
                field: Some("min"),
                message: format!("indicator \"{}\": min {min} is above max {max}", ind.id),
            });
        }
    }
}

/// Checks a value against an indicator's bounds; `None` when it is allowed.
pub fn value_problem(value: f64, indicator: &Indicator) -> Option<(ProblemKind, String)> {
    if !value.is_finite() {
        return Some((
            ProblemKind::NotFinite,
            format!("{value} is not a finite number"),
        ));
    }
    if let Some(min) = indicator.min
        && value < min
    {
        return Some((
            ProblemKind::OutOfRange,
            format!("{value} is below the minimum {min} of \"{}\"", indicator.id),
        ));
    }
    if let Some(max) = indicator.max
        && value > max
    {
        return Some((
            ProblemKind::OutOfRange,
            format!("{value} is above the maximum {max} of \"{}\"", indicator.id),
        ));
    }
    None
}

/// Where an observation was written: `observations[3]`, or `series[1]` (whose value is one
/// of its `values`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// `"observations"` or `"series"`.
    pub list: &'static str,
    /// Position in that list, from 0.
    pub position: usize,
}

impl Place {
    /// The entry `position` of the `observations` list.
    pub fn observation(position: usize) -> Self {
        Self {
            list: "observations",
            position,
        }
    }

    /// The field holding the value: `value`, or a series' `values`.
    fn value_field(self) -> &'static str {
        if self.list == "series" {
            "values"
        } else {
            "value"
        }
    }

    /// A problem at `field` of this entry.
    fn problem(self, kind: ProblemKind, field: &'static str, message: String) -> Problem {
        Problem {
            kind,
            list: self.list,
            position: self.position,
            field: Some(field),
            message,
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.list, self.position)
    }
}

/// Why `months` is refused, or `None` for the whole year and for 1 ≤ first ≤ last ≤ 12.
pub fn months_problem(months: Option<(u8, u8)>) -> Option<String> {
    let (first, last) = months?;
    (!(1 <= first && first <= last && last <= 12)).then(|| {
        format!(
            "months ({first}, {last}) is not a span of one year: write (first, last) with \
             1 ≤ first ≤ last ≤ 12, e.g. `months: Some((1, 11))` for 1—11月"
        )
    })
}

/// Units that count items (`个`, `家`, `项`…): a growth rate of such an indicator may be
/// published, but a bound on it is refused (see [`ProblemKind::BoundOnCountGrowth`]).
pub const COUNT_UNITS: [&str; 14] = [
    "个", "家", "项", "件", "所", "座", "户", "次", "名", "位", "处", "条", "台", "辆",
];

/// True when `indicator` counts items (its unit is one of [`COUNT_UNITS`]).
pub fn is_count(indicator: &Indicator) -> bool {
    COUNT_UNITS.contains(&indicator.unit.trim())
}

/// Checks a published growth rate: finite and above −100 %. The indicator's min/max are for
/// levels and do not apply (a growth rate can be negative).
pub fn growth_problem(value: f64) -> Option<(ProblemKind, String)> {
    if !value.is_finite() {
        return Some((
            ProblemKind::NotFinite,
            format!("{value} is not a finite number"),
        ));
    }
    (value <= -100.0).then(|| {
        (
            ProblemKind::BadGrowth,
            format!("a growth rate of {value} % is impossible (it must be above -100 %)"),
        )
    })
}

/// Resolves an observation's ids and checks its value; reports what fails.
pub(crate) fn resolve_observation<R: Copy, I: Copy + Into<usize>, S: Copy>(
    place: Place,
    record: &ObservationRecord,
    regions: &HashMap<String, R>,
    indicators: &HashMap<String, I>,
    sources: &HashMap<String, S>,
    indicator_list: &[Indicator],
    problems: &mut Vec<Problem>,
) -> Option<(R, I, S)> {
    let before = problems.len();
    let year_field = if place.list == "series" {
        "from"
    } else {
        "year"
    };
    if let Some(message) = year_problem(record.year) {
        problems.push(place.problem(ProblemKind::YearOutOfRange, year_field, message));
    }
    if let Some(message) = months_problem(record.months) {
        problems.push(place.problem(ProblemKind::BadMonths, "months", message));
    }
    let mut unknown = |kind, field: &'static str, what: &str, id: &str, known: Vec<&String>| {
        let mut known: Vec<&str> = known.into_iter().map(String::as_str).collect();
        known.sort_unstable();
        problems.push(place.problem(
            kind,
            field,
            format!("unknown {what} \"{id}\" (known: {})", known.join(", ")),
        ));
    };
    let region = regions.get(&record.region).copied();
    if region.is_none() {
        unknown(
            ProblemKind::UnknownRegion,
            "region",
            "region",
            &record.region,
            regions.keys().collect(),
        );
    }
    let indicator = indicators.get(&record.indicator).copied();
    if indicator.is_none() {
        unknown(
            ProblemKind::UnknownIndicator,
            "indicator",
            "indicator",
            &record.indicator,
            indicators.keys().collect(),
        );
    }
    let source = sources.get(&record.source).copied();
    if source.is_none() {
        unknown(
            ProblemKind::UnknownSource,
            "source",
            "source",
            &record.source,
            sources.keys().collect(),
        );
    }
    if let Some(ind) = indicator {
        let ind = &indicator_list[ind.into()];
        let checked = match record.measure {
            Measure::Level => value_problem(record.value, ind),
            Measure::GrowthPct => growth_problem(record.value),
        };
        if let Some((kind, message)) = checked {
            problems.push(place.problem(
                kind,
                place.value_field(),
                format!(
                    "{} {} {}: {message}",
                    record.region, record.indicator, record.year
                ),
            ));
        }
        if record.measure == Measure::GrowthPct && record.bound != Bound::Exact && is_count(ind) {
            problems.push(place.problem(
                ProblemKind::BoundOnCountGrowth,
                "bound",
                format!(
                    "{} {} {}: a bound on a growth rate of a count (\"{}\") is refused: a plan \
                     states a count as a number of items; write it as a level, e.g. \
                     `value: 120.0, bound: AtLeast` without `measure`",
                    record.region, record.indicator, record.year, ind.unit
                ),
            ));
        }
    }
    if problems.len() > before {
        return None;
    }
    Some((region?, indicator?, source?))
}

/// The problem for an observation whose key was already used at `first`.
pub(crate) fn duplicate_observation(
    place: Place,
    first: Place,
    record: &ObservationRecord,
) -> Problem {
    let mut key = format!("{}, {}, {}", record.region, record.indicator, record.year);
    if let Some((a, b)) = record.months {
        key.push_str(&format!(", months ({a}, {b})"));
    }
    if record.measure != Measure::Level {
        key.push_str(&format!(", {:?}", record.measure));
    }
    let (field, year_note) = if place.list == "series" {
        (Some("values"), format!(" (the value for {})", record.year))
    } else {
        (None, String::new())
    };
    Problem {
        kind: ProblemKind::DuplicateObservation,
        list: place.list,
        position: place.position,
        field,
        message: format!(
            "({key}, {:?}) appears twice{year_note} (first at {first})",
            record.kind
        ),
    }
}
