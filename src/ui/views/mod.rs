//! The views: one file each, `struct XView { own transient state }` with
//! `fn ui(&mut self, ui, cx: &Cx, out: &mut Vec<Command>)`. A view reads the state and the
//! derived data through [`Cx`] and asks for changes by pushing commands; it never names the
//! app. (The other tabs and panels still take the app; they move here one by one.)

pub mod chart;
pub mod compare;
pub mod layout_paint;
pub mod rankings;
pub mod scenarios;
pub mod side;
pub mod table;
pub mod targets;
pub mod tracker;

use crate::ui::derived::Derived;
use crate::ui::state::AppState;

/// What a view reads: the state and the derived data, both read-only.
pub struct Cx<'a> {
    /// The document, the picks, the language, the view open.
    pub state: &'a AppState,
    /// What is computed from them, built before the views are drawn.
    pub derived: &'a Derived,
}
