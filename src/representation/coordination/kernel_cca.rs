//! Regularised kernel CCA with RBF kernels: CCA between the modalities after
//! a nonlinear map into a reproducing kernel Hilbert space, so that it finds
//! relations like `z_B = z_A^2` that linear CCA cannot see.
//!
//! Bach and Jordan 2002, "Kernel independent component analysis",
//! <https://www.jmlr.org/papers/v3/bach02a.html>; Hardoon, Szedmak and
//! Shawe-Taylor 2004, "Canonical correlation analysis: an overview with
//! application to learning methods", <https://doi.org/10.1162/0899766042321814>.
//!
//! With the centred Gram matrices `K_A = H G_A H` (`G_A[i, j] = k(a_i, a_j)`,
//! RBF kernel, `H = I - 1 1^T / n`) and the regulariser `kappa > 0`:
//!
//! ```text
//! R_A   = (K_A + kappa n I)^(-1) K_A          (the same for B)
//! rho_i = i-th singular value of R_A R_B
//! ```
//!
//! which is the problem `max alpha^T K_A K_B beta` under
//! `alpha^T (K_A + kappa n I)^2 alpha = beta^T (K_B + kappa n I)^2 beta = 1`.
//! Without the regulariser (`kappa -> 0`) every correlation tends to 1 for
//! any data, related or not: the kernel space is rich enough to match any
//! two sets of points, so `kappa` is what makes the answer mean something.
//!
//! **How it is computed.** `K_A = E_A diag(l_A) E_A^T` by eigen-decomposition,
//! so `R_A = E_A D_A E_A^T` with `D_A = diag(l / (l + kappa n))`, and the
//! singular values of `R_A R_B` are those of the smaller problem
//! `D_A (E_A^T E_B) D_B = P diag(rho) Q^T`. The canonical variates of the
//! training points are `E_A D_A P` and `E_B D_B Q`, each column scaled to
//! unit variance.
//!
//! **Cost.** Two eigen-decompositions and one SVD of `n x n` matrices,
//! O(n^3). Measured natively by `examples/bench_cca.rs` (release build, the
//! project's 2-core machine kind while other builds ran, the digits halves,
//! bandwidths 2, `kappa` 1e-3, 2 components; median of 5): 33 ms for 200
//! samples and 111 ms for 300, about the n^3 ratio (3.4). Hence
//! [`MAX_SAMPLES`].

use ndarray::{Array1, Array2, ArrayView2, Axis, s};

use super::cca::{check_pairs, singular_value_decomposition, symmetric_eigen};
use super::similarity::{Kernel, check_finite};
use crate::Error;

/// The most samples kernel CCA accepts: its cost grows as n^3, and at 500
/// samples one fit already takes most of a second in the browser.
pub const MAX_SAMPLES: usize = 500;

/// The canonical correlations of kernel CCA and the canonical variates of
/// the training points.
///
/// # Shapes
///
/// ```text
/// correlations: c,   variates_a: n x c,   variates_b: n x c
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct KernelCca {
    /// `rho_1 >= ... >= rho_c`, each in `[0, 1]`.
    pub correlations: Vec<f64>,
    /// Column `i` is the `i`-th canonical variate of modality A, centred and
    /// with unit variance (all zeros when that component carries nothing).
    pub variates_a: Array2<f64>,
    /// The same for modality B.
    pub variates_b: Array2<f64>,
}

