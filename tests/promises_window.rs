//! README promises of the window that tests/PROMISES.md listed as weak or uncovered
//! (issue 15), driven through egui_kittest as a user would: clicks on labels, keys, typed
//! paths, dropped files; read back from what the window shows (labels, the painted frame)
//! and from the files it writes. Expected values are worked out by hand from
//! `data/chongqing.ron`.
#![allow(clippy::unwrap_used)] // helpers of tests: a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use egui::accesskit::{Role, Toggled};
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use yardstick::ui::{AppOptions, YardstickApp, load_start};

mod common;
use common::desktop::Dropped;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The bundled window, 1400 × 1000, with no system file dialog (as on a bare X server).
fn harness() -> Harness<'static, YardstickApp> {
    let mut harness = common::window::bundled_window(1400.0, 1000.0);
    harness.state_mut().dialogs.system.unavailable = true;
    harness.run();
    harness
}

/// The window `yardstick FILE` opens, 1400 × 1000, with no system file dialog.
fn harness_on(file: &Path) -> Harness<'static, YardstickApp> {
    let start = load_start(Some(file)).expect("the file loads");
    let mut harness = common::window::start_window(start, AppOptions::default(), 1400.0, 1000.0);
    harness.state_mut().dialogs.system.unavailable = true;
    harness.run();
    harness
}

fn click(harness: &mut Harness<'_, YardstickApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

/// The accessible text of every label on screen.
fn labels(harness: &Harness<'_, YardstickApp>) -> Vec<String> {
    harness
        .root()
        .children_recursive()
        .filter(|n| n.accesskit_node().role() == Role::Label)
        .filter_map(|n| n.accesskit_node().value().map(|v| v.to_string()))
        .collect()
}

/// Whether a label reading exactly `text` is on screen.
fn shows(harness: &Harness<'_, YardstickApp>, text: &str) -> bool {
    labels(harness).iter().any(|l| l == text)
}

/// The labels on the row of the label `text` (same height), left to right.
fn row_of(harness: &Harness<'_, YardstickApp>, text: &str) -> Vec<String> {
    let anchor = harness
        .root()
        .children_recursive()
        .find(|n| {
            n.accesskit_node().role() == Role::Label
                && n.accesskit_node().value().as_deref() == Some(text)
        })
        .unwrap_or_else(|| panic!("no label {text:?}"))
        .rect();
    let mut cells: Vec<(f32, String)> = harness
        .root()
        .children_recursive()
        .filter(|n| n.accesskit_node().role() == Role::Label)
        .filter(|n| (n.rect().center().y - anchor.center().y).abs() < 2.0)
        .filter(|n| n.rect().min.x > 240.0)
        .filter_map(|n| Some((n.rect().min.x, n.accesskit_node().value()?.to_string())))
        .collect();
    cells.sort_by(|a, b| a.0.total_cmp(&b.0));
    cells.into_iter().map(|(_, t)| t).collect()
}

/// Clicks the label `text` (a table cell) once.
fn click_label(harness: &mut Harness<'_, YardstickApp>, text: &str) {
    let node = harness
        .root()
        .children_recursive()
        .find(|n| {
            n.accesskit_node().role() == Role::Label
                && n.accesskit_node().value().as_deref() == Some(text)
        })
        .unwrap_or_else(|| panic!("no label {text:?}"));
    let pos = node.rect().center();
    common::table::click_at(harness, pos, Modifiers::default());
}

/// Types `text` as key presses would (text events), one frame after.
fn type_text(harness: &mut Harness<'_, YardstickApp>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run();
}

/// Replaces what the long table's filter box holds with `text`.
fn filter(harness: &mut Harness<'_, YardstickApp>, text: &str) {
    if harness.query_by_label("×").is_some() {
        click(harness, "×");
    }
    harness
        .get_by_role_and_label(Role::TextInput, "筛选")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "筛选")
        .type_text(text);
    harness.run();
}

/// The typed-path window is open and focused: select what it holds, type `path`, Enter.
fn answer_prompt(harness: &mut Harness<'_, YardstickApp>, path: &Path) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    type_text(harness, &path.display().to_string());
    harness.key_press(Key::Enter);
    harness.run();
    harness.run();
}

