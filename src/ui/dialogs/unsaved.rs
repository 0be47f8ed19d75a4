//! The unsaved-changes window: asked before quitting, opening other data or deleting a
//! scenario would lose unsaved scenario changes. It names the scenarios and answers; the
//! app saves, discards or cancels.

use crate::lang::Lang;

/// The user's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Save the scenarios named, then go on.
    Save,
    /// Go on without saving.
    Discard,
    /// Do nothing.
    Cancel,
}

/// Draws the window naming `names`; `None` until the user answers.
pub fn unsaved_window_ui(ctx: &egui::Context, names: &[String], lang: Lang) -> Option<Answer> {
    let mut answer = None;
    egui::Window::new(lang.pick("未保存的更改", "Unsaved changes"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label(match lang {
                Lang::Zh => format!("以下情景有未保存的更改：{}", names.join("、")),
                Lang::En => format!("These scenarios have unsaved changes: {}", names.join(", ")),
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
    answer
}
