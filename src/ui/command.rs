//! [`Command`]: every action the user can ask of the window, with its text in both
//! languages, its tooltip and its keyboard shortcuts. The menus, the buttons that repeat a
//! menu item, the keyboard handling, the Help ▸ Shortcuts list and the command palette are
//! all drawn from it; the app carries a command out in one place (`YardstickApp::run`).
//! Modelled on rerun's `UICommand`.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::lang::Lang;
use crate::model::compare::RowFilter;
use crate::model::scenario::{Edit, GrowthRule};
use crate::ui::state::{ThemeChoice, View};

/// One user action.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Open a dataset or scenario file with the system dialog (or the typed-path window).
    Open,
    /// Open a file by typing its path.
    OpenPath,
    /// Go back to the bundled dataset.
    OpenBundled,
    /// Open the export window on SVG (the chart).
    ExportChart,
    /// Open the export window on CSV (the chart's data).
    ExportData,
    /// Import a spreadsheet table (CSV, xlsx, xls, ods) through the import window.
    ImportTable,
    /// Save the current dataset as a RON file.
    SaveDatasetAs,
    /// Close the window, asking first about unsaved scenarios.
    Quit,
    /// Take back the last change: the active scenario's, or a table merged into the dataset.
    Undo,
    /// Make the last undone change again.
    Redo,
    /// Copy the selected table cells (the table carries it out while it has the keyboard).
    CopyCells,
    /// Paste a block into the table (the table carries it out while it has the keyboard).
    PasteCells,
    /// Make a new empty scenario, named "情景 N" / "Scenario N".
    NewScenario,
    /// Copy the active scenario.
    DuplicateScenario,
    /// Open a scenario file.
    OpenScenario,
    /// Save the active scenario to its file (asks for one the first time).
    SaveScenario,
    /// Save the active scenario to another file.
    SaveScenarioAs,
    /// Show one of the central views.
    ShowView(View),
    /// List these rows in the compare view (only those a scenario changes, or all).
    CompareRows(RowFilter),
    /// Weigh an indicator in the composite score (`None`: leave it out). Made by the
    /// rankings view's fields, not listed in menus or the palette.
    SetWeight(crate::model::IndicatorIdx, Option<f64>),
    /// Adds the growth a target requires to the active scenario (the 目标 view's button).
    ApplyTargetGrowth(crate::model::target_rows::TargetKey),
    /// A line chart of a target's indicator for its region alone.
    ShowTargetInChart(crate::model::target_rows::TargetKey),
    /// Chart this indicator (side panel).
    SetIndicator(crate::model::IndicatorIdx),
    /// Bars or lines (side panel).
    SetChartKind(crate::model::ChartKind),
    /// These years, `None`: automatic (side panel).
    SetYears(Option<(i32, i32)>),
    /// Absolute, index, change or share of target (side panel).
    SetMode(crate::model::ViewMode),
    /// A logarithmic value axis or not (side panel).
    SetLogScale(bool),
    /// Bars show each region's latest value up to the year (or the year's values only).
    SetLatest(bool),
    /// Show a region or not (side panel).
    SetRegion(crate::model::RegionIdx, bool),
    /// Use this language for the interface and the data.
    SetLanguage(Lang),
    /// Use this colour theme.
    SetTheme(ThemeChoice),
    /// Open the list of keyboard shortcuts.
    ShowShortcuts,
    /// Open the about window.
    ShowAbout,
    /// Open (or close) the command palette.
    CommandPalette,
    /// A change to the scenarios made by the scenario panel or the table (not listed in menus
    /// or the palette): one undo step each.
    Scenario(ScenarioChange),
}

