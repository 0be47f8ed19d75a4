//! What a published figure says besides its number (dataset format 2): whether it is a
//! bound ("突破300亿元"), whether it is a growth rate rather than a level ("增长10%以上"), and
//! whether it covers part of a year ("1—11月"). Plain data with display helpers for the
//! table, the charts and the exports; no egui.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// Which direction of an indicator is good.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Better {
    /// More is better (output, forest coverage).
    #[default]
    Higher,
    /// Less is better (energy intensity, unemployment).
    Lower,
}

/// Whether a figure is exact or one side of a bound, as the source words it.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Bound {
    /// The figure itself (the default).
    #[default]
    Exact,
    /// At least the figure: 以上, 不低于 (≥).
    AtLeast,
    /// More than the figure: 突破, 超过 (>).
    MoreThan,
    /// At most the figure: 以下, 不高于 (≤).
    AtMost,
    /// Less than the figure: 低于, 不足 (<).
    LessThan,
    /// About the figure: 约, 左右, 近 (≈).
    About,
}

impl Bound {
    /// Every bound, in display order.
    pub const ALL: [Bound; 6] = [
        Self::Exact,
        Self::AtLeast,
        Self::MoreThan,
        Self::AtMost,
        Self::LessThan,
        Self::About,
    ];

    /// True for [`Bound::Exact`] (what serde leaves out of a file).
    pub fn is_exact(&self) -> bool {
        *self == Self::Exact
    }

    /// The prefix shown before the number: `""`, `"≥ "`, `"> "`, `"≤ "`, `"< "`, `"约 "`.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Exact => "",
            Self::AtLeast => "≥ ",
            Self::MoreThan => "> ",
            Self::AtMost => "≤ ",
            Self::LessThan => "< ",
            Self::About => "约 ",
        }
    }

    /// The prefix in `lang`: as [`Bound::symbol`], except `About` reads "about " in English.
    pub fn symbol_in(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::About, Lang::En) => "about ",
            (other, _) => other.symbol(),
        }
    }

    /// The stable code used in CSV exports (`"more_than"`), whatever the language.
    pub fn code(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::AtLeast => "at_least",
            Self::MoreThan => "more_than",
            Self::AtMost => "at_most",
            Self::LessThan => "less_than",
            Self::About => "about",
        }
    }
}

/// What a figure measures: the level itself, or its change on the previous year in %.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Measure {
    /// The level, in the indicator's unit (the default).
    #[default]
    Level,
    /// Change on the previous year, in %, as published ("比上年增长8.7%").
    GrowthPct,
}

impl Measure {
    /// True for [`Measure::Level`] (what serde leaves out of a file).
    pub fn is_level(&self) -> bool {
        *self == Self::Level
    }

    /// The stable code used in CSV exports: `"level"` or `"growth_pct"`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Level => "level",
            Self::GrowthPct => "growth_pct",
        }
    }
}

impl Measure {
    /// What the measure is called next to a value: empty for a level, "增长" / "growth" for
    /// a growth rate on the previous year.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Level, _) => "",
            (Self::GrowthPct, Lang::Zh) => "增长",
            (Self::GrowthPct, Lang::En) => "growth",
        }
    }
}

/// Short English month names, for [`months_label`].
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The label of a part-year span: `(1, 11)` → "1—11月" / "Jan–Nov", `(3, 3)` → "3月" /
/// "Mar"; empty for the whole year (`None`). Months outside 1..=12 (refused by the loader)
/// are shown as numbers.
pub fn months_label(months: Option<(u8, u8)>, lang: Lang) -> String {
    let Some((first, last)) = months else {
        return String::new();
    };
    let en = |m: u8| {
        MONTHS_EN
            .get(usize::from(m).wrapping_sub(1))
            .map_or_else(|| m.to_string(), |s| (*s).to_owned())
    };
    match (lang, first == last) {
        (Lang::Zh, true) => format!("{first}月"),
        (Lang::Zh, false) => format!("{first}—{last}月"),
        (Lang::En, true) => en(first),
        (Lang::En, false) => format!("{}–{}", en(first), en(last)),
    }
}

/// The CSV form of a part-year span: `(1, 11)` → "1-11"; empty for the whole year.
pub fn months_code(months: Option<(u8, u8)>) -> String {
    months.map_or_else(String::new, |(a, b)| format!("{a}-{b}"))
}

/// A figure as the table shows it: the bound's prefix, the number as given, and " %" for a
/// growth rate — `(300, MoreThan, Level)` → "> 300", `(10, AtLeast, GrowthPct)` → "≥ 10 %".
/// The number is printed as Rust prints it (no rounding: 99.56 stays 99.56).
pub fn format_value(value: f64, bound: Bound, measure: Measure, lang: Lang) -> String {
    let percent = match measure {
        Measure::Level => "",
        Measure::GrowthPct => " %",
    };
    format!("{}{value}{percent}", bound.symbol_in(lang))
}
