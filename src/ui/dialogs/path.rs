//! The typed-path window: where a file is opened, imported or saved when no system file
//! dialog can open (no desktop portal), or when the user asks to type the path. It only draws
//! and answers; the app carries out the answer (and puts any error back in the prompt).

use crate::lang::Lang;
use crate::ui::file_prompt::{PathPrompt, PathPurpose};
use crate::ui::i18n::Text;

/// What the user did in the window this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathAnswer {
    /// The action button, or Enter in the path field: go with the typed path.
    Go,
    /// Cancel: close the window.
    Cancel,
}

/// Draws the window for `prompt` (its text edited in place) inside `area`; `None` while the
/// user has not answered.
pub fn path_window_ui(
    ctx: &egui::Context,
    prompt: &mut PathPrompt,
    lang: Lang,
    area: egui::Rect,
) -> Option<PathAnswer> {
    let mut keep_open = true;
    let mut go = false;
    let hint = match prompt.purpose {
        PathPurpose::Open => Text::PathHint.get(lang),
        PathPurpose::SaveScenario(_) => lang.pick("情景文件路径（.ron）", "Scenario file (.ron)"),
        PathPurpose::Import => lang.pick(
            "表格文件路径（.csv .xlsx .xls .ods）",
            "Table file (.csv .xlsx .xls .ods)",
        ),
        PathPurpose::SaveDataset(_) => lang.pick("数据集文件路径（.ron）", "Dataset file (.ron)"),
    };
    let action = match prompt.purpose {
        PathPurpose::Open => Text::Open.get(lang).trim_end_matches('…'),
        PathPurpose::SaveScenario(_) | PathPurpose::SaveDataset(_) => lang.pick("保存", "Save"),
        PathPurpose::Import => lang.pick("预览", "Preview"),
    };
    egui::Window::new(prompt.title(lang))
        .id(egui::Id::unique("yardstick-path-window"))
        .collapsible(false)
        .resizable(false)
        .constrain_to(area)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            let response = ui.add(
                egui::TextEdit::singleline(&mut prompt.text)
                    .hint_text(hint)
                    .desired_width(420.0),
            );
            if std::mem::take(&mut prompt.focus) {
                response.request_focus();
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                go = true;
            }
            if prompt.purpose == PathPurpose::Open {
                ui.label(Text::DropHint.get(lang));
            }
            if prompt.purpose == PathPurpose::Import {
                ui.label(lang.pick(
                    "也可以把表格文件拖到窗口中",
                    "You can also drop a table file on the window",
                ));
            }
            if let Some(error) = &prompt.error {
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(error)
                            .monospace()
                            .color(ui.visuals().error_fg_color),
                    )
                    .wrap(),
                );
            }
            ui.horizontal(|ui| {
                go |= ui.button(action).clicked();
                if ui.button(Text::Cancel.get(lang)).clicked() {
                    keep_open = false;
                }
            });
        });
    if !keep_open {
        Some(PathAnswer::Cancel)
    } else if go {
        Some(PathAnswer::Go)
    } else {
        None
    }
}
