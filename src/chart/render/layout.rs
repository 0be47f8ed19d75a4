//! Lays a [`ChartSpec`] out on a canvas of a given size: a list of [`Shape`]s in pixels that
//! [`super::paint`] draws on any plotters backend, so that SVG and PNG show the same thing.
//!
//! From the top: title, subtitle, "no data" line, legend, unit label (horizontal, above the
//! y axis: plotters' rotated text is unreliable in bitmaps), the plot with its tick labels
//! and x label, up to three notes and the source line (wrapped) at the bottom. Every text is
//! measured with the bundled font and shortened or wrapped to stay inside the image.

use crate::chart::palette;
use crate::chart::style::{Dash, KindStyle, Marker, bar_slot, consecutive_runs, style_of};
use crate::chart::{ChartKind, ChartSpec, Point, Series};
use crate::lang::Lang;

use super::axis::ValueScale;
use super::bound_marks::{bound_label, bound_marker};
pub use super::shapes::Layout;
use super::shapes::{
    AXIS, Align, Color, GRID, INK, MUTED, REFERENCE, Rect, Shape, TEXT, TextShape, WARN, WHITE,
};
use super::text::{Measure, is_wide};

mod marks;

/// Smallest em size in pixels for any text.
const MIN_EM: f64 = 9.0;
/// Line height as a multiple of the em size.
const LINE: f64 = 1.3;
/// Where text starts below the top of its line, in ems (room for CJK ascenders).
const TEXT_TOP: f64 = 0.18;
/// Bar charts label each bar with its value up to this many bars.
pub const MAX_VALUE_LABELS: usize = 30;
/// Bars use this share of their slot (the rest separates neighbours).
const BAR_FILL: f64 = 0.95;

/// Lays out `spec` on a `width` × `height` pixel canvas.
pub fn layout(spec: &ChartSpec, width: u32, height: u32, measure: &Measure) -> Layout {
    if let Some(tracker) = &spec.tracker {
        return super::tracker::layout_tracker(spec, tracker, width, height, measure);
    }
    let (w, h) = (f64::from(width), f64::from(height));
    // 1 at 1600×900; sizes below are in pixels at that size.
    let unit = (h / 900.0).min(w / 1280.0);
    let mut b = Builder {
        m: measure,
        shapes: Vec::new(),
        w,
        h,
        unit,
    };
    let plot = b.chart(spec);
    Layout {
        width: w,
        height: h,
        shapes: b.shapes,
        plot,
    }
}

struct Builder<'a> {
    m: &'a Measure,
    shapes: Vec<Shape>,
    w: f64,
    h: f64,
    unit: f64,
}

/// Where the pieces of the chart go, decided before drawing them.
struct Frame {
    plot: Rect,
    scale: ValueScale,
    x_range: (f64, f64),
}

impl Frame {
    fn px_x(&self, x: f64) -> f64 {
        let (lo, hi) = self.x_range;
        self.plot.x0 + (x - lo) / (hi - lo) * self.plot.width()
    }

    fn px_y(&self, value: f64) -> f64 {
        self.plot.y1 - self.scale.fraction(value) * self.plot.height()
    }

    /// Pixels per x unit (one category or one year).
    fn x_unit(&self) -> f64 {
        self.plot.width() / (self.x_range.1 - self.x_range.0)
    }
}

/// One legend entry: a series with its symbol, or "+N" for the series left out.
struct LegendEntry<'s> {
    series: Option<&'s Series>,
    text: String,
    width: f64,
}

/// How category names sit under a bar chart.
#[derive(Clone, Copy, Debug, PartialEq)]
enum CategoryLabels {
    /// Horizontal, in one or two staggered rows, every `every`-th category.
    Horizontal { em: f64, rows: usize, every: usize },
    /// Characters stacked top to bottom (CJK names under narrow slots), at most `chars`.
    Vertical { em: f64, chars: usize },
}

