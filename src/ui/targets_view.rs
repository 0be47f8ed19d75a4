//! The "目标 / Targets" view: every published target of the picked regions, where the region
//! stands, the growth the target requires against the growth recently achieved, and a status.
//! A selected row shows the required path (goal seek) and can become a scenario growth rule.

use egui::{Color32, RichText};
use egui_extras::{Column, TableBuilder};

use crate::chart::PointKind;
use crate::chart::style::format_value;
use crate::lang::Lang;
use crate::model::ObservationKind;
use crate::model::analysis::{AT_RISK_SHARE, TargetStatus, TargetTrack, required_path};
use crate::model::target_rows::{
    TargetKey, TargetRow, explain, explain_scenario, format_pct, status_label,
};
use crate::model::targets::bounded;
use crate::model::values::Values;
use crate::ui::command::Command;
use crate::ui::derived::Inputs;
use crate::ui::views::Cx;

/// What the view remembers between frames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TargetsState {
    /// The row whose required path is shown.
    pub selected: Option<TargetKey>,
    /// Show the tracker chart (bullet bars) instead of the table.
    pub tracker: bool,
}

/// The status's colour, readable on the light and the dark theme.
pub fn status_colour(status: TargetStatus, dark: bool) -> Color32 {
    match (status, dark) {
        (TargetStatus::Achieved, false) => Color32::from_rgb(0, 110, 50),
        (TargetStatus::Achieved, true) => Color32::from_rgb(90, 210, 120),
        (TargetStatus::OnTrack, false) => Color32::from_rgb(20, 95, 170),
        (TargetStatus::OnTrack, true) => Color32::from_rgb(110, 170, 255),
        (TargetStatus::AtRisk, false) => Color32::from_rgb(170, 95, 0),
        (TargetStatus::AtRisk, true) => Color32::from_rgb(245, 180, 60),
        (TargetStatus::OffTrack, false) => Color32::from_rgb(190, 25, 25),
        (TargetStatus::OffTrack, true) => Color32::from_rgb(255, 110, 100),
        (TargetStatus::Unknown, false) => Color32::from_rgb(110, 110, 110),
        (TargetStatus::Unknown, true) => Color32::from_rgb(160, 160, 160),
    }
}

impl TargetsState {
    /// Draws the view from the targets the app built before it ([`Derived::built_targets`]);
    /// applying a target's growth or showing it in the chart go to `out` as commands.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
        show(ui, self, cx, out);
    }
}

fn show(ui: &mut egui::Ui, this: &mut TargetsState, cx: &Cx<'_>, out: &mut Vec<Command>) {
    let lang = cx.state.lang;
    let input = Inputs::new(
        &cx.state.dataset,
        cx.state.dataset_rev,
        &cx.state.picks,
        lang,
    );
    let Some(list) = cx.derived.built_targets(&input, &cx.state.scenarios) else {
        return;
    };
    let total = list.total;
    let rows = &list.rows;
    ui.horizontal(|ui| {
        let state = &mut *this;
        ui.selectable_value(&mut state.tracker, false, lang.pick("表格", "Table"))
            .on_hover_text(lang.pick(
                "每个目标一行：目标、最新实际值、所需与近年增速、状态、原因",
                "One row per target: target, latest actual, required and recent growth, status, reason",
            ));
        ui.selectable_value(&mut state.tracker, true, lang.pick("进度图", "Tracker"))
            .on_hover_text(lang.pick(
                "每个目标一条进度条：实际值占目标的比例，基线与情景并列（与导出的图相同）",
                "One bullet bar per target: the actual as a share of the target, baseline beside scenario (as exported)",
            ));
    });
    ui.label(match lang {
        Lang::Zh => format!(
            "所选地区的规划目标：{} 个（数据集中共 {} 个；在左侧勾选地区）",
            rows.len(),
            total
        ),
        Lang::En => format!(
            "Published targets of the picked regions: {} (of {} in the dataset; pick regions on the left)",
            rows.len(),
            total
        ),
    });
    if rows.is_empty() {
        ui.label(lang.pick(
            "所选地区没有规划目标。",
            "The picked regions have no published targets.",
        ));
        return;
    }
    // Keep a selection that still exists; else select the first row with a required path.
    let selected_exists = this
        .selected
        .is_some_and(|k| rows.iter().any(|r| r.key() == k));
    if !selected_exists {
        this.selected = rows
            .iter()
            .find(|r| r.track.as_ref().is_some_and(|t| t.required_pct.is_some()))
            .or(rows.first())
            .map(TargetRow::key);
    }

    if this.tracker {
        if let Some(spec) = &list.tracker {
            crate::ui::views::tracker::tracker_ui(ui, spec, cx.derived.rebuilds());
        }
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("targets_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::ScrollArea::horizontal()
                .id_salt("targets_table_scroll")
                .show(ui, |ui| table(ui, this, cx, rows));
            ui.add_space(6.0);
            thresholds_note(ui, lang);
            ui.separator();
            if let Some(row) = rows.iter().find(|r| Some(r.key()) == this.selected) {
                details(ui, cx, row, out);
            }
        });
}

