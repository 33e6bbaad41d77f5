//! Two-modality datasets for the fusion lab, generated from a seed.
//!
//! Each sample is a pair (x_A, x_B), one vector per modality, with a class
//! label y. The label is planted by an [`Interaction`] between the
//! modalities, so a student can ask which fusion captures which kind:
//!
//! ```text
//! additive     y = 1[x_A + x_B > 0]            both modalities, no interaction
//! unimodal     y = 1[x_A > 0]                  x_B carries nothing
//! redundant    y = 1[x_A > 0], x_B = x_A + e   both carry the same signal
//! synergy      y = 1[x_A * x_B > 0]            neither alone says anything (XOR)
//! mixture      y = 1[w_add (x_A + x_B) / 2 + w_uni x_A + w_syn 4 x_A x_B > 0]
//! ```
//!
//! In the univariate source x_A and x_B are scalars drawn from U(-1, 1), so a
//! model's whole function is a heatmap over the square. In the multivariate
//! source each modality is a vector of `dimension` such coordinates and the
//! interaction is planted between the first coordinate of each; the others
//! are distractors. The digits source splits each 8 x 8 image of a
//! handwritten digit into its left and right halves.

use ndarray::{Array2, Axis};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::Error;

/// How the label depends on the two modalities.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind")]
pub enum Interaction {
    /// y depends on x_A + x_B.
    Additive,
    /// y depends on x_A alone.
    Unimodal,
    /// x_B is a noisy copy of x_A, and y depends on x_A.
    Redundant,
    /// y depends on the sign of x_A * x_B (XOR of the signs).
    Synergy,
    /// A weighted mixture of the additive, unimodal and synergistic scores.
    Mixture {
        additive: f32,
        unimodal: f32,
        synergy: f32,
    },
}

/// Where the two modalities come from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind")]
pub enum Source {
    /// One scalar per modality.
    Univariate,
    /// A vector of `dimension` coordinates per modality.
    Multivariate { dimension: usize },
    /// The left and right halves of 8 x 8 handwritten digits, ten classes.
    Digits,
    /// A student's own table, whose columns are assigned to the modalities
    /// and the target ([`super::tabular`]); it is given with the table, not
    /// generated.
    Table,
}

/// Everything that fixes a dataset: the same settings give the same samples.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetConfig {
    pub source: Source,
    pub interaction: Interaction,
    /// Number of samples, train and test together (ignored for digits,
    /// which has 1,797, and for a table, which has its rows).
    pub samples: usize,
    /// Probability that a synthetic label is flipped, in [0, 0.5].
    pub noise: f32,
    /// The share of samples held out for testing, in (0, 1).
    pub test_fraction: f32,
    pub seed: u64,
}

impl DatasetConfig {
    /// The smallest and largest sample counts the lab accepts.
    pub const SAMPLES: (usize, usize) = (20, 5000);
    /// The smallest and largest multivariate dimension.
    pub const DIMENSION: (usize, usize) = (2, 16);

    /// The univariate XOR of the tutorial, 600 samples, a third held out.
    pub fn univariate(interaction: Interaction, seed: u64) -> Self {
        DatasetConfig {
            source: Source::Univariate,
            interaction,
            samples: 600,
            noise: 0.0,
            test_fraction: 1.0 / 3.0,
            seed,
        }
    }

    /// Refuses settings outside the ranges the lab supports, naming the range.
    pub fn validate(&self) -> Result<(), Error> {
        let (fewest, most) = Self::SAMPLES;
        let generated = matches!(
            self.source,
            Source::Univariate | Source::Multivariate { .. }
        );
        if !(fewest..=most).contains(&self.samples) && generated {
            return Err(Error::Invalid(format!(
                "{} samples: choose between {fewest} and {most}",
                self.samples
            )));
        }
        if !(0.0..=0.5).contains(&self.noise) {
            return Err(Error::Invalid(format!(
                "label noise {}: choose a probability between 0 and 0.5",
                self.noise
            )));
        }
        if !(self.test_fraction > 0.0 && self.test_fraction < 1.0) {
            return Err(Error::Invalid(format!(
                "test fraction {}: choose a share strictly between 0 and 1",
                self.test_fraction
            )));
        }
        if let Source::Multivariate { dimension } = self.source {
            let (low, high) = Self::DIMENSION;
            if !(low..=high).contains(&dimension) {
                return Err(Error::Invalid(format!(
                    "{dimension} dimensions per modality: choose between {low} and {high}"
                )));
            }
        }
        if let Interaction::Mixture {
            additive,
            unimodal,
            synergy,
        } = self.interaction
        {
            let weights = [additive, unimodal, synergy];
            if weights.iter().any(|w| !w.is_finite() || *w < 0.0)
                || weights.iter().sum::<f32>() <= 0.0
            {
                return Err(Error::Invalid(
                    "mixture weights must be 0 or more, and not all 0".to_string(),
                ));
            }
        }
        Ok(())
    }

    /// Draws the samples and splits them into train and test.
    pub fn generate(&self) -> Result<Split, Error> {
        self.validate()?;
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        let all = match self.source {
            Source::Univariate => self.synthetic(1, &mut rng),
            Source::Multivariate { dimension } => self.synthetic(dimension, &mut rng),
            Source::Digits => digits(),
            Source::Table => {
                return Err(Error::Invalid(
                    "the table source has no generator: give the table itself \
                     (FusionLab.withTable in the page)"
                        .to_string(),
                ));
            }
        };
        Ok(all.split(self.test_fraction, &mut rng))
    }

