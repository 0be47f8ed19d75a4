//! The real binary in a real window (run under Xvfb in CI): `yardstick screenshot` renders
//! the chart and the table and saves non-blank PNGs of the requested size.
//!
//! Needs a display. Without one the test fails, unless YARDSTICK_SKIP_WINDOW_TESTS=1 says
//! on purpose that this machine cannot open windows.

use std::path::Path;
use std::process::Command;

fn display_available() -> bool {
    if std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some() {
        return true;
    }
    assert!(
        std::env::var("YARDSTICK_SKIP_WINDOW_TESTS").as_deref() == Ok("1"),
        "no DISPLAY: run the tests under xvfb-run (see README), or set YARDSTICK_SKIP_WINDOW_TESTS=1"
    );
    false
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

/// Distinct colours in the image: a blank or single-colour frame has one or two.
fn distinct_colours(image: &image::RgbaImage) -> usize {
    let mut seen = std::collections::HashSet::new();
    for p in image.pixels() {
        seen.insert(p.0);
    }
    seen.len()
}

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
        let colours = distinct_colours(&image);
        assert!(colours > 50, "{name} looks blank: {colours} colours");
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