fn table(ui: &mut egui::Ui, this: &mut TargetsState, cx: &Cx<'_>, rows: &[TargetRow]) {
    let lang = cx.state.lang;
    let scenario_name = cx
        .state
        .scenarios
        .active()
        .map(|doc| doc.scenario.name.clone());
    let dark = ui.visuals().dark_mode;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let headers = [
        (lang.pick("地区", "Region"), ""),
        (lang.pick("指标", "Indicator"), ""),
        (lang.pick("状态", "Status"), ""),
        (
            lang.pick("目标", "Target"),
            lang.pick("目标年份与目标值", "Target year and value"),
        ),
        (
            lang.pick("最新实测", "Latest measured"),
            lang.pick(
                "目标年之前最近一年的实测值（无实测时用估计值）",
                "The latest measured value before the target year (an estimate when no actual)",
            ),
        ),
        (
            lang.pick("剩余年数", "Years left"),
            lang.pick(
                "目标年份 − 最新实测年份",
                "Target year − latest measured year",
            ),
        ),
        (
            lang.pick("所需年均增速", "Required growth / yr"),
            lang.pick(
                "从最新值到目标值所需的年均复合增速",
                "Compound annual growth from the latest value to the target",
            ),
        ),
        (
            lang.pick("近年增速", "Recent growth"),
            lang.pick(
                "截至最新年份的年均复合增速：优先近 3 年，其次 5 年，再次 4、2、1 年",
                "Compound annual growth up to the latest year: 3 years, else 5, else 4, 2, 1",
            ),
        ),
        (lang.pick("说明", "Why"), ""),
    ];
    // With a scenario, its status gets a column of its own beside the baseline's.
    let scenario_header = (
        lang.pick("情景状态", "On scenario"),
        lang.pick(
            "按当前情景的数值判断的状态",
            "The status judged on the active scenario's values",
        ),
    );
    let headers: Vec<(&str, &str)> = match scenario_name {
        Some(_) => {
            let mut h = headers.to_vec();
            h.insert(3, scenario_header);
            h
        }
        None => headers.to_vec(),
    };
    let mut clicked: Option<TargetKey> = None;
    // What the other columns leave, shared by the indicator and the "why" column.
    let fixed = if scenario_name.is_some() {
        684.0
    } else {
        620.0
    };
    let indicator_width = ((ui.available_width() - fixed) * 0.55).clamp(76.0, 220.0);
    let mut builder = TableBuilder::new(ui)
        .id_salt("targets_table")
        .striped(true)
        .resizable(true)
        .vscroll(false)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        // Sized to fit the view at 1280×800 (the indicator's name gives way first; every cell
        // shows its full text on hover), so no column sits off screen.
        .column(Column::initial(90.0).at_least(60.0).clip(true))
        .column(Column::initial(indicator_width).at_least(70.0).clip(true))
        .column(Column::initial(64.0).at_least(48.0).clip(true));
    if scenario_name.is_some() {
        builder = builder.column(Column::initial(64.0).at_least(48.0).clip(true));
    }
    builder
        .column(Column::initial(100.0).at_least(60.0).clip(true))
        .column(Column::initial(90.0).at_least(60.0).clip(true))
        .column(Column::initial(36.0).at_least(30.0).clip(true))
        .column(Column::initial(70.0).at_least(50.0).clip(true))
        .column(Column::initial(70.0).at_least(50.0).clip(true))
        .column(Column::remainder().at_least(70.0).clip(true))
        .header(row_height, |mut header| {
            for (title, hint) in headers {
                header.col(|ui| {
                    let response = ui.strong(title);
                    if !hint.is_empty() {
                        response.on_hover_text(hint);
                    }
                });
            }
        })
        .body(|body| {
            // Only the rows in view are laid out (3,000 targets drew every row: 118 ms).
            body.rows(row_height, rows.len(), |mut table_row| {
                let row = &rows[table_row.index()];
                let key = row.key();
                let is_selected = this.selected == Some(key);
                {
                    table_row.set_selected(is_selected);
                    let dataset = &cx.state.dataset;
                    let region = dataset.region(row.region).display_name(lang);
                    let indicator = dataset.indicator(row.indicator);
                    let unit = indicator.display_unit(lang);
                    table_row.col(|ui| {
                        if ui
                            .selectable_label(is_selected, region)
                            .on_hover_text(lang.pick(
                                "选中此目标，查看需达路径",
                                "Select this target to see its required path",
                            ))
                            .clicked()
                        {
                            clicked = Some(key);
                        }
                    });
                    table_row.col(|ui| {
                        let name = indicator.display_name(lang);
                        ui.add(egui::Label::new(name).truncate())
                            .on_hover_text(name);
                    });
                    table_row.col(|ui| {
                        let status = row.status();
                        ui.label(
                            RichText::new(status_label(status, lang))
                                .strong()
                                .color(status_colour(status, dark)),
                        )
                        .on_hover_text(explain(row, lang));
                    });
                    if let Some(name) = scenario_name.as_deref() {
                        table_row.col(|ui| match &row.judged.scenario {
                            Some(j) => {
                                ui.label(
                                    RichText::new(status_label(j.status, lang))
                                        .strong()
                                        .color(status_colour(j.status, dark)),
                                )
                                .on_hover_text(
                                    explain_scenario(row, name, lang).unwrap_or_default(),
                                );
                            }
                            None => {
                                ui.label("—");
                            }
                        });
                    }
                    table_row.col(|ui| {
                        // The unit on hover: in every row it would push the columns away.
                        let target = row.target_text(lang);
                        let unit = if row.judged.baseline.target.measure.is_level() {
                            unit
                        } else {
                            row.judged.baseline.target.measure.label(lang)
                        };
                        ui.add(
                            egui::Label::new(format!(
                                "{}{}{target}",
                                row.target_year,
                                lang.pick("年：", ": "),
                            ))
                            .truncate(),
                        )
                        .on_hover_text(format!("{target} {unit}"));
                    });
                    let track = row.track.as_ref();
                    table_row.col(|ui| {
                        // The figure the judgement compares, as stated ("> 300", "10.6 %").
                        let measure = row.judged.baseline.target.measure;
                        let figure = row.judged.baseline.latest_figure();
                        let text = figure.map_or_else(
                            || "—".to_owned(),
                            |f| {
                                let estimate = if track.is_some_and(|t| {
                                    t.latest_year == f.year
                                        && t.latest_kind == ObservationKind::Estimate
                                }) {
                                    format!(
                                        "{}{}{}",
                                        lang.pick("（", " ("),
                                        PointKind::Estimate.label(lang),
                                        lang.pick("）", ")")
                                    )
                                } else {
                                    String::new()
                                };
                                format!(
                                    "{}{}{}{estimate}",
                                    f.year,
                                    lang.pick("年：", ": "),
                                    bounded(f.value, f.bound, measure)
                                )
                            },
                        );
                        ui.label(text);
                    });
                    table_row.col(|ui| {
                        ui.label(
                            track.map_or_else(|| "—".to_owned(), |t| t.years_left.to_string()),
                        );
                    });
                    table_row.col(|ui| {
                        ui.label(
                            // A growth target's own rate when there is no level path.
                            track
                                .and_then(|t| t.required_pct)
                                .or(row.judged.baseline.required_pct)
                                .map_or_else(|| "—".to_owned(), format_pct),
                        );
                    });
                    table_row.col(|ui| {
                        recent_cell(ui, track, &row.judged.baseline, lang);
                    });
                    table_row.col(|ui| {
                        let why = explain(row, lang);
                        let on_scenario = scenario_name
                            .as_deref()
                            .and_then(|name| explain_scenario(row, name, lang));
                        match on_scenario {
                            Some(scenario) => {
                                // Baseline and scenario side by side; both in full on hover.
                                let shown = match lang {
                                    Lang::Zh => format!("基线：{why} · {scenario}"),
                                    Lang::En => format!("baseline: {why} · {scenario}"),
                                };
                                ui.add(egui::Label::new(shown).truncate())
                                    .on_hover_text(format!("{why}\n{scenario}"));
                            }
                            None => {
                                ui.add(egui::Label::new(why.clone()).truncate())
                                    .on_hover_text(why);
                            }
                        }
                    });
                    if table_row.response().clicked() {
                        clicked = Some(key);
                    }
                }
            });
        });
    if let Some(key) = clicked {
        this.selected = Some(key);
    }
}

