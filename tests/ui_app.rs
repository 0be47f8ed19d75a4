//! UI behaviour of the main window, driven with egui_kittest (no GPU needed).

mod common;

use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use yardstick::chart::ChartKind;
use yardstick::lang::Lang;
use yardstick::ui::{View, YardstickApp};

/// The app on the bundled data, in a 1280×800 window, showing GDP of every region.
fn harness() -> Harness<'static, YardstickApp> {
    let mut harness = common::window::bundled_window(1280.0, 800.0);
    harness.state_mut().state.picks =
        yardstick::ui::app::Picks::all(&harness.state().state.dataset);
    harness
}

fn category_names(harness: &mut Harness<'_, YardstickApp>) -> Vec<String> {
    harness
        .state_mut()
        .chart_spec()
        .map(|s| s.categories.clone())
        .unwrap_or_default()
}

#[test]
fn starts_on_the_bundled_data_with_a_bar_chart() {
    let mut harness = common::window::bundled_window(1280.0, 800.0);
    harness.run();
    assert_eq!(harness.state().state.lang, Lang::Zh);
    assert!(harness.state().state.dataset_path.is_none());
    // Menu, region checkboxes and the chart title, in Chinese.
    harness.get_by_label("文件");
    harness.get_by_role_and_label(Role::CheckBox, "万盛经开区");
    let spec = harness.state_mut().chart_spec().expect("a chart").clone();
    assert_eq!(spec.kind, ChartKind::Bar);
    assert!(spec.title.starts_with("工业总产值"), "{}", spec.title);
    harness.get_by_label(&spec.title);
    assert!(spec.categories.len() >= 2, "{:?}", spec.categories);
    assert!(spec.source_line.starts_with("资料来源："));
}

#[test]
fn unchecking_a_region_removes_it_from_the_chart_model() {
    let mut harness = harness();
    harness.run();
    assert!(category_names(&mut harness).contains(&"涪陵区".to_owned()));
    let checkbox = harness.get_by_role_and_label(Role::CheckBox, "涪陵区");
    assert_eq!(checkbox.accesskit_node().toggled(), Some(Toggled::True));
    checkbox.click();
    harness.run();
    let checkbox = harness.get_by_role_and_label(Role::CheckBox, "涪陵区");
    assert_eq!(checkbox.accesskit_node().toggled(), Some(Toggled::False));
    let names = category_names(&mut harness);
    assert!(!names.contains(&"涪陵区".to_owned()), "{names:?}");
    assert!(
        names.contains(&"綦江区".to_owned()) || names.contains(&"永川区".to_owned()),
        "{names:?}"
    );
}

#[test]
fn none_then_one_region_shows_only_that_region() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("全不选").click();
    harness.run();
    assert!(harness.state_mut().chart_spec().is_none());
    harness.get_by_label("请选择至少一个地区");
    harness
        .get_by_role_and_label(Role::CheckBox, "涪陵区")
        .click();
    harness.run();
    assert_eq!(category_names(&mut harness), vec!["涪陵区".to_owned()]);
}

#[test]
fn picking_an_indicator_changes_the_chart() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("空气质量优良天数 (天)").click();
    harness.run();
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    assert!(spec.title.starts_with("空气质量优良天数"), "{}", spec.title);
    assert_eq!(spec.unit, "天");
    // 涪陵 has no good-air figure for the year shown: it is listed, not dropped, and not
    // drawn; every region listed has no bar.
    assert!(
        spec.no_data.contains(&"涪陵区".to_owned()),
        "{:?}",
        spec.no_data
    );
    for name in &spec.no_data {
        assert!(
            !spec.categories.contains(name),
            "{name} is both drawn and listed"
        );
    }
}

