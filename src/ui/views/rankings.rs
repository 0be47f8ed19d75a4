//! The "排名 / Rankings" view: the picked regions ranked on the picked indicator in one year
//! (polarity respected), and a weighted composite score over several indicators.

use std::collections::HashSet;

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use crate::chart::PointKind;
use crate::chart::style::format_value;
use crate::lang::Lang;
use crate::model::values::Values;
use crate::model::{Better, IndicatorIdx, ObservationKind, RegionIdx};
use crate::ui::command::Command;
use crate::ui::derived::{Inputs, picked_regions};
use crate::ui::views::Cx;

/// The rankings view and what it remembers between frames (the composite's weights are the
/// document's: `AppState::composite_weights`, changed by [`Command::SetWeight`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RankingsView {
    /// The year picked for the ranking, with the indicator it was picked for: another
    /// indicator goes back to its best-covered year.
    pub year: Option<(IndicatorIdx, i32)>,
    /// The composite's year; `None`: the year the weighted indicators cover best.
    pub composite_year: Option<i32>,
}

/// The polarity note: which direction is better.
pub fn polarity_note(better: Better, lang: Lang) -> &'static str {
    match better {
        Better::Higher => lang.pick(
            "数值越高越好（高者排前）",
            "Higher is better (largest first)",
        ),
        Better::Lower => lang.pick(
            "数值越低越好（低者排前）",
            "Lower is better (smallest first)",
        ),
    }
}

impl RankingsView {
    /// Draws the ranking and the composite as [`Cx`] has them (built by the app before the
    /// views, for this view's years); a weight changed goes to `out` as a command.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
        rankings_ui(ui, self, cx, out);
    }
}

fn rankings_ui(ui: &mut egui::Ui, this: &mut RankingsView, cx: &Cx<'_>, out: &mut Vec<Command>) {
    let lang = cx.state.lang;
    if cx.state.picks.indicator.0 as usize >= cx.state.dataset.indicators().len() {
        return;
    }
    let regions = picked_regions(&cx.state.dataset, &cx.state.picks.regions);
    if regions.is_empty() {
        ui.label(lang.pick("请选择至少一个地区", "Select at least one region"));
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("rankings_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ranking_section(ui, this, cx, out, &regions);
            ui.add_space(8.0);
            ui.separator();
            composite_section(ui, this, cx, out, &regions);
        });
}

fn year_combo_ui(
    ui: &mut egui::Ui,
    id: &str,
    name: &str,
    current: i32,
    years: &[i32],
) -> Option<i32> {
    let mut picked = None;
    egui::ComboBox::from_id_salt(id)
        .selected_text(current.to_string())
        .width(70.0)
        .show_ui(ui, |ui| {
            for &y in years.iter().rev() {
                if ui.selectable_label(y == current, y.to_string()).clicked() {
                    picked = Some(y);
                }
            }
        })
        .response
        .on_hover_text(name);
    if picked.is_some() {
        // The app builds the data for the new year before the next frame.
        ui.ctx().request_repaint();
    }
    picked
}

