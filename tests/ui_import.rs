//! 文件 ▸ 导入表格… in the window, built as `yardstick` builds it, with no system file dialog:
//! the typed-path window asks for the table, the import window previews it (cells, layout,
//! column roles, problems by cell), a role changed by hand changes the result, and the table
//! opens as the dataset or merges into the current one as one undoable step; 文件 ▸
//! 数据集另存为… writes the dataset as RON that loads back. A dropped table opens the import
//! window too.
#![allow(clippy::unwrap_used)] // helpers of tests: a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use yardstick::ui::YardstickApp;
use yardstick::ui::file_prompt::PathPurpose;

mod common;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// The bundled window with no system dialog (as under Xvfb with no portal).
fn harness() -> Harness<'static, YardstickApp> {
    let mut harness = common::window::bundled_window(1280.0, 900.0);
    harness.state_mut().dialogs.system.unavailable = true;
    harness.run();
    harness
}

fn menu(harness: &mut Harness<'_, YardstickApp>, menu: &str, item: &str) {
    harness
        .query_all_by_label(menu)
        .next()
        .expect("the menu")
        .click();
    harness.run();
    harness.get_by_label_contains(item).click();
    harness.run();
}

/// Replaces the typed-path window's text and presses its button.
fn answer_prompt(harness: &mut Harness<'_, YardstickApp>, path: &Path, button: &str) {
    harness
        .state_mut()
        .dialogs
        .path_prompt
        .as_mut()
        .expect("the typed-path window")
        .text = path.display().to_string();
    harness.run();
    harness.get_by_role_and_label(Role::Button, button).click();
    harness.run();
}

/// File ▸ Import table… through the typed-path window, on the fixture `name`.
fn import(harness: &mut Harness<'_, YardstickApp>, name: &str) {
    menu(harness, "文件", "导入表格…");
    let prompt = harness.state().dialogs.path_prompt.clone().expect("asks");
    assert_eq!(prompt.purpose, PathPurpose::Import);
    assert!(
        Path::new(&prompt.text).is_absolute(),
        "pre-filled with a full folder: {}",
        prompt.text
    );
    answer_prompt(harness, &fixture(name), "预览");
    assert!(harness.state().dialogs.path_prompt.is_none());
    assert!(
        harness.state().dialogs.import.is_some(),
        "the import window"
    );
}

fn button_enabled(harness: &Harness<'_, YardstickApp>, label: &str) -> bool {
    !harness
        .get_by_role_and_label(Role::Button, label)
        .accesskit_node()
        .is_disabled()
}

fn region_count(harness: &Harness<'_, YardstickApp>) -> usize {
    harness.state().state.dataset.regions().len()
}

#[test]
fn a_bad_table_shows_its_cells_and_the_problem_by_cell_and_commits_nothing() {
    let mut harness = harness();
    let before = harness.state().window_title();
    import(&mut harness, "bad_number.xlsx");
    // The cells as read, the bad one among them.
    harness.get_by_label("1,2O3");
    harness.get_by_label_contains("Sheet1!C7: \"1,2O3\" is not a number");
    harness.get_by_label_contains("1 个问题");
    assert!(!button_enabled(&harness, "打开为数据集"));
    assert!(!button_enabled(&harness, "并入当前数据集"));
    harness
        .get_by_role_and_label(Role::Button, "打开为数据集")
        .click();
    harness.run();
    assert_eq!(harness.state().window_title(), before, "nothing committed");
    assert_eq!(region_count(&harness), 20);
}

