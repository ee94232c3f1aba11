#![no_main]
//! Fuzz target `what_if_ops`: see fuzz/src/lib.rs for how the bytes become API calls and what is checked. It runs
//! on a thread with the 1 MiB stack of wasm32 (issue 12).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let data = data.to_vec();
    pingan_fuzz::on_wasm_stack(move || pingan_fuzz::what_if_ops(&data));
});
