//! Loading a big dataset file on a worker thread, and the small window that shows it: bytes
//! read of the file's size, the phase, and 取消 / Cancel. The window stays responsive and the
//! data open before stays in use until the new dataset is ready.
//!
//! [`Loading`] knows nothing of the app: the app starts one, calls [`Loading::ui`] every
//! frame and handles the [`Outcome`] it returns exactly as a load on the UI thread.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, mpsc};
use std::time::{Duration, Instant};

use crate::io::{ErrorKind, LoadError, Phase, Progress, load_dataset_with_progress};
use crate::lang::Lang;
use crate::model::Dataset;

/// Dataset files larger than this many bytes (8 MiB) load on a worker thread; smaller ones
/// load at once on the UI thread (a few tenths of a second at most).
pub const BACKGROUND_LOAD_BYTES: u64 = 8 << 20;

/// Environment variable that replaces [`BACKGROUND_LOAD_BYTES`] (a whole number of bytes),
/// read once, at the first open: `YARDSTICK_BACKGROUND_LOAD_BYTES=0` loads every file on a
/// worker thread.
pub const THRESHOLD_ENV: &str = "YARDSTICK_BACKGROUND_LOAD_BYTES";

/// How often the window looks at the load while it runs.
const POLL: Duration = Duration::from_millis(100);

/// Width of the progress window's contents (fixed: the window does not move as the text
/// changes).
const WIDTH: f32 = 300.0;

/// Set by [`set_background_threshold`]; `u64::MAX` = not set.
static THRESHOLD_SET: AtomicU64 = AtomicU64::new(u64::MAX);
static THRESHOLD_FROM_ENV: OnceLock<Option<u64>> = OnceLock::new();

/// Makes files larger than `bytes` load on a worker thread, for this process (tests use it
/// to load small files that way); it wins over [`THRESHOLD_ENV`].
pub fn set_background_threshold(bytes: u64) {
    THRESHOLD_SET.store(bytes.min(u64::MAX - 1), Ordering::Relaxed);
}

/// Files larger than this many bytes load on a worker thread: [`set_background_threshold`],
/// else [`THRESHOLD_ENV`], else [`BACKGROUND_LOAD_BYTES`].
pub fn background_threshold() -> u64 {
    let set = THRESHOLD_SET.load(Ordering::Relaxed);
    if set != u64::MAX {
        return set;
    }
    THRESHOLD_FROM_ENV
        .get_or_init(|| std::env::var(THRESHOLD_ENV).ok()?.trim().parse().ok())
        .unwrap_or(BACKGROUND_LOAD_BYTES)
}

/// Whether `path` is a regular file larger than [`background_threshold`] (looked at without
/// opening it).
pub fn loads_in_background(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > background_threshold())
}

/// How a load ended.
#[derive(Debug)]
pub enum Outcome {
    /// The load finished: the dataset of this file, or why it cannot be opened (boxed: a
    /// dataset is large and `Cancelled` is empty).
    Done(PathBuf, Box<Result<Dataset, LoadError>>),
    /// The user pressed 取消 / Cancel: the data open now stays.
    Cancelled,
}

/// A dataset file loading on a worker thread. Dropping it cancels the load: its result,
/// should it still come, is dropped unseen.
#[derive(Debug)]
pub struct Loading {
    path: PathBuf,
    progress: Arc<Progress>,
    result: mpsc::Receiver<Result<Dataset, LoadError>>,
    started: Instant,
}

impl Loading {
    /// Starts loading `path` on a new thread; an error when no thread can be started.
    pub fn start(path: &Path) -> std::io::Result<Self> {
        let progress = Arc::new(Progress::new());
        let (sender, result) = mpsc::channel();
        let worker_path = path.to_path_buf();
        let worker_progress = Arc::clone(&progress);
        std::thread::Builder::new()
            .name("yardstick-load".to_owned())
            // As much stack as the UI thread has: the same parser runs here.
            .stack_size(8 << 20)
            .spawn(move || {
                let loaded = load_dataset_with_progress(&worker_path, &worker_progress);
                // An error here means the window stopped waiting (cancelled, or another
                // file opened): the result is not wanted.
                sender.send(loaded).ok();
            })?;
        Ok(Self {
            path: path.to_path_buf(),
            progress,
            result,
            started: Instant::now(),
        })
    }

    /// The file being loaded.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How far the load has come.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// The load's result once the worker is done; `None` while it runs.
    pub fn poll(&self) -> Option<Result<Dataset, LoadError>> {
        match self.result.try_recv() {
            Ok(loaded) => Some(loaded),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(self.stopped())),
        }
    }

    /// Waits for the load's result (for callers without a window: tests, scripts).
    pub fn wait(&self) -> Result<Dataset, LoadError> {
        self.result.recv().unwrap_or_else(|_| Err(self.stopped()))
    }

    /// The error when the worker ended without sending a result (it panicked).
    fn stopped(&self) -> LoadError {
        LoadError::single(
            &self.path.display().to_string(),
            ErrorKind::Io,
            None,
            "the load stopped without a result (an internal error)",
        )
    }

    /// What the window title says while this loads.
    pub fn title(&self, lang: Lang) -> String {
        format!(
            "{}{}",
            lang.pick("正在打开 ", "Opening "),
            file_name(&self.path)
        )
    }

    /// The progress window; the outcome once the load is done or cancelled. Asks for a
    /// repaint every 100 ms while it runs.
    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang) -> Option<Outcome> {
        if let Some(loaded) = self.poll() {
            return Some(Outcome::Done(self.path.clone(), Box::new(loaded)));
        }
        let mut cancel = false;
        egui::Window::new(lang.pick("正在打开数据集", "Opening a dataset"))
            .id(egui::Id::unique("yardstick-loading-window"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -16.0))
            .show(ctx, |ui| {
                ui.set_width(WIDTH);
                ui.label(file_name(&self.path));
                self.progress_ui(ui, lang);
                cancel = ui.button(lang.pick("取消", "Cancel")).clicked();
            });
        if cancel {
            self.progress.cancel();
            return Some(Outcome::Cancelled);
        }
        ctx.request_repaint_after(POLL);
        None
    }

    /// A bar of the bytes read of the file's size, and below it the phase with the time
    /// so far. Parsing and checking report no finer progress, so none is drawn for them.
    /// The same rows in every phase: the window keeps its size and its buttons their place.
    fn progress_ui(&self, ui: &mut egui::Ui, lang: Lang) {
        let read = self.progress.bytes_read();
        let total = self.progress.total_bytes();
        let megabytes = |n: u64| n as f64 / 1e6;
        let text = match total {
            Some(total) => format!("{:.1} / {:.1} MB", megabytes(read), megabytes(total)),
            None => format!("{:.1} MB", megabytes(read)),
        };
        let fraction = total.map_or(0.0, |t| read as f32 / t.max(1) as f32);
        ui.add(
            egui::ProgressBar::new(fraction.clamp(0.0, 1.0))
                .text(text)
                .desired_width(WIDTH),
        );
        let doing = match self.progress.phase() {
            Phase::Reading => lang.pick("读取中…", "Reading…"),
            Phase::Parsing => lang.pick("解析中…", "Parsing…"),
            Phase::Checking => lang.pick("检查中…", "Checking…"),
        };
        let seconds = self.started.elapsed().as_secs_f32();
        ui.label(format!("{doing} {seconds:.1} s"));
    }
}

impl Drop for Loading {
    fn drop(&mut self) {
        // Stops the worker's reading early; a parse under way still runs to its end.
        self.progress.cancel();
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
