//! The scenario panel: the open scenarios (and the baseline) to switch between, buttons to
//! make, copy, rename and delete them, the active scenario's edits and growth rules (each
//! removable, rules editable), the problems found when applying it, and an editor for growth
//! rules.
//!
//! The panel reads the scenarios through [`Cx`] and asks for every change with a
//! [`Command::Scenario`]; the app makes each one undo step. A slider drag on an existing rule
//! is sent when the mouse button is released, so the drag is one step.

use egui::{Color32, RichText};

use crate::chart::style::format_value;
use crate::lang::Lang;
use crate::model::Dataset;
use crate::model::ObservationKind;
use crate::model::document::Scenarios;
use crate::model::scenario::{Applied, Edit, GrowthRule, ScenarioProblem, baseline_value};
use crate::ui::command::{Command, CommandState, ScenarioChange};
use crate::ui::state::AppState;
use crate::ui::views::Cx;

/// The scenario panel (right side) and what it remembers between frames.
#[derive(Clone, Debug, Default)]
pub struct ScenarioPanel {
    state: PanelState,
}

impl ScenarioPanel {
    /// Draws the panel; every change to the scenarios goes to `out`.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
        let state = &mut self.state;
        egui::ScrollArea::vertical()
            .id_salt("scenario_panel_scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                scenario_list(ui, cx.state, state, out);
                ui.separator();
                if cx.state.scenarios.active().is_some() {
                    active_scenario(ui, cx.state, state, out);
                    ui.separator();
                }
                growth_editor(ui, cx.state, state, out);
            });
    }
}

fn push(out: &mut Vec<Command>, change: ScenarioChange) {
    out.push(Command::Scenario(change));
}

/// The panel's own state between frames.
#[derive(Clone, Debug, Default)]
struct PanelState {
    /// The inline rename field, while open.
    renaming: Option<Rename>,
    /// The rule being prepared for "Add".
    draft: Option<Draft>,
    /// An existing rule being edited in place.
    editing: Option<Editing>,
}

#[derive(Clone, Debug)]
struct Rename {
    doc: usize,
    text: String,
    /// Focus and select the text on the next frame.
    focus: bool,
}

#[derive(Clone, Debug)]
struct Draft {
    rule: GrowthRule,
    /// The side panel's (region id, indicator id) the defaults were taken from: when the user
    /// picks another one there, the draft follows.
    defaults_for: (String, String),
}

#[derive(Clone, Debug)]
struct Editing {
    doc: usize,
    position: usize,
    /// The rule as it is in the scenario, as last seen: when the scenario's rule differs
    /// (undo, redo), the draft is reset to it.
    synced: GrowthRule,
    /// The rule as the fields show it; written to the scenario when no drag is in progress.
    draft: GrowthRule,
}

/// Marks a warning. egui's default fonts have no "⚠" (and the CJK subset neither), so the
/// full-width exclamation mark of GB2312 is used, in the warning colour.
const WARN: &str = "！";

/// Colour of warnings (unknown ids, problems).
fn warn_color(ui: &egui::Ui) -> Color32 {
    ui.visuals().warn_fg_color
}

