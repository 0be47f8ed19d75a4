//! What the window shows at 1280×800, driven with egui_kittest: the first view, hover
//! tooltips (a published point wins over a computed one), every bar named, the value axis
//! from zero, the year pickers and pivot columns of every year, a target beside its
//! projection, and what the CSV says is published.

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use yardstick::chart::{ChartKind, PointKind, csv};
use yardstick::ui::app::Picks;
use yardstick::ui::table_view::CellRef;
use yardstick::ui::views::chart;
use yardstick::ui::{View, YardstickApp};

mod common;

fn harness() -> Harness<'static, YardstickApp> {
    common::window::bundled_window(1280.0, 800.0)
}

/// Shows `indicator` for the regions `ids` (every region when empty), as `kind`, `years`.
fn show(
    harness: &mut Harness<'_, YardstickApp>,
    indicator: &str,
    ids: &[&str],
    kind: ChartKind,
    years: Option<(i32, i32)>,
) {
    let dataset = &harness.state().state.dataset;
    let all = Picks::all(dataset);
    let picks = Picks {
        indicator: dataset.indicator_by_id(indicator).expect("indicator"),
        regions: dataset
            .regions()
            .iter()
            .map(|r| ids.is_empty() || ids.contains(&r.id.as_str()))
            .collect(),
        years,
        kind,
        ..all
    };
    harness.state_mut().state.picks = picks;
    harness.run();
}

/// Hovers the point of `region` in `year` of `kind` where the chart on screen drew it.
fn hover_point(harness: &mut Harness<'_, YardstickApp>, region: &str, year: i32, kind: PointKind) {
    let spec = harness.state_mut().chart_spec().expect("a chart").clone();
    // egui_plot sizes its axes from the previous frame and requests no repaint for it:
    // one event settles the layout before positions are read.
    harness.hover_at(egui::pos2(1.0, 1.0));
    harness.run();
    let transform = chart::last_transform(&harness.ctx).expect("a chart was drawn");
    let point = spec
        .points()
        .find(|p| p.region_id == region && p.year == year && p.kind == kind)
        .expect("the point is drawn");
    let pos = chart::screen_pos(&spec, &transform, point);
    harness.hover_at(pos);
    harness.run();
}

#[test]
fn the_window_opens_on_the_seed_regions_industrial_output_and_its_targets_not_on_chongqing() {
    let mut harness = harness();
    harness.run();
    let app = harness.state();
    let output = app
        .state
        .dataset
        .indicator_by_id("industrial_output")
        .unwrap();
    assert_eq!(app.state.picks.indicator, output);
    let chongqing = app.state.dataset.region_by_id("chongqing").unwrap();
    assert!(
        !app.state.picks.regions[chongqing.0 as usize],
        "重庆市 is not picked"
    );
    let picked: Vec<&str> = app
        .picked_regions()
        .iter()
        .map(|&r| app.state.dataset.region(r).id.as_str())
        .collect();
    assert_eq!(picked, ["wansheng", "ziyang", "wanzhou"]);
    assert_eq!(app.state.picks.years, Some((2022, 2025)));
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    assert_eq!(spec.kind, ChartKind::Bar);
    // 万盛's 2022 figure beside its own 2025 target.
    let wansheng: Vec<(i32, PointKind, f64)> = spec
        .points()
        .filter(|p| p.region_id == "wansheng")
        .map(|p| (p.year, p.kind, p.value))
        .collect();
    assert_eq!(
        wansheng,
        [
            (2022, PointKind::Actual, 300.0),
            (2025, PointKind::Target, 500.0)
        ]
    );
    // The value axis starts at 0: the data and the indicator's minimum are ≥ 0.
    assert_eq!(chart::y_bounds(&spec).0, 0.0);
    let transform = chart::last_transform(&harness.ctx).unwrap();
    assert_eq!(*transform.bounds().range_y().start(), 0.0);
}