impl KernelCca {
    /// Fits kernel CCA with RBF kernels of the given bandwidths on `n`
    /// paired samples, keeping the first `components` pairs of variates.
    ///
    /// # Shapes
    ///
    /// ```text
    /// a: n x d_A,   b: n x d_B,   2 <= n <= MAX_SAMPLES,   1 <= components <= n
    /// ```
    ///
    /// # Errors
    ///
    /// If the sample counts differ or lie outside `2..=MAX_SAMPLES`, a value
    /// is NaN or infinite, a bandwidth is not a finite number above 0, the
    /// regulariser is not a finite number above 0, `components` is outside
    /// `1..=n`, or a decomposition does not converge.
    pub fn fit(
        a: ArrayView2<f64>,
        b: ArrayView2<f64>,
        bandwidth_a: f64,
        bandwidth_b: f64,
        regularisation: f64,
        components: usize,
    ) -> Result<KernelCca, Error> {
        check_pairs(a, b)?;
        let n = a.nrows();
        if n > MAX_SAMPLES {
            return Err(Error::Invalid(format!(
                "kernel CCA was given {n} samples; at most {MAX_SAMPLES} are supported, since its \
                 cost grows as the cube of the sample count: take a subsample"
            )));
        }
        check_finite(a, "modality A")?;
        check_finite(b, "modality B")?;
        for bandwidth in [bandwidth_a, bandwidth_b] {
            Kernel::Rbf { bandwidth }.validate()?;
        }
        if !(regularisation.is_finite() && regularisation > 0.0) {
            return Err(Error::Invalid(format!(
                "the regularisation is {regularisation}: kernel CCA needs a finite number above 0 \
                 (without it every correlation is 1); try 1e-3"
            )));
        }
        if !(1..=n).contains(&components) {
            return Err(Error::Invalid(format!(
                "{components} components were asked for: choose from 1 to the number of samples, {n}"
            )));
        }

        let shift = regularisation * n as f64;
        let (basis_a, shrinkage_a) = shrunk_eigenbasis(centred_gram(a, bandwidth_a), shift, "A")?;
        let (basis_b, shrinkage_b) = shrunk_eigenbasis(centred_gram(b, bandwidth_b), shift, "B")?;

        // D_A (E_A^T E_B) D_B has the singular values of R_A R_B.
        let mut core = basis_a.t().dot(&basis_b);
        for (mut row, shrink) in core.rows_mut().into_iter().zip(&shrinkage_a) {
            row *= *shrink;
        }
        for (mut column, shrink) in core.columns_mut().into_iter().zip(&shrinkage_b) {
            column *= *shrink;
        }
        let singular = singular_value_decomposition(&core, "kernel CCA")?;

        let variates = |basis: &Array2<f64>, shrinkage: &Array1<f64>, vectors: &Array2<f64>| {
            let scaled = basis * shrinkage;
            unit_variance(scaled.dot(&vectors.slice(s![.., ..components])))
        };
        Ok(KernelCca {
            correlations: singular
                .values
                .into_iter()
                .take(components)
                .map(|rho| rho.clamp(0.0, 1.0))
                .collect(),
            variates_a: variates(&basis_a, &shrinkage_a, &singular.left),
            variates_b: variates(&basis_b, &shrinkage_b, &singular.right),
        })
    }
}

/// `K = H G H` with `G[i, j] = exp(-|x_i - x_j|^2 / (2 bandwidth^2))`.
fn centred_gram(x: ArrayView2<f64>, bandwidth: f64) -> Array2<f64> {
    let n = x.nrows();
    let kernel = Kernel::Rbf { bandwidth };
    let rows: Vec<Vec<f64>> = x.rows().into_iter().map(|row| row.to_vec()).collect();
    let mut gram = Array2::zeros((n, n));
    for i in 0..n {
        for j in 0..=i {
            let value = kernel.evaluate(&rows[i], &rows[j]);
            gram[[i, j]] = value;
            gram[[j, i]] = value;
        }
    }

    // H G H: subtract row and column means, add back the grand mean.
    let means = gram.mean_axis(Axis(0)).unwrap_or_else(|| Array1::zeros(n));
    let grand = means.mean().unwrap_or(0.0);
    Array2::from_shape_fn((n, n), |(i, j)| gram[[i, j]] - means[i] - means[j] + grand)
}

/// The eigenvectors `E` of `K` and the shrinkage `l / (l + shift)` of each
/// eigenvalue `l` (negative round-off clipped to 0).
fn shrunk_eigenbasis(
    gram: Array2<f64>,
    shift: f64,
    modality: &str,
) -> Result<(Array2<f64>, Array1<f64>), Error> {
    let (eigenvalues, eigenvectors) =
        symmetric_eigen(&gram, &format!("the Gram matrix of modality {modality}"))?;
    let shrinkage = eigenvalues
        .iter()
        .map(|&value| {
            let value = value.max(0.0);
            value / (value + shift)
        })
        .collect();
    Ok((eigenvectors, shrinkage))
}

