//! The import window (文件 ▸ 导入表格… / File ▸ Import table…): a preview of a spreadsheet
//! table as read, its layout and column roles (changeable), sheet, indicator, unit and source,
//! and every problem by cell (`Sheet1!C7: …`), before anything is committed. The preview is
//! recomputed when an option changes, never every frame. The window knows only the table
//! and, when merging, the dataset handed to it: the app carries out what it returns.

use std::path::{Path, PathBuf};

use crate::io::import::{
    CellProblem, ImportError, ImportOptions, ImportSummary, Layout, Preview, Role, RoleChoice,
    TablePreview, import_into, preview,
};
use crate::lang::Lang;
use crate::model::Dataset;

/// The table extensions the window imports (a dropped file with one of them opens here).
pub const TABLE_EXTENSIONS: [&str; 8] = ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "xlsb", "ods"];

/// True when `path` names a table the import reads (by its extension).
pub fn is_table(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| TABLE_EXTENSIONS.contains(&e.as_str()))
}

/// What the user chose in the window.
#[derive(Debug)]
pub enum ImportOutcome {
    /// Open the imported data as the dataset (replacing the current one).
    Open(Box<ImportSummary>),
    /// Replace the current dataset with this one: it merged the table into it.
    Merge(Box<ImportSummary>),
    /// The window was closed; nothing changes.
    Closed,
}

/// The import window's state: the options as chosen and the last preview.
#[derive(Debug)]
pub struct ImportDialog {
    /// The options the preview was made with (input, sheet, layout, roles, texts).
    pub options: ImportOptions,
    /// The indicator field as typed (applied when it loses the keyboard).
    pub indicator: String,
    /// The unit field as typed.
    pub unit: String,
    /// The source field as typed.
    pub source: String,
    /// Every sheet of the workbook (empty for a CSV), from the first preview.
    pub sheets: Vec<String>,
    /// The preview of [`Self::options`], or why there is none.
    pub preview: Result<Preview, String>,
    /// Problems found when merging into the current dataset (names matched there).
    pub merge_problems: Vec<CellProblem>,
    /// How many times the preview was computed (recomputed only on a change).
    pub previews_made: usize,
}

impl ImportDialog {
    /// A window on the table at `input`, previewed at once.
    pub fn new(input: PathBuf) -> Self {
        let options = ImportOptions {
            input,
            ..Default::default()
        };
        let mut dialog = Self {
            options,
            indicator: String::new(),
            unit: String::new(),
            source: String::new(),
            sheets: Vec::new(),
            preview: Err(String::new()),
            merge_problems: Vec::new(),
            previews_made: 0,
        };
        dialog.refresh();
        if let Ok(p) = &dialog.preview {
            dialog.sheets = p.tables.iter().filter_map(|t| t.sheet.clone()).collect();
        }
        dialog
    }

