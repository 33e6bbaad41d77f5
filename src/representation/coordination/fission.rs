//! Fission as variance: how much of a modality a shared subspace explains,
//! and how much is left that is the modality's own.
//!
//! Given a modality `X` (`n x d`) and shared coordinates `Z` (`n x k`), for
//! example its canonical variates from [`super::cca::Cca`] or any learned
//! embedding of what the two modalities share, both centred:
//!
//! ```text
//! shared   = 1 - ||X - P X||^2 / ||X||^2 = ||P X||^2 / ||X||^2
//! specific = 1 - shared
//! P        = Z (Z^T Z)^+ Z^T, the projection onto the columns of Z
//! ```
//!
//! `shared` is the R^2 of the least-squares regression of every feature of
//! `X` on `Z`, pooled over features (each weighted by its variance).

use ndarray::{Array2, ArrayView2, Axis};

use super::cca::{check_pairs, singular_value_decomposition};
use super::similarity::check_finite;
use crate::Error;

/// A singular value of `Z` below this fraction of the largest one is taken
/// as zero: that direction of `Z` is a linear combination of the others.
const RANK_TOLERANCE: f64 = 1e-10;

/// The split of a modality's total variance into a shared and a specific
/// part, each a fraction in `[0, 1]`, `shared + specific = 1`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Fission {
    /// The fraction explained by the shared coordinates.
    pub shared: f64,
    /// The remainder, specific to the modality.
    pub specific: f64,
}

/// The fraction of `modality`'s variance that `shared` explains.
///
/// # Shapes
///
/// ```text
/// modality: n x d,   shared: n x k,   n >= 2
/// ```
///
/// # Errors
///
/// If the row counts differ, there are fewer than 2 samples, a value is NaN
/// or infinite, every feature of `modality` is constant (there is no
/// variance to split), or the decomposition of `shared` does not converge.
pub fn fission(modality: ArrayView2<f64>, shared: ArrayView2<f64>) -> Result<Fission, Error> {
    check_pairs(modality, shared)?;
    check_finite(modality, "the modality")?;
    check_finite(shared, "the shared coordinates")?;

    let x = centred_and_scaled(modality);
    let total: f64 = x.iter().map(|value| value * value).sum();
    if total == 0.0 {
        return Err(Error::Invalid(
            "every feature of the modality is constant: there is no variance to split".into(),
        ));
    }
    let z = centred_and_scaled(shared);
    if shared.ncols() == 0 || z.iter().all(|&value| value == 0.0) {
        return Ok(Fission {
            shared: 0.0,
            specific: 1.0,
        });
    }

    // An orthonormal basis of Z's column space is its left singular vectors
    // with non-zero singular values; then ||P X||^2 = ||B^T X||^2.
    let singular = singular_value_decomposition(&z, "the shared coordinates")?;
    let (values, left) = (singular.values, singular.left);
    let rank = values
        .iter()
        .take_while(|&&value| value > RANK_TOLERANCE * values[0])
        .count();
    let basis = left.slice(ndarray::s![.., ..rank]);
    let explained: f64 = basis.t().dot(&x).iter().map(|value| value * value).sum();

    let shared = (explained / total).clamp(0.0, 1.0);
    Ok(Fission {
        shared,
        specific: 1.0 - shared,
    })
}

/// `x` divided by its largest absolute value and centred: neither changes
/// the projection or the fraction, and the sums of squares stay finite.
fn centred_and_scaled(x: ArrayView2<f64>) -> Array2<f64> {
    let largest = x
        .iter()
        .fold(0.0f64, |largest, value| largest.max(value.abs()));
    let scale = if largest > 0.0 { largest } else { 1.0 };
    let mut values = x.mapv(|value| value / scale);
    if let Some(mean) = values.mean_axis(Axis(0)) {
        values -= &mean;
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    const TOLERANCE: f64 = 1e-12;

    #[test]
    fn a_modality_inside_the_shared_span_is_all_shared() {
        let z = array![[1.0, 0.0], [0.0, 1.0], [-1.0, 2.0], [3.0, 1.0]];
        // Features 2 z1 - z2 and z1 + 5: linear in z, so P X = X.
        let x = array![[2.0, 6.0], [-1.0, 5.0], [-4.0, 4.0], [5.0, 8.0]];
        let split = fission(x.view(), z.view()).unwrap();
        assert!((split.shared - 1.0).abs() < TOLERANCE);
        assert!(split.specific.abs() < TOLERANCE);
    }

    #[test]
    fn a_modality_orthogonal_to_the_shared_span_is_all_specific() {
        // Centred, z = (1, -1, 1, -1) and x = (1, 1, -1, -1): <z, x> = 0.
        let z = array![[1.0], [-1.0], [1.0], [-1.0]];
        let x = array![[1.0], [1.0], [-1.0], [-1.0]];
        let split = fission(x.view(), z.view()).unwrap();
        assert!(split.shared.abs() < TOLERANCE);
        assert!((split.specific - 1.0).abs() < TOLERANCE);
    }

    #[test]
    fn a_designed_two_feature_case_splits_as_derived_by_hand() {
        // z = (1, -1, 1, -1) (centred). Feature 1 = z, all explained, ||.||^2
        // = 4. Feature 2 = (1, 1, -1, -1) + z = (2, 0, 0, -2): its projection
        // on z is (<f, z> / <z, z>) z = (4 / 4) z, ||P f||^2 = 4, ||f||^2 = 8.
        // shared = (4 + 4) / (4 + 8) = 2 / 3.
        let z = array![[1.0], [-1.0], [1.0], [-1.0]];
        let x = array![[1.0, 2.0], [-1.0, 0.0], [1.0, 0.0], [-1.0, -2.0]];
        let split = fission(x.view(), z.view()).unwrap();
        assert!((split.shared - 2.0 / 3.0).abs() < TOLERANCE);
        assert!((split.shared + split.specific - 1.0).abs() < TOLERANCE);
    }

    #[test]
    fn repeated_shared_columns_count_once() {
        let z = array![[1.0, 2.0], [-1.0, -2.0], [1.0, 2.0], [-1.0, -2.0]];
        let x = array![[1.0, 2.0], [-1.0, 0.0], [1.0, 0.0], [-1.0, -2.0]];
        let split = fission(x.view(), z.view()).unwrap();
        assert!((split.shared - 2.0 / 3.0).abs() < TOLERANCE);
    }

    #[test]
    fn a_constant_modality_or_mismatched_rows_are_refused() {
        let z = array![[1.0], [2.0], [3.0]];
        let constant = array![[4.0], [4.0], [4.0]];
        assert!(
            fission(constant.view(), z.view())
                .unwrap_err()
                .to_string()
                .contains("no variance")
        );
        let short = array![[1.0], [2.0]];
        assert!(fission(short.view(), z.view()).is_err());
    }
}
