//! The dataset in the window beside its scenarios: a table imported (opened as the dataset,
//! or merged into it as one undoable step) and the dataset saved as RON.

use std::path::{Path, PathBuf};

use crate::io::import::ImportSummary;
use crate::lang::Lang;
use crate::model::Dataset;
use crate::model::dataset_history::DatasetStep;
use crate::ui::app::YardstickApp;
use crate::ui::dialogs::import::{ImportDialog, ImportOutcome, TABLE_EXTENSIONS};
use crate::ui::file_prompt::{PathPrompt, PathPurpose, Picked, SaveRefusal};
use crate::ui::polish::ToastKind;
use crate::ui::state::PendingAction;

impl YardstickApp {
    /// File ▸ Import table…: the system dialog, else (no dialog can open) the typed-path
    /// window; then the import window on the table chosen.
    pub fn import_with_dialog(&mut self) {
        let title = self.state.lang.pick("导入表格", "Import table");
        let folder = self.data_folder();
        let picked = self.dialogs.system.pick(|| {
            rfd::FileDialog::new()
                .add_filter("CSV, Excel, ODS", &TABLE_EXTENSIONS)
                .set_directory(&folder)
                .set_title(title)
                .pick_file()
        });
        match picked {
            Picked::Path(path) => self.open_import(&path),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                let mut text = folder.display().to_string();
                if !text.ends_with(std::path::MAIN_SEPARATOR) {
                    text.push(std::path::MAIN_SEPARATOR);
                }
                self.dialogs.path_prompt = Some(PathPrompt::new(PathPurpose::Import, text));
            }
        }
    }

    /// Opens the import window on the table at `path` (previewed at once; nothing changes
    /// until the user commits).
    pub fn open_import(&mut self, path: &Path) {
        let path = crate::ui::file_prompt::absolute(path);
        self.dialogs.import = Some(ImportDialog::new(path));
    }

    /// The import window while it is open; carries out what the user chose there.
    pub fn import_window(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.dialogs.import.take() else {
            return;
        };
        let area = self.window_area(ctx);
        let outcome = dialog.ui(ctx, self.state.lang, area, &self.state.dataset);
        let table = dialog.options.input.clone();
        match outcome {
            None => self.dialogs.import = Some(dialog),
            Some(ImportOutcome::Closed) => {}
            Some(ImportOutcome::Open(summary)) => self.open_imported(summary.dataset, table),
            Some(ImportOutcome::Merge(summary)) => self.merge_imported(*summary, table),
        }
    }

    /// Opens imported data as the dataset, as File ▸ Open does: asks first when scenarios
    /// have unsaved changes.
    pub fn open_imported(&mut self, dataset: Dataset, table: PathBuf) {
        if self.state.scenarios.any_dirty() {
            self.dialogs.imported = Some((dataset, table));
            self.dialogs.pending = Some(PendingAction::OpenImported);
            return;
        }
        self.commit_imported(dataset, table);
    }

    /// Makes imported data the dataset (no file yet: File ▸ Save dataset as… gives one).
    pub fn commit_imported(&mut self, dataset: Dataset, table: PathBuf) {
        let message = self.imported_message(&dataset, &table);
        self.replace_dataset(dataset, None);
        self.state.dataset_unsaved = true;
        self.state.dataset_from_table = Some(table.clone());
        self.state.dataset_tables = vec![table];
        self.polish.toasts.push(ToastKind::Success, message);
    }

    /// Makes the dataset with a table merged into it the current one: one undo step.
    pub fn merge_imported(&mut self, summary: ImportSummary, table: PathBuf) {
        let message = self.merged_message(&summary.dataset, &table);
        let mark = self.active_revision();
        let unsaved = self.state.dataset_unsaved;
        let before = self.install_dataset(summary.dataset);
        self.state.dataset_history.record(DatasetStep {
            dataset: before,
            unsaved,
            mark,
        });
        self.state.dataset_unsaved = true;
        if !self.state.dataset_tables.contains(&table) {
            self.state.dataset_tables.push(table);
        }
        self.polish.toasts.push(ToastKind::Success, message);
    }

    /// What a merge adds to the current dataset: "已并入 x.csv：新增 2 个地区，…".
    fn merged_message(&self, merged: &Dataset, table: &Path) -> String {
        let now = &self.state.dataset;
        let added = |after: usize, before: usize| after.saturating_sub(before);
        let regions = added(merged.regions().len(), now.regions().len());
        let indicators = added(merged.indicators().len(), now.indicators().len());
        let values = added(merged.observations().len(), now.observations().len());
        let name = file_name(table);
        match self.state.lang {
            Lang::Zh => format!(
                "已并入 {name}：新增 {regions} 个地区，{indicators} 项指标，{values} 个观测值（可撤销）"
            ),
            Lang::En => format!(
                "Merged {name}: {regions} regions, {indicators} indicators, {values} observations added (undoable)"
            ),
        }
    }

    fn imported_message(&self, dataset: &Dataset, table: &Path) -> String {
        let name = file_name(table);
        match self.state.lang {
            Lang::Zh => format!(
                "已导入 {name}：{} 个地区，{} 项指标，{} 个观测值",
                dataset.regions().len(),
                dataset.indicators().len(),
                dataset.observations().len()
            ),
            Lang::En => format!(
                "Imported {name}: {} regions, {} indicators, {} observations",
                dataset.regions().len(),
                dataset.indicators().len(),
                dataset.observations().len()
            ),
        }
    }

    /// The active scenario's revision (`None`: none is active).
    fn active_revision(&self) -> Option<u64> {
        self.state
            .scenarios
            .active()
            .map(crate::model::document::ScenarioDoc::revision)
    }

    /// True when undo (`undo`) or redo takes a dataset step: one is waiting and it came after
    /// the active scenario's last change (the scenario is as it was then, or has nothing
    /// to undo).
    pub(crate) fn dataset_step_is_next(&self, undo: bool) -> bool {
        let history = &self.state.dataset_history;
        let step = if undo {
            history.next_undo()
        } else {
            history.next_redo()
        };
        let Some(step) = step else {
            return false;
        };
        let active = self.state.scenarios.active();
        let scenario_can = active.is_some_and(|d| if undo { d.can_undo() } else { d.can_redo() });
        step.mark == self.active_revision() || (undo && !scenario_can)
    }

    /// Brings back the dataset before the last merge.
    pub(crate) fn undo_dataset(&mut self) -> bool {
        let now = self.dataset_step_now();
        match self.state.dataset_history.undo(now) {
            Some(step) => {
                self.restore_dataset_step(step);
                true
            }
            None => false,
        }
    }

    /// Makes the last undone merge again.
    pub(crate) fn redo_dataset(&mut self) -> bool {
        let now = self.dataset_step_now();
        match self.state.dataset_history.redo(now) {
            Some(step) => {
                self.restore_dataset_step(step);
                true
            }
            None => false,
        }
    }

    /// The dataset as it is now, for the history (a copy: the views keep showing it).
    fn dataset_step_now(&self) -> DatasetStep {
        DatasetStep {
            dataset: self.state.dataset.clone(),
            unsaved: self.state.dataset_unsaved,
            mark: self.active_revision(),
        }
    }

    fn restore_dataset_step(&mut self, step: DatasetStep) {
        self.install_dataset(step.dataset);
        self.state.dataset_unsaved = step.unsaved;
        self.views.table.message = None;
    }

    /// File ▸ Save dataset as…: the system dialog, else the typed-path window.
    pub fn save_dataset_with_dialog(&mut self) {
        let folder = self.data_folder();
        let name = self.suggested_dataset_name();
        let picked = self.dialogs.system.pick(|| {
            rfd::FileDialog::new()
                .add_filter("Yardstick dataset (RON)", &["ron"])
                .set_directory(&folder)
                .set_file_name(&name)
                .save_file()
        });
        match picked {
            // The system dialog asked before replacing a file.
            Picked::Path(path) => {
                if let Err(message) = self.save_dataset_to(&path) {
                    self.error = Some(message);
                }
            }
            Picked::Cancelled => {}
            Picked::Unavailable => {
                let text = folder.join(&name).display().to_string();
                self.dialogs.path_prompt =
                    Some(PathPrompt::new(PathPurpose::SaveDataset(None), text));
            }
        }
    }

    /// Saves to a typed path: the dataset's own file only once the user has agreed
    /// (`agreed` is that path), a table imported into it never.
    pub fn save_dataset_typed(
        &mut self,
        path: &Path,
        agreed: Option<&Path>,
    ) -> Result<(), SaveRefusal> {
        let lang = self.state.lang;
        let own = self
            .state
            .dataset_path
            .as_deref()
            .is_some_and(|p| crate::io::same_file(p, path));
        if own && path.exists() && agreed != Some(path) {
            return Err(SaveRefusal::AskFirst(format!(
                "{}{}",
                lang.pick(
                    "这是数据集原来的文件；再按一次“保存”即替换它：",
                    "This is the dataset's own file; press Save again to replace it: "
                ),
                path.display()
            )));
        }
        self.save_dataset_to(path).map_err(SaveRefusal::Failed)
    }

    /// Writes the dataset to `path` as RON (atomically: a temporary file renamed over it),
    /// refusing a table imported into it; the dataset's file is then `path`. On failure
    /// nothing is written and the message names the file.
    pub fn save_dataset_to(&mut self, path: &Path) -> Result<(), String> {
        let lang = self.state.lang;
        let path = crate::ui::file_prompt::absolute(path);
        let failed = |e: &dyn std::fmt::Display| {
            format!(
                "{}{}: {e}",
                lang.pick("数据集未保存：", "The dataset was not saved: "),
                path.display()
            )
        };
        let tables: Vec<&Path> = self
            .state
            .dataset_tables
            .iter()
            .map(PathBuf::as_path)
            .collect();
        crate::io::atomic::refuse_inputs(&path, &tables).map_err(|e| failed(&e))?;
        crate::io::save_dataset(&path, &self.state.dataset).map_err(|e| failed(&e))?;
        self.state.dataset_path = Some(path.clone());
        self.state.dataset_from_table = None;
        self.state.dataset_unsaved = false;
        self.state.remembered.note_file(&path);
        self.polish.toasts.push(
            ToastKind::Success,
            format!(
                "{}{}",
                lang.pick("已保存数据集：", "Dataset saved: "),
                path.display()
            ),
        );
        Ok(())
    }

    /// The dataset's file name for the title: its file, the table it was imported from
    /// (not saved yet), or the bundled file's; `* ` first while it has unsaved changes.
    pub fn dataset_file_label(&self) -> String {
        let file = match (&self.state.dataset_path, &self.state.dataset_from_table) {
            (Some(path), _) => file_name(path),
            (None, Some(table)) => format!(
                "{}{}",
                file_name(table),
                self.state.lang.pick("（未保存）", " (not saved)")
            ),
            (None, None) => "chongqing.ron".to_owned(),
        };
        if self.state.dataset_unsaved {
            format!("* {file}")
        } else {
            file
        }
    }

    /// Where the dataset's files go by default: its folder, else the table's, else the
    /// documents folder.
    fn data_folder(&self) -> PathBuf {
        let near = self
            .state
            .dataset_path
            .clone()
            .or_else(|| self.state.dataset_tables.first().cloned());
        crate::ui::file_prompt::default_folder(near.as_deref())
    }

    /// A file name for the dataset: the table's stem (`年鉴.ron`), or the dataset file's.
    fn suggested_dataset_name(&self) -> String {
        let stem = self
            .state
            .dataset_tables
            .first()
            .or(self.state.dataset_path.as_ref())
            .and_then(|p| p.file_stem())
            .map_or_else(
                || "dataset".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
        crate::ui::file_prompt::file_name(&stem, "ron")
    }
}

/// The file name of `path` (the whole path when it has none).
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
