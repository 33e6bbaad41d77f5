//! The `pid` example as an instructor runs it from a shell.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The example binary that a plain `cargo test` builds beside this test
/// binary (`cargo test --test cli` alone does not build examples).
fn pid_example() -> PathBuf {
    let deps = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    let example = deps.parent().unwrap().join("examples").join("pid");
    assert!(
        example.exists(),
        "{} is missing: run `cargo test` or `cargo build --example pid` first",
        example.display()
    );
    example
}

fn run(arguments: &[&str]) -> Output {
    Command::new(pid_example())
        .args(arguments)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the pid example runs")
}

fn number(json: &serde_json::Value, key: &str) -> f64 {
    json[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} missing from {json}"))
}

#[test]
fn prints_one_json_object_with_the_and_gate_decomposition() {
    let output = run(&["tests/fixtures/and_gate.json"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();

    // Closed form for AND under BROJA: R = 3/2 - (3/4) log2 3, S = 1/2.
    let redundancy = 1.5 - 0.75 * 3f64.log2();
    assert!((number(&json, "R") - redundancy).abs() < 1e-6);
    assert!((number(&json, "S") - 0.5).abs() < 1e-6);
    assert!((number(&json, "I_X1X2_Y") - (2.0 - 0.75 * 3f64.log2())).abs() < 1e-9);
    assert_eq!(json["measure"], "broja");
}

#[test]
fn takes_the_measure_by_name() {
    let output = run(&["tests/fixtures/and_gate.json", "--measure", "mmi"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["measure"], "mmi");
    assert!(number(&json, "U1").abs() < 1e-12);
}

#[test]
fn bad_input_goes_to_stderr_with_a_failing_status() {
    let missing = run(&["no/such/table.json"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read no/such/table.json"));

    let unknown = run(&["tests/fixtures/and_gate.json", "--measure", "ccs"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("choose broja, imin or mmi"));
    assert!(unknown.stdout.is_empty());
}
