//! Fonts: egui's defaults first (Latin, emoji), then the system's CJK font if there is one
//! (Noto Sans CJK, Source Han, Microsoft YaHei, PingFang, WenQuanYi: found with fontdb,
//! see [`crate::chart::render::system_font`]), then the bundled Noto Sans SC subset, which
//! covers every character of the data and of GB18030's two-byte set on a machine without
//! CJK fonts.

use std::sync::Arc;

pub use crate::CJK_FONT;
use crate::chart::render::system_font::system_cjk_font;

/// Name of the bundled CJK font in egui's font registry.
pub const CJK_FONT_NAME: &str = "noto_sans_sc";

/// Name of the system's CJK font in egui's font registry (when one was found).
pub const SYSTEM_CJK_FONT_NAME: &str = "system_cjk";

/// The CJK fonts installed, in fallback order: the system's (if any), then the bundled.
pub fn cjk_font_names() -> Vec<&'static str> {
    let mut names = Vec::with_capacity(2);
    if system_cjk_font().is_some() {
        names.push(SYSTEM_CJK_FONT_NAME);
    }
    names.push(CJK_FONT_NAME);
    names
}

/// The font definitions [`install_fonts`] sets: egui's defaults, then the CJK fallbacks.
pub fn font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    if let Some(system) = system_cjk_font() {
        // The file is read once per process and shared, not copied per context.
        let blob: egui::epaint::text::Blob = Arc::new(system.bytes);
        fonts.font_data.insert(
            SYSTEM_CJK_FONT_NAME.to_owned(),
            Arc::new(egui::FontData::from_blob(blob, system.index)),
        );
    }
    fonts.font_data.insert(
        CJK_FONT_NAME.to_owned(),
        Arc::new(egui::FontData::from_static(CJK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .extend(cjk_font_names().into_iter().map(str::to_owned));
    }
    fonts
}

/// Installs the CJK fallbacks into `ctx` (call once, before the first frame).
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_fonts_follow_the_defaults_with_the_bundled_subset_last() {
        let fonts = font_definitions();
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            let list = &fonts.families[&family];
            assert_eq!(list.last().map(String::as_str), Some(CJK_FONT_NAME));
            let defaults = egui::FontDefinitions::default().families[&family].clone();
            assert_eq!(
                list[..defaults.len()],
                defaults[..],
                "egui's fonts stay first"
            );
            if system_cjk_font().is_some() {
                assert_eq!(list[list.len() - 2], SYSTEM_CJK_FONT_NAME);
            }
        }
        for name in cjk_font_names() {
            assert!(fonts.font_data.contains_key(name), "{name}");
        }
    }
}
