//! [`ObservationColumns`]: a dataset's observations stored by column, about 9 bytes a value.
//!
//! Observations that follow one another in file order and share everything but the year —
//! region, indicator, kind, source, measure, bound and months — in consecutive years make one
//! [`Run`]: the run holds what they share once, and each value is one `f64`. A national file
//! (3,000 regions × 40 indicators × 30 years, written region by region) is 120,000 runs and
//! 3.6 M `f64`s: 33 MB, where one 80-byte struct per observation was 288 MB. Notes and quotes
//! (a few in a thousand) are kept aside by key. File order is kept: observation `i` is the
//! `i`-th the file gave.

use std::collections::HashMap;

use super::fasthash::FastHash;
use super::qualifier::{Bound, Measure};
use super::records::{
    IndicatorIdx, Observation, ObservationKey, ObservationKind, RegionIdx, SourceIdx,
};

/// What the observations of one run share, and where its values start.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Run {
    /// Index of the run's first value in [`ObservationColumns::values`].
    start: u32,
    /// Year of the first value; value `k` of the run is of `year + k`.
    year: i32,
    region: RegionIdx,
    indicator: IndicatorIdx,
    source: SourceIdx,
    months: Option<(u8, u8)>,
    measure: Measure,
    bound: Bound,
    kind: ObservationKind,
}

impl Run {
    fn of(start: u32, o: &Observation) -> Self {
        Self {
            start,
            year: o.year,
            region: o.region,
            indicator: o.indicator,
            source: o.source,
            months: o.months,
            measure: o.measure,
            bound: o.bound,
            kind: o.kind,
        }
    }

    /// True when `o`, as the `len`-th value of this run, continues it.
    fn continues(&self, len: u32, o: &Observation) -> bool {
        i64::from(self.year) + i64::from(len) == i64::from(o.year)
            && self.region == o.region
            && self.indicator == o.indicator
            && self.source == o.source
            && self.kind == o.kind
            && self.measure == o.measure
            && self.bound == o.bound
            && self.months == o.months
    }

    fn observation(&self, offset: u32, value: f64) -> Observation {
        Observation {
            region: self.region,
            indicator: self.indicator,
            year: self.year.wrapping_add(offset as i32),
            months: self.months,
            value,
            measure: self.measure,
            bound: self.bound,
            kind: self.kind,
            source: self.source,
        }
    }
}

/// Where [`ObservationColumns::push`] put a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pushed {
    /// The run (0 for the first).
    pub run: u32,
    /// True when the value started that run.
    pub new_run: bool,
}

/// The note and quote of one observation: kept aside, as most have neither.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Annotation {
    /// Remark.
    pub note: Option<String>,
    /// The source's words.
    pub quote: Option<String>,
}

/// The full key notes and quotes are kept by (unique in a dataset).
fn annotation_key(o: &Observation) -> ObservationKey {
    (o.region, o.indicator, o.year, o.months, o.measure, o.kind)
}

/// A dataset's observations, in file order, stored as runs of values (see the module docs).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObservationColumns {
    runs: Vec<Run>,
    values: Vec<f64>,
    annotations: HashMap<ObservationKey, Annotation, FastHash>,
}

impl ObservationColumns {
    /// Empty, with room for `values` values.
    pub fn with_capacity(values: usize) -> Self {
        Self {
            runs: Vec::new(),
            values: Vec::with_capacity(values),
            annotations: HashMap::default(),
        }
    }

    /// Appends `o` with its note and quote (`None` for none), and says which run it went to
    /// and whether that run is new. The caller keeps keys unique.
    pub fn push(&mut self, o: Observation, note: Option<String>, quote: Option<String>) -> Pushed {
        let len = u32::try_from(self.values.len()).expect("fewer than 4 G observations");
        let continued = self
            .runs
            .last()
            .is_some_and(|run| run.continues(len - run.start, &o));
        if !continued {
            self.runs.push(Run::of(len, &o));
        }
        self.values.push(o.value);
        if note.is_some() || quote.is_some() {
            self.annotations
                .insert(annotation_key(&o), Annotation { note, quote });
        }
        Pushed {
            run: (self.runs.len() - 1) as u32,
            new_run: !continued,
        }
    }

    /// Observation `index`, which is in run `run` (from [`Self::index_in_run`]): no search.
    pub(crate) fn observation_in_run(&self, run: u32, index: usize) -> Observation {
        let head = &self.runs[run as usize];
        head.observation(index as u32 - head.start, self.values[index])
    }

    /// The index of the value of `year` in run `run`, if the run covers that year.
    pub(crate) fn index_in_run(&self, run: u32, year: i32) -> Option<usize> {
        let at = run as usize;
        let head = self.runs.get(at)?;
        let end = self
            .runs
            .get(at + 1)
            .map_or(self.values.len(), |next| next.start as usize);
        let offset = usize::try_from(i64::from(year) - i64::from(head.year)).ok()?;
        let index = head.start as usize + offset;
        (index < end).then_some(index)
    }

    /// Frees the room reserved and not used.
    pub fn shrink_to_fit(&mut self) {
        self.runs.shrink_to_fit();
        self.values.shrink_to_fit();
    }

