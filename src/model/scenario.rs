//! What-if scenarios: a [`Scenario`] holds only what the user changed (value edits, growth
//! assumptions, a saved view) and refers to its dataset by path. [`apply`] lays it over a
//! [`Dataset`] as an [`Applied`] overlay: the dataset itself is never copied or changed.
//!
//! Rules of [`apply`]:
//! - The *measured* value of (region, indicator, year) is the `Actual` observation, else the
//!   `Estimate`. Targets are never changed by a scenario.
//! - An [`Edit`] sets the measured value, or with `value: None` removes it.
//! - A [`GrowthRule`] fills the years `from + 1 ..= to` with
//!   `start × (1 + annual_pct / 100)^(year − from)`, where `start` is the effective measured
//!   value at `from` when the rule is applied (baseline, edits, and the projections of earlier
//!   rules, so rules can be chained). It never fills a year that has a baseline measured value
//!   unless `overwrite` is set, and never a year that is edited: edits win over growth. Where
//!   two rules fill the same year, the later rule in the list wins, and the overlap is
//!   reported ([`ScenarioProblemKind::OverlappingGrowth`], naming both rules).
//! - A bad entry (unknown id, value out of range, no starting value, …) is skipped and reported
//!   in [`Applied::problems`]; nothing panics and nothing lands on another cell.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::dataset::{Dataset, IndicatorIdx, Observation, ObservationKind, RegionIdx};
use super::fasthash::FastHash;
use super::qualifier::Bound;
use super::validate::{ProblemKind, value_problem, year_problem};
use super::view::{ChartKind, ViewMode};

/// The longest span of years one growth rule may fill; a longer one is refused as a typo.
pub const MAX_GROWTH_SPAN: i32 = 200;

/// A what-if scenario: changes to one dataset, saved in its own file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The scenario's name, shown in lists and chart titles (`"万盛 2025 冲刺"`).
    pub name: String,
    /// The dataset's path as written in the file: relative to the scenario file, or absolute.
    pub dataset: String,
    /// Free text about the scenario's assumptions.
    #[serde(default)]
    pub notes: String,
    /// Values set or removed, in the order the user made them.
    #[serde(default)]
    pub edits: Vec<Edit>,
    /// Growth assumptions; where two cover one year, the later one wins.
    #[serde(default)]
    pub growth: Vec<GrowthRule>,
    /// The chart the scenario was saved with, to reopen it exactly as it was.
    #[serde(default)]
    pub view: Option<SavedView>,
}

/// One changed value: sets (or removes) the measured value of a region's indicator in a year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    /// Region id.
    pub region: String,
    /// Indicator id.
    pub indicator: String,
    /// Calendar year.
    pub year: i32,
    /// The new value; `None` removes the baseline value.
    pub value: Option<f64>,
    /// Why the value was changed ("preliminary", "what-if").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The baseline measured value when the edit was made, so that reopening the scenario can
    /// tell that the dataset has changed since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub was: Option<f64>,
}

/// A growth assumption: a region's indicator grows by `annual_pct` % a year from `from` to `to`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrowthRule {
    /// Region id.
    pub region: String,
    /// Indicator id.
    pub indicator: String,
    /// The year whose value the growth starts from (not itself changed).
    pub from: i32,
    /// The last year filled.
    pub to: i32,
    /// Growth per year, in percent (`15.0` = +15 % a year; may be negative).
    pub annual_pct: f64,
    /// Also replace baseline measured values (never edits) in `from + 1 ..= to`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub overwrite: bool,
}

/// The chart a scenario was saved with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedView {
    /// Bar or line.
    pub chart: ChartKind,
    /// Indicator id.
    pub indicator: String,
    /// Region ids, in the order shown.
    pub regions: Vec<String>,
    /// First and last year shown; `None` lets the chart choose. Written as `(2018, 2025)`;
    /// `Some((2018, 2025))` and `None` are read too.
    #[serde(default, with = "year_span", skip_serializing_if = "Option::is_none")]
    pub years: Option<(i32, i32)>,
    /// How values are shown.
    #[serde(default)]
    pub mode: ViewMode,
    /// Logarithmic value axis.
    #[serde(default)]
    pub log_scale: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Serde for `years`: written as a bare pair, read as a pair, `Some(pair)` or `None`.
