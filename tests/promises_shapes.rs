//! README promises about how the window *draws* a chart, checked on the shapes egui paints
//! (the frame's `FullOutput::shapes`), not on the style table they are chosen from: targets
//! are hollow diamonds, the active scenario is a dashed line with triangles, the path needed
//! to reach a target is dotted, a bound is an open ring. Each check is made against the same
//! frame without the feature (no scenario open; solid series), so that drawing the series
//! some other way fails the test.

use std::path::Path;

use egui::epaint::{PathShape, Shape};
use egui::{Color32, Pos2};
use egui_kittest::Harness;
use yardstick::chart::palette;
use yardstick::chart::{ChartKind, ChartSpec, PointKind};
use yardstick::ui::YardstickApp;

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
    harness.run();
}

/// Every shape of the last frame, nested lists flattened.
fn painted(harness: &Harness<'_, YardstickApp>) -> Vec<Shape> {
    fn flatten(shape: &Shape, out: &mut Vec<Shape>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| flatten(s, out)),
            other => out.push(other.clone()),
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        flatten(&clipped.shape, &mut out);
    }
    out
}

/// The first series of `kind`: its colour on screen, its number of points, and how many
/// series of that kind share the colour (each has a swatch in the legend).
fn first_of(spec: &ChartSpec, kind: PointKind) -> (Color32, usize, usize) {
    let series = spec
        .series
        .iter()
        .find(|s| s.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} series"));
    let (r, g, b) = palette::color(series.color_index);
    let same: Vec<_> = spec
        .series
        .iter()
        .filter(|s| s.kind == kind && s.color_index == series.color_index)
        .collect();
    let points = same.iter().map(|s| s.points.len()).sum();
    (Color32::from_rgb(r, g, b), points, same.len())
}

fn points_of(spec: &ChartSpec, kind: PointKind) -> usize {
    spec.series
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| s.points.len())
        .sum()
}

fn stroke_colour(path: &PathShape) -> Color32 {
    match path.stroke.color {
        egui::epaint::ColorMode::Solid(c) => c,
        _ => Color32::TRANSPARENT,
    }
}

/// Closed polygons of `corners` corners outlined in `colour`: (hollow, filled).
fn polygons(shapes: &[Shape], corners: usize, colour: Color32) -> (usize, usize) {
    let mut hollow = 0;
    let mut filled = 0;
    for shape in shapes {
        if let Shape::Path(path) = shape
            && path.closed
            && path.points.len() == corners
        {
            if path.fill == colour {
                filled += 1;
            } else if path.fill == Color32::TRANSPARENT && stroke_colour(path) == colour {
                hollow += 1;
            }
        }
    }
    (hollow, filled)
}

/// Straight pieces in `colour` no longer than a dash of `LineStyle::dashed_loose` (10 px): the
/// legend's own swatch is longer.
fn dashes(shapes: &[Shape], colour: Color32) -> usize {
    shapes
        .iter()
        .filter(|s| {
            matches!(s, Shape::LineSegment { points: [a, b], stroke }
                if stroke.color == colour && a.distance(*b) <= 10.5)
        })
        .count()
}

