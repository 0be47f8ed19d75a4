//! `yardstick screenshot`: render a few frames in a real window, save what it shows, close.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Frames rendered before the screenshot is taken (fonts and layout settle in the first few).
const WARMUP_FRAMES: u32 = 6;
/// Frames after which the job gives up waiting for the screenshot.
const GIVE_UP_FRAMES: u32 = 600;

/// The outcome: the saved image's size, or why there is none.
pub type ScreenshotResult = Arc<Mutex<Option<Result<(usize, usize), String>>>>;

/// A pending screenshot of the app's window.
pub struct ScreenshotJob {
    out: PathBuf,
    frames: u32,
    requested: bool,
    result: ScreenshotResult,
}

impl ScreenshotJob {
    /// A job that saves to `out`; read the returned handle after the window closed.
    pub fn new(out: PathBuf) -> (Self, ScreenshotResult) {
        let result: ScreenshotResult = Arc::new(Mutex::new(None));
        (
            Self {
                out,
                frames: 0,
                requested: false,
                result: result.clone(),
            },
            result,
        )
    }

    /// Advances the job by one frame: asks for the screenshot, then closes the window.
    pub fn step(&mut self, ctx: &egui::Context) {
        self.frames += 1;
        let finished = self.result.lock().map(|r| r.is_some()).unwrap_or(true);
        if finished {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if !self.requested && self.frames >= WARMUP_FRAMES {
            self.requested = true;
            let out = self.out.clone();
            let result = self.result.clone();
            let repaint = ctx.clone();
            ctx.request_screenshot(move |image| {
                let saved = save_png(&out, &image);
                if let Ok(mut slot) = result.lock() {
                    *slot = Some(saved);
                }
                repaint.request_repaint();
            });
        }
        if self.frames >= GIVE_UP_FRAMES {
            if let Ok(mut slot) = self.result.lock() {
                *slot = Some(Err(format!(
                    "no screenshot arrived after {GIVE_UP_FRAMES} frames"
                )));
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ctx.request_repaint();
    }
}

/// Encodes `image` as PNG and writes it atomically.
pub fn save_png(out: &std::path::Path, image: &egui::ColorImage) -> Result<(usize, usize), String> {
    let [width, height] = image.size;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    let buffer = image::RgbaImage::from_raw(width as u32, height as u32, bytes)
        .ok_or_else(|| "the screenshot has an inconsistent size".to_owned())?;
    let mut png = Vec::new();
    buffer
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| format!("cannot encode PNG: {e}"))?;
    crate::io::write_atomic(out, &png)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok((width, height))
}
