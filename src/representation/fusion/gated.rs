//! Gated fusion: each modality's contribution is scaled by a gate computed
//! from both, a simple form of attention.

use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;
use burn::tensor::activation::sigmoid;

use super::Encoder;

/// The gates look at both modalities and decide, feature by feature, how
/// much of each to let through:
///
/// ```text
/// g_A = sigmoid(U_A [e_A; e_B]),   g_B = sigmoid(U_B [e_A; e_B])
/// z = W (g_A * e_A + g_B * e_B) + b
/// ```
///
/// Because a gate depends on the other modality, the product g_A * e_A is a
/// cross-modal interaction.
///
/// # Shapes
/// - `x_a`: `[batch, dim_a]`, `x_b`: `[batch, dim_b]`
/// - output: `[batch, classes]`
#[derive(Module, Debug)]
pub struct GatedFusion {
    pub encoder_a: Encoder,
    pub encoder_b: Encoder,
    pub gate_a: Linear,
    pub gate_b: Linear,
    pub head: Linear,
}

impl GatedFusion {
    pub fn new(dims: [usize; 2], width: usize, classes: usize, device: &Device) -> Self {
        GatedFusion {
            encoder_a: Encoder::new(dims[0], width, device),
            encoder_b: Encoder::new(dims[1], width, device),
            gate_a: LinearConfig::new(2 * width, width).init(device),
            gate_b: LinearConfig::new(2 * width, width).init(device),
            head: LinearConfig::new(width, classes).init(device),
        }
    }

    pub fn forward(&self, x_a: Tensor<2>, x_b: Tensor<2>) -> Tensor<2> {
        let e_a = self.encoder_a.forward(x_a);
        let e_b = self.encoder_b.forward(x_b);
        let both = Tensor::cat(vec![e_a.clone(), e_b.clone()], 1);
        let g_a = sigmoid(self.gate_a.forward(both.clone()));
        let g_b = sigmoid(self.gate_b.forward(both));
        self.head.forward(g_a * e_a + g_b * e_b)
    }
}
