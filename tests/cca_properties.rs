//! Invariants of linear CCA, on random well-conditioned data.
//!
//! - Every canonical correlation lies in `[0, 1]`, whatever the ridge.
//! - With ridge 0, the correlations do not change when a feature is scaled
//!   by a positive factor or shifted: correlation does not see units or
//!   origins, and CCA's directions absorb the change.
//!
//! The data are 20 to 40 samples of 1 to 4 features per modality, uniform in
//! `[-1, 1]`: with at least five samples per feature their covariances are
//! far from singular, so a tolerance of 1e-6 leaves room only for round-off.

use mmml::representation::coordination::cca::Cca;
use ndarray::Array2;
use proptest::collection::vec;
use proptest::prelude::*;

/// Round-off allowed on a correlation in `[0, 1]`.
const RANGE_TOLERANCE: f64 = 1e-9;
/// How far the correlations may move under a change of units or origin.
const INVARIANCE_TOLERANCE: f64 = 1e-6;

/// `n x d` uniform values with `n` from 20 to 40 shared by both modalities.
fn paired_data() -> impl Strategy<Value = (Array2<f64>, Array2<f64>)> {
    (20usize..=40, 1usize..=4, 1usize..=4).prop_flat_map(|(n, d_a, d_b)| {
        (
            vec(-1.0..1.0f64, n * d_a)
                .prop_map(move |values| Array2::from_shape_vec((n, d_a), values).unwrap()),
            vec(-1.0..1.0f64, n * d_b)
                .prop_map(move |values| Array2::from_shape_vec((n, d_b), values).unwrap()),
        )
    })
}

/// Each column `j` multiplied by `scales[j]` and shifted by `shifts[j]`.
fn rescaled(x: &Array2<f64>, scales: &[f64], shifts: &[f64]) -> Array2<f64> {
    Array2::from_shape_fn(x.dim(), |(i, j)| {
        x[[i, j]] * scales[j % scales.len()] + shifts[j % shifts.len()]
    })
}

proptest! {
    #[test]
    fn correlations_lie_between_zero_and_one((a, b) in paired_data(), ridge in 0.0..=1.0f64) {
        let cca = Cca::fit(a.view(), b.view(), ridge).unwrap();
        prop_assert_eq!(cca.correlations.len(), a.ncols().min(b.ncols()));
        for rho in &cca.correlations {
            prop_assert!((-RANGE_TOLERANCE..=1.0 + RANGE_TOLERANCE).contains(rho), "{}", rho);
        }
        for pair in cca.correlations.windows(2) {
            prop_assert!(pair[0] >= pair[1]);
        }
    }

    #[test]
    fn correlations_do_not_change_when_features_are_scaled_or_shifted(
        (a, b) in paired_data(),
        scales in vec(0.01..100.0f64, 4),
        shifts in vec(-1000.0..1000.0f64, 4),
    ) {
        let original = Cca::fit(a.view(), b.view(), 0.0).unwrap();
        let moved_a = rescaled(&a, &scales, &shifts);
        let moved_b = rescaled(&b, &scales[1..], &shifts[1..]);
        let moved = Cca::fit(moved_a.view(), moved_b.view(), 0.0).unwrap();
        for (before, after) in original.correlations.iter().zip(&moved.correlations) {
            prop_assert!((before - after).abs() < INVARIANCE_TOLERANCE, "{} against {}", before, after);
        }
    }
}