fn title(harness: &Harness<'_, YardstickApp>) -> String {
    harness.state().window_title()
}

// ---- PROMISES #144: the long table filtered by region id and indicator id ----

/// README: "明细表 / Long: every observation …, filtered by region or indicator name or id".
/// Every region picked, every indicator shown: the bundled data's 221 observations; 万盛
/// (id `wansheng`, name 万盛经开区, English Wansheng) has 27, GDP (id `gdp`, 地区生产总值,
/// Gross regional product) 111 (counted in data/chongqing.ron).
#[test]
fn the_long_table_filters_by_region_and_indicator_ids_and_names() {
    let mut harness = harness();
    click(&mut harness, "全选");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    click(&mut harness, "明细表");
    click(&mut harness, "仅当前指标");
    assert!(shows(&harness, "221 条观测值"), "{:?}", labels(&harness));
    for (needle, count) in [
        ("wansheng", 27),
        ("万盛", 27),
        ("Wansheng", 27),
        ("gdp", 111),
        ("地区生产总值", 111),
        ("Gross regional", 111),
    ] {
        filter(&mut harness, needle);
        let want = format!("{count} 条观测值");
        assert!(
            shows(&harness, &want),
            "{needle}: want {want}, labels {:?}",
            labels(&harness)
                .iter()
                .filter(|l| l.contains("条观测值"))
                .collect::<Vec<_>>()
        );
    }
    // 万盛's rows are its own: its 2022 GDP row, and no other region's.
    filter(&mut harness, "wansheng");
    assert_eq!(
        row_of(&harness, "239.5"),
        [
            "万盛经开区",
            "地区生产总值",
            "2022",
            "实际",
            "239.5",
            "亿元",
            "",
            "重庆万盛经开区因地制宜加快推进转型发展 开创资源枯竭城市高质量发展新局面"
        ]
    );
    assert!(!shows(&harness, "涪陵区"));

    // The bundled regions' ids are their English names in lower case; here the id alone
    // names 甲区 (qu_jia, English "First").
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ids.ron");
    let text = common::SMALL
        .replace(
            "(id: \"a\", name: \"甲区\", name_en: \"A\")",
            "(id: \"qu_jia\", name: \"甲区\", name_en: \"First\")",
        )
        .replace(
            "(id: \"b\", name: \"乙区\", name_en: \"B\")",
            "(id: \"qu_yi\", name: \"乙区\", name_en: \"Second\")",
        )
        .replace("region: \"a\"", "region: \"qu_jia\"")
        .replace("region: \"b\"", "region: \"qu_yi\"");
    std::fs::write(&data, text).unwrap();
    let mut harness = harness_on(&data);
    click(&mut harness, "全选");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    click(&mut harness, "明细表");
    assert!(shows(&harness, "2 条观测值"), "{:?}", labels(&harness));
    filter(&mut harness, "qu_jia");
    assert!(shows(&harness, "1 条观测值"), "{:?}", labels(&harness));
    assert_eq!(
        row_of(&harness, "343"),
        ["甲区", "优良天数", "2022", "实际", "343", "天", "", "来源"]
    );
    assert!(!shows(&harness, "乙区"));
}

// ---- PROMISES #142, #145: the long table's columns; growth and part-year rows read-only ----

