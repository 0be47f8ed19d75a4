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
/// level ("> 2,700", editable) and its 2017 first-half figures (read-only). The unit of a
/// growth rate is %, not the indicator's 亿元.
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
            "%",
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
            "%",
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
    // The unit column: a growth rate's unit is %, a level's (part-year or not) 亿元. (The
    // growth rows used to show 亿元 beside "10.6 %".)
    for (cell, unit) in [
        ("1—6月 908.6", "亿元"),
        ("1—6月 18.9 %", "%"),
        ("> 2,700", "亿元"),
    ] {
        assert_eq!(row_of(&harness, cell)[5], unit, "{cell}");
    }
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

// ---- PROMISES #163: a ranking of one level; a picked parent is never ranked ----

/// DESIGN: "a parent is never ranked against its own parts, and is shown as a reference when
/// picked". Every region picked, 空气质量优良天数 (data/chongqing.ron: 重庆市 2020–2024; 资阳
/// 2018 291, 涪陵 2021 334, 万盛 2022 343; 涪陵 2023 and 黔江 2018 only part-year). The
/// years a ranking offers are those of the districts (2018, 2021, 2022), not 重庆市's 2020,
/// 2023, 2024: in those only 重庆市 reported, and it used to be ranked first, alone. A year
/// asked for that is not offered falls back to the best covered (2018, 2021, 2022 one each:
/// the later, 2022).
#[test]
fn the_ranking_leaves_out_the_parent_even_where_only_it_reports() {
    use yardstick::model::ranking::{composite_data, ranking_data};
    let d = yardstick::bundled_dataset().unwrap();
    let air = d.indicator_by_id("good_air_days").unwrap();
    let id = |r: yardstick::model::RegionIdx| d.region(r).id.clone();
    let all: Vec<_> = d.region_indices().collect();
    for asked in [None, Some((air, 2020)), Some((air, 2024))] {
        let data = ranking_data(&d, air, &all, asked);
        assert_eq!(data.years, [2018, 2021, 2022], "{asked:?}");
        assert_eq!(data.year, Some(2022), "{asked:?}");
        let ranked: Vec<(String, f64, usize)> = data
            .ranked
            .iter()
            .map(|r| (id(r.region), r.value, r.rank))
            .collect();
        assert_eq!(ranked, [("wansheng".to_owned(), 343.0, 1)], "{asked:?}");
        let references: Vec<String> = data.references.iter().map(|&r| id(r)).collect();
        assert_eq!(references, ["chongqing", "sichuan"]);
    }
    // 2021, asked for: 涪陵 334 alone (重庆市's 326 is its whole).
    let data = ranking_data(&d, air, &all, Some((air, 2021)));
    let ranked: Vec<(String, f64)> = data
        .ranked
        .iter()
        .map(|r| (id(r.region), r.value))
        .collect();
    assert_eq!(ranked, [("fuling".to_owned(), 334.0)]);
    // The composite scores no whole either: in 2020 nothing of one level has a value.
    let composite = composite_data(&d, &all, &[(air, 1.0)], Some(2020));
    let scored: Vec<String> = match composite.scores {
        Some(Ok(scores)) => scores.iter().map(|c| id(c.region)).collect(),
        _ => Vec::new(),
    };
    assert!(scored.is_empty(), "{scored:?}");
    assert_eq!(composite.years, [2018, 2021, 2022]);
    // 重庆市 with its parts, but none of them picked: ranked as one region among the picks.
    let alone = [d.region_by_id("chongqing").unwrap()];
    let data = ranking_data(&d, air, &alone, Some((air, 2020)));
    assert_eq!(data.ranked.len(), 1);
    assert_eq!(data.ranked[0].value, 333.0);
}

