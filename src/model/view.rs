//! What a chart shows, as the user chose it: its form ([`ChartKind`]) and how values are
//! shown ([`ViewMode`]). Kept in the model so a scenario can save its view.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// The chart's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ChartKind {
    /// Regions side by side, one bar per year.
    #[default]
    Bar,
    /// One line per region over the years.
    Line,
}

impl ChartKind {
    /// The command-line name (`bar`, `line`).
    pub fn code(self) -> &'static str {
        match self {
            ChartKind::Bar => "bar",
            ChartKind::Line => "line",
        }
    }
}

/// How values are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ViewMode {
    /// The values as published.
    #[default]
    Absolute,
    /// Each region's value divided by its value in the first year shown, × 100.
    Index,
    /// Change on the previous year, in %.
    Change,
    /// Each actual value as a share of the region's target (the next target year), in %.
    TargetShare,
}

impl ViewMode {
    /// Every mode, in menu order.
    pub const ALL: [ViewMode; 4] = [Self::Absolute, Self::Index, Self::Change, Self::TargetShare];

    /// The command-line name (`absolute`, `index`, `yoy`, `target`).
    pub fn code(self) -> &'static str {
        match self {
            ViewMode::Absolute => "absolute",
            ViewMode::Index => "index",
            ViewMode::Change => "yoy",
            ViewMode::TargetShare => "target",
        }
    }

    /// The mode for a command-line name.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The mode's name for menus.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ViewMode::Absolute => lang.pick("绝对值", "Absolute"),
            ViewMode::Index => lang.pick("指数（首年=100）", "Index (first year = 100)"),
            ViewMode::Change => lang.pick("同比变化 %", "Change on previous year %"),
            ViewMode::TargetShare => lang.pick("完成目标 %", "Share of target %"),
        }
    }
}
