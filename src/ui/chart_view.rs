//! Draws a [`ChartSpec`] with egui_plot: bars or lines, targets apart from actuals, gaps
//! where years are missing, a reference line, log scale, hover text with value, unit, kind
//! and source.

use egui::{Color32, Stroke};
use egui_plot::{
    Bar, BarChart, HLine, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoints, Points,
};

use crate::chart::style::{Dash, Marker, bar_slot, consecutive_runs, format_value, style_of};
use crate::chart::{ChartKind, ChartSpec, Point, Series, palette};
use crate::ui::i18n::Text;

/// Draws the chart with its title, unit, legend, "no data" list, notes and source line.
pub fn show(ui: &mut egui::Ui, spec: &ChartSpec) {
    let lang = spec.lang;
    ui.heading(&spec.title);
    ui.label(egui::RichText::new(format!("{} · {}", spec.subtitle, spec.unit)).weak());
    if !spec.no_data.is_empty() {
        ui.label(format!(
            "{}：{}",
            Text::NoData.get(lang),
            spec.no_data.join(lang.pick("、", ", "))
        ));
    }
    let footer_lines = 1 + spec.notes.len().min(3);
    let footer_height = 18.0 * footer_lines as f32 + 8.0;
    let height = (ui.available_height() - footer_height).max(160.0);
    let log = spec.log_scale;
    let mut plot = Plot::new("chart")
        .height(height)
        .legend(Legend::default())
        .y_axis_label(if log {
            format!("{} (log)", spec.unit)
        } else {
            spec.unit.clone()
        })
        .y_axis_formatter(move |mark, _| axis_value(mark.value, log));
    if !log {
        plot = plot.include_y(0.0);
    }
    if !spec.x_label.is_empty() {
        plot = plot.x_axis_label(spec.x_label.clone());
    }
    match spec.kind {
        ChartKind::Bar => bar_plot(ui, plot, spec),
        ChartKind::Line => line_plot(ui, plot, spec),
    }
    for note in spec.notes.iter().take(3) {
        ui.label(egui::RichText::new(note).small().weak());
    }
    ui.label(egui::RichText::new(&spec.source_line).small());
}

/// The y drawn for a value: log10 on a log scale.
fn plot_y(value: f64, log: bool) -> f64 {
    if log { value.log10() } else { value }
}

fn axis_value(y: f64, log: bool) -> String {
    if log {
        format_value(10f64.powf(y))
    } else {
        format_value(y)
    }
}

fn color_of(series: &Series) -> Color32 {
    let (r, g, b) = palette::color(series.color_index);
    Color32::from_rgb(r, g, b)
}

/// Hover text of one point: value, unit, kind, source and note.
pub fn hover_text(point: &Point, series: &Series, spec: &ChartSpec) -> String {
    let lang = spec.lang;
    let mut text = format!(
        "{} · {}\n{} {}  ({})",
        point.region,
        point.year,
        format_value(point.value),
        spec.unit,
        point.kind.label(lang)
    );
    if point.value != point.raw_value {
        text.push_str(&format!(
            "\n{}: {}",
            lang.pick("原值", "published value"),
            format_value(point.raw_value)
        ));
    }
    text.push_str(&format!(
        "\n{}{}",
        lang.pick("来源：", "Source: "),
        point.source
    ));
    if let Some(note) = &point.note {
        text.push_str(&format!("\n{note}"));
    }
    let _ = series;
    text
}

fn reference_line(spec: &ChartSpec) -> Option<HLine> {
    spec.reference.as_ref().map(|r| {
        HLine::new(r.label.clone(), plot_y(r.value, spec.log_scale))
            .color(Color32::GRAY)
            .style(LineStyle::dashed_dense())
    })
}

/// The smallest grid spacing egui_plot may use, in points (its default).
const GRID_MIN_POINTS: f32 = 8.0;

