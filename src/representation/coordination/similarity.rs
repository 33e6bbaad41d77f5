//! Coordination functions g(z_A, z_B): how alike a sample of one modality is
//! to a sample of the other, as cosine similarity or as a kernel.
//!
//! ```text
//! cosine        k(x, y) = <x, y> / (|x| |y|)          (0 when |x| or |y| is 0)
//! linear        k(x, y) = <x, y>
//! polynomial    k(x, y) = (<x, y> + offset)^degree
//! exponential   k(x, y) = exp(-|x - y| / bandwidth)    (the Laplacian kernel)
//! RBF           k(x, y) = exp(-|x - y|^2 / (2 bandwidth^2))
//! ```
//!
//! [`similarity_matrix`] evaluates one of them between every sample of
//! modality A and every sample of modality B: the matrix a coordinated
//! representation is judged by (its diagonal holds the true pairs).

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use crate::Error;

/// The largest degree of a polynomial kernel: beyond it the values leave
/// floating point for any input that is not tiny.
pub const MAX_DEGREE: u32 = 10;

/// A coordination function between two vectors of the same length.
///
/// As JSON: `{"kind": "cosine"}`, `{"kind": "polynomial", "degree": 2,
/// "offset": 1}`, `{"kind": "rbf", "bandwidth": 0.5}`, and so on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind")]
pub enum Kernel {
    /// `<x, y> / (|x| |y|)`, in `[-1, 1]`; 0 when either vector is 0.
    Cosine,
    /// `<x, y>`.
    Linear,
    /// `(<x, y> + offset)^degree`, degree from 1 to [`MAX_DEGREE`].
    Polynomial { degree: u32, offset: f64 },
    /// `exp(-|x - y| / bandwidth)`, the Laplacian kernel; bandwidth > 0.
    Exponential { bandwidth: f64 },
    /// `exp(-|x - y|^2 / (2 bandwidth^2))`, the Gaussian kernel; bandwidth > 0.
    Rbf { bandwidth: f64 },
}

impl Kernel {
    /// Checks the kernel's parameters: a degree from 1 to [`MAX_DEGREE`], a
    /// finite offset, a finite bandwidth above 0.
    pub fn validate(&self) -> Result<(), Error> {
        match *self {
            Kernel::Cosine | Kernel::Linear => Ok(()),
            Kernel::Polynomial { degree, offset } => {
                if !(1..=MAX_DEGREE).contains(&degree) {
                    return Err(Error::Invalid(format!(
                        "the polynomial kernel's degree is {degree}: choose a whole number from 1 to {MAX_DEGREE}"
                    )));
                }
                if !offset.is_finite() {
                    return Err(Error::Invalid(format!(
                        "the polynomial kernel's offset is {offset}: it must be a finite number"
                    )));
                }
                Ok(())
            }
            Kernel::Exponential { bandwidth } | Kernel::Rbf { bandwidth } => {
                if bandwidth.is_finite() && bandwidth > 0.0 {
                    Ok(())
                } else {
                    Err(Error::Invalid(format!(
                        "the kernel's bandwidth is {bandwidth}: it must be a finite number above 0"
                    )))
                }
            }
        }
    }

    /// `k(x, y)` for two vectors of the same length (the shorter one's length
    /// is used if they differ; [`similarity_matrix`] checks that they do not).
    /// The parameters are assumed valid ([`Kernel::validate`]).
    pub fn evaluate(&self, x: &[f64], y: &[f64]) -> f64 {
        match *self {
            Kernel::Cosine => {
                let norms = dot(x, x).sqrt() * dot(y, y).sqrt();
                if norms == 0.0 { 0.0 } else { dot(x, y) / norms }
            }
            Kernel::Linear => dot(x, y),
            Kernel::Polynomial { degree, offset } => {
                // The degree is at most MAX_DEGREE, so it fits an i32.
                (dot(x, y) + offset).powi(degree.min(MAX_DEGREE) as i32)
            }
            Kernel::Exponential { bandwidth } => (-squared_distance(x, y).sqrt() / bandwidth).exp(),
            Kernel::Rbf { bandwidth } => {
                // Divided before squaring, so that a tiny bandwidth whose
                // square underflows to 0 gives 0 / b = 0, not 0 / 0.
                let scaled = squared_distance(x, y).sqrt() / bandwidth;
                (-0.5 * scaled * scaled).exp()
            }
        }
    }
}

