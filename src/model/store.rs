//! Filling a dataset's observations and lookup index from file records, checking as it goes:
//! ids resolve, values are in range, no key repeats (across `observations` and `series`).
//!
//! A `series` entry (format 2's dense layout) is resolved once per series: its region,
//! indicator and source ids are looked up a single time and its values pushed directly, with
//! only the per-value checks (year, range, duplicate) left in the loop. No `String` is made
//! per value. Any value that fails a check goes through the same path as an observation
//! record, so the message is the one an observation-by-observation load gives. A borrowed
//! one-per-entry entry ([`Store::add_entry`]) is checked the same way, its ids resolved through
//! the previous entry's, and goes to the owned path only when something is wrong.
//!
//! The values go into [`ObservationColumns`] (runs of years, one `f64` a value) and the
//! [`LevelIndex`] finds a year through those runs, so nothing here costs more than a few
//! bytes a run.

use std::collections::HashMap;

use super::columns::{ObservationColumns, Pushed};
use super::fasthash::FastHash;
use super::records::{
    Bound, Indicator, IndicatorIdx, Measure, Observation, ObservationEntry, ObservationKind,
    ObservationRecord, RegionIdx, SeriesRecord, SourceIdx,
};
use super::validate::{self, Place, Problem};

/// Lookup key of one value: (region, indicator, year, kind).
pub(crate) type Key = (RegionIdx, IndicatorIdx, i32, ObservationKind);

/// The id maps and indicators observations are checked against.
pub(crate) struct Ids<'a> {
    /// Region ids.
    pub regions: &'a HashMap<String, RegionIdx>,
    /// Indicator ids.
    pub indicators: &'a HashMap<String, IndicatorIdx>,
    /// Source ids.
    pub sources: &'a HashMap<String, SourceIdx>,
    /// Indicators, for the range checks.
    pub indicator_list: &'a [Indicator],
}

/// Where a kept observation was written, in 8 bytes (a [`Place`] is 24): to name the first
/// of a duplicate pair.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PlaceCode {
    in_series: bool,
    position: u32,
}

impl PlaceCode {
    fn of(place: Place) -> Self {
        Self {
            in_series: place.list == "series",
            position: u32::try_from(place.position).unwrap_or(u32::MAX),
        }
    }

    fn place(self) -> Place {
        Place {
            list: if self.in_series {
                "series"
            } else {
                "observations"
            },
            position: self.position as usize,
        }
    }
}

/// Where each kept observation was written, one entry per stretch of them written one after
/// another: the values of one series share its place, observation records follow each other.
/// A load of 3.6 M values keeps one entry a series (or one in all), not 8 bytes a value.
#[derive(Default)]
struct Places {
    /// (index of the first kept observation of the stretch, its place).
    spans: Vec<(u32, PlaceCode)>,
}

impl Places {
    /// The place observation `index` would have if it continued the last stretch.
    fn continued(&self, index: u32) -> Option<PlaceCode> {
        let &(first, place) = self.spans.last()?;
        Some(if place.in_series {
            place
        } else {
            PlaceCode {
                in_series: false,
                position: place.position.saturating_add(index - first),
            }
        })
    }

    /// Records that kept observation `index` (the next) was written at `place`.
    fn push(&mut self, index: usize, place: Place) {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        let code = PlaceCode::of(place);
        if self.continued(index) != Some(code) {
            self.spans.push((index, code));
        }
    }

    /// Where kept observation `index` was written.
    fn get(&self, index: usize) -> Place {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        let at = self.spans.partition_point(|&(first, _)| first <= index);
        let (first, place) = self.spans[at.saturating_sub(1)];
        if place.in_series {
            place.place()
        } else {
            PlaceCode {
                in_series: false,
                position: place.position.saturating_add(index - first),
            }
            .place()
        }
    }
}

/// What a run of years is of: (region, indicator, kind).
type RunKey = (RegionIdx, IndicatorIdx, ObservationKind);

/// No run.
const NO_RUN: u32 = u32::MAX;

