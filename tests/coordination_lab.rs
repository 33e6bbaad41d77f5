//! The coordination lab's contrastive training, end to end on its default
//! data: what a student sees after pressing play with the standard seed
//! (1,000 pairs from 3 shared factors and 1 private factor per modality, a
//! third held out).

use mmml::representation::coordination::cca::Cca;
use mmml::representation::coordination::contrastive::Objective;
use mmml::representation::coordination::paired::{PairedConfig, PairedSplit};
use mmml::representation::coordination::train::{
    ContrastiveConfig, ContrastiveTrainer, EVALUATION_PAIRS,
};
use ndarray::Array2;

fn split() -> PairedSplit {
    PairedConfig::default().generate().unwrap()
}

fn trained(split: &PairedSplit, objective: Objective, steps: usize) -> ContrastiveTrainer {
    let config = ContrastiveConfig {
        objective,
        max_steps: steps.max(1),
        ..ContrastiveConfig::default()
    };
    let mut trainer = ContrastiveTrainer::new(config, &split.train, &split.test).unwrap();
    trainer.train(steps);
    trainer
}

/// Recall@1 is measured on the first 200 of the 333 held-out pairs, so
/// chance is 1/200: an encoder that learned nothing finds the true partner
/// about once (the binomial spread at that rate is about one pair). Ten
/// times chance is 10 pairs found out of 200, which no untrained pair of
/// encoders reaches.
#[test]
fn every_objective_retrieves_held_out_partners_far_above_chance() {
    let split = split();
    let chance = 1.0 / split.test.len().min(EVALUATION_PAIRS) as f32;
    for objective in [
        Objective::Clip { temperature: 0.1 },
        Objective::InfoNce { temperature: 0.1 },
        Objective::MaxMargin { margin: 0.2 },
    ] {
        let trainer = trained(&split, objective, 2000);
        let (first, last) = (trainer.history()[0], trainer.latest());
        assert!(
            last.recall_a_to_b > 10.0 * chance,
            "{objective:?}: {last:?}"
        );
        assert!(
            last.recall_b_to_a > 10.0 * chance,
            "{objective:?}: {last:?}"
        );
        assert!(
            last.recall_a_to_b > first.recall_a_to_b,
            "{objective:?}: {first:?} then {last:?}"
        );
        assert!(
            last.alignment < first.alignment / 2.0,
            "{objective:?}: {first:?} then {last:?}"
        );
    }
}

/// The mean canonical correlation between a space and the planted shared
/// factors z of the held-out pairs: 1 if z is a linear function of the space.
fn recovery(space: &Array2<f32>, z: &Array2<f32>) -> f64 {
    let cca = Cca::fit(space.mapv(f64::from).view(), z.mapv(f64::from).view(), 1e-6).unwrap();
    cca.correlations.iter().sum::<f64>() / cca.correlations.len() as f64
}

/// The untrained encoders are random functions of their own modality, so
/// they already carry some of z; training with CLIP must carry clearly more
/// of it (at least 0.15 more mean correlation, out of a possible 1) and most
/// of it (above 0.6), while what the modalities do not share cannot be
/// recovered from either side alone.
#[test]
fn the_learned_subspace_correlates_with_the_planted_shared_factors() {
    let split = split();
    let before = trained(&split, Objective::Clip { temperature: 0.1 }, 0);
    let after = trained(&split, Objective::Clip { temperature: 0.1 }, 2000);

    let (untrained, _) = before.embed(&split.test);
    let (learned, _) = after.embed(&split.test);
    let (r_before, r_after) = (
        recovery(&untrained, &split.test.shared),
        recovery(&learned, &split.test.shared),
    );
    assert!(r_after > 0.6, "recovered {r_after}");
    assert!(
        r_after > r_before + 0.15,
        "before {r_before}, after {r_after}"
    );
}

#[test]
fn the_temperature_changes_the_loss_of_the_same_untrained_encoders() {
    let split = split();
    let loss =
        |temperature| trained(&split, Objective::Clip { temperature }, 0).history()[0].test_loss;
    // Untrained similarities are small and spread both ways: dividing them
    // by a smaller temperature spreads the softmax and raises the loss
    // above ln N, while a large temperature flattens it towards ln N.
    // The loss is over the pairs recall is measured on, N of them.
    let ln_n = (split.test.len().min(EVALUATION_PAIRS) as f32).ln();
    let (cold, warm) = (loss(0.05), loss(5.0));
    assert!(cold > warm, "tau 0.05: {cold}, tau 5: {warm}");
    assert!(
        (warm - ln_n).abs() < 0.1,
        "tau 5: {warm} against ln N = {ln_n}"
    );
}
