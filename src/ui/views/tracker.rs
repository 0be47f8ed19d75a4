//! The target tracker on screen: the same [`ChartSpec`] (its `tracker`) and the same layout
//! as `yardstick export --chart targets`, painted with egui.

use std::sync::Arc;

use crate::chart::ChartSpec;
use crate::chart::render::layout::{Layout, layout};
use crate::chart::render::text::Measure;

use super::layout_paint::paint_layout;

/// Height of one target's row on screen, in points: the canvas grows with the rows and
/// scrolls, so no target is cut.
const ROW_HEIGHT: f32 = 64.0;
/// How much larger than the layout the screen draws it.
const SCREEN_SCALE: f32 = 1.4;
/// Room for the title, subtitle and footer.
const FRAME_HEIGHT: f32 = 230.0;

/// The tracker as text: "万盛经开区 · 工业总产值 2025: 无法判断 — 只有…" per target, with the
/// scenario's status after it when it differs.
pub fn spoken_text(spec: &ChartSpec) -> String {
    let Some(tracker) = &spec.tracker else {
        return String::new();
    };
    let mut lines = vec![spec.title.clone()];
    for row in &tracker.rows {
        let mut line = format!(
            "{}: {} — {}",
            row.label, row.baseline.status_label, row.baseline.reason
        );
        if let Some((label, state)) = &row.scenario {
            line.push_str(&format!(
                " · {label}: {} — {}",
                state.status_label, state.reason
            ));
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// The layout last drawn: (revision, width, height) it was made for.
type Cached = (u64, u32, u32, Arc<Layout>);

/// Draws the tracker of `spec` across the available width, scrolling when it is taller.
/// `revision` changes whenever `spec` may have (the derived data's rebuild count): the layout
/// is made again only then or when the size changes, never every frame.
pub fn tracker_ui(ui: &mut egui::Ui, spec: &ChartSpec, revision: u64) {
    let rows = spec.tracker.as_ref().map_or(0, |t| t.rows.len());
    let measure = match Measure::new() {
        Ok(m) => m,
        Err(err) => {
            ui.colored_label(ui.visuals().error_fg_color, err.to_string());
            return;
        }
    };
    egui::ScrollArea::vertical()
        .id_salt("tracker_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let width = ui.available_width().max(480.0);
            let height = (FRAME_HEIGHT + ROW_HEIGHT * rows as f32).max(ui.available_height());
            let (rect, response) =
                ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
            // What the bars say, for screen readers (and tests): one line per target.
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Image, true, spoken_text(spec))
            });
            // Laid out smaller and painted enlarged: the export's text sizes are for a
            // 1280-pixel-wide image, too small in a view half as wide.
            let (w, h) = (
                (width / SCREEN_SCALE).round() as u32,
                (height / SCREEN_SCALE).round() as u32,
            );
            let id = ui.scope_id().with("tracker_layout");
            let cached: Option<Cached> = ui.memory(|m| m.data.get_temp(id));
            let laid = match cached {
                Some((rev, cw, ch, laid)) if (rev, cw, ch) == (revision, w, h) => laid,
                _ => {
                    let laid = Arc::new(layout(spec, w, h, &measure));
                    ui.memory_mut(|m| m.data.insert_temp(id, (revision, w, h, laid.clone())));
                    laid
                }
            };
            paint_layout(ui.painter(), &laid, rect.min, SCREEN_SCALE);
        });
}
