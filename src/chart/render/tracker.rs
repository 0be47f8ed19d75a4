//! Lays out the target tracker ([`TrackerSpec`]) as bullet bars: one row per target with its
//! label and status on the left, the bar (latest actual as a share of the target, the target
//! as a tick, the scenario as a second, thinner bar) in the middle and the required and recent
//! growth on the right. The same [`Layout`] the other charts produce, so SVG and PNG agree.

use crate::chart::ChartSpec;
use crate::chart::tracker::{TrackerRow, TrackerSpec, TrackerState, growth_text, status_rgb};
use crate::lang::Lang;
use crate::model::targets::{
    Bound, Measure as FigureMeasure, bound_symbol, short_number, short_pct,
};

use super::shapes::{
    AXIS, Align, Color, GRID, INK, Layout, MUTED, Rect, Shape, TEXT, TextShape, WHITE,
};
use super::text::Measure;

/// Line height as a multiple of the em size.
const LINE: f64 = 1.3;
/// The bar scale runs to at least this share of the target, in %.
const SCALE_MIN_PCT: f64 = 125.0;
/// … and at most this (longer bars are cut and marked).
const SCALE_MAX_PCT: f64 = 300.0;

struct Painter<'a> {
    m: &'a Measure,
    shapes: Vec<Shape>,
}

impl Painter<'_> {
    /// A line of text fitted into `max_width` (shortened with "…"); returns the line's bottom.
    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        text: &str,
        (x, top): (f64, f64),
        em: f64,
        color: Color,
        align: Align,
        bold: bool,
        max_width: f64,
    ) -> f64 {
        let text = self.m.ellipsize(text, em, max_width.max(0.0));
        if !text.is_empty() {
            let width = self.m.width(&text, em);
            self.shapes.push(Shape::Text(TextShape {
                text,
                x,
                y: top + 0.18 * em,
                em,
                color,
                align,
                bold,
                width,
            }));
        }
        top + LINE * em
    }
}

fn rgb((r, g, b): (u8, u8, u8)) -> Color {
    Color::rgb(r, g, b)
}

