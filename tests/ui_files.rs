//! File actions of the window with no system file dialog (no portal, as on a bare X server):
//! the typed-path window opens instead, pre-filled with a full path, and every outcome is said.
//! Also the README's window promises around files: `yardstick FILE`, 情景 ▸ 新建情景, Ctrl+S,
//! Ctrl+Shift+S, Ctrl+O, closing the window asks to save, the title names the file.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use yardstick::chart::export::ExportFormat;
use yardstick::lang::Lang;
use yardstick::ui::file_prompt::PathPurpose;
use yardstick::ui::scenario_files::PendingAction;
use yardstick::ui::{AppOptions, Start, YardstickApp, build_app, load_start};

mod common;

/// The bundled window with no system dialog: this machine's answer is not left to chance
/// (a desktop running the tests may have a portal; CI has none).
fn harness() -> Harness<'static, YardstickApp> {
    let mut harness = common::window::bundled_window(1280.0, 800.0);
    harness.state_mut().dialogs.system.unavailable = true;
    harness.run();
    harness
}

/// 万盛 industrial output 2023 set to 340: the active scenario has unsaved changes.
fn edit(harness: &mut Harness<'_, YardstickApp>) {
    let app = harness.state_mut();
    let ws = app
        .state
        .dataset
        .region_by_id("wansheng")
        .expect("wansheng");
    let output = app
        .state
        .dataset
        .indicator_by_id("industrial_output")
        .expect("indicator");
    app.commit_cell(ws, output, 2023, "340")
        .expect("a valid value");
    harness.run();
}

fn menu(harness: &mut Harness<'_, YardstickApp>, menu: &str, item: &str) {
    // The menu bar comes first (the scenario panel has a "情景" heading too).
    harness
        .query_all_by_label(menu)
        .next()
        .expect("the menu")
        .click();
    harness.run();
    harness.get_by_label_contains(item).click();
    harness.run();
}

/// Replaces the typed-path window's text and presses its button.
fn answer_prompt(harness: &mut Harness<'_, YardstickApp>, path: &std::path::Path, button: &str) {
    harness
        .state_mut()
        .dialogs
        .path_prompt
        .as_mut()
        .expect("the typed-path window")
        .text = path.display().to_string();
    harness.run();
    harness.get_by_role_and_label(Role::Button, button).click();
    harness.run();
}

#[test]
fn ctrl_s_on_a_new_scenario_opens_the_typed_path_window_and_saves_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness();
    edit(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let prompt = harness
        .state()
        .dialogs
        .path_prompt
        .clone()
        .expect("the typed-path window opens");
    assert!(matches!(prompt.purpose, PathPurpose::SaveScenario(None)));
    // Pre-filled with a full path, named after the scenario.
    assert!(
        std::path::Path::new(&prompt.text).is_absolute(),
        "{}",
        prompt.text
    );
    assert!(prompt.text.ends_with("情景 1.ron"), "{}", prompt.text);
    harness.get_by_label("情景保存为");

    let file = dir.path().join("plan.ron");
    answer_prompt(&mut harness, &file, "保存");
    assert!(
        harness.state().dialogs.path_prompt.is_none(),
        "closed once saved"
    );
    let text = std::fs::read_to_string(&file).expect("saved");
    assert!(text.contains("value: Some(340.0)"), "{text}");
    let title = harness.state().window_title();
    assert!(title.starts_with("情景 1 (plan.ron) — "), "{title}");
    let saved = "已保存：plan.ron";
    assert!(
        harness
            .state()
            .notify
            .toasts
            .iter()
            .any(|t| t.text == saved),
        "a toast says where it was saved"
    );

    // Ctrl+S again writes to the same file, no window; Ctrl+Shift+S asks again.
    edit_again(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(harness.state().dialogs.path_prompt.is_none());
    assert!(!harness.state().state.scenarios.any_dirty());
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Some(350.0)")
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    let prompt = harness
        .state()
        .dialogs
        .path_prompt
        .clone()
        .expect("save as asks for a path");
    assert!(
        prompt.text.starts_with(&dir.path().display().to_string()),
        "{}",
        prompt.text
    );
}

fn edit_again(harness: &mut Harness<'_, YardstickApp>) {
    let app = harness.state_mut();
    let ws = app
        .state
        .dataset
        .region_by_id("wansheng")
        .expect("wansheng");
    let output = app
        .state
        .dataset
        .indicator_by_id("industrial_output")
        .expect("indicator");
    app.commit_cell(ws, output, 2023, "350")
        .expect("a valid value");
    harness.run();
}

#[test]
fn a_failed_save_says_why_and_keeps_the_window_open() {
    let dir = tempfile::tempdir().unwrap();
    // A path under a regular file fails for root too.
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "x").unwrap();
    let mut harness = harness();
    edit(&mut harness);
    menu(&mut harness, "情景", "保存情景");
    answer_prompt(&mut harness, &blocker.join("plan.ron"), "保存");
    let prompt = harness
        .state()
        .dialogs
        .path_prompt
        .clone()
        .expect("still open");
    let error = prompt.error.expect("the reason is shown");
    assert!(error.contains("plan.ron"), "{error}");
    assert!(harness.state().state.scenarios.any_dirty(), "nothing lost");
}

