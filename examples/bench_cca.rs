//! Times linear CCA on the digits halves (1,797 samples, 32 pixels of the
//! left half by 32 of the right), natively, and kernel CCA on the first 200
//! and 300 of those samples.
//!
//! ```text
//! cargo run --release --example bench_cca [-- --write-data PATH]
//! ```
//!
//! Prints one JSON object per workload: `{"workload": "cca_digits",
//! "median_ms": ..., "correlations": [...]}`, then `kernel_cca_200` and
//! `kernel_cca_300`. With `--write-data` it first writes the halves to PATH as
//! JSON (`{"rows", "a", "b"}`, flat row-major), so that the WebAssembly build
//! and the Python peers of `bench/cca.mjs` time the very same numbers.
//!
//! The ridge is 1e-3 (relative to the mean variance), because several pixels
//! at the border of the images are 0 in every sample: with ridge 0 their
//! covariance is singular and classical CCA is undefined.

use std::time::Instant;

use mmml::data::digits;
use mmml::representation::coordination::cca::Cca;
use mmml::representation::coordination::kernel_cca::KernelCca;
use ndarray::{Array2, s};

const RIDGE: f64 = 1e-3;
const REPEATS: usize = 50;
const KERNEL_SIZES: [usize; 2] = [200, 300];
const KERNEL_REPEATS: usize = 5;
const KERNEL_BANDWIDTH: f64 = 2.0;
const KERNEL_REGULARISATION: f64 = 1e-3;
const KERNEL_COMPONENTS: usize = 2;

fn main() {
    let (left, right) = digits::load().halves();
    let a: Array2<f64> = left.mapv(f64::from);
    let b: Array2<f64> = right.mapv(f64::from);

    let arguments: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, path] = arguments.as_slice()
        && flag == "--write-data"
    {
        let json = serde_json::json!({
            "rows": a.nrows(),
            "a": a.iter().collect::<Vec<_>>(),
            "b": b.iter().collect::<Vec<_>>(),
        });
        std::fs::write(path, json.to_string()).expect("the data file can be written");
    }

    let (median_ms, cca) = median_time(REPEATS, || {
        Cca::fit(a.view(), b.view(), RIDGE).expect("the digits halves fit with a ridge")
    });
    println!(
        "{}",
        serde_json::json!({
            "workload": "cca_digits",
            "median_ms": median_ms,
            "ridge": RIDGE,
            "correlations": cca.correlations,
        })
    );

    for n in KERNEL_SIZES {
        let (a, b) = (a.slice(s![..n, ..]), b.slice(s![..n, ..]));
        let (median_ms, fitted) = median_time(KERNEL_REPEATS, || {
            KernelCca::fit(
                a,
                b,
                KERNEL_BANDWIDTH,
                KERNEL_BANDWIDTH,
                KERNEL_REGULARISATION,
                KERNEL_COMPONENTS,
            )
            .expect("kernel CCA fits the digits halves")
        });
        println!(
            "{}",
            serde_json::json!({
                "workload": format!("kernel_cca_{n}"),
                "median_ms": median_ms,
                "correlations": fitted.correlations,
            })
        );
    }
}

/// The median time of `repeats` runs of `work` in milliseconds, and its last answer.
fn median_time<T>(repeats: usize, mut work: impl FnMut() -> T) -> (f64, T) {
    let mut answer = work(); // Warm the caches up.
    let mut times = Vec::with_capacity(repeats);
    for _ in 0..repeats {
        let start = Instant::now();
        answer = work();
        times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    (times[repeats / 2], answer)
}
