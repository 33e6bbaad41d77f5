//! Contrastive objectives: they pull each pair's two embeddings together and
//! push the other pairings of a batch apart, so that what the encoders learn
//! is what the two modalities share.
//!
//! All three start from the cosine similarities of a batch of N pairs,
//! s_ij = cos(z_A,i, z_B,j), whose diagonal holds the true pairs:
//!
//! ```text
//! max-margin   L = 1/(N(N-1)) sum_i sum_{j != i} [ max(0, alpha + s_ij - s_ii)
//!                                                 + max(0, alpha + s_ji - s_ii) ]
//! InfoNCE      L_A->B = -1/N sum_i log softmax_j(s_ij / tau) at j = i
//! CLIP         L = (L_A->B + L_B->A) / 2
//! ```
//!
//! The max-margin loss is the two-term ranking loss of visual-semantic
//! embeddings (Frome et al., "DeViSE", NeurIPS 2013; Kiros et al., 2014),
//! averaged over the negatives so its scale does not grow with the batch.
//! InfoNCE is from van den Oord et al., "Representation Learning with
//! Contrastive Predictive Coding" (2018), and its symmetric form from Radford
//! et al., "Learning Transferable Visual Models From Natural Language
//! Supervision" (CLIP, 2021). With equal similarities InfoNCE is ln N: the
//! model cannot tell the true partner from N - 1 others.
//!
//! # Shapes
//! - embeddings `z_a`, `z_b`: `[N, embedding]`, row i of each from pair i
//! - similarities `s`: `[N, N]`
//! - every loss: `[1]`, in nats

use burn::prelude::*;
use burn::tensor::activation::log_softmax;
use serde::{Deserialize, Serialize};

use crate::Error;

/// The contrastive objective and its one knob.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Objective {
    /// The two-term max-margin loss with margin alpha.
    MaxMargin { margin: f64 },
    /// InfoNCE from modality A to modality B, with temperature tau.
    InfoNce { temperature: f64 },
    /// The symmetric CLIP loss, InfoNCE both ways, with temperature tau.
    Clip { temperature: f64 },
}

impl Objective {
    /// The largest margin and temperature the lab accepts.
    pub const MAX_MARGIN: f64 = 2.0;
    pub const MAX_TEMPERATURE: f64 = 10.0;

    /// Refuses a margin or temperature outside its range, saying why.
    pub fn validate(&self) -> Result<(), Error> {
        match *self {
            Objective::MaxMargin { margin } => {
                if !(0.0..=Self::MAX_MARGIN).contains(&margin) {
                    return Err(Error::Invalid(format!(
                        "margin {margin}: choose between 0 and {} (cosine similarities \
                         lie in [-1, 1])",
                        Self::MAX_MARGIN
                    )));
                }
            }
            Objective::InfoNce { temperature } | Objective::Clip { temperature } => {
                if !(temperature > 0.0 && temperature <= Self::MAX_TEMPERATURE) {
                    return Err(Error::Invalid(format!(
                        "temperature {temperature}: choose a number above 0 and at most {} \
                         (the logits are similarities divided by it, so 0 would make them infinite)",
                        Self::MAX_TEMPERATURE
                    )));
                }
            }
        }
        Ok(())
    }

    /// The loss of a batch of paired embeddings.
    pub fn loss(&self, z_a: Tensor<2>, z_b: Tensor<2>) -> Tensor<1> {
        let similarities = cosine_similarities(z_a, z_b);
        match *self {
            Objective::MaxMargin { margin } => max_margin(similarities, margin),
            Objective::InfoNce { temperature } => info_nce(similarities, temperature),
            Objective::Clip { temperature } => clip(similarities, temperature),
        }
    }
}

/// s_ij = <z_A,i, z_B,j> / (|z_A,i| |z_B,j|).
pub fn cosine_similarities(z_a: Tensor<2>, z_b: Tensor<2>) -> Tensor<2> {
    unit_rows(z_a).matmul(unit_rows(z_b).transpose())
}

