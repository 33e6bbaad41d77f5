//! Linear CCA against reference values, and what its variates promise.
//!
//! The reference correlations in `fixtures/cca.json` come from the project's
//! shared oracles: numpy's classical CCA (singular values of
//! `Sxx^-1/2 Sxy Syy^-1/2`), cross-checked with scikit-learn.

use mmml::representation::coordination::cca::Cca;
use ndarray::{Array2, ArrayView1, array};
use serde::Deserialize;

/// How close our correlations must come to the references.
const REFERENCE_TOLERANCE: f64 = 1e-6;
/// Identities that hold exactly up to round-off on these small data sets.
const IDENTITY_TOLERANCE: f64 = 1e-9;

#[derive(Deserialize)]
struct ReferenceFile {
    cases: Vec<ReferenceCase>,
}

#[derive(Deserialize)]
struct ReferenceCase {
    name: String,
    x: Vec<Vec<f64>>,
    y: Vec<Vec<f64>>,
    canonical_correlations: Vec<f64>,
}

/// A reference case as matrices: name, x, y and the expected correlations.
type Case = (String, Array2<f64>, Array2<f64>, Vec<f64>);

fn cases() -> Vec<Case> {
    let file: ReferenceFile =
        serde_json::from_str(include_str!("fixtures/cca.json")).expect("the fixture parses");
    file.cases
        .into_iter()
        .map(|case| {
            (
                case.name,
                matrix(&case.x),
                matrix(&case.y),
                case.canonical_correlations,
            )
        })
        .collect()
}

fn matrix(rows: &[Vec<f64>]) -> Array2<f64> {
    Array2::from_shape_fn((rows.len(), rows[0].len()), |(i, j)| rows[i][j])
}

/// Sample covariance over n - 1.
fn covariance(x: ArrayView1<f64>, y: ArrayView1<f64>) -> f64 {
    let (mean_x, mean_y) = (x.mean().unwrap(), y.mean().unwrap());
    x.iter()
        .zip(y)
        .map(|(x, y)| (x - mean_x) * (y - mean_y))
        .sum::<f64>()
        / (x.len() - 1) as f64
}

#[test]
fn reproduces_the_reference_correlations() {
    for (name, x, y, expected) in cases() {
        let cca = Cca::fit(x.view(), y.view(), 0.0).unwrap();
        assert_eq!(cca.correlations.len(), expected.len(), "{name}");
        for (ours, reference) in cca.correlations.iter().zip(&expected) {
            assert!(
                (ours - reference).abs() < REFERENCE_TOLERANCE,
                "{name}: {ours} against {reference}"
            );
        }
    }
}

#[test]
fn variates_have_unit_variance_are_uncorrelated_and_pair_up_with_the_correlations() {
    for (name, x, y, _) in cases() {
        let cca = Cca::fit(x.view(), y.view(), 0.0).unwrap();
        let u = cca.variates_a(x.view());
        let v = cca.variates_b(y.view());
        let k = cca.correlations.len();
        assert_eq!(u.dim(), (x.nrows(), k));
        for i in 0..k {
            for j in 0..k {
                let unit = if i == j { 1.0 } else { 0.0 };
                let within_a = covariance(u.column(i), u.column(j));
                let within_b = covariance(v.column(i), v.column(j));
                assert!(
                    (within_a - unit).abs() < IDENTITY_TOLERANCE,
                    "{name} A {i} {j}"
                );
                assert!(
                    (within_b - unit).abs() < IDENTITY_TOLERANCE,
                    "{name} B {i} {j}"
                );
                // Across modalities: rho_i on the diagonal, 0 elsewhere.
                let across = covariance(u.column(i), v.column(j));
                let expected = if i == j { cca.correlations[i] } else { 0.0 };
                assert!(
                    (across - expected).abs() < IDENTITY_TOLERANCE,
                    "{name} AB {i} {j}"
                );
            }
        }
    }
}

#[test]
fn the_linnerud_directions_have_the_shapes_of_the_modalities() {
    let (_, x, y, _) = cases().remove(0);
    let cca = Cca::fit(x.view(), y.view(), 0.0).unwrap();
    assert_eq!(cca.directions_a.dim(), (3, 3));
    assert_eq!(cca.directions_b.dim(), (3, 3));
    assert_eq!(cca.mean_a.len(), 3);
    // The first exercise mean of Linnerud (chins): 9.45.
    assert!((cca.mean_a[0] - 9.45).abs() < 1e-12);
}

fn error(a: &Array2<f64>, b: &Array2<f64>, ridge: f64) -> String {
    Cca::fit(a.view(), b.view(), ridge).unwrap_err().to_string()
}

#[test]
fn different_sample_counts_or_a_single_sample_are_refused() {
    let three = array![[1.0], [2.0], [3.0]];
    let two = array![[1.0], [2.0]];
    assert!(error(&three, &two, 0.0).contains("A has 3 samples and modality B has 2"));
    let one = array![[1.0]];
    assert!(error(&one, &one, 0.5).contains("at least 2"));
}

#[test]
fn a_non_finite_value_is_named_by_modality_row_and_column() {
    let a = array![[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]];
    let b = array![[1.0], [f64::INFINITY], [0.0]];
    assert!(error(&a, &b, 0.0).contains("modality B, row 2, column 1: inf is not a finite number"));
}

#[test]
fn a_constant_column_is_named_with_ridge_zero_and_works_with_a_ridge() {
    let a = array![[1.0, 5.0], [2.0, 5.0], [3.0, 5.0], [4.0, 5.0]];
    let b = array![[2.0], [1.0], [4.0], [3.0]];
    let message = error(&a, &b, 0.0);
    assert!(
        message.contains("column 2 of modality A is constant"),
        "{message}"
    );
    assert!(message.contains("remove that column or raise the ridge"));

    // The constant column carries nothing; the other gives r = 0.6 (see the
    // unit tests of cca.rs), shrunk by the ridge on a variance that is now
    // ridge * (var_1 + 0) / 2 larger: var_1 (1 + ridge / 2).
    let ridge = 0.1;
    let cca = Cca::fit(a.view(), b.view(), ridge).unwrap();
    let expected = 0.6 / ((1.0 + ridge / 2.0) * (1.0 + ridge)).sqrt();
    assert!((cca.correlations[0] - expected).abs() < 1e-12);
}

#[test]
fn fewer_samples_than_features_are_singular_with_ridge_zero_and_work_with_a_ridge() {
    let a = array![[1.0, 0.0, 2.0], [0.0, 1.0, 1.0], [2.0, 3.0, 0.0]];
    let b = array![[1.0, 2.0], [0.0, 1.0], [4.0, 0.0]];
    let message = error(&a, &b, 0.0);
    assert!(
        message.contains("3 features but only 3 samples"),
        "{message}"
    );
    assert!(message.contains("raise the ridge above 0"));

    let cca = Cca::fit(a.view(), b.view(), 0.01).unwrap();
    assert_eq!(cca.correlations.len(), 2);
    assert!(cca.correlations.iter().all(|rho| (0.0..=1.0).contains(rho)));
}

#[test]
fn a_feature_that_repeats_another_is_singular_with_ridge_zero_and_works_with_a_ridge() {
    let a = array![[1.0, 2.0], [2.0, 4.0], [4.0, 8.0], [3.0, 6.0], [0.0, 0.0]];
    let b = array![[1.0], [3.0], [2.0], [5.0], [4.0]];
    let message = error(&a, &b, 0.0);
    assert!(message.contains("linear combinations"), "{message}");
    assert!(Cca::fit(a.view(), b.view(), 1e-3).is_ok());
}