/// Filled dots of radius `radius` in `colour` (the dots of a dotted line).
fn dots(shapes: &[Shape], colour: Color32, radius: f32) -> Vec<Pos2> {
    shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Circle(c) if c.fill == colour && (c.radius - radius).abs() < 0.01 => {
                Some(c.center)
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_window_draws_targets_as_hollow_diamonds_and_the_scenario_dashed_with_triangles() {
    let mut harness = harness();
    open_example_scenario(&mut harness);
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    assert_eq!(
        spec.kind,
        ChartKind::Line,
        "the example scenario's view is a line chart"
    );
    let shapes = painted(&harness);

    // Targets: one hollow diamond per target point (and the legend's swatch), none filled.
    let (target, targets, swatches) = first_of(&spec, PointKind::Target);
    assert!(targets >= 1);
    let (hollow, filled) = polygons(&shapes, 4, target);
    assert_eq!(
        (hollow, filled),
        (targets + swatches, 0),
        "{targets} target(s) and {swatches} legend swatch(es) as hollow diamonds"
    );

    // The scenario: one triangle per point, and its line in dashes.
    let (scenario, projected, _) = first_of(&spec, PointKind::Scenario);
    assert!(projected >= 2, "the example projects several years");
    let (hollow, filled) = polygons(&shapes, 3, scenario);
    assert_eq!(
        hollow + filled,
        projected,
        "a triangle for each scenario point"
    );
    let scenario_dashes = dashes(&shapes, scenario);
    assert!(
        scenario_dashes >= 2 * (projected - 1),
        "the scenario line is dashed: {scenario_dashes} dashes for {projected} points"
    );

    // A bound ("突破1000亿元") is an open ring (radius 7) around its point, never a filled one.
    let bounds = spec
        .series
        .iter()
        .flat_map(|s| &s.points)
        .filter(|p| !p.bound.is_exact())
        .count();
    assert!(bounds >= 1, "the view has a bound (万州 2025 target)");
    let rings = shapes
        .iter()
        .filter(|s| {
            matches!(s, Shape::Circle(c) if (c.radius - 7.0).abs() < 0.01
                && c.fill == Color32::TRANSPARENT && c.stroke.width > 0.0)
        })
        .count();
    assert_eq!(rings, bounds, "one open ring per bound");

    // The path needed to reach the target: dotted (dots of the line width).
    let (required, ..) = first_of(&spec, PointKind::Required);
    assert!(
        dots(&shapes, required, 2.0).len() >= 10,
        "the required path is drawn as dots"
    );
}

#[test]
fn without_a_scenario_the_same_chart_has_no_dashes_and_no_triangles() {
    let mut harness = harness();
    open_example_scenario(&mut harness);
    let with = harness.state_mut().chart_spec().unwrap().clone();
    let (scenario, ..) = first_of(&with, PointKind::Scenario);
    // Close the scenario (nothing unsaved: it was just opened), keep the picks and view.
    harness.state_mut().state.scenarios.active = None;
    harness.run();
    harness.run();
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    assert_eq!(points_of(&spec, PointKind::Scenario), 0);
    let shapes = painted(&harness);
    let (hollow, filled) = polygons(&shapes, 3, scenario);
    assert_eq!(hollow + filled, 0, "no triangles without a scenario");
    assert_eq!(dashes(&shapes, scenario), 0, "no dashes without a scenario");
}

/// The window (as `yardstick FILE` opens it) on `common::SMALL` with 甲区's observations
/// replaced by `observations` (invented test data), showing 甲区 alone as a line chart over
/// `years`. The folder holding the file comes back too: the file lives as long as it.
fn line_chart_of_a(
    observations: &str,
    years: (i32, i32),
) -> (tempfile::TempDir, Harness<'static, YardstickApp>) {
    let data = common::small_with(
        r#"(region: "a", indicator: "days", year: 2022, value: 343.0, kind: Actual, source: "s"),"#,
        observations,
    );
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("test-data.ron");
    std::fs::write(&file, data).expect("the test data is written");
    let start = yardstick::ui::load_start(Some(&file)).expect("the test data loads");
    let mut harness = common::window::start_window(start, Default::default(), 1280.0, 800.0);
    {
        let picks = &mut harness.state_mut().state.picks;
        picks.kind = ChartKind::Line;
        picks.regions = vec![true, false];
        picks.years = Some(years);
    }
    harness.run();
    harness.run();
    (dir, harness)
}

/// README: "a missing year breaks the line (never a zero)". Test data (invented for this
/// test): 甲区 has 2019, 2020 and 2022, not 2021. On screen the solid line is one piece from
/// 2019 to 2020 (two points); nothing joins 2020 to 2022 and no point sits at zero.
#[test]
fn the_window_breaks_a_line_at_a_missing_year() {
    let (_dir, mut harness) = line_chart_of_a(
        r#"(region: "a", indicator: "days", year: 2019, value: 320.0, kind: Actual, source: "s"),
        (region: "a", indicator: "days", year: 2020, value: 330.0, kind: Actual, source: "s"),
        (region: "a", indicator: "days", year: 2022, value: 343.0, kind: Actual, source: "s"),"#,
        (2019, 2022),
    );
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    let series = &spec.series[0];
    assert_eq!(
        series.points.iter().map(|p| p.year).collect::<Vec<_>>(),
        [2019, 2020, 2022]
    );
    let (r, g, b) = palette::color(series.color_index);
    let colour = Color32::from_rgb(r, g, b);
    let shapes = painted(&harness);
    let lines: Vec<&PathShape> = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Path(p) if !p.closed && stroke_colour(p) == colour => Some(p),
            _ => None,
        })
        .collect();
    let transform = yardstick::ui::views::chart::last_transform(&harness.ctx).expect("drawn");
    let x = |year: f64| transform.position_from_point_x(year);
    let long: Vec<&PathShape> = lines
        .iter()
        .copied()
        .filter(|p| p.points.len() >= 2)
        .collect();
    assert_eq!(long.len(), 1, "one solid piece: {long:?}");
    let piece = &long[0].points;
    assert_eq!(piece.len(), 2, "2019 and 2020 only");
    assert!((piece[0].x - x(2019.0)).abs() < 1.0 && (piece[1].x - x(2020.0)).abs() < 1.0);
    // Nothing drawn in the colour reaches 2021, where there is no value.
    let zero_y = transform.position_from_point_y(0.0);
    for p in &lines {
        for point in &p.points {
            assert!(
                (point.x - x(2021.0)).abs() > 5.0,
                "a line through 2021: {p:?}"
            );
            assert!((point.y - zero_y).abs() > 1.0, "a point at zero: {p:?}");
        }
    }
}