/// Each row divided by its length; a zero row stays zero rather than NaN.
pub fn unit_rows(z: Tensor<2>) -> Tensor<2> {
    let length = z.clone().powi_scalar(2).sum_dim(1).sqrt().clamp_min(1e-12);
    z / length
}

/// The two-term max-margin loss of the module docs.
pub fn max_margin(similarities: Tensor<2>, margin: f64) -> Tensor<1> {
    let [n, _] = similarities.dims();
    if n < 2 {
        return Tensor::<1>::zeros([1], &similarities.device()).cast(similarities.dtype());
    }
    let eye = identity(&similarities);
    let negatives = eye.clone().neg() + 1.0;

    let positives = (similarities.clone() * eye).sum_dim(1);
    // Row i ranks the B side against a_i; column j ranks the A side against b_j.
    let against_b = (similarities.clone() - positives.clone() + margin).clamp_min(0.0);
    let against_a = (similarities - positives.transpose() + margin).clamp_min(0.0);

    ((against_b + against_a) * negatives).sum() / (n * (n - 1)) as f64
}

/// InfoNCE from the rows' modality to the columns': each row's true partner
/// is on the diagonal.
pub fn info_nce(similarities: Tensor<2>, temperature: f64) -> Tensor<1> {
    let [n, _] = similarities.dims();
    let eye = identity(&similarities);
    let log_probabilities = log_softmax(similarities / temperature, 1);
    (log_probabilities * eye).sum().neg() / n as f64
}

/// The identity matrix the size of `similarities`, in its precision, which
/// picks out the true pairs.
fn identity(similarities: &Tensor<2>) -> Tensor<2> {
    let [n, _] = similarities.dims();
    Tensor::<2>::eye(n, &similarities.device()).cast(similarities.dtype())
}

