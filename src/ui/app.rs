//! [`YardstickApp`]: the window. Menus, the side panel, the chart and table views, file
//! opening (dialog, typed path, drag-and-drop) and error display.

use std::path::{Path, PathBuf};

use crate::chart::export::ExportFormat;
use crate::chart::{ChartKind, ViewMode};
use crate::chart::{ChartSpec, Selection};
use crate::io::{LoadError, load_dataset};
use crate::lang::Lang;
use crate::model::analysis::track_target_with;
use crate::model::cell_value::parse_cell_value;
use crate::model::document::{ScenarioDoc, Scenarios};
use crate::model::scenario::GrowthRule;
use crate::model::scenario::{Edit, Effective, Scenario};
use crate::model::target_rows::TargetKey;
use crate::model::{Dataset, IndicatorIdx, ObservationKind, RegionIdx};
use crate::ui::command::{Command, CommandState, Menu, ScenarioChange};
use crate::ui::derived::{Derived, Inputs};
use crate::ui::dialogs::export::ExportDialog;
use crate::ui::file_prompt::{Dialogs, PathPrompt, PathPurpose, Picked};
use crate::ui::fonts;
use crate::ui::i18n::Text;
use crate::ui::loading::{Loading, Outcome};
use crate::ui::notify::{Notifier, Problem};
use crate::ui::palette::CommandPalette;
use crate::ui::recovery::Recovery;
use crate::ui::screenshot::ScreenshotJob;
use crate::ui::state::PendingAction;
use crate::ui::state::{AppState, REMEMBERED_KEY, Remembered};
pub use crate::ui::state::{Picks, View};
use crate::ui::views::Cx;
use crate::ui::views::chart::ChartView;
use crate::ui::views::compare::CompareView;
use crate::ui::views::rankings::RankingsView;
use crate::ui::views::side::SidePanel;

/// Key of the persisted language in eframe's storage.
const LANG_KEY: &str = "yardstick.lang";

/// The views' own state between frames (what is not the document nor persisted).
#[derive(Debug)]
pub struct ViewStates {
    /// The table view's state: layout, selection, cell being edited, sort and filter.
    pub table: crate::ui::views::table::TableState,
    /// The targets view's state (the selected target).
    pub targets: crate::ui::views::targets::TargetsState,
    /// The rankings view's state (years picked).
    pub rankings: RankingsView,
    /// The command palette (Ctrl+Shift+P, Ctrl+K).
    pub palette: CommandPalette,
    /// The side panel (picks).
    pub side: SidePanel,
    /// The chart view.
    pub chart: ChartView,
    /// The compare view.
    pub compare: CompareView,
    /// The scenario panel (right side).
    pub scenarios: crate::ui::views::scenarios::ScenarioPanel,
}

impl Default for ViewStates {
    fn default() -> Self {
        Self {
            table: Default::default(),
            targets: Default::default(),
            rankings: Default::default(),
            palette: CommandPalette::default(),
            side: SidePanel::default(),
            chart: ChartView,
            compare: CompareView,
            scenarios: Default::default(),
        }
    }
}

/// The windows that ask for a file or an answer, and what they wait on.
#[derive(Debug, Default)]
pub struct DialogState {
    /// The typed-path window (open, save as) while it is open.
    pub path_prompt: Option<PathPrompt>,
    /// Whether the system file dialog can open here (learnt on the first try).
    pub system: Dialogs,
    /// The export window, while it is open.
    pub export: Option<ExportDialog>,
    /// The import window, while it is open.
    pub import: Option<crate::ui::dialogs::import::ImportDialog>,
    /// An imported table waiting for the answer to "save unsaved changes?" before it opens
    /// as the dataset: the data and the table it came from.
    pub imported: Option<(Dataset, PathBuf)>,
    /// A dataset loaded on the worker thread waiting for the answer to "save unsaved
    /// changes?" (scenarios were changed while it loaded): the data and its file.
    pub loaded: Option<(Dataset, PathBuf)>,
    /// An action waiting for the answer to "save unsaved changes?".
    pub pending: Option<PendingAction>,
    /// Set once the user agreed to close the window despite unsaved changes.
    pub allow_close: bool,
}

/// What the window tracks from one frame to the next.
#[derive(Default)]
pub struct FrameState {
    screenshot: Option<ScreenshotJob>,
    shown_title: String,
    /// The view shown in the last frame (opening the table gives it the keyboard).
    shown_view: Option<View>,
    /// Bottom of the menu bar: windows stay below it.
    menu_bottom: f32,
    /// Window commands (close) made by [`YardstickApp::run`], sent at the end of the frame.
    viewport_out: Vec<egui::ViewportCommand>,
}

