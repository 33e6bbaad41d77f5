//! The fuzz targets' bodies, one function per entry point of the crate that
//! reads user data. Each takes the fuzzer's bytes, feeds them in the way the
//! page or the command line would, and panics only on a bug: a panic inside
//! the crate, or an answer the page could not show.
//!
//! `tests/fuzz_regressions.rs` in the main crate includes this file and
//! replays every input saved under `tests/fixtures/fuzz/`, so each crash the
//! fuzzer found stays a test after it is fixed.

use mmml::data::CsvTable;
use mmml::quantification::empirical::joint_table_from_csv;
use mmml::quantification::{JointTable, Measure, decompose};
use mmml::representation::coordination::cca::Cca;
use mmml::representation::coordination::fission::fission;
use mmml::representation::coordination::kernel_cca::KernelCca;
use mmml::representation::datasets::{DatasetConfig, Source};
use mmml::representation::fusion::{FusionConfig, FusionKind};
use mmml::representation::probe::{EXTENT, emap_accuracy, probability_map};
use mmml::representation::train::{Trainer, TrainingConfig};
use mmml::url_state::{Field, Schema, read_state};
use serde::Deserialize;

/// How far the three PID identities and BROJA's non-negativity may be off,
/// in bits. Looser than the property tests' 1e-6 because fuzzed tables reach
/// cells near the smallest floating-point numbers, where the solver's
/// tolerance of 1e-7 nats is all that is promised.
pub const TOLERANCE_BITS: f64 = 1e-5;

/// Optimiser steps the fusion target takes: enough to pass an evaluation.
const FUSION_STEPS: usize = 30;
/// The side of the fusion target's probability map (the page's is 100).
const FUSION_MAP_RESOLUTION: usize = 8;
/// Test samples the fusion target's EMAP looks at (the page's is 200).
const FUSION_EMAP_SAMPLES: usize = 20;

/// The PID table as the page, the JavaScript interface and the `pid` command
/// receive it: JSON nested arrays `p[x1][x2][y]`, checked as typed (cells
/// summing to 1) or else normalised, then decomposed with every measure.
pub fn pid_table(data: &[u8]) {
    let Ok(rows) = serde_json::from_slice::<Vec<Vec<Vec<f64>>>>(data) else {
        return;
    };
    let Ok(p) = JointTable::from_nested(&rows) else {
        return;
    };
    // A table that does not sum to 1 is what "Normalise" is for.
    let table = match JointTable::new(p.clone()) {
        Ok(table) => table,
        Err(_) => match JointTable::normalised(p) {
            Ok(table) => table,
            Err(_) => return,
        },
    };
    check_decompositions(&table);
}

/// The same entry point as [`pid_table`], fed tables of the right shape
/// directly so that the fuzzer spends its time in the measures rather than
/// the JSON parser: the first three bytes give the number of values of X1,
/// X2 and Y (1 to 8), then two bytes per cell give a weight from 0 to 255
/// and a power of ten to scale it down by, from 1 to 1e-330, so that tables
/// mix everyday and vanishing cells. The weights are normalised.
pub fn pid_weights(data: &[u8]) {
    let [n1, n2, ny, cells @ ..] = data else {
        return;
    };
    let shape = [n1, n2, ny].map(|&n| usize::from(n % 8) + 1);
    let weights: Vec<f64> = cells
        .chunks_exact(2)
        .map(|pair| f64::from(pair[0]) * 10f64.powi(-i32::from(pair[1].saturating_sub(200)) * 6))
        .chain(std::iter::repeat(0.0))
        .take(shape.iter().product())
        .collect();
    let rows: Vec<Vec<Vec<f64>>> = weights
        .chunks(shape[1] * shape[2])
        .map(|plane| plane.chunks(shape[2]).map(<[f64]>::to_vec).collect())
        .collect();
    let p = JointTable::from_nested(&rows).expect("the rows are cut to one shape");
    let Ok(table) = JointTable::normalised(p) else {
        return;
    };
    check_decompositions(&table);
}

