//! The fusion lab's claims, trained natively with the standard seeds: which
//! fusion can represent which interaction, EMAP on trained models, and
//! reproducibility.

use mmml::representation::datasets::{DatasetConfig, Interaction, Split};
use mmml::representation::fusion::{FusionConfig, FusionKind};
use mmml::representation::probe::emap_accuracy;
use mmml::representation::train::{Trainer, TrainingConfig};

const SEED: u64 = 1;

fn univariate(interaction: Interaction) -> Split {
    DatasetConfig::univariate(interaction, SEED)
        .generate()
        .unwrap()
}

fn shape(kind: FusionKind) -> FusionConfig {
    FusionConfig {
        kind,
        dims: [1, 1],
        width: 16,
        rank: 4,
        classes: 2,
    }
}

fn trained(kind: FusionKind, split: &Split) -> Trainer {
    let config = TrainingConfig {
        max_steps: 2000,
        seed: SEED,
        ..TrainingConfig::default()
    };
    let mut trainer = Trainer::new(shape(kind), config, &split.train, &split.test).unwrap();
    while trainer.step() {}
    trainer
}

#[test]
fn additive_fusion_cannot_fit_xor() {
    let split = univariate(Interaction::Synergy);
    let accuracy = trained(FusionKind::Additive, &split).latest().test_accuracy;
    // A sum g_A(x_A) + g_B(x_B) can get at most one quadrant pair of XOR
    // right beyond chance; 60 % leaves room for sampling luck.
    assert!(accuracy < 0.60, "additive fusion reached {accuracy} on XOR");
}

#[test]
fn multiplicative_tensor_and_early_fusion_fit_xor() {
    let split = univariate(Interaction::Synergy);
    for kind in [
        FusionKind::Multiplicative,
        FusionKind::Tensor,
        FusionKind::Early,
    ] {
        let accuracy = trained(kind, &split).latest().test_accuracy;
        assert!(
            accuracy > 0.95,
            "{kind} fusion reached only {accuracy} on XOR"
        );
    }
}

#[test]
fn every_fusion_fits_additive_data() {
    let split = univariate(Interaction::Additive);
    for kind in FusionKind::ALL {
        let accuracy = trained(kind, &split).latest().test_accuracy;
        assert!(
            accuracy > 0.95,
            "{kind} fusion reached only {accuracy} on additive data"
        );
    }
}

#[test]
fn emap_of_an_additive_model_is_the_model_itself() {
    let split = univariate(Interaction::Additive);
    let trainer = trained(FusionKind::Additive, &split);
    let report = emap_accuracy(&trainer.model(), &split.test, 200);
    assert_eq!(report.accuracy, report.projected_accuracy);

    // On every pair, not just the accuracy: f~ = f to float precision.
    let model = trainer.model();
    let test = &split.test;
    let n = 50;
    let mut pairs = ndarray::Array3::zeros((n, n, 2));
    for i in 0..n {
        let a = ndarray::Array2::from_elem((n, 1), test.a[[i, 0]]);
        let b = test.b.slice(ndarray::s![..n, ..]).to_owned();
        let z = mmml::representation::train::logits(&model, &a, &b);
        pairs.slice_mut(ndarray::s![i, .., ..]).assign(&z);
    }
    let projected = mmml::representation::emap::project(pairs.view());
    let largest = pairs
        .iter()
        .zip(projected.iter())
        .map(|(f, f_tilde)| (f - f_tilde).abs())
        .fold(0.0_f32, f32::max);
    assert!(largest < 1e-5, "EMAP moved an additive model by {largest}");
}

#[test]
fn emap_takes_everything_from_a_model_of_xor() {
    let split = univariate(Interaction::Synergy);
    let report = emap_accuracy(
        &trained(FusionKind::Multiplicative, &split).model(),
        &split.test,
        200,
    );
    assert!(report.accuracy > 0.95, "{report:?}");
    // Additive functions cannot beat chance on XOR by much.
    assert!(report.projected_accuracy < 0.65, "{report:?}");
}

#[test]
fn the_same_seed_gives_the_same_curves() {
    let split = univariate(Interaction::Synergy);
    let run = || {
        let config = TrainingConfig {
            max_steps: 300,
            seed: SEED,
            ..TrainingConfig::default()
        };
        let mut trainer =
            Trainer::new(shape(FusionKind::Gated), config, &split.train, &split.test).unwrap();
        while trainer.step() {}
        trainer.history().to_vec()
    };
    assert_eq!(run(), run());
}

#[test]
fn a_huge_learning_rate_stops_training_without_nan() {
    use mmml::representation::train::{Optimiser, StopReason};
    let split = univariate(Interaction::Synergy);
    let config = TrainingConfig {
        optimiser: Optimiser::Adam,
        learning_rate: 10.0,
        seed: SEED,
        ..TrainingConfig::default()
    };
    let wide = FusionConfig {
        width: 64,
        ..shape(FusionKind::Tensor)
    };
    let mut trainer = Trainer::new(wide, config, &split.train, &split.test).unwrap();
    while trainer.step() {}
    assert_eq!(trainer.stopped(), Some(StopReason::Diverged));
    assert!(
        trainer
            .history()
            .iter()
            .all(|point| point.train_loss.is_finite())
    );
}
