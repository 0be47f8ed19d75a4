//! How the window is built: the one constructor that `yardstick` (its window and its
//! `screenshot` command) and the UI tests all use, so that what the tests check is the window
//! the binary opens.

use std::path::{Path, PathBuf};

use crate::io::{FileKind, LoadError, file_kind};
use crate::lang::Lang;
use crate::model::Dataset;
use crate::ui::YardstickApp;
use crate::ui::recovery::Recovery;
use crate::ui::scenario_files::load_referenced_dataset;

/// Name of the app's folder in the user's data folder (`~/.local/share/yardstick` on Linux).
pub const APP_ID: &str = "yardstick";

/// What the window opens on: a dataset, and a scenario file to open over it.
#[derive(Debug)]
pub struct Start {
    /// The dataset shown.
    pub dataset: Dataset,
    /// Its file; `None` for the bundled dataset.
    pub dataset_path: Option<PathBuf>,
    /// A scenario file to open over the dataset (with its saved view).
    pub scenario: Option<PathBuf>,
}

impl Start {
    /// The bundled dataset, no scenario.
    pub fn bundled() -> Result<Self, LoadError> {
        load_start(None)
    }
}

/// Loads the file given to the window: a dataset, a scenario with the dataset it names, or
/// (`None`) the bundled dataset.
pub fn load_start(file: Option<&Path>) -> Result<Start, LoadError> {
    let Some(path) = file else {
        return crate::bundled_dataset().map(|dataset| Start {
            dataset,
            dataset_path: None,
            scenario: None,
        });
    };
    // Read once ([`crate::io::read_input`]): bounded, regular files or pipes, and told apart
    // by the first word.
    let shown = path.display().to_string();
    let text = crate::io::read_input(path, None)?;
    if file_kind(&text) == Some(FileKind::Scenario) {
        let scenario = crate::io::parse_scenario(&shown, &text)?;
        let (dataset_path, dataset) = load_referenced_dataset(path, &text, &scenario)?;
        return Ok(Start {
            dataset,
            dataset_path,
            scenario: Some(path.to_path_buf()),
        });
    }
    Ok(Start {
        dataset: crate::io::parse_dataset(&shown, &text)?,
        dataset_path: Some(path.to_path_buf()),
        scenario: None,
    })
}

/// How the window is set up beyond what it opens.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppOptions {
    /// Yardstick's data folder: recovery copies go to its `recovery/` folder, and the copies a
    /// previous run left there are offered at start. `None`: no recovery copies.
    pub data_dir: Option<PathBuf>,
    /// The language, winning over the remembered one and the system locale
    /// (`YARDSTICK_LANG`, or `screenshot --lang`).
    pub lang: Option<Lang>,
}

impl AppOptions {
    /// The options of the window `yardstick` opens: the user's data folder (`$XDG_DATA_HOME`
    /// or `$HOME/.local/share`, then `yardstick`) and `YARDSTICK_LANG` if set.
    pub fn from_env() -> Self {
        Self {
            data_dir: user_data_dir(),
            lang: std::env::var("YARDSTICK_LANG")
                .ok()
                .and_then(|code| Lang::from_code(code.trim()).or_else(|| lang_of_locale(&code))),
        }
    }

    /// Options with recovery copies in `data_dir`.
    pub fn with_data_dir(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: Some(data_dir.into()),
            lang: None,
        }
    }
}

/// `en_US.UTF-8` and the like as a language; `None` when it names neither.
fn lang_of_locale(code: &str) -> Option<Lang> {
    let code = code.trim().to_ascii_lowercase();
    if code.starts_with("en") {
        Some(Lang::En)
    } else if code.starts_with("zh") {
        Some(Lang::Zh)
    } else {
        None
    }
}

/// Yardstick's folder in the user's data folder (`~/.local/share/yardstick` on Linux, as
/// `$HOME` and `$XDG_DATA_HOME` say).
pub fn user_data_dir() -> Option<PathBuf> {
    eframe::storage_dir(APP_ID)
}

/// The folder of the recovery copies inside a data folder.
pub fn recovery_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("recovery")
}

/// Builds the window's app: fonts, remembered settings and theme (from `cc`'s storage), the
/// language (`options.lang` wins over the remembered one), recovery copies in the data folder
/// (offered back at start when a previous run left some), then `start`'s scenario opened.
pub fn build_app(
    start: Start,
    cc: Option<&eframe::CreationContext<'_>>,
    options: &AppOptions,
) -> YardstickApp {
    let mut app = YardstickApp::new(start.dataset, start.dataset_path);
    if let Some(cc) = cc {
        app = app.with_creation_context(cc);
    }
    if let Some(lang) = options.lang {
        app.state.lang = lang;
        app.state.lang_forced = Some(lang);
    }
    if let Some(dir) = &options.data_dir {
        app.recovery = Recovery::in_dir(recovery_dir(dir));
    }
    if let Some(scenario) = &start.scenario {
        app.open_scenario(scenario);
    }
    app
}
