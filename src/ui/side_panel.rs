//! The left panel: indicator, chart kind, year and regions.

use crate::chart::ChartKind;
use crate::ui::YardstickApp;
use crate::ui::i18n::Text;

/// Draws the side panel and applies the user's picks to `app.picks`.
pub fn show(ui: &mut egui::Ui, app: &mut YardstickApp) {
    let lang = app.lang;
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(Text::Indicator.get(lang));
        for idx in app.dataset.indicator_indices().collect::<Vec<_>>() {
            let indicator = app.dataset.indicator(idx);
            let label = format!(
                "{} ({})",
                indicator.display_name(lang),
                indicator.display_unit(lang)
            );
            if ui.radio(app.picks.indicator == idx, label).clicked() && app.picks.indicator != idx {
                app.picks.indicator = idx;
                app.picks.year = None;
            }
        }
        ui.separator();
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut app.picks.kind,
                ChartKind::Bar,
                lang.pick("柱状图", "Bars"),
            );
            ui.selectable_value(
                &mut app.picks.kind,
                ChartKind::Line,
                lang.pick("折线图", "Lines"),
            );
        });
        if app.picks.kind == ChartKind::Bar {
            year_picker(ui, app);
        }
        ui.separator();
        ui.heading(Text::Regions.get(lang));
        ui.horizontal(|ui| {
            if ui.button(Text::All.get(lang)).clicked() {
                app.picks.regions.iter_mut().for_each(|r| *r = true);
            }
            if ui.button(Text::None.get(lang)).clicked() {
                app.picks.regions.iter_mut().for_each(|r| *r = false);
            }
        });
        let counts = app.dataset.observation_counts();
        for (i, region) in app.dataset.regions().iter().enumerate() {
            let name = region.display_name(lang);
            let label = if counts[i] == 0 {
                format!("{name} ({})", Text::NoData.get(lang))
            } else {
                name.to_owned()
            };
            if let Some(flag) = app.picks.regions.get_mut(i) {
                ui.checkbox(flag, label)
                    .on_hover_text(region.note.clone().unwrap_or_default());
            }
        }
    });
}

fn year_picker(ui: &mut egui::Ui, app: &mut YardstickApp) {
    let lang = app.lang;
    let years = app.dataset.years_of(app.picks.indicator);
    let shown = app.selection().map(|s| s.years.0);
    let latest = lang.pick("自动", "auto");
    let text = match (app.picks.year, shown) {
        (None, Some(y)) => format!("{latest} ({y})"),
        (Some(y), _) => y.to_string(),
        (None, None) => latest.to_owned(),
    };
    egui::ComboBox::from_label(Text::ChartYear.get(lang))
        .selected_text(text)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut app.picks.year, None, latest);
            for y in years.into_iter().rev() {
                ui.selectable_value(&mut app.picks.year, Some(y), y.to_string());
            }
        });
}
