//! The crate's one error type. Every message names the bad value and says
//! what would be valid, because it is shown as is to a student on the page.

use thiserror::Error;

/// What can go wrong with a student's input or with a computation.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Error {
    /// The table has no cells at all.
    #[error("the table is empty: give at least one value for each of X1, X2 and Y")]
    EmptyTable,

    /// Rows of the nested table have different lengths.
    #[error(
        "the table is not rectangular: p[{x1}] has {found} entries along {axis} where {expected} were expected"
    )]
    RaggedTable {
        axis: &'static str,
        x1: usize,
        expected: usize,
        found: usize,
    },

    /// A variable takes more values than the demos support.
    #[error("{variable} takes {count} values; at most {max} are supported")]
    TooManyValues {
        variable: &'static str,
        count: usize,
        max: usize,
    },

    /// A cell is NaN or infinite.
    #[error(
        "p(x1={x1}, x2={x2}, y={y}) is {}: every probability must be a finite number",
        if value.is_nan() { "not a number" } else { "infinite" }
    )]
    NotFinite {
        x1: usize,
        x2: usize,
        y: usize,
        value: f64,
    },

    /// A cell is negative.
    #[error("p(x1={x1}, x2={x2}, y={y}) = {} is negative: probabilities must be 0 or more", Readable(*.value))]
    NegativeProbability {
        x1: usize,
        x2: usize,
        y: usize,
        value: f64,
    },

    /// Every cell is zero, so there is nothing to normalise.
    #[error("every cell is 0: put some probability mass in the table")]
    AllZero,

    /// The cells do not add up to one.
    #[error(
        "the cells sum to {}, not 1: normalise the table (divide every cell by that sum)",
        Readable(*.sum)
    )]
    NotNormalised { sum: f64 },

    /// The cells are finite but too large to add up in floating point.
    #[error(
        "the cells are too large to add up: scale them all down (their ratios are what matter)"
    )]
    SumOverflow,

    /// The measure name is not one we know.
    #[error("unknown PID measure {0:?}: choose broja, imin or mmi")]
    UnknownMeasure(String),

    /// The interior-point solver stopped without an accurate optimum.
    #[error(
        "the BROJA solver stopped without converging ({status} after {iterations} iterations); \
         the mutual-information terms are still exact"
    )]
    SolverFailed { status: String, iterations: u32 },

    /// Input that is malformed in a way specific to where it came from.
    #[error("{0}")]
    Invalid(String),
}

/// A number as a person reads it: plain for everyday magnitudes, in
/// scientific notation when plain digits would run across the page.
struct Readable(f64);

impl std::fmt::Display for Readable {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let magnitude = self.0.abs();
        if magnitude != 0.0 && !(1e-4..1e6).contains(&magnitude) {
            write!(formatter, "{:.6e}", self.0)
        } else {
            write!(formatter, "{}", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_and_tiny_numbers_are_written_in_scientific_notation() {
        assert!(Error::NotNormalised { sum: 1e308 }.to_string().len() < 120);
        assert_eq!(Readable(0.25).to_string(), "0.25");
        assert_eq!(Readable(-3e-9).to_string(), "-3.000000e-9");
        assert_eq!(Readable(2e300).to_string(), "2.000000e300");
    }

    #[test]
    fn nan_and_infinity_are_named_in_words() {
        let nan = Error::NotFinite {
            x1: 0,
            x2: 1,
            y: 0,
            value: f64::NAN,
        };
        assert!(nan.to_string().contains("is not a number"));
        let infinite = Error::NotFinite {
            x1: 0,
            x2: 1,
            y: 0,
            value: f64::INFINITY,
        };
        assert!(infinite.to_string().contains("is infinite"));
    }
}
