//! The coordination lab's JavaScript interface: one `CoordinationLab` holds
//! the paired data and two contrastive encoders in training, and answers the
//! page's questions about three coordinated spaces of the same held-out
//! pairs: the raw features, CCA's canonical variates, and the learned
//! embeddings.

use ndarray::{Array2, ArrayView2, Axis, concatenate, s};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::{from_js, to_js};
use crate::Error;
use crate::data::csv_table::CsvTable;
use crate::representation::coordination::cca::Cca;
use crate::representation::coordination::fission::{Fission, fission};
use crate::representation::coordination::kernel_cca::KernelCca;
use crate::representation::coordination::paired::{
    PairedConfig, PairedSource, PairedSplit, standardise,
};
use crate::representation::coordination::similarity::{Kernel, similarity_matrix};
use crate::representation::coordination::train::{
    ContrastiveConfig, ContrastiveTrainer, Evaluation,
};
use crate::representation::train::StopReason;

/// Kernel CCA is cubic in the number of pairs: it looks at this many.
const KERNEL_CCA_PAIRS: usize = 200;
/// The similarity heatmap shows at most this many held-out pairs.
const MAX_HEATMAP_PAIRS: usize = 100;

/// Everything the page's controls set, as the page sends it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Settings {
    data: PairedConfig,
    contrastive: ContrastiveConfig,
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
    test_pairs: usize,
}

/// One coordinated space: its first two coordinates per held-out pair,
/// what share of each modality it explains, and how well it recovers the
/// planted shared factors.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Space {
    /// Canonical correlations (CCA only), largest first.
    correlations: Vec<f64>,
    /// `[a_1, a_2, b_1, b_2]` per held-out pair.
    points: Vec<f32>,
    fission_a: Fission,
    fission_b: Fission,
    /// Canonical correlations between the space (modality A's side) and the
    /// planted shared factors, for the latent source; empty for digits.
    recovered: Vec<f64>,
}

/// The data, the contrastive encoders and their training, for one setup.
#[wasm_bindgen]
pub struct CoordinationLab {
    split: PairedSplit,
    trainer: ContrastiveTrainer,
    max_steps: usize,
    latent: bool,
    /// A student's table: CCA is then fitted on every pair, as textbooks do.
    table: bool,
}

#[wasm_bindgen]
impl CoordinationLab {
    /// A fresh lab for `settings`: `{data: {source, pairs, noise,
    /// testFraction, seed}, contrastive: {objective, width, embedding,
    /// batchSize, learningRate, maxSteps, evaluateEvery, seed}}`. Throws with
    /// a message naming any value out of range.
    #[wasm_bindgen(constructor)]
    pub fn new(settings: JsValue) -> Result<CoordinationLab, JsError> {
        let settings: Settings = from_js(settings, "the coordination lab's settings")?;
        let split = settings.data.generate()?;
        let latent = matches!(settings.data.source, PairedSource::Latent { .. });
        Ok(CoordinationLab::build(split, &settings, latent, false)?)
    }

    /// A lab on a student's CSV of pairs (header row optional): the columns
    /// numbered `columns_a` (from 0) are modality A, `columns_b` modality B.
    /// `settings` as for the constructor; of its data only the seed is used,
    /// to choose the held-out third. Throws with a message naming the line
    /// and column of a field that is not a number, or what else is wrong.
    #[wasm_bindgen(js_name = withTable)]
    pub fn with_table(
        settings: JsValue,
        text: &str,
        columns_a: Vec<usize>,
        columns_b: Vec<usize>,
    ) -> Result<CoordinationLab, JsError> {
        let settings: Settings = from_js(settings, "the coordination lab's settings")?;
        let table = CsvTable::parse_numeric(text)?;
        let split = PairedSplit::from_table(&table, &columns_a, &columns_b, settings.data.seed)?;
        Ok(CoordinationLab::build(split, &settings, false, true)?)
    }

    /// The column names of a CSV, as the page offers them for assignment.
    #[wasm_bindgen(js_name = tableColumns)]
    pub fn table_columns(text: &str) -> Result<Vec<String>, JsError> {
        Ok(CsvTable::parse_numeric(text)?.columns)
    }

