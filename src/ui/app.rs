//! [`YardstickApp`]: the window. Menus, the side panel, the chart and table views, file
//! opening (dialog, typed path, drag-and-drop) and error display.

use std::path::{Path, PathBuf};

use crate::chart::export::ExportFormat;
use crate::chart::{ChartKind, ChartSpec, ScenarioLayer, Selection, ViewMode, build_chart_with};
use crate::io::load_dataset;
use crate::lang::Lang;
use crate::model::cell_value::parse_cell_value;
use crate::model::scenario::{Edit, Effective, Scenario};
use crate::model::{Dataset, IndicatorIdx, RegionIdx};
use crate::ui::export_dialog::{self, ExportDialog};
use crate::ui::file_prompt::{Dialogs, PathPrompt, PathPurpose, Picked};
use crate::ui::i18n::Text;
use crate::ui::scenario_doc::{ScenarioDoc, Scenarios};
use crate::ui::scenario_files::{PendingAction, Recovery};
use crate::ui::screenshot::ScreenshotJob;
use crate::ui::{chart_view, fonts, side_panel, table_view};

/// Undo the last change of the active scenario.
pub const UNDO: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Z);
/// Redo (also Ctrl+Shift+Z).
pub const REDO: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Y);
/// Redo, the other way.
pub const REDO_SHIFT: egui::KeyboardShortcut = egui::KeyboardShortcut::new(
    egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
    egui::Key::Z,
);
/// Save the active scenario.
pub const SAVE: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::S);
/// Save the active scenario under another name.
pub const SAVE_AS: egui::KeyboardShortcut = egui::KeyboardShortcut::new(
    egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
    egui::Key::S,
);
/// Open a dataset or scenario.
pub const OPEN: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::O);

/// Ctrl+1 … Ctrl+5: the views, in tab order.
pub const VIEW_KEYS: [(egui::Key, View); 5] = [
    (egui::Key::Num1, View::Chart),
    (egui::Key::Num2, View::Table),
    (egui::Key::Num3, View::Compare),
    (egui::Key::Num4, View::Targets),
    (egui::Key::Num5, View::Rankings),
];

/// Key of the persisted language in eframe's storage.
const LANG_KEY: &str = "yardstick.lang";

/// The central view shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum View {
    /// The chart of the selection.
    #[default]
    Chart,
    /// The table of observations.
    Table,
    /// The baseline and every open scenario side by side.
    Compare,
    /// Published targets: required against recent growth, status, required path.
    Targets,
    /// Regions ranked on an indicator, and a weighted composite score.
    Rankings,
}

/// What the user has picked to look at. Plain data; [`YardstickApp::selection`] turns it
/// into a chart [`Selection`].
#[derive(Clone, Debug, PartialEq)]
pub struct Picks {
    /// The indicator charted.
    pub indicator: IndicatorIdx,
    /// One flag per region of the dataset: shown or not.
    pub regions: Vec<bool>,
    /// First and last year shown; `None` means automatic: for bars the year most picked
    /// regions report, for lines every year with data.
    pub years: Option<(i32, i32)>,
    /// Bar or line.
    pub kind: ChartKind,
    /// Absolute, index, change or share of target.
    pub mode: ViewMode,
    /// Logarithmic value axis.
    pub log_scale: bool,
}

impl Picks {
    /// Everything shown, the first indicator, the latest year.
    pub fn all(dataset: &Dataset) -> Self {
        Self {
            indicator: IndicatorIdx(0),
            regions: vec![true; dataset.regions().len()],
            years: None,
            kind: ChartKind::Bar,
            mode: ViewMode::Absolute,
            log_scale: false,
        }
    }

