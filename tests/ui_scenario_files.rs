//! Scenario files in the window: save, reopen in a fresh app (same values, same view), a
//! changed dataset reported, unsaved changes guarded, recovery copies, undo shortcuts.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use yardstick::chart::{ChartKind, PointKind};
use yardstick::model::scenario::GrowthRule;
use yardstick::ui::YardstickApp;
use yardstick::ui::scenario_files::{PendingAction, RECOVERY_INTERVAL, recovery_files};

mod common;

fn app() -> YardstickApp {
    common::window::bundled_app()
}

fn harness_with(app: YardstickApp) -> Harness<'static, YardstickApp> {
    common::window::window(app, 1280.0, 800.0)
}

/// 万盛 industrial output: 2023 set to 340, growth 15 %/yr from 2022 to 2025; line view.
fn make_wansheng_scenario(app: &mut YardstickApp) {
    let d = &app.state.dataset;
    let wansheng = d.region_by_id("wansheng").expect("wansheng");
    let output = d
        .indicator_by_id("industrial_output")
        .expect("industrial_output");
    app.commit_cell(wansheng, output, 2023, "340")
        .expect("valid value");
    app.active_doc().change(|s| {
        s.growth.push(GrowthRule::new(
            "wansheng",
            "industrial_output",
            2022,
            2025,
            15.0,
        ));
    });
    app.state.picks.indicator = output;
    app.state.picks.kind = ChartKind::Line;
    app.state.picks.regions = vec![false; app.state.dataset.regions().len()];
    app.state.picks.regions[wansheng.0 as usize] = true;
    app.state.picks.years = Some((2020, 2025));
}

fn scenario_points(app: &mut YardstickApp) -> Vec<(i32, f64)> {
    app.chart_spec()
        .expect("a chart")
        .points()
        .filter(|p| p.kind == PointKind::Scenario)
        .map(|p| (p.year, p.value))
        .collect()
}

#[test]
fn a_saved_scenario_reopens_with_the_same_values_and_view() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("万盛冲刺.ron");
    let mut first = app();
    make_wansheng_scenario(&mut first);
    assert!(first.state.scenarios.any_dirty());
    assert!(first.window_title().starts_with("* "));
    let before = scenario_points(&mut first);
    assert_eq!(before.len(), 4, "{before:?}"); // 2022 anchor, 2023 edit, 2024–2025 growth
    first.save_scenario_to(&file).unwrap();
    assert!(!first.state.scenarios.any_dirty());
    assert!(!first.window_title().starts_with("* "));

    // A fresh window, opened on the file (as `yardstick FILE` or File ▸ Open… do).
    let mut second = app();
    assert!(second.open_any(&file), "{:?}", second.error());
    assert_eq!(second.error(), None);
    assert_eq!(second.state.picks, first.state.picks);
    assert_eq!(
        second.state.scenarios.active().unwrap().scenario.edits,
        first.state.scenarios.active().unwrap().scenario.edits
    );
    assert_eq!(scenario_points(&mut second), before);
    assert!(!second.state.scenarios.any_dirty());

    // And it renders in a real frame.
    let mut harness = harness_with(second);
    harness.run();
    harness.get_by_label_contains("万盛经开区 · 情景 1");
}

#[test]
fn a_scenario_names_its_dataset_relative_to_itself_and_reports_changed_values() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.ron");
    std::fs::write(&data, yardstick::BUNDLED_DATASET).unwrap();
    let mut first = app();
    assert!(first.open_any(&data));
    let wansheng = first.state.dataset.region_by_id("wansheng").unwrap();
    let gdp = first.state.dataset.indicator_by_id("gdp").unwrap();
    let was = first
        .effective_value(wansheng, gdp, 2022)
        .expect("a 2022 GDP")
        .value;
    first.commit_cell(wansheng, gdp, 2022, "250").unwrap();
    let scenarios = dir.path().join("scenarios");
    std::fs::create_dir(&scenarios).unwrap();
    let file = scenarios.join("s.ron");
    first.save_scenario_to(&file).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("dataset: \"../data.ron\""), "{text}");
    // The baseline at the time of the edit is recorded, exactly.
    assert!(text.contains(&format!("was: Some({was:?})")), "{text}");

    // Someone revises the dataset: reopening says which value no longer matches.
    let revised = yardstick::BUNDLED_DATASET.replacen(&format!("{was:?}"), "999.0", 1);
    assert_ne!(revised, yardstick::BUNDLED_DATASET);
    std::fs::write(&data, revised).unwrap();
    let mut second = app();
    assert!(second.open_any(&file));
    let message = second.error().expect("the change is reported");
    assert!(message.contains("s.ron:"), "{message}");
    assert!(message.contains("changed"), "{message}");
}