/// What the scenario panel and the table ask of the scenarios; the app carries it out in
/// [`Command::Scenario`]'s one place, making the undo point there.
#[derive(Clone, Debug, PartialEq)]
pub enum ScenarioChange {
    /// Make this scenario active (`None`: the baseline).
    Select(Option<usize>),
    /// Rename a scenario.
    Rename {
        /// Which scenario (its place in the list).
        doc: usize,
        /// The new name, trimmed, not empty.
        name: String,
    },
    /// Close a scenario: at once when it has no unsaved change, else after asking
    /// (`PendingAction::CloseScenario`).
    Delete(usize),
    /// Remove one edit of a scenario (the baseline value shows again).
    RemoveEdit {
        /// Which scenario.
        doc: usize,
        /// The edit's place in the scenario's list.
        position: usize,
    },
    /// Remove one growth rule.
    RemoveGrowth {
        /// Which scenario.
        doc: usize,
        /// The rule's place in the scenario's list.
        position: usize,
    },
    /// Replace a growth rule with the one edited (when the gesture is over).
    ReplaceGrowth {
        /// Which scenario.
        doc: usize,
        /// The rule's place in the scenario's list.
        position: usize,
        /// The rule as edited.
        rule: GrowthRule,
    },
    /// Add a growth rule to the active scenario (making one when there is none).
    AddGrowth(GrowthRule),
    /// Set cell values on the active scenario (making one when there is none), as one undo
    /// step: a typed cell or a pasted block. An edit giving a cell back its baseline value
    /// removes the cell's edit.
    ApplyEdits(Vec<Edit>),
}

/// The menu a command belongs to (its group in the palette).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    /// 文件 / File.
    File,
    /// 编辑 / Edit.
    Edit,
    /// 情景 / Scenario.
    Scenario,
    /// 视图 / View.
    View,
    /// 语言 / Language.
    Language,
    /// 帮助 / Help.
    Help,
}

impl Menu {
    /// The menu bar's menus, left to right.
    pub const ALL: [Menu; 6] = [
        Self::File,
        Self::Edit,
        Self::Scenario,
        Self::View,
        Self::Language,
        Self::Help,
    ];

    /// The menu's title.
    pub fn text(&self, lang: Lang) -> &'static str {
        match self {
            Self::File => lang.pick("文件", "File"),
            Self::Edit => lang.pick("编辑", "Edit"),
            Self::Scenario => lang.pick("情景", "Scenario"),
            Self::View => lang.pick("视图", "View"),
            Self::Language => lang.pick("语言", "Language"),
            Self::Help => lang.pick("帮助", "Help"),
        }
    }
}

/// What decides whether a command can run now and whether its menu radio is checked: read
/// from the app once a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct CommandState {
    /// The interface language.
    pub lang: Lang,
    /// The theme in force.
    pub theme: ThemeChoice,
    /// The central view open.
    pub view: View,
    /// The rows the compare view lists.
    pub compare_rows: RowFilter,
    /// A scenario is active (not the baseline).
    pub has_active: bool,
    /// The active scenario has a change to undo.
    pub can_undo: bool,
    /// The active scenario has an undone change to redo.
    pub can_redo: bool,
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

const OPEN_KEYS: &[KeyboardShortcut] = &[ctrl(Key::O)];
const UNDO_KEYS: &[KeyboardShortcut] = &[ctrl(Key::Z)];
const REDO_KEYS: &[KeyboardShortcut] = &[ctrl(Key::Y), ctrl_shift(Key::Z)];
const COPY_KEYS: &[KeyboardShortcut] = &[ctrl(Key::C)];
const PASTE_KEYS: &[KeyboardShortcut] = &[ctrl(Key::V)];
const SAVE_KEYS: &[KeyboardShortcut] = &[ctrl(Key::S)];
const SAVE_AS_KEYS: &[KeyboardShortcut] = &[ctrl_shift(Key::S)];
const IMPORT_KEYS: &[KeyboardShortcut] = &[ctrl_shift(Key::I)];
const PALETTE_KEYS: &[KeyboardShortcut] = &[ctrl_shift(Key::P), ctrl(Key::K)];
const VIEW_KEYS: [&[KeyboardShortcut]; 5] = [
    &[ctrl(Key::Num1)],
    &[ctrl(Key::Num2)],
    &[ctrl(Key::Num3)],
    &[ctrl(Key::Num4)],
    &[ctrl(Key::Num5)],
];

