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
    #[error("p(x1={x1}, x2={x2}, y={y}) is {value}: every probability must be a finite number")]
    NotFinite {
        x1: usize,
        x2: usize,
        y: usize,
        value: f64,
    },

    /// A cell is negative.
    #[error("p(x1={x1}, x2={x2}, y={y}) = {value} is negative: probabilities must be 0 or more")]
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
    #[error("the cells sum to {sum}, not 1: normalise the table (divide every cell by {sum})")]
    NotNormalised { sum: f64 },

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