    /// The same picks (by id) carried over to another dataset, where the ids exist.
    pub fn carried_to(&self, old: &Dataset, new: &Dataset) -> Self {
        let mut picks = Self::all(new);
        if let Some(idx) = new.indicator_by_id(&old.indicator(self.indicator).id) {
            picks.indicator = idx;
        }
        for (i, region) in new.regions().iter().enumerate() {
            if let Some(old_idx) = old.region_by_id(&region.id) {
                picks.regions[i] = self
                    .regions
                    .get(old_idx.0 as usize)
                    .copied()
                    .unwrap_or(true);
            }
        }
        picks.kind = self.kind;
        picks.mode = self.mode;
        picks.log_scale = self.log_scale;
        picks
    }
}

/// What a cached chart was built from: the selection, the language and the active scenario
/// (its index and revision).
type ChartKey = (Selection, Lang, Option<(usize, u64)>);

/// The application state.
pub struct YardstickApp {
    /// The data open now.
    pub dataset: Dataset,
    /// Where it came from; `None` for the bundled dataset.
    pub dataset_path: Option<PathBuf>,
    /// UI and data language.
    pub lang: Lang,
    /// Central view.
    pub view: View,
    /// What is picked in the side panel.
    pub picks: Picks,
    /// The last error, shown until dismissed.
    pub error: Option<String>,
    /// Table: only rows of the picked indicator.
    pub table_only_indicator: bool,
    /// The typed-path window (open, save as) while it is open.
    pub path_prompt: Option<PathPrompt>,
    /// Whether the system file dialog can open here (learnt on the first try).
    pub dialogs: Dialogs,
    /// The export window, while it is open.
    pub export: Option<ExportDialog>,
    /// The scenarios open, and the active one.
    pub scenarios: Scenarios,
    /// An action waiting for the answer to "save unsaved changes?".
    pub pending: Option<PendingAction>,
    /// Recovery copies of unsaved scenarios.
    pub recovery: Recovery,
    /// Set once the user agreed to close the window despite unsaved changes.
    pub allow_close: bool,
    /// The table view's state: layout, selection, cell being edited, sort and filter.
    pub table: crate::ui::table_view::TableState,
    /// The targets view's state (the selected target).
    pub targets: crate::ui::targets_view::TargetsState,
    /// The rankings view's state (years picked).
    pub rankings: crate::ui::rankings_view::RankingsState,
    /// The composite score's indicators and weights (not saved in scenario files).
    pub composite_weights: Vec<(IndicatorIdx, f64)>,
    /// Theme, toasts, the Help windows.
    pub polish: crate::ui::polish::Polish,
    chart_cache: Option<(ChartKey, ChartSpec)>,
    screenshot: Option<ScreenshotJob>,
    shown_title: String,
    /// The view shown in the last frame (opening the table gives it the keyboard).
    shown_view: Option<View>,
    /// The widget that had the keyboard in the last frame (the side panel follows it).
    last_focus: Option<egui::Id>,
    /// Bottom of the menu bar: windows stay below it.
    menu_bottom: f32,
    /// The language given explicitly at start (`YARDSTICK_LANG`, `--lang`): it wins for this
    /// run and is not remembered as the user's choice.
    pub lang_forced: Option<Lang>,
}

impl YardstickApp {
    /// An app showing `dataset` (from `path`, or bundled if `None`).
    pub fn new(dataset: Dataset, dataset_path: Option<PathBuf>) -> Self {
        let picks = side_panel::default_picks(&dataset);
        Self {
            dataset,
            dataset_path,
            lang: Lang::Zh,
            view: View::Chart,
            picks,
            error: None,
            table_only_indicator: true,
            path_prompt: None,
            dialogs: Dialogs::default(),
            export: None,
            scenarios: Scenarios::default(),
            pending: None,
            recovery: Recovery::default(),
            allow_close: false,
            table: Default::default(),
            targets: Default::default(),
            rankings: Default::default(),
            composite_weights: Vec::new(),
            polish: Default::default(),
            chart_cache: None,
            screenshot: None,
            shown_title: String::new(),
            shown_view: None,
            last_focus: None,
            menu_bottom: 0.0,
            lang_forced: None,
        }
    }