    /// The file name shown (and in messages).
    pub fn file_name(&self) -> String {
        self.options.input.file_name().map_or_else(
            || self.options.input.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Recomputes the preview from the options (after a change).
    pub fn refresh(&mut self) {
        self.options.indicator = non_empty(&self.indicator);
        self.options.unit = non_empty(&self.unit);
        self.options.source = non_empty(&self.source);
        self.merge_problems.clear();
        self.preview = preview(&self.options).map_err(|e| error_text(&self.options.input, &e));
        self.previews_made += 1;
    }

    /// The problems standing in the way of a commit (none: both buttons work).
    pub fn problems(&self) -> &[CellProblem] {
        match &self.preview {
            Ok(p) => &p.problems,
            Err(_) => &[],
        }
    }

    /// True when the table imports as it is now chosen.
    pub fn ready(&self) -> bool {
        matches!(&self.preview, Ok(p) if p.problems.is_empty() && p.result.is_some())
    }

    /// Sets column `column` of `sheet` to be read as `role`, and recomputes the preview.
    pub fn set_role(&mut self, sheet: Option<String>, column: usize, role: Role) {
        self.options
            .roles
            .retain(|c| !(c.sheet == sheet && c.column == column));
        self.options.roles.push(RoleChoice {
            sheet,
            column,
            role,
        });
        self.refresh();
    }

    /// The imported data to open as the dataset; `None` (nothing changes) unless ready.
    pub fn take_open(&mut self) -> Option<ImportSummary> {
        if !self.ready() {
            return None;
        }
        match &mut self.preview {
            Ok(p) => p.result.take(),
            Err(_) => None,
        }
    }

    /// The table merged into `current` (names matched as `--into` does); on problems they
    /// are kept for the window to list, and `None` is returned: nothing changes.
    pub fn merge_into(&mut self, current: &Dataset) -> Option<ImportSummary> {
        if !self.ready() {
            return None;
        }
        match import_into(&self.options, current) {
            Ok(summary) => Some(summary),
            Err(ImportError::Input { problems, .. }) => {
                self.merge_problems = problems;
                None
            }
            Err(other) => {
                self.merge_problems = vec![CellProblem {
                    at: Default::default(),
                    message: other.to_string(),
                }];
                None
            }
        }
    }

    /// Draws the window inside `area`; `current` is the dataset a merge goes into.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        lang: Lang,
        area: egui::Rect,
        current: &Dataset,
    ) -> Option<ImportOutcome> {
        let mut open = true;
        let mut outcome = None;
        let title = format!(
            "{}{}",
            lang.pick("导入表格：", "Import table: "),
            self.file_name()
        );
        egui::Window::new(title)
            .id(egui::Id::unique("yardstick-import-window"))
            .open(&mut open)
            .collapsible(false)
            .constrain_to(area)
            .default_width(760.0)
            .default_height(area.height() * 0.8)
            .show(ctx, |ui| {
                outcome = self.contents(ui, lang, current);
            });
        if !open {
            return Some(ImportOutcome::Closed);
        }
        outcome
    }

    fn contents(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        current: &Dataset,
    ) -> Option<ImportOutcome> {
        let mut changed = false;
        egui::Grid::new("import-options")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                changed |= self.options_ui(ui, lang);
            });
        if changed {
            self.refresh();
        }
        ui.separator();
        let mut role_change = None;
        let footer = 150.0;
        egui::ScrollArea::both()
            .max_height((ui.available_height() - footer).max(120.0))
            .auto_shrink([false, true])
            .show(ui, |ui| match &self.preview {
                Ok(p) => {
                    for (t, table) in p.tables.iter().enumerate() {
                        if let Some(change) = table_ui(ui, lang, t, table) {
                            role_change = Some(change);
                        }
                    }
                }
                Err(message) => {
                    ui.colored_label(ui.visuals().error_fg_color, message);
                }
            });
        if let Some((sheet, column, role)) = role_change {
            self.set_role(sheet, column, role);
        }
        ui.separator();
        self.result_ui(ui, lang);
        self.buttons_ui(ui, lang, current)
    }

    /// Sheet, layout, indicator, unit and source; true when one changed.
    fn options_ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> bool {
        let mut changed = false;
        if !self.sheets.is_empty() {
            let label = ui.label(lang.pick("工作表", "Sheet"));
            let all = lang.pick("全部工作表", "Every sheet").to_owned();
            let shown = self.options.sheet.clone().unwrap_or_else(|| all.clone());
            egui::ComboBox::from_id_salt("import-sheet")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    changed |= ui
                        .selectable_value(&mut self.options.sheet, None, all)
                        .changed();
                    for sheet in &self.sheets {
                        changed |= ui
                            .selectable_value(&mut self.options.sheet, Some(sheet.clone()), sheet)
                            .changed();
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
        }
        ui.label(lang.pick("布局", "Layout"));
        ui.horizontal(|ui| {
            for layout in [Layout::Auto, Layout::Wide, Layout::Long] {
                changed |= ui
                    .radio_value(&mut self.options.layout, layout, layout_text(layout, lang))
                    .changed();
            }
            if let Ok(p) = &self.preview
                && let Some(shape) = p.tables.iter().find_map(|t| t.shape.as_ref())
            {
                ui.label(format!(
                    "{}{}",
                    lang.pick("识别为：", "found: "),
                    layout_text(shape.layout, lang)
                ));
            }
        });
        ui.end_row();
        let fields = [
            (
                lang.pick("指标", "Indicator"),
                lang.pick(
                    "宽表的指标名，如 工业总产值（亿元）",
                    "A wide table's indicator, e.g. GDP (亿元)",
                ),
                &mut self.indicator,
            ),
            (
                lang.pick("单位", "Unit"),
                lang.pick("表中没有单位时使用", "Used when the table gives none"),
                &mut self.unit,
            ),
            (
                lang.pick("来源", "Source"),
                lang.pick(
                    "默认：文件名与导入日期",
                    "Default: the file name and date of import",
                ),
                &mut self.source,
            ),
        ];
        for (label, hint, text) in fields {
            let label = ui.label(label);
            let response = ui
                .add(
                    egui::TextEdit::singleline(text)
                        .hint_text(hint)
                        .desired_width(360.0),
                )
                .labelled_by(label.id);
            changed |= response.lost_focus();
            ui.end_row();
        }
        changed
    }

    /// What the import would make, or the problems by cell.
    fn result_ui(&self, ui: &mut egui::Ui, lang: Lang) {
        let problems: Vec<&CellProblem> =
            self.problems().iter().chain(&self.merge_problems).collect();
        if let Ok(Preview {
            result: Some(summary),
            ..
        }) = &self.preview
        {
            ui.label(summary_text(summary, lang));
        }
        if problems.is_empty() {
            return;
        }
        ui.colored_label(
            ui.visuals().error_fg_color,
            match lang {
                Lang::Zh => format!("{} 个问题（改正前不能导入）：", problems.len()),
                Lang::En => format!("{} problems (fix them to import):", problems.len()),
            },
        );
        egui::ScrollArea::vertical()
            .id_salt("import-problems")
            .max_height(90.0)
            .show(ui, |ui| {
                for p in problems.iter().take(crate::io::import::MAX_LISTED) {
                    ui.label(
                        egui::RichText::new(problem_text(p))
                            .monospace()
                            .color(ui.visuals().error_fg_color),
                    );
                }
            });
    }

    fn buttons_ui(
        &mut self,
        ui: &mut egui::Ui,
        lang: Lang,
        current: &Dataset,
    ) -> Option<ImportOutcome> {
        let ready = self.ready() && self.merge_problems.is_empty();
        let mut outcome = None;
        ui.horizontal(|ui| {
            let open = ui
                .add_enabled(
                    ready,
                    egui::Button::new(lang.pick("打开为数据集", "Open as dataset")),
                )
                .on_hover_text(lang.pick(
                    "用导入的数据替换当前数据集",
                    "Replace the current dataset with the imported data",
                ));
            if open.clicked()
                && let Some(summary) = self.take_open()
            {
                outcome = Some(ImportOutcome::Open(Box::new(summary)));
            }
            let merge = ui
                .add_enabled(
                    ready,
                    egui::Button::new(lang.pick("并入当前数据集", "Merge into current dataset")),
                )
                .on_hover_text(lang.pick(
                    "按名称匹配地区与指标，新增其余（可撤销）",
                    "Match regions and indicators by name, add the rest (undoable)",
                ));
            if merge.clicked()
                && let Some(summary) = self.merge_into(current)
            {
                outcome = Some(ImportOutcome::Merge(Box::new(summary)));
            }
            // Escape closes the window as Cancel does (unless it closes an open combo box).
            let escape =
                ui.input(|i| i.key_pressed(egui::Key::Escape)) && !ui.ctx().any_popup_open();
            if ui.button(lang.pick("取消", "Cancel")).clicked() || escape {
                outcome = Some(ImportOutcome::Closed);
            }
        });
        outcome
    }
}