fn bar_plot(ui: &mut egui::Ui, plot: Plot<'_>, spec: &ChartSpec) {
    let categories = spec.categories.clone();
    // The widest category name, in points (CJK characters are one em wide).
    let em = f64::from(egui::TextStyle::Body.resolve(ui.style()).size);
    let label_points = categories
        .iter()
        .map(|c| {
            c.chars()
                .map(|ch| if ch.is_ascii() { 0.55 } else { 1.0 })
                .sum::<f64>()
                * em
        })
        .fold(0.0, f64::max);
    let log = spec.log_scale;
    let plot = plot
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                categories.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .grid_spacing(egui::Rangef::new(GRID_MIN_POINTS, 300.0))
        .x_grid_spacer(move |input| {
            // Points per category, from egui_plot's hint (value units per GRID_MIN_POINTS).
            let points_per_unit = f64::from(GRID_MIN_POINTS) / input.base_step_size;
            // egui_plot hides labels closer than 60 points or narrower than their text: when
            // names do not fit under every bar, label every k-th bar (hover names them all).
            let needed = (label_points + 8.0).max(61.0);
            let every = (needed / points_per_unit).ceil().max(1.0) as i64;
            let (lo, hi) = input.bounds;
            (lo.ceil() as i64..=hi.floor() as i64)
                .filter(|v| v.rem_euclid(every) == 0)
                .map(|v| egui_plot::GridMark {
                    value: v as f64,
                    step_size: every as f64,
                })
                .collect()
        })
        .allow_scroll(false);
    plot.show(ui, |plot_ui| {
        let n = spec.series.len();
        for (j, series) in spec.series.iter().enumerate() {
            let color = color_of(series);
            let style = style_of(series.kind);
            let (offset, width) = bar_slot(j, n);
            // On a log scale bars start at the smallest power of ten below the data.
            let floor = if log {
                spec.value_range().map_or(0.0, |(lo, _)| lo.log10().floor())
            } else {
                0.0
            };
            let bars = series
                .points
                .iter()
                .map(|p| {
                    Bar::new(p.x + offset, plot_y(p.value, log) - floor)
                        .base_offset(floor)
                        .width(width * 0.95)
                        .name(hover_text(p, series, spec))
                        .fill(color.gamma_multiply(style.fill_alpha))
                        .stroke(Stroke::new(
                            if style.fill_alpha < 1.0 { 2.0 } else { 0.0 },
                            color,
                        ))
                })
                .collect();
            let chart = BarChart::new(series.name.clone(), bars)
                .color(color)
                .element_formatter(Box::new(|bar, _| bar.name.clone()));
            plot_ui.bar_chart(chart);
        }
        if let Some(line) = reference_line(spec) {
            plot_ui.hline(line);
        }
    });
}

fn line_plot(ui: &mut egui::Ui, plot: Plot<'_>, spec: &ChartSpec) {
    let hover_spec = spec.clone();
    let log = spec.log_scale;
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
            } => hover_spec
                .series
                .iter()
                .filter(|s| s.name == *plot_name)
                .flat_map(|s| s.points.iter().map(move |p| (s, p)))
                .find(|(_, p)| (p.x - position.x).abs() < 1e-6)
                .map(|(s, p)| hover_text(p, s, &hover_spec)),
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        });
    plot.show(ui, |plot_ui| {
        for series in &spec.series {
            let color = color_of(series);
            let style = style_of(series.kind);
            let line_style = match style.dash {
                Dash::Solid => LineStyle::Solid,
                Dash::Dotted => LineStyle::dotted_loose(),
                Dash::Dashed => LineStyle::dashed_loose(),
            };
            if style.joined {
                for run in consecutive_runs(&series.points)
                    .into_iter()
                    .filter(|r| r.len() > 1)
                {
                    let pts: PlotPoints<'_> =
                        run.iter().map(|p| [p.x, plot_y(p.value, log)]).collect();
                    plot_ui.line(
                        Line::new(series.name.clone(), pts)
                            .color(color)
                            .style(line_style)
                            .width(2.0),
                    );
                }
            }
            let pts: PlotPoints<'_> = series
                .points
                .iter()
                .map(|p| [p.x, plot_y(p.value, log)])
                .collect();
            let shape = match style.marker {
                Marker::Circle => MarkerShape::Circle,
                Marker::Square => MarkerShape::Square,
                Marker::Diamond => MarkerShape::Diamond,
                Marker::Triangle => MarkerShape::Up,
            };
            plot_ui.points(
                Points::new(series.name.clone(), pts)
                    .color(color)
                    .shape(shape)
                    .filled(style.fill_alpha >= 1.0)
                    .radius(if style.fill_alpha >= 1.0 { 4.0 } else { 6.0 }),
            );
        }
        if let Some(line) = reference_line(spec) {
            plot_ui.hline(line);
        }
    });
}
