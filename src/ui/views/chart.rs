//! Draws a [`ChartSpec`] with egui_plot: bars or lines, targets apart from actuals, gaps
//! where years are missing, a reference line, log scale. Around the plot, not on it: the
//! legend (above, so it never hides a point), every bar's name (below; rotated or shortened
//! to fit, never dropped) and a tooltip with value, unit, kind and source (an egui tooltip,
//! with its background, kept on screen). Hovering prefers a published point to a computed
//! one drawn at the same place.

use std::sync::Arc;

use egui::{Color32, Pos2, Rect, Sense, Stroke, Vec2};
use egui_plot::{
    Bar, BarChart, HLine, Line, LineStyle, MarkerShape, Plot, PlotPoint, PlotPoints, PlotTransform,
    Points,
};

use crate::chart::style::{Dash, Marker, bar_slot, consecutive_runs, format_value, style_of};
use crate::chart::{ChartKind, ChartSpec, Point, PointKind, Series, palette};
use crate::ui::command::Command;
use crate::ui::derived::Inputs;
use crate::ui::i18n::Text;
use crate::ui::views::Cx;

/// How far from a line chart's point the pointer may be to hover it, in points.
pub const HOVER_RADIUS: f32 = 10.0;

/// Longest a bar's name may be drawn, in points; a longer name is shortened (full on hover).
const MAX_LABEL_LENGTH: f32 = 110.0;

/// The chart view. Its transient state (the plot's zoom, the last transform) lives in egui's
/// memory, keyed by the plot's id.
#[derive(Debug, Default)]
pub struct ChartView;

impl ChartView {
    /// Draws the chart of the picks as [`Cx`] has it (built by the app before the views), or
    /// says that nothing is selected. It asks for nothing: `out` is left as it is.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, _out: &mut Vec<Command>) {
        let state = cx.state;
        let input = Inputs::new(&state.dataset, state.dataset_rev, &state.picks, state.lang);
        match cx.derived.built_chart(&input, &state.scenarios) {
            Some(spec) => spec_ui(ui, spec),
            None => {
                ui.label(Text::NothingSelected.get(state.lang));
            }
        }
    }
}

/// Draws the chart with its title, unit, legend, "no data" list, notes and source line.
pub fn spec_ui(ui: &mut egui::Ui, spec: &ChartSpec) {
    let lang = spec.lang;
    ui.heading(&spec.title);
    ui.label(egui::RichText::new(format!("{} · {}", spec.subtitle, spec.unit)).weak());
    if !spec.no_data.is_empty() {
        ui.label(format!(
            "{}{}{}",
            Text::NoData.get(lang),
            lang.pick("：", ": "),
            spec.no_data.join(lang.pick("、", ", "))
        ));
    }
    legend_ui(ui, spec);
    let labels = (spec.kind == ChartKind::Bar).then(|| CategoryLabels::plan(ui, spec));
    // The notes and the source line under the plot, wrapped as they will be drawn: the plot
    // leaves them room, so the source never falls below the window.
    let width = ui.available_width();
    let small = egui::TextStyle::Small.resolve(ui.style());
    let spacing = ui.spacing().item_spacing.y;
    let more = more_notes(spec);
    let footer_height: f32 = spec
        .notes
        .iter()
        .take(NOTES_SHOWN)
        .chain(more.as_ref().map(|(line, _)| line))
        .chain(std::iter::once(&spec.source_line))
        .map(|text| {
            ui.fonts_mut(|f| f.layout(text.clone(), small.clone(), Color32::WHITE, width))
                .size()
                .y
                + spacing
        })
        .sum::<f32>()
        + 8.0;
    let labels_height = labels.as_ref().map_or(0.0, |l| l.height);
    let height = (ui.available_height() - footer_height - labels_height).max(160.0);
    let log = spec.log_scale;
    let y_label = if log {
        format!("{} (log)", spec.unit)
    } else {
        spec.unit.clone()
    };
    let mut plot = Plot::new("chart")
        .height(height)
        .y_axis_label(y_label)
        .y_axis_formatter(move |mark, _| axis_value(mark.value, log))
        .show_x(false)
        .show_y(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false);
    if !spec.x_label.is_empty() {
        plot = plot.x_axis_label(spec.x_label.clone());
    }
    let response = match spec.kind {
        ChartKind::Bar => bar_plot_ui(
            ui,
            plot.show_axes([false, true]).show_grid([false, true]),
            spec,
        ),
        ChartKind::Line => line_plot_ui(ui, plot, spec),
    };
    ui.ctx()
        .data_mut(|d| d.insert_temp(transform_id(), response.transform));
    if let Some(labels) = labels {
        labels.ui(ui, &response.transform);
    }
    // The pointer in this frame's plot coordinates (egui_plot's own pointer coordinate uses
    // the previous frame's transform).
    let pointer = response
        .response
        .hover_pos()
        .map(|pos| response.transform.value_from_position(pos));
    if let Some(pointer) = pointer
        && let Some(point) = hovered(spec, &response.transform, pointer)
    {
        let text = hover_text(point, spec);
        egui::containers::Tooltip::for_widget(&response.response)
            .at_pointer()
            .gap(12.0)
            .show(|ui| {
                ui.set_max_width(ui.spacing().tooltip_width);
                ui.label(text);
            });
    }
    for note in spec.notes.iter().take(NOTES_SHOWN) {
        ui.label(egui::RichText::new(note).small().weak());
    }
    // Never drop a note silently: the rest are counted, and read on hover.
    if let Some((line, hidden)) = more {
        ui.label(egui::RichText::new(line).small().weak())
            .on_hover_text(hidden);
    }
    ui.label(egui::RichText::new(&spec.source_line).small());
}

