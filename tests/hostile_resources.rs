//! Issue 10, resource exhaustion: each case ends quickly with exit 1 or 2 and a clear message,
//! under a memory limit (see `hostile/mod.rs`): spans of years, devices, huge and sparse
//! files, pipes read once, and CSV export linear in the number of regions.
#![allow(clippy::unwrap_used)] // helpers of tests: a failed unwrap is a failed test

mod hostile;

use std::path::Path;
use std::time::{Duration, Instant};

use hostile::{DATASET, assert_refused, dataset_with, position_of, run, run_with_stdin};

/// Writes `text` to `dir/name` and returns the path as text.
fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn a_dataset_year_far_away_is_refused_at_its_token_and_export_does_not_build_it() {
    let dir = tempfile::tempdir().unwrap();
    for year in ["2147483647", "-2147483648", "1799", "2201"] {
        let text = dataset_with(
            "indicator: \"output\", year: 2022",
            &format!("indicator: \"output\", year: {year}"),
        );
        let file = write(dir.path(), "ds.ron", &text);
        let (line, col) = position_of(&text, &format!("year: {year}"));
        let validate = run(dir.path(), &["validate", &file]);
        assert_refused(
            &validate,
            1,
            &format!(
                "ds.ron:{line}:{col}: observations[2].year: year {year} is outside 1800..=2200"
            ),
        );
        let out = dir.path().join("out.csv");
        let export = run(
            dir.path(),
            &[
                "export",
                "--data",
                &file,
                "--chart",
                "line",
                "--indicator",
                "output",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert_refused(&export, 1, &format!("ds.ron:{line}:{col}:"));
        assert!(!out.exists());
        assert!(export.took < Duration::from_secs(10), "{:?}", export.took);
    }
}

#[test]
fn year_flags_out_of_range_are_usage_errors_and_negative_numbers_are_values() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let out = out.to_str().unwrap();
    let base = [
        "export",
        "--chart",
        "line",
        "--indicator",
        "gdp",
        "--out",
        out,
    ];
    for (flag, value, wanted) in [
        ("--years", "0..1000000000", "year 0 is outside 1800..2200"),
        (
            "--years",
            "2000..1000000000",
            "year 1000000000 is outside 1800..2200",
        ),
        (
            "--years",
            "-2147483648..2147483647",
            "year -2147483648 is outside 1800..2200",
        ),
        ("--year", "-500", "year -500 is outside 1800..2200"),
        (
            "--year",
            "99999999999",
            "year 99999999999 is outside 1800..2200",
        ),
        (
            "--years",
            "2025..2020",
            "the year span 2025..2020 runs backwards",
        ),
    ] {
        let mut args = base.to_vec();
        args.extend([flag, value]);
        let r = run(dir.path(), &args);
        assert_refused(&r, 2, wanted);
        assert!(!r.stderr.contains("unexpected argument"), "{r:?}");
    }
    assert!(!Path::new(out).exists());
}

#[test]
fn a_saved_view_spanning_every_i32_is_refused_by_validate_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let data = write(dir.path(), "ds.ron", DATASET);
    let text = "Scenario(format: 1, name: \"s\", dataset: \"ds.ron\", view: Some((chart: Line, \
                indicator: \"days\", regions: [\"a\"], years: (-2147483648, 2147483647))))\n";
    let scenario = write(dir.path(), "sc.ron", text);
    let (line, col) = position_of(text, "years: (");
    let r = run(dir.path(), &["validate", &scenario]);
    assert_refused(
        &r,
        1,
        &format!("sc.ron:{line}:{col}: view.years: year -2147483648 is outside 1800..=2200"),
    );
    let out = dir.path().join("x.svg");
    let r = run(
        dir.path(),
        &[
            "export",
            "--data",
            &data,
            "--scenario",
            &scenario,
            "--chart",
            "line",
            "--indicator",
            "days",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_refused(&r, 1, &format!("sc.ron:{line}:{col}:"));
}

#[test]
fn devices_folders_and_huge_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    for device in ["/dev/zero", "/dev/urandom"] {
        let r = run(dir.path(), &["validate", device]);
        assert_refused(
            &r,
            1,
            &format!("{device}: cannot read the file: it is not a regular file"),
        );
        assert!(r.took < Duration::from_secs(10), "{:?}", r.took);
    }
    let r = run(dir.path(), &["validate", "."]);
    assert_refused(&r, 1, ".: cannot read the file: it is a folder");

    // 2 GB of nothing (sparse): refused by its size, not read.
    let sparse = dir.path().join("sparse.ron");
    std::fs::File::create(&sparse)
        .unwrap()
        .set_len(2_000_000_000)
        .unwrap();
    let r = run(dir.path(), &["validate", sparse.to_str().unwrap()]);
    assert_refused(
        &r,
        1,
        "the file is 2000000000 bytes; the limit for a dataset or scenario file is 1 GiB (1073741824 bytes)",
    );
    // 900 MB of NUL bytes (under the limit): its first bytes decide, the rest is not read.
    let zeros = dir.path().join("zeros.ron");
    std::fs::File::create(&zeros)
        .unwrap()
        .set_len(900_000_000)
        .unwrap();
    let r = run(dir.path(), &["validate", zeros.to_str().unwrap()]);
    assert_refused(
        &r,
        1,
        "zeros.ron:1:1: expected a file starting with `Dataset(`",
    );

    // A scenario whose dataset is a device; a screenshot of a device (no window opens).
    let text = "Scenario(format: 1, name: \"s\", dataset: \"/dev/zero\")\n";
    let scenario = write(dir.path(), "sc.ron", text);
    let (line, col) = position_of(text, "\"/dev/zero\"");
    let r = run(dir.path(), &["validate", &scenario]);
    assert_refused(
        &r,
        1,
        &format!("sc.ron:{line}:{col}: cannot read the scenario's dataset \"/dev/zero\""),
    );
    let out = dir.path().join("shot.png");
    let r = run(
        dir.path(),
        &["screenshot", "/dev/zero", "--out", out.to_str().unwrap()],
    );
    assert_refused(
        &r,
        1,
        "/dev/zero: cannot read the file: it is not a regular file",
    );
    assert!(!out.exists());
}

#[test]
fn a_pipe_is_read_once_whole() {
    let dir = tempfile::tempdir().unwrap();
    // /dev/stdin fed by a pipe.
    let r = run_with_stdin(
        dir.path(),
        &["validate", "/dev/stdin"],
        Some(DATASET.as_bytes()),
    );
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stdout.contains("ok — 2 regions"), "{r:?}");
    // A FIFO with a writer: read once (a second open would wait forever).
    let fifo = dir.path().join("fifo.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || std::fs::write(writer_path, DATASET));
    let r = run(dir.path(), &["validate", fifo.to_str().unwrap()]);
    writer.join().unwrap().unwrap();
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stdout.contains("ok — 2 regions"), "{r:?}");
}

