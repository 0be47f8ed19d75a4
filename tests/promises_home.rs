//! README: "the typed-path window opens instead, pre-filled with a full path in the
//! scenario's folder, else `~/Documents`, else your home folder … Exports start in the same
//! folder" (tests/PROMISES.md #179, #181; issue 15). The home folder is the process's `HOME`:
//! the test runs itself again as a child process with `HOME` set to a folder of its own.
#![allow(clippy::unwrap_used)] // helpers of tests: a failed unwrap is a failed test

use std::path::Path;

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use yardstick::ui::YardstickApp;

mod common;

/// What the text fields on screen hold that ends with `suffix`.
fn fields_ending(harness: &Harness<'_, YardstickApp>, suffix: &str) -> Vec<String> {
    harness
        .query_all_by_role(Role::TextInput)
        .filter_map(|n| n.accesskit_node().value().map(|v| v.to_string()))
        .filter(|v| v.ends_with(suffix))
        .collect()
}

fn ctrl_s_prompt(harness: &mut Harness<'_, YardstickApp>) -> Vec<String> {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.run();
    let shown = fields_ending(harness, ".ron");
    harness.get_by_role_and_label(Role::Button, "取消").click();
    harness.run();
    shown
}

/// The folder the child process works in (its `HOME` is `home` inside it).
const CHILD: &str = "YARDSTICK_TEST_HOME_CHILD";

#[test]
fn the_typed_path_starts_in_the_scenarios_folder_else_documents_else_home() {
    let Some(dir) = std::env::var_os(CHILD) else {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir(&home).unwrap();
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "the_typed_path_starts_in_the_scenarios_folder_else_documents_else_home",
                "--nocapture",
            ])
            .env(CHILD, dir.path())
            .env("HOME", &home)
            .output()
            .expect("the test binary runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("1 passed"),
            "{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let home = dir.join("home");
    assert_eq!(std::env::var_os("HOME"), Some(home.clone().into()));

    let mut harness = common::window::bundled_window(1400.0, 1000.0);
    harness.state_mut().dialogs.system.unavailable = true;
    harness.run();
    // An edit typed into the pivot: 万盛 2023 industrial output.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    let dataset = &harness.state().state.dataset;
    let cell = yardstick::ui::table_view::CellRef {
        region: dataset.region_by_id("wansheng").unwrap(),
        indicator: dataset.indicator_by_id("industrial_output").unwrap(),
        year: 2023,
    };
    common::table::type_into(&mut harness, cell, "340");

    // No ~/Documents: the home folder.
    let want = home.join("情景 1.ron").display().to_string();
    assert_eq!(ctrl_s_prompt(&mut harness), [want]);
    // With ~/Documents: there.
    std::fs::create_dir(home.join("Documents")).unwrap();
    let want = home.join("Documents/情景 1.ron").display().to_string();
    assert_eq!(ctrl_s_prompt(&mut harness), [want]);

    // Saved in a folder of its own (not under home): the next Save as and the exports start
    // there.
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let plan = elsewhere.join("plan.ron");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(Event::Text(plan.display().to_string()));
    harness.key_press(Key::Enter);
    harness.run();
    harness.run();
    assert!(plan.exists(), "saved by the typed path");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    let shown = fields_ending(&harness, ".ron");
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        Path::new(&shown[0]).parent() == Some(elsewhere.as_path()),
        "{shown:?}"
    );
    harness.get_by_role_and_label(Role::Button, "取消").click();
    harness.run();

    harness
        .query_all_by_label("文件")
        .next()
        .expect("the menu")
        .click();
    harness.run();
    harness.get_by_label_contains("导出图表").click();
    harness.run();
    harness.run();
    let shown: Vec<String> = harness
        .query_all_by_role(Role::TextInput)
        .filter_map(|n| n.accesskit_node().value().map(|v| v.to_string()))
        .filter(|v| v.ends_with(".png") || v.ends_with(".svg"))
        .collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(
        Path::new(&shown[0]).parent(),
        Some(elsewhere.as_path()),
        "{shown:?}"
    );
}
