//! CSV and pasted tab-separated text as a [`Grid`]: UTF-8 (with or without BOM),
//! GBK/GB18030 or UTF-16 with a BOM; comma, tab or semicolon.

use super::cells::{Cell, Grid, address};
use super::layout::{CellProblem, Loc};
use super::workbook::{MAX_CELLS, MAX_SCANNED};

/// Decodes `bytes`: UTF-16 with its byte-order mark (Excel's "Unicode text"), UTF-8 (a BOM
/// is dropped), else GB18030 (a superset of GBK and GB2312).
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    for (bom, encoding) in [
        (b"\xFF\xFE", encoding_rs::UTF_16LE),
        (b"\xFE\xFF", encoding_rs::UTF_16BE),
    ] {
        if let Some(body) = bytes.strip_prefix(bom) {
            return encoding
                .decode_without_bom_handling_and_without_replacement(body)
                .map(|t| t.into_owned())
                .ok_or_else(|| format!("the file starts as {} text but is not", encoding.name()));
        }
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(body) {
        return Ok(text.to_owned());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
        .ok_or_else(|| "the file is neither UTF-8 nor GBK/GB18030 text".to_owned())
}

/// The delimiter of the first line that has one: the most frequent of tab, semicolon, comma
/// (outside quotes) on that line; ties go in that order. Lines without any (blank lines, a
/// bare title such as `工业总产值（亿元）` above the table) are passed over; a text with none
/// at all is one column (comma).
pub fn detect_delimiter(text: &str) -> u8 {
    text.lines().find_map(line_delimiter).unwrap_or(b',')
}

/// The most frequent delimiter of one line, outside quotes (ties: tab, semicolon, comma), or
/// `None` when the line has none.
fn line_delimiter(line: &str) -> Option<u8> {
    let mut counts = [(b'\t', 0usize), (b';', 0), (b',', 0)];
    let mut quoted = false;
    for c in line.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(d, _)| *d == c) {
            entry.1 += 1;
        }
    }
    let best = counts.iter().map(|&(_, n)| n).max().unwrap_or(0);
    counts
        .iter()
        .find(|&&(_, n)| n == best && n > 0)
        .map(|&(d, _)| d)
}

/// Reads CSV bytes into a grid of text cells, holding at most [`MAX_CELLS`] (a row counts up
/// to its last filled cell) and scanning at most [`MAX_SCANNED`] fields.
pub fn read(bytes: &[u8]) -> Result<Grid, CellProblem> {
    let whole = |message: String| CellProblem {
        at: Loc::default(),
        message,
    };
    let text = decode(bytes).map_err(whole)?;
    let delimiter = detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let (mut held, mut scanned) = (0usize, 0usize);
    for record in reader.records() {
        let record = record.map_err(|e| whole(format!("cannot read the CSV: {e}")))?;
        let filled = (0..record.len())
            .rev()
            .find(|&i| !record[i].trim().is_empty())
            .map_or(0, |i| i + 1);
        held += filled;
        scanned += record.len();
        if held > MAX_CELLS || scanned > MAX_SCANNED {
            return Err(CellProblem {
                at: Loc {
                    sheet: None,
                    cell: Some(address(rows.len(), filled.saturating_sub(1))),
                },
                message: format!(
                    "the table has more than {} cells; import reads at most that many — split the table into smaller files",
                    if held > MAX_CELLS {
                        MAX_CELLS
                    } else {
                        MAX_SCANNED
                    }
                ),
            });
        }
        rows.push(
            record
                .iter()
                .take(filled)
                .map(|t| {
                    if t.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(t.to_owned())
                    }
                })
                .collect(),
        );
    }
    Ok(Grid {
        sheet: None,
        rows,
        merged: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_and_encodings() {
        assert_eq!(detect_delimiter("地区\t2021\t2022\n"), b'\t');
        assert_eq!(detect_delimiter("地区;2021;2022\n"), b';');
        assert_eq!(detect_delimiter("地区,\"1,234\"\n"), b',');
        // A bare title line (no delimiter at all) is passed over: the table under it decides.
        assert_eq!(
            detect_delimiter("工业总产值（亿元）\n地区;2021;2022\n"),
            b';'
        );
        assert_eq!(
            detect_delimiter("\n工业总产值（亿元）\n\n地区\t2021\n"),
            b'\t'
        );
        assert_eq!(detect_delimiter("工业总产值（亿元）;;\n地区;2021\n"), b';');
        assert_eq!(detect_delimiter("只有一列\n第二行\n"), b',');
        let (gbk, _, _) = encoding_rs::GBK.encode("地区,2021");
        assert_eq!(decode(&gbk).unwrap(), "地区,2021");
        assert_eq!(decode("\u{feff}地区".as_bytes()).unwrap(), "地区");
    }
}
