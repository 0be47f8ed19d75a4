//! The system's CJK font, found once with `fontdb` and shared by the window and the PNG
//! export: it is drawn before the bundled subset, so a character the subset lacks (a rare
//! place name, an extension-B character) still gets a glyph wherever the system has one.
//!
//! Only the one face used is read into memory; the scan of the font folders reads each
//! file's name table only (fontdb maps files instead of reading them).

use std::sync::OnceLock;

/// CJK families looked for, best first: Simplified Chinese designs on Linux, Windows and
/// macOS, then traditional and Japanese ones (which still cover the common ideographs).
pub const CJK_FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK TC",
    "Source Han Sans TC",
    "Microsoft JhengHei",
    "PingFang TC",
    "Noto Sans CJK JP",
    "Source Han Sans",
    "Droid Sans Fallback",
];

/// Set this environment variable (to anything but `0`) to ignore the system's fonts and
/// draw with the bundled subset only: reproducible exports, and tests of the subset.
pub const NO_SYSTEM_FONTS_ENV: &str = "YARDSTICK_NO_SYSTEM_FONTS";

/// A font face read from the system.
#[derive(Debug)]
pub struct SystemFont {
    /// Its family name as asked for (one of [`CJK_FAMILIES`]).
    pub family: &'static str,
    /// Where it was found.
    pub path: std::path::PathBuf,
    /// The whole font file (kept for the life of the process).
    pub bytes: &'static [u8],
    /// The face's index in a collection (`.ttc`), else 0.
    pub index: u32,
}

static SYSTEM_CJK: OnceLock<Option<SystemFont>> = OnceLock::new();

/// Whether [`NO_SYSTEM_FONTS_ENV`] asks for the bundled font only.
pub fn system_fonts_disabled() -> bool {
    std::env::var_os(NO_SYSTEM_FONTS_ENV).is_some_and(|v| v != "0" && !v.is_empty())
}

/// The system's best CJK font (searched and read once per process), or `None` when there is
/// none or [`NO_SYSTEM_FONTS_ENV`] is set.
pub fn system_cjk_font() -> Option<&'static SystemFont> {
    if system_fonts_disabled() {
        return None;
    }
    SYSTEM_CJK.get_or_init(find_system_cjk_font).as_ref()
}

fn find_system_cjk_font() -> Option<SystemFont> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    for &family in CJK_FAMILIES {
        let query = fontdb::Query {
            families: &[fontdb::Family::Name(family)],
            weight: fontdb::Weight::NORMAL,
            stretch: fontdb::Stretch::Normal,
            style: fontdb::Style::Normal,
        };
        let Some(id) = db.query(&query) else {
            continue;
        };
        let Some((fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _), index)) =
            db.face_source(id)
        else {
            continue;
        };
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        // Use it only if it parses and really has Chinese glyphs.
        let usable = ttf_parser::Face::parse(&bytes, index).is_ok_and(|face| {
            "中国万盛綦"
                .chars()
                .all(|c| face.glyph_index(c).is_some_and(|g| g.0 != 0))
        });
        if usable {
            return Some(SystemFont {
                family,
                path,
                bytes: Box::leak(bytes.into_boxed_slice()),
                index,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_system_cjk_font_found_is_one_of_the_families_and_draws_chinese() {
        let started = std::time::Instant::now();
        let found = system_cjk_font();
        eprintln!(
            "system CJK font: {:?} in {:?}",
            found.map(|f| (f.family, &f.path, f.index)),
            started.elapsed()
        );
        if let Some(font) = found {
            assert!(CJK_FAMILIES.contains(&font.family));
            let face = ttf_parser::Face::parse(font.bytes, font.index).expect("parses");
            assert!(face.glyph_index('綦').is_some_and(|g| g.0 != 0));
        }
        // Asked again, the same face (searched once).
        assert_eq!(
            system_cjk_font().map(|f| f.bytes.as_ptr()),
            found.map(|f| f.bytes.as_ptr())
        );
    }
}