/// How many of a chart's notes are drawn under it; the rest are counted in one more line.
const NOTES_SHOWN: usize = 3;

/// The line that counts the notes past [`NOTES_SHOWN`] ("另有 1 条数据备注（悬停查看）") and
/// those notes, one a line, for its tooltip; `None` when every note is drawn.
fn more_notes(spec: &ChartSpec) -> Option<(String, String)> {
    let hidden = spec.notes.get(NOTES_SHOWN..).filter(|h| !h.is_empty())?;
    let n = hidden.len();
    let line = match spec.lang {
        crate::lang::Lang::Zh => format!("另有 {n} 条数据备注（悬停查看）"),
        crate::lang::Lang::En => format!("+{n} more notes on figures (hover to read them)"),
    };
    Some((line, hidden.join("\n")))
}

fn transform_id() -> egui::Id {
    egui::Id::unique("yardstick-chart-transform")
}

/// Where the chart drawn last maps plot values to the screen (tests place the pointer
/// with it).
pub fn last_transform(ctx: &egui::Context) -> Option<PlotTransform> {
    ctx.data(|d| d.get_temp(transform_id()))
}

/// Where `point` of `spec` is drawn by `transform`: a line chart's marker, or the middle of
/// the top of a bar.
pub fn screen_pos(spec: &ChartSpec, transform: &PlotTransform, point: &Point) -> Pos2 {
    let y = plot_y(point.value, spec.log_scale);
    match spec.kind {
        ChartKind::Line => transform.position_from_point(&PlotPoint::new(point.x, y)),
        ChartKind::Bar => {
            let (offset, _) = slot_of(spec, point);
            let (base, top) = (bar_floor(spec), y);
            let middle = base + (top - base) * 0.9;
            transform.position_from_point(&PlotPoint::new(point.x + offset, middle))
        }
    }
}

/// The bar slot (offset, width) of the series `point` belongs to.
fn slot_of(spec: &ChartSpec, point: &Point) -> (f64, f64) {
    let n = spec.series.len();
    let j = spec
        .series
        .iter()
        .position(|s| s.points.iter().any(|p| std::ptr::eq(p, point)))
        .unwrap_or(0);
    bar_slot(j, n)
}