/// Lays out the tracker of `spec` on a `width` × `height` canvas.
pub fn layout_tracker(
    spec: &ChartSpec,
    tracker: &TrackerSpec,
    width: u32,
    height: u32,
    measure: &Measure,
) -> Layout {
    let (w, h) = (f64::from(width), f64::from(height));
    let unit = (h / 900.0).min(w / 1280.0);
    let em = |px: f64| (px * unit).max(9.0);
    let mut p = Painter {
        m: measure,
        shapes: Vec::new(),
    };
    let margin = (24.0 * unit).max(6.0);
    let (left, right) = (margin, w - margin);
    let content = right - left;
    let mut top = margin;
    top = p.text(
        &spec.title,
        (left, top),
        em(34.0),
        INK,
        Align::Left,
        true,
        content,
    );
    top = p.text(
        &spec.subtitle,
        (left, top),
        em(19.0),
        MUTED,
        Align::Left,
        false,
        content,
    );
    top += em(10.0);

    // Footer, bottom up: source line, notes.
    let foot_em = em(14.0);
    let mut bottom = h - margin;
    let source = measure.wrap(&spec.source_line, foot_em, content, 2);
    bottom -= source.len() as f64 * LINE * foot_em;
    let mut y = bottom;
    for line in &source {
        y = p.text(line, (left, y), foot_em, MUTED, Align::Left, false, content);
    }
    let notes: Vec<&String> = spec.notes.iter().take(2).collect();
    bottom -= notes.len() as f64 * LINE * foot_em;
    let mut y = bottom;
    for note in notes {
        y = p.text(note, (left, y), foot_em, MUTED, Align::Left, false, content);
    }
    bottom -= foot_em * 0.6;

    let lang = spec.lang;
    if tracker.rows.is_empty() {
        let text = lang.pick("没有目标", "No targets");
        p.text(
            text,
            (w / 2.0, (top + bottom) / 2.0),
            em(28.0),
            MUTED,
            Align::Center,
            false,
            content,
        );
        return Layout {
            width: w,
            height: h,
            shapes: p.shapes,
            plot: None,
        };
    }

    // Rows: as many as fit at a readable size; the rest are counted, never dropped silently.
    let with_scenario = tracker.rows.iter().any(|r| r.scenario.is_some());
    let row_em = em(16.0);
    let min_row = row_em * LINE * if with_scenario { 2.6 } else { 2.2 };
    let available = (bottom - top).max(0.0);
    let fit = ((available / min_row).floor() as usize).max(1);
    let shown = tracker.rows.len().min(fit);
    let hidden = tracker.rows.len() - shown;
    let rows_height = if hidden > 0 {
        available - row_em * LINE
    } else {
        available
    };
    let row_h = (rows_height / shown as f64).min(min_row * 1.8);

    let label_w = content * 0.27;
    let growth_w = content * 0.30;
    let bar_x0 = left + label_w + em(12.0);
    let bar_x1 = right - growth_w - em(12.0);
    let scale_pct = tracker
        .rows
        .iter()
        .take(shown)
        .flat_map(|r| {
            std::iter::once(r.baseline.share_pct).chain(r.scenario.as_ref().map(|s| s.1.share_pct))
        })
        .flatten()
        .fold(SCALE_MIN_PCT, f64::max)
        .min(SCALE_MAX_PCT);
    let px = |pct: f64| bar_x0 + (pct.clamp(0.0, scale_pct) / scale_pct) * (bar_x1 - bar_x0);
    let plot = Rect {
        x0: bar_x0,
        y0: top,
        x1: bar_x1,
        y1: top + row_h * shown as f64,
    };

    for (i, row) in tracker.rows.iter().take(shown).enumerate() {
        let y0 = top + row_h * i as f64;
        if i > 0 {
            p.shapes.push(Shape::Line {
                points: vec![(left, y0), (right, y0)],
                color: GRID,
                width: 1.0,
            });
        }
        draw_row(&mut p, row, lang, y0, row_h, row_em, (left, label_w), &px);
        let growth_x = right - growth_w;
        let mut gy = y0 + row_h * 0.12;
        gy = p.text(
            &growth_text(&row.baseline, lang),
            (growth_x, gy),
            row_em * 0.9,
            TEXT,
            Align::Left,
            false,
            growth_w,
        );
        if let Some((label, state)) = &row.scenario {
            p.text(
                &format!("{label}: {}", growth_text(state, lang)),
                (growth_x, gy),
                row_em * 0.85,
                rgb(status_rgb(state.status)),
                Align::Left,
                false,
                growth_w,
            );
        }
    }
    // The target line (100 %) across every row.
    let x100 = px(100.0);
    p.shapes.push(Shape::Line {
        points: vec![(x100, plot.y0), (x100, plot.y1)],
        color: AXIS.with_alpha(0.5),
        width: 1.0,
    });
    p.text(
        "100 %",
        (x100, plot.y1 + 2.0),
        row_em * 0.75,
        MUTED,
        Align::Center,
        false,
        content,
    );
    if hidden > 0 {
        let text = match lang {
            Lang::Zh => format!("另有 {hidden} 个目标未画出，见 CSV"),
            Lang::En => format!("{hidden} more targets not drawn: see the CSV"),
        };
        p.text(
            &text,
            (left, plot.y1 + row_em * 0.2),
            row_em * 0.85,
            MUTED,
            Align::Left,
            false,
            label_w,
        );
    }
    Layout {
        width: w,
        height: h,
        shapes: p.shapes,
        plot: Some(plot),
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_row(
    p: &mut Painter<'_>,
    row: &TrackerRow,
    lang: Lang,
    y0: f64,
    row_h: f64,
    em: f64,
    (left, label_w): (f64, f64),
    px: &dyn Fn(f64) -> f64,
) {
    // Left: the label, the target and the status.
    let mut ly = y0 + row_h * 0.08;
    ly = p.text(&row.label, (left, ly), em, INK, Align::Left, true, label_w);
    let target_line = match lang {
        Lang::Zh => format!("目标 {} {}", row.target_text, row.unit),
        Lang::En => format!("target {} {}", row.target_text, row.unit),
    };
    let target_line = format!("{} · {}", target_line.trim_end(), row.baseline.status_label);
    p.text(
        &target_line,
        (left, ly),
        em * 0.85,
        rgb(status_rgb(row.baseline.status)),
        Align::Left,
        false,
        label_w,
    );

    // Middle: the bars, the target region behind them.
    let with_scenario = row.scenario.is_some();
    let bar_h = row_h * if with_scenario { 0.30 } else { 0.42 };
    let bar_top = y0 + row_h * 0.14;
    p.shapes.push(Shape::FillRect {
        from: (px(0.0), bar_top - bar_h * 0.15),
        to: (
            px(100.0),
            bar_top + bar_h * 1.15 + if with_scenario { bar_h * 0.85 } else { 0.0 },
        ),
        color: GRID.with_alpha(0.7),
    });
    let pct = row.measure == FigureMeasure::GrowthPct;
    draw_bar(p, &row.baseline, (bar_top, bar_h), em, px, 1.0, (lang, pct));
    if let Some((_, state)) = &row.scenario {
        draw_bar(
            p,
            state,
            (bar_top + bar_h * 1.2, bar_h * 0.7),
            em,
            px,
            0.55,
            (lang, pct),
        );
    }
}

/// One bar: the figure's share of the target, an arrow for a lower bound ("> 300"), the
/// figure written at its end.
fn draw_bar(
    p: &mut Painter<'_>,
    state: &TrackerState,
    (top, bar_h): (f64, f64),
    em: f64,
    px: &dyn Fn(f64) -> f64,
    alpha: f64,
    (lang, pct): (Lang, bool),
) {
    let colour = rgb(status_rgb(state.status));
    // Never below 9 px; on a small canvas the row's em may be smaller than that (a
    // clamp with its bounds crossed panicked: `export --chart targets --width 400`).
    let text_em = (bar_h * 0.8).clamp(9.0, (em * 0.85).max(9.0));
    let Some(share) = state.share_pct else {
        p.text(
            lang.pick("无可比数值", "no comparable figure"),
            (px(0.0) + 4.0, top + (bar_h - text_em * LINE) / 2.0),
            text_em,
            MUTED,
            Align::Left,
            false,
            px(100.0) - px(0.0),
        );
        return;
    };
    let end = px(share);
    p.shapes.push(Shape::FillRect {
        from: (px(0.0), top),
        to: (end.max(px(0.0) + 1.0), top + bar_h),
        color: colour.with_alpha(alpha),
    });
    let figure = state.figure;
    let open_upward = figure.is_some_and(|f| matches!(f.bound, Bound::MoreThan | Bound::AtLeast));
    let mut label_x = end + 4.0;
    if open_upward {
        let mid = top + bar_h / 2.0;
        let size = bar_h * 0.5;
        p.shapes.push(Shape::Polygon {
            points: vec![
                (end, mid - size),
                (end + size * 1.2, mid),
                (end, mid + size),
            ],
            color: colour,
        });
        label_x += size * 1.2;
    }
    if let Some(f) = figure {
        let number = if pct {
            short_pct(f.value)
        } else {
            short_number(f.value)
        };
        let value = match bound_symbol(f.bound) {
            "" => number,
            s => format!("{s} {number}"),
        };
        let text = match lang {
            Lang::Zh => format!("{value}（{}年）", f.year),
            Lang::En => format!("{value} ({})", f.year),
        };
        let y = top + (bar_h - text_em * LINE) / 2.0 + text_em * 0.05;
        // After the bar's end, unless that would run into the growth column: then inside the
        // bar, right-aligned in white (a bar that long has the room).
        let width = p.m.width(&text, text_em);
        let room_after = px(f64::MAX) + em * 0.9 - label_x;
        let room_inside = end - px(0.0) - 8.0;
        if width > room_after && width <= room_inside {
            p.text(
                &text,
                (end - 4.0, y),
                text_em,
                WHITE,
                Align::Right,
                false,
                room_inside,
            );
        } else {
            p.text(
                &text,
                (label_x, y),
                text_em,
                TEXT,
                Align::Left,
                false,
                em * 12.0,
            );
        }
    }
}