#[test]
fn a_two_sheet_workbook_previews_changes_with_a_role_and_opens_as_the_dataset() {
    let mut harness = harness();
    import(&mut harness, "yearbook.xlsx");
    harness.get_by_label("1,234.5");
    harness.get_by_label("标题行：工业总产值（亿元）");
    harness.get_by_label_contains("识别为：宽表");
    harness.get_by_label_contains("将导入：3 个地区，2 项指标，12 个数值");
    let made = harness
        .state()
        .dialogs
        .import
        .as_ref()
        .unwrap()
        .previews_made;
    harness.run();
    harness.run();
    assert_eq!(
        harness
            .state()
            .dialogs
            .import
            .as_ref()
            .unwrap()
            .previews_made,
        made,
        "not recomputed every frame"
    );

    // Column D of the first sheet (2022) is not imported: the result says so.
    harness
        .query_all_by_role(Role::ComboBox)
        .find(|n| n.accesskit_node().value().as_deref() == Some("2022 年数值"))
        .expect("column D's role")
        .click();
    harness.run();
    harness.get_by_label("不导入").click();
    harness.run();
    let dialog = harness.state().dialogs.import.as_ref().unwrap();
    assert_eq!(dialog.previews_made, made + 1);
    assert_eq!(dialog.options.roles.len(), 1, "{:?}", dialog.options.roles);
    assert_eq!(dialog.options.roles[0].column, 3);
    assert_eq!(dialog.options.roles[0].sheet.as_deref(), Some("工业总产值"));
    assert!(
        harness.query_by_label_contains("12 个数值").is_none(),
        "the result changed"
    );
    harness.get_by_label_contains("将导入：3 个地区，2 项指标，10 个数值");

    harness
        .get_by_role_and_label(Role::Button, "打开为数据集")
        .click();
    harness.run();
    let app = harness.state();
    assert!(app.dialogs.import.is_none());
    assert_eq!(region_count(&harness), 3);
    assert_eq!(app.state.dataset.observations().len(), 10);
    let title = app.window_title();
    assert!(title.contains("yearbook"), "{title}");
    assert!(title.contains("yearbook.xlsx（未保存）"), "{title}");
}

#[test]
fn a_gbk_csv_asks_for_its_unit_and_imports_once_it_is_typed() {
    let mut harness = harness();
    import(&mut harness, "gbk.csv");
    harness.get_by_label("25.6");
    harness.get_by_label_contains("indicator \"gbk\" has no unit");
    assert!(!button_enabled(&harness, "打开为数据集"));
    // The unit field: typed, then Tab leaves it and the preview is made again.
    harness
        .get_by_role_and_label(Role::TextInput, "单位")
        .focus();
    harness.run();
    harness.event(egui::Event::Text("万人".into()));
    harness.run();
    harness.key_press(Key::Tab);
    harness.run();
    assert_eq!(
        harness
            .state()
            .dialogs
            .import
            .as_ref()
            .unwrap()
            .options
            .unit
            .as_deref(),
        Some("万人")
    );
    harness.get_by_label_contains("将导入：2 个地区，1 项指标，3 个数值");
    assert!(button_enabled(&harness, "打开为数据集"));
}