#[test]
fn a_missing_dataset_is_reported_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.ron");
    std::fs::write(
        &file,
        "Scenario(format: 1, name: \"x\", dataset: \"gone.ron\", edits: [], growth: [])",
    )
    .unwrap();
    let mut app = app();
    assert!(!app.open_any(&file));
    let message = app.error().unwrap();
    assert!(
        message.contains("gone.ron") && message.contains("s.ron"),
        "{message}"
    );
    assert!(app.state.scenarios.docs.is_empty());
    assert_eq!(
        app.state.dataset.regions().len(),
        yardstick::bundled_dataset().unwrap().regions().len()
    );
}

#[test]
fn quitting_or_opening_a_dataset_with_unsaved_changes_asks_first() {
    let mut harness = harness_with(app());
    harness.run();
    make_wansheng_scenario(harness.state_mut());
    harness.get_by_label("文件").click();
    harness.run();
    harness.get_by_label("退出").click();
    harness.run();
    assert_eq!(harness.state().dialogs.pending, Some(PendingAction::Quit));
    harness.get_by_label_contains("以下情景有未保存的更改");
    harness.get_by_label("取消").click();
    harness.run();
    assert_eq!(harness.state().dialogs.pending, None);
    assert!(
        harness.state().state.scenarios.any_dirty(),
        "nothing was lost"
    );

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d.ron");
    std::fs::write(&data, yardstick::BUNDLED_DATASET).unwrap();
    assert!(!harness.state_mut().open_any(&data));
    assert_eq!(
        harness.state().dialogs.pending,
        Some(PendingAction::Open(data.clone()))
    );
    harness.run();
    harness.get_by_label("不保存").click();
    harness.run();
    assert_eq!(
        harness.state().state.dataset_path.as_deref(),
        Some(data.as_path())
    );
    assert!(harness.state().state.scenarios.docs.is_empty());
}

#[test]
fn unsaved_work_is_copied_for_recovery_every_5_s_and_offered_at_the_next_start() {
    let home = tempfile::tempdir().unwrap();
    let data_dir = home.path().join(".local/share/yardstick");
    let recovery = data_dir.join("recovery");
    // The window as `main` builds it, its data folder in a temporary HOME.
    let start = || yardstick::ui::Start::bundled().unwrap();
    let options = yardstick::ui::AppOptions::with_data_dir(&data_dir);
    let mut harness = common::window::start_window(start(), options.clone(), 1280.0, 800.0);
    harness.run();
    assert!(recovery_files(&recovery).is_empty(), "nothing unsaved yet");
    make_wansheng_scenario(harness.state_mut());
    harness.run();
    // The first copy is written at once.
    let files = recovery_files(&recovery);
    assert_eq!(files.len(), 1);
    let first = std::fs::read_to_string(&files[0]).unwrap();
    assert!(first.contains("value: Some(340.0)"), "{first}");

    // Another edit: not copied before 5 s have passed, copied after.
    let app = harness.state_mut();
    let wansheng = app.state.dataset.region_by_id("wansheng").unwrap();
    let output = app
        .state
        .dataset
        .indicator_by_id("industrial_output")
        .unwrap();
    app.commit_cell(wansheng, output, 2024, "380").unwrap();
    let now = std::time::Instant::now();
    app.autosave_recovery(now + std::time::Duration::from_secs(1));
    assert_eq!(std::fs::read_to_string(&files[0]).unwrap(), first);
    app.autosave_recovery(now + RECOVERY_INTERVAL + std::time::Duration::from_millis(10));
    let second = std::fs::read_to_string(&files[0]).unwrap();
    assert!(second.contains("value: Some(380.0)"), "{second}");
    assert_eq!(RECOVERY_INTERVAL, std::time::Duration::from_secs(5));

    // The app is killed here. The next start finds the copy and offers it.
    drop(harness);
    let mut harness = common::window::start_window(start(), options, 1280.0, 800.0);
    assert!(harness.state().recovery.offer.is_some());
    harness.run();
    harness.get_by_label_contains("个情景未保存");
    harness.get_by_label("恢复").click();
    harness.run();
    let app = harness.state_mut();
    assert_eq!(app.state.scenarios.docs.len(), 1);
    assert!(
        app.state.scenarios.any_dirty(),
        "restored work is unsaved until saved"
    );
    let edits = &app.state.scenarios.active().unwrap().scenario.edits;
    let values: Vec<(i32, Option<f64>)> = edits.iter().map(|e| (e.year, e.value)).collect();
    assert_eq!(values, vec![(2023, Some(340.0)), (2024, Some(380.0))]);
    assert_eq!(
        app.state.scenarios.active().unwrap().scenario.growth.len(),
        1
    );
    // Saving it removes the copy.
    let target = home.path().join("saved.ron");
    app.save_scenario_to(&target).unwrap();
    assert!(recovery_files(&recovery).is_empty());
}

