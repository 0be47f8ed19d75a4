//! CPU time of one frame of the main window, headless (1280×800 points, pixels per point 1):
//! the app's `logic` + `ui` inside `egui::Context::run_ui`, then `Context::tessellate`, which
//! is what a real window does on the CPU before handing triangles to the GPU. Target: ≤ 8 ms.
//!
//! Two views of a synthetic dataset (100 regions × 25 indicators × 40 years = 100,000 values):
//! - the table, long layout, every region and indicator: 100,000 rows, scrolled by the mouse
//!   wheel every frame (so new rows are laid out each frame);
//! - a bar chart of 10 regions × 40 years (400 bars, 40 series), the pointer moving over it
//!   every frame (hover and tooltip).
//!
//! With `YARDSTICK_FRAME_NATIONAL=1`, every tab is also timed on a national-scale file
//! (3,000 regions × 40 indicators × 30 years = 3.6 M values; issue 13): `frame/*_3.6M*` —
//! the table in both layouts, bar and line charts of 10 and 100 regions (and a bar chart of
//! all 3,000, which says it shows the top 40), compare, targets, and rankings alone and with
//! a composite of 10 indicators over 3,000 regions — headless only (the dataset takes ~10 s to
//! build; CI never sets the variable).
//!
//! Each is timed twice: driving `egui::Context` directly (as eframe does; no AccessKit tree
//! unless a screen reader asks for one), and through `egui_kittest::Harness::step` plus
//! tessellation (which always builds the AccessKit tree).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::App as _;
use egui::{
    Event, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase, Vec2,
    pos2, vec2,
};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use yardstick::model::synthetic::{FIRST_YEAR, synthetic_dataset, with_targets};
use yardstick::model::{ChartKind, IndicatorIdx};
use yardstick::ui::table_view::Layout;
use yardstick::ui::{View, YardstickApp};

const SIZE: Vec2 = vec2(1280.0, 800.0);
/// Regions × indicators × years of the dataset: 100,000 table rows.
const REGIONS: usize = 100;
const INDICATORS: usize = 25;
const YEARS: usize = 40;
/// Regions in the bar chart.
const CHART_REGIONS: usize = 10;

/// The window on the table: long layout, every region and indicator.
fn table_app() -> YardstickApp {
    let mut app = YardstickApp::new(synthetic_dataset(REGIONS, INDICATORS, YEARS, 3), None);
    app.state.view = View::Table;
    app.views.table.layout = Layout::Long;
    app.views.table.all_indicators = true;
    app.state.picks.regions = vec![true; REGIONS];
    app
}

/// The window on a bar chart of 10 regions × 40 years.
fn chart_app() -> YardstickApp {
    let mut app = YardstickApp::new(synthetic_dataset(REGIONS, INDICATORS, YEARS, 3), None);
    app.state.view = View::Chart;
    app.state.picks.kind = ChartKind::Bar;
    app.state.picks.regions = (0..REGIONS).map(|i| i < CHART_REGIONS).collect();
    app.state.picks.years = Some((FIRST_YEAR, FIRST_YEAR + YEARS as i32 - 1));
    app
}

/// What a national case changes in the window before it is timed.
type Setup = fn(&mut YardstickApp);

/// Picks the first `n` regions.
fn pick_first(app: &mut YardstickApp, n: usize) {
    let regions = app.state.picks.regions.len();
    app.state.picks.regions = (0..regions).map(|i| i < n).collect();
}

/// Env var that adds the 3.6 M-value cases.
const NATIONAL_ENV: &str = "YARDSTICK_FRAME_NATIONAL";

