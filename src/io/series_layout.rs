//! Choosing, when a dataset is written, which values go into format 2's dense `series`
//! layout and which stay one observation per entry.
//!
//! A series holds whole-year, exact figures without note or quote of one (region,
//! indicator, kind, source, measure). Those figures are grouped, sorted by year and cut into
//! runs where at most [`MAX_FILLED_GAP`] years in a row are missing (written `None`); a run of
//! two or more values is written as a series, which is then shorter than its observations (an
//! entry's ids and field names are written once instead of once a value; a `None` costs 6
//! bytes, an observation line about 70 plus its ids). A lone value, and every figure with
//! months, a bound, a note or a quote, stays an observation.

use std::collections::HashMap;

use crate::model::{Bound, Measure, ObservationKind, ObservationRecord, SeriesRecord};

/// The most missing years in a row a series bridges with `None`; a longer gap starts a
/// new series.
pub const MAX_FILLED_GAP: i32 = 4;

/// What a series is of.
type SeriesKey<'a> = (&'a str, &'a str, ObservationKind, &'a str, Measure);

/// True for a figure the series layout can hold.
fn fits_a_series(o: &ObservationRecord) -> bool {
    o.months.is_none() && o.bound == Bound::Exact && o.note.is_none() && o.quote.is_none()
}

/// Splits `records` into those written one per entry (in their order) and series (in the
/// order of their first value in `records`), by the rule of the module doc. Together they
/// hold exactly the values of `records`.
pub fn split_into_series(
    records: Vec<ObservationRecord>,
) -> (Vec<ObservationRecord>, Vec<SeriesRecord>) {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<SeriesKey<'_>, usize> = HashMap::new();
    for (i, o) in records.iter().enumerate() {
        if !fits_a_series(o) {
            continue;
        }
        let key = (
            o.region.as_str(),
            o.indicator.as_str(),
            o.kind,
            o.source.as_str(),
            o.measure,
        );
        let g = *group_of.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    drop(group_of);
    // Runs of record indices, each becoming a series.
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for mut group in groups {
        group.sort_by_key(|&i| records[i].year);
        let mut run: Vec<usize> = Vec::new();
        for i in group {
            let continues = run.last().is_none_or(|&last| {
                // Years are unique within a group (the dataset's key); i64 cannot overflow.
                i64::from(records[i].year) - i64::from(records[last].year) - 1
                    <= i64::from(MAX_FILLED_GAP)
            });
            if !continues {
                runs.push(std::mem::take(&mut run));
            }
            run.push(i);
        }
        runs.push(run);
    }
    runs.retain(|run| run.len() >= 2);
    runs.sort_by_key(|run| run.iter().copied().min());
    let mut in_series = vec![false; records.len()];
    for &i in runs.iter().flatten() {
        in_series[i] = true;
    }
    let series = runs
        .iter()
        .map(|run| {
            let first = &records[run[0]];
            let from = first.year;
            let last = records[run[run.len() - 1]].year;
            let mut values = vec![None; (i64::from(last) - i64::from(from) + 1) as usize];
            for &i in run {
                values[(i64::from(records[i].year) - i64::from(from)) as usize] =
                    Some(records[i].value);
            }
            SeriesRecord {
                region: first.region.clone(),
                indicator: first.indicator.clone(),
                kind: first.kind,
                source: first.source.clone(),
                measure: first.measure,
                from,
                values,
            }
        })
        .collect();
    let observations = records
        .into_iter()
        .zip(in_series)
        .filter_map(|(o, taken)| (!taken).then_some(o))
        .collect();
    (observations, series)
}