/// The recent-growth cell: the rate judged by, with its span; the 3- and 5-year rates on hover.
fn recent_cell(
    ui: &mut egui::Ui,
    track: Option<&TargetTrack>,
    judged: &crate::model::targets::TargetJudgement,
    lang: Lang,
) {
    let show = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), format_pct);
    // The level path's growth, else (a growth target, or a year without levels) the growth
    // the judgement used, published rates or levels' CAGR, as `yardstick targets` shows it.
    let (recent, span, hover) = match track.and_then(|t| Some((t, t.recent_pct?, t.recent_span?))) {
        Some((t, recent, span)) => {
            let hover = match lang {
                Lang::Zh => format!(
                    "近3年年均复合增速：{}\n近5年年均复合增速：{}\n截至 {} 年",
                    show(t.cagr3),
                    show(t.cagr5),
                    t.latest_year
                ),
                Lang::En => format!(
                    "3-year CAGR: {}\n5-year CAGR: {}\nending {}",
                    show(t.cagr3),
                    show(t.cagr5),
                    t.latest_year
                ),
            };
            (recent, span, hover)
        }
        None => {
            let (Some(recent), Some(span)) = (judged.recent_pct, judged.recent_span) else {
                ui.label("—");
                return;
            };
            let hover = match (judged.recent_published, lang) {
                (true, Lang::Zh) => "公布的增速（平均）",
                (true, Lang::En) => "Published growth rates (average)",
                (false, Lang::Zh) => "由全年总量算出的年均复合增速",
                (false, Lang::En) => "Compound annual growth of the whole-year levels",
            };
            (recent, span, hover.to_owned())
        }
    };
    let text = match lang {
        Lang::Zh => format!("{}（近{span}年）", format_pct(recent)),
        Lang::En => format!("{} ({span} yr)", format_pct(recent)),
    };
    ui.label(text).on_hover_text(hover);
}

