//! The browser glue: everything JavaScript calls, and nothing else.
//!
//! The maths modules never import this one. Each function here converts
//! JavaScript values in, calls the maths, and converts the answer or the
//! error out; errors become JavaScript exceptions carrying the message of
//! [`crate::Error`]. A panic is a bug: the hook installed by [`start`]
//! reports it to the console and to the page's `onPanic` callback.

#[cfg(feature = "coordination")]
pub mod cca;
#[cfg(feature = "coordination")]
pub mod coordination;
#[cfg(feature = "fusion")]
pub mod fusion;
#[cfg(feature = "pid")]
pub mod pid;
#[cfg(feature = "pid")]
mod plot;
pub mod state;

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;

thread_local! {
    static PANIC_LISTENER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Installs the panic hook and the console logger (warnings only by default).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let message = format!("internal error in mmml: {info}");
        PANIC_LISTENER.with(|listener| {
            if let Some(listener) = listener.borrow().as_ref() {
                let _ = listener.call1(&JsValue::NULL, &JsValue::from_str(&message));
            }
        });
    }));
    set_log_level("warn");
}

/// Registers `callback(message)` to be told of a panic, so the page can say
/// that something broke instead of silently freezing.
#[wasm_bindgen(js_name = onPanic)]
pub fn on_panic(callback: js_sys::Function) {
    PANIC_LISTENER.with(|listener| *listener.borrow_mut() = Some(callback));
}

/// Sets how much the crate logs to the browser console: "error", "warn",
/// "info", "debug" or "trace". Unknown names leave it at "warn".
#[wasm_bindgen(js_name = setLogLevel)]
pub fn set_log_level(level: &str) {
    let level = level.parse().unwrap_or(log::Level::Warn);
    #[cfg(target_arch = "wasm32")]
    {
        // The logger can be installed once; later calls only move the level.
        let _ = console_log::init_with_level(log::Level::Trace);
    }
    log::set_max_level(level.to_level_filter());
}

/// A Rust value as a plain JavaScript object (no `Map`s).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| JsError::new(&error.to_string()))
}

/// A JavaScript value read as `T`, with a message that says what was expected.
fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, expected: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value)
        .map_err(|error| JsError::new(&format!("expected {expected}: {error}")))
}
