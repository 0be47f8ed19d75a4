//! The long layout: one row per observation of the picked regions (and the values only the
//! scenario has), sortable by any column and filtered by region or indicator.

use std::cmp::Ordering;

use egui::{Event, Key};
use egui_extras::{Column, TableBuilder};

use super::{
    Action, CellRef, DataKey, Frame, Message, ScenarioKey, Shown, Sort, TableState, data_key,
    shown, text_cell_ui, value_cell,
};
use crate::chart::PointKind;
use crate::lang::Lang;
use crate::model::scenario::{Cell, baseline_value};
use crate::model::{IndicatorIdx, Measure, ObservationKind, RegionIdx};
use crate::ui::i18n::Text;
use crate::ui::state::AppState;

/// A column of the long layout, also what it can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortColumn {
    /// Region name.
    Region,
    /// Indicator name.
    Indicator,
    /// Year.
    Year,
    /// Actual, target, estimate, scenario.
    Kind,
    /// The value shown.
    Value,
    /// Unit.
    Unit,
    /// Note.
    Note,
    /// Source title.
    Source,
}

impl SortColumn {
    /// Every column, left to right.
    pub const ALL: [SortColumn; 8] = [
        SortColumn::Region,
        SortColumn::Indicator,
        SortColumn::Year,
        SortColumn::Kind,
        SortColumn::Value,
        SortColumn::Unit,
        SortColumn::Note,
        SortColumn::Source,
    ];

    /// The column's title.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            SortColumn::Region => Text::Region,
            SortColumn::Indicator => Text::Indicator,
            SortColumn::Year => Text::Year,
            SortColumn::Kind => Text::Kind,
            SortColumn::Value => Text::Value,
            SortColumn::Unit => Text::Unit,
            SortColumn::Note => Text::Note,
            SortColumn::Source => Text::Source,
        }
        .get(lang)
    }
}

/// One row of the long layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LongRow {
    /// The region.
    pub region: RegionIdx,
    /// The indicator.
    pub indicator: IndicatorIdx,
    /// The year.
    pub year: i32,
    /// The observation's kind; `None` for a value only the scenario has.
    pub kind: Option<ObservationKind>,
    /// Index into the dataset's observations; `None` for a value only the scenario has.
    pub observation: Option<usize>,
}

impl LongRow {
    /// The value cell of the row.
    pub fn cell(&self) -> CellRef {
        CellRef {
            region: self.region,
            indicator: self.indicator,
            year: self.year,
        }
    }
}

/// What a cached list of long rows was built from.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct LongKey {
    data: DataKey,
    scenario: ScenarioKey,
    regions: Vec<bool>,
    only: Option<IndicatorIdx>,
    filter: String,
    sort: Option<Sort>,
    lang: Lang,
}

impl TableState {
    /// "Only this indicator" and the filter box.
    pub(super) fn long_toolbar_ui(&mut self, ui: &mut egui::Ui, app: &AppState) {
        let lang = app.lang;
        let mut only = !self.all_indicators;
        if ui
            .checkbox(&mut only, Text::OnlyThisIndicator.get(lang))
            .changed()
        {
            self.all_indicators = !only;
        }
        ui.separator();
        let label = ui.label(lang.pick("筛选", "Filter"));
        ui.add(
            egui::TextEdit::singleline(&mut self.filter)
                .hint_text(lang.pick("地区或指标的名称、代码", "region or indicator name or id"))
                .desired_width(200.0),
        )
        .labelled_by(label.id);
        if !self.filter.is_empty()
            && ui
                .small_button("×")
                .on_hover_text(lang.pick("清除筛选", "Clear the filter"))
                .clicked()
        {
            self.filter.clear();
        }
    }