    /// Sets up fonts and restores persisted settings from eframe's storage (the language:
    /// remembered, else the system locale; [`crate::ui::build_app`] lets an explicit choice
    /// win over both).
    pub fn with_creation_context(mut self, cc: &eframe::CreationContext<'_>) -> Self {
        fonts::install_fonts(&cc.egui_ctx);
        if let Some(lang) = cc
            .storage
            .and_then(|s| eframe::get_value::<Lang>(s, LANG_KEY))
        {
            self.lang = lang;
        } else if cc.storage.is_some() {
            // First start of the real window (tests have no storage: they stay Chinese).
            let locale = crate::ui::polish::system_locale();
            self.lang = crate::ui::polish::lang_from_locale(locale.as_deref());
        }
        self.polish.restore(cc);
        self
    }

    /// Makes the app save a screenshot to `job`'s file once rendered, then close.
    pub fn with_screenshot(mut self, job: ScreenshotJob) -> Self {
        self.screenshot = Some(job);
        self
    }

    /// Loads a dataset file; on failure keeps the data open now and records the error.
    pub fn open_path(&mut self, path: &Path) -> bool {
        match load_dataset(path) {
            Ok(dataset) => {
                self.replace_dataset(dataset, Some(path.to_path_buf()));
                true
            }
            Err(err) => {
                self.error = Some(format!("{}\n{err}", Text::OpenFailed.get(self.lang)));
                false
            }
        }
    }

    /// Replaces the data, keeping picks whose ids still exist.
    pub fn replace_dataset(&mut self, dataset: Dataset, path: Option<PathBuf>) {
        self.picks = self.picks.carried_to(&self.dataset, &dataset);
        self.composite_weights = crate::ui::rankings_view::carried_weights(
            &self.composite_weights,
            &self.dataset,
            &dataset,
        );
        self.targets = Default::default();
        self.dataset = dataset;
        self.dataset_path = path;
        self.error = None;
        self.chart_cache = None;
        self.scenarios.invalidate_all();
    }

    /// The regions checked in the side panel, in dataset order.
    pub fn picked_regions(&self) -> Vec<RegionIdx> {
        self.dataset
            .region_indices()
            .filter(|r| {
                self.picks
                    .regions
                    .get(r.0 as usize)
                    .copied()
                    .unwrap_or(false)
            })
            .collect()
    }

    /// The chart selection for the current picks; `None` when no region is picked.
    pub fn selection(&self) -> Option<Selection> {
        let regions = self.picked_regions();
        if regions.is_empty() {
            return None;
        }
        let years = match self.picks.years {
            Some(years) => years,
            None => self.auto_years(&regions)?,
        };
        Some(Selection {
            indicator: self.picks.indicator,
            regions,
            years,
            kind: self.picks.kind,
            mode: self.picks.mode,
            log_scale: self.picks.log_scale,
        })
    }

    /// The automatic year span for the current chart kind.
    pub fn auto_years(&self, regions: &[crate::model::RegionIdx]) -> Option<(i32, i32)> {
        crate::chart::auto_years(
            &self.dataset,
            self.picks.indicator,
            regions,
            self.picks.kind,
        )
    }

    /// The chart for the current picks (with the active scenario beside the baseline),
    /// rebuilt only when the selection, the language or the scenario changed.
    pub fn chart_spec(&mut self) -> Option<&ChartSpec> {
        let selection = self.selection()?;
        let scenario_key = self
            .scenarios
            .active
            .zip(self.scenarios.active().map(ScenarioDoc::revision));
        let key = (selection, self.lang, scenario_key);
        let fresh = matches!(&self.chart_cache, Some((k, _)) if *k == key);
        if !fresh {
            let dataset = &self.dataset;
            let spec = match self.scenarios.active_mut() {
                Some(doc) => {
                    let name = doc.scenario.name.clone();
                    let applied = doc.applied(dataset);
                    let layer = ScenarioLayer {
                        name: &name,
                        applied,
                    };
                    build_chart_with(dataset, Some(layer), &key.0, self.lang)
                }
                None => build_chart_with(dataset, None, &key.0, self.lang),
            };
            self.chart_cache = Some((key, spec));
        }
        self.chart_cache.as_ref().map(|(_, spec)| spec)
    }

