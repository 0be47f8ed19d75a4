//! The bad-input corpus: every file of `tests/bad_inputs/` (listed, with what it must give, in
//! `tests/bad_inputs/manifest.ron`) plus a few generated at run time (10 MB of nesting), each
//! run through the three ways a file gets in:
//!
//! 1. the loader (`load_dataset`, or `load_scenario` + its dataset + `check_scenario`): the
//!    error kind and the line and column of the first diagnostic;
//! 2. `yardstick validate FILE`: exit 1 with `FILE:LINE:COL:` on stderr (exit 0 for good files);
//! 3. the window's open path (`YardstickApp::open_any`): a refused file leaves the data and the
//!    open scenarios as they were and says which file is wrong.
//!
//! Nothing may panic: each file runs under `catch_unwind`, and every failure is collected so
//! one run names every file that misbehaves. `BAD_INPUTS_PRINT=1` prints what each file
//! actually gives, in manifest syntax, for writing new entries.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;
use yardstick::io::{
    LoadError, check_scenario, load_dataset, load_referenced_dataset, load_scenario_text,
};
use yardstick::model::Dataset;
use yardstick::ui::YardstickApp;

/// How the loader is asked to read a file.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
enum As {
    Dataset,
    Scenario,
}

/// What a file must give.
#[derive(Clone, Debug, Deserialize, PartialEq)]
enum Expect {
    /// It loads.
    Ok,
    /// It is refused: the `ErrorKind` as `{:?}` prints it (`"Syntax"`,
    /// `"Invalid(UnknownRegion)"`), and the (line, column) of the first diagnostic, if any.
    Err(String, Option<(usize, usize)>),
}

/// One line of the manifest.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    /// File name inside `tests/bad_inputs/`.
    file: String,
    /// Read with `load_dataset` or as a scenario.
    load_as: As,
    /// What the loader gives.
    expect: Expect,
    /// `validate` and the window tell datasets from scenarios by the first word; when that
    /// reads the file differently from `load_as` (a valid dataset given as a scenario), what
    /// they give instead.
    #[serde(default)]
    as_detected: Option<Expect>,
    /// The file the location is in, when it is not this one (a scenario's broken dataset).
    #[serde(default)]
    in_file: Option<String>,
    /// What is wrong with the file, for people.
    #[serde(default)]
    #[allow(dead_code)]
    why: String,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs")
}

fn manifest() -> Vec<Entry> {
    let path = corpus_dir().join("manifest.ron");
    let text = std::fs::read_to_string(&path).expect("tests/bad_inputs/manifest.ron is readable");
    ron::Options::default()
        .from_str(&text)
        .unwrap_or_else(|e| panic!("manifest.ron: {e}"))
}

/// The kind and location of `err` in manifest form.
fn as_expect(err: &LoadError) -> Expect {
    Expect::Err(
        format!("{:?}", err.kind()),
        err.location().map(|l| (l.line, l.col)),
    )
}

/// What the loader gives for `path` read as `load_as`, and the path the error names.
fn load(path: &Path, load_as: As) -> (Expect, Option<String>) {
    let result = match load_as {
        As::Dataset => load_dataset(path).map(drop),
        As::Scenario => load_scenario_text(path).and_then(|(text, scenario)| {
            let (_, dataset) = load_referenced_dataset(path, &text, &scenario)?;
            check_scenario(&path.display().to_string(), &text, &scenario, &dataset)
        }),
    };
    match result {
        Ok(()) => (Expect::Ok, None),
        Err(err) => (as_expect(&err), Some(err.path.clone())),
    }
}

/// (a) The loader gives the expected kind and location, naming the right file.
fn check_loader(path: &Path, entry: &Entry) -> Result<(), String> {
    let (got, named) = load(path, entry.load_as);
    if got != entry.expect {
        return Err(format!("loader: expected {:?}, got {got:?}", entry.expect));
    }
    if let Some(named) = named {
        let wanted = located_file(path, entry);
        if Path::new(&named) != wanted {
            return Err(format!(
                "loader: the error names {named}, expected {}",
                wanted.display()
            ));
        }
    }
    Ok(())
}

