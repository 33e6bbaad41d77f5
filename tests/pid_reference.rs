//! Our PID against the reference values of established libraries.

mod common;

use common::{assert_close, lcg_parameters, pid_cases};
use mmml::quantification::presets::random_weights;
use mmml::quantification::{JointTable, Measure, Preset, decompose};

#[test]
fn every_measure_matches_the_references_to_a_millionth_of_a_bit() {
    let cases = pid_cases();
    assert!(cases.len() >= 9, "the reference file lost cases");

    for case in &cases {
        let table = JointTable::new(JointTable::from_nested(&case.p).unwrap()).unwrap();
        for (name, reference) in &case.pid {
            let measure: Measure = name.parse().unwrap();
            let ours = decompose(&table, measure).unwrap();
            let what = |term: &str| format!("{} {name} {term}", case.name);
            assert_close(&what("R"), ours.atoms.redundancy, reference.R);
            assert_close(&what("U1"), ours.atoms.unique_1, reference.U1);
            assert_close(&what("U2"), ours.atoms.unique_2, reference.U2);
            assert_close(&what("S"), ours.atoms.synergy, reference.S);
            assert_close(&what("I(X1;Y)"), ours.information.x1_y, case.x1_y);
            assert_close(&what("I(X2;Y)"), ours.information.x2_y, case.x2_y);
            assert_close(&what("I(X1,X2;Y)"), ours.information.joint, case.joint);
        }
    }
}

#[test]
fn the_random_reference_tables_are_rebuilt_from_their_seed() {
    let mut rebuilt = 0;
    for case in pid_cases() {
        let Some((n, seed)) = lcg_parameters(&case.name) else {
            continue;
        };
        let ours = random_weights((n, n, n), seed);
        let reference = JointTable::from_nested(&case.p).unwrap();
        for (a, b) in ours.iter().zip(reference.iter()) {
            assert!((a - b).abs() < 1e-15, "{}: {a} vs {b}", case.name);
        }
        rebuilt += 1;
    }
    assert_eq!(rebuilt, 2);
}

#[test]
fn the_presets_are_the_reference_gates() {
    for case in pid_cases() {
        let Some(preset) = Preset::from_name(&case.name) else {
            continue;
        };
        assert_eq!(preset.table().to_nested(), case.p, "{}", case.name);
    }
}