    /// The long layout: rows (cached), keys, then the table.
    pub(super) fn long(
        &mut self,
        ui: &mut egui::Ui,
        frame: &Frame<'_>,
        picked: &[bool],
        only: Option<IndicatorIdx>,
        scenario: ScenarioKey,
        actions: &mut Vec<Action>,
    ) {
        let key = LongKey {
            data: data_key(frame.dataset),
            scenario,
            regions: picked.to_vec(),
            only,
            filter: self.filter.trim().to_lowercase(),
            sort: self.sort,
            lang: frame.lang,
        };
        let (key, rows, scenario_only) = match self.long_cache.take() {
            Some((k, rows, scenario_only)) if k == key => (k, rows, scenario_only),
            _ => {
                let rows = build_rows(frame, &key);
                // Counted once with the rows, not each frame (3.6 M rows on a national file).
                let scenario_only = rows.iter().filter(|r| r.kind.is_none()).count();
                (key, rows, scenario_only)
            }
        };
        let observations = rows.len() - scenario_only;
        ui.label(match (scenario_only, frame.lang) {
            (0, lang) => format!("{observations} {}", Text::Observations.get(lang)),
            (n, Lang::Zh) => format!("{observations} 条观测值，另有 {n} 个仅情景中的数值"),
            (n, Lang::En) => {
                format!("{observations} observations, and {n} values only the scenario has")
            }
        });
        self.long_keys(ui, frame);
        self.long_table(ui, frame, &rows, actions);
        self.long_cache = Some((key, rows, scenario_only));
    }

    fn long_keys(&mut self, ui: &egui::Ui, frame: &Frame<'_>) {
        // Keys reach the table only while it has the keyboard (not the filter field's).
        if !self.has_focus || ui.ctx().text_edit_focused() {
            return;
        }
        let events = ui.input(|i| i.events.clone());
        let mut opened_now = false;
        for event in events {
            match event {
                Event::Paste(_) => {
                    self.message = Some(Message {
                        text: frame
                            .lang
                            .pick(
                                "粘贴整块数据请使用透视表",
                                "Paste blocks of cells in the pivot layout",
                            )
                            .to_owned(),
                        is_error: true,
                    });
                }
                Event::Text(text) => {
                    if opened_now {
                        if let Some(editing) = &mut self.editing {
                            editing.text.push_str(&text);
                        }
                    } else if let Some(cell) = self.long_selected {
                        self.open_editor(frame, cell, Some(text));
                        opened_now = self.editing.is_some();
                    }
                }
                Event::Key {
                    key: Key::Enter | Key::F2,
                    pressed: true,
                    ..
                } => {
                    if let Some(cell) = self.long_selected {
                        match &mut self.editing {
                            Some(editing) if editing.cell == cell => editing.focus = Some(false),
                            _ => self.open_editor(frame, cell, None),
                        }
                    }
                }
                Event::Key {
                    key: Key::Escape,
                    pressed: true,
                    ..
                } => {
                    if self.editing.is_some() {
                        self.cancel_editing();
                    } else {
                        self.long_selected = None;
                    }
                }
                _ => {}
            }
        }
    }