/// The file an entry's location is in.
fn located_file(path: &Path, entry: &Entry) -> PathBuf {
    match &entry.in_file {
        Some(other) => path.with_file_name(other),
        None => path.to_path_buf(),
    }
}

/// What `validate` and the window must give.
fn detected(entry: &Entry) -> &Expect {
    entry.as_detected.as_ref().unwrap_or(&entry.expect)
}

/// Address-space limit for each `validate` run: the 10 MB generated inputs need far less.
const MEMORY_LIMIT: u64 = 1536 * 1024 * 1024;

/// (b) `yardstick validate FILE`: exit 0 for good files; exit 1 with `FILE:LINE:COL:` (or at
/// least the file name) on stderr for bad ones; never a panic.
fn check_cli(path: &Path, entry: &Entry) -> Result<(), String> {
    // Under a memory limit and a time limit: an unbounded allocation or a hang fails this
    // file instead of the machine.
    let output = Command::new("prlimit")
        .arg(format!("--as={MEMORY_LIMIT}"))
        .args(["--", "timeout", "-s", "KILL", "60"])
        .arg(env!("CARGO_BIN_EXE_yardstick"))
        .arg("validate")
        .arg(path)
        .output()
        .map_err(|e| format!("validate: cannot run the binary: {e}"))?;
    if matches!(output.status.code(), Some(124 | 137) | None) {
        return Err(format!(
            "validate: killed (out of time or memory): {:?}",
            output.status
        ));
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code();
    if stderr.contains("panicked") {
        return Err(format!("validate panicked: {stderr}"));
    }
    match detected(entry) {
        Expect::Ok if code == Some(0) => Ok(()),
        Expect::Ok => Err(format!("validate: expected exit 0, got {code:?}: {stderr}")),
        Expect::Err(_, at) => {
            if code != Some(1) {
                return Err(format!("validate: expected exit 1, got {code:?}: {stderr}"));
            }
            let file = located_file(path, entry).display().to_string();
            let wanted = match at {
                Some((line, col)) => format!("{file}:{line}:{col}: "),
                None => format!("{file}: "),
            };
            if stderr.contains(&wanted) {
                Ok(())
            } else {
                Err(format!("validate: stderr lacks {wanted:?}: {stderr}"))
            }
        }
    }
}

/// What must not change when the window refuses a file.
#[derive(Debug, PartialEq)]
struct Seen {
    title: String,
    title_en: String,
    counts: (usize, usize, usize, usize),
    dataset_path: Option<PathBuf>,
    picks: yardstick::ui::app::Picks,
    scenarios: Vec<(String, Option<PathBuf>, usize, usize)>,
    active: Option<usize>,
}

fn seen(app: &YardstickApp) -> Seen {
    let d = &app.state.dataset;
    Seen {
        title: d.title.clone(),
        title_en: d.title_en.clone(),
        counts: (
            d.regions().len(),
            d.indicators().len(),
            d.sources().len(),
            d.observations().len(),
        ),
        dataset_path: app.state.dataset_path.clone(),
        picks: app.state.picks.clone(),
        scenarios: app
            .state
            .scenarios
            .docs
            .iter()
            .map(|doc| {
                (
                    doc.scenario.name.clone(),
                    doc.path.clone(),
                    doc.scenario.edits.len(),
                    doc.scenario.growth.len(),
                )
            })
            .collect(),
        active: app.state.scenarios.active,
    }
}

/// The window as a user would have it: started on the bundled data, then the example
/// scenario opened (which opens `data/chongqing.ron` from disk beside it).
fn window() -> YardstickApp {
    let mut app = YardstickApp::new(
        yardstick::bundled_dataset().expect("the bundled dataset loads"),
        None,
    );
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/scenarios/wansheng-2025.ron");
    assert!(
        app.open_any(&example),
        "example scenario: {:?}",
        app.error()
    );
    assert!(app.error().is_none(), "{:?}", app.error());
    app
}

/// (c) The window's open path.
fn check_window(path: &Path, entry: &Entry) -> Result<(), String> {
    let mut app = window();
    let before = seen(&app);
    let dataset_before: Dataset = app.state.dataset.clone();
    let opened = app.open_any(path);
    // A file over the background threshold (the generated ones) loads on a worker thread:
    // its result ends as the window ends it.
    let opened = app.wait_for_load().unwrap_or(opened);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let located = located_file(path, entry);
    let located_name = located
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match detected(entry) {
        Expect::Ok => {
            if !opened || app.error().is_some() {
                return Err(format!(
                    "window: a good file was not opened cleanly (returned {opened}): {:?}",
                    app.error()
                ));
            }
            Ok(())
        }
        // A scenario whose entries do not fit the dataset opens (so it can be fixed in the
        // window); the entries at fault are not applied and the message says where they are.
        Expect::Err(kind, at) if kind.starts_with("Scenario(") => {
            let message = app.error().unwrap_or_default();
            let place = match at {
                Some((line, col)) => format!("{name}:{line}:{col}"),
                None => name.clone(),
            };
            if !opened || !message.contains(&place) {
                return Err(format!(
                    "window: expected the scenario opened with {place:?} reported (returned {opened}): {message:?}"
                ));
            }
            if app.state.dataset != dataset_before
                || app.state.scenarios.docs.len() != before.scenarios.len() + 1
            {
                return Err(
                    "window: opening the scenario changed the data or lost a scenario".into(),
                );
            }
            Ok(())
        }
        Expect::Err(_, at) => {
            let Some(message) = app.error() else {
                return Err(format!(
                    "window: refused without a message (returned {opened})"
                ));
            };
            if opened {
                return Err(format!("window: a bad file was opened: {message}"));
            }
            // The message names the file at fault (the one opened, or the scenario's dataset
            // when that is what is broken) and the line and column.
            let place = match at {
                Some((line, col)) => format!("{located_name}:{line}:{col}"),
                None => located_name.clone(),
            };
            if !message.contains(&place) {
                return Err(format!("window: the message lacks {place:?}: {message}"));
            }
            // A broken dataset of a scenario: the message names the scenario too.
            if entry.in_file.is_some() && !message.contains(&name) {
                return Err(format!(
                    "window: the message names the broken dataset but not the scenario {name}: {message}"
                ));
            }
            let after = seen(&app);
            if after != before || app.state.dataset != dataset_before {
                return Err(format!(
                    "window: refusing the file changed what was open:\n before {before:?}\n after  {after:?}"
                ));
            }
            Ok(())
        }
    }
}

/// One of the three checks: `Err` says what went wrong.
type Check = fn(&Path, &Entry) -> Result<(), String>;

/// Runs all three checks on one file; a panic anywhere becomes a failure naming the file.
fn check_file(path: &Path, entry: &Entry) -> Vec<String> {
    let mut failures = Vec::new();
    let checks: [(&str, Check); 3] = [
        ("loader", check_loader),
        ("validate", check_cli),
        ("window", check_window),
    ];
    for (what, check) in checks {
        match catch_unwind(AssertUnwindSafe(|| check(path, entry))) {
            Ok(Ok(())) => {}
            Ok(Err(message)) => failures.push(format!("{}: {message}", entry.file)),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                failures.push(format!("{}: {what} PANICKED: {message}", entry.file));
            }
        }
    }
    failures
}

