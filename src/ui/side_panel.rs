//! The left panel: indicator, chart kind, year and regions.

use crate::chart::{ChartKind, ViewMode};
use crate::model::Dataset;
use crate::ui::YardstickApp;
use crate::ui::derived::Inputs;
use crate::ui::i18n::Text;
use crate::ui::state::Picks;

/// The picks the window opens on: [`crate::model::view::default_view`] (an indicator with
/// targets, the regions that report it, never a region that is the sum of others).
pub fn default_picks(dataset: &Dataset) -> Picks {
    let view = crate::model::view::default_view(dataset);
    Picks {
        indicator: view.indicator,
        regions: view.regions,
        years: view.years,
        kind: view.kind,
        ..Picks::all(dataset)
    }
}

/// Draws the side panel and applies the user's picks to `app.state.picks`.
pub fn show(ui: &mut egui::Ui, app: &mut YardstickApp) {
    let lang = app.state.lang;
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(Text::Indicator.get(lang));
        for idx in app.state.dataset.indicator_indices().collect::<Vec<_>>() {
            let indicator = app.state.dataset.indicator(idx);
            let label = format!(
                "{} ({})",
                indicator.display_name(lang),
                indicator.display_unit(lang)
            );
            if ui.radio(app.state.picks.indicator == idx, label).clicked()
                && app.state.picks.indicator != idx
            {
                app.state.picks.indicator = idx;
                app.state.picks.years = None;
            }
        }
        ui.separator();
        ui.horizontal(|ui| {
            let before = app.state.picks.kind;
            ui.selectable_value(
                &mut app.state.picks.kind,
                ChartKind::Bar,
                lang.pick("柱状图", "Bars"),
            )
            .on_hover_text(lang.pick("各地区并排比较", "Regions side by side"));
            ui.selectable_value(
                &mut app.state.picks.kind,
                ChartKind::Line,
                lang.pick("折线图", "Lines"),
            )
            .on_hover_text(lang.pick("各地区历年变化", "Each region over the years"));
            if app.state.picks.kind != before {
                app.state.picks.years = None;
            }
        });
        year_pickers(ui, app);
        mode_picker(ui, app);
        ui.separator();
        ui.heading(Text::Regions.get(lang));
        ui.horizontal(|ui| {
            if ui.button(Text::All.get(lang)).clicked() {
                app.state.picks.regions.iter_mut().for_each(|r| *r = true);
            }
            if ui.button(Text::None.get(lang)).clicked() {
                app.state.picks.regions.iter_mut().for_each(|r| *r = false);
            }
        });
        let input = Inputs::new(
            &app.state.dataset,
            app.state.dataset_rev,
            &app.state.picks,
            lang,
        );
        let has_data = app.derived.indicator_facts(&input).has_data.clone();
        for (i, region) in app.state.dataset.regions().iter().enumerate() {
            let name = region.display_name(lang);
            let label = if !has_data.get(i).copied().unwrap_or(false) {
                format!("{name} ({})", Text::NoData.get(lang))
            } else {
                name.to_owned()
            };
            if let Some(flag) = app.state.picks.regions.get_mut(i) {
                ui.checkbox(flag, label)
                    .on_hover_text(region.note.clone().unwrap_or_default());
            }
        }
    });
}

/// "From" and "to" year pickers, with an automatic choice.
fn year_pickers(ui: &mut egui::Ui, app: &mut YardstickApp) {
    let lang = app.state.lang;
    let input = Inputs::new(
        &app.state.dataset,
        app.state.dataset_rev,
        &app.state.picks,
        lang,
    );
    let years = app.derived.indicator_facts(&input).year_span.clone();
    let Some((auto_from, auto_to)) = app.derived.auto_years(&input) else {
        return;
    };
    let (mut from, mut to) = app.state.picks.years.unwrap_or((auto_from, auto_to));
    let auto = app.state.picks.years.is_none();
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.label(Text::ChartYear.get(lang));
        changed |= year_combo(ui, lang.pick("起始年份", "First year"), &mut from, &years);
        ui.label("–");
        changed |= year_combo(ui, lang.pick("截止年份", "Last year"), &mut to, &years);
    });
    ui.horizontal(|ui| {
        let auto_text = lang.pick("自动选择年份", "Automatic years");
        if ui
            .selectable_label(auto, auto_text)
            .on_hover_text(lang.pick(
                "柱状图：多数地区有数据的年份；折线图：全部年份",
                "Bars: the year most regions report; lines: every year",
            ))
            .clicked()
        {
            app.state.picks.years = None;
        }
    });
    if changed {
        app.state.picks.years = Some((from.min(to), from.max(to)));
    }
}

/// A year combo box; `name` is its accessible name and tooltip.
fn year_combo(ui: &mut egui::Ui, name: &str, year: &mut i32, years: &[i32]) -> bool {
    let mut changed = false;
    egui::ComboBox::from_id_salt(name)
        .selected_text(year.to_string())
        .width(64.0)
        .show_ui(ui, |ui| {
            for &y in years.iter().rev() {
                changed |= ui.selectable_value(year, y, y.to_string()).changed();
            }
        })
        .response
        .on_hover_text(name);
    changed
}

/// View mode (absolute, index, change, share of target) and log scale.
fn mode_picker(ui: &mut egui::Ui, app: &mut YardstickApp) {
    let lang = app.state.lang;
    ui.horizontal(|ui| {
        ui.label(lang.pick("数值", "Values"));
        egui::ComboBox::from_id_salt("mode")
            .selected_text(app.state.picks.mode.label(lang))
            .show_ui(ui, |ui| {
                for mode in ViewMode::ALL {
                    ui.selectable_value(&mut app.state.picks.mode, mode, mode.label(lang));
                }
            })
            .response
            .on_hover_text(lang.pick("数值的显示方式", "How values are shown"));
    });
    ui.checkbox(
        &mut app.state.picks.log_scale,
        lang.pick("对数坐标", "Log scale"),
    )
    .on_hover_text(lang.pick(
        "数值相差悬殊时使用（仅限正值）",
        "For values of very different size (positive values only)",
    ));
}
