//! The pivot layout: regions × years of the picked indicator, with selection, keyboard,
//! copy and paste.

use std::collections::BTreeSet;

use egui::{Event, Key, RichText};
use egui_extras::{Column, TableBuilder};

use super::paste::{self, Grid};
use super::{
    Action, CellRef, Frame, Message, ScenarioKey, Shown, TableState, data_key, shown, text_cell_ui,
    value_cell,
};
use crate::chart::style::format_value;
use crate::io::tsv::to_tsv;
use crate::model::{ObservationKind, RegionIdx};
use crate::ui::i18n::Text;
use crate::ui::state::AppState;

impl TableState {
    /// Indicator heading, "+ year column", copy and "Paste text…".
    pub(super) fn pivot_toolbar_ui(&mut self, ui: &mut egui::Ui, app: &AppState) {
        let lang = app.lang;
        let idx = app.picks.indicator;
        let indicator = app.dataset.indicator(idx);
        let heading = match lang {
            crate::lang::Lang::Zh => format!("{}（{}）", indicator.name, indicator.unit),
            crate::lang::Lang::En => format!("{} [{}]", indicator.name_en, indicator.unit_en),
        };
        // The heading gives way (shortened, full on hover) so the buttons after it stay on
        // screen; they take about 400 points in English.
        let room = (ui.available_width() - 420.0).max(60.0);
        ui.scope(|ui| {
            ui.set_max_width(room);
            ui.add(egui::Label::new(RichText::new(&heading).strong()).truncate())
                .on_hover_text(&heading);
        });
        ui.separator();
        if self.new_year_for != Some(idx) {
            let last = self
                .years
                .last()
                .copied()
                .or_else(|| app.dataset.years_of(idx).last().copied())
                .unwrap_or(2024);
            self.new_year = last.saturating_add(1);
            self.new_year_for = Some(idx);
        }
        let label = ui.label(lang.pick("新增年份", "New year"));
        ui.add(
            egui::DragValue::new(&mut self.new_year)
                .range(1900..=2200)
                .speed(0.1),
        )
        .labelled_by(label.id);
        if ui
            .button(lang.pick("+ 年份列", "+ year column"))
            .on_hover_text(lang.pick(
                "添加一个年份列，以便填写尚无数据的年份（如 2023–2025）",
                "Add a year column to type values for a year with no data yet (e.g. 2023–2025)",
            ))
            .clicked()
        {
            self.add_year(&app.dataset, idx, self.new_year);
            self.new_year = self.new_year.saturating_add(1);
        }
        ui.separator();
        if ui
            .add_enabled(
                self.anchor.is_some(),
                egui::Button::new(lang.pick("复制", "Copy")),
            )
            .on_hover_text(lang.pick(
                "复制选中的单元格（制表符分隔，可粘贴到 Excel/WPS），同 Ctrl+C",
                "Copy the selected cells as tab-separated text (for Excel/WPS); same as Ctrl+C",
            ))
            .clicked()
        {
            self.pending_copy = true;
        }
        if ui
            .button(lang.pick("粘贴文本…", "Paste text…"))
            .on_hover_text(lang.pick(
                "选中单元格后按 Ctrl+V 直接粘贴；也可以在这里粘贴制表符分隔的文本",
                "Select a cell and press Ctrl+V to paste; or paste tab-separated text here",
            ))
            .clicked()
        {
            self.paste_text = Some(String::new());
        }
    }

    /// The pivot: rows and columns, keys, then the table.
    pub(super) fn pivot(
        &mut self,
        ui: &mut egui::Ui,
        frame: &Frame<'_>,
        picked: &[bool],
        scenario: ScenarioKey,
        actions: &mut Vec<Action>,
    ) {
        self.rows = frame
            .dataset
            .region_indices()
            .filter(|r| picked.get(r.0 as usize).copied().unwrap_or(false))
            .collect();
        self.years = self.pivot_years_for(frame, scenario);
        if self.pending_copy {
            self.pending_copy = false;
            self.copy(ui.ctx(), frame);
        }
        if self.rows.is_empty() {
            ui.label(Text::NothingSelected.get(frame.lang));
            return;
        }
        if self.focused_now && self.anchor.and_then(|a| self.position(a)).is_none() {
            self.select_first_cell(frame);
        }
        self.pivot_keys(ui, frame, actions);
        self.pivot_table_ui(ui, frame, actions);
    }

