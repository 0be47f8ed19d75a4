//! The left panel: indicator, chart kind, year and regions.

use crate::chart::{ChartKind, ViewMode};
use crate::model::Dataset;
use crate::ui::YardstickApp;
use crate::ui::app::Picks;
use crate::ui::i18n::Text;

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
                app.picks.years = None;
            }
        }
        ui.separator();
        ui.horizontal(|ui| {
            let before = app.picks.kind;
            ui.selectable_value(
                &mut app.picks.kind,
                ChartKind::Bar,
                lang.pick("柱状图", "Bars"),
            )
            .on_hover_text(lang.pick("各地区并排比较", "Regions side by side"));
            ui.selectable_value(
                &mut app.picks.kind,
                ChartKind::Line,
                lang.pick("折线图", "Lines"),
            )
            .on_hover_text(lang.pick("各地区历年变化", "Each region over the years"));
            if app.picks.kind != before {
                app.picks.years = None;
            }
        });
        year_pickers(ui, app);
        mode_picker(ui, app);
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
        let counts = observation_counts(ui.ctx(), app);
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

/// Identifies the dataset open (its observation buffer and size) for the caches below.
fn data_key(app: &YardstickApp) -> (usize, usize) {
    let observations = app.dataset.observations();
    (observations.as_ptr() as usize, observations.len())
}

/// A value kept in egui's memory, rebuilt only when `key` changes.
fn cached<K, V>(ctx: &egui::Context, name: &str, key: K, build: impl FnOnce() -> V) -> V
where
    K: Clone + PartialEq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    let id = egui::Id::unique(("yardstick-side-panel", name));
    if let Some((k, v)) = ctx.data(|d| d.get_temp::<(K, V)>(id))
        && k == key
    {
        return v;
    }
    let value = build();
    ctx.data_mut(|d| d.insert_temp(id, (key, value.clone())));
    value
}

/// Every year from the indicator's first to its last (any kind, any region), ascending:
/// what the year pickers offer, whatever regions are picked. Cached.
pub fn indicator_years(ctx: &egui::Context, app: &YardstickApp) -> Vec<i32> {
    let indicator = app.picks.indicator;
    cached(ctx, "years", (data_key(app), indicator), || {
        let years = app.dataset.years_of(indicator);
        match (years.first(), years.last()) {
            (Some(&first), Some(&last)) => (first..=last).collect(),
            _ => Vec::new(),
        }
    })
}

/// The automatic years of the current picks. Cached.
fn auto_years(ctx: &egui::Context, app: &YardstickApp) -> Option<(i32, i32)> {
    let key = (
        data_key(app),
        app.picks.indicator,
        app.picks.kind,
        app.picks.regions.clone(),
    );
    cached(ctx, "auto-years", key, || {
        app.auto_years(&app.picked_regions())
    })
}

/// Observations of the picked indicator per region (0: the region is marked "no data").
/// Cached by dataset and indicator.
fn observation_counts(ctx: &egui::Context, app: &YardstickApp) -> Vec<usize> {
    let indicator = app.picks.indicator;
    cached(ctx, "counts", (data_key(app), indicator), || {
        let mut counts = vec![0; app.dataset.regions().len()];
        for o in app
            .dataset
            .observations()
            .iter()
            .filter(|o| o.indicator == indicator)
        {
            counts[o.region.0 as usize] += 1;
        }
        counts
    })
}

/// "From" and "to" year pickers, with an automatic choice.
fn year_pickers(ui: &mut egui::Ui, app: &mut YardstickApp) {
    let lang = app.lang;
    let years = indicator_years(ui.ctx(), app);
    let Some((auto_from, auto_to)) = auto_years(ui.ctx(), app) else {
        return;
    };
    let (mut from, mut to) = app.picks.years.unwrap_or((auto_from, auto_to));
    let auto = app.picks.years.is_none();
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
            app.picks.years = None;
        }
    });
    if changed {
        app.picks.years = Some((from.min(to), from.max(to)));
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
    let lang = app.lang;
    ui.horizontal(|ui| {
        ui.label(lang.pick("数值", "Values"));
        egui::ComboBox::from_id_salt("mode")
            .selected_text(app.picks.mode.label(lang))
            .show_ui(ui, |ui| {
                for mode in ViewMode::ALL {
                    ui.selectable_value(&mut app.picks.mode, mode, mode.label(lang));
                }
            })
            .response
            .on_hover_text(lang.pick("数值的显示方式", "How values are shown"));
    });
    ui.checkbox(&mut app.picks.log_scale, lang.pick("对数坐标", "Log scale"))
        .on_hover_text(lang.pick(
            "数值相差悬殊时使用（仅限正值）",
            "For values of very different size (positive values only)",
        ));
}
