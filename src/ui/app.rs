//! [`YardstickApp`]: the window. Menus, the side panel, the chart and table views, file
//! opening (dialog, typed path, drag-and-drop) and error display.

use std::path::{Path, PathBuf};

use crate::chart::export::ExportFormat;
use crate::chart::{ChartKind, ChartSpec, Selection, ViewMode, build_chart};
use crate::io::load_dataset;
use crate::lang::Lang;
use crate::model::{Dataset, IndicatorIdx};
use crate::ui::export_dialog::{self, ExportDialog};
use crate::ui::i18n::Text;
use crate::ui::screenshot::ScreenshotJob;
use crate::ui::{chart_view, fonts, side_panel, table_view};

/// Key of the persisted language in eframe's storage.
const LANG_KEY: &str = "yardstick.lang";

/// The central view shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum View {
    /// The chart of the selection.
    #[default]
    Chart,
    /// The table of observations.
    Table,
}

/// What the user has picked to look at. Plain data; [`YardstickApp::selection`] turns it
/// into a chart [`Selection`].
#[derive(Clone, Debug, PartialEq)]
pub struct Picks {
    /// The indicator charted.
    pub indicator: IndicatorIdx,
    /// One flag per region of the dataset: shown or not.
    pub regions: Vec<bool>,
    /// First and last year shown; `None` means automatic: for bars the year most picked
    /// regions report, for lines every year with data.
    pub years: Option<(i32, i32)>,
    /// Bar or line.
    pub kind: ChartKind,
    /// Absolute, index, change or share of target.
    pub mode: ViewMode,
    /// Logarithmic value axis.
    pub log_scale: bool,
}

impl Picks {
    /// Everything shown, the first indicator, the latest year.
    pub fn all(dataset: &Dataset) -> Self {
        Self {
            indicator: IndicatorIdx(0),
            regions: vec![true; dataset.regions().len()],
            years: None,
            kind: ChartKind::Bar,
            mode: ViewMode::Absolute,
            log_scale: false,
        }
    }

    /// The same picks (by id) carried over to another dataset, where the ids exist.
    pub fn carried_to(&self, old: &Dataset, new: &Dataset) -> Self {
        let mut picks = Self::all(new);
        if let Some(idx) = new.indicator_by_id(&old.indicator(self.indicator).id) {
            picks.indicator = idx;
        }
        for (i, region) in new.regions().iter().enumerate() {
            if let Some(old_idx) = old.region_by_id(&region.id) {
                picks.regions[i] = self
                    .regions
                    .get(old_idx.0 as usize)
                    .copied()
                    .unwrap_or(true);
            }
        }
        picks.kind = self.kind;
        picks.mode = self.mode;
        picks.log_scale = self.log_scale;
        picks
    }
}

/// The application state.
pub struct YardstickApp {
    /// The data open now.
    pub dataset: Dataset,
    /// Where it came from; `None` for the bundled dataset.
    pub dataset_path: Option<PathBuf>,
    /// UI and data language.
    pub lang: Lang,
    /// Central view.
    pub view: View,
    /// What is picked in the side panel.
    pub picks: Picks,
    /// The last error, shown until dismissed.
    pub error: Option<String>,
    /// Table: only rows of the picked indicator.
    pub table_only_indicator: bool,
    /// Text of the "Open path" window while it is open.
    pub path_prompt: Option<String>,
    /// The export window, while it is open.
    pub export: Option<ExportDialog>,
    chart_cache: Option<(Selection, Lang, ChartSpec)>,
    screenshot: Option<ScreenshotJob>,
    shown_title: String,
}

impl YardstickApp {
    /// An app showing `dataset` (from `path`, or bundled if `None`).
    pub fn new(dataset: Dataset, dataset_path: Option<PathBuf>) -> Self {
        let picks = Picks::all(&dataset);
        Self {
            dataset,
            dataset_path,
            lang: Lang::Zh,
            view: View::Chart,
            picks,
            error: None,
            table_only_indicator: true,
            path_prompt: None,
            export: None,
            chart_cache: None,
            screenshot: None,
            shown_title: String::new(),
        }
    }

