//! The targets and rankings views, the theme, the Help windows, toasts and the first-start
//! language, driven with egui_kittest on the bundled data.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use yardstick::chart::{ChartKind, PointKind};
use yardstick::lang::Lang;
use yardstick::model::analysis::TargetStatus;
use yardstick::model::ranking::{composite_data, ranking_data};
use yardstick::model::target_rows;
use yardstick::model::{Better, IndicatorIdx, Measure, ObservationKind, RegionIdx};
use yardstick::ui::polish::{ThemeChoice, ToastKind, lang_from_locale};
use yardstick::ui::{View, YardstickApp};

mod common;

/// The app on the bundled data, in a 1400×1000 window.
fn harness() -> Harness<'static, YardstickApp> {
    common::window::bundled_window(1400.0, 1000.0)
}

fn region(harness: &Harness<'_, YardstickApp>, id: &str) -> RegionIdx {
    harness
        .state()
        .state
        .dataset
        .region_by_id(id)
        .expect("region exists")
}

fn indicator(harness: &Harness<'_, YardstickApp>, id: &str) -> IndicatorIdx {
    harness
        .state()
        .state
        .dataset
        .indicator_by_id(id)
        .expect("indicator exists")
}

/// Opens a tab by its label (tabs are selectable buttons).
fn open_tab(harness: &mut Harness<'_, YardstickApp>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run();
}

#[test]
fn the_targets_tab_shows_wansheng_required_growth_and_unknown_status() {
    let mut harness = harness();
    harness.run();
    open_tab(&mut harness, "目标");
    assert_eq!(harness.state().state.view, View::Targets);
    harness.get_by_label("所需年均增速");
    assert!(
        harness.get_all_by_label_contains("18.56").count() >= 1,
        "the required growth is shown"
    );
    harness.get_by_label_contains("判断标准");

    let wansheng = region(&harness, "wansheng");
    let output = indicator(&harness, "industrial_output");
    let rows = target_rows::target_rows(
        &harness.state().state.dataset,
        &harness.state().state.picks.regions,
        None,
    );
    let row = rows
        .iter()
        .find(|r| r.region == wansheng && r.indicator == output && r.target_year == 2025)
        .expect("万盛's 2025 industrial output target is listed");
    let track = row.track.as_ref().expect("tracked from 2022");
    assert_eq!((track.latest_year, track.latest_value), (2022, 300.0));
    assert_eq!(track.years_left, 3);
    let required = track.required_pct.expect("a required growth");
    assert!((required - 18.56).abs() < 0.005, "{required}");
    assert_eq!(row.status(), TargetStatus::Unknown);
    // The reason names the one actual value (a bound, "> 300", published for 2022 only).
    let reason = "只有2022年一个实际值，没有近年增速";
    assert_eq!(target_rows::explain(row, Lang::Zh), reason);
    assert!(harness.get_all_by_label(reason).count() >= 1);
    assert!(harness.get_all_by_label("无法判断").count() >= 1);
}

/// Clicks the region button of the targets table's row whose target cell reads `target`.
fn click_region_of_row(harness: &mut Harness<'_, YardstickApp>, region: &str, target: &str) {
    let y = harness.get_by_label(target).rect().center().y;
    harness
        .get_all_by_role_and_label(Role::Button, region)
        .min_by_key(|n| ((n.rect().center().y - y).abs() * 100.0) as i64)
        .expect("the region's button")
        .click();
    harness.run();
}