    /// The year columns: every year from the first to the last with data for the indicator
    /// (its target years included), the years the scenario changes and the years added;
    /// cached.
    fn pivot_years_for(&mut self, frame: &Frame<'_>, scenario: ScenarioKey) -> Vec<i32> {
        let added: Vec<i32> = self
            .added_years
            .get(&frame.dataset.indicator(frame.indicator).id)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default();
        let key = (data_key(frame.dataset), frame.indicator, scenario, added);
        if let Some((k, years)) = &self.years_cache
            && *k == key
        {
            return years.clone();
        }
        // Every year from the indicator's first to its last (targets included), so a year
        // with no value yet between them (2023, 2024) can be typed without adding a column.
        let data_years = self.data_years(frame);
        let mut years: BTreeSet<i32> = match (data_years.first(), data_years.last()) {
            (Some(&first), Some(&last)) => (first..=last).collect(),
            _ => BTreeSet::new(),
        };
        years.extend(frame.applied.years_changed(frame.indicator));
        years.extend(key.3.iter().copied());
        let years: Vec<i32> = years.into_iter().collect();
        self.years_cache = Some((key, years.clone()));
        years
    }

    /// The years with data for the indicator, ascending; cached.
    fn data_years(&mut self, frame: &Frame<'_>) -> &[i32] {
        let key = (data_key(frame.dataset), frame.indicator);
        if !matches!(&self.data_years_cache, Some((k, _)) if *k == key) {
            self.data_years_cache = Some((key, frame.dataset.years_of(frame.indicator)));
        }
        self.data_years_cache.as_ref().map_or(&[], |(_, y)| y)
    }

    fn grid(&self, frame: &Frame<'_>) -> Grid<'_> {
        Grid {
            indicator: frame.indicator,
            rows: &self.rows,
            years: &self.years,
        }
    }

    /// Copies the selected rectangle as TSV.
    fn copy(&mut self, ctx: &egui::Context, frame: &Frame<'_>) {
        let Some((r0, r1, c0, c1)) = self.selected_range() else {
            return;
        };
        let block = paste::copy_block(
            frame.dataset,
            frame.applied,
            self.grid(frame),
            r0..=r1,
            c0..=c1,
        );
        ctx.copy_text(to_tsv(&block));
        let (rows, cols) = (r1 - r0 + 1, c1 - c0 + 1);
        self.message = Some(Message {
            text: match frame.lang {
                crate::lang::Lang::Zh => format!("已复制 {rows} 行 × {cols} 列"),
                crate::lang::Lang::En => format!("Copied {rows} rows × {cols} columns"),
            },
            is_error: false,
        });
    }

    /// Selects the first row's latest published value (not a read-only target), else its
    /// first editable cell.
    fn select_first_cell(&mut self, frame: &Frame<'_>) {
        let Some(&region) = self.rows.first() else {
            return;
        };
        let shown_at = |year: i32| {
            let cell = CellRef {
                region,
                indicator: frame.indicator,
                year,
            };
            shown(frame.dataset, frame.applied, cell)
        };
        let year = self
            .years
            .iter()
            .rev()
            .find(|&&y| matches!(shown_at(y), Shown::Value(_)))
            .or_else(|| self.years.iter().find(|&&y| shown_at(y).editable()))
            .copied();
        if let Some(year) = year {
            self.anchor = Some((region, year));
            self.extent = None;
            self.scroll_to = Some(0);
            self.scroll_to_anchor = true;
        }
    }

    /// Keyboard and clipboard events, only while the table has the keyboard focus.
    fn pivot_keys(&mut self, ui: &egui::Ui, frame: &Frame<'_>, actions: &mut Vec<Action>) {
        let ctx = ui.ctx().clone();
        if !self.has_focus || ctx.text_edit_focused() {
            return;
        }
        let events = ui.input(|i| i.events.clone());
        let mut opened_now = false;
        for event in events {
            match event {
                Event::Copy => self.copy(&ctx, frame),
                Event::Paste(text) => actions.push(Action::Paste {
                    text,
                    from_window: false,
                }),
                Event::Text(text) => {
                    if opened_now {
                        if let Some(editing) = &mut self.editing {
                            editing.text.push_str(&text);
                        }
                    } else if let Some(cell) = self.anchor_cell(frame) {
                        self.open_editor(frame, cell, Some(text));
                        opened_now = self.editing.is_some();
                    }
                }
                Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } => self.pivot_key(frame, key, modifiers.shift),
                _ => {}
            }
        }
    }

