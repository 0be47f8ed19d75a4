//! The command-line arguments of `export`, structured (`arbitrary`): an indicator, regions,
//! `--year`/`--years`, `--width`/`--height` and the mode as the user could type them, through
//! the same value parsers as `yardstick export` (`parse_year_arg`, `parse_years_arg`,
//! `parse_size_arg`) and the export pipeline on the bundled data, in memory. Never a panic;
//! an accepted year lies within YEAR_MIN..=YEAR_MAX and an accepted size within the
//! renderer's range; an export either is refused with a message or gives bytes.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use yardstick::chart::export::{
    ExportFormat, ExportRequest, export_bytes, parse_size_arg, parse_year_arg, parse_years_arg,
    resolve,
};
use yardstick::chart::render::{ExportSize, MAX_SIZE, MIN_SIZE};
use yardstick::chart::{ChartKind, ViewMode, build_chart, csv};
use yardstick::lang::Lang;
use yardstick::model::{Dataset, YEAR_MAX, YEAR_MIN};

/// A year as typed: a number near the data, any number, or any text.
#[derive(Arbitrary, Debug)]
enum YearText {
    Near(u8),
    Any(i64),
    Text(String),
}

impl YearText {
    fn text(&self) -> String {
        match self {
            Self::Near(n) => (2000 + i32::from(*n) / 8).to_string(),
            Self::Any(n) => n.to_string(),
            Self::Text(t) => t.clone(),
        }
    }
}

/// `export`'s flags, as text where the user types text.
#[derive(Arbitrary, Debug)]
struct Args {
    indicator: Option<String>,
    indicator_pick: u8,
    regions: Option<Vec<String>>,
    region_picks: Vec<u8>,
    year: Option<YearText>,
    years: Option<(YearText, YearText, bool)>,
    width: Option<YearText>,
    height: Option<YearText>,
    line: bool,
    mode: u8,
    log: bool,
    english: bool,
    format: u8,
}

fn bundled() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| yardstick::bundled_dataset().expect("the bundled data loads"))
}

fuzz_target!(|args: Args| {
    let dataset = bundled();
    let years = match (&args.year, &args.years) {
        (Some(year), _) => match parse_year_arg(&year.text()) {
            Ok(y) => Some((y, y)),
            Err(_) => return,
        },
        (None, Some((a, b, inclusive))) => {
            let text = format!("{}..{}{}", a.text(), if *inclusive { "=" } else { "" }, b.text());
            match parse_years_arg(&text) {
                Ok(span) => Some(span),
                Err(_) => return,
            }
        }
        (None, None) => None,
    };
    if let Some((a, b)) = years {
        assert!(YEAR_MIN <= a && a <= b && b <= YEAR_MAX, "{a}..{b} accepted");
    }
    let size = |t: &Option<YearText>, default: u32| match t {
        Some(t) => parse_size_arg(&t.text()).ok(),
        None => Some(default),
    };
    let (Some(width), Some(height)) = (size(&args.width, 1600), size(&args.height, 900)) else {
        return;
    };
    assert!((MIN_SIZE..=MAX_SIZE).contains(&width) && (MIN_SIZE..=MAX_SIZE).contains(&height));
    let indicators = dataset.indicators();
    let indicator = args.indicator.clone().unwrap_or_else(|| {
        indicators[usize::from(args.indicator_pick) % indicators.len()].id.clone()
    });
    let regions = args.regions.clone().or_else(|| {
        (!args.region_picks.is_empty()).then(|| {
            let all = dataset.regions();
            args.region_picks
                .iter()
                .map(|&p| all[usize::from(p) % all.len()].id.clone())
                .collect()
        })
    });
    let request = ExportRequest {
        indicator,
        regions,
        years,
        kind: if args.line { ChartKind::Line } else { ChartKind::Bar },
        mode: [ViewMode::Absolute, ViewMode::Index, ViewMode::Change, ViewMode::TargetShare]
            [usize::from(args.mode) % 4],
        log_scale: args.log,
    };
    let Ok(selection) = resolve(dataset, &request) else {
        return;
    };
    let lang = if args.english { Lang::En } else { Lang::Zh };
    let spec = build_chart(dataset, &selection, lang);
    if spec.is_empty() {
        return;
    }
    match args.format % 3 {
        0 => assert!(csv::to_csv(&spec).starts_with('\u{feff}')),
        1 => {
            export_bytes(&spec, ExportFormat::Svg, ExportSize { width, height }).expect("SVG");
        }
        // PNG at the smallest size: the size parser is checked above, the time stays small.
        _ => {
            let small = ExportSize { width: MIN_SIZE, height: MIN_SIZE };
            export_bytes(&spec, ExportFormat::Png, small).expect("PNG");
        }
    }
});
