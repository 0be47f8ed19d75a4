//! Filling a dataset's observations and lookup index from file records, checking as it goes:
//! ids resolve, values are in range, no key repeats (across `observations` and `series`).
//!
//! A `series` entry (format 2's dense layout) is resolved once per series: its region,
//! indicator and source ids are looked up a single time and its values pushed directly, with
//! only the per-value checks (year, range, duplicate) left in the loop. No `String` is made
//! per value. Any value that fails a check goes through the same path as an observation
//! record, so the message is the one an observation-by-observation load gives.

use std::collections::HashMap;

use super::columns::ObservationColumns;
use super::fasthash::FastHash;
use super::records::{
    Bound, Indicator, IndicatorIdx, Measure, Observation, ObservationKind, ObservationRecord,
    RegionIdx, SeriesRecord, SourceIdx,
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

/// Consecutive years of one (region, indicator, kind): `slots[year - first]` is the index of
/// the observation of that year + 1, or 0 for none.
#[derive(Clone, Debug, Default)]
struct Run {
    first: i32,
    slots: Vec<u32>,
    filled: u32,
}

impl Run {
    fn slot(&self, year: i32) -> Option<usize> {
        let offset = usize::try_from(i64::from(year) - i64::from(self.first)).ok()?;
        (offset < self.slots.len()).then_some(offset)
    }
}

/// The whole-year levels by (region, indicator, year, kind), as runs of years: one hash entry
/// per (region, indicator, kind) and 4 bytes a year, instead of a hash entry (and a cache
/// miss) per value — on a national file (3,000 regions × 40 indicators × 30 years) 120,000
/// entries, not 3.6 M. A year that would leave its run mostly empty (a 1800 and a 2200 only)
/// is kept in a plain map beside, so no file makes the runs larger than a few times its values.
#[derive(Clone, Debug, Default)]
pub(crate) struct LevelIndex {
    /// Where each run is in `list`.
    runs: HashMap<RunKey, u32, FastHash>,
    list: Vec<Run>,
    /// The run the last insert went to: a series inserts its years one after another, so
    /// every year but the first skips the hash look-up.
    last: Option<(RunKey, u32)>,
    sparse: HashMap<Key, usize, FastHash>,
}

impl LevelIndex {
    fn with_capacity(runs: usize) -> Self {
        Self {
            runs: HashMap::with_capacity_and_hasher(runs, FastHash::default()),
            list: Vec::with_capacity(runs),
            last: None,
            sparse: HashMap::default(),
        }
    }

    /// The run of `key`, made empty if there is none.
    fn run_mut(&mut self, key: RunKey) -> &mut Run {
        let at = match self.last {
            Some((last, at)) if last == key => at,
            _ => {
                let next = u32::try_from(self.list.len()).unwrap_or(u32::MAX);
                let at = *self.runs.entry(key).or_insert(next);
                if at == next {
                    self.list.push(Run::default());
                }
                self.last = Some((key, at));
                at
            }
        };
        &mut self.list[at as usize]
    }

    /// The index of the observation with this key.
    pub fn get(&self, key: &Key) -> Option<usize> {
        let (region, indicator, year, kind) = *key;
        let run = self
            .runs
            .get(&(region, indicator, kind))
            .map(|&at| &self.list[at as usize]);
        let in_run = run.and_then(|run| {
            let slot = run.slots[run.slot(year)?];
            slot.checked_sub(1).map(|i| i as usize)
        });
        match in_run {
            Some(i) => Some(i),
            None if self.sparse.is_empty() => None,
            None => self.sparse.get(key).copied(),
        }
    }

    /// Records `index` for `key`, or returns the index already recorded for it.
    fn insert_new(&mut self, key: Key, index: usize) -> Result<(), usize> {
        if !self.sparse.is_empty()
            && let Some(&first) = self.sparse.get(&key)
        {
            return Err(first);
        }
        let (region, indicator, year, kind) = key;
        let Ok(stored) = u32::try_from(index + 1) else {
            // Past 4 G observations (no file of 1 GiB has them): the plain map.
            self.sparse.insert(key, index);
            return Ok(());
        };
        let run = self.run_mut((region, indicator, kind));
        if run.slots.is_empty() {
            run.first = year;
        }
        if let Some(slot) = run.slot(year) {
            return match run.slots[slot] {
                0 => {
                    run.slots[slot] = stored;
                    run.filled += 1;
                    Ok(())
                }
                first => Err(first as usize - 1),
            };
        }
        // Outside the run: extend it if it stays at least a quarter full, else the plain map.
        let (low, high) = if run.slots.is_empty() {
            (i64::from(year), i64::from(year))
        } else {
            let last = i64::from(run.first) + run.slots.len() as i64 - 1;
            (
                i64::from(year).min(i64::from(run.first)),
                i64::from(year).max(last),
            )
        };
        let len = high - low + 1;
        if len > 4 * (i64::from(run.filled) + 1) + 4 {
            self.sparse.insert(key, index);
            return Ok(());
        }
        let len = len as usize;
        if i64::from(run.first) > low && !run.slots.is_empty() {
            let shift = (i64::from(run.first) - low) as usize;
            run.slots.splice(0..0, std::iter::repeat_n(0, shift));
        }
        run.first = low as i32;
        run.slots.resize(len, 0);
        let slot = (i64::from(year) - low) as usize;
        run.slots[slot] = stored;
        run.filled += 1;
        Ok(())
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
}

impl Store {
    /// An empty store with room for `expected` observations.
    pub fn with_capacity(expected: usize, runs: usize) -> Self {
        Self {
            observations: ObservationColumns::with_capacity(expected),
            index: LevelIndex::with_capacity(runs),
            others: HashMap::default(),
            places: Places::default(),
        }
    }

    /// The kept observation with the same full key as `o`, if any.
    fn first_with_key(&self, o: &Observation) -> Option<usize> {
        let key = (o.region, o.indicator, o.year, o.kind);
        if o.is_whole_year_level() {
            self.index.get(&key)
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
        if o.is_whole_year_level() {
            // One look-up for the check and the insert.
            if let Err(first) = self.index.insert_new(key, self.observations.len()) {
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
        self.observations.push(o, note, quote);
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
            let value_bad = match series.measure {
                Measure::Level => validate::value_problem(value, checked).is_some(),
                Measure::GrowthPct => validate::growth_problem(value).is_some(),
            };
            if value_bad || validate::year_problem(year).is_some() {
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

    fn key(region: u32, year: i32) -> Key {
        (
            RegionIdx(region),
            IndicatorIdx(0),
            year,
            ObservationKind::Actual,
        )
    }

    #[test]
    fn runs_find_every_year_and_every_repeat_in_any_order() {
        let mut index = LevelIndex::default();
        // Descending, ascending, a far year (kept aside), then the gap between filled in.
        let years = [2010, 2009, 2011, 2200, 1800, 2005, 2006, 2007, 2008, 2012];
        for (i, &year) in years.iter().enumerate() {
            assert_eq!(index.insert_new(key(0, year), i), Ok(()), "{year}");
            assert_eq!(index.insert_new(key(1, year), 100 + i), Ok(()), "{year}");
        }
        for (i, &year) in years.iter().enumerate() {
            assert_eq!(index.get(&key(0, year)), Some(i), "{year}");
            assert_eq!(index.get(&key(1, year)), Some(100 + i), "{year}");
            assert_eq!(
                index.insert_new(key(0, year), 999),
                Err(i),
                "repeat of {year}"
            );
        }
        for year in [1799, 1801, 2004, 2013, 2199, 2201, i32::MIN, i32::MAX] {
            assert_eq!(index.get(&key(0, year)), None, "{year}");
        }
        assert!(!index.sparse.is_empty(), "1800 and 2200 are kept aside");
        let run = &index.list
            [index.runs[&(RegionIdx(0), IndicatorIdx(0), ObservationKind::Actual)] as usize];
        assert!(run.slots.len() <= 4 * (run.filled as usize + 1) + 4);
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

    #[test]
    fn far_apart_years_keep_the_runs_small() {
        let mut index = LevelIndex::default();
        for region in 0..1000 {
            index
                .insert_new(key(region, 1800), 2 * region as usize)
                .unwrap();
            index
                .insert_new(key(region, 2200), 2 * region as usize + 1)
                .unwrap();
        }
        let slots: usize = index.list.iter().map(|r| r.slots.len()).sum();
        assert_eq!(slots, 1000, "one slot a run; the other year is kept aside");
        assert_eq!(index.get(&key(7, 2200)), Some(15));
    }
}