/// README: "every observation with unit, kind, note and source … Growth rates ("10.6 %") and
/// part-year figures ("1—11月 99.56") are listed as published, read-only". 规上工业总产值
/// (16 observations): 万盛's 2022 growth 10.6 % and its ≥ 10 % target; 涪陵's 2024 "> 2700"
/// level ("> 2,700", editable) and its 2017 first-half figures (read-only).
#[test]
fn the_long_table_lists_unit_kind_note_and_source_and_keeps_growth_rows_read_only() {
    let mut harness = harness();
    click(&mut harness, "规上工业总产值 (亿元)");
    click(&mut harness, "全选");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    click(&mut harness, "明细表");
    assert!(shows(&harness, "16 条观测值"), "{:?}", labels(&harness));
    for header in [
        "地区", "指标", "年份", "类型", "数值", "单位", "备注", "来源",
    ] {
        // The column headers are buttons (click to sort) over the table, right of the side
        // panel.
        assert!(
            harness
                .query_all_by_role_and_label(Role::Button, header)
                .any(|n| n.rect().min.x > 240.0),
            "header {header}"
        );
    }
    filter(&mut harness, "wansheng");
    assert!(shows(&harness, "2 条观测值"));
    assert_eq!(
        row_of(&harness, "10.6 %"),
        [
            "万盛经开区",
            "规上工业总产值",
            "2022",
            "实际",
            "10.6 %",
            "亿元",
            "只有增速, 来源未给出2022年规上工业总产值的水平值",
            "重庆万盛经开区因地制宜加快推进转型发展 开创资源枯竭城市高质量发展新局面"
        ]
    );
    assert_eq!(
        row_of(&harness, "≥ 10 %"),
        [
            "万盛经开区",
            "规上工业总产值",
            "2022",
            "目标",
            "≥ 10 %",
            "亿元",
            "增长率目标, 不是水平值",
            "党工委书记袁光灿接受《重庆日报》专访：加快建设全国资源型城市可持续发展示范区"
        ]
    );
    let inputs = |h: &Harness<'_, YardstickApp>| h.query_all_by_role(Role::TextInput).count();
    let before = inputs(&harness);
    // A growth rate: clicking and typing opens no editor and changes nothing.
    let cell = "10.6 %";
    click_label(&mut harness, cell);
    type_text(&mut harness, "5");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(inputs(&harness), before, "{cell}: no editor");
    assert!(shows(&harness, cell), "{cell} as published");
    filter(&mut harness, "fuling");
    assert!(shows(&harness, "3 条观测值"), "{:?}", labels(&harness));
    let before = inputs(&harness);
    for cell in ["1—6月 908.6", "1—6月 18.9 %"] {
        click_label(&mut harness, cell);
        type_text(&mut harness, "5");
        harness.key_press(Key::Enter);
        harness.run();
        assert_eq!(inputs(&harness), before, "{cell}: no editor");
        assert!(shows(&harness, cell), "{cell} as published");
    }
    assert!(!title(&harness).starts_with("* "), "{}", title(&harness));
    // A whole-year level in the same table opens the editor on the same keys (Esc cancels).
    click_label(&mut harness, "> 2,700");
    type_text(&mut harness, "5");
    assert_eq!(inputs(&harness), before + 1, "the level's editor opens");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!title(&harness).starts_with("* "), "{}", title(&harness));
}

// ---- PROMISES #194, #200: the dataset file untouched; Save as writes a second file ----

/// 万盛 2023 industrial output typed into the pivot (Ctrl+2, click, type, Enter).
fn type_wansheng_2023(harness: &mut Harness<'_, YardstickApp>, text: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    let dataset = &harness.state().state.dataset;
    let cell = yardstick::ui::table_view::CellRef {
        region: dataset.region_by_id("wansheng").unwrap(),
        indicator: dataset.indicator_by_id("industrial_output").unwrap(),
        year: 2023,
    };
    common::table::type_into(harness, cell, text);
}

