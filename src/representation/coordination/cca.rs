//! Linear canonical correlation analysis (CCA) in closed form, with a ridge.
//!
//! CCA finds directions `u_i` for modality A and `v_i` for modality B whose
//! projections are as correlated as possible, each pair uncorrelated with the
//! pairs before it (Hotelling 1936, "Relations between two sets of
//! variates", <https://doi.org/10.2307/2333955>):
//!
//! ```text
//! rho_i = max corr(u_i^T z_A, v_i^T z_B)
//!         over u_i, v_i with u_i^T S_AA u_j = v_i^T S_BB v_j = 0 for j < i
//! ```
//!
//! In closed form, with the covariances `S_AA`, `S_AB`, `S_BB` (divided by
//! `n - 1`), the canonical correlations are the singular values of
//!
//! ```text
//! T = S_AA^(-1/2) S_AB S_BB^(-1/2) = P diag(rho) Q^T
//! ```
//!
//! and the directions are `U = S_AA^(-1/2) P`, `V = S_BB^(-1/2) Q`. The
//! inverse square roots come from eigen-decompositions, `S = E diag(l) E^T`,
//! `S^(-1/2) = E diag(l^(-1/2)) E^T`.
//!
//! **The ridge.** A covariance is singular when a feature is constant, when
//! features are linear combinations of each other, or when there are fewer
//! samples than features; then `S^(-1/2)` does not exist. The ridge adds a
//! multiple of the identity, relative to the modality's mean variance so that
//! it does not depend on the overall scale of the data:
//!
//! ```text
//! S_AA + ridge (tr S_AA / d_A) I,    ridge in [0, 1]
//! ```
//!
//! and the same for B. With `ridge = 0` this is classical CCA; with
//! `ridge = 1` each variance is inflated by the mean variance, which pulls
//! the correlations toward 0. The directions are scaled so that every
//! canonical variate has unit variance under the regularised covariance
//! (exactly unit sample variance when `ridge = 0`).

use std::borrow::Cow;

use nalgebra::{DMatrix, SVD, SymmetricEigen};
use ndarray::{Array1, Array2, ArrayView2, Axis, concatenate, s};

use super::similarity::check_finite;
use crate::Error;

/// Below this fraction of its largest eigenvalue, an eigenvalue of a
/// covariance counts as zero: the covariance is singular in floating point.
const SINGULAR_TOLERANCE: f64 = 1e-12;

/// The canonical directions and correlations of two paired modalities.
///
/// # Shapes
///
/// ```text
/// correlations: k,   directions_a: d_A x k,   directions_b: d_B x k,
/// mean_a: d_A,       mean_b: d_B,             k = min(d_A, d_B)
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Cca {
    /// `rho_1 >= rho_2 >= ... >= rho_k`, each in `[0, 1]`.
    pub correlations: Vec<f64>,
    /// Column `i` is `u_i`, in the units of modality A's features.
    pub directions_a: Array2<f64>,
    /// Column `i` is `v_i`, in the units of modality B's features.
    pub directions_b: Array2<f64>,
    /// The mean of each feature of A over the training samples.
    pub mean_a: Array1<f64>,
    /// The mean of each feature of B over the training samples.
    pub mean_b: Array1<f64>,
    /// The ridge the directions were fitted with, in `[0, 1]`.
    pub ridge: f64,
}

