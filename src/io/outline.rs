//! A light scan of a RON file's shape: where each top-level field and each entry of a
//! top-level list starts. serde reports no positions for semantic problems, so the loader
//! uses this outline to turn "observations[12].region" into a line and column.
//!
//! The scan understands strings, raw strings, chars, and line and (nested) block comments;
//! it never fails: on malformed text it simply records less.

/// A field of an entry, by name, with the byte offset of its value.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldAt {
    /// Field name.
    pub name: String,
    /// Byte offset of the field name.
    pub offset: usize,
}

/// One entry of a top-level list (a `( … )` inside `observations: [ … ]`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntryAt {
    /// Byte offset of the entry's opening bracket.
    pub offset: usize,
    /// Its fields, in file order.
    pub fields: Vec<FieldAt>,
}

/// A top-level field and, if its value is a list, the entries of that list.
#[derive(Clone, Debug, PartialEq)]
pub struct TopField {
    /// Field name and where it starts.
    pub field: FieldAt,
    /// Byte offset where its value starts.
    pub value_offset: usize,
    /// Entries of the list value, if it is a list.
    pub entries: Vec<EntryAt>,
}

/// The shape of a RON document: its top-level fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    /// Top-level fields in file order.
    pub top: Vec<TopField>,
}

impl Outline {
    /// Byte offset of `list[position].field`, or of the entry, or of the list.
    pub fn offset_of(&self, list: &str, position: usize, field: Option<&str>) -> Option<usize> {
        let top = self.top.iter().find(|t| t.field.name == list)?;
        let Some(entry) = top.entries.get(position) else {
            return Some(top.field.offset);
        };
        let field_offset = field.and_then(|name| {
            entry
                .fields
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.offset)
        });
        Some(field_offset.unwrap_or(entry.offset))
    }

    /// Byte offset of a top-level field's value.
    pub fn value_of(&self, name: &str) -> Option<usize> {
        self.top
            .iter()
            .find(|t| t.field.name == name)
            .map(|t| t.value_offset)
    }
}

/// Scans `text` into an [`Outline`].
pub fn outline(text: &str) -> Outline {
    let mut out = Outline::default();
    let mut depth = 0usize;
    let mut pending_top: Option<FieldAt> = None;
    scan(text, |token| {
        match token {
            Token::Open(at) => {
                depth += 1;
                if depth == 2
                    && let Some(field) = pending_top.take()
                {
                    out.top.push(TopField {
                        field,
                        value_offset: at,
                        entries: Vec::new(),
                    });
                } else if depth == 3
                    && let Some(top) = out.top.last_mut()
                {
                    top.entries.push(EntryAt {
                        offset: at,
                        fields: Vec::new(),
                    });
                }
            }
            Token::Close => depth = depth.saturating_sub(1),
            Token::FieldName(name, at) => {
                if depth == 1 {
                    pending_top = Some(FieldAt {
                        name: name.to_owned(),
                        offset: at,
                    });
                } else if depth == 3
                    && let Some(entry) = out.top.last_mut().and_then(|t| t.entries.last_mut())
                {
                    entry.fields.push(FieldAt {
                        name: name.to_owned(),
                        offset: at,
                    });
                }
            }
            Token::Value(at) => {
                if depth == 1
                    && let Some(field) = pending_top.take()
                {
                    out.top.push(TopField {
                        field,
                        value_offset: at,
                        entries: Vec::new(),
                    });
                }
            }
        }
        true
    });
    out
}

