//! The export window: format, size, file path (typed or picked with the system dialog).
//! Works without a desktop portal: the path can always be typed. The path starts in the
//! scenario's folder or the user's documents folder (never the working folder, which a user
//! does not know), and the message after writing names the full path.

use std::path::{Path, PathBuf};

use crate::chart::export::{ExportFormat, export_to_file};
use crate::chart::render::ExportSize;
use crate::chart::{ChartKind, ChartSpec};
use crate::lang::Lang;

/// State of the open export window.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportDialog {
    /// What to write.
    pub format: ExportFormat,
    /// Image width in pixels (SVG and PNG).
    pub width: u32,
    /// Image height in pixels.
    pub height: u32,
    /// Output path as typed.
    pub path: String,
    /// The outcome of the last attempt, shown in the window.
    pub status: Option<Result<String, String>>,
    /// The last outcome not yet reported as a toast.
    fresh: bool,
    /// "Browse…" found no system dialog: the window says to type the path.
    no_dialog: bool,
}

impl ExportDialog {
    /// A dialog for `format` with the default size and a file name from the chart.
    pub fn new(format: ExportFormat, spec: Option<&ChartSpec>) -> Self {
        let stem = spec.map_or_else(
            || "chart".to_owned(),
            |s| format!("{}-{}", s.indicator_id, s.kind.code()),
        );
        let ext = match format {
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Csv => "csv",
        };
        let default = ExportSize::default();
        Self {
            format,
            width: default.width,
            height: default.height,
            path: format!("{stem}.{ext}"),
            status: None,
            fresh: false,
            no_dialog: false,
        }
    }

    /// The same dialog with its file in `folder`.
    pub fn in_folder(mut self, folder: &Path) -> Self {
        let name = PathBuf::from(&self.path);
        self.path = folder.join(name).display().to_string();
        self
    }

    /// The outcome of an export done since the last call (for a toast).
    pub fn take_outcome(&mut self) -> Option<Result<String, String>> {
        if !std::mem::take(&mut self.fresh) {
            return None;
        }
        self.status.clone()
    }

    /// Writes the chart; returns a message for the user either way.
    pub fn export(&mut self, spec: &ChartSpec, lang: Lang) -> bool {
        let path = crate::ui::file_prompt::absolute(Path::new(self.path.trim()));
        let size = ExportSize {
            width: self.width,
            height: self.height,
        };
        let result = match ExportFormat::from_path(&path) {
            Some(found) if found != self.format => Err(lang
                .pick(
                    "文件扩展名与所选格式不一致",
                    "The file extension does not match the chosen format",
                )
                .to_owned()),
            _ => export_to_file(spec, &path, size)
                .map(|_| {
                    let shown = std::fs::canonicalize(&path).unwrap_or(path.clone());
                    format!("{}{}", lang.pick("已导出：", "Exported: "), shown.display())
                })
                .map_err(|e| {
                    format!(
                        "{}{}: {e}",
                        lang.pick("导出失败：", "Export failed: "),
                        path.display()
                    )
                }),
        };
        let ok = result.is_ok();
        self.status = Some(result);
        self.fresh = true;
        ok
    }

    /// Replaces the path's extension to match the chosen format.
    fn fix_extension(&mut self) {
        let ext = match self.format {
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Csv => "csv",
        };
        let path = PathBuf::from(self.path.trim()).with_extension(ext);
        self.path = path.display().to_string();
    }
}