/// The whole-year levels by (region, indicator, year, kind), found through the runs of
/// [`ObservationColumns`] (which already say where each year's value is): one hash entry per
/// (region, indicator, kind) naming its latest run, and from each run the previous run of the
/// same key — nothing per value. A national file (3,000 regions × 40 indicators × 30 years) is
/// 120,000 entries and 4 bytes a run. Keys being unique, a key has at most one run a year, so
/// a look-up visits at most the 401 runs of the years 1800–2200 (one, for a file written
/// series by series).
#[derive(Clone, Debug, Default)]
pub(crate) struct LevelIndex {
    /// The latest run of each key.
    heads: HashMap<RunKey, u32, FastHash>,
    /// `previous[run]`: the run before `run` of the same key, or [`NO_RUN`] (also for runs of
    /// part-year figures and growth rates, which are not indexed here).
    previous: Vec<u32>,
    /// The key and head of the last run recorded: a series is one run, so every year but the
    /// first skips the hash look-up.
    last: Option<(RunKey, u32)>,
}

impl LevelIndex {
    fn with_capacity(runs: usize) -> Self {
        Self {
            heads: HashMap::with_capacity_and_hasher(runs, FastHash::default()),
            previous: Vec::with_capacity(runs),
            last: None,
        }
    }

    /// The latest run of `key`.
    fn head(&self, key: RunKey) -> Option<u32> {
        match self.last {
            Some((last, run)) if last == key => Some(run),
            _ => self.heads.get(&key).copied(),
        }
    }

    /// The index in `columns` of the whole-year level with this key.
    pub fn get(&self, key: &Key, columns: &ObservationColumns) -> Option<usize> {
        self.find(key, columns).map(|(_, index)| index)
    }

    /// The run and the index in `columns` of the whole-year level with this key.
    pub fn find(&self, key: &Key, columns: &ObservationColumns) -> Option<(u32, usize)> {
        let (region, indicator, year, kind) = *key;
        let mut run = self.head((region, indicator, kind))?;
        loop {
            if let Some(index) = columns.index_in_run(run, year) {
                return Some((run, index));
            }
            run = *self.previous.get(run as usize)?;
            if run == NO_RUN {
                return None;
            }
        }
    }

    /// Takes note of where `columns` put the last value (of `key`; a whole-year level when
    /// `level`): a new run becomes the key's head.
    fn record(&mut self, key: RunKey, pushed: Pushed, level: bool) {
        if !pushed.new_run {
            return;
        }
        let run = pushed.run as usize;
        if self.previous.len() <= run {
            self.previous.resize(run + 1, NO_RUN);
        }
        if level {
            self.previous[run] = self.heads.insert(key, pushed.run).unwrap_or(NO_RUN);
            self.last = Some((key, pushed.run));
        }
    }
}

/// The observations being checked and indexed.
pub(crate) struct Store {
    /// Kept observations, in file order (observations first, then series).
    pub observations: ObservationColumns,
    /// Whole-year levels by key.
    pub index: LevelIndex,
    /// Part-year figures and growth rates, by key.
    pub others: HashMap<Key, Vec<usize>, FastHash>,
    places: Places,
    last_ids: LastIds,
}

/// True when `value` fails the range check of its measure: the indicator's bounds for a
/// level, the growth rate's own for a growth rate (the check behind the message
/// `validate::resolve_observation` gives).
fn value_fails(value: f64, measure: Measure, indicator: &Indicator) -> bool {
    match measure {
        Measure::Level => validate::value_problem(value, indicator).is_some(),
        Measure::GrowthPct => validate::growth_problem(value).is_some(),
    }
}

/// The ids of the last entry [`Store::add_entry`] resolved: a file lists one region's
/// indicators one after another, from one source, so most entries skip the hash look-ups.
#[derive(Default)]
struct LastIds {
    region: Option<(String, RegionIdx)>,
    indicator: Option<(String, IndicatorIdx)>,
    source: Option<(String, SourceIdx)>,
}

