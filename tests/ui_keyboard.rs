//! The keyboard contract of the window (DESIGN.md, "The window: focus, keys, files"), driven
//! with egui_kittest on the window `main` builds: Ctrl+1 … Ctrl+5 open the views; opening the
//! table gives it the keyboard with a cell selected; arrows, typing, Enter, F2, Esc and Tab
//! work there; keys reach the table only while it has the focus.

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use yardstick::ui::table_view::CellRef;
use yardstick::ui::{View, YardstickApp};

mod common;

/// The window on the bundled data, showing 万盛's and 涪陵's industrial output (picked here,
/// not relying on the default view).
fn harness() -> Harness<'static, YardstickApp> {
    let mut harness = common::window::bundled_window(1400.0, 900.0);
    let app = harness.state_mut();
    let d = &app.state.dataset;
    app.state.picks.indicator = d.indicator_by_id("industrial_output").expect("indicator");
    app.state.picks.regions = vec![false; d.regions().len()];
    for id in ["wansheng", "fuling"] {
        let r = d.region_by_id(id).expect("region");
        app.state.picks.regions[r.0 as usize] = true;
    }
    harness.run();
    harness
}

fn cell(harness: &Harness<'_, YardstickApp>, region: &str, year: i32) -> CellRef {
    let d = &harness.state().state.dataset;
    CellRef {
        region: d.region_by_id(region).expect("region"),
        indicator: d.indicator_by_id("industrial_output").expect("indicator"),
        year,
    }
}

fn value(harness: &mut Harness<'_, YardstickApp>, cell: CellRef) -> Option<f64> {
    harness
        .state_mut()
        .effective_value(cell.region, cell.indicator, cell.year)
        .map(|e| e.value)
}

fn ctrl(harness: &mut Harness<'_, YardstickApp>, key: Key) {
    harness.key_press_modifiers(Modifiers::COMMAND, key);
    harness.run();
}