#[test]
fn applying_the_required_growth_adds_one_undoable_rule_the_chart_draws() {
    let mut harness = harness();
    harness.run();
    open_tab(&mut harness, "目标");
    // Select 万盛's 2025 output row: its region cell is a selectable button (万盛 has six
    // targets, so the one in the row of the target "2025年：500").
    click_region_of_row(&mut harness, "万盛经开区", "2025年：500");
    assert_eq!(
        harness.state().views.targets.selected,
        Some((
            region(&harness, "wansheng"),
            indicator(&harness, "industrial_output"),
            2025,
            Measure::Level,
        ))
    );
    harness.get_by_label_contains("由 2022 年的 300 到 2025 年目标 500");
    assert!(harness.state().state.scenarios.active().is_none());
    harness.get_by_label("作为情景增长假设").click();
    harness.run();

    let doc = harness
        .state()
        .state
        .scenarios
        .active()
        .expect("a scenario was made");
    assert_eq!(doc.scenario.growth.len(), 1);
    let rule = &doc.scenario.growth[0];
    assert_eq!(
        (
            rule.region.as_str(),
            rule.indicator.as_str(),
            rule.from,
            rule.to
        ),
        ("wansheng", "industrial_output", 2022, 2025)
    );
    assert_eq!(rule.annual_pct, 18.56);
    assert!(doc.can_undo());
    assert!(
        harness
            .state()
            .polish
            .toasts
            .iter()
            .any(|t| t.kind == ToastKind::Info && t.text.contains("18.56")),
        "a toast says what was added"
    );

    // Applying again does not add a second rule.
    harness.get_by_label("作为情景增长假设").click();
    harness.run();
    let doc = harness
        .state()
        .state
        .scenarios
        .active()
        .expect("still there");
    assert_eq!(doc.scenario.growth.len(), 1);

    // The chart of 万盛's industrial output (line) shows the scenario reaching ≈ 500 in 2025.
    harness.get_by_label("在图表中查看").click();
    harness.run();
    assert_eq!(harness.state().state.view, View::Chart);
    assert_eq!(harness.state().state.picks.kind, ChartKind::Line);
    let spec = harness.state_mut().chart_spec().expect("a chart").clone();
    let point = spec
        .series
        .iter()
        .filter(|s| s.kind == PointKind::Scenario)
        .flat_map(|s| s.points.iter())
        .find(|p| p.year == 2025 && p.region_id == "wansheng")
        .expect("a scenario point in 2025");
    assert!((point.value - 500.0).abs() < 0.5, "{}", point.value);

    assert!(harness.state_mut().undo());
    harness.run();
    let doc = harness
        .state()
        .state
        .scenarios
        .active()
        .expect("still there");
    assert!(doc.scenario.growth.is_empty());
    let spec = harness.state_mut().chart_spec().expect("a chart").clone();
    assert!(
        !spec
            .series
            .iter()
            .any(|s| s.kind == PointKind::Scenario && s.points.iter().any(|p| p.year == 2025)),
        "undo removed the projection"
    );
}

#[test]
fn english_changes_the_menu_and_the_targets_header() {
    let mut harness = harness();
    harness.run();
    open_tab(&mut harness, "目标");
    harness.get_by_label("语言").click();
    harness.run();
    harness.get_by_label("English").click();
    harness.run();
    assert_eq!(harness.state().state.lang, Lang::En);
    harness.get_by_label("File");
    harness.get_by_role_and_label(Role::Button, "Targets");
    harness.get_by_label("Required growth / yr");
    harness.get_by_label("Status");
    assert!(
        harness
            .get_all_by_label("one actual value only (2022): no recent growth")
            .count()
            >= 1
    );
    harness.get_by_label("Apply as scenario growth");
}