#[test]
fn a_merge_into_the_bundled_dataset_is_one_undo_step_and_saves_as_ron() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness();
    let before = region_count(&harness);
    import(&mut harness, "merge_new_regions.csv");
    harness.get_by_label("巫山县");
    harness
        .get_by_role_and_label(Role::Button, "并入当前数据集")
        .click();
    harness.run();
    assert!(harness.state().dialogs.import.is_none());
    assert_eq!(region_count(&harness), before + 2);
    assert!(
        harness
            .state()
            .state
            .dataset
            .regions()
            .iter()
            .any(|r| r.name == "巫山县")
    );
    // Names matched: 工业总产值 is the bundled indicator, not a new one.
    let indicators = harness.state().state.dataset.indicators().len();
    assert_eq!(
        indicators,
        yardstick::bundled_dataset().unwrap().indicators().len()
    );
    assert!(harness.state().window_title().contains("* chongqing.ron"));
    let merged = "已并入 merge_new_regions.csv：新增 2 个地区，0 项指标，2 个观测值（可撤销）";
    assert!(
        harness
            .state()
            .notify
            .toasts
            .iter()
            .any(|t| t.text == merged),
        "a toast says what the merge added"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(region_count(&harness), before, "undo takes the merge back");
    assert!(!harness.state().window_title().contains("* "));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(region_count(&harness), before + 2, "redo merges again");

    // Save dataset as: the typed-path window, a toast with the path, the title names it.
    menu(&mut harness, "文件", "数据集另存为…");
    let prompt = harness.state().dialogs.path_prompt.clone().expect("asks");
    assert_eq!(prompt.purpose, PathPurpose::SaveDataset(None));
    // The table imported is never written over.
    let table = fixture("merge_new_regions.csv");
    let table_bytes = std::fs::read(&table).unwrap();
    answer_prompt(&mut harness, &table, "保存");
    let prompt = harness
        .state()
        .dialogs
        .path_prompt
        .clone()
        .expect("stays open");
    assert!(
        prompt
            .error
            .as_deref()
            .unwrap_or("")
            .contains("merge_new_regions.csv"),
        "{prompt:?}"
    );
    assert_eq!(std::fs::read(&table).unwrap(), table_bytes);

    let out = dir.path().join("merged.ron");
    answer_prompt(&mut harness, &out, "保存");
    assert!(harness.state().dialogs.path_prompt.is_none());
    let saved = format!("已保存数据集：{}", out.display());
    assert!(
        harness
            .state()
            .notify
            .toasts
            .iter()
            .any(|t| t.text == saved),
        "a toast names the path written"
    );
    let title = harness.state().window_title();
    assert!(
        title.contains("merged.ron") && !title.contains("* "),
        "{title}"
    );
    let loaded = yardstick::io::load_dataset(&out).expect("the file loads back");
    assert_eq!(loaded.regions().len(), before + 2);
    assert!(loaded.regions().iter().any(|r| r.name == "奉节县"));
    assert_eq!(
        loaded.observations().len(),
        harness.state().state.dataset.observations().len()
    );

    // Saving again over the dataset's own file asks first.
    menu(&mut harness, "文件", "数据集另存为…");
    answer_prompt(&mut harness, &out, "保存");
    let prompt = harness.state().dialogs.path_prompt.clone().expect("asks");
    assert_eq!(prompt.purpose, PathPurpose::SaveDataset(Some(out.clone())));
    harness.get_by_role_and_label(Role::Button, "保存").click();
    harness.run();
    assert!(
        harness.state().dialogs.path_prompt.is_none(),
        "agreed: saved"
    );
}

#[test]
fn a_merge_that_repeats_a_value_is_refused_in_the_window_and_loses_nothing() {
    let mut harness = harness();
    let before = harness.state().state.dataset.observations().len();
    import(&mut harness, "merge_new_regions.csv");
    harness
        .get_by_role_and_label(Role::Button, "并入当前数据集")
        .click();
    harness.run();
    // The same table again: every value is already in the dataset.
    import(&mut harness, "merge_new_regions.csv");
    harness
        .get_by_role_and_label(Role::Button, "并入当前数据集")
        .click();
    harness.run();
    assert!(harness.state().dialogs.import.is_some(), "stays open");
    // By its cell: `D2: a second value for 巫山县 / 工业总产值 / 2023 / Actual (already …)`.
    harness.get_by_label(
        "D2: a second value for 巫山县 / 工业总产值 / 2023 / Actual (already in the dataset)",
    );
    harness.get_by_label_contains("2 个问题");
    assert_eq!(
        harness.state().state.dataset.observations().len(),
        before + 2
    );
}

use common::desktop::Dropped;

fn drop_file(harness: &mut Harness<'_, YardstickApp>, path: PathBuf) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
}

#[test]
fn a_dropped_table_opens_the_import_window_and_a_dropped_ron_still_opens() {
    let mut harness = harness();
    drop_file(&mut harness, fixture("yearbook.xlsx"));
    harness.run();
    let dialog = harness
        .state()
        .dialogs
        .import
        .as_ref()
        .expect("the import window");
    assert!(dialog.options.input.ends_with("yearbook.xlsx"));
    harness.get_by_label("1,234.5");
    harness.get_by_role_and_label(Role::Button, "取消").click();
    harness.run();
    assert!(harness.state().dialogs.import.is_none());
    assert_eq!(region_count(&harness), 20);

    let ron = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/chongqing.ron");
    drop_file(&mut harness, ron.clone());
    harness.run();
    assert!(harness.state().dialogs.import.is_none());
    assert_eq!(
        harness.state().state.dataset_path.as_deref(),
        Some(ron.as_path())
    );
}

