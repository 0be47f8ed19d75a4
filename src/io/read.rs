//! Reading an input file once, with a size limit, before any parsing.
//!
//! [`BoundedFile`] is the one way in: a path is looked at before it is opened (a folder, a
//! device such as `/dev/zero` or a socket is refused without opening it), opened once, its
//! metadata checked again on the open file (a regular file over the limit is refused before a
//! byte is read), and then read through a [`Read::take`] of the limit + 1 bytes, so a file that
//! grows, or a pipe (`/dev/stdin`, `<(…)`, a FIFO) where the caller accepts one, is never read
//! past the limit: one byte more is an error. [`read_bounded`] reads a whole file that way
//! (import's tables); [`read_input`] sniffs the first bytes of a dataset or scenario file
//! first (text that is not UTF-8, or that does not start with `Dataset(` / `Scenario(`, is
//! refused without reading the rest).

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::error::{ErrorKind, LoadError, Location};
use super::progress::{CountingReader, Progress};
use super::{FileKind, outline};

/// The largest input file read: 1 GiB. A larger file is refused before it is read.
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// How much of a file is sniffed before the rest is read.
const SNIFF_BYTES: usize = 64 * 1024;

/// Whether a bounded read takes a pipe (FIFO) besides regular files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pipes {
    /// Read a pipe once, up to the limit (`/dev/stdin`, `<(…)`).
    Read,
    /// Refuse a pipe without opening it (opening a FIFO with no writer waits forever).
    Refuse,
}

/// Why a bounded read refused a file. [`fmt::Display`] gives the generic wording; callers
/// with a better word for their kind of file match on the variant.
#[derive(Debug)]
pub enum Refusal {
    /// The file cannot be opened or read (missing, no permission…).
    Io(std::io::Error),
    /// It is a folder.
    Folder,
    /// It is a pipe and the caller takes none.
    Pipe,
    /// A device, a socket or anything else that is not a regular file.
    NotRegular,
    /// A regular file of this many bytes, over the limit; nothing was read.
    TooLarge(u64),
    /// More bytes than the limit came (a pipe, or a file that grew while it was read).
    Longer,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(e) => write!(f, "cannot read the file: {e}"),
            Self::Folder => write!(f, "cannot read the file: it is a folder"),
            Self::Pipe => write!(
                f,
                "cannot read the file: it is a pipe (FIFO), not a regular file"
            ),
            Self::NotRegular => write!(
                f,
                "cannot read the file: it is not a regular file (a device or a socket)"
            ),
            Self::TooLarge(len) => write!(f, "the file is {len} bytes"),
            Self::Longer => write!(f, "the file is longer than the limit"),
        }
    }
}

/// A file opened once for a bounded read.
#[derive(Debug)]
pub struct BoundedFile {
    reader: std::io::Take<File>,
    known_len: Option<u64>,
    limit: u64,
}

impl BoundedFile {
    /// Looks at `path` (without opening it), opens it once and checks it again: a regular
    /// file of at most `limit` bytes, or a pipe when `pipes` says so.
    pub fn open(path: &Path, limit: u64, pipes: Pipes) -> Result<Self, Refusal> {
        // Judged before opening: opening a device can have effects, a FIFO can block.
        let before = std::fs::metadata(path).map_err(Refusal::Io)?;
        judge(&before.file_type(), pipes)?;
        let file = File::open(path).map_err(Refusal::Io)?;
        // Judged again on what was opened (the path may have changed in between).
        let meta = file.metadata().map_err(Refusal::Io)?;
        let known_len = judge(&meta.file_type(), pipes)?.then_some(meta.len());
        if let Some(len) = known_len
            && len > limit
        {
            return Err(Refusal::TooLarge(len));
        }
        Ok(Self {
            reader: file.take(limit + 1),
            known_len,
            limit,
        })
    }

    /// The size the metadata gave (`None` for a pipe).
    pub fn known_len(&self) -> Option<u64> {
        self.known_len
    }

    /// Reads at most `n` more bytes onto `bytes`.
    pub fn read_head(&mut self, n: usize, bytes: &mut Vec<u8>) -> Result<(), Refusal> {
        (&mut self.reader)
            .take(n as u64)
            .read_to_end(bytes)
            .map(|_| ())
            .map_err(Refusal::Io)
    }

    /// Reads the rest onto `bytes`; [`Refusal::Longer`] if the whole passes the limit.
    pub fn read_rest(&mut self, bytes: &mut Vec<u8>) -> Result<(), Refusal> {
        self.read_rest_counted(bytes, None)
    }

