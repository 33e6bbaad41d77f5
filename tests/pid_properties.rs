//! Invariants every decomposition must keep, on random tables.

use mmml::quantification::{Decomposition, JointTable, Measure, decompose};
use ndarray::{Array3, Axis};
use proptest::prelude::*;

/// Solver tolerance carried into bits, with room for round-off.
const TOLERANCE_BITS: f64 = 1e-6;

/// Random tables of 2 to 4 values per variable, with some exact zeros.
fn tables() -> impl Strategy<Value = JointTable> {
    (2usize..=4, 2usize..=4, 2usize..=4)
        .prop_flat_map(|(n1, n2, ny)| {
            let cell = prop_oneof![1 => Just(0.0), 4 => 0.001f64..1.0];
            proptest::collection::vec(cell, n1 * n2 * ny)
                .prop_map(move |cells| Array3::from_shape_vec((n1, n2, ny), cells).unwrap())
        })
        .prop_filter_map("all-zero table", |weights| {
            JointTable::normalised(weights).ok()
        })
}

fn assert_identities(d: &Decomposition) {
    let a = &d.atoms;
    let i = &d.information;
    assert!((a.redundancy + a.unique_1 - i.x1_y).abs() < TOLERANCE_BITS);
    assert!((a.redundancy + a.unique_2 - i.x2_y).abs() < TOLERANCE_BITS);
    let total = a.redundancy + a.unique_1 + a.unique_2 + a.synergy;
    assert!((total - i.joint).abs() < TOLERANCE_BITS);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_measure_keeps_the_three_identities(table in tables()) {
        for measure in Measure::ALL {
            assert_identities(&decompose(&table, measure).unwrap());
        }
    }

    #[test]
    fn broja_atoms_are_never_negative(table in tables()) {
        let atoms = decompose(&table, Measure::Broja).unwrap().atoms;
        for atom in [atoms.redundancy, atoms.unique_1, atoms.unique_2, atoms.synergy] {
            prop_assert!(atom > -TOLERANCE_BITS, "{atoms:?}");
        }
    }

    #[test]
    fn swapping_the_modalities_swaps_their_unique_information(table in tables()) {
        let swapped = JointTable::new(table.p().clone().permuted_axes([1, 0, 2]).as_standard_layout().to_owned()).unwrap();
        for measure in Measure::ALL {
            let before = decompose(&table, measure).unwrap().atoms;
            let after = decompose(&swapped, measure).unwrap().atoms;
            prop_assert!((before.unique_1 - after.unique_2).abs() < TOLERANCE_BITS);
            prop_assert!((before.unique_2 - after.unique_1).abs() < TOLERANCE_BITS);
            prop_assert!((before.redundancy - after.redundancy).abs() < TOLERANCE_BITS);
            prop_assert!((before.synergy - after.synergy).abs() < TOLERANCE_BITS);
        }
    }

    #[test]
    fn the_optimal_coupling_keeps_both_marginals(table in tables()) {
        let q = decompose(&table, Measure::Broja).unwrap().coupling.unwrap();
        let p = table.p();
        for axis in [Axis(0), Axis(1)] {
            for (ours, theirs) in q.sum_axis(axis).iter().zip(p.sum_axis(axis).iter()) {
                prop_assert!((ours - theirs).abs() < 1e-6);
            }
        }
    }
}
