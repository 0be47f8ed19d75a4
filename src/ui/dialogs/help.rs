//! The Help windows: the keyboard shortcuts (drawn from the commands) and about (version,
//! data sources, font licence). They read what they show and change only their `open` flag.

use crate::lang::Lang;
use crate::model::{Dataset, ObservationKind};
use crate::ui::command::shortcut_list;

/// The bundled font's licence, for the about window.
pub const FONT_LICENCE: &str = "Noto Sans CJK SC, SIL OFL 1.1";

/// The Help ▸ Shortcuts window, while `open`: every command's keys, from [`Command`].
///
/// [`Command`]: crate::ui::command::Command
pub fn shortcuts_window(ctx: &egui::Context, lang: Lang, open: &mut bool) {
    if !*open {
        return;
    }
    let rows = shortcut_list(ctx, lang);
    egui::Window::new(lang.pick("快捷键", "Shortcuts"))
        .open(open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcut_grid")
                .num_columns(2)
                .striped(true)
                .spacing([24.0, 6.0])
                .show(ui, |ui| {
                    for (what, keys) in rows {
                        ui.label(what);
                        ui.label(egui::RichText::new(keys).monospace());
                        ui.end_row();
                    }
                });
            ui.add_space(4.0);
            ui.label(
                egui::RichText::new(lang.pick(
                    "正在输入文字时，撤销/重做只作用于输入框。",
                    "While typing in a field, undo and redo act on the field only.",
                ))
                .small(),
            );
        });
}

/// The Help ▸ About window, while `open`: version, the dataset's sources, the font licence.
pub fn about_window(ctx: &egui::Context, lang: Lang, dataset: &Dataset, open: &mut bool) {
    if !*open {
        return;
    }
    egui::Window::new(lang.pick("关于 Yardstick", "About Yardstick"))
        .open(open)
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.heading(format!("Yardstick {}", env!("CARGO_PKG_VERSION")));
            ui.label(lang.pick(
                "比较地区发展指标、目标与情景假设",
                "Compare regional development indicators, targets and what-if scenarios",
            ));
            ui.separator();
            ui.strong(dataset.display_title(lang));
            let targets = dataset
                .observations()
                .iter()
                .filter(|o| o.kind == ObservationKind::Target)
                .count();
            ui.label(match lang {
                Lang::Zh => format!(
                    "{} 个地区，{} 项指标，{} 条观测值（其中目标 {} 条），{} 个来源",
                    dataset.regions().len(),
                    dataset.indicators().len(),
                    dataset.observations().len(),
                    targets,
                    dataset.sources().len()
                ),
                Lang::En => format!(
                    "{} regions, {} indicators, {} observations ({} targets), {} sources",
                    dataset.regions().len(),
                    dataset.indicators().len(),
                    dataset.observations().len(),
                    targets,
                    dataset.sources().len()
                ),
            });
            ui.add_space(4.0);
            ui.strong(lang.pick("资料来源", "Sources"));
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for source in dataset.sources() {
                        let mut line = source.title.clone();
                        let details: Vec<&str> = [&source.publisher, &source.published]
                            .into_iter()
                            .filter_map(|d| d.as_deref())
                            .collect();
                        if !details.is_empty() {
                            line = format!("{line}（{}）", details.join("，"));
                        }
                        ui.label(line);
                        if let Some(url) = &source.url {
                            ui.hyperlink(url).on_hover_text(url);
                        }
                    }
                });
            ui.separator();
            ui.label(format!(
                "{}{FONT_LICENCE}",
                lang.pick("界面字体：", "Interface font: ")
            ));
        });
}
