//! The chart's side of regions of one level and of "latest value up to": a picked whole
//! drawn as a reference line ([`ParentLine`]), bars of different years labelled with their
//! years, and the automatic years of the picked regions.

use super::{Builder, ChartKind, Point, PointKind, ReferenceLine, Selection, Series};
use crate::chart::style::format_value;
use crate::lang::Lang;
use crate::model::latest::latest_with_kind;
use crate::model::{Dataset, IndicatorIdx, ObservationKind, RegionIdx};

/// A picked region whose own parts are picked too (a city beside its districts), drawn on a
/// bar chart as a horizontal line with its name and value, never as one more bar.
#[derive(Clone, Debug, PartialEq)]
pub struct ParentLine {
    /// Where to draw (in the chart's unit) and the text beside it ("重庆市：55.06").
    pub line: ReferenceLine,
    /// The value as a point (its year, kind, source and note), for tooltips and the CSV.
    pub point: Point,
    /// Far above the bars it is compared with (重庆市's GDP is twenty times a district's): it
    /// is not drawn, so the bars keep the height that tells them apart; a note gives its
    /// value instead ([`mark_off_scale`]).
    pub off_scale: bool,
}

/// A reference line more than this many times the largest bar is off the scale.
pub const OFF_SCALE_FACTOR: f64 = 5.0;

/// Marks the lines of `lines` that are more than [`OFF_SCALE_FACTOR`] times the largest
/// value of `series` (or below the smallest negative one by as much), and returns one note
/// per marked line with its name and value.
pub fn mark_off_scale(lines: &mut [ParentLine], series: &[Series], lang: Lang) -> Vec<String> {
    let (lo, hi) = series
        .iter()
        .flat_map(|s| &s.points)
        .map(|p| p.value)
        .filter(|v| v.is_finite())
        .fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let mut notes = Vec::new();
    for line in lines.iter_mut() {
        let v = line.line.value;
        line.off_scale =
            (hi > 0.0 && v > OFF_SCALE_FACTOR * hi) || (lo < 0.0 && v < OFF_SCALE_FACTOR * lo);
        if line.off_scale {
            notes.push(match lang {
                Lang::Zh => format!("{}（参考线远超各柱，未按比例画出）", line.line.label),
                Lang::En => format!(
                    "{} (reference line far beyond the bars, not drawn to scale)",
                    line.line.label
                ),
            });
        }
    }
    notes
}

/// The tolerance a chart uses: `Some(n)` with `n > 0` only for a one-year bar chart.
pub(super) fn effective_tolerance(selection: &Selection, tolerance: Option<u32>) -> Option<u32> {
    let (first, last) = selection.years;
    tolerance.filter(|&n| n > 0 && selection.kind == ChartKind::Bar && first == last)
}

/// The first and last year in which one of `regions` has a whole-year level of `indicator`.
pub(super) fn years_of_regions(
    dataset: &Dataset,
    indicator: IndicatorIdx,
    regions: &[RegionIdx],
) -> Option<(i32, i32)> {
    let picked = dataset.region_lookup(regions);
    dataset
        .levels()
        .filter(|o| o.indicator == indicator && picked[o.region.0 as usize])
        .fold(None, |span, o| match span {
            None => Some((o.year, o.year)),
            Some((lo, hi)) => Some((o.year.min(lo), o.year.max(hi))),
        })
}

/// Why a picked whole shows no reference line.
pub(super) fn no_reference_text(lang: Lang) -> &'static str {
    lang.pick("参考线无数据", "no value for its reference line")
}