    /// Sets up fonts and restores persisted settings from eframe's storage.
    pub fn with_creation_context(mut self, cc: &eframe::CreationContext<'_>) -> Self {
        fonts::install_fonts(&cc.egui_ctx);
        if let Some(lang) = cc
            .storage
            .and_then(|s| eframe::get_value::<Lang>(s, LANG_KEY))
        {
            self.lang = lang;
        }
        self
    }

    /// Makes the app save a screenshot to `job`'s file once rendered, then close.
    pub fn with_screenshot(mut self, job: ScreenshotJob) -> Self {
        self.screenshot = Some(job);
        self
    }

    /// Loads a dataset file; on failure keeps the data open now and records the error.
    pub fn open_path(&mut self, path: &Path) -> bool {
        match load_dataset(path) {
            Ok(dataset) => {
                self.replace_dataset(dataset, Some(path.to_path_buf()));
                true
            }
            Err(err) => {
                self.error = Some(format!("{}\n{err}", Text::OpenFailed.get(self.lang)));
                false
            }
        }
    }

    /// Replaces the data, keeping picks whose ids still exist.
    pub fn replace_dataset(&mut self, dataset: Dataset, path: Option<PathBuf>) {
        self.picks = self.picks.carried_to(&self.dataset, &dataset);
        self.dataset = dataset;
        self.dataset_path = path;
        self.error = None;
        self.chart_cache = None;
    }

    /// The chart selection for the current picks; `None` when no region is picked.
    pub fn selection(&self) -> Option<Selection> {
        let regions: Vec<_> = self
            .dataset
            .region_indices()
            .filter(|r| {
                self.picks
                    .regions
                    .get(r.0 as usize)
                    .copied()
                    .unwrap_or(false)
            })
            .collect();
        if regions.is_empty() {
            return None;
        }
        let years = match self.picks.years {
            Some(years) => years,
            None => self.auto_years(&regions)?,
        };
        Some(Selection {
            indicator: self.picks.indicator,
            regions,
            years,
            kind: self.picks.kind,
            mode: self.picks.mode,
            log_scale: self.picks.log_scale,
        })
    }

    /// The automatic year span for the current chart kind.
    pub fn auto_years(&self, regions: &[crate::model::RegionIdx]) -> Option<(i32, i32)> {
        crate::chart::auto_years(
            &self.dataset,
            self.picks.indicator,
            regions,
            self.picks.kind,
        )
    }

    /// The chart for the current picks, rebuilt only when the selection or language changed.
    pub fn chart_spec(&mut self) -> Option<&ChartSpec> {
        let selection = self.selection()?;
        let fresh =
            matches!(&self.chart_cache, Some((s, l, _)) if *s == selection && *l == self.lang);
        if !fresh {
            let spec = build_chart(&self.dataset, &selection, self.lang);
            self.chart_cache = Some((selection, self.lang, spec));
        }
        self.chart_cache.as_ref().map(|(_, _, spec)| spec)
    }

    /// Window title: the dataset and its file.
    pub fn window_title(&self) -> String {
        let file = self
            .dataset_path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || "chongqing.ron".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
        format!(
            "Yardstick — {} — {file}",
            self.dataset.display_title(self.lang)
        )
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(Text::File.get(lang), |ui| {
                if ui.button(Text::Open.get(lang)).clicked() {
                    ui.close();
                    self.open_with_dialog();
                }
                if ui.button(Text::OpenPath.get(lang)).clicked() {
                    ui.close();
                    self.path_prompt = Some(String::new());
                }
                if ui.button(Text::OpenBundled.get(lang)).clicked() {
                    ui.close();
                    match crate::bundled_dataset() {
                        Ok(dataset) => self.replace_dataset(dataset, None),
                        Err(err) => self.error = Some(err.to_string()),
                    }
                }
                ui.separator();
                if ui.button(Text::ExportChart.get(lang)).clicked() {
                    ui.close();
                    self.open_export(ExportFormat::Svg);
                }
                if ui.button(Text::ExportData.get(lang)).clicked() {
                    ui.close();
                    self.open_export(ExportFormat::Csv);
                }
                ui.separator();
                if ui.button(Text::Quit.get(lang)).clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button(Text::Language.get(lang), |ui| {
                for choice in Lang::ALL {
                    if ui
                        .radio(self.lang == choice, choice.native_name())
                        .clicked()
                    {
                        self.lang = choice;
                        ui.close();
                    }
                }
            });
        });
    }

