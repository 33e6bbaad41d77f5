//! Reference values shared by the native and the WebAssembly test suites.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

use std::collections::BTreeMap;

use serde::Deserialize;

/// How close our PID terms must come to the references, in bits.
pub const TOLERANCE_BITS: f64 = 1e-6;

#[derive(Deserialize)]
pub struct ReferenceFile {
    pub pid: Vec<PidCase>,
}

#[derive(Deserialize)]
pub struct PidCase {
    pub name: String,
    pub p: Vec<Vec<Vec<f64>>>,
    /// Measure name (broja, imin, mmi) to its atoms.
    pub pid: BTreeMap<String, ReferenceAtoms>,
    #[serde(rename = "I_X1_Y")]
    pub x1_y: f64,
    #[serde(rename = "I_X2_Y")]
    pub x2_y: f64,
    #[serde(rename = "I_X1X2_Y")]
    pub joint: f64,
}

#[derive(Deserialize)]
#[allow(non_snake_case)]
pub struct ReferenceAtoms {
    pub R: f64,
    pub U1: f64,
    pub U2: f64,
    pub S: f64,
}

pub fn pid_cases() -> Vec<PidCase> {
    let text = include_str!("../fixtures/pid_reference.json");
    let file: ReferenceFile = serde_json::from_str(text).expect("the reference file is valid JSON");
    file.pid
}

/// Asserts `ours` is within [`TOLERANCE_BITS`] of `reference`, naming the term.
pub fn assert_close(what: &str, ours: f64, reference: f64) {
    assert!(
        (ours - reference).abs() <= TOLERANCE_BITS,
        "{what}: ours {ours:.9}, reference {reference:.9}"
    );
}

/// The `(n, seed)` of a case named `lcg_n{n}_seed{seed}`.
pub fn lcg_parameters(name: &str) -> Option<(usize, u64)> {
    let rest = name.strip_prefix("lcg_n")?;
    let (n, seed) = rest.split_once("_seed")?;
    Some((n.parse().ok()?, seed.parse().ok()?))
}