mod year_span {
    use std::fmt;

    use serde::de::{self, Deserializer, SeqAccess, Visitor};
    use serde::ser::Serializer;
    use serde::{Deserialize, Serialize};

    pub(super) fn serialize<S: Serializer>(
        value: &Option<(i32, i32)>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(pair) => pair.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<(i32, i32)>, D::Error> {
        deserializer.deserialize_any(SpanVisitor)
    }

    struct SpanVisitor;

    impl<'de> Visitor<'de> for SpanVisitor {
        type Value = Option<(i32, i32)>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a pair of years such as (2018, 2025), or None")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            <(i32, i32)>::deserialize(d).map(Some)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let first = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(0, &self))?;
            let last = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(1, &self))?;
            if seq.next_element::<de::IgnoredAny>()?.is_some() {
                return Err(de::Error::invalid_length(3, &self));
            }
            Ok(Some((first, last)))
        }
    }
}

impl Scenario {
    /// An empty scenario called `name` on the dataset at `dataset` (as written in the file).
    pub fn new(name: impl Into<String>, dataset: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            dataset: dataset.into(),
            ..Self::default()
        }
    }

    /// True when the scenario changes nothing (no edits, no growth rules).
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty() && self.growth.is_empty()
    }

    /// Position of the edit of (region, indicator, year), if there is one.
    pub fn edit_position(&self, region: &str, indicator: &str, year: i32) -> Option<usize> {
        self.edits
            .iter()
            .position(|e| e.is(region, indicator, year))
    }

    /// The edit of (region, indicator, year), if there is one.
    pub fn edit_for(&self, region: &str, indicator: &str, year: i32) -> Option<&Edit> {
        self.edits.iter().find(|e| e.is(region, indicator, year))
    }

    /// Adds `edit`, replacing (in place) an edit of the same region, indicator and year;
    /// returns the edit it replaced.
    pub fn set_edit(&mut self, edit: Edit) -> Option<Edit> {
        match self.edit_position(&edit.region, &edit.indicator, edit.year) {
            Some(i) => Some(std::mem::replace(&mut self.edits[i], edit)),
            None => {
                self.edits.push(edit);
                None
            }
        }
    }

    /// Removes the edit of (region, indicator, year) and returns it, so the cell shows its
    /// baseline value again.
    pub fn remove_edit(&mut self, region: &str, indicator: &str, year: i32) -> Option<Edit> {
        let i = self.edit_position(region, indicator, year)?;
        Some(self.edits.remove(i))
    }

    /// The growth rules of one region's indicator, with their positions in [`Self::growth`].
    pub fn growth_for<'a>(
        &'a self,
        region: &'a str,
        indicator: &'a str,
    ) -> impl Iterator<Item = (usize, &'a GrowthRule)> + 'a {
        self.growth
            .iter()
            .enumerate()
            .filter(move |(_, g)| g.region == region && g.indicator == indicator)
    }

    /// Removes the growth rule at `position` and returns it; `None` when there is none.
    pub fn remove_growth(&mut self, position: usize) -> Option<GrowthRule> {
        (position < self.growth.len()).then(|| self.growth.remove(position))
    }
}

impl Edit {
    /// An edit setting (or with `None` removing) a value, with no note and no recorded baseline.
    pub fn new(
        region: impl Into<String>,
        indicator: impl Into<String>,
        year: i32,
        value: Option<f64>,
    ) -> Self {
        Self {
            region: region.into(),
            indicator: indicator.into(),
            year,
            value,
            note: String::new(),
            was: None,
        }
    }

    /// An edit of a cell of `base`, recording the cell's current baseline value in `was`.
    pub fn recorded(
        base: &Dataset,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
        value: Option<f64>,
    ) -> Self {
        Self {
            was: baseline_value(base, region, indicator, year),
            ..Self::new(
                base.region(region).id.clone(),
                base.indicator(indicator).id.clone(),
                year,
                value,
            )
        }
    }

    /// The same edit with `note`.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = note.into();
        self
    }

    /// The same edit with the baseline value `was` recorded.
    pub fn with_was(mut self, was: Option<f64>) -> Self {
        self.was = was;
        self
    }

    /// True when this edit is of (region, indicator, year).
    pub fn is(&self, region: &str, indicator: &str, year: i32) -> bool {
        self.year == year && self.region == region && self.indicator == indicator
    }
}

