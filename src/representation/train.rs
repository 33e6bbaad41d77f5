//! Training a fusion model, one optimiser step at a time.
//!
//! The browser cannot run a training loop to the end without freezing the
//! page, so [`Trainer::step`] takes one minibatch step and returns; the page
//! calls it as many times as fit in a frame. Every `evaluate_every` steps
//! the trainer measures loss and accuracy on the whole train and test sets,
//! appends them to its history, and decides whether to stop:
//!
//! - after `max_steps` steps (the step budget);
//! - when the training loss has not improved by 1 % for [`PATIENCE`] steps
//!   (a plateau);
//! - when the training loss is no longer a finite number, or has grown to
//!   [`DIVERGENCE`] times what it was before training (divergence): the
//!   model goes back to its last good weights, so nothing on screen shows
//!   NaN.

use burn::module::{ModuleVisitor, Param};
use burn::nn::loss::CrossEntropyLossConfig;
use burn::optim::ModuleOptimizer;
use burn::optim::{AdamConfig, GradientsParams, SgdConfig};
use burn::prelude::*;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::datasets::Samples;
use super::fusion::{Fusion, FusionConfig};
use crate::Error;

/// Steps without a 1 % improvement of the training loss that count as a
/// plateau.
pub const PATIENCE: usize = 600;

/// A training loss this many times the untrained model's means training has
/// diverged: a learning rate too large for the model throws it far from any
/// minimum, while a working one only ever brings the loss down.
pub const DIVERGENCE: f32 = 3.0;

/// The optimiser that updates the weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Optimiser {
    Adam,
    Sgd,
}

/// How to train.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrainingConfig {
    pub optimiser: Optimiser,
    pub learning_rate: f64,
    pub batch_size: usize,
    /// The step budget.
    pub max_steps: usize,
    pub evaluate_every: usize,
    /// Seeds the weights and the order of minibatches.
    pub seed: u64,
}

impl Default for TrainingConfig {
    fn default() -> Self {
        TrainingConfig {
            optimiser: Optimiser::Adam,
            learning_rate: 0.01,
            batch_size: 32,
            max_steps: 3000,
            evaluate_every: 25,
            seed: 1,
        }
    }
}

impl TrainingConfig {
    /// The largest learning rate and batch size the lab accepts.
    pub const MAX_LEARNING_RATE: f64 = 10.0;
    pub const BATCH_SIZE: (usize, usize) = (1, 1024);
    pub const MAX_STEPS: usize = 100_000;

    pub fn validate(&self) -> Result<(), Error> {
        if !(self.learning_rate > 0.0 && self.learning_rate <= Self::MAX_LEARNING_RATE) {
            return Err(Error::Invalid(format!(
                "learning rate {}: choose a number above 0 and at most {}",
                self.learning_rate,
                Self::MAX_LEARNING_RATE
            )));
        }
        let (smallest, largest) = Self::BATCH_SIZE;
        if !(smallest..=largest).contains(&self.batch_size) {
            return Err(Error::Invalid(format!(
                "batch size {}: choose between {smallest} and {largest}",
                self.batch_size
            )));
        }
        if !(1..=Self::MAX_STEPS).contains(&self.max_steps) || self.evaluate_every == 0 {
            return Err(Error::Invalid(format!(
                "step budget {}: choose between 1 and {}",
                self.max_steps,
                Self::MAX_STEPS
            )));
        }
        Ok(())
    }
}

/// Why training stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StopReason {
    /// The step budget is spent.
    Budget,
    /// The training loss stopped improving.
    Plateau,
    /// The loss became infinite or NaN; the last good weights were kept.
    Diverged,
}

/// Loss (cross-entropy, in nats) and accuracy on the train and test sets
/// after `step` optimiser steps.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    pub step: usize,
    pub train_loss: f32,
    pub test_loss: f32,
    pub train_accuracy: f32,
    pub test_accuracy: f32,
}

/// A set of samples as tensors on one device.
#[derive(Debug, Clone)]
struct Batch {
    a: Tensor<2>,
    b: Tensor<2>,
    labels: Tensor<1, Int>,
}

impl Batch {
    fn new(samples: &Samples, device: &Device) -> Self {
        Batch {
            a: matrix(&samples.a, device),
            b: matrix(&samples.b, device),
            labels: Tensor::from_data(
                TensorData::new(
                    samples.labels.iter().map(|&l| i64::from(l)).collect(),
                    [samples.len()],
                ),
                device,
            ),
        }
    }