#[test]
fn the_table_shows_chinese_region_names_and_values() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("空气质量优良天数 (天)").click();
    harness.run();
    harness.get_by_label("数据表").click();
    harness.run();
    assert_eq!(harness.state().state.view, View::Table);
    // One for the side-panel checkbox, at least one for the table cell.
    assert!(harness.get_all_by_label("万盛经开区").count() >= 2);
    harness.get_by_label("343");
    harness.get_by_label("来源");
}

#[test]
fn switching_language_changes_menu_and_chart() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("语言").click();
    harness.run();
    harness.get_by_label("English").click();
    harness.run();
    assert_eq!(harness.state().state.lang, Lang::En);
    harness.get_by_label("File");
    harness.get_by_role_and_label(Role::CheckBox, "Wansheng");
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    assert!(
        spec.title.starts_with("Gross regional product"),
        "{}",
        spec.title
    );
    assert_eq!(spec.unit, "100 million yuan");
}

#[test]
fn a_bad_file_shows_an_error_and_keeps_the_open_data() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    let text = common::small_with("value: 300.0", "value: 999.0");
    std::fs::write(&bad, &text).unwrap();
    let (line, col) = common::position_of(&text, "value: 999.0");
    let mut harness = harness();
    harness.run();
    let before = harness.state().state.dataset.clone();
    assert!(!harness.state_mut().open_path(&bad));
    harness.run();
    assert_eq!(harness.state().state.dataset, before);
    assert!(harness.state().state.dataset_path.is_none());
    let error = harness.state().error().expect("an error is shown");
    assert!(
        error.contains(&format!("bad.ron:{line}:{col}: ")),
        "{error}"
    );
    harness.get_by_label_contains("above the maximum 366");
    harness.get_by_label("关闭").click();
    harness.run();
    assert!(harness.state().error().is_none());
}

#[test]
fn a_good_file_replaces_the_data_and_keeps_picks_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("small.ron");
    std::fs::write(&good, common::SMALL).unwrap();
    let mut harness = harness();
    harness.run();
    assert!(harness.state_mut().open_path(&good));
    harness.run();
    assert_eq!(harness.state().state.dataset.regions().len(), 2);
    assert_eq!(
        harness.state().state.dataset_path.as_deref(),
        Some(good.as_path())
    );
    harness.get_by_role_and_label(Role::CheckBox, "甲区");
    assert_eq!(
        category_names(&mut harness),
        vec!["甲区".to_owned(), "乙区".to_owned()]
    );
    assert!(harness.state().window_title().contains("small.ron"));
}

#[test]
fn the_line_chart_has_one_series_per_region_with_data() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("折线图").click();
    harness.run();
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    assert_eq!(spec.kind, ChartKind::Line);
    assert!(spec.series.iter().any(|s| s.name == "涪陵区"));
    // Years along x, ascending within each series.
    for s in &spec.series {
        assert!(s.points.windows(2).all(|w| w[0].year < w[1].year));
    }
}

#[test]
fn switching_to_index_mode_rebases_the_lines() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("折线图").click();
    harness.run();
    // Open the mode menu and pick the index view.
    harness.get_by_label("数值的显示方式").click();
    harness.run();
    harness.get_by_label("指数（首年=100）").click();
    harness.run();
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    assert_eq!(spec.mode, yardstick::chart::ViewMode::Index);
    assert!(spec.unit.starts_with("指数"), "{}", spec.unit);
    // Every region's first point in the base year is exactly 100.
    let base = harness.state().selection().unwrap().years.0;
    for s in spec
        .series
        .iter()
        .filter(|s| s.kind == yardstick::chart::PointKind::Actual)
    {
        let first = s.points.first().expect("a series has points");
        assert_eq!(first.year, base, "{}: the base year comes first", s.name);
        assert!(
            (first.value - 100.0).abs() < 1e-9,
            "{}: {}",
            s.name,
            first.value
        );
    }
}

