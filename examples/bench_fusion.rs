//! Training throughput of the fusion lab's networks, natively.
//!
//! `cargo run --release --example bench_fusion` prints one JSON object per
//! network: `{"fusion": "early", "samples_per_second": ...}`, the native
//! counterpart of `bench/fusion.mjs`.

use std::time::Instant;

use mmml::representation::datasets::{DatasetConfig, Interaction};
use mmml::representation::fusion::{FusionConfig, FusionKind};
use mmml::representation::train::{Trainer, TrainingConfig};

const STEPS: usize = 3000;
const REPEATS: usize = 5;

fn main() {
    let split = DatasetConfig::univariate(Interaction::Synergy, 1)
        .generate()
        .expect("the default data is valid");
    let training = TrainingConfig {
        max_steps: 100_000,
        evaluate_every: 100_000,
        ..TrainingConfig::default()
    };
    for kind in [FusionKind::Additive, FusionKind::Early] {
        let shape = FusionConfig {
            kind,
            dims: [1, 1],
            width: 16,
            rank: 4,
            classes: 2,
        };
        let mut rates: Vec<f64> = (0..REPEATS)
            .map(|_| {
                let mut trainer = Trainer::new(shape, training, &split.train, &split.test)
                    .expect("the default network is valid");
                trainer.train(50);
                let start = Instant::now();
                trainer.train(STEPS);
                (STEPS * training.batch_size) as f64 / start.elapsed().as_secs_f64()
            })
            .collect();
        rates.sort_by(f64::total_cmp);
        println!(
            r#"{{"fusion": "{kind}", "samples_per_second": {:.0}}}"#,
            rates[REPEATS / 2]
        );
    }
}