    fn anchor_cell(&self, frame: &Frame<'_>) -> Option<CellRef> {
        let (r, c) = self.position(self.anchor?)?;
        self.grid(frame).cell(r, c)
    }

    fn pivot_key(&mut self, frame: &Frame<'_>, key: Key, shift: bool) {
        let Some(anchor) = self.anchor.and_then(|a| self.position(a)) else {
            return;
        };
        let (dr, dc): (isize, isize) = match key {
            Key::ArrowUp => (-1, 0),
            Key::ArrowDown => (1, 0),
            Key::ArrowLeft => (0, -1),
            Key::ArrowRight => (0, 1),
            Key::Enter | Key::F2 => {
                if let Some(cell) = self.anchor_cell(frame) {
                    match &mut self.editing {
                        // An editor left open with refused text: back into it.
                        Some(editing) if editing.cell == cell => editing.focus = Some(false),
                        _ => self.open_editor(frame, cell, None),
                    }
                }
                return;
            }
            Key::Escape => {
                // An editor left open (refused text, not focused) closes first.
                if self.editing.is_some() {
                    self.cancel_editing();
                } else {
                    self.anchor = None;
                    self.extent = None;
                }
                return;
            }
            _ => return,
        };
        let from = if shift {
            self.extent.and_then(|e| self.position(e)).unwrap_or(anchor)
        } else {
            anchor
        };
        let clamp =
            |v: usize, d: isize, len: usize| v.saturating_add_signed(d).min(len.saturating_sub(1));
        let to = (
            clamp(from.0, dr, self.rows.len()),
            clamp(from.1, dc, self.years.len()),
        );
        let Some(cell) = self.grid(frame).cell(to.0, to.1) else {
            return;
        };
        if shift {
            self.extent = Some((cell.region, cell.year));
        } else {
            self.anchor = Some((cell.region, cell.year));
            self.extent = None;
        }
        self.scroll_to = Some(to.0);
        self.scroll_to_anchor = true;
    }

