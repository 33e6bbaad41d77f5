//! Shannon entropy and mutual information of discrete tables, in bits.

use ndarray::{Array3, Axis};
use serde::Serialize;

/// H = -sum p log2 p over the cells with p > 0, in bits.
pub fn entropy<'a>(probabilities: impl IntoIterator<Item = &'a f64>) -> f64 {
    -probabilities
        .into_iter()
        .filter(|&&p| p > 0.0)
        .map(|&p| p * p.log2())
        .sum::<f64>()
}

/// The entropies of every marginal of a three-way table `p[x1][x2][y]`.
struct Entropies {
    x1: f64,
    x2: f64,
    y: f64,
    x1_x2: f64,
    x1_y: f64,
    x2_y: f64,
    x1_x2_y: f64,
}

impl Entropies {
    fn of(p: &Array3<f64>) -> Self {
        let x1_y = p.sum_axis(Axis(1));
        let x2_y = p.sum_axis(Axis(0));
        let x1_x2 = p.sum_axis(Axis(2));
        Self {
            x1: entropy(&x1_y.sum_axis(Axis(1))),
            x2: entropy(&x2_y.sum_axis(Axis(1))),
            y: entropy(&x1_y.sum_axis(Axis(0))),
            x1_x2: entropy(&x1_x2),
            x1_y: entropy(&x1_y),
            x2_y: entropy(&x2_y),
            x1_x2_y: entropy(p),
        }
    }
}

/// I(X1; Y) = H(X1) + H(Y) - H(X1, Y), in bits.
pub fn mutual_information_x1_y(p: &Array3<f64>) -> f64 {
    let h = Entropies::of(p);
    h.x1 + h.y - h.x1_y
}

/// I(X2; Y) = H(X2) + H(Y) - H(X2, Y), in bits.
pub fn mutual_information_x2_y(p: &Array3<f64>) -> f64 {
    let h = Entropies::of(p);
    h.x2 + h.y - h.x2_y
}

/// I(X1, X2; Y) = H(X1, X2) + H(Y) - H(X1, X2, Y), in bits.
pub fn mutual_information_joint(p: &Array3<f64>) -> f64 {
    let h = Entropies::of(p);
    h.x1_x2 + h.y - h.x1_x2_y
}

/// I(X1; Y | X2) = H(X1, X2) + H(X2, Y) - H(X1, X2, Y) - H(X2), in bits.
pub fn conditional_mutual_information_x1_y_given_x2(p: &Array3<f64>) -> f64 {
    let h = Entropies::of(p);
    h.x1_x2 + h.x2_y - h.x1_x2_y - h.x2
}

/// I(X2; Y | X1) = H(X1, X2) + H(X1, Y) - H(X1, X2, Y) - H(X1), in bits.
pub fn conditional_mutual_information_x2_y_given_x1(p: &Array3<f64>) -> f64 {
    let h = Entropies::of(p);
    h.x1_x2 + h.x1_y - h.x1_x2_y - h.x1
}

/// The classical information terms every PID measure starts from, in bits.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct InformationTerms {
    /// I(X1; Y)
    #[serde(rename = "I_X1_Y")]
    pub x1_y: f64,
    /// I(X2; Y)
    #[serde(rename = "I_X2_Y")]
    pub x2_y: f64,
    /// I(X1, X2; Y)
    #[serde(rename = "I_X1X2_Y")]
    pub joint: f64,
    /// The co-information I(X1; X2; Y) = I(X1; Y) + I(X2; Y) - I(X1, X2; Y):
    /// positive when redundancy dominates, negative when synergy does.
    #[serde(rename = "coinformation")]
    pub coinformation: f64,
}

impl InformationTerms {
    /// All four terms of `p[x1][x2][y]`.
    pub fn of(p: &Array3<f64>) -> Self {
        let h = Entropies::of(p);
        let x1_y = h.x1 + h.y - h.x1_y;
        let x2_y = h.x2 + h.y - h.x2_y;
        let joint = h.x1_x2 + h.y - h.x1_x2_y;
        Self {
            x1_y,
            x2_y,
            joint,
            coinformation: x1_y + x2_y - joint,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    const TOLERANCE: f64 = 1e-12;

    #[test]
    fn a_fair_coin_has_one_bit() {
        assert!((entropy(&[0.5, 0.5]) - 1.0).abs() < TOLERANCE);
        assert_eq!(entropy(&[1.0, 0.0]), 0.0);
    }

    #[test]
    fn xor_hides_the_target_from_each_modality_alone() {
        let xor = array![[[0.25, 0.0], [0.0, 0.25]], [[0.0, 0.25], [0.25, 0.0]]];
        let terms = InformationTerms::of(&xor);
        assert!(terms.x1_y.abs() < TOLERANCE);
        assert!(terms.x2_y.abs() < TOLERANCE);
        assert!((terms.joint - 1.0).abs() < TOLERANCE);
        assert!((terms.coinformation + 1.0).abs() < TOLERANCE);
        assert!((conditional_mutual_information_x1_y_given_x2(&xor) - 1.0).abs() < TOLERANCE);
    }

    #[test]
    fn conditional_terms_complete_the_chain_rule() {
        // I(X1, X2; Y) = I(X2; Y) + I(X1; Y | X2), for any table.
        let p = array![[[0.1, 0.2], [0.05, 0.15]], [[0.2, 0.1], [0.15, 0.05]]];
        let chain = mutual_information_x2_y(&p) + conditional_mutual_information_x1_y_given_x2(&p);
        assert!((chain - mutual_information_joint(&p)).abs() < TOLERANCE);
        let chain = mutual_information_x1_y(&p) + conditional_mutual_information_x2_y_given_x1(&p);
        assert!((chain - mutual_information_joint(&p)).abs() < TOLERANCE);
    }
}