/// The list of scenarios, the baseline, and New / Duplicate / Rename / Delete.
fn scenario_list(
    ui: &mut egui::Ui,
    app: &AppState,
    state: &mut PanelState,
    out: &mut Vec<Command>,
) {
    let lang = app.lang;
    ui.heading(lang.pick("情景", "Scenarios"));
    let baseline = ui
        .selectable_label(
            app.scenarios.active.is_none(),
            lang.pick("基准", "Baseline"),
        )
        .on_hover_text(lang.pick(
            "数据集本身的数值，不加任何假设",
            "The dataset's own values, no assumptions",
        ));
    if baseline.clicked() {
        push(out, ScenarioChange::Select(None));
    }
    let mut pick = None;
    for (i, doc) in app.scenarios.docs.iter().enumerate() {
        let dirty = if doc.is_dirty() { "* " } else { "" };
        let text = format!("{dirty}{}", doc.scenario.name);
        let hover = match &doc.path {
            Some(path) => path.display().to_string(),
            None => lang.pick("尚未保存", "Not saved yet").to_owned(),
        };
        if ui
            .selectable_label(app.scenarios.active == Some(i), text)
            .on_hover_text(hover)
            .clicked()
        {
            pick = Some(i);
        }
    }
    if let Some(i) = pick {
        push(out, ScenarioChange::Select(Some(i)));
    }

    let active = app
        .scenarios
        .active
        .filter(|&i| i < app.scenarios.docs.len());
    ui.horizontal_wrapped(|ui| {
        // What the two buttons need of the command state: the language, and whether a
        // scenario is active (Duplicate needs one).
        let state_now = CommandState {
            lang,
            has_active: active.is_some(),
            ..CommandState::default()
        };
        let before = out.len();
        Command::NewScenario.button_ui(ui, &state_now, out);
        Command::DuplicateScenario.button_ui(ui, &state_now, out);
        if out.len() > before {
            state.renaming = None;
            state.editing = None;
        }
        ui.add_enabled_ui(active.is_some(), |ui| {
            if ui
                .button(lang.pick("重命名", "Rename"))
                .on_hover_text(lang.pick("修改当前情景的名称", "Rename the active scenario"))
                .clicked()
                && let Some(i) = active
            {
                state.renaming = Some(Rename {
                    doc: i,
                    text: app.scenarios.docs[i].scenario.name.clone(),
                    focus: true,
                });
            }
            if ui
                .button(lang.pick("删除", "Delete"))
                .on_hover_text(
                    lang.pick("关闭并删除当前情景", "Close and delete the active scenario"),
                )
                .clicked()
                && let Some(i) = active
            {
                // A scenario with unsaved changes is closed after the app asks.
                push(out, ScenarioChange::Delete(i));
                state.renaming = None;
                state.editing = None;
            }
        });
    });
    rename_field(ui, &app.scenarios, lang, state, out);
}

/// The inline rename field: Enter (or leaving the field) commits as one undo step, Escape
/// cancels.
fn rename_field(
    ui: &mut egui::Ui,
    scenarios: &Scenarios,
    lang: Lang,
    state: &mut PanelState,
    out: &mut Vec<Command>,
) {
    let Some(rename) = &mut state.renaming else {
        return;
    };
    if scenarios.active != Some(rename.doc) || rename.doc >= scenarios.docs.len() {
        state.renaming = None;
        return;
    }
    let mut done = None;
    ui.horizontal(|ui| {
        let label = ui.label(lang.pick("新名称", "New name"));
        let id = egui::Id::unique("yardstick_scenario_rename");
        let mut output = egui::TextEdit::singleline(&mut rename.text)
            .id(id)
            .desired_width(160.0)
            .show(ui);
        let response = output.response.response.clone().labelled_by(label.id);
        if rename.focus {
            rename.focus = false;
            response.request_focus();
            output.state.cursor.set_char_range(Some(
                egui::text_selection::CCursorRange::select_all_str(&rename.text),
            ));
            output.state.store(ui.ctx(), id);
        } else if response.lost_focus() {
            let cancelled = ui.input(|i| i.key_pressed(egui::Key::Escape));
            done = Some(!cancelled);
        }
    });
    ui.label(
        RichText::new(lang.pick("回车确认，Esc 取消", "Enter to rename, Esc to cancel"))
            .small()
            .weak(),
    );
    if let Some(commit) = done {
        let name = rename.text.trim().to_owned();
        if commit && !name.is_empty() {
            push(
                out,
                ScenarioChange::Rename {
                    doc: rename.doc,
                    name,
                },
            );
        }
        state.renaming = None;
    }
}

/// The name of a region id, or the raw id (and `false`) when the dataset has no such region.
fn region_name(dataset: &Dataset, id: &str, lang: Lang) -> (String, bool) {
    match dataset.region_by_id(id) {
        Some(r) => (dataset.region(r).display_name(lang).to_owned(), true),
        None => (id.to_owned(), false),
    }
}