/// `id`'s index: the last one's when `id` is the last id, else looked up in `ids` (and kept).
fn resolve_id<T: Copy>(
    last: &mut Option<(String, T)>,
    ids: &HashMap<String, T>,
    id: &str,
) -> Option<T> {
    if let Some((text, idx)) = last
        && text == id
    {
        return Some(*idx);
    }
    let idx = *ids.get(id)?;
    match last {
        Some((text, at)) => {
            id.clone_into(text);
            *at = idx;
        }
        None => *last = Some((id.to_owned(), idx)),
    }
    Some(idx)
}

impl Store {
    /// An empty store with room for `expected` observations.
    pub fn with_capacity(expected: usize, runs: usize) -> Self {
        Self {
            observations: ObservationColumns::with_capacity(expected),
            index: LevelIndex::with_capacity(runs),
            others: HashMap::default(),
            places: Places::default(),
            last_ids: LastIds::default(),
        }
    }

    /// The kept observation with the same full key as `o`, if any.
    fn first_with_key(&self, o: &Observation) -> Option<usize> {
        let key = (o.region, o.indicator, o.year, o.kind);
        if o.is_whole_year_level() {
            self.index.get(&key, &self.observations)
        } else {
            self.others.get(&key).and_then(|list| {
                list.iter().copied().find(|&i| {
                    self.observations
                        .get(i)
                        .is_some_and(|kept| kept.months == o.months && kept.measure == o.measure)
                })
            })
        }
    }

    /// Keeps `o` (written at `place`) with its note and quote, or returns where its key was
    /// first written.
    fn insert(
        &mut self,
        place: Place,
        o: Observation,
        note: Option<String>,
        quote: Option<String>,
    ) -> Result<(), Place> {
        let key = (o.region, o.indicator, o.year, o.kind);
        let level = o.is_whole_year_level();
        if level {
            if let Some(first) = self.index.get(&key, &self.observations) {
                return Err(self.places.get(first));
            }
        } else if let Some(first) = self.first_with_key(&o) {
            return Err(self.places.get(first));
        } else {
            self.others
                .entry(key)
                .or_default()
                .push(self.observations.len());
        }
        self.places.push(self.observations.len(), place);
        let pushed = self.observations.push(o, note, quote);
        self.index
            .record((o.region, o.indicator, o.kind), pushed, level);
        Ok(())
    }

    /// Checks one observation record and keeps it, or reports what is wrong with it.
    pub fn add_record(
        &mut self,
        place: Place,
        mut record: ObservationRecord,
        ids: &Ids<'_>,
        problems: &mut Vec<Problem>,
    ) {
        let resolved = validate::resolve_observation(
            place,
            &record,
            ids.regions,
            ids.indicators,
            ids.sources,
            ids.indicator_list,
            problems,
        );
        let Some((region, indicator, source)) = resolved else {
            return;
        };
        let o = Observation {
            region,
            indicator,
            year: record.year,
            months: record.months,
            value: record.value,
            measure: record.measure,
            bound: record.bound,
            kind: record.kind,
            source,
        };
        // Taken, not cloned: the duplicate message needs only the key.
        let (note, quote) = (record.note.take(), record.quote.take());
        if let Err(first) = self.insert(place, o, note, quote) {
            problems.push(validate::duplicate_observation(place, first, &record));
        }
    }

    /// [`Store::add_record`] of a borrowed entry whose ids are in NFC (ASCII): its ids
    /// resolved through [`LastIds`], its checks the record's; anything that fails goes to
    /// [`Store::add_record`] as an owned record, for the same message.
    pub fn add_entry(
        &mut self,
        place: Place,
        entry: &ObservationEntry<'_>,
        ids: &Ids<'_>,
        problems: &mut Vec<Problem>,
    ) {
        let last = &mut self.last_ids;
        let resolved = (
            resolve_id(&mut last.region, ids.regions, entry.region),
            resolve_id(&mut last.indicator, ids.indicators, entry.indicator),
            resolve_id(&mut last.source, ids.sources, entry.source),
        );
        let (Some(region), Some(indicator), Some(source)) = resolved else {
            return self.add_record(place, entry.to_record(), ids, problems);
        };
        let checked = &ids.indicator_list[indicator.0 as usize];
        // A bound on a growth rate may be refused (of a count): the general path says.
        let growth_bound = entry.measure == Measure::GrowthPct && entry.bound != Bound::Exact;
        if value_fails(entry.value, entry.measure, checked)
            || growth_bound
            || validate::year_problem(entry.year).is_some()
            || validate::months_problem(entry.months).is_some()
        {
            return self.add_record(place, entry.to_record(), ids, problems);
        }
        let o = Observation {
            region,
            indicator,
            year: entry.year,
            months: entry.months,
            value: entry.value,
            measure: entry.measure,
            bound: entry.bound,
            kind: entry.kind,
            source,
        };
        let (note, quote) = (
            entry.note.map(str::to_owned),
            entry.quote.map(str::to_owned),
        );
        if let Err(first) = self.insert(place, o, note, quote) {
            problems.push(validate::duplicate_observation(
                place,
                first,
                &entry.to_record(),
            ));
        }
    }

