//! The real binary in a real window (run under Xvfb in CI): `yardstick screenshot` renders
//! the chart and the table and saves non-blank PNGs of the requested size.
//!
//! Needs a display. Without one the test fails, unless YARDSTICK_SKIP_WINDOW_TESTS=1 says
//! on purpose that this machine cannot open windows; in CI (`CI=true`) it fails regardless: a
//! skipped window test must not pass a CI run.

use std::path::Path;
use std::process::Command;

use common::no_display::{run_this_test_without_a_display, skip_on_purpose};

mod common;

fn display_available() -> bool {
    if std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some() {
        return true;
    }
    !skip_on_purpose("no DISPLAY")
}

/// Runs `yardstick screenshot` with `args` and returns the decoded image.
fn screenshot(out: &Path, args: &[&str]) -> image::RgbaImage {
    let output = Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .arg("screenshot")
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "screenshot failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    image::open(out).expect("a PNG was written").to_rgba8()
}

/// Pixels of `rect` (x, y, width, height) that `pick` accepts.
fn count(
    image: &image::RgbaImage,
    rect: (u32, u32, u32, u32),
    mut pick: impl FnMut([u8; 4]) -> bool,
) -> usize {
    let (x0, y0, w, h) = rect;
    (y0..y0 + h)
        .flat_map(|y| (x0..x0 + w).map(move |x| (x, y)))
        .filter(|&(x, y)| pick(image.get_pixel(x, y).0))
        .count()
}

/// A strongly coloured pixel (a bar, a line, a mark), not grey text or background.
fn saturated(p: [u8; 4]) -> bool {
    let (max, min) = (p[0].max(p[1]).max(p[2]), p[0].min(p[1]).min(p[2]));
    max - min > 60
}

/// Pixels of `rect` far from its background (its commonest colour) in brightness: text.
fn ink(image: &image::RgbaImage, rect: (u32, u32, u32, u32)) -> usize {
    let luma = |p: [u8; 4]| (u32::from(p[0]) * 3 + u32::from(p[1]) * 6 + u32::from(p[2])) / 10;
    let mut seen = std::collections::HashMap::new();
    count(image, rect, |p| {
        *seen.entry(p).or_insert(0usize) += 1;
        false
    });
    let background = seen
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map_or(0, |(p, _)| luma(p));
    count(image, rect, |p| luma(p).abs_diff(background) > 70)
}

/// The plot area of the central view at 1280×800 (right of the side panel, left of the
/// scenario panel, below the chart's title lines).
const PLOT: (u32, u32, u32, u32) = (320, 140, 640, 540);
/// Where the chart's title is drawn.
const TITLE: (u32, u32, u32, u32) = (246, 62, 400, 30);
/// The table's cells.
const CELLS: (u32, u32, u32, u32) = (246, 120, 720, 500);

#[test]
fn screenshot_of_chart_and_table_views_is_not_blank() {
    if !display_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, args) in [
        ("chart.png", vec!["--view", "chart"]),
        (
            "line.png",
            vec!["--view", "chart", "--chart", "line", "--lang", "en"],
        ),
        ("table.png", vec!["--view", "table"]),
    ] {
        let path = dir.path().join(name);
        let image = screenshot(&path, &args);
        assert_eq!((image.width(), image.height()), (1280, 800), "{name}");
        if name == "table.png" {
            // Numbers in the cells: many text pixels, and no chart.
            let text = ink(&image, CELLS);
            assert!(text > 3_000, "{name}: {text} text pixels in the cells");
            continue;
        }
        // Bars or lines: strongly coloured pixels filling a good part of the plot (text, grid
        // and background are grey; grey antialiased text gives none).
        let marks = count(&image, PLOT, saturated);
        assert!(
            marks > 800,
            "{name}: {marks} coloured pixels in the plot area"
        );
        // The title is drawn: ink where it stands (CJK glyphs are dense).
        let ink = ink(&image, TITLE);
        assert!(ink > 400, "{name}: {ink} text pixels where the title is");
    }
}

#[test]
fn screenshot_of_a_bad_file_fails_with_a_located_message() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "Dataset(format: 1, title: )").unwrap();
    let out = dir.path().join("never.png");
    let output = Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args(["screenshot"])
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.ron:1:"), "{stderr}");
    assert!(!out.exists());
}

/// README: "In CI a window test that cannot find a display fails … without one, set
/// YARDSTICK_SKIP_WINDOW_TESTS=1 to skip the real-window tests on purpose": no display and no
/// skip fails; the skip passes; CI=true fails even with the skip. Needs no display itself.
#[test]
fn without_a_display_a_window_test_fails_unless_skipped_on_purpose_and_always_in_ci() {
    let test = "screenshot_of_chart_and_table_views_is_not_blank";
    let (passed, text) = run_this_test_without_a_display(test, &[]);
    assert!(!passed, "passed with no display and no skip: {text}");
    assert!(text.contains("YARDSTICK_SKIP_WINDOW_TESTS=1"), "{text}");
    let (passed, text) =
        run_this_test_without_a_display(test, &[("YARDSTICK_SKIP_WINDOW_TESTS", "1")]);
    assert!(
        passed,
        "not skipped with YARDSTICK_SKIP_WINDOW_TESTS=1: {text}"
    );
    assert!(text.contains("skipped on purpose"), "{text}");
    let (passed, text) = run_this_test_without_a_display(
        test,
        &[("YARDSTICK_SKIP_WINDOW_TESTS", "1"), ("CI", "true")],
    );
    assert!(!passed, "skipped under CI=true: {text}");
    assert!(text.contains("no DISPLAY in CI"), "{text}");
}
