//! Sub-commands whose work lives in the library, so that tests call it directly and
//! `main.rs` only parses the command line and dispatches.

pub mod inputs;
pub mod targets;