/// README: the 进度图 draws "bullet bars, baseline + scenario, coloured by status". The
/// example scenario's ten targets: the set of status colours painted as filled bars in the
/// window is exactly the set of statuses its rows have (baseline and scenario), each in the
/// colour the export uses (`status_rgb`).
#[test]
fn the_tracker_paints_each_status_in_its_colour() {
    use egui::{Key, Modifiers};
    use egui_kittest::kittest::{NodeT, Queryable};
    use yardstick::chart::tracker::status_rgb;
    use yardstick::model::analysis::TargetStatus;

    let mut harness = harness();
    open_example_scenario(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num4);
    harness.run();
    harness.get_by_label("进度图").click();
    harness.run();
    harness.run();
    let canvas = harness.get_by_label_contains("万盛经开区 · 工业总产值 2025");
    let text = canvas
        .accesskit_node()
        .label()
        .unwrap_or_default()
        .to_string();
    let statuses = [
        ("达成", TargetStatus::Achieved),
        ("按计划", TargetStatus::OnTrack),
        ("有风险", TargetStatus::AtRisk),
        ("落后", TargetStatus::OffTrack),
        ("无法判断", TargetStatus::Unknown),
    ];
    // Each line: "region · indicator year: status — reason[; scenario: status — reason]".
    let said: std::collections::BTreeSet<(u8, u8, u8)> = text
        .lines()
        .skip(1)
        .flat_map(|line| {
            statuses
                .iter()
                .filter(move |(word, _)| line.contains(&format!(": {word} — ")))
                .map(|(_, s)| status_rgb(*s))
        })
        .collect();
    assert!(said.len() >= 2, "several statuses: {text}");
    let status_colours: Vec<(u8, u8, u8)> = statuses.iter().map(|(_, s)| status_rgb(*s)).collect();
    let painted: std::collections::BTreeSet<(u8, u8, u8)> = painted(&harness)
        .iter()
        .filter_map(|s| match s {
            Shape::Rect(r) => {
                let [red, green, blue, alpha] = r.fill.to_srgba_unmultiplied();
                (alpha > 200).then_some((red, green, blue))
            }
            _ => None,
        })
        .filter(|c| status_colours.contains(c))
        .collect();
    assert_eq!(painted, said, "{text}");
}

/// README: "estimates are lighter bars or dotted lines". Test data (invented for this test):
/// 甲区 has estimates for 2021 and 2022. On screen that run is dots (none of it a solid
/// line), and as bars the estimates are lighter than the actual values' bars.
#[test]
fn the_window_draws_estimates_dotted_on_a_line_and_lighter_as_bars() {
    let (_dir, mut harness) = line_chart_of_a(
        r#"(region: "a", indicator: "days", year: 2020, value: 320.0, kind: Actual, source: "s"),
        (region: "a", indicator: "days", year: 2021, value: 330.0, kind: Estimate, source: "s"),
        (region: "a", indicator: "days", year: 2022, value: 343.0, kind: Estimate, source: "s"),"#,
        (2020, 2022),
    );
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    let (estimate, points, _) = first_of(&spec, PointKind::Estimate);
    assert_eq!(points, 2);
    let shapes = painted(&harness);
    assert!(
        dots(&shapes, estimate, 2.0).len() >= 5,
        "the 2021–2022 estimate run is dotted"
    );
    let solid = shapes.iter().any(|s| {
        matches!(s, Shape::Path(p) if !p.closed && p.points.len() >= 2 && stroke_colour(p) == estimate)
    });
    assert!(!solid, "no solid line in the estimate's colour");

    // As bars (2021 and 2022 side by side with 2020): the estimate bars are lighter.
    harness.state_mut().state.picks.kind = ChartKind::Bar;
    harness.run();
    harness.run();
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    let fills: Vec<(PointKind, Color32)> = spec
        .series
        .iter()
        .map(|s| {
            let (r, g, b) = palette::color(s.color_index);
            (s.kind, Color32::from_rgb(r, g, b))
        })
        .collect();
    // Inside the plot's frame: the legend's swatches are drawn in the same colours.
    let frame = *yardstick::ui::views::chart::last_transform(&harness.ctx)
        .expect("drawn")
        .frame();
    let bars: Vec<Color32> = painted(&harness)
        .iter()
        .filter_map(|s| match s {
            Shape::Rect(r) if r.fill != Color32::TRANSPARENT && frame.contains_rect(r.rect) => {
                Some(r.fill)
            }
            _ => None,
        })
        .collect();
    let alpha_of = |kind: PointKind| {
        let (_, colour) = fills.iter().find(|(k, _)| *k == kind).expect("a series");
        bars.iter()
            .filter(|f| {
                let [r, g, b, _] = f.to_srgba_unmultiplied();
                let [cr, cg, cb, _] = colour.to_srgba_unmultiplied();
                r.abs_diff(cr) <= 2 && g.abs_diff(cg) <= 2 && b.abs_diff(cb) <= 2
            })
            .map(|f| f.a())
            .min()
    };
    let actual = alpha_of(PointKind::Actual).expect("actual bars painted");
    let estimated = alpha_of(PointKind::Estimate).expect("estimate bars painted");
    assert!(
        estimated < actual,
        "estimate alpha {estimated} < actual {actual}"
    );
}