impl GrowthRule {
    /// A rule that does not overwrite baseline values.
    pub fn new(
        region: impl Into<String>,
        indicator: impl Into<String>,
        from: i32,
        to: i32,
        annual_pct: f64,
    ) -> Self {
        Self {
            region: region.into(),
            indicator: indicator.into(),
            from,
            to,
            annual_pct,
            overwrite: false,
        }
    }

    /// The value this rule gives `year` when it starts from `start`.
    pub fn project(&self, start: f64, year: i32) -> f64 {
        start * (1.0 + self.annual_pct / 100.0).powi(year - self.from)
    }
}

/// The baseline measured value of a cell: the `Actual` observation, else the `Estimate`.
pub fn baseline_value(
    base: &Dataset,
    region: RegionIdx,
    indicator: IndicatorIdx,
    year: i32,
) -> Option<f64> {
    baseline_observation(base, region, indicator, year).map(|o| o.value)
}

/// The baseline measured observation of a cell (whole-year level): the `Actual`, else the
/// `Estimate`.
pub fn baseline_observation(
    base: &Dataset,
    region: RegionIdx,
    indicator: IndicatorIdx,
    year: i32,
) -> Option<Observation> {
    base.get(region, indicator, year, ObservationKind::Actual)
        .or_else(|| base.get(region, indicator, year, ObservationKind::Estimate))
}

/// Where an effective value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// The dataset's own `Actual` (else `Estimate`) value.
    Baseline,
    /// Set by an [`Edit`].
    Edited,
    /// Filled by a [`GrowthRule`].
    Projected,
}

/// A measured value as the scenario makes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Effective {
    /// The value, in the indicator's unit.
    pub value: f64,
    /// Where it comes from.
    pub origin: Origin,
    /// The edit's note (`None` when it has none, and for baseline and projected values).
    pub note: Option<String>,
    /// The baseline measured value of the cell, if it has one.
    pub baseline: Option<f64>,
    /// Position of the edit ([`Origin::Edited`]) or growth rule ([`Origin::Projected`]) that
    /// made the value; `None` for baseline values.
    pub entry: Option<usize>,
    /// Whether the value is exact or a bound. A baseline keeps its observation's bound
    /// ("> 300" stays "> 300"); an edit is always [`Bound::Exact`] — the user typed a number,
    /// so editing a cell whose baseline was "> 300" gives an exact value; a projection keeps
    /// the bound of the value it grows from (a positive factor keeps "> 300" a lower bound:
    /// "> 345" after 15 %).
    pub bound: Bound,
}

/// A cell the scenario changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// An edit removed the measured value.
    Removed {
        /// The baseline value that was removed.
        baseline: Option<f64>,
        /// The edit's note.
        note: Option<String>,
        /// Position of the edit in [`Scenario::edits`].
        entry: usize,
    },
    /// An edit or a growth rule set the value.
    Set(Effective),
}

impl Cell {
    /// The effective value, `None` when removed.
    pub fn value(&self) -> Option<f64> {
        match self {
            Cell::Removed { .. } => None,
            Cell::Set(e) => Some(e.value),
        }
    }

    /// The baseline value of the cell.
    pub fn baseline(&self) -> Option<f64> {
        match self {
            Cell::Removed { baseline, .. } => *baseline,
            Cell::Set(e) => e.baseline,
        }
    }

    /// True when an edit (rather than a growth rule) made this cell.
    pub fn is_edit(&self) -> bool {
        match self {
            Cell::Removed { .. } => true,
            Cell::Set(e) => e.origin == Origin::Edited,
        }
    }
}

/// Key of an overlay cell: (region, indicator, year).
pub type CellKey = (RegionIdx, IndicatorIdx, i32);

