//! SVG export: text stays text, naming a list of CJK-capable font families.

use plotters::prelude::{IntoDrawingArea, SVGBackend};

use crate::chart::ChartSpec;

use super::paint::{TextFlavor, draw_chart};
use super::text::{FONT_NAME, SVG_FONT_FAMILIES};
use super::{ExportSize, RenderError};

/// Renders `spec` as an SVG document of `size` pixels.
///
/// Text is kept as `<text>` elements (searchable, editable, sharp in print); plotters names
/// one font family, so every `font-family` is widened to [`SVG_FONT_FAMILIES`] afterwards.
pub fn render_svg(spec: &ChartSpec, size: ExportSize) -> Result<String, RenderError> {
    size.check()?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (size.width, size.height)).into_drawing_area();
        draw_chart(&root, spec, TextFlavor::Svg)?;
    }
    Ok(widen_font_families(&svg))
}

/// Replaces the single family plotters writes with the full list.
fn widen_font_families(svg: &str) -> String {
    svg.replace(
        &format!("font-family=\"{FONT_NAME}\""),
        &format!("font-family=\"{SVG_FONT_FAMILIES}\""),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::render::test_specs;

    #[test]
    fn svg_is_xml_with_text_and_the_font_list() {
        let spec = test_specs::small_bar();
        let svg = render_svg(&spec, ExportSize::default()).expect("renders");
        let doc = roxmltree::Document::parse(&svg).expect("valid XML");
        let root = doc.root_element();
        assert_eq!(root.attribute("width"), Some("1600"));
        let text: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .map(str::trim)
            .collect();
        assert!(text.contains(&"万盛经开区"), "{text:?}");
        assert!(text.iter().any(|t| t.starts_with("资料来源")));
        for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
            assert_eq!(node.attribute("font-family"), Some(SVG_FONT_FAMILIES));
        }
        assert!(!svg.contains(&format!("font-family=\"{FONT_NAME}\"")));
    }

    #[test]
    fn sizes_outside_the_limits_are_refused() {
        let spec = test_specs::small_bar();
        for (width, height) in [(199, 900), (1600, 10_001), (0, 0)] {
            let err = render_svg(&spec, ExportSize { width, height }).expect_err("refused");
            assert!(matches!(err, RenderError::Size { .. }), "{err}");
        }
        assert!(
            render_svg(
                &spec,
                ExportSize {
                    width: 200,
                    height: 200
                }
            )
            .is_ok()
        );
    }
}
