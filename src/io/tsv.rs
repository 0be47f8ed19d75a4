//! Tab-separated text as spreadsheets put it on the clipboard (Excel, WPS, LibreOffice):
//! cells separated by tabs, rows by `\r\n` or `\n`, usually a trailing newline, and cells that
//! hold a tab, a line break or a quote written in double quotes with `""` for a quote.
//! Pure functions, no panics on any input.

/// Reads clipboard text into rows of cells.
///
/// - Rows end at `\r\n`, `\n` or a lone `\r`; one trailing line break ends the last row
///   instead of starting an empty one (so `"1\t2\r\n"` is one row).
/// - A cell that *starts* with `"` is quoted: it runs to the next `"` not doubled, `""` inside
///   stands for `"`, and tabs and line breaks inside are part of the cell. Text after the
///   closing quote, up to the next tab or line break, is kept as it is (spreadsheets do the
///   same). A quote that is never closed is not a quote: that cell is read as plain text.
/// - A `"` elsewhere in a cell is an ordinary character.
/// - Rows may have different lengths; nothing is padded. Empty text gives no rows.
pub fn parse_tsv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    if text.is_empty() {
        return rows;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut row: Vec<String> = Vec::new();
    let mut i = 0;
    loop {
        // At the start of a cell.
        let (cell, next) = read_cell(&chars, i);
        row.push(cell);
        i = next;
        match chars.get(i) {
            None => {
                rows.push(row);
                break;
            }
            Some('\t') => i += 1,
            Some('\r' | '\n') => {
                i += line_break_len(&chars, i);
                rows.push(std::mem::take(&mut row));
                if i >= chars.len() {
                    // The trailing line break ends the last row.
                    break;
                }
            }
            // `read_cell` stops only at a tab, a line break or the end.
            Some(_) => i += 1,
        }
    }
    rows
}

/// Length in chars of the line break at `i` (`\r\n` is 2).
fn line_break_len(chars: &[char], i: usize) -> usize {
    if chars.get(i) == Some(&'\r') && chars.get(i + 1) == Some(&'\n') {
        2
    } else {
        1
    }
}

/// Reads one cell from `start`; returns it and the index of the tab, line break or end that
/// follows it.
fn read_cell(chars: &[char], start: usize) -> (String, usize) {
    if chars.get(start) == Some(&'"')
        && let Some(out) = read_quoted(chars, start + 1)
    {
        return out;
    }
    let end = chars[start.min(chars.len())..]
        .iter()
        .position(|c| matches!(c, '\t' | '\r' | '\n'))
        .map_or(chars.len(), |p| start + p);
    (chars[start.min(end)..end].iter().collect(), end)
}

/// Reads a quoted cell whose content starts at `start` (just after the opening quote).
/// `None` when the quote is never closed.
fn read_quoted(chars: &[char], start: usize) -> Option<(String, usize)> {
    let mut cell = String::new();
    let mut i = start;
    loop {
        match chars.get(i)? {
            '"' if chars.get(i + 1) == Some(&'"') => {
                cell.push('"');
                i += 2;
            }
            '"' => {
                i += 1;
                break;
            }
            c => {
                cell.push(*c);
                i += 1;
            }
        }
    }
    // Anything between the closing quote and the next separator is kept literally.
    while let Some(c) = chars.get(i) {
        if matches!(c, '\t' | '\r' | '\n') {
            break;
        }
        cell.push(*c);
        i += 1;
    }
    Some((cell, i))
}