    /// Takes up to `steps` optimiser steps; returns how many were taken.
    pub fn train(&mut self, steps: usize) -> usize {
        self.trainer.train(steps)
    }

    /// `{steps, stopped, latest: {step, trainLoss, testLoss, recallAToB,
    /// recallBToA, alignment, uniformity}, parameterCount, maxSteps,
    /// testPairs}`; `testPairs` is how many held-out pairs recall@1 is
    /// measured on.
    pub fn status(&self) -> Result<JsValue, JsError> {
        to_js(&Status {
            steps: self.trainer.steps(),
            stopped: self.trainer.stopped(),
            latest: self.trainer.latest(),
            parameter_count: self.trainer.parameter_count(),
            max_steps: self.max_steps,
            test_pairs: self.trainer.evaluated_pairs(),
        })
    }

    /// Every evaluation so far.
    pub fn history(&self) -> Result<JsValue, JsError> {
        to_js(&self.trainer.history())
    }

    /// The class of each held-out pair, for colouring.
    pub fn labels(&self) -> Vec<u8> {
        self.split.test.labels.clone()
    }

    #[wasm_bindgen(getter)]
    pub fn classes(&self) -> usize {
        self.split.test.classes
    }

    /// The learned embeddings of the held-out pairs (unit length, first two
    /// coordinates shown), with fission and recovery of the shared factors.
    pub fn learned(&self) -> Result<JsValue, JsError> {
        let (z_a, z_b) = self.embeddings();
        to_js(&self.space(Vec::new(), z_a.view(), z_b.view())?)
    }

    /// CCA fitted on the training pairs (every pair of a student's table)
    /// with `ridge`, seen on the held-out pairs: the first `components` canonical variates count as the shared
    /// subspace for fission.
    pub fn cca(&self, ridge: f64, components: usize) -> Result<JsValue, JsError> {
        let cca = self.fit_cca(ridge)?;
        let components = components.clamp(1, cca.correlations.len());
        let u_a = cca.variates_a(widen(&self.split.test.a).view());
        let u_b = cca.variates_b(widen(&self.split.test.b).view());
        to_js(&self.space(
            cca.correlations.clone(),
            u_a.slice(s![.., ..components]),
            u_b.slice(s![.., ..components]),
        )?)
    }

    /// Canonical correlations of kernel CCA with RBF kernels and
    /// regularisation `kappa`, next to linear CCA's on the same training
    /// pairs: `{kernel, linear, pairs}`. Features are standardised, and each
    /// modality's bandwidth is `bandwidth` times the square root of its
    /// number of features, the typical distance between two standardised
    /// points, so one setting suits a modality of any size.
    #[wasm_bindgen(js_name = kernelCca)]
    pub fn kernel_cca(&self, bandwidth: f64, kappa: f64) -> Result<JsValue, JsError> {
        let pairs = self.split.train.len().min(KERNEL_CCA_PAIRS);
        // Constant columns, set to 0, change no kernel: nothing to report.
        let mut a = widen(&self.split.train.a).slice_move(s![..pairs, ..]);
        let mut b = widen(&self.split.train.b).slice_move(s![..pairs, ..]);
        standardise(&mut a);
        standardise(&mut b);
        let typical = |x: &Array2<f64>| bandwidth * (x.ncols() as f64).sqrt();
        let kernel = KernelCca::fit(a.view(), b.view(), typical(&a), typical(&b), kappa, 5)?;
        let linear = Cca::fit(a.view(), b.view(), 1e-3)?;

        #[derive(Serialize)]
        struct Comparison {
            kernel: Vec<f64>,
            linear: Vec<f64>,
            pairs: usize,
        }
        to_js(&Comparison {
            kernel: kernel.correlations,
            linear: linear.correlations,
            pairs,
        })
    }

