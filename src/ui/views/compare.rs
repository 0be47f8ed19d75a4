//! The "比较 / Compare" view: a scenario summary for the picked indicator and regions. One row
//! per (region, year), the baseline and the target, then for each open scenario its value,
//! the difference from the baseline and the difference in percent. Edited and projected
//! values are tinted; by default only rows some scenario changes are listed.

use egui::{Color32, RichText};
use egui_extras::{Column, TableBuilder};

use crate::chart::style::format_value;
use crate::lang::Lang;
use crate::model::compare::{CompareOrigin, CompareRow, RowFilter};
use crate::model::{Better, RegionIdx};
use crate::ui::command::Command;
use crate::ui::derived::{Inputs, picked_regions};
use crate::ui::views::Cx;

/// Tint of values set by an edit (and of removed values).
pub const EDITED_COLOR: Color32 = Color32::from_rgb(230, 126, 34);
/// Tint of values filled by a growth rule.
pub const PROJECTED_COLOR: Color32 = Color32::from_rgb(52, 152, 219);

/// Shown for a missing value or a difference that cannot be computed.
const NONE: &str = "—";

/// The compare view. It keeps no state of its own: which rows it lists is remembered in
/// [`crate::ui::state::Remembered`] and changed by [`Command::CompareRows`].
#[derive(Debug, Default)]
pub struct CompareView;

impl CompareView {
    /// Draws the comparison of every open scenario with the baseline, as [`Cx`] has it
    /// (built by the app before this frame's views); a change of the row filter goes to
    /// `out`.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
        compare_ui(ui, cx, out);
    }
}

fn compare_ui(ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
    let state = cx.state;
    let lang = state.lang;
    let filter = state.remembered.compare_rows();
    let mut only_changed = filter == RowFilter::Changed;
    let toggle = Command::CompareRows(RowFilter::Changed);
    if ui
        .checkbox(&mut only_changed, toggle.text(lang))
        .on_hover_text(toggle.tooltip(lang))
        .changed()
    {
        out.push(Command::CompareRows(if only_changed {
            RowFilter::Changed
        } else {
            RowFilter::All
        }));
    }
    ui.label(
        RichText::new(lang.pick(
            "图表视图以虚线在基准旁绘制当前情景的数值。",
            "The chart view draws the active scenario's values dashed beside the baseline.",
        ))
        .weak(),
    );

    let indicator = state.picks.indicator;
    let dataset = &state.dataset;
    if indicator.0 as usize >= dataset.indicators().len() {
        return;
    }
    let regions: Vec<RegionIdx> = picked_regions(dataset, &state.picks.regions);
    if state.scenarios.docs.is_empty() {
        ui.add_space(8.0);
        ui.label(lang.pick(
            "还没有打开的情景：在右侧情景面板中新建一个，或添加增长假设。",
            "No scenario is open: make one in the scenario panel, or add a growth rule.",
        ));
        return;
    }
    if regions.is_empty() {
        ui.add_space(8.0);
        ui.label(lang.pick("请选择至少一个地区", "Select at least one region"));
        return;
    }

    let names: Vec<String> = state
        .scenarios
        .docs
        .iter()
        .map(|d| d.scenario.name.clone())
        .collect();
    let active = state.scenarios.active;
    let input = Inputs::new(dataset, state.dataset_rev, &state.picks, lang);
    let Some((years, comparison)) = cx
        .derived
        .built_comparison(&input, &state.scenarios, filter)
    else {
        ui.label(lang.pick("该指标没有数据", "This indicator has no data"));
        return;
    };
    let ind = dataset.indicator(indicator);

    ui.horizontal_wrapped(|ui| {
        ui.strong(format!(
            "{} · {}{} · {}–{}",
            ind.display_name(lang),
            lang.pick("单位：", "unit: "),
            ind.display_unit(lang),
            years.0,
            years.1
        ));
        ui.add_space(12.0);
        legend_ui(ui, EDITED_COLOR, lang.pick("修改值", "edited"));
        legend_ui(ui, PROJECTED_COLOR, lang.pick("推算值", "projected"));
    });
    if comparison.rows.is_empty() {
        ui.add_space(8.0);
        ui.label(lang.pick(
            "所选地区的该指标没有被任何情景改变。",
            "No scenario changes this indicator in the picked regions.",
        ));
        return;
    }

    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let better = ind.better;
    egui::ScrollArea::horizontal()
        .id_salt("compare_hscroll")
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt("compare_table")
                .striped(true)
                .resizable(true)
                .cell_layout(egui::Layout::right_to_left(egui::Align::Center))
                .column(Column::auto().at_least(84.0))
                .column(Column::auto().at_least(40.0))
                .column(Column::auto().at_least(64.0))
                .column(Column::auto().at_least(56.0));
            for _ in &names {
                table = table
                    .column(Column::initial(110.0).at_least(90.0))
                    .column(Column::auto().at_least(60.0))
                    .column(Column::auto().at_least(60.0));
            }
            table
                .header(row_height * 2.0, |mut header| {
                    for text in [
                        lang.pick("地区", "Region"),
                        lang.pick("年份", "Year"),
                        lang.pick("基准", "Baseline"),
                        lang.pick("目标", "Target"),
                    ] {
                        header.col(|ui| {
                            ui.strong(text);
                        });
                    }
                    for (i, name) in names.iter().enumerate() {
                        let marker = if active == Some(i) {
                            lang.pick("（当前）", " (active)")
                        } else {
                            ""
                        };
                        header.col(|ui| {
                            ui.add(
                                egui::Label::new(RichText::new(format!("{name}{marker}")).strong())
                                    .wrap(),
                            )
                            .on_hover_text(name.clone());
                        });
                        header.col(|ui| {
                            ui.strong(lang.pick("差值", "Difference"));
                        });
                        header.col(|ui| {
                            ui.strong(lang.pick("差异%", "Difference %"));
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, comparison.rows.len(), |mut row| {
                        let r: &CompareRow = &comparison.rows[row.index()];
                        row.col(|ui| {
                            ui.with_layout(
                                egui::Layout::left_to_right(egui::Align::Center),
                                |ui| {
                                    ui.label(dataset.region(r.region).display_name(lang));
                                },
                            );
                        });
                        row.col(|ui| {
                            ui.label(r.year.to_string());
                        });
                        row.col(|ui| {
                            ui.label(r.baseline.map_or_else(|| NONE.to_owned(), format_value));
                        });
                        row.col(|ui| {
                            ui.label(
                                RichText::new(
                                    r.target.map_or_else(|| NONE.to_owned(), format_value),
                                )
                                .weak(),
                            );
                        });
                        for s in &r.scenarios {
                            let tint = match s.origin {
                                CompareOrigin::Baseline => None,
                                CompareOrigin::Edited | CompareOrigin::Removed => {
                                    Some(EDITED_COLOR)
                                }
                                CompareOrigin::Projected => Some(PROJECTED_COLOR),
                            };
                            row.col(|ui| {
                                if let Some(color) = tint {
                                    ui.painter().rect_filled(
                                        ui.max_rect(),
                                        2.0,
                                        color.gamma_multiply(0.25),
                                    );
                                }
                                let text = match (s.value, s.origin) {
                                    (None, CompareOrigin::Removed) => {
                                        lang.pick("已删除", "removed").to_owned()
                                    }
                                    (value, _) => {
                                        value.map_or_else(|| NONE.to_owned(), format_value)
                                    }
                                };
                                let response = ui.label(text);
                                if tint.is_some() {
                                    response.on_hover_text(origin_text(s.origin, lang));
                                }
                            });
                            let color = difference_color(s.difference, better);
                            row.col(|ui| {
                                ui.label(signed(s.difference, "", color));
                            });
                            row.col(|ui| {
                                ui.label(signed(s.percent, "%", color));
                            });
                        }
                    });
                });
        });
}

