//! Canonical correlation analysis for scripts and benchmarks: matrices come
//! in as flat row-major arrays, the correlations go out as an array.

use ndarray::{Array2, ArrayView2};
use wasm_bindgen::prelude::*;

use crate::Error;
use crate::representation::coordination::cca::Cca;

/// The canonical correlations of two paired modalities, in descending order.
///
/// `a` holds `rows x d_A` numbers and `b` holds `rows x d_B`, each row-major
/// (sample after sample); `ridge` from 0 (classical CCA) to 1 is added to each
/// covariance relative to its mean variance (see `Cca::fit`). Throws an
/// `Error` whose message says what is wrong with the input.
#[wasm_bindgen(js_name = canonicalCorrelations)]
pub fn canonical_correlations(
    a: Vec<f64>,
    b: Vec<f64>,
    rows: usize,
    ridge: f64,
) -> Result<Vec<f64>, JsError> {
    let a = matrix(a, rows, "A")?;
    let b = matrix(b, rows, "B")?;
    Ok(fit(a.view(), b.view(), ridge)?)
}

fn fit(a: ArrayView2<f64>, b: ArrayView2<f64>, ridge: f64) -> Result<Vec<f64>, Error> {
    Ok(Cca::fit(a, b, ridge)?.correlations)
}

/// `values` cut into `rows` rows, or an error saying why they cannot be.
fn matrix(values: Vec<f64>, rows: usize, modality: &str) -> Result<Array2<f64>, Error> {
    if rows == 0 || values.is_empty() || !values.len().is_multiple_of(rows) {
        return Err(Error::Invalid(format!(
            "modality {modality} has {} numbers, which do not split into {rows} rows of equal \
             length: give rows x features numbers, sample after sample",
            values.len()
        )));
    }
    let columns = values.len() / rows;
    Array2::from_shape_vec((rows, columns), values)
        .map_err(|error| Error::Invalid(format!("modality {modality}: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_rows_that_do_not_split_evenly_are_refused() {
        let error = matrix(vec![1.0, 2.0, 3.0], 2, "A").unwrap_err();
        assert!(error.to_string().contains("3 numbers"));
        assert!(matrix(vec![1.0, 2.0], 0, "B").is_err());
        assert_eq!(
            matrix(vec![1.0, 2.0, 3.0, 4.0], 2, "A").unwrap().dim(),
            (2, 2)
        );
    }
}
