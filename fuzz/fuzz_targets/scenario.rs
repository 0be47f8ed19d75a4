//! Scenario files: any text through `parse_scenario`, applied to the bundled dataset
//! ([`checks::check_scenario_bytes`] says what is checked).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks/scenario.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::check_scenario_bytes(data));
