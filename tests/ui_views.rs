//! Views tested on their own state (egui's `demo/modals.rs` way): a view gets a read-only
//! `Cx` and returns the commands it wants run; no whole window is needed.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use yardstick::model::compare::RowFilter;
use yardstick::ui::YardstickApp;
use yardstick::ui::command::Command;
use yardstick::ui::derived::Inputs;
use yardstick::ui::views::Cx;
use yardstick::ui::views::compare::CompareView;

mod common;

/// The compare view's state: the view, the app (for its state and derived data, built as the
/// app builds them before the views), the commands returned.
type CompareState = (CompareView, YardstickApp, Vec<Command>);

/// The bundled data with one scenario that sets 万盛's 2023 industrial output to 340.
fn app_with_an_edit() -> YardstickApp {
    let mut app = common::window::bundled_app();
    let d = &app.state.dataset;
    let ws = d.region_by_id("wansheng").expect("wansheng");
    let output = d.indicator_by_id("industrial_output").expect("indicator");
    app.state.picks.indicator = output;
    app.commit_cell(ws, output, 2023, "340").expect("a value");
    app
}

fn compare_harness(app: YardstickApp) -> Harness<'static, CompareState> {
    Harness::builder()
        .with_size(egui::vec2(900.0, 600.0))
        .build_ui_state(
            {
                let mut fonts = false;
                move |ui, (view, app, out): &mut CompareState| {
                    if !fonts {
                        // Fonts take effect from the next frame: draw nothing in this one.
                        yardstick::ui::fonts::install_fonts(ui.ctx());
                        fonts = true;
                        return;
                    }
                    let state = &mut app.state;
                    let input =
                        Inputs::new(&state.dataset, state.dataset_rev, &state.picks, state.lang);
                    let rows = state.remembered.compare_rows();
                    app.derived.comparison(&input, &mut state.scenarios, rows);
                    let cx = Cx {
                        state: &app.state,
                        derived: &app.derived,
                    };
                    view.ui(ui, &cx, out);
                }
            },
            (CompareView, app, Vec::new()),
        )
}

#[test]
fn the_compare_view_reads_cx_and_returns_its_row_filter_as_a_command() {
    let mut harness = compare_harness(app_with_an_edit());
    harness.run();
    // The scenario's column and its value, from the comparison built before the view.
    harness.get_by_label_contains("情景 1");
    assert!(
        harness.get_all_by_label("340").count() >= 1,
        "the edited value"
    );
    assert!(harness.state().2.is_empty(), "drawing asks for nothing");

    harness
        .get_by_role_and_label(Role::CheckBox, "只显示有变化的行")
        .click();
    harness.run();
    assert_eq!(
        harness.state().2,
        vec![Command::CompareRows(RowFilter::All)],
        "the view does not change the state: it returns the command"
    );
    assert_eq!(
        harness.state().1.state.remembered.compare_rows(),
        RowFilter::Changed
    );
}

#[test]
fn run_carries_out_the_compare_rows_command_without_a_window() {
    let mut app = app_with_an_edit();
    app.run(Command::CompareRows(RowFilter::All));
    assert_eq!(app.state.remembered.compare_rows(), RowFilter::All);
    assert_eq!(app.command_state().compare_rows, RowFilter::All);
    app.run(Command::CompareRows(RowFilter::Changed));
    assert_eq!(app.state.remembered.compare_rows(), RowFilter::Changed);
    // The other commands need no window either.
    app.run(Command::NewScenario);
    assert_eq!(app.state.scenarios.docs[1].scenario.name, "情景 2");
    app.run(Command::DuplicateScenario);
    assert_eq!(app.state.scenarios.docs[2].scenario.name, "情景 2 副本");
    app.run(Command::ShowView(yardstick::ui::View::Rankings));
    assert_eq!(app.state.view, yardstick::ui::View::Rankings);
    app.run(Command::Undo);
    app.run(Command::SetLanguage(yardstick::lang::Lang::En));
    assert_eq!(app.state.lang, yardstick::lang::Lang::En);
}

