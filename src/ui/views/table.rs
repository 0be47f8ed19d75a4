//! The editable table of the central view, in two layouts chosen at its top:
//!
//! - **Pivot** (default): one row per region checked in the side panel, one column per year of
//!   the picked indicator (every year with data, the years the scenario changed, and years the
//!   user added with "+ 年份列"), each cell the value the active scenario gives it.
//! - **Long**: one row per observation of the checked regions (optionally only the picked
//!   indicator), plus the values the scenario adds where the data has none; sortable by any
//!   column (click its header: ascending ▲, again: descending ▼) and filtered by a text box
//!   matching region and indicator names (Chinese or English) and ids.
//!
//! Both draw only the rows on screen (`TableBuilder::body.rows`), so 100 000 rows stay smooth;
//! the row lists are rebuilt only when their inputs change.
//!
//! Editing, for the user: **click** a cell to select it, then **double-click** it, press
//! **F2** or **Enter**, or simply **start typing** to edit it in place. **Enter** or clicking
//! elsewhere commits (a [`ScenarioChange::ApplyEdits`] for the app: one undo step; an empty cell
//! removes the value); **Escape** cancels. Text that is not an acceptable value keeps the
//! cell open with a red frame and the reason, shown above the table and as the cell's tooltip;
//! the data keeps its old value. Targets are published plan goals: shown, never editable.
//!
//! Keyboard: the table is one stop of the Tab order ([`focus_id`]). Keys reach it only while
//! it has the keyboard focus (opening the view gives it, as does clicking a cell; Tab leaves
//! it), so text typed into any other field never edits a cell. Opening the view selects a
//! cell when none is.
//!
//! Selection and clipboard (pivot): click selects a cell (the anchor), **shift-click** or
//! shift+arrow keys extend a rectangle, arrow keys move. **Ctrl+C** copies the rectangle as
//! tab-separated text; **Ctrl+V** pastes a block copied from Excel, WPS or LibreOffice with its
//! top-left cell at the anchor, all accepted cells as one undo step, refused cells listed. egui
//! hands the clipboard to the app only with the Ctrl+V key press, so a button cannot paste:
//! "粘贴文本… / Paste text…" opens a window to paste the block into instead.

mod long;
pub mod paste;
mod pivot;

use std::collections::{BTreeMap, BTreeSet};

use egui::{Color32, Rect, Response, RichText, Sense, Stroke};

use crate::chart::style::format_value;
use crate::lang::Lang;
use crate::model::cell_value::parse_cell_value;
use crate::model::scenario::Edit;
use crate::model::scenario::{Applied, Cell, Effective, GrowthRule, Origin};
use crate::model::{Dataset, IndicatorIdx, ObservationKind, RegionIdx};
use crate::ui::command::{Command, ScenarioChange};
use crate::ui::state::AppState;
use crate::ui::views::Cx;

pub use long::{LongRow, SortColumn};

/// The two layouts of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Layout {
    /// Regions × years of one indicator.
    #[default]
    Pivot,
    /// One row per observation.
    Long,
}

/// One value cell: a region's indicator in a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CellRef {
    /// The region.
    pub region: RegionIdx,
    /// The indicator.
    pub indicator: IndicatorIdx,
    /// The year.
    pub year: i32,
}

/// A cell being edited in place.
#[derive(Clone, Debug, PartialEq)]
pub struct Editing {
    /// The cell.
    pub cell: CellRef,
    /// The text typed so far.
    pub text: String,
    /// The text the editor opened with; committing it unchanged changes nothing.
    pub original: String,
    /// Why the last commit was refused; the cell shows a red frame while set.
    pub error: Option<String>,
    /// Focus the editor on the next frame (true: select its text; false: cursor at the end).
    focus: Option<bool>,
}

/// A line shown above the table: an edit refused, a paste report, a hint. The first line is
/// drawn in the error colour when `is_error`; the lines after it (the cells a paste refused)
/// always are.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// The text (several lines for a paste report).
    pub text: String,
    /// Drawn in the error colour.
    pub is_error: bool,
}

/// How the long layout is sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    /// The column sorted by.
    pub column: SortColumn,
    /// Ascending (▲) or descending (▼).
    pub ascending: bool,
}