    fn pivot_table_ui(&mut self, ui: &mut egui::Ui, frame: &Frame<'_>, actions: &mut Vec<Action>) {
        let lang = frame.lang;
        let range = self.selected_range();
        let anchor_pos = self.anchor.and_then(|a| self.position(a));
        let rows = std::mem::take(&mut self.rows);
        let years = std::mem::take(&mut self.years);
        let data_years = self.data_years(frame).to_vec();
        // A target year's cells show the value and, under it, the target: two lines.
        let target_of = |region: RegionIdx, year: i32| {
            frame
                .dataset
                .get(region, frame.indicator, year, ObservationKind::Target)
                .map(|o| o.value)
        };
        let two_lines = rows
            .iter()
            .any(|&r| years.iter().any(|&y| target_of(r, y).is_some()));
        let line_height = ui.text_style_height(&egui::TextStyle::Body);
        let row_height = if two_lines {
            line_height * 2.0 + 6.0
        } else {
            line_height + 8.0
        };
        let shift = ui.input(|i| i.modifiers.shift);
        let mut clicked: Option<(usize, usize)> = None;
        let mut open: Option<CellRef> = None;
        // The region column is a table of its own, left of the horizontally scrolled years:
        // it never scrolls away sideways. Both scroll vertically together (one offset, kept in
        // egui's memory; whichever table the user scrolled sets it for the next frame).
        let scroll_id = egui::Id::unique("yardstick-pivot-scroll");
        let offset: f32 = ui.ctx().data(|d| d.get_temp(scroll_id)).unwrap_or(0.0);
        let mut offsets = (offset, offset);
        ui.horizontal_top(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            let left = ui
                .vertical(|ui| {
                    TableBuilder::new(ui)
                        .id_salt("yardstick-pivot-regions")
                        .striped(true)
                        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                        .column(Column::exact(120.0).clip(true))
                        .vertical_scroll_offset(offset)
                        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden)
                        .header(row_height, |mut header| {
                            header.col(|ui| {
                                ui.strong(Text::Region.get(lang));
                            });
                        })
                        .body(|body| {
                            body.rows(row_height, rows.len(), |mut row| {
                                let Some(&region) = rows.get(row.index()) else {
                                    return;
                                };
                                let reg = frame.dataset.region(region);
                                row.col(|ui| {
                                    let response =
                                        ui.add(egui::Label::new(reg.display_name(lang)).truncate());
                                    response.on_hover_text(format!(
                                        "{} / {} ({})",
                                        reg.name, reg.name_en, reg.id
                                    ));
                                });
                            });
                        })
                })
                .inner;
            offsets.0 = left.state.clamped_offset().y;
            ui.spacing_mut().item_spacing.x = 8.0;
            egui::ScrollArea::horizontal()
                .id_salt("yardstick-pivot-h")
                .show(ui, |ui| {
                    ui.vertical(|ui| {
                        let mut builder = TableBuilder::new(ui)
                            .id_salt("yardstick-pivot")
                            .striped(true)
                            .resizable(true)
                            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                            .vertical_scroll_offset(offset)
                            .columns(Column::initial(84.0).at_least(44.0).clip(true), years.len())
                            .column(Column::remainder().at_least(160.0).clip(true));
                        if let Some(row) = self.scroll_to.take() {
                            builder = builder.scroll_to_row(row, None);
                        }
                        let added = self
                            .added_years
                            .get(&frame.dataset.indicator(frame.indicator).id)
                            .cloned()
                            .unwrap_or_default();
                        let right = builder
                            .header(row_height, |mut header| {
                                for &year in &years {
                                    header.col(|ui| {
                                        ui.with_layout(
                                            egui::Layout::right_to_left(egui::Align::Center),
                                            |ui| {
                                                if data_years.binary_search(&year).is_ok()
                                                    || !added.contains(&year)
                                                {
                                                    ui.strong(year.to_string());
                                                } else {
                                                    ui.label(
                                                        RichText::new(year.to_string()).weak(),
                                                    )
                                                    .on_hover_text(lang.pick(
                                                        "添加的年份：数据中还没有这一年",
                                                        "Added year: no data for it yet",
                                                    ));
                                                }
                                            },
                                        );
                                    });
                                }
                                header.col(|ui| {
                                    ui.strong(Text::Source.get(lang));
                                });
                            })
                            .body(|body| {
                                body.rows(row_height, rows.len(), |mut row| {
                                    let r = row.index();
                                    let Some(&region) = rows.get(r) else {
                                        return;
                                    };
                                    for (c, &year) in years.iter().enumerate() {
                                        let cell = CellRef {
                                            region,
                                            indicator: frame.indicator,
                                            year,
                                        };
                                        row.col(|ui| {
                                            if self.editing.as_ref().is_some_and(|e| e.cell == cell)
                                            {
                                                self.cell_rects.push((cell, ui.max_rect()));
                                                self.editor_ui(ui, frame, actions);
                                                return;
                                            }
                                            let value = shown(frame.dataset, frame.applied, cell);
                                            let selected = range.is_some_and(|(r0, r1, c0, c1)| {
                                                (r0..=r1).contains(&r) && (c0..=c1).contains(&c)
                                            });
                                            let anchored = anchor_pos == Some((r, c));
                                            let response = match target_of(region, year) {
                                                Some(target)
                                                    if !matches!(value, Shown::Target { .. }) =>
                                                {
                                                    cell_with_target(
                                                        ui, &value, target, selected, anchored,
                                                        lang,
                                                    )
                                                }
                                                _ => {
                                                    value_cell(ui, &value, selected, anchored, lang)
                                                }
                                            };
                                            self.cell_rects.push((cell, response.rect));
                                            if response.double_clicked() {
                                                open = Some(cell);
                                            } else if response.clicked()
                                                || (response.secondary_clicked() && !selected)
                                            {
                                                clicked = Some((r, c));
                                            }
                                            let response = match tooltip(frame, &value, cell) {
                                                Some(tip) => response.on_hover_text(tip),
                                                None => response,
                                            };
                                            response.context_menu(|ui| {
                                                if value.editable()
                                                    && ui
                                                        .button(lang.pick("编辑", "Edit"))
                                                        .clicked()
                                                {
                                                    open = Some(cell);
                                                    ui.close();
                                                }
                                                if ui.button(lang.pick("复制", "Copy")).clicked()
                                                {
                                                    self.pending_copy = true;
                                                    ui.close();
                                                }
                                                if ui
                                                    .button(lang.pick("粘贴文本…", "Paste text…"))
                                                    .clicked()
                                                {
                                                    self.paste_text = Some(String::new());
                                                    ui.close();
                                                }
                                            });
                                        });
                                    }
                                    row.col(|ui| {
                                        text_cell_ui(ui, &sources_of(frame, region, &years));
                                    });
                                });
                            });
                        offsets.1 = right.state.clamped_offset().y;
                        // The selected column into view (rows scroll with `scroll_to_row`).
                        if let Some(pos) =
                            anchor_pos.filter(|_| std::mem::take(&mut self.scroll_to_anchor))
                            && let Some(rect) = rows.get(pos.0).zip(years.get(pos.1)).and_then(
                                |(&region, &year)| {
                                    self.cell_rect(CellRef {
                                        region,
                                        indicator: frame.indicator,
                                        year,
                                    })
                                },
                            )
                        {
                            let row_rects: Vec<egui::Rect> = years
                                .iter()
                                .filter_map(|&year| {
                                    self.cell_rect(CellRef {
                                        region: rows[pos.0],
                                        indicator: frame.indicator,
                                        year,
                                    })
                                })
                                .collect();
                            if let Some((target, align)) =
                                column_aligned_target(rect, &row_rects, ui.clip_rect(), 8.0)
                            {
                                ui.scroll_to_rect(target, align);
                            }
                        }
                    })
                });
        });
        // The table the user scrolled moved away from the shared offset: the other follows.
        let moved = if offsets.0 != offset {
            offsets.0
        } else {
            offsets.1
        };
        if moved != offset {
            ui.ctx().data_mut(|d| d.insert_temp(scroll_id, moved));
            ui.ctx().request_repaint();
        }
        self.rows = rows;
        self.years = years;
        if clicked.is_some() || open.is_some() {
            // A click on a cell gives the table the keyboard.
            ui.memory_mut(|m| m.request_focus(super::focus_id()));
            self.has_focus = true;
        }
        if let Some((r, c)) = clicked
            && let Some(cell) = self.grid(frame).cell(r, c)
        {
            if shift && self.anchor.is_some() {
                self.extent = Some((cell.region, cell.year));
            } else {
                self.anchor = Some((cell.region, cell.year));
                self.extent = None;
            }
        }
        if let Some(cell) = open {
            self.anchor = Some((cell.region, cell.year));
            self.extent = None;
            self.open_editor(frame, cell, None);
        }
    }
}

