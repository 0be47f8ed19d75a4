//! [`ChartSpec`]: a plain description of a chart, free of any drawing library, built from
//! the model and a [`Selection`] by [`build_chart`].

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::model::{Dataset, IndicatorIdx, Observation, ObservationKind, RegionIdx, SourceIdx};

/// The chart's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ChartKind {
    /// Regions side by side, one bar per year.
    #[default]
    Bar,
    /// One line per region over the years.
    Line,
}

impl ChartKind {
    /// The command-line name (`bar`, `line`).
    pub fn code(self) -> &'static str {
        match self {
            ChartKind::Bar => "bar",
            ChartKind::Line => "line",
        }
    }
}

/// How values are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ViewMode {
    /// The values as published.
    #[default]
    Absolute,
    /// Each region's value divided by its value in the first year shown, × 100.
    Index,
    /// Change on the previous year, in %.
    Change,
    /// Each actual value as a share of the region's target (the next target year), in %.
    TargetShare,
}

impl ViewMode {
    /// Every mode, in menu order.
    pub const ALL: [ViewMode; 4] = [Self::Absolute, Self::Index, Self::Change, Self::TargetShare];

    /// The command-line name (`absolute`, `index`, `yoy`, `target`).
    pub fn code(self) -> &'static str {
        match self {
            ViewMode::Absolute => "absolute",
            ViewMode::Index => "index",
            ViewMode::Change => "yoy",
            ViewMode::TargetShare => "target",
        }
    }

    /// The mode for a command-line name.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The mode's name for menus.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ViewMode::Absolute => lang.pick("绝对值", "Absolute"),
            ViewMode::Index => lang.pick("指数（首年=100）", "Index (first year = 100)"),
            ViewMode::Change => lang.pick("同比变化 %", "Change on previous year %"),
            ViewMode::TargetShare => lang.pick("完成目标 %", "Share of target %"),
        }
    }
}

/// What the user picked: indicator, regions (in display order), years and how to show them.
#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    /// The indicator shown.
    pub indicator: IndicatorIdx,
    /// Regions shown, in display order.
    pub regions: Vec<RegionIdx>,
    /// First and last year shown, inclusive.
    pub years: (i32, i32),
    /// Bar or line.
    pub kind: ChartKind,
    /// Absolute, index, change or share of target.
    pub mode: ViewMode,
    /// Logarithmic value axis (used only when every value shown is positive).
    pub log_scale: bool,
}

/// How a point's value came about; drawn apart so a target never passes for an actual.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PointKind {
    /// A reported value.
    Actual,
    /// A published target.
    Target,
    /// A preliminary or estimated value.
    Estimate,
    /// A value set or projected by a what-if scenario.
    Scenario,
}

impl From<ObservationKind> for PointKind {
    fn from(kind: ObservationKind) -> Self {
        match kind {
            ObservationKind::Actual => PointKind::Actual,
            ObservationKind::Target => PointKind::Target,
            ObservationKind::Estimate => PointKind::Estimate,
        }
    }
}

impl PointKind {
    /// The kind's name for legends, tooltips and CSV.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PointKind::Actual => lang.pick("实际", "actual"),
            PointKind::Target => lang.pick("目标", "target"),
            PointKind::Estimate => lang.pick("估计", "estimate"),
            PointKind::Scenario => lang.pick("情景", "scenario"),
        }
    }
}

/// One value to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// Position on the x axis: the category index for bars, the year for lines.
    pub x: f64,
    /// The year the value refers to.
    pub year: i32,
    /// Region id (`wansheng`).
    pub region_id: String,
    /// Region name in the chart's language.
    pub region: String,
    /// The value drawn, in the chart's unit (after index / change / share).
    pub value: f64,
    /// The published value it comes from, in the indicator's unit.
    pub raw_value: f64,
    /// Actual, target, estimate, scenario.
    pub kind: PointKind,
    /// Title of the source.
    pub source: String,
    /// Remark on the value (e.g. "> 300").
    pub note: Option<String>,
}

/// A named group of points drawn alike (one legend entry).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend text.
    pub name: String,
    /// Kind shared by every point (decides the drawing style).
    pub kind: PointKind,
    /// Index of the colour to use, so a region or year keeps its colour across series.
    pub color_index: usize,
    /// Points, ordered by x. A line breaks wherever years are not consecutive.
    pub points: Vec<Point>,
}