    /// Opens the export window for `format`.
    pub fn open_export(&mut self, format: ExportFormat) {
        let spec = self.chart_spec().cloned();
        self.export = Some(ExportDialog::new(format, spec.as_ref()));
    }

    fn export_window(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.export.take() else {
            return;
        };
        let lang = self.lang;
        let spec = self.chart_spec().cloned();
        if export_dialog::show(ctx, &mut dialog, spec.as_ref(), lang) {
            self.export = Some(dialog);
        }
    }

    fn open_with_dialog(&mut self) {
        let picked = rfd::FileDialog::new()
            .add_filter("Yardstick RON", &["ron"])
            .set_title(Text::Open.get(self.lang))
            .pick_file();
        match picked {
            Some(path) => {
                self.open_path(&path);
            }
            // No dialog could be shown (no portal) or the user cancelled: offer a typed path.
            None => self.path_prompt = Some(String::new()),
        }
    }

    fn path_window(&mut self, ctx: &egui::Context) {
        let Some(mut text) = self.path_prompt.take() else {
            return;
        };
        let lang = self.lang;
        let mut keep_open = true;
        let mut open = false;
        egui::Window::new(Text::OpenPath.get(lang))
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                let response = ui.add(
                    egui::TextEdit::singleline(&mut text)
                        .hint_text(Text::PathHint.get(lang))
                        .desired_width(360.0),
                );
                if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    open = true;
                }
                ui.label(Text::DropHint.get(lang));
                ui.horizontal(|ui| {
                    open |= ui
                        .button(Text::Open.get(lang).trim_end_matches('…'))
                        .clicked();
                    if ui.button(Text::Cancel.get(lang)).clicked() {
                        keep_open = false;
                    }
                });
            });
        if open && !text.trim().is_empty() {
            keep_open = !self.open_path(Path::new(text.trim()));
        }
        if keep_open {
            self.path_prompt = Some(text);
        }
    }

    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.last() {
            self.open_path(path);
        }
    }

    fn error_banner(&mut self, ui: &mut egui::Ui) {
        let Some(message) = self.error.clone() else {
            return;
        };
        egui::Frame::new()
            .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
            .stroke(egui::Stroke::new(1.0, ui.visuals().error_fg_color))
            .inner_margin(8)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new(&message).monospace());
                    if ui.button(Text::Dismiss.get(self.lang)).clicked() {
                        self.error = None;
                    }
                });
            });
        ui.add_space(4.0);
    }

    fn central(&mut self, ui: &mut egui::Ui) {
        self.error_banner(ui);
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.view, View::Chart, Text::Chart.get(self.lang));
            ui.selectable_value(&mut self.view, View::Table, Text::Table.get(self.lang));
        });
        ui.separator();
        match self.view {
            View::Chart => {
                let lang = self.lang;
                match self.chart_spec() {
                    Some(spec) => {
                        let spec = spec.clone();
                        chart_view::show(ui, &spec);
                    }
                    None => {
                        ui.label(Text::NothingSelected.get(lang));
                    }
                }
            }
            View::Table => table_view::show(ui, self),
        }
    }
}

impl eframe::App for YardstickApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.take_dropped_files(ctx);
        if let Some(job) = &mut self.screenshot {
            job.step(ctx);
        }
        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::left("picks")
            .resizable(true)
            .default_size(240.0)
            .show(ui, |ui| side_panel::show(ui, self));
        egui::CentralPanel::default_margins().show(ui, |ui| self.central(ui));
        let ctx = ui.ctx().clone();
        self.path_window(&ctx);
        self.export_window(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, LANG_KEY, &self.lang);
    }
}