/// README: "It never changes the dataset file"; "情景另存为… / Save as… (Ctrl+Shift+S) write a
/// `.ron` file that names its dataset by a path relative to itself". A dataset in its own
/// folder, an edit typed, Ctrl+S to plan.ron, another edit, Ctrl+Shift+S to copy.ron: the
/// dataset keeps its bytes; each file holds what was on screen when it was written.
#[test]
fn saving_and_saving_as_write_scenarios_and_never_the_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.ron");
    std::fs::write(&data, yardstick::BUNDLED_DATASET).unwrap();
    let bytes = std::fs::read(&data).unwrap();
    let mut harness = harness_on(&data);

    type_wansheng_2023(&mut harness, "340");
    assert!(title(&harness).starts_with("* "), "{}", title(&harness));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let plan = dir.path().join("plan.ron");
    answer_prompt(&mut harness, &plan);
    let first = std::fs::read_to_string(&plan).expect("plan.ron written");
    assert!(first.contains("dataset: \"data.ron\""), "{first}");
    assert!(first.contains("year: 2023, value: Some(340.0)"), "{first}");
    assert!(
        title(&harness).starts_with("情景 1 (plan.ron) — "),
        "{}",
        title(&harness)
    );

    type_wansheng_2023(&mut harness, "350");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    let copy = dir.path().join("copy.ron");
    answer_prompt(&mut harness, &copy);
    let second = std::fs::read_to_string(&copy).expect("copy.ron written");
    assert!(second.contains("dataset: \"data.ron\""), "{second}");
    assert!(
        second.contains("year: 2023, value: Some(350.0)"),
        "{second}"
    );
    assert!(
        title(&harness).starts_with("情景 1 (copy.ron) — "),
        "{}",
        title(&harness)
    );
    assert_eq!(
        std::fs::read_to_string(&plan).unwrap(),
        first,
        "Save as leaves the first file as it was"
    );
    assert_eq!(
        std::fs::read(&data).unwrap(),
        bytes,
        "the dataset is untouched"
    );
}

// ---- PROMISES #204, #220: Ctrl+O on a saved scenario; automatic years stay automatic ----

fn auto_years(harness: &Harness<'_, YardstickApp>) -> Option<Toggled> {
    harness
        .get_by_label("自动选择年份")
        .accesskit_node()
        .toggled()
}

fn years_shown(harness: &Harness<'_, YardstickApp>) -> (String, String) {
    let value = |label: &str| {
        harness
            .get_by_label(label)
            .accesskit_node()
            .value()
            .unwrap()
            .to_string()
    };
    (value("起始年份"), value("截止年份"))
}