    /// The `count` x `count` similarity matrix between the held-out pairs'
    /// modality A (rows) and modality B (columns) in `space` ("raw", "cca"
    /// or "learned"), with `kernel` (`{kind, ...}`); pairs are ordered by
    /// class so that classes show as blocks. In the CCA space only the first
    /// `components` variates count, the shared subspace of the CCA panel:
    /// the later ones are what the modalities do not share. Row-major.
    pub fn similarity(
        &self,
        space: &str,
        kernel: JsValue,
        ridge: f64,
        components: usize,
        count: usize,
    ) -> Result<Vec<f64>, JsError> {
        let kernel: Kernel = from_js(kernel, "a kernel such as {kind: \"cosine\"}")?;
        kernel.validate()?;
        let count = count.clamp(2, MAX_HEATMAP_PAIRS).min(self.split.test.len());
        let mut chosen: Vec<usize> = (0..count).collect();
        chosen.sort_by_key(|&i| self.split.test.labels[i]);

        let (a, b) = match space {
            "raw" => (widen(&self.split.test.a), widen(&self.split.test.b)),
            "cca" => {
                let cca = self.fit_cca(ridge)?;
                let shared = s![.., ..components.clamp(1, cca.correlations.len())];
                (
                    cca.variates_a(widen(&self.split.test.a).view())
                        .slice(shared)
                        .to_owned(),
                    cca.variates_b(widen(&self.split.test.b).view())
                        .slice(shared)
                        .to_owned(),
                )
            }
            "learned" => {
                let (z_a, z_b) = self.embeddings();
                (z_a, z_b)
            }
            other => {
                return Err(JsError::new(&format!(
                    "space {other:?}: choose \"raw\", \"cca\" or \"learned\""
                )));
            }
        };
        let matrix = similarity_matrix(
            a.select(Axis(0), &chosen).view(),
            b.select(Axis(0), &chosen).view(),
            kernel,
        )?;
        Ok(matrix.into_iter().collect())
    }
}

impl CoordinationLab {
    fn build(
        split: PairedSplit,
        settings: &Settings,
        latent: bool,
        table: bool,
    ) -> Result<Self, Error> {
        let trainer = ContrastiveTrainer::new(settings.contrastive, &split.train, &split.test)?;
        Ok(CoordinationLab {
            latent,
            table,
            max_steps: settings.contrastive.max_steps,
            split,
            trainer,
        })
    }

    fn fit_cca(&self, ridge: f64) -> Result<Cca, Error> {
        let (train, test) = (&self.split.train, &self.split.test);
        if self.table {
            let a = concatenate![Axis(0), train.a, test.a];
            let b = concatenate![Axis(0), train.b, test.b];
            return Cca::fit(widen(&a).view(), widen(&b).view(), ridge);
        }
        Cca::fit(widen(&train.a).view(), widen(&train.b).view(), ridge)
    }

    fn embeddings(&self) -> (Array2<f64>, Array2<f64>) {
        let (z_a, z_b) = self.trainer.embed(&self.split.test);
        (widen(&z_a), widen(&z_b))
    }

    fn space(
        &self,
        correlations: Vec<f64>,
        u_a: ArrayView2<f64>,
        u_b: ArrayView2<f64>,
    ) -> Result<Space, Error> {
        let test = &self.split.test;
        let first_two =
            |u: &ArrayView2<f64>, i: usize, k: usize| u.get((i, k)).copied().unwrap_or(0.0) as f32;
        let points = (0..test.len())
            .flat_map(|i| {
                [
                    first_two(&u_a, i, 0),
                    first_two(&u_a, i, 1),
                    first_two(&u_b, i, 0),
                    first_two(&u_b, i, 1),
                ]
            })
            .collect();

        let recovered = if self.latent {
            // A small ridge: a collapsed embedding is singular, and that is
            // a finding to show (low correlations), not an error.
            Cca::fit(u_a, widen(&test.shared).view(), 1e-6)?.correlations
        } else {
            Vec::new()
        };
        Ok(Space {
            correlations,
            points,
            fission_a: fission(widen(&test.a).view(), u_a)?,
            fission_b: fission(widen(&test.b).view(), u_b)?,
            recovered,
        })
    }
}

fn widen(values: &Array2<f32>) -> Array2<f64> {
    values.mapv(f64::from)
}