impl Cca {
    /// Fits CCA to `n` paired samples, one per row of `a` and of `b`.
    ///
    /// # Shapes
    ///
    /// ```text
    /// a: n x d_A,   b: n x d_B,   n >= 2
    /// ```
    ///
    /// # Errors
    ///
    /// If the modalities have different numbers of samples, fewer than 2
    /// samples or no features, a NaN or infinite value (named by row and
    /// column), a ridge outside `[0, 1]`, a modality whose features are all
    /// constant, or, with `ridge = 0`, a constant feature or a singular
    /// covariance (the message says that a ridge above 0 fixes it), or if an
    /// eigen- or singular value decomposition does not converge.
    pub fn fit(a: ArrayView2<f64>, b: ArrayView2<f64>, ridge: f64) -> Result<Cca, Error> {
        check_ridge(ridge)?;
        check_pairs(a, b)?;
        for (values, modality) in [(a, "A"), (b, "B")] {
            if values.ncols() == 0 {
                return Err(Error::Invalid(format!(
                    "modality {modality} has no features: give at least one column"
                )));
            }
            check_finite(values, &format!("modality {modality}"))?;
            if ridge == 0.0 {
                check_no_constant_feature(values, modality)?;
            }
        }
        let n = a.nrows();

        let (d_a, d_b) = (a.ncols(), b.ncols());
        let centring_a = Centring::of(a);
        let centring_b = Centring::of(b);
        let joint = joint_covariance(a, b, &centring_a, &centring_b);
        let covariance_ab = joint.slice(s![..d_a, d_a..]).to_owned();
        let covariance_a = joint.slice(s![..d_a, ..d_a]).to_owned();
        let covariance_b = joint.slice(s![d_a.., d_a..]).to_owned();
        debug_assert_eq!(covariance_b.dim(), (d_b, d_b));
        let whitening_a = inverse_square_root(covariance_a, ridge, "A", n)?;
        let whitening_b = inverse_square_root(covariance_b, ridge, "B", n)?;

        let whitened = whitening_a.dot(&covariance_ab).dot(&whitening_b);
        let singular = singular_value_decomposition(&whitened, "CCA")?;
        log::debug!(
            "CCA of {n} samples, {d_a} by {d_b} features, ridge {ridge}: first correlation {}",
            singular.values.first().copied().unwrap_or(0.0)
        );
        let correlations = singular.values;
        let mut directions_a = whitening_a.dot(&singular.left) / centring_a.scale;
        let mut directions_b = whitening_b.dot(&singular.right) / centring_b.scale;

        // A singular vector's sign is arbitrary: make each direction's
        // largest weight on A positive, so that the page does not flicker.
        for (mut u, mut v) in directions_a
            .columns_mut()
            .into_iter()
            .zip(directions_b.columns_mut())
        {
            let largest = u.iter().copied().fold(0.0, |largest: f64, weight| {
                if weight.abs() > largest.abs() {
                    weight
                } else {
                    largest
                }
            });
            if largest < 0.0 {
                u.mapv_inplace(|weight| -weight);
                v.mapv_inplace(|weight| -weight);
            }
        }

        Ok(Cca {
            correlations: correlations
                .into_iter()
                .map(|rho| rho.clamp(0.0, 1.0))
                .collect(),
            directions_a,
            directions_b,
            mean_a: centring_a.mean * centring_a.scale,
            mean_b: centring_b.mean * centring_b.scale,
            ridge,
        })
    }

    /// The canonical variates of modality A: `(a - mean_a) U`.
    ///
    /// # Shapes
    ///
    /// `a: m x d_A -> m x k`.
    ///
    /// # Panics
    ///
    /// If `a` does not have `d_A` columns.
    pub fn variates_a(&self, a: ArrayView2<f64>) -> Array2<f64> {
        (&a - &self.mean_a).dot(&self.directions_a)
    }

    /// The canonical variates of modality B: `(b - mean_b) V`.
    ///
    /// # Shapes
    ///
    /// `b: m x d_B -> m x k`.
    ///
    /// # Panics
    ///
    /// If `b` does not have `d_B` columns.
    pub fn variates_b(&self, b: ArrayView2<f64>) -> Array2<f64> {
        (&b - &self.mean_b).dot(&self.directions_b)
    }
}

/// How a modality is brought to `(x / scale) - mean` before its covariance:
/// divided by its largest absolute value, then centred. CCA does not change
/// when a modality is scaled as a whole, and the ridge is relative, so the
/// division changes nothing but keeps sums of squares of very large or very
/// small values inside floating point.
struct Centring {
    /// The mean of `x / scale`, one per feature.
    mean: Array1<f64>,
    scale: f64,
}

impl Centring {
    fn of(x: ArrayView2<f64>) -> Centring {
        let values = row_major(x);
        let largest = largest_magnitude(&values);
        let scale = if largest > 0.0 { largest } else { 1.0 };
        // Sums of values divided by the largest stay below n: no overflow.
        let mut mean = Array1::zeros(x.ncols());
        if let Some(sums) = mean.as_slice_mut() {
            for row in values.chunks_exact(x.ncols().max(1)) {
                for (sum, value) in sums.iter_mut().zip(row) {
                    *sum += value / scale;
                }
            }
        }
        mean /= x.nrows().max(1) as f64;
        Centring { mean, scale }
    }
}

/// The largest `|value|`. Written as a comparison: `f64::max` becomes a call
/// to `fmax` in WebAssembly, which took a fifth of the time of CCA there.
pub(super) fn largest_magnitude(values: &[f64]) -> f64 {
    let mut largest = 0.0;
    for value in values {
        if value.abs() > largest {
            largest = value.abs();
        }
    }
    largest
}

