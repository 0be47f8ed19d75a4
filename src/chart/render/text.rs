//! Text for exports: a chain of fonts (the system's CJK font if there is one, then the
//! bundled subset) laid out with each font's own advances and kerning, text measurement in
//! pixels, wrapping and shortening so that every line stays inside the image.
//!
//! Sizes here are *em sizes* in pixels (the size a browser calls `font-size`). The SVG
//! keeps text as text (plotters writes `size / 1.24`, converted in [`super::paint`]); the
//! PNG draws every glyph itself with [`FontChain::draw`]: plotters' ab_glyph text drawing
//! ignores each glyph's left side bearing (so "（" and "目" sit at the left of their advance
//! and leave a gap after them) and truncates positions to whole pixels.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, GlyphId, PxScale, point};
use plotters::style::{FontStyle, register_font};
use ttf_parser::gpos::{PairAdjustment, PositioningSubtable};

use super::RenderError;
use super::system_font::system_cjk_font;

/// The family name the bundled font is registered under, and the first name of the SVG's
/// font list (replaced by [`SVG_FONT_FAMILIES`] after drawing).
pub const FONT_NAME: &str = "Noto Sans SC";

/// The `font-family` list written into SVG files: CJK-capable families on Linux, Windows
/// and macOS, then the generic fallback.
pub const SVG_FONT_FAMILIES: &str = "'Noto Sans SC', 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'Source Han Sans SC', sans-serif";

/// Measured widths are multiplied by this before fitting, to leave room for a viewer that
/// draws the SVG with another CJK font (Microsoft YaHei's Latin letters are a little wider).
const FIT_SAFETY: f64 = 1.05;

/// Facts about the bundled font.
#[derive(Clone, Copy, Debug)]
pub struct FontMetrics {
    /// The bundled font's ascent − descent per em (≈ 1.45): plotters' ab_glyph size per
    /// pixel of em, and twice the distance from a text's top ([`super::shapes::TextShape::y`])
    /// to its baseline, in ems.
    pub ab_glyph_size_per_em: f64,
}

/// Checks that the bundled font loads (registering it with plotters once) and returns its
/// metrics.
pub fn font_metrics() -> Result<FontMetrics, RenderError> {
    let chain = FontChain::bundled()?;
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    if !*REGISTERED
        .get_or_init(|| register_font(FONT_NAME, FontStyle::Normal, crate::CJK_FONT).is_ok())
    {
        return Err(RenderError::Font);
    }
    let bundled = chain.faces.last().ok_or(RenderError::Font)?;
    Ok(FontMetrics {
        ab_glyph_size_per_em: f64::from(bundled.height / bundled.units_per_em),
    })
}

/// One font of a [`FontChain`].
struct ChainFace {
    /// Where it comes from ("bundled", or the system family).
    name: String,
    font: FontRef<'static>,
    /// The GPOS pair-adjustment subtables of the `kern` feature, lookup by lookup.
    kern: Vec<Vec<PairAdjustment<'static>>>,
    units_per_em: f32,
    /// Ascent − descent in font units (ab_glyph's notion of a scale's height).
    height: f32,
}

impl ChainFace {
    fn new(name: &str, bytes: &'static [u8], index: u32) -> Option<Self> {
        let font = FontRef::try_from_slice_and_index(bytes, index).ok()?;
        let face = ttf_parser::Face::parse(bytes, index).ok()?;
        let units_per_em = font.units_per_em()?;
        Some(Self {
            name: name.to_owned(),
            kern: kern_lookups(&face),
            height: font.height_unscaled(),
            units_per_em,
            font,
        })
    }

    fn glyph(&self, c: char) -> Option<GlyphId> {
        let id = self.font.glyph_id(c);
        (id.0 != 0).then_some(id)
    }