/// The table's UI state, kept in the app's view states.
#[derive(Debug, Default)]
pub struct TableState {
    /// Pivot or long.
    pub layout: Layout,
    /// Long layout: rows of every indicator, not only the one picked ("只看当前指标" off).
    pub all_indicators: bool,
    /// The cell being edited, if any.
    pub editing: Option<Editing>,
    /// Pivot: the selected cell that a paste starts from, as (region, year).
    pub anchor: Option<(RegionIdx, i32)>,
    /// Pivot: the opposite corner of the selected rectangle (shift-click); `None`: one cell.
    pub extent: Option<(RegionIdx, i32)>,
    /// Long layout: the selected value cell.
    pub long_selected: Option<CellRef>,
    /// The message above the table.
    pub message: Option<Message>,
    /// The text of the "Paste text…" window while it is open.
    pub paste_text: Option<String>,
    /// Long layout: the filter typed.
    pub filter: String,
    /// Long layout: the sort; `None` is region, indicator, year, kind order.
    pub sort: Option<Sort>,
    /// Year columns the user added, by indicator id.
    pub added_years: BTreeMap<String, BTreeSet<i32>>,
    /// The year the "+ year" control adds.
    pub new_year: i32,
    new_year_for: Option<IndicatorIdx>,
    years_cache: Option<(YearsKey, Vec<i32>)>,
    data_years_cache: Option<((DataKey, IndicatorIdx), Vec<i32>)>,
    /// Copy the selection on the next frame (the Copy button and menu item).
    pending_copy: bool,
    /// The long layout's rows, with how many of them only the scenario has.
    long_cache: Option<(long::LongKey, Vec<LongRow>, usize)>,
    /// Pivot rows and columns as last drawn.
    rows: Vec<RegionIdx>,
    years: Vec<i32>,
    /// Screen rectangles of the value cells drawn in the last frame.
    cell_rects: Vec<(CellRef, Rect)>,
    /// Scroll the pivot to this row on the next frame.
    scroll_to: Option<usize>,
    /// The dataset the selection and editor refer to.
    data: Option<DataKey>,
    /// Give the table the keyboard (and select a cell if none is) on the next frame.
    focus_request: bool,
    /// The table had the keyboard focus in this frame.
    has_focus: bool,
    /// The focus was given to the table in this frame (select a cell if none is).
    focused_now: bool,
    /// Scroll the pivot sideways to the selected cell on the next frame.
    scroll_to_anchor: bool,
}

/// The id of the table's keyboard focus: one stop of the Tab order for the whole table.
pub fn focus_id() -> egui::Id {
    egui::Id::unique("yardstick-table-focus")
}

/// What a cached list of pivot years was built from.
type YearsKey = (DataKey, IndicatorIdx, ScenarioKey, Vec<i32>);

/// Identifies the dataset open: its observation buffer and sizes. A new dataset has a new
/// buffer, so a cache keyed by this is rebuilt after a file is opened.
type DataKey = (usize, usize, usize);

/// Identifies the active scenario's state: index, revision and list sizes.
type ScenarioKey = Option<(usize, u64, usize, usize)>;

fn data_key(dataset: &Dataset) -> DataKey {
    (
        dataset.observations().as_ptr() as usize,
        dataset.observations().len(),
        dataset.regions().len(),
    )
}

fn scenario_key(app: &AppState) -> ScenarioKey {
    let index = app.scenarios.active?;
    let doc = app.scenarios.active()?;
    Some((
        index,
        doc.revision(),
        doc.scenario.edits.len(),
        doc.scenario.growth.len(),
    ))
}

/// What a value cell shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    /// No value: editable, to add one.
    Empty,
    /// The measured value as the scenario makes it (baseline, edited or projected).
    Value(Effective),
    /// An edit of the scenario removed the baseline value.
    Removed {
        /// The value removed.
        baseline: Option<f64>,
        /// The edit's note.
        note: Option<String>,
    },
    /// No measured value, but a published target: read-only.
    Target {
        /// The target.
        value: f64,
        /// The observation's note.
        note: Option<String>,
    },
    /// Long layout: an estimate not used because the same year has an actual value.
    Shadowed(f64),
    /// Long layout: a growth rate or a part-year figure ("1—11月 99.56", "10.6 %"), shown as
    /// published and read-only (scenarios change whole-year levels only).
    Qualified {
        /// The figure.
        value: f64,
        /// Exact, or a bound ("> 300").
        bound: crate::model::Bound,
        /// A level or a growth rate.
        measure: crate::model::Measure,
        /// The months of a part-year figure.
        months: Option<(u8, u8)>,
    },
}