/// The first identifier of the text (`Dataset` in `Dataset( … )`), skipping comments.
pub fn leading_identifier(text: &str) -> Option<&str> {
    let mut found = None;
    scan(text, |token| {
        if let Token::Value(at) = token {
            let rest = &text[at..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            if end > 0 {
                found = Some(&rest[..end]);
            }
        }
        false
    });
    found
}

/// Where the value of the first top-level field `name` starts: at an opening bracket
/// (`Open`) or at a plain token (`Plain`); the scan stops there.
enum ValueStart {
    Open(usize),
    Plain(usize),
}

fn top_level_value(text: &str, name: &str) -> Option<ValueStart> {
    let mut depth = 0usize;
    let mut want_value = false;
    let mut result = None;
    scan(text, |token| {
        match token {
            Token::Open(at) => {
                if want_value && depth == 1 {
                    result = Some(ValueStart::Open(at));
                    return false;
                }
                depth += 1;
            }
            Token::Close => depth = depth.saturating_sub(1),
            Token::FieldName(field, _) => want_value = depth == 1 && field == name,
            Token::Value(at) => {
                if want_value && depth == 1 {
                    result = Some(ValueStart::Plain(at));
                    return false;
                }
            }
        }
        true
    });
    result
}

/// The value of top-level integer field `name` (used to read `format` before anything else),
/// with the byte offset of the value. `Err` holds the offset of a value that is no integer.
pub fn top_level_integer(text: &str, name: &str) -> Option<Result<(u64, usize), usize>> {
    match top_level_value(text, name)? {
        ValueStart::Open(at) => Some(Err(at)),
        ValueStart::Plain(at) => {
            let digits: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.' || *c == '-')
                .collect();
            Some(
                digits
                    .replace('_', "")
                    .parse::<u64>()
                    .map(|v| (v, at))
                    .map_err(|_| at),
            )
        }
    }
}

/// The offset of the `[` that opens the value of the first top-level field `name`, if that
/// value is a list (the scan stops there: what follows is not looked at).
pub fn top_level_list(text: &str, name: &str) -> Option<usize> {
    match top_level_value(text, name)? {
        ValueStart::Open(at) => (text.as_bytes()[at] == b'[').then_some(at),
        ValueStart::Plain(_) => None,
    }
}

/// True when the text holds nothing but white space and comments.
pub fn is_blank(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b if b.is_ascii_whitespace() => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = memchr_newline(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = skip_block_comment(bytes, i),
            _ => return false,
        }
    }
    true
}

/// What the scanner reports.
#[derive(Clone, Copy, Debug)]
enum Token<'a> {
    /// An opening bracket at this offset.
    Open(usize),
    /// A closing bracket.
    Close,
    /// An identifier followed by `:` (a field name).
    FieldName(&'a str, usize),
    /// The start of any other value (identifier, number, string).
    Value(usize),
}

/// Walks the tokens that matter for the outline; `visit` returns false to stop.
fn scan<'a>(text: &'a str, mut visit: impl FnMut(Token<'a>) -> bool) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr_newline(bytes, i);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = skip_block_comment(bytes, i);
            }
            b'(' | b'[' | b'{' => {
                if !visit(Token::Open(i)) {
                    return;
                }
                i += 1;
            }
            b')' | b']' | b'}' => {
                if !visit(Token::Close) {
                    return;
                }
                i += 1;
            }
            b'"' => {
                if !visit(Token::Value(i)) {
                    return;
                }
                i = skip_string(bytes, i + 1);
            }
            b'\'' => {
                if !visit(Token::Value(i)) {
                    return;
                }
                i = skip_char(bytes, i + 1);
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'#' | b'"')) => {
                if !visit(Token::Value(i)) {
                    return;
                }
                i = skip_raw_string(bytes, i + 1);
            }
            b'b' if bytes.get(i + 1) == Some(&b'"') => {
                if !visit(Token::Value(i)) {
                    return;
                }
                i = skip_string(bytes, i + 2);
            }
            _ if b.is_ascii_alphabetic() || b == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                let mut j = i;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                let token = if bytes.get(j) == Some(&b':') && bytes.get(j + 1) != Some(&b':') {
                    Token::FieldName(&text[start..i], start)
                } else {
                    Token::Value(start)
                };
                if !visit(token) {
                    return;
                }
            }
            _ if b.is_ascii_digit() || b == b'-' || b == b'+' || b == b'.' => {
                if !visit(Token::Value(i)) {
                    return;
                }
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric()
                        || matches!(bytes[i], b'.' | b'_' | b'-' | b'+'))
                {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p + 1)
}