#[test]
fn the_chart_view_draws_the_chart_built_before_it_or_says_nothing_is_picked() {
    type ChartState = (yardstick::ui::views::chart::ChartView, YardstickApp);
    let mut app = common::window::bundled_app();
    let output = app
        .state
        .dataset
        .indicator_by_id("industrial_output")
        .expect("indicator");
    app.state.picks.indicator = output;
    let mut harness = Harness::builder()
        .with_size(egui::vec2(900.0, 600.0))
        .build_ui_state(
            {
                let mut fonts = false;
                move |ui, (view, app): &mut ChartState| {
                    if !fonts {
                        yardstick::ui::fonts::install_fonts(ui.ctx());
                        fonts = true;
                        return;
                    }
                    app.chart_spec();
                    let cx = Cx {
                        state: &app.state,
                        derived: &app.derived,
                    };
                    let mut out = Vec::new();
                    view.ui(ui, &cx, &mut out);
                    assert!(out.is_empty(), "the chart asks for nothing");
                }
            },
            (yardstick::ui::views::chart::ChartView, app),
        );
    harness.run();
    harness.get_by_label_contains("工业总产值（");
    let regions = harness.state().1.state.dataset.regions().len();
    harness.state_mut().1.state.picks.regions = vec![false; regions];
    harness.run();
    harness.get_by_label("请选择至少一个地区");
}

#[test]
fn the_rankings_view_returns_a_weight_as_a_command_and_keeps_its_years_itself() {
    use yardstick::ui::views::rankings::RankingsView;
    type RankingsState = (RankingsView, YardstickApp, Vec<Command>);
    let mut app = common::window::bundled_app();
    let d = &app.state.dataset;
    let gdp = d.indicator_by_id("gdp").expect("gdp");
    app.state.picks = yardstick::ui::app::Picks {
        indicator: gdp,
        ..yardstick::ui::app::Picks::all(d)
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1000.0, 900.0))
        .build_ui_state(
            {
                let mut fonts = false;
                move |ui, (view, app, out): &mut RankingsState| {
                    if !fonts {
                        yardstick::ui::fonts::install_fonts(ui.ctx());
                        fonts = true;
                        return;
                    }
                    let state = &app.state;
                    let input =
                        Inputs::new(&state.dataset, state.dataset_rev, &state.picks, state.lang);
                    app.derived.ranking(&input, view.year);
                    app.derived
                        .composite(&input, &state.composite_weights, view.composite_year);
                    let cx = Cx {
                        state: &app.state,
                        derived: &app.derived,
                    };
                    view.ui(ui, &cx, out);
                }
            },
            (RankingsView::default(), app, Vec::new()),
        );
    harness.run();
    harness.get_by_label("数值越高越好（高者排前）");
    assert!(harness.state().2.is_empty());
    harness
        .get_by_role_and_label(Role::CheckBox, "地区生产总值")
        .click();
    harness.run();
    assert_eq!(harness.state().2, vec![Command::SetWeight(gdp, Some(1.0))]);
    assert!(
        harness.state().1.state.composite_weights.is_empty(),
        "the view asks; only run() changes the weights"
    );
    // run() applies it the way the window does.
    let (_, app, out) = harness.state_mut();
    for command in out.drain(..) {
        app.run(command);
    }
    assert_eq!(app.state.composite_weights, vec![(gdp, 1.0)]);
}

/// The side panel alone, as the app draws it (facts, automatic years and the region search
/// built before it), in a 260-point-wide harness `height` tall.
type SideState = (
    yardstick::ui::views::side::SidePanel,
    YardstickApp,
    Vec<Command>,
);

fn side_harness(app: YardstickApp, height: f32) -> Harness<'static, SideState> {
    Harness::builder()
        .with_size(egui::vec2(260.0, height))
        .build_ui_state(
            {
                let mut fonts = false;
                move |ui, (view, app, out): &mut SideState| {
                    if !fonts {
                        yardstick::ui::fonts::install_fonts(ui.ctx());
                        fonts = true;
                        return;
                    }
                    let state = &app.state;
                    let input =
                        Inputs::new(&state.dataset, state.dataset_rev, &state.picks, state.lang);
                    app.derived.indicator_facts(&input);
                    app.derived.auto_years(&input);
                    app.derived.region_search(&input);
                    let cx = Cx {
                        state: &app.state,
                        derived: &app.derived,
                    };
                    view.ui(ui, &cx, out);
                }
            },
            (Default::default(), app, Vec::new()),
        )
}

#[test]
fn the_side_panel_turns_each_changed_pick_into_one_command() {
    use yardstick::chart::ChartKind;
    use yardstick::model::RegionIdx;
    use yardstick::ui::views::side::changes;
    let app = common::window::bundled_app();
    let before = app.state.picks.clone();
    let mut after = before.clone();
    after.kind = ChartKind::Line;
    after.years = Some((2019, 2022));
    after.regions[1] = !after.regions[1];
    let mut out = Vec::new();
    changes(&before, &after, &mut out);
    assert_eq!(
        out,
        vec![
            Command::SetChartKind(ChartKind::Line),
            Command::SetYears(Some((2019, 2022))),
            Command::SetRegion(RegionIdx(1), after.regions[1]),
        ]
    );

    // In a harness: clicking 折线图 asks for lines and leaves the state alone.
    let mut harness = side_harness(app, 900.0);
    harness.run();
    assert!(harness.state().2.is_empty());
    harness.get_by_label("折线图").click();
    harness.run();
    assert_eq!(
        harness.state().2.first(),
        Some(&Command::SetChartKind(ChartKind::Line))
    );
    assert_eq!(harness.state().1.state.picks.kind, ChartKind::Bar);
}