impl Shown {
    /// Whether the user may edit the cell.
    pub fn editable(&self) -> bool {
        !matches!(
            self,
            Shown::Target { .. } | Shown::Shadowed(_) | Shown::Qualified { .. }
        )
    }

    /// The number shown, if any.
    pub fn value(&self) -> Option<f64> {
        match self {
            Shown::Value(e) => Some(e.value),
            Shown::Target { value, .. }
            | Shown::Shadowed(value)
            | Shown::Qualified { value, .. } => Some(*value),
            Shown::Empty | Shown::Removed { .. } => None,
        }
    }

    /// The value as an editor starts with it and a copy gives it: full precision, no
    /// thousands separators, blank when there is none.
    pub fn edit_text(&self) -> String {
        self.value().map(|v| v.to_string()).unwrap_or_default()
    }

    /// The value as displayed.
    pub fn display_text(&self, lang: Lang) -> String {
        match self {
            Shown::Empty => String::new(),
            // A bound reads as the report states it: "> 300", "约 100".
            Shown::Value(e) => format!("{}{}", e.bound.symbol_in(lang), format_value(e.value)),
            Shown::Removed { .. } => "—".to_owned(),
            Shown::Target { value, .. } => {
                format!("{} {}", lang.pick("目标", "target"), format_value(*value))
            }
            Shown::Shadowed(value) => format_value(*value),
            Shown::Qualified {
                value,
                bound,
                measure,
                months,
            } => {
                let figure = format!(
                    "{}{}{}",
                    bound.symbol_in(lang),
                    format_value(*value),
                    if measure.is_level() { "" } else { " %" }
                );
                match months {
                    Some(_) => format!("{} {figure}", crate::model::months_label(*months, lang)),
                    None => figure,
                }
            }
        }
    }

    /// The tooltip: where the value comes from.
    pub fn tooltip(&self, growth: &[GrowthRule], lang: Lang) -> Option<String> {
        let number =
            |v: Option<f64>| v.map_or_else(|| lang.pick("无", "none").to_owned(), format_value);
        let with_note = |mut text: String, note: &Option<String>| {
            if let Some(note) = note {
                text.push_str(lang.pick("；备注 ", "; note "));
                text.push_str(note);
            }
            text
        };
        match self {
            Shown::Empty => None,
            Shown::Value(e) => match e.origin {
                Origin::Baseline => None,
                Origin::Edited => Some(with_note(
                    format!("{} {}", lang.pick("基准值", "baseline"), number(e.baseline)),
                    &e.note,
                )),
                Origin::Projected => {
                    let rule = e.entry.and_then(|i| growth.get(i));
                    let mut text = match (rule, lang) {
                        (Some(g), Lang::Zh) => format!(
                            "按增长假设推算：自 {} 年起每年 {:+}%（至 {} 年）",
                            g.from, g.annual_pct, g.to
                        ),
                        (Some(g), Lang::En) => format!(
                            "projected by a growth rule: {:+}% a year from {} (to {})",
                            g.annual_pct, g.from, g.to
                        ),
                        (None, _) => lang.pick("按增长假设推算", "projected by a growth rule").to_owned(),
                    };
                    if e.baseline.is_some() {
                        text.push_str(&format!(
                            "{}{}",
                            lang.pick("；基准值 ", "; baseline "),
                            number(e.baseline)
                        ));
                    }
                    Some(text)
                }
            },
            Shown::Removed { baseline, note } => Some(with_note(
                format!(
                    "{} {}",
                    lang.pick("已删除；基准值", "removed; baseline"),
                    number(*baseline)
                ),
                note,
            )),
            Shown::Target { note, .. } => Some(with_note(
                lang.pick(
                    "目标值：已发布的规划目标，只读",
                    "Target: a published plan goal, read-only",
                )
                .to_owned(),
                note,
            )),
            Shown::Shadowed(_) => Some(
                lang.pick(
                    "估计值：同年已有实际值，图表与情景用实际值；只读",
                    "Estimate: the same year has an actual value, which charts and scenarios use; read-only",
                )
                .to_owned(),
            ),
            Shown::Qualified { .. } => Some(
                lang.pick(
                    "增速或部分月份的数值，按原文显示；只读（情景只改全年总量）",
                    "A growth rate or a part-year figure, as published; read-only (scenarios change whole-year levels)",
                )
                .to_owned(),
            ),
        }
    }
}

