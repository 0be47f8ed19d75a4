//! The command palette (Ctrl+Shift+P, Ctrl+K): a filter box over every [`Command`]; the
//! arrow keys move the highlight, Enter runs it, Esc closes.

use crate::lang::Lang;
use crate::ui::command::{Command, CommandState};

/// The palette's transient state.
#[derive(Debug, Default)]
pub struct CommandPalette {
    /// The palette is shown.
    pub open: bool,
    /// The text typed to filter.
    pub filter: String,
    /// Index of the highlighted command among those matching.
    pub selected: usize,
    /// Give the filter box the keyboard on the next frame.
    focus: bool,
}

impl CommandPalette {
    /// Opens it with an empty filter, or closes it when open.
    pub fn toggle(&mut self) {
        if self.open {
            self.open = false;
        } else {
            *self = Self {
                open: true,
                focus: true,
                ..Self::default()
            };
        }
    }

    /// The commands the palette lists for `filter`, in menu order: those enabled whose
    /// text in either language contains every word typed (case ignored).
    pub fn matches(filter: &str, state: &CommandState) -> Vec<Command> {
        let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
        Command::all()
            .into_iter()
            .filter(|c| c.in_palette() && c.enabled(state))
            .filter(|c| {
                let text = Lang::ALL
                    .map(|lang| c.palette_text(lang).to_lowercase())
                    .join(" ");
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .collect()
    }

    /// Draws the palette when open; a command picked (Enter, or a click) goes to `out` and
    /// closes it.
    pub fn ui(&mut self, ctx: &egui::Context, state: &CommandState, out: &mut Vec<Command>) {
        if !self.open {
            return;
        }
        let lang = state.lang;
        let found = Self::matches(&self.filter, state);
        let (down, up, enter, escape) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
            )
        });
        if down && self.selected + 1 < found.len() {
            self.selected += 1;
        }
        if up {
            self.selected = self.selected.saturating_sub(1);
        }
        self.selected = self.selected.min(found.len().saturating_sub(1));
        let mut picked = enter.then(|| found.get(self.selected).cloned()).flatten();
        let mut open = !escape;
        egui::Window::new(lang.pick("命令面板", "Command palette"))
            .id(egui::Id::unique("yardstick_command_palette"))
            .collapsible(false)
            .resizable(false)
            .title_bar(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
            .min_width(420.0)
            .max_width(420.0)
            .show(ctx, |ui| {
                let before = self.filter.clone();
                let response = ui.add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text(lang.pick("输入命令名称…", "Type a command…"))
                        .desired_width(f32::INFINITY),
                );
                if std::mem::take(&mut self.focus) {
                    response.request_focus();
                }
                if self.filter != before {
                    self.selected = 0;
                }
                ui.separator();
                if found.is_empty() {
                    ui.label(lang.pick("没有匹配的命令", "No command matches"));
                }
                // Up to about fifteen rows before it scrolls (the window itself has no height to
                // give: without this the list would shrink to three rows).
                egui::ScrollArea::vertical()
                    .min_scrolled_height(340.0)
                    .max_height(340.0)
                    .show(ui, |ui| {
                        for (i, command) in found.iter().enumerate() {
                            ui.horizontal(|ui| {
                                let row = ui.selectable_label(
                                    i == self.selected,
                                    command.palette_text(lang),
                                );
                                if i == self.selected {
                                    row.scroll_to_me(None);
                                }
                                if row.on_hover_text(command.tooltip(lang)).clicked() {
                                    picked = Some(command.clone());
                                }
                                let keys = command.shortcut_text(ui.ctx());
                                if !keys.is_empty() {
                                    ui.with_layout(
                                        egui::Layout::right_to_left(egui::Align::Center),
                                        |ui| {
                                            // Clear of the scroll bar.
                                            ui.add_space(12.0);
                                            ui.weak(keys)
                                        },
                                    );
                                }
                            });
                        }
                    });
            });
        if let Some(command) = picked {
            out.push(command);
            open = false;
        }
        self.open = open;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::state::View;

    #[test]
    fn the_filter_matches_either_language_and_every_word() {
        let state = CommandState::default();
        let save = CommandPalette::matches("save", &state);
        assert_eq!(
            save,
            vec![Command::SaveDatasetAs],
            "saving a scenario needs an active one; the dataset can always be saved"
        );
        let state = CommandState {
            has_active: true,
            ..state
        };
        assert_eq!(
            CommandPalette::matches("save as", &state),
            vec![Command::SaveDatasetAs, Command::SaveScenarioAs]
        );
        assert_eq!(
            CommandPalette::matches("导入", &state),
            vec![Command::ImportTable]
        );
        assert_eq!(
            CommandPalette::matches("排名", &state),
            vec![Command::ShowView(View::Rankings)]
        );
        assert_eq!(
            CommandPalette::matches("EXPORT data", &state),
            vec![Command::ExportData]
        );
        assert!(!CommandPalette::matches("", &state).contains(&Command::CommandPalette));
        assert!(!CommandPalette::matches("", &state).contains(&Command::PasteCells));
    }
}