/// The point under the pointer (in plot coordinates): for bars the bar it is on, for lines
/// the nearest marker within [`HOVER_RADIUS`], a published point (actual, estimate, target)
/// before a computed one (scenario, required path) when both are that close.
pub fn hovered<'s>(
    spec: &'s ChartSpec,
    transform: &PlotTransform,
    pointer: PlotPoint,
) -> Option<&'s Point> {
    let log = spec.log_scale;
    let at = transform.position_from_point(&pointer);
    match spec.kind {
        ChartKind::Bar => {
            let floor = bar_floor(spec);
            let n = spec.series.len();
            spec.series.iter().enumerate().find_map(|(j, series)| {
                let (offset, width) = bar_slot(j, n);
                series.points.iter().find(|p| {
                    let x = p.x + offset;
                    let y = plot_y(p.value, log);
                    let top = transform.position_from_point(&PlotPoint::new(x, y.max(floor)));
                    let bottom = transform.position_from_point(&PlotPoint::new(x, y.min(floor)));
                    (pointer.x - x).abs() <= width * 0.95 / 2.0
                        && at.y >= top.y - 4.0
                        && at.y <= bottom.y + 1.0
                })
            })
        }
        ChartKind::Line => {
            let computed = |k: PointKind| matches!(k, PointKind::Scenario | PointKind::Required);
            spec.points()
                .filter_map(|p| {
                    let pos =
                        transform.position_from_point(&PlotPoint::new(p.x, plot_y(p.value, log)));
                    let d = pos.distance(at);
                    (d <= HOVER_RADIUS).then_some((computed(p.kind), d, p))
                })
                .min_by(|a, b| {
                    (a.0, a.1)
                        .partial_cmp(&(b.0, b.1))
                        .unwrap_or(std::cmp::Ordering::Equal)
                })
                .map(|(_, _, p)| p)
        }
    }
}

/// The y drawn for a value: log10 on a log scale.
fn plot_y(value: f64, log: bool) -> f64 {
    if log { value.log10() } else { value }
}

/// Where bars start: 0, or on a log scale the power of ten below the smallest value.
fn bar_floor(spec: &ChartSpec) -> f64 {
    if spec.log_scale {
        spec.value_range().map_or(0.0, |(lo, _)| lo.log10().floor())
    } else {
        0.0
    }
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

/// The value axis shown, in plot units: on a linear scale zero is included and the axis
/// goes below zero only for negative values (data that cannot be negative never gets a
/// negative axis); 8 % of the span is added beyond the data. On a log scale, log10 units.
pub fn y_bounds(spec: &ChartSpec) -> (f64, f64) {
    let log = spec.log_scale;
    // plot_y is increasing, so the range of the plotted values is that of the values.
    let Some((min, max)) = spec
        .scaled_range(|v| v.is_finite() && (!log || v > 0.0))
        .map(|(lo, hi)| (plot_y(lo, log), plot_y(hi, log)))
    else {
        return (0.0, 1.0);
    };
    if log {
        let lo = min.min(bar_floor(spec));
        let pad = ((max - lo) * 0.08).max(0.05);
        return (lo, max + pad);
    }
    let (lo, hi) = (min.min(0.0), max.max(0.0));
    let span = hi - lo;
    if span <= 0.0 || !span.is_finite() {
        return (0.0, 1.0);
    }
    let hi = if hi > 0.0 { hi + span * 0.08 } else { hi };
    let lo = if lo < 0.0 { lo - span * 0.08 } else { lo };
    (lo, hi)
}

/// Hover text of one point: value, unit, kind, the published figure when the value drawn is
/// not it, source and note.
pub fn hover_text(point: &Point, spec: &ChartSpec) -> String {
    let lang = spec.lang;
    let mut text = format!(
        "{} · {}\n{}{} {}  ({})",
        point.region,
        point.year,
        point.bound.symbol_in(lang),
        format_value(point.value),
        spec.unit,
        point.kind.label(lang)
    );
    match point.published {
        Some(published) if published != point.value => text.push_str(&format!(
            "\n{}: {}",
            lang.pick("公布值", "published value"),
            format_value(published)
        )),
        None if point.raw_value != point.value => text.push_str(&format!(
            "\n{}: {}",
            lang.pick("推算值", "computed value"),
            format_value(point.raw_value)
        )),
        _ => {}
    }
    text.push_str(&format!(
        "\n{}{}",
        lang.pick("来源：", "Source: "),
        point.source
    ));
    if let Some(note) = &point.note {
        text.push_str(&format!("\n{note}"));
    }
    text
}

/// A picked parent (重庆市 over its districts) as a dotted line with its name and value,
/// never as one more bar: as the export draws it ([`crate::chart::spec`]'s `parent_lines`).
fn parent_lines(spec: &ChartSpec) -> Vec<HLine> {
    spec.parent_lines
        .iter()
        .filter(|p| !p.off_scale)
        .map(|p| {
            HLine::new(p.line.label.clone(), plot_y(p.line.value, spec.log_scale))
                .color(Color32::from_gray(90))
                .style(LineStyle::dotted_dense())
                .width(1.5)
                .allow_hover(false)
        })
        .collect()
}

/// Text size of a bound's sign over its bar or point, in points.
const BOUND_MARK_SIZE: f32 = 20.0;

/// The sign of each bound point ("> 300" drawn at 300 with ">" above it): a bound is never
/// shown as if it were an exact figure.
fn bound_marks(
    spec: &ChartSpec,
    offset_of: impl Fn(usize) -> f64,
    anchor: egui::Align2,
) -> Vec<egui_plot::Text> {
    let mut marks = Vec::new();
    for (j, series) in spec.series.iter().enumerate() {
        for p in series.points.iter().filter(|p| !p.bound.is_exact()) {
            let y = plot_y(p.value, spec.log_scale);
            // Large enough to read at a glance: the sign is the point's meaning.
            let text = egui::RichText::new(p.bound.symbol_in(spec.lang).trim())
                .size(BOUND_MARK_SIZE)
                .strong()
                .color(color_of(series));
            marks.push(
                egui_plot::Text::new(
                    format!("{} {}", series.name, p.year),
                    egui_plot::PlotPoint::new(p.x + offset_of(j), y),
                    text,
                )
                .anchor(anchor)
                .allow_hover(false),
            );
        }
    }
    marks
}

fn reference_line(spec: &ChartSpec) -> Option<HLine> {
    spec.reference.as_ref().map(|r| {
        HLine::new(r.label.clone(), plot_y(r.value, spec.log_scale))
            .color(Color32::GRAY)
            .style(LineStyle::dashed_dense())
            .allow_hover(false)
    })
}

/// The legend, above the plot: one entry per series, its symbol as drawn.
fn legend_ui(ui: &mut egui::Ui, spec: &ChartSpec) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for series in spec.series.iter().filter(|s| !s.points.is_empty()) {
            // Symbol and name stay together, on one line: a new row when they do not fit.
            let font = egui::TextStyle::Body.resolve(ui.style());
            let name_width = ui
                .fonts_mut(|f| f.layout_no_wrap(series.name.clone(), font, Color32::WHITE))
                .size()
                .x;
            let left = ui.max_rect().right() - ui.cursor().min.x;
            if left < 26.0 + name_width + 16.0 {
                ui.end_row();
            }
            let (rect, _) = ui.allocate_exact_size(Vec2::new(26.0, 14.0), Sense::hover());
            swatch(ui.painter(), rect, spec.kind, series);
            ui.add(egui::Label::new(&series.name).extend());
            ui.add_space(6.0);
        }
    });
}