#[test]
fn ctrl_z_and_ctrl_y_undo_and_redo_edits() {
    let mut harness = harness_with(app());
    harness.run();
    make_wansheng_scenario(harness.state_mut());
    harness.run();
    assert_eq!(scenario_points(harness.state_mut()).len(), 4);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    // The growth rule is gone, the edit (and its anchor) stays.
    let points = scenario_points(harness.state_mut());
    assert_eq!(
        points.iter().filter(|p| p.0 == 2023).count(),
        1,
        "{points:?}"
    );
    assert!(points.iter().all(|p| p.0 != 2025), "{points:?}");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(scenario_points(harness.state_mut()).len(), 4);
    // Ctrl+Shift+Z redoes too: undo once more, then redo with it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(
        scenario_points(harness.state_mut())
            .iter()
            .all(|p| p.0 != 2025)
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(scenario_points(harness.state_mut()).len(), 4, "redone");
    assert!(!harness.state().state.scenarios.active().unwrap().can_redo());
}

#[test]
fn a_broken_dataset_under_a_scenario_names_both_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.ron"), "Dataset(format: 1, title: ").unwrap();
    let file = dir.path().join("plan.ron");
    std::fs::write(
        &file,
        "Scenario(format: 1, name: \"x\", dataset: \"broken.ron\", edits: [], growth: [])",
    )
    .unwrap();
    let mut app = app();
    assert!(!app.open_any(&file));
    let message = app.error().unwrap();
    assert!(message.contains("plan.ron"), "{message}");
    assert!(message.contains("broken.ron:1:"), "{message}");
    assert_eq!(
        app.state.dataset.regions().len(),
        yardstick::bundled_dataset().unwrap().regions().len(),
        "the open data stays"
    );
}

#[test]
fn work_on_another_dataset_is_restored_with_that_dataset() {
    let home = tempfile::tempdir().unwrap();
    let data_dir = home.path().join("data");
    let data = home.path().join("mine.ron");
    std::fs::write(&data, yardstick::BUNDLED_DATASET).unwrap();
    let options = yardstick::ui::AppOptions::with_data_dir(&data_dir);
    let start = yardstick::ui::load_start(Some(&data)).unwrap();
    let mut harness = common::window::start_window(start, options.clone(), 1280.0, 800.0);
    harness.run();
    make_wansheng_scenario(harness.state_mut());
    // Saved once, then changed again.
    let file = home.path().join("plan.ron");
    harness.state_mut().save_scenario_to(&file).unwrap();
    let app = harness.state_mut();
    let wansheng = app.state.dataset.region_by_id("wansheng").unwrap();
    let output = app
        .state
        .dataset
        .indicator_by_id("industrial_output")
        .unwrap();
    app.commit_cell(wansheng, output, 2024, "380").unwrap();
    harness.run();
    assert_eq!(recovery_files(&data_dir.join("recovery")).len(), 1);
    drop(harness); // killed

    // The next start is on the bundled data; restoring brings mine.ron back with the work.
    let start = yardstick::ui::Start::bundled().unwrap();
    let mut harness = common::window::start_window(start, options, 1280.0, 800.0);
    harness.run();
    harness.get_by_label("恢复").click();
    harness.run();
    let app = harness.state_mut();
    assert_eq!(app.error(), None);
    let open = app
        .state
        .dataset_path
        .clone()
        .expect("the dataset file is open again");
    assert_eq!(open.canonicalize().unwrap(), data.canonicalize().unwrap());
    let wansheng = app.state.dataset.region_by_id("wansheng").unwrap();
    let output = app
        .state
        .dataset
        .indicator_by_id("industrial_output")
        .unwrap();
    assert_eq!(
        app.effective_value(wansheng, output, 2023).map(|e| e.value),
        Some(340.0)
    );
    assert_eq!(
        app.effective_value(wansheng, output, 2024).map(|e| e.value),
        Some(380.0)
    );
    // It saves where it was saved before, and is unsaved until then.
    let doc = app.state.scenarios.active().expect("restored");
    assert_eq!(doc.path.clone(), Some(file.canonicalize().unwrap()));
    assert!(
        app.window_title().starts_with("* 情景 1 (plan.ron) — "),
        "{}",
        app.window_title()
    );
}

