//! Glyphs (issue 9, items 11 and 14): every character the data, the UI and Chinese place
//! names use has a glyph in the bundled font and is drawn with ink in PNG exports (not as
//! the "missing glyph" box), and PNG text is spaced by the font's own advances.

use std::collections::BTreeSet;
use std::path::Path;

use plotters::prelude::{BitMapBackend, IntoDrawingArea};
use yardstick::chart::render::layout::Layout;
use yardstick::chart::render::paint::{TextFlavor, paint};
use yardstick::chart::render::shapes::{Align, INK, Shape, TextShape};
use yardstick::chart::render::text::FontChain;

/// Traditional and rare characters of Chinese place names (and 叢 籠 of the bundled data's
/// machine-rewritten quote), which GB2312 lacks.
const RARE_PLACE_NAME_CHARS: &str = "綦濉婺鄞郫犍邛崃琊氹叢籠亳泸涪璧渝黔阆邕儋琼瀍洮歙\
    氿浉涠溆猇琿罍筸溧岢岜峁峪嵊嵩崆嶍嶲巂鄱鄯酃郓郯郴郾鄄鄢鄣邳邗邡邶邺邾郏郐郛郗郜郢\
    郦鄘阌阍阏陉陔陲隰黟歙婺衢枞棂榆栾桦沅沣泗洹浍浏浒涞涿淇淅淠渑湄湟溱滁滏漯漳潢潼澧\
    澶濮瀍灃灞灤炟焉燕牂犴猗琅珲璜瓯甑畈畲番疃盂睢瞿砀砭硇碛磁礳祁禹秭稷窦竺筠箐篁籍\
    粑絳繁罗翁耒耜肇胙臧舒艽芮苌茌茔荥莒莘莱莼萍萧葭蒙蓟蔚蕲藁虢蠡衙衮裕褒覃觉訾谯豳\
    贲赉赣趵跸蹬轵辉辋迤邈邙郚郪郧鄂鄗酆鄚醴金钜铅铜锡镇闽阜阳陂陕陟隆雍霍霞靖鞍韶颍\
    饶馆騠驿骅骊髙鲁鲅鳌鹤鹿麻黎黟鼎齐龙龚龟";

/// Characters that need no ink (spaces) or are not text (controls).
fn needs_ink(c: char) -> bool {
    !c.is_whitespace() && !c.is_control()
}

