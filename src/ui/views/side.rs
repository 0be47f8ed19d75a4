//! The left panel: indicator, chart kind, year and regions.

use crate::chart::{ChartKind, ViewMode};
use crate::lang::Lang;
use crate::model::Dataset;
use crate::model::RegionIdx;
use crate::model::search::Query;
use crate::ui::command::Command;
use crate::ui::derived::Inputs;
use crate::ui::i18n::Text;
use crate::ui::state::Picks;
use crate::ui::views::Cx;

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

/// The side panel (picks). Its transient state (scroll, combo boxes) lives in egui's memory,
/// the region search text here.
#[derive(Debug, Default)]
pub struct SidePanel {
    /// What the region list is filtered by: a name, pinyin ("ws" finds 万盛), an id.
    pub region_filter: String,
}

impl SidePanel {
    /// Draws the picks of [`Cx`] (the derived facts built by the app before the views); what
    /// the user changes goes to `out` as commands, one per changed pick.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
        let mut picks = cx.state.picks.clone();
        panel_ui(ui, cx, &mut picks, &mut self.region_filter);
        let before = out.len();
        changes(&cx.state.picks, &picks, out);
        if out.len() > before {
            // The derived facts of the new picks are built before the next frame.
            ui.ctx().request_repaint();
        }
    }
}

/// The commands that turn `before` into `after`.
pub fn changes(before: &Picks, after: &Picks, out: &mut Vec<Command>) {
    if after.indicator != before.indicator {
        out.push(Command::SetIndicator(after.indicator));
    }
    if after.kind != before.kind {
        out.push(Command::SetChartKind(after.kind));
    }
    if after.years != before.years {
        out.push(Command::SetYears(after.years));
    }
    if after.mode != before.mode {
        out.push(Command::SetMode(after.mode));
    }
    if after.log_scale != before.log_scale {
        out.push(Command::SetLogScale(after.log_scale));
    }
    if after.latest != before.latest {
        out.push(Command::SetLatest(after.latest));
    }
    for (i, (&was, &now)) in before.regions.iter().zip(&after.regions).enumerate() {
        if was != now {
            out.push(Command::SetRegion(RegionIdx(i as u32), now));
        }
    }
}

/// Scrolls the innermost scroll area to a widget the keyboard has just moved to (Tab), so
/// the focus is never out of sight; egui leaves that to the widget.
fn follow_focus(response: egui::Response) -> egui::Response {
    if response.gained_focus() {
        response.scroll_to_me(None);
    }
    response
}

/// Height of the indicator list's own scroll box, in points (about ten rows).
const INDICATOR_LIST_HEIGHT: f32 = 230.0;

fn panel_ui(ui: &mut egui::Ui, cx: &Cx<'_>, picks: &mut Picks, filter: &mut String) {
    let lang = cx.state.lang;
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(Text::Indicator.get(lang));
        // A long indicator list scrolls in its own box, so the chart kind, the years and
        // the regions below stay in view (29 indicators filled a 1280×800 panel).
        egui::ScrollArea::vertical()
            .id_salt("indicator_list")
            .max_height(INDICATOR_LIST_HEIGHT)
            .show(ui, |ui| {
                for idx in cx.state.dataset.indicator_indices().collect::<Vec<_>>() {
                    let indicator = cx.state.dataset.indicator(idx);
                    let label = format!(
                        "{} ({})",
                        indicator.display_name(lang),
                        indicator.display_unit(lang)
                    );
                    let radio = follow_focus(ui.radio(picks.indicator == idx, label));
                    if radio.clicked() && picks.indicator != idx {
                        picks.indicator = idx;
                        picks.years = None;
                    }
                }
            });
        ui.separator();
        ui.horizontal(|ui| {
            let before = picks.kind;
            follow_focus(ui.selectable_value(
                &mut picks.kind,
                ChartKind::Bar,
                lang.pick("柱状图", "Bars"),
            ))
            .on_hover_text(lang.pick("各地区并排比较", "Regions side by side"));
            follow_focus(ui.selectable_value(
                &mut picks.kind,
                ChartKind::Line,
                lang.pick("折线图", "Lines"),
            ))
            .on_hover_text(lang.pick("各地区历年变化", "Each region over the years"));
            if picks.kind != before {
                picks.years = None;
            }
        });
        year_pickers_ui(ui, cx, picks);
        mode_picker_ui(ui, cx, picks);
        ui.separator();
        region_list_ui(ui, cx, picks, filter);
    });
}