/// The same in the window (Ctrl+5), with 2020 as the year picked before (the choice of a
/// user who picked it when it was offered): the table ranks 万盛 343 first; 重庆市's 333
/// (2020) is nowhere.
#[test]
fn the_rankings_view_never_ranks_the_parent() {
    let mut harness = harness();
    click(&mut harness, "空气质量优良天数 (天)");
    click(&mut harness, "全选");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num5);
    harness.run();
    let air = harness
        .state()
        .state
        .dataset
        .indicator_by_id("good_air_days")
        .unwrap();
    harness.state_mut().views.rankings.year = Some((air, 2020));
    harness.run();
    harness.run();
    assert_eq!(row_of(&harness, "343"), ["1", "万盛经开区", "343", "天"]);
    assert!(!shows(&harness, "333"), "{:?}", labels(&harness));
    // Said as a reference, not listed among the regions without data.
    // (四川省 is picked too, over 资阳市.)
    harness.get_by_label("不参与排名（所选地区的上级，作对照）：重庆市、四川省");
    let no_data = labels(&harness)
        .into_iter()
        .find(|l| l.starts_with("本年无数据："))
        .expect("some picks have no 2020 figure");
    assert!(
        !no_data.contains("重庆市") && !no_data.contains("四川省"),
        "{no_data}"
    );
}

// ---- PROMISES #143: the long table sorts by every column ----

/// Four observations whose every column orders them differently (made for this test, not
/// data): (region, indicator, year, kind, value, note, source).
///   r1 甲区 产值 2021 实际 30 "b" 来源甲 · r2 甲区 天数 2022 目标 10 "" 来源丙
///   r3 乙区 产值 2020 预计 40 "a" 来源乙 · r4 乙区 天数 2023 实际 20 "c" 来源丙
/// Names sort by code point (乙 U+4E59 < 甲 U+7532; 产 U+4EA7 < 天 U+5929; 亿 U+4EBF < 天;
/// 丙 U+4E19 < 乙 < 甲), kinds as 实际 < 目标 < 预计, equal keys keep the table's own order
/// (r1 r2 r3 r4).
const SORTABLE: &str = r#"Dataset(
    format: 2,
    title: "排序测试",
    regions: [
        (id: "a", name: "甲区", name_en: "A"),
        (id: "b", name: "乙区", name_en: "B"),
    ],
    indicators: [
        (id: "output", name: "产值", unit: "亿元", better: Higher, min: Some(0.0)),
        (id: "days", name: "天数", unit: "天", better: Higher, min: Some(0.0), max: Some(366.0)),
    ],
    sources: [
        (id: "jia", title: "来源甲", url: None, published: Some("2023")),
        (id: "yi", title: "来源乙", url: None, published: Some("2023")),
        (id: "bing", title: "来源丙", url: None, published: Some("2023")),
    ],
    observations: [
        (region: "a", indicator: "output", year: 2021, value: 30.0, kind: Actual, source: "jia", note: Some("b")),
        (region: "a", indicator: "days", year: 2022, value: 10.0, kind: Target, source: "bing"),
        (region: "b", indicator: "output", year: 2020, value: 40.0, kind: Estimate, source: "yi", note: Some("a")),
        (region: "b", indicator: "days", year: 2023, value: 20.0, kind: Actual, source: "bing", note: Some("c")),
    ],
)
"#;

/// The years of the long table's rows, top to bottom (each row has its own year here).
fn year_column(harness: &Harness<'_, YardstickApp>) -> Vec<i32> {
    let mut years: Vec<(f32, i32)> = harness
        .root()
        .children_recursive()
        .filter(|n| n.accesskit_node().role() == Role::Label && n.rect().min.x > 240.0)
        .filter_map(|n| {
            let year: i32 = n.accesskit_node().value()?.parse().ok()?;
            (2020..=2023)
                .contains(&year)
                .then(|| (n.rect().center().y, year))
        })
        .collect();
    years.sort_by(|a, b| a.0.total_cmp(&b.0));
    years.into_iter().map(|(_, year)| year).collect()
}

