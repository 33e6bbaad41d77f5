//! A joint distribution p(x1, x2, y) of two modalities and a target, checked
//! once at the door so that every measure can trust it.

use ndarray::{Array2, Array3, Axis};

use crate::Error;

/// The most values any of X1, X2 and Y may take in the demos.
pub const MAX_VALUES: usize = 8;

/// How far the cells may sum from 1 before the table counts as not normalised.
pub const NORMALISATION_TOLERANCE: f64 = 1e-6;

/// A validated joint table `p[x1][x2][y]`: finite, non-negative cells that sum
/// to 1, with at most [`MAX_VALUES`] values per variable.
///
/// # Shapes
///
/// `p` has shape `(|X1|, |X2|, |Y|)`.
#[derive(Debug, Clone, PartialEq)]
pub struct JointTable {
    p: Array3<f64>,
}

impl JointTable {
    /// Checks a table whose cells should already sum to 1.
    ///
    /// A table that sums to something else is refused with
    /// [`Error::NotNormalised`], so that the student decides to normalise.
    pub fn new(p: Array3<f64>) -> Result<Self, Error> {
        let sum = check_cells(&p, MAX_VALUES)?;
        if (sum - 1.0).abs() > NORMALISATION_TOLERANCE {
            return Err(Error::NotNormalised { sum });
        }
        Ok(Self { p })
    }

    /// Checks a table of non-negative weights and divides it by their sum.
    pub fn normalised(p: Array3<f64>) -> Result<Self, Error> {
        Self::normalised_with_limit(p, MAX_VALUES)
    }

    /// As [`JointTable::normalised`] with another limit on the number of
    /// values per variable, for benchmarks on larger tables.
    pub fn normalised_with_limit(p: Array3<f64>, max_values: usize) -> Result<Self, Error> {
        let sum = check_cells(&p, max_values)?;
        Ok(Self { p: p / sum })
    }

    /// Reads nested arrays `p[x1][x2][y]`, as JSON and JavaScript give them.
    pub fn from_nested(rows: &[Vec<Vec<f64>>]) -> Result<Array3<f64>, Error> {
        let n1 = rows.len();
        let n2 = rows.first().map_or(0, Vec::len);
        let ny = rows.first().and_then(|row| row.first()).map_or(0, Vec::len);
        if n1 == 0 || n2 == 0 || ny == 0 {
            return Err(Error::EmptyTable);
        }

        let mut p = Array3::zeros((n1, n2, ny));
        for (x1, row) in rows.iter().enumerate() {
            if row.len() != n2 {
                return Err(Error::RaggedTable {
                    axis: "X2",
                    x1,
                    expected: n2,
                    found: row.len(),
                });
            }
            for (x2, cells) in row.iter().enumerate() {
                if cells.len() != ny {
                    return Err(Error::RaggedTable {
                        axis: "Y",
                        x1,
                        expected: ny,
                        found: cells.len(),
                    });
                }
                for (y, &value) in cells.iter().enumerate() {
                    p[[x1, x2, y]] = value;
                }
            }
        }
        Ok(p)
    }

    /// The probabilities, shape `(|X1|, |X2|, |Y|)`.
    pub fn p(&self) -> &Array3<f64> {
        &self.p
    }

    /// `(|X1|, |X2|, |Y|)`.
    pub fn shape(&self) -> (usize, usize, usize) {
        self.p.dim()
    }

    /// p(x1, y), shape `(|X1|, |Y|)`.
    pub fn x1_y(&self) -> Array2<f64> {
        self.p.sum_axis(Axis(1))
    }

    /// p(x2, y), shape `(|X2|, |Y|)`.
    pub fn x2_y(&self) -> Array2<f64> {
        self.p.sum_axis(Axis(0))
    }

    /// The table as nested vectors `p[x1][x2][y]`.
    pub fn to_nested(&self) -> Vec<Vec<Vec<f64>>> {
        to_nested(&self.p)
    }
}

/// Nested vectors `p[x1][x2][y]` from a three-way array.
pub fn to_nested(p: &Array3<f64>) -> Vec<Vec<Vec<f64>>> {
    p.outer_iter()
        .map(|plane| plane.outer_iter().map(|cells| cells.to_vec()).collect())
        .collect()
}

