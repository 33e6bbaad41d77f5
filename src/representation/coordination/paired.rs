//! Paired samples of two modalities for the coordination lab.
//!
//! Coordination asks two separate representations to agree on what their
//! modalities share. The latent source plants exactly that: each pair comes
//! from shared factors z that both modalities see, and private factors that
//! only one sees,
//!
//! ```text
//! z   ~ N(0, I_shared)                    shared by both modalities
//! p_A ~ N(0, I_private), p_B ~ N(0, I_private)
//! x_A = tanh(G_A [z; p_A]) + e_A,  e_A ~ N(0, noise^2 I)
//! x_B = tanh(G_B [z; p_B]) + e_B
//! ```
//!
//! where G_A and G_B are random `dimension x (shared + private)` matrices,
//! one per modality, so each sees the shared factors through its own
//! nonlinear map. A linear method recovers the shared factors only up to
//! that nonlinearity; a learned encoder can undo it.
//!
//! The digits source is real paired data: the left and right halves of each
//! handwritten digit, which share the digit and little else.

use ndarray::{Array2, Axis, concatenate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::data::csv_table::CsvTable;
use crate::data::digits;

/// How much the random maps bend the latent factors: tanh of a unit-variance
/// input times this gain is clearly curved but not yet a step.
const GAIN: f32 = 1.5;

/// Where the pairs come from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind")]
pub enum PairedSource {
    /// Shared and private latent factors seen through random nonlinear maps.
    Latent {
        /// Number of shared factors z.
        shared: usize,
        /// Number of private factors per modality.
        private: usize,
        /// Number of coordinates of each modality.
        dimension: usize,
    },
    /// The left and right halves of the 8 x 8 digits (32 pixels each).
    Digits,
}

/// Everything that fixes a paired data set: the same settings give the same
/// pairs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PairedConfig {
    pub source: PairedSource,
    /// Number of pairs, train and test together (ignored for digits, which
    /// has 1,797).
    pub pairs: usize,
    /// Standard deviation of the noise added to every coordinate.
    pub noise: f32,
    /// The share of pairs held out, in (0, 1).
    pub test_fraction: f32,
    pub seed: u64,
}

impl Default for PairedConfig {
    fn default() -> Self {
        PairedConfig {
            source: PairedSource::Latent {
                shared: 3,
                private: 1,
                dimension: 8,
            },
            pairs: 1000,
            noise: 0.1,
            test_fraction: 1.0 / 3.0,
            seed: 1,
        }
    }
}

/// Paired rows of two modalities, with what generated them.
#[derive(Debug, Clone, PartialEq)]
pub struct Pairs {
    /// Modality A, one sample per row.
    pub a: Array2<f32>,
    /// Modality B, row i paired with row i of `a`.
    pub b: Array2<f32>,
    /// The shared factors z of each pair (latent source), or the digit as
    /// one column (digits): what coordination should recover.
    pub shared: Array2<f32>,
    /// A class per pair, for colouring plots: the digit, or for the latent
    /// source the quartile of the first shared factor.
    pub labels: Vec<u8>,
    pub classes: usize,
}

impl Pairs {
    pub fn len(&self) -> usize {
        self.a.nrows()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn select(&self, indices: &[usize]) -> Pairs {
        Pairs {
            a: self.a.select(Axis(0), indices),
            b: self.b.select(Axis(0), indices),
            shared: self.shared.select(Axis(0), indices),
            labels: indices.iter().map(|&i| self.labels[i]).collect(),
            classes: self.classes,
        }
    }
}

/// Training and held-out pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedSplit {
    pub train: Pairs,
    pub test: Pairs,
}

impl PairedConfig {
    /// The fewest and most pairs the lab accepts.
    pub const PAIRS: (usize, usize) = (20, 5000);
    /// The most shared or private factors.
    pub const MAX_FACTORS: usize = 8;
    /// The fewest and most coordinates per modality.
    pub const DIMENSION: (usize, usize) = (2, 32);
    /// The largest noise standard deviation.
    pub const MAX_NOISE: f32 = 2.0;

