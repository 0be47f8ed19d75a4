//! Scenario files in the window: open (with the dataset they refer to and their saved view),
//! save and save as (atomic), the "unsaved changes" question, and the recovery copy written
//! every few seconds while a scenario has unsaved changes.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::io::{
    FileKind, load_scenario_text, relative_dataset_path, save_scenario, scenario_to_ron,
};
use crate::lang::Lang;
use crate::model::document::ScenarioDoc;
use crate::model::scenario::{SavedView, Scenario, apply, view_problems};
use crate::ui::app::YardstickApp;
use crate::ui::file_prompt::{PathPrompt, PathPurpose, Picked};

/// How a scenario made on the bundled dataset names it (no file path exists for it).
pub const BUNDLED_REFERENCE: &str = crate::io::BUNDLED_REFERENCE;

pub use crate::ui::recovery::{RECOVERY_INTERVAL, Recovery, RecoveryOffer, recovery_files};
use crate::ui::recovery::{RECOVERY_PREFIX, SAVED_AT};
pub use crate::ui::state::PendingAction;

impl YardstickApp {
    /// Opens a dataset or a scenario file, telling them apart by their first word. Asks
    /// first when a dataset would replace the data under unsaved scenarios.
    pub fn open_any(&mut self, path: &Path) -> bool {
        let kind = crate::io::sniff_file_kind(path);
        if kind == Some(FileKind::Scenario) {
            return self.open_scenario(path);
        }
        if self.state.scenarios.any_dirty() {
            self.dialogs.pending = Some(PendingAction::Open(path.to_path_buf()));
            return false;
        }
        self.open_path(path)
    }

    /// Opens a scenario file: loads the dataset it refers to (unless it is the one open),
    /// reports every entry that does not fit that dataset (such entries are not applied),
    /// restores the saved view and makes the scenario active. On failure nothing changes.
    pub fn open_scenario(&mut self, path: &Path) -> bool {
        let lang = self.state.lang;
        let loaded = load_scenario_text(path).and_then(|(text, scenario)| {
            let dataset = self.scenario_dataset(path, &text, &scenario)?;
            Ok((text, scenario, dataset))
        });
        let (text, scenario, dataset) = match loaded {
            Ok(loaded) => loaded,
            Err(err) => {
                // `err` may be about the scenario's dataset: name the scenario too.
                self.error = Some(format!(
                    "{}{}\n{err}",
                    lang.pick("无法打开情景：", "Cannot open the scenario: "),
                    path.display()
                ));
                return false;
            }
        };
        if let Some((dataset, dataset_path)) = dataset {
            if self.state.scenarios.any_dirty() {
                self.error = Some(
                    lang.pick(
                        "该情景基于另一个数据集：请先保存或关闭有未保存更改的情景",
                        "This scenario is built on another dataset: save or close the scenarios with unsaved changes first",
                    )
                    .to_owned(),
                );
                return false;
            }
            self.state.scenarios = Default::default();
            self.replace_dataset(dataset, dataset_path);
        }
        let applied = apply(&self.state.dataset, &scenario);
        let mut problems = applied.problems().to_vec();
        if let Some(view) = &scenario.view {
            problems.extend(view_problems(view, &self.state.dataset));
        }
        let view = scenario.view.clone();
        let index = self
            .state
            .scenarios
            .add(ScenarioDoc::opened(scenario, path.to_path_buf()));
        if let Some(view) = view {
            self.restore_view(&view);
        }
        if problems.is_empty() {
            self.error = None;
        } else {
            let err = crate::io::scenario_file::scenario_problems_error(
                &path.display().to_string(),
                &text,
                &problems,
            );
            self.error = Some(format!(
                "{}\n{err}",
                lang.pick(
                    "情景中以下条目与数据集不符，未被应用：",
                    "These entries of the scenario do not fit the dataset and are not applied:"
                )
            ));
        }
        self.state.scenarios.active = Some(index);
        self.state.remembered.note_file(path);
        true
    }

