//! The joint table p(x1, x2, y) of samples: count each combination of values
//! and divide by the number of samples.
//!
//! Categorical columns keep their values. A numeric column with more distinct
//! values than a table allows is discretised into equal-count bins (quantile
//! bins), the simplest clustering of one dimension.

use std::collections::BTreeMap;

use ndarray::Array3;
use serde::Serialize;

use super::table::{JointTable, MAX_VALUES};
use crate::Error;
use crate::data::CsvTable;

/// A table estimated from samples, with the value each index stands for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmpiricalTable {
    /// p[x1][x2][y], as nested arrays.
    pub table: Vec<Vec<Vec<f64>>>,
    /// For X1, X2 and Y in turn, the label of each index.
    pub labels: [Vec<String>; 3],
    /// How many samples were counted.
    pub samples: usize,
}

/// Counts the columns `x1`, `x2` and `y` of `csv` into a joint table; numeric
/// columns with more than [`MAX_VALUES`] distinct values are cut into `bins`
/// equal-count bins.
pub fn joint_table_from_csv(
    csv: &CsvTable,
    [x1, x2, y]: [&str; 3],
    bins: usize,
) -> Result<EmpiricalTable, Error> {
    if !(2..=MAX_VALUES).contains(&bins) {
        return Err(Error::Invalid(format!(
            "{bins} bins asked for: choose from 2 to {MAX_VALUES}"
        )));
    }
    let indices = [csv.column(x1)?, csv.column(x2)?, csv.column(y)?];

    let mut codes = Vec::with_capacity(3);
    let mut labels: [Vec<String>; 3] = Default::default();
    for (variable, &column) in indices.iter().enumerate() {
        let (column_codes, column_labels) = discretise(csv, column, bins)?;
        codes.push(column_codes);
        labels[variable] = column_labels;
    }

    let shape = (labels[0].len(), labels[1].len(), labels[2].len());
    let mut counts = Array3::<f64>::zeros(shape);
    for row in 0..csv.rows.len() {
        counts[[codes[0][row], codes[1][row], codes[2][row]]] += 1.0;
    }
    let table = JointTable::normalised(counts)?;
    Ok(EmpiricalTable {
        table: table.to_nested(),
        labels,
        samples: csv.rows.len(),
    })
}

/// The index of each row's value in `column`, and the label of each index.
fn discretise(
    csv: &CsvTable,
    column: usize,
    bins: usize,
) -> Result<(Vec<usize>, Vec<String>), Error> {
    let fields: Vec<&str> = csv.rows.iter().map(|row| row[column].as_str()).collect();
    let name = &csv.columns[column];
    if let Some(row) = fields.iter().position(|field| field.is_empty()) {
        return Err(Error::Invalid(format!(
            "line {}, column {name:?} is empty: every sample needs a value",
            csv.lines[row]
        )));
    }

    let categories: BTreeMap<&str, usize> = fields.iter().map(|&field| (field, 0)).collect();
    if categories.len() <= MAX_VALUES {
        let labels: Vec<String> = categories.keys().map(|&label| label.to_owned()).collect();
        let codes = fields
            .iter()
            .map(|field| labels.iter().position(|label| label == field).unwrap_or(0))
            .collect();
        return Ok((codes, labels));
    }

    let mut numbers = Vec::with_capacity(fields.len());
    for (row, field) in fields.iter().enumerate() {
        match field.parse::<f64>() {
            Ok(number) if number.is_finite() => numbers.push(number),
            _ => {
                return Err(Error::Invalid(format!(
                    "line {}, column {name:?}: {field:?} is not a number, and the column has {} \
                     distinct values where at most {MAX_VALUES} categories fit; make it numeric \
                     or merge categories",
                    csv.lines[row],
                    categories.len()
                )));
            }
        }
    }
    Ok(quantile_bins(&numbers, bins))
}

/// Cuts `numbers` at their quantiles into at most `bins` bins of about equal
/// counts; returns each number's bin and each bin's range as a label.
fn quantile_bins(numbers: &[f64], bins: usize) -> (Vec<usize>, Vec<String>) {
    let mut sorted = numbers.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut edges: Vec<f64> = (1..bins)
        .map(|bin| sorted[bin * sorted.len() / bins])
        .collect();
    edges.dedup();

    let bin_of = |number: f64| edges.partition_point(|&edge| edge <= number);
    let codes = numbers.iter().map(|&number| bin_of(number)).collect();
    let mut bounds = vec![sorted[0]];
    bounds.extend(&edges);
    bounds.push(sorted[sorted.len() - 1]);
    let labels = bounds
        .windows(2)
        .map(|pair| format!("{:.3}..{:.3}", pair[0], pair[1]))
        .collect();
    (codes, labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> CsvTable {
        CsvTable::parse(text, true).unwrap()
    }

    #[test]
    fn counts_categorical_samples_into_probabilities() {
        // Four samples of y = a XOR b, one of them twice.
        let data = csv("a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n1,1,0\n");
        let empirical = joint_table_from_csv(&data, ["a", "b", "y"], 4).unwrap();
        assert_eq!(empirical.samples, 5);
        assert_eq!(empirical.labels[2], ["0", "1"]);
        assert_eq!(empirical.table[1][1][0], 0.4);
        assert_eq!(empirical.table[0][1][1], 0.2);
        assert_eq!(empirical.table[0][0][1], 0.0);
    }

    #[test]
    fn text_labels_are_kept_in_sorted_order() {
        let data = csv("colour,shape,label\nred,square,yes\nblue,circle,no\n");
        let empirical = joint_table_from_csv(&data, ["colour", "shape", "label"], 2).unwrap();
        assert_eq!(empirical.labels[0], ["blue", "red"]);
        assert_eq!(empirical.table[1][1][1], 0.5);
    }

    #[test]
    fn many_numeric_values_fall_into_equal_count_bins() {
        let mut text = String::from("a,b,y\n");
        for i in 0..100 {
            text.push_str(&format!("{i},{},{}\n", i % 2, i % 3));
        }
        let empirical = joint_table_from_csv(&csv(&text), ["a", "b", "y"], 4).unwrap();
        assert_eq!(empirical.labels[0].len(), 4);
        let first_bin: f64 = empirical.table[0].iter().flatten().sum();
        assert!((first_bin - 0.25).abs() < 1e-12);
    }

    #[test]
    fn too_many_categories_name_the_line_and_column() {
        let mut text = String::from("a,b,y\n");
        for i in 0..9 {
            text.push_str(&format!("v{i},0,0\n"));
        }
        let error = joint_table_from_csv(&csv(&text), ["a", "b", "y"], 4).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("line 2, column \"a\": \"v0\" is not a number")
        );
    }

    #[test]
    fn an_empty_field_is_named() {
        let error = joint_table_from_csv(&csv("a,b,y\n0,,1\n"), ["a", "b", "y"], 4).unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 2, column \"b\" is empty: every sample needs a value"
        );
    }
}
