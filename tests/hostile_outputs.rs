//! Issue 10, never destroy the user's files: an output that is an input, a read-only output,
//! a symbolic or hard link as output, stale temporary files; and the same rules for what the
//! window writes (scenario save, export).
#![allow(clippy::unwrap_used)] // helpers of tests: a failed unwrap is a failed test

mod hostile;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use hostile::{DATASET, assert_refused, run};

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn export_args<'a>(data: &'a str, out: &'a str) -> Vec<&'a str> {
    vec![
        "export",
        "--data",
        data,
        "--chart",
        "bar",
        "--indicator",
        "days",
        "--out",
        out,
    ]
}

#[test]
fn an_output_that_is_an_input_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    // A dataset named like an export, in every format, and by another path.
    for name in ["ds.csv", "ds.svg", "ds.png"] {
        let data = write(dir.path(), name, DATASET);
        let r = run(dir.path(), &export_args(&data, &data));
        assert_refused(&r, 1, "it is an input of this command");
        assert_eq!(std::fs::read_to_string(&data).unwrap(), DATASET);
        let r = run(
            &sub,
            &export_args(&format!("../{name}"), &format!("./../{name}")),
        );
        assert_refused(&r, 1, "it is an input of this command");
        assert_eq!(std::fs::read_to_string(&data).unwrap(), DATASET);
    }
    // The scenario itself, and the dataset the scenario names.
    write(dir.path(), "ds.ron", DATASET);
    let scenario_text = "Scenario(format: 1, name: \"s\", dataset: \"ds.ron\")\n";
    let scenario = write(dir.path(), "sc.csv", scenario_text);
    let args = |out: &'static str| {
        vec![
            "export",
            "--scenario",
            "sc.csv",
            "--chart",
            "bar",
            "--indicator",
            "days",
            "--out",
            out,
        ]
    };
    let r = run(dir.path(), &args("sc.csv"));
    assert_refused(&r, 1, "it is an input of this command");
    assert_eq!(std::fs::read_to_string(&scenario).unwrap(), scenario_text);
    // A dataset named .svg that the scenario refers to, given as --out.
    write(dir.path(), "ds2.svg", DATASET);
    let scenario_text = "Scenario(format: 1, name: \"s\", dataset: \"ds2.svg\")\n";
    write(dir.path(), "sc2.ron", scenario_text);
    let r = run(
        dir.path(),
        &[
            "export",
            "--scenario",
            "sc2.ron",
            "--chart",
            "bar",
            "--indicator",
            "days",
            "--out",
            "ds2.svg",
        ],
    );
    assert_refused(&r, 1, "it is an input of this command");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ds2.svg")).unwrap(),
        DATASET
    );
    // Even with --data naming another copy, the scenario's own dataset is kept.
    write(dir.path(), "copy.ron", DATASET);
    let r = run(
        dir.path(),
        &[
            "export",
            "--data",
            "copy.ron",
            "--scenario",
            "sc2.ron",
            "--chart",
            "bar",
            "--indicator",
            "days",
            "--out",
            "ds2.svg",
        ],
    );
    assert_refused(&r, 1, "it is an input of this command");
    // A dataset file that is not an input is not replaced by an export either.
    write(dir.path(), "other.csv", DATASET);
    let data = dir.path().join("ds.ron").display().to_string();
    let r = run(dir.path(), &export_args(&data, "other.csv"));
    assert_refused(&r, 1, "it holds a Yardstick dataset file");
}

#[test]
fn a_read_only_output_is_refused_and_a_writable_one_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let data = write(dir.path(), "ds.ron", DATASET);
    let out = dir.path().join("out.csv");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o444)).unwrap();
    let r = run(dir.path(), &export_args(&data, out.to_str().unwrap()));
    assert_refused(&r, 1, "the file is read-only; it was left as it is");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    assert_eq!(std::fs::metadata(&out).unwrap().mode() & 0o777, 0o444);

    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    let r = run(dir.path(), &export_args(&data, out.to_str().unwrap()));
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(std::fs::read_to_string(&out).unwrap().contains("region"));
    assert_eq!(std::fs::metadata(&out).unwrap().mode() & 0o777, 0o640);
}

#[test]
fn links_are_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let data = write(dir.path(), "ds.ron", DATASET);
    let real_dir = dir.path().join("real");
    std::fs::create_dir(&real_dir).unwrap();
    let target = real_dir.join("chart.csv");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let r = run(dir.path(), &export_args(&data, link.to_str().unwrap()));
    assert_eq!(r.code, Some(0), "{r:?}");
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    assert!(std::fs::read_to_string(&target).unwrap().contains("region"));

    // A link to a dataset input is still that input.
    let data_link = dir.path().join("data-link.csv");
    std::os::unix::fs::symlink(&data, &data_link).unwrap();
    let r = run(dir.path(), &export_args(&data, data_link.to_str().unwrap()));
    assert_refused(&r, 1, "it is an input of this command");
    assert_eq!(std::fs::read_to_string(&data).unwrap(), DATASET);

    // A hard link stays one file with two names.
    let first = dir.path().join("a.csv");
    let second = dir.path().join("b.csv");
    std::fs::write(&first, "old").unwrap();
    std::fs::hard_link(&first, &second).unwrap();
    let r = run(dir.path(), &export_args(&data, first.to_str().unwrap()));
    assert_eq!(r.code, Some(0), "{r:?}");
    let (a, b) = (
        std::fs::metadata(&first).unwrap(),
        std::fs::metadata(&second).unwrap(),
    );
    assert_eq!((a.ino(), a.nlink()), (b.ino(), 2));
    assert!(std::fs::read_to_string(&second).unwrap().contains("region"));
}

#[test]
fn stale_temp_files_of_dead_processes_are_removed_on_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    let data = write(dir.path(), "ds.ron", DATASET);
    // A PID above the kernel's maximum (4194304) is never alive.
    let stale = dir.path().join(".out.csv.tmp-4194305");
    let live = dir
        .path()
        .join(format!(".out.csv.tmp-{}", std::process::id()));
    let not_ours = dir.path().join(".notes.txt");
    for path in [&stale, &live, &not_ours] {
        std::fs::write(path, "x").unwrap();
    }
    let r = run(dir.path(), &export_args(&data, "out.csv"));
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(!stale.exists(), "the stale temp file is still there");
    assert!(live.exists(), "a running process's temp file was removed");
    assert!(not_ours.exists());
}

#[test]
fn saving_a_scenario_over_its_dataset_or_any_dataset_is_refused() {
    use yardstick::io::{save_scenario, sniff_file_kind};
    use yardstick::model::Scenario;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ds.ron");
    std::fs::write(&data, DATASET).unwrap();
    // What the window writes: the dataset named relative to the scenario file.
    let scenario = Scenario::new("s", "ds.ron");
    let err = save_scenario(&data, &scenario).unwrap_err();
    assert!(err.to_string().contains("dataset"), "{err}");
    assert_eq!(std::fs::read_to_string(&data).unwrap(), DATASET);
    let other = dir.path().join("other.ron");
    std::fs::write(&other, DATASET).unwrap();
    let err = save_scenario(&other, &scenario).unwrap_err();
    assert!(err.to_string().contains("holds a dataset"), "{err}");
    assert_eq!(
        sniff_file_kind(&other),
        Some(yardstick::io::FileKind::Dataset)
    );
    // A normal save works, and keeps working over its own earlier version.
    let path = dir.path().join("sc.ron");
    save_scenario(&path, &scenario).unwrap();
    save_scenario(&path, &scenario).unwrap();
}