#[test]
fn ctrl_o_opens_the_typed_path_window_and_a_broken_file_shows_where() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "Dataset(\n    format: 1,\n    title: ,\n)\n").unwrap();
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    let prompt = harness
        .state()
        .dialogs
        .path_prompt
        .clone()
        .expect("Ctrl+O opens it");
    assert_eq!(prompt.purpose, PathPurpose::Open);
    assert!(
        std::path::Path::new(&prompt.text).is_absolute(),
        "{}",
        prompt.text
    );
    answer_prompt(&mut harness, &bad, "打开");
    let prompt = harness
        .state()
        .dialogs
        .path_prompt
        .clone()
        .expect("stays open to correct the path");
    let error = prompt.error.expect("the error in the window");
    assert!(error.contains("bad.ron:3:"), "{error}");
    assert!(
        harness
            .state()
            .error()
            .as_deref()
            .is_some_and(|e| e.contains("bad.ron:3:"))
    );
    assert_eq!(
        harness.state().state.dataset.regions().len(),
        yardstick::bundled_dataset().unwrap().regions().len(),
        "the data stays"
    );
}

#[test]
fn windows_stay_below_the_menu_bar_and_export_starts_in_a_known_folder() {
    let mut harness = harness();
    harness.state_mut().open_export(ExportFormat::Png);
    harness.run();
    harness.run();
    let path = harness
        .state()
        .dialogs
        .export
        .as_ref()
        .unwrap()
        .path
        .clone();
    assert!(std::path::Path::new(&path).is_absolute(), "{path}");
    let menu = harness
        .query_all_by_label("文件")
        .next()
        .expect("the menu")
        .rect();
    let title = harness
        .query_all_by_label("导出")
        .find(|n| n.accesskit_node().role() != Role::Button)
        .expect("the export window's title")
        .rect();
    assert!(title.top() > menu.bottom(), "{title:?} below {menu:?}");
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_and_save_then_quits() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness();
    edit(&mut harness);
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run();
    assert_eq!(harness.state().dialogs.pending, Some(PendingAction::Quit));
    harness.get_by_label_contains("以下情景有未保存的更改");
    harness.get_by_label("保存").click();
    harness.run();
    // Never saved: the typed-path window asks where, then the window closes.
    let prompt = harness
        .state()
        .dialogs
        .path_prompt
        .clone()
        .expect("where to save");
    assert_eq!(
        prompt.purpose,
        PathPurpose::SaveScenario(Some(PendingAction::Quit))
    );
    answer_prompt(&mut harness, &dir.path().join("q.ron"), "保存");
    assert!(dir.path().join("q.ron").exists());
    assert!(
        harness.state().dialogs.allow_close,
        "the window closes after saving"
    );
}

