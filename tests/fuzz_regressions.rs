//! Every input with which the fuzzer (`fuzz/`, `scripts/fuzz.sh`) found a
//! bug, replayed through the very code of the fuzz target that found it.
//! The inputs live in `tests/fixtures/fuzz/<target>/`, one file each, named
//! for the bug; a new crash file dropped there is tested from then on.

#[path = "../fuzz/src/lib.rs"]
mod fuzz_targets;

use std::fs;
use std::path::Path;

/// Runs `target` on every saved input of the fuzz target called `name`.
fn replay(name: &str, target: fn(&[u8])) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(name);
    let mut inputs: Vec<_> = fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| !path.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    inputs.sort();
    for input in inputs {
        // Printed so that a failure names its input.
        eprintln!("replaying {}", input.display());
        target(&fs::read(&input).unwrap());
    }
}

#[test]
fn pid_tables_that_once_broke_a_measure_decompose_cleanly() {
    replay("pid_table", fuzz_targets::pid_table);
}

#[test]
fn weights_that_once_broke_a_measure_decompose_cleanly() {
    replay("pid_weights", fuzz_targets::pid_weights);
}

#[test]
fn csv_files_that_once_broke_the_parser_parse_cleanly() {
    replay("csv_table", fuzz_targets::csv_table);
}

#[test]
fn csv_files_that_once_broke_the_joint_table_count_cleanly() {
    replay("empirical_table", fuzz_targets::empirical_table);
}

#[test]
fn fusion_settings_that_once_broke_the_lab_are_refused_or_train() {
    replay("fusion_settings", fuzz_targets::fusion_settings);
}

#[test]
fn modalities_that_once_broke_cca_fit_or_are_refused() {
    replay("cca_input", fuzz_targets::cca_input);
}

#[test]
fn links_that_once_broke_the_settings_reader_read_cleanly() {
    replay("url_state", fuzz_targets::url_state);
}
