//! The PID references again, compiled to WebAssembly and run by
//! wasm-bindgen-test in Node and in headless Chromium, so that the numbers a
//! student sees in the browser are the ones the native tests prove.

#![cfg(target_arch = "wasm32")]

mod common;

use common::{assert_close, lcg_parameters, pid_cases};
use mmml::quantification::presets::random_weights;
use mmml::quantification::{JointTable, Measure, decompose};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn every_measure_matches_the_references_in_webassembly() {
    for case in pid_cases() {
        let p = match lcg_parameters(&case.name) {
            Some((n, seed)) => random_weights((n, n, n), seed),
            None => JointTable::from_nested(&case.p).unwrap(),
        };
        let table = JointTable::new(p).unwrap();
        for (name, reference) in &case.pid {
            let ours = decompose(&table, name.parse::<Measure>().unwrap()).unwrap();
            let what = |term: &str| format!("{} {name} {term}", case.name);
            assert_close(&what("R"), ours.atoms.redundancy, reference.R);
            assert_close(&what("U1"), ours.atoms.unique_1, reference.U1);
            assert_close(&what("U2"), ours.atoms.unique_2, reference.U2);
            assert_close(&what("S"), ours.atoms.synergy, reference.S);
            assert_close(&what("I(X1,X2;Y)"), ours.information.joint, case.joint);
        }
    }
}

#[wasm_bindgen_test]
fn the_javascript_interface_throws_a_message_instead_of_panicking() {
    let negative = js_sys::JSON::parse("[[[0.5, -0.1]], [[0.3, 0.3]]]").unwrap();
    let error = mmml::web::pid::decompose_js(negative, None).unwrap_err();
    let error: JsValue = error.into();
    let message = js_sys::Reflect::get(&error, &"message".into()).unwrap();
    assert_eq!(
        message.as_string().unwrap(),
        "p(x1=0, x2=0, y=1) = -0.1 is negative: probabilities must be 0 or more"
    );

    let not_a_table = JsValue::from_str("xor");
    assert!(mmml::web::pid::decompose_js(not_a_table, None).is_err());
}

#[wasm_bindgen_test]
fn the_javascript_interface_returns_bits_by_name() {
    let xor = mmml::web::pid::preset_table("xor").unwrap();
    let result = mmml::web::pid::decompose_js(xor, Some("broja".into())).unwrap();
    let synergy = js_sys::Reflect::get(&result, &"S".into()).unwrap();
    assert!((synergy.as_f64().unwrap() - 1.0).abs() < common::TOLERANCE_BITS);
    assert!(
        js_sys::Reflect::get(&result, &"q".into())
            .unwrap()
            .is_object()
    );
}

#[wasm_bindgen_test]
fn fusion_trains_in_webassembly_and_additive_fusion_still_cannot_fit_xor() {
    use mmml::representation::datasets::{DatasetConfig, Interaction};
    use mmml::representation::fusion::{FusionConfig, FusionKind};
    use mmml::representation::train::{Trainer, TrainingConfig};

    let split = DatasetConfig::univariate(Interaction::Synergy, 1)
        .generate()
        .unwrap();
    let accuracy = |kind| {
        let shape = FusionConfig {
            kind,
            dims: [1, 1],
            width: 16,
            rank: 4,
            classes: 2,
        };
        let config = TrainingConfig {
            max_steps: 1500,
            seed: 1,
            ..TrainingConfig::default()
        };
        let mut trainer = Trainer::new(shape, config, &split.train, &split.test).unwrap();
        while trainer.step() {}
        trainer.latest().test_accuracy
    };
    // The same thresholds as the native tests (tests/fusion_lab.rs).
    assert!(accuracy(FusionKind::Multiplicative) > 0.95);
    assert!(accuracy(FusionKind::Additive) < 0.60);
}

#[wasm_bindgen_test]
fn contrastive_encoders_train_in_webassembly_and_retrieve_far_above_chance() {
    use mmml::representation::coordination::paired::PairedConfig;
    use mmml::representation::coordination::train::{ContrastiveConfig, ContrastiveTrainer};

    let split = PairedConfig::default().generate().unwrap();
    let config = ContrastiveConfig {
        max_steps: 800,
        ..ContrastiveConfig::default()
    };
    let mut trainer = ContrastiveTrainer::new(config, &split.train, &split.test).unwrap();
    while trainer.step() {}
    // The same threshold as the native test (tests/coordination_lab.rs):
    // ten times chance, 1 in the held-out pairs recall is measured on.
    let latest = trainer.latest();
    let chance = 1.0 / trainer.evaluated_pairs() as f32;
    assert!(latest.recall_a_to_b > 10.0 * chance, "{latest:?}");
    assert!(latest.recall_b_to_a > 10.0 * chance, "{latest:?}");
}