fn ranking_section(
    ui: &mut egui::Ui,
    this: &mut RankingsView,
    cx: &Cx<'_>,
    out: &mut Vec<Command>,
    regions: &[RegionIdx],
) {
    let lang = cx.state.lang;
    let indicator_idx = cx.state.picks.indicator;
    let indicator = cx.state.dataset.indicator(indicator_idx).clone();
    let unit = indicator.display_unit(lang).to_owned();
    let input = Inputs::new(
        &cx.state.dataset,
        cx.state.dataset_rev,
        &cx.state.picks,
        lang,
    );
    let Some(data) = cx.derived.built_ranking(&input, this.year) else {
        return;
    };
    let data = data.clone();
    let years = data.years;
    let Some(year) = data.year else {
        ui.heading(indicator.display_name(lang));
        ui.label(lang.pick(
            "所选地区没有这项指标的数据。",
            "No data for the picked regions.",
        ));
        return;
    };
    ui.horizontal(|ui| {
        ui.heading(format!(
            "{}{}",
            indicator.display_name(lang),
            lang.pick(" 排名", " ranking")
        ));
        ui.label(lang.pick("年份", "Year"));
        let hint = lang.pick(
            "排名的年份（默认：多数所选地区有实际值的年份）",
            "Year ranked (default: the year most picked regions report)",
        );
        if let Some(y) = year_combo_ui(ui, "ranking_year", hint, year, &years) {
            this.year = Some((indicator_idx, y));
        }
        // The same pick as the bar chart's: each region's latest value up to the year.
        let mut latest = cx.state.picks.latest;
        let tolerance = crate::model::latest::DEFAULT_TOLERANCE;
        if ui
            .checkbox(
                &mut latest,
                lang.pick("截至该年的最新值", "Latest value up to the year"),
            )
            .on_hover_text(match lang {
                Lang::Zh => format!(
                    "该年没有数值的地区，用其最近 {tolerance} 年内的最新值排名，并标出年份"
                ),
                Lang::En => format!(
                    "A region without a value for the year is ranked on its latest value of the {tolerance} years before, its year shown"
                ),
            })
            .changed()
        {
            out.push(Command::SetLatest(latest));
        }
    });
    ui.label(RichText::new(polarity_note(indicator.better, lang)).italics());
    let ranked = data.ranked;
    let dataset = &cx.state.dataset;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    TableBuilder::new(ui)
        .id_salt("ranking_table")
        .striped(true)
        .vscroll(false)
        .column(Column::exact(50.0))
        .column(Column::auto().at_least(120.0))
        .column(Column::auto().at_least(90.0))
        .column(Column::remainder().at_least(100.0))
        .header(row_height, |mut header| {
            for title in [
                lang.pick("名次", "Rank"),
                lang.pick("地区", "Region"),
                lang.pick("数值", "Value"),
                lang.pick("单位", "Unit"),
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            // Only the rows in view are laid out (3,000 on a national file).
            body.rows(row_height, ranked.len(), |mut row| {
                let i = row.index();
                let Some(r) = ranked.get(i) else {
                    return;
                };
                // With "latest up to the year", a value of an earlier year says so.
                let value_year = data.value_years.get(i).copied().unwrap_or(year);
                {
                    row.col(|ui| {
                        ui.label(r.rank.to_string());
                    });
                    row.col(|ui| {
                        ui.label(dataset.region(r.region).display_name(lang));
                    });
                    row.col(|ui| {
                        let estimate = dataset
                            .measured_with_kind(r.region, indicator_idx, value_year)
                            .is_some_and(|(_, k)| k == ObservationKind::Estimate);
                        let mut text = format_value(r.value);
                        if value_year != year {
                            text = match lang {
                                Lang::Zh => format!("{text}（{value_year}年）"),
                                Lang::En => format!("{text} ({value_year})"),
                            };
                        }
                        if estimate {
                            text = format!(
                                "{text}{}{}{}",
                                lang.pick("（", " ("),
                                PointKind::Estimate.label(lang),
                                lang.pick("）", ")")
                            );
                        }
                        ui.label(text);
                    });
                    row.col(|ui| {
                        ui.label(&unit);
                    });
                }
            });
        });
    // A picked whole (重庆市 over its picked districts) is not ranked among its parts: say so,
    // rather than listing it as having no data.
    let references: Vec<&str> = data
        .references
        .iter()
        .map(|r| dataset.region(*r).display_name(lang))
        .collect();
    if !references.is_empty() {
        ui.label(
            RichText::new(format!(
                "{}{}",
                lang.pick(
                    "不参与排名（所选地区的上级，作对照）：",
                    "Not ranked (the whole of other picks, for reference): "
                ),
                references.join(lang.pick("、", ", "))
            ))
            .weak(),
        );
    }
    let ranked_regions: HashSet<RegionIdx> = ranked.iter().map(|x| x.region).collect();
    let missing: Vec<&str> = regions
        .iter()
        .filter(|r| !ranked_regions.contains(r))
        .filter(|r| !data.references.contains(r))
        .map(|r| dataset.region(*r).display_name(lang))
        .collect();
    if !missing.is_empty() {
        ui.label(
            RichText::new(format!(
                "{}{}",
                lang.pick("本年无数据：", "No data this year: "),
                missing.join(lang.pick("、", ", "))
            ))
            .weak(),
        );
    }
}

fn composite_section(
    ui: &mut egui::Ui,
    this: &mut RankingsView,
    cx: &Cx<'_>,
    out: &mut Vec<Command>,
    regions: &[RegionIdx],
) {
    let lang = cx.state.lang;
    ui.heading(lang.pick("综合得分", "Composite score"));
    ui.label(lang.pick(
        "勾选指标并设置权重：",
        "Tick indicators and set their weights:",
    ));
    let indicators: Vec<IndicatorIdx> = cx.state.dataset.indicator_indices().collect();
    // Two indicators a row when there is room, else one: the weights never leave the screen.
    let per_row = if ui.available_width() >= 820.0 { 2 } else { 1 };
    egui::Grid::new("composite_weights_grid")
        .num_columns(2 * per_row)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            // Weight first, then the checkbox with the name (a long name is what is cut).
            for (n, idx) in indicators.into_iter().enumerate() {
                let name = cx
                    .state
                    .dataset
                    .indicator(idx)
                    .display_name(lang)
                    .to_owned();
                let position = cx
                    .state
                    .composite_weights
                    .iter()
                    .position(|(i, _)| *i == idx);
                let mut checked = position.is_some();
                let hint = format!("{}{name}", lang.pick("权重：", "Weight: "));
                match cx.state.composite_weights.iter().find(|(i, _)| *i == idx) {
                    Some(&(_, weight)) => {
                        let mut weight = weight;
                        if ui
                            .add(
                                egui::DragValue::new(&mut weight)
                                    .range(0.0..=10.0)
                                    .speed(0.05)
                                    .fixed_decimals(2),
                            )
                            .on_hover_text(hint)
                            .changed()
                        {
                            out.push(Command::SetWeight(idx, Some(weight)));
                        }
                    }
                    None => {
                        let mut unused = 1.0;
                        ui.add_enabled(false, egui::DragValue::new(&mut unused).fixed_decimals(2))
                            .on_hover_text(hint.as_str())
                            .on_disabled_hover_text(lang.pick(
                                "先勾选指标再设权重",
                                "Tick the indicator to set its weight",
                            ));
                    }
                }
                if ui
                    .checkbox(&mut checked, &name)
                    .on_hover_text(lang.pick("计入综合得分", "Include in the composite score"))
                    .changed()
                {
                    match position {
                        Some(_) if !checked => out.push(Command::SetWeight(idx, None)),
                        None if checked => out.push(Command::SetWeight(idx, Some(1.0))),
                        _ => {}
                    }
                }
                if n % per_row == per_row - 1 {
                    ui.end_row();
                }
            }
        });
    ui.label(
        RichText::new(lang.pick(
            "换算：每项指标在所选地区中按最小–最大值换算为 0–100（100 = 最好，已按指标方向），\
             再按权重加权平均；地区缺少的指标不计入，其权重分配给其余指标。",
            "Normalisation: each indicator is min–max scaled to 0–100 among the picked regions \
             (100 = best, polarity respected), then averaged with the weights; an indicator a \
             region lacks is left out and the others' weights are rescaled.",
        ))
        .weak(),
    );
    if cx.state.composite_weights.iter().all(|(_, w)| *w <= 0.0) {
        ui.label(lang.pick(
            "请勾选至少一项权重大于 0 的指标。",
            "Tick at least one indicator with a weight above 0.",
        ));
        return;
    }
    let input = Inputs::new(
        &cx.state.dataset,
        cx.state.dataset_rev,
        &cx.state.picks,
        lang,
    );
    let Some(data) =
        cx.derived
            .built_composite(&input, &cx.state.composite_weights, this.composite_year)
    else {
        return;
    };
    let data = data.clone();
    let years = data.years;
    let (Some(year), Some(scores)) = (data.year, data.scores) else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label(lang.pick("年份", "Year"));
        let hint = lang.pick(
            "综合得分的年份（默认：所选指标数据最全的年份）",
            "Year of the composite (default: the year the ticked indicators cover best)",
        );
        if let Some(y) = year_combo_ui(ui, "composite_year", hint, year, &years) {
            this.composite_year = Some(y);
        }
        if this.composite_year.is_some()
            && ui
                .button(lang.pick("自动", "Automatic"))
                .on_hover_text(lang.pick("改回数据最全的年份", "Back to the best-covered year"))
                .clicked()
        {
            this.composite_year = None;
            ui.ctx().request_repaint();
        }
    });
    let scores = match scores {
        Ok(scores) => scores,
        Err(err) => {
            ui.label(RichText::new(err.to_string()).color(ui.visuals().error_fg_color));
            return;
        }
    };
    let total = cx
        .state
        .composite_weights
        .iter()
        .filter(|(_, w)| *w > 0.0)
        .count();
    let dataset = &cx.state.dataset;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    TableBuilder::new(ui)
        .id_salt("composite_table")
        .striped(true)
        .vscroll(false)
        .column(Column::exact(50.0))
        .column(Column::auto().at_least(120.0))
        .column(Column::auto().at_least(70.0))
        .column(Column::auto().at_least(90.0))
        .column(Column::remainder().at_least(160.0).clip(true))
        .header(row_height, |mut header| {
            for title in [
                lang.pick("名次", "Rank"),
                lang.pick("地区", "Region"),
                lang.pick("得分", "Score"),
                lang.pick("所用指标", "Indicators used"),
                lang.pick("缺少", "Missing"),
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, scores.len(), |mut row| {
                let i = row.index();
                let Some(c) = scores.get(i) else {
                    return;
                };
                {
                    row.col(|ui| {
                        ui.label((i + 1).to_string());
                    });
                    row.col(|ui| {
                        ui.label(dataset.region(c.region).display_name(lang));
                    });
                    row.col(|ui| {
                        ui.label(format!("{:.1}", c.score));
                    });
                    row.col(|ui| {
                        ui.label(format!("{} / {total}", c.used));
                    });
                    row.col(|ui| {
                        let missing: Vec<&str> = c
                            .missing
                            .iter()
                            .map(|i| dataset.indicator(*i).display_name(lang))
                            .collect();
                        ui.label(missing.join(lang.pick("、", ", ")));
                    });
                }
            });
        });
    let scored: HashSet<RegionIdx> = scores.iter().map(|c| c.region).collect();
    let absent: Vec<&str> = regions
        .iter()
        .filter(|r| !scored.contains(r))
        .map(|r| dataset.region(*r).display_name(lang))
        .collect();
    if !absent.is_empty() {
        ui.label(
            RichText::new(format!(
                "{}{}",
                lang.pick("本年所选指标均无数据：", "No ticked indicator this year: "),
                absent.join(lang.pick("、", ", "))
            ))
            .weak(),
        );
    }
}