/// What the pivot (and a measured row of the long layout) shows for `cell`.
pub fn shown(dataset: &Dataset, applied: &Applied, cell: CellRef) -> Shown {
    let CellRef {
        region,
        indicator,
        year,
    } = cell;
    if let Some(Cell::Removed { baseline, note, .. }) = applied.cell(region, indicator, year) {
        return Shown::Removed {
            baseline: *baseline,
            note: note.clone(),
        };
    }
    match applied.measured(dataset, region, indicator, year) {
        Some(e) => Shown::Value(e),
        None => match dataset.get(region, indicator, year, ObservationKind::Target) {
            Some(o) => Shown::Target {
                value: o.value,
                note: dataset.note(&o).map(str::to_owned),
            },
            None => Shown::Empty,
        },
    }
}

/// Everything a frame of the table reads: the data, the scenario applied, the language.
pub(crate) struct Frame<'a> {
    dataset: &'a Dataset,
    applied: &'a Applied,
    growth: &'a [GrowthRule],
    lang: Lang,
    indicator: IndicatorIdx,
}

/// What the user did in a frame that changes the app (run after drawing).
#[derive(Debug)]
enum Action {
    /// Commit the editor's text; `by_enter`: with the Enter key (the editor keeps the keyboard
    /// if the text is refused), else by clicking elsewhere.
    Commit {
        cell: CellRef,
        text: String,
        by_enter: bool,
    },
    /// Paste TSV text at the pivot's anchor (or its top-left cell when `from_window`).
    Paste { text: String, from_window: bool },
}