/// The name of an indicator id, or the raw id (and `false`) when unknown.
fn indicator_name(dataset: &Dataset, id: &str, lang: Lang) -> (String, bool) {
    match dataset.indicator_by_id(id) {
        Some(i) => (dataset.indicator(i).display_name(lang).to_owned(), true),
        None => (id.to_owned(), false),
    }
}

/// `万盛经开区 工业总产值`, and whether both ids are known.
fn cell_name(dataset: &Dataset, region: &str, indicator: &str, lang: Lang) -> (String, bool) {
    let (r, r_known) = region_name(dataset, region, lang);
    let (i, i_known) = indicator_name(dataset, indicator, lang);
    (format!("{r} {i}"), r_known && i_known)
}

/// `万盛经开区 工业总产值 2023: 300 → 340 （备注）`.
pub fn describe_edit(dataset: &Dataset, edit: &Edit, lang: Lang) -> (String, bool) {
    let (name, known) = cell_name(dataset, &edit.region, &edit.indicator, lang);
    let before = dataset
        .region_by_id(&edit.region)
        .zip(dataset.indicator_by_id(&edit.indicator))
        .and_then(|(r, i)| baseline_value(dataset, r, i, edit.year))
        .or(edit.was)
        .map_or_else(|| "—".to_owned(), format_value);
    let after = edit
        .value
        .map_or_else(|| lang.pick("已删除", "removed").to_owned(), format_value);
    let note = if edit.note.is_empty() {
        String::new()
    } else {
        match lang {
            Lang::Zh => format!(" （{}）", edit.note),
            Lang::En => format!(" ({})", edit.note),
        }
    };
    (
        format!("{name} {}: {before} → {after}{note}", edit.year),
        known,
    )
}

/// `+15%` / `-2.5%`.
fn signed_percent(pct: f64) -> String {
    let sign = if pct > 0.0 { "+" } else { "" };
    format!("{sign}{}%", format_value(pct))
}

/// `万盛经开区 工业总产值 2022→2025 每年 +15%`.
pub fn describe_growth(dataset: &Dataset, rule: &GrowthRule, lang: Lang) -> (String, bool) {
    let (name, known) = cell_name(dataset, &rule.region, &rule.indicator, lang);
    let pct = signed_percent(rule.annual_pct);
    let overwrite = if rule.overwrite {
        lang.pick("（覆盖实际值）", " (overwrites actuals)")
    } else {
        ""
    };
    let text = match lang {
        Lang::Zh => format!("{name} {}→{} 每年 {pct}{overwrite}", rule.from, rule.to),
        Lang::En => format!("{name} {}→{} {pct} a year{overwrite}", rule.from, rule.to),
    };
    (text, known)
}

/// A problem, in a line for the user: `！增长假设 1：…（未应用）`.
fn describe_problem(problem: &ScenarioProblem, lang: Lang) -> String {
    let place = match problem.list {
        "edits" => format!("{} {}", lang.pick("修改", "Edit"), problem.position + 1),
        "growth" => format!(
            "{} {}",
            lang.pick("增长假设", "Growth rule"),
            problem.position + 1
        ),
        _ => lang.pick("保存的视图", "Saved view").to_owned(),
    };
    let skipped = if problem.kind.is_warning() || problem.list == "view" {
        ""
    } else {
        lang.pick("（未应用）", " (not applied)")
    };
    format!(
        "{WARN}{place}{}{}{skipped}",
        lang.pick("：", ": "),
        problem.message
    )
}

/// A list row: the text (in the warning colour when an id is unknown) and buttons on the
/// right. In a long list ([`rows_ui`]) the text is one line, shortened, whole on hover.
fn entry_row(
    ui: &mut egui::Ui,
    text: &str,
    known: bool,
    one_line: bool,
    buttons: impl FnOnce(&mut egui::Ui),
) {
    ui.horizontal(|ui| {
        if one_line {
            // Every row of a long list is exactly as tall as `rows_ui` counts on.
            ui.set_height(ui.spacing().interact_size.y);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
            buttons(ui);
            ui.with_layout(egui::Layout::left_to_right(egui::Align::TOP), |ui| {
                let rich = if known {
                    RichText::new(text)
                } else {
                    RichText::new(format!("{WARN}{text}")).color(warn_color(ui))
                };
                if one_line {
                    ui.add(egui::Label::new(rich).truncate())
                        .on_hover_text(text);
                } else {
                    ui.add(egui::Label::new(rich).wrap());
                }
            });
        });
    });
}

