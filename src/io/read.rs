//! Reading an input file once, with a size limit, before any parsing.
//!
//! Every loader goes through [`read_input`]: the file is opened once, its metadata checked
//! (a folder, a device such as `/dev/zero` or a socket is refused; a regular file over
//! [`MAX_INPUT_BYTES`] is refused before a byte is read), its first bytes sniffed (text that is
//! not UTF-8, or that does not start with `Dataset(` / `Scenario(`, is refused without reading
//! the rest), and only then read whole. Pipes (`/dev/stdin`, `<(…)`, a FIFO) are accepted and
//! read once, at most [`MAX_INPUT_BYTES`] + 1 bytes: one byte more than the limit is an error.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::dataset_file::decode_utf8;
use super::error::{ErrorKind, LoadError, Location};
use super::{FileKind, outline};

/// The largest input file read: 1 GiB. A larger file is refused before it is read.
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// How much of a file is sniffed before the rest is read.
const SNIFF_BYTES: usize = 64 * 1024;

/// Reads `path` as text for a loader expecting `expected` (`None`: a dataset or a scenario).
///
/// The file is opened once. Errors name the file: [`ErrorKind::Io`] for what cannot be read
/// (missing, a folder, a device, over the size limit), [`ErrorKind::Encoding`] for bytes that
/// are not UTF-8, [`ErrorKind::WrongFileKind`] when the first word is neither `Dataset` nor
/// `Scenario`. A leading byte-order mark is dropped.
pub fn read_input(path: &Path, expected: Option<FileKind>) -> Result<String, LoadError> {
    let shown = path.display().to_string();
    let io_error = |message: String| LoadError::single(&shown, ErrorKind::Io, None, message);
    let file = File::open(path).map_err(|e| io_error(format!("cannot read the file: {e}")))?;
    let meta = file
        .metadata()
        .map_err(|e| io_error(format!("cannot read the file: {e}")))?;
    let kind = meta.file_type();
    let known_len = if kind.is_file() {
        if meta.len() > MAX_INPUT_BYTES {
            return Err(io_error(too_large(meta.len())));
        }
        Some(meta.len())
    } else if kind.is_dir() {
        return Err(io_error("cannot read the file: it is a folder".into()));
    } else if is_pipe(&kind) {
        None
    } else {
        return Err(io_error(
            "cannot read the file: it is not a regular file (a device or a socket); \
             give a dataset or scenario file"
                .into(),
        ));
    };
    // Never more than the limit + 1 bytes, whatever the metadata said.
    let mut reader = file.take(MAX_INPUT_BYTES + 1);
    let mut bytes = Vec::with_capacity(SNIFF_BYTES.min(known_len.unwrap_or(0) as usize + 1));
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(format!("cannot read the file: {e}")))?;
    if bytes.len() == SNIFF_BYTES {
        sniff(&shown, &bytes, expected)?;
        if let Some(len) = known_len {
            bytes.reserve_exact((len as usize).saturating_sub(bytes.len()) + 1);
        }
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| io_error(format!("cannot read the file: {e}")))?;
        if bytes.len() as u64 > MAX_INPUT_BYTES {
            return Err(io_error(format!(
                "{} (it is longer than that)",
                too_large_limit()
            )));
        }
    }
    // Located error for bytes that are not UTF-8; then the bytes become the text in place.
    decode_utf8(&shown, &bytes)?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|_| {
        LoadError::single(
            &shown,
            ErrorKind::Encoding,
            None,
            "the file is not UTF-8 text (save it as UTF-8)",
        )
    })
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