impl TableState {
    /// Draws the table view; values typed or pasted go to `out` as one
    /// [`ScenarioChange::ApplyEdits`] each.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, out: &mut Vec<Command>) {
        self.table_ui(ui, cx.state, out);
    }

    /// Gives the table the keyboard on the next frame, selecting a cell if none is.
    pub fn request_focus(&mut self) {
        self.focus_request = true;
    }

    /// Whether the table had the keyboard focus in the last frame.
    pub fn has_focus(&self) -> bool {
        self.has_focus
    }

    /// The table's place in the Tab order: a focusable area over the table. Returns whether
    /// the table has the keyboard; while it has, arrows and Escape act on the table instead of
    /// moving the focus, and a ring marks it.
    fn focus_widget_ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> bool {
        let id = focus_id();
        let rect = ui.available_rect_before_wrap();
        let response = ui.interact(rect, id, Sense::focusable_noninteractive());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Table, true, lang.pick("数据表", "Table"))
        });
        self.focused_now = std::mem::take(&mut self.focus_request);
        if self.focused_now {
            response.request_focus();
        }
        let focused = ui.memory(|m| m.has_focus(id));
        if focused {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    id,
                    egui::EventFilter {
                        tab: false,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: true,
                    },
                )
            });
        }
        self.has_focus = focused;
        focused
    }

    /// Draws the ring that shows the table has the keyboard.
    fn focus_ring(&self, ui: &egui::Ui, rect: Rect) {
        if self.has_focus {
            ui.painter().rect_stroke(
                rect,
                2.0,
                ui.visuals().selection.stroke,
                egui::StrokeKind::Inside,
            );
        }
    }

    /// Pivot rows (regions) as last drawn.
    pub fn pivot_rows(&self) -> &[RegionIdx] {
        &self.rows
    }

    /// Pivot columns (years) as last drawn.
    pub fn pivot_years(&self) -> &[i32] {
        &self.years
    }

    /// Long layout: every row after filtering and sorting, in order, as last built.
    pub fn visible_rows(&self) -> &[LongRow] {
        self.long_cache.as_ref().map_or(&[], |(_, rows, _)| rows)
    }

    /// How many value cells the last frame laid out (only the rows on screen are).
    pub fn cells_drawn(&self) -> usize {
        self.cell_rects.len()
    }

    /// Where `cell` was drawn in the last frame, if it was on screen.
    pub fn cell_rect(&self, cell: CellRef) -> Option<Rect> {
        self.cell_rects
            .iter()
            .find(|(c, _)| *c == cell)
            .map(|(_, r)| *r)
    }

    /// Adds a year column to the pivot of `indicator`.
    pub fn add_year(&mut self, dataset: &Dataset, indicator: IndicatorIdx, year: i32) {
        self.added_years
            .entry(dataset.indicator(indicator).id.clone())
            .or_default()
            .insert(year);
    }

    /// The selected rectangle of the pivot as (first row, last row, first column, last
    /// column) of the rows and columns last drawn.
    pub fn selected_range(&self) -> Option<(usize, usize, usize, usize)> {
        let anchor = self.position(self.anchor?)?;
        let other = self.extent.and_then(|e| self.position(e)).unwrap_or(anchor);
        Some((
            anchor.0.min(other.0),
            anchor.0.max(other.0),
            anchor.1.min(other.1),
            anchor.1.max(other.1),
        ))
    }

    fn position(&self, (region, year): (RegionIdx, i32)) -> Option<(usize, usize)> {
        Some((
            self.rows.iter().position(|&r| r == region)?,
            self.years.iter().position(|&y| y == year)?,
        ))
    }

    fn table_ui(&mut self, ui: &mut egui::Ui, app: &AppState, out: &mut Vec<Command>) {
        let lang = app.lang;
        self.cell_rects.clear();
        let data = Some(data_key(&app.dataset));
        if self.data != data {
            // Another dataset: its regions and indicators are numbered afresh.
            self.data = data;
            self.editing = None;
            self.anchor = None;
            self.extent = None;
            self.long_selected = None;
            self.message = None;
        }
        if self.layout == Layout::Pivot
            && self
                .editing
                .as_ref()
                .is_some_and(|e| e.cell.indicator != app.picks.indicator)
        {
            self.editing = None;
        }
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut self.layout,
                Layout::Pivot,
                lang.pick("透视表", "Pivot"),
            )
            .on_hover_text(lang.pick(
                "行为地区，列为年份：当前指标",
                "Regions × years of the indicator picked",
            ));
            ui.selectable_value(&mut self.layout, Layout::Long, lang.pick("明细表", "List"))
                .on_hover_text(lang.pick(
                    "每条观测值一行，可排序、筛选",
                    "One row per observation; sort and filter",
                ));
            ui.separator();
            match self.layout {
                Layout::Pivot => self.pivot_toolbar_ui(ui, app),
                Layout::Long => self.long_toolbar_ui(ui, app),
            }
        });
        legend_ui(ui, lang, self.layout);
        self.message_line_ui(ui, lang);

        let mut actions = Vec::new();
        let skey = scenario_key(app);
        let none = Applied::none();
        let dataset = &app.dataset;
        let active = app.scenarios.active();
        let growth: &[GrowthRule] = active.map_or(&[], |d| &d.scenario.growth);
        // Applied before the views are drawn (the app keeps the active scenario's fresh).
        let applied = active.and_then(|d| d.applied_now()).unwrap_or(&none);
        let frame = Frame {
            dataset,
            applied,
            growth,
            lang,
            indicator: app.picks.indicator,
        };
        self.focus_widget_ui(ui, lang);
        let table_rect = ui.available_rect_before_wrap();
        match self.layout {
            Layout::Pivot => self.pivot(ui, &frame, &app.picks.regions, skey, &mut actions),
            Layout::Long => {
                let only = (!self.all_indicators).then_some(app.picks.indicator);
                self.long(ui, &frame, &app.picks.regions, only, skey, &mut actions);
            }
        }
        self.focus_ring(ui, table_rect.intersect(ui.min_rect()));
        self.paste_window(ui.ctx(), &frame, &mut actions);
        for action in actions {
            self.run(action, app, out);
        }
    }

    /// Carries out what the user did.
    fn run(&mut self, action: Action, app: &AppState, out: &mut Vec<Command>) {
        let lang = app.lang;
        match action {
            Action::Commit {
                cell,
                text,
                by_enter,
            } => {
                let name = paste::cell_name(&app.dataset, cell, lang);
                let indicator = app.dataset.indicator(cell.indicator);
                match parse_cell_value(&text, indicator).map_err(|e| e.message(indicator, lang)) {
                    Ok(value) => {
                        let edit = Edit::recorded(
                            &app.dataset,
                            cell.region,
                            cell.indicator,
                            cell.year,
                            value,
                        );
                        out.push(Command::Scenario(ScenarioChange::ApplyEdits(vec![edit])));
                        self.editing = None;
                        self.message = None;
                        if by_enter {
                            // Back to the table: the arrows move on from the cell.
                            self.focus_request = true;
                        }
                    }
                    Err(reason) => {
                        if let Some(editing) = self.editing.as_mut().filter(|e| e.cell == cell) {
                            editing.error = Some(reason.clone());
                            if by_enter {
                                editing.focus = Some(false);
                            }
                        }
                        self.message = Some(Message {
                            text: format!("{name}: {reason}"),
                            is_error: true,
                        });
                    }
                }
            }
            Action::Paste { text, from_window } => {
                let anchor = match self.anchor.and_then(|a| self.position(a)) {
                    Some(pos) => pos,
                    None if from_window => (0, 0),
                    None => {
                        self.message = Some(Message {
                            text: lang
                                .pick(
                                    "请先点选一个单元格：粘贴从该单元格开始（左上角）",
                                    "Click a cell first: the paste starts there (top left)",
                                )
                                .to_owned(),
                            is_error: true,
                        });
                        return;
                    }
                };
                let block = crate::io::tsv::parse_tsv(&text);
                let grid = paste::Grid {
                    indicator: app.picks.indicator,
                    rows: &self.rows,
                    years: &self.years,
                };
                let none = Applied::none();
                let dataset = &app.dataset;
                let applied = app
                    .scenarios
                    .active()
                    .and_then(|d| d.applied_now())
                    .unwrap_or(&none);
                let plan = paste::plan_paste(dataset, applied, grid, anchor, &block, lang);
                if plan.covered.0 > 0 && plan.covered.1 > 0 {
                    self.anchor = grid.cell(anchor.0, anchor.1).map(|c| (c.region, c.year));
                    self.extent = grid
                        .cell(anchor.0 + plan.covered.0 - 1, anchor.1 + plan.covered.1 - 1)
                        .map(|c| (c.region, c.year));
                }
                self.message = Some(Message {
                    text: plan.report(lang),
                    // Red only when nothing went in; the refused cells' lines are red anyway.
                    is_error: plan.edits.is_empty() && !plan.refused.is_empty(),
                });
                self.editing = None;
                if !plan.edits.is_empty() {
                    out.push(Command::Scenario(ScenarioChange::ApplyEdits(plan.edits)));
                }
            }
        }
    }

    fn message_line_ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let Some(message) = &self.message else {
            return;
        };
        let mut dismiss = false;
        ui.horizontal(|ui| {
            let error = ui.visuals().error_fg_color;
            let color = if message.is_error {
                error
            } else {
                ui.visuals().text_color()
            };
            if ui
                .small_button("×")
                .on_hover_text(lang.pick("关闭提示", "Dismiss"))
                .clicked()
            {
                dismiss = true;
            }
            let (first, rest) = message
                .text
                .split_once('\n')
                .map_or((message.text.as_str(), None), |(a, b)| (a, Some(b)));
            ui.vertical(|ui| {
                ui.label(RichText::new(first).color(color));
                if let Some(rest) = rest {
                    ui.label(RichText::new(rest).color(error));
                }
            });
        });
        if dismiss {
            self.message = None;
        }
    }

    /// The "Paste text…" window: a fallback for pasting without Ctrl+V.
    fn paste_window(&mut self, ctx: &egui::Context, frame: &Frame<'_>, actions: &mut Vec<Action>) {
        let Some(mut text) = self.paste_text.take() else {
            return;
        };
        let lang = frame.lang;
        let target = self
            .anchor
            .and_then(|a| self.position(a))
            .or_else(|| (!self.rows.is_empty() && !self.years.is_empty()).then_some((0, 0)))
            .and_then(|(r, c)| {
                paste::Grid {
                    indicator: frame.indicator,
                    rows: &self.rows,
                    years: &self.years,
                }
                .cell(r, c)
            });
        let mut keep_open = true;
        egui::Window::new(lang.pick("粘贴文本", "Paste text"))
            .collapsible(false)
            .default_width(420.0)
            .show(ctx, |ui| {
                let label = ui.label(lang.pick(
                    "从 Excel、WPS 或 LibreOffice 复制的单元格（制表符分隔）：",
                    "Cells copied from Excel, WPS or LibreOffice (tab-separated):",
                ));
                ui.add(
                    egui::TextEdit::multiline(&mut text)
                        .desired_rows(6)
                        .desired_width(f32::INFINITY)
                        .code_editor(),
                )
                .labelled_by(label.id);
                match target {
                    Some(cell) => ui.label(format!(
                        "{}{}",
                        lang.pick("左上角粘贴到：", "Top-left cell goes to: "),
                        paste::cell_name(frame.dataset, cell, lang)
                    )),
                    None => ui.label(lang.pick(
                        "透视表中没有可粘贴的单元格",
                        "The pivot has no cell to paste into",
                    )),
                };
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(
                            target.is_some(),
                            egui::Button::new(lang.pick("应用", "Apply")),
                        )
                        .clicked()
                    {
                        actions.push(Action::Paste {
                            text: std::mem::take(&mut text),
                            from_window: true,
                        });
                        keep_open = false;
                    }
                    if ui.button(lang.pick("取消", "Cancel")).clicked() {
                        keep_open = false;
                    }
                });
            });
        if keep_open {
            self.paste_text = Some(text);
        }
    }

    /// Closes the editor without committing (Escape), with its error message; the table
    /// keeps the keyboard.
    fn cancel_editing(&mut self) {
        self.editing = None;
        self.focus_request = true;
        if self.message.as_ref().is_some_and(|m| m.is_error) {
            self.message = None;
        }
    }

    /// Opens the editor on `cell` with `text` (`select_all`: the text is selected, so typing
    /// replaces it).
    fn open_editor(&mut self, frame: &Frame<'_>, cell: CellRef, text: Option<String>) {
        let current = shown(frame.dataset, frame.applied, cell);
        if !current.editable() {
            self.message = Some(Message {
                text: format!(
                    "{}: {}",
                    paste::cell_name(frame.dataset, cell, frame.lang),
                    frame.lang.pick("目标值只读", "targets are read-only")
                ),
                is_error: true,
            });
            return;
        }
        let original = current.edit_text();
        let select_all = text.is_none();
        self.editing = Some(Editing {
            cell,
            text: text.unwrap_or_else(|| original.clone()),
            original,
            error: None,
            focus: Some(select_all),
        });
    }

    /// Draws the editor in the cell `ui` is in; pushes a commit when it loses focus.
    fn editor_ui(&mut self, ui: &mut egui::Ui, frame: &Frame<'_>, actions: &mut Vec<Action>) {
        let Some(editing) = self.editing.as_mut() else {
            return;
        };
        let rect = ui.max_rect();
        let id = egui::Id::unique(("yardstick-cell-editor", editing.cell));
        let response = ui.put(
            rect,
            egui::TextEdit::singleline(&mut editing.text)
                .id(id)
                .desired_width(rect.width())
                .align(egui::Align2::RIGHT_CENTER),
        );
        let name = format!(
            "{} {}",
            frame.lang.pick("编辑", "Edit"),
            paste::cell_name(frame.dataset, editing.cell, frame.lang)
        );
        ui.ctx()
            .accesskit_node_builder(response.id, |node| node.set_label(name));
        if let Some(select_all) = editing.focus.take() {
            response.request_focus();
            if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), response.id) {
                let chars = editing.text.chars().count();
                let range = if select_all {
                    egui::text::CCursorRange::two(
                        egui::text::CCursor::new(0),
                        egui::text::CCursor::new(chars),
                    )
                } else {
                    egui::text::CCursorRange::one(egui::text::CCursor::new(chars))
                };
                state.cursor.set_char_range(Some(range));
                state.store(ui.ctx(), response.id);
            }
        }
        if let Some(error) = &editing.error {
            ui.painter().rect_stroke(
                rect,
                2.0,
                Stroke::new(2.0, ui.visuals().error_fg_color),
                egui::StrokeKind::Inside,
            );
            response.clone().on_hover_text(error.clone());
        }
        if response.lost_focus() {
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                self.cancel_editing();
            } else if editing.text.trim() == editing.original.trim() && editing.error.is_none() {
                // Nothing changed: no edit, no undo step, no scenario made.
                self.editing = None;
            } else {
                actions.push(Action::Commit {
                    cell: editing.cell,
                    text: editing.text.clone(),
                    by_enter: ui.input(|i| i.key_pressed(egui::Key::Enter)),
                });
            }
        }
    }
}

