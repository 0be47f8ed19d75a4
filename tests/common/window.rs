//! The app in a headless egui_kittest window, built by `yardstick::ui::build_app`: the
//! function `yardstick`'s own window is built with.

use egui_kittest::Harness;
use yardstick::ui::{AppOptions, Start, YardstickApp, build_app};

/// The app on the bundled data, not yet in a window (no recovery copies).
pub fn bundled_app() -> YardstickApp {
    build_app(
        Start::bundled().expect("bundled data loads"),
        None,
        &AppOptions::default(),
    )
}

/// `app` (made by [`bundled_app`] and changed by the test) in a `width` × `height` window:
/// fonts and settings installed from the window's creation context, nothing run yet.
pub fn window(app: YardstickApp, width: f32, height: f32) -> Harness<'static, YardstickApp> {
    Harness::builder()
        .with_size(egui::vec2(width, height))
        .build_eframe(move |cc| app.with_creation_context(cc))
}

/// The window `yardstick` opens for `start` with `options`, as `main` builds it.
pub fn start_window(
    start: Start,
    options: AppOptions,
    width: f32,
    height: f32,
) -> Harness<'static, YardstickApp> {
    Harness::builder()
        .with_size(egui::vec2(width, height))
        .build_eframe(move |cc| build_app(start, Some(cc), &options))
}

/// The app on the bundled data in a `width` × `height` window.
pub fn bundled_window(width: f32, height: f32) -> Harness<'static, YardstickApp> {
    start_window(
        Start::bundled().expect("bundled data loads"),
        AppOptions::default(),
        width,
        height,
    )
}