/// The application: the document and picks, what is derived from them, the views' and the
/// dialogs' state, and the frame bookkeeping.
pub struct YardstickApp {
    /// The document (dataset, scenarios), the picks, language and view.
    pub state: AppState,
    /// What frames read that is computed from the data, cached by revision and picks.
    pub derived: Derived,
    /// The views' transient state.
    pub views: ViewStates,
    /// The file and question windows.
    pub dialogs: DialogState,
    /// Recovery copies of unsaved scenarios.
    pub recovery: Recovery,
    /// The error banner and the toasts: how failures and successes reach the user.
    pub notify: Notifier,
    /// Theme and the Help windows.
    pub polish: crate::ui::polish::Polish,
    /// A big dataset file loading on a worker thread, while the data open now stays in use.
    pub loading: Option<Loading>,
    frame: FrameState,
}

impl YardstickApp {
    /// An app showing `dataset` (from `path`, or bundled if `None`).
    pub fn new(dataset: Dataset, dataset_path: Option<PathBuf>) -> Self {
        let picks = crate::ui::views::side::default_picks(&dataset);
        Self {
            state: AppState {
                dataset,
                dataset_path,
                dataset_rev: 0,
                dataset_unsaved: false,
                dataset_from_table: None,
                dataset_tables: Vec::new(),
                dataset_history: Default::default(),
                scenarios: Scenarios::default(),
                picks,
                lang: Lang::Zh,
                lang_forced: None,
                view: View::Chart,
                composite_weights: Vec::new(),
                remembered: Remembered::default(),
            },
            derived: Derived::default(),
            views: ViewStates::default(),
            dialogs: DialogState::default(),
            recovery: Recovery::default(),
            notify: Notifier::default(),
            polish: Default::default(),
            loading: None,
            frame: FrameState::default(),
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
            self.state.lang = lang;
        } else if cc.storage.is_some() {
            // First start of the real window (tests have no storage: they stay Chinese).
            let locale = crate::ui::polish::system_locale();
            self.state.lang = crate::ui::polish::lang_from_locale(locale.as_deref());
        }
        self.polish.restore(cc);
        if let Some(storage) = cc.storage {
            self.restore(storage);
        }
        self
    }

    /// Restores what [`eframe::App::save`] remembered: the view, the picks (when the same
    /// dataset is open) and the recent files.
    pub fn restore(&mut self, storage: &dyn eframe::Storage) {
        let Some(remembered) = eframe::get_value::<Remembered>(storage, REMEMBERED_KEY) else {
            return;
        };
        self.state.view = remembered.view;
        if remembered.dataset == self.state.dataset_path
            && let Some(picks) = &remembered.picks
        {
            self.restore_view(picks);
        }
        self.state.remembered = remembered;
    }

    /// What [`eframe::App::save`] stores now.
    pub fn remembered_now(&self) -> Remembered {
        Remembered {
            view: self.state.view,
            dataset: self.state.dataset_path.clone(),
            picks: Some(self.capture_view()),
            recent_files: self.state.remembered.recent_files.clone(),
            compare_all_rows: self.state.remembered.compare_all_rows,
        }
    }

    /// The error banner's message in the window's language, if one is up.
    pub fn error(&self) -> Option<String> {
        self.notify.banner_message(self.state.lang)
    }

    /// Makes the app save a screenshot to `job`'s file once rendered, then close.
    pub fn with_screenshot(mut self, job: ScreenshotJob) -> Self {
        self.frame.screenshot = Some(job);
        self
    }

    /// Loads a dataset file; on failure keeps the data open now and records the error. A
    /// file over [`crate::ui::loading::background_threshold`] loads on a worker thread
    /// ([`Self::loading`]; true = started) and ends in [`Self::finish_open`] once loaded.
    pub fn open_path(&mut self, path: &Path) -> bool {
        if crate::ui::loading::loads_in_background(path) {
            // No thread to be had: the file loads here, as a small one does.
            if let Ok(loading) = Loading::start(path) {
                // Replaces (and so cancels) a load still running: the newest open wins.
                self.loading = Some(loading);
                return true;
            }
        }
        self.finish_open(path, load_dataset(path))
    }

    /// Shows a loaded dataset file, or says why it could not be loaded (the data open now
    /// stays); true when it opened.
    pub fn finish_open(&mut self, path: &Path, loaded: Result<Dataset, LoadError>) -> bool {
        match loaded {
            Ok(dataset) => {
                self.replace_dataset(dataset, Some(path.to_path_buf()));
                self.state.remembered.note_file(path);
                true
            }
            Err(err) => {
                self.notify
                    .report(Problem::OpenDataset(err), self.state.lang);
                false
            }
        }
    }

    /// Replaces the data, keeping picks whose ids still exist. Another dataset: the merges
    /// into the one before are no longer undoable.
    pub fn replace_dataset(&mut self, dataset: Dataset, path: Option<PathBuf>) {
        // A load still running would replace this one when done: the newest open wins.
        self.loading = None;
        self.install_dataset(dataset);
        self.state.dataset_path = path;
        self.state.dataset_unsaved = false;
        self.state.dataset_tables.clear();
        self.state.dataset_from_table = None;
        self.state.dataset_history.clear();
    }

