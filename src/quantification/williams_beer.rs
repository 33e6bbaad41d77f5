//! Williams and Beer's redundancy I_min.
//!
//! Williams and Beer, "Nonnegative decomposition of multivariate information",
//! 2010, <https://arxiv.org/abs/1004.2515>. Redundancy is the information each
//! outcome y receives from the *least* informative modality, averaged over y:
//!
//! ```text
//! I_spec(y; Xi) = sum over xi of p(xi | y) log2( p(y | xi) / p(y) )
//! I_min         = sum over y of p(y) min over i of I_spec(y; Xi)
//! ```
//!
//! It counts "the same amount" of information as redundant even when the two
//! modalities say different things about y, which is why it gives COPY one bit
//! of redundancy where BROJA gives none.

use ndarray::{Array2, Axis};

use super::table::JointTable;

/// I_min(Y; X1, X2) in bits.
pub fn redundancy(table: &JointTable) -> f64 {
    let x1_y = table.x1_y();
    let x2_y = table.x2_y();
    let y = x1_y.sum_axis(Axis(0));

    y.indexed_iter()
        .filter(|&(_, &p_y)| p_y > 0.0)
        .map(|(outcome, &p_y)| {
            let from_x1 = specific_information(&x1_y, outcome, p_y);
            let from_x2 = specific_information(&x2_y, outcome, p_y);
            p_y * from_x1.min(from_x2)
        })
        .sum()
}

/// I_spec(y; X) from the joint p(x, y) of one modality and the target, in bits.
///
/// The logarithm of p(x, y) / (p(x) p(y)) is taken as a difference of
/// logarithms: for cells near the smallest floating-point numbers the product
/// p(x) p(y) underflows to 0, and the ratio itself can exceed the largest.
fn specific_information(x_y: &Array2<f64>, outcome: usize, p_y: f64) -> f64 {
    x_y.outer_iter()
        .map(|row| (row[outcome], row.sum()))
        .filter(|&(p_xy, _)| p_xy > 0.0)
        .map(|(p_xy, p_x)| (p_xy / p_y) * (p_xy.log2() - p_x.log2() - p_y.log2()))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array3;

    #[test]
    fn stays_finite_when_marginals_are_near_the_smallest_numbers() {
        // One outcome of each variable has probability 1e-170, so p(x) p(y)
        // for it is 1e-340, which floating point rounds to 0.
        let mut p = Array3::zeros((2, 2, 2));
        p[[0, 0, 0]] = 1e-170;
        p[[1, 1, 1]] = 1.0;
        let table = JointTable::normalised(p).unwrap();
        let redundancy = redundancy(&table);
        assert!(redundancy.is_finite(), "I_min = {redundancy}");
        assert!(
            redundancy.abs() < 1e-12,
            "Y is all but certain: I_min = {redundancy}"
        );
    }
}