    fn long_table(
        &mut self,
        ui: &mut egui::Ui,
        frame: &Frame<'_>,
        rows: &[LongRow],
        actions: &mut Vec<Action>,
    ) {
        let lang = frame.lang;
        let dataset = frame.dataset;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        let mut sort_clicked: Option<SortColumn> = None;
        let mut clicked: Option<CellRef> = None;
        let mut open: Option<CellRef> = None;
        let sort = self.sort;
        egui::ScrollArea::horizontal()
            .id_salt("yardstick-long-h")
            .show(ui, |ui| {
                TableBuilder::new(ui)
                    .id_salt("yardstick-long")
                    .striped(true)
                    .resizable(true)
                    .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                    // Sized so that every column, the source too, is on screen at 1280×800
                    // (notes and sources show in full on hover).
                    .column(Column::initial(84.0).at_least(60.0).clip(true))
                    .column(Column::initial(124.0).at_least(70.0).clip(true))
                    .column(Column::initial(48.0).at_least(44.0).clip(true))
                    .column(Column::initial(56.0).at_least(44.0).clip(true))
                    .column(Column::initial(80.0).at_least(56.0).clip(true))
                    .column(Column::initial(64.0).at_least(40.0).clip(true))
                    .column(Column::initial(110.0).at_least(60.0).clip(true))
                    .column(Column::remainder().at_least(90.0).clip(true))
                    .header(row_height, |mut header| {
                        for column in SortColumn::ALL {
                            header.col(|ui| {
                                let active = sort.filter(|s| s.column == column);
                                let text = match active {
                                    Some(s) if s.ascending => format!("{} ▲", column.title(lang)),
                                    Some(_) => format!("{} ▼", column.title(lang)),
                                    None => column.title(lang).to_owned(),
                                };
                                if ui
                                    .selectable_label(
                                        active.is_some(),
                                        egui::RichText::new(text).strong(),
                                    )
                                    .on_hover_text(lang.pick(
                                        "单击排序，再次单击反向",
                                        "Click to sort; again to reverse",
                                    ))
                                    .clicked()
                                {
                                    sort_clicked = Some(column);
                                }
                            });
                        }
                    })
                    .body(|body| {
                        body.rows(row_height, rows.len(), |mut row| {
                            let Some(item) = rows.get(row.index()) else {
                                return;
                            };
                            let observation =
                                item.observation.and_then(|i| dataset.observations().get(i));
                            let indicator = dataset.indicator(item.indicator);
                            let cell = item.cell();
                            let value = row_shown(frame, item);
                            row.col(|ui| {
                                text_cell_ui(ui, dataset.region(item.region).display_name(lang))
                            });
                            row.col(|ui| text_cell_ui(ui, indicator.display_name(lang)));
                            row.col(|ui| text_cell_ui(ui, &item.year.to_string()));
                            row.col(|ui| {
                                let kind = match item.kind {
                                    Some(kind) => PointKind::from(kind).label(lang),
                                    None => PointKind::Scenario.label(lang),
                                };
                                text_cell_ui(ui, kind);
                            });
                            row.col(|ui| {
                                let editable = value.editable();
                                if editable && self.editing.as_ref().is_some_and(|e| e.cell == cell)
                                {
                                    self.cell_rects.push((cell, ui.max_rect()));
                                    self.editor_ui(ui, frame, actions);
                                    return;
                                }
                                let selected = editable && self.long_selected == Some(cell);
                                let response = value_cell(ui, &value, selected, selected, lang);
                                if editable {
                                    self.cell_rects.push((cell, response.rect));
                                }
                                if response.double_clicked() {
                                    open = Some(cell);
                                } else if response.clicked() {
                                    clicked = Some(cell);
                                }
                                if let Some(tip) = value.tooltip(frame.growth, lang) {
                                    response.on_hover_text(tip);
                                }
                            });
                            row.col(|ui| text_cell_ui(ui, row_unit(frame, item, lang)));
                            row.col(|ui| text_cell_ui(ui, &row_note(frame, item)));
                            row.col(|ui| {
                                let source = observation
                                    .map(|o| dataset.source(o.source).title.clone())
                                    .unwrap_or_else(|| lang.pick("情景", "scenario").to_owned());
                                text_cell_ui(ui, &source);
                            });
                        });
                    });
            });
        if let Some(column) = sort_clicked {
            self.sort = Some(match self.sort {
                Some(s) if s.column == column => Sort {
                    column,
                    ascending: !s.ascending,
                },
                _ => Sort {
                    column,
                    ascending: true,
                },
            });
        }
        if clicked.is_some() || open.is_some() {
            ui.memory_mut(|m| m.request_focus(super::focus_id()));
            self.has_focus = true;
        }
        if let Some(cell) = clicked {
            let editable = rows
                .iter()
                .any(|r| r.cell() == cell && row_shown(frame, r).editable());
            self.long_selected = editable.then_some(cell);
        }
        if let Some(cell) = open {
            self.long_selected = Some(cell);
            self.open_editor(frame, cell, None);
        }
    }
}

