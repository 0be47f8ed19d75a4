//! [`ChartSpec`]: a plain description of a chart, free of any drawing library.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::model::{Dataset, IndicatorIdx, ObservationKind, RegionIdx, SourceIdx};

/// The chart's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ChartKind {
    /// Regions side by side, one bar per year.
    #[default]
    Bar,
    /// One line per region over the years.
    Line,
}

/// What the user picked: indicator, regions (in display order) and years.
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
    /// The kind's name for legends and tooltips.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PointKind::Actual => lang.pick("实际", "actual"),
            PointKind::Target => lang.pick("目标", "target"),
            PointKind::Estimate => lang.pick("估计", "estimate"),
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
    /// The value, in the chart's unit.
    pub value: f64,
    /// Actual, target, estimate.
    pub kind: PointKind,
    /// Title of the source, for hover text.
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

/// Everything needed to draw one chart on screen or into a file.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    /// Bar or line.
    pub kind: ChartKind,
    /// Title: the indicator and the years.
    pub title: String,
    /// Subtitle: the dataset.
    pub subtitle: String,
    /// Unit of the y axis.
    pub unit: String,
    /// Category labels along the x axis (bar charts: region names).
    pub categories: Vec<String>,
    /// Series, in legend order.
    pub series: Vec<Series>,
    /// Selected regions with nothing to show ("无数据 / no data").
    pub no_data: Vec<String>,
    /// "资料来源: …" / "Source: …".
    pub source_line: String,
    /// Remarks on values shown (notes from the data).
    pub notes: Vec<String>,
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
    let (categories, series) = match selection.kind {
        ChartKind::Bar => builder.bar_series(),
        ChartKind::Line => builder.line_series(),
    };
    let no_data = selection
        .regions
        .iter()
        .filter(|&&r| !builder.region_has_points(r))
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
    ChartSpec {
        kind: selection.kind,
        title: format!("{} ({years_text})", indicator.display_name(lang)),
        subtitle: dataset.display_title(lang).to_owned(),
        unit: indicator.display_unit(lang).to_owned(),
        categories,
        series,
        no_data,
        source_line,
        notes: builder.notes,
    }
}

struct Builder<'a> {
    dataset: &'a Dataset,
    selection: &'a Selection,
    lang: Lang,
    sources: BTreeSet<SourceIdx>,
    notes: Vec<String>,
}

impl Builder<'_> {
    /// The value drawn for (region, year, kind), recording its source and note.
    fn point(
        &mut self,
        region: RegionIdx,
        year: i32,
        kind: ObservationKind,
        x: f64,
    ) -> Option<Point> {
        let o = self
            .dataset
            .get(region, self.selection.indicator, year, kind)?;
        self.sources.insert(o.source);
        if let Some(note) = &o.note {
            let name = self.dataset.region(region).display_name(self.lang);
            self.notes.push(format!("{name} {year}: {note}"));
        }
        Some(Point {
            x,
            year,
            value: o.value,
            kind: kind.into(),
            source: self.dataset.source(o.source).title.clone(),
            note: o.note.clone(),
        })
    }

    fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.selection.years.0..=self.selection.years.1
    }

    fn region_has_points(&self, region: RegionIdx) -> bool {
        self.years().any(|y| {
            ObservationKind::ALL.iter().any(|&k| {
                self.dataset
                    .get(region, self.selection.indicator, y, k)
                    .is_some()
            })
        })
    }

    /// Regions with data as categories (the rest are listed as "no data"); per year one
    /// series of actual bars, one of estimates and one of targets.
    fn bar_series(&mut self) -> (Vec<String>, Vec<Series>) {
        let regions: Vec<RegionIdx> = self
            .selection
            .regions
            .iter()
            .copied()
            .filter(|&r| self.region_has_points(r))
            .collect();
        let categories = regions
            .iter()
            .map(|&r| self.dataset.region(r).display_name(self.lang).to_owned())
            .collect();
        let mut series = Vec::new();
        for (color_index, year) in self.years().enumerate() {
            for kind in [
                ObservationKind::Actual,
                ObservationKind::Estimate,
                ObservationKind::Target,
            ] {
                let points: Vec<Point> = regions
                    .iter()
                    .enumerate()
                    .filter_map(|(i, &r)| self.point(r, year, kind, i as f64))
                    .collect();
                if points.is_empty() {
                    continue;
                }
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

    /// Years along x; per region one series of actual/estimate values and one of targets.
    fn line_series(&mut self) -> (Vec<String>, Vec<Series>) {
        let regions: Vec<RegionIdx> = self.selection.regions.clone();
        let mut series = Vec::new();
        for (color_index, &region) in regions.iter().enumerate() {
            let name = self
                .dataset
                .region(region)
                .display_name(self.lang)
                .to_owned();
            for kind in [
                ObservationKind::Actual,
                ObservationKind::Estimate,
                ObservationKind::Target,
            ] {
                let years: Vec<i32> = self.years().collect();
                let points: Vec<Point> = years
                    .into_iter()
                    .filter_map(|y| self.point(region, y, kind, f64::from(y)))
                    .collect();
                if points.is_empty() {
                    continue;
                }
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