/// A value cell of a year with a target: the value (as the scenario makes it, or empty) on
/// the first line, the published target under it, so a projection never hides the target.
fn cell_with_target(
    ui: &mut egui::Ui,
    shown: &Shown,
    target: f64,
    selected: bool,
    anchor: bool,
    lang: crate::lang::Lang,
) -> egui::Response {
    let rect = ui.max_rect();
    let response = ui.allocate_rect(rect, egui::Sense::click());
    let text = shown.display_text(lang);
    let target_text = format!("{} {}", lang.pick("目标", "target"), format_value(target));
    let label = if text.is_empty() {
        target_text.clone()
    } else {
        format!("{text} ({target_text})")
    };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let origin = match shown {
        Shown::Value(e) => e.origin,
        Shown::Removed { .. } => crate::model::scenario::Origin::Edited,
        _ => crate::model::scenario::Origin::Baseline,
    };
    if let Some(fill) = super::mark_fill(ui, origin) {
        ui.painter().rect_filled(rect.shrink(1.0), 0.0, fill);
    }
    if selected {
        let selection = ui.visuals().selection.bg_fill.gamma_multiply(0.45);
        ui.painter().rect_filled(rect, 0.0, selection);
    }
    if anchor {
        ui.painter().rect_stroke(
            rect.shrink(0.5),
            0.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Inside,
        );
    }
    let projected =
        matches!(shown, Shown::Value(e) if e.origin == crate::model::scenario::Origin::Projected);
    let value_rich = if projected {
        RichText::new(text).italics()
    } else {
        RichText::new(text)
    };
    let width = (rect.width() - 8.0).max(1.0);
    let painter = ui.painter().with_clip_rect(rect.intersect(ui.clip_rect()));
    let color = ui.visuals().text_color();
    let (top, bottom) = (
        egui::Rect::from_min_max(rect.min, egui::pos2(rect.right(), rect.center().y)),
        egui::Rect::from_min_max(egui::pos2(rect.left(), rect.center().y), rect.max),
    );
    for (rich, half) in [
        (value_rich, top),
        (RichText::new(target_text).italics().weak(), bottom),
    ] {
        let galley = egui::WidgetText::from(rich).into_galley(
            ui,
            Some(egui::TextWrapMode::Truncate),
            width,
            egui::TextStyle::Body,
        );
        let pos = egui::pos2(
            half.right() - 4.0 - galley.size().x,
            half.center().y - galley.size().y / 2.0,
        );
        painter.galley(pos, galley, color);
    }
    response
}