impl Command {
    /// Every command, in menu order (the palette's and the shortcut list's order).
    pub fn all() -> Vec<Command> {
        let mut all = vec![
            Self::Open,
            Self::OpenPath,
            Self::OpenBundled,
            Self::ExportChart,
            Self::ExportData,
            Self::ImportTable,
            Self::SaveDatasetAs,
            Self::Quit,
            Self::Undo,
            Self::Redo,
            Self::CopyCells,
            Self::PasteCells,
            Self::NewScenario,
            Self::OpenScenario,
            Self::SaveScenario,
            Self::SaveScenarioAs,
            Self::DuplicateScenario,
        ];
        all.extend(ThemeChoice::ALL.map(Self::SetTheme));
        all.extend(View::ALL.map(Self::ShowView));
        all.extend([RowFilter::Changed, RowFilter::All].map(Self::CompareRows));
        all.extend(Lang::ALL.map(Self::SetLanguage));
        all.extend([Self::ShowShortcuts, Self::CommandPalette, Self::ShowAbout]);
        all
    }

    /// The menu it is in.
    pub fn menu(&self) -> Menu {
        match self {
            Self::Open
            | Self::OpenPath
            | Self::OpenBundled
            | Self::ExportChart
            | Self::ExportData
            | Self::ImportTable
            | Self::SaveDatasetAs
            | Self::Quit => Menu::File,
            Self::Undo | Self::Redo | Self::CopyCells | Self::PasteCells => Menu::Edit,
            Self::NewScenario
            | Self::DuplicateScenario
            | Self::OpenScenario
            | Self::SaveScenario
            | Self::SaveScenarioAs => Menu::Scenario,
            Self::ShowView(_) | Self::SetTheme(_) | Self::CompareRows(_) => Menu::View,
            Self::SetWeight(..)
            | Self::ApplyTargetGrowth(_)
            | Self::ShowTargetInChart(_)
            | Self::SetIndicator(_)
            | Self::SetChartKind(_)
            | Self::SetYears(_)
            | Self::SetMode(_)
            | Self::SetLogScale(_)
            | Self::SetLatest(_)
            | Self::SetRegion(..)
            | Self::Scenario(_) => Menu::View,
            Self::SetLanguage(_) => Menu::Language,
            Self::ShowShortcuts | Self::ShowAbout | Self::CommandPalette => Menu::Help,
        }
    }