/// One table: its rows as read under column letters, each column's role in a combo box.
/// Returns a role the user picked: (sheet, column, role).
fn table_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    index: usize,
    table: &TablePreview,
) -> Option<(Option<String>, usize, Role)> {
    let mut picked = None;
    let name = table.sheet.clone().unwrap_or_else(|| "CSV".to_owned());
    ui.strong(match lang {
        Lang::Zh => format!(
            "{name}（共 {} 行，显示前 {} 行）",
            table.total_rows,
            table.rows.len()
        ),
        Lang::En => format!(
            "{name} ({} rows, the first {} shown)",
            table.total_rows,
            table.rows.len()
        ),
    });
    let Some(shape) = &table.shape else {
        ui.label(lang.pick("（空表）", "(empty)"));
        return None;
    };
    if let Some(title) = &shape.title {
        ui.label(format!("{}{title}", lang.pick("标题行：", "Title row: ")));
    }
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(shape.roles.len());
    let years = year_choices(&shape.roles);
    egui::Grid::new(("import-table", index))
        .striped(true)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            // Each role's combo box is named by its column's letter (for screen readers).
            let letters: Vec<egui::Id> = (0..columns)
                .map(|column| ui.strong(column_letter(column)).id)
                .collect();
            ui.end_row();
            ui.label(lang.pick("作用", "Role"));
            for (column, &letter) in letters.iter().enumerate() {
                let role = shape.roles.get(column).copied().unwrap_or(Role::Ignored);
                let mut chosen = role;
                egui::ComboBox::from_id_salt(("import-role", index, column))
                    .selected_text(role_text(role, lang))
                    .show_ui(ui, |ui| {
                        for choice in role_choices(&years) {
                            ui.selectable_value(&mut chosen, choice, role_text(choice, lang));
                        }
                    })
                    .response
                    .labelled_by(letter);
                if chosen != role {
                    picked = Some((table.sheet.clone(), column, chosen));
                }
            }
            ui.end_row();
            for (r, row) in table.rows.iter().enumerate() {
                let heading = r == shape.header;
                ui.label(egui::RichText::new((r + 1).to_string()).weak());
                for column in 0..columns {
                    let text = row.get(column).map_or("", String::as_str);
                    if heading {
                        ui.strong(text);
                    } else {
                        ui.label(text);
                    }
                }
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    picked
}

/// The roles a column can be given: the long layout's, not imported, then the years around
/// the table's.
fn role_choices(years: &[i32]) -> Vec<Role> {
    let mut roles = vec![
        Role::Region,
        Role::Indicator,
        Role::Year,
        Role::Value,
        Role::Unit,
        Role::Kind,
        Role::Source,
        Role::Note,
        Role::Ignored,
    ];
    roles.extend(years.iter().map(|&y| Role::ValuesOf(y)));
    roles.extend(years.iter().map(|&y| Role::GrowthOf(y)));
    roles
}

/// Years to offer for a column: two around those the table's header names, else recent ones.
fn year_choices(roles: &[Role]) -> Vec<i32> {
    let found: Vec<i32> = roles
        .iter()
        .filter_map(|r| match r {
            Role::ValuesOf(y) | Role::GrowthOf(y) => Some(*y),
            _ => None,
        })
        .collect();
    match (found.iter().min(), found.iter().max()) {
        (Some(&min), Some(&max)) => (min - 2..=max + 2).collect(),
        _ => (2015..=2025).collect(),
    }
}

/// A role's name in the combo box.
pub fn role_text(role: Role, lang: Lang) -> String {
    let (zh, en) = match role {
        Role::Region => ("地区列", "Regions"),
        Role::Indicator => ("指标列", "Indicators"),
        Role::Year => ("年份列", "Years"),
        Role::Value => ("数值列", "Values"),
        Role::Unit => ("单位列", "Units"),
        Role::Kind => ("类型列", "Kinds"),
        Role::Source => ("来源列", "Sources"),
        Role::Note => ("备注列", "Notes"),
        Role::ValuesOf(y) => {
            return match lang {
                Lang::Zh => format!("{y} 年数值"),
                Lang::En => format!("Values of {y}"),
            };
        }
        Role::GrowthOf(y) => {
            return match lang {
                Lang::Zh => format!("{y} 年增长%"),
                Lang::En => format!("Growth % of {y}"),
            };
        }
        Role::Ignored => ("不导入", "Not imported"),
    };
    lang.pick(zh, en).to_owned()
}

fn layout_text(layout: Layout, lang: Lang) -> &'static str {
    match layout {
        Layout::Auto => lang.pick("自动", "Automatic"),
        Layout::Wide => lang.pick("宽表（年份横排）", "Wide (years across)"),
        Layout::Long => lang.pick("长表（一行一个数值）", "Long (one value a row)"),
    }
}

