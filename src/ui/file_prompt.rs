//! Files by path: the system file dialog when one can open, else the typed-path window.
//!
//! With no desktop portal (a bare X server, a container), rfd's dialogs return `None` at once,
//! exactly as when the user cancels. A dialog that "answers" faster than a person can is taken
//! as "no dialog could open": the typed-path window opens instead and later file actions go
//! straight to it. Every action reports its outcome: a toast with the full path written, or
//! the error (in the window, which stays open to correct the path).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::lang::Lang;
use crate::ui::state::PendingAction;

/// A dialog that returns `None` sooner than this was not seen by the user.
const TOO_FAST: Duration = Duration::from_millis(300);

/// What the typed-path window is for.
#[derive(Clone, Debug, PartialEq)]
pub enum PathPurpose {
    /// Open a dataset or scenario.
    Open,
    /// Save the active scenario to the path, then carry out the action waiting (if any).
    SaveScenario(Option<PendingAction>),
    /// Import the table at the path (the import window opens on it).
    Import,
    /// Save the current dataset to the path; `Some(path)`: the user has agreed to replace
    /// that file (the one the dataset came from).
    SaveDataset(Option<PathBuf>),
}

/// The typed-path window's state.
#[derive(Clone, Debug, PartialEq)]
pub struct PathPrompt {
    /// What happens with the path.
    pub purpose: PathPurpose,
    /// The path as typed.
    pub text: String,
    /// Why the last attempt failed, shown in the window.
    pub error: Option<String>,
    /// Give the text field the keyboard on the next frame.
    pub focus: bool,
}

impl PathPrompt {
    /// A window for `purpose`, pre-filled with `text`.
    pub fn new(purpose: PathPurpose, text: impl Into<String>) -> Self {
        Self {
            purpose,
            text: text.into(),
            error: None,
            focus: true,
        }
    }

    /// The window's title.
    pub fn title(&self, lang: Lang) -> &'static str {
        match self.purpose {
            PathPurpose::Open => crate::ui::i18n::Text::OpenPath.get(lang),
            PathPurpose::SaveScenario(_) => lang.pick("情景保存为", "Save scenario as"),
            PathPurpose::Import => lang.pick("导入表格", "Import table"),
            PathPurpose::SaveDataset(_) => lang.pick("数据集另存为", "Save dataset as"),
        }
    }
}

/// What a system dialog gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Picked {
    /// The user chose this path.
    Path(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog could open: use the typed-path window.
    Unavailable,
}

/// Whether the system dialog can be used; learnt from the first try.
#[derive(Clone, Debug, Default)]
pub struct Dialogs {
    /// Set once a dialog failed to open: later actions use the typed-path window at once.
    pub unavailable: bool,
}

impl Dialogs {
    /// Shows a system dialog (`show` runs rfd) unless none can open here.
    pub fn pick(&mut self, show: impl FnOnce() -> Option<PathBuf>) -> Picked {
        self.pick_where(portal_possible(), show)
    }

    /// [`Self::pick`] where a portal is (`portal`) or is not possible: a dialog answering
    /// "cancelled" faster than [`TOO_FAST`] was never seen, and later picks skip it.
    fn pick_where(&mut self, portal: bool, show: impl FnOnce() -> Option<PathBuf>) -> Picked {
        if self.unavailable || !portal {
            self.unavailable = true;
            return Picked::Unavailable;
        }
        let started = Instant::now();
        match show() {
            Some(path) => Picked::Path(path),
            None if started.elapsed() < TOO_FAST => {
                self.unavailable = true;
                Picked::Unavailable
            }
            None => Picked::Cancelled,
        }
    }
}

/// False when a file dialog certainly cannot open: on Linux and the BSDs, rfd's portal needs a
/// D-Bus session bus.
fn portal_possible() -> bool {
    if !cfg!(all(unix, not(target_os = "macos"))) {
        return true;
    }
    if std::env::var_os("YARDSTICK_NO_FILE_DIALOG").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    let runtime_bus =
        std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|dir| Path::new(&dir).join("bus").exists());
    bus || runtime_bus
}

/// Where a new file goes by default: `near`'s folder (the scenario's), else the user's
/// documents folder (`~/Documents`, `~/文档`) if it exists, else the home folder, else the
/// working folder.
pub fn default_folder(near: Option<&Path>) -> PathBuf {
    if let Some(dir) = near.and_then(Path::parent).filter(|d| d.is_dir()) {
        return absolute(dir);
    }
    if let Some(home) = std::env::home_dir() {
        for docs in ["Documents", "文档"] {
            let dir = home.join(docs);
            if dir.is_dir() {
                return dir;
            }
        }
        if home.is_dir() {
            return home;
        }
    }
    std::env::current_dir().unwrap_or_default()
}

/// `path` made absolute (against the working folder) without touching the disk.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A file name from `name`: characters a file system refuses replaced by `_`.
pub fn file_name(name: &str, ext: &str) -> String {
    let clean: String = name
        .trim()
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let stem = if clean.is_empty() { "scenario" } else { &clean };
    format!("{stem}.{ext}")
}

/// Why a dataset was not saved to a typed path.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveRefusal {
    /// The path is the dataset's own file: saving again replaces it (the message asks).
    AskFirst(String),
    /// Refused or failed; the message names the file. Nothing was written.
    Failed(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dialog_that_answers_at_once_was_never_shown() {
        let mut dialogs = Dialogs::default();
        if portal_possible() {
            assert_eq!(dialogs.pick(|| None), Picked::Unavailable);
        } else {
            assert_eq!(
                dialogs.pick(|| panic!("no dialog is tried")),
                Picked::Unavailable
            );
        }
        assert!(dialogs.unavailable);
        assert_eq!(
            dialogs.pick(|| panic!("not tried again")),
            Picked::Unavailable
        );
    }

    /// With a portal (a desktop session), the answer's speed tells a cancel from a dialog
    /// that never showed: tested whatever the machine (this one has no D-Bus).
    #[test]
    fn with_a_portal_an_instant_cancel_means_no_dialog_and_a_slow_one_a_cancel() {
        let mut slow = Dialogs::default();
        let answer = slow.pick_where(true, || {
            std::thread::sleep(TOO_FAST + Duration::from_millis(50));
            None
        });
        assert_eq!(answer, Picked::Cancelled);
        assert!(!slow.unavailable, "the user cancelled: the dialog works");
        assert_eq!(
            slow.pick_where(true, || Some(PathBuf::from("/tmp/a.ron"))),
            Picked::Path(PathBuf::from("/tmp/a.ron"))
        );
        let mut instant = Dialogs::default();
        assert_eq!(instant.pick_where(true, || None), Picked::Unavailable);
        assert!(instant.unavailable);
        assert_eq!(
            instant.pick_where(true, || panic!("not tried again")),
            Picked::Unavailable
        );
    }

    #[test]
    fn file_names_lose_what_file_systems_refuse() {
        assert_eq!(file_name("万盛 2025/冲刺", "ron"), "万盛 2025_冲刺.ron");
        assert_eq!(file_name("  ", "ron"), "scenario.ron");
    }

    #[test]
    fn the_default_folder_is_the_scenarios_own() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("s.ron");
        assert_eq!(default_folder(Some(&file)), dir.path());
        assert!(default_folder(None).is_absolute());
    }
}
