//! Every UI string, in one typed catalogue: a missing translation is a compile error.

use crate::lang::Lang;

/// A piece of UI text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// Menu: File.
    File,
    /// Menu item: Open… (file dialog).
    Open,
    /// Menu item: Open a typed path.
    OpenPath,
    /// Menu item: Open the bundled dataset.
    OpenBundled,
    /// Menu item: Quit.
    Quit,
    /// Menu: Language.
    Language,
    /// Side panel heading: indicator.
    Indicator,
    /// Side panel heading: regions.
    Regions,
    /// Button: select all.
    All,
    /// Button: select none.
    None,
    /// Tab: chart.
    Chart,
    /// Tab: table.
    Table,
    /// Column: region.
    Region,
    /// Column: year.
    Year,
    /// Column: value.
    Value,
    /// Column: unit.
    Unit,
    /// Column: kind.
    Kind,
    /// Column: source.
    Source,
    /// Column: note.
    Note,
    /// "no data" label.
    NoData,
    /// Year shown in the chart.
    ChartYear,
    /// Dismiss an error.
    Dismiss,
    /// Could not open a file.
    OpenFailed,
    /// Path field hint.
    PathHint,
    /// Cancel.
    Cancel,
    /// Drop hint.
    DropHint,
    /// Table filter: only the chosen indicator.
    OnlyThisIndicator,
    /// Nothing selected to chart.
    NothingSelected,
    /// Observations count.
    Observations,
    /// Menu item: export the chart.
    ExportChart,
    /// Menu item: export the chart's data.
    ExportData,
    /// Tab: published targets and how they are tracking.
    Targets,
    /// Tab: rankings and composite scores.
    Rankings,
}

impl Text {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Text::File => ("文件", "File"),
            Text::Open => ("打开…", "Open…"),
            Text::OpenPath => ("按路径打开…", "Open path…"),
            Text::OpenBundled => ("打开内置数据", "Open bundled data"),
            Text::Quit => ("退出", "Quit"),
            Text::Language => ("语言", "Language"),
            Text::Indicator => ("指标", "Indicator"),
            Text::Regions => ("地区", "Regions"),
            Text::All => ("全选", "All"),
            Text::None => ("全不选", "None"),
            Text::Chart => ("图表", "Chart"),
            Text::Table => ("数据表", "Table"),
            Text::Region => ("地区", "Region"),
            Text::Year => ("年份", "Year"),
            Text::Value => ("数值", "Value"),
            Text::Unit => ("单位", "Unit"),
            Text::Kind => ("类型", "Kind"),
            Text::Source => ("来源", "Source"),
            Text::Note => ("备注", "Note"),
            Text::NoData => ("无数据", "no data"),
            Text::ChartYear => ("年份", "Year"),
            Text::Dismiss => ("关闭", "Dismiss"),
            Text::OpenFailed => ("无法打开文件", "Could not open the file"),
            Text::PathHint => ("数据文件路径（.ron）", "Path of a dataset file (.ron)"),
            Text::Cancel => ("取消", "Cancel"),
            Text::DropHint => (
                "也可以把 .ron 文件拖到窗口中打开",
                "You can also drop a .ron file on the window",
            ),
            Text::OnlyThisIndicator => ("仅当前指标", "Only this indicator"),
            Text::NothingSelected => ("请选择至少一个地区", "Select at least one region"),
            Text::Observations => ("条观测值", "observations"),
            Text::ExportChart => ("导出图表…", "Export chart…"),
            Text::ExportData => ("导出数据…", "Export data…"),
            Text::Targets => ("目标", "Targets"),
            Text::Rankings => ("排名", "Rankings"),
        };
        lang.pick(zh, en)
    }
}