    /// Shows `dataset` in place of the current one (returned), keeping picks whose ids
    /// still exist; the file and the history stay as they are.
    pub fn install_dataset(&mut self, dataset: Dataset) -> Dataset {
        self.state.picks = self.state.picks.carried_to(&self.state.dataset, &dataset);
        self.state.composite_weights = crate::model::ranking::carried_weights(
            &self.state.composite_weights,
            &self.state.dataset,
            &dataset,
        );
        self.views.targets = Default::default();
        let before = std::mem::replace(&mut self.state.dataset, dataset);
        self.notify.clear();
        self.state.dataset_rev += 1;
        self.state.scenarios.invalidate_all();
        before
    }

    /// The regions checked in the side panel, in dataset order.
    pub fn picked_regions(&self) -> Vec<RegionIdx> {
        crate::ui::derived::picked_regions(&self.state.dataset, &self.state.picks.regions)
    }

    /// The chart selection for the current picks; `None` when no region is picked. Computed
    /// afresh (a scan for automatic years): frames read [`Derived::selection`] instead.
    pub fn selection(&self) -> Option<Selection> {
        crate::ui::derived::selection_of(&self.state.dataset, &self.state.picks)
    }

    /// The automatic year span for the current chart kind.
    pub fn auto_years(&self, regions: &[RegionIdx]) -> Option<(i32, i32)> {
        crate::ui::derived::auto_years(
            &self.state.dataset,
            self.state.picks.indicator,
            regions,
            self.state.picks.kind,
        )
    }