impl Builder<'_> {
    /// An em size for a size of `px` at 1600×900.
    fn em(&self, px: f64) -> f64 {
        (px * self.unit).max(MIN_EM)
    }

    /// Adds a line of text, shortened and shifted as needed to stay inside the canvas.
    fn text(
        &mut self,
        text: &str,
        (x, y): (f64, f64),
        em: f64,
        color: Color,
        align: Align,
        bold: bool,
    ) {
        let edge = 2.0;
        let text = self.m.ellipsize(text, em, self.w - 2.0 * edge);
        if text.is_empty() {
            return;
        }
        let width = self.m.width(&text, em);
        let mut shape = TextShape {
            text,
            x,
            y,
            em,
            color,
            align,
            bold,
            width,
        };
        let (left, right) = shape.span();
        if left < edge {
            shape.x += edge - left;
        } else if right > self.w - edge {
            shape.x -= right - (self.w - edge);
        }
        shape.y = shape.y.clamp(0.0, (self.h - em * 1.1).max(0.0));
        self.shapes.push(Shape::Text(shape));
    }

    /// Adds a line of text at the top of a line box starting at `top`; returns the next top.
    fn line(
        &mut self,
        text: &str,
        (x, top): (f64, f64),
        em: f64,
        color: Color,
        align: Align,
        bold: bool,
    ) -> f64 {
        self.text(text, (x, top + TEXT_TOP * em), em, color, align, bold);
        top + LINE * em
    }

    fn chart(&mut self, spec: &ChartSpec) -> Option<Rect> {
        let lang = spec.lang;
        let margin = (24.0 * self.unit).max(6.0);
        let (left, right) = (margin, self.w - margin);
        let content = right - left;
        let mut top = margin;

        // Title: shrunk (down to 60 %) before being shortened.
        let mut title_em = self.em(36.0);
        let title_width = self.m.width(&spec.title, title_em) * 1.05;
        if title_width > content {
            title_em = (title_em * content / title_width)
                .max(title_em * 0.6)
                .max(MIN_EM);
        }
        top = self.line(&spec.title, (left, top), title_em, INK, Align::Left, true);
        if !spec.subtitle.is_empty() {
            top = self.line(
                &spec.subtitle,
                (left, top),
                self.em(20.0),
                MUTED,
                Align::Left,
                false,
            );
        }
        if !spec.no_data.is_empty() {
            let text = match lang {
                Lang::Zh => format!("无数据：{}", spec.no_data.join("、")),
                Lang::En => format!("No data: {}", spec.no_data.join(", ")),
            };
            let em = self.em(17.0);
            for line in self.m.wrap(&text, em, content, 2) {
                top = self.line(&line, (left, top), em, WARN, Align::Left, false);
            }
        }
        top += self.em(20.0) * 0.4;

        // Bottom up: source line, notes.
        let mut bottom = self.h - margin;
        let source_em = self.em(15.0);
        let max_source_lines = if self.h >= 700.0 {
            4
        } else if self.h >= 400.0 {
            2
        } else {
            1
        };
        let source = self
            .m
            .wrap(&spec.source_line, source_em, content, max_source_lines);
        bottom -= source.len() as f64 * LINE * source_em;
        let mut y = bottom;
        for line in &source {
            y = self.line(line, (left, y), source_em, MUTED, Align::Left, false);
        }
        let note_em = self.em(15.0);
        let max_notes = if self.h >= 400.0 { 3 } else { 1 };
        let mut notes: Vec<String> = spec.notes.iter().take(max_notes).cloned().collect();
        let hidden = spec.notes.len().saturating_sub(max_notes);
        if hidden > 0 {
            // Never drop a note silently: say how many more there are and where they are.
            if let Some(last) = notes.last_mut() {
                *last = match lang {
                    Lang::Zh => format!("{last}（另有 {hidden} 条数据备注，见 CSV 的 note 列）"),
                    Lang::En => {
                        format!("{last} (+{hidden} more notes on figures: see the CSV note column)")
                    }
                };
            }
        }
        bottom -= notes.len() as f64 * LINE * note_em;
        let mut y = bottom;
        for note in &notes {
            y = self.line(note, (left, y), note_em, MUTED, Align::Left, false);
        }
        bottom -= self.em(15.0) * 0.5;

        if spec.is_empty() {
            let em = self.em(30.0);
            let middle = (top + bottom) / 2.0 - em * LINE / 2.0;
            self.line(
                lang.pick("无数据", "No data"),
                (self.w / 2.0, middle),
                em,
                MUTED,
                Align::Center,
                false,
            );
            return None;
        }

        // Legend, at most about a quarter of what is left.
        top = self.legend(spec, left, content, top, (bottom - top) * 0.28);

        // Unit label, horizontal, above the y axis.
        let axis_em = self.em(17.0);
        let unit = if spec.log_scale {
            format!("{}{}", spec.unit, lang.pick("（对数）", " (log)"))
        } else {
            spec.unit.clone()
        };
        if !unit.is_empty() {
            top = self.line(&unit, (left, top), axis_em, TEXT, Align::Left, false);
        }
        top += axis_em * 0.6;
        let x_label_top = if spec.x_label.is_empty() {
            None
        } else {
            bottom -= LINE * axis_em;
            Some(bottom)
        };

        // The value axis: ticks for a provisional height, then the labels' width.
        let scale = ValueScale::for_spec(spec);
        let tick_em = self.em(16.0);
        let provisional = (bottom - top - 2.0 * LINE * tick_em).max(20.0);
        let ticks = scale.ticks((provisional / (tick_em * 3.2)) as usize);
        let label_width = ticks
            .iter()
            .map(|(_, t)| self.m.width(t, tick_em))
            .fold(0.0, f64::max);
        let plot_x0 = (left + label_width + tick_em * 0.8).min(left + content * 0.4);
        let plot_x1 = right - tick_em * 0.5;
        let x_range = x_range(spec);
        let slot = (plot_x1 - plot_x0) / (x_range.1 - x_range.0);

        let categories = (spec.kind == ChartKind::Bar).then(|| {
            let max_height = ((bottom - top) * 0.3).max(LINE * tick_em);
            category_labels(
                self.m,
                &spec.categories,
                slot,
                tick_em,
                (tick_em * 0.75).max(MIN_EM),
                max_height,
            )
        });
        let x_labels_height = match categories {
            Some((_, height)) => height + self.category_years_height(spec, tick_em),
            None => LINE * tick_em + tick_em * 0.4,
        };
        let plot_y1 = (bottom - x_labels_height).max(top + 10.0);
        let plot = Rect {
            x0: plot_x0,
            y0: top,
            x1: plot_x1.max(plot_x0 + 10.0),
            y1: plot_y1,
        };
        let frame = Frame {
            plot,
            scale,
            x_range,
        };

        self.grid(&frame, &ticks, tick_em);
        match spec.kind {
            ChartKind::Bar => self.bars(spec, &frame),
            ChartKind::Line => self.lines(spec, &frame),
        }
        self.axes(&frame);
        if let Some(reference) = &spec.reference {
            self.reference_line(&frame, reference.value, &reference.label);
        }
        self.parent_lines(spec, &frame);
        match categories {
            Some((mode, height)) => {
                self.category_axis(&frame, &spec.categories, mode);
                self.category_years(spec, &frame, plot.y1 + height, tick_em);
            }
            None => self.year_axis(&frame, tick_em),
        }
        if let Some(label_top) = x_label_top {
            let centre = (plot.x0 + plot.x1) / 2.0;
            self.line(
                &spec.x_label,
                (centre, label_top),
                axis_em,
                TEXT,
                Align::Center,
                false,
            );
        }
        Some(plot)
    }

    /// Legend entries in rows from `top`; shrinks the text, then drops entries ("+N") to stay
    /// within `budget` pixels. Returns the top of what follows.
    fn legend(&mut self, spec: &ChartSpec, left: f64, width: f64, top: f64, budget: f64) -> f64 {
        let series: Vec<&Series> = spec
            .series
            .iter()
            .filter(|s| !s.points.is_empty())
            .collect();
        if series.is_empty() {
            return top;
        }
        let base = self.em(16.0);
        let mut em = base;
        loop {
            let rows = self.legend_rows(&series, em, width, usize::MAX);
            if rows.len() as f64 * LINE * 1.1 * em <= budget || em <= (base * 0.75).max(MIN_EM) {
                break;
            }
            em = (em * 0.9).max((base * 0.75).max(MIN_EM));
        }
        let row_height = LINE * 1.1 * em;
        let max_rows = ((budget / row_height).floor() as usize).max(1);
        let rows = self.legend_rows(&series, em, width, max_rows);
        let mut y = top;
        for row in rows {
            let mut x = left;
            for entry in row {
                let cy = y + row_height / 2.0;
                if let Some(s) = entry.series {
                    self.swatch(spec.kind, s, x, cy, em);
                    x += em * 2.3;
                }
                self.text(
                    &entry.text,
                    (x, cy - 0.37 * em),
                    em,
                    TEXT,
                    Align::Left,
                    false,
                );
                x += entry.width + em * 1.3;
            }
            y += row_height;
        }
        y + em * 0.3
    }

    /// Splits the legend into rows of at most `width` pixels, at most `max_rows` of them; when
    /// entries are left out the last row ends with "+N".
    fn legend_rows<'s>(
        &self,
        series: &[&'s Series],
        em: f64,
        width: f64,
        max_rows: usize,
    ) -> Vec<Vec<LegendEntry<'s>>> {
        let swatch = em * 2.3;
        let gap = em * 1.3;
        let mut rows: Vec<Vec<LegendEntry<'s>>> = vec![Vec::new()];
        let mut x = 0.0;
        for s in series {
            let text = self.m.ellipsize(&s.name, em, width - swatch);
            let entry = LegendEntry {
                series: Some(*s),
                width: self.m.width(&text, em) * 1.05,
                text,
            };
            if x > 0.0 && x + swatch + entry.width > width {
                if rows.len() >= max_rows {
                    let shown_before: usize = rows[..rows.len() - 1].iter().map(Vec::len).sum();
                    let last = rows.last_mut().expect("rows is never empty");
                    loop {
                        let more = format!("+{}", series.len() - shown_before - last.len());
                        let more_width = self.m.width(&more, em) * 1.05;
                        if x + more_width <= width || last.is_empty() {
                            last.push(LegendEntry {
                                series: None,
                                text: more,
                                width: more_width,
                            });
                            return rows;
                        }
                        if let Some(dropped) = last.pop() {
                            x -= swatch + dropped.width + gap;
                        }
                    }
                }
                rows.push(Vec::new());
                x = 0.0;
            }
            x += swatch + entry.width + gap;
            rows.last_mut().expect("rows is never empty").push(entry);
        }
        rows
    }

    /// The legend symbol of a series, centred vertically on `cy`, starting at `x`.
    fn swatch(&mut self, kind: ChartKind, series: &Series, x: f64, cy: f64, em: f64) {
        let color = series_color(series);
        let style = style_of(series.kind);
        match kind {
            ChartKind::Bar => {
                let (w, h) = (em * 1.6, em * 0.9);
                self.bar_rect((x, cy - h / 2.0), (x + w, cy + h / 2.0), color, style);
            }
            ChartKind::Line => {
                let length = em * 1.8;
                let width = self.stroke(3.0);
                if style.joined {
                    self.polyline(&[(x, cy), (x + length, cy)], color, width, style.dash);
                }
                self.marker((x + length / 2.0, cy), color, style, self.marker_radius());
            }
        }
    }

    /// A stroke width for `px` at 1600×900, at least 1.
    fn stroke(&self, px: f64) -> f64 {
        (px * self.unit).round().max(1.0)
    }

    fn marker_radius(&self) -> f64 {
        (5.0 * self.unit).max(2.5)
    }

    /// Horizontal grid lines and tick labels of the value axis.
    fn grid(&mut self, frame: &Frame, ticks: &[(f64, String)], em: f64) {
        let plot = frame.plot;
        for (value, label) in ticks {
            let y = frame.px_y(*value);
            if !(plot.y0 - 0.5..=plot.y1 + 0.5).contains(&y) {
                continue;
            }
            let color = if *value == 0.0 && !frame.scale.log {
                REFERENCE
            } else {
                GRID
            };
            self.shapes.push(Shape::Line {
                points: vec![(plot.x0, y), (plot.x1, y)],
                color,
                width: 1.0,
            });
            self.shapes.push(Shape::Line {
                points: vec![(plot.x0 - em * 0.3, y), (plot.x0, y)],
                color: AXIS,
                width: 1.0,
            });
            // Digits are centred ≈ 0.375 em below the text top.
            self.text(
                label,
                (plot.x0 - em * 0.5, y - em * 0.375),
                em,
                TEXT,
                Align::Right,
                false,
            );
        }
    }

    fn axes(&mut self, frame: &Frame) {
        let p = frame.plot;
        self.shapes.push(Shape::Line {
            points: vec![(p.x0, p.y0), (p.x0, p.y1)],
            color: AXIS,
            width: 1.0,
        });
        self.shapes.push(Shape::Line {
            points: vec![(p.x0, p.y1), (p.x1, p.y1)],
            color: AXIS,
            width: 1.0,
        });
    }

    fn reference_line(&mut self, frame: &Frame, value: f64, label: &str) {
        let y = frame.px_y(value);
        let p = frame.plot;
        if !(value.is_finite() && (p.y0..=p.y1).contains(&y)) {
            return;
        }
        self.polyline(
            &[(p.x0, y), (p.x1, y)],
            REFERENCE,
            self.stroke(2.0),
            Dash::Dashed,
        );
        let em = self.em(15.0);
        // Above the line, unless that leaves the plot.
        let text_y = if y - em * 1.3 >= p.y0 {
            y - em * 1.15
        } else {
            y + em * 0.35
        };
        self.text(
            label,
            (p.x1 - em * 0.3, text_y),
            em,
            REFERENCE,
            Align::Right,
            false,
        );
    }

    /// A bar (or legend swatch) between two corners in the style of its kind: solid, light
    /// with an outline, or hollow (a 2-pixel outline).
    fn bar_rect(&mut self, from: (f64, f64), to: (f64, f64), color: Color, style: KindStyle) {
        let alpha = f64::from(style.fill_alpha);
        if alpha >= 1.0 {
            self.shapes.push(Shape::FillRect { from, to, color });
            return;
        }
        if alpha > 0.0 {
            self.shapes.push(Shape::FillRect {
                from,
                to,
                color: color.with_alpha(alpha),
            });
        }
        self.shapes.push(Shape::StrokeRect { from, to, color });
        if to.0 - from.0 >= 4.0 && to.1 - from.1 >= 4.0 {
            self.shapes.push(Shape::StrokeRect {
                from: (from.0 + 1.0, from.1 + 1.0),
                to: (to.0 - 1.0, to.1 - 1.0),
                color,
            });
        }
    }

    fn bars(&mut self, spec: &ChartSpec, frame: &Frame) {
        let n = spec.series.len();
        let p = frame.plot;
        let base = frame.px_y(frame.scale.bar_base()).clamp(p.y0, p.y1);
        let drawable = |pt: &Point| {
            pt.value.is_finite() && pt.x.is_finite() && (!frame.scale.log || pt.value > 0.0)
        };
        let count = spec.points().filter(|pt| drawable(pt)).count();
        let mut labels = Vec::new();
        for (j, series) in spec.series.iter().enumerate() {
            let color = series_color(series);
            let style = style_of(series.kind);
            let (offset, width) = bar_slot(j, n);
            for point in series.points.iter().filter(|pt| drawable(pt)) {
                let centre = point.x + offset;
                let half = width * BAR_FILL / 2.0;
                let (mut x0, mut x1) = (
                    frame.px_x(centre - half).round(),
                    frame.px_x(centre + half).round(),
                );
                if x1 < p.x0 || x0 > p.x1 {
                    continue;
                }
                x0 = x0.max(p.x0);
                x1 = x1.min(p.x1).max(x0 + 1.0);
                let y = frame.px_y(point.value).clamp(p.y0, p.y1).round();
                let (top, bottom) = (y.min(base), y.max(base).max(y.min(base) + 1.0));
                self.bar_rect((x0, top), (x1, bottom), color, style);
                // A bound is labelled with its sign ("> 300") however many bars there are:
                // without the label it would pass for an exact value.
                if count <= MAX_VALUE_LABELS || !point.bound.is_exact() {
                    labels.push((
                        bound_label(point.value, point.bound),
                        (x0 + x1) / 2.0,
                        x1 - x0,
                        y,
                        y > base,
                    ));
                }
            }
        }
        // Value labels on top of every bar, sized to the narrowest slot.
        let slot = frame.x_unit() * bar_slot(0, n).1;
        for (text, x, bar_width, y, below) in labels {
            let mut em = self.em(14.0);
            let text_width = self.m.width(&text, em) * 1.05;
            let room = slot.max(bar_width);
            if text_width > room {
                em = (em * room / text_width).max(MIN_EM * 0.9);
            }
            let text_y = if below { y + em * 0.3 } else { y - em * 1.05 };
            self.text(&text, (x, text_y), em, TEXT, Align::Center, false);
        }
    }

    fn lines(&mut self, spec: &ChartSpec, frame: &Frame) {
        let width = self.stroke(3.0);
        let radius = self.marker_radius();
        let drawable = |pt: &Point| {
            pt.value.is_finite() && pt.x.is_finite() && (!frame.scale.log || pt.value > 0.0)
        };
        for series in spec.drawing_order() {
            let color = series_color(series);
            let style = style_of(series.kind);
            if style.joined {
                for run in consecutive_runs(&series.points) {
                    // A value that cannot be drawn breaks the run too.
                    for piece in run
                        .split(|pt| !drawable(pt))
                        .filter(|piece| piece.len() > 1)
                    {
                        let points: Vec<(f64, f64)> = piece
                            .iter()
                            .map(|pt| (frame.px_x(pt.x), frame.px_y(pt.value)))
                            .collect();
                        self.polyline(&points, color, width, style.dash);
                    }
                }
            }
        }
        // Markers on top of every line.
        for series in spec.drawing_order() {
            let color = series_color(series);
            let style = style_of(series.kind);
            for point in series.points.iter().filter(|pt| drawable(pt)) {
                let centre = (frame.px_x(point.x), frame.px_y(point.value));
                if frame.plot.contains(centre, 0.5) {
                    let bound = bound_marker(centre, color, point.bound, radius, self.stroke(2.0));
                    if bound.is_empty() {
                        self.marker(centre, color, style, radius);
                    } else {
                        self.shapes.extend(bound);
                    }
                }
            }
        }
    }

    /// A polyline, solid or broken into dashes or dots.
    fn polyline(&mut self, points: &[(f64, f64)], color: Color, width: f64, dash: Dash) {
        let pattern = match dash {
            Dash::Solid => None,
            Dash::Dashed => Some((12.0 * self.unit.max(0.5), 7.0 * self.unit.max(0.5))),
            Dash::Dotted => Some(((2.5 * self.unit).max(1.5), (5.0 * self.unit).max(2.5))),
        };
        match pattern {
            None => self.shapes.push(Shape::Line {
                points: points.to_vec(),
                color,
                width,
            }),
            Some((on, off)) => {
                for piece in dashes(points, on, off) {
                    self.shapes.push(Shape::Line {
                        points: piece,
                        color,
                        width,
                    });
                }
            }
        }
    }

    /// A marker: filled when the kind is solid, else hollow (white, light tint, outline).
    fn marker(&mut self, (x, y): (f64, f64), color: Color, style: KindStyle, r: f64) {
        let alpha = f64::from(style.fill_alpha);
        let outline = self.stroke(2.0);
        let outline_points: Vec<(f64, f64)> = match style.marker {
            Marker::Circle => Vec::new(),
            Marker::Square => {
                let s = r * 0.9;
                vec![
                    (x - s, y - s),
                    (x + s, y - s),
                    (x + s, y + s),
                    (x - s, y + s),
                ]
            }
            Marker::Diamond => {
                let s = r * 1.25;
                vec![(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
            }
            Marker::Triangle => {
                let s = r * 1.2;
                vec![(x, y - s), (x + s, y + s * 0.75), (x - s, y + s * 0.75)]
            }
        };
        let fills: Vec<Color> = if alpha >= 1.0 {
            vec![color]
        } else if alpha > 0.0 {
            vec![WHITE, color.with_alpha(alpha)]
        } else {
            vec![WHITE]
        };
        for fill in fills {
            if outline_points.is_empty() {
                self.shapes.push(Shape::Circle {
                    center: (x, y),
                    radius: r,
                    color: fill,
                    fill: true,
                    width: 1.0,
                });
            } else {
                self.shapes.push(Shape::Polygon {
                    points: outline_points.clone(),
                    color: fill,
                });
            }
        }
        if alpha < 1.0 {
            if outline_points.is_empty() {
                self.shapes.push(Shape::Circle {
                    center: (x, y),
                    radius: r,
                    color,
                    fill: false,
                    width: outline,
                });
            } else {
                let mut closed = outline_points.clone();
                closed.push(outline_points[0]);
                self.shapes.push(Shape::Line {
                    points: closed,
                    color,
                    width: outline,
                });
            }
        }
    }

    /// Year labels under a line chart, every 1, 2, 5, 10… years so they do not collide.
    fn year_axis(&mut self, frame: &Frame, em: f64) {
        let p = frame.plot;
        let (lo, hi) = frame.x_range;
        let (first, last) = (lo.ceil(), hi.floor());
        if !(first.is_finite() && last.is_finite()) || last < first {
            return;
        }
        let label_width = self
            .m
            .width(&format!("{}", last.abs().max(first.abs()) as i64), em)
            + em * 1.2;
        let steps = (0..16).flat_map(|power| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(power)));
        let step = steps
            .into_iter()
            .find(|step| step * frame.x_unit() >= label_width)
            .unwrap_or(1e16);
        let mut year = (first / step).ceil() * step;
        let mut count = 0;
        while year <= last && count < 200 {
            let x = frame.px_x(year);
            self.shapes.push(Shape::Line {
                points: vec![(x, p.y1), (x, p.y1 + em * 0.3)],
                color: AXIS,
                width: 1.0,
            });
            self.text(
                &format!("{}", year as i64),
                (x, p.y1 + em * 0.45),
                em,
                TEXT,
                Align::Center,
                false,
            );
            year += step;
            count += 1;
        }
    }

    /// Category names under a bar chart.
    fn category_axis(&mut self, frame: &Frame, categories: &[String], mode: CategoryLabels) {
        let p = frame.plot;
        let slot = frame.x_unit();
        for (i, name) in categories.iter().enumerate() {
            let x = frame.px_x(i as f64);
            if !(p.x0..=p.x1).contains(&x) {
                continue;
            }
            match mode {
                CategoryLabels::Horizontal { em, rows, every } => {
                    if i % every != 0 {
                        continue;
                    }
                    let row = (i / every) % rows;
                    let top = p.y1 + em * 0.45 + row as f64 * LINE * em;
                    let tick = if row > 0 {
                        LINE * em * row as f64 + em * 0.3
                    } else {
                        em * 0.3
                    };
                    self.shapes.push(Shape::Line {
                        points: vec![(x, p.y1), (x, p.y1 + tick)],
                        color: AXIS,
                        width: 1.0,
                    });
                    let room = slot * (every * rows) as f64 * 0.95;
                    let mut text = self.m.ellipsize(name, em, room);
                    if text.is_empty() || text == "…" {
                        // No room even for one character and "…": the first one, at least.
                        text = name.chars().take(1).collect();
                    }
                    self.text(&text, (x, top), em, TEXT, Align::Center, false);
                }
                CategoryLabels::Vertical { em, chars } => {
                    let count = name.chars().count();
                    let shown: Vec<char> = if count > chars {
                        name.chars()
                            .take(chars.saturating_sub(1))
                            .chain(['…'])
                            .collect()
                    } else {
                        name.chars().collect()
                    };
                    for (k, c) in shown.iter().enumerate() {
                        let top = p.y1 + em * 0.5 + k as f64 * em * 1.08;
                        self.text(&c.to_string(), (x, top), em, TEXT, Align::Center, false);
                    }
                }
            }
        }
    }
}

