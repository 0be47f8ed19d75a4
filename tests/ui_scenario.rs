//! The scenario panel and the compare view, driven with egui_kittest (no GPU needed).

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use yardstick::chart::PointKind;
use yardstick::model::scenario::GrowthRule;
use yardstick::model::{IndicatorIdx, RegionIdx};
use yardstick::ui::{View, YardstickApp};

mod common;

/// 300 × 1.15³: 万盛's 2022 industrial output grown 15 % a year to 2025.
const GROWN_2025: f64 = 456.2625;

/// The app on the bundled data, in a window large enough for every panel.
fn harness() -> Harness<'static, YardstickApp> {
    let mut harness = common::window::bundled_window(1400.0, 1000.0);
    harness.run();
    harness
}

/// 万盛经开区 and 工业总产值.
fn wansheng_output(harness: &Harness<'_, YardstickApp>) -> (RegionIdx, IndicatorIdx) {
    let dataset = &harness.state().state.dataset;
    (
        dataset.region_by_id("wansheng").expect("wansheng"),
        dataset
            .indicator_by_id("industrial_output")
            .expect("industrial_output"),
    )
}

/// Picks 工业总产值 and only 万盛经开区 in the side panel, as a line chart (all years).
fn pick_wansheng_output(harness: &mut Harness<'_, YardstickApp>) {
    harness.get_by_label("工业总产值 (亿元)").click();
    harness.run();
    harness.get_by_label("全不选").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "万盛经开区")
        .click();
    harness.run();
    harness.get_by_label("折线图").click();
    harness.run();
}

/// The value of `year` in the chart's scenario series, if there is one.
fn scenario_point(harness: &mut Harness<'_, YardstickApp>, year: i32) -> Option<f64> {
    let spec = harness.state_mut().chart_spec()?.clone();
    spec.series
        .iter()
        .filter(|s| s.kind == PointKind::Scenario)
        .flat_map(|s| &s.points)
        .find(|p| p.year == year)
        .map(|p| p.raw_value)
}

/// The texts of the labels on the same line as `node_label` (same vertical centre), left to
/// right, starting at the first label at or left of it.
fn row_of(harness: &Harness<'_, YardstickApp>, node_label: &str) -> Vec<String> {
    let anchor = harness.get_by_label(node_label).rect();
    // The side panel is 240 points wide; the central view starts right of it.
    let central = 240.0;
    let scenario_panel = harness.get_by_label("新建").rect().min.x - 10.0;
    let mut cells: Vec<(f32, String)> = harness
        .root()
        .children_recursive()
        .filter(|n| n.accesskit_node().role() == Role::Label)
        .filter(|n| (n.rect().center().y - anchor.center().y).abs() < 2.0)
        // Only the central view: right of the side panel, left of the scenario panel.
        .filter(|n| n.rect().min.x > central && n.rect().max.x < scenario_panel)
        .filter_map(|n| Some((n.rect().min.x, n.accesskit_node().value()?.to_string())))
        .collect();
    cells.sort_by(|a, b| a.0.total_cmp(&b.0));
    cells.into_iter().map(|(_, text)| text).collect()
}

#[test]
fn new_makes_an_active_empty_scenario() {
    let mut harness = harness();
    assert!(harness.state().state.scenarios.docs.is_empty());
    harness.get_by_role_and_label(Role::Button, "新建").click();
    harness.run();
    let scenarios = &harness.state().state.scenarios;
    assert_eq!(scenarios.docs.len(), 1);
    assert_eq!(scenarios.active, Some(0));
    assert_eq!(scenarios.docs[0].scenario.name, "情景 1");
    assert!(scenarios.docs[0].scenario.is_empty());
    assert!(!scenarios.docs[0].is_dirty(), "nothing to lose yet");
    harness.get_by_label("情景 1");
    // A second one gets the next number; the baseline switches the scenario off.
    harness.get_by_role_and_label(Role::Button, "新建").click();
    harness.run();
    assert_eq!(
        harness.state().state.scenarios.docs[1].scenario.name,
        "情景 2"
    );
    assert_eq!(harness.state().state.scenarios.active, Some(1));
    harness.get_by_label("基准").click();
    harness.run();
    assert_eq!(harness.state().state.scenarios.active, None);
    harness.get_by_label("情景 1").click();
    harness.run();
    assert_eq!(harness.state().state.scenarios.active, Some(0));
}