/// The window on `view` of a 3,000 × 40 × 30 synthetic dataset (a clone of `dataset`), 10
/// regions picked: every region in the table's long layout; the compare tab with a scenario
/// of 10,000 edits and 100 growth rules open.
fn national_app(dataset: &yardstick::model::Dataset, view: View) -> YardstickApp {
    let regions = dataset.regions().len();
    let mut app = YardstickApp::new(dataset.clone(), None);
    if view == View::Compare {
        let scenario = yardstick::model::synthetic::synthetic_scenario(dataset, 10_000, 100, 42);
        let doc = yardstick::model::document::ScenarioDoc::new(scenario);
        app.state.scenarios.add(doc);
    }
    app.state.view = view;
    app.state.picks.kind = ChartKind::Bar;
    app.state.picks.regions = (0..regions).map(|i| i < CHART_REGIONS).collect();
    if view == View::Targets {
        // Every region's target listed and judged: 3,000 rows.
        app.state.picks.regions = vec![true; regions];
    }
    if view == View::Table {
        app.views.table.layout = Layout::Long;
        app.views.table.all_indicators = true;
        app.state.picks.regions = vec![true; regions];
    }
    app
}

/// What the user does in frame `n`: a wheel step over the table, or the pointer moving across
/// the chart.
fn events(view: View, n: u64) -> Vec<Event> {
    match view {
        View::Table => vec![
            Event::PointerMoved(pos2(600.0, 500.0)),
            Event::MouseWheel {
                unit: MouseWheelUnit::Point,
                delta: vec2(0.0, -60.0),
                phase: TouchPhase::Move,
                source: MouseWheelSource::Unknown,
                modifiers: Modifiers::NONE,
            },
        ],
        _ => {
            let x = 300.0 + (n % 64) as f32 * 10.0;
            vec![Event::PointerMoved(pos2(x, 420.0))]
        }
    }
}

/// A window without a window: an egui context driven like eframe drives it.
struct Headless {
    ctx: egui::Context,
    frame: eframe::Frame,
    app: YardstickApp,
    n: u64,
}

impl Headless {
    fn new(app: YardstickApp) -> Self {
        let ctx = egui::Context::default();
        // Fonts, style and settings as the real window sets them up.
        let app = app.with_creation_context(&eframe::CreationContext::_new_kittest(ctx.clone()));
        let mut window = Self {
            ctx,
            frame: eframe::Frame::_new_kittest(),
            app,
            n: 0,
        };
        for _ in 0..10 {
            window.frame();
        }
        window
    }

    /// One frame: input, logic + ui, tessellation. Returns the number of primitives.
    fn frame(&mut self) -> usize {
        self.n += 1;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SIZE)),
            time: Some(self.n as f64 / 60.0),
            predicted_dt: 1.0 / 60.0,
            events: events(self.app.state.view, self.n),
            ..Default::default()
        };
        let ctx = self.ctx.clone();
        let (app, frame) = (&mut self.app, &mut self.frame);
        let mut output = ctx.run_ui(input, |ui| {
            app.logic(ui.ctx(), frame);
            app.ui(ui, frame);
        });
        // Font atlas updates would go to the GPU; there is none.
        output.textures_delta.clear();
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    }
}

/// The same window in egui_kittest's harness.
fn harness(app: YardstickApp) -> Harness<'static, YardstickApp> {
    let mut harness = Harness::builder()
        .with_size(SIZE)
        .build_eframe(move |cc| app.with_creation_context(cc));
    for _ in 0..10 {
        harness.step();
    }
    harness
}

/// Makes sure the window shows what is meant to be timed.
fn check(harness: &mut Harness<'_, YardstickApp>) {
    match harness.state().state.view {
        View::Table => {
            let rows = REGIONS * INDICATORS * YEARS;
            harness.get_by_label_contains(&format!("{rows} 条观测值"));
        }
        _ => {
            let spec = harness.state_mut().chart_spec().expect("a chart").clone();
            let bars = spec.points().count();
            assert_eq!(spec.categories.len(), CHART_REGIONS);
            assert_eq!(bars, CHART_REGIONS * YEARS, "bars");
        }
    }
}