/// The values of `x` row after row, borrowed when `x` is laid out that way.
fn row_major<'a>(x: ArrayView2<'a, f64>) -> Cow<'a, [f64]> {
    match x.to_slice() {
        Some(values) => Cow::Borrowed(values),
        None => Cow::Owned(x.iter().copied().collect()),
    }
}

/// The covariance over `n - 1` of the centred modalities side by side,
/// `Z = [A | B]`, whose blocks are `S_AA`, `S_AB` and `S_BB`:
///
/// ```text
/// S = Z^T Z / (n - 1),   (d_A + d_B) x (d_A + d_B)
/// ```
///
/// Most of the time CCA takes goes here, in the one matrix product
/// `Z^T Z`, left to ndarray's general matrix product.
///
/// Known shortcoming: as WebAssembly without SIMD that product is slow, so
/// CCA of the 1,797 x 32 by 32 digits halves takes about 4 ms in Node
/// against under 2 ms for numpy's BLAS; natively it is faster than numpy. A
/// hand-tiled product using the symmetry of `Z^T Z` cut the WebAssembly time
/// by a third, but general matrix products belong to the libraries.
fn joint_covariance(
    a: ArrayView2<f64>,
    b: ArrayView2<f64>,
    centring_a: &Centring,
    centring_b: &Centring,
) -> Array2<f64> {
    let n = a.nrows();
    let centred = |x: ArrayView2<f64>, centring: &Centring| {
        let mut x = x.mapv(|value| value / centring.scale);
        x -= &centring.mean;
        x
    };
    let z = concatenate![Axis(1), centred(a, centring_a), centred(b, centring_b)];
    z.t().dot(&z) / (n - 1) as f64
}

pub(super) fn check_ridge(ridge: f64) -> Result<(), Error> {
    if (0.0..=1.0).contains(&ridge) {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "the ridge is {ridge}: choose a number from 0 (classical CCA) to 1 \
             (each variance inflated by the mean variance)"
        )))
    }
}

