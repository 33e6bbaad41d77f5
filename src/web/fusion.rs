//! The fusion lab's JavaScript interface: one `FusionLab` object holds the
//! data, the model and its training, and the page asks it for a few steps
//! per animation frame and for what to draw.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::{from_js, to_js};
use crate::representation::datasets::{DatasetConfig, Source, Split};
use crate::representation::fusion::{FusionConfig, FusionKind};
use crate::representation::probe::{emap_accuracy, probability_map, projected_probability_map};
use crate::representation::train::{Evaluation, StopReason, Trainer, TrainingConfig};

/// EMAP looks at every pair of this many test samples.
const EMAP_SAMPLES: usize = 200;

/// Everything the page's controls set, as the page sends it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Settings {
    dataset: DatasetConfig,
    fusion: FusionKind,
    width: usize,
    rank: usize,
    training: TrainingConfig,
}

/// What the page shows after each frame of training.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Status {
    steps: usize,
    stopped: Option<StopReason>,
    latest: Evaluation,
    parameter_count: usize,
    max_steps: usize,
}

/// The data, the model and its training, for one setup of the page.
#[wasm_bindgen]
pub struct FusionLab {
    split: Split,
    trainer: Trainer,
    univariate: bool,
    max_steps: usize,
}

#[wasm_bindgen]
impl FusionLab {
    /// A fresh lab for `settings`:
    /// `{dataset: {source, interaction, samples, noise, testFraction, seed},
    ///   fusion, width, rank, training: {optimiser, learningRate, batchSize,
    ///   maxSteps, evaluateEvery, seed}}`. Throws with a message naming any
    /// value out of range.
    #[wasm_bindgen(constructor)]
    pub fn new(settings: JsValue) -> Result<FusionLab, JsError> {
        let settings: Settings = from_js(settings, "the fusion lab's settings")?;
        let split = settings.dataset.generate()?;
        let fusion = FusionConfig {
            kind: settings.fusion,
            dims: [split.train.a.ncols(), split.train.b.ncols()],
            width: settings.width,
            rank: settings.rank,
            classes: split.train.classes,
        };
        let trainer = Trainer::new(fusion, settings.training, &split.train, &split.test)?;
        Ok(FusionLab {
            univariate: settings.dataset.source == Source::Univariate,
            max_steps: settings.training.max_steps,
            split,
            trainer,
        })
    }

    /// Takes up to `steps` optimiser steps; returns how many were taken
    /// (fewer once training has stopped).
    pub fn train(&mut self, steps: usize) -> usize {
        self.trainer.train(steps)
    }

    /// `{steps, stopped, latest: {step, trainLoss, testLoss, trainAccuracy,
    /// testAccuracy}, parameterCount, maxSteps}`; `stopped` is null, "budget",
    /// "plateau" or "diverged".
    pub fn status(&self) -> Result<JsValue, JsError> {
        to_js(&Status {
            steps: self.trainer.steps(),
            stopped: self.trainer.stopped(),
            latest: self.trainer.latest(),
            parameter_count: self.trainer.parameter_count(),
            max_steps: self.max_steps,
        })
    }

    /// Every evaluation so far, as an array of `{step, trainLoss, ...}`.
    pub fn history(&self) -> Result<JsValue, JsError> {
        to_js(&self.trainer.history())
    }

    /// Whether the data has one scalar per modality, so the model can be
    /// drawn as a map over the plane.
    #[wasm_bindgen(getter)]
    pub fn univariate(&self) -> bool {
        self.univariate
    }

    /// P(y = 1) over a `resolution` x `resolution` grid of [-1, 1]^2, row by
    /// row from the top (x_B = 1). Only for univariate data.
    #[wasm_bindgen(js_name = probabilityMap)]
    pub fn probability_map(&self, resolution: usize) -> Result<Vec<f32>, JsError> {
        self.check_plane(resolution)?;
        Ok(probability_map(&self.trainer.model(), resolution))
    }

    /// The same map for the model's EMAP projection.
    #[wasm_bindgen(js_name = projectedProbabilityMap)]
    pub fn projected_probability_map(&self, resolution: usize) -> Result<Vec<f32>, JsError> {
        self.check_plane(resolution)?;
        Ok(projected_probability_map(
            &self.trainer.model(),
            &self.split.test,
            resolution,
            EMAP_SAMPLES,
        ))
    }

    /// `{accuracy, projectedAccuracy, samples}`: test accuracy of the model
    /// and of its EMAP projection.
    pub fn emap(&self) -> Result<JsValue, JsError> {
        to_js(&emap_accuracy(
            &self.trainer.model(),
            &self.split.test,
            EMAP_SAMPLES,
        ))
    }

    /// The samples of the univariate plane as flat arrays: `[a0, b0, y0, a1,
    /// b1, y1, ...]`, for the train (`test` false) or the test set.
    pub fn points(&self, test: bool) -> Vec<f32> {
        let samples = if test {
            &self.split.test
        } else {
            &self.split.train
        };
        (0..samples.len())
            .flat_map(|i| {
                [
                    samples.a[[i, 0]],
                    samples.b[[i, 0]],
                    f32::from(samples.labels[i]),
                ]
            })
            .collect()
    }

    fn check_plane(&self, resolution: usize) -> Result<(), JsError> {
        if !self.univariate {
            return Err(JsError::new(
                "the map over the plane needs one scalar per modality: choose the univariate data",
            ));
        }
        if !(2..=400).contains(&resolution) {
            return Err(JsError::new(&format!(
                "map resolution {resolution}: choose between 2 and 400 cells a side"
            )));
        }
        Ok(())
    }
}

/// The names of the fusions, in the lab's order.
#[wasm_bindgen(js_name = fusionKinds)]
pub fn fusion_kinds() -> Vec<String> {
    FusionKind::ALL
        .iter()
        .map(|kind| kind.name().to_string())
        .collect()
}