/// Issue 13 item 3: the region list is searched by name, pinyin initials ("ws" finds 万盛)
/// or id; "选中匹配项" ticks the matching regions only; parts are indented under their parent.
#[test]
fn the_region_search_finds_by_pinyin_initials_and_picks_the_matching_regions() {
    let mut app = common::window::bundled_app();
    let none = vec![false; app.state.dataset.regions().len()];
    app.state.picks.regions = none;
    let mut harness = side_harness(app, 1400.0);
    harness.run();
    harness.get_by_label_contains("已选 0 / 20");
    // The whole tree: 重庆市 first, its districts after it.
    let chongqing = harness.get_by_role_and_label(Role::CheckBox, "重庆市 (无数据)");
    let wansheng = harness.get_by_role_and_label(Role::CheckBox, "万盛经开区");
    assert!(chongqing.rect().top() < wansheng.rect().top());
    assert!(
        wansheng.rect().left() > chongqing.rect().left() + 10.0,
        "a district is indented under its city"
    );

    harness.state_mut().0.region_filter = "ws".to_owned();
    harness.run();
    let boxes: Vec<String> = harness
        .query_all_by_role(Role::CheckBox)
        .filter_map(|n| n.accesskit_node().label())
        .filter(|l| !l.contains("坐标") && !l.contains("最新值"))
        .collect();
    assert_eq!(boxes, ["万盛经开区"], "only 万盛 matches ws");
    harness.get_by_label("选中匹配项").click();
    harness.run();
    let wansheng = harness
        .state()
        .1
        .state
        .dataset
        .region_by_id("wansheng")
        .unwrap();
    assert_eq!(
        harness.state().2,
        [Command::SetRegion(wansheng, true)],
        "one command, for the matching region only"
    );
}

/// Issue 12: the 目标 view alone, built from `Cx`: its buttons ask for the growth rule and the
/// chart by command and change nothing themselves; its selection is its own state.
#[test]
fn the_targets_view_returns_apply_growth_and_show_in_chart_as_commands() {
    use yardstick::model::Measure;
    use yardstick::ui::targets_view::TargetsState;
    type TargetsViewState = (TargetsState, YardstickApp, Vec<Command>);
    let app = common::window::bundled_app();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 900.0))
        .build_ui_state(
            {
                let mut fonts = false;
                move |ui, (view, app, out): &mut TargetsViewState| {
                    if !fonts {
                        yardstick::ui::fonts::install_fonts(ui.ctx());
                        fonts = true;
                        return;
                    }
                    app.target_list();
                    let cx = Cx {
                        state: &app.state,
                        derived: &app.derived,
                    };
                    view.ui(ui, &cx, out);
                }
            },
            (TargetsState::default(), app, Vec::new()),
        );
    harness.run();
    let d = &harness.state().1.state.dataset;
    let key = (
        d.region_by_id("wansheng").unwrap(),
        d.indicator_by_id("industrial_output").unwrap(),
        2025,
        Measure::Level,
    );
    assert_eq!(
        harness.state().0.selected,
        Some(key),
        "the first row with a path"
    );
    harness.get_by_label("作为情景增长假设").click();
    harness.run();
    harness.get_by_label("在图表中查看").click();
    harness.run();
    assert_eq!(
        harness.state().2,
        [
            Command::ApplyTargetGrowth(key),
            Command::ShowTargetInChart(key)
        ]
    );
    assert!(
        harness.state().1.state.scenarios.active().is_none(),
        "the view changed nothing itself"
    );
    assert_ne!(
        harness.state().1.state.picks.kind,
        yardstick::chart::ChartKind::Line,
        "the picks are the app's to change"
    );
}

/// A view of the scenario panel or the table, the app it reads, the commands returned.
type PanelState<V> = (V, YardstickApp, Vec<Command>);

/// A harness drawing `view` alone over `app`, with the active scenario's values computed
/// before it as the app does (`ScenarioDoc::applied` before the panels).
fn panel_harness<V: 'static>(
    view: V,
    app: YardstickApp,
    draw: fn(&mut V, &mut egui::Ui, &Cx<'_>, &mut Vec<Command>),
) -> Harness<'static, PanelState<V>> {
    Harness::builder()
        .with_size(egui::vec2(900.0, 700.0))
        .build_ui_state(
            {
                let mut fonts = false;
                move |ui, (view, app, out): &mut PanelState<V>| {
                    if !fonts {
                        yardstick::ui::fonts::install_fonts(ui.ctx());
                        fonts = true;
                        return;
                    }
                    if let Some(doc) = app.state.scenarios.active_mut() {
                        doc.applied(&app.state.dataset);
                    }
                    let cx = Cx {
                        state: &app.state,
                        derived: &app.derived,
                    };
                    draw(view, ui, &cx, out);
                }
            },
            (view, app, Vec::new()),
        )
}

