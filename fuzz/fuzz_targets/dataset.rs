//! Dataset files: any bytes through `decode_utf8`, any text through `parse_dataset`
//! ([`checks::check_dataset`] says what is checked).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks/dataset.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::check_dataset(data));
