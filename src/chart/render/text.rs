//! Text for exports: the bundled CJK font registered with plotters' ab_glyph support, text
//! measurement in pixels, wrapping and shortening so that every line stays inside the image.
//!
//! Sizes here are *em sizes* in pixels (the size a browser calls `font-size`). plotters
//! interprets its font size differently per backend (the SVG backend writes `size / 1.24`,
//! ab_glyph scales the font so that ascent − descent equals `size`); [`super::paint`]
//! converts, so that an em of 20 px looks the same in the SVG and in the PNG.

use std::sync::OnceLock;

use plotters::style::{FontDesc, FontFamily, FontStyle, register_font};

use super::RenderError;

/// The family name the bundled font is registered under, and the first name of the SVG's
/// font list (replaced by [`SVG_FONT_FAMILIES`] after drawing).
pub const FONT_NAME: &str = "Noto Sans SC";

/// The `font-family` list written into SVG files: CJK-capable families on Linux, Windows
/// and macOS, then the generic fallback.
pub const SVG_FONT_FAMILIES: &str = "'Noto Sans SC', 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'Source Han Sans SC', sans-serif";

/// Size at which text is measured (large, so plotters' integer widths are precise).
const REFERENCE_SIZE: f64 = 1000.0;

/// Measured widths are multiplied by this before fitting, to leave room for a viewer that
/// draws the SVG with another CJK font (Microsoft YaHei's Latin letters are a little wider).
const FIT_SAFETY: f64 = 1.05;

/// Facts about the registered font, measured once.
#[derive(Clone, Copy, Debug)]
pub struct FontMetrics {
    /// plotters' ab_glyph size giving a 1 px em (ascent − descent in em units, ≈ 1.45).
    pub ab_glyph_size_per_em: f64,
    /// Width of one em at [`REFERENCE_SIZE`], in plotters' ab_glyph units.
    em_at_reference: f64,
}

static METRICS: OnceLock<Option<FontMetrics>> = OnceLock::new();

/// Registers the bundled CJK font with plotters (once) and returns its metrics.
pub fn font_metrics() -> Result<FontMetrics, RenderError> {
    let metrics = METRICS.get_or_init(|| {
        register_font(FONT_NAME, FontStyle::Normal, crate::CJK_FONT).ok()?;
        let font = FontDesc::new(
            FontFamily::Name(FONT_NAME),
            REFERENCE_SIZE,
            FontStyle::Normal,
        );
        // A CJK ideograph is exactly one em wide.
        let (em, _) = font.box_size("中").ok()?;
        (em > 0).then(|| FontMetrics {
            ab_glyph_size_per_em: REFERENCE_SIZE / f64::from(em),
            em_at_reference: f64::from(em),
        })
    });
    metrics.ok_or(RenderError::Font)
}

/// Measures text with the bundled font.
#[derive(Clone, Copy, Debug)]
pub struct Measure {
    metrics: FontMetrics,
}

impl Measure {
    /// A measurer for the registered font.
    pub fn new() -> Result<Self, RenderError> {
        Ok(Self {
            metrics: font_metrics()?,
        })
    }

    /// The width of `text` at an em size of `em` pixels.
    pub fn width(&self, text: &str, em: f64) -> f64 {
        if text.is_empty() {
            return 0.0;
        }
        let font = FontDesc::new(
            FontFamily::Name(FONT_NAME),
            REFERENCE_SIZE,
            FontStyle::Normal,
        );
        let units = match font.box_size(text) {
            Ok((w, _)) => f64::from(w),
            // Cannot happen once the font is registered; estimate one em per character.
            Err(_) => self.metrics.em_at_reference * text.chars().count() as f64,
        };
        units / self.metrics.em_at_reference * em
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