/// Lists longer than this scroll in their own box and lay out only the rows in view (a
/// scenario of 10,000 edits drew every row each frame: 115 ms).
const LONG_LIST: usize = 40;
/// Height of a long list's box, in points.
const LONG_LIST_HEIGHT: f32 = 260.0;
/// Draws rows `0..n` with `row(ui, i, one_line)`: all of them, wrapped, when there are few;
/// else in a box of their own that lays out only the visible ones, one line each.
fn rows_ui(ui: &mut egui::Ui, id: &str, n: usize, mut row: impl FnMut(&mut egui::Ui, usize, bool)) {
    if n <= LONG_LIST {
        for i in 0..n {
            row(ui, i, false);
        }
        return;
    }
    // Without the spacing between rows: show_rows adds it.
    let height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt(id)
        .max_height(LONG_LIST_HEIGHT)
        .auto_shrink([false, true])
        .show_rows(ui, height, n, |ui, range| {
            for i in range {
                row(ui, i, true);
            }
        });
}

/// `修改的数值（2）` / `Edited values (2)`.
fn counted(title: &str, n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{title}（{n}）"),
        Lang::En => format!("{title} ({n})"),
    }
}

/// What was done to the active scenario's lists this frame.
enum ListAction {
    RemoveEdit(usize),
    RemoveGrowth(usize),
    EditGrowth(usize),
}