#[test]
fn scenario_new_from_the_menu_adds_a_scenario() {
    let mut harness = harness();
    menu(&mut harness, "情景", "新建情景");
    assert_eq!(harness.state().state.scenarios.docs.len(), 1);
    assert!(
        harness
            .state()
            .window_title()
            .starts_with("情景 1 — Yardstick")
    );
    menu(&mut harness, "情景", "新建情景");
    assert_eq!(harness.state().state.scenarios.docs.len(), 2);
    // The menu and the panel's 新建 name alike: the second is 情景 2 (the menu said "情景 1 2").
    assert_eq!(
        harness.state().state.scenarios.docs[1].scenario.name,
        "情景 2"
    );
    harness.get_by_role_and_label(Role::Button, "新建").click();
    harness.run();
    assert_eq!(
        harness.state().state.scenarios.docs[2].scenario.name,
        "情景 3"
    );
}

#[test]
fn yardstick_file_opens_the_window_on_a_scenario_as_main_does() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.ron");
    let mut first = harness();
    edit(&mut first);
    first.state_mut().save_scenario_to(&file).unwrap();
    // main's gui(): load_start(FILE), then build_app.
    let start = load_start(Some(&file)).expect("the scenario and its dataset load");
    assert_eq!(start.scenario.as_deref(), Some(file.as_path()));
    let mut harness = common::window::start_window(start, AppOptions::default(), 1280.0, 800.0);
    harness.run();
    let app = harness.state_mut();
    assert_eq!(app.error(), None);
    let ws = app.state.dataset.region_by_id("wansheng").unwrap();
    let output = app
        .state
        .dataset
        .indicator_by_id("industrial_output")
        .unwrap();
    assert_eq!(
        app.effective_value(ws, output, 2023).map(|e| e.value),
        Some(340.0)
    );
    assert!(app.window_title().starts_with("情景 1 (s.ron) — "));
}

#[test]
fn an_explicit_language_wins() {
    let options = AppOptions {
        data_dir: None,
        lang: Some(Lang::En),
    };
    let app = build_app(Start::bundled().unwrap(), None, &options);
    assert_eq!(app.state.lang, Lang::En);
    let mut harness =
        common::window::start_window(Start::bundled().unwrap(), options, 1280.0, 800.0);
    harness.run();
    assert_eq!(harness.state().state.lang, Lang::En);
    harness.get_by_label("File");
}

use common::desktop::MemoryStorage as Memory;

#[test]
fn an_explicit_language_is_not_remembered_as_the_users_choice() {
    let options = AppOptions {
        data_dir: None,
        lang: Some(Lang::En),
    };
    let mut app = build_app(Start::bundled().unwrap(), None, &options);
    let mut storage = Memory::default();
    eframe::App::save(&mut app, &mut storage);
    assert!(
        !storage.0.keys().any(|k| k.contains("lang")),
        "{:?}",
        storage.0.keys()
    );
    // Chosen in the menu, it is remembered.
    app.state.lang = Lang::Zh;
    eframe::App::save(&mut app, &mut storage);
    assert!(storage.0.keys().any(|k| k.contains("lang")));
}

#[test]
fn edit_menu_undo_and_redo_take_back_and_make_again() {
    let mut harness = harness();
    edit(&mut harness);
    let cell = |h: &mut Harness<'_, YardstickApp>| {
        let app = h.state_mut();
        let ws = app
            .state
            .dataset
            .region_by_id("wansheng")
            .expect("wansheng");
        let output = app
            .state
            .dataset
            .indicator_by_id("industrial_output")
            .expect("indicator");
        app.effective_value(ws, output, 2023).map(|e| e.value)
    };
    assert_eq!(cell(&mut harness), Some(340.0));
    menu(&mut harness, "编辑", "撤销");
    assert_ne!(cell(&mut harness), Some(340.0), "undone");
    menu(&mut harness, "编辑", "重做");
    assert_eq!(cell(&mut harness), Some(340.0), "redone");
}