/// README: "明细表 / Long: every observation …, sortable by any column". Each of the eight
/// headers clicked once (▲, ascending) and again (▼, descending), in the window: the rows
/// come in the order worked out by hand (by their years; see [`SORTABLE`]).
#[test]
fn the_long_table_sorts_by_every_column_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("sortable.ron");
    std::fs::write(&data, SORTABLE).unwrap();
    let mut harness = harness_on(&data);
    click(&mut harness, "全选");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    click(&mut harness, "明细表");
    if !shows(&harness, "4 条观测值") {
        click(&mut harness, "仅当前指标");
    }
    assert!(shows(&harness, "4 条观测值"), "{:?}", labels(&harness));
    assert_eq!(year_column(&harness), [2021, 2022, 2020, 2023], "unsorted");
    for (header, ascending, descending) in [
        ("地区", [2020, 2023, 2021, 2022], [2021, 2022, 2020, 2023]),
        ("指标", [2021, 2020, 2022, 2023], [2022, 2023, 2021, 2020]),
        ("年份", [2020, 2021, 2022, 2023], [2023, 2022, 2021, 2020]),
        ("类型", [2021, 2023, 2022, 2020], [2020, 2022, 2021, 2023]),
        ("数值", [2022, 2023, 2021, 2020], [2020, 2021, 2023, 2022]),
        ("单位", [2021, 2020, 2022, 2023], [2022, 2023, 2021, 2020]),
        ("备注", [2022, 2020, 2021, 2023], [2023, 2021, 2020, 2022]),
        ("来源", [2022, 2023, 2020, 2021], [2021, 2020, 2022, 2023]),
    ] {
        harness.get_by_role_and_label(Role::Button, header).click();
        harness.run();
        assert_eq!(year_column(&harness), ascending, "{header} ▲");
        harness
            .get_by_role_and_label(Role::Button, &format!("{header} ▲"))
            .click();
        harness.run();
        assert_eq!(year_column(&harness), descending, "{header} ▼");
    }
}

// ---- PROMISES #5: 文件 ▸ 打开… ----

/// README: "文件 ▸ 打开… / File ▸ Open…" opens a dataset or scenario. The menu item clicked
/// with no system file dialog (as on a bare X server): the typed-path window opens; the
/// example scenario typed there opens with its dataset (the title names it and its file).
#[test]
fn file_open_from_the_menu_opens_a_scenario_through_the_typed_path_window() {
    let mut harness = harness();
    harness
        .query_all_by_label("文件")
        .next()
        .expect("the menu")
        .click();
    harness.run();
    // The menu item's accessible label carries its shortcut.
    harness
        .get_by_role_and_label(Role::Button, "打开… Ctrl+O")
        .click();
    harness.run();
    harness.run();
    let scenario = Path::new(MANIFEST_DIR).join("data/scenarios/wansheng-2025.ron");
    answer_prompt(&mut harness, &scenario);
    assert!(
        title(&harness).starts_with(
            "万盛 2025 冲刺 (示例情景) (wansheng-2025.ron) — Yardstick — 成渝地区部分区县发展指标"
        ),
        "{}",
        title(&harness)
    );
}

// ---- PROMISES #171: the exported file is the chart on screen ----

/// README: "the file is the chart on screen: the same description draws both". The example
/// scenario's chart (万盛 and 万州: published, scenario, targets, required paths) exported with
/// 文件 ▸ 导出数据…: the CSV has one row per point the window's chart draws, with the same
/// region, year, kind and value, and no other row.
#[test]
fn the_exported_csv_holds_exactly_the_points_of_the_chart_on_screen() {
    use yardstick::chart::csv::kind_code;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.csv");
    let mut harness = harness_on(&Path::new(MANIFEST_DIR).join("data/scenarios/wansheng-2025.ron"));
    let spec = harness.state_mut().chart_spec().expect("a chart").clone();
    let mut on_screen: Vec<(String, i32, String, u64)> = spec
        .points()
        .map(|p| {
            (
                p.region_id.clone(),
                p.year,
                kind_code(p.kind).to_owned(),
                p.value.to_bits(),
            )
        })
        .collect();
    on_screen.sort();
    assert!(on_screen.len() > 10, "{on_screen:?}");
    assert!(on_screen.iter().any(|p| p.2 == "scenario"));
    assert!(on_screen.iter().any(|p| p.2 == "required"));

    export_from_the_window(&mut harness, "导出数据…", None, &out);
    let text = std::fs::read_to_string(&out).expect("the CSV was written");
    let mut reader =
        csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut exported: Vec<(String, i32, String, u64)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[9].to_owned(),
                r[2].parse().unwrap(),
                r[5].to_owned(),
                r[3].parse::<f64>().unwrap().to_bits(),
            )
        })
        .collect();
    exported.sort();
    assert_eq!(exported, on_screen);
}

