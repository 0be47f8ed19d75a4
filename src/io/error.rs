//! Load errors that say where: `FILE:LINE:COL: message`.

use std::fmt;

use crate::model::{ProblemKind, ScenarioProblemKind};

/// A 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
}

impl Location {
    /// The location of byte `offset` in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Self { line, col }
    }
}

/// What went wrong, for tests and for choosing a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be read or written.
    Io,
    /// The file is empty or only white space and comments.
    Empty,
    /// The bytes are not UTF-8.
    Encoding,
    /// Not valid RON (unbalanced brackets, a stray character, cut off).
    Syntax,
    /// A value of the wrong type (text where a number belongs).
    WrongType,
    /// A required field is missing.
    MissingField,
    /// A field this format does not have (often a typo).
    UnknownField,
    /// A field given twice.
    DuplicateField,
    /// Nesting deeper than any valid file has.
    TooDeep,
    /// `format` is newer than this program reads.
    NewerFormat,
    /// A scenario where a dataset belongs, or something else entirely.
    WrongFileKind,
    /// The content parses but breaks a rule of the model.
    Invalid(ProblemKind),
    /// A scenario entry does not fit its dataset (unknown id, value out of range, no value to
    /// grow from, the dataset changed since the edit…).
    Scenario(ScenarioProblemKind),
}

/// One message about a file, with its location when known.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// What went wrong.
    pub kind: ErrorKind,
    /// Where, when known.
    pub location: Option<Location>,
    /// A sentence for the user.
    pub message: String,
}

/// Why a file could not be loaded: one or more diagnostics, all for one file.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    /// The file, as the user named it.
    pub path: String,
    /// What is wrong, first problem first; never empty.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    /// An error with one diagnostic.
    pub fn single(
        path: &str,
        kind: ErrorKind,
        location: Option<Location>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            path: path.to_owned(),
            diagnostics: vec![Diagnostic {
                kind,
                location,
                message: message.into(),
            }],
        }
    }

    /// The kind of the first diagnostic.
    pub fn kind(&self) -> ErrorKind {
        self.diagnostics.first().map_or(ErrorKind::Io, |d| d.kind)
    }

    /// The location of the first diagnostic.
    pub fn location(&self) -> Option<Location> {
        self.diagnostics.first().and_then(|d| d.location)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match d.location {
                Some(at) => write!(f, "{}:{}:{}: {}", self.path, at.line, at.col, d.message)?,
                None => write!(f, "{}: {}", self.path, d.message)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}
