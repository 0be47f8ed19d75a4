//! Safe, atomic file writes: every file the program writes goes through [`write_output`].
//!
//! - The bytes go to a temporary file `.NAME.tmp-PID` beside the target, are flushed, and the
//!   temporary file is renamed over the target: a crash leaves the old file or the new one,
//!   never half of one.
//! - An output that is one of the command's inputs (same device and inode, or same canonical
//!   path) is refused and nothing is written.
//! - A symbolic link is written through: its target is replaced (atomically, in the target's
//!   folder) and the link stays a link.
//! - A file with several hard links is rewritten in place (the bytes ready in a temporary
//!   file first), so every name keeps showing the same file; that write is not atomic.
//! - A file nobody may write (no `w` bit) is refused; a writable file keeps its mode.
//! - Temporary files of our naming left by a killed process (its PID no longer running) are
//!   removed from the folder on the next write there.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically, with the checks of [`write_output`] and no inputs.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_output(path, &[], bytes)
}

/// Writes `bytes` to `path` unless `path` is (or links to) one of `inputs` (see the module
/// documentation for the rules). Errors are [`io::Error`]s whose message says why, for
/// `cannot write PATH: …`.
pub fn write_output(path: &Path, inputs: &[&Path], bytes: &[u8]) -> io::Result<()> {
    let target = refuse_inputs(path, inputs)?;
    let existing = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(meta) = &existing {
        if !meta.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "it exists and is not a regular file",
            ));
        }
        if meta.permissions().readonly() {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the file is read-only; it was left as it is",
            ));
        }
        // Can this user write it at all? (Opening for writing changes nothing.)
        OpenOptions::new().write(true).open(&target)?;
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    remove_stale_temp_files(dir);
    let tmp = temp_path(&target);
    let result = write_and_sync(&tmp, bytes, existing.as_ref()).and_then(|()| {
        if existing.as_ref().is_some_and(|m| link_count(m) > 1) {
            // Keep the hard links: rewrite the one file they share.
            overwrite_in_place(&target, bytes)
        } else {
            fs::rename(&tmp, &target)
        }
    });
    // Best effort: leave no stray temp file behind (it is gone already after a rename).
    let _ = fs::remove_file(&tmp);
    result?;
    // Persist the rename itself; not every platform can open a folder, so ignore failure.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Refuses `path` when it is, or links to, one of `inputs`; else gives the file a write to
/// `path` would change (the target of a symbolic link).
pub fn refuse_inputs(path: &Path, inputs: &[&Path]) -> io::Result<PathBuf> {
    let target = link_target(path)?;
    for input in inputs {
        if super::same_file(&target, input) || same_name(&target, input) {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "it is an input of this command ({}); choose another output name",
                    input.display()
                ),
            ));
        }
    }
    Ok(target)
}

/// The file a write to `path` must change: `path`, or for a symbolic link (a chain of
/// them, even dangling) the file it finally names.
fn link_target(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        "too many levels of symbolic links",
    ))
}

/// True when `a` and `b` name the same path once made absolute and canonical as far as
/// they exist (the output may not exist yet).
fn same_name(a: &Path, b: &Path) -> bool {
    fn canonical(p: &Path) -> Option<PathBuf> {
        if let Ok(c) = fs::canonicalize(p) {
            return Some(c);
        }
        let dir = fs::canonicalize(p.parent().filter(|d| !d.as_os_str().is_empty())?).ok()?;
        Some(dir.join(p.file_name()?))
    }
    match (canonical(a), canonical(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

fn write_and_sync(tmp: &Path, bytes: &[u8], existing: Option<&fs::Metadata>) -> io::Result<()> {
    let _ = fs::remove_file(tmp);
    let mut file = OpenOptions::new().write(true).create_new(true).open(tmp)?;
    file.write_all(bytes)?;
    if let Some(meta) = existing {
        // The replaced file's mode, not the default one.
        file.set_permissions(meta.permissions())?;
    }
    file.sync_all()
}

fn overwrite_in_place(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).truncate(true).open(target)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(unix)]
fn link_count(meta: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn link_count(_meta: &fs::Metadata) -> u64 {
    1
}

/// `dir/.name.tmp-PID`: hidden, beside the target so the rename stays on one file system.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// The PID in a temporary file name of ours (`.NAME.tmp-PID`), if it is one.
fn temp_file_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let (stem, pid) = rest.rsplit_once(".tmp-")?;
    if stem.is_empty() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Removes `.NAME.tmp-PID` files in `dir` whose process is gone (Linux: no `/proc/PID`).
/// Elsewhere, where that cannot be told, nothing is removed.
fn remove_stale_temp_files(dir: &Path) {
    let proc = Path::new("/proc/self");
    if !proc.exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_file_pid) else {
            continue;
        };
        let alive = Path::new("/proc").join(pid.to_string()).exists();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if !alive && is_file {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::temp_file_pid;

    #[test]
    fn only_our_temp_names_are_recognised() {
        assert_eq!(temp_file_pid(".out.csv.tmp-123"), Some(123));
        assert_eq!(temp_file_pid(".out.csv.tmp-"), None);
        assert_eq!(temp_file_pid("out.csv.tmp-123"), None);
        assert_eq!(temp_file_pid(".out.csv.tmp-12a"), None);
        assert_eq!(temp_file_pid("..tmp-5"), None);
    }
}
