//! The egui front end: a thin layer over the model, the io layer and chart specs.

pub mod app;
pub mod command;
pub mod dataset_files;
pub mod derived;
pub mod dialogs;
pub mod file_prompt;
pub mod fonts;
pub mod i18n;
pub mod loading;
pub mod notify;
pub mod palette;
pub mod polish;
pub mod recovery;
pub mod scenario_files;
pub mod screenshot;
pub mod start;
pub mod state;
pub mod views;

pub use app::{View, YardstickApp};
// The old paths of the moved views, for scripts and tests written against them.
pub use dialogs::export as export_dialog;
pub use start::{AppOptions, Start, build_app, load_start};
pub use views::scenarios as scenario_panel;
pub use views::table as table_view;
pub use views::targets as targets_view;