/// A series' symbol in `rect`: a bar, or a line with its marker.
fn swatch(painter: &egui::Painter, rect: Rect, kind: ChartKind, series: &Series) {
    let color = color_of(series);
    let style = style_of(series.kind);
    match kind {
        ChartKind::Bar => {
            let r = rect.shrink2(Vec2::new(2.0, 1.0));
            painter.rect_filled(r, 0.0, color.gamma_multiply(style.fill_alpha));
            if style.fill_alpha < 1.0 {
                painter.rect_stroke(r, 0.0, Stroke::new(2.0, color), egui::StrokeKind::Inside);
            }
        }
        ChartKind::Line => {
            let (a, b) = (rect.left_center(), rect.right_center());
            let stroke = Stroke::new(2.0, color);
            if style.joined {
                match style.dash {
                    Dash::Solid => {
                        painter.line_segment([a, b], stroke);
                    }
                    Dash::Dashed => {
                        painter.extend(egui::Shape::dashed_line(&[a, b], stroke, 6.0, 3.0));
                    }
                    Dash::Dotted => {
                        painter.extend(egui::Shape::dotted_line(&[a, b], color, 4.0, 1.2));
                    }
                }
            }
            let c = rect.center();
            let filled = style.fill_alpha >= 1.0;
            let fill = if filled {
                color
            } else {
                color.gamma_multiply(style.fill_alpha)
            };
            let outline = Stroke::new(if filled { 0.0 } else { 1.5 }, color);
            let r = 4.5;
            let shape = match style.marker {
                Marker::Circle => egui::Shape::circle_filled(c, r, fill),
                Marker::Square => egui::Shape::rect_filled(
                    Rect::from_center_size(c, Vec2::splat(2.0 * r)),
                    0.0,
                    fill,
                ),
                Marker::Diamond => egui::Shape::convex_polygon(
                    vec![
                        c + Vec2::new(0.0, -r - 1.0),
                        c + Vec2::new(r + 1.0, 0.0),
                        c + Vec2::new(0.0, r + 1.0),
                        c + Vec2::new(-r - 1.0, 0.0),
                    ],
                    fill,
                    outline,
                ),
                Marker::Triangle => egui::Shape::convex_polygon(
                    vec![
                        c + Vec2::new(0.0, -r),
                        c + Vec2::new(r, r * 0.8),
                        c + Vec2::new(-r, r * 0.8),
                    ],
                    fill,
                    outline,
                ),
            };
            painter.add(shape);
            if !filled && matches!(style.marker, Marker::Circle | Marker::Square) {
                match style.marker {
                    Marker::Circle => {
                        painter.circle_stroke(c, r, outline);
                    }
                    _ => {
                        painter.rect_stroke(
                            Rect::from_center_size(c, Vec2::splat(2.0 * r)),
                            0.0,
                            outline,
                            egui::StrokeKind::Middle,
                        );
                    }
                }
            }
        }
    }
}