    /// Like [`Self::read_rest`], adding the bytes read to `progress` as they come (and
    /// stopping with an error once it is cancelled).
    pub fn read_rest_counted(
        &mut self,
        bytes: &mut Vec<u8>,
        progress: Option<&Progress>,
    ) -> Result<(), Refusal> {
        if let Some(len) = self.known_len {
            bytes.reserve_exact((len as usize).saturating_sub(bytes.len()) + 1);
        }
        match progress {
            Some(progress) => CountingReader::new(&mut self.reader, progress).read_to_end(bytes),
            None => self.reader.read_to_end(bytes),
        }
        .map_err(Refusal::Io)?;
        if bytes.len() as u64 > self.limit {
            return Err(Refusal::Longer);
        }
        Ok(())
    }
}

/// Whether `kind` may be read: `Ok(true)` for a regular file, `Ok(false)` for an accepted pipe.
fn judge(kind: &std::fs::FileType, pipes: Pipes) -> Result<bool, Refusal> {
    if kind.is_file() {
        Ok(true)
    } else if kind.is_dir() {
        Err(Refusal::Folder)
    } else if is_pipe(kind) {
        match pipes {
            Pipes::Read => Ok(false),
            Pipes::Refuse => Err(Refusal::Pipe),
        }
    } else {
        Err(Refusal::NotRegular)
    }
}

/// Reads the whole of `path` once, at most `limit` bytes (see [`BoundedFile`]).
pub fn read_bounded(path: &Path, limit: u64, pipes: Pipes) -> Result<Vec<u8>, Refusal> {
    let mut file = BoundedFile::open(path, limit, pipes)?;
    let mut bytes = Vec::new();
    file.read_rest(&mut bytes)?;
    Ok(bytes)
}

/// Reads `path` as text for a loader expecting `expected` (`None`: a dataset or a scenario).
///
/// The file is opened once. Errors name the file: [`ErrorKind::Io`] for what cannot be read
/// (missing, a folder, a device, over the size limit), [`ErrorKind::Encoding`] for bytes that
/// are not UTF-8, [`ErrorKind::WrongFileKind`] when the first word is neither `Dataset` nor
/// `Scenario`. A leading byte-order mark is dropped.
pub fn read_input(path: &Path, expected: Option<FileKind>) -> Result<String, LoadError> {
    read_input_counted(path, expected, None)
}

/// [`read_input`], telling `progress` the file's size once open and the bytes as they are
/// read; a cancelled `progress` stops the read with an error.
pub fn read_input_counted(
    path: &Path,
    expected: Option<FileKind>,
    progress: Option<&Progress>,
) -> Result<String, LoadError> {
    let shown = path.display().to_string();
    let io_error = |refusal: Refusal| {
        let message = match refusal {
            Refusal::NotRegular => "cannot read the file: it is not a regular file (a device or \
                                    a socket); give a dataset or scenario file"
                .to_owned(),
            Refusal::TooLarge(len) => too_large(len),
            Refusal::Longer => format!("{} (it is longer than that)", too_large_limit()),
            other => other.to_string(),
        };
        LoadError::single(&shown, ErrorKind::Io, None, message)
    };
    let mut file = BoundedFile::open(path, MAX_INPUT_BYTES, Pipes::Read).map_err(io_error)?;
    if let Some(progress) = progress {
        progress.set_total(file.known_len());
    }
    let mut bytes = Vec::with_capacity(SNIFF_BYTES.min(file.known_len().unwrap_or(0) as usize + 1));
    file.read_head(SNIFF_BYTES, &mut bytes).map_err(io_error)?;
    if let Some(progress) = progress {
        progress.add_read(bytes.len() as u64);
    }
    if bytes.len() == SNIFF_BYTES {
        sniff(&shown, &bytes, expected)?;
        file.read_rest_counted(&mut bytes, progress)
            .map_err(io_error)?;
    }
    // The bytes become the text in place, checked once (415 MB of a national file); bytes
    // that are not UTF-8 get the located error of `decode_utf8`.
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if bom {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(not_text) => Err(decode_utf8(&shown, not_text.as_bytes())
            .err()
            .unwrap_or_else(|| {
                LoadError::single(
                    &shown,
                    ErrorKind::Encoding,
                    None,
                    "the file is not UTF-8 text (save it as UTF-8)",
                )
            })),
    }
}

