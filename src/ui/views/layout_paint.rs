//! Paints a chart [`Layout`] (the display list the SVG and PNG exports draw) with egui's
//! painter, so a chart laid out once by `chart::render` looks on screen as it exports: the
//! target tracker is drawn this way.

use egui::{Color32, FontId, Pos2, Rect, Stroke, StrokeKind};

use crate::chart::render::layout::Layout;
use crate::chart::render::shapes::{Align, Color, Shape};

/// The egui colour of a display-list colour.
fn color32(c: Color) -> Color32 {
    let (r, g, b) = c.rgb;
    Color32::from_rgba_unmultiplied(r, g, b, (c.alpha.clamp(0.0, 1.0) * 255.0).round() as u8)
}

/// Draws `layout` with its top-left corner at `origin`, every length times `scale`, on a
/// white background (the colours of the display list are chosen for white, in light and dark
/// themes alike).
pub fn paint_layout(painter: &egui::Painter, layout: &Layout, origin: Pos2, scale: f32) {
    let k = f64::from(scale);
    let at = |(x, y): (f64, f64)| Pos2::new(origin.x + (x * k) as f32, origin.y + (y * k) as f32);
    let canvas = Rect::from_min_size(
        origin,
        egui::vec2((layout.width * k) as f32, (layout.height * k) as f32),
    );
    painter.rect_filled(canvas, 4.0, Color32::WHITE);
    for shape in &layout.shapes {
        match shape {
            Shape::FillRect { from, to, color } => {
                painter.rect_filled(Rect::from_two_pos(at(*from), at(*to)), 0.0, color32(*color));
            }
            Shape::StrokeRect { from, to, color } => {
                painter.rect_stroke(
                    Rect::from_two_pos(at(*from), at(*to)),
                    0.0,
                    Stroke::new(1.0, color32(*color)),
                    StrokeKind::Inside,
                );
            }
            Shape::Line {
                points,
                color,
                width,
            } => {
                let points: Vec<Pos2> = points.iter().map(|p| at(*p)).collect();
                painter.add(egui::Shape::line(
                    points,
                    Stroke::new((*width * k) as f32, color32(*color)),
                ));
            }
            Shape::Polygon { points, color } => {
                let points: Vec<Pos2> = points.iter().map(|p| at(*p)).collect();
                painter.add(egui::Shape::convex_polygon(
                    points,
                    color32(*color),
                    Stroke::NONE,
                ));
            }
            Shape::Circle {
                center,
                radius,
                color,
                fill,
                width,
            } => {
                if *fill {
                    painter.circle_filled(at(*center), (*radius * k) as f32, color32(*color));
                } else {
                    painter.circle_stroke(
                        at(*center),
                        (*radius * k) as f32,
                        Stroke::new((*width * k) as f32, color32(*color)),
                    );
                }
            }
            Shape::Text(text) => {
                let anchor = match text.align {
                    Align::Left => egui::Align2::LEFT_TOP,
                    Align::Center => egui::Align2::CENTER_TOP,
                    Align::Right => egui::Align2::RIGHT_TOP,
                };
                // The display list's y is the top of the em box; egui's galley starts a little
                // above the glyphs, so the two line up within a pixel or two.
                painter.text(
                    at((text.x, text.y - 0.1 * text.em)),
                    anchor,
                    &text.text,
                    FontId::proportional((text.em * k) as f32),
                    color32(text.color),
                );
            }
        }
    }
}