#[test]
fn import_and_save_dataset_are_commands_with_both_languages_in_the_palette() {
    use yardstick::lang::Lang;
    use yardstick::ui::command::Command;
    for command in [Command::ImportTable, Command::SaveDatasetAs] {
        assert!(Command::all().contains(&command));
        assert!(command.in_palette());
        for lang in Lang::ALL {
            assert!(!command.tooltip(lang).is_empty());
        }
    }
    assert_eq!(Command::ImportTable.text(Lang::En), "Import table…");
    assert_eq!(Command::SaveDatasetAs.text(Lang::Zh), "数据集另存为…");
    // Ctrl+Shift+I opens it from the keyboard (the e2e script's route).
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    harness.run();
    let prompt = harness.state().dialogs.path_prompt.clone().expect("asks");
    assert_eq!(prompt.purpose, PathPurpose::Import);
}

#[test]
fn a_workbook_sheet_is_chosen_in_the_window() {
    let mut harness = harness();
    import(&mut harness, "yearbook.xlsx");
    harness
        .get_by_role_and_label(Role::ComboBox, "工作表")
        .click();
    harness.run();
    harness.get_by_label("常住人口(万人)").click();
    harness.run();
    let dialog = harness.state().dialogs.import.as_ref().unwrap();
    assert_eq!(dialog.options.sheet.as_deref(), Some("常住人口(万人)"));
    assert_eq!(dialog.preview.as_ref().unwrap().tables.len(), 1);
    harness.get_by_label_contains("将导入：2 个地区，1 项指标，4 个数值");
}

#[test]
fn opening_an_import_over_unsaved_scenario_edits_asks_first() {
    let mut harness = harness();
    let app = harness.state_mut();
    let ws = app.state.dataset.region_by_id("wansheng").unwrap();
    let output = app
        .state
        .dataset
        .indicator_by_id("industrial_output")
        .unwrap();
    app.commit_cell(ws, output, 2023, "340").unwrap();
    harness.run();
    import(&mut harness, "yearbook.xlsx");
    harness
        .get_by_role_and_label(Role::Button, "打开为数据集")
        .click();
    harness.run();
    assert_eq!(
        harness.state().dialogs.pending,
        Some(yardstick::ui::scenario_files::PendingAction::OpenImported)
    );
    assert_eq!(region_count(&harness), 20, "nothing replaced yet");
    harness.get_by_label_contains("以下情景有未保存的更改");
    harness.get_by_label("不保存").click();
    harness.run();
    assert_eq!(region_count(&harness), 3);
    assert!(harness.state().state.scenarios.docs.is_empty());
}

#[test]
fn a_scenario_on_an_imported_dataset_is_saved_only_once_the_dataset_has_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness();
    import(&mut harness, "merge_new_regions.csv");
    harness
        .get_by_role_and_label(Role::Button, "打开为数据集")
        .click();
    harness.run();
    harness.state_mut().new_scenario();
    let plan = dir.path().join("plan.ron");
    let refused = harness
        .state_mut()
        .save_scenario_to(&plan)
        .unwrap_err()
        .to_string();
    assert!(refused.contains("数据集另存为"), "{refused}");
    assert!(!plan.exists());
    let data = dir.path().join("counties.ron");
    harness.state_mut().save_dataset_to(&data).unwrap();
    harness.state_mut().save_scenario_to(&plan).unwrap();
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(text.contains("counties.ron"), "{text}");
}

/// Escape closes the import window as Cancel does, and nothing changes (it stayed open).
#[test]
fn escape_closes_the_import_window_and_commits_nothing() {
    let mut harness = harness();
    let before = harness.state().window_title();
    import(&mut harness, "yearbook.xlsx");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().dialogs.import.is_none(), "closed");
    assert_eq!(harness.state().window_title(), before);
    assert_eq!(
        region_count(&harness),
        yardstick::bundled_dataset().unwrap().regions().len()
    );
}
