//! README, "The CJK font": what `assets/fonts/NotoSansSC-Subset.otf` holds, counted from its
//! character map with ttf-parser (issue 15, PROMISES #248 and #249). Where the README says
//! more than the font has, the test pins what it has (and tests/PROMISES.md says so).
#![allow(clippy::unwrap_used)] // helpers of tests: a failed unwrap is a failed test

use std::collections::BTreeSet;

/// Every character the bundled font maps to a real glyph (not .notdef).
fn covered() -> BTreeSet<char> {
    let face = ttf_parser::Face::parse(yardstick::CJK_FONT, 0).expect("the bundled font parses");
    let mut set = BTreeSet::new();
    for table in face.tables().cmap.expect("a cmap").subtables {
        if !table.is_unicode() {
            continue;
        }
        table.codepoints(|u| {
            if let Some(c) = char::from_u32(u)
                && table.glyph_index(u).is_some_and(|g| g.0 != 0)
            {
                set.insert(c);
            }
        });
    }
    set
}

/// The characters of `from..=to` the font lacks.
fn missing(set: &BTreeSet<char>, from: u32, to: u32) -> Vec<char> {
    (from..=to)
        .filter_map(char::from_u32)
        .filter(|c| !set.contains(c))
        .collect()
}

/// README: "30,240 characters in 7.0 MB".
#[test]
fn the_bundled_font_has_30240_characters_in_7_0_mb() {
    assert_eq!(covered().len(), 30_240);
    let bytes = yardstick::CJK_FONT.len();
    assert_eq!(bytes, 7_001_968);
    assert_eq!(format!("{:.1}", bytes as f64 / 1e6), "7.0");
}

/// README: "all of U+4E00–U+9FFF …, Extension A, CJK compatibility ideographs, GB18030's
/// two-byte set". Measured: the basic block up to U+9FEF (U+9FF0–U+9FFF, added in Unicode
/// 14, are missing); Extension A as of Unicode 3.0 (U+3400–
/// U+4DB5; U+4DB6–U+4DBF, added in Unicode 13, are missing); the compatibility ideographs
/// U+F900–U+FA6D (U+FA70–U+FAD9, the DPRK compatibility set, missing); every character of
/// GB18030's two-byte set outside the private use area but ≒ (U+2252) and ḿ (U+1E3F).
#[test]
fn the_bundled_font_covers_what_the_readme_lists_with_the_gaps_pinned() {
    let set = covered();
    assert_eq!(
        missing(&set, 0x4E00, 0x9FEF),
        Vec::<char>::new(),
        "U+4E00–U+9FEF"
    );
    assert_eq!(
        missing(&set, 0x9FF0, 0x9FFF).len(),
        16,
        "U+9FF0–U+9FFF, added in Unicode 14"
    );
    assert_eq!(
        missing(&set, 0x3400, 0x4DB5),
        Vec::<char>::new(),
        "Extension A (3.0)"
    );
    assert_eq!(
        missing(&set, 0x4DB6, 0x4DBF).len(),
        10,
        "Extension A's Unicode 13 additions"
    );
    assert_eq!(
        missing(&set, 0xF900, 0xFA6D),
        Vec::<char>::new(),
        "U+F900–U+FA6D"
    );
    assert_eq!(
        missing(&set, 0xFA70, 0xFAD9).len(),
        0xFAD9 - 0xFA70 + 1,
        "U+FA70–U+FAD9"
    );
    let mut gaps = Vec::new();
    let mut decoded = 0;
    for lead in 0x81u8..=0xFE {
        for trail in (0x40u8..=0x7E).chain(0x80..=0xFE) {
            let bytes = [lead, trail];
            let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
            let Some(c) = text.chars().next().filter(|_| !bad) else {
                continue;
            };
            decoded += 1;
            if !('\u{E000}'..='\u{F8FF}').contains(&c) && !set.contains(&c) {
                gaps.push(c);
            }
        }
    }
    assert_eq!(decoded, 23_940, "GB18030 two-byte codes");
    assert_eq!(
        gaps,
        ['≒', 'ḿ'],
        "GB18030 two-byte characters without a glyph"
    );
}
