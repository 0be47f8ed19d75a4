//! The dataset file format (RON, `format: 1` and `format: 2`): parse with located errors,
//! write, save atomically.
//!
//! Format 2 (DESIGN.md "Dataset format 2") adds `parent`, `bound`, `measure`, `months`, the
//! dense `series` layout and optional English fields. Reading is lenient about the number:
//! a file that says `format: 1` but uses a format-2 field is read as format 2 (the field is
//! unambiguous, and refusing it would only make the user edit one digit); writing is strict:
//! [`dataset_to_ron`] writes `format: 2` exactly when the dataset needs it, so a format-1
//! file round-trips byte for byte and an older Yardstick refuses a format-2 file cleanly.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::error::{ErrorKind, LoadError, Location};
use super::outline;
use super::progress::{Phase, Progress};
pub use super::read::decode_utf8;
use super::{DATASET_FORMAT, FORMAT_VERSION, FileKind, file_kind, write_atomic};
use crate::model::dataset::DatasetParts;
use crate::model::{Dataset, Indicator, ObservationRecord, Problem, Region, SeriesRecord, Source};

/// The file form of a dataset; field order is the order written.
#[derive(Serialize, Deserialize)]
#[serde(rename = "Dataset", deny_unknown_fields)]
struct DatasetFile {
    format: u32,
    title: String,
    /// Optional (format 2): an omitted English title falls back to `title`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    title_en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
    regions: Vec<Region>,
    indicators: Vec<Indicator>,
    sources: Vec<Source>,
    /// May be left out when a format-2 file holds only `series`.
    #[serde(default)]
    observations: Vec<ObservationRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    series: Vec<SeriesRecord>,
}

/// Reads (once, size-limited: [`super::read_input`]) and checks a dataset file. Never panics; every error names the file and, where
/// the problem has one, the line and column.
pub fn load_dataset(path: &Path) -> Result<Dataset, LoadError> {
    load_dataset_counted(path, None)
}

/// [`load_dataset`], telling `progress` how far it has come (bytes read, then the phase) so
/// another thread can show it. Once `progress` is cancelled the load stops at its next read
/// or before checking, with an error.
pub fn load_dataset_with_progress(path: &Path, progress: &Progress) -> Result<Dataset, LoadError> {
    load_dataset_counted(path, Some(progress))
}

fn load_dataset_counted(path: &Path, progress: Option<&Progress>) -> Result<Dataset, LoadError> {
    let shown = path.display().to_string();
    let text = super::read::read_input_counted(path, Some(FileKind::Dataset), progress)?;
    parse_dataset_counted(&shown, &text, progress)
}

/// Parses and checks dataset text; `shown` is the file name used in messages.
pub fn parse_dataset(shown: &str, text: &str) -> Result<Dataset, LoadError> {
    parse_dataset_counted(shown, text, None)
}

fn parse_dataset_counted(
    shown: &str,
    text: &str,
    progress: Option<&Progress>,
) -> Result<Dataset, LoadError> {
    check_header(shown, text, FileKind::Dataset)?;
    if let Some(progress) = progress {
        progress.set_phase(Phase::Parsing);
    }
    if let Some(loaded) = load_with_fast_lists(shown, text, progress) {
        return loaded;
    }
    let file = from_ron(shown, text)?;
    if let Some(progress) = progress {
        if progress.is_cancelled() {
            return Err(cancelled(shown));
        }
        progress.set_phase(Phase::Checking);
    }
    build(shown, text, file)
}

/// The error of a load the user cancelled.
fn cancelled(shown: &str) -> LoadError {
    LoadError::single(shown, ErrorKind::Io, None, "the load was cancelled")
}