    /// Horizontal kerning between two glyphs in font units: the `kern` table (what
    /// ab_glyph reads) plus OpenType GPOS pair adjustments (what CJK OTF fonts carry).
    fn kerning(&self, first: GlyphId, second: GlyphId) -> f32 {
        let (a, b) = (ttf_parser::GlyphId(first.0), ttf_parser::GlyphId(second.0));
        let gpos: i32 = self
            .kern
            .iter()
            .filter_map(|lookup| lookup.iter().find_map(|table| pair_kerning(table, a, b)))
            .map(i32::from)
            .sum();
        self.font.kern_unscaled(first, second) + gpos as f32
    }
}

/// The `kern` feature's pair-adjustment subtables of `face`, grouped by lookup.
fn kern_lookups(face: &ttf_parser::Face<'static>) -> Vec<Vec<PairAdjustment<'static>>> {
    let Some(gpos) = face.tables().gpos else {
        return Vec::new();
    };
    let kern = ttf_parser::Tag::from_bytes(b"kern");
    let mut indices: Vec<u16> = gpos
        .features
        .into_iter()
        .filter(|feature| feature.tag == kern)
        .flat_map(|feature| feature.lookup_indices.into_iter())
        .collect();
    indices.sort_unstable();
    indices.dedup();
    indices
        .into_iter()
        .filter_map(|index| gpos.lookups.get(index))
        .map(|lookup| {
            lookup
                .subtables
                .into_iter::<PositioningSubtable>()
                .filter_map(|subtable| match subtable {
                    PositioningSubtable::Pair(pair) => Some(pair),
                    _ => None,
                })
                .collect()
        })
        .filter(|lookup: &Vec<_>| !lookup.is_empty())
        .collect()
}

/// The advance adjustment of the first glyph of a pair, if this subtable covers the pair.
fn pair_kerning(
    table: &PairAdjustment<'_>,
    a: ttf_parser::GlyphId,
    b: ttf_parser::GlyphId,
) -> Option<i16> {
    match table {
        PairAdjustment::Format1 { coverage, sets } => {
            let (first, _) = sets.get(coverage.get(a)?)?.get(b)?;
            Some(first.x_advance)
        }
        PairAdjustment::Format2 {
            coverage,
            classes,
            matrix,
        } => {
            coverage.get(a)?;
            let (first, _) = matrix.get((classes.0.get(a), classes.1.get(b)))?;
            Some(first.x_advance)
        }
    }
}

/// One glyph of a laid-out line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedGlyph {
    /// The character.
    pub c: char,
    /// Index of the font in the chain that draws it.
    pub face: usize,
    /// Its glyph in that font (0 = the font's "missing glyph" box).
    pub id: u16,
    /// Pen position, in ems from the start of the line.
    pub x: f64,
    /// Advance (with kerning to the next glyph), in ems.
    pub advance: f64,
}

/// Fonts tried in order for each character: the first that has a glyph draws it.
pub struct FontChain {
    faces: Vec<ChainFace>,
}

impl std::fmt::Debug for FontChain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.faces.iter().map(|face| &face.name))
            .finish()
    }
}

static BUNDLED: OnceLock<Option<FontChain>> = OnceLock::new();
static SYSTEM_THEN_BUNDLED: OnceLock<Option<FontChain>> = OnceLock::new();