#[test]
fn the_editor_adds_a_growth_rule_that_the_chart_draws_and_undo_removes() {
    let mut harness = harness();
    pick_wansheng_output(&mut harness);
    harness.get_by_role_and_label(Role::Button, "新建").click();
    harness.run();
    // The editor defaults to the side panel's picks, from the latest measured year.
    assert_eq!(
        harness.get_by_label("增长假设：地区").value().as_deref(),
        Some("万盛经开区")
    );
    assert_eq!(
        harness.get_by_label("增长假设：指标").value().as_deref(),
        Some("工业总产值")
    );
    assert_eq!(
        harness
            .get_by_label("增长假设：起始年份")
            .accesskit_node()
            .numeric_value(),
        Some(2022.0)
    );
    assert_eq!(
        harness
            .get_by_label("增长假设：截止年份")
            .accesskit_node()
            .numeric_value(),
        Some(2025.0)
    );
    harness
        .get_by_label("增长假设：年增长率 %")
        .set_value_accesskit(15.0);
    harness.run();
    // The preview shows where the rule ends.
    harness.get_by_label_contains("2025: 456.26 亿元");
    assert_eq!(scenario_point(&mut harness, 2025), None);
    harness.get_by_label("添加增长假设").click();
    harness.run();

    let doc = harness
        .state()
        .state
        .scenarios
        .active()
        .expect("active")
        .scenario
        .clone();
    assert_eq!(
        doc.growth,
        vec![GrowthRule::new(
            "wansheng",
            "industrial_output",
            2022,
            2025,
            15.0
        )]
    );
    harness.get_by_label("万盛经开区 工业总产值 2022→2025 每年 +15%");
    let value = scenario_point(&mut harness, 2025).expect("a scenario point in 2025");
    assert!((value - GROWN_2025).abs() < 1e-9, "{value}");

    assert!(harness.state_mut().undo());
    harness.run();
    assert!(
        harness
            .state()
            .state
            .scenarios
            .active()
            .expect("active")
            .scenario
            .growth
            .is_empty()
    );
    assert_eq!(scenario_point(&mut harness, 2025), None);
    assert!(harness.state_mut().redo());
    harness.run();
    assert!(scenario_point(&mut harness, 2025).is_some());
}

#[test]
fn add_without_a_scenario_makes_one() {
    let mut harness = harness();
    pick_wansheng_output(&mut harness);
    harness
        .get_by_label("增长假设：年增长率 %")
        .set_value_accesskit(15.0);
    harness.run();
    harness.get_by_label("添加增长假设").click();
    harness.run();
    let scenarios = &harness.state().state.scenarios;
    assert_eq!(scenarios.docs.len(), 1);
    assert_eq!(scenarios.docs[0].scenario.growth.len(), 1);
    assert!(scenarios.docs[0].is_dirty());
    harness.get_by_label("* 情景 1");
}

