//! The command line: `validate` output and exit codes.

mod common;

use std::process::Command;

fn yardstick(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn validate_accepts_the_bundled_file_with_a_summary() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/data/chongqing.ron");
    let out = yardstick(&["validate", file]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("ok"), "{stdout}");
    assert!(
        stdout.contains("regions") && stdout.contains("observations"),
        "{stdout}"
    );
}

#[test]
fn validate_refuses_a_bad_file_with_file_line_col_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    let text = common::small_with("region: \"b\"", "region: \"nowhere\"");
    std::fs::write(&path, &text).unwrap();
    let out = yardstick(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let (line, col) = common::position_of(&text, "region: \"nowhere\"");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("bad.ron:{line}:{col}: ")),
        "{stderr}"
    );
    assert!(stderr.contains("unknown region \"nowhere\""), "{stderr}");
}

#[test]
fn validate_of_a_missing_file_is_exit_1() {
    let out = yardstick(&["validate", "/no/such/file.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.ron"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(yardstick(&["validate"]).status.code(), Some(2));
    assert_eq!(yardstick(&["screenshot"]).status.code(), Some(2));
    assert_eq!(yardstick(&["frobnicate", "x", "y"]).status.code(), Some(2));
}