/// The two modalities must pair up sample by sample, and CCA needs at least
/// two samples for a covariance.
pub(super) fn check_pairs(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Result<(), Error> {
    if a.nrows() != b.nrows() {
        return Err(Error::Invalid(format!(
            "modality A has {} samples and modality B has {}: the rows must pair up, \
             one sample of each modality per row",
            a.nrows(),
            b.nrows()
        )));
    }
    if a.nrows() < 2 {
        return Err(Error::Invalid(format!(
            "there are {} samples: a correlation needs at least 2",
            a.nrows()
        )));
    }
    Ok(())
}

fn check_no_constant_feature(values: ArrayView2<f64>, modality: &str) -> Result<(), Error> {
    let constant = values
        .columns()
        .into_iter()
        .position(|column| column.iter().all(|&value| value == column[0]));
    match constant {
        None => Ok(()),
        Some(column) => Err(Error::Invalid(format!(
            "column {} of modality {modality} is constant ({} in every sample), so its \
             covariance is singular with ridge 0: remove that column or raise the ridge above 0",
            column + 1,
            values[[0, column]]
        ))),
    }
}

/// `(S + ridge (tr S / d) I)^(-1/2)` of a modality's covariance `S`.
fn inverse_square_root(
    mut covariance: Array2<f64>,
    ridge: f64,
    modality: &str,
    samples: usize,
) -> Result<Array2<f64>, Error> {
    let dimensions = covariance.nrows();
    let mean_variance = covariance.diag().sum() / dimensions as f64;
    if !mean_variance.is_finite() {
        return Err(Error::Invalid(format!(
            "the variances of modality {modality} are too large for floating point: \
             scale its features down"
        )));
    }
    if mean_variance <= 0.0 {
        return Err(Error::Invalid(format!(
            "every feature of modality {modality} is constant: there is no variation to correlate"
        )));
    }
    covariance
        .diag_mut()
        .map_inplace(|variance| *variance += ridge * mean_variance);

    let (eigenvalues, eigenvectors) = symmetric_eigen(
        &covariance,
        &format!("the covariance of modality {modality}"),
    )?;
    let largest = eigenvalues.iter().copied().fold(0.0, f64::max);
    let smallest = eigenvalues.iter().copied().fold(f64::INFINITY, f64::min);
    if smallest <= SINGULAR_TOLERANCE * largest {
        return Err(singular_covariance(modality, dimensions, samples, ridge));
    }

    let mut scaled = eigenvectors.clone();
    for (mut column, eigenvalue) in scaled.columns_mut().into_iter().zip(&eigenvalues) {
        column /= eigenvalue.sqrt();
    }
    Ok(scaled.dot(&eigenvectors.t()))
}

fn singular_covariance(modality: &str, dimensions: usize, samples: usize, ridge: f64) -> Error {
    if ridge > 0.0 {
        Error::Invalid(format!(
            "the covariance of modality {modality} is still singular in floating point with \
             ridge {ridge}: raise the ridge (1e-3 is usually enough)"
        ))
    } else if samples <= dimensions {
        Error::Invalid(format!(
            "modality {modality} has {dimensions} features but only {samples} samples, so its \
             covariance is singular (its rank is at most {}): raise the ridge above 0 \
             (for example 0.01), or use more samples or fewer features",
            samples - 1
        ))
    } else {
        Error::Invalid(format!(
            "the covariance of modality {modality} is singular: some of its features are \
             linear combinations of others; raise the ridge above 0 (for example 0.01) or \
             remove the redundant features"
        ))
    }
}

/// Iterations allowed to the eigen- and singular value decompositions per
/// row of the matrix: far more than they need on any matrix of numbers, so
/// that running out means something is wrong with the input.
const ITERATIONS_PER_ROW: usize = 1000;

/// `S = E diag(l) E^T` of a symmetric matrix: the eigenvalues `l` and the
/// eigenvectors as the columns of `E`, in no particular order.
pub(super) fn symmetric_eigen(
    matrix: &Array2<f64>,
    what: &str,
) -> Result<(Vec<f64>, Array2<f64>), Error> {
    let size = matrix.nrows();
    if size == 0 || matrix.iter().any(|value| !value.is_finite()) {
        return Err(not_decomposable(what));
    }
    let eigen =
        SymmetricEigen::try_new(to_nalgebra(matrix), f64::EPSILON, ITERATIONS_PER_ROW * size)
            .ok_or_else(|| not_decomposable(what))?;
    if eigen.eigenvalues.iter().any(|value| !value.is_finite()) {
        return Err(not_decomposable(what));
    }
    Ok((
        eigen.eigenvalues.iter().copied().collect(),
        from_nalgebra(&eigen.eigenvectors),
    ))
}

/// A thin singular value decomposition `M = P diag(s) Q^T` of an `r x c`
/// matrix, `m = min(r, c)`.
pub(super) struct Singular {
    /// `s`, in descending order.
    pub values: Vec<f64>,
    /// `P`, `r x m`.
    pub left: Array2<f64>,
    /// `Q`, `c x m`.
    pub right: Array2<f64>,
}

/// The thin singular value decomposition of `matrix`.
pub(super) fn singular_value_decomposition(
    matrix: &Array2<f64>,
    what: &str,
) -> Result<Singular, Error> {
    let (rows, columns) = matrix.dim();
    if rows == 0 || columns == 0 || matrix.iter().any(|value| !value.is_finite()) {
        return Err(not_decomposable(what));
    }
    let svd = SVD::try_new_unordered(
        to_nalgebra(matrix),
        true,
        true,
        f64::EPSILON,
        ITERATIONS_PER_ROW * rows.max(columns),
    )
    .ok_or_else(|| not_decomposable(what))?;
    let (Some(left), Some(right_transposed)) = (svd.u, svd.v_t) else {
        return Err(not_decomposable(what));
    };
    if svd.singular_values.iter().any(|value| !value.is_finite()) {
        return Err(not_decomposable(what));
    }

    let mut order: Vec<usize> = (0..svd.singular_values.len()).collect();
    order.sort_by(|&i, &j| svd.singular_values[j].total_cmp(&svd.singular_values[i]));
    let values = order.iter().map(|&i| svd.singular_values[i]).collect();
    let left = Array2::from_shape_fn((rows, order.len()), |(r, i)| left[(r, order[i])]);
    let right = Array2::from_shape_fn((columns, order.len()), |(c, i)| {
        right_transposed[(order[i], c)]
    });
    Ok(Singular {
        values,
        left,
        right,
    })
}

fn not_decomposable(what: &str) -> Error {
    Error::Invalid(format!(
        "the decomposition of {what} did not converge: the data may hold values of wildly \
         different magnitudes; rescale the features or raise the ridge"
    ))
}

fn to_nalgebra(matrix: &Array2<f64>) -> DMatrix<f64> {
    DMatrix::from_fn(matrix.nrows(), matrix.ncols(), |i, j| matrix[[i, j]])
}

fn from_nalgebra(matrix: &DMatrix<f64>) -> Array2<f64> {
    Array2::from_shape_fn(matrix.shape(), |(i, j)| matrix[(i, j)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn one_feature_each_gives_the_absolute_pearson_correlation() {
        // x = (1, 2, 3, 4), y = (2, 1, 4, 3): centred (-1.5, -0.5, 0.5, 1.5)
        // and (-0.5, -1.5, 1.5, 0.5); sum of products 0.75 + 0.75 + 0.75 + 0.75
        // = 3, sums of squares 5 and 5, so r = 3 / 5 = 0.6.
        let x = array![[1.0], [2.0], [3.0], [4.0]];
        let y = array![[2.0], [1.0], [4.0], [3.0]];
        let cca = Cca::fit(x.view(), y.view(), 0.0).unwrap();
        assert!((cca.correlations[0] - 0.6).abs() < 1e-12);

        // Negated, the correlation is -0.6; CCA flips the direction instead.
        let negated = y.mapv(|value| -value);
        let cca = Cca::fit(x.view(), negated.view(), 0.0).unwrap();
        assert!((cca.correlations[0] - 0.6).abs() < 1e-12);
    }

    #[test]
    fn the_ridge_shrinks_a_one_feature_correlation_by_its_variance_inflation() {
        // One feature each: rho = cov / sqrt((1 + ridge) var_x (1 + ridge) var_y)
        // = r / (1 + ridge), with r = 0.6 from the test above.
        let x = array![[1.0], [2.0], [3.0], [4.0]];
        let y = array![[2.0], [1.0], [4.0], [3.0]];
        let cca = Cca::fit(x.view(), y.view(), 0.5).unwrap();
        assert!((cca.correlations[0] - 0.6 / 1.5).abs() < 1e-12);
        assert_eq!(cca.ridge, 0.5);
    }

    #[test]
    fn a_ridge_outside_zero_to_one_is_refused() {
        let x = array![[1.0], [2.0], [3.0]];
        for ridge in [-0.1, 1.5, f64::NAN] {
            let error = Cca::fit(x.view(), x.view(), ridge).unwrap_err();
            assert!(error.to_string().contains("choose a number from 0"));
        }
    }

    #[test]
    fn the_joint_covariance_matches_the_definition_for_any_sample_count() {
        // Shapes from the fewest samples CCA takes to more features than samples.
        for (n, d_a, d_b) in [(2, 1, 4), (3, 2, 1), (5, 4, 3), (6, 3, 4), (7, 5, 2)] {
            let a = Array2::from_shape_fn((n, d_a), |(i, j)| ((i * 7 + j * 3) % 5) as f64 - 1.5);
            let b = Array2::from_shape_fn((n, d_b), |(i, j)| (i * i + j) as f64);
            let width = d_a + d_b;
            let (centring_a, centring_b) = (Centring::of(a.view()), Centring::of(b.view()));
            let joint = joint_covariance(a.view(), b.view(), &centring_a, &centring_b);

            let column = |k: usize| -> Vec<f64> {
                let (x, centring, j) = if k < d_a {
                    (&a, &centring_a, k)
                } else {
                    (&b, &centring_b, k - d_a)
                };
                x.column(j)
                    .iter()
                    .map(|value| value / centring.scale - centring.mean[j])
                    .collect()
            };
            for i in 0..width {
                for j in 0..width {
                    let expected: f64 = column(i)
                        .iter()
                        .zip(column(j))
                        .map(|(x, y)| x * y)
                        .sum::<f64>()
                        / (n - 1) as f64;
                    assert!(
                        (joint[[i, j]] - expected).abs() < 1e-12,
                        "n {n}, ({i}, {j})"
                    );
                }
            }
        }
    }

    #[test]
    fn singular_values_come_sorted_with_their_vectors() {
        let matrix = array![[1.0, 0.0], [0.0, 3.0], [0.0, 0.0]];
        let singular = singular_value_decomposition(&matrix, "a test").unwrap();
        let values = &singular.values;
        assert!((values[0] - 3.0).abs() < 1e-12 && (values[1] - 1.0).abs() < 1e-12);
        assert!((singular.left[[1, 0]].abs() - 1.0).abs() < 1e-12);
        assert!((singular.right[[1, 0]].abs() - 1.0).abs() < 1e-12);
    }
}
