//! See [`mmml_fuzz::url_state`] for what is fed in and what is checked.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mmml_fuzz::url_state(data));