    /// The dataset a scenario refers to, loaded, when it is not the one open now:
    /// `Ok(None)` when it is.
    fn scenario_dataset(
        &self,
        scenario_path: &Path,
        text: &str,
        scenario: &Scenario,
    ) -> Result<Option<(crate::model::Dataset, Option<PathBuf>)>, crate::io::LoadError> {
        if scenario.dataset == BUNDLED_REFERENCE {
            if self.state.dataset_path.is_none() {
                return Ok(None);
            }
            return crate::bundled_dataset().map(|d| Some((d, None)));
        }
        let wanted = crate::io::dataset_path_of(scenario_path, scenario);
        let same = match &self.state.dataset_path {
            Some(open) => same_file(open, &wanted),
            None => false,
        };
        if same {
            return Ok(None);
        }
        let (path, dataset) = crate::io::load_scenario_dataset(scenario_path, text, scenario)?;
        Ok(Some((dataset, Some(path))))
    }

    /// The view to save with a scenario: what the side panel shows now.
    pub fn capture_view(&self) -> SavedView {
        SavedView {
            chart: self.state.picks.kind,
            indicator: self
                .state
                .dataset
                .indicator(self.state.picks.indicator)
                .id
                .clone(),
            regions: self
                .picked_regions()
                .into_iter()
                .map(|r| self.state.dataset.region(r).id.clone())
                .collect(),
            // The years shown, also when they were picked automatically: the file reopens on
            // what was on screen.
            years: self
                .state
                .picks
                .years
                .or_else(|| self.selection().map(|s| s.years)),
            mode: self.state.picks.mode,
            log_scale: self.state.picks.log_scale,
        }
    }

    /// Shows what `view` describes; ids the dataset lacks are skipped.
    pub fn restore_view(&mut self, view: &SavedView) {
        if let Some(indicator) = self.state.dataset.indicator_by_id(&view.indicator) {
            self.state.picks.indicator = indicator;
        }
        let mut regions = vec![false; self.state.dataset.regions().len()];
        for id in &view.regions {
            if let Some(r) = self.state.dataset.region_by_id(id) {
                regions[r.0 as usize] = true;
            }
        }
        if regions.iter().any(|&on| on) {
            self.state.picks.regions = regions;
        }
        self.state.picks.kind = view.chart;
        self.state.picks.mode = view.mode;
        self.state.picks.log_scale = view.log_scale;
        // Years that the automatic choice gives anyway stay automatic.
        let auto = self.auto_years(&self.picked_regions());
        self.state.picks.years = view.years.filter(|&years| Some(years) != auto);
    }

    /// Saves the active scenario to `path` (atomically), with the current view and a
    /// dataset reference relative to the file. On failure the file on disk is untouched.
    pub fn save_scenario_to(&mut self, path: &Path) -> Result<(), String> {
        let lang = self.state.lang;
        let view = self.capture_view();
        if self.state.dataset_path.is_none() && self.state.dataset_from_table.is_some() {
            // An imported dataset has no file yet: the scenario would name none (or the
            // bundled one) and not reopen on its data.
            return Err(lang
                .pick(
                    "情景未保存：导入的数据集还没有文件，请先用“文件”菜单的“数据集另存为…”保存数据集",
                    "The scenario was not saved: the imported dataset has no file yet; save it first with Save dataset as… in the File menu",
                )
                .to_owned());
        }
        let dataset_ref = match &self.state.dataset_path {
            Some(dataset) => relative_dataset_path(path, dataset),
            None => BUNDLED_REFERENCE.to_owned(),
        };
        let Some(doc) = self.state.scenarios.active_mut() else {
            return Err(lang
                .pick("没有打开的情景", "No scenario is open")
                .to_owned());
        };
        let mut scenario = doc.scenario.clone();
        scenario.view = Some(view);
        scenario.dataset = dataset_ref;
        save_scenario(path, &scenario).map_err(|e| {
            format!(
                "{}{}: {e}",
                lang.pick(
                    "保存失败（原文件未改动）：",
                    "Saving failed (the file on disk is unchanged): "
                ),
                path.display()
            )
        })?;
        // The view and the reference are part of what was saved: not an undo step.
        doc.scenario.view = scenario.view;
        doc.scenario.dataset = scenario.dataset;
        doc.mark_saved(path.to_path_buf());
        self.state.remembered.note_file(path);
        self.clear_recovery_if_clean();
        self.polish.toasts.push(
            crate::ui::polish::ToastKind::Success,
            crate::ui::polish::saved_message(lang, path),
        );
        Ok(())
    }

