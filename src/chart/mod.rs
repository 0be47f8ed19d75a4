//! What to draw: [`ChartSpec`], built from the model and a [`Selection`]. The screen
//! (egui_plot) and every exported file are drawn from the same spec.

pub mod palette;
pub mod spec;
pub mod style;

pub use spec::{ChartKind, ChartSpec, Point, PointKind, ReferenceLine, Selection, Series, ViewMode, build_chart};
