//! Opening a big dataset file in the window (issue 13 item 2): it loads on a worker thread
//! while the data open before stays in use, a progress window with 取消 shows meanwhile, and
//! the result ends as a load on the UI thread does (replaced data, or a located error with
//! the old data kept). The threshold is lowered for this process so the files stay small.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use yardstick::ui::YardstickApp;
use yardstick::ui::loading::set_background_threshold;

mod common;

/// Files over 64 KiB load in the background here; the test file is some megabytes.
const TEST_THRESHOLD: u64 = 64 * 1024;

/// The label of the progress window.
const PROGRESS_TITLE: &str = "正在打开数据集";

/// A synthetic dataset as RON text: 200 regions × 10 indicators × 30 years (60 000 values),
/// made once per test process.
fn big_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let dataset = yardstick::model::synthetic::synthetic_dataset(200, 10, 30, 13);
        yardstick::io::dataset_to_ron(&dataset)
    })
}

/// `text` written to `name` in `dir`.
fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("the test file is written");
    assert!(
        text.len() as u64 > TEST_THRESHOLD * 10,
        "the test file is well over the threshold"
    );
    path
}

/// The bundled window with no system dialog, big files loading in the background.
fn harness() -> Harness<'static, YardstickApp> {
    set_background_threshold(TEST_THRESHOLD);
    let mut harness = common::window::bundled_window(1280.0, 800.0);
    harness.state_mut().dialogs.system.unavailable = true;
    harness.run();
    harness
}

/// The bundled data is the one open (万盛 is in it, no file).
fn shows_bundled(app: &YardstickApp) -> bool {
    app.state.dataset_path.is_none() && app.state.dataset.region_by_id("wansheng").is_some()
}

/// Steps the window until the load is over (at most 60 s), then runs it.
fn until_loaded(harness: &mut Harness<'_, YardstickApp>) {
    let start = Instant::now();
    while harness.state().loading.is_some() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the load ends within a minute"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    // The frame that took the result drew the old data: it asks for the next frame at once
    // (a real window gets no other wake-up when the user does nothing).
    let asked = harness.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert_eq!(asked, Duration::ZERO, "a repaint right after the load");
    harness.run();
}

#[test]
fn a_big_file_loads_in_the_background_while_the_old_data_stays_usable() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "big.ron", big_text());
    let mut harness = harness();
    // Through the typed-path window (Ctrl+O with no system dialog), as a user opens it.
    harness.state_mut().open_path_prompt();
    harness.run();
    harness
        .state_mut()
        .dialogs
        .path_prompt
        .as_mut()
        .unwrap()
        .text = file.display().to_string();
    harness.run();
    let clicked = Instant::now();
    harness.get_by_role_and_label(Role::Button, "打开").click();
    harness.step();
    // A window's first frame only sizes it: its contents show from the second.
    harness.step();
    assert!(
        clicked.elapsed() < Duration::from_secs(1),
        "the open returns at once"
    );
    {
        let app = harness.state();
        assert!(app.loading.is_some(), "the file loads in the background");
        assert!(
            app.dialogs.path_prompt.is_none(),
            "the typed-path window closed"
        );
        assert!(shows_bundled(app), "the old data is still open");
        assert!(app.window_title().starts_with("正在打开 big.ron — "));
    }
    harness.get_by_label(PROGRESS_TITLE);
    harness.get_by_label("big.ron");
    // The old data in use meanwhile: the table of the bundled data, a scenario made on it.
    harness
        .state_mut()
        .run(yardstick::ui::command::Command::ShowView(
            yardstick::ui::View::Table,
        ));
    harness
        .state_mut()
        .run(yardstick::ui::command::Command::NewScenario);
    harness.step();
    assert!(harness.state().loading.is_some(), "still loading");
    assert!(harness.query_all_by_label_contains("万盛").next().is_some());
    until_loaded(&mut harness);
    let app = harness.state();
    assert_eq!(app.state.dataset_path.as_deref(), Some(file.as_path()));
    assert!(app.state.dataset.region_by_id("syn_r0199").is_some());
    assert_eq!(app.state.dataset.observations().len(), 60_000);
    assert!(app.error().is_none(), "{:?}", app.error());
    let title = app.window_title();
    assert!(title.contains("big.ron"), "{title}");
    assert!(!title.contains("正在打开"), "{title}");
    assert!(harness.query_by_label(PROGRESS_TITLE).is_none());
}