    /// Saves the active scenario: to its file, or (`save_as`, or never saved) to a file the
    /// user picks in the system dialog, or types in the typed-path window when no dialog can
    /// open. Returns true when saved now (false also while the typed-path window is open).
    pub fn save_active_scenario(&mut self, save_as: bool) -> bool {
        self.save_active_then(save_as, None)
    }

    /// Like [`Self::save_active_scenario`]; `after` is carried out once the scenario is saved
    /// through the typed-path window.
    fn save_active_then(&mut self, save_as: bool, after: Option<PendingAction>) -> bool {
        let lang = self.state.lang;
        let Some(doc) = self.state.scenarios.active() else {
            self.polish.toasts.push(
                crate::ui::polish::ToastKind::Error,
                lang.pick("没有要保存的情景", "There is no scenario to save"),
            );
            return false;
        };
        let known = doc.path.clone().filter(|_| !save_as);
        let name = crate::ui::file_prompt::file_name(&doc.scenario.name, "ron");
        let folder = self.default_folder();
        let path = match known {
            Some(path) => path,
            None => {
                let picked = self.dialogs.system.pick(|| {
                    rfd::FileDialog::new()
                        .add_filter("Yardstick scenario (RON)", &["ron"])
                        .set_directory(&folder)
                        .set_file_name(&name)
                        .save_file()
                });
                match picked {
                    Picked::Path(path) => path,
                    Picked::Cancelled => return false,
                    Picked::Unavailable => {
                        let text = folder.join(&name).display().to_string();
                        self.dialogs.path_prompt =
                            Some(PathPrompt::new(PathPurpose::SaveScenario(after), text));
                        return false;
                    }
                }
            }
        };
        match self.save_scenario_to(&path) {
            Ok(()) => true,
            Err(message) => {
                self.error = Some(message);
                false
            }
        }
    }

    /// Writes the recovery copies when due (every [`RECOVERY_INTERVAL`] while dirty).
    pub fn autosave_recovery(&mut self, now: Instant) {
        if self.recovery.dir.is_none() || !self.state.scenarios.any_dirty() {
            return;
        }
        let due = self
            .recovery
            .last_write
            .is_none_or(|t| now.duration_since(t) >= RECOVERY_INTERVAL);
        if due {
            self.write_recovery();
            self.recovery.last_write = Some(now);
        }
    }

    /// Writes one recovery copy per scenario with unsaved changes (atomically) and removes
    /// stale ones. The copies name their dataset by absolute path.
    pub fn write_recovery(&mut self) {
        let Some(dir) = self.recovery.dir.clone() else {
            return;
        };
        // The dataset by absolute path (or the bundled one's reference): the next start may
        // be on other data, and the restore loads this one.
        let dataset_ref = match &self.state.dataset_path {
            Some(_) => self.dataset_reference(),
            None => BUNDLED_REFERENCE.to_owned(),
        };
        let texts: Vec<String> = self
            .state
            .scenarios
            .docs
            .iter()
            .filter(|d| d.is_dirty())
            .map(|d| {
                let mut scenario = d.scenario.clone();
                scenario.dataset = dataset_ref.clone();
                let text = scenario_to_ron(&scenario);
                match &d.path {
                    // Restored, it saves where it was saved before.
                    Some(path) => format!("{SAVED_AT}{}\n{text}", absolute_path(path).display()),
                    None => text,
                }
            })
            .collect();
        if texts == self.recovery.last_text {
            return;
        }
        // A failed recovery write must not disturb the user's work: it is retried at the next
        // interval, and said once (a toast, and on standard error).
        let written = std::fs::create_dir_all(&dir).and_then(|()| {
            for (i, text) in texts.iter().enumerate() {
                let path = dir.join(format!("{RECOVERY_PREFIX}{i}.ron"));
                crate::io::write_atomic(&path, text.as_bytes())?;
            }
            // Copies of scenarios saved or closed since.
            for old in recovery_files(&dir).into_iter().skip(texts.len()) {
                std::fs::remove_file(old)?;
            }
            Ok(())
        });
        match written {
            Ok(()) => self.recovery.last_text = texts,
            Err(err) => self.recovery_problem(&dir, &err),
        }
    }

