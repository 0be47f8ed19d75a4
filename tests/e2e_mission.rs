//! The mission end to end, as a user does it in the window (egui_kittest): open a dataset,
//! pick an indicator and regions, bar then line chart, edit a cell, undo, paste a block, add a
//! growth rule, save the scenario, reopen it in a fresh window, compare, export SVG, PNG, CSV.

use egui::Event;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use yardstick::chart::{ChartKind, PointKind};
use yardstick::ui::YardstickApp;
use yardstick::ui::file_prompt::{PathPrompt, PathPurpose};
use yardstick::ui::table_view::CellRef;

mod common;
use common::table::{select, type_into};

/// The window `main` opens on the bundled data.
fn window() -> Harness<'static, YardstickApp> {
    let mut harness = common::window::bundled_window(1500.0, 950.0);
    harness.run();
    harness
}

fn air(harness: &Harness<'_, YardstickApp>, region: &str, year: i32) -> CellRef {
    let d = &harness.state().state.dataset;
    CellRef {
        region: d.region_by_id(region).expect("region"),
        indicator: d.indicator_by_id("good_air_days").expect("indicator"),
        year,
    }
}

fn value(harness: &mut Harness<'_, YardstickApp>, cell: CellRef) -> Option<f64> {
    harness
        .state_mut()
        .effective_value(cell.region, cell.indicator, cell.year)
        .map(|e| e.value)
}

fn export_via_menu(
    harness: &mut Harness<'_, YardstickApp>,
    item: &str,
    format: &str,
    path: &std::path::Path,
) {
    harness.get_by_label("文件").click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
    if !format.is_empty() {
        harness.get_by_label(format).click();
        harness.run();
    }
    harness
        .state_mut()
        .dialogs
        .export
        .as_mut()
        .expect("export window")
        .path = path.display().to_string();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "导出").click();
    harness.run();
    harness.get_by_label_contains("已导出");
    harness.state_mut().dialogs.export = None;
    harness.run();
}

