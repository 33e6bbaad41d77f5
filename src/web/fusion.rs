//! The fusion lab's JavaScript interface: one `FusionLab` object holds the
//! data, the model and its training, and the page asks it for a few steps
//! per animation frame and for what to draw.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::{from_js, to_js};
use crate::representation::datasets::{DatasetConfig, Source, Split};
use crate::representation::fusion::{FusionConfig, FusionKind};
use crate::representation::probe::{
    EXTENT, covering_extent, emap_accuracy, probability_map, projected_probability_map,
};
use crate::representation::tabular::{Roles, TableData, read_csv};
use crate::representation::train::{Evaluation, StopReason, Trainer, TrainingConfig};

/// EMAP looks at every pair of this many test samples.
const EMAP_SAMPLES: usize = 200;

/// The example table for students, bundled so that it loads offline and
/// from the single-file edition; `scripts/fusion-example.mjs` writes it and
/// says how.
const EXAMPLE_TABLE: &str = include_str!("../../www/data/fusion-example.csv");

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

/// The columns of a CSV as the lab reads them, with a first guess at which
/// is modality A, modality B and the target.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TableColumns {
    columns: Vec<String>,
    rows: usize,
    suggested: Roles,
}

/// The data, the model and its training, for one setup of the page.
#[wasm_bindgen]
pub struct FusionLab {
    split: Split,
    trainer: Trainer,
    /// One scalar per modality and two classes: the model is a map of the plane.
    plane: bool,
    /// The plane drawn is [-extent, extent]^2.
    extent: f32,
    class_names: Vec<String>,
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
        let class_names = (0..split.train.classes).map(|c| c.to_string()).collect();
        let plane = settings.dataset.source == Source::Univariate;
        FusionLab::build(&settings, split, plane, EXTENT, class_names)
    }

    /// A fresh lab on a student's CSV `text`: `columnsA` and `columnsB` are
    /// the indices (from 0) of the columns of each modality, `target` the
    /// index of the class column; the other columns are ignored. The
    /// features are standardised with the training rows' mean and standard
    /// deviation; `settings.dataset` gives only the test fraction and the
    /// seed of the split. Throws with a message naming the line and the
    /// column of a bad field, or what else is wrong with the table.
    #[wasm_bindgen(js_name = withTable)]
    pub fn with_table(
        settings: JsValue,
        text: &str,
        columns_a: JsValue,
        columns_b: JsValue,
        target: JsValue,
    ) -> Result<FusionLab, JsError> {
        let settings: Settings = from_js(settings, "the fusion lab's settings")?;
        let columns = "an array of column indices (whole numbers from 0)";
        let roles = Roles {
            modality_a: from_js(columns_a, columns)?,
            modality_b: from_js(columns_b, columns)?,
            target: from_js(target, "the target's column index (a whole number from 0)")?,
        };
        let dataset = DatasetConfig {
            source: Source::Table,
            ..settings.dataset
        };
        dataset.validate()?;

        let table = TableData::from_csv(&read_csv(text)?, &roles)?;
        let split = table.split(dataset.test_fraction, dataset.seed);
        let plane = split.train.a.ncols() == 1
            && split.train.b.ncols() == 1
            && table.class_names.len() == 2;
        let extent = covering_extent(&split);
        log::info!(
            "table of {} rows: {} + {} feature columns, {} classes",
            table.len(),
            roles.modality_a.len(),
            roles.modality_b.len(),
            table.class_names.len()
        );
        FusionLab::build(&settings, split, plane, extent, table.class_names)
    }

    fn build(
        settings: &Settings,
        split: Split,
        plane: bool,
        extent: f32,
        class_names: Vec<String>,
    ) -> Result<FusionLab, JsError> {
        let fusion = FusionConfig {
            kind: settings.fusion,
            dims: [split.train.a.ncols(), split.train.b.ncols()],
            width: settings.width,
            rank: settings.rank,
            classes: split.train.classes,
        };
        let trainer = Trainer::new(fusion, settings.training, &split.train, &split.test)?;
        Ok(FusionLab {
            plane,
            extent,
            class_names,
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

    /// Whether the data has one scalar per modality and two classes, so the
    /// model can be drawn as a map of P(y = 1) over the plane.
    #[wasm_bindgen(getter)]
    pub fn univariate(&self) -> bool {
        self.plane
    }

    /// The half-width of the plane the maps cover: 1 for the generated data,
    /// enough for every standardised sample of a table.
    #[wasm_bindgen(getter)]
    pub fn extent(&self) -> f32 {
        self.extent
    }

    /// The number of input columns of modality A and of modality B.
    #[wasm_bindgen(getter)]
    pub fn dims(&self) -> Vec<u32> {
        [&self.split.train.a, &self.split.train.b]
            .iter()
            .map(|modality| modality.ncols() as u32)
            .collect()
    }

    /// The label each class stands for, in class order ("0", "1", ... for
    /// the generated data and the digits).
    #[wasm_bindgen(getter, js_name = classNames)]
    pub fn class_names(&self) -> Vec<String> {
        self.class_names.clone()
    }

    /// P(y = 1) over a `resolution` x `resolution` grid of
    /// [-extent, extent]^2, row by row from the top (x_B = extent). Only when
    /// the data is a plane (see `univariate`).
    #[wasm_bindgen(js_name = probabilityMap)]
    pub fn probability_map(&self, resolution: usize) -> Result<Vec<f32>, JsError> {
        self.check_plane(resolution)?;
        Ok(probability_map(
            &self.trainer.model(),
            resolution,
            self.extent,
        ))
    }

    /// The same map for the model's EMAP projection.
    #[wasm_bindgen(js_name = projectedProbabilityMap)]
    pub fn projected_probability_map(&self, resolution: usize) -> Result<Vec<f32>, JsError> {
        self.check_plane(resolution)?;
        Ok(projected_probability_map(
            &self.trainer.model(),
            &self.split.test,
            resolution,
            self.extent,
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
    /// b1, y1, ...]`, for the train (`test` false) or the test set; empty
    /// when the data is not a plane.
    pub fn points(&self, test: bool) -> Vec<f32> {
        let samples = if test {
            &self.split.test
        } else {
            &self.split.train
        };
        if !self.plane {
            return Vec::new();
        }
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
        if !self.plane {
            return Err(JsError::new(
                "the map over the plane needs one scalar per modality and two classes: \
                 choose the univariate data, or one column per modality and a binary target",
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

/// The columns of a CSV `text` as the fusion lab reads it (a header row is
/// found by itself), with suggested roles:
/// `{columns, rows, suggested: {modalityA, modalityB, target}}`. Throws with
/// the line of a malformed row, or when the table is empty, too small or
/// too large for the page.
#[wasm_bindgen(js_name = tableColumns)]
pub fn table_columns(text: &str) -> Result<JsValue, JsError> {
    let csv = read_csv(text)?;
    to_js(&TableColumns {
        suggested: Roles::suggest(&csv.columns),
        rows: csv.rows.len(),
        columns: csv.columns,
    })
}

/// The text of the example table (`www/data/fusion-example.csv`).
#[wasm_bindgen(js_name = fusionExampleTable)]
pub fn fusion_example_table() -> String {
    EXAMPLE_TABLE.to_string()
}
