//! Export of a [`ChartSpec`] to SVG (for print) and PNG (for slides), drawn with plotters.
//!
//! Both formats come from one layout ([`layout::layout`]: every position and text decided
//! in pixels) drawn by one function generic over plotters' `DrawingBackend`
//! ([`paint::draw_chart`]), so they show the same chart. The PNG draws text with the
//! system's CJK font where there is one and the bundled subset for anything else
//! ([`text::FontChain`]); the SVG names a list of CJK font families.

mod axis;
pub mod bound_marks;
pub mod layout;
pub mod paint;
mod png;
pub mod shapes;
mod svg;
pub mod system_font;
pub mod text;

pub use png::{render_png, render_rgb};
pub use svg::render_svg;

/// The smallest width or height accepted, in pixels.
pub const MIN_SIZE: u32 = 200;
/// The largest width or height accepted, in pixels.
pub const MAX_SIZE: u32 = 10_000;

/// Export options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportSize {
    /// Width in pixels ([`MIN_SIZE`]–[`MAX_SIZE`]).
    pub width: u32,
    /// Height in pixels ([`MIN_SIZE`]–[`MAX_SIZE`]).
    pub height: u32,
}

impl Default for ExportSize {
    /// 1600 × 900, a 16:9 slide.
    fn default() -> Self {
        Self {
            width: 1600,
            height: 900,
        }
    }
}

impl ExportSize {
    /// Refuses sizes outside [`MIN_SIZE`]–[`MAX_SIZE`].
    pub fn check(self) -> Result<(), RenderError> {
        let ok = |v: u32| (MIN_SIZE..=MAX_SIZE).contains(&v);
        if ok(self.width) && ok(self.height) {
            Ok(())
        } else {
            Err(RenderError::Size {
                width: self.width,
                height: self.height,
            })
        }
    }
}

/// Why a chart could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The requested size is outside the accepted range.
    #[error(
        "image size {width}×{height} px is not allowed: width and height must be {MIN_SIZE}–{MAX_SIZE} px"
    )]
    Size {
        /// Requested width.
        width: u32,
        /// Requested height.
        height: u32,
    },
    /// The bundled font could not be loaded by the renderer.
    #[error("the bundled CJK font could not be loaded for drawing")]
    Font,
    /// plotters reported an error while drawing.
    #[error("drawing the chart failed: {0}")]
    Backend(String),
    /// The PNG could not be encoded.
    #[error("encoding the PNG failed: {0}")]
    Encode(String),
}

#[cfg(test)]
pub(crate) mod test_specs;