// ---- PROMISES #159: the window's 进度图 is the chart `export --chart targets` writes ----

/// README: the 进度图 is "the same chart `export --chart targets` writes". The example
/// scenario's regions (万盛, 万州): the tracker in the window (its accessible description,
/// one line a target) and the CSV the binary exports for the same scenario and regions have
/// the same targets in the same order, each with the same region, indicator, year, status
/// and reason, for the baseline and for the scenario.
#[test]
fn the_window_tracker_has_the_rows_of_the_exported_targets_chart() {
    let scenario = Path::new(MANIFEST_DIR).join("data/scenarios/wansheng-2025.ron");
    let mut harness = harness_on(&scenario);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num4);
    harness.run();
    click(&mut harness, "进度图");
    let canvas = harness.get_by_label_contains("万盛经开区 · 工业总产值 2025");
    let text = canvas
        .accesskit_node()
        .label()
        .unwrap_or_default()
        .to_string();
    let lines: Vec<&str> = text.lines().skip(1).collect();

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("targets.csv");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .current_dir(MANIFEST_DIR)
        .args(["export", "--scenario"])
        .arg(&scenario)
        .args([
            "--chart",
            "targets",
            "--regions",
            "wansheng,wanzhou",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let csv_text = std::fs::read_to_string(&out).unwrap();
    let mut reader =
        csv::ReaderBuilder::new().from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let d = &harness.state().state.dataset;
    let status = |code: &str| match code {
        "achieved" => "达成",
        "on_track" => "按计划",
        "at_risk" => "有风险",
        "off_track" => "落后",
        "unknown" => "无法判断",
        other => panic!("status {other}"),
    };
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 10, "{csv_text}");
    assert_eq!(lines.len(), rows.len(), "{text}\n{csv_text}");
    for (line, row) in lines.iter().zip(&rows) {
        let region = &d.region(d.region_by_id(&row[0]).unwrap()).name;
        let indicator = &d.indicator(d.indicator_by_id(&row[1]).unwrap()).name;
        let baseline = format!(
            "{region} · {indicator} {}: {} — {}",
            &row[2],
            status(&row[10]),
            &row[11]
        );
        assert!(line.starts_with(&baseline), "{line}\nwant {baseline}");
        if row[14].is_empty() {
            assert_eq!(*line, baseline);
        } else {
            let scenario = format!(": {} — {}", status(&row[14]), &row[15]);
            assert!(line.ends_with(&scenario), "{line}\nwant …{scenario}");
        }
    }
}

// ---- PROMISES #167: 导出图表… writes the chart ----

/// 文件 ▸ `item` (导出图表… or 导出数据…), then the dialog's `format` button if given (SVG,
/// PNG), to `out`, at the dialog's default size.
fn export_from_the_window(
    harness: &mut Harness<'_, YardstickApp>,
    item: &str,
    format: Option<&str>,
    out: &Path,
) {
    harness
        .query_all_by_label("文件")
        .next()
        .expect("the menu")
        .click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
    if let Some(format) = format {
        harness.get_by_role_and_label(Role::Button, format).click();
        harness.run();
    }
    harness
        .state_mut()
        .dialogs
        .export
        .as_mut()
        .expect("the export window is open")
        .path = out.display().to_string();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "导出").click();
    harness.run();
}

/// `yardstick export --scenario SCENARIO` of the example's chart (line, industrial_output,
/// 万盛 and 万州, 2018–2025) to `out`; the format follows `out`'s extension.
fn export_chart_from_the_command_line(scenario: &Path, out: &Path) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .current_dir(MANIFEST_DIR)
        .args(["export", "--scenario"])
        .arg(scenario)
        .args(["--chart", "line", "--indicator", "industrial_output"])
        .args([
            "--regions",
            "wansheng,wanzhou",
            "--years",
            "2018..2025",
            "--out",
        ])
        .arg(out)
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
}