#[test]
fn the_combo_boxes_pick_region_and_indicator() {
    let mut harness = harness();
    // Side panel: all regions, the first indicator. Choose 万盛 / 工业总产值 in the editor.
    harness.get_by_label("增长假设：地区").click();
    harness.run();
    let option = harness
        .get_all_by_label("万盛经开区")
        .find(|n| n.accesskit_node().role() != Role::CheckBox)
        .expect("万盛 in the region list");
    option.click();
    harness.run();
    harness.get_by_label("增长假设：指标").click();
    harness.run();
    harness
        .get_all_by_label("工业总产值")
        .find(|n| n.accesskit_node().role() != Role::Label)
        .expect("工业总产值 in the indicator list")
        .click();
    harness.run();
    assert_eq!(
        harness.get_by_label("增长假设：地区").value().as_deref(),
        Some("万盛经开区")
    );
    assert_eq!(
        harness.get_by_label("增长假设：指标").value().as_deref(),
        Some("工业总产值")
    );
    harness.get_by_label("添加增长假设").click();
    harness.run();
    let rule = harness.state().state.scenarios.docs[0].scenario.growth[0].clone();
    assert_eq!(
        (rule.region.as_str(), rule.indicator.as_str()),
        ("wansheng", "industrial_output")
    );
}

#[test]
fn a_slider_drag_on_an_edited_rule_is_one_undo_step() {
    let mut harness = harness();
    pick_wansheng_output(&mut harness);
    harness.state_mut().active_doc().change(|s| {
        s.growth.push(GrowthRule::new(
            "wansheng",
            "industrial_output",
            2022,
            2025,
            15.0,
        ));
    });
    harness.run();
    harness.get_by_label("编辑增长假设 1").click();
    harness.run();
    harness.get_by_label("正在编辑增长假设 1");
    let slider = harness.get_by_label("增长假设：年增长率 %").rect();
    let y = slider.center().y;
    harness.drag_at(egui::pos2(slider.left() + 20.0, y));
    harness.run();
    for step in 1..=5 {
        harness.hover_at(egui::pos2(slider.left() + 20.0 + 15.0 * step as f32, y));
        harness.run();
    }
    // Nothing is written while the button is held.
    let doc = harness.state().state.scenarios.active().expect("active");
    assert_eq!(doc.scenario.growth[0].annual_pct, 15.0);
    harness.drop_at(egui::pos2(slider.left() + 95.0, y));
    harness.run();
    let pct = harness
        .state()
        .state
        .scenarios
        .active()
        .expect("active")
        .scenario
        .growth[0]
        .annual_pct;
    assert_ne!(pct, 15.0, "the drag changed the rate");
    // One undo takes the whole drag back, and the editor follows.
    assert!(harness.state_mut().undo());
    harness.run();
    let doc = harness.state().state.scenarios.active().expect("active");
    assert_eq!(doc.scenario.growth[0].annual_pct, 15.0);
    assert!(doc.can_undo(), "the rule's creation is still there to undo");
    harness.run();
    assert_eq!(
        harness
            .get_by_label("增长假设：年增长率 %")
            .accesskit_node()
            .numeric_value(),
        Some(15.0)
    );
    // A typed value (here: an accessibility request) is one step too.
    harness
        .get_by_label("增长假设：年增长率 %")
        .set_value_accesskit(20.0);
    harness.run();
    let doc = harness.state().state.scenarios.active().expect("active");
    assert_eq!(doc.scenario.growth[0].annual_pct, 20.0);
    harness.get_by_label("完成").click();
    harness.run();
    harness.get_by_label("新增长假设");
}

#[test]
fn an_edit_is_listed_and_removed_with_its_button() {
    let mut harness = harness();
    let (wansheng, output) = wansheng_output(&harness);
    harness
        .state_mut()
        .commit_cell(wansheng, output, 2022, "340")
        .expect("a valid value");
    harness.run();
    harness.get_by_label("万盛经开区 工业总产值 2022: 300 → 340");
    harness
        .get_by_label("删除修改 万盛经开区 工业总产值 2022")
        .click();
    harness.run();
    assert!(
        harness
            .state()
            .state
            .scenarios
            .active()
            .expect("active")
            .scenario
            .edits
            .is_empty()
    );
    assert!(
        harness
            .query_by_label("万盛经开区 工业总产值 2022: 300 → 340")
            .is_none()
    );
    assert!(harness.state_mut().undo());
    harness.run();
    harness.get_by_label("万盛经开区 工业总产值 2022: 300 → 340");
}

