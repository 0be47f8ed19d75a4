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
use super::text::{FONT_NAME, FontChain, Measure, font_metrics};

/// How a backend draws text.
#[derive(Clone, Copy, Debug)]
pub enum TextFlavor {
    /// Text stays text: plotters' SVG backend writes `font-size = size / 1.24` and
    /// `font-weight="bold"`. Measured with the bundled font.
    Svg,
    /// Glyphs are rasterised here, each in the first font of `fonts` that has it, placed by
    /// that font's advances and kerning. One weight, so bold is drawn twice, shifted by a
    /// pixel.
    Bitmap {
        /// The fonts tried for each character (measured with the same ones).
        fonts: &'static FontChain,
        /// From a text's top to its baseline, in ems.
        baseline: f64,
    },
}

impl TextFlavor {
    /// The flavour for bitmaps: the system's CJK font, then the bundled subset.
    pub fn bitmap() -> Result<Self, RenderError> {
        Self::bitmap_with(FontChain::system_then_bundled()?)
    }

    /// The flavour for bitmaps drawn with `fonts`.
    pub fn bitmap_with(fonts: &'static FontChain) -> Result<Self, RenderError> {
        Ok(TextFlavor::Bitmap {
            fonts,
            // Where plotters put it, which the layout's line spacing is built around.
            baseline: font_metrics()?.ab_glyph_size_per_em / 2.0,
        })
    }

    /// A measurer for the fonts this flavour draws with.
    pub fn measure(self) -> Result<Measure, RenderError> {
        match self {
            TextFlavor::Svg => Measure::new(),
            TextFlavor::Bitmap { fonts, .. } => Ok(Measure::with_fonts(fonts)),
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
    // Registers the bundled font with plotters too (the SVG backend names it).
    font_metrics()?;
    let measure = flavor.measure()?;
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
    let TextFlavor::Bitmap { fonts, baseline } = flavor else {
        return draw_svg_text(root, text);
    };
    let glyphs = fonts.layout(&text.text);
    let width = glyphs.last().map_or(0.0, |g| g.x + g.advance) * text.em;
    let left = match text.align {
        Align::Left => text.x,
        Align::Center => text.x - width / 2.0,
        Align::Right => text.x - width,
    };
    // Whole pixels for the line's start and baseline keep horizontal strokes sharp; the
    // glyphs within the line keep their fractional positions.
    let (left, baseline) = (left.round(), (text.y + baseline * text.em).round());
    let shifts: &[f64] = if text.bold {
        &[0.0, (text.em / 28.0).round().max(1.0)]
    } else {
        &[0.0]
    };
    let mut result = Ok(());
    for shift in shifts {
        fonts.draw(
            &glyphs,
            (left + shift, baseline),
            text.em,
            |x, y, coverage| {
                if result.is_ok() {
                    let ink = text
                        .color
                        .with_alpha(text.color.alpha * f64::from(coverage));
                    result = root.draw_pixel((x, y), &rgba(ink));
                }
            },
        );
    }
    result
}

/// SVG text: a `<text>` element naming the font, anchored like the layout asks.
fn draw_svg_text<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &TextShape,
) -> Result<(), plotters::drawing::DrawingAreaErrorKind<DB::ErrorType>> {
    let h = match text.align {
        Align::Left => HPos::Left,
        Align::Center => HPos::Center,
        Align::Right => HPos::Right,
    };
    let font_style = if text.bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    // plotters' SVG backend writes `font-size = size / 1.24`.
    let font = FontDesc::new(FontFamily::Name(FONT_NAME), text.em * 1.24, font_style);
    let color = rgba(text.color);
    let style = TextStyle::from(font)
        .color(&color)
        .pos(Pos::new(h, VPos::Top));
    root.draw(&Text::new(text.text.as_str(), px((text.x, text.y)), style))
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
