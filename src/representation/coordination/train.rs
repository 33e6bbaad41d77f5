//! Two encoders coordinated by a contrastive objective, trained one
//! minibatch at a time so the page can animate them.
//!
//! Each modality has its own tower, an MLP `z = W_2 relu(W_1 x + b_1) + b_2`;
//! the towers never see each other's input, only the loss couples them. The
//! trainer measures, on held-out pairs:
//!
//! ```text
//! recall@1 A->B   share of i whose most similar z_B,j is j = i (chance 1/N)
//! alignment       E_pairs |u_A - u_B|^2              (u = z / |z|; 0 is perfect)
//! uniformity      log E_{i != j} exp(-2 |u_i - u_j|^2)  (within each modality,
//!                 averaged; lower spreads the embeddings more evenly)
//! ```
//!
//! Alignment and uniformity are from Wang & Isola, "Understanding Contrastive
//! Representation Learning through Alignment and Uniformity on the
//! Hypersphere" (ICML 2020).

use burn::nn::{Linear, LinearConfig};
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use burn::tensor::activation::relu;
use ndarray::Array2;
use serde::{Deserialize, Serialize};

use super::contrastive::{Objective, cosine_similarities, unit_rows};
use super::paired::Pairs;
use crate::Error;
use crate::representation::train::{Minibatches, Plateau, StopReason, matrix, seeded};

/// Losses and recall are measured on at most this many held-out pairs (and
/// as many training pairs): each measure compares every pair with every
/// other, so this bounds the time an evaluation takes out of a frame (about
/// 8 ms natively, several times that as WebAssembly).
pub const EVALUATION_PAIRS: usize = 200;

/// How to build and train the two encoders.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContrastiveConfig {
    pub objective: Objective,
    /// Hidden units of each tower.
    pub width: usize,
    /// Coordinates of each embedding.
    pub embedding: usize,
    /// Pairs per minibatch: each pair's negatives are the other pairs.
    pub batch_size: usize,
    pub learning_rate: f64,
    /// The step budget.
    pub max_steps: usize,
    pub evaluate_every: usize,
    /// Seeds the weights and the order of minibatches.
    pub seed: u64,
}

impl Default for ContrastiveConfig {
    fn default() -> Self {
        ContrastiveConfig {
            objective: Objective::Clip { temperature: 0.1 },
            width: 16,
            embedding: 3,
            batch_size: 64,
            learning_rate: 0.005,
            max_steps: 2000,
            evaluate_every: 25,
            seed: 1,
        }
    }
}

impl ContrastiveConfig {
    pub const WIDTH: (usize, usize) = (1, 256);
    pub const EMBEDDING: (usize, usize) = (2, 16);
    /// A batch needs two pairs so each has a negative.
    pub const BATCH_SIZE: (usize, usize) = (2, 512);
    pub const MAX_LEARNING_RATE: f64 = 1.0;
    pub const MAX_STEPS: usize = 100_000;

    /// Refuses settings outside the ranges the lab supports, naming the range.
    pub fn validate(&self) -> Result<(), Error> {
        self.objective.validate()?;
        let in_range = |name: &str, value: usize, (low, high): (usize, usize)| {
            if (low..=high).contains(&value) {
                Ok(())
            } else {
                Err(Error::Invalid(format!(
                    "{name} {value}: choose between {low} and {high}"
                )))
            }
        };
        in_range("width", self.width, Self::WIDTH)?;
        in_range("embedding size", self.embedding, Self::EMBEDDING)?;
        in_range("batch size", self.batch_size, Self::BATCH_SIZE)?;
        in_range("step budget", self.max_steps, (1, Self::MAX_STEPS))?;
        in_range(
            "evaluation interval",
            self.evaluate_every,
            (1, Self::MAX_STEPS),
        )?;
        if !(self.learning_rate > 0.0 && self.learning_rate <= Self::MAX_LEARNING_RATE) {
            return Err(Error::Invalid(format!(
                "learning rate {}: choose a number above 0 and at most {}",
                self.learning_rate,
                Self::MAX_LEARNING_RATE
            )));
        }
        Ok(())
    }
}