#[test]
fn unknown_ids_and_problems_are_shown_as_warnings() {
    let mut harness = harness();
    harness.state_mut().active_doc().change(|s| {
        s.growth.push(GrowthRule::new(
            "atlantis",
            "industrial_output",
            2022,
            2025,
            5.0,
        ));
    });
    harness.run();
    harness.get_by_label("！atlantis 工业总产值 2022→2025 每年 +5%");
    harness.get_by_label_contains("！增长假设 1：unknown region \"atlantis\"");
    harness.get_by_label_contains("（未应用）");
    // The bad rule is removable like any other.
    harness.get_by_label("删除增长假设 1").click();
    harness.run();
    assert!(harness.query_by_label_contains("atlantis").is_none());
}

#[test]
fn rename_is_an_undo_step() {
    let mut harness = harness();
    harness.get_by_role_and_label(Role::Button, "新建").click();
    harness.run();
    harness.get_by_label("重命名").click();
    harness.run();
    let field = harness.get_by_label("新名称");
    assert!(field.is_focused());
    assert_eq!(field.value().as_deref(), Some("情景 1"));
    // The old name is selected: typing replaces it.
    field.type_text("万盛冲刺");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().state.scenarios.docs[0].scenario.name,
        "万盛冲刺"
    );
    assert!(harness.query_by_label("新名称").is_none());
    harness.get_by_label("万盛冲刺");
    assert!(harness.state_mut().undo());
    harness.run();
    harness.get_by_label("情景 1");
    // Escape cancels.
    harness.get_by_label("重命名").click();
    harness.run();
    harness.get_by_label("新名称").type_text("丢弃");
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(
        harness.state().state.scenarios.docs[0].scenario.name,
        "情景 1"
    );
}

#[test]
fn duplicate_copies_the_scenario_unsaved() {
    let mut harness = harness();
    let (wansheng, output) = wansheng_output(&harness);
    harness
        .state_mut()
        .commit_cell(wansheng, output, 2023, "340")
        .expect("a valid value");
    harness.run();
    harness.get_by_label("复制").click();
    harness.run();
    let scenarios = &harness.state().state.scenarios;
    assert_eq!(scenarios.docs.len(), 2);
    assert_eq!(scenarios.active, Some(1));
    let copy = &scenarios.docs[1];
    assert_eq!(copy.scenario.name, "情景 1 副本");
    assert_eq!(copy.scenario.edits, scenarios.docs[0].scenario.edits);
    assert!(copy.path.is_none());
    assert!(copy.is_dirty());
    harness.get_by_label("* 情景 1 副本");
}

#[test]
fn delete_asks_first_when_there_are_unsaved_changes() {
    let mut harness = harness();
    // A clean scenario goes at once.
    harness.get_by_role_and_label(Role::Button, "新建").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "删除").click();
    harness.run();
    assert!(harness.state().state.scenarios.docs.is_empty());
    assert_eq!(harness.state().state.scenarios.active, None);

    let (wansheng, output) = wansheng_output(&harness);
    harness
        .state_mut()
        .commit_cell(wansheng, output, 2023, "340")
        .expect("a valid value");
    harness.run();
    // The app's "unsaved changes" window asks about this scenario alone (a second, clean
    // one is not named): Cancel keeps it, Don't save closes it (PendingAction::CloseScenario).
    harness.get_by_role_and_label(Role::Button, "新建").click();
    harness.run();
    harness.get_by_label("* 情景 1").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "删除").click();
    harness.run();
    harness.get_by_label("以下情景有未保存的更改：情景 1");
    harness.get_by_label("取消").click();
    harness.run();
    assert_eq!(harness.state().state.scenarios.docs.len(), 2);
    assert!(harness.query_by_label("不保存").is_none());

    harness.get_by_role_and_label(Role::Button, "删除").click();
    harness.run();
    harness.get_by_label("不保存").click();
    harness.run();
    let names: Vec<&str> = harness
        .state()
        .state
        .scenarios
        .docs
        .iter()
        .map(|d| d.scenario.name.as_str())
        .collect();
    assert_eq!(names, ["情景 2"]);
}

