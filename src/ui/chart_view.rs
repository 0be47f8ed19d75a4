//! Draws a [`ChartSpec`] with egui_plot: bars or lines, targets apart from actuals, gaps
//! where years are missing, hover text with value, unit, kind and source.

use egui::{Color32, Stroke};
use egui_plot::{Bar, BarChart, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoints, Points};

use crate::chart::{ChartKind, ChartSpec, Point, PointKind, Series, palette};
use crate::lang::Lang;
use crate::ui::i18n::Text;

/// Draws the chart with its title, unit, legend, "no data" list, notes and source line.
pub fn show(ui: &mut egui::Ui, spec: &ChartSpec, lang: Lang) {
    ui.heading(&spec.title);
    ui.label(egui::RichText::new(format!("{} · {}", spec.subtitle, spec.unit)).weak());
    if !spec.no_data.is_empty() {
        ui.label(format!(
            "{}: {}",
            Text::NoData.get(lang),
            spec.no_data.join(lang.pick("、", ", "))
        ));
    }
    let footer_height = 20.0 * (1 + spec.notes.len().min(3)) as f32;
    let height = (ui.available_height() - footer_height).max(160.0);
    let plot = Plot::new("chart")
        .height(height)
        .legend(Legend::default())
        .y_axis_label(spec.unit.clone())
        .include_y(0.0);
    match spec.kind {
        ChartKind::Bar => bar_plot(ui, plot, spec, lang),
        ChartKind::Line => line_plot(ui, plot, spec, lang),
    }
    for note in spec.notes.iter().take(3) {
        ui.label(egui::RichText::new(note).small().weak());
    }
    ui.label(egui::RichText::new(&spec.source_line).small());
}

fn color_of(series: &Series) -> Color32 {
    let (r, g, b) = palette::color(series.color_index);
    Color32::from_rgb(r, g, b)
}

/// Hover text of one point: value, unit, kind, source and note.
pub fn hover_text(point: &Point, series: &Series, unit: &str, lang: Lang) -> String {
    let mut text = format!(
        "{}\n{} {}  ({})\n{}",
        series.name,
        format_value(point.value),
        unit,
        point.kind.label(lang),
        point.source
    );
    if let Some(note) = &point.note {
        text.push_str(&format!("\n{note}"));
    }
    text
}

/// A value with up to two decimals, trailing zeros dropped.
pub fn format_value(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn bar_plot(ui: &mut egui::Ui, plot: Plot<'_>, spec: &ChartSpec, lang: Lang) {
    let groups = spec.series.len().max(1) as f64;
    let width = 0.8 / groups;
    let categories = spec.categories.clone();
    let plot = plot
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                categories.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .x_grid_spacer(move |input| {
            let (lo, hi) = input.bounds;
            (lo.ceil() as i64..=hi.floor() as i64)
                .map(|v| egui_plot::GridMark {
                    value: v as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .allow_scroll(false);
    plot.show(ui, |plot_ui| {
        for (j, series) in spec.series.iter().enumerate() {
            let color = color_of(series);
            let offset = (j as f64 - (groups - 1.0) / 2.0) * width;
            let bars = series
                .points
                .iter()
                .map(|p| {
                    let bar = Bar::new(p.x + offset, p.value)
                        .width(width * 0.95)
                        .name(hover_text(p, series, &spec.unit, lang));
                    match p.kind {
                        PointKind::Actual => bar.fill(color),
                        PointKind::Estimate => bar
                            .fill(color.gamma_multiply(0.45))
                            .stroke(Stroke::new(1.0, color)),
                        PointKind::Target => bar
                            .fill(Color32::TRANSPARENT)
                            .stroke(Stroke::new(2.0, color)),
                    }
                })
                .collect();
            let chart = BarChart::new(series.name.clone(), bars)
                .color(color)
                .element_formatter(Box::new(|bar, _| bar.name.clone()));
            plot_ui.bar_chart(chart);
        }
    });
}

fn line_plot(ui: &mut egui::Ui, plot: Plot<'_>, spec: &ChartSpec, lang: Lang) {
    let series_for_hover = spec.series.clone();
    let unit = spec.unit.clone();
    let plot = plot
        .x_axis_formatter(|mark, _| {
            if mark.value.fract().abs() < 1e-6 {
                format!("{}", mark.value as i64)
            } else {
                String::new()
            }
        })
        .label_formatter(move |hover| match hover {
            egui_plot::HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => series_for_hover
                .iter()
                .filter(|s| s.name == *plot_name)
                .flat_map(|s| s.points.iter().map(move |p| (s, p)))
                .find(|(_, p)| (p.x - position.x).abs() < 1e-6)
                .map(|(s, p)| hover_text(p, s, &unit, lang)),
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        });
    plot.show(ui, |plot_ui| {
        for series in &spec.series {
            let color = color_of(series);
            let style = match series.kind {
                PointKind::Actual => LineStyle::Solid,
                PointKind::Estimate => LineStyle::dotted_dense(),
                PointKind::Target => LineStyle::dashed_loose(),
            };
            for run in consecutive_runs(&series.points) {
                if run.len() > 1 && series.kind != PointKind::Target {
                    let pts: PlotPoints<'_> = run.iter().map(|p| [p.x, p.value]).collect();
                    plot_ui.line(
                        Line::new(series.name.clone(), pts)
                            .color(color)
                            .style(style)
                            .width(2.0),
                    );
                }
            }
            let pts: PlotPoints<'_> = series.points.iter().map(|p| [p.x, p.value]).collect();
            let (shape, filled) = match series.kind {
                PointKind::Actual => (MarkerShape::Circle, true),
                PointKind::Estimate => (MarkerShape::Square, false),
                PointKind::Target => (MarkerShape::Diamond, false),
            };
            plot_ui.points(
                Points::new(series.name.clone(), pts)
                    .color(color)
                    .shape(shape)
                    .filled(filled)
                    .radius(5.0),
            );
        }
    });
}

/// Splits points into runs of consecutive years: a missing year breaks the line.
pub fn consecutive_runs(points: &[Point]) -> Vec<&[Point]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=points.len() {
        if i == points.len() || points[i].year != points[i - 1].year + 1 {
            runs.push(&points[start..i]);
            start = i;
        }
    }
    runs
}
