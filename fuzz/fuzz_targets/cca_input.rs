//! See [`mmml_fuzz::cca_input`] for what is fed in and what is checked.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mmml_fuzz::cca_input(data));