/// The colours of the cell marks, in light and dark themes.
fn mark_fill(ui: &egui::Ui, origin: Origin) -> Option<Color32> {
    let dark = ui.visuals().dark_mode;
    match (origin, dark) {
        (Origin::Baseline, _) => None,
        (Origin::Edited, false) => Some(Color32::from_rgb(255, 226, 150)),
        (Origin::Edited, true) => Some(Color32::from_rgb(105, 80, 20)),
        (Origin::Projected, false) => Some(Color32::from_rgb(206, 228, 255)),
        (Origin::Projected, true) => Some(Color32::from_rgb(30, 62, 105)),
    }
}

/// A line explaining the cell marks and how to edit.
fn legend_ui(ui: &mut egui::Ui, lang: Lang, layout: Layout) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for (origin, text) in [
            (Origin::Edited, lang.pick("情景修改", "edited")),
            (Origin::Projected, lang.pick("增长推算", "projected")),
        ] {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), Sense::hover());
            if let Some(fill) = mark_fill(ui, origin) {
                ui.painter().rect_filled(rect, 2.0, fill);
            }
            let text = RichText::new(text).weak();
            ui.label(if origin == Origin::Projected {
                text.italics()
            } else {
                text
            });
            ui.add_space(8.0);
        }
        ui.label(
            RichText::new(lang.pick(
                "目标 = 已发布的规划目标（只读）",
                "target = published goal (read-only)",
            ))
            .italics()
            .weak(),
        );
        ui.add_space(12.0);
        let hint = match layout {
            Layout::Pivot => lang.pick(
                "单击选择，Shift+单击扩选；双击、F2 或直接输入即可编辑，Enter 确认，Esc 取消；Ctrl+C / Ctrl+V 复制粘贴",
                "Click selects, shift-click extends; double-click, F2 or just type to edit, Enter commits, Esc cancels; Ctrl+C / Ctrl+V copy and paste",
            ),
            Layout::Long => lang.pick(
                "单击选择数值；双击、F2 或直接输入即可编辑，Enter 确认，Esc 取消",
                "Click a value to select it; double-click, F2 or just type to edit, Enter commits, Esc cancels",
            ),
        };
        ui.label(RichText::new(hint).small().weak());
    });
}