#[test]
fn the_scenario_panel_returns_its_changes_as_commands_and_changes_nothing_itself() {
    use yardstick::ui::command::ScenarioChange;
    use yardstick::ui::scenario_panel::ScenarioPanel;
    let app = app_with_an_edit();
    let before = app.state.scenarios.docs[0].scenario.clone();
    let mut harness = panel_harness(ScenarioPanel::default(), app, |v, ui, cx, out| {
        v.ui(ui, cx, out)
    });
    harness.run();
    // Removing the one edit: a command naming the scenario and the edit's place.
    harness.get_by_label_contains("删除修改").click();
    harness.run();
    harness.get_by_label("基准").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "删除").click();
    harness.run();
    let out = &harness.state().2;
    assert_eq!(
        out,
        &[
            Command::Scenario(ScenarioChange::RemoveEdit {
                doc: 0,
                position: 0
            }),
            Command::Scenario(ScenarioChange::Select(None)),
            Command::Scenario(ScenarioChange::Delete(0)),
        ]
    );
    // The panel changed nothing itself: the scenario is as it was, still active.
    let app = &harness.state().1;
    assert_eq!(app.state.scenarios.docs[0].scenario, before);
    assert_eq!(app.state.scenarios.active, Some(0));
    // Run: deleting the scenario with its unsaved edit asks first (and keeps it); removing
    // the edit is one undo step; selecting the baseline leaves no scenario active.
    let (_, mut app, out) = harness.into_state();
    app.run(out[2].clone());
    assert_eq!(
        app.dialogs.pending,
        Some(yardstick::ui::state::PendingAction::CloseScenario(0))
    );
    assert_eq!(app.state.scenarios.docs.len(), 1);
    app.run(out[0].clone());
    assert!(app.state.scenarios.docs[0].scenario.edits.is_empty());
    assert!(app.state.scenarios.docs[0].can_undo());
    app.run(out[1].clone());
    assert_eq!(app.state.scenarios.active, None);
}

#[test]
fn the_table_returns_a_typed_value_as_one_apply_edits_command() {
    use yardstick::ui::command::ScenarioChange;
    use yardstick::ui::table_view::TableState;
    let mut app = common::window::bundled_app();
    let d = &app.state.dataset;
    let ws = d.region_by_id("wansheng").expect("wansheng");
    let output = d.indicator_by_id("industrial_output").expect("indicator");
    app.state.picks.indicator = output;
    let mut harness = panel_harness(TableState::default(), app, |v, ui, cx, out| {
        v.ui(ui, cx, out)
    });
    harness.run();
    let rect = harness
        .state()
        .0
        .cell_rect(yardstick::ui::table_view::CellRef {
            region: ws,
            indicator: output,
            year: 2023,
        })
        .expect("万盛 2023 on screen");
    harness.hover_at(rect.center());
    harness.event(egui::Event::PointerButton {
        pos: rect.center(),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.event(egui::Event::PointerButton {
        pos: rect.center(),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
    harness.key_press(egui::Key::F2);
    harness.run();
    harness.event(egui::Event::Text("abc".into()));
    harness.key_press(egui::Key::Enter);
    harness.run();
    // Not a number: no command, the reason shown.
    assert!(harness.state().2.is_empty(), "{:?}", harness.state().2);
    let message = harness.state().0.message.clone().expect("the reason shown");
    assert!(
        message.is_error && message.text.starts_with("万盛经开区"),
        "{message:?}"
    );
    for _ in 0..3 {
        harness.key_press(egui::Key::Backspace);
    }
    harness.event(egui::Event::Text("340".into()));
    harness.key_press(egui::Key::Enter);
    harness.run();
    let out = &harness.state().2;
    let [Command::Scenario(ScenarioChange::ApplyEdits(edits))] = out.as_slice() else {
        panic!("one ApplyEdits: {out:?}");
    };
    assert_eq!(edits.len(), 1);
    assert_eq!(
        (edits[0].region.as_str(), edits[0].year),
        ("wansheng", 2023)
    );
    assert_eq!(edits[0].value, Some(340.0));
    // The table changed nothing itself.
    assert!(harness.state().1.state.scenarios.docs.is_empty());
}