/// README: "Ctrl+O … opens a scenario with its dataset and view, exactly as saved"; "years
/// that were picked automatically stay automatic when reopened". The bundled window's
/// industrial output bars with 自动选择年份: 万盛, 万州 (2022 actuals) and 资阳 (only a 2025
/// target) give 2022, the year most of them report. Saved, reopened with Ctrl+O in a new
/// window: 340 in 2023, the same regions, 2022, still automatic — so with 资阳 alone the
/// years follow to 2025.
#[test]
fn ctrl_o_reopens_a_saved_scenario_with_its_view_and_automatic_years() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.ron");
    let mut first = harness();
    click(&mut first, "自动选择年份");
    assert_eq!(auto_years(&first), Some(Toggled::True));
    assert_eq!(years_shown(&first), ("2022".into(), "2022".into()));
    type_wansheng_2023(&mut first, "340");
    first.key_press_modifiers(Modifiers::COMMAND, Key::S);
    first.run();
    answer_prompt(&mut first, &plan);
    let text = std::fs::read_to_string(&plan).expect("saved");
    assert!(
        text.contains("regions: [\"wansheng\", \"ziyang\", \"wanzhou\"]"),
        "{text}"
    );
    assert!(text.contains("years: (2022, 2022)"), "{text}");

    let mut harness = harness();
    click(&mut harness, "图表");
    click(&mut harness, "全不选");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    answer_prompt(&mut harness, &plan);
    assert!(
        title(&harness).starts_with("情景 1 (plan.ron) — "),
        "{}",
        title(&harness)
    );
    for (region, checked) in [
        ("万盛经开区", Toggled::True),
        ("资阳市", Toggled::True),
        ("万州区", Toggled::True),
        ("重庆市", Toggled::False),
    ] {
        let node = harness
            .query_all_by_label_contains(region)
            .find(|n| n.accesskit_node().role() == Role::CheckBox)
            .unwrap_or_else(|| panic!("{region}'s box"));
        assert_eq!(node.accesskit_node().toggled(), Some(checked), "{region}");
    }
    assert_eq!(auto_years(&harness), Some(Toggled::True), "still automatic");
    assert_eq!(years_shown(&harness), ("2022".into(), "2022".into()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    assert!(shows(&harness, "340"), "the scenario's value in the table");

    for region in ["万盛经开区", "万州区"] {
        harness
            .query_all_by_label_contains(region)
            .find(|n| n.accesskit_node().role() == Role::CheckBox)
            .unwrap()
            .click();
        harness.run();
    }
    assert_eq!(years_shown(&harness), ("2025".into(), "2025".into()));
}

// ---- PROMISES #173: a dropped .csv or .ods opens the import window ----

fn drop_file(harness: &mut Harness<'_, YardstickApp>, path: PathBuf) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
    harness.run();
    harness.run();
}

/// README: "drop a .csv/.xlsx/.ods on the window": each opens the import window on its
/// table (its cells as read), and 打开为数据集 opens it. gbk.csv: 綦江区 101.2 (2021);
/// wide.ods: 森林覆盖率（%）, 万盛经开区 61.2 (2022).
#[test]
fn a_dropped_csv_or_ods_opens_the_import_window_on_it() {
    let fixture = |name: &str| {
        Path::new(MANIFEST_DIR)
            .join("tests/fixtures/import")
            .join(name)
    };
    let mut harness = harness();
    assert!(harness.query_by_label("打开为数据集").is_none());
    drop_file(&mut harness, fixture("gbk.csv"));
    assert!(
        harness.query_by_label("打开为数据集").is_some(),
        "the import window"
    );
    assert!(shows(&harness, "101.2"), "{:?}", labels(&harness));
    assert!(shows(&harness, "綦江区"));
    click(&mut harness, "取消");
    assert!(harness.query_by_label("打开为数据集").is_none());

    drop_file(&mut harness, fixture("wide.ods"));
    assert!(
        harness.query_by_label("打开为数据集").is_some(),
        "the import window"
    );
    assert!(shows(&harness, "61.2"), "{:?}", labels(&harness));
    click(&mut harness, "打开为数据集");
    harness.run();
    assert!(harness.query_by_label("打开为数据集").is_none());
    assert!(
        harness.query_by_label("森林覆盖率 (%)").is_some(),
        "the imported indicator in the side panel"
    );
    assert!(harness.query_by_label("工业总产值 (亿元)").is_none());
}

// ---- PROMISES #148: the compare view colours changed cells ----

/// The painted rectangles of the last frame: (rect, fill, stroke).
fn painted_rects(
    harness: &Harness<'_, YardstickApp>,
) -> Vec<(egui::Rect, egui::Color32, egui::Stroke)> {
    fn walk(shape: &egui::Shape, out: &mut Vec<(egui::Rect, egui::Color32, egui::Stroke)>) {
        match shape {
            egui::Shape::Rect(r) => out.push((r.rect, r.fill, r.stroke)),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// The colours text reading `text` is painted in.
fn text_colours(harness: &Harness<'_, YardstickApp>, text: &str) -> Vec<egui::Color32> {
    fn walk(shape: &egui::Shape, text: &str, out: &mut Vec<egui::Color32>) {
        match shape {
            egui::Shape::Text(t) if t.galley.text() == text => {
                out.extend(t.galley.job.sections.iter().map(|s| s.format.color));
                if let Some(c) = t.override_text_color {
                    out.push(c);
                }
            }
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, text, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, text, &mut out);
    }
    out
}

/// The fills painted under the label `text`.
fn fills_under(harness: &Harness<'_, YardstickApp>, text: &str) -> Vec<egui::Color32> {
    let node = harness
        .root()
        .children_recursive()
        .find(|n| {
            n.accesskit_node().role() == Role::Label
                && n.accesskit_node().value().as_deref() == Some(text)
        })
        .unwrap_or_else(|| panic!("no label {text:?}"));
    let centre = node.rect().center();
    painted_rects(harness)
        .into_iter()
        .filter(|(r, fill, _)| r.contains(centre) && *fill != egui::Color32::TRANSPARENT)
        .filter(|(r, _, _)| r.width() < 200.0)
        .map(|(_, fill, _)| fill)
        .collect()
}

/// README: "比较 / Compare: … value, difference and difference in %, changed cells coloured".
/// A scenario (opened with Ctrl+O) that sets 万盛's 2022 output 300 → 330 and grows it 15 %
/// a year to 2025: 2022 is an edit (orange tint, +30 and +10% in green: output is better
/// higher), 2023 a projection 330 × 1.15 = 379.5 (blue tint). Tints are the view's own
/// colours at a quarter: (230, 126, 34) and (52, 152, 219).
#[test]
fn the_compare_view_tints_changed_cells_and_colours_differences() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("compare.ron");
    let data = Path::new(MANIFEST_DIR).join("data/chongqing.ron");
    std::fs::write(
        &plan,
        format!(
            "Scenario(format: 1, name: \"比较\", dataset: {:?},\n\
             edits: [(region: \"wansheng\", indicator: \"industrial_output\", year: 2022, value: Some(330.0), note: \"\")],\n\
             growth: [(region: \"wansheng\", indicator: \"industrial_output\", from: 2022, to: 2025, annual_pct: 15.0)],\n\
             view: Some((chart: Bar, indicator: \"industrial_output\", regions: [\"wansheng\"], years: (2022, 2025))))\n",
            data.display().to_string()
        ),
    )
    .unwrap();
    let mut harness = harness();
    harness.state_mut().polish.theme = yardstick::ui::polish::ThemeChoice::Light;
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    answer_prompt(&mut harness, &plan);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    harness.run();
    harness.run();
    assert_eq!(
        row_of(&harness, "330"),
        ["万盛经开区", "2022", "300", "—", "330", "+30", "+10%"]
    );
    assert_eq!(
        row_of(&harness, "379.5"),
        ["万盛经开区", "2023", "—", "—", "379.5", "—", "—"]
    );
    let edited = egui::Color32::from_rgb(230, 126, 34).gamma_multiply(0.25);
    let projected = egui::Color32::from_rgb(52, 152, 219).gamma_multiply(0.25);
    let under_edit = fills_under(&harness, "330");
    assert!(under_edit.contains(&edited), "{under_edit:?}");
    let under_projection = fills_under(&harness, "379.5");
    assert!(
        under_projection.contains(&projected),
        "{under_projection:?}"
    );
    // The baseline column of the same row is not tinted.
    let under_baseline = fills_under(&harness, "300");
    assert!(
        !under_baseline.contains(&edited) && !under_baseline.contains(&projected),
        "{under_baseline:?}"
    );
    let green = egui::Color32::from_rgb(39, 174, 96);
    assert!(text_colours(&harness, "+30").contains(&green));
    assert!(text_colours(&harness, "+10%").contains(&green));
}

// ---- PROMISES #127: the table's keyboard focus is a blue frame ----

/// README: "Opening 数据表 gives the table the keyboard (a blue frame)". Light theme: the
/// frame is egui's selection stroke, 1 px of (0, 83, 125), around the whole table; Tab
/// leaves the table and the frame goes.
#[test]
fn the_table_with_the_keyboard_has_a_blue_frame() {
    let mut harness = harness();
    harness.state_mut().polish.theme = yardstick::ui::polish::ThemeChoice::Light;
    harness.run();
    let blue = egui::Stroke::new(1.0, egui::Color32::from_rgb(0, 83, 125));
    let frame = |h: &Harness<'_, YardstickApp>| {
        painted_rects(h)
            .into_iter()
            .filter(|(r, _, stroke)| *stroke == blue && r.width() > 500.0 && r.height() > 500.0)
            .map(|(r, _, _)| r)
            .collect::<Vec<_>>()
    };
    assert!(frame(&harness).is_empty(), "no frame on the chart");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    harness.run();
    let frames = frame(&harness);
    assert_eq!(frames.len(), 1, "{frames:?}");
    // Around the table: the region column's first name is inside it.
    let ws = harness
        .query_all_by_label("万盛经开区")
        .map(|n| n.rect())
        .find(|r| r.min.x > 240.0)
        .expect("万盛 in the table");
    assert!(frames[0].contains(ws.center()), "{frames:?} {ws:?}");
    harness.key_press(Key::Tab);
    harness.run();
    harness.run();
    assert!(frame(&harness).is_empty(), "Tab leaves the table: no frame");
}