/// One modality's encoder: `z = W_2 relu(W_1 x + b_1) + b_2`.
///
/// # Shapes
/// - input `x`: `[batch, dimension]`
/// - output `z`: `[batch, embedding]`
#[derive(Module, Debug)]
pub struct Tower {
    hidden: Linear,
    output: Linear,
}

impl Tower {
    fn new(dimension: usize, width: usize, embedding: usize, device: &Device) -> Self {
        Tower {
            hidden: LinearConfig::new(dimension, width).init(device),
            output: LinearConfig::new(width, embedding).init(device),
        }
    }

    pub fn forward(&self, x: Tensor<2>) -> Tensor<2> {
        self.output.forward(relu(self.hidden.forward(x)))
    }
}

/// The two towers, trained together.
#[derive(Module, Debug)]
pub struct Towers {
    pub a: Tower,
    pub b: Tower,
}

/// Loss and retrieval measures after `step` optimiser steps. Both losses are
/// over sets of the same size (the held-out pairs, at most
/// [`EVALUATION_PAIRS`], and as many training pairs), so their values
/// compare.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    pub step: usize,
    pub train_loss: f32,
    pub test_loss: f32,
    /// Recall@1 from A to B and from B to A on held-out pairs.
    pub recall_a_to_b: f32,
    pub recall_b_to_a: f32,
    pub alignment: f32,
    pub uniformity: f32,
}

/// Both towers, their optimiser, the data and the history.
pub struct ContrastiveTrainer {
    towers: Towers,
    last_good: Towers,
    optimiser: ModuleOptimizer,
    config: ContrastiveConfig,
    device: Device,
    train: (Tensor<2>, Tensor<2>),
    evaluation_train: (Tensor<2>, Tensor<2>),
    evaluation_test: (Tensor<2>, Tensor<2>),
    minibatches: Minibatches,
    steps: usize,
    history: Vec<Evaluation>,
    plateau: Plateau,
    stopped: Option<StopReason>,
}

impl ContrastiveTrainer {
    /// Fresh towers for `train`'s modalities, to be measured on `test`.
    pub fn new(config: ContrastiveConfig, train: &Pairs, test: &Pairs) -> Result<Self, Error> {
        config.validate()?;
        if train.len() < 2 || test.len() < 2 {
            return Err(Error::Invalid(
                "contrastive learning needs at least two training and two held-out pairs"
                    .to_string(),
            ));
        }

        let device = Device::flex().autodiff();
        let towers = seeded(&device, config.seed, || {
            Ok(Towers {
                a: Tower::new(train.a.ncols(), config.width, config.embedding, &device),
                b: Tower::new(train.b.ncols(), config.width, config.embedding, &device),
            })
        })?;

        let plain = Device::flex();
        let as_tensors =
            |pairs: &Pairs, device: &Device| (matrix(&pairs.a, device), matrix(&pairs.b, device));
        let held_out: Vec<usize> = (0..test.len().min(EVALUATION_PAIRS)).collect();
        let comparable: Vec<usize> = (0..held_out.len().min(train.len())).collect();
        let mut trainer = ContrastiveTrainer {
            last_good: towers.clone(),
            towers,
            optimiser: AdamConfig::new().init(),
            config,
            train: as_tensors(train, &device),
            evaluation_train: as_tensors(&train.select(&comparable), &plain),
            evaluation_test: as_tensors(&test.select(&held_out), &plain),
            minibatches: Minibatches::new(train.len(), config.seed),
            device,
            steps: 0,
            history: Vec::new(),
            plateau: Plateau::default(),
            stopped: None,
        };
        trainer.evaluate();
        Ok(trainer)
    }

