//! The finish of the window: light or dark theme (remembered), the language the first start
//! picks from the system locale, and the Help menu with its shortcuts and about windows.
//! Toasts and the error banner are [`crate::ui::notify`]'s.

use crate::lang::Lang;
use crate::model::Dataset;
pub use crate::ui::command::shortcut_list;
pub use crate::ui::state::ThemeChoice;

/// Key of the persisted theme in eframe's storage.
pub const THEME_KEY: &str = "yardstick.theme";

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
// The polish state of the window
// ---------------------------------------------------------------------------------------------

/// Theme and the Help windows.
#[derive(Debug, Default)]
pub struct Polish {
    /// The theme chosen (persisted).
    pub theme: ThemeChoice,
    /// The shortcuts window is open.
    pub shortcuts_open: bool,
    /// The about window is open.
    pub about_open: bool,
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
}

/// Everything of this module drawn after the panels: the theme kept in force and the Help
/// windows.
pub fn show(ctx: &egui::Context, polish: &mut Polish, lang: Lang, dataset: &Dataset) {
    polish.theme.apply(ctx);
    crate::ui::dialogs::help::shortcuts_window(ctx, lang, &mut polish.shortcuts_open);
    crate::ui::dialogs::help::about_window(ctx, lang, dataset, &mut polish.about_open);
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
}