/// What the value cell of a long row shows: the scenario's value for the measured
/// observation (the actual, else the estimate) and for scenario-only rows; the published
/// value, read-only, for targets and for estimates hidden by an actual.
fn row_shown(frame: &Frame<'_>, row: &LongRow) -> Shown {
    let observation = row
        .observation
        .and_then(|i| frame.dataset.observations().get(i));
    if let Some(o) = observation.filter(is_qualified) {
        return Shown::Qualified {
            value: o.value,
            bound: o.bound,
            measure: o.measure,
            months: o.months,
        };
    }
    match (row.kind, observation) {
        (Some(ObservationKind::Target), Some(o)) => Shown::Target {
            value: o.value,
            note: frame.dataset.note(&o).map(str::to_owned),
        },
        (Some(ObservationKind::Estimate), Some(o))
            if frame
                .dataset
                .get(row.region, row.indicator, row.year, ObservationKind::Actual)
                .is_some() =>
        {
            Shown::Shadowed(o.value)
        }
        _ => shown(frame.dataset, frame.applied, row.cell()),
    }
}

/// A growth rate or a part-year figure: not the whole-year level the pivot and scenarios
/// hold for its (region, indicator, year), so its row shows its own figure.
fn is_qualified(o: &crate::model::Observation) -> bool {
    !o.measure.is_level() || o.months.is_some()
}

/// The value a long row sorts by (no allocation).
fn row_value(frame: &Frame<'_>, row: &LongRow) -> Option<f64> {
    let observation = row
        .observation
        .and_then(|i| frame.dataset.observations().get(i));
    if let Some(o) = observation.filter(is_qualified) {
        return Some(o.value);
    }
    match (row.kind, observation) {
        (Some(ObservationKind::Target), Some(o)) => Some(o.value),
        (Some(ObservationKind::Estimate), Some(o))
            if frame
                .dataset
                .get(row.region, row.indicator, row.year, ObservationKind::Actual)
                .is_some() =>
        {
            Some(o.value)
        }
        _ => frame
            .applied
            .value(frame.dataset, row.region, row.indicator, row.year),
    }
}

/// The note of a row: the observation's, else the scenario edit's.
fn row_note(frame: &Frame<'_>, row: &LongRow) -> String {
    let from_data = row
        .observation
        .and_then(|i| frame.dataset.observations().get(i))
        .and_then(|o| frame.dataset.note(&o).map(str::to_owned));
    from_data
        .or_else(
            || match frame.applied.cell(row.region, row.indicator, row.year) {
                Some(Cell::Set(e)) => e.note.clone(),
                Some(Cell::Removed { note, .. }) => note.clone(),
                None => None,
            },
        )
        .unwrap_or_default()
}

/// The unit of a row's figure: `%` for a published growth rate (its value is the change on
/// the previous year, not a level), else the indicator's unit.
fn row_unit<'a>(frame: &Frame<'a>, row: &LongRow, lang: Lang) -> &'a str {
    let growth = row
        .observation
        .and_then(|i| frame.dataset.observations().get(i))
        .is_some_and(|o| o.measure == Measure::GrowthPct);
    if growth {
        "%"
    } else {
        frame.dataset.indicator(row.indicator).display_unit(lang)
    }
}

fn row_source<'a>(frame: &Frame<'a>, row: &LongRow) -> &'a str {
    row.observation
        .and_then(|i| frame.dataset.observations().get(i))
        .map_or("", |o| frame.dataset.source(o.source).title.as_str())
}

