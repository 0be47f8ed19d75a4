//! README: "PNG uses the system's CJK font where there is one, else the bundled one" and
//! "`YARDSTICK_NO_SYSTEM_FONTS=1`: the bundled font only, the same PNG on every machine",
//! through the real binary (issue 15, PROMISES #81 and #250).
//!
//! The "system" font is tests/fixtures/fonts/fake-system-cjk.otf, put where fontdb looks in
//! the user's home (`$HOME/.fonts`): the bundled subset cut to 中国万盛綦经开区, named
//! "Noto Sans CJK SC" (the first family looked for) and drawn twice as large
//! (make_fake_system_font.py). A PNG drawn with it first differs from one drawn with the
//! bundled font alone, although the bundled font has every one of those characters: only a
//! chain that tries the system font first draws with it.
#![allow(clippy::unwrap_used)] // helpers of tests: a failed unwrap is a failed test

use std::path::Path;
use std::process::Command;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// `yardstick export` of 万盛's 2022 GDP bar as PNG with HOME = `home` and `envs`: its bytes.
fn export_png(home: &Path, envs: &[(&str, &str)], name: &str) -> Vec<u8> {
    let out = home.join(name);
    let output = Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .current_dir(MANIFEST_DIR)
        .env("HOME", home)
        .env_remove("YARDSTICK_NO_SYSTEM_FONTS")
        .envs(envs.iter().copied())
        .args([
            "export",
            "--chart",
            "bar",
            "--indicator",
            "gdp",
            "--regions",
            "wansheng,qijiang",
            "--year",
            "2022",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("the binary runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read(&out).unwrap()
}

/// Pixels that differ between two PNGs of the same size.
fn differing_pixels(a: &[u8], b: &[u8]) -> usize {
    let a = image::load_from_memory(a).unwrap().to_rgba8();
    let b = image::load_from_memory(b).unwrap().to_rgba8();
    assert_eq!(a.dimensions(), b.dimensions());
    a.pixels().zip(b.pixels()).filter(|(p, q)| p != q).count()
}

#[test]
fn png_export_draws_with_the_system_cjk_font_first_unless_told_not_to() {
    let with_font = tempfile::tempdir().unwrap();
    let fonts = with_font.path().join(".fonts");
    std::fs::create_dir(&fonts).unwrap();
    std::fs::copy(
        Path::new(MANIFEST_DIR).join("tests/fixtures/fonts/fake-system-cjk.otf"),
        fonts.join("fake-system-cjk.otf"),
    )
    .unwrap();
    let without_font = tempfile::tempdir().unwrap();

    let system_first = export_png(with_font.path(), &[], "system.png");
    let bundled_only = export_png(
        with_font.path(),
        &[("YARDSTICK_NO_SYSTEM_FONTS", "1")],
        "bundled.png",
    );
    // The system font drew 万盛经开区 (twice as large): a different picture, in many pixels.
    let differing = differing_pixels(&system_first, &bundled_only);
    assert!(
        differing > 500,
        "the PNG drawn with a system CJK font is the bundled font's ({differing} pixels differ)"
    );
    // YARDSTICK_NO_SYSTEM_FONTS=1: the system's fonts make no difference, byte for byte.
    let elsewhere = export_png(
        without_font.path(),
        &[("YARDSTICK_NO_SYSTEM_FONTS", "1")],
        "elsewhere.png",
    );
    assert!(
        bundled_only == elsewhere,
        "YARDSTICK_NO_SYSTEM_FONTS=1 gave a PNG that depends on the fonts installed"
    );
    // "0" (or empty) does not turn the system font off.
    for value in ["0", ""] {
        let again = export_png(
            with_font.path(),
            &[("YARDSTICK_NO_SYSTEM_FONTS", value)],
            "again.png",
        );
        assert!(
            again == system_first,
            "YARDSTICK_NO_SYSTEM_FONTS={value:?} turned the system font off"
        );
    }
}