#[test]
fn gdp_bars_never_go_below_zero_and_every_bar_is_named() {
    let mut harness = harness();
    show(&mut harness, "gdp", &[], ChartKind::Bar, Some((2018, 2018)));
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    // 13 districts with a 2018 GDP; 重庆市, their parent, is a dotted reference line.
    assert_eq!(spec.categories.len(), 13, "{:?}", spec.categories);
    assert!(!spec.categories.iter().any(|c| c == "重庆市"));
    assert_eq!(spec.parent_lines.len(), 1, "{:?}", spec.parent_lines);
    // … twenty times the tallest bar: not drawn to scale, its value in a note instead, and
    // the value axis ends near the tallest bar (1,058.06), not at 21,588.8.
    assert!(spec.parent_lines[0].off_scale);
    assert!(
        spec.notes
            .iter()
            .any(|n| n.contains("重庆市") && n.contains("21,588.8")),
        "{:?}",
        spec.notes
    );
    assert!(
        chart::y_bounds(&spec).1 < 2000.0,
        "{:?}",
        chart::y_bounds(&spec)
    );
    for lang in ["zh", "en"] {
        if lang == "en" {
            harness.state_mut().state.lang = yardstick::lang::Lang::En;
            harness.run();
        }
        let transform = chart::last_transform(&harness.ctx).unwrap();
        assert_eq!(*transform.bounds().range_y().start(), 0.0, "no −1,000");
        let spec = harness.state_mut().chart_spec().unwrap().clone();
        let screen = harness.ctx.content_rect();
        for name in &spec.categories {
            let labels: Vec<_> = harness
                .get_all_by_role_and_label(Role::Label, name)
                .collect();
            // The side panel names the region too; the bar's name sits under the plot.
            let under_plot = labels
                .iter()
                .any(|n| n.rect().top() > transform.frame().bottom() - 1.0);
            assert!(under_plot, "{lang}: bar {name} has no name under the plot");
            assert!(
                labels.iter().all(|n| screen.contains_rect(n.rect())),
                "{lang}: {name} off screen"
            );
        }
    }
}

#[test]
fn hovering_a_published_point_on_a_line_shows_its_source_not_the_required_path() {
    let mut harness = harness();
    show(
        &mut harness,
        "industrial_output",
        &["wansheng"],
        ChartKind::Line,
        Some((2022, 2025)),
    );
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    // The required path starts on the published 2022 value: both are drawn at one place.
    let start = spec
        .points()
        .find(|p| p.kind == PointKind::Required && p.year == 2022)
        .expect("the required path starts in 2022");
    assert_eq!(start.value, 300.0);
    hover_point(&mut harness, "wansheng", 2022, PointKind::Actual);
    harness.get_by_label_contains("来源：万盛在建设现代化新重庆中展现新担当新作为");
    harness.get_by_label_contains("300 亿元  (实际)");
    assert!(harness.query_by_label_contains("按目标推算").is_none());
    // The computed points elsewhere on the path are hovered as what they are.
    hover_point(&mut harness, "wansheng", 2023, PointKind::Required);
    harness.get_by_label_contains("按目标推算");
}

#[test]
fn a_tall_bars_tooltip_has_a_background_and_stays_on_screen() {
    let mut harness = harness();
    show(&mut harness, "gdp", &[], ChartKind::Bar, Some((2018, 2018)));
    // 涪陵's is the tallest bar (重庆市, twenty times larger, is a note, not a bar).
    hover_point(&mut harness, "fuling", 2018, PointKind::Actual);
    let tip = harness.get_by_label_contains("1,058.06 亿元");
    let rect = tip.rect();
    let screen = harness.ctx.content_rect();
    // An egui tooltip (framed, in its own area; text painted into the plot by egui_plot
    // would not be found at all), inside the window although the bar reaches the top.
    assert!(screen.contains_rect(rect), "{rect:?} leaves {screen:?}");
}

