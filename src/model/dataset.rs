//! [`Dataset`]: regions, indicators, sources and observations, with interned ids and an
//! index for lookup of a value by (region, indicator, year, kind) in O(1) for a file written
//! series by series (see `store::LevelIndex`). Observations are stored by column
//! ([`ObservationColumns`]) and handed out by value.
//!
//! The lookup by (region, indicator, year, kind) — [`Dataset::get`] and everything built on
//! it — means the **whole-year level**. Format 2's part-year figures (`months`) and published
//! growth rates (`measure: GrowthPct`) are in [`Dataset::observations`] too, but are looked up
//! apart: [`Dataset::growth_pct`], [`Dataset::part_years`], [`Dataset::get_exact`].

use std::collections::{BTreeSet, HashMap};

use super::columns::ObservationColumns;
use super::english::EnglishOmitted;
use super::fasthash::FastHash;
use super::hierarchy;
use super::store::{Ids, Key, LevelIndex, Store};
use super::validate::{self, Place, Problem};

pub use super::qualifier::{Bound, Measure};
pub use super::records::{
    Better, DatasetParts, Indicator, IndicatorIdx, Observation, ObservationEntry, ObservationKey,
    ObservationKind, ObservationRecord, Region, RegionIdx, SeriesRecord, Source, SourceIdx,
};

/// A checked dataset: every id resolves, no key repeats, every value is in range.
#[derive(Clone, Debug)]
pub struct Dataset {
    /// Chinese title.
    pub title: String,
    /// English title (the Chinese one when the file leaves it out).
    pub title_en: String,
    /// Free text about the dataset.
    pub notes: Option<String>,
    regions: Vec<Region>,
    parents: Vec<Option<RegionIdx>>,
    english_omitted: EnglishOmitted,
    indicators: Vec<Indicator>,
    sources: Vec<Source>,
    observations: ObservationColumns,
    region_ids: HashMap<String, RegionIdx>,
    indicator_ids: HashMap<String, IndicatorIdx>,
    source_ids: HashMap<String, SourceIdx>,
    index: LevelIndex,
    /// Part-year figures and growth rates, by (region, indicator, year, kind).
    others: HashMap<Key, Vec<usize>, FastHash>,
    /// True when the file gave values in the dense `series` layout (format 2): the writer
    /// keeps that layout.
    from_series: bool,
}

/// A dataset built one observation (or series) at a time, each checked as it comes, so a
/// loader never holds every file record at once: [`DatasetBuilder::new`] checks the regions,
/// indicators and sources; [`DatasetBuilder::add_observation`] and
/// [`DatasetBuilder::add_series`] check and keep each entry (all observations first, then
/// all series, each in file order); [`DatasetBuilder::finish`] gives the dataset, or every
/// problem found. [`Dataset::build`] is this over whole lists.
pub struct DatasetBuilder {
    parts: DatasetParts,
    english_omitted: EnglishOmitted,
    parents: Vec<Option<RegionIdx>>,
    region_ids: HashMap<String, RegionIdx>,
    indicator_ids: HashMap<String, IndicatorIdx>,
    source_ids: HashMap<String, SourceIdx>,
    store: Store,
    problems: Vec<Problem>,
    observations_seen: usize,
    series_seen: usize,
}

impl DatasetBuilder {
    /// Checks `parts` without its observations and series (those given here are added
    /// first, as if by [`DatasetBuilder::add_observation`] and
    /// [`DatasetBuilder::add_series`]); room for `expected` values in about `runs` runs of
    /// years.
    pub fn new(mut parts: DatasetParts, expected: usize, runs: usize) -> Self {
        let observations = std::mem::take(&mut parts.observations);
        let series = std::mem::take(&mut parts.series);
        let mut problems = Vec::new();
        normalise_parts(&mut parts);
        let english_omitted = EnglishOmitted::fill(&mut parts);
        validate::check_id_characters(
            "regions",
            parts.regions.iter().map(|r| r.id.as_str()),
            &mut problems,
        );
        validate::check_id_characters(
            "indicators",
            parts.indicators.iter().map(|i| i.id.as_str()),
            &mut problems,
        );
        let region_ids = validate::intern_ids(
            "regions",
            parts.regions.iter().map(|r| r.id.as_str()),
            RegionIdx,
            &mut problems,
        );
        let indicator_ids = validate::intern_ids(
            "indicators",
            parts.indicators.iter().map(|i| i.id.as_str()),
            IndicatorIdx,
            &mut problems,
        );
        let source_ids = validate::intern_ids(
            "sources",
            parts.sources.iter().map(|s| s.id.as_str()),
            SourceIdx,
            &mut problems,
        );
        validate::check_indicators(&parts.indicators, &mut problems);
        let parents = hierarchy::resolve_parents(&parts.regions, &region_ids, &mut problems);
        let mut builder = Self {
            parts,
            english_omitted,
            parents,
            region_ids,
            indicator_ids,
            source_ids,
            store: Store::with_capacity(expected, runs),
            problems,
            observations_seen: 0,
            series_seen: 0,
        };
        for record in observations {
            builder.add_observation(record);
        }
        for s in series {
            builder.add_series(s);
        }
        builder
    }