#[test]
fn csv_export_is_linear_in_regions() {
    use yardstick::chart::export::{ExportRequest, resolve};
    use yardstick::chart::{ChartKind, ViewMode, build_chart, csv};
    use yardstick::lang::Lang;
    // 40,000 regions × 1 year: quadratic ordering took minutes here, linear takes well
    // under a second even in a debug build.
    let dataset = yardstick::model::synthetic::synthetic_dataset(40_000, 1, 1, 7);
    let request = ExportRequest {
        indicator: yardstick::model::synthetic::indicator_id(0),
        regions: None,
        years: None,
        kind: ChartKind::Bar,
        mode: ViewMode::Absolute,
        log_scale: false,
    };
    // Timed from the request: choosing the year (`best_covered_year`) was quadratic too.
    let started = Instant::now();
    let selection = resolve(&dataset, &request).unwrap();
    let spec = build_chart(&dataset, &selection, Lang::En);
    let text = csv::to_csv(&spec);
    let took = started.elapsed();
    assert_eq!(text.lines().count(), 40_001);
    assert!(
        took < Duration::from_secs(5),
        "the CSV export of 40k regions took {took:?}"
    );
}

#[test]
fn the_window_opens_a_view_spanning_every_i32_without_building_every_year() {
    // The view is reported and the chart is built over the years that can hold data.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs/s_view_years_huge.ron");
    let mut app = yardstick::ui::YardstickApp::new(yardstick::bundled_dataset().unwrap(), None);
    let started = Instant::now();
    assert!(app.open_any(&path));
    let error = app.error().unwrap_or_default();
    assert!(
        error.contains("view.years: year -2147483648 is outside 1800..=2200"),
        "{error}"
    );
    let spec = app.chart_spec().expect("a chart");
    assert!(spec.series.len() < 10_000, "{} series", spec.series.len());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}