/// How the status is decided, under the table.
fn thresholds_note(ui: &mut egui::Ui, lang: Lang) {
    let share = AT_RISK_SHARE * 100.0;
    let text = match lang {
        Lang::Zh => format!(
            "判断标准：按计划 = 近年年均增速 ≥ 所需年均增速；有风险 = 达到所需的 {share:.0}% 以上；\
             落后 = 不足 {share:.0}%（或目标年实测未达标）；达成 = 最新值或目标年实测值已达到目标；\
             无法判断 = 无近年增长数据或无法计算所需增速。指标越低越好时，比较的是降幅。"
        ),
        Lang::En => format!(
            "How the status is decided: on track = recent annual growth ≥ the required; at risk = at \
             least {share:.0} % of the required; off track = below {share:.0} % (or the target \
             year's measured value misses it); achieved = the latest value or the target year's \
             value meets the target; unknown = no recent growth data or no required growth. For \
             lower-is-better indicators the declines are compared."
        ),
    };
    ui.label(RichText::new(text).weak());
}

/// The selected target: its required path and what can be done with it.
fn details(ui: &mut egui::Ui, cx: &Cx<'_>, row: &TargetRow, out: &mut Vec<Command>) {
    let lang = cx.state.lang;
    let dataset = &cx.state.dataset;
    let region = dataset.region(row.region).display_name(lang).to_owned();
    let indicator = dataset.indicator(row.indicator);
    let name = indicator.display_name(lang).to_owned();
    let unit = indicator.display_unit(lang).to_owned();
    ui.heading(format!(
        "{region} · {name}{}",
        lang.pick("：需达路径", ": required path")
    ));
    let status = row.status();
    ui.horizontal(|ui| {
        ui.label(lang.pick("状态：", "Status: "));
        ui.label(
            RichText::new(status_label(status, lang))
                .strong()
                .color(status_colour(status, ui.visuals().dark_mode)),
        );
        ui.label(format!("— {}", explain(row, lang)));
    });
    let Some(track) = &row.track else {
        return;
    };
    let path = required_path(track);
    if let Some(required) = track.required_pct {
        ui.label(match lang {
            Lang::Zh => format!(
                "由 {} 年的 {} 到 {} 年目标 {} {unit}，共 {} 年，每年需增长 {}。",
                track.latest_year,
                format_value(track.latest_value),
                track.target_year,
                format_value(track.target),
                track.years_left,
                format_pct(required)
            ),
            Lang::En => format!(
                "From {} in {} to the target {} {unit} in {}: {} years at {} a year.",
                format_value(track.latest_value),
                track.latest_year,
                format_value(track.target),
                track.target_year,
                track.years_left,
                format_pct(required)
            ),
        });
    }
    if !path.is_empty() {
        egui::Grid::new("required_path_grid")
            .striped(true)
            .spacing([24.0, 4.0])
            .show(ui, |ui| {
                ui.strong(lang.pick("年份", "Year"));
                for (year, _) in &path {
                    ui.strong(year.to_string());
                }
                ui.end_row();
                ui.strong(format!("{}（{unit}）", lang.pick("需达到", "Needed")));
                for (_, value) in &path {
                    ui.label(format_value(*value));
                }
                ui.end_row();
                ui.strong(lang.pick("实测", "Measured"));
                for (year, _) in &path {
                    let measured = dataset.measured(row.region, row.indicator, *year);
                    ui.label(measured.map_or_else(|| "—".to_owned(), format_value));
                }
                ui.end_row();
            });
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let apply = Command::ApplyTargetGrowth(row.key());
        let button = ui
            .add_enabled(
                track.required_pct.is_some(),
                egui::Button::new(apply.text(lang)),
            )
            .on_hover_text(apply.tooltip(lang))
            .on_disabled_hover_text(
                lang.pick("无法计算所需增速", "There is no required growth to apply"),
            );
        if button.clicked() {
            out.push(apply);
        }
        let show = Command::ShowTargetInChart(row.key());
        if ui
            .button(show.text(lang))
            .on_hover_text(show.tooltip(lang))
            .clicked()
        {
            out.push(show);
        }
    });
}
