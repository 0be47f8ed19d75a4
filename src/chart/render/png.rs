//! PNG export: plotters' bitmap backend with the bundled CJK font (ab_glyph), encoded by the
//! `image` crate.

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
    use crate::chart::render::test_specs;

    #[test]
    fn png_has_the_requested_size_and_is_not_blank() {
        let size = ExportSize {
            width: 800,
            height: 500,
        };
        let png = render_png(&test_specs::gap_line(), size).expect("renders");
        let image = image::load_from_memory(&png).expect("decodes").to_rgb8();
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
    }

    #[test]
    fn an_empty_chart_still_renders() {
        let png = render_png(&test_specs::empty(), ExportSize::default()).expect("renders");
        assert!(image::load_from_memory(&png).is_ok());
    }
}
