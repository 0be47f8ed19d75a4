//! What the `scenario` fuzz target checks, shared with `tests/fuzz_seeds.rs`: any text
//! through `parse_scenario`; what parses is applied to the bundled dataset and checked
//! against it (`apply`, `check_scenario`), and written back and re-read to the same text.
//! Never a panic.

use std::sync::OnceLock;

use yardstick::io::{check_scenario, parse_scenario, scenario_to_ron};
use yardstick::model::{Dataset, apply};

fn bundled() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| yardstick::bundled_dataset().expect("the bundled dataset loads"))
}

/// Runs the scenario checks on `data`; panics on a broken invariant.
pub fn check_scenario_bytes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(scenario) = parse_scenario("fuzz.ron", text) else {
        return;
    };
    let dataset = bundled();
    let applied = apply(dataset, &scenario);
    let _ = applied.len();
    if let Err(err) = check_scenario("fuzz.ron", text, &scenario, dataset) {
        let _ = err.to_string();
    }
    // Compared as text: a NaN in an edit is refused by `apply` but still written back.
    let written = scenario_to_ron(&scenario);
    let again = parse_scenario("again.ron", &written)
        .unwrap_or_else(|e| panic!("a parsed scenario, written back, does not parse: {e}"));
    assert_eq!(
        scenario_to_ron(&again),
        written,
        "write → read → write differs"
    );
}
