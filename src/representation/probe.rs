//! Looking inside a trained fusion model: its function over the
//! (x_A, x_B) plane, and how much of its accuracy survives EMAP.

use ndarray::{Array2, Array3, Axis, s};
use serde::Serialize;

use super::datasets::{Samples, Split};
use super::emap::AdditiveParts;
use super::fusion::Fusion;
use super::train::logits;

/// The univariate data lives in the square [-1, 1] x [-1, 1]; a student's
/// standardised table may need a wider square, given as `extent`.
pub const EXTENT: f32 = 1.0;

/// The centres of `resolution` equal cells across [-extent, extent].
pub fn grid(resolution: usize, extent: f32) -> Vec<f32> {
    let cell = 2.0 * extent / resolution as f32;
    (0..resolution)
        .map(|k| -extent + cell * (k as f32 + 0.5))
        .collect()
}

/// The half-width of the smallest square, in steps of 0.5 and at least
/// [`EXTENT`], that holds every coordinate of every sample of both
/// modalities: the plane to draw a standardised table of one column per
/// modality on.
pub fn covering_extent(split: &Split) -> f32 {
    let largest = [&split.train, &split.test]
        .iter()
        .flat_map(|samples| samples.a.iter().chain(samples.b.iter()))
        .fold(0.0_f32, |largest, value| largest.max(value.abs()));
    if largest.is_finite() {
        ((largest * 2.0).ceil() / 2.0).max(EXTENT)
    } else {
        EXTENT
    }
}

/// P(y = 1 | x_A, x_B) of a two-class model with scalar modalities, on a
/// `resolution` x `resolution` grid of [-extent, extent]^2: row-major, the
/// first row at the top (x_B = +extent), x_A growing to the right, as an
/// image is drawn.
pub fn probability_map(model: &Fusion, resolution: usize, extent: f32) -> Vec<f32> {
    let (a, b) = grid_pairs(resolution, extent);
    let z = logits(model, &a, &b);
    z.rows()
        .into_iter()
        .map(|row| class_one_probability(row[0], row[1]))
        .collect()
}

/// The same map for the model's EMAP projection, whose expectations are
/// taken over the first `limit` samples of `reference` (usually the test set).
pub fn projected_probability_map(
    model: &Fusion,
    reference: &Samples,
    resolution: usize,
    extent: f32,
    limit: usize,
) -> Vec<f32> {
    let reference = first(reference, limit);
    let axis = column(&grid(resolution, extent));
    let n = reference.len();

    // E_b'[f(u, b')] for every grid value u of x_A, and E_a'[f(a', v)] for every v of x_B.
    let over_b = all_pairs(model, &axis, &reference.b)
        .mean_axis(Axis(1))
        .expect("grid is not empty");
    let over_a = all_pairs(model, &reference.a, &axis)
        .mean_axis(Axis(0))
        .expect("samples are not empty");
    let mean = all_pairs(model, &reference.a, &reference.b)
        .into_shape_with_order((n * n, 2))
        .expect("pairs are contiguous")
        .mean_axis(Axis(0))
        .expect("samples are not empty");

    let mut map = Vec::with_capacity(resolution * resolution);
    for row in (0..resolution).rev() {
        for col in 0..resolution {
            let z = |c: usize| over_b[[col, c]] + over_a[[row, c]] - mean[c];
            map.push(class_one_probability(z(0), z(1)));
        }
    }
    map
}

/// Test accuracy of the model and of its EMAP projection.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EmapAccuracy {
    pub accuracy: f32,
    pub projected_accuracy: f32,
    /// How many samples both were measured on.
    pub samples: usize,
}

/// Accuracy of f and of its additive projection f~ on the first `limit`
/// samples, the expectations of f~ taken over those same samples.
pub fn emap_accuracy(model: &Fusion, samples: &Samples, limit: usize) -> EmapAccuracy {
    let samples = first(samples, limit);
    let n = samples.len();
    let pairs = all_pairs(model, &samples.a, &samples.b);
    let parts = AdditiveParts::of(pairs.view());
    let classes = pairs.dim().2;

    let argmax = |score: &dyn Fn(usize) -> f32| {
        (0..classes)
            .max_by(|&p, &q| score(p).total_cmp(&score(q)))
            .expect("at least two classes")
    };
    let mut correct = 0;
    let mut projected_correct = 0;
    for i in 0..n {
        let label = usize::from(samples.labels[i]);
        correct += usize::from(argmax(&|c| pairs[[i, i, c]]) == label);
        projected_correct += usize::from(argmax(&|c| parts.at(i, i, c)) == label);
    }
    EmapAccuracy {
        accuracy: correct as f32 / n as f32,
        projected_accuracy: projected_correct as f32 / n as f32,
        samples: n,
    }
}

/// Logits of f on every pair (a_i, b_j): `[rows of a, rows of b, classes]`.
fn all_pairs(model: &Fusion, a: &Array2<f32>, b: &Array2<f32>) -> Array3<f32> {
    let (n_a, n_b) = (a.nrows(), b.nrows());
    let repeated_a = Array2::from_shape_fn((n_a * n_b, a.ncols()), |(k, d)| a[[k / n_b, d]]);
    let tiled_b = Array2::from_shape_fn((n_a * n_b, b.ncols()), |(k, d)| b[[k % n_b, d]]);
    let z = logits(model, &repeated_a, &tiled_b);
    let classes = z.ncols();
    z.into_shape_with_order((n_a, n_b, classes))
        .expect("one row per pair")
}

/// Every grid point as a pair of one-column matrices, in image order.
fn grid_pairs(resolution: usize, extent: f32) -> (Array2<f32>, Array2<f32>) {
    let axis = grid(resolution, extent);
    let cells = resolution * resolution;
    let a = Array2::from_shape_fn((cells, 1), |(k, _)| axis[k % resolution]);
    let b = Array2::from_shape_fn((cells, 1), |(k, _)| axis[resolution - 1 - k / resolution]);
    (a, b)
}

fn column(values: &[f32]) -> Array2<f32> {
    Array2::from_shape_vec((values.len(), 1), values.to_vec()).expect("one value per row")
}

fn first(samples: &Samples, limit: usize) -> Samples {
    let n = samples.len().min(limit.max(1));
    Samples {
        a: samples.a.slice(s![..n, ..]).to_owned(),
        b: samples.b.slice(s![..n, ..]).to_owned(),
        labels: samples.labels[..n].to_vec(),
        classes: samples.classes,
    }
}

/// softmax(z)_1 for two logits.
fn class_one_probability(z0: f32, z1: f32) -> f32 {
    1.0 / (1.0 + (z0 - z1).exp())
}