    /// The store, the ids and lists it checks against, and the problems found: borrowed
    /// apart, for one `Store::add_*` call.
    fn checking(&mut self) -> (&mut Store, Ids<'_>, &mut Vec<Problem>) {
        let ids = Ids {
            regions: &self.region_ids,
            indicators: &self.indicator_ids,
            sources: &self.source_ids,
            indicator_list: &self.parts.indicators,
        };
        (&mut self.store, ids, &mut self.problems)
    }

    /// Checks the next entry of the file's `observations` and keeps it.
    pub fn add_observation(&mut self, mut record: ObservationRecord) {
        nfc_in_place(&mut record.region);
        nfc_in_place(&mut record.indicator);
        nfc_in_place(&mut record.source);
        let place = Place::observation(self.observations_seen);
        self.observations_seen += 1;
        let (store, ids, problems) = self.checking();
        store.add_record(place, record, &ids, problems);
    }

    /// [`DatasetBuilder::add_observation`] of an entry whose texts are borrowed: no `String`
    /// is made unless it has a note or quote, or fails a check (then the owned record is
    /// checked again by the general path, for the same message).
    pub fn add_observation_entry(&mut self, entry: &ObservationEntry<'_>) {
        let normalised =
            entry.region.is_ascii() && entry.indicator.is_ascii() && entry.source.is_ascii();
        if !normalised {
            self.add_observation(entry.to_record());
            return;
        }
        let place = Place::observation(self.observations_seen);
        self.observations_seen += 1;
        let (store, ids, problems) = self.checking();
        store.add_entry(place, entry, &ids, problems);
    }

    /// Checks the next entry of the file's `series` and keeps its values.
    pub fn add_series(&mut self, mut series: SeriesRecord) {
        nfc_in_place(&mut series.region);
        nfc_in_place(&mut series.indicator);
        nfc_in_place(&mut series.source);
        let place = Place {
            list: "series",
            position: self.series_seen,
        };
        self.series_seen += 1;
        let (store, ids, problems) = self.checking();
        store.add_series(place, series, &ids, problems);
    }

    /// The dataset, or every problem found.
    pub fn finish(self) -> Result<Dataset, Vec<Problem>> {
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        let Store {
            mut observations,
            index,
            others,
            ..
        } = self.store;
        observations.shrink_to_fit();
        let parts = self.parts;
        Ok(Dataset {
            title: parts.title,
            title_en: parts.title_en,
            notes: parts.notes,
            regions: parts.regions,
            parents: self.parents,
            english_omitted: self.english_omitted,
            indicators: parts.indicators,
            sources: parts.sources,
            observations,
            region_ids: self.region_ids,
            indicator_ids: self.indicator_ids,
            source_ids: self.source_ids,
            index,
            others,
            from_series: self.series_seen > 0,
        })
    }
}

/// `text` in Unicode NFC, in place; ASCII and text already in NFC cost one scan.
pub fn nfc_in_place(text: &mut String) {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return;
    }
    *text = text.nfc().collect();
}

/// Every id, name, unit and title of `parts` in NFC.
fn normalise_parts(parts: &mut DatasetParts) {
    nfc_in_place(&mut parts.title);
    nfc_in_place(&mut parts.title_en);
    for r in &mut parts.regions {
        nfc_in_place(&mut r.id);
        nfc_in_place(&mut r.name);
        nfc_in_place(&mut r.name_en);
    }
    for i in &mut parts.indicators {
        for text in [
            &mut i.id,
            &mut i.name,
            &mut i.name_en,
            &mut i.unit,
            &mut i.unit_en,
        ] {
            nfc_in_place(text);
        }
    }
    for s in &mut parts.sources {
        nfc_in_place(&mut s.id);
        nfc_in_place(&mut s.title);
    }
    for r in &mut parts.regions {
        if let Some(parent) = &mut r.parent {
            nfc_in_place(parent);
        }
    }
}