/// The symmetric CLIP loss: InfoNCE from A to B and from B to A, averaged.
pub fn clip(similarities: Tensor<2>, temperature: f64) -> Tensor<1> {
    let b_to_a = info_nce(similarities.clone().transpose(), temperature);
    (info_nce(similarities, temperature) + b_to_a) / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use burn::tensor::DType;

    /// The fixed four-pair example of the shared oracles (image rows as
    /// modality A, text rows as modality B), and its losses computed there
    /// with numpy from the definitions: rows L2-normalised, logits =
    /// similarity / tau.
    const IMAGE: [[f64; 3]; 4] = [
        [1.0, 0.0, 0.0],
        [0.0, 1.0, 0.0],
        [0.0, 0.0, 1.0],
        [1.0, 1.0, 0.0],
    ];
    const TEXT: [[f64; 3]; 4] = [
        [1.0, 0.2, 0.0],
        [0.1, 1.0, 0.0],
        [0.0, 0.3, 1.0],
        [1.0, 0.8, 0.1],
    ];
    /// (tau, image to text, text to image, symmetric).
    const LOSSES: [(f64, f64, f64, f64); 2] = [
        (
            1.0,
            0.9604031852941868,
            0.9662150239555096,
            0.9633091046248482,
        ),
        (
            0.07,
            0.04942722686841079,
            0.05171231934771342,
            0.050569773108062106,
        ),
    ];

    fn tensor64(rows: &[[f64; 3]], device: &Device) -> Tensor<2> {
        let values: Vec<f64> = rows.iter().flatten().copied().collect();
        Tensor::from_data(
            TensorData::new(values, [rows.len(), 3]),
            (device, DType::F64),
        )
    }

    fn scalar(loss: Tensor<1>) -> f64 {
        loss.cast(burn::tensor::FloatDType::F64)
            .into_data()
            .try_into_vec::<f64>()
            .unwrap()[0]
    }

    #[test]
    fn clip_loss_reproduces_the_reference_at_both_temperatures() {
        let device = Device::flex();
        let (a, b) = (tensor64(&IMAGE, &device), tensor64(&TEXT, &device));
        for (temperature, image_to_text, text_to_image, symmetric) in LOSSES {
            let s = cosine_similarities(a.clone(), b.clone());
            let forward = scalar(info_nce(s.clone(), temperature));
            let backward = scalar(info_nce(s.clone().transpose(), temperature));
            let both = scalar(clip(s, temperature));

            assert!(
                (forward - image_to_text).abs() < 1e-6,
                "tau {temperature}: {forward}"
            );
            assert!(
                (backward - text_to_image).abs() < 1e-6,
                "tau {temperature}: {backward}"
            );
            assert!((both - symmetric).abs() < 1e-6, "tau {temperature}: {both}");
        }
    }

    #[test]
    fn equal_similarities_give_ln_n() {
        let device = Device::flex();
        for n in [2, 5, 32] {
            let s = Tensor::<2>::from_data(
                TensorData::new(vec![0.3f64; n * n], [n, n]),
                (&device, DType::F64),
            );
            let expected = (n as f64).ln();
            assert!((scalar(info_nce(s.clone(), 0.5)) - expected).abs() < 1e-12);
            assert!((scalar(clip(s, 0.07)) - expected).abs() < 1e-12);
        }
    }

    /// With similarities [[1, 0.5], [0.2, 0.9]] and margin 0.5 the four
    /// hinge terms are: a_0 vs b_1: 0.5 + 0.5 - 1 = 0; a_1 vs b_0:
    /// 0.5 + 0.2 - 0.9 = -0.2, so 0; b_0 vs a_1: 0.5 + 0.2 - 1 = -0.3, so 0;
    /// b_1 vs a_0: 0.5 + 0.5 - 0.9 = 0.1. Their sum over N(N-1) = 2 is 0.05.
    #[test]
    fn max_margin_counts_only_violated_margins() {
        let device = Device::flex();
        let s = Tensor::<2>::from_data(
            TensorData::new(vec![1.0, 0.5, 0.2, 0.9], [2, 2]),
            (&device, DType::F64),
        );
        assert!((scalar(max_margin(s.clone(), 0.5)) - 0.05).abs() < 1e-9);
        assert_eq!(scalar(max_margin(s, 0.0)), 0.0);
    }

    /// The gradient of the CLIP loss with respect to the embeddings matches
    /// central finite differences of the loss itself.
    #[test]
    fn clip_gradients_match_finite_differences() {
        let device = Device::flex().autodiff();
        let plain = Device::flex();
        let temperature = 0.3;
        let loss_at = |image: &[[f64; 3]]| {
            scalar(clip(
                cosine_similarities(tensor64(image, &plain), tensor64(&TEXT, &plain)),
                temperature,
            ))
        };

        let a = tensor64(&IMAGE, &device).require_grad();
        let loss = clip(
            cosine_similarities(a.clone(), tensor64(&TEXT, &device)),
            temperature,
        );
        let gradients = loss.backward();
        let gradient: Vec<f64> = a
            .grad(&gradients)
            .unwrap()
            .cast(burn::tensor::FloatDType::F64)
            .into_data()
            .try_into_vec()
            .unwrap();

        let step = 1e-6;
        for row in 0..4 {
            for column in 0..3 {
                let mut up = IMAGE;
                let mut down = IMAGE;
                up[row][column] += step;
                down[row][column] -= step;
                let numeric = (loss_at(&up) - loss_at(&down)) / (2.0 * step);
                let analytic = gradient[3 * row + column];
                assert!(
                    (numeric - analytic).abs() < 1e-6,
                    "d loss / d a[{row}][{column}]: finite differences {numeric}, autodiff {analytic}"
                );
            }
        }
    }

    #[test]
    fn a_temperature_of_zero_is_refused_with_the_reason() {
        let error = Objective::Clip { temperature: 0.0 }.validate().unwrap_err();
        assert!(error.to_string().contains("above 0"), "{error}");
        assert!(
            Objective::InfoNce {
                temperature: f64::NAN
            }
            .validate()
            .is_err()
        );
        assert!(Objective::MaxMargin { margin: -0.1 }.validate().is_err());
        assert!(Objective::Clip { temperature: 0.07 }.validate().is_ok());
    }
}
