//! Properties of the fusion models that hold for any weights.

use burn::module::Param;
use burn::nn::Linear;
use burn::prelude::*;
use mmml::representation::fusion::{LowRankFusion, TensorFusion};
use proptest::prelude::*;

fn inputs(values: &[f32], batch: usize, dimension: usize, device: &Device) -> Tensor<2> {
    Tensor::from_data(TensorData::new(values.to_vec(), [batch, dimension]), device)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Low-rank fusion is tensor fusion with a factorised weight: with the
    /// weight its factors reconstruct, tensor fusion gives the same logits,
    /// here at full rank (width + 1), where any tensor weight can be written.
    #[test]
    fn full_rank_low_rank_fusion_equals_tensor_fusion_with_the_reconstructed_weight(
        width in 1usize..6,
        classes in 2usize..4,
        seed in any::<u64>(),
        a in prop::collection::vec(-2.0f32..2.0, 3 * 8),
        b in prop::collection::vec(-2.0f32..2.0, 3 * 8),
    ) {
        let device = Device::flex();
        device.seed(seed);
        let dims = [3, 3];
        let low_rank = LowRankFusion::new(dims, width, width + 1, classes, &device);
        let tensor = TensorFusion {
            encoder_a: low_rank.encoder_a.clone(),
            encoder_b: low_rank.encoder_b.clone(),
            weight: Linear {
                weight: Param::from_tensor(low_rank.reconstructed_weight()),
                bias: None,
            },
        };

        let x_a = inputs(&a, 8, 3, &device);
        let x_b = inputs(&b, 8, 3, &device);
        let ours: Vec<f32> = low_rank.forward(x_a.clone(), x_b.clone()).into_data().try_into_vec().unwrap();
        let theirs: Vec<f32> = tensor.forward(x_a, x_b).into_data().try_into_vec().unwrap();
        for (low, full) in ours.iter().zip(&theirs) {
            // Sums of a few dozen f32 products of magnitude up to ~10.
            prop_assert!((low - full).abs() <= 1e-4 * (1.0 + full.abs()), "{low} vs {full}");
        }
    }
}