#[test]
fn export_data_from_the_menu_writes_a_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gdp.csv");
    let mut harness = harness();
    // 万盛's good-air days in 2022 (343 days, published), picked here.
    let app = harness.state_mut();
    let ws = app.state.dataset.region_by_id("wansheng").unwrap();
    app.state.picks.indicator = app.state.dataset.indicator_by_id("good_air_days").unwrap();
    app.state.picks.regions = vec![false; app.state.dataset.regions().len()];
    app.state.picks.regions[ws.0 as usize] = true;
    app.state.picks.years = Some((2022, 2022));
    harness.run();
    harness.get_by_label("文件").click();
    harness.run();
    harness.get_by_label("导出数据…").click();
    harness.run();
    assert!(harness.state().dialogs.export.is_some());
    harness.state_mut().dialogs.export.as_mut().unwrap().path = out.display().to_string();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "导出").click();
    harness.run();
    let text = std::fs::read_to_string(&out).expect("the CSV was written");
    assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header = lines.next().expect("a header");
    assert!(
        header.starts_with("region,indicator,year,value,unit,kind,source"),
        "{header}"
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 1, "{text}");
    assert!(
        rows[0].starts_with("万盛经开区,空气质量优良天数,2022,343,天,actual,"),
        "{}",
        rows[0]
    );
    harness.get_by_label_contains("已导出");
}

use common::desktop::MemoryStorage;

#[test]
fn the_view_picks_language_and_theme_survive_a_restart() {
    use eframe::App as _;
    let mut first = common::window::bundled_app();
    let d = &first.state.dataset;
    let forest = d.indicator_by_id("forest_coverage").expect("indicator");
    let ws = d.region_by_id("wansheng").expect("region");
    first.state.view = View::Targets;
    first.state.picks.indicator = forest;
    first.state.picks.regions = vec![false; d.regions().len()];
    first.state.picks.regions[ws.0 as usize] = true;
    first.state.picks.kind = ChartKind::Line;
    first.state.lang = Lang::En;
    first.run(yardstick::ui::command::Command::SetTheme(
        yardstick::ui::polish::ThemeChoice::Dark,
    ));
    let mut storage = MemoryStorage::default();
    first.save(&mut storage);

    let mut second = common::window::bundled_app();
    assert_eq!(
        second.state.view,
        View::Chart,
        "a fresh app opens on the chart"
    );
    second.restore(&storage);
    assert_eq!(second.state.view, View::Targets);
    assert_eq!(second.state.picks.indicator, forest);
    assert_eq!(second.picked_regions(), vec![ws]);
    assert_eq!(second.state.picks.kind, ChartKind::Line);
    assert_eq!(
        eframe::get_value::<Lang>(&storage, "yardstick.lang"),
        Some(Lang::En)
    );
    assert_eq!(
        eframe::get_value::<yardstick::ui::polish::ThemeChoice>(&storage, "yardstick.theme"),
        Some(yardstick::ui::polish::ThemeChoice::Dark)
    );
}

/// The export window's size and format are honoured (issue 15: only the 1600×900 default was
/// ever written), and 浏览… with no system dialog says to type the path instead of doing
/// nothing.
#[test]
fn export_chart_writes_a_png_of_the_size_typed_and_browse_without_a_dialog_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.png");
    let mut harness = harness();
    harness.state_mut().dialogs.system.unavailable = true;
    harness.run();
    harness.get_by_label("文件").click();
    harness.run();
    harness.get_by_label("导出图表…").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "PNG").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "浏览…").click();
    harness.run();
    harness.get_by_label("无法打开系统文件对话框：请在上方输入完整路径");
    {
        let dialog = harness.state_mut().dialogs.export.as_mut().unwrap();
        dialog.width = 800;
        dialog.height = 450;
        dialog.path = out.display().to_string();
    }
    harness.run();
    harness.get_by_role_and_label(Role::Button, "导出").click();
    harness.run();
    let bytes = std::fs::read(&out).expect("the PNG was written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR: width and height, big-endian, at bytes 16..24.
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (800, 450));
}
