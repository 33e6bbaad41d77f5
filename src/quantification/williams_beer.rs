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
fn specific_information(x_y: &Array2<f64>, outcome: usize, p_y: f64) -> f64 {
    x_y.outer_iter()
        .map(|row| (row[outcome], row.sum()))
        .filter(|&(p_xy, _)| p_xy > 0.0)
        .map(|(p_xy, p_x)| (p_xy / p_y) * (p_xy / (p_x * p_y)).log2())
        .sum()
}