fn press(harness: &mut Harness<'_, YardstickApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

fn type_text(harness: &mut Harness<'_, YardstickApp>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run();
}

fn anchor(harness: &Harness<'_, YardstickApp>) -> Option<(String, i32)> {
    let app = harness.state();
    app.views
        .table
        .anchor
        .map(|(r, y)| (app.state.dataset.region(r).id.clone(), y))
}

#[test]
fn ctrl_1_to_5_open_the_five_views() {
    let mut harness = harness();
    for (key, view) in [
        (Key::Num2, View::Table),
        (Key::Num3, View::Compare),
        (Key::Num4, View::Targets),
        (Key::Num5, View::Rankings),
        (Key::Num1, View::Chart),
    ] {
        ctrl(&mut harness, key);
        assert_eq!(harness.state().state.view, view, "{key:?}");
    }
}

#[test]
fn opening_the_table_gives_it_the_keyboard_with_a_cell_selected() {
    let mut harness = harness();
    assert_eq!(anchor(&harness), None);
    ctrl(&mut harness, Key::Num2);
    harness.run();
    assert!(
        harness.state().views.table.has_focus(),
        "the table has the keyboard"
    );
    // The first row (万盛), its latest year with data.
    let years = harness.state().views.table.pivot_years().to_vec();
    let selected = anchor(&harness).expect("a cell is selected");
    assert_eq!(selected.0, "wansheng");
    assert!(years.contains(&selected.1), "{selected:?} in {years:?}");
    // A published value (万盛's 2025 target is read-only: typing there would be refused).
    let at = cell(&harness, "wansheng", selected.1);
    assert!(
        value(&mut harness, at).is_some(),
        "{selected:?} has a value"
    );
    assert!(selected.1 < 2025, "{selected:?}");
}

#[test]
fn a_cell_is_edited_from_the_keyboard_alone() {
    let mut harness = harness();
    ctrl(&mut harness, Key::Num2);
    harness.run();
    // Arrows move: up to the first row, then left to 2022 (万盛 2022 is 300, published).
    let years = harness.state().views.table.pivot_years().to_vec();
    let at = years
        .iter()
        .position(|&y| y == 2022)
        .expect("a 2022 column");
    let from = years
        .iter()
        .position(|&y| Some(y) == anchor(&harness).map(|a| a.1))
        .expect("the selected year is a column");
    press(&mut harness, Key::ArrowDown);
    assert_eq!(anchor(&harness).map(|a| a.0).as_deref(), Some("fuling"));
    press(&mut harness, Key::ArrowUp);
    for _ in at..from {
        press(&mut harness, Key::ArrowLeft);
    }
    assert_eq!(anchor(&harness), Some(("wansheng".to_owned(), 2022)));
    assert!(
        harness.state().views.table.has_focus(),
        "arrows keep the focus"
    );

    // Typing a number starts editing; Enter commits; the table keeps the keyboard.
    type_text(&mut harness, "31");
    type_text(&mut harness, "5");
    let editing = harness
        .state()
        .views
        .table
        .editing
        .clone()
        .expect("typing opens the editor");
    assert_eq!(editing.text, "315");
    press(&mut harness, Key::Enter);
    harness.run();
    let ws_2022 = cell(&harness, "wansheng", 2022);
    assert_eq!(value(&mut harness, ws_2022), Some(315.0));
    assert!(harness.state().window_title().starts_with("* "));
    assert!(
        harness.state().views.table.has_focus(),
        "back in the table after Enter"
    );

    // Enter (and F2) open the editor with the value; Esc cancels and keeps the focus.
    press(&mut harness, Key::Enter);
    let editing = harness
        .state()
        .views
        .table
        .editing
        .clone()
        .expect("Enter opens the editor");
    assert_eq!(editing.text, "315");
    type_text(&mut harness, "1");
    press(&mut harness, Key::Escape);
    harness.run();
    assert!(harness.state().views.table.editing.is_none());
    assert_eq!(value(&mut harness, ws_2022), Some(315.0), "Esc cancels");
    assert!(harness.state().views.table.has_focus());
    press(&mut harness, Key::F2);
    assert!(
        harness.state().views.table.editing.is_some(),
        "F2 opens the editor"
    );
    press(&mut harness, Key::Escape);
    harness.run();

    // Shift+arrows select a block.
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    harness.run();
    assert_eq!(
        harness.state().views.table.selected_range(),
        Some((0, 1, at, at))
    );

    // Tab leaves the table: typing then edits nothing.
    press(&mut harness, Key::Tab);
    harness.run();
    assert!(
        !harness.state().views.table.has_focus(),
        "Tab leaves the table"
    );
    type_text(&mut harness, "9");
    assert!(harness.state().views.table.editing.is_none());
}

#[test]
fn typing_after_clicking_an_empty_spot_of_the_scenario_panel_edits_nothing() {
    let mut harness = harness();
    ctrl(&mut harness, Key::Num2);
    harness.run();
    let ws_2022 = cell(&harness, "wansheng", 2022);
    common::table::select(&mut harness, ws_2022);
    assert!(harness.state().views.table.has_focus());
    // An empty spot near the bottom of the scenario panel (right).
    common::table::click_at(
        &mut harness,
        egui::pos2(1300.0, 880.0),
        Modifiers::default(),
    );
    harness.run();
    assert!(
        !harness.state().views.table.has_focus(),
        "the click took the keyboard away"
    );
    type_text(&mut harness, "15");
    press(&mut harness, Key::Enter);
    harness.run();
    assert!(harness.state().views.table.editing.is_none());
    assert_eq!(
        value(&mut harness, ws_2022),
        Some(300.0),
        "the published value stays"
    );
    assert!(
        harness.state().state.scenarios.docs.is_empty(),
        "no scenario was made"
    );
}

#[test]
fn enter_in_the_growth_rate_field_does_not_open_the_selected_cell() {
    let mut harness = harness();
    // One region picked: the growth editor of the scenario panel shows.
    let app = harness.state_mut();
    let fuling = app.state.dataset.region_by_id("fuling").expect("fuling");
    app.state.picks.regions[fuling.0 as usize] = false;
    harness.run();
    ctrl(&mut harness, Key::Num2);
    harness.run();
    let ws_2022 = cell(&harness, "wansheng", 2022);
    common::table::select(&mut harness, ws_2022);
    // The "每年" (per year) field: the slider's number box, 5 % by default.
    let field = harness
        .query_all_by_role(Role::SpinButton)
        .find(|n| n.accesskit_node().numeric_value() == Some(5.0))
        .expect("the per-year field");
    field.focus();
    harness.run();
    assert!(!harness.state().views.table.has_focus());
    type_text(&mut harness, "8");
    press(&mut harness, Key::Enter);
    harness.run();
    assert!(
        harness.state().views.table.editing.is_none(),
        "Enter in another field never opens a cell"
    );
    assert_eq!(value(&mut harness, ws_2022), Some(300.0));
}

#[test]
fn the_side_panel_scrolls_to_follow_the_keyboard() {
    let mut harness = common::window::bundled_window(1280.0, 500.0);
    harness.run();
    let mut below = 0;
    let mut seen = 0;
    for _ in 0..60 {
        press(&mut harness, Key::Tab);
        harness.run();
        let Some(id) = harness.ctx.memory(|m| m.focused()) else {
            continue;
        };
        let Some(response) = harness.ctx.read_response(id) else {
            continue;
        };
        let rect = response.rect;
        if rect.center().x > 240.0 {
            continue; // not in the side panel
        }
        seen += 1;
        if rect.bottom() > 500.0 || rect.top() < 0.0 {
            below += 1;
        }
    }
    assert!(
        seen > 20,
        "Tab walked through the side panel ({seen} stops)"
    );
    assert_eq!(
        below, 0,
        "every focused widget of the side panel is in view"
    );
}

#[test]
fn the_command_palette_filters_moves_with_arrows_and_runs_on_enter() {
    let mut harness = harness();
    harness.run();
    assert_eq!(harness.state().state.view, View::Chart);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run();
    assert!(
        harness.state().views.palette.open,
        "Ctrl+Shift+P opens the palette"
    );
    // Typing filters (the filter box has the keyboard); "视图" leaves the view menu's items:
    // three themes, then 图表, 数据表, 比较, 目标, 排名.
    harness.event(Event::Text("视图".to_owned()));
    harness.run();
    harness.get_by_label("视图：排名");
    assert!(
        harness.query_by_label("文件：打开…").is_none(),
        "filtered out"
    );
    for _ in 0..4 {
        press(&mut harness, Key::ArrowDown);
        harness.run();
    }
    assert_eq!(harness.state().views.palette.selected, 4);
    press(&mut harness, Key::Enter);
    harness.run();
    assert!(
        !harness.state().views.palette.open,
        "running a command closes it"
    );
    assert_eq!(
        harness.state().state.view,
        View::Table,
        "the fifth match, 视图：数据表, ran"
    );

    // Ctrl+K opens it too; Esc closes it without running anything.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run();
    assert!(harness.state().views.palette.open);
    harness.event(Event::Text("rankings".to_owned()));
    harness.run();
    press(&mut harness, Key::Escape);
    harness.run();
    assert!(!harness.state().views.palette.open);
    assert_eq!(harness.state().state.view, View::Table);

    // A click on a match runs it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run();
    harness.event(Event::Text("rankings".to_owned()));
    harness.run();
    harness.get_by_label("视图：排名").click();
    harness.run();
    assert_eq!(harness.state().state.view, View::Rankings);
}