/// What kind of problem a scenario entry has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScenarioProblemKind {
    /// The region id is not in the dataset; the entry is skipped.
    UnknownRegion,
    /// The indicator id is not in the dataset; the entry is skipped.
    UnknownIndicator,
    /// A value is outside the indicator's min/max: an edit is skipped; a growth rule skips the
    /// years it would push out of range.
    OutOfRange,
    /// A value or growth rate is NaN or infinite; the entry is skipped.
    NotFinite,
    /// A second edit of the same cell; it is skipped (the first one applies).
    DuplicateEdit,
    /// An edit removes a value the dataset does not have; nothing to do.
    NothingToRemove,
    /// The cell's baseline value differs from the one recorded in the edit's `was`: the
    /// dataset changed since the edit was made. A warning: the edit is still applied.
    DatasetChanged,
    /// A growth rule has no value at `from` to start from; it is skipped.
    NoStartValue,
    /// A growth rule fills years an earlier rule of the same region and indicator fills too.
    /// A warning naming both: the later rule applies in those years.
    OverlappingGrowth,
    /// A growth rule's years are not `from < to` (or span more than [`MAX_GROWTH_SPAN`]);
    /// it is skipped. In a view: the first year is after the last. Anywhere: a year outside
    /// [`super::YEAR_MIN`]`..=`[`super::YEAR_MAX`].
    BadYears,
}

impl ScenarioProblemKind {
    /// True for problems after which the entry still applies ([`Self::DatasetChanged`],
    /// [`Self::OverlappingGrowth`]).
    pub fn is_warning(self) -> bool {
        matches!(self, Self::DatasetChanged | Self::OverlappingGrowth)
    }

    /// The dataset problem of the same meaning, where there is one.
    pub fn as_problem_kind(self) -> Option<ProblemKind> {
        match self {
            Self::UnknownRegion => Some(ProblemKind::UnknownRegion),
            Self::UnknownIndicator => Some(ProblemKind::UnknownIndicator),
            Self::OutOfRange => Some(ProblemKind::OutOfRange),
            Self::NotFinite => Some(ProblemKind::NotFinite),
            _ => None,
        }
    }
}

/// One problem of a scenario entry and where it is (`edits[3].value`).
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioProblem {
    /// What is wrong.
    pub kind: ScenarioProblemKind,
    /// The list the entry is in: `"edits"`, `"growth"` or `"view"`.
    pub list: &'static str,
    /// Position of the entry in the list, from 0 (0 for the view).
    pub position: usize,
    /// The field at fault (`"region"`), if one.
    pub field: Option<&'static str>,
    /// A sentence for the user.
    pub message: String,
    /// Another entry of the same list the problem is about (the first of two overlapping
    /// growth rules), so both places can be shown.
    pub related: Option<usize>,
}

impl fmt::Display for ScenarioProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.list == "view" {
            write!(f, "view")?;
        } else {
            write!(f, "{}[{}]", self.list, self.position)?;
        }
        if let Some(field) = self.field {
            write!(f, ".{field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A scenario laid over a dataset: only the cells it changes, plus the problems found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    cells: HashMap<CellKey, Cell, FastHash>,
    problems: Vec<ScenarioProblem>,
}

impl Applied {
    /// No scenario: every value is the baseline.
    pub fn none() -> Self {
        Self::default()
    }

    /// The effective measured value of a cell: the overlay's, else the baseline's; `None` when
    /// there is none or an edit removed it.
    pub fn measured(
        &self,
        base: &Dataset,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
    ) -> Option<Effective> {
        match self.cells.get(&(region, indicator, year)) {
            Some(Cell::Set(e)) => Some(e.clone()),
            Some(Cell::Removed { .. }) => None,
            None => baseline_observation(base, region, indicator, year).map(|o| Effective {
                value: o.value,
                origin: Origin::Baseline,
                note: None,
                baseline: Some(o.value),
                entry: None,
                bound: o.bound,
            }),
        }
    }

    /// Just the effective measured value of a cell (no allocation).
    pub fn value(
        &self,
        base: &Dataset,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
    ) -> Option<f64> {
        match self.cells.get(&(region, indicator, year)) {
            Some(cell) => cell.value(),
            None => baseline_value(base, region, indicator, year),
        }
    }

    /// The overlay cell of (region, indicator, year), if the scenario changes it.
    pub fn cell(&self, region: RegionIdx, indicator: IndicatorIdx, year: i32) -> Option<&Cell> {
        self.cells.get(&(region, indicator, year))
    }

    /// Every changed cell, in no particular order.
    pub fn changed(&self) -> impl Iterator<Item = (CellKey, &Cell)> + '_ {
        self.cells.iter().map(|(k, c)| (*k, c))
    }

    /// Every changed cell, by region, indicator and year.
    pub fn changed_sorted(&self) -> Vec<(CellKey, &Cell)> {
        let mut cells: Vec<_> = self.changed().collect();
        cells.sort_unstable_by_key(|(k, _)| *k);
        cells
    }

    /// The years of `indicator` the scenario changes in any region.
    pub fn years_changed(&self, indicator: IndicatorIdx) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .cells
            .keys()
            .filter(|k| k.1 == indicator)
            .map(|k| k.2)
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// How many cells the scenario changes.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// True when the scenario changes no cell (it may still have problems).
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The problems found while applying, edits first, each in list order.
    pub fn problems(&self) -> &[ScenarioProblem] {
        &self.problems
    }

    fn effective_value(&self, base: &Dataset, key: CellKey) -> Option<f64> {
        self.value(base, key.0, key.1, key.2)
    }
}

