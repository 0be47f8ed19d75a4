//! Saving is crash-safe: a process killed with SIGKILL at a random moment while saving a large
//! scenario leaves the file as the complete old version or the complete new one, never a mix
//! or a cut-off file.
//!
//! The process killed is this test binary itself, started again in "saver" mode (see
//! [`saver_child`]): it builds a large synthetic scenario and its text, says it is ready, and
//! on "go" writes the text over the old version with `yardstick::io::write_atomic`, which is
//! what `yardstick::io::save_scenario` does once it has the text. (Making the text first takes
//! seconds in a debug build; with it made before "go", the kills can be aimed at the write.) (A cargo example would do the
//! same, but examples get no `CARGO_BIN_EXE_*` variable and `cargo test --test crash_safety`
//! does not build them, so the test could run a missing or stale binary; the test binary is
//! always there and always current.) Each round's saver is started while the previous round
//! is checked, so its start-up cost is hidden.
//!
//! Half the kills fall anywhere from "go" to a little after the save; the other half aim at
//! the short window where the temporary file is written, synced and renamed. At least one
//! kill must land inside that window and at least one after it, or the test fails.
//!
//! What a kill may leave besides the file: the atomic writer's temporary file
//! `.NAME.tmp-PID` (written, then renamed over NAME). A writer killed before the rename leaves
//! it behind, complete or partial; it is never read as the scenario. The test checks the real
//! file, allows only such leftovers beside it, and counts them.

use std::io::{BufRead, BufReader, Lines, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use yardstick::io::{load_scenario, save_scenario, scenario_to_ron, write_atomic};
use yardstick::model::synthetic::{SplitMix64, synthetic_dataset, synthetic_scenario};
use yardstick::model::{Dataset, Scenario};

/// Environment variable that turns this test binary into the saver: the scenario file's path.
const CHILD_ENV: &str = "YARDSTICK_CRASH_SAVER";
/// What the saver prints once its scenario is built.
const READY: &str = "YARDSTICK-SAVER-READY";
/// Edits per scenario: about 11.5 MB of RON.
const EDITS: usize = 100_000;
/// Kill-and-check rounds (fewer when the budget runs out first; at least 5 must run).
const ROUNDS: usize = 30;
/// No new round starts after this much time (so the test stays under about 30 s).
const BUDGET: Duration = Duration::from_secs(24);

/// The dataset both versions are built on: 500 regions × 20 indicators × 10 years leaves
/// 200,000 cells for 100,000 edits.
fn base() -> Dataset {
    synthetic_dataset(500, 20, 10, 7)
}

/// Version `seed` of the scenario (1 is the old one, 2 the new one).
fn version(base: &Dataset, seed: u64) -> Scenario {
    let mut scenario = synthetic_scenario(base, EDITS, 200, seed);
    scenario.name = format!("version {seed}");
    scenario
}

/// The saver (does anything only when started by the test below): builds the new version,
/// prints READY, waits for a line on stdin, saves, then waits to be killed.
#[test]
fn saver_child() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return; // an ordinary test run: nothing to do
    };
    let new = version(&base(), 2);
    let text = scenario_to_ron(&new);
    println!("{READY}");
    let mut line = String::new();
    let stdin = std::io::stdin();
    if stdin.read_line(&mut line).unwrap_or(0) == 0 {
        return; // the test is gone
    }
    write_atomic(Path::new(&path), text.as_bytes()).expect("save the new version");
    println!("saved");
    // Stay until killed (or until the test closes stdin, or it fails).
    stdin.read_line(&mut line).ok();
}

/// A started saver and its stdout.
struct Saver {
    child: Child,
    stdout: Lines<BufReader<ChildStdout>>,
    dir: PathBuf,
}

