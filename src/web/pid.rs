//! The PID calculator's JavaScript interface.

use ndarray::Array3;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{from_js, plot, to_js};
use crate::data::CsvTable;
use crate::quantification::empirical::joint_table_from_csv;
use crate::quantification::information::InformationTerms;
use crate::quantification::presets::random_weights;
use crate::quantification::table::{MAX_VALUES, to_nested};
use crate::quantification::{Decomposition, JointTable, Measure, Preset, decompose};

/// The largest random table the benchmark entry point builds.
const BENCHMARK_MAX_VALUES: usize = 16;

const TABLE: &str = "a table of numbers as nested arrays p[x1][x2][y]";

/// A decomposition as JavaScript sees it: the atoms and information terms as
/// numbers in bits, and BROJA's optimal coupling `q` as nested arrays.
#[derive(Serialize)]
struct DecompositionView {
    #[serde(flatten)]
    decomposition: Decomposition,
    #[serde(skip_serializing_if = "Option::is_none")]
    q: Option<Vec<Vec<Vec<f64>>>>,
}

impl From<Decomposition> for DecompositionView {
    fn from(decomposition: Decomposition) -> Self {
        let q = decomposition.coupling.as_ref().map(to_nested);
        Self { decomposition, q }
    }
}

fn read_table(table: JsValue) -> Result<Array3<f64>, JsError> {
    let rows: Vec<Vec<Vec<f64>>> = from_js(table, TABLE)?;
    Ok(JointTable::from_nested(&rows)?)
}

fn read_measure(measure: Option<String>) -> Result<Measure, JsError> {
    Ok(measure.as_deref().unwrap_or("broja").parse()?)
}

/// Decomposes `I(X1, X2; Y)` of the table `p[x1][x2][y]` (cells summing to 1)
/// with `measure` ("broja", the default, "imin" or "mmi").
///
/// Returns `{measure, R, U1, U2, S, I_X1_Y, I_X2_Y, I_X1X2_Y, coinformation}`
/// in bits, plus `q` and `iterations` for BROJA. Throws an `Error` whose
/// message says what is wrong with the table.
#[wasm_bindgen(js_name = decompose)]
pub fn decompose_js(table: JsValue, measure: Option<String>) -> Result<JsValue, JsError> {
    let measure = read_measure(measure)?;
    let table = JointTable::new(read_table(table)?)?;
    to_js(&DecompositionView::from(decompose(&table, measure)?))
}

/// `{I_X1_Y, I_X2_Y, I_X1X2_Y, coinformation}` of a table, in bits: the
/// classical terms, which need no solver.
#[wasm_bindgen(js_name = informationTerms)]
pub fn information_terms(table: JsValue) -> Result<JsValue, JsError> {
    let table = JointTable::new(read_table(table)?)?;
    to_js(&InformationTerms::of(table.p()))
}

/// The table divided by the sum of its cells. Throws for negative or
/// non-finite cells and for an all-zero table.
#[wasm_bindgen]
pub fn normalise(table: JsValue) -> Result<JsValue, JsError> {
    let table = JointTable::normalised(read_table(table)?)?;
    to_js(&table.to_nested())
}

/// The preset table called `name`: xor, and, or, rdn, unq, copy or sum.
#[wasm_bindgen(js_name = presetTable)]
pub fn preset_table(name: &str) -> Result<JsValue, JsError> {
    let preset = Preset::from_name(name).ok_or_else(|| {
        JsError::new(&format!(
            "unknown preset {name:?}: choose xor, and, or, rdn, unq, copy or sum"
        ))
    })?;
    to_js(&preset.table().to_nested())
}

/// A seeded random table of shape `(x1, x2, y)`, each from 1 to 8.
#[wasm_bindgen(js_name = randomTable)]
pub fn random_table(x1: usize, x2: usize, y: usize, seed: u64) -> Result<JsValue, JsError> {
    let table = JointTable::normalised(random_weights((x1, x2, y), seed))?;
    to_js(&table.to_nested())
}

/// The most values a variable may take in a table given to [`decompose_js`].
#[wasm_bindgen(js_name = maxValues)]
pub fn max_values() -> usize {
    MAX_VALUES
}

/// BROJA of the seeded random `n x n x n` table (n up to 16), for benchmarks
/// that time the solve and not the transfer of a table from JavaScript.
#[wasm_bindgen(js_name = brojaOfRandomTable)]
pub fn broja_of_random_table(n: usize, seed: u64) -> Result<JsValue, JsError> {
    let weights = random_weights((n, n, n), seed);
    let table = JointTable::normalised_with_limit(weights, BENCHMARK_MAX_VALUES)?;
    let decomposition = decompose(&table, Measure::Broja)?;
    to_js(&decomposition.atoms)
}

/// Draws the atoms of one or more decompositions as grouped bars on the
/// canvas with id `canvas_id`. `decompositions` is an array of results of
/// `decompose`; `theme` is `{scale, dark, large}`.
#[wasm_bindgen(js_name = drawAtoms)]
pub fn draw_atoms(canvas_id: &str, decompositions: JsValue, theme: JsValue) -> Result<(), JsError> {
    let series: Vec<plot::AtomSeries> = from_js(decompositions, "an array of decompositions")?;
    let theme: plot::Theme = from_js(theme, "a theme {scale, dark, large}")?;
    plot::atoms(canvas_id, &series, &theme).map_err(|error| JsError::new(&error))
}

/// Draws a table `p[x1][x2][y]` as one heatmap of (x1, x2) per value of y,
/// with the values written in the cells when they fit.
#[wasm_bindgen(js_name = drawTable)]
pub fn draw_table(canvas_id: &str, table: JsValue, theme: JsValue) -> Result<(), JsError> {
    let p = read_table(table)?;
    let theme: plot::Theme = from_js(theme, "a theme {scale, dark, large}")?;
    plot::table(canvas_id, &p, &theme).map_err(|error| JsError::new(&error))
}

/// The column names of a CSV text: its first row when `has_header`, else
/// "column 1", "column 2", ... Throws with the line of any malformed row.
#[wasm_bindgen(js_name = csvColumns)]
pub fn csv_columns(text: &str, has_header: bool) -> Result<JsValue, JsError> {
    to_js(&CsvTable::parse(text, has_header)?.columns)
}

/// The joint table of the CSV columns named `x1`, `x2` and `y`: samples
/// counted and divided by their number. Numeric columns with more than 8
/// distinct values are cut into `bins` equal-count bins. Returns
/// `{table, labels: [x1 labels, x2 labels, y labels], samples}`.
#[wasm_bindgen(js_name = tableFromCsv)]
pub fn table_from_csv(
    text: &str,
    has_header: bool,
    x1: &str,
    x2: &str,
    y: &str,
    bins: usize,
) -> Result<JsValue, JsError> {
    let csv = CsvTable::parse(text, has_header)?;
    to_js(&joint_table_from_csv(&csv, [x1, x2, y], bins)?)
}