#[test]
fn rankings_order_the_districts_on_gdp_without_their_parent_and_composite_scores_lie_in_0_to_100() {
    let mut harness = harness();
    harness.run();
    let gdp = indicator(&harness, "gdp");
    // GDP of every region (the window opens on industrial output).
    let all = yardstick::ui::app::Picks::all(&harness.state().state.dataset);
    harness.state_mut().state.picks = yardstick::ui::app::Picks {
        indicator: gdp,
        ..all
    };
    harness.run();
    open_tab(&mut harness, "排名");
    assert_eq!(harness.state().state.view, View::Rankings);
    assert_eq!(
        harness.state().state.dataset.indicator(gdp).better,
        Better::Higher
    );
    harness.get_by_label("数值越高越好（高者排前）");

    let regions = harness.state().picked_regions();
    let app = harness.state();
    let ranking = ranking_data(&app.state.dataset, gdp, &regions, app.views.rankings.year);
    let year = ranking.year.expect("a year");
    assert_eq!(
        Some(year),
        harness
            .state()
            .state
            .dataset
            .best_covered_year(gdp, &regions)
    );
    let ranked = ranking.ranked;
    assert!(ranked.len() >= 5, "{ranked:?}");
    // 重庆市 is the districts' parent: never ranked against its own parts.
    let chongqing = region(&harness, "chongqing");
    assert!(ranked.iter().all(|r| r.region != chongqing), "{ranked:?}");
    // The district with the largest GDP that year is first.
    let d = &harness.state().state.dataset;
    let largest = regions
        .iter()
        .filter(|&&r| r != chongqing)
        .filter_map(|&r| {
            d.get(r, gdp, year, ObservationKind::Actual)
                .map(|o| (r, o.value))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .expect("a district with GDP");
    assert_eq!(ranked[0].region, largest.0);
    assert_eq!(ranked[0].rank, 1);
    assert!(ranked.windows(2).all(|w| w[0].value >= w[1].value));

    // Composite: GDP and industrial output, the latter weighted twice.
    harness
        .get_by_role_and_label(Role::CheckBox, "地区生产总值")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "工业总产值")
        .click();
    harness.run();
    let output = indicator(&harness, "industrial_output");
    assert_eq!(
        harness.state().state.composite_weights,
        vec![(gdp, 1.0), (output, 1.0)]
    );
    harness.state_mut().state.composite_weights[1].1 = 2.0;
    harness.run();
    let app = harness.state();
    let composite = composite_data(
        &app.state.dataset,
        &regions,
        &app.state.composite_weights,
        app.views.rankings.composite_year,
    );
    assert!(composite.year.is_some(), "a year");
    let scores = composite.scores.expect("a year").expect("scores");
    assert!(scores.len() >= 2, "{scores:?}");
    assert!(scores.iter().all(|c| (0.0..=100.0).contains(&c.score)));
    assert!(scores.windows(2).all(|w| w[0].score >= w[1].score));
    harness.get_by_label("得分");
    harness.get_by_label_contains("换算：每项指标");
    let best = format!("{:.1}", scores[0].score);
    assert!(harness.get_all_by_label(&best).count() >= 1, "{best}");
}

#[test]
fn the_view_menu_switches_between_light_and_dark() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("视图").click();
    harness.run();
    harness.get_by_label("深色主题").click();
    harness.run();
    assert_eq!(harness.state().polish.theme, ThemeChoice::Dark);
    assert!(harness.ctx.global_style().visuals.dark_mode);
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    harness.get_by_label("视图").click();
    harness.run();
    harness.get_by_label("浅色主题").click();
    harness.run();
    assert_eq!(harness.state().polish.theme, ThemeChoice::Light);
    assert!(!harness.ctx.global_style().visuals.dark_mode);
}

/// 跟随系统 follows the system's light or dark setting as it changes (issue 15: the system
/// theme had no test).
#[test]
fn follow_system_tracks_the_systems_light_and_dark_setting() {
    let mut harness = harness();
    harness.input_mut().system_theme = Some(egui::Theme::Light);
    harness.run();
    harness.get_by_label("视图").click();
    harness.run();
    harness.get_by_label("跟随系统").click();
    harness.run();
    assert_eq!(harness.state().polish.theme, ThemeChoice::System);
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    assert!(!harness.ctx.global_style().visuals.dark_mode);
    // The system switches to dark: the window follows without a click.
    harness.input_mut().system_theme = Some(egui::Theme::Dark);
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    assert!(harness.ctx.global_style().visuals.dark_mode);
    // A theme chosen by hand no longer follows it.
    harness.get_by_label("视图").click();
    harness.run();
    harness.get_by_label("浅色主题").click();
    harness.run();
    harness.input_mut().system_theme = Some(egui::Theme::Dark);
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
}