/// Tells a dataset from a scenario by its first word, reading at most the first 64 KiB of
/// the file (and refusing what [`read_input`] refuses); `None` when it is neither or unreadable.
pub fn sniff_file_kind(path: &Path) -> Option<FileKind> {
    let file = File::open(path).ok()?;
    let kind = file.metadata().ok()?.file_type();
    if !(kind.is_file() || is_pipe(&kind)) {
        return None;
    }
    let mut bytes = Vec::new();
    file.take(SNIFF_BYTES as u64).read_to_end(&mut bytes).ok()?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = valid_prefix(bytes);
    super::file_kind(text)
}

/// Refuses the file from its first bytes: not UTF-8, or a first word that names neither a
/// dataset nor a scenario. Anything undecided (a long comment first) passes.
fn sniff(shown: &str, head: &[u8], expected: Option<FileKind>) -> Result<(), LoadError> {
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if let Err(e) = std::str::from_utf8(body) {
        // A character cut by the end of the sniffed part is not an error (yet).
        if e.error_len().is_some() {
            decode_utf8(shown, head)?;
        }
    }
    let text = valid_prefix(body);
    let expected = expected.unwrap_or(FileKind::Dataset);
    let refuse = |at: Location| {
        LoadError::single(
            shown,
            ErrorKind::WrongFileKind,
            Some(at),
            format!("expected a file starting with `{expected:?}(`"),
        )
    };
    let Some(word) = outline::leading_identifier(text) else {
        // Nothing but white space and comments so far: undecided. Anything else before the
        // first word (bytes no RON file has, a bracket, a string) is refused as the full
        // check would refuse it, without reading the rest.
        if outline::is_blank(text) {
            return Ok(());
        }
        return Err(refuse(Location { line: 1, col: 1 }));
    };
    let end = offset_in(text, word) + word.len();
    if end >= text.len() || matches!(word, "Dataset" | "Scenario") {
        // Cut by the end of the sniffed part, or a kind the loader judges itself.
        return Ok(());
    }
    Err(refuse(Location::of_offset(text, offset_in(text, word))))
}

/// The longest prefix of `bytes` that is UTF-8.
fn valid_prefix(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        // `valid_up_to` is a character boundary by definition.
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
    }
}

fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

fn too_large(len: u64) -> String {
    format!("the file is {len} bytes; {}", too_large_limit())
}

fn too_large_limit() -> String {
    format!("the limit for a dataset or scenario file is 1 GiB ({MAX_INPUT_BYTES} bytes)")
}

#[cfg(unix)]
fn is_pipe(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_fifo()
}

#[cfg(not(unix))]
fn is_pipe(_kind: &std::fs::FileType) -> bool {
    false
}

/// Turns bytes into text, or names the line and column of the first byte that is not UTF-8.
/// A leading byte-order mark is accepted and dropped.
pub fn decode_utf8<'a>(shown: &str, bytes: &'a [u8]) -> Result<&'a str, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // `good` is valid UTF-8 by construction.
        let at = std::str::from_utf8(good).map_or(Location { line: 1, col: 1 }, |t| {
            Location::of_offset(t, t.len())
        });
        LoadError::single(
            shown,
            ErrorKind::Encoding,
            Some(at),
            "the file is not UTF-8 text (save it as UTF-8)",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_is_refused_without_reading_it() {
        let err = read_input(Path::new("/dev/zero"), None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Io);
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[test]
    fn a_folder_is_refused() {
        let err = read_input(Path::new("."), None).unwrap_err();
        assert!(err.to_string().contains("it is a folder"), "{err}");
    }

    #[test]
    fn the_head_decides_a_foreign_file() {
        let mut head = b"{\"json\": ".to_vec();
        head.resize(SNIFF_BYTES, b' ');
        let err = sniff("x.ron", &head, Some(FileKind::Scenario)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.ron:1:1: expected a file starting with `Scenario(`"
        );
        let mut head = b"/* a long comment ".to_vec();
        head.resize(SNIFF_BYTES, b'x');
        assert!(
            sniff("x.ron", &head, None).is_ok(),
            "only a comment yet: undecided"
        );
        let mut head = b"garbage(".to_vec();
        head.resize(SNIFF_BYTES, b' ');
        let err = sniff("x.ron", &head, Some(FileKind::Scenario)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.ron:1:1: expected a file starting with `Scenario(`"
        );
    }
}