/// More regions than this are laid out only where visible (a national file has 3,000).
const LAID_OUT_ALL_UP_TO: usize = 120;
/// Height of the region list's own scroll box when it is that long, in points.
const LONG_REGION_LIST_HEIGHT: f32 = 360.0;

/// The regions: a search box, all / none / the matching ones, the count picked, and one
/// checkbox per region, parts indented under their parent.
fn region_list_ui(ui: &mut egui::Ui, cx: &Cx<'_>, picks: &mut Picks, filter: &mut String) {
    let lang = cx.state.lang;
    let input = Inputs::new(
        &cx.state.dataset,
        cx.state.dataset_rev,
        &cx.state.picks,
        lang,
    );
    let search = cx.derived.built_region_search(&input);
    ui.horizontal(|ui| {
        ui.heading(Text::Regions.get(lang));
        let picked = picks.regions.iter().filter(|&&r| r).count();
        ui.label(match lang {
            Lang::Zh => format!("已选 {picked} / {}", picks.regions.len()),
            Lang::En => format!("{picked} of {} picked", picks.regions.len()),
        });
    });
    follow_focus(
        ui.add(
            egui::TextEdit::singleline(filter)
                .hint_text(lang.pick("搜索：名称、拼音、首字母 ws", "Search: name, pinyin, id"))
                .desired_width(f32::INFINITY),
        ),
    )
    .on_hover_text(lang.pick(
        "按中文名、英文名、id 或拼音（全拼或首字母，如 ws = 万盛）筛选地区",
        "Filter the regions by Chinese or English name, id or pinyin (whole or initials: ws = 万盛)",
    ));
    // Made ready once a frame, not once a region.
    let query = Query::new(filter);
    let shown: Vec<(RegionIdx, usize)> = match search {
        Some(search) => search
            .tree()
            .iter()
            .copied()
            .filter(|&(r, _)| search.matches(r, &query))
            .collect(),
        None => cx.state.dataset.region_indices().map(|r| (r, 0)).collect(),
    };
    ui.horizontal(|ui| {
        if query.is_empty() {
            if follow_focus(ui.button(Text::All.get(lang))).clicked() {
                picks.regions.iter_mut().for_each(|r| *r = true);
            }
        } else if follow_focus(ui.button(lang.pick("选中匹配项", "Pick matching")))
            .on_hover_text(lang.pick(
                "勾选所有与搜索匹配的地区（其余不变）",
                "Tick every region the search matches (the others stay as they are)",
            ))
            .clicked()
        {
            for &(r, _) in &shown {
                if let Some(flag) = picks.regions.get_mut(r.0 as usize) {
                    *flag = true;
                }
            }
        }
        if follow_focus(ui.button(Text::None.get(lang))).clicked() {
            picks.regions.iter_mut().for_each(|r| *r = false);
        }
    });
    if shown.is_empty() {
        ui.label(lang.pick("没有匹配的地区", "No region matches"));
        return;
    }
    let has_data = cx
        .derived
        .built_facts(&input)
        .map(|f| f.has_data.clone())
        .unwrap_or_default();
    // Parts are indented under their parent only while the whole tree is shown.
    let indent = query.is_empty();
    let mut row = |ui: &mut egui::Ui, (region, depth): (RegionIdx, usize)| {
        let i = region.0 as usize;
        let r = cx.state.dataset.region(region);
        let name = r.display_name(lang);
        let label = if !has_data.get(i).copied().unwrap_or(false) {
            format!("{name} ({})", Text::NoData.get(lang))
        } else {
            name.to_owned()
        };
        if let Some(flag) = picks.regions.get_mut(i) {
            ui.horizontal(|ui| {
                if indent && depth > 0 {
                    ui.add_space(14.0 * depth as f32);
                }
                follow_focus(ui.checkbox(flag, label))
                    .on_hover_text(r.note.clone().unwrap_or_default());
            });
        }
    };
    if shown.len() <= LAID_OUT_ALL_UP_TO {
        for &entry in &shown {
            row(ui, entry);
        }
    } else {
        let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
        egui::ScrollArea::vertical()
            .id_salt("region_list")
            .max_height(LONG_REGION_LIST_HEIGHT)
            .show_rows(ui, row_height, shown.len(), |ui, range| {
                for &entry in &shown[range] {
                    row(ui, entry);
                }
            });
    }
}