impl FontChain {
    /// The bundled subset alone: what SVG layout measures with, the same on every machine.
    pub fn bundled() -> Result<&'static FontChain, RenderError> {
        BUNDLED
            .get_or_init(|| {
                let face = ChainFace::new("bundled Noto Sans SC subset", crate::CJK_FONT, 0)?;
                Some(FontChain { faces: vec![face] })
            })
            .as_ref()
            .ok_or(RenderError::Font)
    }

    /// The system's CJK font (see [`super::system_font`]) if there is one, then the bundled
    /// subset: what PNG export draws with, so that no character is left without a glyph.
    pub fn system_then_bundled() -> Result<&'static FontChain, RenderError> {
        SYSTEM_THEN_BUNDLED
            .get_or_init(|| {
                let mut faces = Vec::new();
                if let Some(system) = system_cjk_font()
                    && let Some(face) = ChainFace::new(system.family, system.bytes, system.index)
                {
                    faces.push(face);
                }
                faces.push(ChainFace::new(
                    "bundled Noto Sans SC subset",
                    crate::CJK_FONT,
                    0,
                )?);
                Some(FontChain { faces })
            })
            .as_ref()
            .ok_or(RenderError::Font)
    }

    /// The fonts' names, in the order they are tried.
    pub fn names(&self) -> Vec<&str> {
        self.faces.iter().map(|f| f.name.as_str()).collect()
    }

    /// The font that draws `c` (index into [`Self::names`]) and its glyph, or `None` when no
    /// font of the chain has it (it would be drawn as a box).
    pub fn glyph(&self, c: char) -> Option<(usize, u16)> {
        self.faces
            .iter()
            .enumerate()
            .find_map(|(i, face)| face.glyph(c).map(|id| (i, id.0)))
    }

    /// Lays out one line: each character in the first font that has it (the last font's
    /// box when none has), advanced by that font's advance plus its kerning to the next.
    pub fn layout(&self, text: &str) -> Vec<PlacedGlyph> {
        let last = self.faces.len().saturating_sub(1);
        let mut glyphs: Vec<PlacedGlyph> = Vec::with_capacity(text.len());
        let mut pen = 0.0;
        for c in text.chars() {
            let (face, id) = match self.glyph(c) {
                Some((face, id)) => (face, GlyphId(id)),
                None => (last, GlyphId(0)),
            };
            let font = &self.faces[face];
            if let Some(previous) = glyphs.last_mut()
                && previous.face == face
            {
                let kern = f64::from(font.kerning(GlyphId(previous.id), id) / font.units_per_em);
                previous.advance += kern;
                pen += kern;
            }
            let advance = f64::from(font.font.h_advance_unscaled(id) / font.units_per_em);
            glyphs.push(PlacedGlyph {
                c,
                face,
                id: id.0,
                x: pen,
                advance,
            });
            pen += advance;
        }
        glyphs
    }

    /// The advance width of `text`, in ems.
    pub fn width_em(&self, text: &str) -> f64 {
        self.layout(text)
            .last()
            .map_or(0.0, |last| last.x + last.advance)
    }

    /// Rasterises `glyphs` (from [`Self::layout`]) with the line starting at `x` and its
    /// baseline at `baseline`, at an em of `em` pixels; calls `pixel(x, y, coverage)` for
    /// every pixel with ink (coverage 0–1).
    pub fn draw(
        &self,
        glyphs: &[PlacedGlyph],
        (x, baseline): (f64, f64),
        em: f64,
        mut pixel: impl FnMut(i32, i32, f32),
    ) {
        for g in glyphs {
            let Some(face) = self.faces.get(g.face) else {
                continue;
            };
            let scale = PxScale::from((em as f32) * face.height / face.units_per_em);
            let glyph = GlyphId(g.id)
                .with_scale_and_position(scale, point((x + g.x * em) as f32, baseline as f32));
            if let Some(outline) = face.font.outline_glyph(glyph) {
                let bounds = outline.px_bounds();
                let (left, top) = (bounds.min.x as i32, bounds.min.y as i32);
                outline.draw(|gx, gy, coverage| {
                    if coverage > 0.0 {
                        pixel(left + gx as i32, top + gy as i32, coverage.min(1.0));
                    }
                });
            }
        }
    }
}

/// Measures text with a [`FontChain`].
#[derive(Clone, Copy, Debug)]
pub struct Measure {
    fonts: &'static FontChain,
}

impl Measure {
    /// A measurer for the bundled font (SVG export; the same on every machine).
    pub fn new() -> Result<Self, RenderError> {
        Ok(Self {
            fonts: FontChain::bundled()?,
        })
    }

    /// A measurer for `fonts` (PNG export measures with the fonts it draws with).
    pub fn with_fonts(fonts: &'static FontChain) -> Self {
        Self { fonts }
    }

    /// The width of `text` at an em size of `em` pixels.
    pub fn width(&self, text: &str, em: f64) -> f64 {
        self.fonts.width_em(text) * em
    }

