//! The windows that open over the views: for now the Help windows. (Export, the typed-path
//! window, unsaved changes and recovery still live in `export_dialog.rs`, `file_prompt.rs`
//! and `scenario_files.rs`; they move here one by one.)

pub mod export;
pub mod help;
pub mod import;
pub mod path;
pub mod recovery;
pub mod unsaved;