/// "3 个地区，2 项指标，12 个数值" for what the import makes.
pub fn summary_text(summary: &ImportSummary, lang: Lang) -> String {
    let d = &summary.dataset;
    match lang {
        Lang::Zh => format!(
            "将导入：{} 个地区，{} 项指标，{} 个数值（跳过 {} 个空单元格）",
            d.regions().len(),
            d.indicators().len(),
            d.observations().len(),
            summary.missing
        ),
        Lang::En => format!(
            "Would import: {} regions, {} indicators, {} values ({} missing cells skipped)",
            d.regions().len(),
            d.indicators().len(),
            d.observations().len(),
            summary.missing
        ),
    }
}

/// `Sheet1!C7: message`, or the message alone when it has no place.
pub fn problem_text(problem: &CellProblem) -> String {
    match problem.at.label() {
        l if l.is_empty() => problem.message.clone(),
        l => format!("{l}: {}", problem.message),
    }
}

/// A column's letters: A … Z, AA, AB, …
fn column_letter(mut column: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Why there is no preview, naming the file.
fn error_text(input: &Path, err: &ImportError) -> String {
    match err {
        ImportError::Input { .. } => err.to_string(),
        other => format!("{}: {other}", input.display()),
    }
}

fn non_empty(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_go_on_past_z() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(2), "C");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn tables_are_told_by_their_extension() {
        assert!(is_table(Path::new("a/年鉴.XLSX")));
        assert!(is_table(Path::new("x.csv")));
        assert!(!is_table(Path::new("x.ron")));
        assert!(!is_table(Path::new("x")));
    }
}