    /// The active scenario, made (named "情景 1" / "Scenario 1") if there is none yet.
    pub fn active_doc(&mut self) -> &mut ScenarioDoc {
        if self.scenarios.active().is_none() {
            let name = self
                .scenarios
                .unused_name(self.lang.pick("情景 1", "Scenario 1"));
            let dataset = self.dataset_reference();
            self.scenarios
                .add(ScenarioDoc::new(Scenario::new(name, dataset)));
        }
        let index = self.scenarios.active.unwrap_or(0);
        &mut self.scenarios.docs[index]
    }

    /// How a new scenario refers to the open dataset: its path, or the bundled file's name.
    pub fn dataset_reference(&self) -> String {
        self.dataset_path.as_ref().map_or_else(
            || crate::BUNDLED_NAME.to_owned(),
            |p| {
                std::fs::canonicalize(p)
                    .unwrap_or_else(|_| p.clone())
                    .display()
                    .to_string()
            },
        )
    }

    /// The value of a cell as the active scenario makes it (the baseline when there is none).
    pub fn effective_value(
        &mut self,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
    ) -> Option<Effective> {
        let dataset = &self.dataset;
        match self.scenarios.active_mut() {
            Some(doc) => doc
                .applied(dataset)
                .measured(dataset, region, indicator, year),
            None => {
                crate::model::scenario::Applied::none().measured(dataset, region, indicator, year)
            }
        }
    }

    /// Commits text typed into a table cell as an edit of the active scenario (one undo
    /// step). Blank text removes the value. On bad input nothing changes and the message
    /// (in the UI language) says why.
    pub fn commit_cell(
        &mut self,
        region: RegionIdx,
        indicator: IndicatorIdx,
        year: i32,
        text: &str,
    ) -> Result<(), String> {
        let ind = self.dataset.indicator(indicator);
        let value = parse_cell_value(text, ind).map_err(|e| e.message(ind, self.lang))?;
        let edit = Edit::recorded(&self.dataset, region, indicator, year, value);
        self.apply_edits(vec![edit]);
        Ok(())
    }

    /// Sets several edits on the active scenario as one undo step (a paste). An edit that
    /// gives a cell back its baseline value removes the cell's edit instead.
    pub fn apply_edits(&mut self, edits: Vec<Edit>) {
        if edits.is_empty() {
            return;
        }
        self.active_doc().change(|scenario| {
            for edit in edits {
                // Also a removal of a value the baseline does not have (clearing a year
                // that only the scenario filled): the edit goes, nothing is recorded.
                let back_to_baseline = edit.value == edit.was;
                if back_to_baseline {
                    scenario.remove_edit(&edit.region, &edit.indicator, edit.year);
                } else {
                    scenario.set_edit(edit);
                }
            }
        });
    }