#[test]
fn the_year_pickers_and_the_pivot_offer_every_year_of_the_indicator() {
    let mut harness = harness();
    harness.run();
    // Industrial output has values for 2022 and 2025 only; 2023 and 2024 are offered too.
    harness.get_by_label("起始年份").click();
    harness.run();
    for year in ["2022", "2023", "2024", "2025"] {
        harness.get_by_role_and_label(Role::Button, year);
    }
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.state_mut().state.view = View::Table;
    harness.run();
    assert_eq!(
        harness.state().views.table.pivot_years(),
        [2022, 2023, 2024, 2025]
    );
    // 2023 can be typed straight away, without adding a column.
    let app = harness.state();
    let cell = CellRef {
        region: app.state.dataset.region_by_id("wansheng").unwrap(),
        indicator: app.state.picks.indicator,
        year: 2023,
    };
    assert!(harness.state().views.table.cell_rect(cell).is_some());
}

fn open_example_scenario(harness: &mut Harness<'_, YardstickApp>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/wansheng-2025.ron");
    assert!(harness.state_mut().open_any(&path));
    harness.run();
}

#[test]
fn the_pivot_shows_the_2025_target_beside_the_projection() {
    let mut harness = harness();
    harness.run();
    open_example_scenario(&mut harness);
    harness.state_mut().state.view = View::Table;
    harness.run();
    // 300 × 1.15³ = 456.26 projected, and the published target 500 stays visible. 2022's
    // 300 is a lower bound ("首次突破300亿元"), so the projection is one too: "> 456.26".
    harness.get_by_label("> 456.26 (目标 500)");
    // 万州 has no 2025 value: the target alone, read-only as before.
    harness.get_by_label("目标 1,000");
}

#[test]
fn the_csv_published_value_is_the_published_figure_or_empty() {
    let mut harness = harness();
    harness.run();
    open_example_scenario(&mut harness);
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    let text = csv::to_csv(&spec);
    let mut reader = ::csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<(String, String, String, String, String)> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[9] == "wansheng")
        .map(|r| {
            (
                r[2].to_owned(),
                r[5].to_owned(),
                r[3].to_owned(),
                r[8].to_owned(),
                r[7].to_owned(),
            )
        })
        .collect();
    let published = |year: &str, kind: &str| -> String {
        rows.iter()
            .find(|r| r.0 == year && r.1 == kind)
            .unwrap_or_else(|| panic!("no {kind} row for {year}: {rows:?}"))
            .3
            .clone()
    };
    assert_eq!(published("2022", "actual"), "300");
    assert_eq!(published("2025", "target"), "500");
    // Scenario values: 340 (an edit), then projected; none was published.
    for year in ["2023", "2024", "2025"] {
        assert_eq!(published(year, "scenario"), "", "{year}: {rows:?}");
    }
    // The required path: computed, except where it starts from the published 300.
    assert_eq!(published("2022", "required"), "300");
    for year in ["2023", "2024", "2025"] {
        assert_eq!(published(year, "required"), "", "{year}: {rows:?}");
    }
}

/// The window on the pivot of GDP, every region, 2015–2024 (wider than the table's room).
fn pivot_of_gdp_2015_to_2024() -> Harness<'static, YardstickApp> {
    let mut harness = harness();
    show(
        &mut harness,
        "gdp",
        &[],
        ChartKind::Line,
        Some((2015, 2024)),
    );
    harness.state_mut().state.view = View::Table;
    harness.run();
    harness
}