/// Draws a value cell filling the cell `ui` is in: the value right-aligned, marked by where it
/// comes from, the selection on top. Returns the cell's response (click to select).
fn value_cell(
    ui: &mut egui::Ui,
    shown: &Shown,
    selected: bool,
    anchor: bool,
    lang: Lang,
) -> Response {
    let rect = ui.max_rect();
    // Clickable but not a Tab stop of its own: the table is one stop (see `focus_id`).
    let response = ui.allocate_rect(rect, Sense::CLICK);
    let text = shown.display_text(lang);
    let label = text.clone();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let painter = ui.painter();
    let origin = match shown {
        Shown::Value(e) => e.origin,
        Shown::Removed { .. } => Origin::Edited,
        _ => Origin::Baseline,
    };
    if let Some(fill) = mark_fill(ui, origin) {
        painter.rect_filled(rect.shrink(1.0), 0.0, fill);
    }
    if selected {
        let selection = ui.visuals().selection.bg_fill.gamma_multiply(0.45);
        painter.rect_filled(rect, 0.0, selection);
    }
    if anchor {
        painter.rect_stroke(
            rect.shrink(0.5),
            0.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Inside,
        );
    }
    let mut rich = RichText::new(text);
    match shown {
        Shown::Value(e) if e.origin == Origin::Projected => rich = rich.italics(),
        Shown::Target { .. } | Shown::Shadowed(_) | Shown::Qualified { .. } => {
            rich = rich.italics().weak()
        }
        _ => {}
    }
    let galley = egui::WidgetText::from(rich).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        (rect.width() - 8.0).max(1.0),
        egui::TextStyle::Body,
    );
    let pos = egui::pos2(
        rect.right() - 4.0 - galley.size().x,
        rect.center().y - galley.size().y / 2.0,
    );
    // On an amber or blue mark the text takes the contrast of the mark, not the theme's grey.
    let text_colour = match (mark_fill(ui, origin), ui.visuals().dark_mode) {
        (Some(_), false) => Color32::from_rgb(20, 20, 20),
        (Some(_), true) => Color32::from_rgb(245, 245, 245),
        (None, _) => ui.visuals().text_color(),
    };
    ui.painter()
        .with_clip_rect(rect.intersect(ui.clip_rect()))
        .galley(pos, galley, text_colour);
    response
}

/// A plain text cell: truncated, the full text on hover.
fn text_cell_ui(ui: &mut egui::Ui, text: &str) {
    let response = ui.add(egui::Label::new(text).truncate());
    if response.hovered() && !text.is_empty() {
        response.on_hover_text(text);
    }
}