/// Lays `scenario` over `base`. Never panics; bad entries are skipped and reported in
/// [`Applied::problems`]. The cost is proportional to the scenario, not to the dataset.
pub fn apply(base: &Dataset, scenario: &Scenario) -> Applied {
    let mut out = Applied {
        cells: HashMap::with_capacity_and_hasher(
            scenario.edits.len() + 16 * scenario.growth.len(),
            FastHash::default(),
        ),
        problems: Vec::new(),
    };
    for (position, edit) in scenario.edits.iter().enumerate() {
        apply_edit(base, position, edit, &mut out);
    }
    let mut filled = Filled::default();
    for (position, rule) in scenario.growth.iter().enumerate() {
        apply_growth(base, position, rule, &mut filled, &mut out);
    }
    out
}

fn apply_edit(base: &Dataset, position: usize, edit: &Edit, out: &mut Applied) {
    let at = Entry {
        list: "edits",
        position,
    };
    if let Some(message) = year_problem(edit.year) {
        out.problems
            .push(at.problem(ScenarioProblemKind::BadYears, Some("year"), message));
        return;
    }
    let Some((region, indicator)) = resolve(base, at, &edit.region, &edit.indicator, out) else {
        return;
    };
    let key = (region, indicator, edit.year);
    let cell_name = || describe_cell(base, region, indicator, edit.year);
    if let Some(first) = out.cells.get(&key) {
        let first = match first {
            Cell::Removed { entry, .. } => *entry,
            Cell::Set(e) => e.entry.unwrap_or_default(),
        };
        out.problems.push(at.problem(
            ScenarioProblemKind::DuplicateEdit,
            None,
            format!(
                "{} is edited twice (first at edits[{first}]); this edit is ignored",
                cell_name()
            ),
        ));
        return;
    }
    if let Some(value) = edit.value
        && let Some((kind, message)) = value_problem(value, base.indicator(indicator))
    {
        out.problems.push(at.problem(
            range_kind(kind),
            Some("value"),
            format!("{}: {message}", cell_name()),
        ));
        return;
    }
    let baseline = baseline_value(base, region, indicator, edit.year);
    if edit.was.is_some() && !same_value(edit.was, baseline) {
        let now = baseline.map_or_else(|| "missing".to_owned(), |v| v.to_string());
        let was = edit
            .was
            .map_or_else(|| "missing".to_owned(), |v| v.to_string());
        out.problems.push(at.problem(
            ScenarioProblemKind::DatasetChanged,
            Some("was"),
            format!(
                "the dataset changed since the edit: {} was {was} when edited, is now {now}",
                cell_name()
            ),
        ));
    }
    let note = (!edit.note.is_empty()).then(|| edit.note.clone());
    let cell = match edit.value {
        Some(value) => Cell::Set(Effective {
            value,
            origin: Origin::Edited,
            note,
            baseline,
            entry: Some(position),
            bound: Bound::Exact,
        }),
        None if baseline.is_none() => {
            out.problems.push(at.problem(
                ScenarioProblemKind::NothingToRemove,
                Some("value"),
                format!("{} has no actual or estimated value to remove", cell_name()),
            ));
            return;
        }
        None => Cell::Removed {
            baseline,
            note,
            entry: position,
        },
    };
    out.cells.insert(key, cell);
}