/// How the bar names sit under the plot: horizontal, rotated 45° or 90°, each shortened to
/// [`MAX_LABEL_LENGTH`] at most, never left out.
struct CategoryLabels {
    galleys: Vec<(String, Arc<egui::Galley>)>,
    /// Rotation, radians (0, −π/4 or −π/2).
    angle: f32,
    /// Height of the strip under the plot.
    height: f32,
}

impl CategoryLabels {
    /// Measures the names and picks the rotation for the width the plot will have.
    fn plan(ui: &egui::Ui, spec: &ChartSpec) -> Self {
        let font = egui::TextStyle::Body.resolve(ui.style());
        let color = ui.visuals().text_color();
        let galleys: Vec<(String, Arc<egui::Galley>)> = spec
            .categories
            .iter()
            .enumerate()
            .map(|(i, name)| {
                // With "latest value up to the year", a bar of an earlier year has its year
                // under its name, as the export draws it.
                let year = spec.category_years.get(i).filter(|y| !y.is_empty());
                let mut shown = name.clone();
                let mut galley =
                    ui.fonts_mut(|f| f.layout_no_wrap(shown.clone(), font.clone(), color));
                while galley.size().x > MAX_LABEL_LENGTH && shown.chars().count() > 2 {
                    shown = shown
                        .chars()
                        .take(shown.chars().count() - 2)
                        .collect::<String>()
                        + "…";
                    galley = ui.fonts_mut(|f| f.layout_no_wrap(shown.clone(), font.clone(), color));
                }
                match year {
                    Some(year) => {
                        let text = format!("{shown}\n{year}");
                        let galley = ui.fonts_mut(|f| f.layout_no_wrap(text, font.clone(), color));
                        (format!("{name} {year}"), galley)
                    }
                    None => (name.clone(), galley),
                }
            })
            .collect();
        let widest = galleys.iter().map(|(_, g)| g.size().x).fold(0.0, f32::max);
        let line = galleys
            .iter()
            .map(|(_, g)| g.size().y)
            .fold(font.size, f32::max);
        // The y axis takes about 60 points of the width.
        let slot = (ui.available_width() - 60.0).max(1.0) / spec.categories.len().max(1) as f32;
        let (angle, height) = if widest + 8.0 <= slot {
            (0.0, line + 8.0)
        } else if slot >= line * 1.5 {
            let s = std::f32::consts::FRAC_1_SQRT_2;
            (-std::f32::consts::FRAC_PI_4, (widest + line) * s + 10.0)
        } else {
            (-std::f32::consts::FRAC_PI_2, widest + 10.0)
        };
        Self {
            galleys,
            angle,
            height,
        }
    }