    /// The text of its menu item.
    pub fn text(&self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Self::Open => ("打开…", "Open…"),
            Self::OpenPath => ("按路径打开…", "Open path…"),
            Self::OpenBundled => ("打开内置数据", "Open bundled data"),
            Self::ExportChart => ("导出图表…", "Export chart…"),
            Self::ExportData => ("导出数据…", "Export data…"),
            Self::ImportTable => ("导入表格…", "Import table…"),
            Self::SaveDatasetAs => ("数据集另存为…", "Save dataset as…"),
            Self::Quit => ("退出", "Quit"),
            Self::Undo => ("撤销", "Undo"),
            Self::Redo => ("重做", "Redo"),
            Self::CopyCells => ("复制表格单元格", "Copy table cells"),
            Self::PasteCells => ("粘贴表格单元格", "Paste table cells"),
            Self::NewScenario => ("新建情景", "New scenario"),
            Self::DuplicateScenario => ("复制情景", "Duplicate scenario"),
            Self::OpenScenario => ("打开情景…", "Open scenario…"),
            Self::SaveScenario => ("保存情景", "Save scenario"),
            Self::SaveScenarioAs => ("情景另存为…", "Save scenario as…"),
            Self::ShowView(view) => view_text(*view),
            Self::CompareRows(RowFilter::Changed) => ("只显示有变化的行", "Only changed rows"),
            Self::CompareRows(RowFilter::All) => ("比较全部行", "Compare all rows"),
            Self::SetWeight(..) => ("设置综合得分权重", "Set a composite weight"),
            Self::ApplyTargetGrowth(_) => ("作为情景增长假设", "Apply as scenario growth"),
            Self::ShowTargetInChart(_) => ("在图表中查看", "Show in chart"),
            Self::SetIndicator(_) => ("选择指标", "Pick the indicator"),
            Self::SetChartKind(_) => ("选择图表类型", "Pick bars or lines"),
            Self::SetYears(_) => ("选择年份", "Pick the years"),
            Self::SetMode(_) => ("选择数值显示方式", "Pick how values are shown"),
            Self::SetLogScale(_) => ("对数坐标", "Log scale"),
            Self::SetLatest(_) => ("截至该年的最新值", "Latest value up to the year"),
            Self::SetRegion(..) => ("选择地区", "Pick a region"),
            Self::Scenario(_) => ("修改情景", "Change a scenario"),
            Self::SetLanguage(choice) => return choice.native_name(),
            Self::SetTheme(choice) => return choice.label(lang),
            Self::ShowShortcuts => ("快捷键", "Shortcuts"),
            Self::ShowAbout => ("关于", "About"),
            Self::CommandPalette => ("命令面板…", "Command palette…"),
        };
        lang.pick(zh, en)
    }

    /// The text of a button that repeats the menu item where space is short (the scenario
    /// panel's "新建" / "复制").
    pub fn button_text(&self, lang: Lang) -> &'static str {
        match self {
            Self::NewScenario => lang.pick("新建", "New"),
            Self::DuplicateScenario => lang.pick("复制", "Duplicate"),
            other => other.text(lang),
        }
    }

    /// What the command does, for its tooltip.
    pub fn tooltip(&self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Self::Open => (
                "用系统对话框打开数据集或情景文件",
                "Open a dataset or scenario file with the system dialog",
            ),
            Self::OpenPath => ("输入文件路径打开", "Open a file by typing its path"),
            Self::OpenBundled => ("回到内置的重庆数据", "Go back to the bundled data"),
            Self::ExportChart => ("把图表导出为 SVG 或 PNG", "Export the chart as SVG or PNG"),
            Self::ExportData => ("把图表的数据导出为 CSV", "Export the chart's data as CSV"),
            Self::ImportTable => (
                "预览并导入 CSV、xlsx 或 ods 表格，打开或并入当前数据集",
                "Preview and import a CSV, xlsx or ods table, opened or merged into the current dataset",
            ),
            Self::SaveDatasetAs => (
                "把当前数据集保存为 RON 文件",
                "Save the current dataset as a RON file",
            ),
            Self::Quit => (
                "关闭窗口（有未保存的情景时先询问）",
                "Close the window (asks first about unsaved scenarios)",
            ),
            Self::Undo => (
                "撤销上一步更改（当前情景的编辑，或并入数据集的表格）",
                "Undo the last change (the active scenario's, or a table merged into the dataset)",
            ),
            Self::Redo => ("重做撤销的更改", "Redo the change undone"),
            Self::CopyCells => (
                "复制数据表中选中的单元格",
                "Copy the cells selected in the table",
            ),
            Self::PasteCells => (
                "把电子表格中的一块数据粘贴到数据表",
                "Paste a block from a spreadsheet into the table",
            ),
            Self::NewScenario => ("新建一个空白情景", "Make an empty scenario"),
            Self::DuplicateScenario => (
                "复制当前情景（副本尚未保存）",
                "Copy the active scenario (the copy is not saved)",
            ),
            Self::OpenScenario => ("打开情景文件", "Open a scenario file"),
            Self::SaveScenario => ("把当前情景保存到文件", "Save the active scenario"),
            Self::SaveScenarioAs => (
                "把当前情景保存到另一个文件",
                "Save the active scenario to another file",
            ),
            Self::ShowView(view) => view_tooltip(*view),
            Self::CompareRows(RowFilter::Changed) => (
                "只列出至少一个情景与基准不同的年份",
                "List only the years where at least one scenario differs from the baseline",
            ),
            Self::CompareRows(RowFilter::All) => (
                "比较视图列出每个有数值的年份",
                "The compare view lists every year with a value",
            ),
            Self::SetWeight(..) => (
                "指标在综合得分中的权重",
                "An indicator's weight in the composite score",
            ),
            Self::ApplyTargetGrowth(_) => (
                "在当前情景中加入增长假设：从最新年份起按所需年均增速增长到目标年（可撤销）",
                "Add a growth rule to the active scenario: the required annual growth from the \
                 latest year to the target year (undoable)",
            ),
            Self::ShowTargetInChart(_) => (
                "折线图，只显示该地区的这项指标（含目标与需达路径）",
                "Line chart of this indicator for this region alone (with the target and the \
                 required path)",
            ),
            Self::SetIndicator(_)
            | Self::SetChartKind(_)
            | Self::SetYears(_)
            | Self::SetMode(_)
            | Self::SetLogScale(_)
            | Self::SetLatest(_)
            | Self::SetRegion(..) => ("左侧面板中的选择", "A pick in the side panel"),
            Self::Scenario(_) => (
                "情景面板或数据表中的修改（可撤销）",
                "A change in the scenario panel or the table (undoable)",
            ),
            Self::SetLanguage(_) => ("界面与数据的语言", "Language of the interface and data"),
            Self::SetTheme(ThemeChoice::System) => (
                "按操作系统的浅色/深色设置显示",
                "Light or dark as the operating system is set",
            ),
            Self::SetTheme(ThemeChoice::Light) => ("深色文字，浅色背景", "Dark text on light"),
            Self::SetTheme(ThemeChoice::Dark) => ("浅色文字，深色背景", "Light text on dark"),
            Self::ShowShortcuts => ("列出键盘快捷键", "List the keyboard shortcuts"),
            Self::ShowAbout => (
                "版本、数据来源与字体许可",
                "Version, data sources and font licence",
            ),
            Self::CommandPalette => (
                "输入名称查找并执行命令",
                "Find a command by typing its name, and run it",
            ),
        };
        lang.pick(zh, en)
    }

    /// The text in the palette: the menu, then the item ("文件：打开…").
    pub fn palette_text(&self, lang: Lang) -> String {
        let colon = lang.pick("：", ": ");
        format!("{}{colon}{}", self.menu().text(lang), self.text(lang))
    }

    /// Its keyboard shortcuts, the main one first; empty when it has none.
    pub fn shortcuts(&self) -> &'static [KeyboardShortcut] {
        match self {
            Self::Open | Self::OpenScenario => OPEN_KEYS,
            Self::Undo => UNDO_KEYS,
            Self::Redo => REDO_KEYS,
            Self::CopyCells => COPY_KEYS,
            Self::PasteCells => PASTE_KEYS,
            Self::SaveScenario => SAVE_KEYS,
            Self::SaveScenarioAs => SAVE_AS_KEYS,
            Self::ImportTable => IMPORT_KEYS,
            Self::CommandPalette => PALETTE_KEYS,
            Self::ShowView(view) => VIEW_KEYS[view_position(*view)],
            _ => &[],
        }
    }

    /// Its main shortcut.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// True when the window, not a widget, answers its shortcut. The table answers copy and
    /// paste itself (egui turns those keys into copy and paste events).
    pub fn window_shortcut(&self) -> bool {
        !matches!(self, Self::CopyCells | Self::PasteCells)
    }

    /// True when its shortcut also works while a text field has the keyboard: a field has
    /// its own undo, and Ctrl+S there would be a surprise; switching views and the palette
    /// are not.
    pub fn works_while_typing(&self) -> bool {
        matches!(self, Self::ShowView(_) | Self::CommandPalette)
    }

    /// True when the palette lists it (not the palette itself, nor what only the table does).
    pub fn in_palette(&self) -> bool {
        self.window_shortcut() && *self != Self::CommandPalette && !self.is_gesture()
    }

    /// True for what a view's widget makes with its value (a weight, a pick): carried out
    /// like any command, not listed in menus or the palette.
    pub fn is_gesture(&self) -> bool {
        matches!(
            self,
            Self::SetWeight(..)
                | Self::ApplyTargetGrowth(_)
                | Self::ShowTargetInChart(_)
                | Self::SetIndicator(_)
                | Self::SetChartKind(_)
                | Self::SetYears(_)
                | Self::SetMode(_)
                | Self::SetLogScale(_)
                | Self::SetLatest(_)
                | Self::SetRegion(..)
                | Self::Scenario(_)
        )
    }

    /// True when it can run in `state` (undo needs something to undo, …).
    pub fn enabled(&self, state: &CommandState) -> bool {
        match self {
            Self::Undo => state.can_undo,
            Self::Redo => state.can_redo,
            Self::SaveScenario | Self::SaveScenarioAs | Self::DuplicateScenario => state.has_active,
            _ => true,
        }
    }

    /// For the radio items (language, theme, view): whether it is the choice in force.
    pub fn checked(&self, state: &CommandState) -> Option<bool> {
        match self {
            Self::SetLanguage(lang) => Some(state.lang == *lang),
            Self::SetTheme(theme) => Some(state.theme == *theme),
            Self::CompareRows(rows) => Some(state.compare_rows == *rows),
            _ => None,
        }
    }

    /// Its menu item: a radio for a choice, else a button with its shortcut. A click pushes
    /// the command to `out` and closes the menu.
    pub fn menu_item_ui(&self, ui: &mut egui::Ui, state: &CommandState, out: &mut Vec<Command>) {
        let lang = state.lang;
        let response = match self.checked(state) {
            Some(checked) => ui.radio(checked, self.text(lang)),
            None => {
                let mut button = egui::Button::new(self.text(lang));
                if let Some(shortcut) = self.shortcut() {
                    button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
                }
                ui.add_enabled(self.enabled(state), button)
            }
        };
        if response.on_hover_text(self.tooltip(lang)).clicked() {
            out.push(self.clone());
            ui.close();
        }
    }

    /// A button for it outside the menus (short text, its tooltip); a click pushes it.
    pub fn button_ui(&self, ui: &mut egui::Ui, state: &CommandState, out: &mut Vec<Command>) {
        let lang = state.lang;
        let button = egui::Button::new(self.button_text(lang));
        if ui
            .add_enabled(self.enabled(state), button)
            .on_hover_text(self.tooltip(lang))
            .clicked()
        {
            out.push(self.clone());
        }
    }

    /// Its shortcuts as the platform writes them, joined by " / ".
    pub fn shortcut_text(&self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .iter()
            .map(|s| ctx.format_shortcut(s))
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

/// The commands whose shortcut was pressed this frame, consumed from `ctx`'s input. A text
/// field with the keyboard keeps every key but those of [`Command::works_while_typing`].
/// Shortcuts with more modifiers are tried first: consuming Ctrl+Z would also take
/// Ctrl+Shift+Z.
pub fn pressed_commands(ctx: &egui::Context) -> Vec<Command> {
    let typing = ctx.text_edit_focused();
    let mut keys: Vec<(KeyboardShortcut, Command)> = Command::all()
        .into_iter()
        .filter(|c| c.window_shortcut() && (!typing || c.works_while_typing()))
        .flat_map(|c| c.shortcuts().iter().map(move |s| (*s, c.clone())))
        .collect();
    // Duplicates (Open and Open scenario share Ctrl+O): the first in menu order wins.
    let mut seen = Vec::new();
    keys.retain(|(s, _)| {
        let new = !seen.contains(s);
        seen.push(*s);
        new
    });
    keys.sort_by_key(|(s, _)| std::cmp::Reverse(modifier_count(s.modifiers)));
    let mut out = Vec::new();
    for (shortcut, command) in keys {
        if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) && !out.contains(&command) {
            out.push(command);
        }
    }
    out
}