    /// Closes the window, asking first when scenarios have unsaved changes.
    pub fn request_quit(&mut self, ctx: &egui::Context) {
        if self.scenarios.any_dirty() && !self.allow_close {
            self.pending = Some(PendingAction::Quit);
        } else {
            self.allow_close = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Keyboard shortcuts of the window. Ctrl+1 … Ctrl+5 always work; the others not while a
    /// text field has the keyboard (it has its own undo, and Ctrl+S there would be a surprise).
    fn shortcuts(&mut self, ctx: &egui::Context) {
        let pressed =
            |shortcut: &egui::KeyboardShortcut| ctx.input_mut(|i| i.consume_shortcut(shortcut));
        for (key, view) in VIEW_KEYS {
            if pressed(&egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, key)) {
                self.show_view(view);
            }
        }
        if ctx.text_edit_focused() {
            return;
        }
        // The shift variants first: consuming Ctrl+Z would also match Ctrl+Shift+Z.
        if pressed(&REDO_SHIFT) || pressed(&REDO) {
            self.redo();
        } else if pressed(&UNDO) {
            self.undo();
        }
        if pressed(&SAVE_AS) {
            self.save_active_scenario(true);
        } else if pressed(&SAVE) {
            self.save_active_scenario(false);
        }
        if pressed(&OPEN) {
            self.open_with_dialog();
        }
    }

    /// Shows `view`; the table gets the keyboard, with a cell selected.
    pub fn show_view(&mut self, view: View) {
        self.view = view;
    }

    /// Takes back the active scenario's last change; false when there is none. A report of
    /// what the change did ("已粘贴 4 个单元格") goes with it.
    pub fn undo(&mut self) -> bool {
        let done = self.scenarios.active_mut().is_some_and(ScenarioDoc::undo);
        if done {
            self.table.message = None;
        }
        done
    }

    /// Makes the active scenario's last undone change again; false when there is none.
    pub fn redo(&mut self) -> bool {
        let done = self.scenarios.active_mut().is_some_and(ScenarioDoc::redo);
        if done {
            self.table.message = None;
        }
        done
    }

    /// Window title: the active scenario (`* ` first while it has unsaved changes) and its
    /// file, the dataset and its file.
    pub fn window_title(&self) -> String {
        let file = self
            .dataset_path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || "chongqing.ron".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
        let scenario = self.scenarios.active().map_or_else(String::new, |doc| {
            let marker = if doc.is_dirty() { "* " } else { "" };
            let file = doc
                .path
                .as_ref()
                .and_then(|p| p.file_name())
                .map_or_else(String::new, |n| format!(" ({})", n.to_string_lossy()));
            format!("{marker}{}{file} — ", doc.scenario.name)
        });
        format!(
            "{scenario}Yardstick — {} — {file}",
            self.dataset.display_title(self.lang)
        )
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(Text::File.get(lang), |ui| {
                if ui.button(Text::Open.get(lang)).clicked() {
                    ui.close();
                    self.open_with_dialog();
                }
                if ui.button(Text::OpenPath.get(lang)).clicked() {
                    ui.close();
                    self.open_path_prompt();
                }
                if ui.button(Text::OpenBundled.get(lang)).clicked() {
                    ui.close();
                    match crate::bundled_dataset() {
                        Ok(dataset) => self.replace_dataset(dataset, None),
                        Err(err) => self.error = Some(err.to_string()),
                    }
                }
                ui.separator();
                if ui.button(Text::ExportChart.get(lang)).clicked() {
                    ui.close();
                    self.open_export(ExportFormat::Svg);
                }
                if ui.button(Text::ExportData.get(lang)).clicked() {
                    ui.close();
                    self.open_export(ExportFormat::Csv);
                }
                ui.separator();
                if ui.button(Text::Quit.get(lang)).clicked() {
                    ui.close();
                    self.request_quit(ui.ctx());
                }
            });
            ui.menu_button(lang.pick("编辑", "Edit"), |ui| {
                let (can_undo, can_redo) = self
                    .scenarios
                    .active()
                    .map_or((false, false), |d| (d.can_undo(), d.can_redo()));
                let undo = egui::Button::new(lang.pick("撤销", "Undo"))
                    .shortcut_text(ui.ctx().format_shortcut(&UNDO));
                if ui.add_enabled(can_undo, undo).clicked() {
                    ui.close();
                    self.undo();
                }
                let redo = egui::Button::new(lang.pick("重做", "Redo"))
                    .shortcut_text(ui.ctx().format_shortcut(&REDO));
                if ui.add_enabled(can_redo, redo).clicked() {
                    ui.close();
                    self.redo();
                }
            });
            ui.menu_button(lang.pick("情景", "Scenario"), |ui| {
                if ui.button(lang.pick("新建情景", "New scenario")).clicked() {
                    ui.close();
                    let name = self
                        .scenarios
                        .unused_name(lang.pick("情景 1", "Scenario 1"));
                    let dataset = self.dataset_reference();
                    self.scenarios
                        .add(ScenarioDoc::new(crate::model::scenario::Scenario::new(
                            name, dataset,
                        )));
                }
                if ui
                    .button(lang.pick("打开情景…", "Open scenario…"))
                    .clicked()
                {
                    ui.close();
                    self.open_with_dialog();
                }
                let has_active = self.scenarios.active().is_some();
                let save = egui::Button::new(lang.pick("保存情景", "Save scenario"))
                    .shortcut_text(ui.ctx().format_shortcut(&SAVE));
                if ui.add_enabled(has_active, save).clicked() {
                    ui.close();
                    self.save_active_scenario(false);
                }
                let save_as = egui::Button::new(lang.pick("情景另存为…", "Save scenario as…"))
                    .shortcut_text(ui.ctx().format_shortcut(&SAVE_AS));
                if ui.add_enabled(has_active, save_as).clicked() {
                    ui.close();
                    self.save_active_scenario(true);
                }
            });
            crate::ui::polish::view_menu(ui, self);
            ui.menu_button(Text::Language.get(lang), |ui| {
                for choice in Lang::ALL {
                    if ui
                        .radio(self.lang == choice, choice.native_name())
                        .clicked()
                    {
                        self.lang = choice;
                        ui.close();
                    }
                }
            });
            crate::ui::polish::help_menu(ui, self);
        });
    }

    /// Opens the export window for `format`, its path in the scenario's folder, else the
    /// user's documents folder.
    pub fn open_export(&mut self, format: ExportFormat) {
        let spec = self.chart_spec().cloned();
        let folder = self.default_folder();
        self.export = Some(ExportDialog::new(format, spec.as_ref()).in_folder(&folder));
    }

    /// Where a new file goes by default: the active scenario's folder, else the user's
    /// documents folder, else the home folder.
    pub fn default_folder(&self) -> PathBuf {
        let near = self.scenarios.active().and_then(|d| d.path.clone());
        crate::ui::file_prompt::default_folder(near.as_deref())
    }

    fn export_window(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.export.take() else {
            return;
        };
        let lang = self.lang;
        let spec = self.chart_spec().cloned();
        let area = self.window_area(ctx);
        let keep = export_dialog::show(
            ctx,
            &mut dialog,
            spec.as_ref(),
            lang,
            area,
            &mut self.dialogs,
        );
        match dialog.take_outcome() {
            Some(Ok(message)) => self
                .polish
                .toasts
                .push(crate::ui::polish::ToastKind::Success, message),
            Some(Err(message)) => self
                .polish
                .toasts
                .push(crate::ui::polish::ToastKind::Error, message),
            None => {}
        }
        if keep {
            self.export = Some(dialog);
        }
    }

    /// Where windows may go: the screen below the menu bar.
    pub fn window_area(&self, ctx: &egui::Context) -> egui::Rect {
        let mut area = ctx.content_rect();
        area.min.y = area.min.y.max(self.menu_bottom);
        area
    }

    /// Opens the typed-path window to open a file, pre-filled with the data's folder.
    pub fn open_path_prompt(&mut self) {
        let near = self
            .scenarios
            .active()
            .and_then(|d| d.path.clone())
            .or_else(|| self.dataset_path.clone());
        let folder = crate::ui::file_prompt::default_folder(near.as_deref());
        let mut text = folder.display().to_string();
        if !text.ends_with(std::path::MAIN_SEPARATOR) {
            text.push(std::path::MAIN_SEPARATOR);
        }
        self.path_prompt = Some(PathPrompt::new(PathPurpose::Open, text));
    }

    /// File ▸ Open…: the system dialog, else (no dialog can open) the typed-path window.
    pub fn open_with_dialog(&mut self) {
        let title = Text::Open.get(self.lang);
        let picked = self.dialogs.pick(|| {
            rfd::FileDialog::new()
                .add_filter("Yardstick RON", &["ron"])
                .set_title(title)
                .pick_file()
        });
        match picked {
            Picked::Path(path) => {
                self.open_any(&path);
            }
            Picked::Cancelled => {}
            Picked::Unavailable => self.open_path_prompt(),
        }
    }

    fn path_window(&mut self, ctx: &egui::Context) {
        let Some(mut prompt) = self.path_prompt.take() else {
            return;
        };
        let lang = self.lang;
        let mut keep_open = true;
        let mut go = false;
        let area = self.window_area(ctx);
        let hint = match prompt.purpose {
            PathPurpose::Open => Text::PathHint.get(lang),
            PathPurpose::SaveScenario(_) => {
                lang.pick("情景文件路径（.ron）", "Scenario file (.ron)")
            }
        };
        let action = match prompt.purpose {
            PathPurpose::Open => Text::Open.get(lang).trim_end_matches('…'),
            PathPurpose::SaveScenario(_) => lang.pick("保存", "Save"),
        };
        egui::Window::new(prompt.title(lang))
            .id(egui::Id::unique("yardstick-path-window"))
            .collapsible(false)
            .resizable(false)
            .constrain_to(area)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                let response = ui.add(
                    egui::TextEdit::singleline(&mut prompt.text)
                        .hint_text(hint)
                        .desired_width(420.0),
                );
                if std::mem::take(&mut prompt.focus) {
                    response.request_focus();
                }
                if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    go = true;
                }
                if prompt.purpose == PathPurpose::Open {
                    ui.label(Text::DropHint.get(lang));
                }
                if let Some(error) = &prompt.error {
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(error)
                                .monospace()
                                .color(ui.visuals().error_fg_color),
                        )
                        .wrap(),
                    );
                }
                ui.horizontal(|ui| {
                    go |= ui.button(action).clicked();
                    if ui.button(Text::Cancel.get(lang)).clicked() {
                        keep_open = false;
                    }
                });
            });
        let text = prompt.text.trim().to_owned();
        if go && !text.is_empty() {
            let path = PathBuf::from(&text);
            match prompt.purpose.clone() {
                PathPurpose::Open => {
                    if self.open_any(&path) || self.pending.is_some() {
                        keep_open = false;
                    } else {
                        // The message shows in the window; the banner keeps it after.
                        prompt.error = self.error.clone();
                    }
                }
                PathPurpose::SaveScenario(after) => match self.save_scenario_to(&path) {
                    Ok(()) => {
                        keep_open = false;
                        if let Some(action) = after {
                            self.resume(action, ctx);
                        }
                    }
                    Err(message) => {
                        self.polish
                            .toasts
                            .push(crate::ui::polish::ToastKind::Error, message.clone());
                        prompt.error = Some(message);
                    }
                },
            }
        }
        if keep_open {
            self.path_prompt = Some(prompt);
        }
    }

    /// Carries on with an action that waited for a scenario to be saved: asks again if other
    /// scenarios still have unsaved changes.
    fn resume(&mut self, action: PendingAction, ctx: &egui::Context) {
        match action {
            PendingAction::Quit => self.request_quit(ctx),
            PendingAction::Open(path) => {
                self.open_any(&path);
            }
            other => self.perform(other, Some(ctx)),
        }
    }

    /// Makes the side panel's scroll area follow the keyboard: when Tab moved the focus to a
    /// widget of the panel that is scrolled out of view, the panel scrolls to it.
    fn follow_focus(&mut self, ui: &egui::Ui) {
        let focused = ui.memory(|m| m.focused());
        let moved = focused.is_some() && focused != self.last_focus;
        self.last_focus = focused;
        let Some(id) = focused.filter(|_| moved) else {
            return;
        };
        let Some(response) = ui.ctx().read_response(id) else {
            return;
        };
        let panel = ui.max_rect();
        let rect = response.rect;
        if rect.center().x < panel.left() || rect.center().x > panel.right() {
            return;
        }
        let margin = 8.0;
        let shift = if rect.top() < panel.top() + margin {
            rect.top() - panel.top() - margin
        } else if rect.bottom() > panel.bottom() - margin {
            rect.bottom() - panel.bottom() + margin
        } else {
            return;
        };
        // Taken by the panel's scroll area, the first to end in this frame (side_panel::show
        // puts everything in one).
        ui.scroll_with_delta_animation(
            egui::vec2(0.0, -shift),
            egui::style::ScrollAnimation::none(),
        );
    }

    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.last() {
            self.open_any(path);
        }
    }

    fn error_banner(&mut self, ui: &mut egui::Ui) {
        let Some(message) = self.error.clone() else {
            return;
        };
        egui::Frame::new()
            .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
            .stroke(egui::Stroke::new(1.0, ui.visuals().error_fg_color))
            .inner_margin(8)
            .show(ui, |ui| {
                // The button first: a long message wraps below it instead of pushing it away.
                if ui.button(Text::Dismiss.get(self.lang)).clicked() {
                    self.error = None;
                }
                ui.add(egui::Label::new(egui::RichText::new(&message).monospace()).wrap());
            });
        ui.add_space(4.0);
    }

    fn central(&mut self, ui: &mut egui::Ui) {
        self.error_banner(ui);
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.view, View::Chart, Text::Chart.get(self.lang));
            ui.selectable_value(&mut self.view, View::Table, Text::Table.get(self.lang));
            ui.selectable_value(
                &mut self.view,
                View::Compare,
                self.lang.pick("比较", "Compare"),
            );
            ui.selectable_value(&mut self.view, View::Targets, Text::Targets.get(self.lang))
                .on_hover_text(self.lang.pick(
                    "规划目标：所需增速、近年增速与进展",
                    "Published targets: required and recent growth, status",
                ));
            ui.selectable_value(
                &mut self.view,
                View::Rankings,
                Text::Rankings.get(self.lang),
            )
            .on_hover_text(self.lang.pick(
                "按指标排名与加权综合得分",
                "Rankings on an indicator and a weighted composite score",
            ));
        });
        ui.separator();
        if self.shown_view != Some(self.view) {
            if self.view == View::Table {
                // Opening the table (Ctrl+2, the tab, a start in it) gives it the keyboard.
                self.table.request_focus();
            }
            self.shown_view = Some(self.view);
        }
        match self.view {
            View::Chart => {
                let lang = self.lang;
                match self.chart_spec() {
                    Some(spec) => {
                        let spec = spec.clone();
                        chart_view::show(ui, &spec);
                    }
                    None => {
                        ui.label(Text::NothingSelected.get(lang));
                    }
                }
            }
            View::Table => table_view::show(ui, self),
            View::Compare => crate::ui::compare_view::show(ui, self),
            View::Targets => crate::ui::targets_view::show(ui, self),
            View::Rankings => crate::ui::rankings_view::show(ui, self),
        }
    }
}