#[test]
fn the_pivots_region_column_stays_when_the_years_scroll_sideways() {
    let mut harness = pivot_of_gdp_2015_to_2024();
    let app = harness.state();
    let fuling = app.state.dataset.region_by_id("fuling").unwrap();
    let cell = CellRef {
        region: fuling,
        indicator: app.state.picks.indicator,
        year: 2019,
    };
    let region_label = |h: &Harness<'_, YardstickApp>| {
        h.get_all_by_role_and_label(Role::Label, "涪陵区")
            .map(|n| n.rect())
            .find(|r| r.left() > 240.0)
            .expect("the pivot names 涪陵区")
    };
    let before = (
        region_label(&harness),
        harness.state().views.table.cell_rect(cell).unwrap(),
    );
    // Scroll the years sideways, over the table.
    harness.hover_at(before.1.center());
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(-300.0, 0.0),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::default(),
        source: egui::MouseWheelSource::Wheel,
    });
    harness.run();
    let after = (
        region_label(&harness),
        harness.state().views.table.cell_rect(cell),
    );
    let moved = after
        .1
        .map_or(f32::INFINITY, |r| before.1.left() - r.left());
    assert!(moved > 50.0, "the years scrolled: {before:?} → {after:?}");
    assert_eq!(after.0, before.0, "the region column stayed");
}

#[test]
fn the_pivot_opened_on_the_latest_year_cuts_no_year_column_at_the_left() {
    let harness = pivot_of_gdp_2015_to_2024();
    let app = harness.state();
    let region_column = harness
        .get_all_by_role_and_label(Role::Label, "地区")
        .map(|n| n.rect())
        .find(|r| r.left() > 240.0 && r.left() < 600.0)
        .expect("the pivot's region column");
    // The years start right of the region column (120 px) and an 8 px gap.
    let years_left = region_column.left() + 120.0 + 8.0;
    let (region, _) = app.views.table.anchor.expect("the latest year is selected");
    let cells: Vec<(i32, egui::Rect)> = (2015..=2024)
        .filter_map(|year| {
            let cell = CellRef {
                region,
                indicator: app.state.picks.indicator,
                year,
            };
            app.views.table.cell_rect(cell).map(|r| (year, r))
        })
        .collect();
    assert!(
        cells
            .first()
            .is_some_and(|(_, r)| r.left() < years_left - 50.0),
        "the years scrolled to the latest: {cells:?}"
    );
    for (year, rect) in &cells {
        let cut = rect.left() < years_left - 1.0 && rect.right() > years_left + 1.0;
        assert!(
            !cut,
            "{year} is cut at the left edge ({years_left}): {cells:?}"
        );
    }
}

#[test]
fn only_a_region_larger_than_several_others_together_counts_as_their_whole() {
    let dataset = yardstick::bundled_dataset().unwrap();
    let aggregate = yardstick::model::view::aggregate_regions(&dataset);
    let ids: Vec<&str> = dataset
        .regions()
        .iter()
        .zip(&aggregate)
        .filter(|(_, a)| **a)
        .map(|(r, _)| r.id.as_str())
        .collect();
    // The bundled data names its parents: exactly those are the aggregates (四川省 has no
    // values, but is 资阳's parent).
    assert_eq!(ids, ["chongqing", "sichuan"]);
    // Two regions and no targets: nothing is an aggregate, the first indicator is shown.
    let small = yardstick::io::parse_dataset("small.ron", common::SMALL).unwrap();
    let view = yardstick::model::view::default_view(&small);
    assert_eq!(view.indicator.0, 0);
    assert_eq!(view.regions, [true, true]);
    assert_eq!(view.years, None);
}

/// The side panel marks the regions with no value of the picked indicator (README: "Regions
/// with no data are marked 无数据"), and follows the indicator.
#[test]
fn side_panel_marks_regions_without_the_picked_indicator() {
    let mut harness = harness();
    show(
        &mut harness,
        "industrial_output",
        &["wansheng"],
        ChartKind::Bar,
        None,
    );
    // 綦江 publishes no industrial output value in the bundled data; 万盛 does.
    assert!(harness.query_by_label("綦江区 (无数据)").is_some());
    assert!(harness.query_by_label("万盛经开区 (无数据)").is_none());
    // GDP: 綦江 has figures, so the mark goes.
    show(&mut harness, "gdp", &["wansheng"], ChartKind::Bar, None);
    assert!(harness.query_by_label("綦江区 (无数据)").is_none());
}