    /// Checks one series and keeps its values: the ids are resolved once, then each value
    /// is checked for its year and range and pushed. A value that fails a check is reported
    /// exactly as the observation record it stands for would be.
    pub fn add_series(
        &mut self,
        place: Place,
        series: SeriesRecord,
        ids: &Ids<'_>,
        problems: &mut Vec<Problem>,
    ) {
        let resolved = (
            ids.regions.get(&series.region).copied(),
            ids.indicators.get(&series.indicator).copied(),
            ids.sources.get(&series.source).copied(),
        );
        let (Some(region), Some(indicator), Some(source)) = resolved else {
            // An unknown id: the slow path reports it with the observation's message.
            for record in series.into_records() {
                self.add_record(place, record, ids, problems);
            }
            return;
        };
        let checked = &ids.indicator_list[indicator.0 as usize];
        for (offset, value) in series.values.iter().enumerate() {
            let Some(value) = *value else {
                continue; // None = not published: missing, never 0.
            };
            let Some(year) = i32::try_from(offset)
                .ok()
                .and_then(|o| series.from.checked_add(o))
            else {
                break; // As `into_records`: a series past i32::MAX stops there.
            };
            let record_of = || ObservationRecord {
                region: series.region.clone(),
                indicator: series.indicator.clone(),
                year,
                months: None,
                value,
                measure: series.measure,
                bound: Bound::Exact,
                kind: series.kind,
                source: series.source.clone(),
                note: None,
                quote: None,
            };
            if value_fails(value, series.measure, checked) || validate::year_problem(year).is_some()
            {
                self.add_record(place, record_of(), ids, problems);
                continue;
            }
            let o = Observation {
                region,
                indicator,
                year,
                months: None,
                value,
                measure: series.measure,
                bound: Bound::Exact,
                kind: series.kind,
                source,
            };
            if let Err(first) = self.insert(place, o, None, None) {
                problems.push(validate::duplicate_observation(place, first, &record_of()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::ProblemKind;

    fn observation(region: u32, year: i32, source: u32) -> Observation {
        Observation {
            region: RegionIdx(region),
            indicator: IndicatorIdx(0),
            year,
            months: None,
            value: f64::from(year),
            measure: Measure::Level,
            bound: Bound::Exact,
            kind: ObservationKind::Actual,
            source: SourceIdx(source),
        }
    }

    fn key(region: u32, year: i32) -> Key {
        (
            RegionIdx(region),
            IndicatorIdx(0),
            year,
            ObservationKind::Actual,
        )
    }

    /// A store's index and columns after `years` of regions 0 and 1 (region 1 from source 1).
    fn indexed(years: &[i32]) -> (LevelIndex, ObservationColumns) {
        let mut index = LevelIndex::default();
        let mut columns = ObservationColumns::default();
        for &year in years {
            for region in 0..2 {
                let o = observation(region, year, region);
                assert_eq!(index.get(&key(region, year), &columns), None, "{year}");
                let pushed = columns.push(o, None, None);
                index.record((o.region, o.indicator, o.kind), pushed, true);
            }
        }
        (index, columns)
    }

    #[test]
    fn runs_find_every_year_in_any_order() {
        // Descending, ascending, far years, then the gap between filled in.
        let years = [2010, 2009, 2011, 2200, 1800, 2005, 2006, 2007, 2008, 2012];
        let (index, columns) = indexed(&years);
        for (i, &year) in years.iter().enumerate() {
            for region in 0..2 {
                let found = index.get(&key(region, year), &columns);
                assert_eq!(found, Some(2 * i + region as usize), "{region} {year}");
            }
        }
        for year in [1799, 1801, 2004, 2013, 2199, 2201, i32::MIN, i32::MAX] {
            assert_eq!(index.get(&key(0, year), &columns), None, "{year}");
        }
    }

    #[test]
    fn a_series_is_one_run_and_one_entry() {
        let years: Vec<i32> = (1995..2025).collect();
        let mut index = LevelIndex::default();
        let mut columns = ObservationColumns::default();
        for region in 0..100 {
            for &year in &years {
                let o = observation(region, year, 0);
                let pushed = columns.push(o, None, None);
                index.record((o.region, o.indicator, o.kind), pushed, true);
            }
        }
        assert_eq!(columns.run_count(), 100);
        assert_eq!(index.heads.len(), 100);
        assert_eq!(index.get(&key(7, 2001), &columns), Some(7 * 30 + 6));
        assert_eq!(index.get(&key(7, 2025), &columns), None);
    }

    #[test]
    fn a_repeat_is_found_in_any_run_of_its_key() {
        let (index, columns) = indexed(&[2020, 2021, 2022, 2010, 2011]);
        for year in [2020, 2021, 2022, 2010, 2011] {
            assert!(index.get(&key(0, year), &columns).is_some(), "{year}");
        }
        assert_eq!(index.get(&key(0, 2012), &columns), None);
    }

    #[test]
    fn a_repeated_observation_names_the_first_place() {
        let regions = HashMap::from([("r".to_owned(), RegionIdx(0))]);
        let indicators = HashMap::from([("i".to_owned(), IndicatorIdx(0))]);
        let sources = HashMap::from([("s".to_owned(), SourceIdx(0))]);
        let indicator_list = [Indicator {
            id: "i".into(),
            name: "i".into(),
            name_en: "i".into(),
            unit: "u".into(),
            unit_en: "u".into(),
            min: None,
            max: None,
            better: Default::default(),
        }];
        let ids = Ids {
            regions: &regions,
            indicators: &indicators,
            sources: &sources,
            indicator_list: &indicator_list,
        };
        let record = |year| ObservationRecord {
            region: "r".into(),
            indicator: "i".into(),
            year,
            months: None,
            value: 1.0,
            measure: Measure::Level,
            bound: Bound::Exact,
            kind: ObservationKind::Actual,
            source: "s".into(),
            note: None,
            quote: None,
        };
        let mut store = Store::with_capacity(4, 1);
        let mut problems = Vec::new();
        for (position, year) in [2020, 2021, 2022, 2021].into_iter().enumerate() {
            store.add_record(
                Place::observation(position),
                record(year),
                &ids,
                &mut problems,
            );
        }
        assert_eq!(store.observations.len(), 3);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].position, 3);
        assert_eq!(problems[0].kind, ProblemKind::DuplicateObservation);
        assert!(
            problems[0].message.contains("first at observations[1]"),
            "{problems:?}"
        );
    }

    #[test]
    fn places_are_kept_a_stretch_at_a_time() {
        let mut places = Places::default();
        let series = |position| Place {
            list: "series",
            position,
        };
        // Observations 0, 1, 2, then 4 (3 was refused), then two series of three values.
        let written = [
            Place::observation(0),
            Place::observation(1),
            Place::observation(2),
            Place::observation(4),
            series(0),
            series(0),
            series(0),
            series(1),
            series(1),
            series(1),
        ];
        for (index, &place) in written.iter().enumerate() {
            places.push(index, place);
        }
        assert_eq!(places.spans.len(), 4);
        for (index, &place) in written.iter().enumerate() {
            assert_eq!(places.get(index), place, "kept observation {index}");
        }
    }
}
