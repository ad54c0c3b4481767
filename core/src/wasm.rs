//! The core's JavaScript API (`--features wasm`): `analyze`, `convert` and `version`,
//! exported with wasm-bindgen for whoever loads the wasm (the playground exposes it as
//! `window.wasmBindings`).
//!
//! The boundary is deliberately thin: options come in and results go out as structured
//! JS values through serde-wasm-bindgen, the same `Serialize` types the CLI prints, so
//! there is no second JSON schema to keep in step and no string parsing on either side.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::package::{self, ConvertOptions, Project};
use crate::{AnalyzeOptions, VERSION};

/// JS-side options for `convert`: all optional, camelCase as JS callers expect.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct JsConvertOptions {
    handler: Option<String>,
    event_type: Option<String>,
    package_name: Option<String>,
}

/// `convert`'s result as one tagged object, so a JS caller checks `ok` instead of
/// wrapping every call in try/catch: `{ok: true, project}` or `{ok: false, diagnostics}`.
#[derive(Serialize)]
#[serde(untagged)]
enum ConvertResult<'a> {
    Ok {
        ok: bool,
        project: &'a Project,
    },
    Err {
        ok: bool,
        diagnostics: &'a [Diagnostic],
    },
}

/// Plain objects, not ES `Map`s, for serde maps (the default would hand JS a `Map`).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value
        .serialize(&serializer)
        .map_err(|e| JsError::new(&e.to_string()))
}

/// `undefined`/`null` mean "no options"; anything else must have the documented shape.
fn options<T: for<'de> Deserialize<'de> + Default>(value: JsValue) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("bad options: {e}")))
}

/// Installs the panic hook (once; later calls are a cheap check) so a bug in the core
/// shows its message in the console instead of wasm's bare "unreachable". Not a
/// `#[wasm_bindgen(start)]`: the app that embeds the core may have its own `main`.
fn hook() {
    console_error_panic_hook::set_once();
}

/// `analyze(source, {handler?, eventType?})` → the analysis report (handler, event with
/// confidence/evidence/alternatives, annotations, diagnostics, optimizations).
#[wasm_bindgen]
pub fn analyze(source: &str, options: JsValue) -> Result<JsValue, JsError> {
    #[derive(Default, Deserialize)]
    #[serde(default, rename_all = "camelCase")]
    struct JsAnalyzeOptions {
        handler: Option<String>,
        event_type: Option<String>,
    }
    hook();
    let o: JsAnalyzeOptions = self::options(options)?;
    let analysis = crate::analyze(
        source,
        &AnalyzeOptions {
            handler: o.handler,
            event_type: o.event_type,
        },
    );
    to_js(&analysis)
}

/// `convert(source, {handler?, eventType?, packageName?})` → `{ok: true, project: {name,
/// files: [{path, contents}], diagnostics, event_source, rust_type, runtime}}` or `{ok: false,
/// diagnostics}`. Only malformed options throw. Built without `embedded-runtime` (as the
/// playground is), `files` lacks the support modules listed in `runtime`: the caller adds
/// each as `src/py/<name>` from `pyrt/src/<name>`.
#[wasm_bindgen]
pub fn convert(source: &str, options: JsValue) -> Result<JsValue, JsError> {
    hook();
    let o: JsConvertOptions = self::options(options)?;
    let opts = ConvertOptions {
        handler: o.handler,
        event_type: o.event_type,
        package_name: o.package_name,
    };
    match package::convert(source, &opts) {
        Ok(project) => to_js(&ConvertResult::Ok {
            ok: true,
            project: &project,
        }),
        Err(diagnostics) => to_js(&ConvertResult::Err {
            ok: false,
            diagnostics: &diagnostics,
        }),
    }
}

/// The core's version (also part of every generated project's cache key).
#[wasm_bindgen]
pub fn version() -> String {
    VERSION.to_owned()
}
