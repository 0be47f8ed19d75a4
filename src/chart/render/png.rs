//! PNG export: plotters' bitmap backend for shapes, text rasterised by [`super::text`] (the
//! system's CJK font, then the bundled subset, with each font's advances and kerning),
//! encoded by the `image` crate.

use image::ImageEncoder;
use image::codecs::png::PngEncoder;
use plotters::prelude::{BitMapBackend, IntoDrawingArea};

use crate::chart::ChartSpec;

use super::paint::{TextFlavor, draw_chart};
use super::{ExportSize, RenderError};

/// Renders `spec` as a PNG image of `size` pixels; returns the encoded file.
pub fn render_png(spec: &ChartSpec, size: ExportSize) -> Result<Vec<u8>, RenderError> {
    let rgb = render_rgb(spec, size)?;
    let mut png = Vec::new();
    PngEncoder::new(&mut png)
        .write_image(
            &rgb,
            size.width,
            size.height,
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| RenderError::Encode(e.to_string()))?;
    Ok(png)
}

/// Renders `spec` into 8-bit RGB pixels, row by row.
pub fn render_rgb(spec: &ChartSpec, size: ExportSize) -> Result<Vec<u8>, RenderError> {
    size.check()?;
    let flavor = TextFlavor::bitmap()?;
    let mut rgb = vec![255u8; size.width as usize * size.height as usize * 3];
    {
        let root =
            BitMapBackend::with_buffer(&mut rgb, (size.width, size.height)).into_drawing_area();
        draw_chart(&root, spec, flavor)?;
    }
    Ok(rgb)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::render::layout::{Layout, layout};
    use crate::chart::render::shapes::Shape;
    use crate::chart::render::test_specs;

    /// Renders `spec` through the PNG encoder and back, with the layout it was drawn from.
    fn render(spec: &ChartSpec, size: ExportSize) -> (image::RgbImage, Layout) {
        let png = render_png(spec, size).expect("renders");
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");
        let image = image::load_from_memory(&png).expect("decodes").to_rgb8();
        let flavor = TextFlavor::bitmap().expect("fonts");
        let measure = flavor.measure().expect("fonts");
        (image, layout(spec, size.width, size.height, &measure))
    }

    fn is_ink(p: &image::Rgb<u8>) -> bool {
        p.0.iter().any(|&c| c < 160)
    }

    /// Pixels with ink in the rectangle (clamped to the image).
    fn ink_in(image: &image::RgbImage, (x0, y0): (f64, f64), (x1, y1): (f64, f64)) -> usize {
        let (w, h) = image.dimensions();
        let clamp = |v: f64, max: u32| (v.max(0.0) as u32).min(max);
        let (x0, x1) = (clamp(x0.floor(), w), clamp(x1.ceil(), w));
        let (y0, y1) = (clamp(y0.floor(), h), clamp(y1.ceil(), h));
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| is_ink(image.get_pixel(x, y)))
            .count()
    }

    /// A shape's bounding box: left, top, right, bottom.
    fn bounds(shape: &Shape) -> (f64, f64, f64, f64) {
        let of_points = |points: &[(f64, f64)], pad: f64| {
            points.iter().fold(
                (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
                |(l, t, r, b), &(x, y)| {
                    (
                        l.min(x - pad),
                        t.min(y - pad),
                        r.max(x + pad),
                        b.max(y + pad),
                    )
                },
            )
        };
        match shape {
            Shape::FillRect { from, to, .. } | Shape::StrokeRect { from, to, .. } => {
                of_points(&[*from, *to], 1.0)
            }
            Shape::Line { points, width, .. } => of_points(points, *width),
            Shape::Polygon { points, .. } => of_points(points, 1.0),
            Shape::Circle {
                center,
                radius,
                width,
                ..
            } => of_points(&[*center], radius + width),
            Shape::Text(t) => {
                let (l, r) = t.span();
                (l, t.y - 0.2 * t.em, r, t.y + 1.1 * t.em)
            }
        }
    }

    /// Each text has ink inside its measured span (from its top to below its descenders)
    /// and none just left or right of it.
    fn assert_texts_drawn_where_laid_out(image: &image::RgbImage, layout: &Layout) {
        let texts: Vec<_> = layout.texts().collect();
        assert!(!texts.is_empty());
        let mut sides_checked = 0;
        for text in &texts {
            let (left, right) = text.span();
            let (top, bottom) = (text.y - 0.2 * text.em, text.y + 1.1 * text.em);
            let inside = ink_in(image, (left, top), (right, bottom));
            assert!(
                inside as f64
                    > text.em
                        * text.text.chars().filter(|c| !c.is_whitespace()).count() as f64
                        * 0.5,
                "{:?}: only {inside} ink pixels in its box",
                text.text
            );
            // Nothing else is drawn right beside a title or note line, so ink there would be
            // text drawn wider than it was measured.
            let others = |x0: f64, x1: f64| {
                layout.shapes.iter().any(|s| match bounds(s) {
                    _ if matches!(s, Shape::Text(t) if std::ptr::eq(t, *text)) => false,
                    (l, t, r, b) => l - 2.0 < x1 && r + 2.0 > x0 && t < bottom && b > top,
                })
            };
            let margin = (text.em * 0.3).max(3.0);
            for (x0, x1) in [(left - margin, left - 1.0), (right + 1.0, right + margin)] {
                if !others(x0, x1) {
                    sides_checked += 1;
                    assert_eq!(
                        ink_in(image, (x0, text.y), (x1, text.y + text.em)),
                        0,
                        "{:?}: ink outside its measured span {left:.1}–{right:.1}",
                        text.text
                    );
                }
            }
        }
        assert!(
            sides_checked >= texts.len() / 2,
            "{sides_checked} of {} texts' sides",
            texts.len()
        );
    }

    #[test]
    fn png_has_the_requested_size_and_is_not_blank() {
        let size = ExportSize {
            width: 800,
            height: 500,
        };
        let (image, layout) = render(&test_specs::gap_line(), size);
        assert_eq!(image.dimensions(), (800, 500));
        let dark = image
            .pixels()
            .filter(|p| p.0.iter().all(|&c| c < 128))
            .count();
        let coloured = image
            .pixels()
            .filter(|p| p.0.iter().max().unwrap_or(&0) - p.0.iter().min().unwrap_or(&0) > 60)
            .count();
        assert!(dark > 1_000, "text and axes are drawn: {dark} dark pixels");
        assert!(
            coloured > 300,
            "the series are drawn in colour: {coloured} pixels"
        );
        // The title is drawn where the layout put it.
        let title = layout.texts().next().expect("a title");
        assert!(title.bold, "{title:?}");
        let (left, right) = title.span();
        assert!(ink_in(&image, (left, title.y), (right, title.y + title.em)) > 200);
        // The corners are background.
        for (x, y) in [(0, 0), (799, 0), (0, 499), (799, 499)] {
            assert_eq!(image.get_pixel(x, y).0, [255, 255, 255], "({x}, {y})");
        }
    }

    #[test]
    fn an_empty_chart_draws_its_texts_where_laid_out_on_a_white_canvas() {
        let size = ExportSize::default();
        let (image, layout) = render(&test_specs::empty(), size);
        assert_eq!(image.dimensions(), (1600, 900));
        assert!(layout.plot.is_none());
        assert!(layout.texts().any(|t| t.text == "无数据"));
        assert_texts_drawn_where_laid_out(&image, &layout);
        // Without a plot there is nothing but text: every other pixel is white.
        let boxes: Vec<_> = layout
            .texts()
            .map(|t| {
                let (l, r) = t.span();
                (l - 2.0, t.y - 0.3 * t.em, r + 2.0, t.y + 1.2 * t.em)
            })
            .collect();
        let stray = image
            .enumerate_pixels()
            .filter(|(_, _, p)| p.0 != [255, 255, 255])
            .filter(|&(x, y, _)| {
                let (x, y) = (f64::from(x), f64::from(y));
                !boxes
                    .iter()
                    .any(|&(l, t, r, b)| x >= l && x <= r && y >= t && y <= b)
            })
            .count();
        assert_eq!(stray, 0, "pixels drawn outside every text");
    }

    #[test]
    fn chart_texts_are_drawn_within_their_measured_width() {
        let (image, layout) = render(&test_specs::small_bar(), ExportSize::default());
        assert_texts_drawn_where_laid_out(&image, &layout);
    }
}