    /// Refuses settings outside the ranges the lab supports, naming the range.
    pub fn validate(&self) -> Result<(), Error> {
        let (fewest, most) = Self::PAIRS;
        if self.source != PairedSource::Digits && !(fewest..=most).contains(&self.pairs) {
            return Err(Error::Invalid(format!(
                "{} pairs: choose between {fewest} and {most}",
                self.pairs
            )));
        }
        if !(0.0..=Self::MAX_NOISE).contains(&self.noise) {
            return Err(Error::Invalid(format!(
                "noise {}: choose a standard deviation between 0 and {}",
                self.noise,
                Self::MAX_NOISE
            )));
        }
        if !(self.test_fraction > 0.0 && self.test_fraction < 1.0) {
            return Err(Error::Invalid(format!(
                "test fraction {}: choose a share strictly between 0 and 1",
                self.test_fraction
            )));
        }
        if let PairedSource::Latent {
            shared,
            private,
            dimension,
        } = self.source
        {
            if !(1..=Self::MAX_FACTORS).contains(&shared) {
                return Err(Error::Invalid(format!(
                    "{shared} shared factors: choose between 1 and {}",
                    Self::MAX_FACTORS
                )));
            }
            if private > Self::MAX_FACTORS {
                return Err(Error::Invalid(format!(
                    "{private} private factors: choose between 0 and {}",
                    Self::MAX_FACTORS
                )));
            }
            let (low, high) = Self::DIMENSION;
            if !(low..=high).contains(&dimension) {
                return Err(Error::Invalid(format!(
                    "{dimension} coordinates per modality: choose between {low} and {high}"
                )));
            }
        }
        Ok(())
    }

    /// The pairs, split into training and held-out sets.
    pub fn generate(&self) -> Result<PairedSplit, Error> {
        self.validate()?;
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);

        let mut pairs = match self.source {
            PairedSource::Latent {
                shared,
                private,
                dimension,
            } => latent(self.pairs, shared, private, dimension, &mut rng),
            PairedSource::Digits => digit_halves(),
        };
        if self.noise > 0.0 {
            for value in pairs.a.iter_mut().chain(pairs.b.iter_mut()) {
                *value += self.noise * standard_normal(&mut rng);
            }
        }

        Ok(pairs.split(self.test_fraction, &mut rng))
    }
}

impl Pairs {
    /// A shuffled split into training and held-out pairs, each side keeping
    /// at least one pair.
    fn split(self, test_fraction: f32, rng: &mut ChaCha8Rng) -> PairedSplit {
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.shuffle(rng);
        let held_out =
            ((self.len() as f32 * test_fraction).round() as usize).clamp(1, self.len() - 1);
        let (test, train) = order.split_at(held_out);
        PairedSplit {
            train: self.select(train),
            test: self.select(test),
        }
    }
}

/// The most columns a student's table may give one modality.
pub const MAX_TABLE_COLUMNS: usize = 64;

impl PairedSplit {
    /// A student's table of pairs: the columns `columns_a` are modality A and
    /// `columns_b` modality B (indices into the table's columns), each column
    /// standardised to mean 0 and variance 1 so no feature dominates by its
    /// units. A third of the rows, chosen by `seed`, are held out. There are
    /// no planted factors (`shared` has no columns) and one class.
    pub fn from_table(
        table: &CsvTable,
        columns_a: &[usize],
        columns_b: &[usize],
        seed: u64,
    ) -> Result<PairedSplit, Error> {
        let (fewest, most) = PairedConfig::PAIRS;
        let refuse_rows = || {
            Err(Error::Invalid(format!(
                "the table has {} rows: give between {fewest} and {most} pairs, one per row",
                table.rows.len()
            )))
        };
        if table.rows.len() > most {
            return refuse_rows();
        }
        if table.columns.len() < 2 {
            return Err(Error::Invalid(format!(
                "the CSV has {} column: give at least one column for each modality, \
                 separated by commas",
                table.columns.len()
            )));
        }
        for (modality, columns) in [("A", columns_a), ("B", columns_b)] {
            if columns.is_empty() || columns.len() > MAX_TABLE_COLUMNS {
                return Err(Error::Invalid(format!(
                    "modality {modality} has {} columns: give it between 1 and {MAX_TABLE_COLUMNS}",
                    columns.len()
                )));
            }
        }
        if let Some(column) = columns_a.iter().find(|column| columns_b.contains(column)) {
            return Err(Error::Invalid(format!(
                "column {:?} is given to both modalities: each column belongs to one",
                table.columns.get(*column).map_or("?", String::as_str)
            )));
        }

        // A field that is not a number is named first, whatever the length.
        let mut a = table.numbers(columns_a)?;
        let mut b = table.numbers(columns_b)?;
        if table.rows.len() < fewest {
            return refuse_rows();
        }
        for (values, columns) in [(&mut a, columns_a), (&mut b, columns_b)] {
            if let Some(&(column, value)) = standardise(values).first() {
                return Err(Error::Invalid(format!(
                    "column {:?} is constant ({value}): it carries nothing, so leave it out",
                    table.columns[columns[column]]
                )));
            }
        }
        let (a, b) = (a.mapv(|value| value as f32), b.mapv(|value| value as f32));

        let n = a.nrows();
        let pairs = Pairs {
            a,
            b,
            shared: Array2::zeros((n, 0)),
            labels: vec![0; n],
            classes: 1,
        };
        Ok(pairs.split(1.0 / 3.0, &mut ChaCha8Rng::seed_from_u64(seed)))
    }
}