/// The rows for `key`: filtered, then sorted.
fn build_rows(frame: &Frame<'_>, key: &LongKey) -> Vec<LongRow> {
    let dataset = frame.dataset;
    let needle = key.filter.as_str();
    let matches = |texts: [&str; 3]| {
        needle.is_empty() || texts.iter().any(|t| t.to_lowercase().contains(needle))
    };
    let region_match: Vec<bool> = dataset
        .regions()
        .iter()
        .map(|r| matches([&r.name, &r.name_en, &r.id]))
        .collect();
    let indicator_match: Vec<bool> = dataset
        .indicators()
        .iter()
        .map(|i| matches([&i.name, &i.name_en, &i.id]))
        .collect();
    let keep = |region: RegionIdx, indicator: IndicatorIdx| {
        let r = region.0 as usize;
        let i = indicator.0 as usize;
        key.regions.get(r).copied().unwrap_or(false)
            && key.only.is_none_or(|only| only == indicator)
            && (region_match.get(r).copied().unwrap_or(false)
                || indicator_match.get(i).copied().unwrap_or(false))
    };
    let mut rows: Vec<LongRow> = dataset
        .observations()
        .iter()
        .enumerate()
        .filter(|(_, o)| keep(o.region, o.indicator))
        .map(|(i, o)| LongRow {
            region: o.region,
            indicator: o.indicator,
            year: o.year,
            kind: Some(o.kind),
            observation: Some(i),
        })
        .collect();
    // Values only the scenario has (a year added and typed in, a projection).
    for ((region, indicator, year), cell) in frame.applied.changed() {
        if matches!(cell, Cell::Set(_))
            && keep(region, indicator)
            && baseline_value(dataset, region, indicator, year).is_none()
        {
            rows.push(LongRow {
                region,
                indicator,
                year,
                kind: None,
                observation: None,
            });
        }
    }
    rows.sort_by_key(|r| (r.region, r.indicator, r.year, r.kind.is_none(), r.kind));
    let Some(sort) = key.sort else {
        return rows;
    };
    let lang = key.lang;
    let compare = |a: &LongRow, b: &LongRow| -> Ordering {
        match sort.column {
            SortColumn::Region => dataset
                .region(a.region)
                .display_name(lang)
                .cmp(dataset.region(b.region).display_name(lang)),
            SortColumn::Indicator => dataset
                .indicator(a.indicator)
                .display_name(lang)
                .cmp(dataset.indicator(b.indicator).display_name(lang)),
            SortColumn::Year => a.year.cmp(&b.year),
            SortColumn::Kind => (a.kind.is_none(), a.kind).cmp(&(b.kind.is_none(), b.kind)),
            // Sorted below with keys computed once per row.
            SortColumn::Value | SortColumn::Note => Ordering::Equal,
            SortColumn::Unit => row_unit(frame, a, lang).cmp(row_unit(frame, b, lang)),
            SortColumn::Source => row_source(frame, a).cmp(row_source(frame, b)),
        }
    };
    match (sort.column, sort.ascending) {
        // Values: looked up once per row; rows without a value last either way.
        (SortColumn::Value, true) => {
            rows.sort_by_cached_key(|r| value_key(row_value(frame, r)));
        }
        (SortColumn::Value, false) => rows.sort_by_cached_key(|r| {
            let (missing, key) = value_key(row_value(frame, r));
            (missing, std::cmp::Reverse(key))
        }),
        (SortColumn::Note, true) => rows.sort_by_cached_key(|r| row_note(frame, r)),
        (SortColumn::Note, false) => {
            rows.sort_by_cached_key(|r| std::cmp::Reverse(row_note(frame, r)));
        }
        (_, true) => rows.sort_by(compare),
        (_, false) => rows.sort_by(|a, b| compare(b, a)),
    }
    rows
}

/// A sort key ordering values as [`f64::total_cmp`] does, missing values last.
fn value_key(value: Option<f64>) -> (bool, i64) {
    match value {
        Some(v) => {
            let bits = v.to_bits() as i64;
            (false, bits ^ ((((bits >> 63) as u64) >> 1) as i64))
        }
        None => (true, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::value_key;

    #[test]
    fn value_keys_order_like_total_cmp_with_missing_last() {
        let values = [
            f64::NEG_INFINITY,
            -2.5,
            -0.0,
            0.0,
            1e-300,
            3.0,
            1e300,
            f64::INFINITY,
        ];
        let keys: Vec<_> = values.iter().map(|&v| value_key(Some(v))).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
        assert!(value_key(None) > value_key(Some(f64::INFINITY)));
    }
}