impl Builder<'_> {
    /// Whether the region has a latest value to draw under the chart's tolerance.
    pub(super) fn has_latest(&self, region: RegionIdx) -> bool {
        self.latest.is_some() && self.latest_of(region).is_some()
    }

    /// The region's latest measured value up to the chart's last year: (year, kind).
    fn latest_of(&self, region: RegionIdx) -> Option<(i32, ObservationKind)> {
        let (_, last) = self.selection.years;
        latest_with_kind(
            self.dataset,
            region,
            self.selection.indicator,
            last,
            self.latest,
        )
        .map(|(year, _, kind)| (year, kind))
    }

    /// The bar of (region, year, kind): with a tolerance, the measured kinds take the
    /// region's latest value (of its own year); targets stay those of the year.
    pub(super) fn bar_point(
        &mut self,
        region: RegionIdx,
        year: i32,
        kind: ObservationKind,
        x: f64,
    ) -> Option<Point> {
        if self.latest.is_none() || kind == ObservationKind::Target {
            return self.point(region, year, kind, x);
        }
        let (found, found_kind) = self.latest_of(region)?;
        (found_kind == kind)
            .then(|| self.point(region, found, kind, x))
            .flatten()
    }

    /// The legend text of a year's bars of `kind`.
    pub(super) fn bar_series_name(&self, year: i32, kind: ObservationKind) -> String {
        let lang = self.lang;
        let head = match (self.latest, lang) {
            (None, _) => year.to_string(),
            (Some(_), Lang::Zh) => format!("截至{year}年最新值"),
            (Some(_), Lang::En) => format!("latest up to {year}"),
        };
        match kind {
            ObservationKind::Actual => head,
            _ => format!("{head} {}", PointKind::from(kind).label(lang)),
        }
    }

    /// The reference lines of the picked wholes: per year shown, the measured value (with a
    /// tolerance, the latest up to the year), in the view mode's terms.
    pub(super) fn parent_lines(&mut self, references: &[RegionIdx]) -> Vec<ParentLine> {
        let (first, last) = self.selection.years;
        let lang = self.lang;
        let mut out = Vec::new();
        for &region in references {
            for year in first..=last {
                let found = if self.latest.is_some() {
                    self.latest_of(region)
                } else {
                    [ObservationKind::Actual, ObservationKind::Estimate]
                        .into_iter()
                        .find(|&k| self.obs(region, year, k).is_some())
                        .map(|k| (year, k))
                };
                let Some((found_year, kind)) = found else {
                    continue;
                };
                let Some(point) = self.point(region, found_year, kind, 0.0) else {
                    continue;
                };
                let with_year = first != last || found_year != last;
                let name = &point.region;
                let value = format_value(point.value);
                let label = match (lang, with_year) {
                    (Lang::Zh, true) => format!("{name} {found_year}年：{value}"),
                    (Lang::Zh, false) => format!("{name}：{value}"),
                    (Lang::En, true) => format!("{name} {found_year}: {value}"),
                    (Lang::En, false) => format!("{name}: {value}"),
                };
                out.push(ParentLine {
                    line: ReferenceLine {
                        value: point.value,
                        label,
                    },
                    point,
                    off_scale: false,
                });
            }
        }
        out
    }

    /// The year of each category's measured bar when, with a tolerance, not every bar is of
    /// the chart's year; else empty.
    pub(super) fn category_years(&self, series: &[Series], categories: usize) -> Vec<String> {
        if self.latest.is_none() {
            return Vec::new();
        }
        let (_, last) = self.selection.years;
        let mut years = vec![None; categories];
        for p in measured_points(series) {
            if let Some(slot) = years.get_mut(p.x as usize) {
                *slot = Some(p.year);
            }
        }
        if years.iter().flatten().all(|&y| y == last) {
            return Vec::new();
        }
        years
            .into_iter()
            .map(|y| y.map(|y| y.to_string()).unwrap_or_default())
            .collect()
    }

    /// "Years differ: 万盛经开区 2022" when, with a tolerance, some bar or reference line
    /// is of an earlier year than the chart's: never mix years silently.
    pub(super) fn latest_notes(&self, series: &[Series], lines: &[ParentLine]) -> Vec<String> {
        if self.latest.is_none() {
            return Vec::new();
        }
        let (_, last) = self.selection.years;
        let lang = self.lang;
        let all: Vec<&Point> = measured_points(series)
            .chain(lines.iter().map(|l| &l.point))
            .collect();
        let earlier: Vec<String> = all
            .iter()
            .filter(|p| p.year != last)
            .map(|p| match lang {
                Lang::Zh => format!("{} {}年", p.region, p.year),
                Lang::En => format!("{} {}", p.region, p.year),
            })
            .collect();
        if earlier.is_empty() {
            return Vec::new();
        }
        let others = earlier.len() < all.len();
        vec![match (lang, others) {
            (Lang::Zh, true) => format!(
                "年份不同：{}；其余为{last}年（取截至{last}年的最新值）",
                earlier.join("、")
            ),
            (Lang::Zh, false) => {
                format!("年份不同：{}（取截至{last}年的最新值）", earlier.join("、"))
            }
            (Lang::En, true) => format!(
                "Years differ: {}; the others {last} (latest value up to {last})",
                earlier.join(", ")
            ),
            (Lang::En, false) => format!(
                "Years differ: {} (latest value up to {last})",
                earlier.join(", ")
            ),
        }]
    }
}

/// The measured (actual or estimated) points of `series`.
fn measured_points(series: &[Series]) -> impl Iterator<Item = &Point> {
    series
        .iter()
        .filter(|s| matches!(s.kind, PointKind::Actual | PointKind::Estimate))
        .flat_map(|s| &s.points)
}
