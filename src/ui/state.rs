//! The window's plain state types: the view open, what is picked to look at, the theme.
//! No egui widgets here (only egui's theme preference), so commands and views can share them
//! without importing the app.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::chart::{ChartKind, ViewMode};
use crate::lang::Lang;
use crate::model::compare::RowFilter;
use crate::model::document::Scenarios;
use crate::model::{Dataset, IndicatorIdx, SavedView};

/// The central view shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
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

/// What the user has picked to look at. Plain data; the app turns it into a chart
/// selection.
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
    /// Bars of one year: each region's latest value up to that year, at most
    /// [`crate::model::latest::DEFAULT_TOLERANCE`] years back, its year under its bar.
    pub latest: bool,
}

impl View {
    /// The views in tab order (Ctrl+1 … Ctrl+5).
    pub const ALL: [View; 5] = [
        Self::Chart,
        Self::Table,
        Self::Compare,
        Self::Targets,
        Self::Rankings,
    ];
}

impl Picks {
    /// How many years back "latest value up to the year" looks: `None` when it is off.
    pub fn tolerance(&self) -> Option<u32> {
        self.latest
            .then_some(crate::model::latest::DEFAULT_TOLERANCE)
    }

    /// Everything shown, the first indicator, the latest year.
    pub fn all(dataset: &Dataset) -> Self {
        Self {
            indicator: IndicatorIdx(0),
            regions: vec![true; dataset.regions().len()],
            years: None,
            kind: ChartKind::Bar,
            mode: ViewMode::Absolute,
            log_scale: false,
            latest: false,
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
        picks.latest = self.latest;
        picks
    }
}

/// The colour theme the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system's light or dark setting (the default).
    #[default]
    System,
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
}

impl ThemeChoice {
    /// The three choices, in menu order.
    pub const ALL: [ThemeChoice; 3] = [Self::System, Self::Light, Self::Dark];

    /// The menu label.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::System => lang.pick("跟随系统", "Follow system"),
            Self::Light => lang.pick("浅色主题", "Light theme"),
            Self::Dark => lang.pick("深色主题", "Dark theme"),
        }
    }

    /// egui's preference for this choice.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }

    /// Makes `ctx` use this theme (does nothing when it already does).
    pub fn apply(self, ctx: &egui::Context) {
        let wanted = self.preference();
        if ctx.options(|o| o.theme_preference) != wanted {
            ctx.set_theme(wanted);
        }
    }
}

/// Something the user asked for that would lose unsaved scenario changes; it waits for
/// their answer (save, discard, cancel).
#[derive(Clone, Debug, PartialEq)]
pub enum PendingAction {
    /// Close the window.
    Quit,
    /// Open this file (a dataset replaces the data the scenarios are built on).
    Open(PathBuf),
    /// Close scenario `index`.
    CloseScenario(usize),
    /// Open the imported table waiting in [`crate::ui::app::DialogState::imported`] as the
    /// dataset.
    OpenImported,
    /// Open the dataset waiting in [`crate::ui::app::DialogState::loaded`] (loaded on the
    /// worker thread while scenarios were changed).
    OpenLoaded,
}

/// The document and what the user picked to look at: what views read besides derived data.
#[derive(Debug)]
pub struct AppState {
    /// The data open now.
    pub dataset: Dataset,
    /// Where it came from; `None` for the bundled dataset.
    pub dataset_path: Option<PathBuf>,
    /// Revision of the dataset: bumped whenever another one is opened.
    pub dataset_rev: u64,
    /// The dataset has changes its file lacks (imported, or a table merged into it).
    pub dataset_unsaved: bool,
    /// The table the dataset was imported from, while it has no file of its own.
    pub dataset_from_table: Option<PathBuf>,
    /// The tables imported into the dataset since it was opened: never written over.
    pub dataset_tables: Vec<PathBuf>,
    /// Undo and redo of merges into the dataset.
    pub dataset_history: crate::model::dataset_history::DatasetHistory,
    /// The scenarios open, and the active one (each with its revision).
    pub scenarios: Scenarios,
    /// What is picked in the side panel.
    pub picks: Picks,
    /// UI and data language.
    pub lang: Lang,
    /// The language given explicitly at start (`YARDSTICK_LANG`, `--lang`): it wins for this
    /// run and is not remembered as the user's choice.
    pub lang_forced: Option<Lang>,
    /// Central view.
    pub view: View,
    /// The composite score's indicators and weights (not saved in scenario files).
    pub composite_weights: Vec<(IndicatorIdx, f64)>,
    /// What is remembered between runs (eframe storage): view, picks, recent files.
    pub remembered: Remembered,
}

/// Key of [`Remembered`] in eframe's storage.
pub const REMEMBERED_KEY: &str = "yardstick.remembered";

/// How many recent files are remembered.
pub const RECENT_LIMIT: usize = 8;

/// What the window remembers between runs in eframe's storage (beside the language and the
/// theme, kept under their own keys): the view open, the picks by id, the files used lately.
/// Each field has a default, so a storage written by another version still loads.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Remembered {
    /// The central view open last.
    pub view: View,
    /// The dataset the picks were made on (`None`: the bundled one); picks are restored only
    /// on the same dataset.
    pub dataset: Option<PathBuf>,
    /// The picks, by id, as a scenario file saves them.
    pub picks: Option<SavedView>,
    /// Files opened or saved lately, the latest first.
    pub recent_files: Vec<PathBuf>,
    /// The compare view lists every row, not only those a scenario changes.
    pub compare_all_rows: bool,
}

impl Remembered {
    /// Which rows the compare view lists.
    pub fn compare_rows(&self) -> RowFilter {
        if self.compare_all_rows {
            RowFilter::All
        } else {
            RowFilter::Changed
        }
    }
}

impl Remembered {
    /// Puts `path` first in the recent files (once), keeping at most [`RECENT_LIMIT`].
    pub fn note_file(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_path_buf());
        self.recent_files.truncate(RECENT_LIMIT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_latest_first_once_and_bounded() {
        let mut r = Remembered::default();
        for i in 0..10 {
            r.note_file(Path::new(&format!("f{i}.ron")));
        }
        r.note_file(Path::new("f5.ron"));
        assert_eq!(r.recent_files.len(), RECENT_LIMIT);
        assert_eq!(r.recent_files[0], Path::new("f5.ron"));
        assert_eq!(r.recent_files[1], Path::new("f9.ron"));
        assert_eq!(
            r.recent_files
                .iter()
                .filter(|p| *p == Path::new("f5.ron"))
                .count(),
            1
        );
    }

    #[test]
    fn an_older_storage_without_some_fields_still_loads() {
        let r: Remembered = ron::from_str("(view: Targets)").expect("loads");
        assert_eq!(r.view, View::Targets);
        assert!(r.picks.is_none() && r.recent_files.is_empty());
    }
}