#[test]
fn help_lists_shortcuts_and_about_names_version_sources_and_font() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("帮助").click();
    harness.run();
    harness.get_by_label("快捷键").click();
    harness.run();
    assert!(harness.state().polish.shortcuts_open);
    let save = harness.ctx.format_shortcut(&egui::KeyboardShortcut::new(
        egui::Modifiers::COMMAND,
        egui::Key::S,
    ));
    harness.get_by_label(&save);
    harness.get_by_label("撤销");
    harness.get_by_label("复制表格单元格");
    harness.get_by_label("粘贴表格单元格");
    // The views' keys and the palette's are listed too.
    let ctrl = |key| {
        harness
            .ctx
            .format_shortcut(&egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, key))
    };
    harness.get_by_label(&ctrl(egui::Key::Num5));
    let palette = harness.ctx.format_shortcut(&egui::KeyboardShortcut::new(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::P,
    ));
    harness.get_by_label(&format!("{palette} / {}", ctrl(egui::Key::K)));

    harness.get_by_label("帮助").click();
    harness.run();
    harness.get_by_label("关于").click();
    harness.run();
    assert!(harness.state().polish.about_open);
    harness.get_by_label(&format!("Yardstick {}", env!("CARGO_PKG_VERSION")));
    harness.get_by_label_contains("Noto Sans CJK SC, SIL OFL 1.1");
    let first_source = harness.state().state.dataset.sources()[0].title.clone();
    assert!(harness.get_all_by_label_contains(&first_source).count() >= 1);
}

#[test]
fn a_new_error_also_makes_a_toast_and_the_banner_stays() {
    let mut harness = harness();
    harness.run();
    harness.state_mut().error = Some("测试错误".to_owned());
    harness.run();
    harness.get_by_label("测试错误");
    let errors = |h: &Harness<'_, YardstickApp>| {
        h.state()
            .polish
            .toasts
            .iter()
            .filter(|t| t.kind == ToastKind::Error)
            .count()
    };
    assert_eq!(errors(&harness), 1);
    harness.run();
    assert_eq!(
        errors(&harness),
        1,
        "one toast per new error, not per frame"
    );
}

#[test]
fn without_persisted_settings_the_test_window_starts_in_chinese() {
    // The harness has no storage: the system locale is not consulted, whatever LANG says.
    let mut harness = harness();
    harness.run();
    assert_eq!(harness.state().state.lang, Lang::Zh);
}

#[test]
fn the_first_language_follows_the_locale() {
    assert_eq!(lang_from_locale(Some("zh_CN.UTF-8")), Lang::Zh);
    assert_eq!(lang_from_locale(Some("en_US.UTF-8")), Lang::En);
    assert_eq!(lang_from_locale(Some("en_GB")), Lang::En);
    assert_eq!(lang_from_locale(Some("en")), Lang::En);
    assert_eq!(lang_from_locale(Some("C")), Lang::Zh);
    assert_eq!(lang_from_locale(Some("fr_FR.UTF-8")), Lang::Zh);
    assert_eq!(lang_from_locale(None), Lang::Zh);
}

use common::desktop::MemoryStorage;

#[test]
fn theme_and_language_survive_a_restart() {
    let mut first = harness();
    first.run();
    first.state_mut().polish.theme = ThemeChoice::Dark;
    first.state_mut().state.lang = Lang::En;
    let mut storage = MemoryStorage::default();
    eframe::App::save(first.state_mut(), &mut storage);

    let storage: &'static MemoryStorage = Box::leak(Box::new(storage));
    let mut second = Harness::builder()
        .with_size(egui::vec2(1400.0, 1000.0))
        .build_eframe(move |cc| {
            cc.storage = Some(storage);
            YardstickApp::new(
                yardstick::bundled_dataset().expect("bundled data loads"),
                None,
            )
            .with_creation_context(cc)
        });
    second.run();
    assert_eq!(second.state().polish.theme, ThemeChoice::Dark);
    assert_eq!(second.state().state.lang, Lang::En);
    assert!(second.ctx.global_style().visuals.dark_mode);
    second.get_by_label("View");
}

