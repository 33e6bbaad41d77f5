//! Times the BROJA solve on seeded random tables of growing size, natively.
//!
//! `cargo run --release --example bench_pid` prints one JSON object per size:
//! `{"n": 8, "median_ms": ..., "iterations": ...}`. `scripts/bench-pid.sh`
//! runs it beside the WebAssembly build and prints the table.

use std::time::Instant;

use mmml::quantification::presets::random_weights;
use mmml::quantification::{JointTable, Measure, decompose};

const SIZES: [usize; 4] = [2, 4, 8, 12];
const SEED: u64 = 7;

fn main() {
    for n in SIZES {
        let table = JointTable::normalised_with_limit(random_weights((n, n, n), SEED), n)
            .expect("random tables are valid");
        let repeats = if n <= 4 { 50 } else { 10 };

        let mut times = Vec::with_capacity(repeats);
        let mut iterations = 0;
        for _ in 0..repeats {
            let start = Instant::now();
            let decomposition = decompose(&table, Measure::Broja).expect("BROJA converges");
            times.push(start.elapsed().as_secs_f64() * 1e3);
            iterations = decomposition.iterations.unwrap_or(0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            r#"{{"n": {n}, "median_ms": {:.3}, "iterations": {iterations}}}"#,
            times[repeats / 2]
        );
    }
}
