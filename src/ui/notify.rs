//! One channel for what the window tells the user (DESIGN.md, "The window"). A failure is a
//! [`Problem`]: it keeps the typed error it reports (a [`LoadError`] with its file, line and
//! column, an `io::Error`) until it is shown, and is put into words only then, in the
//! language of the moment. [`Notifier::report`] is the one way a failure reaches the user: the
//! error banner above the views (until dismissed or replaced), one toast, and one line on
//! standard error. Successes and information are toasts only ([`Notifier::success`],
//! [`Notifier::info`]).
//!
//! What is not here, on purpose: a widget's own validation message shown beside the widget
//! (a table cell's typed text, the typed-path window's path, the import preview, the export
//! window's status). Those say what is wrong with what the user is typing, where they type it.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::path::PathBuf;

use crate::io::LoadError;
use crate::lang::Lang;
use crate::ui::i18n::Text;

/// How long a toast stays on screen, in seconds.
pub const TOAST_SECONDS: f64 = 4.0;

/// At most this many toasts are shown at once (the oldest go first).
const MAX_TOASTS: usize = 5;

// ---------------------------------------------------------------------------------------------
// Problems
// ---------------------------------------------------------------------------------------------

/// A failure the window reports, with the typed error behind it.
#[derive(Debug)]
pub enum Problem {
    /// A dataset file could not be opened; the data open before stays.
    OpenDataset(LoadError),
    /// The dataset compiled into the program could not be read (a defect of the build).
    BundledDataset(LoadError),
    /// A scenario file (or the dataset it names) could not be opened.
    OpenScenario {
        /// The scenario file.
        path: PathBuf,
        /// Why: about the scenario or about its dataset.
        error: LoadError,
    },
    /// The scenario is built on another dataset while scenarios have unsaved changes.
    ScenarioOnOtherData,
    /// The scenario opened, but these entries do not fit the dataset and are not applied.
    EntriesNotApplied(LoadError),
    /// The dataset could not be written; the file on disk is unchanged.
    DatasetNotSaved {
        /// Where it was to go.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// The scenario could not be written; the file on disk is unchanged.
    ScenarioNotSaved {
        /// Where it was to go.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// A scenario on an imported dataset that has no file yet would name no data.
    ImportedDatasetHasNoFile,
    /// Save was asked for with no scenario open.
    NoScenarioToSave,
    /// The recovery folder cannot be written (or emptied).
    RecoveryNotWritten {
        /// The recovery folder.
        dir: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// Recovery copies that could not be restored, each with why.
    RecoveryNotRestored(Vec<(PathBuf, RestoreFailure)>),
}

/// Why one recovery copy was not restored.
#[derive(Debug)]
pub enum RestoreFailure {
    /// It could not be read (or its dataset could not).
    Load(LoadError),
    /// It was made on other data than is open, and other scenarios are open.
    OtherDataset,
}

impl Problem {
    /// The message in `lang`: what failed, then the typed error's own words (file, line,
    /// column).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::OpenDataset(err) => format!("{}\n{err}", Text::OpenFailed.get(lang)),
            Problem::BundledDataset(err) => err.to_string(),
            Problem::OpenScenario { path, error } => format!(
                "{}{}\n{error}",
                lang.pick("无法打开情景：", "Cannot open the scenario: "),
                path.display()
            ),
            Problem::ScenarioOnOtherData => lang
                .pick(
                    "该情景基于另一个数据集：请先保存或关闭有未保存更改的情景",
                    "This scenario is built on another dataset: save or close the scenarios with unsaved changes first",
                )
                .to_owned(),
            Problem::EntriesNotApplied(err) => format!(
                "{}\n{err}",
                lang.pick(
                    "情景中以下条目与数据集不符，未被应用：",
                    "These entries of the scenario do not fit the dataset and are not applied:"
                )
            ),
            Problem::DatasetNotSaved { path, error } => format!(
                "{}{}: {error}",
                lang.pick("数据集未保存：", "The dataset was not saved: "),
                path.display()
            ),
            Problem::ScenarioNotSaved { path, error } => format!(
                "{}{}: {error}",
                lang.pick(
                    "保存失败（原文件未改动）：",
                    "Saving failed (the file on disk is unchanged): "
                ),
                path.display()
            ),
            Problem::ImportedDatasetHasNoFile => lang
                .pick(
                    "情景未保存：导入的数据集还没有文件，请先用“文件”菜单的“数据集另存为…”保存数据集",
                    "The scenario was not saved: the imported dataset has no file yet; save it first with Save dataset as… in the File menu",
                )
                .to_owned(),
            Problem::NoScenarioToSave => lang
                .pick("没有要保存的情景", "There is no scenario to save")
                .to_owned(),
            Problem::RecoveryNotWritten { dir, error } => format!(
                "{}{}: {error}",
                lang.pick("无法写入恢复副本：", "Cannot write the recovery copy: "),
                dir.display()
            ),
            Problem::RecoveryNotRestored(failures) => failures
                .iter()
                .map(|(file, why)| match why {
                    RestoreFailure::Load(err) => err.to_string(),
                    RestoreFailure::OtherDataset => format!(
                        "{}: {}",
                        file.display(),
                        lang.pick(
                            "基于另一个数据集，未恢复",
                            "built on another dataset, not restored"
                        )
                    ),
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

impl fmt::Display for Problem {
    /// The message in Chinese, the data's language (the window uses [`Problem::message`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Zh))
    }
}

// ---------------------------------------------------------------------------------------------
// The notifier
// ---------------------------------------------------------------------------------------------

/// The window's one notification channel: the error banner and the toasts.
#[derive(Debug, Default)]
pub struct Notifier {
    /// The failure shown above the views until dismissed (or replaced by the next one).
    banner: Option<Problem>,
    /// Messages fading in the corner.
    pub toasts: Toasts,
}

impl Notifier {
    /// Reports a failure: the banner, one toast and one line on standard error, in `lang`.
    pub fn report(&mut self, problem: Problem, lang: Lang) {
        self.toasts.push(ToastKind::Error, problem.message(lang));
        self.banner = Some(problem);
    }

    /// Reports a failure that is not kept in the banner (it is also said where it happened,
    /// such as the typed-path window): one toast and one line on standard error.
    pub fn flash(&mut self, problem: &Problem, lang: Lang) {
        self.toasts.push(ToastKind::Error, problem.message(lang));
    }

    /// A toast saying something worked.
    pub fn success(&mut self, text: impl Into<String>) {
        self.toasts.push(ToastKind::Success, text);
    }

    /// A toast saying something happened.
    pub fn info(&mut self, text: impl Into<String>) {
        self.toasts.push(ToastKind::Info, text);
    }

    /// The failure in the banner, if any.
    pub fn banner(&self) -> Option<&Problem> {
        self.banner.as_ref()
    }

    /// The banner's message in `lang`.
    pub fn banner_message(&self, lang: Lang) -> Option<String> {
        self.banner.as_ref().map(|p| p.message(lang))
    }

    /// Takes the banner down (the data it was about changed, or the user dismissed it).
    pub fn clear(&mut self) {
        self.banner = None;
    }

    /// Draws the banner (if any) with its dismiss button, in `lang`.
    pub fn banner_ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let Some(message) = self.banner_message(lang) else {
            return;
        };
        egui::Frame::new()
            .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
            .stroke(egui::Stroke::new(1.0, ui.visuals().error_fg_color))
            .inner_margin(8)
            .show(ui, |ui| {
                // The button first: a long message wraps below it instead of pushing it away.
                if ui.button(Text::Dismiss.get(lang)).clicked() {
                    self.clear();
                }
                ui.add(egui::Label::new(egui::RichText::new(&message).monospace()).wrap());
            });
        ui.add_space(4.0);
    }
}

// ---------------------------------------------------------------------------------------------
// Toasts
// ---------------------------------------------------------------------------------------------

/// What a toast reports; sets its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    /// Something happened (a rule was added).
    Info,
    /// Something worked (saved, exported).
    Success,
    /// Something failed; also written once to standard error.
    Error,
}

/// One transient message.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    /// Its kind.
    pub kind: ToastKind,
    /// Its text.
    pub text: String,
    /// When it was first shown (`egui` input time, seconds); `None` until then.
    since: Option<f64>,
}

/// A small queue of toasts shown bottom-right for [`TOAST_SECONDS`] each.
///
/// Toasts are painted, not made of widgets: they repeat what the window already says
/// elsewhere (the error banner, the saved scenario's title) and would otherwise give a
/// screen reader, and UI tests, the same text twice.
#[derive(Debug, Default)]
pub struct Toasts {
    queue: VecDeque<Toast>,
    logged: HashSet<String>,
}

impl Toasts {
    /// Adds a message. An error is also written to standard error, once per distinct text.
    pub fn push(&mut self, kind: ToastKind, text: impl Into<String>) {
        let text = text.into();
        if kind == ToastKind::Error && self.logged.insert(text.clone()) {
            eprintln!("yardstick: {text}");
        }
        self.queue.push_back(Toast {
            kind,
            text,
            since: None,
        });
        while self.queue.len() > MAX_TOASTS {
            self.queue.pop_front();
        }
    }

    /// The toasts waiting or on screen, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &Toast> {
        self.queue.iter()
    }

    /// How many toasts are waiting or on screen.
    pub fn len(&self) -> usize {
        self.queue.len()
    }

    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// Drops the toasts shown for [`TOAST_SECONDS`] by `now` and starts the clock of new ones;
    /// returns the seconds until the next one expires.
    pub fn expire(&mut self, now: f64) -> Option<f64> {
        for toast in &mut self.queue {
            toast.since.get_or_insert(now);
        }
        self.queue
            .retain(|t| t.since.is_none_or(|since| now - since < TOAST_SECONDS));
        self.queue
            .iter()
            .filter_map(|t| t.since)
            .map(|since| TOAST_SECONDS - (now - since))
            .reduce(f64::min)
    }

    /// Paints the toasts in the bottom-right corner at time `now` (seconds, as
    /// `ctx.input(|i| i.time)`), and asks for a repaint when the next one is due to go.
    pub fn show(&mut self, ctx: &egui::Context, now: f64) {
        let Some(next) = self.expire(now) else {
            return;
        };
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(next.max(0.05)));
        egui::Area::new(egui::Id::unique("yardstick_toasts"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -12.0))
            .order(egui::Order::Foreground)
            .interactable(false)
            .show(ctx, |ui| {
                let dark = ui.visuals().dark_mode;
                let font = egui::TextStyle::Body.resolve(ui.style());
                for toast in &self.queue {
                    let (fill, text_colour) = toast_colours(toast.kind, dark);
                    let galley =
                        ui.painter()
                            .layout(toast.text.clone(), font.clone(), text_colour, 360.0);
                    let margin = egui::vec2(12.0, 8.0);
                    let (rect, _) =
                        ui.allocate_exact_size(galley.size() + 2.0 * margin, egui::Sense::hover());
                    ui.painter().rect(
                        rect,
                        6.0,
                        fill,
                        egui::Stroke::new(1.0, text_colour.gamma_multiply(0.4)),
                        egui::StrokeKind::Inside,
                    );
                    ui.painter().galley(rect.min + margin, galley, text_colour);
                    ui.add_space(4.0);
                }
            });
    }
}