/// Draws the window inside `area` (below the menu bar); "Browse…" uses the system dialog
/// when `dialogs` says one can open. Returns false when the window should close.
pub fn show(
    ctx: &egui::Context,
    dialog: &mut ExportDialog,
    spec: Option<&ChartSpec>,
    lang: Lang,
    area: egui::Rect,
    dialogs: &mut crate::ui::file_prompt::Dialogs,
) -> bool {
    let mut open = true;
    let mut close = false;
    egui::Window::new(lang.pick("导出", "Export"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .constrain_to(area)
        .default_pos(area.left_top() + egui::vec2(260.0, 40.0))
        .show(ctx, |ui| {
            let Some(spec) = spec else {
                ui.label(lang.pick(
                    "没有可导出的图表：请选择地区",
                    "No chart to export: pick regions first",
                ));
                return;
            };
            ui.label(egui::RichText::new(&spec.title).strong());
            ui.horizontal(|ui| {
                ui.label(lang.pick("格式", "Format"));
                let before = dialog.format;
                ui.selectable_value(&mut dialog.format, ExportFormat::Svg, "SVG")
                    .on_hover_text(lang.pick("矢量图，适合印刷", "Vector, for print"));
                ui.selectable_value(&mut dialog.format, ExportFormat::Png, "PNG")
                    .on_hover_text(lang.pick("位图，适合幻灯片", "Bitmap, for slides"));
                ui.selectable_value(&mut dialog.format, ExportFormat::Csv, "CSV")
                    .on_hover_text(lang.pick(
                        "图表背后的数据（UTF-8，Excel 可直接打开）",
                        "The data behind the chart (UTF-8, opens in Excel)",
                    ));
                if dialog.format != before {
                    dialog.fix_extension();
                }
            });
            if dialog.format != ExportFormat::Csv {
                ui.horizontal(|ui| {
                    ui.label(lang.pick("宽", "Width"));
                    ui.add(
                        egui::DragValue::new(&mut dialog.width)
                            .range(200..=10000)
                            .suffix(" px"),
                    );
                    ui.label(lang.pick("高", "Height"));
                    ui.add(
                        egui::DragValue::new(&mut dialog.height)
                            .range(200..=10000)
                            .suffix(" px"),
                    );
                });
            }
            ui.horizontal(|ui| {
                let label = ui.label(lang.pick("文件", "File"));
                ui.add(egui::TextEdit::singleline(&mut dialog.path).desired_width(420.0))
                    .labelled_by(label.id);
                if ui.button(lang.pick("浏览…", "Browse…")).clicked() {
                    let (name, ext) = match dialog.format {
                        ExportFormat::Svg => ("SVG", "svg"),
                        ExportFormat::Png => ("PNG", "png"),
                        ExportFormat::Csv => ("CSV", "csv"),
                    };
                    let current = PathBuf::from(dialog.path.trim());
                    let picked = dialogs.pick(|| {
                        let mut picker = rfd::FileDialog::new().add_filter(name, &[ext]);
                        if let Some(file) = current.file_name() {
                            picker = picker.set_file_name(file.to_string_lossy());
                        }
                        if let Some(dir) = current.parent().filter(|d| d.is_dir()) {
                            picker = picker.set_directory(dir);
                        }
                        picker.save_file()
                    });
                    match picked {
                        crate::ui::file_prompt::Picked::Path(path) => {
                            dialog.path = path.display().to_string();
                        }
                        crate::ui::file_prompt::Picked::Cancelled => {}
                        crate::ui::file_prompt::Picked::Unavailable => dialog.no_dialog = true,
                    }
                }
            });
            if dialog.no_dialog {
                ui.label(lang.pick(
                    "无法打开系统文件对话框：请在上方输入完整路径",
                    "No system file dialog can open here: type the full path above",
                ));
            }
            ui.horizontal(|ui| {
                if ui.button(lang.pick("导出", "Export")).clicked() {
                    dialog.export(spec, lang);
                }
                if ui.button(lang.pick("关闭", "Close")).clicked() {
                    close = true;
                }
            });
            match &dialog.status {
                Some(Ok(message)) => {
                    ui.label(message);
                }
                Some(Err(message)) => {
                    ui.colored_label(ui.visuals().error_fg_color, message);
                }
                None => {}
            }
            if spec.kind == ChartKind::Bar && spec.categories.len() > 40 {
                ui.label(lang.pick(
                    "提示：地区较多，可加大宽度",
                    "Tip: many regions; consider a wider image",
                ));
            }
        });
    open && !close
}
