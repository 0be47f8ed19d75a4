//! README promises of the window checked through what a user does and sees: the File menu's
//! Open… clicked (not its shortcut), the full name of a shortened bar on hover, and the
//! source line under the chart rather than anywhere on screen.

use egui::accesskit::Role;
use egui::{Event, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use yardstick::ui::YardstickApp;
use yardstick::ui::file_prompt::PathPurpose;

mod common;

fn harness(width: f32, height: f32) -> Harness<'static, YardstickApp> {
    let mut harness = common::window::bundled_window(width, height);
    // No file-dialog portal, as on CI and many desktops: the typed-path window stands in.
    harness.state_mut().dialogs.system.unavailable = true;
    harness.run();
    harness
}

/// The lowest widget named `label`: under a bar, not the side panel's checkbox.
fn lowest<'h>(harness: &'h Harness<'_, YardstickApp>, label: &'h str) -> egui_kittest::Node<'h> {
    harness
        .get_all_by_label(label)
        .max_by(|a, b| a.rect().center().y.total_cmp(&b.rect().center().y))
        .expect("drawn")
}

#[test]
fn file_open_clicked_in_the_menu_opens_the_typed_path_window_and_then_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("另一份数据.ron");
    let bundled =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/chongqing.ron"))
            .unwrap();
    std::fs::write(&file, bundled).unwrap();
    let mut harness = harness(1280.0, 800.0);
    assert!(harness.state().dialogs.path_prompt.is_none());
    harness.get_by_label("文件").click();
    harness.run();
    // The item's name carries its shortcut ("打开… Ctrl+O"); not 按路径打开….
    harness
        .get_all_by_label_contains("打开…")
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("打开…"))
        })
        .expect("File ▸ Open…")
        .click();
    harness.run();
    let prompt = harness
        .state()
        .dialogs
        .path_prompt
        .clone()
        .expect("File ▸ Open… opens the typed-path window without a portal");
    assert_eq!(prompt.purpose, PathPurpose::Open);
    harness
        .state_mut()
        .dialogs
        .path_prompt
        .as_mut()
        .unwrap()
        .text = file.display().to_string();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "打开").click();
    harness.run();
    assert!(harness.state().dialogs.path_prompt.is_none(), "it closes");
    assert_eq!(
        harness.state().state.dataset_path.as_deref(),
        Some(file.as_path()),
        "the file is the dataset now"
    );
    assert_eq!(harness.state().error(), None);
}

/// A region name too long to draw under its bar is shortened; hovering it shows it whole.
/// (Test data with an invented long name: no bundled region has one.)
#[test]
fn a_shortened_bar_name_is_shown_whole_on_hover() {
    let long = "甲区（测试用的一个名字很长很长的地区）";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long-names.ron");
    std::fs::write(&file, common::small_with("甲区", long)).unwrap();
    let start = yardstick::ui::load_start(Some(&file)).unwrap();
    let mut harness = common::window::start_window(start, Default::default(), 1280.0, 800.0);
    harness.run();
    harness.run();
    // A bar name is a label widget named by the full name (for screen readers too).
    let node = lowest(&harness, long);
    let pos: Pos2 = node.rect().center();
    // Shortened on screen: the widget is narrower than the whole name would be drawn.
    assert!(node.rect().width() <= 111.0, "{:?}", node.rect());
    // Named twice before the hover: the side panel's checkbox and the bar's name.
    let before = harness.query_all_by_label(long).count();
    harness.event(Event::PointerMoved(pos));
    harness.run();
    harness.run();
    assert_eq!(
        harness.query_all_by_label(long).count(),
        before + 1,
        "the tooltip repeats the full name"
    );
}

#[test]
fn the_source_line_sits_under_the_chart() {
    let mut harness = harness(1280.0, 800.0);
    harness.run();
    let source = harness.get_by_label_contains("资料来源：");
    let source_top = source.rect().top();
    // The bars' names are the lowest part of the chart.
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    let name = &spec.series[0].points[0].region;
    let name_bottom = lowest(&harness, name).rect().bottom();
    assert!(
        source_top >= name_bottom,
        "资料来源 at y={source_top}, the chart ends at y={name_bottom}"
    );
}