impl eframe::App for YardstickApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.take_dropped_files(ctx);
        self.shortcuts(ctx);
        if ctx.input(|i| i.viewport().close_requested())
            && self.scenarios.any_dirty()
            && !self.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(PendingAction::Quit);
        }
        self.autosave_recovery(std::time::Instant::now());
        if self.scenarios.any_dirty() && self.recovery.dir.is_some() {
            ctx.request_repaint_after(crate::ui::scenario_files::RECOVERY_INTERVAL);
        }
        if let Some(job) = &mut self.screenshot {
            job.step(ctx);
        }
        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let menu = egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        self.menu_bottom = menu.response.rect.bottom();
        egui::Panel::left("picks")
            .resizable(true)
            .default_size(240.0)
            .show(ui, |ui| {
                self.follow_focus(ui);
                side_panel::show(ui, self);
            });
        egui::Panel::right("scenarios")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| crate::ui::scenario_panel::show(ui, self));
        egui::CentralPanel::default_margins().show(ui, |ui| self.central(ui));
        let ctx = ui.ctx().clone();
        self.path_window(&ctx);
        self.export_window(&ctx);
        self.pending_window(&ctx);
        self.recovery_window(&ctx);
        crate::ui::polish::show(&ctx, self);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.lang_forced != Some(self.lang) {
            eframe::set_value(storage, LANG_KEY, &self.lang);
        }
        eframe::set_value(storage, crate::ui::polish::THEME_KEY, &self.polish.theme);
    }
}