/// The x range shown, never empty.
fn x_range(spec: &ChartSpec) -> (f64, f64) {
    let (lo, hi) = spec.x_range();
    if lo.is_finite() && hi.is_finite() && hi > lo {
        (lo, hi)
    } else {
        (-0.5, 0.5)
    }
}

fn series_color(series: &Series) -> Color {
    let (r, g, b) = palette::color(series.color_index);
    Color::rgb(r, g, b)
}

/// Chooses how category names fit under slots of `slot` pixels: the largest em from `base`
/// down to `min` at which every name fits on one row; else two staggered rows; else (CJK
/// names) characters stacked vertically; else up to three staggered rows of shortened
/// names. Every category keeps a label. Returns the mode and the height it needs.
fn category_labels(
    m: &Measure,
    labels: &[String],
    slot: f64,
    base: f64,
    min: f64,
    max_height: f64,
) -> (CategoryLabels, f64) {
    let fit = slot * 0.92;
    // Widest name per em, with the margin for other fonts.
    let per_em = labels.iter().map(|l| m.width(l, 1.0)).fold(0.0, f64::max) * 1.05;
    let horizontal = |em: f64, rows: usize, every: usize| {
        (
            CategoryLabels::Horizontal { em, rows, every },
            rows as f64 * LINE * em + em * 0.45,
        )
    };
    if per_em == 0.0 || per_em * base <= fit {
        return horizontal(base, 1, 1);
    }
    let em = fit / per_em;
    if em >= min {
        return horizontal(em, 1, 1);
    }
    if per_em * min <= 2.0 * fit && 2.0 * LINE * min <= max_height {
        return horizontal(min, 2, 1);
    }
    let cjk = labels
        .iter()
        .all(|l| l.chars().filter(|c| is_wide(*c)).count() * 2 >= l.chars().count());
    let vertical_em = (slot * 0.85).min(base);
    if cjk && vertical_em >= min {
        let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let fitting = ((max_height - vertical_em * 0.6) / (vertical_em * 1.08))
            .floor()
            .max(1.0) as usize;
        let chars = longest.min(8).min(fitting);
        if chars >= 2 {
            return (
                CategoryLabels::Vertical {
                    em: vertical_em,
                    chars,
                },
                chars as f64 * vertical_em * 1.08 + vertical_em * 0.6,
            );
        }
    }
    // Every bar keeps a name: in as many staggered rows as fit (up to three), each shortened
    // to its room ("万盛…", "Wan…"); never every n-th name only.
    let rows = ((max_height - min * 0.45) / (LINE * min))
        .floor()
        .clamp(1.0, 3.0) as usize;
    horizontal(min, rows, 1)
}