/// The active scenario's edits, growth rules and problems.
fn active_scenario(
    ui: &mut egui::Ui,
    app: &AppState,
    state: &mut PanelState,
    out: &mut Vec<Command>,
) {
    let lang = app.lang;
    let dataset = &app.dataset;
    let Some(index) = app.scenarios.active else {
        return;
    };
    let Some(doc) = app.scenarios.docs.get(index) else {
        return;
    };
    // Applied before the panel is drawn (the app keeps the active scenario's values fresh).
    let problems: &[ScenarioProblem] = doc.applied_now().map_or(&[], Applied::problems);
    let mut action = None;

    ui.strong(counted(
        lang.pick("修改的数值", "Edited values"),
        doc.scenario.edits.len(),
        lang,
    ));
    if doc.scenario.edits.is_empty() {
        ui.label(
            RichText::new(lang.pick(
                "在数据表中修改数值即加入当前情景",
                "Values changed in the table are added here",
            ))
            .weak(),
        );
    }
    let edits = &doc.scenario.edits;
    rows_ui(ui, "scenario_edits", edits.len(), |ui, i, one_line| {
        let edit = &edits[i];
        let (text, known) = describe_edit(dataset, edit, lang);
        let (cell, _) = cell_name(dataset, &edit.region, &edit.indicator, lang);
        entry_row(ui, &text, known, one_line, |ui| {
            if ui
                .small_button("×")
                .accessible_name(format!(
                    "{} {cell} {}",
                    lang.pick("删除修改", "Remove edit"),
                    edit.year
                ))
                .on_hover_text(lang.pick(
                    "删除此修改，恢复基准值（可撤销）",
                    "Remove this edit and show the baseline value again (undoable)",
                ))
                .clicked()
            {
                action = Some(ListAction::RemoveEdit(i));
            }
        });
    });

    ui.add_space(4.0);
    ui.strong(counted(
        lang.pick("增长假设", "Growth rules"),
        doc.scenario.growth.len(),
        lang,
    ));
    let editing = state
        .editing
        .as_ref()
        .filter(|e| e.doc == index)
        .map(|e| e.position);
    let growth = &doc.scenario.growth;
    rows_ui(ui, "scenario_growth", growth.len(), |ui, i, one_line| {
        let rule = &growth[i];
        let (text, known) = describe_growth(dataset, rule, lang);
        let n = i + 1;
        entry_row(ui, &text, known, one_line, |ui| {
            if ui
                .small_button("×")
                .accessible_name(format!(
                    "{} {n}",
                    lang.pick("删除增长假设", "Remove growth rule")
                ))
                .on_hover_text(lang.pick(
                    "删除此增长假设（可撤销）",
                    "Remove this growth rule (undoable)",
                ))
                .clicked()
            {
                action = Some(ListAction::RemoveGrowth(i));
            }
            let is_edited = editing == Some(i);
            if ui
                .add(egui::Button::selectable(is_edited, lang.pick("编辑", "Edit")).small())
                .accessible_name(format!(
                    "{} {n}",
                    lang.pick("编辑增长假设", "Edit growth rule")
                ))
                .on_hover_text(lang.pick(
                    "在下方编辑器中修改此假设",
                    "Change this rule in the editor below",
                ))
                .clicked()
            {
                action = Some(ListAction::EditGrowth(i));
            }
        });
    });

    if !problems.is_empty() {
        ui.add_space(4.0);
        let color = warn_color(ui);
        ui.label(
            RichText::new(lang.pick(
                "问题（不会被悄悄应用）",
                "Problems (never applied silently)",
            ))
            .strong()
            .color(color),
        );
        rows_ui(
            ui,
            "scenario_problems",
            problems.len(),
            |ui, i, one_line| {
                let text = describe_problem(&problems[i], lang);
                if one_line {
                    ui.horizontal(|ui| {
                        ui.set_height(ui.spacing().interact_size.y);
                        ui.add(egui::Label::new(RichText::new(&text).color(color)).truncate())
                            .on_hover_text(text);
                    });
                } else {
                    ui.add(egui::Label::new(RichText::new(text).color(color)).wrap());
                }
            },
        );
    }

    match action {
        Some(ListAction::RemoveEdit(i)) => push(
            out,
            ScenarioChange::RemoveEdit {
                doc: index,
                position: i,
            },
        ),
        Some(ListAction::RemoveGrowth(i)) => {
            push(
                out,
                ScenarioChange::RemoveGrowth {
                    doc: index,
                    position: i,
                },
            );
            state.editing = match state.editing.take() {
                Some(e) if e.doc == index && e.position == i => None,
                Some(mut e) if e.doc == index && e.position > i => {
                    e.position -= 1;
                    Some(e)
                }
                other => other,
            };
        }
        Some(ListAction::EditGrowth(i)) => {
            if editing == Some(i) {
                state.editing = None;
            } else if let Some(rule) = doc.scenario.growth.get(i) {
                state.editing = Some(Editing {
                    doc: index,
                    position: i,
                    synced: rule.clone(),
                    draft: rule.clone(),
                });
            }
        }
        None => {}
    }
}

/// The (region id, indicator id) picked in the side panel: the indicator, and the first
/// checked region (else the first region). `None` when the dataset has no region.
fn picked_pair(app: &AppState) -> Option<(String, String)> {
    let dataset = &app.dataset;
    let region = crate::ui::derived::picked_regions(dataset, &app.picks.regions)
        .first()
        .copied()
        .or_else(|| dataset.region_indices().next())?;
    let indicator = dataset
        .indicator_indices()
        .find(|&i| i == app.picks.indicator)
        .or_else(|| dataset.indicator_indices().next())?;
    Some((
        dataset.region(region).id.clone(),
        dataset.indicator(indicator).id.clone(),
    ))
}

/// The latest year with a measured (actual or estimated) value of the cell; else the latest
/// year of the indicator's data.
fn latest_measured_year(dataset: &Dataset, region: &str, indicator: &str) -> Option<i32> {
    let r = dataset.region_by_id(region)?;
    let i = dataset.indicator_by_id(indicator)?;
    dataset
        .observations()
        .iter()
        .filter(|o| {
            o.region == r
                && o.indicator == i
                && matches!(o.kind, ObservationKind::Actual | ObservationKind::Estimate)
        })
        .map(|o| o.year)
        .max()
        .or_else(|| dataset.years_of(i).last().copied())
}

