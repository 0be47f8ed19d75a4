//! The frame contract of `Derived` (DESIGN.md, rules of the house): what a frame reads is
//! rebuilt only when the data, the active scenario or the picks it depends on change. With
//! `Derived` warm, one more frame of any tab rebuilds nothing (so scans no observation for
//! it); a changed pick rebuilds.

use egui_kittest::Harness;
use yardstick::model::IndicatorIdx;
use yardstick::ui::{View, YardstickApp};

mod common;

/// The bundled window with a scenario that has one edit (the chart draws its layer, the
/// comparison has a column).
fn harness() -> Harness<'static, YardstickApp> {
    let mut harness = common::window::bundled_window(1280.0, 800.0);
    harness.run();
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
    app.commit_cell(ws, output, 2023, "340").expect("a value");
    harness.run();
    harness
}

#[test]
fn a_warm_frame_of_each_tab_rebuilds_nothing() {
    let mut harness = harness();
    for view in View::ALL {
        harness.state_mut().state.view = view;
        assert_warm_frames_rebuild_nothing(&mut harness, &format!("{view:?}"));
    }
}

/// Settles the window, then checks two more frames with nothing changed rebuild nothing.
fn assert_warm_frames_rebuild_nothing(harness: &mut Harness<'_, YardstickApp>, what: &str) {
    harness.run();
    let warm = harness.state().derived.rebuilds();
    harness.step();
    harness.step();
    assert_eq!(
        harness.state().derived.rebuilds(),
        warm,
        "{what}: a frame with nothing changed rebuilt derived data"
    );
}

#[test]
fn a_changed_pick_or_scenario_rebuilds_what_depends_on_it() {
    let mut harness = harness();
    harness.state_mut().state.view = View::Chart;
    harness.run();
    let before = harness.state().derived.rebuilds();
    // Another chart kind: new automatic years, selection and chart (3 parts), no more.
    harness.state_mut().state.picks.kind = yardstick::chart::ChartKind::Line;
    harness.step();
    assert_eq!(harness.state().derived.rebuilds(), before + 3);
    // Undo in the scenario: the chart only (the selection does not depend on it).
    let before = harness.state().derived.rebuilds();
    assert!(harness.state_mut().undo());
    harness.step();
    assert_eq!(harness.state().derived.rebuilds(), before + 1);
}

#[test]
fn a_warm_frame_of_the_composite_over_every_region_rebuilds_nothing() {
    let mut harness = harness();
    let dataset = &harness.state().state.dataset;
    let weights: Vec<(IndicatorIdx, f64)> = dataset.indicator_indices().map(|i| (i, 1.0)).collect();
    let regions = dataset.regions().len();
    let app = harness.state_mut();
    app.state.view = View::Rankings;
    app.state.composite_weights = weights;
    app.state.picks.regions = vec![true; regions];
    assert_warm_frames_rebuild_nothing(&mut harness, "the composite over every region");
}