fn skip_block_comment(bytes: &[u8], from: usize) -> usize {
    let mut depth = 0usize;
    let mut i = from;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Skips to just past the closing quote of a string whose body starts at `from`.
fn skip_string(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn skip_char(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\'' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Skips `#…#"…"#…#` starting just after the `r`.
fn skip_raw_string(bytes: &[u8], from: usize) -> usize {
    let hashes = bytes[from..].iter().take_while(|&&b| b == b'#').count();
    let body = from + hashes + 1;
    let mut i = body;
    while i < bytes.len() {
        if bytes[i] == b'"'
            && bytes[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&b| b == b'#')
                .count()
                == hashes
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    bytes.len()
}

/// The byte offset of a 1-based (line, column in characters) location, clamped to the text.
pub fn offset_of_location(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    text[start..]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| start + i)
}

/// The offset of the first byte at or after `from` that is neither white space nor inside a
/// comment: the token a parser that stopped at `from` was looking at.
pub fn next_token(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from.min(bytes.len());
    while i < bytes.len() {
        match bytes[i] {
            b if b.is_ascii_whitespace() => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = memchr_newline(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = skip_block_comment(bytes, i),
            _ => break,
        }
    }
    i.min(bytes.len())
}

/// The list entry (`list`, position, offset of its opening bracket) whose text holds byte
/// `offset`: the last entry starting before it, within the top-level field holding it.
pub fn entry_at(shape: &Outline, offset: usize) -> Option<(&str, usize, usize)> {
    let top = shape
        .top
        .iter()
        .take_while(|t| t.field.offset <= offset)
        .last()?;
    let (position, entry) = top
        .entries
        .iter()
        .enumerate()
        .take_while(|(_, e)| e.offset <= offset)
        .last()?;
    Some((top.field.name.as_str(), position, entry.offset))
}

/// One problem found in a file's lists, to be located: which entry (`list[position]`, and
/// `field` if known), of what kind, with what message.
pub(crate) struct ListProblem<'a> {
    pub kind: super::ErrorKind,
    pub list: &'a str,
    pub position: usize,
    pub field: Option<&'a str>,
    pub message: String,
}

/// Turns problems found in `text` into one located diagnostic each (the line and column of
/// the entry or field, where the outline finds it).
pub(crate) fn located_error<'a>(
    shown: &str,
    text: &str,
    problems: impl IntoIterator<Item = ListProblem<'a>>,
) -> super::LoadError {
    let shape = outline(text);
    super::LoadError {
        path: shown.to_owned(),
        diagnostics: problems
            .into_iter()
            .map(|p| super::Diagnostic {
                kind: p.kind,
                location: shape
                    .offset_of(p.list, p.position, p.field)
                    .map(|at| super::Location::of_offset(text, at)),
                message: p.message,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"// a comment with ( and "quotes"
Dataset(
    format: 1,
    title: "a (tricky) \"title\" ]",
    regions: [
        (id: "a", name: "甲", name_en: "A"),
        (id: "b", /* note: ( */ name: "乙", name_en: "B"),
    ],
)
"#;

    #[test]
    fn finds_top_fields_and_entries() {
        let o = outline(TEXT);
        let names: Vec<&str> = o.top.iter().map(|t| t.field.name.as_str()).collect();
        assert_eq!(names, ["format", "title", "regions"]);
        let regions = &o.top[2];
        assert_eq!(regions.entries.len(), 2);
        let second = &regions.entries[1];
        let fields: Vec<&str> = second.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(fields, ["id", "name", "name_en"]);
        let at = o.offset_of("regions", 1, Some("name")).unwrap();
        assert!(TEXT[at..].starts_with("name: \"乙\""));
    }

    #[test]
    fn reads_leading_identifier_and_format() {
        assert_eq!(leading_identifier(TEXT), Some("Dataset"));
        assert_eq!(
            top_level_integer(TEXT, "format").map(|r| r.map(|v| v.0)),
            Some(Ok(1))
        );
        assert_eq!(
            top_level_integer("Dataset(format: \"x\")", "format").map(|r| r.is_err()),
            Some(true)
        );
        assert_eq!(top_level_integer("Dataset(title: \"x\")", "format"), None);
    }

    #[test]
    fn survives_garbage() {
        for text in [
            "",
            "((((",
            ")))]]]",
            "\"unterminated",
            "r##\"x",
            "/* open",
            "'",
            "Dataset(format: [1,",
        ] {
            // Whatever is recorded lies inside the text; nothing is invented.
            let shape = outline(text);
            for top in &shape.top {
                assert!(top.field.offset < text.len() && top.value_offset < text.len());
                assert!(
                    top.entries.iter().all(|e| e.offset < text.len()),
                    "{text:?}"
                );
            }
            assert!(leading_identifier(text).is_none_or(|id| text.contains(id) && !id.is_empty()));
            // Only the last one has a `format`, and its value is no integer.
            let format = top_level_integer(text, "format");
            if text == "Dataset(format: [1," {
                assert!(matches!(format, Some(Err(_))), "{format:?}");
            } else {
                assert_eq!(format, None, "{text:?}");
            }
        }
        assert_eq!(leading_identifier("((((Dataset"), None);
        assert_eq!(leading_identifier("/* open"), None);
    }
}
