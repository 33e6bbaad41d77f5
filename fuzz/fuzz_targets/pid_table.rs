//! See [`mmml_fuzz::pid_table`] for what is fed in and what is checked.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mmml_fuzz::pid_table(data));
