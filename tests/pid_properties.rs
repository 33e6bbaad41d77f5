//! Invariants every decomposition must keep, on random tables.
//!
//! - The three PID identities, for every measure.
//! - No negative atom: BROJA's within the solver's tolerance; Williams-Beer
//!   and MMI are non-negative for two modalities by construction.
//! - Swapping X1 and X2 swaps U1 with U2 and I(X1; Y) with I(X2; Y), and
//!   keeps R and S.
//! - BROJA's optimal coupling keeps p's (x1, y) and (x2, y) marginals.
//!
//! Everyday tables (2 to 4 values, cells from 0.001 to 1 with some exact
//! zeros) get many cases; edge tables get fewer, since each takes longer:
//! up to the demos' 8 values with cells over twelve orders of magnitude, and
//! tables where Y is a function of (X1, X2), as in the presets.

use mmml::quantification::table::MAX_VALUES;
use mmml::quantification::{Decomposition, JointTable, Measure, decompose};
use ndarray::{Array3, Axis};
use proptest::collection::vec;
use proptest::prelude::*;

/// Solver tolerance carried into bits, with room for round-off.
const TOLERANCE_BITS: f64 = 1e-6;

/// A table of `cell` weights with 2 to `max_values` values per variable, normalised.
fn tables_of(
    max_values: usize,
    cell: impl Strategy<Value = f64> + Clone,
) -> impl Strategy<Value = JointTable> {
    (2..=max_values, 2..=max_values, 2..=max_values)
        .prop_flat_map(move |(n1, n2, ny)| {
            vec(cell.clone(), n1 * n2 * ny)
                .prop_map(move |cells| Array3::from_shape_vec((n1, n2, ny), cells).unwrap())
        })
        .prop_filter_map("all-zero table", |weights| {
            JointTable::normalised(weights).ok()
        })
}

/// Random tables of 2 to 4 values per variable, with some exact zeros.
fn tables() -> impl Strategy<Value = JointTable> {
    tables_of(4, prop_oneof![1 => Just(0.0), 4 => 0.001f64..1.0])
}

/// Up to [`MAX_VALUES`] values per variable; cells from 1e-12 to 1, and zeros.
fn wide_tables() -> impl Strategy<Value = JointTable> {
    let cell = prop_oneof![
        2 => Just(0.0),
        2 => (-12i32..=0).prop_map(|exponent| 10f64.powi(exponent)),
        3 => 0.0f64..1.0,
    ];
    tables_of(MAX_VALUES, cell)
}

/// Y = f(X1, X2) for a random f, with random weights on the pairs (x1, x2).
fn deterministic_tables() -> impl Strategy<Value = JointTable> {
    (2usize..=4, 2usize..=4, 2usize..=4).prop_flat_map(|(n1, n2, ny)| {
        (vec(0.01f64..1.0, n1 * n2), vec(0..ny, n1 * n2)).prop_map(move |(weights, outcomes)| {
            let mut p = Array3::zeros((n1, n2, ny));
            for pair in 0..n1 * n2 {
                p[[pair / n2, pair % n2, outcomes[pair]]] = weights[pair];
            }
            JointTable::normalised(p).unwrap()
        })
    })
}

fn edge_tables() -> impl Strategy<Value = JointTable> {
    prop_oneof![wide_tables(), deterministic_tables()]
}

fn assert_identities(d: &Decomposition) {
    let a = &d.atoms;
    let i = &d.information;
    assert!((a.redundancy + a.unique_1 - i.x1_y).abs() < TOLERANCE_BITS);
    assert!((a.redundancy + a.unique_2 - i.x2_y).abs() < TOLERANCE_BITS);
    let total = a.redundancy + a.unique_1 + a.unique_2 + a.synergy;
    assert!((total - i.joint).abs() < TOLERANCE_BITS);
}

fn assert_non_negative(d: &Decomposition) {
    let a = &d.atoms;
    for atom in [a.redundancy, a.unique_1, a.unique_2, a.synergy] {
        assert!(atom > -TOLERANCE_BITS, "{}: {a:?}", d.measure);
    }
}

fn assert_swapping_modalities_swaps_their_terms(table: &JointTable) {
    let swapped = table
        .p()
        .clone()
        .permuted_axes([1, 0, 2])
        .as_standard_layout()
        .to_owned();
    let swapped = JointTable::new(swapped).unwrap();
    for measure in Measure::ALL {
        let before = decompose(table, measure).unwrap();
        let after = decompose(&swapped, measure).unwrap();
        let close = |a: f64, b: f64| (a - b).abs() < TOLERANCE_BITS;
        let (b, a) = (&before.atoms, &after.atoms);
        assert!(close(b.unique_1, a.unique_2), "{measure}: {b:?} then {a:?}");
        assert!(close(b.unique_2, a.unique_1), "{measure}: {b:?} then {a:?}");
        assert!(
            close(b.redundancy, a.redundancy),
            "{measure}: {b:?} then {a:?}"
        );
        assert!(close(b.synergy, a.synergy), "{measure}: {b:?} then {a:?}");
        let (b, a) = (&before.information, &after.information);
        assert!(close(b.x1_y, a.x2_y) && close(b.x2_y, a.x1_y) && close(b.joint, a.joint));
    }
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
        assert_non_negative(&decompose(&table, Measure::Broja).unwrap());
    }

    #[test]
    fn williams_beer_and_mmi_atoms_are_never_negative(table in tables()) {
        for measure in [Measure::WilliamsBeer, Measure::Mmi] {
            assert_non_negative(&decompose(&table, measure).unwrap());
        }
    }

    #[test]
    fn swapping_the_modalities_swaps_their_unique_information(table in tables()) {
        assert_swapping_modalities_swaps_their_terms(&table);
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn edge_tables_keep_the_identities_and_non_negative_atoms(table in edge_tables()) {
        for measure in Measure::ALL {
            let decomposition = decompose(&table, measure).unwrap();
            assert_identities(&decomposition);
            assert_non_negative(&decomposition);
        }
    }

    #[test]
    fn edge_tables_swap_with_their_modalities(table in edge_tables()) {
        assert_swapping_modalities_swaps_their_terms(&table);
    }
}
