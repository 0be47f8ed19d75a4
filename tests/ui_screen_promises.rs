//! README promises about the window, each driven through the UI with egui_kittest: the from–to
//! years, the change / share-of-target modes and the log scale, 全选, how targets, estimates
//! and scenarios are drawn, the amber and blue cells and their hover, the long table's sort
//! and filter, target statuses other than unknown, a 5-year CAGR and the per-year required
//! values.

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use yardstick::chart::style::{Dash, Marker, style_of};
use yardstick::chart::{PointKind, ViewMode};
use yardstick::model::scenario::Origin;
use yardstick::ui::table_view::{CellRef, Layout, Shown, Sort, SortColumn, shown};
use yardstick::ui::{View, YardstickApp};

mod common;

fn harness() -> Harness<'static, YardstickApp> {
    let mut harness = common::window::bundled_window(1280.0, 800.0);
    harness.run();
    harness
}

fn open_example_scenario(harness: &mut Harness<'_, YardstickApp>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/wansheng-2025.ron");
    assert!(harness.state_mut().open_any(&path));
    harness.run();
}

fn pick_in_combo(harness: &mut Harness<'_, YardstickApp>, combo: &str, item: &str) {
    harness.get_by_label(combo).click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, item).click();
    harness.run();
}

#[test]
fn the_from_and_to_pickers_set_the_years_shown() {
    let mut harness = harness();
    pick_in_combo(&mut harness, "截止年份", "2023");
    assert_eq!(harness.state().state.picks.years, Some((2022, 2023)));
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    assert_eq!(spec.title, "工业总产值（2022–2023）");
    // "To" before "from": the span is put in order.
    pick_in_combo(&mut harness, "起始年份", "2025");
    assert_eq!(harness.state().state.picks.years, Some((2023, 2025)));
    harness.get_by_label("自动选择年份").click();
    harness.run();
    assert_eq!(harness.state().state.picks.years, None);
}

#[test]
fn change_and_share_of_target_modes_and_the_log_scale() {
    let mut harness = harness();
    // 涪陵's GDP: 1151.79 (2019) → 1221.01 (2020) is +6.0098 %.
    harness.state_mut().state.picks.regions.fill(true);
    harness.get_by_label("地区生产总值 (亿元)").click();
    harness.run();
    harness.get_by_label("折线图").click();
    harness.run();
    pick_in_combo(&mut harness, "数值的显示方式", "同比变化 %");
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    assert_eq!(spec.mode, ViewMode::Change);
    assert_eq!(spec.unit, "比上年增长 %");
    let fuling_2020 = spec
        .points()
        .find(|p| p.region_id == "fuling" && p.year == 2020 && p.kind == PointKind::Actual)
        .expect("涪陵 2020 is charted");
    assert!(
        (fuling_2020.value - 6.009776).abs() < 1e-5,
        "{}",
        fuling_2020.value
    );

    // Share of target: 万盛's 300 (2022) is 60 % of its 2025 target of 500.
    harness.get_by_label("工业总产值 (亿元)").click();
    harness.run();
    pick_in_combo(&mut harness, "数值的显示方式", "完成目标 %");
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    let wansheng = spec
        .points()
        .find(|p| p.region_id == "wansheng" && p.kind == PointKind::Actual)
        .expect("万盛 is charted");
    assert_eq!((wansheng.year, wansheng.value), (2022, 60.0));
    assert_eq!(spec.reference.as_ref().map(|r| r.value), Some(100.0));

    pick_in_combo(&mut harness, "数值的显示方式", "绝对值");
    harness.get_by_label("对数坐标").click();
    harness.run();
    assert!(harness.state().state.picks.log_scale);
    assert!(harness.state_mut().chart_spec().unwrap().log_scale);
}

#[test]
fn select_all_checks_every_region() {
    let mut harness = harness();
    assert!(harness.state().state.picks.regions.iter().any(|r| !r));
    harness.get_by_label("全选").click();
    harness.run();
    assert!(harness.state().state.picks.regions.iter().all(|r| *r));
    harness.get_by_label("全不选").click();
    harness.run();
    assert!(harness.state().state.picks.regions.iter().all(|r| !r));
}

#[test]
fn targets_are_hollow_diamonds_estimates_dotted_and_scenarios_dashed_with_triangles() {
    let mut harness = harness();
    open_example_scenario(&mut harness);
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    let kinds: Vec<PointKind> = spec.series.iter().map(|s| s.kind).collect();
    for kind in [
        PointKind::Actual,
        PointKind::Target,
        PointKind::Scenario,
        PointKind::Required,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} missing: {kinds:?}");
    }
    // One style for screen and export.
    let target = style_of(PointKind::Target);
    assert_eq!(
        (target.fill_alpha, target.marker, target.joined),
        (0.0, Marker::Diamond, false)
    );
    let estimate = style_of(PointKind::Estimate);
    assert_eq!(estimate.dash, Dash::Dotted);
    assert!(estimate.fill_alpha < 1.0);
    let scenario = style_of(PointKind::Scenario);
    assert_eq!(
        (scenario.dash, scenario.marker),
        (Dash::Dashed, Marker::Triangle)
    );
    let required = style_of(PointKind::Required);
    assert_eq!((required.dash, required.fill_alpha), (Dash::Dotted, 0.0));
    // The legend shows the scenario series by name.
    harness.get_by_label("万盛经开区 · 万盛 2025 冲刺 (示例情景)");
}