/// Two datasets are equal when their files say the same: the same title, regions,
/// indicators and sources (in order, English left out alike) and the same observations in
/// any order (a file may give them as observations or as series, in another order).
impl PartialEq for Dataset {
    fn eq(&self, other: &Self) -> bool {
        fn sorted(d: &Dataset) -> Vec<(Observation, Option<&str>, Option<&str>)> {
            let mut list: Vec<_> = d
                .observations
                .iter()
                .map(|o| (o, d.note(&o), d.quote(&o)))
                .collect();
            list.sort_by_key(|(o, ..)| {
                (o.region, o.indicator, o.year, o.months, o.measure, o.kind)
            });
            list
        }
        let described = |d: &Self| {
            let mut parts = d.parts_without_observations();
            d.english_omitted.empty_again(&mut parts);
            parts
        };
        self.observations.len() == other.observations.len()
            && described(self) == described(other)
            && sorted(self) == sorted(other)
    }
}

impl Dataset {
    /// Checks `parts` and builds the dataset, or returns every problem found.
    ///
    /// Problems carry the list and position they were found at (`observations[12]`), so
    /// the loader can turn them into file locations.
    ///
    /// Ids and names are normalised to Unicode NFC first (so "café" typed two ways is one
    /// id, and a duplicate after normalisation is refused); region and indicator ids that the
    /// command line could not name (a `,`, white space or a control character) are refused.
    pub fn build(mut parts: DatasetParts) -> Result<Self, Vec<Problem>> {
        let observations = std::mem::take(&mut parts.observations);
        let series = std::mem::take(&mut parts.series);
        let expected = observations.len() + series.iter().map(|s| s.values.len()).sum::<usize>();
        // About one run of years per series, or per 16 observations (a guess; the map grows).
        let runs = series.len() + observations.len() / 16;
        let mut builder = DatasetBuilder::new(parts, expected, runs);
        for record in observations {
            builder.add_observation(record);
        }
        for s in series {
            builder.add_series(s);
        }
        builder.finish()
    }

    /// The dataset as plain parts with string ids, in file order; every English field filled
    /// (with the Chinese text where the file left it out) and `series` expanded into
    /// observations.
    pub fn to_parts(&self) -> DatasetParts {
        DatasetParts {
            observations: self
                .observations
                .iter()
                .map(|o| self.record_of(&o))
                .collect(),
            ..self.parts_without_observations()
        }
    }

    /// [`Dataset::to_parts`] without observations: title, regions, indicators, sources.
    fn parts_without_observations(&self) -> DatasetParts {
        DatasetParts {
            title: self.title.clone(),
            title_en: self.title_en.clone(),
            notes: self.notes.clone(),
            regions: self.regions.clone(),
            indicators: self.indicators.clone(),
            sources: self.sources.clone(),
            observations: Vec::new(),
            series: Vec::new(),
        }
    }

    /// As [`Dataset::to_parts`], with the English fields the file left out empty again (so a
    /// writer leaves them out): what a dataset file holds.
    pub fn to_file_parts(&self) -> DatasetParts {
        let mut parts = self.to_parts();
        self.english_omitted.empty_again(&mut parts);
        parts
    }

    /// True when writing the dataset needs format 2: it was read with `series`, a region
    /// has a parent, an English field was left out, or an observation has months, a
    /// measure or a bound.
    pub fn uses_format_2(&self) -> bool {
        self.from_series
            || self.parents.iter().any(Option::is_some)
            || self.english_omitted.any()
            || self.observations.iter().any(|o| {
                o.months.is_some() || o.measure != Measure::Level || o.bound != Bound::Exact
            })
    }

    /// The file form of one observation.
    pub fn record_of(&self, o: &Observation) -> ObservationRecord {
        ObservationRecord {
            region: self.region(o.region).id.clone(),
            indicator: self.indicator(o.indicator).id.clone(),
            year: o.year,
            months: o.months,
            value: o.value,
            measure: o.measure,
            bound: o.bound,
            kind: o.kind,
            source: self.source(o.source).id.clone(),
            note: self.note(o).map(str::to_owned),
            quote: self.quote(o).map(str::to_owned),
        }
    }