/// The similarity of every sample of modality A to every sample of B.
///
/// ```text
/// S[i, j] = k(a_i, b_j)
/// ```
///
/// # Shapes
///
/// ```text
/// a: N_a x d,   b: N_b x d   ->   S: N_a x N_b
/// ```
///
/// # Errors
///
/// If the kernel's parameters are invalid, if `a` and `b` have different
/// numbers of columns, or if a value is NaN or infinite.
pub fn similarity_matrix(
    a: ArrayView2<f64>,
    b: ArrayView2<f64>,
    kernel: Kernel,
) -> Result<Array2<f64>, Error> {
    kernel.validate()?;
    if a.ncols() != b.ncols() {
        return Err(Error::Invalid(format!(
            "modality A has {} features and modality B has {}: a similarity compares vectors \
             of the same length, so project them to a common size first",
            a.ncols(),
            b.ncols()
        )));
    }
    check_finite(a, "modality A")?;
    check_finite(b, "modality B")?;

    let a_rows: Vec<Vec<f64>> = a.rows().into_iter().map(|row| row.to_vec()).collect();
    let b_rows: Vec<Vec<f64>> = b.rows().into_iter().map(|row| row.to_vec()).collect();
    Ok(Array2::from_shape_fn((a.nrows(), b.nrows()), |(i, j)| {
        kernel.evaluate(&a_rows[i], &b_rows[j])
    }))
}

/// An error naming the first NaN or infinite value of `what` ("modality A"),
/// by row and column counted from 1.
pub(super) fn check_finite(values: ArrayView2<f64>, what: &str) -> Result<(), Error> {
    // The quick pass first; the indexed search only when something is wrong.
    if values.iter().all(|value| value.is_finite()) {
        return Ok(());
    }
    match values.indexed_iter().find(|(_, value)| !value.is_finite()) {
        None => Ok(()),
        Some(((row, column), value)) => Err(Error::Invalid(format!(
            "{what}, row {}, column {}: {value} is not a finite number; \
             every value must be one",
            row + 1,
            column + 1
        ))),
    }
}

fn dot(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(x, y)| x * y).sum()
}

