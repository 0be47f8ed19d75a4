//! The finish of the window: light or dark theme (remembered), the language the first start
//! picks from the system locale, the Help menu with its shortcuts and about windows, and
//! toasts (short messages that fade after a few seconds).

use std::collections::{HashSet, VecDeque};

use crate::lang::Lang;
use crate::model::Dataset;
pub use crate::ui::command::shortcut_list;
pub use crate::ui::state::ThemeChoice;

/// Key of the persisted theme in eframe's storage.
pub const THEME_KEY: &str = "yardstick.theme";

/// How long a toast stays on screen, in seconds.
pub const TOAST_SECONDS: f64 = 4.0;

/// At most this many toasts are shown at once (the oldest go first).
const MAX_TOASTS: usize = 5;

pub use crate::ui::dialogs::help::FONT_LICENCE;

// ---------------------------------------------------------------------------------------------
// Language from the system locale
// ---------------------------------------------------------------------------------------------

/// The language for a locale string such as `zh_CN.UTF-8`, `en_US.UTF-8` or `en`: Chinese
/// for `zh…`, English for `en…`, Chinese for anything else (the data's own language), for
/// `C`/`POSIX` and for no locale at all.
pub fn lang_from_locale(locale: Option<&str>) -> Lang {
    let code = locale
        .map(str::trim)
        .unwrap_or_default()
        .to_ascii_lowercase();
    if code.starts_with("en") {
        Lang::En
    } else {
        // "zh…" and everything unknown alike: the app's default.
        Lang::Zh
    }
}

/// The locale the first start follows: `YARDSTICK_LANG` (an override, e.g. `en`), else the
/// POSIX order `LC_ALL`, `LC_MESSAGES`, `LANG`; the first one set and not empty.
pub fn system_locale() -> Option<String> {
    ["YARDSTICK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
}

// ---------------------------------------------------------------------------------------------
// Theme
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// The polish state of the window
// ---------------------------------------------------------------------------------------------

/// Theme, toasts and the Help windows.
#[derive(Debug, Default)]
pub struct Polish {
    /// The theme chosen (persisted).
    pub theme: ThemeChoice,
    /// Messages fading in the corner.
    pub toasts: Toasts,
    /// The shortcuts window is open.
    pub shortcuts_open: bool,
    /// The about window is open.
    pub about_open: bool,
    /// The error last seen in `YardstickApp::error`, so that each new one makes one toast.
    last_error: Option<String>,
}

impl Polish {
    /// Restores the persisted theme from eframe's storage and applies it.
    pub fn restore(&mut self, cc: &eframe::CreationContext<'_>) {
        if let Some(theme) = cc
            .storage
            .and_then(|s| eframe::get_value::<ThemeChoice>(s, THEME_KEY))
        {
            self.theme = theme;
        }
        self.theme.apply(&cc.egui_ctx);
    }

    /// Makes a toast for `error` when it is new (another text than last seen).
    pub fn note_error(&mut self, error: Option<&str>) {
        if error == self.last_error.as_deref() {
            return;
        }
        self.last_error = error.map(str::to_owned);
        if let Some(error) = error {
            self.toasts.push(ToastKind::Error, error);
        }
    }
}

/// Everything of this module drawn after the panels: the theme kept in force, a toast for a
/// new error, the Help windows and the toasts.
pub fn show(
    ctx: &egui::Context,
    polish: &mut Polish,
    lang: Lang,
    error: Option<&str>,
    dataset: &Dataset,
) {
    polish.theme.apply(ctx);
    polish.note_error(error);
    crate::ui::dialogs::help::shortcuts_window(ctx, lang, &mut polish.shortcuts_open);
    crate::ui::dialogs::help::about_window(ctx, lang, dataset, &mut polish.about_open);
    let now = ctx.input(|i| i.time);
    polish.toasts.show(ctx, now);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_decides_the_first_language() {
        assert_eq!(lang_from_locale(Some("zh_CN.UTF-8")), Lang::Zh);
        assert_eq!(lang_from_locale(Some("zh_TW")), Lang::Zh);
        assert_eq!(lang_from_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(lang_from_locale(Some("EN_gb")), Lang::En);
        assert_eq!(lang_from_locale(Some("en")), Lang::En);
        assert_eq!(lang_from_locale(Some("C")), Lang::Zh);
        assert_eq!(lang_from_locale(Some("POSIX")), Lang::Zh);
        assert_eq!(lang_from_locale(Some("de_DE.UTF-8")), Lang::Zh);
        assert_eq!(lang_from_locale(Some("")), Lang::Zh);
        assert_eq!(lang_from_locale(None), Lang::Zh);
    }

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

    #[test]
    fn a_new_error_makes_one_toast() {
        let mut polish = Polish::default();
        polish.note_error(Some("bad"));
        polish.note_error(Some("bad"));
        assert_eq!(polish.toasts.len(), 1);
        polish.note_error(None);
        polish.note_error(Some("bad"));
        assert_eq!(
            polish.toasts.len(),
            2,
            "the same error again, after it was gone"
        );
    }
}
