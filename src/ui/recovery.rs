//! The recovery copies' place and state: where unsaved scenarios are copied every few
//! seconds, and the copies a previous run left behind. Plain data and a folder listing; the
//! writing is the app's (`scenario_files.rs`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How often the recovery copy is written while there are unsaved changes.
pub const RECOVERY_INTERVAL: Duration = Duration::from_secs(5);

/// File name prefix of recovery copies in the recovery folder.
pub const RECOVERY_PREFIX: &str = "recovery-";

/// First line of a recovery copy of a scenario that has a file: where it was saved.
pub const SAVED_AT: &str = "// yardstick recovery of: ";

/// Recovery copies found at start, waiting for "restore" or "discard".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecoveryOffer {
    /// The recovery files found.
    pub files: Vec<PathBuf>,
}

/// The recovery state of the window.
#[derive(Debug, Default)]
pub struct Recovery {
    /// Folder of the recovery copies; `None` disables them (tests, screenshots).
    pub dir: Option<PathBuf>,
    /// When the copies were last written.
    pub(crate) last_write: Option<Instant>,
    /// What was last written (to skip identical writes).
    pub(crate) last_text: Vec<String>,
    /// Copies found at start, offered to the user.
    pub offer: Option<RecoveryOffer>,
    /// The last problem writing copies, said once.
    pub(crate) last_problem: Option<String>,
}

impl Recovery {
    /// Recovery in `dir`, offering the copies a previous run left behind.
    pub fn in_dir(dir: PathBuf) -> Self {
        let files = recovery_files(&dir);
        Self {
            dir: Some(dir),
            offer: (!files.is_empty()).then_some(RecoveryOffer { files }),
            ..Self::default()
        }
    }
}

/// The recovery copies in `dir`, sorted.
pub fn recovery_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(RECOVERY_PREFIX) && n.ends_with(".ron"))
        })
        .collect();
    files.sort();
    files
}