/// A CSV file as a student uploads it: any text, with or without a header
/// row (the first byte chooses). Parsing either fails with a message or
/// gives a rectangular table whose rows name their lines.
pub fn csv_table(data: &[u8]) {
    let Some((&flags, text)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let Ok(table) = CsvTable::parse(text, flags & 1 == 1) else {
        return;
    };

    assert!(!table.rows.is_empty());
    assert_eq!(table.rows.len(), table.lines.len());
    assert!(
        table
            .rows
            .iter()
            .all(|row| row.len() == table.columns.len())
    );
    let last_line = text.matches('\n').count() + 1;
    assert!(
        table
            .lines
            .iter()
            .all(|&line| (1..=last_line).contains(&line)),
        "lines {:?} outside 1..={last_line}",
        table.lines
    );
    assert!(table.lines.windows(2).all(|pair| pair[0] <= pair[1]));
    for name in &table.columns {
        assert!(table.column(name).is_ok());
    }
}

/// The road from a student's CSV to the PID: parse the text, pick three
/// columns and a number of bins (the first five bytes choose the header
/// flag, the bins and the columns, one of which may be missing), count the
/// samples into a joint table, and decompose it with every measure.
pub fn empirical_table(data: &[u8]) {
    let [flags, bins, x1, x2, y, text @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let Ok(csv) = CsvTable::parse(text, flags & 1 == 1) else {
        return;
    };
    // One choice past the last column names a column that is not there.
    let pick = |choice: u8| {
        csv.columns
            .get(usize::from(choice) % (csv.columns.len() + 1))
            .map_or("no such column", String::as_str)
    };
    let names = [pick(*x1), pick(*x2), pick(*y)];
    let Ok(empirical) = joint_table_from_csv(&csv, names, usize::from(*bins % 12)) else {
        return;
    };

    assert_eq!(empirical.samples, csv.rows.len());
    let p = JointTable::from_nested(&empirical.table).expect("a counted table is rectangular");
    let (n1, n2, ny) = p.dim();
    let [labels_1, labels_2, labels_y] = &empirical.labels;
    assert_eq!(
        (labels_1.len(), labels_2.len(), labels_y.len()),
        (n1, n2, ny)
    );
    let table = JointTable::new(p).expect("a counted table sums to 1");
    check_decompositions(&table);
}

/// Decomposes `table` with every measure and checks each answer that is not
/// an error: no NaN or infinity (the page would print "NaN"), the three
/// identities within [`TOLERANCE_BITS`], and no negative BROJA atom.
pub fn check_decompositions(table: &JointTable) {
    for measure in Measure::ALL {
        let Ok(decomposition) = decompose(table, measure) else {
            continue;
        };
        let atoms = decomposition.atoms;
        let terms = decomposition.information;
        let values = [
            atoms.redundancy,
            atoms.unique_1,
            atoms.unique_2,
            atoms.synergy,
            terms.x1_y,
            terms.x2_y,
            terms.joint,
        ];
        assert!(
            values.iter().all(|value| value.is_finite()),
            "{measure}: a term is not finite: {decomposition:?}"
        );

        let identities = [
            atoms.redundancy + atoms.unique_1 - terms.x1_y,
            atoms.redundancy + atoms.unique_2 - terms.x2_y,
            atoms.redundancy + atoms.unique_1 + atoms.unique_2 + atoms.synergy - terms.joint,
        ];
        assert!(
            identities.iter().all(|gap| gap.abs() < TOLERANCE_BITS),
            "{measure}: an identity fails by {identities:?}: {decomposition:?}"
        );

        if measure == Measure::Broja {
            assert!(
                values[..4].iter().all(|&atom| atom > -TOLERANCE_BITS),
                "BROJA: a negative atom: {atoms:?}"
            );
        }
    }
}

/// The fusion lab's settings as the page sends them (the fields of
/// `FusionLab::new` in `src/web/fusion.rs`, which keeps its struct private).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FusionSettings {
    dataset: DatasetConfig,
    fusion: FusionKind,
    width: usize,
    rank: usize,
    training: TrainingConfig,
}

/// The fusion lab as the page drives it: settings as JSON, from the page's
/// controls or a link, then the data drawn, the model built, a few training
/// steps, and the maps and EMAP the page draws. Each step either refuses
/// the settings with a message or works; what it returns must be finite.
pub fn fusion_settings(data: &[u8]) {
    let Ok(settings) = serde_json::from_slice::<FusionSettings>(data) else {
        return;
    };
    let Ok(split) = settings.dataset.generate() else {
        return;
    };
    let fusion = FusionConfig {
        kind: settings.fusion,
        dims: [split.train.a.ncols(), split.train.b.ncols()],
        width: settings.width,
        rank: settings.rank,
        classes: split.train.classes,
    };
    let Ok(mut trainer) = Trainer::new(fusion, settings.training, &split.train, &split.test) else {
        return;
    };
    trainer.train(FUSION_STEPS);

    let latest = trainer.latest();
    assert!(latest.train_accuracy.is_finite() && latest.test_accuracy.is_finite());
    let model = trainer.model();
    if settings.dataset.source == Source::Univariate {
        let map = probability_map(&model, FUSION_MAP_RESOLUTION, EXTENT);
        assert_eq!(map.len(), FUSION_MAP_RESOLUTION * FUSION_MAP_RESOLUTION);
    }
    let emap = emap_accuracy(&model, &split.test, FUSION_EMAP_SAMPLES);
    assert!(emap.accuracy.is_finite() && emap.projected_accuracy.is_finite());
}

/// Ridges the CCA target picks from: the valid range with its edges and a
/// vanishing one, and values a student may type that must be refused.
const CCA_RIDGES: [f64; 8] = [0.0, 1e-300, 1e-6, 1e-3, 0.5, 1.0, -0.5, f64::NAN];
/// Kernel CCA runs on inputs of at most this many samples (its cost is n^3).
const KERNEL_CCA_MAX_SAMPLES: usize = 40;

/// Two modalities as the `cca` command and the coordination lab receive
/// them: a numeric CSV (any text) whose columns are split into A and B at a
/// place the second byte chooses, and a ridge the first byte chooses. Fits
/// linear CCA; on small inputs also kernel CCA (bandwidth and components
/// from the third byte) and the fission of A by its canonical variates.
/// Every answer that is not an error must be finite, correlations in
/// [0, 1], fractions in [0, 1].
pub fn cca_input(data: &[u8]) {
    let [choice, split, kernel, text @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let Ok(table) = CsvTable::parse_numeric(text) else {
        return;
    };
    let Ok(values) = table.numbers(&(0..table.columns.len()).collect::<Vec<_>>()) else {
        return;
    };
    let width = values.ncols();
    // One column alone is compared with itself.
    let (a, b) = if width < 2 {
        (values.view(), values.view())
    } else {
        let split = 1 + usize::from(*split) % (width - 1);
        (
            values.slice(ndarray::s![.., ..split]),
            values.slice(ndarray::s![.., split..]),
        )
    };
    let ridge = CCA_RIDGES[usize::from(*choice) % CCA_RIDGES.len()];

    if let Ok(cca) = Cca::fit(a, b, ridge) {
        assert_eq!(cca.correlations.len(), a.ncols().min(b.ncols()));
        assert!(
            cca.correlations.iter().all(|rho| (0.0..=1.0).contains(rho)),
            "correlations {:?}",
            cca.correlations
        );
        assert!(cca.directions_a.iter().all(|value| value.is_finite()));
        assert!(cca.directions_b.iter().all(|value| value.is_finite()));
        if a.nrows() <= KERNEL_CCA_MAX_SAMPLES {
            let variates = cca.variates_a(a);
            if let Ok(split) = fission(a, variates.view()) {
                assert!((0.0..=1.0).contains(&split.shared), "{split:?}");
                assert!((split.shared + split.specific - 1.0).abs() < 1e-12);
            }
        }
    }

    if a.nrows() <= KERNEL_CCA_MAX_SAMPLES {
        let bandwidth = [1e-300, 0.1, 1.0, 1e300][usize::from(*kernel) % 4];
        let regularisation = ridge.abs().max(1e-12);
        let components = 1 + usize::from(*kernel / 4) % a.nrows().max(1);
        if let Ok(fitted) = KernelCca::fit(a, b, bandwidth, bandwidth, regularisation, components) {
            assert!(
                fitted
                    .correlations
                    .iter()
                    .all(|rho| (0.0..=1.0).contains(rho)),
                "kernel correlations {:?}",
                fitted.correlations
            );
            assert!(fitted.variates_a.iter().all(|value| value.is_finite()));
            assert!(fitted.variates_b.iter().all(|value| value.is_finite()));
        }
    }
}

/// A page's settings as a link gives them: the bytes up to the first newline
/// are a schema in JSON (`[[name, {"kind": ...}], ...]`) or, if they are not
/// one, the PID page's schema is used; the rest is the query string. Reading
/// never fails, gives every setting of the schema in its order, and each
/// value is the default or one the field accepts as the link would write it.
pub fn url_state(data: &[u8]) {
    let (head, query) = match data.iter().position(|&byte| byte == b'\n') {
        Some(newline) => (&data[..newline], &data[newline + 1..]),
        None => (&data[..0], data),
    };
    let schema: Schema = serde_json::from_slice(head).unwrap_or_else(|_| pid_page_schema());
    let query = String::from_utf8_lossy(query);
    let read = read_state(&schema, &query);

    assert_eq!(read.state.len(), schema.len());
    // At most two per setting: values that differ, and an invalid first one.
    assert!(read.notices.len() <= 2 * schema.len());
    for ((name, field), (read_name, value)) in schema.iter().zip(&read.state) {
        assert_eq!(name, read_name);
        if *value != field.fallback() {
            assert_eq!(
                field.parse(&value.to_string()).as_ref(),
                Some(value),
                "{name}: {value} does not read back as itself"
            );
        }
    }
}

/// The settings of pid.html, as its script lists them.
fn pid_page_schema() -> Schema {
    let words = |list: &[&str]| list.iter().map(|word| (*word).to_owned()).collect();
    vec![
        (
            "preset".into(),
            Field::Choice {
                values: words(&[
                    "xor", "and", "or", "rdn", "unq", "copy", "sum", "random", "custom",
                ]),
                fallback: "xor".into(),
            },
        ),
        (
            "seed".into(),
            Field::Integer {
                min: 0,
                max: 4_294_967_295,
                fallback: 7,
            },
        ),
        (
            "n1".into(),
            Field::Integer {
                min: 2,
                max: 8,
                fallback: 3,
            },
        ),
        (
            "cells".into(),
            Field::Text {
                max_chars: 20_000,
                fallback: String::new(),
            },
        ),
        (
            "noise".into(),
            Field::Number {
                min: 0.0,
                max: 1.0,
                fallback: 0.0,
            },
        ),
        ("compare".into(), Field::Flag { fallback: false }),
    ]
}