/// `YARDSTICK_LANG` (AppOptions::lang, as `AppOptions::from_env` reads it) wins over the
/// remembered language for the run and leaves the remembered one as it was (issue 15).
#[test]
fn the_language_given_at_start_wins_for_the_run_and_is_not_remembered() {
    // A first run chose English.
    let mut first = harness();
    first.run();
    first.state_mut().state.lang = Lang::En;
    let mut storage = MemoryStorage::default();
    eframe::App::save(first.state_mut(), &mut storage);
    let remembered = storage.0.clone();

    // The next starts with YARDSTICK_LANG=zh.
    let shared: &'static MemoryStorage = Box::leak(Box::new(storage));
    let mut second = Harness::builder()
        .with_size(egui::vec2(1400.0, 1000.0))
        .build_eframe(move |cc| {
            cc.storage = Some(shared);
            yardstick::ui::build_app(
                yardstick::ui::Start::bundled().expect("bundled data loads"),
                Some(cc),
                &yardstick::ui::AppOptions {
                    data_dir: None,
                    lang: Some(Lang::Zh),
                },
            )
        });
    second.run();
    assert_eq!(second.state().state.lang, Lang::Zh);
    second.get_by_label("文件");
    // Saved again at the end of that run into the same storage (eframe's file keeps what a
    // save does not overwrite): English is still what is remembered.
    let mut after = MemoryStorage(remembered.clone());
    eframe::App::save(second.state_mut(), &mut after);
    let lang_keys: Vec<&String> = remembered.keys().filter(|k| k.contains("lang")).collect();
    assert!(
        !lang_keys.is_empty(),
        "the language is stored: {remembered:?}"
    );
    for key in lang_keys {
        assert_eq!(after.0.get(key), remembered.get(key), "{key}");
    }
}

#[test]
fn saving_a_scenario_makes_a_saved_toast() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("冲刺.ron");
    let mut harness = harness();
    harness.run();
    let key = (
        region(&harness, "wansheng"),
        indicator(&harness, "industrial_output"),
        2025,
        Measure::Level,
    );
    assert!(harness.state_mut().apply_target_growth(key).is_some());
    harness
        .state_mut()
        .save_scenario_to(&path)
        .expect("the scenario saves");
    harness.run();
    assert!(
        harness
            .state()
            .polish
            .toasts
            .iter()
            .any(|t| t.kind == ToastKind::Success && t.text == "已保存：冲刺.ron"),
        "{:?}",
        harness.state().polish.toasts.iter().collect::<Vec<_>>()
    );
}

/// Issue 14: "if output grows 15 % a year from 2022, does Wansheng reach its 2025 target?",
/// answered in the 目标 view on the baseline and on the scenario, in the table and the tracker.
#[test]
fn the_targets_view_judges_the_scenario_beside_the_baseline_in_the_table_and_the_tracker() {
    let mut harness = harness();
    harness.run();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/wansheng-2025.ron");
    assert!(harness.state_mut().open_any(&path));
    harness.run();
    open_tab(&mut harness, "目标");
    // By hand: 300 × 1.15³ = 456.26 in 2025, 1 − 456.26 / 500 = 8.7 % short.
    let expected = "基线：只有2022年一个实际值，没有近年增速 · \
                    情景“万盛 2025 冲刺 (示例情景)”：落后（2025年 = 456.3 < 500，落后 8.7 %）";
    harness.get_by_label(expected);
    assert!(!harness.state().views.targets.tracker, "the table first");
    // The 情景状态 column: in 万盛's 2025 row, 无法判断 on the data and 落后 on the scenario.
    harness.get_by_label("情景状态");
    let row_y = harness.get_by_label("2025年：500").rect().center().y;
    let in_row = |label: &str| {
        harness
            .get_all_by_label(label)
            .any(|n| (n.rect().center().y - row_y).abs() < 4.0)
    };
    assert!(in_row("无法判断"), "the baseline's status in the row");
    assert!(in_row("落后"), "the scenario's status in the row");

    harness.get_by_label("进度图").click();
    harness.run();
    assert!(harness.state().views.targets.tracker);
    let canvas = harness.get_by_label_contains("万盛经开区 · 工业总产值 2025: 无法判断");
    let text = canvas.accesskit_node().label().unwrap_or_default();
    assert!(
        text.lines()
            .any(|l| l.starts_with("万盛经开区 · 工业总产值 2025: 无法判断")
                && l.contains(": 落后 — 2025年 = 456.3 < 500，落后 8.7 %")),
        "{text}"
    );
    // The tracker is the one the export draws: one line per target of the picked regions.
    let rows = harness.state_mut().target_list().rows.len();
    assert_eq!(text.lines().count(), rows + 1, "{text}");
}