/// A cell's tooltip: where its value comes from, and the year's target when it has one.
fn tooltip(frame: &Frame<'_>, value: &Shown, cell: CellRef) -> Option<String> {
    let tip = value.tooltip(frame.growth, frame.lang);
    if matches!(value, Shown::Target { .. }) {
        return tip;
    }
    let Some(target) = frame.dataset.get(
        cell.region,
        cell.indicator,
        cell.year,
        ObservationKind::Target,
    ) else {
        return tip;
    };
    let line = format!(
        "{} {}",
        frame.lang.pick("目标", "target"),
        format_value(target.value)
    );
    Some(match tip {
        Some(tip) => format!("{tip}\n{line}"),
        None => line,
    })
}

/// The titles of the sources of a region's values of the indicator in `years`, once each.
fn sources_of(frame: &Frame<'_>, region: RegionIdx, years: &[i32]) -> String {
    let mut seen = Vec::new();
    for &year in years {
        for kind in ObservationKind::ALL {
            if let Some(o) = frame.dataset.get(region, frame.indicator, year, kind)
                && !seen.contains(&o.source)
            {
                seen.push(o.source);
            }
        }
    }
    seen.iter()
        .map(|&s| frame.dataset.source(s).title.as_str())
        .collect::<Vec<_>>()
        .join(frame.lang.pick("；", "; "))
}

/// Where to scroll the years so that `cell` is in view and no year column is cut at the left
/// edge: `None` when the cell is in view already; else the rect to bring in with its left
/// edge at the view's left (egui leaves `spacing`, the gap between columns, before it) — the
/// cell itself when it is left of the view, or the first column (of `row`, the cells of the
/// cell's row) from which everything up to the cell fits when it is right of the view.
fn column_aligned_target(
    cell: egui::Rect,
    row: &[egui::Rect],
    view: egui::Rect,
    spacing: f32,
) -> Option<(egui::Rect, Option<egui::Align>)> {
    const SLACK: f32 = 0.5;
    if cell.left() >= view.left() - SLACK && cell.right() <= view.right() + SLACK {
        return None;
    }
    if cell.left() < view.left() {
        return Some((cell, Some(egui::Align::Min)));
    }
    let left = row
        .iter()
        .map(|r| r.left())
        .filter(|&left| left <= cell.left() && cell.right() - left + spacing <= view.width())
        .fold(cell.left(), f32::min);
    let target = egui::Rect::from_x_y_ranges(left..=cell.right(), cell.y_range());
    Some((target, Some(egui::Align::Min)))
}