/// The fast path: the `observations` and `series` lists read by the byte parsers
/// ([`super::observation_scan`], [`super::series_scan`]) one entry at a time, each checked
/// and stored as it is read (no list of file records is ever held), and the rest of the
/// text by `ron`, with a marker entry in place of each list — `ron` returning exactly the
/// marker proves the cut was the list `ron` itself reads. `None` when neither list is there
/// or in the byte parsers' form, or `ron` finds anything wrong in the rest: the caller then
/// reads the whole text with `ron`, so errors are `ron`'s own, located in `text`.
fn load_with_fast_lists(
    shown: &str,
    text: &str,
    progress: Option<&Progress>,
) -> Option<Result<Dataset, LoadError>> {
    use super::observation_scan::{OBSERVATIONS_MARKER, is_observations_marker};
    use super::series_scan::{
        SERIES_MARKER, for_each_entry, is_series_marker, list_contents, rest_of, series_entry,
    };
    let series = list_contents(text, "series");
    let observations = list_contents(text, "observations");
    let mut cuts = Vec::new();
    if let Some(range) = &series {
        cuts.push((range.clone(), SERIES_MARKER));
    }
    if let Some(range) = &observations {
        cuts.push((range.clone(), OBSERVATIONS_MARKER));
    }
    if cuts.is_empty() {
        return None;
    }
    let rest = rest_of(text, &mut cuts)?;
    let file: DatasetFile = ron::Options::default().from_str(&rest).ok()?;
    drop(rest);
    if series.is_some() && !is_series_marker(&file.series) {
        return None;
    }
    if observations.is_some() && !is_observations_marker(&file.observations) {
        return None;
    }
    if let Some(progress) = progress {
        progress.set_phase(Phase::Checking);
    }
    // Room for the values: a guess from the lists' sizes (≈ 100 bytes an observation entry,
    // ≈ 8 a value in a series), corrected by the vectors' growth.
    let list_bytes = |list: &Option<std::ops::Range<usize>>| list.as_ref().map_or(0, |r| r.len());
    let expected = list_bytes(&observations) / 100 + list_bytes(&series) / 8;
    let runs = list_bytes(&series) / 200 + list_bytes(&observations) / 1600;
    // A list read fast is the marker in `parts`: its entries come below, one at a time.
    let mut parts = file.into_parts();
    if observations.is_some() {
        parts.observations = Vec::new();
    }
    if series.is_some() {
        parts.series = Vec::new();
    }
    let mut builder = crate::model::DatasetBuilder::new(parts, expected, runs);
    // Stops the lists' reading (every 64 Ki entries) once the user cancels.
    let mut read = 0u32;
    let mut going = || {
        read = read.wrapping_add(1);
        !read.is_multiple_of(65_536) || !progress.is_some_and(Progress::is_cancelled)
    };
    if let Some(range) = observations {
        let entry = super::observation_scan::entry;
        let done = for_each_entry(text, range, entry, |e| {
            builder.add_observation_entry(&e);
            going()
        })?;
        if !done {
            return Some(Err(cancelled(shown)));
        }
    }
    if let Some(range) = series {
        let done = for_each_entry(text, range, series_entry, |s| {
            builder.add_series(s);
            going()
        })?;
        if !done {
            return Some(Err(cancelled(shown)));
        }
    }
    Some(
        builder
            .finish()
            .map_err(|problems| problems_error(shown, text, &problems)),
    )
}

/// [`parse_dataset`] with the whole text read by `ron` (no fast path for `series`): the
/// reference the fast path is tested and measured against.
#[doc(hidden)]
pub fn parse_dataset_by_ron(shown: &str, text: &str) -> Result<Dataset, LoadError> {
    check_header(shown, text, FileKind::Dataset)?;
    let file: DatasetFile = from_ron(shown, text)?;
    build(shown, text, file)
}

/// Checks and indexes the file's parts into a dataset; problems located in `text`.
fn build(shown: &str, text: &str, file: DatasetFile) -> Result<Dataset, LoadError> {
    Dataset::build(file.into_parts()).map_err(|problems| problems_error(shown, text, &problems))
}

impl DatasetFile {
    /// The file's parts, for [`Dataset::build`] or a [`crate::model::DatasetBuilder`].
    fn into_parts(self) -> DatasetParts {
        DatasetParts {
            title: self.title,
            title_en: self.title_en,
            notes: self.notes,
            regions: self.regions,
            indicators: self.indicators,
            sources: self.sources,
            observations: self.observations,
            series: self.series,
        }
    }
}