/// A coloured square and its meaning.
fn legend_ui(ui: &mut egui::Ui, color: Color32, text: &str) {
    let size = egui::vec2(12.0, 12.0);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    ui.painter()
        .rect_filled(rect, 2.0, color.gamma_multiply(0.6));
    ui.label(text);
}

/// What a tinted value is, for its tooltip.
fn origin_text(origin: CompareOrigin, lang: Lang) -> &'static str {
    match origin {
        CompareOrigin::Baseline => lang.pick("基准值", "baseline value"),
        CompareOrigin::Edited => lang.pick("情景中修改的值", "value edited in the scenario"),
        CompareOrigin::Projected => {
            lang.pick("按增长假设推算的值", "value projected by a growth rule")
        }
        CompareOrigin::Removed => lang.pick("情景中删除了此值", "value removed in the scenario"),
    }
}

/// Green for a change in the good direction, red for the bad one, none for no change.
fn difference_color(difference: Option<f64>, better: Better) -> Option<Color32> {
    let d = difference.filter(|d| *d != 0.0)?;
    let good = match better {
        Better::Higher => d > 0.0,
        Better::Lower => d < 0.0,
    };
    Some(if good {
        Color32::from_rgb(39, 174, 96)
    } else {
        Color32::from_rgb(231, 76, 60)
    })
}

/// `+45`, `-3.2%`, or `—`.
fn signed(value: Option<f64>, suffix: &str, color: Option<Color32>) -> RichText {
    let Some(v) = value else {
        return RichText::new(NONE);
    };
    let sign = if v > 0.0 && format_value(v) != "0" {
        "+"
    } else {
        ""
    };
    let text = RichText::new(format!("{sign}{}{suffix}", format_value(v)));
    match color {
        Some(c) => text.color(c),
        None => text,
    }
}