/// A horizontal reference line (100 for an index or a share of target).
#[derive(Clone, Debug, PartialEq)]
pub struct ReferenceLine {
    /// Where, in the chart's unit.
    pub value: f64,
    /// What it means.
    pub label: String,
}

/// Everything needed to draw one chart on screen or into a file.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    /// Bar or line.
    pub kind: ChartKind,
    /// How values are shown.
    pub mode: ViewMode,
    /// Indicator id.
    pub indicator_id: String,
    /// Indicator name in the chart's language.
    pub indicator: String,
    /// Title: the indicator and the years.
    pub title: String,
    /// Subtitle: the dataset and the view mode.
    pub subtitle: String,
    /// Unit of the values drawn (the y axis label).
    pub unit: String,
    /// Label of the x axis ("年份" for lines, empty for bars).
    pub x_label: String,
    /// Category labels along the x axis (bar charts: region names).
    pub categories: Vec<String>,
    /// Series, in legend order.
    pub series: Vec<Series>,
    /// A reference line to draw, if any.
    pub reference: Option<ReferenceLine>,
    /// Whether the value axis is logarithmic (only ever true when all values are positive).
    pub log_scale: bool,
    /// Selected regions with nothing to show ("无数据 / no data").
    pub no_data: Vec<String>,
    /// "资料来源：…" / "Source: …".
    pub source_line: String,
    /// Remarks on values shown (notes from the data, limits of the view).
    pub notes: Vec<String>,
    /// The language of every text in the spec.
    pub lang: Lang,
}

impl ChartSpec {
    /// Every point of every series.
    pub fn points(&self) -> impl Iterator<Item = &Point> {
        self.series.iter().flat_map(|s| s.points.iter())
    }

    /// True when there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.series.iter().all(|s| s.points.is_empty())
    }

    /// The smallest and largest value drawn (with the reference line), if any.
    pub fn value_range(&self) -> Option<(f64, f64)> {
        let values = self
            .points()
            .map(|p| p.value)
            .chain(self.reference.as_ref().map(|r| r.value));
        values.fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
    }

    /// The x range to show: categories for bars, years for lines.
    pub fn x_range(&self) -> (f64, f64) {
        match self.kind {
            ChartKind::Bar => (-0.5, self.categories.len() as f64 - 0.5),
            ChartKind::Line => {
                let xs = self.points().map(|p| p.x);
                let (lo, hi) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                    (lo.min(x), hi.max(x))
                });
                if lo.is_finite() {
                    (lo - 0.5, hi + 0.5)
                } else {
                    (0.0, 1.0)
                }
            }
        }
    }
}

/// The automatic year span of a chart: for bars the year most of `regions` report (ties to the
/// later year), for lines every year with data of the indicator.
pub fn auto_years(
    dataset: &Dataset,
    indicator: IndicatorIdx,
    regions: &[RegionIdx],
    kind: ChartKind,
) -> Option<(i32, i32)> {
    match kind {
        ChartKind::Bar => {
            let year = dataset
                .best_covered_year(indicator, regions)
                .or_else(|| dataset.years_of(indicator).last().copied())?;
            Some((year, year))
        }
        ChartKind::Line => {
            let years = dataset.years_of(indicator);
            Some((*years.first()?, *years.last()?))
        }
    }
}