/// Checks, before any full parse, that the text is not empty, is the expected kind of file,
/// and has a `format` this program reads; a newer format is refused, never half-read.
pub(crate) fn check_header(shown: &str, text: &str, expected: FileKind) -> Result<(), LoadError> {
    if outline::is_blank(text) {
        return Err(LoadError::single(
            shown,
            ErrorKind::Empty,
            Some(Location { line: 1, col: 1 }),
            "the file is empty",
        ));
    }
    match file_kind(text) {
        Some(kind) if kind == expected => {}
        Some(other) => {
            // Point at the word that says what the file is (`Scenario`), after any comments.
            let at = outline::leading_identifier(text).map_or(Location { line: 1, col: 1 }, |id| {
                Location::of_offset(text, offset_in(text, id))
            });
            return Err(LoadError::single(
                shown,
                ErrorKind::WrongFileKind,
                Some(at),
                format!("this is a {other:?} file, not a {expected:?} file"),
            ));
        }
        None => {
            let at = outline::leading_identifier(text)
                .map(|id| Location::of_offset(text, offset_in(text, id)));
            return Err(LoadError::single(
                shown,
                ErrorKind::WrongFileKind,
                at.or(Some(Location { line: 1, col: 1 })),
                format!("expected a file starting with `{expected:?}(`"),
            ));
        }
    }
    let newest = match expected {
        FileKind::Dataset => DATASET_FORMAT,
        FileKind::Scenario => FORMAT_VERSION,
    };
    match outline::top_level_integer(text, "format") {
        Some(Ok((version, _))) if version <= u64::from(newest) => Ok(()),
        Some(Ok((version, at))) => Err(LoadError::single(
            shown,
            ErrorKind::NewerFormat,
            Some(Location::of_offset(text, at)),
            format!(
                "format {version} is newer than this program reads (up to {newest}); update Yardstick to open it"
            ),
        )),
        Some(Err(at)) => Err(LoadError::single(
            shown,
            ErrorKind::WrongType,
            Some(Location::of_offset(text, at)),
            "`format` must be a whole number such as 1",
        )),
        // A missing `format` is reported by the full parse, with everything else.
        None => Ok(()),
    }
}

/// Byte offset of `part` inside `text` (it must be a sub-slice of it).
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// Deserialises RON, turning ron's error into a located diagnostic of the right kind.
///
/// The location is the offending token: ron stops before the white space that precedes it
/// (a value of the wrong type, text after the end), so the location moves past white space
/// and comments. A missing field is reported at the entry that lacks it (`indicators[0]`),
/// naming the field and what to write; a missing top-level field at the struct's name.
pub(crate) fn from_ron<T: serde::de::DeserializeOwned>(
    shown: &str,
    text: &str,
) -> Result<T, LoadError> {
    ron::Options::default().from_str(text).map_err(|e| {
        let offset =
            outline::offset_of_location(text, e.span.start.line.max(1), e.span.start.col.max(1));
        let (offset, message) = match &e.code {
            ron::Error::MissingStructField { field, outer } => {
                missing_field(text, offset, field, outer.as_deref())
            }
            ron::Error::Eof => (offset, ron_message(&e.code)),
            // ron points at the string; point at the escape it cannot read.
            ron::Error::InvalidEscape(_) => (bad_escape(text, offset), ron_message(&e.code)),
            // Stopped on the white space before the offending token: point at the token.
            other if text[offset..].starts_with(|c: char| c.is_ascii_whitespace()) => {
                (outline::next_token(text, offset), ron_message(other))
            }
            other => (offset, ron_message(other)),
        };
        LoadError::single(
            shown,
            ron_error_kind(&e.code),
            Some(Location::of_offset(text, offset)),
            message,
        )
    })
}

/// The first backslash escape from `from` on that RON does not have, else `from`.
fn bad_escape(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (
                b'\\',
                b'\\' | b'"' | b'\'' | b'n' | b'r' | b't' | b'0' | b'u' | b'x' | b'b' | b'f' | b'/',
            ) => i += 2,
            (b'\\', _) => return i,
            (b'\n', _) => break,
            _ => i += 1,
        }
    }
    from
}

/// Where and how to report a missing field found at byte `at` (the closing bracket of the
/// struct that lacks it).
fn missing_field(text: &str, at: usize, field: &str, outer: Option<&str>) -> (usize, String) {
    let shape = outline::outline(text);
    let top_level = matches!(outer, Some("Dataset" | "Scenario"));
    let entry = if top_level {
        None
    } else {
        outline::entry_at(&shape, at)
    };
    let hint = field_example(entry.map(|(list, _, _)| list).or(outer), field);
    if let Some((list, position, entry)) = entry {
        return (
            entry,
            format!(
                "{list}[{position}]: the required field `{field}` is missing; add `{hint}` to this entry"
            ),
        );
    }
    let start = outline::leading_identifier(text).map_or(0, |id| offset_in(text, id));
    let what = outer.unwrap_or("the file");
    (
        start,
        format!("the required field `{field}` is missing from {what}( … ); add `{hint},`"),
    )
}

