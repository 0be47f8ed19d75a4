//! The display list: what the layout decided to draw, in pixels, independent of the backend.

/// A colour with opacity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Color {
    /// Red, green, blue.
    pub rgb: (u8, u8, u8),
    /// Opacity, 0–1.
    pub alpha: f64,
}

impl Color {
    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self {
            rgb: (r, g, b),
            alpha: 1.0,
        }
    }

    /// The same colour with opacity `alpha`.
    pub fn with_alpha(self, alpha: f64) -> Self {
        Self {
            alpha: alpha.clamp(0.0, 1.0),
            ..self
        }
    }
}

/// White, the background.
pub const WHITE: Color = Color::rgb(255, 255, 255);
/// Titles.
pub const INK: Color = Color::rgb(26, 26, 26);
/// Axis labels and legend text.
pub const TEXT: Color = Color::rgb(51, 51, 51);
/// Subtitle, notes and source line.
pub const MUTED: Color = Color::rgb(90, 90, 90);
/// The "no data" line.
pub const WARN: Color = Color::rgb(160, 50, 40);
/// Axis lines.
pub const AXIS: Color = Color::rgb(100, 100, 100);
/// Grid lines.
pub const GRID: Color = Color::rgb(228, 228, 228);
/// The reference line and its label.
pub const REFERENCE: Color = Color::rgb(130, 130, 130);

/// Horizontal alignment of text on its x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// x is the left edge.
    Left,
    /// x is the centre.
    Center,
    /// x is the right edge.
    Right,
}

/// One line of text.
#[derive(Clone, Debug, PartialEq)]
pub struct TextShape {
    /// The text (never wider than the image).
    pub text: String,
    /// Anchor x, see [`Self::align`].
    pub x: f64,
    /// Top of the text (plotters' `VPos::Top`): the baseline is ≈ 0.75 em below it, CJK
    /// glyphs reach ≈ 0.15 em above it.
    pub y: f64,
    /// Em size in pixels.
    pub em: f64,
    /// Colour.
    pub color: Color,
    /// How `x` anchors the text.
    pub align: Align,
    /// Bold (titles).
    pub bold: bool,
    /// Measured width in pixels.
    pub width: f64,
}

impl TextShape {
    /// Left and right edges in pixels.
    pub fn span(&self) -> (f64, f64) {
        match self.align {
            Align::Left => (self.x, self.x + self.width),
            Align::Center => (self.x - self.width / 2.0, self.x + self.width / 2.0),
            Align::Right => (self.x - self.width, self.x),
        }
    }
}

/// One thing to draw, in pixel coordinates (origin top left).
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A filled rectangle between two corners.
    FillRect {
        /// Top-left corner.
        from: (f64, f64),
        /// Bottom-right corner.
        to: (f64, f64),
        /// Fill colour.
        color: Color,
    },
    /// A rectangle's 1-pixel outline, not filled.
    StrokeRect {
        /// Top-left corner.
        from: (f64, f64),
        /// Bottom-right corner.
        to: (f64, f64),
        /// Stroke colour.
        color: Color,
    },
    /// An open polyline.
    Line {
        /// Vertices.
        points: Vec<(f64, f64)>,
        /// Stroke colour.
        color: Color,
        /// Stroke width in pixels.
        width: f64,
    },
    /// A filled polygon.
    Polygon {
        /// Vertices.
        points: Vec<(f64, f64)>,
        /// Fill colour.
        color: Color,
    },
    /// A circle, filled or outlined.
    Circle {
        /// Centre.
        center: (f64, f64),
        /// Radius in pixels.
        radius: f64,
        /// Colour.
        color: Color,
        /// Filled (else an outline of `width`).
        fill: bool,
        /// Outline width in pixels.
        width: f64,
    },
    /// A line of text.
    Text(TextShape),
}

/// A rectangle in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x0: f64,
    /// Top edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub y1: f64,
}

impl Rect {
    /// Width in pixels.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    /// Height in pixels.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// Whether (x, y) lies inside, edges included, with `slack` pixels to spare.
    pub fn contains(&self, (x, y): (f64, f64), slack: f64) -> bool {
        x >= self.x0 - slack && x <= self.x1 + slack && y >= self.y0 - slack && y <= self.y1 + slack
    }
}

/// The laid-out chart.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Canvas width in pixels.
    pub width: f64,
    /// Canvas height in pixels.
    pub height: f64,
    /// What to draw, in order (later shapes on top).
    pub shapes: Vec<Shape>,
    /// The plot area (axes and data), if the chart has data.
    pub plot: Option<Rect>,
}

impl Layout {
    /// Every text shape.
    pub fn texts(&self) -> impl Iterator<Item = &TextShape> {
        self.shapes.iter().filter_map(|s| match s {
            Shape::Text(t) => Some(t),
            _ => None,
        })
    }
}