fn squared_distance(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(x, y)| (x - y) * (x - y)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    const TOLERANCE: f64 = 1e-12;

    #[test]
    fn cosine_is_one_for_parallel_vectors_and_zero_for_orthogonal_or_zero_ones() {
        assert!((Kernel::Cosine.evaluate(&[1.0, 2.0], &[2.0, 4.0]) - 1.0).abs() < TOLERANCE);
        assert!((Kernel::Cosine.evaluate(&[1.0, 0.0], &[-3.0, 0.0]) + 1.0).abs() < TOLERANCE);
        assert_eq!(Kernel::Cosine.evaluate(&[1.0, 0.0], &[0.0, 5.0]), 0.0);
        assert_eq!(Kernel::Cosine.evaluate(&[0.0, 0.0], &[1.0, 1.0]), 0.0);
        // (1, 1) and (1, 0) meet at 45 degrees: cos = 1 / sqrt 2.
        let diagonal = Kernel::Cosine.evaluate(&[1.0, 1.0], &[1.0, 0.0]);
        assert!((diagonal - 0.5f64.sqrt()).abs() < TOLERANCE);
    }

    #[test]
    fn linear_and_polynomial_kernels_follow_the_inner_product() {
        // <(1, 2), (3, -1)> = 3 - 2 = 1.
        assert_eq!(Kernel::Linear.evaluate(&[1.0, 2.0], &[3.0, -1.0]), 1.0);
        let square = Kernel::Polynomial {
            degree: 2,
            offset: 1.0,
        };
        assert_eq!(square.evaluate(&[1.0, 2.0], &[3.0, -1.0]), 4.0);
        let cube = Kernel::Polynomial {
            degree: 3,
            offset: -2.0,
        };
        assert_eq!(cube.evaluate(&[1.0, 2.0], &[3.0, -1.0]), -1.0);
    }

    #[test]
    fn exponential_and_rbf_kernels_decay_with_distance() {
        // |(0, 0) - (3, 4)| = 5.
        let laplacian = Kernel::Exponential { bandwidth: 5.0 };
        assert!((laplacian.evaluate(&[0.0, 0.0], &[3.0, 4.0]) - (-1.0f64).exp()).abs() < TOLERANCE);
        let gaussian = Kernel::Rbf { bandwidth: 5.0 };
        // exp(-25 / (2 * 25)) = exp(-1/2).
        assert!((gaussian.evaluate(&[0.0, 0.0], &[3.0, 4.0]) - (-0.5f64).exp()).abs() < TOLERANCE);
        assert_eq!(gaussian.evaluate(&[1.0, 2.0], &[1.0, 2.0]), 1.0);
        // A bandwidth whose square underflows still gives 1 at distance 0.
        let narrow = Kernel::Rbf { bandwidth: 1e-300 };
        assert_eq!(narrow.evaluate(&[1.0], &[1.0]), 1.0);
        assert_eq!(narrow.evaluate(&[1.0], &[2.0]), 0.0);
    }

    #[test]
    fn the_matrix_holds_every_pair_with_a_rows_and_b_columns() {
        let a = array![[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]];
        let b = array![[2.0, 0.0], [0.0, -1.0]];
        let matrix = similarity_matrix(a.view(), b.view(), Kernel::Linear).unwrap();
        assert_eq!(matrix, array![[2.0, 0.0], [0.0, -1.0], [2.0, -1.0]]);
    }

    #[test]
    fn invalid_parameters_are_refused_with_what_is_valid() {
        let zero_degree = Kernel::Polynomial {
            degree: 0,
            offset: 0.0,
        };
        assert!(
            zero_degree
                .validate()
                .unwrap_err()
                .to_string()
                .contains("from 1 to 10")
        );
        for bandwidth in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(Kernel::Rbf { bandwidth }.validate().is_err());
            assert!(Kernel::Exponential { bandwidth }.validate().is_err());
        }
        assert!(
            Kernel::Polynomial {
                degree: 2,
                offset: f64::NAN
            }
            .validate()
            .is_err()
        );
    }

    #[test]
    fn mismatched_widths_and_non_finite_values_are_named() {
        let a = array![[1.0, 2.0]];
        let b = array![[1.0, 2.0, 3.0]];
        let error = similarity_matrix(a.view(), b.view(), Kernel::Cosine).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("A has 2 features and modality B has 3")
        );

        let b = array![[1.0, 2.0], [3.0, f64::NAN]];
        let error = similarity_matrix(a.view(), b.view(), Kernel::Cosine).unwrap_err();
        assert!(error.to_string().contains("modality B, row 2, column 2"));
    }

    #[test]
    fn kernels_read_and_write_json_by_kind() {
        let kernel: Kernel = serde_json::from_str(r#"{"kind":"rbf","bandwidth":0.5}"#).unwrap();
        assert_eq!(kernel, Kernel::Rbf { bandwidth: 0.5 });
        let polynomial = Kernel::Polynomial {
            degree: 2,
            offset: 1.0,
        };
        let json = serde_json::to_string(&polynomial).unwrap();
        assert_eq!(json, r#"{"kind":"polynomial","degree":2,"offset":1.0}"#);
    }
}
