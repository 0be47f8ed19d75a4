//! The skip rule of the real-window tests (README: "In CI a window test that cannot find a
//! display fails … without one, set YARDSTICK_SKIP_WINDOW_TESTS=1 to skip the real-window
//! tests on purpose"), and a runner that checks it from inside a test binary.

/// Whether a window test may be skipped because `why` (no display, no xdotool):
/// `YARDSTICK_SKIP_WINDOW_TESTS=1`, and not in CI. Otherwise the test fails, saying `why`.
pub fn skip_on_purpose(why: &str) -> bool {
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{why} in CI (CI=true): run the tests under xvfb-run (scripts/test.sh)"
    );
    assert!(
        std::env::var("YARDSTICK_SKIP_WINDOW_TESTS").as_deref() == Ok("1"),
        "{why}: run the tests under xvfb-run (see README), or set YARDSTICK_SKIP_WINDOW_TESTS=1"
    );
    eprintln!("skipped on purpose (YARDSTICK_SKIP_WINDOW_TESTS=1): {why}");
    true
}

/// Runs one test of this very test binary with no display and `envs`: (passed, its output).
pub fn run_this_test_without_a_display(test: &str, envs: &[(&str, &str)]) -> (bool, String) {
    let output = std::process::Command::new(std::env::current_exe().expect("the test binary"))
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("CI")
        .env_remove("YARDSTICK_SKIP_WINDOW_TESTS")
        .envs(envs.iter().copied())
        .output()
        .expect("the test binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(text.contains("running 1 test"), "{text}");
    (output.status.success(), text)
}
