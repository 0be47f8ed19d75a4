//! The read-only table of observations (virtualised rows).

use egui_extras::{Column, TableBuilder};

use crate::chart::style::format_value;
use crate::ui::YardstickApp;
use crate::ui::i18n::Text;

/// Draws the observations of the picked regions (and, optionally, only the picked indicator).
pub fn show(ui: &mut egui::Ui, app: &mut YardstickApp) {
    let lang = app.lang;
    ui.checkbox(
        &mut app.table_only_indicator,
        Text::OnlyThisIndicator.get(lang),
    );
    let dataset = &app.dataset;
    let mut rows: Vec<usize> = dataset
        .observations()
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            app.picks
                .regions
                .get(o.region.0 as usize)
                .copied()
                .unwrap_or(false)
        })
        .filter(|(_, o)| !app.table_only_indicator || o.indicator == app.picks.indicator)
        .map(|(i, _)| i)
        .collect();
    // Regions and indicators in display order, then years ascending.
    rows.sort_by_key(|&i| {
        let o = &dataset.observations()[i];
        (o.region, o.indicator, o.year, o.kind)
    });
    ui.label(format!("{} {}", rows.len(), Text::Observations.get(lang)));
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .column(Column::auto().at_least(90.0))
        .column(Column::auto().at_least(120.0))
        .column(Column::auto().at_least(50.0))
        .column(Column::auto().at_least(70.0))
        .column(Column::auto().at_least(60.0))
        .column(Column::auto().at_least(50.0))
        .column(Column::initial(180.0).at_least(60.0).clip(true))
        .column(Column::remainder().at_least(160.0).clip(true))
        .header(row_height, |mut header| {
            for text in [
                Text::Region,
                Text::Indicator,
                Text::Year,
                Text::Value,
                Text::Unit,
                Text::Kind,
                Text::Note,
                Text::Source,
            ] {
                header.col(|ui| {
                    ui.strong(text.get(lang));
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let o = &dataset.observations()[rows[row.index()]];
                let indicator = dataset.indicator(o.indicator);
                let source = dataset.source(o.source);
                let kind = crate::chart::PointKind::from(o.kind).label(lang);
                let cells = [
                    dataset.region(o.region).display_name(lang).to_owned(),
                    indicator.display_name(lang).to_owned(),
                    o.year.to_string(),
                    format_value(o.value),
                    indicator.display_unit(lang).to_owned(),
                    kind.to_owned(),
                    o.note.clone().unwrap_or_default(),
                    source.title.clone(),
                ];
                for cell in cells {
                    row.col(|ui| {
                        let full = cell.clone();
                        let response = ui.add(egui::Label::new(cell).truncate());
                        if response.hovered() && !full.is_empty() {
                            response.on_hover_text(full);
                        }
                    });
                }
            });
        });
}