#[test]
fn the_compare_view_shows_baseline_scenario_and_difference() {
    let mut harness = harness();
    pick_wansheng_output(&mut harness);
    harness.state_mut().active_doc().change(|s| {
        s.growth.push(GrowthRule::new(
            "wansheng",
            "industrial_output",
            2022,
            2025,
            15.0,
        ));
    });
    harness.run();
    harness.get_by_label("比较").click();
    harness.run();
    assert_eq!(harness.state().state.view, View::Compare);
    harness.get_by_label_contains("图表视图以虚线");
    // 2023: no baseline, 345 projected, so no difference.
    assert_eq!(
        row_of(&harness, "345"),
        ["万盛经开区", "2023", "—", "—", "345", "—", "—"]
    );
    // 2025: the target beside the projection.
    assert_eq!(
        row_of(&harness, "456.26"),
        ["万盛经开区", "2025", "—", "500", "456.26", "—", "—"]
    );
    // Only changed rows: 2022 (unchanged) is not listed until the filter is off.
    assert!(harness.query_by_label("2022").is_none());
    harness.get_by_label("只显示有变化的行").click();
    harness.run();
    assert_eq!(
        row_of(&harness, "2022"),
        ["万盛经开区", "2022", "300", "—", "300", "0", "0%"]
    );

    // An edit with a baseline shows the difference and the percentage.
    let (wansheng, output) = wansheng_output(&harness);
    harness
        .state_mut()
        .commit_cell(wansheng, output, 2022, "330")
        .expect("a valid value");
    harness.run();
    assert_eq!(
        row_of(&harness, "2022"),
        ["万盛经开区", "2022", "300", "—", "330", "+30", "+10%"]
    );
}

#[test]
fn the_compare_view_has_a_column_group_per_scenario() {
    let mut harness = harness();
    pick_wansheng_output(&mut harness);
    harness.state_mut().active_doc().change(|s| {
        s.growth.push(GrowthRule::new(
            "wansheng",
            "industrial_output",
            2022,
            2025,
            15.0,
        ));
    });
    harness.run();
    harness.get_by_role_and_label(Role::Button, "新建").click();
    harness.run();
    harness.state_mut().active_doc().change(|s| {
        s.growth.push(GrowthRule::new(
            "wansheng",
            "industrial_output",
            2022,
            2025,
            10.0,
        ));
    });
    harness.run();
    harness.get_by_label("比较").click();
    harness.run();
    harness.get_by_role_and_label(Role::Label, "情景 1");
    harness.get_by_label("情景 2（当前）");
    assert_eq!(harness.get_all_by_label("差值").count(), 2);
    // 2023: 345 at 15 %, 330 at 10 %.
    assert_eq!(
        row_of(&harness, "345"),
        [
            "万盛经开区",
            "2023",
            "—",
            "—",
            "345",
            "—",
            "—",
            "330",
            "—",
            "—"
        ]
    );
}

#[test]
fn english_texts() {
    let mut harness = harness();
    harness.state_mut().state.lang = yardstick::lang::Lang::En;
    harness.run();
    harness.get_by_role_and_label(Role::Button, "New").click();
    harness.run();
    harness.get_by_label("Scenario 1");
    harness.get_by_label("Baseline");
    harness.state_mut().active_doc().change(|s| {
        s.growth.push(GrowthRule::new(
            "wansheng",
            "industrial_output",
            2022,
            2025,
            15.0,
        ));
    });
    harness.run();
    harness.get_by_label("Wansheng Industrial output value 2022→2025 +15% a year");
    harness.get_by_label("Add growth rule");
    harness.get_by_label("Compare").click();
    harness.run();
    harness.get_by_label("Only changed rows");
}