fn kittest_frame(harness: &mut Harness<'_, YardstickApp>, n: u64) -> usize {
    for event in events(harness.state().state.view, n) {
        harness.event(event);
    }
    harness.step();
    let shapes = harness.output().shapes.clone();
    let ppp = harness.output().pixels_per_point;
    harness.ctx.tessellate(shapes, ppp).len()
}

fn bench_frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for (name, make) in [
        ("table_100k_rows", table_app as fn() -> YardstickApp),
        ("bar_chart_10x40", chart_app),
    ] {
        let mut window = Headless::new(make());
        eprintln!("{name}: {} primitives per frame", window.frame());
        group.bench_function(name, |b| b.iter(|| black_box(window.frame())));

        let mut harness = harness(make());
        check(&mut harness);
        let mut n = 0;
        group.bench_function(format!("{name}_kittest"), |b| {
            b.iter(|| {
                n += 1;
                black_box(kittest_frame(&mut harness, n))
            })
        });
    }
    group.finish();
}

/// Every tab on 3.6 M values, when [`NATIONAL_ENV`] is set.
fn bench_national(c: &mut Criterion) {
    if std::env::var_os(NATIONAL_ENV).is_none() {
        return;
    }
    let started = std::time::Instant::now();
    let dataset = with_targets(&synthetic_dataset(3000, 40, 30, 3), 5, 1000.0);
    eprintln!(
        "national: {} values built in {:.1?}",
        dataset.observations().len(),
        started.elapsed()
    );
    let mut group = c.benchmark_group("frame");
    group.sample_size(10);
    let all_years = Some((FIRST_YEAR, FIRST_YEAR + 29));
    let cases: [(&str, View, Setup); 11] = [
        ("table_long_3.6M", View::Table, |_| {}),
        ("table_pivot_3.6M", View::Table, |app| {
            app.views.table.layout = Layout::Pivot;
        }),
        ("bar_chart_10_regions_3.6M", View::Chart, |_| {}),
        ("line_chart_10_regions_3.6M", View::Chart, |app| {
            app.state.picks.kind = ChartKind::Line;
        }),
        ("bar_chart_100_regions_3.6M", View::Chart, |app| {
            pick_first(app, 100);
        }),
        ("line_chart_100_regions_3.6M", View::Chart, |app| {
            pick_first(app, 100);
            app.state.picks.kind = ChartKind::Line;
        }),
        ("compare_3.6M_10k_edits", View::Compare, |_| {}),
        ("targets_3.6M_3000_targets", View::Targets, |_| {}),
        ("rankings_3.6M", View::Rankings, |_| {}),
        (
            "rankings_3.6M_3000_regions_composite_of_10",
            View::Rankings,
            |app| {
                pick_first(app, 3000);
                app.state.composite_weights = (0..10).map(|i| (IndicatorIdx(i), 1.0)).collect();
            },
        ),
        ("bar_chart_3000_regions_3.6M", View::Chart, |app| {
            // More than the chart draws: it says so and offers top-N.
            pick_first(app, 3000);
        }),
    ];
    for (name, view, setup) in cases {
        let mut app = national_app(&dataset, view);
        if name.starts_with("line_chart") {
            app.state.picks.years = all_years;
        }
        setup(&mut app);
        let mut window = Headless::new(app);
        let first = std::time::Instant::now();
        window.frame();
        eprintln!(
            "{name}: a frame after the first ten took {:.1?}",
            first.elapsed()
        );
        // What is timed is a warm frame: nothing derived is rebuilt.
        let warm = window.app.derived.rebuilds();
        for _ in 0..5 {
            window.frame();
        }
        assert_eq!(
            window.app.derived.rebuilds(),
            warm,
            "{name}: a warm frame rebuilt derived data"
        );
        group.bench_function(name, |b| b.iter(|| black_box(window.frame())));
    }
    group.finish();
}

criterion_group!(benches, bench_frames, bench_national);
criterion_main!(benches);
