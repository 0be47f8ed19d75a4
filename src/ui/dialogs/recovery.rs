//! The recovery window, shown at start when copies of unsaved scenarios were left behind
//! (the program stopped without saving them): restore them or discard them.

use crate::lang::Lang;

/// Draws the window for `count` copies; `Some(true)` to restore, `Some(false)` to discard,
/// `None` until the user answers.
pub fn recovery_window_ui(ctx: &egui::Context, count: usize, lang: Lang) -> Option<bool> {
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
    answer
}