    /// Whether `text` fits in `max_width` pixels at `em`, with a margin for other fonts.
    pub fn fits(&self, text: &str, em: f64, max_width: f64) -> bool {
        self.width(text, em) * FIT_SAFETY <= max_width
    }

    /// `text` shortened with "…" so that it fits in `max_width` (empty when even "…" does not).
    pub fn ellipsize(&self, text: &str, em: f64, max_width: f64) -> String {
        if self.fits(text, em, max_width) {
            text.to_owned()
        } else {
            self.ellipsize_forced(text, em, max_width)
        }
    }

    /// Wraps `text` into lines of at most `max_width` pixels at `em`, breaking between words
    /// (Latin) or between characters (CJK, never before closing punctuation). At most
    /// `max_lines` lines; the last one ends in "…" when text is left over.
    pub fn wrap(&self, text: &str, em: f64, max_width: f64, max_lines: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for token in tokens(text) {
            let candidate = format!("{current}{token}");
            if self.fits(candidate.trim_end(), em, max_width) {
                current = candidate;
                continue;
            }
            if !current.trim().is_empty() {
                lines.push(current.trim_end().to_owned());
            }
            current = token.trim_start().to_owned();
            if !self.fits(current.trim_end(), em, max_width) {
                // A word wider than a line: break it between characters.
                let word = std::mem::take(&mut current);
                for c in word.chars() {
                    let candidate = format!("{current}{c}");
                    if current.is_empty() || self.fits(candidate.trim_end(), em, max_width) {
                        current = candidate;
                    } else {
                        lines.push(current.trim_end().to_owned());
                        current = c.to_string();
                    }
                }
            }
        }
        if !current.trim().is_empty() {
            lines.push(current.trim_end().to_owned());
        }
        let max_lines = max_lines.max(1);
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                *last = self.ellipsize_forced(last, em, max_width);
            }
        }
        // A character wider than the whole line is the only way to get here unfitted.
        for line in &mut lines {
            *line = self.ellipsize(line, em, max_width);
        }
        lines.retain(|l| !l.is_empty());
        lines
    }

    /// The longest start of `text` followed by "…" that fits (empty when "…" alone does not).
    fn ellipsize_forced(&self, text: &str, em: f64, max_width: f64) -> String {
        let chars: Vec<char> = text.chars().collect();
        let with_ellipsis =
            |n: usize| format!("{}…", chars[..n].iter().collect::<String>().trim_end());
        if !self.fits("…", em, max_width) {
            return String::new();
        }
        // Binary search on the number of characters kept; 0 always fits.
        let (mut lo, mut hi) = (0usize, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if self.fits(&with_ellipsis(mid), em, max_width) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        with_ellipsis(lo)
    }
}

/// Whether `c` is a wide (CJK) character, after which a line may break.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

/// Punctuation that must not start a line.
fn is_closing(c: char) -> bool {
    "，。、；：？！）》」』】〕,.;:?!)]%".contains(c)
}