/// Every character of the bundled data, of the UI and chart strings (code outside comments)
/// and of [`RARE_PLACE_NAME_CHARS`].
fn characters() -> BTreeSet<char> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut chars: BTreeSet<char> = BTreeSet::new();
    let mut add = |text: &str| chars.extend(text.chars().filter(|c| !c.is_control()));
    add(yardstick::BUNDLED_DATASET);
    add(RARE_PLACE_NAME_CHARS);
    for dir in ["data", "src/ui", "src/chart", "src/model"] {
        for file in files(&root.join(dir)) {
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue;
            };
            if file.extension().is_some_and(|e| e == "ron") {
                add(&text);
            } else if file.extension().is_some_and(|e| e == "rs") {
                for line in text.lines() {
                    let code = line.split("//").next().unwrap_or_default();
                    add(code);
                }
            }
        }
    }
    add(&["src/main.rs", "src/lang.rs"]
        .iter()
        .filter_map(|f| std::fs::read_to_string(root.join(f)).ok())
        .flat_map(|t| {
            t.lines()
                .map(|l| l.split("//").next().unwrap_or_default().to_owned())
                .collect::<Vec<_>>()
        })
        .collect::<String>());
    chars
}

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(files(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

#[test]
fn the_bundled_font_has_a_glyph_for_every_character_of_the_data_the_ui_and_rare_place_names() {
    let face = ttf_parser::Face::parse(yardstick::CJK_FONT, 0).expect("the bundled font parses");
    let chars = characters();
    assert!(chars.len() > 500, "{} characters", chars.len());
    let missing: String = chars
        .iter()
        .filter(|&&c| face.glyph_index(c).is_none_or(|g| g.0 == 0))
        .collect();
    assert!(
        missing.is_empty(),
        "the bundled font has no glyph for {} characters: {missing}",
        missing.chars().count()
    );
}

#[test]
fn the_bundled_font_covers_the_basic_cjk_block_and_gb18030_two_byte_characters() {
    let face = ttf_parser::Face::parse(yardstick::CJK_FONT, 0).expect("the bundled font parses");
    let has = |c: char| face.glyph_index(c).is_some_and(|g| g.0 != 0);
    // All of U+4E00–U+9FFF that Noto Sans CJK SC draws (20,976 of 20,992), Extension A.
    let basic = (0x4E00..=0x9FFF)
        .filter_map(char::from_u32)
        .filter(|&c| has(c))
        .count();
    assert!(basic >= 20_976, "{basic} of U+4E00–U+9FFF");
    let ext_a = (0x3400..=0x4DBF)
        .filter_map(char::from_u32)
        .filter(|&c| has(c))
        .count();
    assert!(ext_a >= 6_582, "{ext_a} of Extension A");
    // Pinyin, full-width forms, CJK punctuation, Latin-1.
    for c in "āáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜü（）【】《》「」『』〔〕—…·℃㎡①Ⅲ€☆★ＡＺａｚ０９éßñ".chars()
    {
        assert!(has(c), "{c} U+{:04X}", c as u32);
    }
}

/// The fonts PNG export draws with: the export's own chain (system CJK font, then the
/// bundled subset), and the bundled subset alone (a machine without CJK fonts).
fn flavors() -> Vec<(&'static str, TextFlavor)> {
    vec![
        ("export", TextFlavor::bitmap().expect("fonts load")),
        (
            "bundled only",
            TextFlavor::bitmap_with(FontChain::bundled().expect("bundled font"))
                .expect("fonts load"),
        ),
    ]
}

/// Renders one left-aligned line of `text` at `em` px with its top at (`x`, `y`), as PNG
/// export does; returns the RGB pixels of a `width` × `height` canvas.
fn render_line(
    text: &str,
    em: f64,
    (x, y): (f64, f64),
    (width, height): (u32, u32),
    flavor: TextFlavor,
) -> Vec<u8> {
    let layout = Layout {
        width: f64::from(width),
        height: f64::from(height),
        shapes: vec![Shape::Text(TextShape {
            text: text.to_owned(),
            x,
            y,
            em,
            color: INK,
            align: Align::Left,
            bold: false,
            width: 0.0,
        })],
        plot: None,
    };
    let mut rgb = vec![255u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (width, height)).into_drawing_area();
        paint(&root, &layout, flavor).expect("paints");
    }
    rgb
}

/// Pixels darker than this count as ink.
fn is_ink(pixel: &[u8]) -> bool {
    pixel.iter().any(|&c| c < 192)
}

#[test]
fn png_export_draws_every_character_with_ink_and_none_as_the_missing_glyph_box() {
    const SIZE: (u32, u32) = (48, 48);
    for (name, flavor) in flavors() {
        let draw = |c: char| render_line(&c.to_string(), 32.0, (4.0, 6.0), SIZE, flavor);
        // U+E000 (private use) is in no font: it draws the "missing glyph" box.
        let tofu = draw('\u{E000}');
        assert!(tofu.chunks(3).any(is_ink), "{name}: the box itself has ink");
        let mut blank = String::new();
        let mut boxed = String::new();
        for c in characters().into_iter().filter(|&c| needs_ink(c)) {
            let pixels = draw(c);
            if !pixels.chunks(3).any(is_ink) {
                blank.push(c);
            } else if pixels == tofu {
                boxed.push(c);
            }
        }
        assert!(
            boxed.is_empty(),
            "{name}: drawn as the missing-glyph box: {boxed}"
        );
        assert!(blank.is_empty(), "{name}: drawn without ink: {blank}");
    }
}

/// One glyph's ink as the font places it: `[left, right)` in pixels.
#[derive(Debug)]
struct ExpectedInk {
    c: char,
    left: f64,
    right: f64,
}

/// Where each glyph's ink belongs when `text` starts at `x` at `em` px: the pen moves by
/// the bundled font's advances (read here with ttf-parser, independently of the renderer),
/// each glyph's ink is its outline's box from the pen.
fn expected_ink(text: &str, em: f64, x: f64) -> Vec<ExpectedInk> {
    let face = ttf_parser::Face::parse(yardstick::CJK_FONT, 0).expect("the bundled font parses");
    let scale = em / f64::from(face.units_per_em());
    let mut pen = x;
    let mut out = Vec::new();
    for c in text.chars() {
        let id = face.glyph_index(c).expect("glyph");
        let advance = f64::from(face.glyph_hor_advance(id).expect("advance")) * scale;
        if let Some(b) = face.glyph_bounding_box(id) {
            out.push(ExpectedInk {
                c,
                left: pen + f64::from(b.x_min) * scale,
                right: pen + f64::from(b.x_max) * scale,
            });
        }
        pen += advance;
    }
    out
}

/// Columns of `rgb` (`width` wide) that have ink.
fn ink_columns(rgb: &[u8], width: u32) -> Vec<bool> {
    let mut columns = vec![false; width as usize];
    for (i, pixel) in rgb.chunks(3).enumerate() {
        if is_ink(pixel) {
            columns[i % width as usize] = true;
        }
    }
    columns
}

#[test]
fn png_text_is_spaced_by_the_fonts_advances_when_latin_and_cjk_mix() {
    const EM: f64 = 40.0;
    const X: f64 = 20.0;
    const SIZE: (u32, u32) = (1400, 80);
    // The bundled font, so the expectation reads the same font the renderer draws with.
    let flavor = flavors()
        .into_iter()
        .find(|(name, _)| *name == "bundled only")
        .map(|(_, f)| f)
        .expect("flavor");
    let mut wrong = Vec::new();
    for text in [
        "工业总产值（2022–2025）",
        "目标",
        "日报",
        "note",
        "Industrial output value (2022–2025)",
        "万盛经开区 Wansheng 目标 note",
    ] {
        let rgb = render_line(text, EM, (X, 10.0), SIZE, flavor);
        let columns = ink_columns(&rgb, SIZE.0);
        let expected = expected_ink(text, EM, X);
        // Kerning moves a glyph by well under a pixel at this size in these strings; the
        // rest is anti-aliasing.
        let tolerance = 2.0;
        for (column, _) in columns.iter().enumerate().filter(|(_, ink)| **ink) {
            let x = column as f64 + 0.5;
            if !expected
                .iter()
                .any(|g| x >= g.left - tolerance && x <= g.right + tolerance)
            {
                let near = expected
                    .iter()
                    .min_by(|a, b| (a.left - x).abs().total_cmp(&(b.left - x).abs()));
                wrong.push(format!(
                    "{text:?}: ink at x = {column} belongs to no glyph (nearest {near:?})"
                ));
                break;
            }
        }
        for a in &expected {
            let has_ink_near = |x: f64| {
                let from = (x - tolerance).floor().max(0.0) as usize;
                let to = ((x + tolerance).ceil() as usize).min(columns.len());
                columns[from..to].iter().any(|&ink| ink)
            };
            if !(has_ink_near(a.left) && has_ink_near(a.right - 1.0)) {
                wrong.push(format!(
                    "{text:?}: {:?} is not drawn where the font puts it ({:.1}–{:.1})",
                    a.c, a.left, a.right
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The characters egui cannot draw with `fonts` (after one frame has loaded them).
#[cfg(feature = "gui")]
fn missing_on_screen(fonts: egui::FontDefinitions) -> String {
    let ctx = egui::Context::default();
    ctx.set_fonts(fonts);
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    ctx.fonts_mut(|f| {
        characters()
            .into_iter()
            .filter(|&c| needs_ink(c))
            .filter(|&c| {
                [
                    egui::FontId::proportional(14.0),
                    egui::FontId::monospace(14.0),
                ]
                .iter()
                .any(|font| !f.has_glyph(font, c))
            })
            .collect()
    })
}

#[cfg(feature = "gui")]
#[test]
fn the_window_has_a_glyph_for_every_character_with_and_without_a_system_cjk_font() {
    use yardstick::ui::fonts::{SYSTEM_CJK_FONT_NAME, font_definitions};
    let missing = missing_on_screen(font_definitions());
    assert!(missing.is_empty(), "no glyph on screen for: {missing}");
    // A machine without CJK fonts: egui's defaults and the bundled subset only.
    let mut bundled_only = font_definitions();
    for list in bundled_only.families.values_mut() {
        list.retain(|name| name != SYSTEM_CJK_FONT_NAME);
    }
    let missing = missing_on_screen(bundled_only);
    assert!(
        missing.is_empty(),
        "no glyph on screen without a system CJK font for: {missing}"
    );
}
