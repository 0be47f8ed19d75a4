//! The skip rule of the real-window tests, checked from inside a test binary.

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