/// The toast after a scenario was saved to `path`: "已保存：name.ron".
pub fn saved_message(lang: Lang, path: &std::path::Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!("{}{name}", lang.pick("已保存：", "Saved: "))
}

/// Background and text colour of a toast.
fn toast_colours(kind: ToastKind, dark: bool) -> (egui::Color32, egui::Color32) {
    use egui::Color32;
    match (kind, dark) {
        (ToastKind::Info, false) => (
            Color32::from_rgb(232, 240, 254),
            Color32::from_rgb(23, 55, 110),
        ),
        (ToastKind::Info, true) => (
            Color32::from_rgb(30, 45, 70),
            Color32::from_rgb(200, 220, 255),
        ),
        (ToastKind::Success, false) => (
            Color32::from_rgb(230, 246, 234),
            Color32::from_rgb(20, 90, 40),
        ),
        (ToastKind::Success, true) => (
            Color32::from_rgb(25, 60, 35),
            Color32::from_rgb(190, 240, 200),
        ),
        (ToastKind::Error, false) => (
            Color32::from_rgb(253, 234, 234),
            Color32::from_rgb(150, 20, 20),
        ),
        (ToastKind::Error, true) => (
            Color32::from_rgb(80, 25, 25),
            Color32::from_rgb(255, 200, 200),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::error::ErrorKind;

    #[test]
    fn toasts_expire_after_their_time_and_errors_log_once() {
        let mut toasts = Toasts::default();
        toasts.push(ToastKind::Success, "已保存");
        assert_eq!(toasts.expire(10.0), Some(TOAST_SECONDS));
        toasts.push(ToastKind::Error, "x");
        toasts.push(ToastKind::Error, "x");
        assert_eq!(toasts.logged.len(), 1);
        assert_eq!(toasts.len(), 3);
        // The first toast started at 10, the errors start now.
        assert!((toasts.expire(12.0).unwrap() - 2.0).abs() < 1e-9);
        toasts.expire(14.5);
        assert_eq!(toasts.len(), 2, "the first one went after 4 s");
        assert_eq!(toasts.expire(16.5), None);
        assert!(toasts.is_empty());
    }

    fn broken(path: &str) -> LoadError {
        LoadError::single(path, ErrorKind::Empty, None, "the file is empty")
    }

    #[test]
    fn a_report_makes_the_banner_and_one_toast_in_the_language_of_the_moment() {
        let mut notify = Notifier::default();
        notify.report(Problem::OpenDataset(broken("a.ron")), Lang::En);
        assert_eq!(notify.toasts.len(), 1);
        let en = notify.banner_message(Lang::En).expect("a banner");
        assert!(en.starts_with("Could not open the file\n"), "{en}");
        assert!(en.contains("a.ron"), "the typed error's file is kept: {en}");
        // Kept typed: the same banner reads in Chinese after a language switch.
        let zh = notify.banner_message(Lang::Zh).expect("a banner");
        assert!(zh.starts_with("无法打开文件\n"), "{zh}");
        notify.clear();
        assert!(notify.banner().is_none());
        assert_eq!(
            notify.toasts.len(),
            1,
            "clearing the banner keeps the toast"
        );
    }

    #[test]
    fn a_flash_is_a_toast_without_a_banner() {
        let mut notify = Notifier::default();
        notify.flash(&Problem::NoScenarioToSave, Lang::Zh);
        assert!(notify.banner().is_none());
        assert_eq!(
            notify.toasts.iter().next().map(|t| t.text.as_str()),
            Some("没有要保存的情景")
        );
    }

    #[test]
    fn recovery_failures_name_each_file() {
        let problem = Problem::RecoveryNotRestored(vec![
            (
                PathBuf::from("/r/a.ron"),
                RestoreFailure::Load(broken("/r/a.ron")),
            ),
            (PathBuf::from("/r/b.ron"), RestoreFailure::OtherDataset),
        ]);
        let text = problem.message(Lang::En);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].contains("/r/a.ron"), "{text}");
        assert_eq!(
            lines.last().copied(),
            Some("/r/b.ron: built on another dataset, not restored")
        );
    }
}