/// README: "文件 ▸ 导出图表… writes the chart as SVG or PNG". The example scenario's chart
/// exported from the window (SVG, then PNG, the dialog's default size) is byte for byte what
/// the binary writes for the same scenario, chart, regions and years
/// (`export --scenario … --chart line --indicator industrial_output --regions
/// wansheng,wanzhou --years 2018..2025`), whose content promises_cli checks.
#[test]
fn export_chart_from_the_window_writes_what_the_command_line_writes() {
    let scenario = Path::new(MANIFEST_DIR).join("data/scenarios/wansheng-2025.ron");
    let dir = tempfile::tempdir().unwrap();
    let from_window = dir.path().join("window.svg");
    let mut harness = harness_on(&scenario);
    export_from_the_window(&mut harness, "导出图表…", Some("SVG"), &from_window);
    let window_svg = std::fs::read_to_string(&from_window).expect("the SVG was written");

    let from_cli = dir.path().join("cli.svg");
    export_chart_from_the_command_line(&scenario, &from_cli);
    let cli_svg = std::fs::read_to_string(&from_cli).unwrap();
    assert!(window_svg.contains("万盛经开区"), "{window_svg}");
    assert!(
        window_svg == cli_svg,
        "the window's SVG differs from the command line's"
    );

    // PNG, the same way.
    let window_png = dir.path().join("window.png");
    export_from_the_window(&mut harness, "导出图表…", Some("PNG"), &window_png);
    let cli_png = dir.path().join("cli.png");
    export_chart_from_the_command_line(&scenario, &cli_png);
    let (a, b) = (
        std::fs::read(&window_png).unwrap(),
        std::fs::read(&cli_png).unwrap(),
    );
    assert_eq!(&a[..8], b"\x89PNG\r\n\x1a\n");
    assert!(a == b, "the window's PNG differs from the command line's");
}

// ---- PROMISES #114: the full bar name on hover ----

/// README: "every bar is named (turned or shortened; the full name on hover)". A region
/// named far longer than a bar's name may be drawn (110 points): under its bar the name is
/// shortened, and hovering it shows a tooltip with the whole name. (A test dataset; the
/// figures are its own.)
#[test]
fn a_shortened_bar_name_shows_the_full_name_on_hover() {
    const LONG: &str = "甲区经济技术开发区与高新技术产业园区合并管理委员会";
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("long.ron");
    std::fs::write(
        &data,
        common::SMALL.replace(
            "(id: \"a\", name: \"甲区\", name_en: \"A\")",
            &format!("(id: \"a\", name: \"{LONG}\", name_en: \"A\")"),
        ),
    )
    .unwrap();
    let mut harness = harness_on(&data);
    click(&mut harness, "全选");
    let frame = yardstick::ui::views::chart::last_transform(&harness.ctx)
        .expect("a chart")
        .frame()
        .bottom();
    let under_plot = |h: &Harness<'_, YardstickApp>| {
        h.query_all_by_label(LONG)
            .filter(|n| n.rect().top() > frame - 1.0)
            .count()
    };
    // The bar's name widget (named by the whole name), and no tooltip yet.
    assert_eq!(under_plot(&harness), 1);
    let tooltip = |h: &Harness<'_, YardstickApp>| {
        h.root()
            .children_recursive()
            .filter(|n| {
                n.accesskit_node().role() == Role::Label
                    && n.accesskit_node().value().as_deref() == Some(LONG)
            })
            .count()
    };
    let before = tooltip(&harness);
    harness
        .query_all_by_label(LONG)
        .find(|n| n.rect().top() > frame - 1.0)
        .unwrap()
        .hover();
    for _ in 0..10 {
        harness.run();
    }
    assert_eq!(tooltip(&harness), before + 1, "{:?}", labels(&harness));
    // 乙区, drawn whole, has no such tooltip.
    let count = |h: &Harness<'_, YardstickApp>| labels(h).iter().filter(|l| *l == "乙区").count();
    let before = count(&harness);
    harness
        .query_all_by_label("乙区")
        .find(|n| n.rect().top() > frame - 1.0)
        .expect("乙区's bar name")
        .hover();
    for _ in 0..10 {
        harness.run();
    }
    assert_eq!(count(&harness), before, "{:?}", labels(&harness));
}

// ---- PROMISES #103: the indicator list scrolls in its own box ----