/// Splits text into units that are never broken: a CJK character (with any closing
/// punctuation that follows it), or a Latin word with its trailing spaces.
fn tokens(text: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut previous_space = false;
    for c in text.chars() {
        if is_closing(c)
            && word.is_empty()
            && let Some(last) = tokens.last_mut()
        {
            last.push(c);
            continue;
        }
        if is_wide(c) {
            if !word.is_empty() {
                tokens.push(std::mem::take(&mut word));
            }
            tokens.push(c.to_string());
            previous_space = false;
        } else if c.is_whitespace() {
            word.push(c);
            previous_space = true;
        } else {
            if previous_space && !word.is_empty() {
                tokens.push(std::mem::take(&mut word));
            }
            word.push(c);
            previous_space = false;
        }
    }
    if !word.is_empty() {
        tokens.push(word);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure() -> Measure {
        Measure::new().expect("bundled font loads")
    }

    #[test]
    fn a_cjk_character_is_one_em_wide() {
        let m = measure();
        assert!((m.width("中", 20.0) - 20.0).abs() < 0.1);
        assert!((m.width("万盛经开区", 10.0) - 50.0).abs() < 0.5);
        let latin = m.width("Wansheng", 20.0);
        assert!(latin > 40.0 && latin < 120.0, "{latin}");
        let metrics = font_metrics().expect("font");
        assert!(metrics.ab_glyph_size_per_em > 1.2 && metrics.ab_glyph_size_per_em < 1.7);
        // Full-width brackets are one em, with no extra space.
        assert!((m.width("（2022）", 20.0) - 40.0 - m.width("2022", 20.0)).abs() < 0.1);
    }

    #[test]
    fn latin_pairs_are_kerned_with_the_fonts_gpos_table() {
        let fonts = FontChain::bundled().expect("font");
        let pair = fonts.width_em("AV");
        let apart = fonts.width_em("A") + fonts.width_em("V");
        assert!(pair < apart - 0.01, "AV {pair} vs A + V {apart}");
        // CJK text has no kerning: every ideograph is one em.
        assert!((fonts.width_em("工业总产值") - 5.0).abs() < 1e-9);
    }

    #[test]
    fn every_character_is_drawn_by_the_first_font_that_has_it() {
        let fonts = FontChain::system_then_bundled().expect("font");
        let names = fonts.names();
        assert_eq!(names.last().copied(), Some("bundled Noto Sans SC subset"));
        for c in "綦濉叢籠氹A（".chars() {
            assert!(fonts.glyph(c).is_some(), "{c}");
        }
        assert_eq!(fonts.glyph('\u{E000}'), None);
        let line = fonts.layout("万盛 Wansheng");
        assert_eq!(line.len(), "万盛 Wansheng".chars().count());
        assert!(
            line.windows(2)
                .all(|w| (w[0].x + w[0].advance - w[1].x).abs() < 1e-9)
        );
    }

    #[test]
    fn ellipsize_keeps_short_text_and_shortens_long_text() {
        let m = measure();
        assert_eq!(m.ellipsize("万盛", 10.0, 100.0), "万盛");
        let short = m.ellipsize("资料来源：一二三四五六七八九十", 10.0, 60.0);
        assert!(short.ends_with('…'), "{short}");
        assert!(m.fits(&short, 10.0, 60.0));
        assert_eq!(m.ellipsize("万盛", 10.0, 1.0), "");
    }

    #[test]
    fn wrap_breaks_cjk_between_characters_and_never_before_closing_punctuation() {
        let m = measure();
        let text = "资料来源：重庆市统计局；万盛经开区统计公报；綦江区政府工作报告";
        let lines = m.wrap(text, 10.0, 80.0, 10);
        assert!(lines.len() > 2);
        assert_eq!(lines.concat(), text);
        for line in &lines {
            assert!(m.fits(line, 10.0, 80.0), "{line}");
            let first = line.chars().next().expect("non-empty line");
            assert!(!is_closing(first), "{line}");
        }
    }

    #[test]
    fn wrap_breaks_latin_between_words_and_ellipsizes_the_last_line() {
        let m = measure();
        let text = "Source: Chongqing statistical yearbook; Wansheng development zone report; Qijiang work report";
        let lines = m.wrap(text, 10.0, 150.0, 10);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        let two = m.wrap(text, 10.0, 150.0, 2);
        assert_eq!(two.len(), 2);
        assert!(two[1].ends_with('…'), "{two:?}");
        assert!(two.iter().all(|l| m.fits(l, 10.0, 150.0)));
        // A word longer than the line is broken between characters.
        let long = m.wrap("Supercalifragilisticexpialidocious", 10.0, 40.0, 20);
        assert!(long.len() > 2);
        assert_eq!(long.concat(), "Supercalifragilisticexpialidocious");
    }

    #[test]
    fn wrap_of_empty_text_is_empty() {
        assert!(measure().wrap("", 10.0, 100.0, 3).is_empty());
    }
}
