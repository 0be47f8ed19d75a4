//! Reading a value typed (or pasted) into a table cell: spreadsheet habits accepted
//! (thousands separators, full-width digits, surrounding spaces), then checked against the
//! indicator's bounds.

use crate::lang::Lang;
use crate::model::validate::value_problem;
use crate::model::{Indicator, ProblemKind};

/// Why typed text is not an acceptable value.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValueError {
    /// The text is not a number.
    NotANumber(String),
    /// A number, but not allowed for the indicator (out of range, not finite).
    NotAllowed {
        /// The number read.
        value: f64,
        /// What is wrong with it.
        kind: ProblemKind,
    },
}

impl CellValueError {
    /// The message for the user, in `lang`, naming `indicator`'s bounds where they matter.
    pub fn message(&self, indicator: &Indicator, lang: Lang) -> String {
        match self {
            CellValueError::NotANumber(text) => match lang {
                Lang::Zh => format!("“{text}”不是数字"),
                Lang::En => format!("\"{text}\" is not a number"),
            },
            CellValueError::NotAllowed { value, kind } => {
                let bounds = match (indicator.min, indicator.max) {
                    (Some(lo), Some(hi)) => format!("{lo} – {hi}"),
                    (Some(lo), None) => format!("≥ {lo}"),
                    (None, Some(hi)) => format!("≤ {hi}"),
                    (None, None) => String::new(),
                };
                match (kind, lang) {
                    (ProblemKind::OutOfRange, Lang::Zh) => {
                        format!("{value} 超出“{}”的允许范围 {bounds}", indicator.name)
                    }
                    (ProblemKind::OutOfRange, Lang::En) => format!(
                        "{value} is outside the allowed range {bounds} of \"{}\"",
                        indicator.name_en
                    ),
                    (_, Lang::Zh) => format!("{value} 不是有限数值"),
                    (_, Lang::En) => format!("{value} is not a finite number"),
                }
            }
        }
    }
}

/// Reads `text` as a value of `indicator`. Blank text means "no value" (`Ok(None)`).
pub fn parse_cell_value(text: &str, indicator: &Indicator) -> Result<Option<f64>, CellValueError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| {
            !matches!(
                c,
                ',' | '，' | '_' | ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}'
            )
        })
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            other => other,
        })
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let value: f64 = cleaned
        .parse()
        .map_err(|_| CellValueError::NotANumber(text.trim().to_owned()))?;
    // "nan" and "inf" parse as f64 but are not numbers anyone types into a statistics table.
    if !value.is_finite() {
        return Err(CellValueError::NotANumber(text.trim().to_owned()));
    }
    match value_problem(value, indicator) {
        Some((kind, _)) => Err(CellValueError::NotAllowed { value, kind }),
        None => Ok(Some(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Better;

    fn days() -> Indicator {
        Indicator {
            id: "good_air_days".into(),
            name: "空气质量优良天数".into(),
            name_en: "Days of good air quality".into(),
            unit: "天".into(),
            unit_en: "days".into(),
            better: Better::Higher,
            min: Some(0.0),
            max: Some(366.0),
        }
    }

    #[test]
    fn spreadsheet_habits_are_read() {
        let d = days();
        assert_eq!(parse_cell_value(" 343 ", &d), Ok(Some(343.0)));
        assert_eq!(parse_cell_value("３４３．５", &d), Ok(Some(343.5)));
        assert_eq!(parse_cell_value("", &d), Ok(None));
        let mut big = days();
        big.max = None;
        assert_eq!(parse_cell_value("1,234.5", &big), Ok(Some(1234.5)));
    }

    #[test]
    fn bad_text_and_bad_values_are_refused_with_a_message() {
        let d = days();
        let err = parse_cell_value("abc", &d).unwrap_err();
        assert_eq!(err, CellValueError::NotANumber("abc".into()));
        assert!(err.message(&d, Lang::Zh).contains("不是数字"));
        assert!(matches!(
            parse_cell_value("NaN", &d),
            Err(CellValueError::NotANumber(_))
        ));
        let err = parse_cell_value("400", &d).unwrap_err();
        assert!(matches!(
            err,
            CellValueError::NotAllowed {
                kind: ProblemKind::OutOfRange,
                ..
            }
        ));
        assert!(
            err.message(&d, Lang::En).contains("0 – 366"),
            "{}",
            err.message(&d, Lang::En)
        );
        assert!(parse_cell_value("-1", &d).is_err());
    }
}