/// README: "The indicator list scrolls in its own box, so the rest of the panel stays in
/// view". The bundled data's 29 indicators at 1400 × 1000: 柱状图 (just under the box) sits
/// near the top of the panel although the list laid out whole would end far below it; the
/// wheel over the box scrolls the list, and 柱状图 stays where it was.
#[test]
fn the_indicator_list_scrolls_in_its_own_box() {
    let mut harness = harness();
    let radios = |h: &Harness<'_, YardstickApp>| -> Vec<egui::Rect> {
        h.query_all_by_role(Role::RadioButton)
            .filter(|n| n.rect().left() < 240.0)
            .map(|n| n.rect())
            .collect()
    };
    let bars =
        |h: &Harness<'_, YardstickApp>| h.get_by_role_and_label(Role::Button, "柱状图").rect();
    let list = radios(&harness);
    assert_eq!(list.len(), 29);
    let (first, last, button) = (list[0], list[28], bars(&harness));
    assert!(
        button.top() < 400.0,
        "the rest of the panel is in view: {button:?}"
    );
    assert!(
        last.top() > button.bottom() + 200.0,
        "the list is longer than its box: last {last:?}, 柱状图 {button:?}"
    );
    harness.hover_at(egui::pos2(60.0, (first.top() + button.top()) / 2.0));
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -200.0),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::default(),
        source: egui::MouseWheelSource::Wheel,
    });
    for _ in 0..5 {
        harness.run();
    }
    let moved = last.top() - radios(&harness)[28].top();
    assert!(moved > 50.0, "the list scrolled by {moved}");
    assert_eq!(bars(&harness), button, "柱状图 stayed");
}

// ---- PROMISES #118: the source line and the notes sit under the chart ----

/// The top of the label reading `text`, which must lie below the plot `frame` and inside the
/// 1000-point-high window.
fn top_under(harness: &Harness<'_, YardstickApp>, frame: egui::Rect, text: &str) -> f32 {
    let rect = harness
        .root()
        .children_recursive()
        .find(|n| {
            n.accesskit_node().role() == Role::Label
                && n.accesskit_node().value().as_deref() == Some(text)
        })
        .unwrap_or_else(|| panic!("no label {text:?}"))
        .rect();
    assert!(
        rect.top() > frame.bottom(),
        "{text:?} at {rect:?}, plot {frame:?}"
    );
    assert!(rect.bottom() <= 1000.0, "{text:?} off the window: {rect:?}");
    rect.top()
}

/// README: "the source line and notes sit under the chart". The example scenario's chart: its
/// first three notes (the scenario's dashes, 万盛's and 万州's 2022 bounds) and then its source
/// line ("资料来源：…") are labels below the plot's frame and inside the window, in that order.
#[test]
fn the_notes_and_then_the_source_line_sit_under_the_chart() {
    let mut harness = harness_on(&Path::new(MANIFEST_DIR).join("data/scenarios/wansheng-2025.ron"));
    let spec = harness.state_mut().chart_spec().expect("a chart").clone();
    let frame = *yardstick::ui::views::chart::last_transform(&harness.ctx)
        .expect("drawn")
        .frame();
    assert_eq!(spec.notes.len(), 4, "{:?}", spec.notes);
    assert!(
        spec.source_line.starts_with("资料来源："),
        "{}",
        spec.source_line
    );
    let mut previous = frame.bottom();
    for text in spec.notes.iter().take(3).chain([&spec.source_line]) {
        let top = top_under(&harness, frame, text);
        assert!(top > previous, "{text:?} is not under the line before it");
        previous = top;
    }
}