    /// Draws every name under its bar; each is a widget named by the full name (hover shows
    /// it when shortened).
    fn ui(self, ui: &mut egui::Ui, transform: &PlotTransform) {
        let width = ui.available_width();
        let (strip, _) = ui.allocate_exact_size(Vec2::new(width, self.height), Sense::hover());
        let color = ui.visuals().text_color();
        let (sin, cos) = self.angle.sin_cos();
        let along = Vec2::new(cos, sin);
        let across = Vec2::new(-sin, cos);
        for (i, (name, galley)) in self.galleys.into_iter().enumerate() {
            let x = transform.position_from_point_x(i as f64);
            let size = galley.size();
            let anchor = Pos2::new(x, strip.top() + 4.0);
            let (pos, bounds) = if self.angle == 0.0 {
                let pos = Pos2::new(x - size.x / 2.0, anchor.y);
                (pos, Rect::from_min_size(pos, size))
            } else {
                // The end of the text's middle line sits at the tick.
                let pos = anchor - along * size.x - across * (size.y / 2.0);
                let corners = [
                    pos,
                    pos + along * size.x,
                    pos + across * size.y,
                    pos + along * size.x + across * size.y,
                ];
                (pos, Rect::from_points(&corners))
            };
            let shortened = galley.text().replace('\n', " ") != name;
            ui.painter()
                .add(egui::epaint::TextShape::new(pos, galley, color).with_angle(self.angle));
            let id = ui.scope_id().with(("yardstick-bar-name", i));
            let response = ui.interact(bounds, id, Sense::hover());
            let label = name.clone();
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
            if shortened {
                response.on_hover_text(name);
            }
        }
    }
}

fn bar_plot_ui(ui: &mut egui::Ui, plot: Plot<'_>, spec: &ChartSpec) -> egui_plot::PlotResponse<()> {
    let log = spec.log_scale;
    let (y0, y1) = y_bounds(spec);
    let (x0, x1) = spec.x_range();
    let floor = bar_floor(spec);
    plot.show(ui, |plot_ui| {
        plot_ui.set_plot_bounds_x(x0..=x1);
        plot_ui.set_plot_bounds_y(y0..=y1);
        let n = spec.series.len();
        for (j, series) in spec.series.iter().enumerate() {
            let color = color_of(series);
            let style = style_of(series.kind);
            let (offset, width) = bar_slot(j, n);
            let bars = series
                .points
                .iter()
                .map(|p| {
                    Bar::new(p.x + offset, plot_y(p.value, log) - floor)
                        .base_offset(floor)
                        .width(width * 0.95)
                        .fill(color.gamma_multiply(style.fill_alpha))
                        .stroke(Stroke::new(
                            if style.fill_alpha < 1.0 { 2.0 } else { 0.0 },
                            color,
                        ))
                })
                .collect();
            let chart = BarChart::new(series.name.clone(), bars)
                .color(color)
                .allow_hover(false);
            plot_ui.bar_chart(chart);
        }
        if let Some(line) = reference_line(spec) {
            plot_ui.hline(line);
        }
        for line in parent_lines(spec) {
            plot_ui.hline(line);
        }
        for mark in bound_marks(spec, |j| bar_slot(j, n).0, egui::Align2::CENTER_BOTTOM) {
            plot_ui.text(mark);
        }
    })
}

fn line_plot_ui(
    ui: &mut egui::Ui,
    plot: Plot<'_>,
    spec: &ChartSpec,
) -> egui_plot::PlotResponse<()> {
    let log = spec.log_scale;
    let (y0, y1) = y_bounds(spec);
    let (x0, x1) = spec.x_range();
    let plot = plot.x_axis_formatter(|mark, _| {
        if mark.value.fract().abs() < 1e-6 {
            format!("{}", mark.value as i64)
        } else {
            String::new()
        }
    });
    plot.show(ui, |plot_ui| {
        plot_ui.set_plot_bounds_x(x0..=x1);
        plot_ui.set_plot_bounds_y(y0..=y1);
        // Computed paths first, published values last: on top.
        for series in spec.drawing_order() {
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
                            .width(2.0)
                            .allow_hover(false),
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
                    .radius(if style.fill_alpha >= 1.0 { 4.0 } else { 6.0 })
                    .allow_hover(false),
            );
            // A bound is an open ring with its sign above, never an exact filled point.
            let bounds: PlotPoints<'_> = series
                .points
                .iter()
                .filter(|p| !p.bound.is_exact())
                .map(|p| [p.x, plot_y(p.value, log)])
                .collect();
            plot_ui.points(
                Points::new(series.name.clone(), bounds)
                    .color(color)
                    .shape(MarkerShape::Circle)
                    .filled(false)
                    .radius(7.0)
                    .allow_hover(false),
            );
        }
        if let Some(line) = reference_line(spec) {
            plot_ui.hline(line);
        }
        // Beside the ring, up and to the right: over the point the ring and the dot hid it.
        for mark in bound_marks(spec, |_| 0.0, egui::Align2::LEFT_BOTTOM) {
            plot_ui.text(mark);
        }
    })
}
