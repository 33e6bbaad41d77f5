//! The classic example distributions of PID, and seeded random tables.

use ndarray::Array3;

use super::table::{JointTable, check_shape};
use crate::Error;

/// A canonical two-input gate with uniform inputs (RDN excepted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// y = x1 XOR x2: pure synergy.
    Xor,
    /// y = x1 AND x2: redundancy and synergy.
    And,
    /// y = x1 OR x2: like AND, mirrored.
    Or,
    /// x1 = x2 = y, a fair bit: pure redundancy.
    Rdn,
    /// y = x1, with x2 independent noise: X1 alone is informative.
    Unq,
    /// y = (x1, x2): each modality copies its own bit into Y.
    Copy,
    /// y = x1 + x2, integer sum in {0, 1, 2}.
    Sum,
}

impl Preset {
    /// Every preset, in the order the demos list them.
    pub const ALL: [Preset; 7] = [
        Preset::Xor,
        Preset::And,
        Preset::Or,
        Preset::Rdn,
        Preset::Unq,
        Preset::Copy,
        Preset::Sum,
    ];

    /// The short lower-case name used in URLs and in JavaScript.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Xor => "xor",
            Preset::And => "and",
            Preset::Or => "or",
            Preset::Rdn => "rdn",
            Preset::Unq => "unq",
            Preset::Copy => "copy",
            Preset::Sum => "sum",
        }
    }

    /// The preset called `name`, ignoring case.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|preset| preset.name().eq_ignore_ascii_case(name))
    }

    /// The joint table p(x1, x2, y).
    pub fn table(self) -> JointTable {
        if self == Preset::Rdn {
            let mut p = Array3::zeros((2, 2, 2));
            p[[0, 0, 0]] = 0.5;
            p[[1, 1, 1]] = 0.5;
            return JointTable::new(p).expect("RDN is a valid table");
        }

        let target = |x1: usize, x2: usize| match self {
            Preset::Xor => x1 ^ x2,
            Preset::And => x1 & x2,
            Preset::Or => x1 | x2,
            Preset::Unq => x1,
            Preset::Copy => 2 * x1 + x2,
            Preset::Sum => x1 + x2,
            Preset::Rdn => unreachable!("handled above"),
        };
        let outcomes = match self {
            Preset::Copy => 4,
            Preset::Sum => 3,
            _ => 2,
        };
        let mut p = Array3::zeros((2, 2, outcomes));
        for x1 in 0..2 {
            for x2 in 0..2 {
                p[[x1, x2, target(x1, x2)]] = 0.25;
            }
        }
        JointTable::new(p).expect("every preset is a valid table")
    }
}

/// The seeded random table of `shape` (see [`random_weights`]), with at most
/// `max_values` values per variable. The shape is checked before the table
/// is made, since it may come straight from a user: a shape too large to
/// allocate is refused with a message, not a panic.
pub fn random_table(
    shape: (usize, usize, usize),
    seed: u64,
    max_values: usize,
) -> Result<JointTable, Error> {
    check_shape(shape, max_values)?;
    JointTable::normalised_with_limit(random_weights(shape, seed), max_values)
}

/// A random table from a seed, the same on every machine: a 64-bit linear
/// congruential generator (Knuth's MMIX constants) draws each cell from an
/// exponential distribution, in the order x1, then x2, then y, and the table
/// is normalised. For `n x n x n` shapes this reproduces the reference
/// tables named `lcg_n{n}_seed{seed}`.
pub fn random_weights(shape: (usize, usize, usize), seed: u64) -> Array3<f64> {
    const MULTIPLIER: u64 = 6364136223846793005;
    const INCREMENT: u64 = 1442695040888963407;
    let mut state = seed.wrapping_mul(MULTIPLIER).wrapping_add(INCREMENT);

    let mut p = Array3::zeros(shape);
    for cell in p.iter_mut() {
        state = state.wrapping_mul(MULTIPLIER).wrapping_add(INCREMENT);
        let uniform = (state >> 11) as f64 / (1u64 << 53) as f64;
        *cell = -(1.0 - uniform).ln();
    }
    let sum = p.sum();
    p / sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_random_table_too_large_to_allocate_is_refused_before_it_is_made() {
        let error = random_table((100_000, 100_000, 10), 1, 8).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("X1 takes 100000 values; at most 8")
        );
        assert_eq!(random_table((0, 3, 3), 1, 8), Err(Error::EmptyTable));
    }

    #[test]
    fn a_random_table_is_the_normalised_random_weights() {
        let table = random_table((3, 2, 4), 11, 8).unwrap();
        let weights = random_weights((3, 2, 4), 11);
        for (ours, theirs) in table.p().iter().zip(&weights) {
            assert!((ours - theirs).abs() < 1e-15);
        }
    }
}