    fn len(&self) -> usize {
        self.labels.dims()[0]
    }

    fn select(&self, indices: Tensor<1, Int>) -> Batch {
        Batch {
            a: self.a.clone().select(0, indices.clone()),
            b: self.b.clone().select(0, indices.clone()),
            labels: self.labels.clone().select(0, indices),
        }
    }
}

/// An ndarray matrix as a tensor.
pub fn matrix(values: &ndarray::Array2<f32>, device: &Device) -> Tensor<2> {
    let shape = [values.nrows(), values.ncols()];
    Tensor::from_data(
        TensorData::new(values.iter().copied().collect(), shape),
        device,
    )
}

/// A fusion model, its optimiser, its data and its history.
pub struct Trainer {
    model: Fusion,
    last_good: Fusion,
    optimiser: ModuleOptimizer,
    config: TrainingConfig,
    device: Device,
    train: Batch,
    evaluation_train: Batch,
    evaluation_test: Batch,
    minibatches: Minibatches,
    steps: usize,
    history: Vec<Evaluation>,
    plateau: Plateau,
    stopped: Option<StopReason>,
}

/// The weights of every model are drawn from burn's generator, which is
/// global: seeding and drawing happen under this lock, so models built on
/// other threads at the same time cannot interleave their draws.
static INITIALISATION: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The model `build` makes on `device`, its weights drawn from `seed`.
///
/// burn draws a parameter's initial value lazily, the first time it is
/// used; drawn then, outside [`INITIALISATION`], it could take numbers meant
/// for a model being built on another thread, and the same seed would no
/// longer give the same model. So every parameter is drawn here, under the
/// lock.
pub(crate) fn seeded<M: Module>(
    device: &Device,
    seed: u64,
    build: impl FnOnce() -> Result<M, Error>,
) -> Result<M, Error> {
    struct DrawEveryParameter;
    impl ModuleVisitor for DrawEveryParameter {
        fn visit_float<const D: usize>(&mut self, parameter: &Param<Tensor<D>>) {
            let _ = parameter.val();
        }
    }

    let _draws = INITIALISATION
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    device.seed(seed);
    let model = build()?;
    model.visit(&mut DrawEveryParameter);
    Ok(model)
}