    /// How many observations.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Where the values are in memory: tells one dataset's storage from another's (the
    /// window's caches key on it).
    pub fn as_ptr(&self) -> *const f64 {
        self.values.as_ptr()
    }

    /// How many runs the values are stored in (for the benchmarks and tests).
    pub fn run_count(&self) -> usize {
        self.runs.len()
    }

    /// Observation `index` (file order), or `None` past the end; O(log runs).
    pub fn get(&self, index: usize) -> Option<Observation> {
        let value = *self.values.get(index)?;
        let index = index as u32;
        let at = self.runs.partition_point(|run| run.start <= index) - 1;
        let run = &self.runs[at];
        Some(run.observation(index - run.start, value))
    }

    /// Every observation, in file order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            columns: self,
            run: 0,
            index: 0,
        }
    }

    /// The note and quote of `o`, when it has either.
    pub fn annotation(&self, o: &Observation) -> Option<&Annotation> {
        if self.annotations.is_empty() {
            return None;
        }
        self.annotations.get(&annotation_key(o))
    }

    /// Memory held, in bytes (values, runs and the annotation map's slots; not the text of
    /// notes).
    pub fn heap_bytes(&self) -> usize {
        self.values.capacity() * std::mem::size_of::<f64>()
            + self.runs.capacity() * std::mem::size_of::<Run>()
            + self.annotations.capacity()
                * (std::mem::size_of::<ObservationKey>() + std::mem::size_of::<Annotation>())
    }
}

impl<'a> IntoIterator for &'a ObservationColumns {
    type Item = Observation;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The observations of an [`ObservationColumns`], in file order.
#[derive(Clone)]
pub struct Iter<'a> {
    columns: &'a ObservationColumns,
    run: usize,
    index: usize,
}

impl Iterator for Iter<'_> {
    type Item = Observation;

    fn next(&mut self) -> Option<Observation> {
        let value = *self.columns.values.get(self.index)?;
        while self
            .columns
            .runs
            .get(self.run + 1)
            .is_some_and(|next| next.start as usize <= self.index)
        {
            self.run += 1;
        }
        let run = &self.columns.runs[self.run];
        let o = run.observation(self.index as u32 - run.start, value);
        self.index += 1;
        Some(o)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.columns.values.len() - self.index;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Iter<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(region: u32, year: i32, value: f64) -> Observation {
        Observation {
            region: RegionIdx(region),
            indicator: IndicatorIdx(0),
            year,
            months: None,
            value,
            measure: Measure::Level,
            bound: Bound::Exact,
            kind: ObservationKind::Actual,
            source: SourceIdx(0),
        }
    }

    #[test]
    fn runs_keep_file_order_and_every_field() {
        let given = vec![
            obs(0, 2020, 1.0),
            obs(0, 2021, 2.0),
            obs(0, 2022, 3.0),
            obs(0, 2024, 4.0), // a gap: a new run
            obs(1, 2025, 5.0), // another region
            obs(1, 2024, 6.0), // going back a year
            Observation {
                bound: Bound::MoreThan,
                ..obs(1, 2026, 7.0)
            },
            Observation {
                kind: ObservationKind::Target,
                ..obs(1, 2027, 8.0)
            },
            Observation {
                months: Some((1, 11)),
                ..obs(1, 2028, 9.0)
            },
        ];
        let mut columns = ObservationColumns::default();
        for o in &given {
            columns.push(*o, None, None);
        }
        assert_eq!(columns.len(), given.len());
        assert_eq!(columns.iter().collect::<Vec<_>>(), given);
        for (i, o) in given.iter().enumerate() {
            assert_eq!(columns.get(i).as_ref(), Some(o), "observation {i}");
        }
        assert_eq!(columns.get(given.len()), None);
        assert_eq!(columns.run_count(), 7, "2020–2022 share one run");
    }

    #[test]
    fn a_national_file_in_order_is_one_run_a_series() {
        let mut columns = ObservationColumns::default();
        for region in 0..100 {
            for year in 1995..2025 {
                columns.push(obs(region, year, f64::from(year)), None, None);
            }
        }
        assert_eq!(columns.run_count(), 100);
        assert_eq!(columns.len(), 3000);
        columns.shrink_to_fit();
        assert!(columns.heap_bytes() < 3000 * 8 + 100 * 40 + 1024);
    }

    #[test]
    fn notes_and_quotes_are_found_by_key() {
        let mut columns = ObservationColumns::default();
        columns.push(obs(0, 2020, 1.0), Some("初步".into()), None);
        columns.push(obs(0, 2021, 2.0), None, None);
        columns.push(obs(0, 2022, 3.0), None, Some("增长10%".into()));
        let note_of = |i| columns.annotation(&columns.get(i).unwrap()).cloned();
        assert_eq!(note_of(0).and_then(|a| a.note), Some("初步".into()));
        assert_eq!(note_of(1), None);
        assert_eq!(note_of(2).and_then(|a| a.quote), Some("增长10%".into()));
        assert_eq!(columns.run_count(), 1, "notes do not break a run");
    }
}