#[test]
fn the_whole_mission_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("chongqing.ron");
    std::fs::write(&data, yardstick::BUNDLED_DATASET).unwrap();

    // Open a dataset by typing its path (File ▸ Open path…).
    let mut harness = window();
    harness.get_by_label("文件").click();
    harness.run();
    harness.get_by_label("按路径打开…").click();
    harness.run();
    harness.state_mut().dialogs.path_prompt = Some(PathPrompt::new(
        PathPurpose::Open,
        data.display().to_string(),
    ));
    harness.run();
    harness.get_by_role_and_label(Role::Button, "打开").click();
    harness.run();
    assert_eq!(
        harness.state().state.dataset_path.as_deref(),
        Some(data.as_path())
    );

    // Pick good-air days and three regions; a bar chart, then lines.
    harness.get_by_label("空气质量优良天数 (天)").click();
    harness.get_by_label("全不选").click();
    harness.run();
    // 綦江 publishes no good-air figure: the side panel marks it "(无数据)".
    for region in ["万盛经开区", "綦江区 (无数据)", "涪陵区"] {
        harness
            .get_by_role_and_label(Role::CheckBox, region)
            .click();
        harness.run();
    }
    let spec = harness.state_mut().chart_spec().expect("a chart").clone();
    assert_eq!(spec.kind, ChartKind::Bar);
    assert!(spec.categories.contains(&"万盛经开区".to_owned()));
    harness.get_by_label("折线图").click();
    harness.run();
    let spec = harness.state_mut().chart_spec().expect("a chart").clone();
    assert_eq!(spec.kind, ChartKind::Line);
    assert!(spec.series.iter().any(|s| s.name == "万盛经开区"));

    // Edit 万盛 2022 (343 → 350) in the table; the chart shows it; undo restores it.
    harness.get_by_label("数据表").click();
    harness.run();
    let ws2022 = air(&harness, "wansheng", 2022);
    type_into(&mut harness, ws2022, "350");
    assert_eq!(value(&mut harness, ws2022), Some(350.0));
    let scenario_2022 = |h: &mut Harness<'_, YardstickApp>| {
        h.state_mut()
            .chart_spec()
            .expect("a chart")
            .points()
            .any(|p| p.kind == PointKind::Scenario && p.year == 2022 && p.region_id == "wansheng")
    };
    assert!(scenario_2022(&mut harness));
    harness.get_by_label("编辑").click();
    harness.run();
    harness.get_by_label_contains("撤销").click();
    harness.run();
    assert_eq!(value(&mut harness, ws2022), Some(343.0));
    assert!(!scenario_2022(&mut harness));

    // Paste a 3×2 block copied from a spreadsheet at 万盛 2021: one undo step.
    let anchor = air(&harness, "wansheng", 2021);
    select(&mut harness, anchor);
    harness.event(Event::Paste("330\t340\r\n300\t310\r\n320\t325\r\n".into()));
    harness.run();
    assert_eq!(value(&mut harness, ws2022), Some(340.0));
    let edits = |h: &Harness<'_, YardstickApp>| {
        h.state()
            .state
            .scenarios
            .active()
            .map_or(0, |d| d.scenario.edits.len())
    };
    assert_eq!(edits(&harness), 6);

    // A growth rule from the scenario panel (defaults: 万盛, this indicator, from its latest
    // measured year, three years, 5 %/yr).
    harness.get_by_label("添加增长假设").click();
    harness.run();
    let growth = harness
        .state()
        .state
        .scenarios
        .active()
        .unwrap()
        .scenario
        .growth
        .clone();
    assert_eq!(growth.len(), 1);
    assert_eq!(growth[0].region, "wansheng");
    let projected: Vec<(i32, f64)> = harness
        .state_mut()
        .chart_spec()
        .unwrap()
        .points()
        .filter(|p| p.kind == PointKind::Scenario && p.year > growth[0].from)
        .map(|p| (p.year, p.raw_value))
        .collect();
    // 5 %/yr compounded on the value of the first year, every year up to the last.
    let rule = &growth[0];
    assert_eq!(rule.annual_pct, 5.0);
    let start = air(&harness, "wansheng", rule.from);
    let base = value(&mut harness, start).expect("a value to grow from");
    let expected: Vec<(i32, f64)> = (rule.from + 1..=rule.to)
        .map(|y| (y, base * 1.05f64.powi(y - rule.from)))
        .collect();
    for &(year, want) in &expected {
        let cell = air(&harness, "wansheng", year);
        match value(&mut harness, cell) {
            Some(got) => assert!((got - want).abs() < 1e-9, "{year}: {got} != {want}"),
            // A year would pass the 366 days a year has: the rule skips it.
            None => assert!(want > 366.0, "{year}: no value, {want} expected"),
        }
    }
    assert!((expected[0].1 - 357.0).abs() < 1e-9, "{expected:?}");
    // The chart shows the projected years inside its span, with the same values.
    let last = harness.state().selection().expect("a selection").years.1;
    let shown: Vec<(i32, f64)> = expected
        .iter()
        .copied()
        .filter(|p| p.0 <= last && p.1 <= 366.0)
        .collect();
    assert!(!shown.is_empty());
    assert_eq!(projected.len(), shown.len(), "{projected:?}");
    for ((year, got), (want_year, want)) in projected.iter().zip(&shown) {
        assert_eq!(year, want_year);
        assert!((got - want).abs() < 1e-9, "{year}: {got} != {want}");
    }

    // Save, then reopen in a fresh window: the same values and view.
    let file = dir.path().join("scenarios").join("空气.ron");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    harness.state_mut().save_scenario_to(&file).unwrap();
    let saved_picks = harness.state().state.picks.clone();
    let saved_selection = harness.state().selection().expect("a selection");
    let saved = harness
        .state()
        .state
        .scenarios
        .active()
        .unwrap()
        .scenario
        .clone();
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("dataset: \"../chongqing.ron\"")
    );

    let mut fresh = window();
    assert!(
        fresh.state_mut().open_any(&file),
        "{:?}",
        fresh.state().error()
    );
    fresh.run();
    // The same view: the years shown are saved, and stay automatic as they were.
    assert_eq!(fresh.state().selection(), Some(saved_selection.clone()));
    assert_eq!(fresh.state().state.picks, saved_picks);
    let view = saved.view.clone().expect("a saved view");
    assert_eq!(view.years, Some(saved_selection.years));
    assert_eq!(
        fresh.state().state.scenarios.active().unwrap().scenario,
        saved
    );
    let opened = fresh
        .state()
        .state
        .dataset_path
        .clone()
        .expect("the scenario's dataset");
    assert_eq!(opened.canonicalize().unwrap(), data.canonicalize().unwrap());
    let ws2022 = air(&fresh, "wansheng", 2022);
    assert_eq!(value(&mut fresh, ws2022), Some(340.0));

    // Compare: baseline 343 beside the scenario's 340, difference −3.
    fresh.get_by_label("比较").click();
    fresh.run();
    fresh.get_by_label("-3");

    // Export the chart and its data from the menu.
    fresh.get_by_label("图表").click();
    fresh.run();
    let svg = dir.path().join("air.svg");
    let png = dir.path().join("air.png");
    let csv = dir.path().join("air.csv");
    export_via_menu(&mut fresh, "导出图表…", "", &svg);
    export_via_menu(&mut fresh, "导出图表…", "PNG", &png);
    export_via_menu(&mut fresh, "导出数据…", "", &csv);
    let svg_text = std::fs::read_to_string(&svg).unwrap();
    assert!(roxmltree::Document::parse(&svg_text).is_ok());
    assert!(svg_text.contains("万盛经开区"));
    let image = image::open(&png).unwrap();
    assert_eq!((image.width(), image.height()), (1600, 900));
    let csv_text = std::fs::read_to_string(&csv).unwrap();
    assert!(csv_text.starts_with('\u{feff}'), "a BOM for Excel");
    let rows: Vec<Vec<String>> =
        csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
            .collect();
    let cells = |region: &str, year: &str, kind: &str| -> Vec<String> {
        rows.iter()
            .find(|r| r[0] == region && r[2] == year && r[5] == kind)
            .unwrap_or_else(|| panic!("no {region} {year} {kind} row in\n{csv_text}"))
            .clone()
    };
    // The pasted 340 as the scenario's value beside the published 343, in 天.
    let scenario = cells("万盛经开区", "2022", "scenario");
    assert_eq!(&scenario[1..5], ["空气质量优良天数", "2022", "340", "天"]);
    let published = cells("万盛经开区", "2022", "actual");
    assert_eq!(&published[1..5], ["空气质量优良天数", "2022", "343", "天"]);
}