impl Trainer {
    /// A fresh model of shape `fusion`, ready to train on `train` and be
    /// tested on `test`.
    pub fn new(
        fusion: FusionConfig,
        config: TrainingConfig,
        train: &Samples,
        test: &Samples,
    ) -> Result<Self, Error> {
        config.validate()?;
        if train.is_empty() || test.is_empty() {
            return Err(Error::Invalid(
                "the train and the test set each need at least one sample".to_string(),
            ));
        }

        let device = Device::flex().autodiff();
        let model = seeded(&device, config.seed, || fusion.init(&device))?;
        let optimiser = match config.optimiser {
            Optimiser::Adam => AdamConfig::new().init(),
            Optimiser::Sgd => SgdConfig::new().init(),
        };

        let plain = Device::flex();
        let mut trainer = Trainer {
            last_good: model.clone(),
            model,
            optimiser,
            config,
            train: Batch::new(train, &device),
            evaluation_train: Batch::new(train, &plain),
            evaluation_test: Batch::new(test, &plain),
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

        let batch = self.next_batch();
        let logits = self.model.forward(batch.a, batch.b);
        let loss = CrossEntropyLossConfig::new()
            .init(&self.device)
            .forward(logits, batch.labels);
        let gradients = GradientsParams::from_grads(loss.backward(), &self.model);
        // Cloning a module shares its tensors; the optimiser returns the updated one.
        self.model = self
            .optimiser
            .step(self.config.learning_rate, self.model.clone(), gradients);
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

    /// The next `batch_size` training samples, reshuffling at each epoch.
    fn next_batch(&mut self) -> Batch {
        let indices = self.minibatches.next(self.config.batch_size, &self.device);
        self.train.select(indices)
    }

    /// Measures the model on both sets, records it, and decides whether to stop.
    fn evaluate(&mut self) {
        let model = self.model.valid();
        let (train_loss, train_accuracy) = loss_and_accuracy(&model, &self.evaluation_train);
        let (test_loss, test_accuracy) = loss_and_accuracy(&model, &self.evaluation_test);

        let untrained_loss = self
            .history
            .first()
            .map_or(train_loss, |first| first.train_loss);
        if !(train_loss.is_finite() && test_loss.is_finite())
            || train_loss > DIVERGENCE * untrained_loss
        {
            log::info!(
                "training diverged at step {} (loss {train_loss})",
                self.steps
            );
            self.model = self.last_good.clone();
            self.stopped = Some(StopReason::Diverged);
            return;
        }

        self.last_good = self.model.clone();
        self.history.push(Evaluation {
            step: self.steps,
            train_loss,
            test_loss,
            train_accuracy,
            test_accuracy,
        });
        self.stopped = self
            .plateau
            .stop(self.steps, train_loss, self.config.max_steps);
    }

    /// The model as it stands, for predictions (no gradients tracked).
    pub fn model(&self) -> Fusion {
        self.model.valid()
    }

    pub fn history(&self) -> &[Evaluation] {
        &self.history
    }

    pub fn steps(&self) -> usize {
        self.steps
    }

    pub fn stopped(&self) -> Option<StopReason> {
        self.stopped
    }

    pub fn parameter_count(&self) -> usize {
        self.model.num_params()
    }

    /// The latest evaluation (there is always one, taken at step 0).
    pub fn latest(&self) -> Evaluation {
        *self
            .history
            .last()
            .expect("the trainer evaluates at construction")
    }
}

/// The order in which a training loop visits its samples: every sample
/// once per epoch, shuffled afresh at each epoch from a seed.
pub(crate) struct Minibatches {
    order: Vec<usize>,
    cursor: usize,
    rng: ChaCha8Rng,
}

impl Minibatches {
    pub(crate) fn new(samples: usize, seed: u64) -> Self {
        Minibatches {
            order: (0..samples).collect(),
            cursor: samples,
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// The indices of the next `size` samples (all of them if there are
    /// fewer), as a tensor on `device`.
    pub(crate) fn next(&mut self, size: usize, device: &Device) -> Tensor<1, Int> {
        let size = size.min(self.order.len());
        if self.cursor + size > self.order.len() {
            self.order.shuffle(&mut self.rng);
            self.cursor = 0;
        }
        let indices: Vec<i64> = self.order[self.cursor..self.cursor + size]
            .iter()
            .map(|&i| i as i64)
            .collect();
        self.cursor += size;
        Tensor::from_data(TensorData::new(indices, [size]), device)
    }
}

/// When a training loop stops by itself: at its step budget, or after
/// [`PATIENCE`] steps in which the training loss (never negative) did not
/// fall below 99 % of its best.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plateau {
    best_loss: f32,
    best_step: usize,
}

impl Default for Plateau {
    fn default() -> Self {
        Plateau {
            best_loss: f32::INFINITY,
            best_step: 0,
        }
    }
}

impl Plateau {
    /// Records the training loss after `steps` steps; says whether to stop.
    pub(crate) fn stop(&mut self, steps: usize, loss: f32, max_steps: usize) -> Option<StopReason> {
        if loss < 0.99 * self.best_loss {
            self.best_loss = loss;
            self.best_step = steps;
        }

        if steps >= max_steps {
            log::info!("training stopped after its budget of {steps} steps");
            Some(StopReason::Budget)
        } else if steps - self.best_step >= PATIENCE {
            log::info!("training stopped at step {steps}: the loss plateaued");
            Some(StopReason::Plateau)
        } else {
            None
        }
    }
}

/// Mean cross-entropy and accuracy of `model` on `batch`.
fn loss_and_accuracy(model: &Fusion, batch: &Batch) -> (f32, f32) {
    let logits = model.forward(batch.a.clone(), batch.b.clone());
    let device = logits.device();
    let predictions = logits.clone().argmax(1).reshape([batch.len()]);
    let correct: i64 = predictions
        .equal(batch.labels.clone())
        .int()
        .sum()
        .into_scalar();
    let loss: f32 = CrossEntropyLossConfig::new()
        .init(&device)
        .forward(logits, batch.labels.clone())
        .into_scalar();
    (loss, correct as f32 / batch.len() as f32)
}

/// Class logits of `model` for paired rows of `a` and `b`, as an ndarray
/// `[rows, classes]`.
pub fn logits(
    model: &Fusion,
    a: &ndarray::Array2<f32>,
    b: &ndarray::Array2<f32>,
) -> ndarray::Array2<f32> {
    let device = Device::flex();
    let z = model.forward(matrix(a, &device), matrix(b, &device));
    let [rows, classes] = z.dims();
    let values: Vec<f32> = z.into_data().try_into_vec().expect("logits are f32");
    ndarray::Array2::from_shape_vec((rows, classes), values).expect("the shape matches the data")
}