/// The years each applied growth rule fills, by (region, indicator): `(from, to, position)`.
type Filled = HashMap<(RegionIdx, IndicatorIdx), Vec<(i32, i32, usize)>, FastHash>;

fn apply_growth(
    base: &Dataset,
    position: usize,
    rule: &GrowthRule,
    filled: &mut Filled,
    out: &mut Applied,
) {
    let at = Entry {
        list: "growth",
        position,
    };
    for (field, year) in [("from", rule.from), ("to", rule.to)] {
        if let Some(message) = year_problem(year) {
            out.problems
                .push(at.problem(ScenarioProblemKind::BadYears, Some(field), message));
            return;
        }
    }
    let Some((region, indicator)) = resolve(base, at, &rule.region, &rule.indicator, out) else {
        return;
    };
    if !rule.annual_pct.is_finite() {
        out.problems.push(at.problem(
            ScenarioProblemKind::NotFinite,
            Some("annual_pct"),
            format!("{} is not a finite growth rate", rule.annual_pct),
        ));
        return;
    }
    if rule.from >= rule.to {
        out.problems.push(at.problem(
            ScenarioProblemKind::BadYears,
            Some("to"),
            format!(
                "the growth must end after it starts: from {} to {}",
                rule.from, rule.to
            ),
        ));
        return;
    }
    if i64::from(rule.to) - i64::from(rule.from) > i64::from(MAX_GROWTH_SPAN) {
        out.problems.push(at.problem(
            ScenarioProblemKind::BadYears,
            Some("to"),
            format!(
                "from {} to {} is more than {MAX_GROWTH_SPAN} years",
                rule.from, rule.to
            ),
        ));
        return;
    }
    let series = filled.entry((region, indicator)).or_default();
    // Two rules filling one year: the later applies there (as it always did), and the overlap
    // is reported with both places, never silently.
    if let Some(&(from, to, first)) = series
        .iter()
        .find(|&&(from, to, _)| rule.from < to && from < rule.to)
    {
        out.problems.push(ScenarioProblem {
            related: Some(first),
            ..at.problem(
                ScenarioProblemKind::OverlappingGrowth,
                Some("from"),
                format!(
                    "{}: this rule ({} to {}) fills years that growth[{first}] ({from} to {to}) fills too; \
                     this later rule applies there: join them, or make one end where the other starts",
                    describe_cell(base, region, indicator, rule.from),
                    rule.from,
                    rule.to
                ),
            )
        });
    }
    series.push((rule.from, rule.to, position));
    let start_bound = out
        .measured(base, region, indicator, rule.from)
        .map_or(Bound::Exact, |e| e.bound);
    // (1 + p/100)^n is positive for p > -100: the bound keeps its direction.
    let bound = if rule.annual_pct > -100.0 {
        start_bound
    } else {
        Bound::Exact
    };
    let Some(start) = out.effective_value(base, (region, indicator, rule.from)) else {
        out.problems.push(at.problem(
            ScenarioProblemKind::NoStartValue,
            Some("from"),
            format!(
                "{} has no value to grow from (no actual, estimated, edited or projected value)",
                describe_cell(base, region, indicator, rule.from)
            ),
        ));
        return;
    };
    let ind = base.indicator(indicator);
    let mut out_of_range: Option<(i32, String)> = None;
    for year in rule.from + 1..=rule.to {
        let key = (region, indicator, year);
        let existing = out.cells.get(&key);
        if existing.is_some_and(Cell::is_edit) {
            continue;
        }
        let baseline = baseline_value(base, region, indicator, year);
        if baseline.is_some() && !rule.overwrite {
            continue;
        }
        let value = rule.project(start, year);
        if let Some((_, message)) = value_problem(value, ind) {
            out_of_range.get_or_insert((year, message));
            continue;
        }
        out.cells.insert(
            key,
            Cell::Set(Effective {
                value,
                origin: Origin::Projected,
                note: None,
                baseline,
                entry: Some(position),
                bound,
            }),
        );
    }
    if let Some((year, message)) = out_of_range {
        out.problems.push(at.problem(
            ScenarioProblemKind::OutOfRange,
            Some("annual_pct"),
            format!(
                "{}: the projected value {message}; years from {year} on that leave the range are not filled",
                describe_cell(base, region, indicator, year)
            ),
        ));
    }
}

