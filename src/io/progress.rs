//! How far a load has come, for a window that shows it while another thread loads: bytes
//! read of the file's size, the phase (read, parse, check), and a request to stop.
//!
//! Only reading reports bytes; parsing and checking report that they have started, nothing
//! finer (the RON parser gives no position while it runs).

use std::io::Read;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};

/// The step a load is at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Reading the file's bytes ([`Progress::bytes_read`] of [`Progress::total_bytes`]).
    Reading,
    /// Parsing the text into records.
    Parsing,
    /// Checking the records and building the dataset.
    Checking,
}

/// Progress of one load, shared between the loading thread and the window (in an `Arc`).
#[derive(Debug, Default)]
pub struct Progress {
    read: AtomicU64,
    total: AtomicU64,
    phase: AtomicU8,
    cancelled: AtomicBool,
}

impl Progress {
    /// A load that has not started reading yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// The file's size, once it is open; `None` while unknown (not open yet, or a pipe).
    pub fn total_bytes(&self) -> Option<u64> {
        Some(self.total.load(Ordering::Relaxed)).filter(|&n| n > 0)
    }

    /// The phase the load is in now.
    pub fn phase(&self) -> Phase {
        match self.phase.load(Ordering::Relaxed) {
            0 => Phase::Reading,
            1 => Phase::Parsing,
            _ => Phase::Checking,
        }
    }

    /// Asks the load to stop: reading stops at its next chunk, and the load returns an
    /// error instead of checking. Parsing, once started, runs to its end.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether [`Self::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    pub(crate) fn set_total(&self, total: Option<u64>) {
        self.total.store(total.unwrap_or(0), Ordering::Relaxed);
    }

    pub(crate) fn add_read(&self, n: u64) {
        self.read.fetch_add(n, Ordering::Relaxed);
    }

    pub(crate) fn set_phase(&self, phase: Phase) {
        let n = match phase {
            Phase::Reading => 0,
            Phase::Parsing => 1,
            Phase::Checking => 2,
        };
        self.phase.store(n, Ordering::Relaxed);
    }
}

/// The most one read asks for: the count moves at least every this many bytes.
const CHUNK: usize = 1 << 20;

/// A reader that adds what it reads to a [`Progress`], in chunks of at most 1 MiB, and
/// fails once the load is cancelled.
pub(crate) struct CountingReader<'a, R> {
    inner: R,
    progress: &'a Progress,
}

impl<'a, R: Read> CountingReader<'a, R> {
    pub(crate) fn new(inner: R, progress: &'a Progress) -> Self {
        Self { inner, progress }
    }
}

impl<R: Read> Read for CountingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.progress.is_cancelled() {
            return Err(std::io::Error::other("the load was cancelled"));
        }
        let n = buf.len().min(CHUNK);
        let got = self.inner.read(&mut buf[..n])?;
        self.progress.add_read(got as u64);
        Ok(got)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_it_reads_and_stops_when_cancelled() {
        let progress = Progress::new();
        let data = vec![b'x'; 3 * CHUNK + 5];
        let mut out = Vec::new();
        CountingReader::new(&data[..], &progress)
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(progress.bytes_read(), data.len() as u64);
        progress.cancel();
        let err = CountingReader::new(&data[..], &progress)
            .read_to_end(&mut out)
            .unwrap_err();
        assert!(err.to_string().contains("cancelled"), "{err}");
    }
}
