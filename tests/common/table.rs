//! Driving the editable table in egui_kittest: clicks at cell positions, typing into cells.

use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use yardstick::ui::YardstickApp;
use yardstick::ui::table_view::CellRef;

/// Where `cell` is on screen (it must be drawn).
pub fn center(harness: &Harness<'_, YardstickApp>, cell: CellRef) -> Pos2 {
    harness
        .state()
        .views
        .table
        .cell_rect(cell)
        .unwrap_or_else(|| panic!("{cell:?} is not on screen"))
        .center()
}

/// A primary click at `pos`, with `modifiers` held.
pub fn click_at(harness: &mut Harness<'_, YardstickApp>, pos: Pos2, modifiers: Modifiers) {
    harness.event(Event::PointerMoved(pos));
    harness.event(Event::ModifiersChanged(modifiers));
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers,
        });
    }
    harness.event(Event::ModifiersChanged(Modifiers::default()));
    harness.run();
}

pub fn select(harness: &mut Harness<'_, YardstickApp>, cell: CellRef) {
    let pos = center(harness, cell);
    click_at(harness, pos, Modifiers::default());
    assert_eq!(
        harness.state().views.table.anchor,
        Some((cell.region, cell.year)),
        "the click selects the cell"
    );
}

/// Selects `cell`, types `text` into it and presses Enter.
pub fn type_into(harness: &mut Harness<'_, YardstickApp>, cell: CellRef, text: &str) {
    select(harness, cell);
    harness.event(Event::Text(text.to_owned()));
    harness.run();
    let editing = harness
        .state()
        .views
        .table
        .editing
        .clone()
        .expect("typing opens the editor");
    assert_eq!(editing.cell, cell);
    assert_eq!(editing.text, text);
    harness.key_press(Key::Enter);
    harness.run();
}