    /// What [`Derived`] is built from this frame.
    pub fn inputs(&self) -> Inputs<'_> {
        Inputs::new(
            &self.state.dataset,
            self.state.dataset_rev,
            &self.state.picks,
            self.state.lang,
        )
    }

    /// Adds the growth rule of target `key` to the active scenario (made if there is none) as
    /// one undo step; a rule for the same region, indicator and years is replaced rather than
    /// added twice. Returns the rule, `None` when the target has no required growth.
    pub fn apply_target_growth(&mut self, key: TargetKey) -> Option<GrowthRule> {
        let (region, indicator, year, measure) = key;
        if !measure.is_level() {
            return None;
        }
        let dataset = &self.state.dataset;
        let target = dataset
            .get(region, indicator, year, ObservationKind::Target)?
            .value;
        let track = track_target_with(dataset, region, indicator, year, target)?;
        let rule = crate::model::target_rows::growth_rule_for(dataset, &track)?;
        let added = rule.clone();
        self.active_doc().change(move |scenario| {
            let same = scenario.growth.iter_mut().find(|g| {
                g.region == rule.region
                    && g.indicator == rule.indicator
                    && g.from == rule.from
                    && g.to == rule.to
            });
            match same {
                Some(existing) => existing.annual_pct = rule.annual_pct,
                None => scenario.growth.push(rule),
            }
        });
        Some(added)
    }

    /// [`Self::apply_target_growth`] with a toast saying what was added to which scenario.
    fn apply_target_growth_told(&mut self, key: TargetKey) {
        let Some(rule) = self.apply_target_growth(key) else {
            return;
        };
        let lang = self.state.lang;
        let dataset = &self.state.dataset;
        let region = dataset.region(key.0).display_name(lang).to_owned();
        let name = dataset.indicator(key.1).display_name(lang).to_owned();
        let scenario = self
            .state
            .scenarios
            .active()
            .map(|d| d.scenario.name.clone())
            .unwrap_or_default();
        let pct = crate::model::target_rows::format_pct(rule.annual_pct);
        let text = match lang {
            Lang::Zh => format!(
                "已加入情景「{scenario}」：{region} {name} {}–{} 年每年 {pct}",
                rule.from, rule.to
            ),
            Lang::En => format!(
                "Added to \"{scenario}\": {region} {name} {}–{} at {pct} a year",
                rule.from, rule.to
            ),
        };
        self.notify.info(text);
    }

    /// Switches to a line chart of target `key`'s indicator for its region alone.
    pub fn show_target_in_chart(&mut self, key: TargetKey) {
        let (region, indicator, _, _) = key;
        let picks = &mut self.state.picks;
        picks.indicator = indicator;
        for (i, flag) in picks.regions.iter_mut().enumerate() {
            *flag = i == region.0 as usize;
        }
        picks.kind = ChartKind::Line;
        picks.mode = ViewMode::Absolute;
        picks.years = None;
        self.state.view = View::Chart;
    }

    /// The targets of the picked regions (cached by data and regions).
    pub fn target_list(&mut self) -> &crate::ui::derived::TargetList {
        let input = Inputs::new(
            &self.state.dataset,
            self.state.dataset_rev,
            &self.state.picks,
            self.state.lang,
        );
        self.derived.targets(&input, &mut self.state.scenarios)
    }

    /// The chart for the current picks (with the active scenario beside the baseline),
    /// rebuilt only when the picks, the language, the data or the scenario changed.
    pub fn chart_spec(&mut self) -> Option<&ChartSpec> {
        let input = Inputs::new(
            &self.state.dataset,
            self.state.dataset_rev,
            &self.state.picks,
            self.state.lang,
        );
        self.derived.chart(&input, &mut self.state.scenarios)
    }

    /// The active scenario, made (named "情景 1" / "Scenario 1", or the next free number)
    /// if there is none yet.
    pub fn active_doc(&mut self) -> &mut ScenarioDoc {
        if self.state.scenarios.active().is_none() {
            self.new_scenario();
        }
        let index = self.state.scenarios.active.unwrap_or(0);
        &mut self.state.scenarios.docs[index]
    }

    /// Makes a new empty scenario, named by [`Scenarios::new_name`], and makes it active.
    pub fn new_scenario(&mut self) {
        let name = self.state.scenarios.new_name(self.state.lang);
        let dataset = self.dataset_reference();
        self.state
            .scenarios
            .add(ScenarioDoc::new(Scenario::new(name, dataset)));
    }

    /// Copies the active scenario ("情景 1 副本"); the copy is unsaved and becomes active.
    pub fn duplicate_scenario(&mut self) {
        let Some(doc) = self.state.scenarios.active() else {
            return;
        };
        let mut copy = doc.scenario.clone();
        copy.name = self.state.scenarios.unused_name(&format!(
            "{} {}",
            copy.name,
            self.state.lang.pick("副本", "copy")
        ));
        self.state.scenarios.add(ScenarioDoc::new(copy));
    }

    /// Carries out `command`: the one place a user action changes the app. Window requests
    /// (close) are sent at the end of the frame.
    pub fn run(&mut self, command: Command) {
        match command {
            Command::Open | Command::OpenScenario => self.open_with_dialog(),
            Command::OpenPath => self.open_path_prompt(),
            Command::OpenBundled => match crate::bundled_dataset() {
                Ok(dataset) => self.replace_dataset(dataset, None),
                Err(err) => self
                    .notify
                    .report(Problem::BundledDataset(err), self.state.lang),
            },
            Command::ExportChart => self.open_export(ExportFormat::Svg),
            Command::ExportData => self.open_export(ExportFormat::Csv),
            Command::ImportTable => self.import_with_dialog(),
            Command::SaveDatasetAs => self.save_dataset_with_dialog(),
            Command::Quit => self.request_quit(),
            Command::Undo => {
                self.undo();
            }
            Command::Redo => {
                self.redo();
            }
            // The table answers these itself while it has the keyboard.
            Command::CopyCells | Command::PasteCells => {}
            Command::NewScenario => self.new_scenario(),
            Command::DuplicateScenario => self.duplicate_scenario(),
            Command::SaveScenario => {
                self.save_active_scenario(false);
            }
            Command::SaveScenarioAs => {
                self.save_active_scenario(true);
            }
            Command::ShowView(view) => self.show_view(view),
            Command::SetWeight(indicator, weight) => self.set_weight(indicator, weight),
            Command::ApplyTargetGrowth(key) => self.apply_target_growth_told(key),
            Command::ShowTargetInChart(key) => self.show_target_in_chart(key),
            Command::SetIndicator(indicator) => self.state.picks.indicator = indicator,
            Command::SetChartKind(kind) => self.state.picks.kind = kind,
            Command::SetYears(years) => self.state.picks.years = years,
            Command::SetMode(mode) => self.state.picks.mode = mode,
            Command::SetLogScale(on) => self.state.picks.log_scale = on,
            Command::SetLatest(on) => self.state.picks.latest = on,
            Command::SetRegion(region, on) => {
                if let Some(flag) = self.state.picks.regions.get_mut(region.0 as usize) {
                    *flag = on;
                }
            }
            Command::CompareRows(rows) => {
                self.state.remembered.compare_all_rows =
                    rows == crate::model::compare::RowFilter::All;
            }
            Command::SetLanguage(lang) => self.state.lang = lang,
            Command::SetTheme(theme) => self.polish.theme = theme,
            Command::ShowShortcuts => self.polish.shortcuts_open = true,
            Command::ShowAbout => self.polish.about_open = true,
            Command::CommandPalette => self.views.palette.toggle(),
            Command::Scenario(change) => self.change_scenarios(change),
        }
    }

    /// Carries out a change the scenario panel or the table asked for; each is one undo step
    /// of the scenario it changes. An index that no longer names a scenario (or an edit or
    /// rule of it) does nothing.
    fn change_scenarios(&mut self, change: ScenarioChange) {
        let docs = &mut self.state.scenarios.docs;
        match change {
            ScenarioChange::Select(active) => {
                self.state.scenarios.active = active.filter(|&i| i < docs.len());
            }
            ScenarioChange::Rename { doc, name } => {
                if let Some(d) = docs.get_mut(doc) {
                    d.change(|s| s.name = name);
                }
            }
            ScenarioChange::Delete(doc) => match docs.get(doc) {
                Some(d) if d.is_dirty() => {
                    self.dialogs.pending = Some(PendingAction::CloseScenario(doc));
                }
                Some(_) => self.perform(PendingAction::CloseScenario(doc)),
                None => {}
            },
            ScenarioChange::RemoveEdit { doc, position } => {
                if let Some(d) = docs
                    .get_mut(doc)
                    .filter(|d| position < d.scenario.edits.len())
                {
                    d.change(|s| {
                        s.edits.remove(position);
                    });
                }
            }
            ScenarioChange::RemoveGrowth { doc, position } => {
                if let Some(d) = docs
                    .get_mut(doc)
                    .filter(|d| position < d.scenario.growth.len())
                {
                    d.change(|s| s.remove_growth(position));
                }
            }
            ScenarioChange::ReplaceGrowth {
                doc,
                position,
                rule,
            } => {
                if let Some(d) = docs
                    .get_mut(doc)
                    .filter(|d| position < d.scenario.growth.len())
                {
                    d.change(|s| s.growth[position] = rule);
                }
            }
            ScenarioChange::AddGrowth(rule) => self.active_doc().change(|s| s.growth.push(rule)),
            ScenarioChange::ApplyEdits(edits) => self.apply_edits(edits),
        }
    }

    /// Weighs `indicator` in the composite score (`None` leaves it out); a new one goes last.
    pub fn set_weight(&mut self, indicator: IndicatorIdx, weight: Option<f64>) {
        let weights = &mut self.state.composite_weights;
        let position = weights.iter().position(|(i, _)| *i == indicator);
        match (position, weight) {
            (Some(p), Some(w)) => weights[p].1 = w,
            (None, Some(w)) => weights.push((indicator, w)),
            (Some(p), None) => {
                weights.remove(p);
            }
            (None, None) => {}
        }
    }

    /// What the menus, buttons and palette need to know to draw commands this frame.
    pub fn command_state(&self) -> CommandState {
        let active = self.state.scenarios.active();
        CommandState {
            lang: self.state.lang,
            theme: self.polish.theme,
            view: self.state.view,
            compare_rows: self.state.remembered.compare_rows(),
            has_active: active.is_some(),
            can_undo: active.is_some_and(ScenarioDoc::can_undo)
                || self.state.dataset_history.next_undo().is_some(),
            can_redo: active.is_some_and(ScenarioDoc::can_redo)
                || self.state.dataset_history.next_redo().is_some(),
        }
    }

    /// Sends the window requests [`Self::run`] made.
    fn send_viewport_commands(&mut self, ctx: &egui::Context) {
        for command in self.frame.viewport_out.drain(..) {
            ctx.send_viewport_cmd(command);
        }
    }

    /// How a new scenario refers to the open dataset: its path, or the bundled file's name.
    pub fn dataset_reference(&self) -> String {
        self.state.dataset_path.as_ref().map_or_else(
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
        let dataset = &self.state.dataset;
        match self.state.scenarios.active_mut() {
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
        let ind = self.state.dataset.indicator(indicator);
        let value = parse_cell_value(text, ind).map_err(|e| e.message(ind, self.state.lang))?;
        let edit = Edit::recorded(&self.state.dataset, region, indicator, year, value);
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
    pub fn request_quit(&mut self) {
        if self.state.scenarios.any_dirty() && !self.dialogs.allow_close {
            self.dialogs.pending = Some(PendingAction::Quit);
        } else {
            self.dialogs.allow_close = true;
            self.frame.viewport_out.push(egui::ViewportCommand::Close);
        }
    }

    /// Asks for the window to close at the end of this frame.
    pub(crate) fn close_window(&mut self) {
        self.frame.viewport_out.push(egui::ViewportCommand::Close);
    }

    /// Keyboard shortcuts of the window, as [`crate::ui::command::pressed_commands`] reads
    /// them.
    fn shortcuts(&mut self, ctx: &egui::Context) {
        for command in crate::ui::command::pressed_commands(ctx) {
            self.run(command);
        }
    }

    /// Shows `view`; the table gets the keyboard, with a cell selected.
    pub fn show_view(&mut self, view: View) {
        self.state.view = view;
    }

    /// Takes back the last change: a merge into the dataset when it came after the active
    /// scenario's last change, else that change; false when there is none. A report of
    /// what the change did ("已粘贴 4 个单元格") goes with it.
    pub fn undo(&mut self) -> bool {
        if self.dataset_step_is_next(true) {
            return self.undo_dataset();
        }
        let done = self
            .state
            .scenarios
            .active_mut()
            .is_some_and(ScenarioDoc::undo);
        if done {
            self.views.table.message = None;
        }
        done
    }

    /// Makes the last undone change again (a merge, or the active scenario's change); false
    /// when there is none.
    pub fn redo(&mut self) -> bool {
        if self.dataset_step_is_next(false) {
            return self.redo_dataset();
        }
        let done = self
            .state
            .scenarios
            .active_mut()
            .is_some_and(ScenarioDoc::redo);
        if done {
            self.views.table.message = None;
        }
        done
    }

    /// Window title: the active scenario (`* ` first while it has unsaved changes) and its
    /// file, the dataset and its file.
    pub fn window_title(&self) -> String {
        let file = self.dataset_file_label();
        let scenario = self
            .state
            .scenarios
            .active()
            .map_or_else(String::new, |doc| {
                let marker = if doc.is_dirty() { "* " } else { "" };
                let file = doc
                    .path
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map_or_else(String::new, |n| format!(" ({})", n.to_string_lossy()));
                format!("{marker}{}{file} — ", doc.scenario.name)
            });
        let loading = self
            .loading
            .as_ref()
            .map_or_else(String::new, |l| format!("{} — ", l.title(self.state.lang)));
        format!(
            "{loading}{scenario}Yardstick — {} — {file}",
            self.state.dataset.display_title(self.state.lang)
        )
    }

    /// The progress window of a load on the worker thread; its result, once there, is
    /// opened as a load on the UI thread is (asking first when scenarios were changed
    /// meanwhile).
    fn loading_window(&mut self, ctx: &egui::Context) {
        let Some(loading) = &mut self.loading else {
            return;
        };
        let outcome = loading.ui(ctx, self.state.lang);
        if outcome.is_some() {
            // This frame's panels showed the data before: the next one, at once, shows what
            // is open now and the title without "正在打开" (no input may come to wake it).
            ctx.request_repaint();
        }
        match outcome {
            None => {}
            Some(Outcome::Cancelled) => self.loading = None,
            Some(Outcome::Done(path, loaded)) => {
                self.loaded(&path, *loaded);
            }
        }
    }

    /// Waits for the load on the worker thread, if any, and opens its result as the window
    /// does when it comes: `Some(true)` when it opened, `None` when nothing was loading. For
    /// callers without frames (tests).
    pub fn wait_for_load(&mut self) -> Option<bool> {
        let loading = self.loading.as_ref()?;
        let path = loading.path().to_path_buf();
        let loaded = loading.wait();
        Some(self.loaded(&path, loaded))
    }

    /// A load on the worker thread ended: opened as on the UI thread, or held for the
    /// "unsaved changes?" answer when scenarios were changed while it loaded (false).
    fn loaded(&mut self, path: &Path, loaded: Result<Dataset, LoadError>) -> bool {
        self.loading = None;
        match loaded {
            Ok(dataset) if self.state.scenarios.any_dirty() => {
                self.dialogs.loaded = Some((dataset, path.to_path_buf()));
                self.dialogs.pending = Some(PendingAction::OpenLoaded);
                false
            }
            loaded => self.finish_open(path, loaded),
        }
    }

    /// The menu bar, every item a [`Command`] (carried out once the bar is drawn).
    fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        let state = self.command_state();
        let mut out = Vec::new();
        egui::MenuBar::new().ui(ui, |ui| {
            for menu in Menu::ALL {
                ui.menu_button(menu.text(state.lang), |ui| {
                    menu_items_ui(ui, menu, &state, &mut out);
                });
            }
        });
        for command in out {
            self.run(command);
        }
    }

    /// Opens the export window for `format`, its path in the scenario's folder, else the
    /// user's documents folder.
    pub fn open_export(&mut self, format: ExportFormat) {
        let spec = self.chart_spec().cloned();
        let folder = self.default_folder();
        self.dialogs.export = Some(ExportDialog::new(format, spec.as_ref()).in_folder(&folder));
    }

    /// Where a new file goes by default: the active scenario's folder, else the user's
    /// documents folder, else the home folder.
    pub fn default_folder(&self) -> PathBuf {
        let near = self.state.scenarios.active().and_then(|d| d.path.clone());
        crate::ui::file_prompt::default_folder(near.as_deref())
    }

    fn export_window(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.dialogs.export.take() else {
            return;
        };
        let lang = self.state.lang;
        let spec = self.chart_spec().cloned();
        let area = self.window_area(ctx);
        let keep = crate::ui::dialogs::export::show(
            ctx,
            &mut dialog,
            spec.as_ref(),
            lang,
            area,
            &mut self.dialogs.system,
        );
        match dialog.take_outcome() {
            Some(Ok(message)) => self.notify.success(message),
            // Also shown in the export window, where it was made (beside the path typed).
            Some(Err(message)) => self
                .notify
                .toasts
                .push(crate::ui::notify::ToastKind::Error, message),
            None => {}
        }
        if keep {
            self.dialogs.export = Some(dialog);
        }
    }

    /// Where windows may go: the screen below the menu bar.
    pub fn window_area(&self, ctx: &egui::Context) -> egui::Rect {
        let mut area = ctx.content_rect();
        area.min.y = area.min.y.max(self.frame.menu_bottom);
        area
    }

    /// Opens the typed-path window to open a file, pre-filled with the data's folder.
    pub fn open_path_prompt(&mut self) {
        let near = self
            .state
            .scenarios
            .active()
            .and_then(|d| d.path.clone())
            .or_else(|| self.state.dataset_path.clone());
        let folder = crate::ui::file_prompt::default_folder(near.as_deref());
        let mut text = folder.display().to_string();
        if !text.ends_with(std::path::MAIN_SEPARATOR) {
            text.push(std::path::MAIN_SEPARATOR);
        }
        self.dialogs.path_prompt = Some(PathPrompt::new(PathPurpose::Open, text));
    }

    /// File ▸ Open…: the system dialog, else (no dialog can open) the typed-path window.
    pub fn open_with_dialog(&mut self) {
        let title = Text::Open.get(self.state.lang);
        let picked = self.dialogs.system.pick(|| {
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
        let Some(mut prompt) = self.dialogs.path_prompt.take() else {
            return;
        };
        let lang = self.state.lang;
        let area = self.window_area(ctx);
        let (go, mut keep_open) =
            match crate::ui::dialogs::path::path_window_ui(ctx, &mut prompt, lang, area) {
                Some(crate::ui::dialogs::path::PathAnswer::Go) => (true, true),
                Some(crate::ui::dialogs::path::PathAnswer::Cancel) => (false, false),
                None => (false, true),
            };
        let text = prompt.text.trim().to_owned();
        if go && !text.is_empty() {
            let path = PathBuf::from(&text);
            match prompt.purpose.clone() {
                PathPurpose::Open => {
                    if self.open_any(&path) || self.dialogs.pending.is_some() {
                        keep_open = false;
                    } else {
                        // The message shows in the window; the banner keeps it after.
                        prompt.error = self.notify.banner_message(self.state.lang);
                    }
                }
                PathPurpose::Import => {
                    self.open_import(&path);
                    keep_open = false;
                }
                PathPurpose::SaveDataset(agreed) => {
                    match self.save_dataset_typed(&path, agreed.as_deref()) {
                        Ok(()) => keep_open = false,
                        Err(crate::ui::file_prompt::SaveRefusal::AskFirst(message)) => {
                            prompt.purpose = PathPurpose::SaveDataset(Some(path.clone()));
                            prompt.error = Some(message);
                        }
                        Err(crate::ui::file_prompt::SaveRefusal::Failed(problem)) => {
                            prompt.purpose = PathPurpose::SaveDataset(None);
                            prompt.error = Some(problem.message(lang));
                        }
                    }
                }
                PathPurpose::SaveScenario(after) => match self.save_scenario_to(&path) {
                    Ok(()) => {
                        keep_open = false;
                        if let Some(action) = after {
                            self.resume(action);
                        }
                    }
                    Err(problem) => {
                        // Said in the window beside the path, and once as a toast.
                        self.notify.flash(&problem, lang);
                        prompt.error = Some(problem.message(lang));
                    }
                },
            }
        }
        if keep_open {
            self.dialogs.path_prompt = Some(prompt);
        }
    }

    /// Carries on with an action that waited for a scenario to be saved: asks again if other
    /// scenarios still have unsaved changes.
    fn resume(&mut self, action: PendingAction) {
        match action {
            PendingAction::Quit => self.request_quit(),
            PendingAction::Open(path) => {
                self.open_any(&path);
            }
            other => self.perform(other),
        }
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
            if crate::ui::dialogs::import::is_table(path) {
                self.open_import(path);
            } else {
                self.open_any(path);
            }
        }
    }

    fn central_ui(&mut self, ui: &mut egui::Ui) {
        self.notify.banner_ui(ui, self.state.lang);
        let state = self.command_state();
        let mut out = Vec::new();
        ui.horizontal(|ui| {
            for view in View::ALL {
                let command = Command::ShowView(view);
                if ui
                    .selectable_label(self.state.view == view, command.text(state.lang))
                    .on_hover_text(command.tooltip(state.lang))
                    .clicked()
                {
                    out.push(command);
                }
            }
        });
        for command in out {
            self.run(command);
        }
        ui.separator();
        if self.frame.shown_view != Some(self.state.view) {
            if self.state.view == View::Table {
                // Opening the table (Ctrl+2, the tab, a start in it) gives it the keyboard.
                self.views.table.request_focus();
            }
            self.frame.shown_view = Some(self.state.view);
        }
        match self.state.view {
            View::Chart => {
                // Built here (cached), read by the view through Cx.
                self.chart_spec();
                let cx = Cx {
                    state: &self.state,
                    derived: &self.derived,
                };
                let mut out = Vec::new();
                self.views.chart.ui(ui, &cx, &mut out);
                for command in out {
                    self.run(command);
                }
            }
            View::Table => {
                let cx = Cx {
                    state: &self.state,
                    derived: &self.derived,
                };
                let mut out = Vec::new();
                self.views.table.ui(ui, &cx, &mut out);
                for command in out {
                    self.run(command);
                }
            }
            View::Compare => {
                // Built here (cached), read by the view through Cx.
                let input = Inputs::new(
                    &self.state.dataset,
                    self.state.dataset_rev,
                    &self.state.picks,
                    self.state.lang,
                );
                let rows = self.state.remembered.compare_rows();
                self.derived
                    .comparison(&input, &mut self.state.scenarios, rows);
                let cx = Cx {
                    state: &self.state,
                    derived: &self.derived,
                };
                let mut out = Vec::new();
                self.views.compare.ui(ui, &cx, &mut out);
                for command in out {
                    self.run(command);
                }
            }
            View::Targets => {
                // Built here (cached), read by the view through Cx.
                self.target_list();
                let cx = Cx {
                    state: &self.state,
                    derived: &self.derived,
                };
                let mut out = Vec::new();
                self.views.targets.ui(ui, &cx, &mut out);
                for command in out {
                    self.run(command);
                }
            }
            View::Rankings => {
                // Built here (cached) for the view's years, read by the view through Cx.
                self.state.composite_weights = crate::model::ranking::valid_weights(
                    &self.state.dataset,
                    &self.state.composite_weights,
                );
                let input = Inputs::new(
                    &self.state.dataset,
                    self.state.dataset_rev,
                    &self.state.picks,
                    self.state.lang,
                );
                let rankings = &self.views.rankings;
                self.derived.ranking(&input, rankings.year);
                self.derived.composite(
                    &input,
                    &self.state.composite_weights,
                    rankings.composite_year,
                );
                let cx = Cx {
                    state: &self.state,
                    derived: &self.derived,
                };
                let mut out = Vec::new();
                self.views.rankings.ui(ui, &cx, &mut out);
                for command in out {
                    self.run(command);
                }
            }
        }
    }
}

impl eframe::App for YardstickApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.take_dropped_files(ctx);
        self.shortcuts(ctx);
        if ctx.input(|i| i.viewport().close_requested())
            && self.state.scenarios.any_dirty()
            && !self.dialogs.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialogs.pending = Some(PendingAction::Quit);
        }
        self.autosave_recovery(std::time::Instant::now());
        if self.state.scenarios.any_dirty() && self.recovery.dir.is_some() {
            ctx.request_repaint_after(crate::ui::recovery::RECOVERY_INTERVAL);
        }
        self.send_viewport_commands(ctx);
        if let Some(job) = &mut self.frame.screenshot {
            job.step(ctx);
        }
        let title = self.window_title();
        if title != self.frame.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.frame.shown_title = title;
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let menu = egui::Panel::top("menu").show(ui, |ui| self.menu_bar_ui(ui));
        self.frame.menu_bottom = menu.response.rect.bottom();
        egui::Panel::left("picks")
            .resizable(true)
            .default_size(240.0)
            .show(ui, |ui| {
                // Built here (cached), read by the panel through Cx.
                let input = Inputs::new(
                    &self.state.dataset,
                    self.state.dataset_rev,
                    &self.state.picks,
                    self.state.lang,
                );
                self.derived.indicator_facts(&input);
                self.derived.auto_years(&input);
                self.derived.region_search(&input);
                let cx = Cx {
                    state: &self.state,
                    derived: &self.derived,
                };
                let mut out = Vec::new();
                self.views.side.ui(ui, &cx, &mut out);
                for command in out {
                    self.run(command);
                }
            });
        // The active scenario's values, computed once per change, read by the panels and
        // views below through `ScenarioDoc::applied_now`.
        if let Some(doc) = self.state.scenarios.active_mut() {
            doc.applied(&self.state.dataset);
        }
        egui::Panel::right("scenarios")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| {
                let cx = Cx {
                    state: &self.state,
                    derived: &self.derived,
                };
                let mut out = Vec::new();
                self.views.scenarios.ui(ui, &cx, &mut out);
                for command in out {
                    self.run(command);
                }
            });
        egui::CentralPanel::default_margins().show(ui, |ui| self.central_ui(ui));
        let ctx = ui.ctx().clone();
        self.path_window(&ctx);
        self.import_window(&ctx);
        self.export_window(&ctx);
        self.loading_window(&ctx);
        self.pending_window(&ctx);
        self.recovery_window(&ctx);
        crate::ui::polish::show(&ctx, &mut self.polish, self.state.lang, &self.state.dataset);
        let now = ctx.input(|i| i.time);
        self.notify.toasts.show(&ctx, now);
        let state = self.command_state();
        let mut out = Vec::new();
        self.views.palette.ui(&ctx, &state, &mut out);
        for command in out {
            self.run(command);
        }
        self.send_viewport_commands(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.state.lang_forced != Some(self.state.lang) {
            eframe::set_value(storage, LANG_KEY, &self.state.lang);
        }
        eframe::set_value(storage, crate::ui::polish::THEME_KEY, &self.polish.theme);
        eframe::set_value(storage, REMEMBERED_KEY, &self.remembered_now());
    }
}

/// The items of `menu`: its commands in order, with separators between groups.
fn menu_items_ui(ui: &mut egui::Ui, menu: Menu, state: &CommandState, out: &mut Vec<Command>) {
    // Separators go before these (the File menu's places are fixed: scripts click them).
    let separated = |c: Command| {
        matches!(
            c,
            Command::ExportChart
                | Command::ImportTable
                | Command::Quit
                | Command::ShowView(View::Chart)
                | Command::CompareRows(crate::model::compare::RowFilter::Changed)
                | Command::DuplicateScenario
        )
    };
    for command in Command::all().into_iter().filter(|c| c.menu() == menu) {
        // Copy and paste are the table's own keys: listed in Help ▸ Shortcuts, not here.
        if !command.window_shortcut() {
            continue;
        }
        if separated(command.clone()) {
            ui.separator();
        }
        command.menu_item_ui(ui, state, out);
    }
}