    /// One optimiser step on the next minibatch, unless training has
    /// stopped. Returns whether a step was taken.
    pub fn step(&mut self) -> bool {
        if self.stopped.is_some() {
            return false;
        }

        let (a, b) = self.next_batch();
        let loss = self
            .config
            .objective
            .loss(self.towers.a.forward(a), self.towers.b.forward(b));
        let gradients = GradientsParams::from_grads(loss.backward(), &self.towers);
        self.towers =
            self.optimiser
                .step(self.config.learning_rate, self.towers.clone(), gradients);
        self.steps += 1;

        if self.steps.is_multiple_of(self.config.evaluate_every)
            || self.steps == self.config.max_steps
        {
            self.evaluate();
        }
        true
    }

    /// Takes up to `steps` steps; returns how many were taken.
    pub fn train(&mut self, steps: usize) -> usize {
        (0..steps).take_while(|_| self.step()).count()
    }

    fn next_batch(&mut self) -> (Tensor<2>, Tensor<2>) {
        let indices = self.minibatches.next(self.config.batch_size, &self.device);
        (
            self.train.0.clone().select(0, indices.clone()),
            self.train.1.clone().select(0, indices),
        )
    }

    /// Measures the towers, records it, and decides whether to stop.
    fn evaluate(&mut self) {
        let towers = self.towers.valid();
        let objective = self.config.objective;
        let loss_on = |(a, b): &(Tensor<2>, Tensor<2>)| -> f32 {
            objective
                .loss(towers.a.forward(a.clone()), towers.b.forward(b.clone()))
                .into_scalar()
        };
        let train_loss = loss_on(&self.evaluation_train);
        let test_loss = loss_on(&self.evaluation_test);

        let (a, b) = &self.evaluation_test;
        let (z_a, z_b) = (towers.a.forward(a.clone()), towers.b.forward(b.clone()));
        let measures = retrieval(z_a, z_b);

        let finite = [
            train_loss,
            test_loss,
            measures.alignment,
            measures.uniformity,
        ]
        .iter()
        .all(|value| value.is_finite());
        if !finite {
            log::info!("training diverged at step {}", self.steps);
            self.towers = self.last_good.clone();
            self.stopped = Some(StopReason::Diverged);
            return;
        }

        self.last_good = self.towers.clone();
        self.history.push(Evaluation {
            step: self.steps,
            train_loss,
            test_loss,
            recall_a_to_b: measures.recall_a_to_b,
            recall_b_to_a: measures.recall_b_to_a,
            alignment: measures.alignment,
            uniformity: measures.uniformity,
        });
        // Every objective here is non-negative, as the plateau rule needs.
        self.stopped = self
            .plateau
            .stop(self.steps, train_loss, self.config.max_steps);
    }

    /// Both modalities' embeddings of `pairs`, each scaled to unit length,
    /// as `[pairs, embedding]` matrices.
    pub fn embed(&self, pairs: &Pairs) -> (Array2<f32>, Array2<f32>) {
        let towers = self.towers.valid();
        let device = Device::flex();
        let unit =
            |tower: &Tower, x: &Array2<f32>| to_array(unit_rows(tower.forward(matrix(x, &device))));
        (unit(&towers.a, &pairs.a), unit(&towers.b, &pairs.b))
    }

    pub fn history(&self) -> &[Evaluation] {
        &self.history
    }

    /// How many held-out pairs recall@1 is measured on (chance is one over
    /// this): the first [`EVALUATION_PAIRS`] of them at most.
    pub fn evaluated_pairs(&self) -> usize {
        self.evaluation_test.0.dims()[0]
    }

    pub fn steps(&self) -> usize {
        self.steps
    }

    pub fn stopped(&self) -> Option<StopReason> {
        self.stopped
    }

    pub fn parameter_count(&self) -> usize {
        self.towers.num_params()
    }

    /// The latest evaluation (there is always one, taken at step 0).
    pub fn latest(&self) -> Evaluation {
        *self
            .history
            .last()
            .expect("the trainer evaluates at construction")
    }
}

/// Recall@1 both ways, alignment and uniformity of paired embeddings.
struct Retrieval {
    recall_a_to_b: f32,
    recall_b_to_a: f32,
    alignment: f32,
    uniformity: f32,
}