    /// Says once that the recovery folder cannot be written (or emptied).
    fn recovery_problem(&mut self, dir: &Path, err: &std::io::Error) {
        let message = format!(
            "{}{}: {err}",
            self.state
                .lang
                .pick("无法写入恢复副本：", "Cannot write the recovery copy: "),
            dir.display()
        );
        if self.recovery.last_problem.as_deref() != Some(message.as_str()) {
            self.polish
                .toasts
                .push(crate::ui::polish::ToastKind::Error, message.clone());
            self.recovery.last_problem = Some(message);
        }
    }

    /// Removes every recovery copy (nothing is unsaved any more, or the user said so).
    fn remove_recovery_files(&mut self) {
        let Some(dir) = self.recovery.dir.clone() else {
            return;
        };
        for file in recovery_files(&dir) {
            if let Err(err) = std::fs::remove_file(&file) {
                self.recovery_problem(&dir, &err);
            }
        }
        self.recovery.last_text.clear();
    }

    /// Removes the recovery copies once nothing is unsaved.
    pub fn clear_recovery_if_clean(&mut self) {
        if self.state.scenarios.any_dirty() {
            return;
        }
        self.remove_recovery_files();
    }

    /// Restores the offered recovery copies as unsaved scenarios.
    pub fn restore_recovery(&mut self) {
        let Some(offer) = self.recovery.offer.take() else {
            return;
        };
        let mut failures = Vec::new();
        for file in &offer.files {
            let loaded = load_scenario_text(file).and_then(|(text, scenario)| {
                let dataset = self.scenario_dataset(file, &text, &scenario)?;
                let saved_at = text
                    .lines()
                    .next()
                    .and_then(|l| l.strip_prefix(SAVED_AT))
                    .map(PathBuf::from);
                Ok((scenario, dataset, saved_at))
            });
            match loaded {
                Ok((scenario, dataset, saved_at)) => {
                    // Work done on other data than is open now: that data comes back too
                    // (nothing is unsaved at start; a copy on yet other data is reported).
                    if let Some((dataset, path)) = dataset {
                        if self.state.scenarios.docs.is_empty() {
                            self.replace_dataset(dataset, path);
                        } else {
                            failures.push(format!(
                                "{}: {}",
                                file.display(),
                                self.state.lang.pick(
                                    "基于另一个数据集，未恢复",
                                    "built on another dataset, not restored"
                                )
                            ));
                            continue;
                        }
                    }
                    let mut doc = ScenarioDoc::new(Scenario {
                        name: self.state.scenarios.unused_name(&scenario.name),
                        ..scenario.clone()
                    });
                    // Unsaved by construction: the user decides when to save it (to its file
                    // if it had one).
                    doc.path = saved_at;
                    doc.change(|s| s.notes = scenario.notes.clone());
                    self.state.scenarios.add(doc);
                }
                Err(err) => failures.push(err.to_string()),
            }
        }
        if !failures.is_empty() {
            self.error = Some(failures.join("\n"));
        }
    }

    /// Drops the offered recovery copies.
    pub fn discard_recovery(&mut self) {
        if self.recovery.offer.take().is_some() {
            self.remove_recovery_files();
        }
    }

    /// Carries out `action` now, unsaved changes or not.
    pub fn perform(&mut self, action: PendingAction) {
        match action {
            PendingAction::Quit => {
                self.dialogs.allow_close = true;
                // The user chose to leave without saving: no recovery copy is wanted.
                self.remove_recovery_files();
                self.close_window();
            }
            PendingAction::Open(path) => {
                self.state.scenarios = Default::default();
                self.open_path(&path);
            }
            PendingAction::CloseScenario(index) => {
                self.state.scenarios.remove(index);
            }
            PendingAction::OpenImported => {
                self.state.scenarios = Default::default();
                if let Some((dataset, table)) = self.dialogs.imported.take() {
                    self.commit_imported(dataset, table);
                }
            }
            PendingAction::OpenLoaded => {
                self.state.scenarios = Default::default();
                if let Some((dataset, path)) = self.dialogs.loaded.take() {
                    self.finish_open(&path, Ok(dataset));
                }
            }
        }
        self.clear_recovery_if_clean();
    }

