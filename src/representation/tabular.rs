//! A student's own two-modality data: a CSV table whose columns are assigned
//! to modality A, modality B and the target.
//!
//! Each row is one sample. The feature columns must be numbers; each is
//! standardised with the mean and standard deviation of the training rows,
//!
//! ```text
//! z = (x - mean_train(x)) / sd_train(x)
//! ```
//!
//! so that a column measured in thousands and one measured in fractions
//! start on an equal footing, and the test rows play no part in it. The
//! target is a class label, whole numbers or short words, with at most
//! [`MAX_CLASSES`] classes, numbered in sorted order.

use std::collections::BTreeMap;

use ndarray::{Array2, Axis};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::datasets::{Samples, Split, split_indices};
use crate::Error;
use crate::data::CsvTable;

/// The fewest rows worth training and testing on.
pub const MIN_ROWS: usize = 10;
/// The most rows the page trains on while staying live (the largest
/// generated dataset).
pub const MAX_ROWS: usize = 5000;
/// The most columns a CSV may have, used or not.
pub const MAX_COLUMNS: usize = 256;
/// The most columns one modality may take.
pub const MAX_MODALITY_COLUMNS: usize = 64;
/// The most classes a target may have.
pub const MAX_CLASSES: usize = 10;
/// The fewest samples of each class, so that training and testing can both
/// see it.
pub const MIN_CLASS_SAMPLES: usize = 3;
/// The longest class label, in characters: a label, not a sentence.
pub const MAX_LABEL_CHARS: usize = 40;

/// Which columns are modality A, modality B and the target, by index from 0.
/// Columns in none of them are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Roles {
    pub modality_a: Vec<usize>,
    pub modality_b: Vec<usize>,
    pub target: usize,
}

impl Roles {
    /// A first guess from the column names: a column called y, label, target
    /// or class is the target (else the last column); columns named a_* and
    /// b_* (or x_a*, x_b*, or a letter and digits: a1, b2) are the
    /// modalities, the rest ignored. Without such
    /// names the first half of the other columns is A and the second half B.
    pub fn suggest(columns: &[String]) -> Roles {
        let names: Vec<String> = columns.iter().map(|name| name.to_lowercase()).collect();
        let target = names
            .iter()
            .position(|name| ["y", "label", "target", "class"].contains(&name.as_str()))
            .unwrap_or(columns.len().saturating_sub(1));

        let named = |letter: char| -> Vec<usize> {
            let prefixes = [
                format!("{letter}_"),
                format!("x_{letter}"),
                format!("x{letter}"),
            ];
            (0..names.len())
                .filter(|&column| column != target)
                .filter(|&column| {
                    let name = &names[column];
                    let numbered = name.strip_prefix(letter).is_some_and(|rest| {
                        !rest.is_empty() && rest.bytes().all(|byte| byte.is_ascii_digit())
                    });
                    name == &letter.to_string()
                        || numbered
                        || prefixes
                            .iter()
                            .any(|prefix| name.starts_with(prefix.as_str()))
                })
                .collect()
        };
        let (modality_a, modality_b) = (named('a'), named('b'));
        if !modality_a.is_empty() && !modality_b.is_empty() {
            return Roles {
                modality_a,
                modality_b,
                target,
            };
        }

        let features: Vec<usize> = (0..columns.len())
            .filter(|&column| column != target)
            .collect();
        let half = features.len().div_ceil(2);
        Roles {
            modality_a: features[..half].to_vec(),
            modality_b: features[half..].to_vec(),
            target,
        }
    }
}

/// Reads a CSV for the lab. The first row names the columns when some field
/// of it is not a number in a column whose next row is one (so a header is
/// told from a first sample whose label is a word); otherwise the columns
/// are called "column 1", "column 2", ...
pub fn read_csv(text: &str) -> Result<CsvTable, Error> {
    if text.trim().is_empty() {
        return Err(Error::Invalid(
            "the CSV is empty: give one sample per line, its fields separated by commas".into(),
        ));
    }
    let plain = CsvTable::parse(text, false)?;
    let is_number = |field: &str| field.parse::<f64>().is_ok();
    let first = &plain.rows[0];
    let has_header = match plain.rows.get(1) {
        Some(second) => first
            .iter()
            .zip(second)
            .any(|(name, value)| !is_number(name) && is_number(value)),
        None => first.iter().any(|field| !is_number(field)),
    };
    let table = if has_header {
        CsvTable::parse(text, true)?
    } else {
        plain
    };

    if table.columns.len() > MAX_COLUMNS {
        return Err(Error::Invalid(format!(
            "the CSV has {} columns; the page takes at most {MAX_COLUMNS}: \
             keep the columns you need in a copy of the file",
            table.columns.len()
        )));
    }
    if table.rows.len() > MAX_ROWS {
        return Err(Error::Invalid(format!(
            "the CSV has {} rows; the page trains on at most {MAX_ROWS} to stay live: \
             take a random sample of the rows",
            table.rows.len()
        )));
    }
    if table.rows.len() < MIN_ROWS {
        let rows = table.rows.len();
        return Err(Error::Invalid(format!(
            "the CSV has {rows} data row{}; give at least {MIN_ROWS} samples, one per line, \
             to train on some and test on the others",
            if rows == 1 { "" } else { "s" }
        )));
    }
    Ok(table)
}