/// Issue 11 item 5 in the rankings: 万盛's forest coverage is published for 2022, 綦江's and
/// 涪陵's for 2023. Ranked on 2023, 万盛 is missing; with "latest value up to the year" it is
/// ranked on its 2022 value, which says its year.
#[test]
fn the_ranking_can_use_each_regions_latest_value_up_to_the_year_and_shows_its_year() {
    let mut harness = harness();
    harness.run();
    let forest = indicator(&harness, "forest_coverage");
    let ids = ["wansheng", "qijiang", "fuling"];
    let all = yardstick::ui::app::Picks::all(&harness.state().state.dataset);
    let regions = harness
        .state()
        .state
        .dataset
        .regions()
        .iter()
        .map(|r| ids.contains(&r.id.as_str()))
        .collect();
    harness.state_mut().state.picks = yardstick::ui::app::Picks {
        indicator: forest,
        regions,
        ..all
    };
    harness.run();
    open_tab(&mut harness, "排名");
    let wansheng = region(&harness, "wansheng");
    let picked = harness.state().picked_regions();
    let exact = ranking_data(&harness.state().state.dataset, forest, &picked, None);
    assert_eq!(exact.year, Some(2023));
    assert!(exact.ranked.iter().all(|r| r.region != wansheng));
    harness.get_by_label_contains("本年无数据：万盛经开区");

    // The rankings view's own checkbox (the side panel has the same pick for bars).
    harness
        .get_all_by_role_and_label(Role::CheckBox, "截至该年的最新值")
        .last()
        .expect("the rankings view's checkbox")
        .click();
    harness.run();
    assert!(harness.state().state.picks.latest);
    let latest = yardstick::model::ranking::ranking_data_latest(
        &harness.state().state.dataset,
        forest,
        &picked,
        None,
        Some(yardstick::model::latest::DEFAULT_TOLERANCE),
    );
    let at = latest
        .ranked
        .iter()
        .position(|r| r.region == wansheng)
        .expect("万盛 is ranked");
    assert_eq!(latest.value_years[at], 2022);
    let published = harness
        .state()
        .state
        .dataset
        .get(wansheng, forest, 2022, ObservationKind::Actual)
        .expect("万盛 2022")
        .value;
    assert_eq!(latest.ranked[at].value, published);
    harness.get_by_label_contains("（2022年）");
    assert!(harness.query_by_label_contains("本年无数据").is_none());
}

/// 500 targets: the 目标 table lays out only the rows in view (all 3,000 rows of a national
/// file were drawn every frame: 118 ms), and scrolling brings the others.
#[test]
fn a_long_target_list_lays_out_only_the_rows_in_view() {
    use yardstick::model::synthetic::{synthetic_dataset, with_targets};
    let dataset = with_targets(&synthetic_dataset(500, 1, 3, 4), 5, 1000.0);
    let mut app = YardstickApp::new(dataset, None);
    app.state.picks.regions = vec![true; 500];
    app.state.view = View::Targets;
    let mut harness = common::window::window(app, 1400.0, 1000.0);
    harness.run();
    harness.get_by_label_contains("所选地区的规划目标：500 个");
    assert_eq!(harness.state_mut().target_list().rows.len(), 500);
    let laid_out = harness
        .query_all_by_role(Role::Button)
        .filter(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("合成地区"))
        })
        .count();
    assert!(
        (1..=60).contains(&laid_out),
        "{laid_out} of 500 rows laid out"
    );
}