    /// The scenarios with unsaved changes that `action` would lose: the one to be closed, or
    /// every dirty one (quit, open another file).
    fn asked_about(&self, action: &PendingAction) -> Vec<usize> {
        let docs = &self.state.scenarios.docs;
        match action {
            PendingAction::CloseScenario(i) => docs
                .get(*i)
                .filter(|d| d.is_dirty())
                .map(|_| *i)
                .into_iter()
                .collect(),
            _ => (0..docs.len()).filter(|&i| docs[i].is_dirty()).collect(),
        }
    }

    /// The "unsaved changes" window for a pending action.
    pub fn pending_window(&mut self, ctx: &egui::Context) {
        let Some(action) = self.dialogs.pending.clone() else {
            return;
        };
        let lang = self.state.lang;
        let mut answer = None;
        egui::Window::new(lang.pick("未保存的更改", "Unsaved changes"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                let names: Vec<String> = self
                    .asked_about(&action)
                    .into_iter()
                    .map(|i| self.state.scenarios.docs[i].scenario.name.clone())
                    .collect();
                ui.label(match lang {
                    Lang::Zh => format!("以下情景有未保存的更改：{}", names.join("、")),
                    Lang::En => {
                        format!("These scenarios have unsaved changes: {}", names.join(", "))
                    }
                });
                ui.horizontal(|ui| {
                    if ui.button(lang.pick("保存", "Save")).clicked() {
                        answer = Some(Answer::Save);
                    }
                    if ui.button(lang.pick("不保存", "Don't save")).clicked() {
                        answer = Some(Answer::Discard);
                    }
                    if ui.button(lang.pick("取消", "Cancel")).clicked() {
                        answer = Some(Answer::Cancel);
                    }
                });
            });
        match answer {
            Some(Answer::Save) => {
                let dirty = self.asked_about(&action);
                let active = self.state.scenarios.active;
                let mut all_saved = true;
                for i in dirty {
                    self.state.scenarios.active = Some(i);
                    // A scenario never saved goes through the typed-path window when no
                    // dialog can open; the action follows once it is saved there.
                    all_saved &= self.save_active_then(false, Some(action.clone()));
                    if self.dialogs.path_prompt.is_some() {
                        all_saved = false;
                        break;
                    }
                }
                if self.dialogs.path_prompt.is_none() {
                    self.state.scenarios.active = active;
                }
                self.dialogs.pending = None;
                if all_saved {
                    self.perform(action);
                }
            }
            Some(Answer::Discard) => {
                self.dialogs.pending = None;
                self.perform(action);
            }
            Some(Answer::Cancel) => {
                self.dialogs.pending = None;
                self.dialogs.imported = None;
                self.dialogs.loaded = None;
            }
            None => {}
        }
    }

    /// The "restore unsaved scenarios?" window shown at start when copies were left behind.
    pub fn recovery_window(&mut self, ctx: &egui::Context) {
        let Some(offer) = &self.recovery.offer else {
            return;
        };
        let lang = self.state.lang;
        let count = offer.files.len();
        let mut answer = None;
        egui::Window::new(lang.pick("恢复未保存的情景", "Restore unsaved scenarios"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label(match lang {
                    Lang::Zh => format!("上次退出时有 {count} 个情景未保存。要恢复吗？"),
                    Lang::En => format!(
                        "{count} scenario(s) had unsaved changes when Yardstick last stopped. Restore them?"
                    ),
                });
                ui.horizontal(|ui| {
                    if ui.button(lang.pick("恢复", "Restore")).clicked() {
                        answer = Some(true);
                    }
                    if ui.button(lang.pick("丢弃", "Discard")).clicked() {
                        answer = Some(false);
                    }
                });
            });
        match answer {
            Some(true) => self.restore_recovery(),
            Some(false) => self.discard_recovery(),
            None => {}
        }
    }
}

enum Answer {
    Save,
    Discard,
    Cancel,
}

/// `path` made absolute, links resolved where it exists.
fn absolute_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| crate::ui::file_prompt::absolute(path))
}

/// True when two paths name the same file (after resolving links where possible).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Loads a dataset for a scenario given on the command line, `bundled:` included.
pub fn load_referenced_dataset(
    scenario_path: &Path,
    text: &str,
    scenario: &Scenario,
) -> Result<(Option<PathBuf>, crate::model::Dataset), crate::io::LoadError> {
    crate::io::load_referenced_dataset(scenario_path, text, scenario)
}