/// Writes rows of cells as clipboard text: tabs between cells, `\n` between rows, no trailing
/// line break. A cell holding a tab, a line break or a `"` is quoted (`"` doubled), and a row
/// that is one empty cell is written `""` so that it is not lost; [`parse_tsv`] reads the text
/// back to the same rows (for rows that have at least one cell).
pub fn to_tsv(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (r, row) in rows.iter().enumerate() {
        if r > 0 {
            out.push('\n');
        }
        if let [only] = row.as_slice()
            && only.is_empty()
        {
            out.push_str("\"\"");
            continue;
        }
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                out.push('\t');
            }
            if cell.contains(['\t', '\n', '\r', '"']) {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(cell);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect()
    }

    #[test]
    fn excel_style_block_with_crlf_and_trailing_newline() {
        assert_eq!(
            parse_tsv("1\t2\t3\r\n4\t5\t6\r\n"),
            rows(&[&["1", "2", "3"], &["4", "5", "6"]])
        );
        assert_eq!(parse_tsv("1\t2\n3\t4"), rows(&[&["1", "2"], &["3", "4"]]));
        // A lone CR (old Mac clipboards) also ends a row.
        assert_eq!(parse_tsv("1\r2\r"), rows(&[&["1"], &["2"]]));
    }

    #[test]
    fn quoted_cells_hold_tabs_newlines_and_quotes() {
        let text = "\"a\tb\"\t\"line 1\r\nline 2\"\t\"say \"\"hi\"\"\"\r\nx\r\n";
        assert_eq!(
            parse_tsv(text),
            rows(&[&["a\tb", "line 1\r\nline 2", "say \"hi\""], &["x"]])
        );
        // A quote inside a cell is literal; text after a closing quote is kept.
        assert_eq!(
            parse_tsv("5\" screen\t\"ab\"cd"),
            rows(&[&["5\" screen", "abcd"]])
        );
        // A quote never closed is plain text.
        assert_eq!(parse_tsv("\"open\t1\n2"), rows(&[&["\"open", "1"], &["2"]]));
        assert_eq!(parse_tsv("\""), rows(&[&["\""]]));
        assert_eq!(parse_tsv("\"\""), rows(&[&[""]]));
    }

    #[test]
    fn empty_cells_and_ragged_rows() {
        assert_eq!(parse_tsv(""), Vec::<Vec<String>>::new());
        assert_eq!(parse_tsv("\n"), rows(&[&[""]]));
        assert_eq!(parse_tsv("\t"), rows(&[&["", ""]]));
        assert_eq!(
            parse_tsv("1\t\t3\n\n4\n5\t6\t7\t8\n"),
            rows(&[&["1", "", "3"], &[""], &["4"], &["5", "6", "7", "8"]])
        );
        // Two line breaks at the end: the last row is empty.
        assert_eq!(parse_tsv("1\r\n\r\n"), rows(&[&["1"], &[""]]));
    }

    #[test]
    fn cjk_and_full_width_text() {
        let text = "万盛经开区\t２０２２\t“突破”300亿元\r\n綦江区\t\t１２３．４\r\n";
        assert_eq!(
            parse_tsv(text),
            rows(&[
                &["万盛经开区", "２０２２", "“突破”300亿元"],
                &["綦江区", "", "１２３．４"]
            ])
        );
        let back = to_tsv(&parse_tsv(text));
        assert_eq!(back, text.replace("\r\n", "\n").trim_end());
    }

    #[test]
    fn round_trip() {
        let cases = [
            rows(&[&["1", "2", "3"], &["4", "5", "6"]]),
            rows(&[&["a\tb", "c\nd", "e\r\nf", "\"q\"", "x\"y"]]),
            rows(&[&[""], &["", ""], &["1"], &[""]]),
            rows(&[&["万盛", "", "三"], &["\"", "\"\""]]),
            rows(&[&["trailing", ""], &["", "leading"]]),
        ];
        for case in cases {
            let text = to_tsv(&case);
            assert_eq!(parse_tsv(&text), case, "{text:?}");
        }
        assert_eq!(to_tsv(&rows(&[&["1", "2"], &["3", "4"]])), "1\t2\n3\t4");
        assert_eq!(to_tsv(&rows(&[&["a\"b"]])), "\"a\"\"b\"");
    }

    #[test]
    fn no_panic_on_awkward_input() {
        for text in [
            "\"",
            "\"\"\"",
            "\r",
            "\r\n",
            "\n\r",
            "\t\t\t",
            "\"\t\"\r\n\"",
            "a\"\"b",
            "\"a\"\"",
            "\u{0}\t\u{feff}",
            "😀\t\"😀\"😀\r\n",
        ] {
            let parsed = parse_tsv(text);
            let again = parse_tsv(&to_tsv(&parsed));
            // Writing what was read and reading it again changes nothing.
            let non_empty = parsed.iter().all(|r| !r.is_empty());
            assert!(non_empty, "{text:?}");
            assert_eq!(again, parsed, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_rows_survive_a_round_trip(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-z\"\t\r\n 万盛１]{0,4}", 1..4),
                0..5,
            )
        ) {
            proptest::prop_assert_eq!(parse_tsv(&to_tsv(&rows)), rows);
        }

        #[test]
        fn any_text_parses_and_reparses_the_same(text in "[a\"\t\r\n万]{0,12}") {
            let parsed = parse_tsv(&text);
            proptest::prop_assert!(parsed.iter().all(|r| !r.is_empty()));
            proptest::prop_assert_eq!(parse_tsv(&to_tsv(&parsed)), parsed);
        }
    }
}
