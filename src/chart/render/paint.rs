//! Draws a [`Layout`] on any plotters backend: the one drawing function behind both the
//! SVG and the PNG export.

use plotters::coord::Shift;
use plotters::prelude::{
    Circle, DrawingArea, DrawingBackend, PathElement, Polygon, Rectangle, Text,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBAColor, ShapeStyle, TextStyle};

use crate::chart::ChartSpec;

use super::RenderError;
use super::layout::{Layout, layout};
use super::shapes::{Align, Color, Shape, TextShape, WHITE};
use super::text::{FONT_NAME, Measure, font_metrics};

/// How a backend turns em sizes into plotters font sizes, and fakes bold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TextFlavor {
    /// plotters' SVG backend writes `font-size = size / 1.24` and `font-weight="bold"`.
    Svg,
    /// plotters' ab_glyph rasteriser scales ascent − descent to `size`; it has one weight,
    /// so bold is drawn twice, shifted by a pixel.
    Bitmap {
        /// plotters size per pixel of em.
        size_per_em: f64,
    },
}

impl TextFlavor {
    /// The flavour for bitmaps, from the bundled font's metrics.
    pub fn bitmap() -> Result<Self, RenderError> {
        Ok(TextFlavor::Bitmap {
            size_per_em: font_metrics()?.ab_glyph_size_per_em,
        })
    }

    fn size(self, em: f64) -> f64 {
        match self {
            TextFlavor::Svg => em * 1.24,
            TextFlavor::Bitmap { size_per_em } => em * size_per_em,
        }
    }
}

/// Lays out `spec` to fill `root` and draws it there: white background, then every shape.
pub fn draw_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    flavor: TextFlavor,
) -> Result<Layout, RenderError> {
    let (width, height) = root.dim_in_pixel();
    let measure = Measure::new()?;
    let layout = layout(spec, width, height, &measure);
    paint(root, &layout, flavor)?;
    Ok(layout)
}

/// Draws `layout` on `root`.
pub fn paint<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    layout: &Layout,
    flavor: TextFlavor,
) -> Result<(), RenderError> {
    let backend = |e: plotters::drawing::DrawingAreaErrorKind<DB::ErrorType>| {
        RenderError::Backend(e.to_string())
    };
    root.fill(&rgba(WHITE)).map_err(backend)?;
    for shape in &layout.shapes {
        match shape {
            Shape::FillRect { from, to, color } => {
                root.draw(&Rectangle::new(
                    [px(*from), px(*to)],
                    style(*color, true, 1.0),
                ))
                .map_err(backend)?;
            }
            Shape::StrokeRect { from, to, color } => {
                root.draw(&Rectangle::new(
                    [px(*from), px(*to)],
                    style(*color, false, 1.0),
                ))
                .map_err(backend)?;
            }
            Shape::Line {
                points,
                color,
                width,
            } => {
                let points: Vec<(i32, i32)> = points.iter().map(|p| px(*p)).collect();
                root.draw(&PathElement::new(points, style(*color, false, *width)))
                    .map_err(backend)?;
            }
            Shape::Polygon { points, color } => {
                let points: Vec<(i32, i32)> = points.iter().map(|p| px(*p)).collect();
                root.draw(&Polygon::new(points, style(*color, true, 1.0)))
                    .map_err(backend)?;
            }
            Shape::Circle {
                center,
                radius,
                color,
                fill,
                width,
            } => {
                let radius = radius.round().max(1.0) as i32;
                root.draw(&Circle::new(
                    px(*center),
                    radius,
                    style(*color, *fill, *width),
                ))
                .map_err(backend)?;
            }
            Shape::Text(text) => draw_text(root, text, flavor).map_err(backend)?,
        }
    }
    root.present().map_err(backend)
}

fn draw_text<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &TextShape,
    flavor: TextFlavor,
) -> Result<(), plotters::drawing::DrawingAreaErrorKind<DB::ErrorType>> {
    let h = match text.align {
        Align::Left => HPos::Left,
        Align::Center => HPos::Center,
        Align::Right => HPos::Right,
    };
    let font_style = if text.bold && flavor == TextFlavor::Svg {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    let font = FontDesc::new(
        FontFamily::Name(FONT_NAME),
        flavor.size(text.em),
        font_style,
    );
    let color = rgba(text.color);
    let style = TextStyle::from(font)
        .color(&color)
        .pos(Pos::new(h, VPos::Top));
    let (x, y) = px((text.x, text.y));
    root.draw(&Text::new(text.text.as_str(), (x, y), style.clone()))?;
    if text.bold && flavor != TextFlavor::Svg {
        let shift = (text.em / 28.0).round().max(1.0) as i32;
        root.draw(&Text::new(text.text.as_str(), (x + shift, y), style))?;
    }
    Ok(())
}

/// Rounds a point to whole pixels (plotters' backends take integers).
fn px((x, y): (f64, f64)) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

fn rgba(color: Color) -> RGBAColor {
    let (r, g, b) = color.rgb;
    RGBAColor(r, g, b, color.alpha)
}

fn style(color: Color, filled: bool, width: f64) -> ShapeStyle {
    ShapeStyle {
        color: rgba(color),
        filled,
        stroke_width: width.round().max(1.0) as u32,
    }
}
