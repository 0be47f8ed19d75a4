//! The app in a headless egui_kittest window.

use egui_kittest::Harness;
use yardstick::ui::YardstickApp;

/// The app on the bundled data, not yet in a window.
pub fn bundled_app() -> YardstickApp {
    YardstickApp::new(
        yardstick::bundled_dataset().expect("bundled data loads"),
        None,
    )
}

/// `app` in a `width` × `height` window (fonts installed, nothing run yet).
pub fn window(app: YardstickApp, width: f32, height: f32) -> Harness<'static, YardstickApp> {
    Harness::builder()
        .with_size(egui::vec2(width, height))
        .build_eframe(move |cc| app.with_creation_context(cc))
}

/// The app on the bundled data in a `width` × `height` window.
pub fn bundled_window(width: f32, height: f32) -> Harness<'static, YardstickApp> {
    window(bundled_app(), width, height)
}