#[test]
fn edited_cells_are_amber_projected_blue_and_say_why_on_hover() {
    let mut harness = harness();
    open_example_scenario(&mut harness);
    harness.state_mut().state.view = View::Table;
    harness.run();
    let app = harness.state();
    let cell = |year| CellRef {
        region: app.state.dataset.region_by_id("wansheng").unwrap(),
        indicator: app.state.picks.indicator,
        year,
    };
    let (edited, projected) = (cell(2023), cell(2024));
    let dataset = harness.state().state.dataset.clone();
    {
        let applied = harness
            .state_mut()
            .state
            .scenarios
            .active_mut()
            .unwrap()
            .applied(&dataset);
        // Amber and blue: the origins the cell colours are drawn from.
        assert!(
            matches!(shown(&dataset, applied, edited), Shown::Value(e) if e.origin == Origin::Edited)
        );
        assert!(
            matches!(shown(&dataset, applied, projected), Shown::Value(e) if e.origin == Origin::Projected)
        );
    }
    let pos = harness
        .state()
        .views
        .table
        .cell_rect(edited)
        .unwrap()
        .center();
    harness.hover_at(pos);
    harness.run();
    harness.get_by_label_contains("基准值 无；备注 假设值 (what-if)");
    let pos = harness
        .state()
        .views
        .table
        .cell_rect(projected)
        .unwrap()
        .center();
    harness.hover_at(pos);
    harness.run();
    harness.get_by_label_contains("按增长假设推算：自 2022 年起每年 +15%（至 2025 年）");
}

#[test]
fn the_long_table_sorts_by_year_and_filters_by_indicator_name() {
    let mut harness = harness();
    harness.state_mut().state.picks.regions.fill(true);
    harness.state_mut().views.table.all_indicators = true;
    harness.state_mut().state.view = View::Table;
    harness.state_mut().views.table.layout = Layout::Long;
    harness.run();
    harness.state_mut().views.table.filter = "空气质量".to_owned();
    harness.run();
    let dataset = harness.state().state.dataset.clone();
    let rows = harness.state().views.table.visible_rows().to_vec();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| dataset.indicator(r.indicator).name.contains("空气质量")),
        "only the good-air indicators"
    );
    harness.state_mut().views.table.sort = Some(Sort {
        column: SortColumn::Year,
        ascending: false,
    });
    harness.run();
    let rows = harness.state().views.table.visible_rows().to_vec();
    assert!(
        rows.windows(2).all(|w| w[0].year >= w[1].year),
        "by year, descending"
    );
    assert!(rows.first().unwrap().year > rows.last().unwrap().year);
}

/// Two regions with their own output and a 2025 target: 甲 grew 10 % a year over 5 years
/// (2017 → 2022, no 2019 value, so no 3-year rate) and needs 7.49 % a year; 乙 grew 1 % and
/// needs 14.1 %.
const TRACKED: &str = r#"Dataset(
    format: 1,
    title: "目标测试",
    title_en: "Targets",
    regions: [
        (id: "a", name: "甲区", name_en: "A"),
        (id: "b", name: "乙区", name_en: "B"),
    ],
    indicators: [
        (id: "output", name: "产值", name_en: "Output", unit: "亿元", unit_en: "bn", better: Higher, min: Some(0.0), max: None),
    ],
    sources: [(id: "s", title: "来源", url: None, published: Some("2023"))],
    observations: [
        (region: "a", indicator: "output", year: 2017, value: 100.0, kind: Actual, source: "s"),
        (region: "a", indicator: "output", year: 2022, value: 161.051, kind: Actual, source: "s"),
        (region: "a", indicator: "output", year: 2025, value: 200.0, kind: Target, source: "s"),
        (region: "b", indicator: "output", year: 2021, value: 100.0, kind: Actual, source: "s"),
        (region: "b", indicator: "output", year: 2022, value: 101.0, kind: Actual, source: "s"),
        (region: "b", indicator: "output", year: 2025, value: 150.0, kind: Target, source: "s"),
    ],
)
"#;

#[test]
fn targets_on_track_and_off_track_with_a_5_year_cagr_and_the_values_needed_each_year() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tracked.ron");
    std::fs::write(&file, TRACKED).unwrap();
    let mut harness = harness();
    assert!(harness.state_mut().open_path(&file));
    harness.state_mut().state.picks.regions.fill(true);
    harness.state_mut().state.view = View::Targets;
    harness.run();
    assert!(
        harness.get_all_by_label("按计划").count() >= 1,
        "甲 on track"
    );
    assert!(
        harness.get_all_by_label("落后").count() >= 1,
        "乙 off track"
    );
    // 甲: 10 % a year over 5 years (no 3-year rate), against 7.49 % required.
    harness.get_by_label("+10.00%（近5年）");
    harness.get_by_label("+7.49%");
    // 甲 is selected: the value needed each year, 161.051 × 1.074869ⁿ.
    for needed in ["173.11", "186.07", "200"] {
        assert!(
            harness.get_all_by_label(needed).count() >= 1,
            "{needed} is listed"
        );
    }
}