fn retrieval(z_a: Tensor<2>, z_b: Tensor<2>) -> Retrieval {
    let [n, _] = z_a.dims();
    let similarities = cosine_similarities(z_a.clone(), z_b.clone());
    let truth = Tensor::<1, Int>::arange(0..n as i64, &similarities.device());
    let recall = |best: Tensor<2, Int>| -> f32 {
        let hits: i64 = best
            .reshape([n])
            .equal(truth.clone())
            .int()
            .sum()
            .into_scalar();
        hits as f32 / n as f32
    };
    let recall_a_to_b = recall(similarities.clone().argmax(1));
    let recall_b_to_a = recall(similarities.argmax(0));

    let (u_a, u_b) = (unit_rows(z_a), unit_rows(z_b));
    let alignment: f32 = (u_a.clone() - u_b.clone())
        .powi_scalar(2)
        .sum_dim(1)
        .mean()
        .into_scalar();
    let uniformity = (uniformity(u_a) + uniformity(u_b)) / 2.0;
    Retrieval {
        recall_a_to_b,
        recall_b_to_a,
        alignment,
        uniformity,
    }
}

/// log E_{i != j} exp(-2 |u_i - u_j|^2) for unit rows u, using
/// |u_i - u_j|^2 = 2 - 2 <u_i, u_j>.
fn uniformity(u: Tensor<2>) -> f32 {
    let [n, _] = u.dims();
    let distances = (u.clone().matmul(u.transpose()) * -2.0 + 2.0).clamp_min(0.0);
    let off_diagonal = Tensor::<2>::eye(n, &distances.device()).neg() + 1.0;
    let kernel: f32 = ((distances * -2.0).exp() * off_diagonal)
        .sum()
        .into_scalar();
    (kernel / (n * (n - 1)) as f32).ln()
}

fn to_array(z: Tensor<2>) -> Array2<f32> {
    let [rows, columns] = z.dims();
    let values: Vec<f32> = z.into_data().try_into_vec().expect("embeddings are f32");
    Array2::from_shape_vec((rows, columns), values).expect("the shape matches the data")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::representation::coordination::paired::PairedConfig;

    #[test]
    fn the_same_seed_gives_the_same_curves() {
        let split = PairedConfig::default().generate().unwrap();
        let config = ContrastiveConfig {
            max_steps: 100,
            ..ContrastiveConfig::default()
        };
        let run = || {
            let mut trainer = ContrastiveTrainer::new(config, &split.train, &split.test).unwrap();
            trainer.train(100);
            trainer.history().to_vec()
        };
        assert_eq!(run(), run());
    }

    #[test]
    fn uniformity_of_opposite_points_is_minus_eight() {
        // Two antipodal unit vectors: |u_0 - u_1|^2 = 4, so log exp(-8) = -8.
        let device = Device::flex();
        let u = Tensor::<2>::from_data(
            TensorData::new(vec![1.0f32, 0.0, -1.0, 0.0], [2, 2]),
            &device,
        );
        assert!((uniformity(u) + 8.0).abs() < 1e-5);
    }

    #[test]
    fn identical_embeddings_retrieve_every_partner() {
        let device = Device::flex();
        let z = Tensor::<2>::from_data(
            TensorData::new(vec![1.0f32, 0.0, 0.0, 1.0, -1.0, 0.2], [3, 2]),
            &device,
        );
        let measures = retrieval(z.clone(), z);
        assert_eq!(measures.recall_a_to_b, 1.0);
        assert_eq!(measures.recall_b_to_a, 1.0);
        assert!(measures.alignment.abs() < 1e-6);
    }

    #[test]
    fn a_batch_of_one_is_refused() {
        let config = ContrastiveConfig {
            batch_size: 1,
            ..ContrastiveConfig::default()
        };
        assert!(
            config
                .validate()
                .unwrap_err()
                .to_string()
                .contains("batch size 1")
        );
    }
}
