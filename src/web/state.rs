//! Reading a page's settings from its link (see [`crate::url_state`]).

use wasm_bindgen::prelude::*;

use super::{from_js, to_js};
use crate::url_state::{Schema, read_state};

/// Reads the settings `schema` (an array of `[name, field]`, each field
/// `{kind: "integer" | "number" | "choice" | "flag" | "text", ...}`) from
/// `query`. Returns `{state: [[name, value], ...], notices: [...]}`; an
/// invalid value in the link never fails, it falls back with a notice.
#[wasm_bindgen(js_name = readUrlState)]
pub fn read_url_state(schema: JsValue, query: &str) -> Result<JsValue, JsError> {
    let schema: Schema = from_js(schema, "a settings schema [[name, field], ...]")?;
    to_js(&read_state(&schema, query))
}
