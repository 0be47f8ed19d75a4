//! The plain data a dataset is made of, as written in files (string ids) and as held
//! (interned indices): regions, indicators, sources, observations. No rules here: the checks
//! are in `validate`, the checked whole is `dataset::Dataset`.

use serde::{Deserialize, Serialize};

pub use super::qualifier::{Better, Bound, Measure};

/// Index of a region in [`Dataset::regions`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionIdx(pub u32);

/// Index of an indicator in [`Dataset::indicators`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndicatorIdx(pub u32);

/// Index of a source in [`Dataset::sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceIdx(pub u32);

/// A place the data describes: a district, a city, a development zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Stable ASCII id used in files (`"wansheng"`).
    pub id: String,
    /// Chinese name (`"万盛经开区"`).
    pub name: String,
    /// English name (`"Wansheng"`). Optional in files (format 2): a dataset fills an
    /// omitted one with [`Region::name`], and writes it back omitted.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
    /// The region this one is part of (format 2): `Some("chongqing")` for a district.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Free text, e.g. what the region includes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What is measured, in which unit, and which values are possible.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable ASCII id used in files (`"industrial_output"`).
    pub id: String,
    /// Chinese name (`"工业总产值"`).
    pub name: String,
    /// English name. Optional in files (format 2): a dataset fills an omitted one with
    /// [`Indicator::name`], and writes it back omitted.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
    /// Chinese unit (`"亿元"`).
    pub unit: String,
    /// English unit (`"100 million yuan"`). Optional in files (format 2): filled with
    /// [`Indicator::unit`] when omitted.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit_en: String,
    /// Polarity: whether higher or lower values are better.
    #[serde(default)]
    pub better: Better,
    /// Smallest allowed value, if any.
    #[serde(default)]
    pub min: Option<f64>,
    /// Largest allowed value, if any.
    #[serde(default)]
    pub max: Option<f64>,
}

/// Where figures come from: a published text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable ASCII id used by observations.
    pub id: String,
    /// Title of the published text.
    pub title: String,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Web address, if there is one.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub published: Option<String>,
}

/// Whether a figure is a measured value, a published target or an estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ObservationKind {
    /// A reported, measured value.
    Actual,
    /// A goal set in a plan ("到2025年达到500亿元").
    Target,
    /// A preliminary or estimated value.
    Estimate,
}

impl ObservationKind {
    /// All kinds, in display order.
    pub const ALL: [ObservationKind; 3] = [Self::Actual, Self::Target, Self::Estimate];
}

/// One observation as written in a file: ids are strings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservationRecord {
    /// Region id.
    pub region: String,
    /// Indicator id.
    pub indicator: String,
    /// Calendar year the value refers to.
    pub year: i32,
    /// Part of the year the figure covers (format 2): `Some((1, 11))` for 1—11月; `None`
    /// (the default) for the whole year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<(u8, u8)>,
    /// The figure, in the indicator's unit (or in % for [`Measure::GrowthPct`]).
    pub value: f64,
    /// Level (default) or growth on the previous year in % (format 2).
    #[serde(default, skip_serializing_if = "Measure::is_level")]
    pub measure: Measure,
    /// Exact (default) or a bound such as "> 300" (format 2).
    #[serde(default, skip_serializing_if = "Bound::is_exact")]
    pub bound: Bound,
    /// Actual, target or estimate.
    pub kind: ObservationKind,
    /// Source id.
    pub source: String,
    /// Remark, e.g. "首次突破300亿元: the first year above 300".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The words of the source the figure is taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// The full uniqueness key: (region, indicator, year, months, measure, kind).
pub type ObservationKey = (
    RegionIdx,
    IndicatorIdx,
    i32,
    Option<(u8, u8)>,
    Measure,
    ObservationKind,
);

/// An observation as a file gives it, its texts borrowed from the file's: what the loader's
/// byte parser reads, checked and stored without a `String` made (see
/// [`super::DatasetBuilder::add_observation_entry`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ObservationEntry<'a> {
    /// Region id.
    pub region: &'a str,
    /// Indicator id.
    pub indicator: &'a str,
    /// Calendar year.
    pub year: i32,
    /// Part of the year covered; `None` for the whole year.
    pub months: Option<(u8, u8)>,
    /// The figure.
    pub value: f64,
    /// Level or growth rate.
    pub measure: Measure,
    /// Exact or a bound.
    pub bound: Bound,
    /// Actual, target or estimate.
    pub kind: ObservationKind,
    /// Source id.
    pub source: &'a str,
    /// Remark.
    pub note: Option<&'a str>,
    /// The source's words.
    pub quote: Option<&'a str>,
}