/// Builds the chart for `selection` from `dataset`, with names in `lang`.
pub fn build_chart(dataset: &Dataset, selection: &Selection, lang: Lang) -> ChartSpec {
    let indicator = dataset.indicator(selection.indicator);
    let (first, last) = selection.years;
    let years_text = if first == last {
        format!("{first}")
    } else {
        format!("{first}–{last}")
    };
    let mut builder = Builder {
        dataset,
        selection,
        lang,
        sources: BTreeSet::new(),
        notes: Vec::new(),
    };
    let shown: Vec<RegionIdx> = selection
        .regions
        .iter()
        .copied()
        .filter(|&r| builder.has_values(r))
        .collect();
    let (categories, mut series) = match selection.kind {
        ChartKind::Bar => builder.bar_series(&shown),
        ChartKind::Line => builder.line_series(&shown),
    };
    series.retain(|s| !s.points.is_empty());
    let drawn: BTreeSet<&str> = series
        .iter()
        .flat_map(|s| &s.points)
        .map(|p| p.region_id.as_str())
        .collect();
    let no_data = selection
        .regions
        .iter()
        .filter(|&&r| !drawn.contains(dataset.region(r).id.as_str()))
        .map(|&r| dataset.region(r).display_name(lang).to_owned())
        .collect();
    let source_titles: Vec<&str> = builder
        .sources
        .iter()
        .map(|&s| dataset.source(s).title.as_str())
        .collect();
    let source_line = if source_titles.is_empty() {
        String::new()
    } else {
        format!(
            "{}{}",
            lang.pick("资料来源：", "Source: "),
            source_titles.join(lang.pick("；", "; "))
        )
    };
    let unit = indicator.display_unit(lang);
    let (unit, reference) = match selection.mode {
        ViewMode::Absolute => (unit.to_owned(), None),
        ViewMode::Index => (
            lang.pick(
                &format!("指数（{first}年=100）"),
                &format!("index ({first} = 100)"),
            )
            .to_owned(),
            Some(ReferenceLine {
                value: 100.0,
                label: lang
                    .pick(&format!("{first}年水平"), &format!("{first} level"))
                    .to_owned(),
            }),
        ),
        ViewMode::Change => (
            lang.pick("比上年增长 %", "% change on previous year")
                .to_owned(),
            None,
        ),
        ViewMode::TargetShare => (
            lang.pick("占目标 %", "% of target").to_owned(),
            Some(ReferenceLine {
                value: 100.0,
                label: lang.pick("目标", "target").to_owned(),
            }),
        ),
    };
    let missing_base = selection.mode == ViewMode::Index
        && selection
            .regions
            .iter()
            .any(|&r| builder.measured(r, first).is_none() && builder.has_raw_values(r));
    let mut notes = builder.notes;
    if missing_base {
        notes.push(match lang {
            Lang::Zh => format!("指数以{first}年为基期：该年无数据的地区无法计算指数，可改选起始年份"),
            Lang::En => format!(
                "The index is based on {first}: regions without a {first} value cannot be indexed; pick another first year"
            ),
        });
    }
    let all_positive = series.iter().flat_map(|s| &s.points).all(|p| p.value > 0.0);
    let log_scale = selection.log_scale && all_positive;
    if selection.log_scale && !all_positive {
        notes.push(
            lang.pick(
                "对数坐标需要全部为正值，已改用线性坐标",
                "Log scale needs positive values; a linear scale is used",
            )
            .to_owned(),
        );
    }
    let mode_text = match selection.mode {
        ViewMode::Absolute => String::new(),
        mode => format!(" · {}", mode.label(lang)),
    };
    ChartSpec {
        kind: selection.kind,
        mode: selection.mode,
        indicator_id: indicator.id.clone(),
        indicator: indicator.display_name(lang).to_owned(),
        title: match lang {
            Lang::Zh => format!("{}（{years_text}）", indicator.name),
            Lang::En => format!("{} ({years_text})", indicator.name_en),
        },
        subtitle: format!("{}{mode_text}", dataset.display_title(lang)),
        unit,
        x_label: match selection.kind {
            ChartKind::Bar => String::new(),
            ChartKind::Line => lang.pick("年份", "Year").to_owned(),
        },
        categories,
        series,
        reference,
        log_scale,
        no_data,
        source_line,
        notes,
        lang,
    }
}

struct Builder<'a> {
    dataset: &'a Dataset,
    selection: &'a Selection,
    lang: Lang,
    sources: BTreeSet<SourceIdx>,
    notes: Vec<String>,
}

/// Kinds in the order their series are listed.
const KINDS: [ObservationKind; 3] = [
    ObservationKind::Actual,
    ObservationKind::Estimate,
    ObservationKind::Target,
];