    /// The remark of `o`, if it has one.
    pub fn note(&self, o: &Observation) -> Option<&str> {
        self.observations.annotation(o)?.note.as_deref()
    }

    /// The words of the source `o` is taken from, if given.
    pub fn quote(&self, o: &Observation) -> Option<&str> {
        self.observations.annotation(o)?.quote.as_deref()
    }

    /// All regions, in display order.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// All indicators, in display order.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// All sources.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// All observations, in file order (stored by column: [`ObservationColumns::get`] and
    /// [`ObservationColumns::iter`] hand them out by value).
    pub fn observations(&self) -> &ObservationColumns {
        &self.observations
    }

    /// The region at `idx`.
    pub fn region(&self, idx: RegionIdx) -> &Region {
        &self.regions[idx.0 as usize]
    }

    /// The indicator at `idx`.
    pub fn indicator(&self, idx: IndicatorIdx) -> &Indicator {
        &self.indicators[idx.0 as usize]
    }

    /// The source at `idx`.
    pub fn source(&self, idx: SourceIdx) -> &Source {
        &self.sources[idx.0 as usize]
    }

    /// Indices of all regions, in display order.
    pub fn region_indices(&self) -> impl Iterator<Item = RegionIdx> + '_ {
        (0..self.regions.len() as u32).map(RegionIdx)
    }

    /// Indices of all indicators, in display order.
    pub fn indicator_indices(&self) -> impl Iterator<Item = IndicatorIdx> + '_ {
        (0..self.indicators.len() as u32).map(IndicatorIdx)
    }

    /// The region with this file id.
    pub fn region_by_id(&self, id: &str) -> Option<RegionIdx> {
        self.region_ids.get(id).copied()
    }

    /// The indicator with this file id.
    pub fn indicator_by_id(&self, id: &str) -> Option<IndicatorIdx> {
        self.indicator_ids.get(id).copied()
    }

    /// The source with this file id.
    pub fn source_by_id(&self, id: &str) -> Option<SourceIdx> {
        self.source_ids.get(id).copied()
    }

    /// The whole-year level for (region, indicator, year, kind), in O(1); part-year figures
    /// and growth rates are not returned here (see [`Dataset::get_exact`]).
    pub fn get(
        &self,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
        kind: ObservationKind,
    ) -> Option<Observation> {
        self.index
            .find(&(region, indicator, year, kind), &self.observations)
            .map(|(run, i)| self.observations.observation_in_run(run, i))
    }

    /// The observation with this full key (region, indicator, year, months, measure, kind).
    pub fn get_exact(&self, key: ObservationKey) -> Option<Observation> {
        let (region, indicator, year, months, measure, kind) = key;
        if months.is_none() && measure == Measure::Level {
            return self.get(region, indicator, year, kind);
        }
        self.others
            .get(&(region, indicator, year, kind))?
            .iter()
            .filter_map(|&i| self.observations.get(i))
            .find(|o| o.months == months && o.measure == measure)
    }

    /// The published whole-year growth rate (%, on the previous year) for (region,
    /// indicator, year, kind), in O(1).
    pub fn growth_pct(
        &self,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
        kind: ObservationKind,
    ) -> Option<Observation> {
        self.get_exact((region, indicator, year, None, Measure::GrowthPct, kind))
    }

    /// The part-year figures (`months: Some`) of (region, indicator, year, kind), levels and
    /// growth rates, ordered by (months, measure).
    pub fn part_years(
        &self,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
        kind: ObservationKind,
    ) -> Vec<Observation> {
        let mut found: Vec<Observation> = self
            .others
            .get(&(region, indicator, year, kind))
            .into_iter()
            .flatten()
            .filter_map(|&i| self.observations.get(i))
            .filter(|o| o.months.is_some())
            .collect();
        found.sort_by_key(|o| (o.months, o.measure));
        found
    }

    /// Every observation that is not a whole-year level (part-year figures and growth
    /// rates), in file order.
    pub fn non_level_observations(&self) -> impl Iterator<Item = Observation> + '_ {
        self.observations
            .iter()
            .filter(|o| !o.is_whole_year_level())
    }

    /// The whole-year levels, in file order: what the lookups by (region, indicator, year,
    /// kind) hold.
    pub fn levels(&self) -> impl Iterator<Item = Observation> + '_ {
        self.observations.iter().filter(|o| o.is_whole_year_level())
    }

    /// Every year that has a whole-year level of `indicator` (any region, any kind),
    /// ascending.
    pub fn years_of(&self, indicator: IndicatorIdx) -> Vec<i32> {
        let years: BTreeSet<i32> = self
            .levels()
            .filter(|o| o.indicator == indicator)
            .map(|o| o.year)
            .collect();
        years.into_iter().collect()
    }

    /// The latest year with an `Actual` whole-year level of `indicator` in any of `regions`.
    pub fn latest_actual_year(
        &self,
        indicator: IndicatorIdx,
        regions: &[RegionIdx],
    ) -> Option<i32> {
        self.levels()
            .filter(|o| {
                o.indicator == indicator
                    && o.kind == ObservationKind::Actual
                    && regions.contains(&o.region)
            })
            .map(|o| o.year)
            .max()
    }

    /// `lookup[region]` is true for each of `regions` (by index): a test in O(1) where
    /// `regions.contains` is O(regions) — 3,000 on a national file, for each of 3.6 M values.
    pub fn region_lookup(&self, regions: &[RegionIdx]) -> Vec<bool> {
        let mut lookup = vec![false; self.regions.len()];
        for r in regions {
            if let Some(slot) = lookup.get_mut(r.0 as usize) {
                *slot = true;
            }
        }
        lookup
    }

    /// The year in which most of `regions` have an `Actual` whole-year level of `indicator`; ties go to
    /// the later year. This is the default year of a bar chart: the most comparable one.
    pub fn best_covered_year(&self, indicator: IndicatorIdx, regions: &[RegionIdx]) -> Option<i32> {
        let mut counts: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
        let picked = self.region_lookup(regions);
        for o in self.levels() {
            if o.indicator == indicator
                && o.kind == ObservationKind::Actual
                && picked.get(o.region.0 as usize).copied().unwrap_or(false)
            {
                *counts.entry(o.year).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .max_by_key(|&(year, n)| (n, year))
            .map(|(year, _)| year)
    }
}

impl From<IndicatorIdx> for usize {
    fn from(idx: IndicatorIdx) -> usize {
        idx.0 as usize
    }
}

impl Region {
    /// The name in `lang`.
    pub fn display_name(&self, lang: crate::lang::Lang) -> &str {
        lang.pick(&self.name, &self.name_en)
    }
}

impl Indicator {
    /// The name in `lang`.
    pub fn display_name(&self, lang: crate::lang::Lang) -> &str {
        lang.pick(&self.name, &self.name_en)
    }

    /// The unit in `lang`.
    pub fn display_unit(&self, lang: crate::lang::Lang) -> &str {
        lang.pick(&self.unit, &self.unit_en)
    }
}

impl Dataset {
    /// The title in `lang`.
    pub fn display_title(&self, lang: crate::lang::Lang) -> &str {
        lang.pick(&self.title, &self.title_en)
    }
}

impl Dataset {
    /// The parent of `region`, if it has one (format 2 `parent`).
    pub fn parent_of(&self, region: RegionIdx) -> Option<RegionIdx> {
        self.parents.get(region.0 as usize).copied().flatten()
    }

    /// The regions whose parent is `region`, in display order.
    pub fn children_of(&self, region: RegionIdx) -> Vec<RegionIdx> {
        self.region_indices()
            .filter(|&r| self.parent_of(r) == Some(region))
            .collect()
    }

    /// The regions with the same parent as `region` (both without a parent counts as the
    /// same: the top level), `region` itself included, in display order.
    pub fn siblings_of(&self, region: RegionIdx) -> Vec<RegionIdx> {
        let parent = self.parent_of(region);
        self.region_indices()
            .filter(|&r| self.parent_of(r) == parent)
            .collect()
    }

    /// How many parents up `region` is from the top: 0 for a region without a parent.
    pub fn depth_of(&self, region: RegionIdx) -> usize {
        // The loader refuses cycles, so the chain ends; the bound is only a guard.
        std::iter::successors(self.parent_of(region), |&r| self.parent_of(r))
            .take(self.regions.len())
            .count()
    }

    /// True when `ancestor` is a parent of `region`, or a parent of its parent, and so on.
    pub fn is_ancestor(&self, ancestor: RegionIdx, region: RegionIdx) -> bool {
        std::iter::successors(self.parent_of(region), |&r| self.parent_of(r))
            .take(self.regions.len())
            .any(|r| r == ancestor)
    }

    /// True when no region has a parent (every format 1 dataset).
    pub fn is_flat(&self) -> bool {
        self.parents.iter().all(Option::is_none)
    }
}
