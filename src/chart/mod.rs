//! What to draw: [`ChartSpec`], built from the model and a [`Selection`]. The screen
//! (egui_plot) and every exported file are drawn from the same spec.

pub mod csv;
pub mod export;
pub mod palette;
pub mod render;
pub mod spec;
pub mod style;
pub mod top_n;
pub mod tracker;
pub mod tracker_rows;

pub use spec::{
    ChartKind, ChartSpec, ParentLine, Point, PointKind, ReferenceLine, ScenarioLayer, Selection,
    Series, ViewMode, auto_years, build_chart, build_chart_latest, build_chart_with,
};