/// Each column of `values` shifted to mean 0 and scaled to variance 1, in
/// place, so that no feature dominates by its units. Returns the constant
/// columns, each with its value; they are set to 0.
pub fn standardise(values: &mut Array2<f64>) -> Vec<(usize, f64)> {
    let mut constant = Vec::new();
    for (index, mut column) in values.columns_mut().into_iter().enumerate() {
        // Dividing by the largest magnitude first changes no z-score, and
        // keeps the sum of squares finite for values near the largest a
        // float holds.
        let largest = column
            .iter()
            .fold(0.0_f64, |largest, value| largest.max(value.abs()));
        column.mapv_inplace(|value| value / largest.max(f64::MIN_POSITIVE));
        let mean = column.mean().unwrap_or(0.0);
        let deviation = column.std(0.0);
        // A deviation that is NaN counts as constant too.
        if deviation.is_nan() || deviation <= 1e-12 {
            constant.push((index, mean * largest));
            column.fill(0.0);
        } else {
            column.mapv_inplace(|value| (value - mean) / deviation);
        }
    }
    constant
}

/// `n` pairs from the latent model of the module docs, before noise.
fn latent(
    n: usize,
    shared: usize,
    private: usize,
    dimension: usize,
    rng: &mut ChaCha8Rng,
) -> Pairs {
    let mut gaussian = |rows: usize, columns: usize| {
        Array2::from_shape_simple_fn((rows, columns), || standard_normal(rng))
    };

    let z = gaussian(n, shared);
    let private_a = gaussian(n, private);
    let private_b = gaussian(n, private);
    // Scaled so each coordinate's input has variance GAIN^2 whatever the
    // number of factors.
    let scale = GAIN / ((shared + private) as f32).sqrt();
    let map_a = gaussian(dimension, shared + private) * scale;
    let map_b = gaussian(dimension, shared + private) * scale;

    let see = |private: &Array2<f32>, map: &Array2<f32>| {
        let factors = concatenate![Axis(1), z, *private];
        factors.dot(&map.t()).mapv(f32::tanh)
    };
    let a = see(&private_a, &map_a);
    let b = see(&private_b, &map_b);

    let labels = quartiles(z.column(0).iter().copied());
    Pairs {
        a,
        b,
        shared: z,
        labels,
        classes: 4,
    }
}

/// A draw from N(0, 1) by the Box-Muller transform of two uniform draws.
fn standard_normal(rng: &mut ChaCha8Rng) -> f32 {
    // 1 - u lies in (0, 1], so its logarithm is finite.
    let radius = (-2.0 * (1.0 - rng.random::<f64>()).ln()).sqrt();
    let angle = std::f64::consts::TAU * rng.random::<f64>();
    (radius * angle.cos()) as f32
}

/// The quartile (0 to 3) of each value among all of them.
fn quartiles(values: impl Iterator<Item = f32>) -> Vec<u8> {
    let values: Vec<f32> = values.collect();
    let mut sorted = values.clone();
    sorted.sort_by(f32::total_cmp);
    let cut = |q: usize| sorted[(sorted.len() * q / 4).min(sorted.len() - 1)];
    let cuts = [cut(1), cut(2), cut(3)];
    values
        .iter()
        .map(|&value| cuts.iter().filter(|&&cut| value >= cut).count() as u8)
        .collect()
}