/// Checks that each variable takes from 1 to `max_values` values.
pub(crate) fn check_shape(
    (n1, n2, ny): (usize, usize, usize),
    max_values: usize,
) -> Result<(), Error> {
    if n1 == 0 || n2 == 0 || ny == 0 {
        return Err(Error::EmptyTable);
    }
    for (variable, count) in [("X1", n1), ("X2", n2), ("Y", ny)] {
        if count > max_values {
            return Err(Error::TooManyValues {
                variable,
                count,
                max: max_values,
            });
        }
    }
    Ok(())
}

/// Checks shape and cells; returns the sum of the cells.
fn check_cells(p: &Array3<f64>, max_values: usize) -> Result<f64, Error> {
    check_shape(p.dim(), max_values)?;

    for ((x1, x2, y), &value) in p.indexed_iter() {
        if !value.is_finite() {
            return Err(Error::NotFinite { x1, x2, y, value });
        }
        if value < 0.0 {
            return Err(Error::NegativeProbability { x1, x2, y, value });
        }
    }

    let sum = p.sum();
    if sum <= 0.0 {
        return Err(Error::AllZero);
    }
    if !sum.is_finite() {
        return Err(Error::SumOverflow);
    }
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn accepts_a_normalised_table() {
        let p = array![[[0.25, 0.0], [0.0, 0.25]], [[0.0, 0.25], [0.25, 0.0]]];
        assert_eq!(JointTable::new(p).unwrap().shape(), (2, 2, 2));
    }

    #[test]
    fn refuses_a_table_that_does_not_sum_to_one_and_names_the_sum() {
        let p = array![[[1.0, 1.0]]];
        assert_eq!(JointTable::new(p), Err(Error::NotNormalised { sum: 2.0 }));
    }

    #[test]
    fn normalising_divides_by_the_sum() {
        let table = JointTable::normalised(array![[[1.0, 3.0]]]).unwrap();
        assert_eq!(table.p(), &array![[[0.25, 0.75]]]);
    }

    #[test]
    fn names_the_negative_cell() {
        let p = array![[[0.5, 0.0], [0.75, -0.25]]];
        let error = JointTable::new(p).unwrap_err();
        assert_eq!(
            error,
            Error::NegativeProbability {
                x1: 0,
                x2: 1,
                y: 1,
                value: -0.25
            }
        );
        assert!(error.to_string().contains("p(x1=0, x2=1, y=1) = -0.25"));
    }

    #[test]
    fn refuses_nan_infinity_and_all_zero() {
        assert!(matches!(
            JointTable::new(array![[[f64::NAN, 1.0]]]),
            Err(Error::NotFinite { .. })
        ));
        assert!(matches!(
            JointTable::normalised(array![[[f64::INFINITY, 1.0]]]),
            Err(Error::NotFinite { .. })
        ));
        assert_eq!(
            JointTable::normalised(array![[[0.0, 0.0]]]),
            Err(Error::AllZero)
        );
    }

    #[test]
    fn refuses_cells_too_large_to_add_up_instead_of_zeroing_them() {
        let p = Array3::from_elem((2, 2, 2), 1e308);
        assert_eq!(JointTable::normalised(p), Err(Error::SumOverflow));
    }

    #[test]
    fn refuses_more_than_eight_values_with_the_limit_in_the_message() {
        let error = JointTable::normalised(Array3::ones((9, 2, 2))).unwrap_err();
        assert!(error.to_string().contains("X1 takes 9 values; at most 8"));
    }

    #[test]
    fn reads_nested_rows_and_refuses_ragged_ones() {
        let rows = vec![vec![vec![0.5, 0.5]], vec![vec![0.5]]];
        assert!(matches!(
            JointTable::from_nested(&rows),
            Err(Error::RaggedTable { axis: "Y", .. })
        ));
        assert_eq!(JointTable::from_nested(&[]), Err(Error::EmptyTable));

        let rows = vec![vec![vec![0.1, 0.2], vec![0.3, 0.4]]];
        let p = JointTable::from_nested(&rows).unwrap();
        assert_eq!(p[[0, 1, 0]], 0.3);
        assert_eq!(to_nested(&p), rows);
    }
}