/// In English the "no data" line uses an ASCII colon, not the full-width one.
#[test]
fn no_data_line_uses_the_languages_colon() {
    let mut harness = harness();
    harness.state_mut().state.lang = yardstick::lang::Lang::En;
    show(
        &mut harness,
        "industrial_output",
        &["wansheng", "qijiang"],
        ChartKind::Bar,
        Some((2022, 2022)),
    );
    let spec = harness.state_mut().chart_spec().expect("a chart").clone();
    assert!(!spec.no_data.is_empty(), "綦江 has no 2022 value");
    let line = format!("no data: {}", spec.no_data.join(", "));
    assert!(
        harness.query_by_label(&line).is_some(),
        "expected the label {line:?}"
    );
}

/// Issue 11 item 5: sparse data (万盛 publishes its forest coverage for 2022, 綦江 and 涪陵
/// for 2023). With "latest value up to the year" a 2023 bar chart shows 万盛's 2022 value,
/// its year under its bar and a note; without it 万盛 is listed as having no data.
#[test]
fn latest_value_up_to_the_year_fills_a_bar_with_an_earlier_year_and_says_so() {
    let mut harness = harness();
    show(
        &mut harness,
        "forest_coverage",
        &["wansheng", "qijiang", "fuling"],
        ChartKind::Bar,
        Some((2023, 2023)),
    );
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    assert!(
        spec.points().all(|p| p.region_id != "wansheng"),
        "no 2023 value"
    );
    assert!(spec.category_years.is_empty());
    harness
        .get_by_role_and_label(Role::CheckBox, "截至该年的最新值")
        .click();
    harness.run();
    assert!(harness.state().state.picks.latest);
    let spec = harness.state_mut().chart_spec().unwrap().clone();
    let wansheng = spec
        .points()
        .find(|p| p.region_id == "wansheng")
        .expect("万盛's latest value is drawn");
    assert_eq!(wansheng.year, 2022);
    let at = spec
        .categories
        .iter()
        .position(|c| c == "万盛经开区")
        .expect("a bar");
    assert_eq!(spec.category_years[at], "2022");
    assert!(
        spec.notes
            .iter()
            .any(|n| n.starts_with("年份不同：万盛经开区 2022年")),
        "{:?}",
        spec.notes
    );
    // The year is under the bar's name on screen.
    harness.get_by_label("万盛经开区 2022");
    // Lines have no such choice.
    harness.get_by_label("折线图").click();
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::CheckBox, "截至该年的最新值")
            .accesskit_node()
            .is_disabled()
    );
}

/// Issue 13 item 4: a bar chart of 300 picked regions draws the 40 best of the year, in the
/// picked order, and says so on screen; the table keeps them all.
#[test]
fn a_bar_chart_of_too_many_regions_draws_the_best_forty_and_says_so() {
    use yardstick::model::synthetic::{FIRST_YEAR, synthetic_dataset};
    let mut app = yardstick::ui::YardstickApp::new(synthetic_dataset(300, 1, 3, 5), None);
    app.state.picks.kind = ChartKind::Bar;
    app.state.picks.regions = vec![true; 300];
    app.state.picks.years = Some((FIRST_YEAR + 2, FIRST_YEAR + 2));
    let mut harness = common::window::window(app, 1280.0, 800.0);
    harness.run();
    let spec = harness.state_mut().chart_spec().expect("a chart").clone();
    assert_eq!(
        spec.categories.len(),
        40,
        "40 bars fit a 1280-wide window, names turned"
    );
    assert!(spec.no_data.is_empty(), "{:?}", spec.no_data);
    let note = format!("所选 300 个地区过多，只画出{}年数值", FIRST_YEAR + 2);
    assert!(spec.notes[0].starts_with(&note), "{:?}", spec.notes);
    harness.get_by_label_contains(&note);
}