/// An example of a field as written (`name: "万盛经开区"`), for a missing-field message;
/// `within` is the top-level list of the entry that lacks it, or the top struct's name.
fn field_example(within: Option<&str>, field: &str) -> String {
    let example = match (within, field) {
        (_, "format") => "1",
        (Some("Scenario"), "name") => "\"万盛 2025 冲刺\"",
        (Some("edits"), "value") => "Some(340.0)",
        (_, "to") => "2025",
        (_, "annual_pct") => "15.0",
        (Some("regions"), "id") => "\"wansheng\"",
        (Some("regions"), "name") => "\"万盛经开区\"",
        (Some("indicators"), "id") => "\"industrial_output\"",
        (Some("indicators"), "name") => "\"工业总产值\"",
        (Some("sources"), "id") => "\"ws-2023\"",
        (Some("sources"), "title") => "\"万盛经开区2023年政府工作报告\"",
        (_, "title") => "\"成渝地区部分区县发展指标\"",
        (_, "unit") => "\"亿元\"",
        (_, "region") => "\"wansheng\"",
        (_, "indicator") => "\"industrial_output\"",
        (_, "source") => "\"ws-2023\"",
        (_, "year") => "2022",
        (_, "from") => "2015",
        (_, "value") => "300.0",
        (_, "values") => "[Some(1.5), None, Some(2.25)]",
        (_, "kind") => "Actual",
        (_, "regions" | "indicators" | "sources") => "[ … ]",
        (_, "name") => "\"万盛经开区\"",
        (_, "id") => "\"wansheng\"",
        (_, "dataset") => "\"../chongqing.ron\"",
        _ => "…",
    };
    format!("{field}: {example}")
}

fn ron_error_kind(code: &ron::Error) -> ErrorKind {
    use ron::Error as E;
    match code {
        E::ExceededRecursionLimit => ErrorKind::TooDeep,
        E::Utf8Error(_) => ErrorKind::Encoding,
        E::MissingStructField { .. } => ErrorKind::MissingField,
        E::NoSuchStructField { .. } => ErrorKind::UnknownField,
        E::DuplicateStructField { .. } => ErrorKind::DuplicateField,
        E::ExpectedBoolean
        | E::ExpectedFloat
        | E::ExpectedInteger
        | E::ExpectedString
        | E::ExpectedChar
        | E::ExpectedOption
        | E::ExpectedArray
        | E::ExpectedUnit
        | E::IntegerOutOfBounds
        | E::InvalidValueForType { .. }
        | E::ExpectedDifferentLength { .. }
        | E::NoSuchEnumVariant { .. }
        | E::ExpectedDifferentStructName { .. } => ErrorKind::WrongType,
        _ => ErrorKind::Syntax,
    }
}

fn ron_message(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => {
            "nesting is too deep for a dataset or scenario file".into()
        }
        ron::Error::Eof => "the file ends too early (a bracket or quote is not closed)".into(),
        other => other.to_string(),
    }
}

/// Turns model problems into one located diagnostic each.
pub(crate) fn problems_error(shown: &str, text: &str, problems: &[Problem]) -> LoadError {
    outline::located_error(
        shown,
        text,
        problems.iter().map(|p| outline::ListProblem {
            kind: ErrorKind::Invalid(p.kind),
            list: p.list,
            position: p.position,
            field: p.field,
            message: p.to_string(),
        }),
    )
}

/// Which layout the values of a written dataset take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValuesLayout {
    /// [`ValuesLayout::Series`] when the file is format 2 anyway (the dataset was read with
    /// `series` or uses another format-2 feature), else [`ValuesLayout::Observations`]: a
    /// format-1 file stays format 1, byte for byte.
    Auto,
    /// One observation per entry.
    Observations,
    /// Runs of whole-year figures in the dense `series` layout where that is shorter
    /// (rules: [`super::series_layout`]); makes the file format 2 when a series is written.
    Series,
}