/// Files built at run time rather than committed: 10 MB of nesting in various places.
fn generated(dir: &Path) -> Vec<(PathBuf, Entry)> {
    const DEPTH: usize = 5 * 1024 * 1024; // 5 M opening + 5 M closing brackets ≈ 10 MB
    let open = "[".repeat(DEPTH);
    let close = "]".repeat(DEPTH);
    let comments_open = "/*".repeat(DEPTH / 2);
    let comments_close = "*/".repeat(DEPTH / 2);
    let small = std::fs::read_to_string(corpus_dir().join("ok_dataset.ron"))
        .expect("ok_dataset.ron is readable");
    let cases: Vec<(&str, As, String, Expect)> = vec![
        (
            "gen_deep_brackets.ron",
            As::Dataset,
            format!(
                "Dataset(format: 1, title: \"深\", title_en: \"Deep\", regions: {open}{close}, indicators: [], sources: [], observations: [])\n"
            ),
            Expect::Err("Syntax".into(), Some((1, 60))),
        ),
        (
            "gen_deep_unclosed.ron",
            As::Dataset,
            format!("Dataset(format: 1, title: \"深\", title_en: \"Deep\", observations: {open}"),
            Expect::Err("Syntax".into(), Some((1, 65))),
        ),
        (
            "gen_deep_before_struct.ron",
            As::Dataset,
            format!("{open}Dataset(format: 1){close}"),
            Expect::Err("WrongFileKind".into(), Some((1, 1))),
        ),
        (
            "gen_deep_parens_value.ron",
            As::Dataset,
            format!(
                "Dataset(format: 1, title: {}\"x\"{})",
                "(".repeat(DEPTH),
                ")".repeat(DEPTH)
            ),
            // At the first `(` of the value, where a string belongs.
            Expect::Err("WrongType".into(), Some((1, 27))),
        ),
        (
            "gen_deep_comments.ron",
            As::Dataset,
            format!("{comments_open}{comments_close}\n{small}"),
            Expect::Ok,
        ),
        (
            "gen_deep_comments_unclosed.ron",
            As::Dataset,
            format!("{small}{comments_open}"),
            // ron reports an unclosed comment at the last `/*` it opened, not the first.
            Expect::Err("Syntax".into(), Some((23, DEPTH - 1))),
        ),
        (
            "gen_deep_scenario.ron",
            As::Scenario,
            format!(
                "Scenario(format: 1, name: \"深\", dataset: \"../../data/chongqing.ron\", edits: {open}{close})\n"
            ),
            Expect::Err("Syntax".into(), Some((1, 77))),
        ),
    ];
    cases
        .into_iter()
        .map(|(file, load_as, text, expect)| {
            let path = dir.join(file);
            std::fs::write(&path, text).expect("write a generated input");
            let entry = Entry {
                file: file.into(),
                load_as,
                expect,
                as_detected: None,
                in_file: None,
                why: "generated".into(),
            };
            (path, entry)
        })
        .collect()
}