/// Splits a polyline into dashes of `on` pixels separated by `off`, the pattern running on
/// across vertices.
fn dashes(points: &[(f64, f64)], on: f64, off: f64) -> Vec<Vec<(f64, f64)>> {
    let mut pieces = Vec::new();
    if points.len() < 2 || on <= 0.0 || off < 0.0 {
        return pieces;
    }
    let mut drawing = true;
    let mut left = on;
    let mut current = vec![points[0]];
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let length = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        if !length.is_finite() {
            continue;
        }
        let mut done = 0.0;
        while length - done > left {
            done += left;
            let t = done / length;
            let at = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            if drawing {
                if current.last() != Some(&at) {
                    current.push(at);
                }
                pieces.push(std::mem::take(&mut current));
                left = off;
            } else {
                current = vec![at];
                left = on;
            }
            drawing = !drawing;
            if pieces.len() > 100_000 {
                return pieces;
            }
        }
        left -= length - done;
        if drawing {
            current.push(b);
        }
    }
    if drawing && current.len() > 1 {
        pieces.push(current);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_follow_the_pattern_across_vertices() {
        let pieces = dashes(&[(0.0, 0.0), (25.0, 0.0), (25.0, 25.0)], 10.0, 5.0);
        // 0–10, 15–25, then 30–40 straddles the corner (25,5)… and so on.
        assert_eq!(pieces[0], vec![(0.0, 0.0), (10.0, 0.0)]);
        assert_eq!(pieces[1], vec![(15.0, 0.0), (25.0, 0.0)]);
        assert_eq!(pieces[2], vec![(25.0, 5.0), (25.0, 15.0)]);
        assert_eq!(pieces.len(), 4);
        assert!(dashes(&[(0.0, 0.0)], 1.0, 1.0).is_empty());
    }

    #[test]
    fn category_labels_shrink_then_stack_then_thin() {
        let m = Measure::new().expect("font");
        let names: Vec<String> = ["万盛经开区", "綦江区"].map(String::from).to_vec();
        let (mode, _) = category_labels(&m, &names, 200.0, 18.0, 13.0, 200.0);
        assert_eq!(
            mode,
            CategoryLabels::Horizontal {
                em: 18.0,
                rows: 1,
                every: 1
            }
        );
        let (mode, _) = category_labels(&m, &names, 80.0, 18.0, 13.0, 200.0);
        assert!(
            matches!(mode, CategoryLabels::Horizontal { rows: 1, every: 1, em } if (13.0..18.0).contains(&em))
        );
        let (mode, _) = category_labels(&m, &names, 20.0, 18.0, 13.0, 200.0);
        assert!(
            matches!(mode, CategoryLabels::Vertical { chars: 5, .. }),
            "{mode:?}"
        );
        // Too narrow for anything else: staggered rows of shortened names, every bar named.
        let (mode, _) = category_labels(&m, &names, 5.0, 18.0, 13.0, 200.0);
        assert!(
            matches!(
                mode,
                CategoryLabels::Horizontal {
                    every: 1,
                    rows: 3,
                    ..
                }
            ),
            "{mode:?}"
        );
        let latin: Vec<String> = ["Wansheng", "Qijiang"].map(String::from).to_vec();
        let (mode, _) = category_labels(&m, &latin, 20.0, 18.0, 13.0, 200.0);
        assert!(
            matches!(mode, CategoryLabels::Horizontal { every: 1, .. }),
            "{mode:?}"
        );
    }
}

