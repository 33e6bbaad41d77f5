//! EMAP, the empirical multimodal-additive projection of a model (Hessel
//! and Lee, "Does my multimodal model learn cross-modal interactions? It's
//! harder to tell than you might think!", EMNLP 2020,
//! <https://arxiv.org/abs/2010.06572>).
//!
//! The projection of f onto additive functions, under the empirical
//! distribution of N pairs (a_i, b_i):
//!
//! ```text
//! f~(a, b) = E_b'[f(a, b')] + E_a'[f(a', b)] - E_a',b'[f(a', b')]
//! ```
//!
//! f~ keeps everything f does with each modality alone and drops every
//! cross-modal interaction. When f~ predicts as well as f, the model's
//! interactions add nothing to its accuracy.

use ndarray::{Array1, Array2, Array3, ArrayView3, Axis};

/// The additive projection of the logits of f on every pair of samples.
///
/// # Shapes
/// - `logits`: `[n_a, n_b, classes]`, entry `[i, j, c]` being f_c(a_i, b_j)
/// - output: the same shape, entry `[i, j, c]` being f~_c(a_i, b_j)
pub fn project(logits: ArrayView3<f32>) -> Array3<f32> {
    let parts = AdditiveParts::of(logits);
    let (n_a, n_b, classes) = logits.dim();
    Array3::from_shape_fn((n_a, n_b, classes), |(i, j, c)| parts.at(i, j, c))
}

/// The projection at the observed pairs (a_i, b_i), which is what EMAP's
/// accuracy is measured on.
///
/// # Shapes
/// - `logits`: `[n, n, classes]`
/// - output: `[n, classes]`
pub fn project_diagonal(logits: ArrayView3<f32>) -> Array2<f32> {
    let parts = AdditiveParts::of(logits);
    let (n, _, classes) = logits.dim();
    Array2::from_shape_fn((n, classes), |(i, c)| parts.at(i, i, c))
}

/// The three expectations EMAP adds up.
#[derive(Debug, Clone)]
pub struct AdditiveParts {
    /// E_b'[f(a_i, b')], shape `[n_a, classes]`.
    pub of_a: Array2<f32>,
    /// E_a'[f(a', b_j)], shape `[n_b, classes]`.
    pub of_b: Array2<f32>,
    /// E_a',b'[f(a', b')], shape `[classes]`.
    pub mean: Array1<f32>,
}

impl AdditiveParts {
    /// The expectations from the logits of f on every pair, `[n_a, n_b, classes]`.
    pub fn of(logits: ArrayView3<f32>) -> Self {
        let of_a = logits.mean_axis(Axis(1)).expect("at least one sample of B");
        let of_b = logits.mean_axis(Axis(0)).expect("at least one sample of A");
        let mean = of_a.mean_axis(Axis(0)).expect("at least one sample of A");
        AdditiveParts { of_a, of_b, mean }
    }

    /// f~_c(a_i, b_j).
    pub fn at(&self, i: usize, j: usize, class: usize) -> f32 {
        self.of_a[[i, class]] + self.of_b[[j, class]] - self.mean[class]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array, array};

    #[test]
    fn reproduces_the_reference_projection() {
        // From shared/oracles/fixtures.json ("emap"); the diagonal is also the
        // worked example of the tutorial: rows are texts, columns images.
        let logits = array![[-1.3, 0.3, -0.2], [0.8, 3.0, 1.1], [1.1, -0.1, 0.7]];
        let logits = logits.insert_axis(Axis(2));
        let projected = project_diagonal(logits.view());
        for (got, expected) in projected.column(0).iter().zip([-0.8, 2.1, 0.5]) {
            assert!((got - expected).abs() < 1e-6, "{got} vs {expected}");
        }
    }

    #[test]
    fn an_additive_function_is_its_own_projection() {
        let g = [0.5_f32, -1.0, 2.0, 0.25];
        let h = [3.0_f32, -0.5, 1.5];
        let logits = Array::from_shape_fn((4, 3, 2), |(i, j, c)| g[i] * (c as f32 + 1.0) + h[j]);
        let projected = project(logits.view());
        for (got, expected) in projected.iter().zip(logits.iter()) {
            assert!((got - expected).abs() < 1e-6);
        }
    }

    #[test]
    fn a_pure_interaction_projects_to_its_mean() {
        // f(a, b) = a b with a and b centred: both partial means are zero.
        let a = [-1.0_f32, 1.0];
        let logits = Array::from_shape_fn((2, 2, 1), |(i, j, _)| a[i] * a[j]);
        assert!(project(logits.view()).iter().all(|v| v.abs() < 1e-7));
    }
}
