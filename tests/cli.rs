//! The `pid` and `cca` examples as an instructor runs them from a shell.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The example binary called `name` that a plain `cargo test` builds beside
/// this test binary (`cargo test --test cli` alone does not build examples).
fn example(name: &str) -> PathBuf {
    let deps = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    let example = deps.parent().unwrap().join("examples").join(name);
    assert!(
        example.exists(),
        "{} is missing: run `cargo test` or `cargo build --example {name}` first",
        example.display()
    );
    example
}

fn run(arguments: &[&str]) -> Output {
    run_example("pid", arguments)
}

fn run_example(name: &str, arguments: &[&str]) -> Output {
    Command::new(example(name))
        .args(arguments)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|error| panic!("the {name} example does not run: {error}"))
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

/// The Linnerud case of `fixtures/cca.json` (from the shared oracles: numpy's
/// classical CCA, cross-checked with scikit-learn) written as two CSV files,
/// the exercises with a header row and the physiological measures without.
fn linnerud_csv_files(test: &str) -> (PathBuf, PathBuf, Vec<f64>) {
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/cca.json")).unwrap();
    let case = &fixture["cases"][0];
    assert_eq!(case["name"], "linnerud");
    let csv = |key: &str| {
        case[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| {
                let fields: Vec<String> = row
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|value| value.to_string())
                    .collect();
                fields.join(",") + "\n"
            })
            .collect::<String>()
    };
    let folder = std::env::temp_dir().join(format!("mmml-cli-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let exercises = folder.join("exercises.csv");
    let physiology = folder.join("physiology.csv");
    std::fs::write(&exercises, format!("chins,situps,jumps\n{}", csv("x"))).unwrap();
    std::fs::write(&physiology, csv("y")).unwrap();
    let expected = case["canonical_correlations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|value| value.as_f64().unwrap())
        .collect();
    (exercises, physiology, expected)
}

#[test]
fn cca_prints_the_linnerud_canonical_correlations_as_a_json_array() {
    let (exercises, physiology, expected) = linnerud_csv_files("cca-linnerud");
    let output = run_example(
        "cca",
        &[exercises.to_str().unwrap(), physiology.to_str().unwrap()],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let correlations: Vec<f64> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(correlations.len(), expected.len());
    for (ours, reference) in correlations.iter().zip(&expected) {
        assert!(
            (ours - reference).abs() < 1e-6,
            "{ours} against {reference}"
        );
    }

    // A ridge pulls every correlation down.
    let output = run_example(
        "cca",
        &[
            exercises.to_str().unwrap(),
            physiology.to_str().unwrap(),
            "--ridge",
            "0.5",
        ],
    );
    let shrunk: Vec<f64> = serde_json::from_slice(&output.stdout).unwrap();
    assert!(shrunk[0] < correlations[0]);
}

#[test]
fn cca_reports_bad_input_on_stderr_with_status_one() {
    let (exercises, _, _) = linnerud_csv_files("cca-errors");
    let exercises = exercises.to_str().unwrap();
    let missing = run_example("cca", &[exercises, "no/such/file.csv"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read no/such/file.csv"));
    assert!(missing.stdout.is_empty());

    let bad_ridge = run_example("cca", &[exercises, exercises, "--ridge", "2"]);
    assert_eq!(bad_ridge.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad_ridge.stderr).contains("the ridge is 2"));

    let usage = run_example("cca", &[exercises]);
    assert_eq!(usage.status.code(), Some(2));
}