/// The dataset as RON text in the documented format, in the [`ValuesLayout::Auto`] layout:
/// `format: 2` only when the dataset uses a format-2 feature ([`Dataset::uses_format_2`]),
/// else `format: 1` with one line per observation. English fields the file left out stay out.
pub fn dataset_to_ron(dataset: &Dataset) -> String {
    dataset_to_ron_as(dataset, ValuesLayout::Auto)
}

/// The dataset as RON text with its values in `layout`; each entry on one line.
pub fn dataset_to_ron_as(dataset: &Dataset, layout: ValuesLayout) -> String {
    let parts = dataset.to_file_parts();
    let use_series = match layout {
        ValuesLayout::Auto => dataset.uses_format_2(),
        ValuesLayout::Observations => false,
        ValuesLayout::Series => true,
    };
    let (observations, series) = if use_series {
        super::series_layout::split_into_series(parts.observations)
    } else {
        (parts.observations, Vec::new())
    };
    let format = if dataset.uses_format_2() || !series.is_empty() {
        DATASET_FORMAT
    } else {
        1
    };
    let file = DatasetFile {
        format,
        title: parts.title,
        title_en: parts.title_en,
        notes: parts.notes,
        regions: parts.regions,
        indicators: parts.indicators,
        sources: parts.sources,
        observations,
        series,
    };
    to_ron_text("Dataset", &file)
}

/// Pretty RON with the top struct named `name` and each list entry on one line.
pub(crate) fn to_ron_text<T: Serialize>(name: &str, value: &T) -> String {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .struct_names(false)
        .indentor("    ".to_owned());
    // Serialising plain data with strings and numbers cannot fail.
    let body = ron::ser::to_string_pretty(value, config).unwrap_or_default();
    format!("{name}{body}\n")
}

/// Writes the dataset to `path` atomically; refused, with nothing written, when `path`
/// holds a scenario now ([`super::write_output`] rules otherwise).
pub fn save_dataset(path: &Path, dataset: &Dataset) -> std::io::Result<()> {
    if super::sniff_file_kind(path) == Some(FileKind::Scenario) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "it holds a scenario, which a dataset never replaces; choose another name",
        ));
    }
    write_atomic(path, dataset_to_ron(dataset).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic::synthetic_dataset;

    #[test]
    fn written_files_take_the_fast_paths_and_a_commented_list_goes_to_ron() {
        let dataset = synthetic_dataset(4, 3, 6, 1);
        let fast = |text: &str| load_with_fast_lists("t.ron", text, None).map(Result::unwrap);
        let text = dataset_to_ron_as(&dataset, ValuesLayout::Series);
        let read = fast(&text).expect("the fast path reads what it wrote");
        assert!(read.uses_format_2(), "read from series");
        assert_eq!(read, dataset);
        assert_eq!(read.observations().run_count(), 12, "one run a series");
        let commented = text.replacen("values: [", "values: [ /* c */", 1);
        assert!(super::super::series_scan::split_series(&commented).is_none());
        assert!(
            fast(&commented).is_none(),
            "a comment: the whole text by ron"
        );
        assert_eq!(
            parse_dataset("t.ron", &commented).expect("ron reads it"),
            dataset
        );
        let one_per_entry = dataset_to_ron_as(&dataset, ValuesLayout::Observations);
        let read = fast(&one_per_entry).expect("the fast path reads it");
        assert_eq!(read.observations().len(), 72);
        assert_eq!(read, dataset);
    }

    #[test]
    fn a_cancelled_load_stops_while_the_entries_stream() {
        // 70,000 observations: past the first check, every 65,536 entries.
        let dataset = synthetic_dataset(100, 10, 70, 1);
        let text = dataset_to_ron_as(&dataset, ValuesLayout::Observations);
        let progress = Progress::new();
        progress.cancel();
        let loaded = load_with_fast_lists("t.ron", &text, Some(&progress))
            .expect("the fast path reads the file");
        let error = loaded.expect_err("cancelled");
        assert!(error.to_string().contains("cancelled"), "{error}");
        let fresh = Progress::new();
        let loaded = load_with_fast_lists("t.ron", &text, Some(&fresh)).expect("fast path");
        assert_eq!(loaded.expect("not cancelled").observations().len(), 70_000);
    }
}