#[test]
fn cancel_keeps_the_old_data() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "big.ron", big_text());
    let mut harness = harness();
    assert!(harness.state_mut().open_any(&file));
    harness.run_steps(3);
    assert!(harness.state().loading.is_some());
    harness.get_by_role_and_label(Role::Button, "取消").click();
    // The pointer moves, presses and lets go in three frames (`run` stops at the first:
    // the load asks for its repaint later, not now).
    harness.run_steps(3);
    assert!(harness.state().loading.is_none(), "cancelled");
    assert!(harness.query_by_label(PROGRESS_TITLE).is_none());
    // Whatever the worker still does, its result is not used.
    std::thread::sleep(Duration::from_millis(300));
    harness.run();
    let app = harness.state();
    assert!(shows_bundled(app), "the old data stays");
    assert!(app.error().is_none(), "{:?}", app.error());
    assert!(!app.window_title().contains("正在打开"));
}

#[test]
fn a_broken_big_file_is_reported_at_its_line_and_keeps_the_old_data() {
    let dir = tempfile::tempdir().unwrap();
    // A syntax error on a line of its own after the end.
    let text = format!("{}\n)]\n", big_text().trim_end());
    let line = text.lines().count();
    let file = write(dir.path(), "broken.ron", &text);
    let mut harness = harness();
    assert!(harness.state_mut().open_any(&file));
    assert!(harness.state().loading.is_some());
    until_loaded(&mut harness);
    let app = harness.state();
    assert!(shows_bundled(app), "the old data stays");
    let error = app.error().expect("the error is shown");
    assert!(error.starts_with("无法打开文件\n"), "{error}");
    let at = format!("{}:{line}:1:", file.display());
    assert!(error.contains(&at), "{at} in {error}");
    harness.get_by_label_contains(&at);
}

#[test]
fn scenario_changes_made_while_loading_are_asked_about_before_the_data_changes() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "big.ron", big_text());
    let mut harness = harness();
    assert!(harness.state_mut().open_any(&file));
    // An edit of the old data while the new one loads: unsaved.
    let app = harness.state_mut();
    let ws = app.state.dataset.region_by_id("wansheng").unwrap();
    let output = app
        .state
        .dataset
        .indicator_by_id("industrial_output")
        .unwrap();
    app.commit_cell(ws, output, 2023, "340").unwrap();
    until_loaded(&mut harness);
    assert!(
        shows_bundled(harness.state()),
        "not replaced before the answer"
    );
    harness.get_by_label("未保存的更改");
    harness
        .get_by_role_and_label(Role::Button, "不保存")
        .click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.state.dataset_path.as_deref(), Some(file.as_path()));
    assert!(app.state.scenarios.docs.is_empty());
    assert!(app.dialogs.loaded.is_none());
}

#[test]
fn a_small_file_still_opens_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let dataset = yardstick::model::synthetic::synthetic_dataset(3, 2, 5, 1);
    let text = yardstick::io::dataset_to_ron(&dataset);
    assert!((text.len() as u64) < TEST_THRESHOLD);
    let path = dir.path().join("small.ron");
    std::fs::write(&path, text).unwrap();
    let mut harness = harness();
    assert!(harness.state_mut().open_any(&path));
    let app = harness.state();
    assert!(app.loading.is_none());
    assert_eq!(app.state.dataset_path.as_deref(), Some(path.as_path()));
}