/// A table's samples with their roles checked: the features as numbers, not
/// yet standardised, and the target as classes.
#[derive(Debug, Clone, PartialEq)]
pub struct TableData {
    /// Modality A, one sample per row, in the units of the file.
    pub a: Array2<f64>,
    /// Modality B, paired with the rows of `a`.
    pub b: Array2<f64>,
    /// The class of each row, in 0..class_names.len().
    pub labels: Vec<u8>,
    /// The label each class stands for, in class order.
    pub class_names: Vec<String>,
}

impl TableData {
    /// Checks the roles and reads the columns they name. Every error names
    /// the column, and the line where one field is at fault.
    pub fn from_csv(csv: &CsvTable, roles: &Roles) -> Result<Self, Error> {
        check_roles(csv, roles)?;
        let a = features(csv, &roles.modality_a)?;
        let b = features(csv, &roles.modality_b)?;
        let (labels, class_names) = classes(csv, roles.target)?;
        Ok(TableData {
            a,
            b,
            labels,
            class_names,
        })
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// A random split (`test_fraction` of the rows held out, drawn from
    /// `seed`), every feature standardised with the training rows' mean and
    /// standard deviation.
    pub fn split(&self, test_fraction: f32, seed: u64) -> Split {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let (train, test) = split_indices(self.len(), test_fraction, &mut rng);
        let a = standardise(&self.a, &train);
        let b = standardise(&self.b, &train);
        let samples = |rows: &[usize]| Samples {
            a: a.select(Axis(0), rows),
            b: b.select(Axis(0), rows),
            labels: rows.iter().map(|&row| self.labels[row]).collect(),
            classes: self.class_names.len(),
        };
        Split {
            train: samples(&train),
            test: samples(&test),
        }
    }
}

fn check_roles(csv: &CsvTable, roles: &Roles) -> Result<(), Error> {
    let count = csv.columns.len();
    let all = roles
        .modality_a
        .iter()
        .chain(&roles.modality_b)
        .chain(std::iter::once(&roles.target));
    if let Some(&column) = all.clone().find(|&&column| column >= count) {
        return Err(Error::Invalid(format!(
            "column {} does not exist: the CSV has {count} columns",
            column + 1
        )));
    }
    for (modality, columns) in [("A", &roles.modality_a), ("B", &roles.modality_b)] {
        if columns.is_empty() {
            return Err(Error::Invalid(format!(
                "modality {modality} has no column: assign at least one column to it"
            )));
        }
        if columns.len() > MAX_MODALITY_COLUMNS {
            return Err(Error::Invalid(format!(
                "modality {modality} has {} columns; at most {MAX_MODALITY_COLUMNS} are supported",
                columns.len()
            )));
        }
    }
    let mut seen = vec![false; count];
    for &column in all {
        if std::mem::replace(&mut seen[column], true) {
            return Err(Error::Invalid(format!(
                "column {:?} is given two roles: a column is modality A, modality B, \
                 the target or ignored",
                csv.columns[column]
            )));
        }
    }
    Ok(())
}

/// The columns as numbers, refusing a constant one.
fn features(csv: &CsvTable, columns: &[usize]) -> Result<Array2<f64>, Error> {
    let values = csv.numbers(columns).map_err(|error| {
        Error::Invalid(format!(
            "{error}: the modalities take numbers only; correct the field, \
             or mark its column ignored"
        ))
    })?;
    for (slot, &column) in columns.iter().enumerate() {
        let values = values.column(slot);
        let first = values[0];
        if values.iter().all(|&value| value == first) {
            return Err(Error::Invalid(format!(
                "column {:?} is {first} in every row: a constant carries nothing a model \
                 could use; mark it ignored",
                csv.columns[column]
            )));
        }
    }
    Ok(values)
}

/// The class of each row of the target column and the label of each class:
/// whole numbers in numeric order, or else words in alphabetical order.
fn classes(csv: &CsvTable, target: usize) -> Result<(Vec<u8>, Vec<String>), Error> {
    let name = &csv.columns[target];
    let fields: Vec<&str> = csv.rows.iter().map(|row| row[target].as_str()).collect();
    for (field, line) in fields.iter().zip(&csv.lines) {
        if field.is_empty() {
            return Err(Error::Invalid(format!(
                "line {line}, column {name:?} is empty: every sample needs a class"
            )));
        }
        if field.chars().count() > MAX_LABEL_CHARS {
            return Err(Error::Invalid(format!(
                "line {line}, column {name:?}: a class label of more than {MAX_LABEL_CHARS} \
                 characters; the target must be a short class label"
            )));
        }
    }

    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for &field in &fields {
        *counts.entry(field).or_default() += 1;
    }
    if counts.len() > MAX_CLASSES {
        return Err(Error::Invalid(format!(
            "the target column {name:?} has {} different values; it must be a class label \
             with at most {MAX_CLASSES} classes (a measurement belongs to a modality)",
            counts.len()
        )));
    }
    if counts.len() < 2 {
        return Err(Error::Invalid(format!(
            "the target column {name:?} is {:?} in every row: it needs at least two classes",
            fields[0]
        )));
    }
    if let Some((label, count)) = counts.iter().find(|&(_, &count)| count < MIN_CLASS_SAMPLES) {
        return Err(Error::Invalid(format!(
            "class {label:?} of column {name:?} has {count} sample{}; each class needs at \
             least {MIN_CLASS_SAMPLES} so that training and testing can both see it",
            if *count == 1 { "" } else { "s" }
        )));
    }

    let mut names: Vec<&str> = counts.into_keys().collect();
    let integers: Option<Vec<i64>> = names.iter().map(|name| name.parse().ok()).collect();
    if let Some(integers) = integers {
        let mut paired: Vec<(i64, &str)> = integers.into_iter().zip(names).collect();
        paired.sort();
        names = paired.into_iter().map(|(_, name)| name).collect();
    }
    let labels = fields
        .iter()
        .map(|field| {
            names
                .iter()
                .position(|name| name == field)
                .map_or(0, |class| class as u8)
        })
        .collect();
    Ok((labels, names.into_iter().map(str::to_owned).collect()))
}

/// Each column minus the mean of its `rows`, divided by their standard
/// deviation. A column constant on those rows alone (possible in a tiny
/// training set) is divided by its deviation over every row instead.
fn standardise(values: &Array2<f64>, rows: &[usize]) -> Array2<f32> {
    let mut scaled = Array2::<f32>::zeros(values.dim());
    for (column, mut target) in values.columns().into_iter().zip(scaled.columns_mut()) {
        // Dividing by the largest magnitude first changes no z-score, and keeps
        // sums of squares finite for values near the largest a float holds.
        let largest = column
            .iter()
            .fold(0.0_f64, |largest, value| largest.max(value.abs()));
        let column = column.mapv(|value| value / largest.max(f64::MIN_POSITIVE));
        let train: Vec<f64> = rows.iter().map(|&row| column[row]).collect();
        let (mean, deviation) = mean_and_deviation(&train);
        let deviation = if deviation > 0.0 {
            deviation
        } else {
            mean_and_deviation(&column.to_vec())
                .1
                .max(f64::MIN_POSITIVE)
        };
        for (value, slot) in column.iter().zip(target.iter_mut()) {
            *slot = ((value - mean) / deviation) as f32;
        }
    }
    scaled
}

fn mean_and_deviation(values: &[f64]) -> (f64, f64) {
    let n = values.len().max(1) as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values
        .iter()
        .map(|value| (value - mean).powi(2))
        .sum::<f64>()
        / n;
    (mean, variance.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `rows` samples: a_1 grows with the row, a_2 alternates, b_1 in
    /// thousands, y in two classes "no" and "yes".
    fn csv(rows: usize) -> String {
        let mut text = String::from("a_1,a_2,b_1,y\n");
        for row in 0..rows {
            let label = if row % 3 == 0 { "yes" } else { "no" };
            text += &format!("{row},{},{},{label}\n", row % 2, 1000 + 7 * row);
        }
        text
    }

    fn roles(a: &[usize], b: &[usize], target: usize) -> Roles {
        Roles {
            modality_a: a.to_vec(),
            modality_b: b.to_vec(),
            target,
        }
    }

    fn error(text: &str, roles: &Roles) -> String {
        read_csv(text)
            .and_then(|csv| TableData::from_csv(&csv, roles))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn named_columns_suggest_their_roles() {
        let csv = read_csv(&csv(30)).unwrap();
        assert_eq!(csv.columns, ["a_1", "a_2", "b_1", "y"]);
        assert_eq!(Roles::suggest(&csv.columns), roles(&[0, 1], &[2], 3));

        let plain: Vec<String> = ["p", "q", "r", "s", "t"].map(String::from).to_vec();
        assert_eq!(Roles::suggest(&plain), roles(&[0, 1], &[2, 3], 4));
        let labelled: Vec<String> = ["label", "p", "q"].map(String::from).to_vec();
        assert_eq!(Roles::suggest(&labelled), roles(&[1], &[2], 0));
        let numbered: Vec<String> = ["a1", "a2", "b1", "b2", "b3", "y", "age"]
            .map(String::from)
            .to_vec();
        assert_eq!(Roles::suggest(&numbered), roles(&[0, 1], &[2, 3, 4], 5));
    }

    #[test]
    fn a_first_sample_whose_label_is_a_word_is_not_a_header() {
        let mut text = String::new();
        for row in 0..12 {
            text += &format!("{row},{},{}\n", row * row, ["cat", "dog"][row % 2]);
        }
        let csv = read_csv(&text).unwrap();
        assert_eq!(csv.columns, ["column 1", "column 2", "column 3"]);
        assert_eq!(csv.rows.len(), 12);
    }

    #[test]
    fn words_become_classes_in_alphabetical_order_and_integers_in_numeric_order() {
        let table = TableData::from_csv(&read_csv(&csv(30)).unwrap(), &roles(&[0], &[2], 3));
        let table = table.unwrap();
        assert_eq!(table.class_names, ["no", "yes"]);
        assert_eq!(&table.labels[..3], [1, 0, 0]);

        let mut text = String::from("a,b,y\n");
        for row in 0..30 {
            text += &format!("{row},{},{}\n", row % 4, [10, 9, -1][row % 3]);
        }
        let table = TableData::from_csv(&read_csv(&text).unwrap(), &roles(&[0], &[1], 2));
        assert_eq!(table.unwrap().class_names, ["-1", "9", "10"]);
    }

    #[test]
    fn the_split_is_standardised_with_the_training_rows() {
        let table = TableData::from_csv(&read_csv(&csv(300)).unwrap(), &roles(&[0, 1], &[2], 3));
        let split = table.unwrap().split(1.0 / 3.0, 5);
        assert_eq!((split.train.len(), split.test.len()), (200, 100));
        assert_eq!(split.train.classes, 2);
        for column in 0..2 {
            let values = split.train.a.column(column).mapv(f64::from).to_vec();
            let (mean, deviation) = mean_and_deviation(&values);
            // Rounding to f32 leaves errors near 1e-7 on these magnitudes.
            assert!(mean.abs() < 1e-5, "mean {mean}");
            assert!((deviation - 1.0).abs() < 1e-5, "deviation {deviation}");
        }
        let same = TableData::from_csv(&read_csv(&csv(300)).unwrap(), &roles(&[0, 1], &[2], 3));
        assert_eq!(same.unwrap().split(1.0 / 3.0, 5), split);
    }

    #[test]
    fn an_empty_or_tiny_table_is_refused() {
        let any = roles(&[0], &[1], 2);
        assert!(error("", &any).contains("the CSV is empty"));
        assert!(error("a,b,y\n", &any).contains("no data rows"));
        let message = error(&csv(4), &any);
        assert!(
            message.contains("4 data rows; give at least 10"),
            "{message}"
        );
    }

    #[test]
    fn a_field_that_is_no_number_is_named_by_its_line_and_column() {
        let text = csv(20).replacen("5,1,1035", "5,1,about 1035", 1);
        let message = error(&text, &roles(&[0], &[2], 3));
        assert!(
            message.starts_with("line 7, column \"b_1\": \"about 1035\" is not a finite number"),
            "{message}"
        );
        assert!(message.contains("mark its column ignored"), "{message}");
    }

    #[test]
    fn a_constant_column_is_said_to_carry_nothing() {
        let mut text = String::from("a,b,c,y\n");
        for row in 0..20 {
            text += &format!("{row},3,{},{}\n", row % 5, row % 2);
        }
        let message = error(&text, &roles(&[0], &[1, 2], 3));
        assert!(
            message.contains("column \"b\" is 3 in every row"),
            "{message}"
        );
        assert!(message.contains("carries nothing"), "{message}");
    }

    #[test]
    fn more_than_ten_classes_or_a_rare_class_is_refused() {
        let mut text = String::from("a,b,y\n");
        for row in 0..40 {
            text += &format!("{row},{},{}\n", row % 7, row % 11);
        }
        let message = error(&text, &roles(&[0], &[1], 2));
        assert!(message.contains("11 different values"), "{message}");
        assert!(message.contains("at most 10 classes"), "{message}");

        let mut text = String::from("a,b,y\n");
        for row in 0..20 {
            text += &format!(
                "{row},{},{}\n",
                row % 7,
                if row == 4 { "rare" } else { "common" }
            );
        }
        let message = error(&text, &roles(&[0], &[1], 2));
        assert!(
            message.contains("class \"rare\" of column \"y\" has 1 sample;"),
            "{message}"
        );

        let message = error(&csv(20).replace(",no\n", ",yes\n"), &roles(&[0], &[2], 3));
        assert!(message.contains("needs at least two classes"), "{message}");
    }

    #[test]
    fn too_many_rows_or_columns_are_refused_with_the_limit() {
        let message = read_csv(&csv(MAX_ROWS + 1)).unwrap_err().to_string();
        assert!(message.contains("at most 5000"), "{message}");

        let header: Vec<String> = (0..=MAX_COLUMNS)
            .map(|column| format!("c{column}"))
            .collect();
        let row: Vec<String> = (0..=MAX_COLUMNS).map(|column| column.to_string()).collect();
        let text = format!("{}\n{}\n", header.join(","), row.join(","));
        let message = read_csv(&text).unwrap_err().to_string();
        assert!(message.contains("257 columns"), "{message}");
    }

    #[test]
    fn random_garbage_is_refused_or_read_but_never_panics() {
        use rand::seq::IndexedRandom;
        use rand::{Rng, SeedableRng};

        const CELLS: [&str; 15] = [
            "0", "1", "2", "red", "-1", "3.5", "1e999", "nan", "inf", "", "\"a,b\"", "x y",
            "1e308", "-1.7e308", "4e-320",
        ];
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..300 {
            let columns = rng.random_range(1..6);
            let rows = rng.random_range(0..30);
            let mut text = String::new();
            for _ in 0..rows {
                let width = if rng.random_bool(0.05) {
                    columns + 1
                } else {
                    columns
                };
                let fields: Vec<&str> = (0..width)
                    .map(|_| *CELLS.choose(&mut rng).expect("cells are not empty"))
                    .collect();
                text += &fields.join(",");
                text.push('\n');
            }
            let Ok(csv) = read_csv(&text) else { continue };
            let roles = Roles::suggest(&csv.columns);
            if let Ok(table) = TableData::from_csv(&csv, &roles) {
                let split = table.split(0.3, 1);
                assert!(split.train.a.iter().all(|value| value.is_finite()));
                assert!(!split.train.is_empty() && !split.test.is_empty());
            }
        }
    }

    #[test]
    fn values_near_the_largest_float_still_standardise_to_finite_numbers() {
        let mut text = String::from("a,b,y\n");
        for row in 0..20 {
            let huge = if row % 2 == 0 { "1.7e308" } else { "-1.7e308" };
            text += &format!("{huge},{}e-310,{}\n", row % 3, row % 2);
        }
        let table = TableData::from_csv(&read_csv(&text).unwrap(), &roles(&[0], &[1], 2));
        let split = table.unwrap().split(0.5, 3);
        for samples in [&split.train, &split.test] {
            let values = samples.a.iter().chain(samples.b.iter());
            assert!(
                values
                    .clone()
                    .all(|value| value.is_finite() && value.abs() < 10.0)
            );
        }
    }

    #[test]
    fn roles_must_name_real_columns_once_each() {
        let text = csv(20);
        assert!(error(&text, &roles(&[], &[2], 3)).contains("modality A has no column"));
        assert!(error(&text, &roles(&[0], &[9], 3)).contains("column 10 does not exist"));
        let message = error(&text, &roles(&[0, 2], &[2], 3));
        assert!(
            message.contains("column \"b_1\" is given two roles"),
            "{message}"
        );
        let message = error(&text, &roles(&[0], &[2], 0));
        assert!(
            message.contains("column \"a_1\" is given two roles"),
            "{message}"
        );
    }
}
