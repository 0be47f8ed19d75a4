//! Filling a dataset's observations and lookup index from file records, checking as it goes:
//! ids resolve, values are in range, no key repeats (across `observations` and `series`).
//!
//! A `series` entry (format 2's dense layout) is resolved once per series: its region,
//! indicator and source ids are looked up a single time and its values pushed directly, with
//! only the per-value checks (year, range, duplicate) left in the loop. No `String` is made
//! per value. Any value that fails a check goes through the same path as an observation
//! record, so the message is the one an observation-by-observation load gives.

use std::collections::HashMap;

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
#[derive(Clone, Copy)]
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

/// The observations being checked and indexed.
pub(crate) struct Store {
    /// Kept observations, in file order (observations first, then series).
    pub observations: Vec<Observation>,
    /// Whole-year levels by key.
    pub index: HashMap<Key, usize, FastHash>,
    /// Part-year figures and growth rates, by key.
    pub others: HashMap<Key, Vec<usize>, FastHash>,
    places: Vec<PlaceCode>,
}

impl Store {
    /// An empty store with room for `expected` observations.
    pub fn with_capacity(expected: usize) -> Self {
        Self {
            observations: Vec::with_capacity(expected),
            index: HashMap::with_capacity_and_hasher(expected, FastHash::default()),
            others: HashMap::default(),
            places: Vec::with_capacity(expected),
        }
    }

    /// The kept observation with the same full key as `o`, if any.
    fn first_with_key(&self, o: &Observation) -> Option<usize> {
        let key = (o.region, o.indicator, o.year, o.kind);
        if o.is_whole_year_level() {
            self.index.get(&key).copied()
        } else {
            self.others.get(&key).and_then(|list| {
                list.iter().copied().find(|&i| {
                    let kept = &self.observations[i];
                    kept.months == o.months && kept.measure == o.measure
                })
            })
        }
    }

    /// Keeps `o` (written at `place`), or returns where its key was first written.
    fn insert(&mut self, place: Place, o: Observation) -> Result<(), Place> {
        if let Some(first) = self.first_with_key(&o) {
            return Err(self.places[first].place());
        }
        let key = (o.region, o.indicator, o.year, o.kind);
        if o.is_whole_year_level() {
            self.index.insert(key, self.observations.len());
        } else {
            self.others
                .entry(key)
                .or_default()
                .push(self.observations.len());
        }
        self.places.push(PlaceCode::of(place));
        self.observations.push(o);
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
            // Taken, not cloned: the duplicate message needs only the key.
            note: record.note.take(),
            quote: record.quote.take(),
        };
        if let Err(first) = self.insert(place, o) {
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
                note: None,
                quote: None,
            };
            if let Err(first) = self.insert(place, o) {
                problems.push(validate::duplicate_observation(place, first, &record_of()));
            }
        }
    }
}