/// The chart's fourth note (万州区 2025: 目标原文为“突破1000亿元”, a target drawn as a bound)
/// is not on screen: the window draws `spec.notes.iter().take(3)` and drops the rest without
/// a word, where the export (src/chart/render/layout.rs) also keeps three but says so
/// ("（另有 1 条数据备注，见 CSV 的 note 列）"). Either every note on screen, or the export's
/// remark, would pass.
#[test]
fn every_note_of_the_chart_is_on_screen() {
    let mut harness = harness_on(&Path::new(MANIFEST_DIR).join("data/scenarios/wansheng-2025.ron"));
    let spec = harness.state_mut().chart_spec().expect("a chart").clone();
    let frame = *yardstick::ui::views::chart::last_transform(&harness.ctx)
        .expect("drawn")
        .frame();
    for text in &spec.notes[..3] {
        top_under(&harness, frame, text);
    }
    assert_eq!(spec.notes.len(), 4, "{:?}", spec.notes);
    assert_eq!(harness.query_all_by_label(&spec.notes[3]).count(), 0);
    // The fourth is counted under the three, and read on hover.
    let remark = harness.get_by_label("另有 1 条数据备注（悬停查看）");
    let pos = remark.rect().center();
    assert!(pos.y > frame.bottom(), "under the plot");
    harness.event(egui::Event::PointerMoved(pos));
    harness.run();
    harness.run();
    assert!(
        harness.query_all_by_label(&spec.notes[3]).count() >= 1,
        "the tooltip shows the fourth note: {:?}",
        labels(&harness)
    );
}

// ---- PROMISES #112: the legend sits above the plot ----

/// README: "the legend sits above the plot, never over a point". The example scenario's line
/// chart: every series with points (published, targets, required paths, the scenario; 7
/// here) is named in a label that ends above the plot's frame, inside the chart's width; and
/// every point drawn lies inside the frame, so no legend entry covers one.
#[test]
fn the_legend_names_every_series_above_the_plot() {
    let mut harness = harness_on(&Path::new(MANIFEST_DIR).join("data/scenarios/wansheng-2025.ron"));
    let spec = harness.state_mut().chart_spec().expect("a chart").clone();
    let transform = yardstick::ui::views::chart::last_transform(&harness.ctx).expect("drawn");
    let frame = *transform.frame();
    let names: Vec<&str> = spec
        .series
        .iter()
        .filter(|s| !s.points.is_empty())
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names.len(), 7, "{names:?}");
    for name in &names {
        let above = harness
            .root()
            .children_recursive()
            .filter(|n| {
                n.accesskit_node().role() == Role::Label
                    && n.accesskit_node().value().as_deref() == Some(*name)
            })
            .any(|n| {
                let r = n.rect();
                r.bottom() <= frame.top() && r.left() >= 240.0 && r.right() <= frame.right() + 1.0
            });
        assert!(above, "no legend entry {name:?} above the plot {frame:?}");
    }
    for p in spec.points() {
        let at = transform.position_from_point(&egui_plot::PlotPoint::new(p.x, p.value));
        assert!(frame.contains(at), "{} {} at {at:?}", p.region_id, p.year);
    }
}

// ---- PROMISES #97: the log scale on screen ----

/// README: the log-scale toggle. The example scenario's line chart (values 300 … 1000): the
/// plot's value axis runs past 1000 on a linear scale; 对数坐标 clicked, it runs in powers of
/// ten (log10: its top between 3 = log10(1000) and 4), and the tallest point is drawn where
/// log10 of its value lies.
#[test]
fn the_log_scale_checkbox_puts_the_plot_on_a_log_axis() {
    let mut harness = harness_on(&Path::new(MANIFEST_DIR).join("data/scenarios/wansheng-2025.ron"));
    let y_top = |h: &Harness<'_, YardstickApp>| {
        *yardstick::ui::views::chart::last_transform(&h.ctx)
            .expect("drawn")
            .bounds()
            .range_y()
            .end()
    };
    let max = harness
        .state_mut()
        .chart_spec()
        .unwrap()
        .points()
        .map(|p| p.value)
        .fold(f64::MIN, f64::max);
    assert_eq!(max, 1000.0, "万州's 2025 target");
    assert!(y_top(&harness) > 1000.0, "{}", y_top(&harness));
    click(&mut harness, "对数坐标");
    harness.run();
    let top = y_top(&harness);
    assert!((3.0..4.0).contains(&top), "log10 axis top {top}");
    let transform = yardstick::ui::views::chart::last_transform(&harness.ctx).unwrap();
    let frame = *transform.frame();
    let at = transform.position_from_point(&egui_plot::PlotPoint::new(2025.0, 3.0));
    assert!(
        frame.contains(at),
        "log10(1000) = 3 is inside the plot: {at:?}"
    );
}