    fn synthetic(&self, dimension: usize, rng: &mut ChaCha8Rng) -> Samples {
        let a = Array2::from_shape_fn((self.samples, dimension), |_| rng.random_range(-1.0..1.0));
        let mut b =
            Array2::from_shape_fn((self.samples, dimension), |_| rng.random_range(-1.0..1.0));
        if self.interaction == Interaction::Redundant {
            for (row_a, mut row_b) in a.rows().into_iter().zip(b.rows_mut()) {
                row_b[0] = (row_a[0] + 0.1 * rng.random_range(-1.0..1.0_f32)).clamp(-1.0, 1.0);
            }
        }

        let labels = (0..self.samples)
            .map(|i| {
                let clean = self.score(a[[i, 0]], b[[i, 0]]) > 0.0;
                let flipped = rng.random::<f32>() < self.noise;
                u8::from(clean != flipped)
            })
            .collect();
        Samples {
            a,
            b,
            labels,
            classes: 2,
        }
    }

    /// The planted score whose sign is the clean label.
    fn score(&self, a: f32, b: f32) -> f32 {
        match self.interaction {
            Interaction::Additive => a + b,
            Interaction::Unimodal | Interaction::Redundant => a,
            Interaction::Synergy => a * b,
            Interaction::Mixture {
                additive,
                unimodal,
                synergy,
            } => additive * (a + b) / 2.0 + unimodal * a + synergy * 4.0 * a * b,
        }
    }
}

/// Paired samples of two modalities with their labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Samples {
    /// Modality A, one sample per row.
    pub a: Array2<f32>,
    /// Modality B, one sample per row, paired with the rows of `a`.
    pub b: Array2<f32>,
    /// The class of each sample, in 0..classes.
    pub labels: Vec<u8>,
    pub classes: usize,
}

impl Samples {
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The samples at `indices`, in that order.
    pub fn select(&self, indices: &[usize]) -> Samples {
        Samples {
            a: self.a.select(Axis(0), indices),
            b: self.b.select(Axis(0), indices),
            labels: indices.iter().map(|&i| self.labels[i]).collect(),
            classes: self.classes,
        }
    }

    /// A random split, `test_fraction` of the samples held out (at least one
    /// on each side).
    fn split(self, test_fraction: f32, rng: &mut ChaCha8Rng) -> Split {
        let (train, test) = split_indices(self.len(), test_fraction, rng);
        Split {
            train: self.select(&train),
            test: self.select(&test),
        }
    }
}

/// The rows of a random split of `len` samples, as `(train, test)`:
/// `test_fraction` of them held out, at least one on each side. Needs at
/// least two samples.
pub(crate) fn split_indices(
    len: usize,
    test_fraction: f32,
    rng: &mut ChaCha8Rng,
) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..len).collect();
    order.shuffle(rng);
    let held_out = ((len as f32 * test_fraction).round() as usize).clamp(1, len.max(2) - 1);
    let (test, train) = order.split_at(held_out.min(len));
    (train.to_vec(), test.to_vec())
}

/// Training and test samples.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    pub train: Samples,
    pub test: Samples,
}

/// The digits, left half as modality A and right half as modality B.
fn digits() -> Samples {
    let digits = crate::data::digits::load();
    let (a, b) = digits.halves();
    Samples {
        a,
        b,
        labels: digits.labels,
        classes: 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_samples() {
        let config = DatasetConfig::univariate(Interaction::Synergy, 3);
        assert_eq!(config.generate().unwrap(), config.generate().unwrap());
        let other = DatasetConfig { seed: 4, ..config };
        assert_ne!(config.generate().unwrap(), other.generate().unwrap());
    }

    #[test]
    fn synergy_labels_follow_the_sign_of_the_product() {
        let split = DatasetConfig::univariate(Interaction::Synergy, 1)
            .generate()
            .unwrap();
        for (i, &label) in split.train.labels.iter().enumerate() {
            let product = split.train.a[[i, 0]] * split.train.b[[i, 0]];
            assert_eq!(label == 1, product > 0.0);
        }
        assert_eq!(split.train.len() + split.test.len(), 600);
        assert_eq!(split.test.len(), 200);
    }

    #[test]
    fn label_noise_flips_about_the_requested_share() {
        let clean = DatasetConfig {
            samples: 5000,
            ..DatasetConfig::univariate(Interaction::Additive, 9)
        };
        let noisy = DatasetConfig {
            noise: 0.2,
            ..clean
        };
        let split = noisy.generate().unwrap();
        let flipped = (0..split.train.len())
            .filter(|&i| {
                (split.train.a[[i, 0]] + split.train.b[[i, 0]] > 0.0)
                    != (split.train.labels[i] == 1)
            })
            .count() as f32
            / split.train.len() as f32;
        // 3,333 draws of a coin with p = 0.2: four standard deviations is 0.028.
        assert!((flipped - 0.2).abs() < 0.028, "flipped share {flipped}");
    }

    #[test]
    fn out_of_range_settings_are_refused_with_the_range() {
        let config = DatasetConfig::univariate(Interaction::Additive, 0);
        let message = DatasetConfig {
            samples: 0,
            ..config
        }
        .generate()
        .unwrap_err()
        .to_string();
        assert!(message.contains("between 20 and 5000"), "{message}");
        let message = DatasetConfig {
            noise: f32::NAN,
            ..config
        }
        .validate()
        .unwrap_err()
        .to_string();
        assert!(message.contains("between 0 and 0.5"), "{message}");
        let wide = DatasetConfig {
            source: Source::Multivariate { dimension: 40 },
            ..config
        };
        assert!(
            wide.validate()
                .unwrap_err()
                .to_string()
                .contains("between 2 and 16")
        );
    }
}