#[cfg(test)]
mod spec_tests {
    use super::*;
    use crate::chart::render::test_specs;

    fn laid_out(spec: &ChartSpec) -> Layout {
        layout(spec, 1600, 900, &Measure::new().expect("font"))
    }

    /// Open polylines (closed ones are marker outlines) in the colour of `spec`'s first
    /// series, inside the plot.
    fn data_lines(spec: &ChartSpec, l: &Layout) -> Vec<Vec<(f64, f64)>> {
        let color = series_color(&spec.series[0]);
        let plot = l.plot.expect("plot");
        l.shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Line {
                    points, color: c, ..
                } if *c == color => Some(points.clone()),
                _ => None,
            })
            .filter(|p| p.iter().all(|&pt| plot.contains(pt, 1.0)))
            .filter(|p| p.first() != p.last())
            .collect()
    }

    #[test]
    fn a_missing_year_breaks_the_line() {
        let spec = test_specs::gap_line();
        let l = laid_out(&spec);
        let lines = data_lines(&spec, &l);
        // 2018–2019 and 2021–2022: two runs of two points, nothing drawn across 2020.
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines.iter().all(|p| p.len() == 2), "{lines:?}");
        let gap = (lines[0][1].0, lines[1][0].0);
        assert!(gap.0 < gap.1, "{gap:?}");
        // The target is a hollow marker: a white fill under a closed outline in the
        // series colour.
        let color = series_color(&spec.series[0]);
        let outline = l.shapes.iter().any(|s| {
            matches!(s, Shape::Line { color: c, points, .. }
                if *c == color && points.len() > 2 && points.first() == points.last())
        });
        let white_fill = l
            .shapes
            .iter()
            .any(|s| matches!(s, Shape::Polygon { color: c, .. } if *c == WHITE));
        assert!(outline && white_fill);
        assert!(l.texts().any(|t| t.text == "参考"), "reference label");
    }

    /// GDP of every bundled region in 2018, as `yardstick export --chart bar` draws it.
    fn bundled_gdp_bars(lang: Lang) -> ChartSpec {
        let dataset = crate::bundled_dataset().expect("bundled data");
        let selection = crate::chart::Selection {
            indicator: dataset.indicator_by_id("gdp").expect("gdp"),
            regions: dataset.region_indices().collect(),
            years: (2018, 2018),
            kind: ChartKind::Bar,
            mode: crate::chart::ViewMode::Absolute,
            log_scale: false,
        };
        crate::chart::build_chart(&dataset, &selection, lang)
    }

    #[test]
    fn every_bar_is_named_even_when_the_names_do_not_fit() {
        for lang in [Lang::Zh, Lang::En] {
            let spec = bundled_gdp_bars(lang);
            // 13 districts with a 2018 GDP; 重庆市, their parent, is a reference line.
            assert_eq!(spec.categories.len(), 13, "{:?}", spec.categories);
            assert_eq!(spec.parent_lines.len(), 1);
            assert!(
                spec.parent_lines[0]
                    .line
                    .label
                    .contains(if lang == Lang::Zh {
                        "重庆市"
                    } else {
                        "Chongqing"
                    })
            );
            // Twenty times the tallest bar: not drawn (the bars keep their height), a note.
            assert!(spec.parent_lines[0].off_scale);
            assert!(spec.notes[0].contains("21,588.8"), "{:?}", spec.notes);
            for (w, h) in [(1600, 900), (800, 450), (500, 300), (320, 240), (240, 200)] {
                let l = layout(&spec, w, h, &Measure::new().expect("font"));
                let plot = l.plot.expect("plot");
                let under: Vec<&TextShape> = l.texts().filter(|t| t.y > plot.y1).collect();
                for name in &spec.categories {
                    let first: String = name.chars().take(1).collect();
                    let x = plot.x0
                        + (spec.categories.iter().position(|c| c == name).unwrap() as f64 + 0.5)
                            / spec.categories.len() as f64
                            * plot.width();
                    assert!(
                        under
                            .iter()
                            .any(|t| t.text.starts_with(&first) && (t.x - x).abs() < 2.0),
                        "{lang:?} {w}×{h}: no label for {name}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_legend_sits_above_the_plot() {
        let dataset = crate::bundled_dataset().expect("bundled data");
        let selection = crate::chart::Selection {
            indicator: dataset
                .indicator_by_id("industrial_output")
                .expect("indicator"),
            regions: dataset.region_indices().collect(),
            years: (2022, 2025),
            kind: ChartKind::Line,
            mode: crate::chart::ViewMode::Absolute,
            log_scale: false,
        };
        let spec = crate::chart::build_chart(&dataset, &selection, Lang::Zh);
        let l = laid_out(&spec);
        let plot = l.plot.expect("plot");
        let legend: Vec<&TextShape> = l.texts().filter(|t| t.text == "万州区 目标").collect();
        assert_eq!(legend.len(), 1, "万州's target is in the legend");
        assert!(
            legend[0].y + legend[0].em < plot.y0,
            "above the plot, never over a point"
        );
    }

    #[test]
    fn an_empty_chart_says_no_data_and_has_no_plot() {
        let l = laid_out(&test_specs::empty());
        assert!(l.plot.is_none());
        assert!(l.texts().any(|t| t.text == "无数据"));
    }

    #[test]
    fn every_text_stays_inside_the_canvas() {
        for spec in [test_specs::small_bar(), test_specs::gap_line()] {
            for (w, h) in [(1600, 900), (400, 300), (200, 200)] {
                let l = layout(&spec, w, h, &Measure::new().expect("font"));
                for t in l.texts() {
                    let (left, right) = t.span();
                    assert!(
                        left >= 0.0 && right <= f64::from(w) + 0.5,
                        "{t:?} in {w}×{h}"
                    );
                    assert!(t.y >= 0.0 && t.y <= f64::from(h), "{t:?} in {w}×{h}");
                }
            }
        }
    }
}