/// Checks a saved view's ids and years against `base`.
pub fn view_problems(view: &SavedView, base: &Dataset) -> Vec<ScenarioProblem> {
    let at = Entry {
        list: "view",
        position: 0,
    };
    let mut problems = Vec::new();
    if base.indicator_by_id(&view.indicator).is_none() {
        problems.push(at.problem(
            ScenarioProblemKind::UnknownIndicator,
            Some("indicator"),
            unknown_message(
                "indicator",
                &view.indicator,
                base.indicators().iter().map(|i| i.id.as_str()),
            ),
        ));
    }
    for id in &view.regions {
        if base.region_by_id(id).is_none() {
            problems.push(at.problem(
                ScenarioProblemKind::UnknownRegion,
                Some("regions"),
                unknown_message("region", id, base.regions().iter().map(|r| r.id.as_str())),
            ));
        }
    }
    if let Some((first, last)) = view.years {
        if let Some(message) = year_problem(first).or_else(|| year_problem(last)) {
            problems.push(at.problem(ScenarioProblemKind::BadYears, Some("years"), message));
        } else if first > last {
            problems.push(at.problem(
                ScenarioProblemKind::BadYears,
                Some("years"),
                format!("the first year {first} is after the last year {last}"),
            ));
        }
    }
    problems
}

/// A list entry, to build its problems.
#[derive(Clone, Copy)]
struct Entry {
    list: &'static str,
    position: usize,
}

impl Entry {
    fn problem(
        self,
        kind: ScenarioProblemKind,
        field: Option<&'static str>,
        message: String,
    ) -> ScenarioProblem {
        ScenarioProblem {
            kind,
            list: self.list,
            position: self.position,
            field,
            message,
            related: None,
        }
    }
}

/// Resolves an entry's ids, reporting each unknown one.
fn resolve(
    base: &Dataset,
    at: Entry,
    region: &str,
    indicator: &str,
    out: &mut Applied,
) -> Option<(RegionIdx, IndicatorIdx)> {
    let r = base.region_by_id(region);
    if r.is_none() {
        out.problems.push(at.problem(
            ScenarioProblemKind::UnknownRegion,
            Some("region"),
            unknown_message(
                "region",
                region,
                base.regions().iter().map(|r| r.id.as_str()),
            ),
        ));
    }
    let i = base.indicator_by_id(indicator);
    if i.is_none() {
        out.problems.push(at.problem(
            ScenarioProblemKind::UnknownIndicator,
            Some("indicator"),
            unknown_message(
                "indicator",
                indicator,
                base.indicators().iter().map(|i| i.id.as_str()),
            ),
        ));
    }
    Some((r?, i?))
}

/// `unknown region "x" (known: a, b, …)`, listing at most a dozen ids.
fn unknown_message<'a>(what: &str, id: &str, known: impl Iterator<Item = &'a str>) -> String {
    const SHOWN: usize = 12;
    let mut known: Vec<&str> = known.collect();
    known.sort_unstable();
    let more = known.len().saturating_sub(SHOWN);
    known.truncate(SHOWN);
    let mut list = known.join(", ");
    if more > 0 {
        list.push_str(&format!(" and {more} more"));
    }
    format!("unknown {what} \"{id}\" in this dataset (known: {list})")
}

/// `万盛经开区 工业总产值 2023`.
fn describe_cell(base: &Dataset, region: RegionIdx, indicator: IndicatorIdx, year: i32) -> String {
    format!(
        "{} {} {year}",
        base.region(region).name,
        base.indicator(indicator).name
    )
}

fn range_kind(kind: ProblemKind) -> ScenarioProblemKind {
    match kind {
        ProblemKind::NotFinite => ScenarioProblemKind::NotFinite,
        _ => ScenarioProblemKind::OutOfRange,
    }
}

/// Equal values, or both missing. Values come from files written with round-trip precision,
/// so an unchanged baseline compares exactly equal.
fn same_value(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()),
        (None, None) => true,
        _ => false,
    }
}
