//! Hand-made specs for the renderer's tests.

use crate::chart::{ChartKind, ChartSpec, Point, PointKind, ReferenceLine, Series, ViewMode};
use crate::lang::Lang;

/// A point of region `region` in `year` at x `x`.
pub fn point(region: &str, year: i32, x: f64, value: f64, kind: PointKind) -> Point {
    Point {
        x,
        year,
        region_id: region.to_owned(),
        region: region.to_owned(),
        value,
        raw_value: value,
        published: Some(value),
        kind,
        source: "测试来源".to_owned(),
        note: None,
        bound: Default::default(),
        measure: Default::default(),
        months: None,
    }
}

fn base(kind: ChartKind) -> ChartSpec {
    ChartSpec {
        kind,
        mode: ViewMode::Absolute,
        indicator_id: "industrial_output".to_owned(),
        indicator: "工业总产值".to_owned(),
        title: "工业总产值（2022–2025）".to_owned(),
        subtitle: "测试数据".to_owned(),
        unit: "亿元".to_owned(),
        x_label: String::new(),
        categories: Vec::new(),
        series: Vec::new(),
        reference: None,
        log_scale: false,
        no_data: Vec::new(),
        source_line: "资料来源：万盛经开区统计公报；綦江区政府工作报告".to_owned(),
        notes: Vec::new(),
        lang: Lang::Zh,
    }
}

/// Two regions; an actual bar, an estimate bar and a target bar each.
pub fn small_bar() -> ChartSpec {
    let mut spec = base(ChartKind::Bar);
    spec.categories = vec!["万盛经开区".to_owned(), "綦江区".to_owned()];
    spec.series = vec![
        Series {
            name: "2022".to_owned(),
            kind: PointKind::Actual,
            color_index: 0,
            points: vec![
                point("万盛经开区", 2022, 0.0, 320.5, PointKind::Actual),
                point("綦江区", 2022, 1.0, 410.0, PointKind::Actual),
            ],
        },
        Series {
            name: "2023 估计".to_owned(),
            kind: PointKind::Estimate,
            color_index: 1,
            points: vec![point("万盛经开区", 2023, 0.0, 350.0, PointKind::Estimate)],
        },
        Series {
            name: "2025 目标".to_owned(),
            kind: PointKind::Target,
            color_index: 2,
            points: vec![
                point("万盛经开区", 2025, 0.0, 500.0, PointKind::Target),
                point("綦江区", 2025, 1.0, 600.0, PointKind::Target),
            ],
        },
    ];
    spec.no_data = vec!["涪陵区".to_owned(), "资阳市".to_owned()];
    spec.notes = vec!["万盛经开区 2023: 预计数".to_owned()];
    spec
}

/// One region's actual values 2018, 2019, 2021, 2022 (2020 missing) and a 2025 target.
pub fn gap_line() -> ChartSpec {
    let mut spec = base(ChartKind::Line);
    spec.title = "工业总产值（2018–2025）".to_owned();
    spec.x_label = "年份".to_owned();
    let years = [(2018, 200.0), (2019, 230.0), (2021, 260.0), (2022, 300.0)];
    spec.series = vec![
        Series {
            name: "万盛经开区".to_owned(),
            kind: PointKind::Actual,
            color_index: 0,
            points: years
                .iter()
                .map(|&(y, v)| point("万盛经开区", y, f64::from(y), v, PointKind::Actual))
                .collect(),
        },
        Series {
            name: "万盛经开区 目标".to_owned(),
            kind: PointKind::Target,
            color_index: 0,
            points: vec![point("万盛经开区", 2025, 2025.0, 500.0, PointKind::Target)],
        },
    ];
    spec.reference = Some(ReferenceLine {
        value: 250.0,
        label: "参考".to_owned(),
    });
    spec
}

/// `small_bar` without any point.
pub fn empty() -> ChartSpec {
    let mut spec = small_bar();
    for s in &mut spec.series {
        s.points.clear();
    }
    spec.categories.clear();
    spec
}
