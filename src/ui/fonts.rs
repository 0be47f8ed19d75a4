//! Fonts: egui's defaults first (Latin), the bundled Noto Sans SC subset as CJK fallback.

use std::sync::Arc;

pub use crate::CJK_FONT;

/// Name of the CJK font in egui's font registry.
pub const CJK_FONT_NAME: &str = "noto_sans_sc";

/// Installs the CJK fallback into `ctx` (call once, before the first frame).
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        CJK_FONT_NAME.to_owned(),
        Arc::new(egui::FontData::from_static(CJK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(CJK_FONT_NAME.to_owned());
    }
    ctx.set_fonts(fonts);
}