impl ObservationEntry<'_> {
    /// The owned record of this entry.
    pub fn to_record(&self) -> ObservationRecord {
        ObservationRecord {
            region: self.region.to_owned(),
            indicator: self.indicator.to_owned(),
            year: self.year,
            months: self.months,
            value: self.value,
            measure: self.measure,
            bound: self.bound,
            kind: self.kind,
            source: self.source.to_owned(),
            note: self.note.map(str::to_owned),
            quote: self.quote.map(str::to_owned),
        }
    }
}

/// One observation inside a [`Dataset`]: ids are interned indices. A dataset stores its
/// observations by column ([`super::columns::ObservationColumns`]) and hands them out by
/// value; the note and quote are kept aside ([`super::Dataset::note`], [`super::Dataset::quote`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Observation {
    /// Region.
    pub region: RegionIdx,
    /// Indicator.
    pub indicator: IndicatorIdx,
    /// Calendar year.
    pub year: i32,
    /// Part of the year covered; `None` for the whole year.
    pub months: Option<(u8, u8)>,
    /// The figure, in the indicator's unit (or in % for [`Measure::GrowthPct`]).
    pub value: f64,
    /// Level or growth rate.
    pub measure: Measure,
    /// Exact or a bound.
    pub bound: Bound,
    /// Actual, target or estimate.
    pub kind: ObservationKind,
    /// Source.
    pub source: SourceIdx,
}

/// Everything a dataset file holds, with ids as strings: the input of [`Dataset::build`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DatasetParts {
    /// Chinese title.
    pub title: String,
    /// English title; empty means omitted (filled with `title` by [`super::Dataset::build`]).
    pub title_en: String,
    /// Free text about the dataset.
    pub notes: Option<String>,
    /// Regions, in display order.
    pub regions: Vec<Region>,
    /// Indicators, in display order.
    pub indicators: Vec<Indicator>,
    /// Sources.
    pub sources: Vec<Source>,
    /// Observations.
    pub observations: Vec<ObservationRecord>,
    /// Dense series (format 2), expanded into observations by [`super::Dataset::build`].
    pub series: Vec<SeriesRecord>,
}

/// One series in the dense layout of format 2: consecutive years of one (region, indicator,
/// kind, source), `None` for a missing year (never 0).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesRecord {
    /// Region id.
    pub region: String,
    /// Indicator id.
    pub indicator: String,
    /// Actual, target or estimate.
    pub kind: ObservationKind,
    /// Source id.
    pub source: String,
    /// Level (default) or growth on the previous year in %.
    #[serde(default, skip_serializing_if = "Measure::is_level")]
    pub measure: Measure,
    /// The year of the first value.
    pub from: i32,
    /// One value a year from `from` on; `None` = not published.
    pub values: Vec<Option<f64>>,
}

impl SeriesRecord {
    /// The observations the series stands for: one per `Some` value, whole-year, exact.
    /// A series too long for the calendar stops at `i32::MAX` (the loader refuses such years).
    pub fn into_records(self) -> impl Iterator<Item = ObservationRecord> {
        let Self {
            region,
            indicator,
            kind,
            source,
            measure,
            from,
            values,
        } = self;
        values
            .into_iter()
            .enumerate()
            .filter_map(move |(offset, value)| {
                let year = i32::try_from(offset)
                    .ok()
                    .and_then(|o| from.checked_add(o))?;
                Some(ObservationRecord {
                    region: region.clone(),
                    indicator: indicator.clone(),
                    year,
                    months: None,
                    value: value?,
                    measure,
                    bound: Bound::Exact,
                    kind,
                    source: source.clone(),
                    note: None,
                    quote: None,
                })
            })
    }
}

impl Observation {
    /// True for a whole-year level: what [`super::Dataset::get`] and every lookup by
    /// (region, indicator, year, kind) hold. Part-year figures and growth rates are kept
    /// apart (see [`super::Dataset::growth_pct`], [`super::Dataset::part_years`]).
    pub fn is_whole_year_level(&self) -> bool {
        self.months.is_none() && self.measure == Measure::Level
    }
}

impl ObservationRecord {
    /// True when the record uses a field of dataset format 2 (months, measure or bound).
    pub fn uses_format_2(&self) -> bool {
        self.months.is_some() || !self.measure.is_level() || !self.bound.is_exact()
    }
}

/// An observation's figure as the table shows it: [`super::qualifier::format_value`] of its value, bound and
/// measure, followed by its part of the year in brackets when it covers one — "> 300",
/// "≥ 10 %", "99.56 (1—11月)" / "99.56 (Jan–Nov)".
pub fn format_observation(obs: &Observation, lang: crate::lang::Lang) -> String {
    let value = super::qualifier::format_value(obs.value, obs.bound, obs.measure, lang);
    match obs.months {
        None => value,
        Some(_) => format!(
            "{value} ({})",
            super::qualifier::months_label(obs.months, lang)
        ),
    }
}