/// Writes the old version into a fresh folder `dir` and starts a saver on it.
fn start_saver(exe: &Path, dir: PathBuf, old_text: &str) -> Saver {
    std::fs::create_dir_all(&dir).expect("make the round's folder");
    std::fs::write(dir.join("big.ron"), old_text).expect("write the old version");
    let mut child = Command::new(exe)
        .args(["--exact", "saver_child", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, dir.join("big.ron"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the saver");
    let stdout = BufReader::new(child.stdout.take().expect("piped stdout")).lines();
    Saver { child, stdout, dir }
}

impl Saver {
    /// Blocks until the saver has built its scenario.
    fn wait_ready(&mut self) {
        // libtest may print "test saver_child ... " on the same line first.
        let ready = self
            .stdout
            .by_ref()
            .any(|line| line.is_ok_and(|l| l.contains(READY)));
        assert!(ready, "the saver did not start");
    }

    fn go(&mut self) {
        let stdin = self.child.stdin.as_mut().expect("piped stdin");
        stdin.write_all(b"go\n").expect("tell the saver to save");
        stdin.flush().expect("tell the saver to save");
    }

    fn kill(mut self) -> PathBuf {
        self.child.kill().expect("kill the saver"); // SIGKILL on Unix
        let status = self.child.wait().expect("reap the saver");
        assert!(!status.success(), "the saver ended on its own: {status}");
        self.dir
    }
}

#[test]
fn killed_while_saving_leaves_old_or_new_file() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let started = Instant::now();
    let base = base();
    let (old, new) = (version(&base, 1), version(&base, 2));
    let old_text = scenario_to_ron(&old);
    let serialise = Instant::now();
    let new_text = scenario_to_ron(&new);
    let serialise = serialise.elapsed();
    assert_ne!(old_text, new_text);
    let temp = tempfile::tempdir().unwrap();

    // Both versions survive a save + load unchanged, so "equal to old or new" is a fair test.
    let path = temp.path().join("check.ron");
    save_scenario(&path, &old).unwrap();
    assert_eq!(load_scenario(&path).unwrap(), old);
    let write = Instant::now();
    write_atomic(&path, new_text.as_bytes()).unwrap();
    let write = write.elapsed();
    assert_eq!(load_scenario(&path).unwrap(), new);
    std::fs::remove_file(&path).unwrap();
    eprintln!(
        "scenario of {EDITS} edits, {} bytes: to text {serialise:.0?}, write + sync + rename \
         {write:.0?}; set up in {:.1?}",
        new_text.len(),
        started.elapsed()
    );
    // When the saver starts writing, counted from "go": at once, as its text is made (the
    // pipe and a busy machine add a little); each aimed kill then moves it (a kill that found
    // the old file and no temporary file came too early, one that found the new file too
    // late).
    let mut aim_ms = 1;
    let write_ms = write.as_millis() as u64;
    let step_ms = (aim_ms / 10).max(5);

    let exe = std::env::current_exe().unwrap();
    let mut rng = SplitMix64::new(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
    );
    let (mut saw_old, mut saw_new, mut leftovers) = (0, 0, 0);
    let rounds_started = Instant::now();
    let mut next = Some(start_saver(&exe, temp.path().join("r0"), &old_text));
    let mut rounds = 0;
    while let Some(mut saver) = next.take() {
        rounds += 1;
        saver.wait_ready();
        if rounds < ROUNDS && rounds_started.elapsed() < BUDGET {
            // Build the next saver's scenario while this round runs.
            next = Some(start_saver(
                &exe,
                temp.path().join(format!("r{rounds}")),
                &old_text,
            ));
        }
        let delay_ms = if rounds % 2 == 0 {
            // After the write, most likely (it may take longer here than it took above).
            aim_ms + write_ms * 2 + 50 + rng.below(write_ms as usize + 1) as u64
        } else {
            // Inside the write: from its start to its end.
            aim_ms + rng.below(write_ms as usize + 1) as u64
        };
        saver.go();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let dir = saver.kill();

        // The file is exactly one of the two versions, byte for byte and as a scenario.
        let file = dir.join("big.ron");
        let bytes = std::fs::read(&file).unwrap();
        let expected = if bytes == old_text.as_bytes() {
            saw_old += 1;
            &old
        } else if bytes == new_text.as_bytes() {
            saw_new += 1;
            &new
        } else {
            panic!(
                "round {rounds}, killed after {delay_ms} ms: big.ron is neither version ({} bytes)",
                bytes.len()
            );
        };
        let loaded = load_scenario(&file)
            .unwrap_or_else(|e| panic!("round {rounds}: big.ron does not load: {e}"));
        assert!(
            &loaded == expected,
            "round {rounds}: loads as something else"
        );

        // Only the atomic writer's temporary file may be left beside it.
        let leftovers_before = leftovers;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name != "big.ron" {
                assert!(
                    name.starts_with(".big.ron.tmp-"),
                    "round {rounds}: unexpected file left: {name}"
                );
                leftovers += 1;
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
        if rounds % 2 == 1 {
            let left = leftovers > leftovers_before;
            if std::ptr::eq(expected, &old) && !left {
                aim_ms += step_ms;
            } else if std::ptr::eq(expected, &new) {
                aim_ms = aim_ms.saturating_sub(step_ms);
            }
        }
    }
    eprintln!(
        "{rounds} kills in {:.1?}: old version {saw_old}×, new version {saw_new}×, a \
         temporary file left beside it {leftovers}×; the write began about {aim_ms} ms after \
         \"go\"",
        rounds_started.elapsed()
    );
    assert!(rounds >= 5, "only {rounds} rounds ran in the time budget");
    // A test whose every kill landed before the save proves nothing: at least one kill came
    // inside the write (a temporary file left, the old version in place) and at least one
    // after it (the complete new version).
    assert!(
        leftovers >= 1,
        "no kill landed inside the write window in {rounds} rounds"
    );
    assert!(
        saw_new >= 1,
        "no round saw the complete new file in {rounds} rounds"
    );
}
