#![no_main]
//! Fuzz target `validate`: see fuzz/src/lib.rs for how the bytes become API calls and what is checked.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pingan_fuzz::validate(data));