impl Builder<'_> {
    fn obs(&self, region: RegionIdx, year: i32, kind: ObservationKind) -> Option<&Observation> {
        self.dataset
            .get(region, self.selection.indicator, year, kind)
    }

    /// The measured value of a year: the actual, else the estimate.
    fn measured(&self, region: RegionIdx, year: i32) -> Option<f64> {
        self.obs(region, year, ObservationKind::Actual)
            .or_else(|| self.obs(region, year, ObservationKind::Estimate))
            .map(|o| o.value)
    }

    /// The value drawn for an observation under the view mode; `None` leaves a gap.
    fn transform(&self, region: RegionIdx, o: &Observation) -> Option<f64> {
        let v = o.value;
        match self.selection.mode {
            ViewMode::Absolute => Some(v),
            ViewMode::Index => {
                let base = self.measured(region, self.selection.years.0)?;
                (base != 0.0).then(|| v / base * 100.0)
            }
            ViewMode::Change => {
                if o.kind == ObservationKind::Target {
                    return None;
                }
                let previous = self.measured(region, o.year - 1)?;
                (previous != 0.0).then(|| (v / previous - 1.0) * 100.0)
            }
            ViewMode::TargetShare => {
                if o.kind == ObservationKind::Target {
                    return None;
                }
                let target = self.target_for(region, o.year)?;
                (target != 0.0).then(|| v / target * 100.0)
            }
        }
    }

    /// The target a value of `year` is measured against: the earliest target in or after it.
    fn target_for(&self, region: RegionIdx, year: i32) -> Option<f64> {
        self.dataset
            .observations()
            .iter()
            .filter(|o| {
                o.region == region
                    && o.indicator == self.selection.indicator
                    && o.kind == ObservationKind::Target
                    && o.year >= year
            })
            .min_by_key(|o| o.year)
            .map(|o| o.value)
    }

    /// The point drawn for (region, year, kind), recording its source and note.
    fn point(
        &mut self,
        region: RegionIdx,
        year: i32,
        kind: ObservationKind,
        x: f64,
    ) -> Option<Point> {
        let dataset = self.dataset;
        let o = dataset.get(region, self.selection.indicator, year, kind)?;
        let value = self.transform(region, o)?;
        let r = dataset.region(region);
        self.sources.insert(o.source);
        if let Some(note) = &o.note {
            self.notes
                .push(format!("{} {year}: {note}", r.display_name(self.lang)));
        }
        Some(Point {
            x,
            year,
            region_id: r.id.clone(),
            region: r.display_name(self.lang).to_owned(),
            value,
            raw_value: o.value,
            kind: kind.into(),
            source: dataset.source(o.source).title.clone(),
            note: o.note.clone(),
        })
    }

    fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.selection.years.0..=self.selection.years.1
    }

    /// Whether the region has any value to draw in the selection.
    /// Whether the region has any observation in the selected years, before the view mode.
    fn has_raw_values(&self, region: RegionIdx) -> bool {
        self.years()
            .any(|y| KINDS.iter().any(|&k| self.obs(region, y, k).is_some()))
    }

    fn has_values(&self, region: RegionIdx) -> bool {
        self.years().any(|y| {
            KINDS.iter().any(|&k| {
                self.obs(region, y, k)
                    .and_then(|o| self.transform(region, o))
                    .is_some()
            })
        })
    }

    /// Regions with data as categories (the rest are listed as "no data"); per year one
    /// series of actual bars, one of estimates and one of targets.
    fn bar_series(&mut self, regions: &[RegionIdx]) -> (Vec<String>, Vec<Series>) {
        let categories = regions
            .iter()
            .map(|&r| self.dataset.region(r).display_name(self.lang).to_owned())
            .collect();
        let mut series = Vec::new();
        for (color_index, year) in self.years().enumerate() {
            for kind in KINDS {
                let points: Vec<Point> = regions
                    .iter()
                    .enumerate()
                    .filter_map(|(i, &r)| self.point(r, year, kind, i as f64))
                    .collect();
                let name = match kind {
                    ObservationKind::Actual => year.to_string(),
                    _ => format!("{year} {}", PointKind::from(kind).label(self.lang)),
                };
                series.push(Series {
                    name,
                    kind: kind.into(),
                    color_index,
                    points,
                });
            }
        }
        (categories, series)
    }

    /// Years along x; per region one series of actual values, one of estimates, one of targets.
    fn line_series(&mut self, regions: &[RegionIdx]) -> (Vec<String>, Vec<Series>) {
        let mut series = Vec::new();
        for (color_index, &region) in regions.iter().enumerate() {
            let name = self
                .dataset
                .region(region)
                .display_name(self.lang)
                .to_owned();
            for kind in KINDS {
                let years: Vec<i32> = self.years().collect();
                let points: Vec<Point> = years
                    .into_iter()
                    .filter_map(|y| self.point(region, y, kind, f64::from(y)))
                    .collect();
                let name = match kind {
                    ObservationKind::Actual => name.clone(),
                    _ => format!("{name} {}", PointKind::from(kind).label(self.lang)),
                };
                series.push(Series {
                    name,
                    kind: kind.into(),
                    color_index,
                    points,
                });
            }
        }
        (Vec::new(), series)
    }
}