/// A new rule for the cell: from the latest measured year, for three years, at `pct`.
fn default_rule(dataset: &Dataset, region: &str, indicator: &str, pct: f64) -> GrowthRule {
    let from = latest_measured_year(dataset, region, indicator).unwrap_or(2024);
    GrowthRule::new(region, indicator, from, from + 3, pct)
}

/// The growth-rule editor: a new rule for "Add", or the rule picked with "Edit", changed in
/// place (one undo step per gesture).
fn growth_editor(
    ui: &mut egui::Ui,
    app: &AppState,
    state: &mut PanelState,
    out: &mut Vec<Command>,
) {
    let lang = app.lang;
    let Some(pair) = picked_pair(app) else {
        return;
    };
    // An edited rule that is gone (removed, scenario switched) ends the editing; one changed
    // by undo or redo resets the fields.
    if let Some(editing) = &mut state.editing {
        let current = (app.scenarios.active == Some(editing.doc))
            .then(|| app.scenarios.docs.get(editing.doc))
            .flatten()
            .and_then(|doc| doc.scenario.growth.get(editing.position));
        match current {
            None => state.editing = None,
            Some(rule) if *rule != editing.synced => {
                editing.synced = rule.clone();
                editing.draft = rule.clone();
            }
            Some(_) => {}
        }
    }
    let dataset = &app.dataset;
    let draft = state.draft.get_or_insert_with(|| Draft {
        rule: default_rule(dataset, &pair.0, &pair.1, 5.0),
        defaults_for: pair.clone(),
    });
    let stale = dataset.region_by_id(&draft.rule.region).is_none()
        || dataset.indicator_by_id(&draft.rule.indicator).is_none();
    if draft.defaults_for != pair || stale {
        let pct = draft.rule.annual_pct;
        let overwrite = draft.rule.overwrite;
        draft.rule = default_rule(dataset, &pair.0, &pair.1, pct);
        draft.rule.overwrite = overwrite;
        draft.defaults_for = pair;
    }

    let editing_position = state.editing.as_ref().map(|e| e.position);
    match editing_position {
        Some(position) => {
            ui.strong(format!(
                "{} {}",
                lang.pick("正在编辑增长假设", "Editing growth rule"),
                position + 1
            ));
        }
        None => {
            ui.strong(lang.pick("新增长假设", "New growth rule"));
        }
    }
    let rule = match &mut state.editing {
        Some(editing) => &mut editing.draft,
        None => &mut draft.rule,
    };
    rule_fields(ui, dataset, lang, rule);

    // The value the rule starts from, as the active scenario makes it, and where it ends.
    let start = {
        let region = dataset.region_by_id(&rule.region);
        let indicator = dataset.indicator_by_id(&rule.indicator);
        region.zip(indicator).and_then(|(r, i)| {
            match app.scenarios.active().and_then(|d| d.applied_now()) {
                Some(applied) => applied.value(dataset, r, i, rule.from),
                None => Applied::none().value(dataset, r, i, rule.from),
            }
        })
    };
    let unit = dataset
        .indicator_by_id(&rule.indicator)
        .map(|i| dataset.indicator(i).display_unit(lang).to_owned())
        .unwrap_or_default();
    let mut ready = true;
    if rule.from >= rule.to {
        ready = false;
        ui.colored_label(
            warn_color(ui),
            lang.pick(
                "截止年份须晚于起始年份",
                "The last year must be after the first",
            ),
        );
    } else if let Some(start) = start {
        ui.label(format!(
            "{}: {} → {}: {} {unit}",
            rule.from,
            format_value(start),
            rule.to,
            format_value(rule.project(start, rule.to)),
        ));
    } else {
        ready = false;
        ui.colored_label(
            warn_color(ui),
            match lang {
                Lang::Zh => format!("{} 年没有可作起点的数值", rule.from),
                Lang::En => format!("{} has no value to grow from", rule.from),
            },
        );
    }

    match &mut state.editing {
        Some(editing) => {
            // Write the fields to the scenario once the gesture is over: a drag is one step.
            let dragging = ui.input(|i| i.pointer.any_down());
            if editing.draft != editing.synced && !dragging {
                let rule = editing.draft.clone();
                push(
                    out,
                    ScenarioChange::ReplaceGrowth {
                        doc: editing.doc,
                        position: editing.position,
                        rule: rule.clone(),
                    },
                );
                editing.synced = rule;
            }
            if ui
                .button(lang.pick("完成", "Done"))
                .on_hover_text(lang.pick(
                    "结束编辑（修改已生效，可撤销）",
                    "Stop editing (changes are applied and undoable)",
                ))
                .clicked()
            {
                state.editing = None;
            }
        }
        None => {
            let add = ui
                .add_enabled(
                    ready,
                    egui::Button::new(lang.pick("添加增长假设", "Add growth rule")),
                )
                .on_hover_text(lang.pick(
                    "把此增长假设加入当前情景（没有情景时新建一个）",
                    "Add this rule to the active scenario (making one if there is none)",
                ));
            if add.clicked() {
                push(out, ScenarioChange::AddGrowth(draft.rule.clone()));
            }
        }
    }
}