/// The digits halves, with the digit as the shared column.
fn digit_halves() -> Pairs {
    let digits = digits::load();
    let (a, b) = digits.halves();
    let shared = Array2::from_shape_fn((digits.labels.len(), 1), |(i, _)| {
        f32::from(digits.labels[i])
    });
    Pairs {
        a,
        b,
        shared,
        labels: digits.labels,
        classes: 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latent_config(shared: usize, private: usize, pairs: usize) -> PairedConfig {
        PairedConfig {
            source: PairedSource::Latent {
                shared,
                private,
                dimension: 6,
            },
            pairs,
            ..PairedConfig::default()
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_pairs() {
        let config = PairedConfig::default();
        assert_eq!(config.generate().unwrap(), config.generate().unwrap());

        let other = PairedConfig { seed: 2, ..config };
        assert_ne!(config.generate().unwrap(), other.generate().unwrap());
    }

    #[test]
    fn shapes_follow_the_settings() {
        let split = latent_config(3, 2, 300).generate().unwrap();
        assert_eq!(split.train.len() + split.test.len(), 300);
        assert_eq!(split.test.len(), 100);
        assert_eq!(split.train.a.ncols(), 6);
        assert_eq!(split.train.b.ncols(), 6);
        assert_eq!(split.train.shared.ncols(), 3);
    }

    #[test]
    fn quartiles_split_the_pairs_into_four_equal_classes() {
        let labels = quartiles((0..100).map(|i| i as f32));
        for class in 0..4 {
            assert_eq!(labels.iter().filter(|&&l| l == class).count(), 25);
        }
    }

    #[test]
    fn digits_pairs_are_the_two_halves_of_each_image() {
        let config = PairedConfig {
            source: PairedSource::Digits,
            noise: 0.0,
            ..PairedConfig::default()
        };
        let split = config.generate().unwrap();
        assert_eq!(split.train.len() + split.test.len(), digits::SAMPLES);
        assert_eq!((split.train.a.ncols(), split.train.b.ncols()), (32, 32));
        assert_eq!(split.train.classes, 10);
    }

    #[test]
    fn out_of_range_settings_are_refused_with_the_range() {
        let error = latent_config(0, 2, 300).validate().unwrap_err();
        assert!(error.to_string().contains("between 1 and 8"), "{error}");

        let error = latent_config(2, 2, 3).validate().unwrap_err();
        assert!(error.to_string().contains("between 20 and 5000"), "{error}");

        let noisy = PairedConfig {
            noise: f32::NAN,
            ..PairedConfig::default()
        };
        assert!(noisy.validate().is_err());
    }

    #[test]
    fn a_table_becomes_standardised_pairs() {
        let text: String = std::iter::once("a1,a2,b1,note\n".to_string())
            .chain((0..30).map(|i| format!("{i},{},{},x\n", 2 * i % 7, 100 + 3 * i)))
            .collect();
        let table = CsvTable::parse_numeric(&text).unwrap();
        let split = PairedSplit::from_table(&table, &[0, 1], &[2], 1).unwrap();
        assert_eq!((split.train.len(), split.test.len()), (20, 10));
        assert_eq!((split.train.a.ncols(), split.train.b.ncols()), (2, 1));

        // b1 = 100 + 3 i over i = 0..29 has mean 143.5 and standard deviation
        // 3 * sqrt((30^2 - 1) / 12); standardised, row i is (i - 14.5) / 8.655.
        let deviation = (899.0f32 / 12.0).sqrt();
        let first_test_row = split.test.b[[0, 0]];
        let i = (first_test_row * deviation + 14.5).round();
        assert!((first_test_row - (i - 14.5) / deviation).abs() < 1e-5);
    }

    #[test]
    fn a_bad_table_is_named_by_what_is_wrong() {
        let text: String = (0..30).map(|i| format!("{i},5,{}\n", i % 4)).collect();
        let table = CsvTable::parse_numeric(&text).unwrap();
        let message = |a: &[usize], b: &[usize]| {
            PairedSplit::from_table(&table, a, b, 1)
                .unwrap_err()
                .to_string()
        };
        assert!(message(&[0, 1], &[2]).contains("\"column 2\" is constant"));
        assert!(message(&[0], &[0, 2]).contains("both modalities"));
        assert!(message(&[], &[2]).contains("modality A has 0 columns"));
        assert!(message(&[0], &[7]).contains("does not exist"));

        let huge: String = (0..30)
            .map(|i| format!("{}e300,{i}\n", 1 + i % 7))
            .collect();
        let table = CsvTable::parse_numeric(&huge).unwrap();
        let split = PairedSplit::from_table(&table, &[0], &[1], 1).unwrap();
        assert!(split.train.a.iter().all(|value| value.is_finite()));

        let short = CsvTable::parse_numeric("a,b\n1,2\n3,six\n").unwrap();
        let error = PairedSplit::from_table(&short, &[0], &[1], 1).unwrap_err();
        assert!(
            error.to_string().starts_with("line 3, column \"b\""),
            "{error}"
        );

        let short = CsvTable::parse_numeric("1,2\n3,4\n").unwrap();
        let error = PairedSplit::from_table(&short, &[0], &[1], 1).unwrap_err();
        assert!(error.to_string().contains("2 rows"), "{error}");
    }
}