/// Each column centred and scaled to sample variance 1 (divided by `n - 1`);
/// a column that is numerically zero stays zero.
fn unit_variance(mut variates: Array2<f64>) -> Array2<f64> {
    let n = variates.nrows();
    for mut column in variates.columns_mut() {
        let mean = column.mean().unwrap_or(0.0);
        column -= mean;
        let variance = column.iter().map(|value| value * value).sum::<f64>() / (n - 1) as f64;
        if variance > 1e-24 {
            column /= variance.sqrt();
        } else {
            column.fill(0.0);
        }
    }
    variates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::representation::coordination::cca::Cca;
    use nalgebra::DMatrix;
    use ndarray::array;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// `n` samples of a ~ U(-1, 1) and of an independent c ~ U(-1, 1).
    fn uniform_samples(n: usize, seed: u64) -> (Array2<f64>, Array2<f64>) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let a = Array2::from_shape_fn((n, 1), |_| rng.random_range(-1.0..1.0));
        let c = Array2::from_shape_fn((n, 1), |_| rng.random_range(-1.0..1.0));
        (a, c)
    }

    #[test]
    fn kernel_cca_sees_a_square_that_linear_cca_cannot() {
        // b = a^2 with a symmetric about 0: cov(a, a^2) = E[a^3] = 0, so the
        // population correlation is 0 and the sample one is about
        // N(0, 1 / n): below 3 / sqrt(200) = 0.21 but for a 0.3 % chance.
        let n = 200;
        let (a, independent) = uniform_samples(n, 11);
        let b = a.mapv(|value| value * value);
        let linear = Cca::fit(a.view(), b.view(), 0.0).unwrap();
        assert!(linear.correlations[0] < 0.21, "{:?}", linear.correlations);

        // b is a smooth function of a, so with a bandwidth of 0.5 (a quarter
        // of a's range) the RBF space holds it almost exactly; the only loss
        // is the shrinkage l / (l + kappa n) of the leading eigenvalues, which
        // are tens here against kappa n = 0.2. So rho_1 is close to 1 ...
        let kappa = 1e-3;
        let kernel = KernelCca::fit(a.view(), b.view(), 0.5, 0.5, kappa, 2).unwrap();
        assert!(kernel.correlations[0] > 0.95, "{:?}", kernel.correlations);

        // ... while for an independent modality it is well below, which is
        // what makes the comparison mean something (with kappa -> 0 both
        // would tend to 1).
        let unrelated = KernelCca::fit(a.view(), independent.view(), 0.5, 0.5, kappa, 1).unwrap();
        assert!(
            unrelated.correlations[0] < 0.8,
            "{:?}",
            unrelated.correlations
        );
    }

    #[test]
    fn variates_have_unit_variance_and_covary_positively() {
        let (a, _) = uniform_samples(50, 3);
        let b = a.mapv(f64::sin);
        let fitted = KernelCca::fit(a.view(), b.view(), 0.5, 0.5, 1e-2, 3).unwrap();
        for i in 0..3 {
            let u = fitted.variates_a.column(i);
            let v = fitted.variates_b.column(i);
            let variance = u.dot(&u) / 49.0;
            assert!((variance - 1.0).abs() < 1e-9, "component {i}: {variance}");
            assert!(u.dot(&v) >= -1e-9);
        }
    }

    /// The top eigenvalue of the generalised problem
    /// [[0, K_A K_B], [K_B K_A, 0]] w = rho [[(K_A + c I)^2, 0], [0, (K_B + c I)^2]] w,
    /// c = kappa n, by a Cholesky factor C = L L^T of the right-hand side and
    /// the symmetric eigenvalues of L^-1 A L^-T: a different route from the
    /// crate's eigen-decompositions of K and SVD.
    fn generalised_top_eigenvalue(k_a: &Array2<f64>, k_b: &Array2<f64>, shift: f64) -> f64 {
        let n = k_a.nrows();
        let k_a = DMatrix::from_fn(n, n, |i, j| k_a[[i, j]]);
        let k_b = DMatrix::from_fn(n, n, |i, j| k_b[[i, j]]);
        let identity = DMatrix::<f64>::identity(n, n);
        let mut left = DMatrix::zeros(2 * n, 2 * n);
        left.view_mut((0, n), (n, n)).copy_from(&(&k_a * &k_b));
        left.view_mut((n, 0), (n, n)).copy_from(&(&k_b * &k_a));
        let mut right = DMatrix::zeros(2 * n, 2 * n);
        let c_a = &k_a + &identity * shift;
        let c_b = &k_b + &identity * shift;
        right.view_mut((0, 0), (n, n)).copy_from(&(&c_a * &c_a));
        right.view_mut((n, n), (n, n)).copy_from(&(&c_b * &c_b));

        let factor = right.cholesky().unwrap().l();
        let inverse = factor.try_inverse().unwrap();
        let symmetric = &inverse * left * inverse.transpose();
        nalgebra::SymmetricEigen::new(symmetric).eigenvalues.max()
    }

    #[test]
    fn the_first_correlation_solves_the_generalised_eigenproblem() {
        let a = array![[0.0], [0.3], [1.1], [-0.4], [0.8], [-1.0]];
        let b = array![
            [1.0, 0.2],
            [0.5, 0.1],
            [0.0, -0.3],
            [0.9, 0.4],
            [0.2, 0.0],
            [-0.2, 0.7]
        ];
        let (kappa, bandwidth) = (0.02, 0.7);
        let fitted = KernelCca::fit(a.view(), b.view(), bandwidth, bandwidth, kappa, 1).unwrap();
        let expected = generalised_top_eigenvalue(
            &centred_gram(a.view(), bandwidth),
            &centred_gram(b.view(), bandwidth),
            kappa * 6.0,
        );
        assert!(
            (fitted.correlations[0] - expected).abs() < 1e-9,
            "{} against {expected}",
            fitted.correlations[0]
        );
    }

    #[test]
    fn two_samples_give_the_product_of_the_two_shrinkages() {
        // With n = 2 and k = exp(-d^2 / (2 s^2)) between the two points,
        // H G H = (1 - k) / 2 [[1, -1], [-1, 1]]: one eigenvalue l = 1 - k
        // (eigenvector (1, -1) / sqrt 2), the other 0. So R = l / (l + 2 kappa)
        // v v^T and R_A R_B = (l_A / (l_A + 2 kappa)) (l_B / (l_B + 2 kappa)) v v^T.
        let a = array![[0.0], [1.0]];
        let b = array![[0.0, 0.0], [3.0, 4.0]];
        let kappa = 0.05;
        let l_a = 1.0 - (-0.5f64).exp();
        let l_b = 1.0 - (-25.0f64 / 2.0).exp();
        let expected = l_a / (l_a + 2.0 * kappa) * l_b / (l_b + 2.0 * kappa);

        let fitted = KernelCca::fit(a.view(), b.view(), 1.0, 1.0, kappa, 1).unwrap();
        assert!((fitted.correlations[0] - expected).abs() < 1e-12);
        // Each variate is +-(1, -1) / sqrt 2 scaled to unit variance.
        assert!((fitted.variates_a[[0, 0]].abs() - 0.5f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn refuses_too_many_samples_and_a_zero_regulariser() {
        let big = Array2::<f64>::zeros((MAX_SAMPLES + 1, 1));
        let error = KernelCca::fit(big.view(), big.view(), 1.0, 1.0, 1e-3, 1).unwrap_err();
        assert!(error.to_string().contains("at most 500"));

        let a = array![[0.0], [1.0], [2.0]];
        let error = KernelCca::fit(a.view(), a.view(), 1.0, 1.0, 0.0, 1).unwrap_err();
        assert!(error.to_string().contains("above 0"));
        assert!(KernelCca::fit(a.view(), a.view(), 0.0, 1.0, 1e-3, 1).is_err());
        assert!(KernelCca::fit(a.view(), a.view(), 1.0, 1.0, 1e-3, 4).is_err());
    }
}