/// "From" and "to" year pickers, with an automatic choice.
fn year_pickers_ui(ui: &mut egui::Ui, cx: &Cx<'_>, picks: &mut Picks) {
    let lang = cx.state.lang;
    let input = Inputs::new(
        &cx.state.dataset,
        cx.state.dataset_rev,
        &cx.state.picks,
        lang,
    );
    let years = cx
        .derived
        .built_facts(&input)
        .map(|f| f.year_span.clone())
        .unwrap_or_default();
    let Some((auto_from, auto_to)) = cx.derived.built_auto_years(&input).flatten() else {
        return;
    };
    let (mut from, mut to) = picks.years.unwrap_or((auto_from, auto_to));
    let auto = picks.years.is_none();
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.label(Text::ChartYear.get(lang));
        changed |= year_combo_ui(ui, lang.pick("起始年份", "First year"), &mut from, &years);
        ui.label("–");
        changed |= year_combo_ui(ui, lang.pick("截止年份", "Last year"), &mut to, &years);
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
            picks.years = None;
        }
    });
    if changed {
        picks.years = Some((from.min(to), from.max(to)));
    }
}

/// A year combo box; `name` is its accessible name and tooltip.
fn year_combo_ui(ui: &mut egui::Ui, name: &str, year: &mut i32, years: &[i32]) -> bool {
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
fn mode_picker_ui(ui: &mut egui::Ui, cx: &Cx<'_>, picks: &mut Picks) {
    let lang = cx.state.lang;
    ui.horizontal(|ui| {
        ui.label(lang.pick("数值", "Values"));
        egui::ComboBox::from_id_salt("mode")
            .selected_text(picks.mode.label(lang))
            .show_ui(ui, |ui| {
                for mode in ViewMode::ALL {
                    ui.selectable_value(&mut picks.mode, mode, mode.label(lang));
                }
            })
            .response
            .on_hover_text(lang.pick("数值的显示方式", "How values are shown"));
    });
    follow_focus(ui.checkbox(&mut picks.log_scale, lang.pick("对数坐标", "Log scale")))
        .on_hover_text(lang.pick(
            "数值相差悬殊时使用（仅限正值）",
            "For values of very different size (positive values only)",
        ));
    // Sparse data (one district publishes for 2022, another for 2023): each bar may show
    // the region's latest value up to the year, its year under it; never silently.
    let tolerance = crate::model::latest::DEFAULT_TOLERANCE;
    ui.add_enabled_ui(picks.kind == ChartKind::Bar, |ui| {
        follow_focus(ui.checkbox(
            &mut picks.latest,
            lang.pick("截至该年的最新值", "Latest value up to the year"),
        ))
        .on_hover_text(match lang {
            Lang::Zh => format!(
                "柱状图：各地区该年没有数值时，显示其最近 {tolerance} 年内的最新值，并在柱下标出年份"
            ),
            Lang::En => format!(
                "Bars: a region without a value for the year shows its latest value of the {tolerance} years before, its year under the bar"
            ),
        })
        .on_disabled_hover_text(lang.pick("仅用于柱状图", "For bar charts only"));
    });
}