use common::desktop::Dropped;

/// Dropping a scenario file on the window opens it with its dataset and its saved view, as
/// File ▸ Open does (issue 15: only a dropped dataset was tested).
#[test]
fn a_dropped_scenario_opens_with_its_dataset_and_view() {
    let mut harness = harness_with(app());
    harness.run();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/wansheng-2025.ron");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
    harness.run();
    let app = harness.state();
    let doc = app.state.scenarios.active().expect("the scenario is open");
    assert_eq!(doc.scenario.name, "万盛 2025 冲刺 (示例情景)");
    assert_eq!(doc.scenario.growth.len(), 1);
    // Its saved view: a line chart of industrial output for 万盛 and 万州, 2018–2025.
    let d = &app.state.dataset;
    assert_eq!(app.state.picks.kind, yardstick::chart::ChartKind::Line);
    assert_eq!(
        d.indicator(app.state.picks.indicator).id,
        "industrial_output"
    );
    let picked: Vec<&str> = d
        .regions()
        .iter()
        .zip(&app.state.picks.regions)
        .filter(|(_, on)| **on)
        .map(|(r, _)| r.id.as_str())
        .collect();
    assert_eq!(picked, ["wansheng", "wanzhou"]);
    assert_eq!(app.state.picks.years, Some((2018, 2025)));
    assert!(harness.state().window_title().starts_with("万盛 2025 冲刺"));
}

/// A scenario of 2,000 edits and 100 growth rules: the panel lists them in boxes of their
/// own that lay out only the rows in view (every row was drawn each frame: 115 ms a frame
/// with 10,000 edits), and each row still removes its own edit.
#[test]
fn a_scenario_of_thousands_of_edits_lists_only_the_rows_in_view() {
    use egui::accesskit::Role;
    use yardstick::model::synthetic::{synthetic_dataset, synthetic_scenario};
    let dataset = synthetic_dataset(100, 5, 10, 9);
    let scenario = synthetic_scenario(&dataset, 2_000, 100, 9);
    let edits = scenario.edits.len();
    assert!(edits > 1_000, "{edits}");
    let mut app = YardstickApp::new(dataset, None);
    app.state
        .scenarios
        .add(yardstick::model::document::ScenarioDoc::new(scenario));
    let mut harness = harness_with(app);
    harness.run();
    harness.get_by_label_contains(&format!("修改的数值（{edits}）"));
    let remove_buttons = harness
        .query_all_by_role(Role::Button)
        .filter(|n| {
            use egui_kittest::kittest::NodeT;
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("删除修改"))
        })
        .count();
    assert!(
        (1..=40).contains(&remove_buttons),
        "{remove_buttons} of {edits} rows laid out"
    );
    // The first row's button removes the first edit, as one undo step.
    let before = harness
        .state()
        .state
        .scenarios
        .active()
        .unwrap()
        .scenario
        .edits
        .clone();
    let first = before[0].clone();
    let copies =
        |list: &[yardstick::model::scenario::Edit]| list.iter().filter(|e| **e == first).count();
    harness
        .query_all_by_role(Role::Button)
        .find(|n| {
            use egui_kittest::kittest::NodeT;
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("删除修改"))
        })
        .expect("a remove button")
        .click();
    harness.run();
    let doc = harness.state().state.scenarios.active().unwrap();
    assert_eq!(doc.scenario.edits.len(), edits - 1);
    assert_eq!(copies(&doc.scenario.edits), copies(&before) - 1);
    assert!(doc.can_undo());
}
