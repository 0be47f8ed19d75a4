//! A bar chart of more regions than can be read (a national file: 3,000 counties) keeps the
//! regions with the largest values of the chart's last year and says so, instead of drawing
//! an unreadable wall of bars (issue 13, item 4). The window applies it; the command line
//! draws what it is asked for.

use crate::lang::Lang;
use crate::model::values::Values;
use crate::model::{Better, Dataset};

use super::{ChartKind, Selection};

/// More bars than this are not drawn one by one on screen.
pub const MAX_BARS_ON_SCREEN: usize = 40;

/// `selection` cut to its `max` best regions on the last year's measured value (the largest,
/// or the smallest for a lower-is-better indicator), in their picked order, with the note
/// that says so; unchanged and `None` for lines and for `max` regions or fewer. Regions
/// without a value that year are left out of the cut (they are "no data" anyway).
pub fn limit_bars(
    dataset: &Dataset,
    selection: &Selection,
    max: usize,
    lang: Lang,
) -> (Selection, Option<String>) {
    if selection.kind != ChartKind::Bar || selection.regions.len() <= max {
        return (selection.clone(), None);
    }
    let year = selection.years.1;
    let better = dataset.indicator(selection.indicator).better;
    let mut valued: Vec<(usize, f64)> = selection
        .regions
        .iter()
        .enumerate()
        .filter_map(|(i, &r)| {
            dataset
                .measured(r, selection.indicator, year)
                .map(|v| (i, v))
        })
        .filter(|(_, v)| v.is_finite())
        .collect();
    valued.sort_by(|a, b| match better {
        Better::Higher => b.1.total_cmp(&a.1),
        Better::Lower => a.1.total_cmp(&b.1),
    });
    valued.truncate(max);
    let mut keep: Vec<usize> = valued.into_iter().map(|(i, _)| i).collect();
    keep.sort_unstable();
    let total = selection.regions.len();
    let shown = keep.len();
    let cut = Selection {
        regions: keep.into_iter().map(|i| selection.regions[i]).collect(),
        ..selection.clone()
    };
    let note = match (lang, better) {
        (Lang::Zh, Better::Higher) => format!(
            "所选 {total} 个地区过多，只画出{year}年数值最大的 {shown} 个；全部数值见数据表"
        ),
        (Lang::Zh, Better::Lower) => format!(
            "所选 {total} 个地区过多，只画出{year}年数值最小（最好）的 {shown} 个；全部数值见数据表"
        ),
        (Lang::En, Better::Higher) => format!(
            "{total} regions picked, too many to read: the {shown} largest in {year} are drawn; every value is in the table"
        ),
        (Lang::En, Better::Lower) => format!(
            "{total} regions picked, too many to read: the {shown} smallest (best) in {year} are drawn; every value is in the table"
        ),
    };
    (cut, Some(note))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::ViewMode;
    use crate::model::ObservationKind;
    use crate::model::synthetic::{FIRST_YEAR, synthetic_dataset};

    fn bars(d: &Dataset, indicator: usize, year: i32) -> Selection {
        Selection {
            indicator: crate::model::IndicatorIdx(indicator as u32),
            regions: d.region_indices().collect(),
            years: (year, year),
            kind: ChartKind::Bar,
            mode: ViewMode::Absolute,
            log_scale: false,
        }
    }

    #[test]
    fn three_hundred_bars_become_the_forty_best_in_picked_order_with_a_note() {
        let d = synthetic_dataset(300, 2, 3, 7);
        let year = FIRST_YEAR + 2;
        for indicator in 0..2 {
            let s = bars(&d, indicator, year);
            let (cut, note) = limit_bars(&d, &s, MAX_BARS_ON_SCREEN, Lang::Zh);
            assert_eq!(cut.regions.len(), MAX_BARS_ON_SCREEN);
            assert!(cut.regions.windows(2).all(|w| w[0] < w[1]), "picked order");
            let value = |r| {
                d.get(r, s.indicator, year, ObservationKind::Actual)
                    .unwrap()
                    .value
            };
            // Every region left out is no better than the worst one kept.
            let kept: Vec<f64> = cut.regions.iter().map(|&r| value(r)).collect();
            let better = d.indicator(s.indicator).better;
            let worst_kept = match better {
                Better::Higher => kept.iter().copied().fold(f64::INFINITY, f64::min),
                Better::Lower => kept.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            };
            for r in d.region_indices().filter(|r| !cut.regions.contains(r)) {
                match better {
                    Better::Higher => assert!(value(r) <= worst_kept),
                    Better::Lower => assert!(value(r) >= worst_kept),
                }
            }
            let note = note.expect("a note");
            assert!(note.starts_with("所选 300 个地区过多"), "{note}");
        }
    }

    #[test]
    fn few_regions_and_lines_are_left_alone() {
        let d = synthetic_dataset(30, 1, 3, 7);
        let s = bars(&d, 0, FIRST_YEAR);
        assert_eq!(limit_bars(&d, &s, MAX_BARS_ON_SCREEN, Lang::En), (s, None));
        let d = synthetic_dataset(300, 1, 3, 7);
        let lines = Selection {
            kind: ChartKind::Line,
            ..bars(&d, 0, FIRST_YEAR)
        };
        assert_eq!(
            limit_bars(&d, &lines, MAX_BARS_ON_SCREEN, Lang::En),
            (lines, None)
        );
    }
}