/// The shortcut list of Help ▸ Shortcuts: (what, keys) for every command that has one.
pub fn shortcut_list(ctx: &egui::Context, lang: Lang) -> Vec<(&'static str, String)> {
    let mut rows: Vec<(&'static str, String)> = Vec::new();
    for command in Command::all() {
        if command.shortcuts().is_empty() {
            continue;
        }
        // Open scenario repeats Open's Ctrl+O: listed once.
        if command == Command::OpenScenario {
            continue;
        }
        rows.push((command.text(lang), command.shortcut_text(ctx)));
    }
    rows
}

fn modifier_count(m: Modifiers) -> usize {
    [m.alt, m.shift, m.ctrl || m.command || m.mac_cmd]
        .into_iter()
        .filter(|&on| on)
        .count()
}

fn view_position(view: View) -> usize {
    View::ALL.iter().position(|&v| v == view).unwrap_or(0)
}

fn view_text(view: View) -> (&'static str, &'static str) {
    match view {
        View::Chart => ("图表", "Chart"),
        View::Table => ("数据表", "Table"),
        View::Compare => ("比较", "Compare"),
        View::Targets => ("目标", "Targets"),
        View::Rankings => ("排名", "Rankings"),
    }
}

fn view_tooltip(view: View) -> (&'static str, &'static str) {
    match view {
        View::Chart => ("所选指标与地区的图表", "The chart of the selection"),
        View::Table => ("观测值表格，可编辑", "The observations, editable"),
        View::Compare => (
            "基准与各情景并列比较",
            "The baseline and every scenario side by side",
        ),
        View::Targets => (
            "规划目标：所需增速、近年增速与进展",
            "Published targets: required and recent growth, status",
        ),
        View::Rankings => (
            "按指标排名与加权综合得分",
            "Rankings on an indicator and a weighted composite score",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_text_in_both_languages_and_a_tooltip() {
        for command in Command::all() {
            for lang in Lang::ALL {
                assert!(!command.text(lang).is_empty(), "{command:?}");
                assert!(!command.tooltip(lang).is_empty(), "{command:?}");
            }
        }
        assert_eq!(Command::NewScenario.text(Lang::Zh), "新建情景");
        assert_eq!(Command::NewScenario.button_text(Lang::En), "New");
        assert_eq!(
            Command::ShowView(View::Targets).palette_text(Lang::Zh),
            "视图：目标"
        );
        assert_eq!(Command::Open.palette_text(Lang::En), "File: Open…");
    }

    #[test]
    fn no_two_window_commands_share_a_shortcut_except_open() {
        let mut seen: Vec<(KeyboardShortcut, Command)> = Vec::new();
        for command in Command::all() {
            for &shortcut in command.shortcuts() {
                if let Some((_, other)) = seen.iter().find(|(s, _)| *s == shortcut) {
                    assert_eq!(
                        (other.clone(), command.clone()),
                        (Command::Open, Command::OpenScenario),
                        "{shortcut:?}"
                    );
                }
                seen.push((shortcut, command.clone()));
            }
        }
        assert_eq!(
            Command::ShowView(View::Rankings).shortcut(),
            Some(ctrl(Key::Num5))
        );
        assert_eq!(
            Command::CommandPalette.shortcuts(),
            &[ctrl_shift(Key::P), ctrl(Key::K)]
        );
    }

    #[test]
    fn undo_and_saving_need_something_to_act_on() {
        let idle = CommandState::default();
        assert!(!Command::Undo.enabled(&idle));
        assert!(!Command::SaveScenario.enabled(&idle));
        assert!(Command::NewScenario.enabled(&idle));
        let busy = CommandState {
            has_active: true,
            can_undo: true,
            ..idle
        };
        assert!(Command::Undo.enabled(&busy) && !Command::Redo.enabled(&busy));
        assert_eq!(
            Command::SetLanguage(Lang::Zh).checked(&idle),
            Some(true),
            "Chinese is the default"
        );
        assert_eq!(Command::SetLanguage(Lang::En).checked(&idle), Some(false));
    }
}