#[test]
fn every_bad_input_is_refused_with_its_kind_and_place_and_nothing_panics() {
    let dir = corpus_dir();
    let entries = manifest();
    let print = std::env::var_os("BAD_INPUTS_PRINT").is_some();

    // The manifest and the folder list the same files.
    let mut listed: Vec<&str> = entries.iter().map(|e| e.file.as_str()).collect();
    listed.sort_unstable();
    let mut duplicates = listed.clone();
    duplicates.dedup();
    assert_eq!(listed.len(), duplicates.len(), "a file is listed twice");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "manifest.ron" && n != "README.md" && !n.starts_with('.'))
        .collect();
    on_disk.sort_unstable();
    assert_eq!(listed, on_disk, "manifest.ron and tests/bad_inputs/ differ");
    let bad = entries
        .iter()
        .filter(|e| matches!(e.expect, Expect::Err(..)))
        .count();
    assert!(print || bad >= 40, "only {bad} bad files");
    // README.md says how many there are: keep it true.
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let promise = format!("`tests/bad_inputs/` holds {} malformed", on_disk.len());
    assert!(readme.contains(&promise), "README.md should say: {promise}");

    // The generated inputs live in a temporary folder, beside a copy of what they refer to.
    let temp = tempfile::tempdir().unwrap();
    let gen_dir = temp.path().join("a/b");
    std::fs::create_dir_all(temp.path().join("data")).unwrap();
    std::fs::create_dir_all(&gen_dir).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/chongqing.ron"),
        temp.path().join("data/chongqing.ron"),
    )
    .unwrap();

    let mut all: Vec<(PathBuf, Entry)> = entries
        .into_iter()
        .map(|e| (dir.join(&e.file), e))
        .collect();
    all.extend(generated(&gen_dir));

    let mut failures = Vec::new();
    for (path, entry) in &all {
        if print {
            let (got, named) = load(path, entry.load_as);
            let in_file = named
                .filter(|n| Path::new(n) != path)
                .map(|n| format!(", in_file: Some({:?})", Path::new(&n).file_name().unwrap()));
            println!(
                "    (file: {:?}, load_as: {:?}, expect: {got:?}{}),",
                entry.file,
                entry.load_as,
                in_file.unwrap_or_default()
            );
        }
        failures.extend(check_file(path, entry));
    }
    assert!(
        failures.is_empty(),
        "{} of {} inputs misbehave:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}