/// Region, indicator, years, rate and the overwrite flag of `rule`.
fn rule_fields(ui: &mut egui::Ui, dataset: &Dataset, lang: Lang, rule: &mut GrowthRule) {
    egui::Grid::new("growth_rule_fields")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.label(lang.pick("地区", "Region"));
            let (selected, _) = region_name(dataset, &rule.region, lang);
            egui::ComboBox::from_id_salt("growth_region")
                .selected_text(selected)
                .width(170.0)
                .height(320.0)
                .show_ui(ui, |ui| {
                    for region in dataset.regions() {
                        ui.selectable_value(
                            &mut rule.region,
                            region.id.clone(),
                            region.display_name(lang),
                        );
                    }
                })
                .response
                .on_hover_text(lang.pick("增长假设：地区", "Growth rule: region"));
            ui.end_row();

            ui.label(lang.pick("指标", "Indicator"));
            let (selected, _) = indicator_name(dataset, &rule.indicator, lang);
            egui::ComboBox::from_id_salt("growth_indicator")
                .selected_text(selected)
                .width(170.0)
                .height(320.0)
                .show_ui(ui, |ui| {
                    for indicator in dataset.indicators() {
                        ui.selectable_value(
                            &mut rule.indicator,
                            indicator.id.clone(),
                            indicator.display_name(lang),
                        );
                    }
                })
                .response
                .on_hover_text(lang.pick("增长假设：指标", "Growth rule: indicator"));
            ui.end_row();

            ui.label(lang.pick("年份", "Years"));
            ui.horizontal(|ui| {
                ui.add(
                    egui::DragValue::new(&mut rule.from)
                        .range(1900..=2100)
                        .speed(0.1)
                        .update_while_editing(false),
                )
                .on_hover_text(lang.pick("增长假设：起始年份", "Growth rule: first year"));
                ui.label("→");
                ui.add(
                    egui::DragValue::new(&mut rule.to)
                        .range(1900..=2100)
                        .speed(0.1)
                        .update_while_editing(false),
                )
                .on_hover_text(lang.pick("增长假设：截止年份", "Growth rule: last year"));
            });
            ui.end_row();

            ui.label(lang.pick("每年", "Per year"));
            ui.add(
                egui::Slider::new(&mut rule.annual_pct, -30.0..=50.0)
                    .step_by(0.5)
                    .suffix(" %")
                    .clamping(egui::SliderClamping::Never)
                    .update_while_editing(false),
            )
            .on_hover_text(lang.pick("增长假设：年增长率 %", "Growth rule: annual growth %"));
            ui.end_row();
        });
    ui.checkbox(
        &mut rule.overwrite,
        lang.pick("覆盖已有实际值", "Overwrite actual values"),
    )
    .on_hover_text(lang.pick(
        "不勾选时，已有实际值或估计值的年份保持不变",
        "Unchecked, years that have an actual or estimated value keep it",
    ));
}
